//! The whole check on arbitrary bytes: decode, lint (every kind), report.
#![no_main]

use calque::report::{FileResult, Format, Reporter};
use codespan_reporting::term::termcolor::NoColor;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((kind, first, _)) = common::split_kind(data) else {
        return;
    };
    // Arbitrary bytes: what is not UTF-8 is refused, as `calque check` does.
    let Ok(text) = String::from_utf8(data[1..].to_vec()) else {
        return;
    };
    let linter = if first & 0x80 != 0 {
        common::linter_unused()
    } else {
        common::linter()
    };
    let report = linter.lint(&text, kind);
    common::assert_findings(&text, &report.findings);
    // The same text through the language server's cache agrees.
    let mut cache = calque::lsp::cache::SegmentCache::default();
    let (cached, _) = cache.lint(linter, &text, kind);
    assert_eq!(common::keys(&cached), common::keys(&report.findings));

    let format = match (first >> 2) % 6 {
        0 => Format::Human,
        1 => Format::Json,
        2 => Format::Sarif,
        3 => Format::Concise,
        4 => Format::Github,
        _ => Format::Checkstyle,
    };
    let mut reporter = Reporter::new(format, NoColor::new(Vec::new()));
    reporter
        .file(&FileResult {
            path: "fuzz.txt".into(),
            text: text.clone(),
            report,
        })
        .unwrap();
    let out = reporter.finish().unwrap().into_inner();
    let out = String::from_utf8(out).expect("reports are UTF-8");
    if matches!(format, Format::Json | Format::Sarif) {
        serde_json::from_str::<serde_json::Value>(&out).expect("valid JSON");
    }
});
