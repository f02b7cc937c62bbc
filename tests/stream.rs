//! Big plain-text files are streamed block by block (`src/cli/stream.rs`):
//! the output must be byte for byte that of the whole-file path.

use assert_cmd::Command;

fn check(path: &std::path::Path, format: &str, stream_min: &str) -> Vec<u8> {
    Command::cargo_bin("calque")
        .unwrap()
        .env("CALQUE_STREAM_MIN_BYTES", stream_min)
        .args(["check", "--isolated", "--format", format])
        .arg(path)
        .output()
        .unwrap()
        .stdout
}

/// Agency-style paragraphs (written for this test) with artefacts, curly
/// quotes, non-ASCII names, CRLF lines and indented paragraphs.
fn text() -> String {
    let paras = [
        "The Iranian minister in the margin of the summit emphasized on the need for talks.",
        "  “We discussed about the informations,” said Aydın, the spokesman.\r\nHe added.",
        "Till now the two sides has signed 12 documents in Tehran, and etc.",
        "Officials declined to comment on the timing of the next round of talks.",
        "\tThe Vietnamese deputy minister told reporters the the plan was ready.",
    ];
    let mut out = String::from("\u{feff}");
    let mut i = 0;
    while out.len() < 1_300_000 {
        out.push_str(paras[i % paras.len()]);
        out.push_str(if i % 7 == 0 { "\r\n\r\n" } else { "\n \n" });
        i += 1;
    }
    out.push_str("The last paragraph has no newline and emphasized on it");
    out
}

#[test]
fn streamed_output_is_the_whole_file_output() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    std::fs::write(&path, text()).unwrap();
    for format in ["jsonl", "concise"] {
        let whole = check(&path, format, "100000000000");
        let streamed = check(&path, format, "1");
        assert!(!whole.is_empty());
        assert!(whole == streamed, "{format}: streamed output differs");
    }
}
