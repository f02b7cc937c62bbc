//! `calque fix` and `calque check --fix` from the command line.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn rules() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fix/rules")
}

/// Only the fixture pack and the built-in repeated-word check, so new
/// built-in rules do not change these expectations.
const SELECT: [&str; 2] = ["--select", "fixtest,calque.grammar.repeated-word"];

fn calque() -> Command {
    let mut cmd = Command::cargo_bin("calque").unwrap();
    cmd.env_remove("CALQUE_TEST_FAIL_WRITE")
        .env_remove("CALQUE_TEST_PAUSE_BEFORE_WRITE")
        .env("NO_COLOR", "1");
    cmd
}

/// `calque fix --rules <test rules> ARGS…`
fn fix(args: &[&str]) -> Command {
    let mut cmd = calque();
    cmd.arg("fix")
        .arg("--rules")
        .arg(rules())
        .args(SELECT)
        .args(args);
    cmd
}

const DIRTY: &str = "Till now the the envoys discussed about the ceasefire.\n\
They mutually agreed to meet again and gave no informations on the date.\n";
const CLEAN_SAFE: &str = "So far the envoys discussed the ceasefire.\n\
They agreed to meet again and gave no informations on the date.\n";
const CLEAN_ALL: &str = "So far the envoys discussed the ceasefire.\n\
They agreed to meet again and gave no information on the date.\n";

fn file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn fix_writes_safe_fixes_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(dir.path(), "wire.txt", DIRTY);
    fix(&[p.to_str().unwrap()])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains(
            "Fixed 4 findings in 1 file (1 left: 1 with --unsafe-fixes)",
        ));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), CLEAN_SAFE);

    // Idempotent: a second run changes nothing.
    fix(&[p.to_str().unwrap()])
        .assert()
        .success()
        .stderr(predicate::str::contains("Fixed 0 findings in 0 files"));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), CLEAN_SAFE);

    fix(&["--unsafe-fixes", p.to_str().unwrap()])
        .assert()
        .success()
        .stderr(predicate::str::contains("Fixed 1 finding in 1 file\n"));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), CLEAN_ALL);

    // `check` no longer reports the fixed findings.
    calque()
        .args(["check", "--format", "concise", "--rules"])
        .arg(rules())
        .args(SELECT)
        .arg(&p)
        .assert()
        .success()
        .stdout("");
}

#[test]
fn select_and_ignore_limit_the_fixes() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(dir.path(), "wire.txt", DIRTY);
    calque()
        .args(["fix", "--no-builtin", "--rules"])
        .arg(rules())
        .args(["--select", "calque.fixtest.till-now"])
        .arg(&p)
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        DIRTY.replace("Till now", "So far")
    );
    let p = file(dir.path(), "wire2.txt", DIRTY);
    fix(&["--ignore", "fixtest,grammar", p.to_str().unwrap()])
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), DIRTY);
}

#[test]
fn diff_prints_and_exits_1_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(dir.path(), "wire.txt", DIRTY);
    let shown = p.display().to_string();
    let out = fix(&["--diff", &shown])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let diff = String::from_utf8(out.stdout).unwrap();
    assert!(diff.starts_with(&format!("--- {shown}\n+++ {shown}\n@@ -1,2 +1,2 @@\n")));
    assert!(diff.contains("\n-Till now the the envoys discussed about the ceasefire.\n"));
    assert!(diff.contains("\n+So far the envoys discussed the ceasefire.\n"));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("Would fix 4 findings in 1 file"));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), DIRTY);

    // Nothing to change: no diff, exit 0.
    let q = file(dir.path(), "clean.txt", CLEAN_ALL);
    fix(&["--diff", q.to_str().unwrap()])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn stdin_in_fixed_text_out() {
    fix(&["-"])
        .write_stdin(DIRTY)
        .assert()
        .success()
        .stdout(CLEAN_SAFE)
        .stderr(predicate::str::contains("Fixed 4 findings in 1 file"));
    // No path and piped input: standard input too.
    fix(&["--unsafe-fixes"])
        .write_stdin(DIRTY)
        .assert()
        .success()
        .stdout(CLEAN_ALL);
    // check --fix on standard input: fixed text on stdout, report on stderr.
    calque()
        .args(["check", "--fix", "--format", "concise", "--rules"])
        .arg(rules())
        .args(SELECT)
        .write_stdin(DIRTY)
        .assert()
        .code(1)
        .stdout(CLEAN_SAFE)
        .stderr(predicate::str::contains("calque.fixtest.informations"));
}

