//! Lint → fix → lint again, until nothing changes.
//!
//! [`fix_text`] is the one entry point for fixing a text: the CLI (`fix`,
//! `check --fix`), the rule-example tests and editor front ends ("fix all")
//! call it so they all agree. Each pass lints the text, applies the
//! non-overlapping set of eligible fixes and lints again; fixes left out
//! because they overlap get their turn in the next pass. The number of passes
//! is bounded; whatever is still fixable at the end is reported.

use crate::finding::{Finding, LineIndex};
use crate::lint::{FileReport, Linter};
use crate::source::SourceKind;

use super::apply::{apply_edits, Edit};

/// Which fixes to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FixMode {
    /// Apply the fixes of rules not marked `safe` too.
    pub unsafe_fixes: bool,
    /// Stop after this many lint → fix passes.
    pub max_passes: usize,
}

impl FixMode {
    /// Safe fixes only, up to 10 passes.
    pub const SAFE: FixMode = FixMode {
        unsafe_fixes: false,
        max_passes: 10,
    };
    /// Safe and unsafe fixes, up to 10 passes.
    pub const UNSAFE: FixMode = FixMode {
        unsafe_fixes: true,
        max_passes: 10,
    };

    pub fn new(unsafe_fixes: bool) -> FixMode {
        if unsafe_fixes {
            FixMode::UNSAFE
        } else {
            FixMode::SAFE
        }
    }

    /// May this finding's fix be applied in this mode?
    pub fn allows(&self, f: &Finding) -> bool {
        !f.replacements.is_empty() && (f.rule.safe || self.unsafe_fixes)
    }
}

impl Default for FixMode {
    fn default() -> FixMode {
        FixMode::SAFE
    }
}

/// One fix that was applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppliedFix {
    pub rule: String,
    /// 1-based pass in which it was applied.
    pub pass: usize,
    /// The byte range replaced (after tidying) in the text of that pass.
    pub start: usize,
    pub end: usize,
    /// 1-based line and column in the text of that pass.
    pub line: usize,
    pub column: usize,
    /// The text replaced (after tidying) and its replacement.
    pub before: String,
    pub after: String,
}

/// Why a fixable finding is still there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unfixed {
    /// An unsafe fix, and unsafe fixes were not asked for.
    NeedsUnsafe,
    /// Eligible, but it could not be applied: it kept overlapping another
    /// fix, changed nothing, or the rule fires again on its own result.
    CouldNotApply,
}

/// A finding with a fix that is still in the fixed text.
#[derive(Clone, Debug)]
pub struct Remaining {
    /// In offsets of the fixed text.
    pub finding: Finding,
    pub reason: Unfixed,
}

/// The result of [`fix_text`].
#[derive(Clone, Debug)]
pub struct FixOutcome {
    /// The fixed text (the input unchanged when nothing applied).
    pub text: String,
    pub changed: bool,
    pub applied: Vec<AppliedFix>,
    pub remaining: Vec<Remaining>,
    /// The findings of the fixed text (all of them, fixable or not).
    pub report: FileReport,
    /// Passes that applied something.
    pub passes: usize,
}

impl FixOutcome {
    pub fn needs_unsafe(&self) -> usize {
        self.count(Unfixed::NeedsUnsafe)
    }

    pub fn could_not_apply(&self) -> usize {
        self.count(Unfixed::CouldNotApply)
    }

    fn count(&self, reason: Unfixed) -> usize {
        self.remaining.iter().filter(|r| r.reason == reason).count()
    }
}

/// Fix a whole file's text (BOM included, if any) with every fix `mode`
/// allows.
pub fn fix_text(linter: &Linter, text: &str, kind: SourceKind, mode: FixMode) -> FixOutcome {
    fix_text_with(linter, text, kind, mode, &|_| true)
}

/// [`fix_text`] for the findings `wanted` accepts only (e.g. one rule's).
/// Findings it refuses are neither fixed nor counted as remaining.
pub fn fix_text_with(
    linter: &Linter,
    text: &str,
    kind: SourceKind,
    mode: FixMode,
    wanted: &dyn Fn(&Finding) -> bool,
) -> FixOutcome {
    let mut current = text.to_string();
    let mut report = linter.lint(&current, kind);
    let mut applied = Vec::new();
    let mut passes = 0;
    for pass in 1..=mode.max_passes {
        let edits: Vec<(Edit, &Finding)> = report
            .findings
            .iter()
            .filter(|f| mode.allows(f) && wanted(f))
            .filter_map(|f| Edit::from_finding(f).map(|e| (e, f)))
            .collect();
        if edits.is_empty() {
            break;
        }
        let plain: Vec<Edit> = edits.iter().map(|(e, _)| e.clone()).collect();
        let result = apply_edits(&current, &plain);
        if result.applied.is_empty() || result.text == current {
            break;
        }
        let index = LineIndex::new(&current);
        for (i, e) in &result.applied {
            let (line, column) = index.position(e.start);
            applied.push(AppliedFix {
                rule: edits[*i].1.rule.id.clone(),
                pass,
                start: e.start,
                end: e.end,
                line,
                column,
                before: current[e.start..e.end].to_string(),
                after: e.text.clone(),
            });
        }
        passes = pass;
        current = result.text;
        report = linter.lint(&current, kind);
    }
    let remaining = report
        .findings
        .iter()
        .filter(|f| !f.replacements.is_empty() && wanted(f))
        .map(|f| Remaining {
            finding: f.clone(),
            reason: if mode.allows(f) {
                Unfixed::CouldNotApply
            } else {
                Unfixed::NeedsUnsafe
            },
        })
        .collect();
    FixOutcome {
        changed: current != text,
        text: current,
        applied,
        remaining,
        report,
        passes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::load::{load, RuleSources};
    use std::sync::Arc;

    fn linter() -> Linter {
        Linter::all(Arc::new(load(&RuleSources::default()).unwrap()))
    }

    #[test]
    fn repeated_words_are_fixed_over_passes() {
        let l = linter();
        let out = fix_text(
            &l,
            "The the the the talks ended.\r\n",
            SourceKind::Plain,
            FixMode::SAFE,
        );
        assert_eq!(out.text, "The talks ended.\r\n");
        assert!(out.changed);
        assert_eq!(out.passes, 1);
        assert_eq!(out.applied.len(), 3);
        assert!(out.remaining.is_empty());
        let again = fix_text(&l, &out.text, SourceKind::Plain, FixMode::SAFE);
        assert!(!again.changed);
        assert!(again.applied.is_empty());
    }

    #[test]
    fn safe_mode_leaves_unsafe_fixes() {
        let l = linter();
        let out = fix_text_with(
            &l,
            "the the talks",
            SourceKind::Plain,
            FixMode::SAFE,
            &|_| false,
        );
        assert!(!out.changed);
        assert!(out.remaining.is_empty());
        assert_eq!(out.report.findings.len(), 1);
    }
}
