//! A real client: headless Neovim attaches `calque lsp` to a Markdown buffer
//! (tests/nvim/init.lua), waits for diagnostics, applies the first code
//! action and writes the file. Skipped when `nvim` is not installed.

mod lsp_support;

use std::process::{Command, Stdio};

use serde_json::Value;

const BRIEF: &str = "# Talks in Vienna\n\
\n\
The envoy — “Abbas Araghchi” (عباس عراقچی) 🙂 — met the the delegation on Monday.\n\
\n\
No date was set for the next round.\n";

fn nvim_available() -> bool {
    Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn neovim_gets_diagnostics_and_applies_a_code_action() {
    if !nvim_available() {
        eprintln!("SKIPPED neovim_gets_diagnostics_and_applies_a_code_action: `nvim` is not installed (apt-get install -y neovim)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("brief.md");
    let out = dir.path().join("result.json");
    std::fs::write(&input, BRIEF).unwrap();
    let init = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/nvim/init.lua");
    let mut child = Command::new("nvim")
        .args(["--headless", "-n", "-i", "NONE", "-u", init])
        .env("CALQUE_BIN", env!("CARGO_BIN_EXE_calque"))
        .env("CALQUE_NVIM_INPUT", &input)
        .env("CALQUE_NVIM_OUT", &out)
        // Keep the user's own Neovim state out of the run.
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .env("XDG_CACHE_HOME", dir.path().join("cache"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start nvim");
    lsp_support::wait_timeout(&mut child);

    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("nvim wrote no report"))
            .unwrap();
    assert!(report.get("error").is_none(), "{report:#}");
    let before = report["before"].as_array().unwrap();
    assert_eq!(before.len(), 1, "{report:#}");
    let d = &before[0];
    assert_eq!(d["code"], "calque.grammar.repeated-word");
    assert_eq!(d["source"], "calque");
    // Neovim reports byte columns, converted from the negotiated encoding.
    let line = BRIEF.lines().nth(2).unwrap();
    let col = line.find("the the").unwrap() + 4;
    assert_eq!(
        (d["lnum"].as_u64(), d["col"].as_u64()),
        (Some(2), Some(col as u64)),
        "{report:#}"
    );
    assert_eq!(d["end_col"].as_u64(), Some(col as u64 + 3));
    assert_eq!(report["action"], "Delete “the”");
    assert_eq!(report["after"].as_array().unwrap().len(), 0, "{report:#}");

    let written = std::fs::read_to_string(&input).unwrap();
    assert_eq!(written, BRIEF.replace("the the", "the"));
}
