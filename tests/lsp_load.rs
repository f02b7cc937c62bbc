//! `calque lsp` under load: a thousand rapid edits to a 20,000-word document.
//! The server keeps up (the latest text wins), its memory stays bounded, and
//! the final diagnostics are exactly what `calque check` finds in the final text.

mod lsp_support;

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use lsp_support::{utf16_pos, Client};
use serde_json::{json, Value};

const URI: &str = "untitled:load.md";

const SENTENCES: &[&str] = &[
    "The foreign minister met his counterpart in the capital on Tuesday.",
    "Officials said the talks would resume after the holiday.",
    "Till now the two sides have not agreed on a date.",
    "The spokesman told reporters that the delegation had left.",
    "Trade between the two countries rose by a tenth last year.",
    "The envoy discussed about the prisoner exchange with the mediators.",
    "Analysts expect the central bank to hold rates steady.",
    "The ministry gave no further details.",
];

fn document(words: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut count = 0;
    let mut i = 0;
    while count < words {
        let mut para = String::new();
        for _ in 0..12 {
            let s = SENTENCES[i % SENTENCES.len()];
            i += 1;
            count += s.split_whitespace().count();
            if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(s);
        }
        lines.push(para);
        lines.push(String::new());
    }
    lines
}

fn key(range: [u32; 4], code: &str) -> (u32, u32, u32, u32, String) {
    (range[0], range[1], range[2], range[3], code.to_string())
}

#[test]
fn a_thousand_rapid_edits_on_a_long_document() {
    let mut lines = document(20_000);
    let mut c = Client::start_with_all_rules(&[], &[]);
    c.initialize(json!({}), Value::Null);
    let pid = c.pid();
    let stop = Arc::new(AtomicBool::new(false));
    let sampler = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut peak = 0u64;
            while !stop.load(Ordering::Relaxed) {
                let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else {
                    break;
                };
                if let Some(kb) = status
                    .lines()
                    .find(|l| l.starts_with("VmRSS:"))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|v| v.parse::<u64>().ok())
                {
                    peak = peak.max(kb);
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            peak
        })
    };
    c.open(URI, "markdown", 1, &lines.join("\n"));
    c.diagnostics(URI, Some(1));

    let start = Instant::now();
    let paragraphs = lines.len() / 2;
    let mut version = 1;
    for i in 0..1000usize {
        version += 1;
        let line = 2 * ((i * 37) % paragraphs);
        // Inserts at the start of a paragraph, some of them artefacts, and
        // every third edit takes the previous insert out again.
        let (range, text) = if i % 3 == 2 {
            let len = lines[line].find(' ').unwrap() + 1;
            lines[line].replace_range(..len, "");
            ([line as u32, 0, line as u32, len as u32], String::new())
        } else if i % 10 == 0 {
            lines[line].insert_str(0, "the the ");
            ([line as u32, 0, line as u32, 0], "the the ".to_string())
        } else {
            let word = format!("w{i} ");
            lines[line].insert_str(0, &word);
            ([line as u32, 0, line as u32, 0], word)
        };
        c.change(URI, version, range, &text);
    }
    let published = c.diagnostics(URI, Some(version));
    let elapsed = start.elapsed();
    let earlier = c
        .drain()
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .count();
    stop.store(true, Ordering::Relaxed);
    let peak_kb = sampler.join().unwrap();
    eprintln!(
        "1,000 edits: final diagnostics after {elapsed:?}, {} intermediate publications, peak RSS {peak_kb} KiB",
        earlier
    );
    assert!(
        elapsed < Duration::from_secs(if cfg!(debug_assertions) { 120 } else { 10 }),
        "{elapsed:?}"
    );
    assert!(peak_kb > 0 && peak_kb < 200_000, "peak RSS {peak_kb} KiB");

    // The final diagnostics are exactly those of the final text.
    let text = lines.join("\n");
    let out = assert_cmd::Command::cargo_bin("calque")
        .unwrap()
        .args([
            "check",
            "--isolated",
            "--format",
            "json",
            "--stdin-filename",
            "load.md",
            "-",
        ])
        .write_stdin(text.clone())
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let expected: BTreeSet<_> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = utf16_pos(&text, f["start"].as_u64().unwrap() as usize);
            let e = utf16_pos(&text, f["end"].as_u64().unwrap() as usize);
            key([s[0], s[1], e[0], e[1]], f["rule"].as_str().unwrap())
        })
        .collect();
    let got: BTreeSet<_> = published
        .iter()
        .map(|d| {
            let r = &d["range"];
            let n = |v: &Value| v.as_u64().unwrap() as u32;
            key(
                [
                    n(&r["start"]["line"]),
                    n(&r["start"]["character"]),
                    n(&r["end"]["line"]),
                    n(&r["end"]["character"]),
                ],
                d["code"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(published.len(), got.len(), "duplicate diagnostics");
    assert!(expected.len() > 100, "{} findings", expected.len());
    assert_eq!(got, expected);
    assert!(c.shutdown().success());
}
