//! The `calque check` command line: formats, exit codes, bad input.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const FIXTURE_RULES: &str = "tests/fixtures/rules";

fn calque() -> Command {
    Command::cargo_bin("calque").unwrap()
}

/// `calque check` with only the fixture rules.
fn check() -> Command {
    let mut cmd = calque();
    cmd.args(["check", "--no-builtin", "--rules", FIXTURE_RULES]);
    cmd
}

fn jsonl(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const STORY: &str = "Iran hosts police summit\n\nThe chief, brigadier general Kamran Rostami, spoke in the margin of the summit.\nThe ministers discussed about “cyber crime”.\n";

#[test]
fn human_output_looks_like_rustc() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.txt");
    std::fs::write(&path, STORY).unwrap();
    let out = check()
        .args(["--format", "human", "--color", "never"])
        .arg(&path)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out)
        .unwrap()
        .replace(&path.display().to_string(), "story.txt");
    insta::assert_snapshot!(text);
}

#[test]
fn concise_output_is_one_line_per_finding() {
    check()
        .args(["--format", "concise", "-"])
        .write_stdin(STORY)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "-:3:52: warning[calque.test.in-the-margin-of]:",
        ))
        .stdout(predicate::function(|s: &str| s.lines().count() == 3));
}

#[test]
fn json_offsets_slice_the_flagged_text_with_bom_and_crlf() {
    let text = "\u{feff}Title line\r\n\r\n“Quote” — in the margin of the summit.\r\nThey discussed about it.\r\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crlf.txt");
    std::fs::write(&path, text).unwrap();
    let out = check()
        .args(["--format", "jsonl"])
        .arg(&path)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let findings = jsonl(&out);
    assert_eq!(findings.len(), 2);
    for f in &findings {
        let (s, e) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], f["text"].as_str().unwrap());
        for key in [
            "path",
            "rule",
            "pack",
            "category",
            "severity",
            "message",
            "fix_safety",
        ] {
            assert!(f.get(key).is_some(), "missing {key}");
        }
    }
    let margin = &findings[0];
    assert_eq!(margin["text"], "in the margin of");
    assert_eq!(margin["line"], 3);
    // Columns count characters: “Quote” — is 10 characters before "in".
    assert_eq!(margin["column"], 11);
    assert_eq!(margin["end_column"], 27);
    assert_eq!(
        margin["replacements"],
        serde_json::json!(["on the sidelines of"])
    );
    assert_eq!(margin["fix_safety"], "safe");
    assert_eq!(findings[1]["line"], 4);
    assert_eq!(
        findings[1]["replacements"],
        serde_json::json!(["discussed"])
    );
}

#[test]
fn json_document_has_findings_and_density() {
    let out = check()
        .args(["--format", "json", "-"])
        .write_stdin(STORY)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["findings"].as_array().unwrap().len(), 3);
    let file = &doc["files"][0];
    assert_eq!(file["findings"], 3);
    assert!(file["density"].as_f64().unwrap() > 100.0);
}

#[test]
fn clean_text_exits_zero_and_prints_nothing() {
    check()
        .args(["--format", "human", "-"])
        .write_stdin("The ministers met on the sidelines of the summit.\n")
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn fail_on_error_ignores_warnings() {
    check()
        .args(["--fail-on", "error", "--format", "concise", "-"])
        .write_stdin(STORY)
        .assert()
        .code(0);
}

#[test]
fn bad_paths_are_reported_and_other_files_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "They met in the margin of the summit.\n").unwrap();
    let invalid = dir.path().join("invalid.txt");
    std::fs::write(&invalid, b"Valid start \xff\xfe then junk").unwrap();
    let binary = dir.path().join("binary.txt");
    std::fs::write(&binary, b"PK\x03\x04\x00\x00binary").unwrap();
    let missing = dir.path().join("missing.txt");
    check()
        .args(["--format", "concise"])
        .args([&missing, &invalid, &binary, &good])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "good.txt:1:10: warning[calque.test.in-the-margin-of]",
        ))
        .stderr(predicate::str::contains(
            "missing.txt: no such file or directory",
        ))
        .stderr(predicate::str::contains(
            "invalid.txt: invalid UTF-8 at byte 12",
        ))
        .stderr(predicate::str::contains("binary.txt: binary file"));
}

