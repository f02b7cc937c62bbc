//! A word written twice in a row: "the the", "of of".
//!
//! Common when a translator edits machine output by hand. Some doublings are
//! English ("that that", "had had", "is is" in speech): those are left alone.

use super::{Check, CheckHit};
use crate::text::Document;

/// Doublings that can be grammatical.
const ALLOWED: &[&str] = &["that", "had", "is", "do", "bye", "no", "very", "so", "well", "many"];

pub struct RepeatedWord;

impl Check for RepeatedWord {
    fn run(&self, doc: &Document, out: &mut Vec<CheckHit>) {
        for s in doc.sentences() {
            for i in s.tokens.start + 1..s.tokens.end {
                let (a, b) = (doc.token(i - 1), doc.token(i));
                if !a.is_word() || !b.is_word() || !b.space_before || b.newlines_before > 0 {
                    continue;
                }
                let word = doc.token_lower(i);
                if word != doc.token_lower(i - 1) || word.chars().count() < 2 && word != "a" {
                    continue;
                }
                if ALLOWED.contains(&word) || !word.chars().all(char::is_alphabetic) {
                    continue;
                }
                out.push(CheckHit {
                    start: b.start,
                    end: b.end,
                    replacements: vec![String::new()],
                    message: Some(format!("“{}” is written twice", doc.token_text(i))),
                });
            }
        }
    }
}
