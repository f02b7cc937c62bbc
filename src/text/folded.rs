//! The phrase text of a paragraph whose whitespace is not all single
//! spaces: every whitespace run folded to one space, so that a phrase still
//! matches across a line break, a tab or a no-break space, with the way
//! back to the paragraph's offsets.
//!
//! Why not a map entry per byte: hard-wrapped text (a line break every
//! seventy characters, as in most Markdown and plain-text files) needs this
//! for every paragraph. Built a character at a time with a four-byte map
//! entry per byte, it cost more than tokenizing. Here the text is copied in
//! runs between the places that fold, and the map holds one entry per run
//! that drops bytes.

/// A text with its whitespace runs folded to one space.
#[derive(Debug, Default)]
pub struct FoldedText {
    text: String,
    /// (offset in the folded text, bytes dropped before it), in order: one
    /// entry after each run whose fold dropped bytes.
    shifts: Vec<(u32, u32)>,
}

impl FoldedText {
    /// Fold the whitespace runs of `lower` (the paragraph's ASCII-lowered
    /// text) to single spaces.
    pub fn fold(lower: &str) -> FoldedText {
        let bytes = lower.as_bytes();
        let mut text = String::with_capacity(lower.len());
        let mut shifts = Vec::new();
        let mut dropped = 0;
        let mut copied = 0;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            // Most bytes are ASCII letters and marks, or a lone space
            // before one: passed over with a table load each.
            if ORDINARY[usize::from(b)] {
                i += 1;
                continue;
            }
            if b == b' ' && bytes.get(i + 1).is_none_or(|&n| ORDINARY[usize::from(n)]) {
                i += 1;
                continue;
            }
            let len = whitespace_len(lower, i);
            if len == 0 {
                // A character beyond ASCII that is not a space.
                i += utf8_len(b);
                continue;
            }
            let start = i;
            i += len;
            loop {
                let more = whitespace_len(lower, i);
                if more == 0 {
                    break;
                }
                i += more;
            }
            // A lone space folds to itself: nothing to copy or note.
            if i - start == 1 && bytes[start] == b' ' {
                continue;
            }
            text.push_str(&lower[copied..start]);
            text.push(' ');
            copied = i;
            if i - start > 1 {
                dropped += i - start - 1;
                shifts.push((to_u32(text.len()), to_u32(dropped)));
            }
        }
        text.push_str(&lower[copied..]);
        FoldedText { text, shifts }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The offset in the unfolded text of byte `pos` of the folded text (a
    /// folded space maps to the start of its run).
    pub fn unfolded(&self, pos: usize) -> usize {
        let after = self.shifts.partition_point(|&(at, _)| at as usize <= pos);
        let dropped = after.checked_sub(1).map_or(0, |k| self.shifts[k].1);
        pos + dropped as usize
    }
}

/// ASCII bytes other than whitespace.
static ORDINARY: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x80 {
        table[b] = !(b as u8).is_ascii_whitespace() && b != 0x0b;
        b += 1;
    }
    table
};

/// The byte length of the whitespace character at `i` of `text`, or 0.
fn whitespace_len(text: &str, i: usize) -> usize {
    match text.as_bytes().get(i) {
        None => 0,
        Some(&b) if b < 0x80 => usize::from(b.is_ascii_whitespace() || b == 0x0b),
        Some(_) => text[i..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
    }
}

/// The length of the UTF-8 character that starts with `lead`.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xf0.. => 4,
        0xe0.. => 3,
        _ => 2,
    }
}

/// Paragraph offsets fit in 32 bits: a paragraph is linted whole, and
/// inputs are capped far below 4 GB.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).expect("a paragraph under 4 GB")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition: a character at a time, a map entry per byte.
    fn fold_by_chars(text: &str) -> (String, Vec<usize>) {
        let mut folded = String::new();
        let mut map = Vec::new();
        let mut in_space = false;
        for (i, c) in text.char_indices() {
            if c.is_whitespace() {
                if !in_space {
                    folded.push(' ');
                    map.push(i);
                }
                in_space = true;
                continue;
            }
            in_space = false;
            folded.push(c);
            map.extend(i..i + c.len_utf8());
        }
        (folded, map)
    }

    #[test]
    fn folds_runs_and_maps_back() {
        let f = FoldedText::fold("in the\r\n  margin\u{a0}of it ");
        assert_eq!(f.as_str(), "in the margin of it ");
        let at = f.as_str().find("margin").unwrap();
        assert_eq!(f.unfolded(at), "in the\r\n  ".len());
        assert_eq!(f.unfolded(at - 1), "in the".len());
        let of = f.as_str().find("of").unwrap();
        assert_eq!(f.unfolded(of), "in the\r\n  margin\u{a0}".len());
    }

    proptest::proptest! {
        /// Letters, spaces, line breaks, tabs, no-break and other Unicode
        /// spaces, and characters beyond ASCII that are not spaces: the
        /// same text and the same map as the plain definition.
        #[test]
        fn agrees_with_folding_by_characters(
            text in "[ab \\t\\r\\n\\x0b\\x0c\\x1c\u{a0}\u{2009}\u{3000}\u{85}é€𝔸]{0,40}",
        ) {
            let (expected, map) = fold_by_chars(&text);
            let f = FoldedText::fold(&text);
            proptest::prop_assert_eq!(f.as_str(), expected.as_str());
            for (pos, &original) in map.iter().enumerate() {
                proptest::prop_assert_eq!(f.unfolded(pos), original, "at {}", pos);
            }
        }
    }
}
