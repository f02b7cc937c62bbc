//! Open documents: the text as a [`Rope`], edited incrementally, and the
//! conversions between protocol positions and byte offsets.
//!
//! LSP positions are (line, character) where "character" counts UTF-16 code
//! units by default, or bytes when the client and server agree on `utf-8`.
//! Lines end at `\n`, `\r\n` or `\r` only, which is why ropey is built with
//! `cr_lines` and without `unicode_lines` (U+2028 is not a line break here).

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};
use ropey::Rope;

use crate::source::SourceKind;

/// How the `character` of a [`Position`] is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-16 code units: the protocol's default.
    Utf16,
    /// Bytes of UTF-8, when the client offers `utf-8`.
    Utf8,
}

/// The language ids calque reads; others are ignored.
pub fn kind_for_language(language_id: &str) -> Option<SourceKind> {
    match language_id {
        "markdown" => Some(SourceKind::Markdown),
        "html" => Some(SourceKind::Html),
        "plaintext" | "text" => Some(SourceKind::Plain),
        _ => None,
    }
}

/// The text of one open document.
#[derive(Clone, Debug)]
pub struct Text {
    rope: Rope,
}

impl Text {
    pub fn new(text: &str) -> Text {
        Text {
            rope: Rope::from_str(text),
        }
    }

    pub fn rope(&self) -> &Rope {
        &self.rope
    }

    /// Apply one content change: a range edit, or the whole text when it has no range.
    pub fn apply(&mut self, change: &TextDocumentContentChangeEvent, enc: Encoding) {
        match change.range {
            None => self.rope = Rope::from_str(&change.text),
            Some(range) => {
                let start = self.char_at(range.start, enc);
                let end = self.char_at(range.end, enc).max(start);
                self.rope.remove(start..end);
                self.rope.insert(start, &change.text);
            }
        }
    }

    /// The char index of a position, clamped to the document and to the end
    /// of its line (the line break excluded), as the protocol asks.
    fn char_at(&self, pos: Position, enc: Encoding) -> usize {
        let line = pos.line as usize;
        if line >= self.rope.len_lines() {
            return self.rope.len_chars();
        }
        let line_start = self.rope.line_to_char(line);
        let line_end = line_start + line_len_chars(self.rope.line(line));
        match enc {
            Encoding::Utf8 => {
                let start_byte = self.rope.char_to_byte(line_start);
                let end_byte = self.rope.char_to_byte(line_end);
                let byte = (start_byte + pos.character as usize).min(end_byte);
                // Inside a character: round down to its start.
                self.rope.byte_to_char(byte)
            }
            Encoding::Utf16 => {
                let start_cu = self.rope.char_to_utf16_cu(line_start);
                let end_cu = self.rope.char_to_utf16_cu(line_end);
                let cu = (start_cu + pos.character as usize).min(end_cu);
                self.rope.utf16_cu_to_char(cu)
            }
        }
    }

    /// The byte offset of a position (clamped like [`Text::char_at`]).
    pub fn offset_at(&self, pos: Position, enc: Encoding) -> usize {
        self.rope.char_to_byte(self.char_at(pos, enc))
    }

    /// The position of byte `offset` (rounded down to a character boundary).
    pub fn position(&self, offset: usize, enc: Encoding) -> Position {
        let offset = offset.min(self.rope.len_bytes());
        let line = self.rope.byte_to_line(offset);
        let character = match enc {
            Encoding::Utf8 => {
                let c = self.rope.byte_to_char(offset);
                self.rope.char_to_byte(c) - self.rope.line_to_byte(line)
            }
            Encoding::Utf16 => {
                let c = self.rope.byte_to_char(offset);
                self.rope.char_to_utf16_cu(c)
                    - self.rope.char_to_utf16_cu(self.rope.line_to_char(line))
            }
        };
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, start: usize, end: usize, enc: Encoding) -> Range {
        Range::new(self.position(start, enc), self.position(end, enc))
    }

    /// The byte offset where the line holding byte `offset` starts.
    pub fn line_start(&self, offset: usize) -> usize {
        let offset = offset.min(self.rope.len_bytes());
        self.rope.line_to_byte(self.rope.byte_to_line(offset))
    }
}

