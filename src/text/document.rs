use std::ops::Range;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

use super::folded::FoldedText;
use super::sentences;
use super::tokenizer::{self, Token, TokenKind};
use super::{is_closing_quote, is_opening_quote};
use crate::lexicon::{lexicon, WordInfo};

/// One sentence: its token range and its byte span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub tokens: Range<usize>,
    pub start: usize,
    pub end: usize,
}

/// A prose segment with its tokens and sentences.
pub struct Document<'t> {
    text: &'t str,
    /// `text` with ASCII letters lowered: the same byte offsets, so a token's
    /// lowercase form is a slice, not an allocation.
    lower: String,
    /// `lower` with each run of whitespace (line breaks, tabs, no-break
    /// spaces) folded to one space, with the way back to `text`'s offsets;
    /// only built when the text has such whitespace.
    folded: Option<FoldedText>,
    tokens: Vec<Token>,
    sentences: Vec<Sentence>,
    /// For each token, the index of its sentence.
    sentence_of: Vec<u32>,
    /// How many tokens are words (counted by the tokenizer).
    words: usize,
    /// For each token, whether it sits inside a direct quotation; empty
    /// when the text has no opening quotation mark (no token is inside one).
    in_quote: Vec<bool>,
    /// For each token, its lexicon flags once asked for ([`UNSET`] before).
    ///
    /// Why: the grammar checks ask about the same few tokens around each
    /// position many times over (a dozen tests in one check, seven checks),
    /// and a lexicon lookup hashes the word; the memo makes every repeat an
    /// index. Filled token by token, because most tokens are never asked
    /// about; allocated on first use, so documents no check reads pay
    /// nothing. Atomics (relaxed: each slot only ever goes from `UNSET` to
    /// one fixed value) keep `Document` `Sync`.
    word_info: OnceLock<Box<[AtomicU32]>>,
    /// For each token, its number in [`super::keywords`] (0 for other
    /// words and for punctuation and numbers), from the tokenizer.
    keywords: Vec<u8>,
    /// The tokenizer's `Scan::maybe_ends`, kept for its allocation.
    maybe_ends: Vec<u32>,
}

/// The allocations a [`Document`] builds on, passed from one document to
/// the next ([`Document::into_buffers`], [`Document::reusing`]).
#[derive(Default)]
pub struct DocumentBuffers {
    tokens: Vec<Token>,
    keywords: Vec<u8>,
    sentences: Vec<Sentence>,
    sentence_of: Vec<u32>,
    in_quote: Vec<bool>,
    lower: String,
    maybe_ends: Vec<u32>,
}

impl DocumentBuffers {
    /// The bytes of text the buffers were last sized for (roughly).
    pub fn capacity(&self) -> usize {
        self.lower.capacity()
    }
}

/// A `word_info` slot not looked up yet; no lexicon entry has these bits.
const UNSET: u32 = u32::MAX;

