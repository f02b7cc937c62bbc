//! Findings: what a rule found, where in the file, and how to fix it.

use std::cell::Cell;
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
    /// The last offset [`LineIndex::chars_before`] was asked for and the
    /// characters before it. Findings come in order, so the next count runs
    /// from here: counting from the start each time is quadratic.
    cursor: Cell<(usize, usize)>,
    /// The same for [`LineIndex::position`], within a line: the last
    /// (line, offset, characters from the line start to it). Counting from
    /// the line start each time is quadratic on a megabyte-long line.
    column_cursor: Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        LineIndex::with_first_line_at(text, crate::source::bom_len(text))
    }

    /// Lines of `text` where the first line starts at byte `first` (the
    /// bytes before it, a byte-order mark, belong to no line).
    pub fn with_first_line_at(text: &'a str, first: usize) -> LineIndex<'a> {
        let mut starts = vec![first];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            text,
            starts,
            cursor: Cell::new((0, 0)),
            column_cursor: Cell::new((0, 0, 0)),
        }
    }

    /// 1-based (line, column) of byte `offset`.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let line_start = self.starts[line - 1];
        let offset = self.char_boundary_at_or_before(offset);
        let col = if offset <= line_start {
            0
        } else {
            let count = |from: usize, to: usize| self.text[from..to].chars().count();
            match self.column_cursor.get() {
                (l, at, col) if l == line && at <= offset => col + count(at, offset),
                (l, at, col) if l == line && at - offset < offset - line_start => {
                    col - count(offset, at)
                }
                _ => count(line_start, offset),
            }
        };
        self.column_cursor.set((line, offset, col));
        (line, col + 1)
    }

    /// `offset`, at most the text's length, rounded down to a character boundary.
    fn char_boundary_at_or_before(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// Characters in the text before byte `offset` (rounded down to a
    /// character boundary).
    pub fn chars_before(&self, offset: usize) -> usize {
        let offset = self.char_boundary_at_or_before(offset);
        let (at, chars) = self.cursor.get();
        let chars = if offset >= at {
            chars + self.text[at..offset].chars().count()
        } else {
            chars - self.text[offset..at].chars().count()
        };
        self.cursor.set((offset, chars));
        chars
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
        // Backwards and forwards again, as overlapping findings ask.
        assert_eq!(idx.position(4), (1, 2));
        assert_eq!(idx.chars_before(d), 8);
        assert_eq!(idx.position(text.len()), (2, 5));
    }

    #[test]
    fn positions_agree_with_counting_from_the_start() {
        let text = "\u{feff}é “ab”\r\nline two — x\n\nlast ünï line";
        let idx = LineIndex::new(text);
        // Forwards, backwards within a line, across lines, inside characters.
        let offsets = [
            0, 1, 3, 5, 9, 2, 16, 40, 18, 17, 30, 29, 31, 44, 60, 45, 3, 12,
        ];
        for &o in &offsets {
            let o = o.min(text.len() + 2);
            let mut b = o.min(text.len());
            while !text.is_char_boundary(b) {
                b -= 1;
            }
            let line_start = text[..b].rfind('\n').map_or(3, |p| p + 1);
            let line = 1 + text[..b].matches('\n').count();
            let col = text.get(line_start..b).map_or(0, |t| t.chars().count());
            assert_eq!(idx.position(o), (line, col + 1), "offset {o}");
        }
    }
}
