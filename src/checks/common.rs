//! Helpers shared by the grammar checks: word lists and token tests.

use crate::lexicon::{lexicon, WordInfo};
use crate::text::{Document, Sentence};

/// Prepositions after which a bare singular noun phrase is suspicious.
/// "as", "like", "than" and "of" are left out on purpose: "as head of",
/// "like glue", "a lot of" take bare nouns.
pub static PREPOSITIONS: WordList = WordList::new(&[
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
]);

/// Words that fill the determiner slot of a noun phrase.
pub static DETERMINERS: WordList = WordList::new(&[
    "a", "an", "the", "this", "that", "these", "those", "my", "your", "his", "her", "its", "our",
    "their", "some", "any", "no", "every", "each", "either", "neither", "another", "such", "what",
    "which", "whose", "whatever", "all", "both", "half", "many", "much", "more", "most", "few",
    "several", "enough", "own", "one", "two", "three",
]);

pub fn is_determiner(word: &str) -> bool {
    DETERMINERS.contains(&word)
}

pub fn is_preposition(word: &str) -> bool {
    PREPOSITIONS.contains(&word)
}

/// Is the sentence a headline or a label: no final stop and at most ten
/// words? Headlines drop articles by design, so article checks skip them.
pub fn looks_like_heading(doc: &Document, s: &Sentence) -> bool {
    let last = s.tokens.end - 1;
    let mut j = last;
    // Closing quotes or brackets after the stop.
    while j > s.tokens.start && matches!(doc.token_text(j), "”" | "\"" | "’" | "'" | ")") {
        j -= 1;
    }
    let stop = matches!(doc.token_text(j), "." | "!" | "?" | ":" | "…" | "...")
        || doc.token(j).kind == crate::text::TokenKind::Abbrev;
    if stop {
        return false;
    }
    let words = (s.tokens.start..s.tokens.end)
        .filter(|&i| doc.token(i).is_word())
        .count();
    words <= 10
}

/// Is the whole sentence in capitals (a wire-service slug or headline)?
pub fn all_caps_sentence(doc: &Document, s: &Sentence) -> bool {
    let mut letters = 0;
    for i in s.tokens.clone() {
        if doc.token(i).is_word() {
            let t = doc.token_text(i);
            if t.chars().any(char::is_lowercase) {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

/// Lexicon flags of token `i` (0 for punctuation and numbers).
pub fn info(doc: &Document, i: usize) -> WordInfo {
    if !doc.token(i).is_word() {
        return WordInfo(0);
    }
    lexicon().lookup(doc.token_text(i))
}

/// Is token `i` a lowercase word (first letter)?
pub fn is_lower_word(doc: &Document, i: usize) -> bool {
    doc.token(i).is_word()
        && doc
            .token_text(i)
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
}

/// Does the token end in a possessive ('s, s')?
pub fn is_possessive(word: &str) -> bool {
    let w = word.replace('\u{2019}', "'");
    w.ends_with("'s") || w.ends_with("s'")
}

/// A fixed word list that answers `contains` with one hash lookup.
///
/// The checks test most tokens against several lists; a linear scan of a
/// slice costs a string comparison per entry, which dominated their run
/// time. The set is built on first use.
pub struct WordList {
    words: &'static [&'static str],
    set: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>>,
}

impl WordList {
    pub const fn new(words: &'static [&'static str]) -> WordList {
        WordList {
            words,
            set: std::sync::OnceLock::new(),
        }
    }

    /// Is `word` in the list (exact spelling)?
    pub fn contains<S: AsRef<str> + ?Sized>(&self, word: &S) -> bool {
        self.set
            .get_or_init(|| self.words.iter().copied().collect())
            .contains(word.as_ref())
    }
}

impl std::ops::Deref for WordList {
    type Target = [&'static str];
    fn deref(&self) -> &[&'static str] {
        self.words
    }
}
