//! Sentence boundaries over a token stream.
//!
//! A stop ends a sentence when what follows starts like a sentence (a capital,
//! a digit, an opening quote) or a paragraph break. Abbreviations carry their
//! stop inside the token, so "Brig. Gen. Ali" and "the U.S. side" never split;
//! an initialism does end a sentence when a typical sentence opener follows
//! ("... in the U.S. The talks ...").

use std::ops::Range;

use super::tokenizer::{Token, TokenKind};
use super::{abbreviations, is_closing_quote, is_opening_quote};

/// Words that open sentences often enough to split after an initialism.
const OPENERS: &[&str] = &[
    "a", "an", "but", "he", "her", "his", "i", "in", "it", "its", "on", "she", "that", "the",
    "their", "there", "these", "they", "this", "we",
];

/// Hand `sentence` the token index range of each sentence of `tokens` (over
/// `text`), in order. `maybe_ends` lists, in order, the tokens after which
/// a sentence may end besides the last: those that are neither words nor
/// numbers, and those that a line break follows (the tokenizer's
/// `Scan::maybe_ends`). A callback rather than a list: the document files
/// each sentence as it comes, with no list in between.
pub fn split(
    text: &str,
    tokens: &[Token],
    maybe_ends: &[u32],
    mut sentence: impl FnMut(Range<usize>),
) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    let mut ends = maybe_ends.iter().map(|&e| e as usize).peekable();
    while i < tokens.len() {
        // Most tokens are words and numbers in mid-line: they end no
        // sentence, and are passed over without the tests below.
        while ends.next_if(|&e| e < i).is_some() {}
        i = ends
            .peek()
            .map_or(tokens.len() - 1, |&e| e.min(tokens.len() - 1));
        let mut last = i;
        let mut boundary = false;
        let t = &tokens[i];
        let s = || &text[t.start..t.end];
        if t.kind == TokenKind::Punct && is_stop(&bytes[t.start..t.end]) {
            // Closing quotes and brackets glued to the stop belong to this sentence.
            while let Some(n) = tokens.get(last + 1) {
                let ns = &text[n.start..n.end];
                let closing =
                    ns.chars().next().is_some_and(is_closing_quote) || ns == ")" || ns == "]";
                if n.kind == TokenKind::Punct && !n.space_before && closing {
                    last += 1;
                } else {
                    break;
                }
            }
            boundary = match tokens.get(last + 1) {
                None => true,
                Some(n) => n.newlines_before > 0 || starts_sentence(&text[n.start..n.end]),
            };
        } else if t.kind == TokenKind::Abbrev {
            let word = s().trim_end_matches('.');
            let initialism = word.contains('.');
            if initialism && !abbreviations::is_title(word) {
                boundary = match tokens.get(i + 1) {
                    None => true,
                    Some(n) => {
                        let ns = &text[n.start..n.end];
                        n.newlines_before > 0
                            || (ns.chars().next().is_some_and(char::is_uppercase)
                                && OPENERS.iter().any(|o| o.eq_ignore_ascii_case(ns)))
                    }
                };
            }
        }
        if !boundary {
            if let Some(n) = tokens.get(i + 1) {
                boundary = n.newlines_before >= 2
                    || (n.newlines_before == 1 && line_is_standalone(text, tokens, start, i, n));
            }
        }
        if boundary {
            sentence(start..last + 1);
            start = last + 1;
        }
        i = last + 1;
    }
    if start < tokens.len() {
        sentence(start..tokens.len());
    }
}

/// Is a punctuation token's text a sentence stop: `.`, `!`, `?`, `...`, `…`?
fn is_stop(token: &[u8]) -> bool {
    matches!(token, b"." | b"!" | b"?" | b"..." | b"\xe2\x80\xa6")
}

fn starts_sentence(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || is_opening_quote(c))
}

/// A single line break ends a sentence after a short line with no final stop
/// (a headline or a dateline) when the next line starts with a capital.
fn line_is_standalone(text: &str, tokens: &[Token], start: usize, i: usize, next: &Token) -> bool {
    let line_start = tokens[start..=i]
        .iter()
        .rposition(|t| t.newlines_before > 0)
        .map_or(start, |p| start + p);
    let line_len = tokens[i].end - tokens[line_start].start;
    let last = &text[tokens[i].start..tokens[i].end];
    let ends_clause = matches!(last, "," | ";" | ":" | "-" | "(");
    line_len < 60 && !ends_clause && starts_sentence(&text[next.start..next.end])
}
