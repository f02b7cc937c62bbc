//! The words the grammar checks look for at nearly every token, numbered.
//!
//! Why: each grammar check scans every token for a few words ("the", "of",
//! a preposition, "has"). A string comparison costs a dozen instructions
//! and a word list more, and seven checks pay it at every token.
//! [`Document::keyword`](super::Document::keyword) numbers each token once,
//! with one probe of a table built at compile time, and a check's test
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

/// Slots in the lookup table: a power of two, a few times the word count,
/// so most misses stop at an empty slot.
const SLOTS: usize = 512;

/// Where the search for `word` starts in [`TABLE`].
#[inline]
const fn hash(word: &[u8]) -> usize {
    let n = word.len();
    if n == 0 {
        return 0;
    }
    let (first, last) = (word[0] as usize, word[n - 1] as usize);
    (first * 31 + last * 7 + n * 131) % SLOTS
}

/// Open addressing with linear probing: each slot holds a word's number
/// or 0 for empty.
static TABLE: [u8; SLOTS] = {
    let mut table = [0u8; SLOTS];
    let mut k = 0;
    while k < WORDS.len() {
        let mut h = hash(WORDS[k].as_bytes());
        while table[h] != 0 {
            h = (h + 1) % SLOTS;
        }
        table[h] = (k + 1) as u8;
        k += 1;
    }
    table
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

/// The number of a lowered token, or 0.
#[inline]
pub fn lookup(word: &[u8]) -> u8 {
    let mut h = hash(word);
    loop {
        let n = TABLE[h];
        // The words are short: a byte loop beats a call to `memcmp`.
        if n == 0 || same(WORDS[n as usize - 1].as_bytes(), word) {
            return n;
        }
        h = (h + 1) % SLOTS;
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

    #[test]
    fn every_word_is_found_and_others_are_not() {
        for (k, w) in WORDS.iter().enumerate() {
            assert_eq!(lookup(w.as_bytes()), k as u8 + 1, "{w}");
            assert_eq!(id(w), k as u8 + 1);
        }
        for w in [
            "",
            "x",
            "thee",
            "ofs",
            "The",
            "u.s.",
            "aboutt",
            "informations",
        ] {
            assert_eq!(lookup(w.as_bytes()), 0, "{w}");
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
