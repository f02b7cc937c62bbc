//! A word written twice in a row: "the the", "of of".
//!
//! Common when a translator edits machine output by hand. Left alone: some
//! doublings are English ("that that", "had had"), emphatic repetition
//! ("really really", "killing killing killing"), names ("Duran Duran"),
//! case changes ("the first FIRST Global"), and anything inside a quotation,
//! where a transcript keeps what was said.

use super::common::WordList;
use super::{Check, CheckHit};
use crate::text::Document;

/// Doublings that can be grammatical or emphatic.
static ALLOWED: WordList = WordList::new(&[
    "that", "had", "is", "do", "bye", "no", "very", "so", "well", "many", "really", "much", "more",
    "too", "yes", "ha", "now", "far", "long", "again",
]);

/// Words never repeated for emphasis: a run of them is always a slip.
static FUNCTION_WORDS: WordList = WordList::new(&[
    "the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "with", "from", "and", "or", "as",
]);

pub struct RepeatedWord;

impl Check for RepeatedWord {
    /// One walk over the document's tokens, each compared with the one
    /// before by length and first byte; the sentence is looked up only
    /// for a pair that passes.
    ///
    /// Why: nearly every pair differs in length or first byte, and the
    /// walk keeps the token before in registers.
    fn run(&self, doc: &Document, out: &mut Vec<CheckHit>) {
        let lower_text = doc.lower_text().as_bytes();
        let tokens = doc.tokens();
        let Some(first) = tokens.first() else {
            return;
        };
        let (mut prev_start, mut prev_len) = (first.start, first.end - first.start);
        for (i, b) in tokens.iter().enumerate().skip(1) {
            let len = b.end - b.start;
            // Both spellings compared below are the same in lower case:
            // the same length, the same first byte, the same bytes.
            if len == prev_len
                && lower_text[b.start] == lower_text[prev_start]
                && lower_text[b.start..b.end] == lower_text[prev_start..prev_start + len]
            {
                examine(doc, i, out);
            }
            (prev_start, prev_len) = (b.start, len);
        }
    }
}

/// Token `i` is token `i - 1` again, in lower case: is it a slip?
#[inline(never)]
fn examine(doc: &Document, i: usize, out: &mut Vec<CheckHit>) {
    // Both tokens in one sentence.
    let Some(s) = doc.sentence_holding(i).filter(|s| i != s.tokens.start) else {
        return;
    };
    let (a, b) = (doc.token(i - 1), doc.token(i));
    if !a.is_word() || !b.is_word() || !b.space_before || b.newlines_before > 0 {
        return;
    }
    let word = doc.token_text(i);
    let lower = doc.token_lower(i);
    // Same spelling, or "The the" at the start of a sentence.
    let same = word == doc.token_text(i - 1)
        || (doc.is_sentence_start(i - 1) && word == lower && lower == doc.token_lower(i - 1));
    if !same || doc.in_quote(i) {
        return;
    }
    if (lower.chars().count() < 2 && lower != "a")
        || ALLOWED.contains(&lower)
        || !lower.chars().all(char::is_alphabetic)
        || doc.is_capitalised(i)
    {
        return;
    }
    // Three in a row is emphasis, not a slip.
    let tripled = (i >= s.tokens.start + 2 && doc.token_lower(i - 2) == lower)
        || (i + 1 < s.tokens.end && doc.token_lower(i + 1) == lower);
    if tripled && !FUNCTION_WORDS.contains(&lower) {
        return;
    }
    out.push(CheckHit {
        start: b.start,
        end: b.end,
        replacements: vec![String::new()],
        message: Some(format!("“{word}” is written twice")),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(text: &str) -> Vec<&str> {
        let doc = Document::new(text);
        let mut out = Vec::new();
        RepeatedWord.run(&doc, &mut out);
        out.iter().map(|h| &text[h.start..h.end]).collect()
    }

    /// The walk compares each token with the one before across the whole
    /// document: a pair is flagged in any sentence, "The the" at a
    /// sentence start too, but never a pair split by a sentence boundary.
    #[test]
    fn pairs_within_a_sentence() {
        assert_eq!(hits("It rained. He went to the the office."), ["the"]);
        assert_eq!(hits("The the office opened."), ["the"]);
        assert_eq!(
            hits("We met in in Tehran and of of course left."),
            ["in", "of"]
        );
        assert!(hits("He voted for Iran\nIran voted for him.").is_empty());
        assert!(hits("He said that that was fine, had had enough.").is_empty());
        assert!(hits("It is a a").len() == 1);
    }
}
