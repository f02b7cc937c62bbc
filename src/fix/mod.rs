//! Applying replacements to text.
//!
//! An [`Edit`] replaces a byte range. [`apply`] takes a set of edits, keeps a
//! non-overlapping subset (earliest first), tidies the spacing a deletion or
//! insertion leaves behind, and rebuilds the text from the end so earlier
//! offsets stay valid.

use crate::finding::Finding;

/// Replace `start..end` with `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl Edit {
    /// The first replacement of a finding, if it has one.
    pub fn from_finding(f: &Finding) -> Option<Edit> {
        f.replacements.first().map(|r| Edit {
            start: f.start,
            end: f.end,
            text: r.clone(),
        })
    }
}

/// Widen a deletion so it does not leave a doubled space or a space before
/// punctuation behind.
pub fn tidy(text: &str, mut edit: Edit) -> Edit {
    if !edit.text.is_empty() {
        return edit;
    }
    let before = text[..edit.start].chars().next_back();
    let after = text[edit.end..].chars().next();
    match (before, after) {
        // "met the the delegation": eat the space after.
        (Some(' '), Some(' ')) => edit.end += 1,
        // "said here , Friday" / "word ." : eat the space before.
        (Some(' '), Some(c)) if matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')') => {
            edit.start -= 1
        }
        // At the start of the text or a line: eat the space after.
        (None | Some('\n'), Some(' ')) => edit.end += 1,
        // At the end of the text or a line: eat the space before.
        (Some(' '), None | Some('\n' | '\r')) => edit.start -= 1,
        _ => {}
    }
    edit
}

/// Apply the non-overlapping subset of `edits` (earliest, then longest first).
/// Returns the new text and the edits that were left out because they overlap.
pub fn apply(text: &str, edits: &[Edit]) -> (String, Vec<Edit>) {
    let mut sorted: Vec<Edit> = edits.iter().map(|e| tidy(text, e.clone())).collect();
    sorted.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut chosen: Vec<Edit> = Vec::with_capacity(sorted.len());
    let mut skipped = Vec::new();
    for e in sorted {
        let overlaps = chosen.last().is_some_and(|last| {
            e.start < last.end || (e.start == last.start && e.start == e.end && last.start == last.end)
        });
        if overlaps {
            skipped.push(e);
        } else {
            chosen.push(e);
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in &chosen {
        out.push_str(&text[pos..e.start]);
        out.push_str(&e.text);
        pos = e.end;
    }
    out.push_str(&text[pos..]);
    (out, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(start: usize, end: usize, text: &str) -> Edit {
        Edit {
            start,
            end,
            text: text.into(),
        }
    }

    #[test]
    fn deletion_leaves_one_space() {
        let t = "met the the delegation";
        assert_eq!(apply(t, &[edit(8, 11, "")]).0, "met the delegation");
        let t = "said here Friday";
        assert_eq!(apply(t, &[edit(5, 9, "")]).0, "said Friday");
        let t = "so far etc .";
        assert_eq!(apply(t, &[edit(7, 10, "")]).0, "so far .");
    }

    #[test]
    fn overlapping_edits_are_skipped() {
        let t = "abcdef";
        let (out, skipped) = apply(t, &[edit(0, 3, "X"), edit(2, 4, "Y"), edit(4, 5, "Z")]);
        assert_eq!(out, "XdZf");
        assert_eq!(skipped, [edit(2, 4, "Y")]);
    }
}
