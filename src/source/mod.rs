//! Stage 1: turn a file's text into prose segments.
//!
//! A segment is the prose calque lints, with an [`OffsetMap`] back to the
//! file so that every finding points at the exact bytes on disk, whatever
//! markup, entities or byte-order mark surround it.

mod offset_map;
mod plain;

pub use offset_map::OffsetMap;

use std::path::Path;

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

/// Split a whole file (BOM included, if any) into prose segments.
pub fn segments(file_text: &str, kind: SourceKind) -> Vec<Segment> {
    match kind {
        // Markdown and HTML get their own readers in later stages of the
        // project; until then they are read as plain text.
        SourceKind::Plain | SourceKind::Markdown | SourceKind::Html => plain::segments(file_text),
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
