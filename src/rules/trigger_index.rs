//! The trigger index: every phrase, regex literal and anchor word of the
//! rule set, found in one pass per document by a word or a rare byte that
//! each holds.
//!
//! Why not an automaton over every byte: nearly every trigger holds a word
//! that must begin where a word begins in the text (`in the margin of`
//! holds `margin`, after a space). So the pass walks the text word by word,
//! looks up each word's first four bytes in a small hash table, and
//! compares the few triggers filed under them in place. An automaton (a
//! double array, before this) walked a transition table far larger than
//! the first-level cache at every byte: a third of calque's time. The few
//! triggers with no usable word (`,,`, ` .`, `/irn`) are filed under their
//! rarest byte, met in the same pass.
//!
//! A "word" here is a run of ASCII letters ([`is_word_byte`]), in the text
//! and in the triggers alike: if a trigger occurs at `o` and holds a run
//! that begins at `i > 0` after a byte that is not a letter, the text holds
//! the same run beginning at `o + i`, after the same byte. A run at `i = 0`
//! counts only when the caller knows that every match that matters begins
//! a word ([`Key::known_word_start`]), and a run that ends the trigger is
//! whole only when every such match ends one ([`Key::known_word_end`]);
//! otherwise it may go on in the text, and keys the trigger only by a
//! prefix of [`KEY_BYTES`] bytes.

use crate::text::Token;

/// One occurrence of a trigger: its id (its index in the list the index was
/// built from) and its byte span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TriggerMatch {
    pub pattern: usize,
    pub start: usize,
    pub end: usize,
}

/// A trigger to index: its lower-cased bytes, and what is known of the
/// matches that count (the others need not be found).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub bytes: Vec<u8>,
    /// Every match that counts follows a byte that is not an ASCII letter
    /// (or starts the text): a phrase that starts with a letter and must
    /// not follow one, a regex literal after `\b`, a token.
    pub known_word_start: bool,
    /// Every match that counts is followed by a byte that is not an ASCII
    /// letter (or ends the text).
    pub known_word_end: bool,
}

/// Bytes of a word compared as its key.
const KEY_BYTES: usize = 4;

/// Is `b` part of a word, as the index reads words? ASCII letters only: a
/// token never begins or ends between two of them, nor a `\b` match.
pub fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphabetic()
}

/// Where a trigger is filed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Filing {
    /// Under a word's key, the word beginning `at` bytes into the trigger.
    Word { at: usize, key: u32 },
    /// Under its byte at `at`, a byte that is not a letter.
    Byte { at: usize },
}

/// The key of a word: its first [`KEY_BYTES`] bytes, zero-padded when it is
/// shorter (a word never holds a zero byte, so no key is 0).
fn word_key(word: &[u8]) -> u32 {
    let mut k = [0u8; KEY_BYTES];
    let n = word.len().min(KEY_BYTES);
    k[..n].copy_from_slice(&word[..n]);
    u32::from_le_bytes(k)
}

/// The length of the longest of [`COMMON_WORDS`] ("government").
const LONGEST_COMMON_WORD: usize = 10;

/// Words too common in news copy to file a trigger under when it holds a
/// rarer one, in byte order. Only the choice of key depends on this list,
/// never a result.
const COMMON_WORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "all",
    "also",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "been",
    "but",
    "by",
    "country",
    "first",
    "for",
    "former",
    "from",
    "government",
    "had",
    "has",
    "have",
    "he",
    "her",
    "his",
    "in",
    "is",
    "it",
    "its",
    "last",
    "minister",
    "more",
    "new",
    "not",
    "of",
    "on",
    "one",
    "or",
    "other",
    "over",
    "people",
    "president",
    "said",
    "she",
    "since",
    "state",
    "than",
    "that",
    "the",
    "their",
    "there",
    "they",
    "this",
    "to",
    "two",
    "was",
    "were",
    "when",
    "which",
    "who",
    "will",
    "with",
    "would",
    "year",
];

/// About how often a trigger filed under this word is looked at, in
/// arbitrary units shared with [`byte_cost`]: the cheapest filing wins.
fn word_cost(word: &[u8]) -> u32 {
    if word == b"the" {
        // About one word in twelve in news copy.
        80
    } else if word.len() <= LONGEST_COMMON_WORD
        && COMMON_WORDS
            .binary_search_by(|w| w.as_bytes().cmp(word))
            .is_ok()
    {
        40
    } else {
        // Longer words are rarer.
        match word.len() {
            1 | 2 => 14,
            3 => 10,
            4 => 6,
            5 => 4,
            6 => 3,
            _ => 2,
        }
    }
}

