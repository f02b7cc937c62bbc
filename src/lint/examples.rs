//! Rule examples are tests: every bad example must fire its rule with the
//! expected fix, and every good example must fire nothing at all.

use crate::fix::{fix_text_with, FixMode};
use crate::source::SourceKind;

use super::Linter;

/// One example that did not behave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleFailure {
    pub rule: String,
    pub origin: String,
    pub line: usize,
    pub text: String,
    pub problem: String,
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}\n    example: {}",
            self.origin, self.line, self.rule, self.problem, self.text
        )
    }
}

/// Check the examples of every rule `linter` enables (or of the rules for
/// which `only` returns true).
pub fn verify(linter: &Linter, only: impl Fn(&str) -> bool) -> Vec<ExampleFailure> {
    let mut failures = Vec::new();
    for (r, rule) in linter.rules().rules().iter().enumerate() {
        let meta = &rule.meta;
        if !linter.is_enabled(r) || !only(&meta.id) {
            continue;
        }
        let fail = |text: &str, problem: String| ExampleFailure {
            rule: meta.id.clone(),
            origin: meta.origin.clone(),
            line: meta.line,
            text: text.to_string(),
            problem,
        };
        if let Some(problem) = crate::rules::examples_problem(meta.bad(), meta.good(), meta.fixable)
        {
            failures.push(fail("", problem));
        }
        for bad in meta.bad() {
            let report = linter.lint(&bad.text, SourceKind::Plain);
            let own: Vec<_> = report
                .findings
                .iter()
                .filter(|f| f.rule.id == meta.id)
                .collect();
            if own.is_empty() {
                failures.push(fail(&bad.text, "bad example does not fire the rule".into()));
                continue;
            }
            if let Some(flagged) = &bad.flagged {
                if !own.iter().any(|f| &bad.text[f.start..f.end] == flagged) {
                    let got: Vec<_> = own.iter().map(|f| &bad.text[f.start..f.end]).collect();
                    failures.push(fail(
                        &bad.text,
                        format!("expected the finding on {flagged:?}, got {got:?}"),
                    ));
                }
            }
            if let Some(expected) = &bad.fixed {
                // The real fix engine, this rule's fixes only (safe or not).
                let outcome = fix_text_with(
                    linter,
                    &bad.text,
                    SourceKind::Plain,
                    FixMode::UNSAFE,
                    &|f| f.rule.id == meta.id,
                );
                let fixed = outcome.text;
                if &fixed != expected {
                    failures.push(fail(
                        &bad.text,
                        format!("fix gives {fixed:?}, expected {expected:?}"),
                    ));
                }
            }
        }
        for good in meta.good() {
            let report = linter.lint(&good.text, SourceKind::Plain);
            for f in &report.findings {
                failures.push(fail(
                    &good.text,
                    format!(
                        "good example fires {} on {:?}",
                        f.rule.id,
                        &good.text[f.start..f.end]
                    ),
                ));
            }
        }
    }
    failures
}
