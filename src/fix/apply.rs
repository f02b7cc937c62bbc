//! Edits on a text.
//!
//! An [`Edit`] replaces a byte range. [`apply_edits`] tidies each edit (the
//! spacing a deletion or insertion leaves behind, the capital at the start
//! of a sentence), keeps a non-overlapping subset (earliest, then longest
//! first) and applies it on a [`ropey::Rope`] in one pass from the end, so
//! earlier offsets stay valid.

use crate::text::capitalise_first;
use ropey::Rope;

use crate::finding::Finding;

/// Replace `start..end` (bytes) with `text`.
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

    fn is_valid(&self, text: &str) -> bool {
        self.start <= self.end
            && self.end <= text.len()
            && text.is_char_boundary(self.start)
            && text.is_char_boundary(self.end)
    }
}

/// Punctuation that takes no space before it.
fn closes(c: char) -> bool {
    matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '”' | '’')
}

/// Is byte `pos` of `text` at the start of a sentence: the start of the text
/// (after a byte-order mark), of a paragraph, or after `.` `!` `?` and a
/// space? Opening quotes and brackets in between are skipped.
pub fn at_sentence_start(text: &str, pos: usize) -> bool {
    let mut spaces = 0;
    let mut newlines = 0;
    let mut quote = false;
    for c in text[..pos].chars().rev() {
        match c {
            '\n' => newlines += 1,
            c if c.is_whitespace() => spaces += 1,
            '"' | '“' | '‘' | '\'' | '(' | '[' if spaces + newlines == 0 => quote = true,
            '\u{feff}' => return true,
            '.' | '!' | '?' => return spaces + newlines > 0 || quote,
            // A quotation opened after "said:" or "said," starts a sentence.
            ':' | ',' if quote => return true,
            _ => return newlines >= 2,
        }
    }
    true
}

/// Tidy an edit so it leaves clean text behind: a deletion does not leave a
/// doubled space or a space before punctuation, an insertion is separated
/// from its neighbours by exactly one space, and a sentence keeps its
/// capital. The edit may grow by the spaces (and the one letter) it tidies,
/// never more.
pub fn tidy(text: &str, mut edit: Edit) -> Edit {
    if !edit.is_valid(text) {
        return edit;
    }
    let before = text[..edit.start].chars().next_back();
    let after = text[edit.end..].chars().next();
    let sentence_start = at_sentence_start(text, edit.start);
    let old_first = text[edit.start..edit.end].chars().next();

    if edit.text.is_empty() {
        if edit.start == edit.end {
            return edit;
        }
        match (before, after) {
            // "met the the delegation": eat the space after.
            (Some(' '), Some(' ')) => edit.end += 1,
            // "said here , Friday" / "word ." : eat the space before.
            (Some(' '), Some(c)) if closes(c) => edit.start -= 1,
            // At the start of the text or a line: eat the space after.
            (None | Some('\n' | '\u{feff}'), Some(' ')) => edit.end += 1,
            // At the end of the text or a line: eat the space before.
            (Some(' '), None | Some('\n' | '\r')) => edit.start -= 1,
            _ => {}
        }
        // "Also the minister said" → "The minister said".
        if sentence_start && old_first.is_some_and(char::is_uppercase) {
            if let Some(next) = text[edit.end..].chars().next() {
                if next.is_lowercase() {
                    edit.text = next.to_uppercase().collect();
                    edit.end += next.len_utf8();
                }
            }
        }
        return edit;
    }

    // A capital at the start of a sentence stays a capital.
    let new_first = edit.text.chars().next();
    let capital_wanted = if edit.start == edit.end {
        after.is_some_and(char::is_uppercase)
    } else {
        old_first.is_some_and(char::is_uppercase)
    };
    if sentence_start && capital_wanted && new_first.is_some_and(char::is_lowercase) {
        edit.text = capitalise_first(&edit.text);
    }

    // Exactly one space around the new text.
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let blank = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || c == '\u{feff}');
    if edit.text.ends_with(' ') && (blank(after) || after.is_some_and(closes)) {
        edit.text.pop();
    }
    if edit.text.starts_with(' ') && blank(before) {
        edit.text.remove(0);
    }
    if edit.start == edit.end && !edit.text.is_empty() {
        let first = edit.text.chars().next();
        let last = edit.text.chars().next_back();
        if word(last) && word(after) {
            edit.text.push(' ');
        }
        if word(first) && word(before) {
            edit.text.insert(0, ' ');
        }
    }
    edit
}

