//! The words the grammar checks look for at nearly every token, numbered.
//!
//! Why: each grammar check scans every token for a few words ("the", "of",
//! a preposition, "has"). A string comparison costs a dozen instructions
//! and a word list more, and seven checks pay it at every token.
//! The tokenizer numbers each word as it cuts it ([`number_at`]), with one
//! probe of a perfect hash table built at compile time, and a check's test
//! becomes a byte comparison: `doc.keyword(i) == keywords::id("the")`.
//!
//! A word missing here is a compile error wherever a check names it (see
//! [`id`]), so the list cannot drift from its users.

/// The numbered words, lowercase ASCII, in groups; a word's number is its
/// position in the flattened list plus one (0 means "none of these"). At
/// most 255.
const GROUPS: &[&[&str]] = &[OTHERS_BEFORE, PREPOSITIONS, OTHERS_AFTER];

const OTHERS_BEFORE: &[&str] = &[
    // Articles and determiners.
    "a", "an", "the", "all", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "more", "most", "others",
];

/// Prepositions after which a bare singular noun phrase is suspicious
/// (`checks::common::PREPOSITIONS`). "as", "like", "than" and "of" are
/// left out on purpose: "as head of", "like glue", "a lot of" take bare
/// nouns.
pub const PREPOSITIONS: &[&str] = &[
    "about",
    "across",
    "after",
    "against",
    "along",
    "amid",
    "among",
    "around",
    "at",
    "before",
    "behind",
    "below",
    "beside",
    "between",
    "beyond",
    "by",
    "despite",
    "during",
    "for",
    "from",
    "in",
    "inside",
    "into",
    "on",
    "onto",
    "over",
    "regarding",
    "since",
    "through",
    "throughout",
    "to",
    "toward",
    "towards",
    "under",
    "until",
    "upon",
    "via",
    "with",
    "within",
    "without",
];

const OTHERS_AFTER: &[&str] = &[
    "of",
    "and",
    // Verbs.
    "is",
    "was",
    "be",
    "became",
    "becomes",
    "remains",
    "remained",
    "has",
    "does",
    // Reporting verbs.
    "said",
    "says",
    "added",
    "stated",
    "noted",
    "stressed",
    "announced",
    "declared",
    "told",
    // Nouns.
    "heads",
    "deal",
    "number",
    "letter",
    "statement",
    "message",
    "decree",
    "memorandum",
    "report",
    "damages",
];

const COUNT: usize = {
    let (mut n, mut g) = (0, 0);
    while g < GROUPS.len() {
        n += GROUPS[g].len();
        g += 1;
    }
    n
};

/// [`GROUPS`] flattened.
const WORDS: [&str; COUNT] = {
    let mut out = [""; COUNT];
    let (mut k, mut g) = (0, 0);
    while g < GROUPS.len() {
        let mut i = 0;
        while i < GROUPS[g].len() {
            out[k] = GROUPS[g][i];
            k += 1;
            i += 1;
        }
        g += 1;
    }
    out
};

const _: () = assert!(WORDS.len() < 256);

/// The longest listed word, in bytes.
const LONGEST: usize = {
    let (mut longest, mut k) = (0, 0);
    while k < WORDS.len() {
        let word = WORDS[k].as_bytes();
        if word.len() > longest {
            longest = word.len();
        }
        // Lowercase ASCII letters only: [`Key`] folds case by setting one bit.
        let mut i = 0;
        while i < word.len() {
            assert!(
                word[i].is_ascii_lowercase(),
                "keywords are lowercase letters"
            );
            i += 1;
        }
        k += 1;
    }
    longest
};

const _: () = assert!(LONGEST <= 16);

/// A word of up to sixteen bytes as two numbers, little-endian, with bit 5
/// (0x20) of every byte set and zeros after the word.
///
/// Why: setting that bit lowers an ASCII capital and leaves every other
/// byte a non-letter, so a token's key equals a listed word's key exactly
/// when the token, lowered, is that word; and two numbers compare in two
/// instructions where a byte loop takes a dozen.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Key(u64, u64);

/// Bit 5 of every byte.
const CASE_BITS: u64 = 0x2020_2020_2020_2020;

impl Key {
    /// The key of `word`, which is at most 16 bytes.
    const fn of(word: &[u8]) -> Key {
        let mut buf = [0u8; 16];
        let mut i = 0;
        while i < word.len() {
            buf[i] = word[i];
            i += 1;
        }
        Key::folded(buf, word.len())
    }

