//! Per-paragraph lint results, so that an edit re-lints only what changed.
//!
//! The sources already cut a file into prose [`Segment`]s (a paragraph each
//! for plain text). Results are kept per segment, keyed by a hash of the
//! segment's text and [`Role`], in *segment* offsets: a paragraph that moved
//! because lines were added above it is found again and its findings are
//! mapped through its new offset map.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use crate::finding::Finding;
use crate::lint::{sort_findings, Linter};
use crate::source::{self, OffsetMap, Role, Segment, SourceKind};

struct Entry {
    text: String,
    role: Role,
    /// Findings in offsets of `text`.
    findings: Vec<Finding>,
}

/// The cache of one document; valid for one linter (clear it when the rules
/// or the selection change).
#[derive(Default)]
pub struct SegmentCache {
    entries: HashMap<u64, Entry>,
}

/// How much of the last pass was served from the cache.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub linted: usize,
    pub reused: usize,
}

fn key(text: &str, role: Role) -> u64 {
    let mut h = DefaultHasher::new();
    text.hash(&mut h);
    // `Role` is a plain enum; its debug name identifies it without asking
    // the source module for a `Hash` impl.
    format!("{role:?}").hash(&mut h);
    h.finish()
}

impl SegmentCache {
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// Lint a whole file, reusing the results of unchanged segments.
    /// Entries of segments that are gone are dropped.
    pub fn lint(&mut self, linter: &Linter, text: &str, kind: SourceKind) -> (Vec<Finding>, Stats) {
        let mut stats = Stats::default();
        let mut next: HashMap<u64, Entry> = HashMap::with_capacity(self.entries.len());
        let mut findings = Vec::new();
        let parsed = source::parse(text, kind);
        for mut seg in parsed.segments {
            let k = key(&seg.text, seg.role);
            let hit = |e: &Entry| e.text == seg.text && e.role == seg.role;
            let reused = match next.get(&k) {
                Some(e) if hit(e) => true,
                _ => match self.entries.remove(&k) {
                    Some(e) if hit(&e) => {
                        next.insert(k, e);
                        true
                    }
                    _ => false,
                },
            };
            if reused {
                stats.reused += 1;
            } else {
                stats.linted += 1;
                let local = lint_local(linter, &mut seg);
                next.insert(
                    k,
                    Entry {
                        text: seg.text.clone(),
                        role: seg.role,
                        findings: local,
                    },
                );
            }
            let entry = &next[&k];
            findings.extend(entry.findings.iter().map(|f| to_file(f, &seg.map)));
        }
        self.entries = next;
        sort_findings(&mut findings);
        // Suppression comments apply to the whole document, after the cache.
        let (findings, _) = crate::suppress::apply(
            text,
            &parsed.directives,
            findings,
            linter.options().report_unused_suppressions,
        );
        (findings, stats)
    }
}

/// Lint a segment with its offsets left in segment coordinates.
fn lint_local(linter: &Linter, seg: &mut Segment) -> Vec<Finding> {
    let map = std::mem::take(&mut seg.map);
    let (found, _words) = linter.lint_segment(seg);
    seg.map = map;
    found
}

/// Map a finding from segment offsets to file offsets, the way the linter does.
fn to_file(f: &Finding, map: &OffsetMap) -> Finding {
    let (start, end) = map.span_to_file(f.start, f.end);
    Finding {
        start,
        end,
        ..f.clone()
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

    fn spans(f: &[Finding]) -> Vec<(usize, usize)> {
        f.iter().map(|f| (f.start, f.end)).collect()
    }

    #[test]
    fn matches_a_full_lint_and_relints_only_changed_paragraphs() {
        let l = linter();
        let mut cache = SegmentCache::default();
        let text = "The envoy met the the minister.\n\nTalks went on.\n\nThey said said so.\n";
        let (f, s) = cache.lint(&l, text, SourceKind::Plain);
        assert_eq!(spans(&f), spans(&l.lint(text, SourceKind::Plain).findings));
        assert_eq!(
            s,
            Stats {
                linted: 3,
                reused: 0
            }
        );

        // A paragraph added at the top: the others move but are not re-linted.
        let text2 = format!("A new lead paragraph.\n\n{text}");
        let (f2, s2) = cache.lint(&l, &text2, SourceKind::Plain);
        assert_eq!(
            s2,
            Stats {
                linted: 1,
                reused: 3
            }
        );
        assert_eq!(
            spans(&f2),
            spans(&l.lint(&text2, SourceKind::Plain).findings)
        );
        assert_eq!(f2.len(), 2);

        // The repetition fixed: one paragraph linted, one finding left.
        let text3 = text2.replace("the the", "the");
        let (f3, s3) = cache.lint(&l, &text3, SourceKind::Plain);
        assert_eq!(
            s3,
            Stats {
                linted: 1,
                reused: 3
            }
        );
        assert_eq!(
            spans(&f3),
            spans(&l.lint(&text3, SourceKind::Plain).findings)
        );
        assert_eq!(f3.len(), 1);
    }

    #[test]
    fn repeated_paragraphs_share_an_entry() {
        let l = linter();
        let mut cache = SegmentCache::default();
        let text = "He met the the envoy.\n\nHe met the the envoy.\n";
        let (f, s) = cache.lint(&l, text, SourceKind::Plain);
        assert_eq!(
            s,
            Stats {
                linted: 1,
                reused: 1
            }
        );
        assert_eq!(spans(&f), spans(&l.lint(text, SourceKind::Plain).findings));
    }
}
