//! `calque fix -i` driven through a pseudo-terminal with scripted answers.
#![cfg(unix)]

use std::path::Path;
use std::process::Command;

use rexpect::session::spawn_command;

const PROMPT: &str = "[y,n,e,s,q,?]? ";

#[test]
fn scripted_review_in_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("wire.txt");
    std::fs::write(
        &p,
        "Till now the the envoys discussed about the ceasefire.\n\
         They mutually agreed to meet, and the the aides mutually agreed too.\n\
         The ministry gave no informations. Till now nothing is settled.\n",
    )
    .unwrap();
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fix/rules");
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("calque"));
    cmd.arg("fix")
        .arg("-i")
        .arg("--rules")
        .arg(&rules)
        .args(["--select", "fixtest,calque.grammar.repeated-word"])
        .arg(&p)
        .env("NO_COLOR", "1");
    let mut s = spawn_command(cmd, Some(20_000)).unwrap();

    // 1. "Till now" → yes.
    let shown = s.exp_string(PROMPT).unwrap();
    assert!(shown.contains("calque.fixtest.till-now"), "{shown}");
    assert!(shown.contains("+ So far the the envoys"), "{shown}");
    s.send_line("y").unwrap();
    // 2. "the the" → ask for help, then no.
    let shown = s.exp_string(PROMPT).unwrap();
    assert!(shown.contains("calque.grammar.repeated-word"), "{shown}");
    s.send_line("?").unwrap();
    s.exp_string("q - quit").unwrap();
    s.exp_string(PROMPT).unwrap();
    s.send_line("n").unwrap();
    // 3. "discussed about" → edit.
    s.exp_string(PROMPT).unwrap();
    s.send_line("e").unwrap();
    s.exp_string("(an empty line deletes it): ").unwrap();
    s.send_line("talked over").unwrap();
    // 4. "mutually" → skip the rule (its second finding is not asked).
    let shown = s.exp_string(PROMPT).unwrap();
    assert!(shown.contains("calque.fixtest.mutually-agreed"), "{shown}");
    s.send_line("s").unwrap();
    // 5. the second "the the" → yes.
    let shown = s.exp_string(PROMPT).unwrap();
    assert!(shown.contains("calque.grammar.repeated-word"), "{shown}");
    s.send_line("y").unwrap();
    // 6. "informations" (an unsafe fix, offered for review) → yes.
    let shown = s.exp_string(PROMPT).unwrap();
    assert!(shown.contains("calque.fixtest.informations"), "{shown}");
    assert!(shown.contains("unsafe fix"), "{shown}");
    s.send_line("y").unwrap();
    // 7. the second "Till now" → quit.
    s.exp_string(PROMPT).unwrap();
    s.send_line("q").unwrap();
    let rest = s.exp_eof().unwrap();
    assert!(rest.contains("Fixed 4 findings in 1 file"), "{rest}");

    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        "So far the the envoys talked over the ceasefire.\n\
         They mutually agreed to meet, and the aides mutually agreed too.\n\
         The ministry gave no information. Till now nothing is settled.\n"
    );
}
