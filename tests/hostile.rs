//! Hostile input: calque runs unattended on whatever lands in a repository.
//! Nothing here may crash, hang or damage a file; every refusal says why.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::prelude::*;
use predicates::prelude::*;

fn calque() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("calque").unwrap();
    c.env_remove("CALQUE_MAX_FILE_SIZE")
        .env_remove("CALQUE_TEST_FAIL_WRITE")
        .env_remove("CALQUE_TEST_PAUSE_BEFORE_WRITE")
        .env("NO_COLOR", "1");
    c
}

fn calque_std() -> Command {
    let mut c = Command::cargo_bin("calque").unwrap();
    c.env_remove("CALQUE_MAX_FILE_SIZE").env("NO_COLOR", "1");
    c
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn is_root() -> bool {
    // Root ignores file permissions: probe with a file we cannot read.
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "probe", "x");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    std::fs::read(&p).is_ok()
}

/// Run a command, sampling its resident memory; (output, peak RSS in KiB, time).
fn run_measured(mut cmd: Command) -> (Output, u64, Duration) {
    let start = Instant::now();
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let sampler = std::thread::spawn(move || {
        let mut peak = 0;
        while let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
            if let Some(kb) = vm_rss_kb(&status) {
                peak = peak.max(kb);
            }
            if status.contains("State:\tZ") {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        peak
    });
    let out = child.wait_with_output().unwrap();
    let elapsed = start.elapsed();
    (out, sampler.join().unwrap(), elapsed)
}

fn vm_rss_kb(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Debug builds are ~10-30× slower than release: bounds are generous there.
fn budget(release_secs: u64) -> Duration {
    Duration::from_secs(if cfg!(debug_assertions) {
        release_secs * 15
    } else {
        release_secs
    })
}

const LINE: &str = "Till now the two sides has discussed about the prisoner exchange in the margin of the summit, officials said. ";

// ---- size ----------------------------------------------------------------

#[test]
fn a_file_over_the_size_limit_is_refused_with_the_limit_and_the_way_out() {
    let dir = tempfile::tempdir().unwrap();
    // Stands for a huge file with no newline: the limit is set small instead
    // of writing a gigabyte.
    let big = write(dir.path(), "huge.txt", "a".repeat(5000));
    let good = write(dir.path(), "good.txt", "Talks resumed on Tuesday.\n");
    calque()
        .env("CALQUE_MAX_FILE_SIZE", "4096")
        .args(["check", "--format", "concise"])
        .args([&big, &good])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "huge.txt: file is 5000 bytes, over the 4096-byte limit (set CALQUE_MAX_FILE_SIZE to raise it)",
        ));
    // Standard input too, and `fix`, which leaves the file alone.
    calque()
        .env("CALQUE_MAX_FILE_SIZE", "4096")
        .args(["check", "-"])
        .write_stdin("a".repeat(5000))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "standard input is over the 4096-byte limit (set CALQUE_MAX_FILE_SIZE to raise it)",
        ));
    calque()
        .env("CALQUE_MAX_FILE_SIZE", "4096")
        .arg("fix")
        .arg(&big)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("over the 4096-byte limit"));
    // Raised, it is read.
    calque()
        .env("CALQUE_MAX_FILE_SIZE", "10000")
        .args(["check", "--format", "concise"])
        .arg(&big)
        .assert()
        .code(0);
}

#[test]
fn a_few_megabytes_on_one_line_are_checked_in_bounded_time_and_memory() {
    let dir = tempfile::tempdir().unwrap();
    // 4 MB in release builds, 1 MB in debug builds (about ten times slower).
    let mb = if cfg!(debug_assertions) { 1 } else { 4 };
    let n = mb * 1024 * 1024 / LINE.len();
    let text = LINE.repeat(n);
    let p = write(dir.path(), "one-line.txt", &text);
    let mut cmd = calque_std();
    cmd.args(["check", "--format", "json"]).arg(&p);
    let (out, peak_kb, elapsed) = run_measured(cmd);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    assert!(
        findings.len() >= 3 * n,
        "{} findings for {n} copies",
        findings.len()
    );
    assert!(elapsed < budget(20), "took {elapsed:?}");
    // The JSON report holds every finding with its text: memory grows with
    // the findings, but stays within a bound.
    // About 6 KiB per finding in the JSON report (it is one document).
    assert!(
        peak_kb < 100_000 + 8 * findings.len() as u64,
        "peak RSS {peak_kb} KiB"
    );
    eprintln!("{mb} MB one-line file: {elapsed:?}, peak RSS {peak_kb} KiB");
}