/// [`word_cost`] for a trigger filed under this byte.
fn byte_cost(b: u8) -> u32 {
    match b {
        b' ' => 200,
        // About as common as the common words.
        b',' | b'.' => 40,
        b'0'..=b'9' | b'\'' | b'"' | b'-' | 0xe2 | 0x80 => 8,
        0x81..=0xbf => 4,
        _ => 1,
    }
}

/// The cheapest filing of `key` (a word on a tie); `None` when it has
/// none (a run of letters that may begin and end anywhere in a word, or
/// nothing). One pass over its bytes: this runs for every trigger at
/// start-up.
fn best_filing(key: &Key) -> Option<Filing> {
    let b = &key.bytes;
    let mut word: Option<(u32, Filing)> = None;
    let mut byte: Option<(u32, Filing)> = None;
    let keep = |best: &mut Option<(u32, Filing)>, cost: u32, filing: Filing| {
        if best.is_none_or(|(c, _)| cost < c) {
            *best = Some((cost, filing));
        }
    };
    let mut i = 0;
    while i < b.len() {
        if !is_word_byte(b[i]) {
            keep(&mut byte, byte_cost(b[i]), Filing::Byte { at: i });
            i += 1;
            continue;
        }
        // A run of letters: after a byte of another kind, or at the start.
        let run = b[i..].iter().take_while(|&&c| is_word_byte(c)).count();
        let begins = i > 0 || key.known_word_start;
        // A run that ends the trigger may go on in the text.
        let whole = i + run < b.len() || key.known_word_end;
        if begins && (whole || run >= KEY_BYTES) {
            let w = &b[i..i + run];
            let filing = Filing::Word {
                at: i,
                key: word_key(w),
            };
            keep(&mut word, word_cost(w), filing);
        }
        i += run;
    }
    match (word, byte) {
        (Some((wc, w)), Some((bc, _))) if wc <= bc => Some(w),
        (_, Some((_, b))) => Some(b),
        (w, None) => w.map(|(_, w)| w),
    }
}

/// Can the index find every match of `key` that counts? The same answer
/// as [`best_filing`] without weighing the filings (the rule engine asks
/// for each regex literal before the index is built): a byte that is not
/// a letter can file it, and a trigger of letters only is one run, filed
/// as a word when it begins a word and is whole or long enough.
pub fn can_index(key: &Key) -> bool {
    let letters_only = key.bytes.iter().all(|&b| is_word_byte(b));
    !letters_only
        || !key.bytes.is_empty()
            && key.known_word_start
            && (key.known_word_end || key.bytes.len() >= KEY_BYTES)
}

/// A trigger filed under a word key or a byte.
#[derive(Clone, Copy, Debug)]
struct Entry {
    /// The trigger's first eight bytes (zero-padded), and the mask of
    /// those that it has: one comparison rejects nearly every candidate.
    head: u64,
    head_mask: u64,
    /// Where the trigger's bytes are in `TriggerIndex::bytes`.
    from: u32,
    len: u32,
    /// Where the filed word or byte is in the trigger.
    at: u32,
    pattern: u32,
}

/// What a byte of the text is to the pass.
const OTHER: u8 = 0;
const LETTER: u8 = 1;
/// A byte that triggers are filed under.
const FILED: u8 = 2;

pub struct TriggerIndex {
    /// Open addressing over word keys; 0 marks a free slot.
    slot_keys: Vec<u32>,
    /// Per slot: its entries, `word_entries[slot_starts[s]..slot_starts[s + 1]]`.
    slot_starts: Vec<u32>,
    word_entries: Vec<Entry>,
    shift: u32,
    /// Per byte value: [`OTHER`], [`LETTER`] or [`FILED`].
    class: [u8; 256],
    /// Per byte value: its entries, `byte_entries[byte_starts[b]..byte_starts[b + 1]]`.
    byte_starts: Vec<u32>,
    byte_entries: Vec<Entry>,
    /// The bytes of every trigger.
    bytes: Vec<u8>,
}

/// The first eight bytes of `bytes` as a little-endian word, zero-padded,
/// and the mask of the bytes it holds.
fn head_of(bytes: &[u8]) -> (u64, u64) {
    let n = bytes.len().min(8);
    let mut head = [0u8; 8];
    head[..n].copy_from_slice(&bytes[..n]);
    let mask = if n == 8 {
        u64::MAX
    } else {
        (1u64 << (8 * n)) - 1
    };
    (u64::from_le_bytes(head), mask)
}