impl<'t> Document<'t> {
    pub fn new(text: &'t str) -> Document<'t> {
        Document::reusing(text, DocumentBuffers::default())
    }

    /// [`Document::new`] in the allocations of an earlier document
    /// ([`Document::into_buffers`]). Why: a run builds a document per
    /// paragraph, each with six buffers; reusing them saves an allocation
    /// and a free apiece.
    pub fn reusing(text: &'t str, buffers: DocumentBuffers) -> Document<'t> {
        let DocumentBuffers {
            tokens,
            keywords,
            mut sentences,
            mut sentence_of,
            mut in_quote,
            mut lower,
            maybe_ends,
        } = buffers;
        let scan = tokenizer::scan_into(text, tokens, keywords, maybe_ends);
        let tokens = scan.tokens;
        sentence_of.clear();
        sentence_of.resize(tokens.len(), 0);
        sentences.clear();
        // About one sentence in twenty tokens: rarely a second allocation.
        sentences.reserve(tokens.len() / 16 + 1);
        sentences::split(text, &tokens, &scan.maybe_ends, |r| {
            sentence_of[r.clone()].fill(sentences.len() as u32);
            sentences.push(Sentence {
                start: tokens[r.start].start,
                end: tokens[r.end - 1].end,
                tokens: r,
            });
        });
        // With no mark that opens a quotation, no token is inside one.
        in_quote.clear();
        if scan.opening_quote {
            quote_marks(text, &tokens, &mut in_quote);
        }
        lower.clear();
        lower.push_str(text);
        lower.make_ascii_lowercase();
        Document {
            text,
            folded: scan.irregular_space.then(|| FoldedText::fold(&lower)),
            lower,
            tokens,
            sentences,
            sentence_of,
            words: scan.words,
            in_quote,
            word_info: OnceLock::new(),
            keywords: scan.keywords,
            maybe_ends: scan.maybe_ends,
        }
    }

    /// The document's buffers, emptied of meaning, for [`Document::reusing`].
    pub fn into_buffers(self) -> DocumentBuffers {
        DocumentBuffers {
            tokens: self.tokens,
            keywords: self.keywords,
            sentences: self.sentences,
            sentence_of: self.sentence_of,
            in_quote: self.in_quote,
            lower: self.lower,
            maybe_ends: self.maybe_ends,
        }
    }

    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The whole text with ASCII letters lowered (same offsets as [`Document::text`]).
    pub fn lower_text(&self) -> &str {
        &self.lower
    }

    /// The text phrases are matched against: lower-cased, with whitespace
    /// runs folded to one space so a phrase still matches across a line
    /// break or a no-break space. Map its offsets back with
    /// [`Document::unfold`].
    pub fn phrase_text(&self) -> &str {
        self.folded.as_ref().map_or(&self.lower, FoldedText::as_str)
    }

    /// Does [`Document::phrase_text`] hold only single spaces between the
    /// tokens, at the tokens' offsets (no whitespace was folded)?
    pub fn phrase_text_is_spaced_tokens(&self) -> bool {
        self.folded.is_none()
    }

    /// The `text` span of a span of [`Document::phrase_text`].
    pub fn unfold(&self, start: usize, end: usize) -> (usize, usize) {
        let Some(folded) = &self.folded else {
            return (start, end);
        };
        let s = folded.unfolded(start);
        if end == start {
            return (s, s);
        }
        let mut e = folded.unfolded(end - 1) + 1;
        while !self.text.is_char_boundary(e) {
            e += 1;
        }
        (s, e)
    }

    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// How many tokens are words ([`Token::is_word`]), for density figures.
    pub fn word_count(&self) -> usize {
        self.words
    }

    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    pub fn token(&self, i: usize) -> &Token {
        &self.tokens[i]
    }

    /// The token's text as written.
    pub fn token_text(&self, i: usize) -> &'t str {
        let t = &self.tokens[i];
        &self.text[t.start..t.end]
    }

    /// The token's text with ASCII letters lowered.
    pub fn token_lower(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.lower[t.start..t.end]
    }

    /// The bytes of [`Document::token_lower`]: the same text without the
    /// UTF-8 boundary checks of a `str` slice, for the byte tests the checks
    /// run at every token.
    #[inline]
    pub fn lower_bytes(&self, i: usize) -> &[u8] {
        let t = &self.tokens[i];
        &self.lower.as_bytes()[t.start..t.end]
    }

    /// Is token `i`, with ASCII letters lowered, exactly `word`? Same answer
    /// as `token_lower(i) == word`, without the `str` slice's boundary checks.
    #[inline]
    pub fn lower_is(&self, i: usize, word: &str) -> bool {
        self.lower_bytes(i) == word.as_bytes()
    }

    /// Index of the sentence that holds token `i`.
    pub fn sentence_index(&self, i: usize) -> usize {
        self.sentence_of[i] as usize
    }

    /// The sentence that holds token `i`; `None` for the few tokens no
    /// sentence holds.
    pub fn sentence_holding(&self, i: usize) -> Option<&Sentence> {
        self.sentences
            .get(self.sentence_index(i))
            .filter(|s| s.tokens.contains(&i))
    }

    /// Is token `i` the first of its sentence?
    pub fn is_sentence_start(&self, i: usize) -> bool {
        self.sentences[self.sentence_index(i)].tokens.start == i
    }

    /// Is token `i` inside a direct quotation?
    pub fn in_quote(&self, i: usize) -> bool {
        !self.in_quote.is_empty() && self.in_quote[i]
    }

    /// The index of the first token that starts at or after byte `offset`.
    pub fn token_at_or_after(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.start < offset)
    }

    /// Is token `i` a word starting with a capital letter?
    #[inline]
    pub fn is_capitalised(&self, i: usize) -> bool {
        self.word_starts(i, u8::is_ascii_uppercase, char::is_uppercase)
    }

    /// Is token `i` a word starting with a lowercase letter?
    #[inline]
    pub fn is_lower_word(&self, i: usize) -> bool {
        self.word_starts(i, u8::is_ascii_lowercase, char::is_lowercase)
    }

    /// Is token `i` a word whose first character passes the test? An ASCII
    /// first byte is tested without decoding UTF-8.
    #[inline]
    fn word_starts(&self, i: usize, ascii: fn(&u8) -> bool, other: fn(char) -> bool) -> bool {
        let t = &self.tokens[i];
        t.is_word()
            && match self.text.as_bytes()[t.start] {
                b if b.is_ascii() => ascii(&b),
                _ => self.text[t.start..t.end].chars().next().is_some_and(other),
            }
    }

    /// Lexicon flags of token `i` as written ([`crate::lexicon::Lexicon::lookup`]);
    /// `WordInfo(0)` for punctuation and numbers. Looked up once per token.
    #[inline]
    pub fn word_info(&self, i: usize) -> WordInfo {
        if !self.tokens[i].is_word() {
            return WordInfo(0);
        }
        let slots = self.word_info.get_or_init(|| {
            // A range (of known length) fills the slots in one pass.
            (0..self.tokens.len())
                .map(|_| AtomicU32::new(UNSET))
                .collect()
        });
        let known = slots[i].load(Ordering::Relaxed);
        if known != UNSET {
            return WordInfo(known);
        }
        let info = lexicon().lookup(self.token_text(i));
        slots[i].store(info.0, Ordering::Relaxed);
        info
    }

