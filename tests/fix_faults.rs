//! `calque fix` under faults: a failing disk, a read-only directory, and two
//! runs on the same file at once. The original is never damaged.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use assert_cmd::prelude::*;
use predicates::prelude::*;

const DIRTY: &str = "Till now the the two sides discussed about the prisoner exchange.\n\
    The envoy said the sides has agreed in the margin of the summit.\n";

fn calque() -> Command {
    let mut c = Command::cargo_bin("calque").unwrap();
    c.env_remove("CALQUE_TEST_FAIL_WRITE")
        .env_remove("CALQUE_TEST_PAUSE_BEFORE_WRITE")
        .env_remove("CALQUE_MAX_FILE_SIZE");
    c
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// What `calque fix [--unsafe-fixes]` makes of `text` (through standard input).
fn fixed(text: &str, unsafe_fixes: bool) -> String {
    let mut c = assert_cmd::Command::cargo_bin("calque").unwrap();
    c.args(["fix", "-"]);
    if unsafe_fixes {
        c.arg("--unsafe-fixes");
    }
    let out = c.write_stdin(text).output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_failing_disk_during_check_fix_leaves_the_original() {
    // Debug builds only: the hook that makes the write fail as a full disk would.
    if !cfg!(debug_assertions) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "wire.txt", DIRTY);
    calque()
        .env("CALQUE_TEST_FAIL_WRITE", "wire.txt")
        .args(["check", "--fix", "--format", "concise"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "wire.txt: cannot write the fixed file",
        ))
        .stderr(predicate::str::contains("the original is unchanged"));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), DIRTY);
    assert_eq!(names(dir.path()), ["wire.txt"], "a temporary file was left");
}

#[cfg(unix)]
#[test]
fn a_read_only_directory_during_check_fix_leaves_the_original() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "wire.txt", DIRTY);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    // As root permissions are ignored and the write succeeds: nothing to
    // prove then (the injected failure above covers that case).
    let root = std::fs::write(dir.path().join("probe"), "").is_ok();
    if !root {
        calque()
            .args(["check", "--fix", "--format", "concise"])
            .arg(&p)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("the original is unchanged"));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), DIRTY);
    }
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn concurrent_fixes_of_one_file_never_mix() {
    let safe = fixed(DIRTY, false);
    let all = fixed(DIRTY, true);
    let all_after_safe = fixed(&safe, true);
    assert_ne!(safe, DIRTY);
    assert_ne!(all, safe);
    let valid = [safe.clone(), all.clone(), all_after_safe.clone()];
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "wire.txt", DIRTY);
    let rounds = if cfg!(debug_assertions) { 12 } else { 100 };
    for round in 0..rounds {
        std::fs::write(&p, DIRTY).unwrap();
        // One run with the safe fixes, one with all of them, at once.
        let spawn = |unsafe_fixes: bool| {
            let mut c = calque();
            c.arg("fix")
                .arg(&p)
                .stdout(Stdio::null())
                .stderr(Stdio::piped());
            if unsafe_fixes {
                c.arg("--unsafe-fixes");
            }
            c.spawn().unwrap()
        };
        let a = spawn(round % 2 == 0);
        let b = spawn(round % 2 == 1);
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            match out.status.code() {
                Some(0) => {}
                // The other run wrote first: this one leaves the file alone.
                Some(2) => assert!(
                    stderr.contains("changed on disk since it was read"),
                    "{stderr}"
                ),
                other => panic!("exit {other:?}: {stderr}"),
            }
        }
        let now = std::fs::read_to_string(&p).unwrap();
        assert!(
            valid.contains(&now),
            "round {round}: not a valid outcome:\n{now}"
        );
        assert_eq!(names(dir.path()), ["wire.txt"], "a temporary file was left");
    }
}

#[test]
fn a_second_fix_waits_for_the_first_one_to_rename() {
    // The first run pauses (debug hook) between taking its lock and its
    // final check; the second, started meanwhile, must wait for the lock and
    // then see that the file changed. Without the lock the second would
    // rename first and the first would find its file changed.
    if !cfg!(debug_assertions) {
        return;
    }
    use std::io::{BufRead, BufReader, Read};
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "wire.txt", DIRTY);
    let mut first = calque()
        .arg("fix")
        .arg(&p)
        .env("CALQUE_TEST_PAUSE_BEFORE_WRITE", "4000")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err1 = BufReader::new(first.stderr.take().unwrap());
    let mut line = String::new();
    err1.read_line(&mut line).unwrap();
    assert!(line.contains("test pause before writing"), "{line}");
    // (The pause is long enough for the second run to start and read the
    // file while the first waits: a debug build starts in about a second.)
    let second = calque()
        .args(["fix", "--unsafe-fixes"])
        .arg(&p)
        .output()
        .unwrap();

    let mut rest = String::new();
    err1.read_to_string(&mut rest).unwrap();
    assert_eq!(first.wait().unwrap().code(), Some(0), "{rest}");
    let stderr2 = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(2), "{stderr2}");
    assert!(
        stderr2.contains("changed on disk since it was read"),
        "{stderr2}"
    );
    assert_eq!(std::fs::read_to_string(&p).unwrap(), fixed(DIRTY, false));
}
