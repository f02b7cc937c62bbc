//! Stage 2: the document model every rule and check shares.
//!
//! A [`Document`] is one prose segment cut into [`Token`]s (words, numbers,
//! abbreviations, punctuation, each with its byte span in the segment) and
//! sentences. Rules never re-scan raw text for word boundaries: they ask the
//! document.

mod abbreviations;
mod document;
mod folded;
pub mod keywords;
mod sentences;
mod tokenizer;
mod word_shapes;

pub use document::{Document, DocumentBuffers, Sentence};
pub use tokenizer::{tokenize, Token, TokenKind};
pub use word_shapes::WordShapes;

/// `word` with its first letter in upper case; the rest unchanged.
pub fn capitalise_first(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `word` with its first letter in lower case; the rest unchanged.
pub fn lowercase_first(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Is `c` an apostrophe, straight or curly?
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02bc}')
}

/// Is `c` a quotation mark that can open a quote?
pub fn is_opening_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201c}' | '\u{2018}' | '\u{00ab}' | '\u{201e}')
}

/// Is `c` a quotation mark that can close a quote?
pub fn is_closing_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201d}' | '\u{2019}' | '\u{00bb}' | '\'')
}
