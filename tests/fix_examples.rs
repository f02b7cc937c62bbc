//! Every built-in rule's bad examples, through the real fix engine: fixing
//! the bad sentence gives its `fixed` sentence, and fixing that again
//! changes nothing.

use std::sync::Arc;

use calque::fix::{fix_text_with, FixMode};
use calque::lint::Linter;
use calque::rules::load::{load, RuleSources};
use calque::source::SourceKind;

#[test]
fn builtin_bad_examples_round_trip() {
    let linter = Linter::all(Arc::new(load(&RuleSources::default()).unwrap()));
    let mut checked = 0;
    let mut failures = Vec::new();
    for rule in linter.rules().rules() {
        let meta = &rule.meta;
        let own = |f: &calque::finding::Finding| f.rule.id == meta.id;
        for bad in meta.bad() {
            let Some(expected) = &bad.fixed else { continue };
            let out = fix_text_with(&linter, &bad.text, SourceKind::Plain, FixMode::UNSAFE, &own);
            if &out.text != expected {
                failures.push(format!(
                    "{}: {:?} → {:?}, expected {:?}",
                    meta.id, bad.text, out.text, expected
                ));
                continue;
            }
            let again = fix_text_with(&linter, &out.text, SourceKind::Plain, FixMode::UNSAFE, &own);
            if again.changed {
                failures.push(format!(
                    "{}: fixing {:?} again gives {:?}",
                    meta.id, out.text, again.text
                ));
            }
            checked += 1;
        }
    }
    assert!(checked > 0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rule_examples_agree_with_the_engine() {
    // `calque test-rules` (lint::examples) uses the same engine.
    let linter = Linter::all(Arc::new(load(&RuleSources::default()).unwrap()));
    let failures = calque::lint::examples::verify(&linter, |_| true);
    assert!(failures.is_empty(), "{failures:#?}");
}
