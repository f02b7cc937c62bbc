//! calque as a CI gate: a fixture repository checked in every format.
//!
//! Every expected-findings run passes `--no-builtin`, so only the fixture's
//! own rules (tests/fixtures/repo/style/rules) run.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The fixture repository in a temporary directory, with a git-ignored
/// draft (which must never be reported).
fn repo() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/repo"),
        &root,
    );
    std::fs::create_dir_all(root.join("drafts")).unwrap();
    std::fs::write(root.join("drafts/wip.md"), "Drafted till now.\n").unwrap();
    (tmp, root)
}

fn calque(root: &Path) -> Command {
    let mut cmd = Command::cargo_bin("calque").unwrap();
    cmd.current_dir(root).env("NO_COLOR", "1");
    cmd
}

fn check(root: &Path, args: &[&str]) -> (String, String, i32) {
    let out = calque(root)
        .args(["check", "--no-builtin"])
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

fn stable(s: &str) -> String {
    s.replace(env!("CARGO_PKG_VERSION"), "[version]")
}

#[test]
fn every_format_gives_the_expected_findings() {
    let (_tmp, root) = repo();
    for format in [
        "concise",
        "json",
        "github",
        "sarif",
        "rdjson",
        "checkstyle",
        "junit",
    ] {
        let (out, err, code) = check(&root, &["--format", format, "."]);
        assert_eq!(code, 1, "{format}: {err}");
        assert!(!out.contains("drafts"), "{format}: ignored file reported");
        insta::assert_snapshot!(format!("fixture_{format}"), stable(&out));
    }
}

#[test]
fn spans_are_the_exact_bytes_of_the_file() {
    let (_tmp, root) = repo();
    let (out, _, _) = check(&root, &["--format", "json", "."]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 13);
    for f in findings {
        let file = std::fs::read_to_string(root.join(f["path"].as_str().unwrap())).unwrap();
        let (s, e) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        let raw = &file[s..e];
        assert_eq!(raw, f["text"].as_str().unwrap());
        // Decoded, the bytes are exactly what the rule flags.
        let decoded = raw
            .replace("&#39;", "'")
            .replace("&rsquo;", "'")
            .to_lowercase();
        let expected = [
            "till now",
            "in the margin of",
            "discussed about",
            "informations",
            "it's needed that",
        ];
        assert!(expected.contains(&decoded.as_str()), "{raw:?}");
    }
    let html: Vec<&str> = findings
        .iter()
        .filter(|f| f["path"].as_str().unwrap().ends_with(".html"))
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert!(html.contains(&"it&rsquo;s needed that"));
}

#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    let (_tmp, root) = repo();
    let (out, _, _) = check(&root, &["--format", "sarif", "."]);
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-schema-2.1.0.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft4::new(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 13);
    assert!(results
        .iter()
        .all(|r| r["partialFingerprints"]["calque/v1"].is_string()));
    // An empty run validates too.
    let empty = tempfile::tempdir().unwrap();
    std::fs::write(empty.path().join("clean.txt"), "All quiet.\n").unwrap();
    let (out, _, code) = check(empty.path(), &["--isolated", "--format", "sarif", "."]);
    assert_eq!(code, 0);
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(validator.is_valid(&sarif));
}

#[test]
fn exit_codes_follow_fail_on_and_max_density() {
    let (_tmp, root) = repo();
    // Errors exist (informations is raised to error by the config).
    assert_eq!(check(&root, &["--quiet", "--fail-on", "error", "."]).2, 1);
    // Only warnings and infos in the archive.
    let archive = "press/archive";
    assert_eq!(
        check(&root, &["--quiet", "--fail-on", "error", archive]).2,
        0
    );
    assert_eq!(
        check(&root, &["--quiet", "--fail-on", "warning", archive]).2,
        1
    );
    // The archive file: 1 finding in 17 words, about 59 per 1,000.
    let (_, err, code) = check(
        &root,
        &["--fail-on", "error", "--max-density", "50", archive],
    );
    assert_eq!(code, 1);
    assert!(err.contains("over --max-density 50"), "{err}");
    assert_eq!(
        check(
            &root,
            &[
                "--quiet",
                "--fail-on",
                "error",
                "--max-density",
                "100",
                archive
            ]
        )
        .2,
        0
    );
    // --quiet prints nothing.
    let (out, err, _) = check(&root, &["--quiet", "."]);
    assert_eq!((out.as_str(), err.as_str()), ("", ""));
}

#[test]
fn baseline_round_trips() {
    let (_tmp, root) = repo();
    let (_, err, code) = check(&root, &["--write-baseline", "calque-baseline.json", "."]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("wrote 13 findings"), "{err}");
    let (out, _, code) = check(
        &root,
        &[
            "--baseline",
            "calque-baseline.json",
            "--format",
            "concise",
            ".",
        ],
    );
    assert_eq!((out.as_str(), code), ("", 0));
    // Lines move (not new), and one new finding is added.
    let brief = root.join("notes/brief.txt");
    let text = std::fs::read_to_string(&brief).unwrap();
    std::fs::write(
        &brief,
        format!("A new first paragraph.\n\n{text}\nMore informations arrived.\n"),
    )
    .unwrap();
    let (out, _, code) = check(
        &root,
        &[
            "--baseline",
            "calque-baseline.json",
            "--format",
            "concise",
            ".",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("calque.tfa.informations"), "{out}");
}

#[test]
fn statistics_and_unused_suppressions() {
    let (_tmp, root) = repo();
    let (out, _, _) = check(&root, &["--statistics", "."]);
    insta::assert_snapshot!("fixture_statistics", out);
    let (out, _, _) = check(
        &root,
        &[
            "--report-unused-suppressions",
            "--format",
            "concise",
            "press",
        ],
    );
    let unused: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("calque.meta.unused-suppression"))
        .collect();
    assert_eq!(unused.len(), 1, "{out}");
    assert!(
        unused[0].starts_with("press/2024-summit.md:26:1:"),
        "{}",
        unused[0]
    );
}

#[test]
fn exclude_and_isolated() {
    let (_tmp, root) = repo();
    let (out, _, _) = check(
        &root,
        &[
            "--format",
            "concise",
            "--exclude",
            "web",
            "--exclude",
            "press/archive/**",
            ".",
        ],
    );
    assert!(!out.contains("web/") && !out.contains("archive"), "{out}");
    assert!(out.contains("press/2024-summit.md"));
    // --isolated: no config, so no test rules and nothing found.
    let (out, _, code) = check(&root, &["--isolated", "--format", "concise", "."]);
    assert_eq!((out.as_str(), code), ("", 0));
    // Flags override the config.
    let (out, _, _) = check(
        &root,
        &[
            "--format",
            "concise",
            "--select",
            "calque.tfa.till-now",
            ".",
        ],
    );
    assert!(
        out.lines().all(|l| l.contains("calque.tfa.till-now")),
        "{out}"
    );
    assert_eq!(out.lines().count(), 3, "{out}");
}

#[test]
fn config_command_and_errors() {
    let (_tmp, root) = repo();
    let out = calque(&root)
        .args(["config", "press/archive/2019-visit.md"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let text = text.replace(root.to_str().unwrap(), "[repo]");
    insta::assert_snapshot!("config_archive", text);

    std::fs::write(
        root.join("press/.calque.toml"),
        "select = [\"calque\"]\nfail_on = \"loudly\"\n",
    )
    .unwrap();
    let (_, err, code) = check(&root, &["press"]);
    assert_eq!(code, 2);
    assert!(err.contains(".calque.toml:2:"), "{err}");
    assert!(err.contains("fail_on = \"loudly\""), "{err}");
}