#[test]
fn many_short_lines_are_checked_in_bounded_time_and_memory() {
    // A million lines in release builds; 100,000 in debug builds, which are
    // about ten times slower (the same code paths either way).
    let lines = if cfg!(debug_assertions) {
        100_000
    } else {
        1_000_000
    };
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::with_capacity(lines * 16);
    for i in 0..lines {
        text.push_str(if i % 1000 == 0 {
            "Till now, no.\n"
        } else {
            "Talks resumed.\n"
        });
    }
    let p = write(dir.path(), "lines.txt", &text);
    let mut cmd = calque_std();
    cmd.args(["check", "--format", "concise"]).arg(&p);
    let (out, peak_kb, elapsed) = run_measured(cmd);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let found = String::from_utf8_lossy(&out.stdout).lines().count();
    assert_eq!(found, lines / 1000);
    assert!(elapsed < budget(20), "took {elapsed:?}");
    assert!(peak_kb < 300_000, "peak RSS {peak_kb} KiB");
    eprintln!("{lines} lines: {elapsed:?}, peak RSS {peak_kb} KiB");
}

// ---- encodings and binary --------------------------------------------------

#[test]
fn binary_files_are_skipped_with_a_warning_and_do_not_fail_the_run() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "scan.txt",
        b"PK\x03\x04\x00\x00\x00binary\x00data",
    );
    write(dir.path(), "clean.txt", "Talks resumed on Tuesday.\n");
    calque()
        .args(["check", "--format", "concise"])
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("warning: "))
        .stderr(predicate::str::contains(
            "scan.txt: binary file (contains NUL bytes): skipped",
        ))
        .stderr(predicate::str::contains("error").not());
    // Fixing skips it too, and leaves it alone.
    let before = std::fs::read(dir.path().join("scan.txt")).unwrap();
    calque()
        .arg("fix")
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("binary file"));
    assert_eq!(std::fs::read(dir.path().join("scan.txt")).unwrap(), before);
}

#[test]
fn nul_bytes_after_the_first_8_kib_are_text_and_are_checked() {
    // A NUL early means binary; one deep in a text file is just a character.
    let dir = tempfile::tempdir().unwrap();
    let mut text = "Talks resumed. ".repeat(700).into_bytes();
    text.extend_from_slice(b"\x00 Till now the envoy spoke.\x00\n");
    let p = write(dir.path(), "nul.txt", &text);
    calque()
        .args(["check", "--format", "json"])
        .arg(&p)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"text\": \"Till now\""));
}

#[test]
fn invalid_utf8_in_the_middle_reports_the_byte_offset() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"The envoy met the minister. ".to_vec();
    let at = bytes.len();
    bytes.extend_from_slice(b"\xc3\x28 caf\xe9 then more text.\n");
    let p = write(dir.path(), "latin1.txt", &bytes);
    calque()
        .args(["check"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "latin1.txt: invalid UTF-8 at byte {at}: calque reads UTF-8 text only"
        )));
}

#[test]
fn utf16_files_with_a_byte_order_mark_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Till now the talks went on.\n";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let le = write(dir.path(), "le.txt", le);
    let be = write(dir.path(), "be.txt", be);
    for p in [&le, &be] {
        calque()
            .arg("check")
            .arg(p)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "UTF-16 text is not supported: convert the file to UTF-8",
            ));
    }
    // `fix` refuses them too and leaves them as they were.
    let before = std::fs::read(&le).unwrap();
    calque().arg("fix").arg(&le).assert().code(2);
    assert_eq!(std::fs::read(&le).unwrap(), before);
}

// ---- user rules ------------------------------------------------------------

/// Checking `stdin` with the rules in `dir` stops at load (exit 2) with an
/// error that names the rule and its line (`at`) and says `why`.
fn assert_refused_at_load(dir: &tempfile::TempDir, stdin: &str, at: &str, why: &str) {
    calque()
        .args(["check", "--no-builtin", "--rules"])
        .arg(dir.path())
        .arg("-")
        .write_stdin(stdin.to_string())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(at))
        .stderr(predicate::str::contains(why));
}

fn rule_dir(body: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "hostile.toml", body);
    dir
}