const ONES: u64 = 0x0101_0101_0101_0101;

/// The top bit of each byte of `x` that is an ASCII letter: eight bytes
/// tested at once (no byte carries into the next: each stays below 0xa0).
fn letter_bits(x: u64) -> u64 {
    let folded = (x & (0x7f * ONES)) | (0x20 * ONES);
    let from_a = folded + (0x80 - b'a' as u64) * ONES;
    let past_z = folded + (0x80 - b'z' as u64 - 1) * ONES;
    from_a & !past_z & !x & (0x80 * ONES)
}

/// The length and key of the word that begins at `text[i]`, a letter.
#[inline(always)]
fn word_at(text: &[u8], i: usize) -> (usize, u32) {
    let Some(first) = text.get(i..i + 8) else {
        let len = text[i..].iter().take_while(|&&b| is_word_byte(b)).count();
        return (len, word_key(&text[i..i + len]));
    };
    let first = u64::from_le_bytes(first.try_into().expect("8 bytes"));
    let mut len = 0;
    let mut x = first;
    loop {
        let others = !letter_bits(x) & (0x80 * ONES);
        if others != 0 {
            len += (others.trailing_zeros() / 8) as usize;
            break;
        }
        len += 8;
        match text.get(i + len..i + len + 8) {
            Some(next) => x = u64::from_le_bytes(next.try_into().expect("8 bytes")),
            None => {
                len += text[i + len..]
                    .iter()
                    .take_while(|&&b| is_word_byte(b))
                    .count();
                break;
            }
        }
    }
    let kept = len.min(KEY_BYTES);
    let key = (first as u32) & (u32::MAX >> (32 - 8 * kept));
    (len, key)
}

fn slot_of(key: u32, shift: u32) -> usize {
    (key.wrapping_mul(0x9e37_79b1) >> shift) as usize
}

/// Entries grouped by bucket, and where each bucket starts (`buckets + 1`
/// offsets). Within a bucket, entries that start as far before the filed
/// word or byte come together ([`TriggerIndex::compare`] reads the text
/// there once for them), in id order.
fn group(mut filed: Vec<(usize, Entry)>, buckets: usize) -> (Vec<u32>, Vec<Entry>) {
    filed.sort_by_key(|(b, e)| (*b, e.at, e.pattern));
    let mut starts = vec![0u32; buckets + 1];
    for (b, _) in &filed {
        starts[b + 1] += 1;
    }
    for b in 0..buckets {
        starts[b + 1] += starts[b];
    }
    (starts, filed.into_iter().map(|(_, e)| e).collect())
}

impl TriggerIndex {
    /// Index `keys`; a trigger's id is its index. A trigger that
    /// [`can_index`] refuses, or an empty one, is never found.
    pub fn new(keys: &[Key]) -> Result<TriggerIndex, String> {
        let too_many = || "trigger index: too many triggers".to_string();
        u32::try_from(keys.len()).map_err(|_| too_many())?;
        let mut bytes = Vec::new();
        let mut by_word: Vec<(u32, Entry)> = Vec::new();
        let mut by_byte: Vec<(usize, Entry)> = Vec::new();
        for (id, key) in keys.iter().enumerate() {
            let Some(filing) = best_filing(key) else {
                continue;
            };
            let from = u32::try_from(bytes.len()).map_err(|_| too_many())?;
            bytes.extend_from_slice(&key.bytes);
            let (head, head_mask) = head_of(&key.bytes);
            let entry = |at: usize| Entry {
                head,
                head_mask,
                from,
                len: key.bytes.len() as u32,
                at: at as u32,
                pattern: id as u32,
            };
            match filing {
                Filing::Word { at, key } => by_word.push((key, entry(at))),
                Filing::Byte { at } => by_byte.push((usize::from(key.bytes[at]), entry(at))),
            }
        }
        u32::try_from(bytes.len()).map_err(|_| too_many())?;

        let mut distinct: Vec<u32> = by_word.iter().map(|(k, _)| *k).collect();
        distinct.sort_unstable();
        distinct.dedup();
        // At most a quarter full: a probe for an absent word, the usual
        // case, nearly always ends at the first slot (at half full, one
        // probe in five took a second step).
        let bits = (distinct.len() * 4)
            .next_power_of_two()
            .max(16)
            .trailing_zeros();
        let shift = 32 - bits;
        let size = 1usize << bits;
        let mut slot_keys = vec![0u32; size];
        for &k in &distinct {
            let mut s = slot_of(k, shift);
            while slot_keys[s] != 0 {
                s = (s + 1) & (size - 1);
            }
            slot_keys[s] = k;
        }
        let find_slot = |k: u32| {
            let mut s = slot_of(k, shift);
            while slot_keys[s] != k {
                s = (s + 1) & (size - 1);
            }
            s
        };
        let by_slot = by_word
            .into_iter()
            .map(|(k, e)| (find_slot(k), e))
            .collect();
        let (slot_starts, word_entries) = group(by_slot, size);

        let mut class = [OTHER; 256];
        for b in 0..=255u8 {
            if is_word_byte(b) {
                class[usize::from(b)] = LETTER;
            }
        }
        for (b, _) in &by_byte {
            class[*b] = FILED;
        }
        let (byte_starts, byte_entries) = group(by_byte, 256);
        Ok(TriggerIndex {
            slot_keys,
            slot_starts,
            word_entries,
            shift,
            class,
            byte_starts,
            byte_entries,
            bytes,
        })
    }