    /// The key of the first `len` (1 to 16) bytes of `bytes`.
    #[inline(always)]
    const fn folded(bytes: [u8; 16], len: usize) -> Key {
        let lo = u64::from_le_bytes(first_eight(&bytes, 0));
        let hi = u64::from_le_bytes(first_eight(&bytes, 8));
        if len <= 8 {
            Key((lo | CASE_BITS) & low_bytes(len), 0)
        } else {
            Key(lo | CASE_BITS, (hi | CASE_BITS) & low_bytes(len - 8))
        }
    }

    /// Where the key sits in [`SLOTS`] under `multiplier`.
    #[inline(always)]
    const fn slot(self, multiplier: u64) -> usize {
        ((self.0 ^ self.1.rotate_left(29)).wrapping_mul(multiplier) >> (64 - SLOT_BITS)) as usize
    }
}

/// Eight bytes of `bytes` from `at`.
#[inline(always)]
const fn first_eight(bytes: &[u8; 16], at: usize) -> [u8; 8] {
    let mut out = [0u8; 8];
    let mut i = 0;
    while i < 8 {
        out[i] = bytes[at + i];
        i += 1;
    }
    out
}

/// A mask of the low `n` bytes of a `u64` (`n` from 1 to 8).
#[inline(always)]
const fn low_bytes(n: usize) -> u64 {
    u64::MAX >> (64 - 8 * n)
}

/// Slots of the hash table: a power of two, big enough for a multiplier
/// that puts every listed word in a slot of its own to be found quickly.
const SLOT_BITS: u32 = 10;

/// The keys of the listed words by number; number 0 gets a key no word
/// has (a word's key has zero bytes past its end).
static KEYS: [Key; COUNT + 1] = {
    let mut keys = [Key(u64::MAX, u64::MAX); COUNT + 1];
    let mut k = 0;
    while k < COUNT {
        keys[k + 1] = Key::of(WORDS[k].as_bytes());
        k += 1;
    }
    keys
};

/// A multiplier under which no two listed words share a slot (a perfect
/// hash), found at compile time: a lookup is then one probe, no loop.
const MULTIPLIER: u64 = {
    // The attempt that last filled each slot.
    let mut filled_by = [0u32; 1 << SLOT_BITS];
    let mut attempt = 1;
    let mut multiplier = 0x9e37_79b9_7f4a_7c15_u64;
    loop {
        assert!(attempt < 10_000, "no perfect multiplier: add slots");
        let mut k = 1;
        while k <= COUNT {
            let slot = KEYS[k].slot(multiplier);
            if filled_by[slot] == attempt {
                break;
            }
            filled_by[slot] = attempt;
            k += 1;
        }
        if k > COUNT {
            break multiplier;
        }
        attempt += 1;
        multiplier = multiplier.wrapping_add(0x6a09_e667_f3bc_c90a);
    }
};

/// For each slot, the number of the word in it, or 0.
static SLOTS: [u8; 1 << SLOT_BITS] = {
    let mut slots = [0u8; 1 << SLOT_BITS];
    let mut k = 1;
    while k <= COUNT {
        slots[KEYS[k].slot(MULTIPLIER)] = k as u8;
        k += 1;
    }
    slots
};

/// Byte equality, usable in constants.
#[inline]
const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut k = 0;
    while k < a.len() {
        if a[k] != b[k] {
            return false;
        }
        k += 1;
    }
    true
}

/// The number of `word`; panics (a compile error in a constant) when it is
/// not listed. For checks: `const THE: u8 = keywords::id("the");`.
pub const fn id(word: &str) -> u8 {
    let mut k = 0;
    while k < WORDS.len() {
        if same(WORDS[k].as_bytes(), word.as_bytes()) {
            return (k + 1) as u8;
        }
        k += 1;
    }
    panic!("not in text::keywords::WORDS")
}

/// The number of the word `text[start..end]` in any case (`The` is "the"),
/// or 0. The tokenizer asks for every word as it cuts it.
///
/// Why the whole text: the sixteen bytes from `start` are read at once
/// (bytes past the word are masked off), which the word alone, usually
/// shorter, does not allow.
#[inline(always)]
pub fn number_at(text: &[u8], start: usize, end: usize) -> u8 {
    let len = end - start;
    if len > LONGEST || len == 0 {
        return 0;
    }
    let bytes = match text[start..].first_chunk() {
        Some(&chunk) => chunk,
        None => {
            let mut buf = [0u8; 16];
            buf[..len].copy_from_slice(&text[start..end]);
            buf
        }
    };
    number_of_key(Key::folded(bytes, len))
}

