//! Findings: what a rule found, where in the file, and how to fix it.

use std::sync::Arc;

use crate::rules::{RuleMeta, Severity};

/// One finding, in byte offsets of the file as it is on disk.
#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: Arc<RuleMeta>,
    pub start: usize,
    pub end: usize,
    /// Replacements for `start..end`, best first; empty when there is no fix.
    pub replacements: Vec<String>,
    /// A message for this finding, in place of the rule's.
    pub message: Option<String>,
    /// Severity after configuration (defaults to the rule's).
    pub severity: Severity,
}

impl Finding {
    pub fn message(&self) -> &str {
        self.message.as_deref().unwrap_or(&self.rule.message)
    }

    /// `safe`, `unsafe`, or `None` when there is no fix.
    pub fn fix_safety(&self) -> Option<&'static str> {
        if self.replacements.is_empty() {
            None
        } else if self.rule.safe {
            Some("safe")
        } else {
            Some("unsafe")
        }
    }
}

/// Line starts of a file, for 1-based line and column numbers.
///
/// Columns count characters (not bytes); a byte-order mark is not counted,
/// and a `\r` before `\n` belongs to the line it ends.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![crate::source::bom_len(text)];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { text, starts }
    }

    /// 1-based (line, column) of byte `offset`.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        (line, col + 1)
    }

    /// Byte offset where 0-based line `line` starts.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_skip_bom_and_handle_crlf() {
        let text = "\u{feff}ab\r\ncé d";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(3), (1, 1));
        assert_eq!(idx.position(4), (1, 2));
        let d = text.find('d').unwrap();
        assert_eq!(idx.position(d), (2, 4));
    }
}
