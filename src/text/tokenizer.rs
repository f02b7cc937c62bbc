//! Cuts prose into tokens with byte spans.

use super::abbreviations;
use super::is_apostrophe;
use super::keywords;

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
    /// For a token of ASCII letters only, its first four bytes lowered
    /// (zero-padded when shorter); 0 for any other token, and for the few
    /// words that the tokenizer's fast path does not take (before a stop
    /// or a joiner, at the end of the text). Why: the trigger index looks
    /// words up by this key, and the tokenizer has the bytes in hand; it
    /// fits in the token's padding.
    pub letters_head: u32,
}

const _: () = assert!(std::mem::size_of::<Token>() == 24);

impl Token {
    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::Abbrev)
    }
}

/// Cut `text` into tokens. Whitespace is not a token; it is recorded on the
/// token that follows it.
pub fn tokenize(text: &str) -> Vec<Token> {
    scan_into(text, Vec::new(), Vec::new(), Vec::new()).tokens
}

/// The tokens of a text and what the tokenizer saw on the way, so that the
/// document need not read the text again to learn it.
pub(super) struct Scan {
    pub tokens: Vec<Token>,
    /// For each token, its number in [`keywords`] (0 for other words, and
    /// for numbers and punctuation). Why here: the word's bytes were just
    /// read, and a second pass over the tokens would read them again.
    pub keywords: Vec<u8>,
    /// Whitespace other than single spaces: a line break, a tab, a no-break
    /// space, two spaces in a row.
    pub irregular_space: bool,
    /// A mark that can open a quotation (`"`, `“`, `«`).
    pub opening_quote: bool,
    /// Tokens that are words ([`Token::is_word`]).
    pub words: usize,
    /// The indices, in order, of the tokens after which a sentence may end
    /// (besides the last): those that are neither words nor numbers, and
    /// those that a line break follows. Why: sentence splitting then looks
    /// at a tenth of the tokens.
    pub maybe_ends: Vec<u32>,
}

/// What a byte starts, for the tokenizer's dispatch.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    /// ASCII whitespace other than a space: `\t`, `\n`, `\x0b`, `\x0c`, `\r`.
    OtherSpace,
    Letter,
    Digit,
    /// Any other ASCII byte: one punctuation token (or an ellipsis).
    Punct,
    /// The first byte of a multi-byte character (continuation bytes are
    /// never looked up: every span ends on a character boundary).
    NonAscii,
}

/// The class of every byte: one load instead of a chain of range tests.
static CLASSES: [Class; 256] = {
    let mut table = [Class::Punct; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b' ' => Class::Space,
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => Class::OtherSpace,
            b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
            b'0'..=b'9' => Class::Digit,
            0x80..=0xff => Class::NonAscii,
            _ => Class::Punct,
        };
        b += 1;
    }
    table
};

