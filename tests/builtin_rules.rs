//! The built-in rule set: it compiles, every example holds, and it stays
//! silent on native English written for this corpus.

use std::sync::Arc;

use calque::lint::{examples, Linter};
use calque::rules::load::{load, RuleSources};
use calque::source::SourceKind;

fn linter() -> Linter {
    let set = load(&RuleSources::default()).unwrap_or_else(|errors| {
        panic!(
            "built-in rules do not compile:\n{}",
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    Linter::all(Arc::new(set))
}

#[test]
fn every_rule_example_holds() {
    let failures = examples::verify(&linter(), |_| true);
    assert!(
        failures.is_empty(),
        "{} example(s) failed:\n{}",
        failures.len(),
        failures
            .iter()
            .map(|f| f.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn every_rule_has_bad_and_good_examples() {
    let linter = linter();
    for rule in linter.rules().rules() {
        let m = &rule.meta;
        assert!(
            !m.bad().is_empty() && !m.good().is_empty(),
            "{} lacks examples",
            m.id
        );
        assert!(
            m.id.starts_with(&format!("calque.{}.", m.pack)),
            "{} is not in its pack's namespace",
            m.id
        );
        assert!(!m.message.trim().is_empty(), "{} has no message", m.id);
    }
}

#[test]
fn native_corpus_is_silent() {
    let linter = linter();
    let mut noisy = Vec::new();
    let mut words = 0;
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/native");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 10);
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let report = linter.lint(&text, SourceKind::Plain);
        words += report.words;
        for f in report.findings {
            noisy.push(format!(
                "{}:{}: {} on {:?}",
                path.file_name().unwrap().to_string_lossy(),
                f.start,
                f.rule.id,
                &text[f.start..f.end]
            ));
        }
    }
    assert!(
        words > 5000,
        "the native corpus should hold several thousand words"
    );
    assert!(
        noisy.is_empty(),
        "false alarms on native copy:\n{}",
        noisy.join("\n")
    );
}

#[test]
fn bundled_example_is_flagged_and_clean_example_is_not() {
    let linter = linter();
    let root = env!("CARGO_MANIFEST_DIR");
    let bad = std::fs::read_to_string(format!("{root}/examples/summit-report.txt")).unwrap();
    let good = std::fs::read_to_string(format!("{root}/examples/clean-report.txt")).unwrap();
    assert!(!linter.lint(&bad, SourceKind::Plain).findings.is_empty());
    let clean = linter.lint(&good, SourceKind::Plain).findings;
    assert!(
        clean.is_empty(),
        "clean example flagged: {:?}",
        clean.iter().map(|f| &f.rule.id).collect::<Vec<_>>()
    );
}

#[test]
fn no_two_rules_flag_the_same_span() {
    // Two rules with the same trigger show up as two findings on one span
    // of some rule's bad example.
    let linter = linter();
    let mut twins = std::collections::BTreeSet::new();
    for rule in linter.rules().rules() {
        for bad in rule.meta.bad() {
            let findings = linter.lint(&bad.text, SourceKind::Plain).findings;
            for f in findings.iter().filter(|f| f.rule.id == rule.meta.id) {
                for g in &findings {
                    if g.rule.id != f.rule.id && (g.start, g.end) == (f.start, f.end) {
                        let mut pair = [f.rule.id.clone(), g.rule.id.clone()];
                        pair.sort();
                        twins.insert(pair);
                    }
                }
            }
        }
    }
    assert!(twins.is_empty(), "rules with the same trigger: {twins:?}");
}
