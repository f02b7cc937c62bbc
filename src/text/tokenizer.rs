//! Cuts prose into tokens with byte spans.

use super::abbreviations;
use super::is_apostrophe;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, with inner apostrophes and hyphens: `Iran's`, `Sino-French`.
    Word,
    /// Digits, with inner separators and a letter suffix: `1,000`, `5.7`, `17th`.
    Number,
    /// A word with its full stop: `U.S.`, `I.R.`, `Dr.`, `Gen.`.
    Abbrev,
    /// One punctuation or symbol character (an ellipsis `...` is one token).
    Punct,
}

/// One token: its kind, its byte span in the segment, and what precedes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
    /// Whitespace separates this token from the previous one.
    pub space_before: bool,
    /// Line breaks between this token and the previous one (saturating).
    pub newlines_before: u8,
}

impl Token {
    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::Abbrev)
    }
}

/// Cut `text` into tokens. Whitespace is not a token; it is recorded on the
/// token that follows it.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let bytes = text.as_bytes();
    let mut pos = 0;
    let mut space_before = false;
    let mut newlines: u8 = 0;
    while pos < bytes.len() {
        // ASCII fast path: most of the text is plain ASCII words and spaces.
        let b = bytes[pos];
        if b == b' ' {
            space_before = true;
            pos += 1;
            continue;
        }
        if b.is_ascii_lowercase() || b.is_ascii_uppercase() {
            let (kind, end) = scan_word(text, pos);
            tokens.push(Token {
                kind,
                start: pos,
                end,
                space_before,
                newlines_before: newlines,
            });
            pos = end;
            space_before = false;
            newlines = 0;
            continue;
        }
        let c = char_at(text, pos).expect("pos is a char boundary");
        if c.is_whitespace() {
            if c == '\n' {
                newlines = newlines.saturating_add(1);
            }
            space_before = true;
            pos += c.len_utf8();
            continue;
        }
        let start = pos;
        let (kind, end) = if c.is_alphabetic() {
            scan_word(text, pos)
        } else if c.is_ascii_digit() {
            (TokenKind::Number, scan_number(text, pos))
        } else if text[pos..].starts_with("...") {
            (TokenKind::Punct, pos + 3)
        } else {
            (TokenKind::Punct, pos + c.len_utf8())
        };
        tokens.push(Token {
            kind,
            start,
            end,
            space_before,
            newlines_before: newlines,
        });
        pos = end;
        space_before = false;
        newlines = 0;
    }
    tokens
}

fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..).and_then(|s| s.chars().next())
}

/// A word, an initialism (`U.S.`) or an abbreviation with its stop (`Gen.`).
fn scan_word(text: &str, start: usize) -> (TokenKind, usize) {
    if let Some(end) = scan_initialism(text, start) {
        return (TokenKind::Abbrev, end);
    }
    let bytes = text.as_bytes();
    let mut pos = start;
    loop {
        loop {
            match bytes.get(pos) {
                Some(b) if b.is_ascii_alphanumeric() => pos += 1,
                Some(b) if b.is_ascii() => break,
                Some(_) => match char_at(text, pos) {
                    Some(c) if c.is_alphanumeric() || is_combining_mark(c) => pos += c.len_utf8(),
                    _ => break,
                },
                None => break,
            }
        }
        // Inner apostrophe or hyphen followed by a letter or digit continues
        // the word. Most words end at a space or a plain punctuation mark:
        // those bytes are answered without decoding a character.
        let joiner = match bytes.get(pos) {
            Some(b'\'' | b'-') => 1,
            Some(b) if !b.is_ascii() => match char_at(text, pos) {
                Some(c) if is_apostrophe(c) || c == '\u{2011}' => c.len_utf8(),
                _ => break,
            },
            _ => break,
        };
        match char_at(text, pos + joiner) {
            Some(n) if n.is_alphanumeric() => pos += joiner,
            _ => break,
        }
    }
    if bytes.get(pos) == Some(&b'.') {
        let word = &text[start..pos];
        let single_capital = word.len() == 1 && word.as_bytes()[0].is_ascii_uppercase();
        if abbreviations::is_abbreviation(word) || single_capital {
            return (TokenKind::Abbrev, pos + 1);
        }
    }
    (TokenKind::Word, pos)
}

/// `U.S.`, `I.R.`, `e.g.`, `a.m.`: two or more single letters each followed by a stop.
fn scan_initialism(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut pos = start;
    let mut letters = 0;
    while pos + 1 < bytes.len() && bytes[pos].is_ascii_alphabetic() && bytes[pos + 1] == b'.' {
        letters += 1;
        pos += 2;
    }
    (letters >= 2).then_some(pos)
}

fn scan_number(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut pos = start;
    loop {
        while pos < bytes.len() && bytes[pos].is_ascii_digit() {
            pos += 1;
        }
        // "1,000" and "5.7": a separator between digits.
        if pos + 1 < bytes.len()
            && matches!(bytes[pos], b',' | b'.')
            && bytes[pos + 1].is_ascii_digit()
        {
            pos += 1;
            continue;
        }
        break;
    }
    // "17th", "1990s", "5km".
    while let Some(c) = char_at(text, pos) {
        if c.is_alphabetic() {
            pos += c.len_utf8();
        } else {
            break;
        }
    }
    pos
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036f | 0x064b..=0x065f | 0x200c | 0x200d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect()
    }

    #[test]
    fn words_numbers_and_punctuation() {
        assert_eq!(
            texts("Iran's 1,000 troops, 5.7 quake; Sino-French ties."),
            [
                "Iran's",
                "1,000",
                "troops",
                ",",
                "5.7",
                "quake",
                ";",
                "Sino-French",
                "ties",
                "."
            ]
        );
    }

    #[test]
    fn initialisms_and_titles_keep_their_stops() {
        assert_eq!(
            texts("cyber police of I.R. of Iran and the U.S. side"),
            ["cyber", "police", "of", "I.R.", "of", "Iran", "and", "the", "U.S.", "side"]
        );
        assert_eq!(
            texts("Brig. Gen. Ali met Dr.Rouhani"),
            ["Brig.", "Gen.", "Ali", "met", "Dr.", "Rouhani"]
        );
        let toks = tokenize("Dr.Rouhani");
        assert!(!toks[1].space_before);
    }

    #[test]
    fn curly_apostrophes_stay_inside_words() {
        assert_eq!(texts("it’s Iran’s"), ["it’s", "Iran’s"]);
    }

    #[test]
    fn spans_index_non_ascii_text() {
        let text = "“Tehran — 17th” …";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        }
        assert_eq!(texts(text), ["“", "Tehran", "—", "17th", "”", "…"]);
    }

    #[test]
    fn whitespace_is_recorded_on_the_next_token() {
        let toks = tokenize("a\n\nb");
        assert_eq!(toks[1].newlines_before, 2);
        assert!(toks[1].space_before);
    }
}
