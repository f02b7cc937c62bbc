//! Stage 4: run the rules over a file and map hits back to it.

pub mod examples;
pub mod source_guess;

use std::cell::Cell;
use std::sync::Arc;

use crate::finding::Finding;
use crate::rules::select::{selector_matches, Selection};
use crate::rules::{Category, Hit, RuleMeta, RuleSet, Severity};
use crate::source::{self, OffsetMap, Role, Segment, SourceKind};
use crate::text::{Document, DocumentBuffers};

/// A compiled rule set with the rules a run enables.
#[derive(Clone)]
pub struct Linter {
    rules: Arc<RuleSet>,
    enabled: Vec<bool>,
    /// Severity of each rule after configuration.
    severities: Vec<Severity>,
    options: LintOptions,
}

/// What configuration adds to a rule selection.
#[derive(Clone, Debug, Default)]
pub struct LintOptions {
    /// Severity overrides: selector (rule id, id prefix, pack or category)
    /// → severity. The most specific selector wins (id, then the longest
    /// prefix, then pack, then category).
    pub severities: Vec<(String, Severity)>,
    /// Names and terms never to flag.
    pub words: WordList,
    /// Report suppression comments that suppress nothing.
    pub report_unused_suppressions: bool,
}

/// A project word list: a finding whose flagged text contains one of these
/// words or terms (as written, case-sensitive, on word boundaries) is
/// dropped. Case counts so that a name (`Till Now`, a film) does not hide
/// the phrase (`till now`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordList {
    terms: Vec<String>,
}

impl WordList {
    pub fn new<I: IntoIterator<Item = S>, S: AsRef<str>>(terms: I) -> WordList {
        let mut terms: Vec<String> = terms
            .into_iter()
            .map(|t| t.as_ref().trim().to_string())
            .filter(|t| !t.is_empty())
            .collect();
        terms.sort();
        terms.dedup();
        WordList { terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// Does `text` contain one of the terms, on word boundaries?
    pub fn matches(&self, text: &str) -> bool {
        !self.spans(text).is_empty()
    }

    /// Byte ranges of the terms' occurrences in `text`, on word boundaries.
    pub fn spans(&self, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for t in &self.terms {
            for (i, m) in text.match_indices(t.as_str()) {
                let before = text[..i].chars().next_back();
                let after = text[i + m.len()..].chars().next();
                if !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
                {
                    out.push((i, i + m.len()));
                }
            }
        }
        out
    }
}

/// The severity `options` give a rule, or its own.
fn configured_severity(meta: &RuleMeta, overrides: &[(String, Severity)]) -> Severity {
    let rank = |sel: &str| -> Option<usize> {
        if sel == meta.id {
            Some(usize::MAX)
        } else if selector_matches(sel, meta) {
            Some(if sel == meta.category.as_str() {
                0
            } else if sel == meta.pack {
                1
            } else {
                2 + sel.len()
            })
        } else {
            None
        }
    };
    overrides
        .iter()
        .filter_map(|(sel, sev)| rank(sel).map(|r| (r, *sev)))
        .max_by_key(|&(r, _)| r)
        .map_or(meta.severity, |(_, sev)| sev)
}

/// Findings for one file, with the word count for density figures.
#[derive(Clone, Debug, Default)]
pub struct FileReport {
    pub findings: Vec<Finding>,
    pub words: usize,
}

impl FileReport {
    /// Findings per 1,000 words.
    pub fn density(&self) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            self.findings.len() as f64 * 1000.0 / self.words as f64
        }
    }
}

impl Linter {
    pub fn new(rules: Arc<RuleSet>, selection: &Selection) -> Linter {
        let enabled = rules
            .rules()
            .iter()
            .map(|r| selection.enables(&r.meta))
            .collect();
        let severities = rules.rules().iter().map(|r| r.meta.severity).collect();
        Linter {
            rules,
            enabled,
            severities,
            options: LintOptions::default(),
        }
    }

    /// The same linter with configuration: severities, word list, unused
    /// suppressions.
    pub fn with_options(mut self, options: LintOptions) -> Linter {
        self.severities = self
            .rules
            .rules()
            .iter()
            .map(|r| configured_severity(&r.meta, &options.severities))
            .collect();
        self.options = options;
        self
    }

    pub fn options(&self) -> &LintOptions {
        &self.options
    }