#[test]
fn a_catastrophic_regex_runs_in_linear_time() {
    // `(a+)+$` on "aaaa…b" takes exponential time in backtracking engines;
    // the regex crate guarantees linear time.
    let rules = rule_dir(
        r#"
[[rule]]
id = "calque.test.evil"
pack = "test"
message = "evil regex"
category = "style"
severity = "warning"
regex = '(a+)+$'
bad = [{ text = "aaa" }]
good = [{ text = "b" }]
"#,
    );
    let text = format!("{}b\n", "a".repeat(50_000));
    let start = Instant::now();
    calque()
        .args(["check", "--no-builtin", "--format", "concise", "--rules"])
        .arg(rules.path())
        .arg("-")
        .write_stdin(text)
        .assert()
        .code(predicate::in_iter([0, 1]));
    assert!(start.elapsed() < budget(2), "took {:?}", start.elapsed());
}

#[test]
fn an_enormous_regex_is_refused_naming_the_rule_and_its_line() {
    let words: Vec<String> = (0..60_000).map(|i| format!("w{i}x")).collect();
    let rules = rule_dir(&format!(
        "\n[[rule]]\nid = \"calque.test.ok\"\npack = \"test\"\nmessage = \"fine\"\ncategory = \"style\"\nseverity = \"warning\"\nphrases = [\"fine\"]\n\n\
         [[rule]]\nid = \"calque.test.huge\"\npack = \"test\"\nmessage = \"huge\"\ncategory = \"style\"\nseverity = \"warning\"\nregex = '\\b({})\\b'\n",
        words.join("|")
    ));
    assert_refused_at_load(
        &rules,
        "text\n",
        "hostile.toml:10: rule `calque.test.huge`",
        "size limit",
    );
}

#[test]
fn an_enormous_token_regex_in_a_pattern_is_refused_at_load() {
    // Token regexes compile lazily for built-in rules; a user's must still
    // be refused when the rules are loaded, not panic at first use.
    let words: Vec<String> = (0..60_000).map(|i| format!("w{i}x")).collect();
    let rules = rule_dir(&format!(
        "\n[[rule]]\nid = \"calque.test.huge-token\"\npack = \"test\"\nmessage = \"huge\"\ncategory = \"style\"\nseverity = \"warning\"\npattern = [{{ word = \"text\" }}, {{ regex = '{}' }}]\n",
        words.join("|")
    ));
    assert_refused_at_load(
        &rules,
        "text w1x\n",
        "hostile.toml:2: rule `calque.test.huge-token`",
        "size limit",
    );
}

#[test]
fn too_many_phrases_in_one_rule_are_refused() {
    let phrases: Vec<String> = (0..10_001).map(|i| format!("\"p{i}\"")).collect();
    let rules = rule_dir(&format!(
        "[[rule]]\nid = \"calque.test.many\"\npack = \"test\"\nmessage = \"many\"\ncategory = \"style\"\nseverity = \"warning\"\nphrases = [{}]\n",
        phrases.join(", ")
    ));
    assert_refused_at_load(
        &rules,
        "text\n",
        "hostile.toml:1: rule `calque.test.many`",
        "10001 phrases: at most 10000 per rule",
    );
}

// ---- deep nesting ----------------------------------------------------------

#[test]
fn deeply_nested_markdown_and_html_do_not_overflow_the_stack() {
    let n = 10_000;
    let quotes = format!("{} Till now the quote went on.\n", ">".repeat(n));
    let lists = format!("{}Till now the list went on.\n", "- ".repeat(n));
    let stairs: String = (0..2_000)
        .map(|i| format!("{}- item {i}\n", " ".repeat(2 * i)))
        .collect();
    let html = format!(
        "{}<p>Till now the div went on.</p>{}",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let emphasis = format!("{}Till now{}\n", "*".repeat(n), "*".repeat(n));
    let brackets = format!("{}Till now{}\n", "[".repeat(n), "](x)".repeat(n));
    for (name, text, kind) in [
        ("quotes.md", &quotes, "md"),
        ("lists.md", &lists, "md"),
        ("stairs.md", &stairs, "md"),
        ("emphasis.md", &emphasis, "md"),
        ("brackets.md", &brackets, "md"),
        ("divs.html", &html, "html"),
    ] {
        let start = Instant::now();
        let out = calque()
            .args([
                "check",
                "--format",
                "concise",
                "--stdin-filename",
                name,
                "-",
            ])
            .write_stdin(text.as_str())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{name} ({kind}): {:?} {stderr}",
            out.status
        );
        assert!(
            !stderr.contains("overflow") && !stderr.contains("panicked"),
            "{stderr}"
        );
        assert!(start.elapsed() < budget(5), "{name}: {:?}", start.elapsed());
    }
    // And in-process, on a test thread's small stack (the language server
    // lints on its main thread, the CLI on rayon's workers).
    let linter = calque::lint::Linter::all(calque::rules::load::builtin_shared());
    for (text, kind) in [
        (&quotes, calque::source::SourceKind::Markdown),
        (&lists, calque::source::SourceKind::Markdown),
        (&html, calque::source::SourceKind::Html),
    ] {
        let r = linter.lint(text, kind);
        assert!(r.findings.iter().all(|f| f.end <= text.len()));
    }
}

