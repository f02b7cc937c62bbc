//! Plain text: one segment per paragraph (runs separated by blank lines).
//!
//! Paragraph segments keep documents small for the rule engine, let big files
//! be checked in parallel, and give the editor integration a natural unit to cache.

use std::borrow::Cow;

use super::{bom_len, OffsetMap, Parsed, Role, Segment};
use crate::suppress::{self, Directive};

/// A plain-text file read for linting: its text with the directive lines
/// blanked (every offset kept) and the directives. Its paragraphs
/// ([`paragraphs`] from [`PlainProse::start`]) are the segments, borrowed
/// from the file instead of copied when it has no directive.
pub struct PlainProse<'a> {
    pub text: Cow<'a, str>,
    pub directives: Vec<Directive>,
}

impl<'a> PlainProse<'a> {
    pub fn read(file_text: &'a str) -> PlainProse<'a> {
        let directives = suppress::plain_directives(file_text);
        let text = if directives.is_empty() {
            Cow::Borrowed(file_text)
        } else {
            // Blank the directive lines, keeping every offset.
            let mut bytes = file_text.as_bytes().to_vec();
            for d in &directives {
                bytes[d.start..d.end].fill(b' ');
            }
            Cow::Owned(String::from_utf8(bytes).expect("ASCII spaces keep UTF-8 valid"))
        };
        PlainProse { text, directives }
    }

    /// Where the prose starts: after a byte-order mark, if any.
    pub fn start(&self) -> usize {
        bom_len(&self.text)
    }
}

/// Paragraph segments and directive lines (`calque-disable-next-line …`);
/// directive lines are not prose.
pub fn parse(file_text: &str) -> Parsed {
    let prose = PlainProse::read(file_text);
    let text = &prose.text;
    let segments = paragraphs(text, prose.start())
        .map(|(s, e)| Segment {
            text: text[s..e].to_string(),
            map: OffsetMap::shifted(s),
            role: Role::Body,
        })
        .collect();
    Parsed {
        segments,
        directives: prose.directives,
    }
}

/// Byte ranges of the paragraphs of `text[from..]`, trimmed of blank lines.
pub fn paragraphs(text: &str, from: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut pos = from;
    std::iter::from_fn(move || {
        // Skip blank lines and leading whitespace.
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let mut end = pos;
        loop {
            let line_end = memchr_newline(bytes, pos);
            let line = &bytes[pos..line_end];
            if line.iter().all(|b| b.is_ascii_whitespace()) {
                break;
            }
            end = line_end;
            pos = (line_end + 1).min(bytes.len());
            if line_end >= bytes.len() {
                break;
            }
        }
        // Trim a trailing '\r'.
        while end > start && bytes[end - 1].is_ascii_whitespace() {
            end -= 1;
        }
        Some((start, end))
    })
}

fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_blank_lines_and_keeps_offsets() {
        let text = "\u{feff}First line\r\nsame para.\r\n\r\nSecond.\n";
        let segs = parse(text).segments;
        assert_eq!(segs.len(), 2);
        assert_eq!(segs[0].text, "First line\r\nsame para.");
        assert_eq!(segs[0].map.to_file(0), 3);
        assert_eq!(segs[1].text, "Second.");
        assert_eq!(&text[segs[1].map.to_file(0)..][..7], "Second.");
    }

    #[test]
    fn empty_and_blank_text_give_no_segments() {
        assert!(parse("").segments.is_empty());
        assert!(parse(" \n\n\t\n").segments.is_empty());
    }
}
