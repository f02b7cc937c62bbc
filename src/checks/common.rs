//! Helpers shared by the grammar checks: word lists and token tests.

use crate::text::keywords::{self, Set};
use crate::text::{Document, Sentence, Token, WordShapes};

/// [`keywords::PREPOSITIONS`] as keyword numbers ([`Document::keywords`]).
pub const PREPOSITIONS: Set = Set::of(keywords::PREPOSITIONS);

/// Words that fill the determiner slot of a noun phrase.
pub static DETERMINERS: WordList = WordList::new(&[
    "a", "an", "the", "this", "that", "these", "those", "my", "your", "his", "her", "its", "our",
    "their", "some", "any", "no", "every", "each", "either", "neither", "another", "such", "what",
    "which", "whose", "whatever", "all", "both", "half", "many", "much", "more", "most", "few",
    "several", "enough", "own", "one", "two", "three",
]);

#[inline]
pub fn is_determiner(word: &str) -> bool {
    DETERMINERS.contains(&word)
}

/// The tokens whose keyword number ([`Document::keywords`]) is `a` or
/// `b`, with their sentences, in order; not the last token of a sentence
/// (the checks that start from a word read the next one).
///
/// Why: several checks start from one or two words ("the", "a"/"an"), and
/// `memchr` finds their numbers in the document's keyword table many
/// tokens at a time, instead of a test at each token of each sentence.
pub fn tokens_with_keyword<'d>(
    doc: &'d Document,
    a: u8,
    b: u8,
) -> impl Iterator<Item = (&'d Sentence, usize)> + 'd {
    with_sentences(doc, memchr::memchr2_iter(a, b, doc.keywords()))
}

/// [`tokens_with_keyword`] for one keyword number.
///
/// Why apart: a search for one byte costs less per step than one for
/// two, and "the" is found at about one token in ten.
pub fn tokens_with_one_keyword<'d>(
    doc: &'d Document,
    a: u8,
) -> impl Iterator<Item = (&'d Sentence, usize)> + 'd {
    with_sentences(doc, memchr::memchr_iter(a, doc.keywords()))
}

/// Each of the token indices `positions` (in order) with its sentence;
/// not a sentence's last token, nor one outside every sentence.
fn with_sentences<'d>(
    doc: &'d Document,
    positions: impl Iterator<Item = usize> + 'd,
) -> impl Iterator<Item = (&'d Sentence, usize)> + 'd {
    let sentences = doc.sentences();
    let mut at = 0;
    positions.filter_map(move |i| {
        while at < sentences.len() && sentences[at].tokens.end <= i {
            at += 1;
        }
        let s = sentences.get(at)?;
        (s.tokens.start <= i && i + 1 < s.tokens.end).then_some((s, i))
    })
}

/// Is the sentence a headline or a label: no final stop and at most ten
/// words? Headlines drop articles by design, so article checks skip them.
pub fn looks_like_heading(doc: &Document, s: &Sentence) -> bool {
    // The tokens' bytes: no `str` slicing, with its boundary tests.
    let bytes = |j: usize| {
        let t = doc.token(j);
        &doc.text().as_bytes()[t.start..t.end]
    };
    let last = s.tokens.end - 1;
    let mut j = last;
    // Closing quotes (”, ", ’, ') or brackets after the stop.
    while j > s.tokens.start
        && matches!(
            bytes(j),
            b"\xE2\x80\x9D" | b"\"" | b"\xE2\x80\x99" | b"'" | b")"
        )
    {
        j -= 1;
    }
    // ".", "!", "?", ":", "…", "..." or an abbreviation's point.
    let stop = matches!(
        bytes(j),
        b"." | b"!" | b"?" | b":" | b"\xE2\x80\xA6" | b"..."
    ) || doc.token(j).kind == crate::text::TokenKind::Abbrev;
    if stop {
        return false;
    }
    let words = (s.tokens.start..s.tokens.end)
        .filter(|&i| doc.token(i).is_word())
        .count();
    words <= 10
}

/// Is the whole sentence in capitals (a wire-service slug or headline)?
pub fn all_caps_sentence(doc: &Document, s: &Sentence) -> bool {
    let mut letters = 0;
    for i in s.tokens.clone() {
        if doc.token(i).is_word() {
            // An ASCII lowercase byte answers at once; only a word with
            // none and other characters is decoded.
            let t = doc.token_text(i);
            let bytes = t.as_bytes();
            if bytes.iter().any(u8::is_ascii_lowercase)
                || !bytes.is_ascii() && t.chars().any(char::is_lowercase)
            {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

/// Does the token end in a possessive ('s, s'), with either apostrophe?
pub fn is_possessive(word: &str) -> bool {
    let apostrophe = |w: &str| w.ends_with('\'') || w.ends_with('\u{2019}');
    word.strip_suffix('s').is_some_and(apostrophe)
        || word
            .strip_suffix(['\'', '\u{2019}'])
            .is_some_and(|w| w.ends_with('s'))
}

/// A fixed word list whose `contains` costs a few byte comparisons.
///
/// The checks test most tokens against several lists. A linear scan of a
/// slice costs a string comparison per entry, and hashing the word costs
/// more than the answer is worth when most words are not in the list. So
/// the shapes of the listed words ([`WordShapes`]) and their last bytes
/// reject nearly every miss at once, and the rest compare only against the
/// few words that share the first byte. Built on first use.
pub struct WordList {
    words: &'static [&'static str],
    index: std::sync::OnceLock<Index>,
}

/// Words are filed in 32 slots by their first byte modulo 32.
struct Index {
    shapes: WordShapes,
    /// Bit `last byte % 32` of `lasts[slot]` is set when a word filed in
    /// `slot` ends in that byte: a second filter, for the short words
    /// ("is", "as", "of") that share a first letter and a length with a
    /// listed word ("in", "at", "on").
    lasts: [u32; 32],
    /// The words ordered by slot; slot `k` holds `sorted[starts[k]..starts[k + 1]]`.
    sorted: Vec<&'static str>,
    starts: [u16; 33],
}

impl Index {
    fn new(words: &[&'static str]) -> Index {
        let mut sorted = words.to_vec();
        sorted.sort_by_key(|w| Index::slot(w.as_bytes()));
        let mut lasts = [0; 32];
        let mut starts = [0; 33];
        for w in &sorted {
            let slot = Index::slot(w.as_bytes());
            lasts[slot] |= Index::last_bit(w.as_bytes());
            starts[slot + 1] += 1;
        }
        for k in 1..starts.len() {
            starts[k] += starts[k - 1];
        }
        Index {
            shapes: WordShapes::new(sorted.iter().map(|w| w.as_bytes())),
            lasts,
            sorted,
            starts,
        }
    }

    #[inline]
    fn slot(word: &[u8]) -> usize {
        (word.first().copied().unwrap_or(0) % 32) as usize
    }

    #[inline]
    fn last_bit(word: &[u8]) -> u32 {
        1 << (word.last().copied().unwrap_or(0) % 32)
    }

    #[inline]
    fn contains(&self, word: &[u8]) -> bool {
        let slot = Index::slot(word);
        if !self.shapes.may_hold(word) || self.lasts[slot] & Index::last_bit(word) == 0 {
            return false;
        }
        let (from, to) = (self.starts[slot] as usize, self.starts[slot + 1] as usize);
        self.sorted[from..to].iter().any(|w| w.as_bytes() == word)
    }
}

impl WordList {
    pub const fn new(words: &'static [&'static str]) -> WordList {
        WordList {
            words,
            index: std::sync::OnceLock::new(),
        }
    }

    /// Is `word` in the list (exact spelling)?
    #[inline]
    pub fn contains<S: AsRef<str> + ?Sized>(&self, word: &S) -> bool {
        self.contains_bytes(word.as_ref().as_bytes())
    }

    /// Is `word` in the list, given as bytes ([`Document::lower_bytes`])?
    #[inline]
    pub fn contains_bytes(&self, word: &[u8]) -> bool {
        self.index
            .get_or_init(|| Index::new(self.words))
            .contains(word)
    }
}

impl std::ops::Deref for WordList {
    type Target = [&'static str];
    fn deref(&self) -> &[&'static str] {
        self.words
    }
}

/// A token's [`token_case`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordCase {
    /// Punctuation or a number.
    NotWord,
    /// A word whose first letter is a capital ([`Document::is_capitalised`]).
    Upper,
    /// A word whose first letter is lowercase ([`Document::is_lower_word`]).
    Lower,
    /// A word whose first character has no case.
    Uncased,
}

/// Is token `t` of a document whose text is `text` a word, and what case is
/// its first letter? One test for the scans that branch on both and walk
/// the token slice. An ASCII first byte is answered with one probe of
/// [`ASCII_CASE`], without decoding UTF-8.
///
/// Why always inlined: `MissingArticle` asks at every token, and the call
/// cost as much as the answer.
#[inline(always)]
pub fn token_case(text: &str, t: &Token) -> WordCase {
    if !t.is_word() {
        return WordCase::NotWord;
    }
    match ASCII_CASE[text.as_bytes()[t.start] as usize] {
        Some(case) => case,
        None => other_case(&text[t.start..t.end]),
    }
}

/// The [`WordCase`] of a word whose first character is not ASCII.
#[cold]
fn other_case(word: &str) -> WordCase {
    match word.chars().next() {
        Some(c) if c.is_uppercase() => WordCase::Upper,
        Some(c) if c.is_lowercase() => WordCase::Lower,
        _ => WordCase::Uncased,
    }
}

/// The [`WordCase`] of a word that starts with each byte: known for ASCII,
/// `None` for the lead byte of a multi-byte character.
static ASCII_CASE: [Option<WordCase>; 256] = {
    let mut table = [None; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = Some(match b as u8 {
            b'A'..=b'Z' => WordCase::Upper,
            b'a'..=b'z' => WordCase::Lower,
            _ => WordCase::Uncased,
        });
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::keywords;

    /// The one-byte search finds what the two-byte search finds for the
    /// same number twice: the same tokens, with the same sentences.
    #[test]
    fn one_keyword_search_agrees_with_two() {
        let text = "The talks ended. the end\nThe. Then the the talks. It is the";
        let doc = Document::new(text);
        let the = keywords::id("the");
        let one: Vec<(usize, usize)> = tokens_with_one_keyword(&doc, the)
            .map(|(s, i)| (s.tokens.start, i))
            .collect();
        let two: Vec<(usize, usize)> = tokens_with_keyword(&doc, the, the)
            .map(|(s, i)| (s.tokens.start, i))
            .collect();
        assert_eq!(one, two);
        assert!(one.len() >= 4);
    }
}