/// [`number_at`] for a word of `len` bytes (1 to 8) read, with what
/// follows it, as the little-endian `chunk`: the tokenizer has just loaded
/// those bytes to find where the word ends.
#[inline(always)]
pub fn number_in_chunk(chunk: u64, len: usize) -> u8 {
    number_of_key(Key((chunk | CASE_BITS) & low_bytes(len), 0))
}

#[inline(always)]
fn number_of_key(key: Key) -> u8 {
    let n = SLOTS[key.slot(MULTIPLIER)];
    if KEYS[n as usize] == key {
        n
    } else {
        0
    }
}

/// A set of keyword numbers, for class tests ("a preposition"): a flag
/// per number.
///
/// Why a flag per number rather than a bit: the checks ask at nearly every
/// token, and one byte load answers where a bit costs a shift, a word load
/// and a mask.
#[derive(Clone, Copy)]
pub struct Set([bool; 256]);

impl Set {
    /// The set of `words`; each must be listed (a compile error otherwise).
    pub const fn of(words: &[&str]) -> Set {
        let mut flags = [false; 256];
        let mut k = 0;
        while k < words.len() {
            flags[id(words[k]) as usize] = true;
            k += 1;
        }
        Set(flags)
    }

    /// The words of both sets.
    pub const fn union(self, other: Set) -> Set {
        let (mut flags, mut n) = (self.0, 0);
        while n < flags.len() {
            flags[n] |= other.0[n];
            n += 1;
        }
        Set(flags)
    }

    /// Is keyword number `n` in the set? (0, "none", never is.)
    #[inline]
    pub fn contains(&self, n: u8) -> bool {
        self.0[n as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The number of `word` by walking the list, lowered.
    fn listed(word: &str) -> u8 {
        let lower = word.to_ascii_lowercase();
        WORDS
            .iter()
            .position(|w| *w == lower)
            .map_or(0, |k| k as u8 + 1)
    }

    /// [`number_at`] of `word` alone (read from a copy) and inside a text
    /// (read with the bytes that follow it).
    fn numbers(word: &str) -> [u8; 2] {
        let text = format!("{word} and more text after it");
        [
            number_at(word.as_bytes(), 0, word.len()),
            number_at(text.as_bytes(), 0, word.len()),
        ]
    }

    #[test]
    fn every_word_is_found_in_any_case_and_others_are_not() {
        for (k, w) in WORDS.iter().enumerate() {
            let n = k as u8 + 1;
            assert_eq!(numbers(w), [n, n], "{w}");
            assert_eq!(numbers(&w.to_ascii_uppercase()), [n, n], "{w}");
            assert_eq!(numbers(&crate::text::capitalise_first(w)), [n, n]);
            assert_eq!(id(w), n);
        }
        for w in [
            "",
            "x",
            "thee",
            "th",
            "ofs",
            "u.s.",
            "aboutt",
            "informations",
            "t\\he",
            "[he",
            "th@",
            "the\u{e9}",
            "throughouts",
            "memorandu",
            "memorandumm",
        ] {
            assert_eq!(numbers(w), [0, 0], "{w}");
        }
        // Every one- and two-byte ASCII word, and every word one byte away
        // from a listed one, agrees with a walk of the list.
        for a in 1..=127u8 {
            let one = (a as char).to_string();
            assert_eq!(numbers(&one), [listed(&one); 2], "{one:?}");
            for b in 1..=127u8 {
                let two = format!("{}{}", a as char, b as char);
                assert_eq!(numbers(&two), [listed(&two); 2], "{two:?}");
            }
        }
        for w in WORDS {
            for at in 0..w.len() {
                for b in 1..=127u8 {
                    let mut near = w.as_bytes().to_vec();
                    near[at] = b;
                    let near = String::from_utf8(near).expect("ASCII");
                    assert_eq!(numbers(&near), [listed(&near); 2], "{near:?}");
                }
            }
        }
        let mut sorted = WORDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), WORDS.len(), "a word listed twice");
        const S: Set = Set::of(&["the", "of"]);
        assert!(S.contains(id("the")) && S.contains(id("of")) && !S.contains(id("a")));
        assert!(!S.contains(0));
    }
}
