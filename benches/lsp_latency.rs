//! Latency of `calque lsp`: time from sending a `didChange` to receiving the
//! `publishDiagnostics` for that version, on a 5,000-word Markdown document.
//!
//!     cargo bench --bench lsp_latency        # release build, 200 edits
//!
//! Run without `--bench` (as `cargo test --benches` does) it makes a few
//! edits only, as a smoke test. Target: under 20 ms per edit in release.

#[path = "../tests/lsp_support/mod.rs"]
mod lsp_support;

use std::time::Instant;

use lsp_support::Client;
use serde_json::{json, Value};

const URI: &str = "file:///tmp/calque-bench/long.md";

/// About 5,000 words of agency-style copy in 100 paragraphs, a few of them
/// with an artefact.
fn document() -> String {
    let sentences = [
        "The foreign minister held talks with his counterpart on Tuesday in the capital.",
        "Officials said the two sides had discussed trade, energy and regional security.",
        "A joint statement issued after the meeting called for further rounds of dialogue.",
        "The ministry spokesman told reporters that no date had been set for a new visit.",
        "Analysts said the meeting was the highest-level contact between the countries this year.",
    ];
    let mut out = String::from("# Talks in the capital\n\n");
    let mut words = 0;
    let mut p = 0;
    while words < 5000 {
        let mut para = String::new();
        for i in 0..5 {
            let s = sentences[(p + i) % sentences.len()];
            if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(s);
            words += s.split_whitespace().count();
        }
        if p % 17 == 3 {
            para = para.replacen("the two", "the the two", 1);
        }
        out.push_str(&para);
        out.push_str("\n\n");
        p += 1;
    }
    out
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let edits = if full { 200 } else { 6 };
    let text = document();
    let words = text.split_whitespace().count();
    let line_count = text.lines().count() as u32;
    // Edit a paragraph in the middle of the document.
    let target = line_count / 2;
    let target = if target % 2 == 1 { target } else { target + 1 } - 1;

    let mut c = Client::start_with_all_rules(&[], &[]);
    c.initialize(json!({}), Value::Null);
    let t = Instant::now();
    c.open(URI, "markdown", 1, &text);
    let first = c.diagnostics(URI, Some(1));
    let open_ms = t.elapsed().as_secs_f64() * 1e3;

    let mut times = Vec::with_capacity(edits);
    for i in 0..edits {
        let version = i as i64 + 2;
        // Alternately add and remove an artefact at the start of the paragraph.
        let start = Instant::now();
        if i % 2 == 0 {
            c.change(URI, version, [target, 0, target, 0], "The the ");
        } else {
            c.change(URI, version, [target, 0, target, 8], "");
        }
        let d = c.diagnostics(URI, Some(version));
        times.push(start.elapsed().as_secs_f64() * 1e3);
        let expected = first.len() + usize::from(i % 2 == 0);
        assert_eq!(d.len(), expected, "edit {i}");
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    println!(
        "lsp_latency: {words} words, {} diagnostics; didOpen→diagnostics {open_ms:.2} ms; \
         didChange→diagnostics over {edits} edits: median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        first.len(),
        pct(0.5),
        pct(0.95),
        times[times.len() - 1],
    );
    let status = c.shutdown();
    assert!(status.success());
}