/// Characters of a line without its line break.
fn line_len_chars(line: ropey::RopeSlice<'_>) -> usize {
    let mut n = line.len_chars();
    if n > 0 && line.char(n - 1) == '\n' {
        n -= 1;
    }
    if n > 0 && line.char(n - 1) == '\r' {
        n -= 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(sl: u32, sc: u32, el: u32, ec: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(sl, sc), Position::new(el, ec))),
            range_length: None,
            text: text.into(),
        }
    }

    // Curly quotes and an em dash (1 UTF-16 unit, 3 bytes each), a Persian
    // name (2 bytes a letter), an emoji (2 UTF-16 units, 4 bytes).
    const TEXT: &str = "“Zarif” — said 🙂 the the\r\nعباس met the the envoy.\n";

    #[test]
    fn utf16_positions_round_trip() {
        let t = Text::new(TEXT);
        let second_the = TEXT.find("the the").unwrap() + 4;
        let p = t.position(second_the, Encoding::Utf16);
        // “Zarif” — said 🙂 the: 7 + 1 + 1 + 1 + 4 + 1 + 2 + 1 + 3 + 1 = 22
        assert_eq!(p, Position::new(0, 22));
        assert_eq!(t.offset_at(p, Encoding::Utf16), second_the);

        let line2 = TEXT.rfind("the the").unwrap() + 4;
        let p = t.position(line2, Encoding::Utf16);
        assert_eq!(p, Position::new(1, 13));
        assert_eq!(t.offset_at(p, Encoding::Utf16), line2);
    }

    #[test]
    fn utf8_positions_count_bytes() {
        let t = Text::new(TEXT);
        let line2 = TEXT.rfind("the the").unwrap() + 4;
        let p = t.position(line2, Encoding::Utf8);
        assert_eq!(p, Position::new(1, "عباس met the ".len() as u32));
        assert_eq!(t.offset_at(p, Encoding::Utf8), line2);
    }

    #[test]
    fn positions_past_the_line_or_inside_a_surrogate_are_clamped() {
        let t = Text::new(TEXT);
        let eol = TEXT.find('\r').unwrap();
        assert_eq!(t.offset_at(Position::new(0, 500), Encoding::Utf16), eol);
        assert_eq!(
            t.offset_at(Position::new(9, 0), Encoding::Utf16),
            TEXT.len()
        );
        // Inside the emoji's surrogate pair: the emoji's start.
        let emoji = TEXT.find('🙂').unwrap();
        assert_eq!(t.offset_at(Position::new(0, 16), Encoding::Utf16), emoji);
        // Inside a multi-byte character in UTF-8: its start.
        assert_eq!(t.offset_at(Position::new(0, 1), Encoding::Utf8), 0);
    }

    #[test]
    fn incremental_edits() {
        let mut t = Text::new(TEXT);
        // Delete " the" at the end of line 1 (UTF-16 columns 21..25).
        t.apply(&change(0, 21, 0, 25, ""), Encoding::Utf16);
        let s = t.rope().to_string();
        assert!(s.starts_with("“Zarif” — said 🙂 the\r\n"), "{s}");
        // Insert after the Persian name, across into the next line.
        t.apply(&change(1, 4, 2, 0, " left.\n"), Encoding::Utf16);
        assert_eq!(
            t.rope().to_string(),
            "“Zarif” — said 🙂 the\r\nعباس left.\n"
        );
        // The same in UTF-8 columns.
        t.apply(&change(1, 8, 1, 8, ","), Encoding::Utf8);
        assert_eq!(
            t.rope().to_string(),
            "“Zarif” — said 🙂 the\r\nعباس, left.\n"
        );
        // A change without a range replaces everything.
        t.apply(
            &TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "new".into(),
            },
            Encoding::Utf16,
        );
        assert_eq!(t.rope().to_string(), "new");
    }

    #[test]
    fn unicode_line_separators_are_not_line_breaks() {
        let t = Text::new("a\u{2028}b\nc");
        assert_eq!(t.position(4, Encoding::Utf16), Position::new(0, 2));
        assert_eq!(t.position(6, Encoding::Utf16), Position::new(1, 0));
    }
}
