//! A filter on the (first byte, length) pairs of a word list.
//!
//! Why: the rule engine and the grammar checks test nearly every token
//! against word lists, and nearly every token is in none of them. One bit
//! test per token rejects most of them before the word is hashed or
//! compared.

/// For each first byte, bit `len.min(63)` is set when a listed word has
/// that first byte and length. [`WordShapes::may_hold`] is never false for
/// a listed word, and false for most others.
#[derive(Clone)]
pub struct WordShapes([u64; 256]);

impl WordShapes {
    pub fn new<'a>(words: impl IntoIterator<Item = &'a [u8]>) -> WordShapes {
        let mut bits = [0u64; 256];
        for w in words {
            if let Some(&first) = w.first() {
                bits[first as usize] |= length_bit(w);
            }
        }
        WordShapes(bits)
    }

    /// Can `word` be one of the listed words?
    #[inline]
    pub fn may_hold(&self, word: &[u8]) -> bool {
        word.first()
            .is_some_and(|&b| self.0[b as usize] & length_bit(word) != 0)
    }
}

#[inline]
fn length_bit(word: &[u8]) -> u64 {
    1 << word.len().min(63)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_words_always_pass_and_most_others_do_not() {
        let list = ["the", "margin", "Iran"];
        let shapes = WordShapes::new(list.iter().map(|w| w.as_bytes()));
        for w in list {
            assert!(shapes.may_hold(w.as_bytes()));
        }
        assert!(!shapes.may_hold(b"summit"));
        assert!(!shapes.may_hold(b"th"));
        assert!(!shapes.may_hold(b"iran"));
        assert!(!shapes.may_hold(b""));
        // Same shape, another word: a filter, not a set.
        assert!(shapes.may_hold(b"tax"));
    }
}