    /// Every occurrence of every indexed trigger in `text` that begins at
    /// or before its filed word or byte, overlaps included: in order of
    /// where that word or byte is, triggers filed at the same place in id
    /// order.
    pub fn for_each_match(&self, text: &[u8], mut found: impl FnMut(TriggerMatch)) {
        self.walk(text, 0, text.len(), &mut found);
    }

    /// [`TriggerIndex::for_each_match`] over a text cut into `tokens`,
    /// where every byte outside them is a space (a document with no other
    /// whitespace; `text` is its ASCII-lowered text, at the same offsets).
    ///
    /// Why: most tokens are words of ASCII letters whose key the tokenizer
    /// already took ([`Token::letters_head`]); they are looked up without
    /// reading their bytes again, and only the other tokens are walked.
    pub fn for_each_match_in_tokens(
        &self,
        text: &[u8],
        tokens: &[Token],
        mut found: impl FnMut(TriggerMatch),
    ) {
        // Triggers filed under a space are met between tokens.
        if self.class[usize::from(b' ')] == FILED {
            return self.for_each_match(text, found);
        }
        // Where the walk has got to: a word never goes on past its token,
        // but should one, the next token is walked from there.
        let mut i = 0;
        for t in tokens {
            if t.letters_head != 0 && i <= t.start {
                self.word_filed(t.letters_head, text, t.start, &mut found);
                i = t.end;
            } else {
                i = self.walk(text, i.max(t.start), t.end, &mut found);
            }
        }
    }

    /// Report the matches filed under the words and bytes that begin in
    /// `text[i..to]`; the end of the last word, which may lie past `to`.
    #[inline(always)]
    fn walk(
        &self,
        text: &[u8],
        mut i: usize,
        to: usize,
        found: &mut impl FnMut(TriggerMatch),
    ) -> usize {
        while i < to {
            let b = text[i];
            match self.class[usize::from(b)] {
                OTHER => i += 1,
                FILED => {
                    let b = usize::from(b);
                    let filed = &self.byte_entries
                        [self.byte_starts[b] as usize..self.byte_starts[b + 1] as usize];
                    self.compare(filed, text, i, found);
                    i += 1;
                }
                _ => {
                    let (len, key) = word_at(text, i);
                    self.word_filed(key, text, i, found);
                    i += len;
                }
            }
        }
        i
    }

    /// Report the triggers filed under the word with key `key` at `start`.
    #[inline(always)]
    fn word_filed(
        &self,
        key: u32,
        text: &[u8],
        start: usize,
        found: &mut impl FnMut(TriggerMatch),
    ) {
        if let Some(s) = self.slot(key) {
            let filed =
                &self.word_entries[self.slot_starts[s] as usize..self.slot_starts[s + 1] as usize];
            self.compare(filed, text, start, found);
        }
    }

    /// The slot of a word key, if any trigger is filed under it.
    #[inline(always)]
    fn slot(&self, key: u32) -> Option<usize> {
        let mask = self.slot_keys.len() - 1;
        let mut s = slot_of(key, self.shift);
        loop {
            match self.slot_keys[s] {
                k if k == key => return Some(s),
                0 => return None,
                _ => s = (s + 1) & mask,
            }
        }
    }