/// ASCII letters and digits: the bytes that continue a word.
static ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// Tokenize `text` into `tokens`, number them in `keywords` and list
/// [`Scan::maybe_ends`] (all emptied first; their allocations are reused),
/// noting its irregular whitespace and opening quotes.
pub(super) fn scan_into(
    text: &str,
    mut tokens: Vec<Token>,
    mut keywords: Vec<u8>,
    mut maybe_ends: Vec<u32>,
) -> Scan {
    tokens.clear();
    maybe_ends.clear();
    tokens.reserve(text.len() / 5 + 1);
    keywords.clear();
    keywords.reserve(text.len() / 5 + 1);
    let bytes = text.as_bytes();
    let mut irregular_space = false;
    let mut opening_quote = false;
    let mut words = 0;
    let mut pos = 0;
    let mut space_before = false;
    let mut newlines: u8 = 0;
    let mut stage = Stage::new();
    let mut staged = 0;
    while let Some(&b) = bytes.get(pos) {
        // The index of the token about to be cut. Only the rarer arms below
        // use it: the words' path stays as short as it was.
        let next = || (tokens.len() + staged) as u32;
        let (kind, end, keyword, letters_head) = match CLASSES[b as usize] {
            Class::Space => {
                // A space after whitespace makes a run of two or more.
                irregular_space |= space_before;
                space_before = true;
                pos += 1;
                continue;
            }
            Class::OtherSpace => {
                if b == b'\n' {
                    newlines = newlines.saturating_add(1);
                    if let Some(before) = next().checked_sub(1) {
                        note_maybe_end(&mut maybe_ends, before);
                    }
                }
                irregular_space = true;
                space_before = true;
                pos += 1;
                continue;
            }
            Class::Letter => {
                words += 1;
                match plain_word(bytes, pos) {
                    Some((end, keyword, head)) => (TokenKind::Word, end, keyword, head),
                    None => {
                        let (kind, end) = scan_word(text, pos);
                        // Abbreviations keep their stop: no keyword has one.
                        // No head: reading it here costs more than the
                        // trigger index's walk over these few words.
                        let keyword = match kind {
                            TokenKind::Word => keywords::number_at(bytes, pos, end),
                            _ => {
                                note_maybe_end(&mut maybe_ends, next());
                                0
                            }
                        };
                        (kind, end, keyword, 0)
                    }
                }
            }
            Class::Digit => (TokenKind::Number, scan_number(text, pos), 0, 0),
            Class::Punct => {
                opening_quote |= b == b'"';
                note_maybe_end(&mut maybe_ends, next());
                let len = if bytes[pos..].starts_with(b"...") {
                    3
                } else {
                    1
                };
                (TokenKind::Punct, pos + len, 0, 0)
            }
            Class::NonAscii => {
                let c = char_at(text, pos).expect("pos is a char boundary");
                if c.is_whitespace() {
                    irregular_space = true;
                    space_before = true;
                    pos += c.len_utf8();
                    continue;
                }
                // No keyword starts beyond ASCII.
                if c.is_alphabetic() {
                    words += 1;
                    let (kind, end) = scan_word(text, pos);
                    if kind != TokenKind::Word {
                        note_maybe_end(&mut maybe_ends, next());
                    }
                    (kind, end, 0, 0)
                } else {
                    opening_quote |= matches!(c, '\u{201c}' | '\u{00ab}');
                    note_maybe_end(&mut maybe_ends, next());
                    (TokenKind::Punct, pos + c.len_utf8(), 0, 0)
                }
            }
        };
        let token = Token {
            kind,
            start: pos,
            end,
            space_before,
            newlines_before: newlines,
            letters_head,
        };
        // `staged` is below STAGED: the remainder only spares a bounds check.
        stage.tokens[staged % STAGED] = token;
        stage.keywords[staged % STAGED] = keyword;
        staged += 1;
        if staged == STAGED {
            stage.append(staged, &mut tokens, &mut keywords);
            staged = 0;
        }
        // The single space after most tokens is taken here, not by another
        // turn of the loop.
        space_before = bytes.get(end) == Some(&b' ');
        pos = end + usize::from(space_before);
        newlines = 0;
    }
    stage.append(staged, &mut tokens, &mut keywords);
    Scan {
        tokens,
        keywords,
        irregular_space,
        opening_quote,
        words,
        maybe_ends,
    }
}

/// Add token `i` to [`Scan::maybe_ends`] unless it is there (a line break
/// after a stop, or two line breaks, name it twice).
fn note_maybe_end(maybe_ends: &mut Vec<u32>, i: u32) {
    if maybe_ends.last() != Some(&i) {
        maybe_ends.push(i);
    }
}

/// How many tokens [`Stage`] holds.
const STAGED: usize = 32;