#[test]
fn directories_are_walked_for_known_extensions() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("b.txt"), "in the margin of it\n").unwrap();
    std::fs::write(dir.path().join("sub/a.md"), "in the margin of it\n").unwrap();
    std::fs::write(dir.path().join("c.rs"), "in the margin of it\n").unwrap();
    let out = check()
        .args(["--format", "jsonl"])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let paths: Vec<String> = jsonl(&out)
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths.len(), 2);
    assert!(paths[0].ends_with("b.txt") && paths[1].ends_with("a.md"));
}

#[test]
fn select_and_ignore_filter_rules() {
    let run = |args: &[&str]| {
        let out = check()
            .args(["--format", "jsonl"])
            .args(args)
            .arg("-")
            .write_stdin(STORY)
            .output()
            .unwrap();
        jsonl(&out.stdout)
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(run(&["--select", "calque"]).len(), 3);
    assert_eq!(
        run(&["--select", "capitalization"]),
        ["calque.test.lowercase-rank"]
    );
    assert_eq!(
        run(&["--ignore", "calque.test.lowercase-rank,preposition"]),
        ["calque.test.in-the-margin-of"]
    );
    assert!(run(&["--ignore", "test"]).is_empty());
}

#[test]
fn broken_rule_file_points_at_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("broken.toml");
    std::fs::write(
        &rules,
        "pack = \"x\"\n\n[[rule]]\nid = \"calque.x.y\"\ncategory = \"nonsense\"\n",
    )
    .unwrap();
    calque()
        .args(["check", "--no-builtin", "--rules"])
        .arg(&rules)
        .arg("-")
        .write_stdin("text")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.toml:5"))
        .stderr(predicate::str::contains("nonsense"));
}

#[test]
fn bad_regex_in_rule_is_reported_with_its_rule() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("bad.toml");
    std::fs::write(
        &rules,
        "pack = \"x\"\n[[rule]]\nid = \"calque.x.bad-regex\"\ncategory = \"calque\"\nseverity = \"info\"\nmessage = \"m\"\nregex = '(unclosed'\n[[rule.bad]]\ntext = \"a\"\n[[rule.good]]\ntext = \"b\"\n",
    )
    .unwrap();
    calque()
        .args(["test-rules", "--no-builtin"])
        .arg(&rules)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad.toml:2: rule `calque.x.bad-regex`: invalid regex",
        ));
}

#[test]
fn test_rules_reports_failing_examples() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("wrong.toml");
    std::fs::write(
        &rules,
        "pack = \"x\"\n[[rule]]\nid = \"calque.x.wrong\"\ncategory = \"calque\"\nseverity = \"info\"\nmessage = \"m\"\nphrases = [\"till now\"]\nreplace = \"so far\"\n[[rule.bad]]\ntext = \"We waited till now.\"\nfixed = \"We waited until now.\"\n[[rule.good]]\ntext = \"till now we waited\"\n",
    )
    .unwrap();
    calque()
        .args(["test-rules", "--no-builtin"])
        .arg(&rules)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "calque.x.wrong: fix gives \"We waited so far.\"",
        ))
        .stdout(predicate::str::contains(
            "good example fires calque.x.wrong",
        ));
}

#[test]
fn rules_and_explain_list_the_rules() {
    let out = calque()
        .args([
            "rules",
            "--format",
            "json",
            "--no-builtin",
            "--rules",
            FIXTURE_RULES,
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let list: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 3);
    calque()
        .args([
            "explain",
            "calque.test.in-the-margin-of",
            "--no-builtin",
            "--rules",
            FIXTURE_RULES,
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Meetings held around a summit"))
        .stdout(predicate::str::contains("✓ On the sidelines of the summit"));
    calque().args(["explain", "calque.nope"]).assert().code(2);
}

#[test]
fn duplicate_rule_ids_in_one_group_are_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.toml");
    std::fs::copy(format!("{FIXTURE_RULES}/fixture.toml"), &copy).unwrap();
    calque()
        .args(["test-rules", "--no-builtin", FIXTURE_RULES])
        .arg(&copy)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("duplicate id (first defined at"));
}

#[test]
fn phrases_match_across_line_breaks_and_no_break_spaces() {
    let text =
        "The chief spoke in the margin\r\nof the summit.\n\nThey met in the\u{a0}margin of it.\n";
    let out = check()
        .args(["--format", "jsonl", "-"])
        .write_stdin(text)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let findings = jsonl(&out);
    let texts: Vec<&str> = findings
        .iter()
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["in the margin\r\nof", "in the\u{a0}margin of"]);
    for f in &findings {
        let (s, e) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], f["text"].as_str().unwrap());
    }
}