    /// Report the triggers of `filed` that occur with their filed word or
    /// byte at `pos`.
    #[inline(always)]
    fn compare(
        &self,
        filed: &[Entry],
        text: &[u8],
        pos: usize,
        found: &mut impl FnMut(TriggerMatch),
    ) {
        // The text's eight bytes from where the current entries start.
        let mut at = u32::MAX;
        let mut head = 0;
        for e in filed {
            if e.at != at {
                at = e.at;
                head = match pos.checked_sub(at as usize) {
                    Some(start) => match text.get(start..start + 8) {
                        Some(eight) => u64::from_le_bytes(eight.try_into().expect("8 bytes")),
                        None => head_of(&text[start..]).0,
                    },
                    // No trigger starting there fits: no head matches.
                    None => !0,
                };
            }
            if head & e.head_mask != e.head {
                continue;
            }
            let start = pos - at as usize;
            let len = e.len as usize;
            let from = e.from as usize;
            let fits = text
                .get(start..start + len)
                .is_some_and(|here| len <= 8 || here[8..] == self.bytes[from + 8..from + len]);
            if fits {
                found(TriggerMatch {
                    pattern: e.pattern as usize,
                    start,
                    end: start + len,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(p: &str, known_word_start: bool, known_word_end: bool) -> Key {
        Key {
            bytes: p.as_bytes().to_vec(),
            known_word_start,
            known_word_end,
        }
    }

    /// Does a match of `k` at `start..end` of `t` count, by what its key
    /// says is known of the matches that count?
    fn counts(k: &Key, t: &[u8], start: usize, end: usize) -> bool {
        let begins = start == 0 || !is_word_byte(t[start - 1]);
        let ends = end == t.len() || !is_word_byte(t[end]);
        (!k.known_word_start || begins) && (!k.known_word_end || ends)
    }

    /// The occurrences the index must report: every one, overlaps included,
    /// except those that its key says do not count.
    fn expected(keys: &[Key], text: &str) -> Vec<(usize, usize, usize)> {
        let t = text.as_bytes();
        let mut out = Vec::new();
        for (id, k) in keys.iter().enumerate() {
            let p = std::str::from_utf8(&k.bytes).unwrap();
            if p.is_empty() {
                continue;
            }
            // Every start, not `match_indices`: that skips overlaps.
            for at in (0..t.len()).filter(|&at| t[at..].starts_with(p.as_bytes())) {
                let end = at + p.len();
                if counts(k, t, at, end) {
                    out.push((id, at, end));
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// What the index reports, less the matches that do not count; the
    /// same whether it walks the text or its tokens.
    fn found(keys: &[Key], text: &str) -> Vec<(usize, usize, usize)> {
        let index = TriggerIndex::new(keys).unwrap();
        let t = text.as_bytes();
        let report = |out: &mut Vec<_>, m: TriggerMatch| {
            if counts(&keys[m.pattern], t, m.start, m.end) {
                out.push((m.pattern, m.start, m.end));
            }
        };
        let mut by_bytes = Vec::new();
        index.for_each_match(t, |m| report(&mut by_bytes, m));
        // As in a document: lowered, and tokens cover every byte but
        // spaces (the tests' texts have no other whitespace).
        assert_eq!(text, text.to_ascii_lowercase());
        let tokens = crate::text::tokenize(text);
        let mut by_tokens = Vec::new();
        index.for_each_match_in_tokens(t, &tokens, |m| report(&mut by_tokens, m));
        assert_eq!(by_bytes, by_tokens, "{text:?}");
        by_bytes.sort_unstable();
        by_bytes
    }

    #[test]
    fn finds_every_occurrence_of_word_and_byte_filed_triggers() {
        let keys = [
            key("in the margin of", true, true),
            key("margin", true, true),
            key("of the", true, true),
            key("the", true, true),
            key("ness of", false, false),
            key(",,", false, false),
            key(", ,", false, false),
            key("s said", false, false),
            key("till now", false, false),
            key("informs", true, false),
            key("/", false, false),
            key(" .", false, false),
            key("the", true, true),
        ];
        let text = "in the margin of the summit, the seriousness of it,, \
                    the minister's said until now; he reinforms us, , a/b . \
                    informs; in the margin of";
        let f = found(&keys, text);
        assert_eq!(f, expected(&keys, text));
        assert!(f.len() > 15, "{f:?}");
        // Both ids of the repeated trigger.
        assert!(f.contains(&(3, 17, 20)) && f.contains(&(12, 17, 20)));
    }

    #[test]
    fn overlapping_occurrences_of_one_trigger_are_all_found() {
        let keys = [key(" , ", false, false), key("aba", true, true)];
        let text = " , , , aba";
        let f = found(&keys, text);
        assert_eq!(f, expected(&keys, text));
        assert_eq!(f, [(0, 0, 3), (0, 2, 5), (0, 4, 7), (1, 7, 10)]);
    }

    #[test]
    fn an_open_word_may_go_on_in_the_text() {
        let keys = [
            key("till now", false, false),
            key("said a", false, false),
            key("the gov", true, false),
            key("car", true, true),
        ];
        let text = "till nowhere; she said apples; the government; a car's cars";
        let f = found(&keys, text);
        assert_eq!(f, expected(&keys, text));
        assert_eq!(f.len(), 4, "{f:?}");
    }

    #[test]
    fn non_ascii_and_short_triggers() {
        let keys = [
            key("he", true, true),
            key("a", true, true),
            key("über", true, true),
            key("ü", false, false),
            key("he'", true, false),
            key("\u{2019}s", false, false),
            key("naïve", true, true),
        ];
        let text = "he said a thing über alles; he'd; iran\u{2019}s a he, naïve";
        let f = found(&keys, text);
        assert_eq!(f, expected(&keys, text));
        assert!(f.len() > 8, "{f:?}");
    }

    #[test]
    fn letters_that_may_sit_anywhere_in_a_word_cannot_be_indexed() {
        assert!(!can_index(&key("ness", false, false)));
        assert!(!can_index(&key("ness", false, true)));
        assert!(!can_index(&key("", true, true)));
        assert!(can_index(&key("ness", true, false)));
        assert!(can_index(&key("the", true, true)));
        assert!(!can_index(&key("the", true, false)));
        assert!(can_index(&key("-ness", false, false)));
    }

    #[test]
    fn words_are_measured_eight_bytes_at_a_time() {
        for text in [
            "a",
            "ab",
            "abcd",
            "abcdefgh",
            "abcdefghi",
            "abcdefghijklmnopq",
            "ab cd",
            "abcdefgh-ij",
            "Zebra,",
            "naïve",
            "abc\u{2019}s",
            "x@[`{",
            "abcdefg_",
            "abcdefgh\u{e9}",
        ] {
            let t = text.as_bytes();
            let len = t.iter().take_while(|&&b| is_word_byte(b)).count();
            assert_eq!(word_at(t, 0), (len, word_key(&t[..len])), "{text:?}");
            let mut padded = t.to_vec();
            padded.extend_from_slice(b" and more text");
            assert_eq!(word_at(&padded, 0), (len, word_key(&t[..len])), "{text:?}");
        }
        for b in 0..=255u8 {
            let x = u64::from_le_bytes([b; 8]);
            let want = if is_word_byte(b) { 0x80 * ONES } else { 0 };
            assert_eq!(letter_bits(x), want, "{b:#x}");
        }
    }

    #[test]
    fn common_words_are_sorted_for_binary_search() {
        assert!(COMMON_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(
            COMMON_WORDS.iter().map(|w| w.len()).max(),
            Some(LONGEST_COMMON_WORD)
        );
    }

    /// Strings over a small alphabet of letters, spaces, punctuation and
    /// multi-byte characters, so that triggers and text overlap often.
    fn small_text(max: usize) -> impl proptest::strategy::Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(vec![
                "a", "b", "e", "t", "h", " ", ",", ".", "'", "-", "\u{2019}", "é", "1",
            ]),
            0..max,
        )
        .prop_map(|v| v.concat())
    }

    use proptest::prelude::*;

    proptest! {
        #[test]
        fn agrees_with_a_plain_search(
            triggers in proptest::collection::vec((small_text(7), any::<bool>(), any::<bool>()), 1..12),
            text in small_text(60),
        ) {
            let all: Vec<Key> = triggers.iter().map(|(t, s, e)| key(t, *s, *e)).collect();
            for k in &all {
                prop_assert_eq!(can_index(k), best_filing(k).is_some(), "{:?}", k);
            }
            let keys: Vec<Key> = all.into_iter().filter(can_index).collect();
            prop_assert_eq!(found(&keys, &text), expected(&keys, &text));
        }
    }

    #[test]
    fn no_triggers_and_no_text() {
        assert!(found(&[], "anything").is_empty());
        assert!(found(&[key("x", true, true)], "").is_empty());
        assert!(found(&[key("", false, false)], "abc").is_empty());
    }
}