/// Tokens and their keyword numbers on their way to the output vectors, a
/// few dozen at a time; the count of those staged is kept apart, by the
/// caller.
///
/// Why: a `Vec::push` in the tokenizer's loop reloads the vector's length
/// and capacity and stores the length back (the vector stays in memory,
/// since the path that grows it takes its address): a dozen instructions a
/// token for the two vectors. A local count stays in a register, and a
/// full stage is appended with one copy.
struct Stage {
    tokens: [Token; STAGED],
    keywords: [u8; STAGED],
}

impl Stage {
    fn new() -> Stage {
        let blank = Token {
            kind: TokenKind::Punct,
            start: 0,
            end: 0,
            space_before: false,
            newlines_before: 0,
            letters_head: 0,
        };
        Stage {
            tokens: [blank; STAGED],
            keywords: [0; STAGED],
        }
    }

    /// Append the first `n` staged tokens to the output.
    fn append(&self, n: usize, tokens: &mut Vec<Token>, keywords: &mut Vec<u8>) {
        tokens.extend_from_slice(&self.tokens[..n]);
        keywords.extend_from_slice(&self.keywords[..n]);
    }
}

fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..).and_then(|s| s.chars().next())
}

/// Eight bytes, each with only its high bit set.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Length of the run of ASCII letters and digits that starts `bytes`.
///
/// Why eight bytes at a time: this loop reads nearly every byte of the
/// text, and a word of up to seven letters is answered by one test.
#[inline(always)]
fn alnum_run(bytes: &[u8]) -> usize {
    let mut n = 0;
    while let Some(chunk) = bytes[n..].first_chunk() {
        let word = u64::from_le_bytes(*chunk);
        let others = !alnum_bytes(word) & HIGH_BITS;
        if others != 0 {
            return n + (others.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + bytes[n..]
        .iter()
        .position(|&b| !ALNUM[b as usize])
        .unwrap_or(bytes.len() - n)
}

/// The high bit of each byte of `word` that is an ASCII letter or digit.
/// Each byte is compared by adding an offset that carries into its high
/// bit; the high bits are cleared first, so no sum carries into the next byte.
#[inline(always)]
fn alnum_bytes(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let low = word & !HIGH_BITS;
    let folded = low | (ONES * 0x20);
    let at_least = |x: u64, b: u8| x + ONES * (0x80 - b as u64);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    let digit = at_least(low, b'0') & !at_least(low, b'9' + 1);
    (letter | digit) & !word & HIGH_BITS
}

/// The bit that tells a letter from a digit among ASCII letters and
/// digits: set in every letter (0x41 and up), clear in every digit
/// (0x30 to 0x39).
const LETTER_BIT: u8 = 0x40;

/// [`Token::letters_head`] of a run of ASCII letters and digits whose first
/// eight bytes are `chunk`, of which `len` (1 to 8) are the run's: 0 when
/// one of those is a digit. The mask and the lowering are those of
/// [`keywords::number_in_chunk`], which the compiler then does once.
#[inline(always)]
fn letters_head(chunk: u64, len: usize) -> u32 {
    const CASE_BITS: u64 = 0x2020_2020_2020_2020;
    const LETTER_BITS: u64 = 0x0101_0101_0101_0101 * LETTER_BIT as u64;
    let word = u64::MAX >> (64 - 8 * len);
    // The first four bytes; a byte past the run is masked off.
    let head = ((chunk | CASE_BITS) & word) as u32;
    if !chunk & word & LETTER_BITS == 0 {
        head
    } else {
        0
    }
}

/// Is the character at `pos` a letter or digit? An ASCII byte is answered
/// from the table, without decoding.
fn alphanumeric_at(text: &str, pos: usize) -> bool {
    match text.as_bytes().get(pos) {
        Some(&b) if b.is_ascii() => ALNUM[b as usize],
        Some(_) => char_at(text, pos).is_some_and(char::is_alphanumeric),
        None => false,
    }
}

/// The end, keyword number and [`Token::letters_head`] of the word at
/// `start` when it is a run of ASCII letters and digits ended by a space or
/// a plain punctuation mark (most words are); `None` for any other word,
/// left to [`scan_word`].
///
/// Why: the word's first eight bytes, read once, answer where most words
/// end, what follows them, which keyword they are and their head.
#[inline(always)]
fn plain_word(bytes: &[u8], start: usize) -> Option<(usize, u8, u32)> {
    let chunk = u64::from_le_bytes(*bytes[start..].first_chunk()?);
    let others = !alnum_bytes(chunk) & HIGH_BITS;
    if others != 0 {
        let len = (others.trailing_zeros() / 8) as usize;
        let next = (chunk >> (8 * len)) as u8;
        let head = letters_head(chunk, len);
        return ends_plainly(next)
            .then(|| (start + len, keywords::number_in_chunk(chunk, len), head));
    }
    let end = start + 8 + alnum_run(&bytes[start + 8..]);
    let next = *bytes.get(end)?;
    let rest_letters = bytes[start + 8..end].iter().all(|b| b & LETTER_BIT != 0);
    let head = if rest_letters {
        letters_head(chunk, 8)
    } else {
        0
    };
    ends_plainly(next).then(|| (end, keywords::number_at(bytes, start, end), head))
}

/// Does a run of letters and digits followed by `next` (not a letter or
/// digit) end a word there, with no stop, joiner or character beyond ASCII
/// to consider?
#[inline(always)]
fn ends_plainly(next: u8) -> bool {
    next.is_ascii() && !matches!(next, b'.' | b'\'' | b'-')
}

/// A word, an initialism (`U.S.`) or an abbreviation with its stop (`Gen.`).
/// Inlined: most tokens are words, and a call costs as much as a short word.
#[inline(always)]
fn scan_word(text: &str, start: usize) -> (TokenKind, usize) {
    let bytes = text.as_bytes();
    let mut pos = start + alnum_run(&bytes[start..]);
    // Most words end at a space or a plain punctuation mark: nothing below
    // (a stop, a joiner, a character beyond ASCII) applies.
    match bytes.get(pos) {
        Some(&b) if ends_plainly(b) => return (TokenKind::Word, pos),
        None => return (TokenKind::Word, pos),
        _ => {}
    }
    // Only a single letter and a stop can start an initialism.
    if pos == start + 1 && bytes.get(pos) == Some(&b'.') {
        if let Some(end) = scan_initialism(text, start) {
            return (TokenKind::Abbrev, end);
        }
    }
    loop {
        // Letters, digits and combining marks beyond ASCII go on the word.
        if bytes.get(pos).is_some_and(|b| !b.is_ascii()) {
            match char_at(text, pos) {
                Some(c) if c.is_alphanumeric() || is_combining_mark(c) => {
                    pos += c.len_utf8();
                    pos += alnum_run(&bytes[pos..]);
                    continue;
                }
                _ => {}
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
        if alphanumeric_at(text, pos + joiner) {
            pos += joiner;
            pos += alnum_run(&bytes[pos..]);
        } else {
            break;
        }
    }
    if bytes.get(pos) == Some(&b'.') {
        let word = &text[start..pos];
        let single_capital = word.len() == 1 && word.as_bytes()[0].is_ascii_uppercase();
        if single_capital || abbreviations::is_abbreviation(word) {
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
    while let Some(&b) = bytes.get(pos) {
        if b.is_ascii_alphabetic() {
            pos += 1;
        } else if b.is_ascii() {
            break;
        } else {
            match char_at(text, pos) {
                Some(c) if c.is_alphabetic() => pos += c.len_utf8(),
                _ => break,
            }
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
    fn scan_notes_irregular_whitespace_and_opening_quotes() {
        for (text, irregular) in [
            ("a b. c", false),
            ("a  b", true),
            ("a\nb", true),
            ("a\r\nb", true),
            ("a\tb", true),
            ("a\u{a0}b", true),
            (" a ", false),
            ("a \u{2009}b", true),
        ] {
            assert_eq!(
                scan_into(text, Vec::new(), Vec::new(), Vec::new()).irregular_space,
                irregular,
                "{text:?}"
            );
        }
        for (text, quote) in [
            ("He said “yes”", true),
            ("He said \"yes\"", true),
            ("He said «oui»", true),
            ("It’s ‘fine’ and ”odd”", false),
        ] {
            assert_eq!(
                scan_into(text, Vec::new(), Vec::new(), Vec::new()).opening_quote,
                quote,
                "{text:?}"
            );
        }
        let text = "Dr. Ali’s 17th U.S. visit… “Tehran” 5.7 — über-cool";
        let s = scan_into(text, Vec::new(), Vec::new(), Vec::new());
        assert_eq!(s.words, s.tokens.iter().filter(|t| t.is_word()).count());
    }

    #[test]
    fn alnum_runs_match_a_byte_by_byte_scan() {
        let text = "Sino-French1990s talks, ab9Z@[`{/:  über 12345678901234567x\u{7f}";
        let bytes = text.as_bytes();
        for start in 0..bytes.len() {
            let slow = bytes[start..]
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .unwrap_or(bytes.len() - start);
            assert_eq!(alnum_run(&bytes[start..]), slow, "at {start}");
        }
        for b in 0..=255u8 {
            let word = u64::from_le_bytes([b, b'a', b, b'Z', b, b'0', b, b'9']);
            let alnum = b.is_ascii_alphanumeric();
            let expected = 0x8000_8000_8000_8000 | if alnum { 0x0080_0080_0080_0080 } else { 0 };
            assert_eq!(alnum_bytes(word), expected, "byte {b:#x}");
        }
    }

    #[test]
    fn letters_heads_are_the_lowered_first_bytes_of_letters_only_words() {
        let text = "Iran a ab abc abcd ABCDEFGH abcdefghijk abcdefgh1 abcdefghijklmnop9q \
                    ab1 G20 über naïve Iran's Sino-French U.S. Gen. 17th x, Zebra; end.";
        let tokens = tokenize(text);
        // The fast path takes every word but the last (before a stop).
        let last = tokens.iter().rposition(Token::is_word).unwrap();
        assert_eq!(tokens[last].letters_head, 0);
        for t in &tokens[..last] {
            let word = &text.as_bytes()[t.start..t.end];
            let expected = if word.iter().all(u8::is_ascii_alphabetic) {
                let mut head = [0u8; 4];
                let n = word.len().min(4);
                head[..n].copy_from_slice(&word.to_ascii_lowercase()[..n]);
                u32::from_le_bytes(head)
            } else {
                0
            };
            assert_eq!(t.letters_head, expected, "{:?}", std::str::from_utf8(word));
        }
    }

    #[test]
    fn maybe_ends_are_the_tokens_not_words_nor_numbers_or_before_a_break() {
        for text in [
            "Dr. Ali met U.S. envoys, 17th time. \"Yes!\" he said\nThe end",
            "\nHeadline\n\nBody text here... more\n\n",
            "a\nb\nc. d",
            "word",
            "",
            "Tehran — 17th “quote” …\r\nnext",
        ] {
            let s = scan_into(text, Vec::new(), Vec::new(), Vec::new());
            let t = &s.tokens;
            let plain: Vec<u32> = (0..t.len())
                .filter(|&j| {
                    let after = &text[t[j].end..t.get(j + 1).map_or(text.len(), |n| n.start)];
                    !matches!(t[j].kind, TokenKind::Word | TokenKind::Number)
                        || after.contains('\n')
                })
                .map(|j| j as u32)
                .collect();
            assert_eq!(s.maybe_ends, plain, "{text:?}");
        }
    }

    #[test]
    fn whitespace_is_recorded_on_the_next_token() {
        let toks = tokenize("a\n\nb");
        assert_eq!(toks[1].newlines_before, 2);
        assert!(toks[1].space_before);
    }
}
