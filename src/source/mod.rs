//! Stage 1: turn a file's text into prose segments.
//!
//! A segment is the prose calque lints, with an [`OffsetMap`] back to the
//! file so that every finding points at the exact bytes on disk, whatever
//! markup, entities or byte-order mark surround it.
//!
//! Readers also collect the suppression comments they meet
//! (`<!-- calque-disable … -->`), see [`crate::suppress`].

mod html;
mod markdown;
mod offset_map;
mod plain;

pub use offset_map::OffsetMap;
pub use plain::{paragraphs, PlainProse};

use std::path::Path;

use crate::suppress::Directive;

/// How a file's bytes are to be read as prose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    Plain,
    Markdown,
    Html,
}

impl SourceKind {
    /// The kind for a path, by extension; `None` for files calque does not read.
    pub fn from_path(path: &Path) -> Option<SourceKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(SourceKind::Plain),
            "md" | "markdown" | "mdown" | "mkd" => Some(SourceKind::Markdown),
            "html" | "htm" | "xhtml" => Some(SourceKind::Html),
            _ => None,
        }
    }
}

/// What part of the document a segment is: headlines follow relaxed rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Body,
    Heading,
}

/// A run of prose and where it sits in the file.
#[derive(Clone, Debug)]
pub struct Segment {
    pub text: String,
    pub map: OffsetMap,
    pub role: Role,
}

/// A file read as prose: its segments and its suppression directives.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    pub segments: Vec<Segment>,
    /// Suppression comments, in file order.
    pub directives: Vec<Directive>,
}

/// Stands in the segment text for skipped inline material (inline code,
/// URLs, inline HTML) so that no phrase matches across it. It is one
/// punctuation token for the tokenizer.
pub const PLACEHOLDER: char = '\u{fffc}';

/// Split a whole file (BOM included, if any) into prose segments.
pub fn segments(file_text: &str, kind: SourceKind) -> Vec<Segment> {
    parse(file_text, kind).segments
}

/// Read a whole file (BOM included, if any): segments and directives.
pub fn parse(file_text: &str, kind: SourceKind) -> Parsed {
    match kind {
        SourceKind::Plain => plain::parse(file_text),
        SourceKind::Markdown => markdown::parse(file_text),
        SourceKind::Html => html::parse(file_text),
    }
}

/// Length of a UTF-8 byte-order mark at the start of `text` (0 or 3).
pub fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') {
        3
    } else {
        0
    }
}

/// Builds one segment piece by piece.
#[derive(Default)]
pub(crate) struct SegmentBuilder {
    text: String,
    map: OffsetMap,
    role: Option<Role>,
}

impl SegmentBuilder {
    /// Append `text`, which is the file's bytes from `file_start` on, verbatim.
    pub fn verbatim(&mut self, text: &str, file_start: usize) {
        if text.is_empty() {
            return;
        }
        self.map.push(self.text.len(), file_start);
        self.text.push_str(text);
    }

    /// Append `text`, which stands for the file's `file_start..file_end`
    /// (a decoded entity, a placeholder): offsets inside it map to its start.
    pub fn opaque(&mut self, text: &str, file_start: usize, file_end: usize) {
        if text.is_empty() {
            return;
        }
        // Every character of `text` starts at `file_start` and ends at
        // `file_end`: offsets inside a piece of several characters must not
        // advance through the source as verbatim text does (they could
        // land inside a character of the file, or past its end).
        let base = self.text.len();
        for (k, c) in text.char_indices() {
            self.map.push(base + k, file_start);
            self.map.push_end(base + k + c.len_utf8(), file_end);
        }
        self.text.push_str(text);
    }

    /// Append a skipped inline run as a placeholder.
    pub fn placeholder(&mut self, file_start: usize, file_end: usize) {
        if self.text.ends_with(PLACEHOLDER) {
            return;
        }
        let mut buf = [0u8; 4];
        self.opaque(PLACEHOLDER.encode_utf8(&mut buf), file_start, file_end);
    }

    pub fn set_role(&mut self, role: Role) {
        self.role = Some(role);
    }

    /// Close the segment (if it has prose) and start afresh.
    pub fn flush(&mut self, out: &mut Vec<Segment>, role: Role) {
        let b = std::mem::take(self);
        if b.text.chars().any(|c| c.is_alphanumeric()) {
            out.push(Segment {
                text: b.text,
                map: b.map,
                role: b.role.unwrap_or(role),
            });
        }
    }
}