/// The result of [`apply_edits`].
#[derive(Clone, Debug, Default)]
pub struct Applied {
    pub text: String,
    /// Indices (into the input) and tidied forms of the edits applied, in
    /// text order.
    pub applied: Vec<(usize, Edit)>,
    /// Indices of the edits left out because they overlap an applied one.
    pub overlapping: Vec<usize>,
    /// Indices of the edits that would change nothing or do not fit the text.
    pub void: Vec<usize>,
}

/// Apply the non-overlapping subset of `edits` (earliest, then longest first).
pub fn apply_edits(text: &str, edits: &[Edit]) -> Applied {
    let mut result = Applied::default();
    let mut sorted: Vec<(usize, Edit)> = Vec::with_capacity(edits.len());
    for (i, e) in edits.iter().enumerate() {
        if !e.is_valid(text) {
            result.void.push(i);
            continue;
        }
        let e = tidy(text, e.clone());
        if text[e.start..e.end] == e.text {
            result.void.push(i);
            continue;
        }
        sorted.push((i, e));
    }
    sorted.sort_by(|(_, a), (_, b)| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    for (i, e) in sorted {
        let overlaps = result.applied.last().is_some_and(|(_, last)| {
            e.start < last.end
                || (e.start == last.start && e.start == e.end && last.start == last.end)
        });
        if overlaps {
            result.overlapping.push(i);
        } else {
            result.applied.push((i, e));
        }
    }
    let mut rope = Rope::from_str(text);
    for (_, e) in result.applied.iter().rev() {
        let start = rope.byte_to_char(e.start);
        let end = rope.byte_to_char(e.end);
        rope.remove(start..end);
        rope.insert(start, &e.text);
    }
    result.text = rope.to_string();
    result.overlapping.sort_unstable();
    result
}

/// Apply the non-overlapping subset of `edits`. Returns the new text and the
/// (tidied) edits that were left out because they overlap.
pub fn apply(text: &str, edits: &[Edit]) -> (String, Vec<Edit>) {
    let result = apply_edits(text, edits);
    let skipped = result
        .overlapping
        .iter()
        .map(|&i| tidy(text, edits[i].clone()))
        .collect();
    (result.text, skipped)
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

    fn one(t: &str, e: Edit) -> String {
        apply(t, &[e]).0
    }

    #[test]
    fn deletion_leaves_one_space() {
        assert_eq!(
            one("met the the delegation", edit(8, 11, "")),
            "met the delegation"
        );
        assert_eq!(one("said here Friday", edit(5, 9, "")), "said Friday");
        assert_eq!(one("so far etc .", edit(7, 10, "")), "so far .");
        assert_eq!(
            one("talks ended here\r\nNext", edit(12, 16, "")),
            "talks ended\r\nNext"
        );
    }

    #[test]
    fn deletion_at_sentence_start_keeps_the_capital() {
        assert_eq!(
            one("Also the talks ended.", edit(0, 4, "")),
            "The talks ended."
        );
        assert_eq!(
            one("It rained. Also the talks ended.", edit(11, 15, "")),
            "It rained. The talks ended."
        );
        // Not at a sentence start: the next word is left alone.
        assert_eq!(one("and Also the talks", edit(4, 8, "")), "and the talks");
    }

    #[test]
    fn insertion_takes_one_space() {
        assert_eq!(
            one("met delegation", edit(4, 4, "the ")),
            "met the delegation"
        );
        assert_eq!(
            one("met delegation", edit(4, 4, "the")),
            "met the delegation"
        );
        assert_eq!(
            one("met delegation", edit(3, 3, " the")),
            "met the delegation"
        );
        assert_eq!(
            one("Delegation arrived", edit(0, 0, "the ")),
            "The Delegation arrived"
        );
    }

    #[test]
    fn replacement_at_sentence_start_keeps_the_capital() {
        assert_eq!(
            one("Till now it held.", edit(0, 8, "so far")),
            "So far it held."
        );
        assert_eq!(
            one("He said till now", edit(8, 16, "so far")),
            "He said so far"
        );
        assert_eq!(
            one("\u{feff}Till now", edit(3, 11, "so far")),
            "\u{feff}So far"
        );
    }

    #[test]
    fn overlapping_edits_are_skipped() {
        let (out, skipped) = apply(
            "abcdef",
            &[edit(0, 3, "X"), edit(2, 4, "Y"), edit(4, 5, "Z")],
        );
        assert_eq!(out, "XdZf");
        assert_eq!(skipped, [edit(2, 4, "Y")]);
    }

    #[test]
    fn multibyte_text_and_bad_offsets() {
        let t = "é ü ü ä";
        assert_eq!(one(t, edit(6, 8, "")), "é ü ä");
        let r = apply_edits(t, &[edit(1, 2, "x"), edit(0, 99, "")]);
        assert_eq!(r.text, t);
        assert_eq!(r.void, [0, 1]);
    }
}
