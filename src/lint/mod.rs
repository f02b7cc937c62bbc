//! Stage 4: run the rules over a file and map hits back to it.

pub mod examples;

use std::sync::Arc;

use crate::finding::Finding;
use crate::rules::select::Selection;
use crate::rules::{Hit, RuleSet};
use crate::source::{self, Segment, SourceKind};
use crate::text::Document;

/// A compiled rule set with the rules a run enables.
#[derive(Clone)]
pub struct Linter {
    rules: Arc<RuleSet>,
    enabled: Vec<bool>,
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
        Linter { rules, enabled }
    }

    /// All rules on.
    pub fn all(rules: Arc<RuleSet>) -> Linter {
        Linter::new(rules, &Selection::default())
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Is rule number `r` on?
    pub fn is_enabled(&self, r: usize) -> bool {
        self.enabled[r]
    }

    /// Lint a whole file's text (BOM included, if any).
    pub fn lint(&self, file_text: &str, kind: SourceKind) -> FileReport {
        let segments = source::segments(file_text, kind);
        let mut report = FileReport::default();
        for seg in &segments {
            let (mut found, words) = self.lint_segment(seg);
            report.findings.append(&mut found);
            report.words += words;
        }
        sort_findings(&mut report.findings);
        report
    }

    /// Lint one segment; findings are in file offsets.
    pub fn lint_segment(&self, seg: &Segment) -> (Vec<Finding>, usize) {
        let doc = Document::new(&seg.text);
        let words = doc.tokens().iter().filter(|t| t.is_word()).count();
        let hits = self.rules.hits(&doc, &self.enabled);
        let findings = hits
            .into_iter()
            .map(|h| self.finding(seg, h))
            .collect();
        (findings, words)
    }

    fn finding(&self, seg: &Segment, hit: Hit) -> Finding {
        let meta = self.rules.meta(hit.rule).clone();
        let start = seg.map.to_file(hit.start);
        let end = if hit.end == hit.start {
            start
        } else {
            seg.map.end_to_file(hit.end)
        };
        Finding {
            severity: meta.severity,
            rule: meta,
            start,
            end,
            replacements: hit.replacements,
            message: hit.message,
        }
    }
}

/// Sort by position, then rule id; drop exact duplicates.
pub fn sort_findings(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| {
        (a.start, a.end, &a.rule.id).cmp(&(b.start, b.end, &b.rule.id))
    });
    findings.dedup_by(|a, b| a.start == b.start && a.end == b.end && a.rule.id == b.rule.id);
}
