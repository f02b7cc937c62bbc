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
    fn run(&self, doc: &Document, out: &mut Vec<CheckHit>) {
        let lower_text = doc.lower_text().as_bytes();
        for s in doc.sentences() {
            let pairs = doc.tokens()[s.tokens.clone()].windows(2);
            for (i, pair) in (s.tokens.start + 1..).zip(pairs) {
                let (a, b) = (&pair[0], &pair[1]);
                // Both spellings compared below are the same in lower case:
                // the same length, the same first byte, the same bytes.
                if a.end - a.start != b.end - b.start
                    || lower_text[a.start] != lower_text[b.start]
                    || lower_text[a.start..a.end] != lower_text[b.start..b.end]
                {
                    continue;
                }
                if !a.is_word() || !b.is_word() || !b.space_before || b.newlines_before > 0 {
                    continue;
                }
                let word = doc.token_text(i);
                let lower = doc.token_lower(i);
                // Same spelling, or "The the" at the start of a sentence.
                let same = word == doc.token_text(i - 1)
                    || (doc.is_sentence_start(i - 1)
                        && word == lower
                        && lower == doc.token_lower(i - 1));
                if !same || doc.in_quote(i) {
                    continue;
                }
                if (lower.chars().count() < 2 && lower != "a")
                    || ALLOWED.contains(&lower)
                    || !lower.chars().all(char::is_alphabetic)
                    || doc.is_capitalised(i)
                {
                    continue;
                }
                // Three in a row is emphasis, not a slip.
                let tripled = (i >= s.tokens.start + 2 && doc.token_lower(i - 2) == lower)
                    || (i + 1 < s.tokens.end && doc.token_lower(i + 1) == lower);
                if tripled && !FUNCTION_WORDS.contains(&lower) {
                    continue;
                }
                out.push(CheckHit {
                    start: b.start,
                    end: b.end,
                    replacements: vec![String::new()],
                    message: Some(format!("“{word}” is written twice")),
                });
            }
        }
    }
}