    /// Every rule on, opt-in rules included.
    pub fn all(rules: Arc<RuleSet>) -> Linter {
        Linter::new(rules, &Selection::everything())
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Is rule number `r` on?
    pub fn is_enabled(&self, r: usize) -> bool {
        self.enabled[r]
    }

    /// Lint a whole file's text (BOM included, if any). Suppression
    /// comments in the file are honoured.
    pub fn lint(&self, file_text: &str, kind: SourceKind) -> FileReport {
        // A big file's segments are linted in parallel (in order); small
        // files are not worth the hand-off, and run in parallel with others.
        let parallel = file_text.len() >= PARALLEL_MIN_BYTES;
        let (results, directives) = match kind {
            // Plain paragraphs are linted where they lie in the file, not
            // copied into segments first.
            SourceKind::Plain => {
                let prose = source::PlainProse::read(file_text);
                let paragraphs: Vec<(usize, usize)> =
                    source::paragraphs(&prose.text, prose.start()).collect();
                let results = map_in_order(parallel, &paragraphs, |&(s, e)| {
                    self.lint_prose(&prose.text[s..e], &OffsetMap::shifted(s), Role::Body)
                });
                (results, prose.directives)
            }
            _ => {
                let parsed = source::parse(file_text, kind);
                let results =
                    map_in_order(parallel, &parsed.segments, |seg| self.lint_segment(seg));
                (results, parsed.directives)
            }
        };
        let mut report = FileReport {
            findings: Vec::with_capacity(results.iter().map(|(f, _)| f.len()).sum()),
            words: 0,
        };
        for (mut found, words) in results {
            report.findings.append(&mut found);
            report.words += words;
        }
        sort_findings(&mut report.findings);
        let (kept, _) = crate::suppress::apply(
            file_text,
            &directives,
            std::mem::take(&mut report.findings),
            self.options.report_unused_suppressions,
        );
        report.findings = kept;
        report
    }

    /// Lint one segment; findings are in file offsets. Headings drop
    /// `article` findings (headlines leave articles out); findings on the
    /// project word list are dropped.
    pub fn lint_segment(&self, seg: &Segment) -> (Vec<Finding>, usize) {
        self.lint_prose(&seg.text, &seg.map, seg.role)
    }

    /// [`Linter::lint_segment`] for a segment's parts, borrowed: its text,
    /// the map of its offsets to the file's, its role.
    pub fn lint_prose(&self, text: &str, map: &OffsetMap, role: Role) -> (Vec<Finding>, usize) {
        let doc = Document::reusing(text, DOCUMENT_BUFFERS.take());
        let words = doc.word_count();
        let hits = self.rules.hits(&doc, &self.enabled);
        let buffers = doc.into_buffers();
        // Buffers sized for an outsize paragraph are not kept.
        if buffers.capacity() <= KEEP_BUFFERS_MAX_BYTES {
            DOCUMENT_BUFFERS.set(buffers);
        }
        let terms = self.options.words.spans(text);
        let findings = hits
            .into_iter()
            .filter(|h| {
                role != Role::Heading || self.rules.meta(h.rule).category != Category::Article
            })
            // On the word list: the flagged text holds a term, or lies in one.
            .filter(|h| {
                !terms
                    .iter()
                    .any(|&(s, e)| s < h.end.max(h.start + 1) && h.start < e)
            })
            .map(|h| self.finding(map, h))
            .collect();
        (findings, words)
    }

    fn finding(&self, map: &OffsetMap, hit: Hit) -> Finding {
        let meta = self.rules.meta(hit.rule).clone();
        let (start, end) = map.span_to_file(hit.start, hit.end);
        Finding {
            severity: self.severities[hit.rule],
            rule: meta,
            start,
            end,
            replacements: hit.replacements,
            message: hit.message,
        }
    }
}

thread_local! {
    /// The last document's buffers on this thread, for the next one.
    static DOCUMENT_BUFFERS: Cell<DocumentBuffers> = Cell::default();
}

/// Largest text (in bytes) whose document buffers are kept for the next.
const KEEP_BUFFERS_MAX_BYTES: usize = 1 << 20;

/// Files at least this big have their segments linted in parallel.
pub const PARALLEL_MIN_BYTES: usize = 64 * 1024;

/// `lint` applied to each item, results in item order; in parallel when asked.
fn map_in_order<T, R>(parallel: bool, items: &[T], lint: impl Fn(&T) -> R + Sync + Send) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    if parallel {
        use rayon::prelude::*;
        items.par_iter().map(lint).collect()
    } else {
        items.iter().map(lint).collect()
    }
}

/// Sort by position, then rule id; drop exact duplicates.
pub fn sort_findings(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| (a.start, a.end, &a.rule.id).cmp(&(b.start, b.end, &b.rule.id)));
    findings.dedup_by(|a, b| a.start == b.start && a.end == b.end && a.rule.id == b.rule.id);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_list_matches_on_word_boundaries() {
        let w = WordList::new(["Khamenei", "Sino-French"]);
        assert!(w.matches("met Khamenei today"));
        assert!(!w.matches("met khamenei today"));
        assert!(w.matches("the Sino-French talks"));
        assert!(!w.matches("Khameneis"));
        assert!(!WordList::default().matches("anything"));
    }
}
