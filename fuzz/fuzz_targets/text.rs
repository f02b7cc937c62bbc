//! The tokenizer and the sentence splitter on any text.
#![no_main]

use calque::text::tokenize;
use calque::text::Document;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let tokens = tokenize(text);
    // Tokens are non-empty, in order, on character boundaries, and what lies
    // between them is whitespace only.
    let mut prev = 0;
    for t in &tokens {
        assert!(t.start < t.end, "empty token at {}", t.start);
        common::assert_span(text, t.start, t.end, "token");
        assert!(prev <= t.start, "overlapping tokens at {}", t.start);
        assert!(
            text[prev..t.start].chars().all(char::is_whitespace),
            "text between tokens is not whitespace: {:?}",
            &text[prev..t.start]
        );
        assert_eq!(
            t.space_before,
            prev != t.start || (prev == 0 && t.start > 0)
        );
        prev = t.end;
    }
    assert!(text[prev..].chars().all(char::is_whitespace));

    let doc = Document::new(text);
    assert_eq!(doc.tokens(), &tokens[..]);
    // Sentences cover the tokens, in order, without gaps.
    let mut next = 0;
    for (n, s) in doc.sentences().iter().enumerate() {
        assert_eq!(s.tokens.start, next, "sentence {n} leaves a gap");
        assert!(s.tokens.start < s.tokens.end, "empty sentence {n}");
        assert_eq!(s.start, tokens[s.tokens.start].start);
        assert_eq!(s.end, tokens[s.tokens.end - 1].end);
        for i in s.tokens.clone() {
            assert_eq!(doc.sentence_index(i), n);
        }
        next = s.tokens.end;
    }
    assert_eq!(next, tokens.len());
    assert_eq!(doc.lower_text().len(), text.len());
    for i in 0..tokens.len() {
        let _ = (
            doc.in_quote(i),
            doc.is_sentence_start(i),
            doc.is_capitalised(i),
        );
        assert_eq!(doc.token_lower(i).len(), doc.token_text(i).len());
    }
    for off in [0, text.len() / 2, text.len()] {
        assert!(doc.token_at_or_after(off) <= tokens.len());
    }
});