    /// Each token's number in [`super::keywords`], lowered (0 for other
    /// words, punctuation and numbers): `doc.keywords()[i] ==
    /// keywords::id("the")` says token `i` is "the" or "The". Take the
    /// slice once for a scan of every token.
    #[inline]
    pub fn keywords(&self) -> &[u8] {
        &self.keywords
    }

    /// Token `i`'s number in [`super::keywords`] (see [`Document::keywords`]).
    #[inline]
    pub fn keyword(&self, i: usize) -> u8 {
        self.keywords()[i]
    }

    /// Is token `i` of kind `Punct` and equal to `s`?
    #[inline]
    pub fn is_punct(&self, i: usize, s: &str) -> bool {
        let t = &self.tokens[i];
        t.kind == TokenKind::Punct && self.text.as_bytes()[t.start..t.end] == *s.as_bytes()
    }
}

/// Which tokens sit inside double quotation marks. Curly quotes say which
/// way they face; a straight `"` opens when a space or the start precedes it.
fn quote_marks(text: &str, tokens: &[Token], marks: &mut Vec<bool>) {
    let mut inside = false;
    marks.reserve(tokens.len());
    for (i, t) in tokens.iter().enumerate() {
        if t.kind == TokenKind::Punct {
            let c = match text.as_bytes()[t.start] {
                b if b.is_ascii() => b as char,
                _ => text[t.start..t.end].chars().next().unwrap_or(' '),
            };
            // A new paragraph line resets a quote that was never closed.
            if t.newlines_before >= 2 {
                inside = false;
            }
            let opens = c == '\u{201c}'
                || c == '\u{00ab}'
                || (c == '"' && (i == 0 || t.space_before || !inside));
            let closes = c == '\u{201d}' || c == '\u{00bb}' || (c == '"' && inside);
            if !inside && opens && is_opening_quote(c) {
                inside = true;
                marks.push(true);
                continue;
            }
            if inside && closes && is_closing_quote(c) {
                marks.push(true);
                inside = false;
                continue;
            }
        }
        marks.push(inside);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let doc = Document::new(text);
        doc.sentences()
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_split_sentences() {
        assert_eq!(
            sentences("Brig. Gen. Ali met Dr. Rouhani in the U.S. on Monday. He left."),
            [
                "Brig. Gen. Ali met Dr. Rouhani in the U.S. on Monday.",
                "He left."
            ]
        );
        assert_eq!(
            sentences("The cyber police of I.R. of Iran said so. It added more."),
            [
                "The cyber police of I.R. of Iran said so.",
                "It added more."
            ]
        );
    }

    #[test]
    fn initialism_can_end_a_sentence() {
        assert_eq!(
            sentences("He flew to the U.S. The talks begin today."),
            ["He flew to the U.S.", "The talks begin today."]
        );
    }

    #[test]
    fn quotes_after_stop_stay_in_sentence() {
        assert_eq!(
            sentences("“We agree.” He added: “Yes!” Then he left."),
            ["“We agree.”", "He added: “Yes!”", "Then he left."]
        );
    }

    #[test]
    fn headline_line_is_its_own_sentence() {
        assert_eq!(
            sentences("Iran hosts summit\nTEHRAN - The summit opened."),
            ["Iran hosts summit", "TEHRAN - The summit opened."]
        );
    }

    #[test]
    fn lowercase_after_stop_does_not_split() {
        assert_eq!(
            sentences("It was 5 p.m. local time."),
            ["It was 5 p.m. local time."]
        );
    }

    #[test]
    fn quotes_are_tracked() {
        let doc = Document::new("He said “we will be witness of it” today.");
        let inside: Vec<&str> = (0..doc.tokens().len())
            .filter(|&i| doc.in_quote(i))
            .map(|i| doc.token_text(i))
            .collect();
        assert_eq!(
            inside,
            ["“", "we", "will", "be", "witness", "of", "it", "”"]
        );
    }

    #[test]
    fn phrase_text_folds_whitespace_and_maps_back() {
        let text = "In the margin\r\nof the\u{a0}summit";
        let doc = Document::new(text);
        assert_eq!(doc.phrase_text(), "in the margin of the summit");
        let at = doc.phrase_text().find("margin of").unwrap();
        let (s, e) = doc.unfold(at, at + "margin of".len());
        assert_eq!(&text[s..e], "margin\r\nof");
        let at = doc.phrase_text().find("the summit").unwrap();
        let (s, e) = doc.unfold(at, at + "the summit".len());
        assert_eq!(&text[s..e], "the\u{a0}summit");
        // Plain single spaces need no folded copy.
        let plain = Document::new("in the margin of it");
        assert_eq!(plain.phrase_text(), "in the margin of it");
        assert_eq!(plain.unfold(3, 9), (3, 9));
    }
}