// ---- the file system -------------------------------------------------------

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_a_walked_directory_is_reported_not_followed_forever() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("desk");
    std::fs::create_dir(&sub).unwrap();
    write(&sub, "story.txt", "Till now the envoy spoke.\n");
    std::os::unix::fs::symlink(dir.path(), sub.join("loop")).unwrap();
    std::os::unix::fs::symlink("self.txt", dir.path().join("self.txt")).unwrap();
    let start = Instant::now();
    let out = calque()
        .args(["check", "--format", "concise"])
        .arg(dir.path())
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stdout}\n{stderr}");
    assert!(stderr.contains("loop"), "{stderr}");
    // The real file is still checked, once.
    assert_eq!(stdout.matches("story.txt").count(), 1, "{stdout}");
    assert!(start.elapsed() < budget(5));
}

#[test]
fn unreadable_paths_are_reported_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", "Till now the envoy spoke.\n");
    // What this proves depends on who runs it: as root permissions are
    // ignored, so a path that cannot be opened as a file (under a regular
    // file) stands in for an unreadable one.
    let plain = write(dir.path(), "plain.txt", "x\n");
    let mut bad = vec![plain.join("child.txt")];
    #[cfg(unix)]
    if !is_root() {
        use std::os::unix::fs::PermissionsExt;
        let locked = write(dir.path(), "locked.txt", "Till now.\n");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        bad.push(locked);
    }
    let out = calque()
        .args(["check", "--format", "concise"])
        .args(&bad)
        .arg(&good)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("plain.txt/child.txt"), "{stderr}");
    if bad.len() > 1 {
        assert!(stderr.contains("locked.txt: permission denied"), "{stderr}");
    }
    assert!(String::from_utf8_lossy(&out.stdout).contains("good.txt:1:1"));
}

#[test]
fn a_path_that_disappeared_does_not_stop_the_run() {
    // A file deleted between listing and reading is, to calque, a path that
    // does not exist by the time it is read: simulated by naming one.
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", "Till now the envoy spoke.\n");
    let gone = write(dir.path(), "gone.txt", "Till now.\n");
    std::fs::remove_file(&gone).unwrap();
    let b = write(dir.path(), "b.txt", "The the sides met.\n");
    calque()
        .args(["check", "--format", "concise"])
        .args([&a, &gone, &b])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "gone.txt: no such file or directory",
        ))
        .stdout(predicate::str::contains("a.txt:1:1"))
        .stdout(predicate::str::contains("b.txt:1:"));
    calque()
        .arg("fix")
        .args([&a, &gone, &b])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "gone.txt: no such file or directory",
        ));
    assert_eq!(std::fs::read_to_string(&b).unwrap(), "The sides met.\n");
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let dir = tempfile::tempdir().unwrap();
    // Far more output than a pipe buffer holds.
    let p = write(dir.path(), "long.txt", LINE.repeat(1_500));
    let bin = assert_cmd::cargo::cargo_bin("calque");
    for args in [
        "check --format concise",
        "check --format human --color always",
        "check --format jsonl",
        "check --statistics",
        "fix --diff",
    ] {
        let script = format!("\"$0\" {args} \"$1\" 2>\"$2\"; echo $? >\"$3\"",);
        let err = dir.path().join("err");
        let code = dir.path().join("code");
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "sh -c '{script}' \"$0\" \"$1\" \"$2\" \"$3\" | head -1"
            ))
            .arg(&bin)
            .arg(&p)
            .arg(&err)
            .arg(&code)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(out.status.success());
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).lines().count(),
            1,
            "{args}"
        );
        let stderr = std::fs::read_to_string(&err).unwrap();
        assert!(!stderr.contains("panicked"), "{args}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args}: {stderr}");
        let code: i32 = std::fs::read_to_string(&code)
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        // 141 = killed by SIGPIPE, as `grep | head` is; 0/1 if it finished
        // first; never 101 (a panic).
        assert!(matches!(code, 0 | 1 | 141), "{args}: exit {code}: {stderr}");
    }
}