#[test]
fn crlf_and_bom_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let dirty = format!("\u{feff}{}", DIRTY.replace('\n', "\r\n"));
    let p = file(dir.path(), "wire.txt", &dirty);
    fix(&["--unsafe-fixes", p.to_str().unwrap()])
        .assert()
        .success();
    let bytes = std::fs::read(&p).unwrap();
    assert_eq!(
        String::from_utf8(bytes).unwrap(),
        format!("\u{feff}{}", CLEAN_ALL.replace('\n', "\r\n"))
    );
}

#[test]
fn check_fix_fixes_then_reports_what_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(dir.path(), "wire.txt", DIRTY);
    calque()
        .args(["check", "--fix", "--format", "concise", "--rules"])
        .arg(rules())
        .args(SELECT)
        .arg(&p)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("calque.fixtest.informations"))
        .stdout(predicate::str::contains("till-now").not())
        .stderr(predicate::str::contains("Fixed 4 findings in 1 file"));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), CLEAN_SAFE);
    calque()
        .args([
            "check",
            "--fix",
            "--unsafe-fixes",
            "--format",
            "concise",
            "--rules",
        ])
        .arg(rules())
        .args(SELECT)
        .arg(&p)
        .assert()
        .success()
        .stdout("");
    assert_eq!(std::fs::read_to_string(&p).unwrap(), CLEAN_ALL);
}

#[test]
fn a_failed_write_keeps_the_original_and_the_other_files_are_fixed() {
    // A write that fails after the temporary file was written (as on a full
    // disk), injected by a hook that only debug builds have.
    if !cfg!(debug_assertions) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let a = file(dir.path(), "a.txt", DIRTY);
    let b = file(dir.path(), "b.txt", DIRTY);
    fix(&[a.to_str().unwrap(), b.to_str().unwrap()])
        .env("CALQUE_TEST_FAIL_WRITE", "a.txt")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the original is unchanged"))
        .stderr(predicate::str::contains("Fixed 4 findings in 1 file"));
    assert_eq!(std::fs::read_to_string(&a).unwrap(), DIRTY);
    assert_eq!(std::fs::read_to_string(&b).unwrap(), CLEAN_SAFE);
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[cfg(unix)]
#[test]
fn a_read_only_directory_leaves_the_file_intact() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("ro");
    std::fs::create_dir(&sub).unwrap();
    let p = file(&sub, "wire.txt", DIRTY);
    let other = file(dir.path(), "other.txt", DIRTY);
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores permissions: then this test cannot make a write fail
    // (a_failed_write_… covers that case with an injected failure).
    let writable = std::fs::write(sub.join("probe"), "").is_ok();
    if !writable {
        fix(&[p.to_str().unwrap(), other.to_str().unwrap()])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("wire.txt"))
            .stderr(predicate::str::contains("the original is unchanged"));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), DIRTY);
        assert_eq!(std::fs::read_to_string(&other).unwrap(), CLEAN_SAFE);
        assert_eq!(std::fs::read_dir(&sub).unwrap().count(), 1);
    }
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_file_changed_meanwhile_is_not_overwritten() {
    if !cfg!(debug_assertions) {
        return;
    }
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let p = file(dir.path(), "wire.txt", DIRTY);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("calque"))
        .arg("fix")
        .arg("--rules")
        .arg(rules())
        .args(SELECT)
        .arg(&p)
        .env("CALQUE_TEST_PAUSE_BEFORE_WRITE", "300")
        .env_remove("CALQUE_TEST_FAIL_WRITE")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert!(line.contains("test pause before writing"), "{line}");
    // Someone else edits the file while calque is about to write it.
    let theirs = "An editor rewrote this paragraph meanwhile.\n";
    std::fs::write(&p, theirs).unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(2), "{rest}");
    assert!(rest.contains("changed on disk since it was read"), "{rest}");
    assert_eq!(std::fs::read_to_string(&p).unwrap(), theirs);
}

#[test]
fn missing_files_do_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(dir.path(), "wire.txt", DIRTY);
    let missing = dir.path().join("nope.txt");
    fix(&[missing.to_str().unwrap(), p.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no such file"));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), CLEAN_SAFE);
}

#[test]
fn interactive_needs_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(dir.path(), "wire.txt", DIRTY);
    fix(&["-i", p.to_str().unwrap()])
        .write_stdin("y\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), DIRTY);
}
