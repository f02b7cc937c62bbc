//! Invariants shared by the fuzz targets.
#![allow(dead_code)]

use std::sync::{Arc, OnceLock};

use calque::finding::Finding;
use calque::lint::{LintOptions, Linter};
use calque::source::SourceKind;

/// The built-in rules, all of them on, compiled once per process.
pub fn linter() -> &'static Linter {
    static L: OnceLock<Linter> = OnceLock::new();
    L.get_or_init(|| Linter::all(calque::rules::load::builtin_shared()))
}

/// The same, reporting unused suppressions too.
pub fn linter_unused() -> &'static Linter {
    static L: OnceLock<Linter> = OnceLock::new();
    L.get_or_init(|| {
        Linter::all(calque::rules::load::builtin_shared()).with_options(LintOptions {
            report_unused_suppressions: true,
            ..LintOptions::default()
        })
    })
}

pub fn linter_with(rules: calque::rules::RuleSet) -> Linter {
    Linter::all(Arc::new(rules))
}

/// The first byte picks the source kind; the rest is the text.
pub fn split_kind(data: &[u8]) -> Option<(SourceKind, u8, &str)> {
    let (&first, rest) = data.split_first()?;
    let kind = match first % 3 {
        0 => SourceKind::Plain,
        1 => SourceKind::Markdown,
        _ => SourceKind::Html,
    };
    Some((kind, first, std::str::from_utf8(rest).ok()?))
}

/// A byte span of `text`: ordered, inside it, on character boundaries.
pub fn assert_span(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= text.len(),
        "{what}: span {start}..{end} outside a {}-byte text",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: span {start}..{end} not on character boundaries"
    );
}

/// Findings of `text`: valid spans, sorted by (start, end, rule), no duplicates,
/// replacements that differ from the flagged text.
pub fn assert_findings(text: &str, findings: &[Finding]) {
    for f in findings {
        assert_span(text, f.start, f.end, &f.rule.id);
        let flagged = &text[f.start..f.end];
        for r in &f.replacements {
            assert_ne!(r, flagged, "{}: a replacement equal to the text", f.rule.id);
        }
    }
    for w in findings.windows(2) {
        let a = (w[0].start, w[0].end, &w[0].rule.id);
        let b = (w[1].start, w[1].end, &w[1].rule.id);
        assert!(
            a < b,
            "findings out of order or duplicated: {a:?} then {b:?}"
        );
    }
}

/// (start, end, rule) of each finding: what two lints must agree on.
pub fn keys(findings: &[Finding]) -> Vec<(usize, usize, String)> {
    findings
        .iter()
        .map(|f| (f.start, f.end, f.rule.id.clone()))
        .collect()
}
