//! Embedded English lexicon: parts of speech, inflected forms, mass nouns,
//! titles and a/an choice.
//!
//! Why: calque's rules must tell "informations" (a mass noun pluralised)
//! from "meetings", a verb's past form from its base, "an FBI" from "a UN",
//! without an NLP dependency. The data comes from Harper's dictionary
//! (Apache-2.0) and CMUdict (BSD-style), flattened by
//! `scripts/gen_lexicon.py` into sorted text files under `rules/lexicon/`
//! (see `rules/lexicon/NOTICE`). They are embedded at compile time and parsed
//! once, on first use.
//!
//! Possessives ("Iran's") are not stored; [`Lexicon::lookup`] falls back to
//! the stem when the full form is unknown.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::OnceLock;

use crate::text::WordShapes;

/// Word forms and their flag letters, sorted by bytes (generated).
const WORDS_TSV: &str = include_str!("../../rules/lexicon/words.tsv");
/// Irregular noun plurals, `singular<TAB>plural` (generated).
const IRREGULAR_NOUNS_TSV: &str = include_str!("../../rules/lexicon/irregular_nouns.tsv");
/// Words whose article by sound differs from the spelling guess (generated).
const A_AN_TSV: &str = include_str!("../../rules/lexicon/a_an.tsv");

/// Bit flags describing a word form.
///
/// Why: one `u32` per form keeps the table small and lets a rule test several
/// properties at once; a form can be several things ("damages" is a plural
/// noun and a 3rd-person verb).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordInfo(pub u32);

impl WordInfo {
    /// Noun (common or proper).
    pub const NOUN: u32 = 1 << 0;
    /// Proper noun (Iran, Tehran); capitalised in the data.
    pub const PROPER: u32 = 1 << 1;
    /// Singular noun (also set on mass nouns, which take singular verbs).
    pub const SINGULAR: u32 = 1 << 2;
    /// Plural noun (regular -s forms and irregular plurals).
    pub const PLURAL: u32 = 1 << 3;
    /// Mass-only noun: no plural (information, equipment, advice, news).
    pub const MASS: u32 = 1 << 4;
    /// Noun that is both mass and countable (water, staff, damage).
    pub const MASS_COUNT: u32 = 1 << 5;
    /// Verb, any form.
    pub const VERB: u32 = 1 << 6;
    /// Verb base form / lemma (go, discuss).
    pub const VERB_BASE: u32 = 1 << 7;
    /// Simple past (went, discussed).
    pub const VERB_PAST: u32 = 1 << 8;
    /// Past participle (gone, discussed).
    pub const VERB_PAST_PART: u32 = 1 << 9;
    /// -ing form (going).
    pub const VERB_ING: u32 = 1 << 10;
    /// 3rd person singular present (goes).
    pub const VERB_3SG: u32 = 1 << 11;
    /// Adjective (including comparatives and superlatives).
    pub const ADJECTIVE: u32 = 1 << 12;
    /// Adverb.
    pub const ADVERB: u32 = 1 << 13;
    /// Determiner (the, this, their, some).
    pub const DETERMINER: u32 = 1 << 14;
    /// Preposition.
    pub const PREPOSITION: u32 = 1 << 15;
    /// Conjunction.
    pub const CONJUNCTION: u32 = 1 << 16;
    /// Pronoun.
    pub const PRONOUN: u32 = 1 << 17;
    /// Harper's `~` common-word flag (propagated to inflected forms).
    pub const COMMON: u32 = 1 << 18;
    /// Rank or office word (minister, president, general, spokesman...),
    /// singular and plural; a curated list in `scripts/gen_lexicon.py`.
    pub const TITLE: u32 = 1 << 19;
    /// Set on every form present in the lexicon, so a known word with no
    /// part of speech (Harper has some) still reads as known.
    pub const KNOWN: u32 = 1 << 31;

    /// True if all bits of `flag` are set (pass one constant, or several
    /// OR-ed together to require them all).
    pub fn has(self, flag: u32) -> bool {
        flag != 0 && self.0 & flag == flag
    }

    /// True if the word form is in the lexicon at all.
    pub fn is_known(self) -> bool {
        self.0 != 0
    }
}

/// Flag letters used in `words.tsv`, in bit order (must match
/// `CODES` in `scripts/gen_lexicon.py`).
const CODES: &[u8; 20] = b"NOspmwVbtTghJRDPCI~H";

/// Maps an ASCII flag letter to its bit; built at compile time so parsing
/// is a table lookup per byte.
const CODE_BITS: [u32; 128] = {
    let mut t = [0u32; 128];
    let mut i = 0;
    while i < CODES.len() {
        t[CODES[i] as usize] = 1 << i;
        i += 1;
    }
    t
};

/// Indefinite article for a following word.
///
/// Why: "a"/"an" follows sound, not spelling; `Either` marks words with
/// two accepted pronunciations (herb) so rules stay silent on them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Article {
    /// "a" (consonant sound: a user, a one-day, a UN).
    A,
    /// "an" (vowel sound: an hour, an FBI, an 8-year-old).
    An,
    /// Both are in use (herb).
    Either,
}

/// Word classes a rule pattern can ask for by name.
///
/// Why: rule files refer to classes as strings ("mass-noun"); this enum is
/// the parsed, checked form used with [`Lexicon::is`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WordClass {
    /// Any noun.
    Noun,
    /// Singular noun (mass nouns included).
    NounSingular,
    /// Plural noun.
    NounPlural,
    /// Proper noun.
    ProperNoun,
    /// Mass-only noun ([`WordInfo::MASS`]; not mass+count nouns).
    MassNoun,
    /// Any verb form.
    Verb,
    /// Simple past or past participle.
    VerbPast,
    /// -ing form.
    VerbIng,
    /// 3rd person singular present.
    Verb3sg,
    /// Adjective.
    Adjective,
    /// Adverb.
    Adverb,
    /// Determiner.
    Determiner,
    /// Preposition.
    Preposition,
    /// Conjunction.
    Conjunction,
    /// Pronoun.
    Pronoun,
    /// Rank or office word.
    Title,
}

impl WordClass {
    /// The flags a word must carry (any of them) to be in this class.
    fn any_of(self) -> u32 {
        match self {
            WordClass::Noun => WordInfo::NOUN,
            WordClass::NounSingular => WordInfo::SINGULAR,
            WordClass::NounPlural => WordInfo::PLURAL,
            WordClass::ProperNoun => WordInfo::PROPER,
            WordClass::MassNoun => WordInfo::MASS,
            WordClass::Verb => WordInfo::VERB,
            WordClass::VerbPast => WordInfo::VERB_PAST | WordInfo::VERB_PAST_PART,
            WordClass::VerbIng => WordInfo::VERB_ING,
            WordClass::Verb3sg => WordInfo::VERB_3SG,
            WordClass::Adjective => WordInfo::ADJECTIVE,
            WordClass::Adverb => WordInfo::ADVERB,
            WordClass::Determiner => WordInfo::DETERMINER,
            WordClass::Preposition => WordInfo::PREPOSITION,
            WordClass::Conjunction => WordInfo::CONJUNCTION,
            WordClass::Pronoun => WordInfo::PRONOUN,
            WordClass::Title => WordInfo::TITLE,
        }
    }
}

impl FromStr for WordClass {
    type Err = String;

    /// Parses the kebab-case names used in rule files ("mass-noun").
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "noun" => WordClass::Noun,
            "noun-singular" => WordClass::NounSingular,
            "noun-plural" => WordClass::NounPlural,
            "proper-noun" => WordClass::ProperNoun,
            "mass-noun" => WordClass::MassNoun,
            "verb" => WordClass::Verb,
            "verb-past" => WordClass::VerbPast,
            "verb-ing" => WordClass::VerbIng,
            "verb-3sg" => WordClass::Verb3sg,
            "adjective" => WordClass::Adjective,
            "adverb" => WordClass::Adverb,
            "determiner" => WordClass::Determiner,
            "preposition" => WordClass::Preposition,
            "conjunction" => WordClass::Conjunction,
            "pronoun" => WordClass::Pronoun,
            "title" => WordClass::Title,
            other => return Err(format!("unknown word class {other:?}")),
        })
    }
}

/// The parsed lexicon. Obtain it with [`lexicon()`].
///
/// Why private fields: the storage (sorted vectors searched by binary
/// search, borrowing the embedded text) can change without touching callers.
pub struct Lexicon {
    /// Body of `words.tsv` (header comments cut off): lines sorted by
    /// bytes, searched in place, so start-up costs nothing for 100k forms.
    words: &'static str,
    /// Irregular plural -> singular (lowercase).
    irregular_singular: HashMap<&'static str, &'static str>,
    /// Irregular singular -> plural (lowercase).
    irregular_plural: HashMap<&'static str, &'static str>,
    /// a/an exceptions by sound, by word (lowercase): a hash probe, not a
    /// binary search of string comparisons, for each word after "a"/"an".
    a_an: rustc_hash::FxHashMap<&'static str, Article>,
    /// The shapes of the `a_an` words: most words are no exception, and
    /// a bit test says so before the binary search.
    a_an_shapes: WordShapes,
}

/// The shared lexicon, parsed on first use (a few milliseconds) and kept
/// for the life of the process.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::parse)
}

/// Non-comment lines of an embedded table.
fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The text after the leading `#` comment lines.
fn skip_header(text: &'static str) -> &'static str {
    let mut rest = text;
    while rest.starts_with('#') {
        rest = rest.split_once('\n').map_or("", |(_, r)| r);
    }
    rest
}

/// Binary search over sorted `form<TAB>flags` lines without an index.
///
/// Why: building a 100k-entry vector at start-up took 3-5 ms; searching the
/// embedded text directly costs ~17 probes per lookup and no start-up time.
/// Invariant: `lo` and `hi` are line starts; lines before `lo` sort below
/// `key`, lines from `hi` on sort above it.
fn find_line(text: &'static str, key: &str) -> Option<&'static str> {
    let bytes = text.as_bytes();
    let (mut lo, mut hi) = (0, bytes.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = bytes[lo..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(lo, |p| lo + p + 1);
        let end = bytes[start..hi]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(hi, |p| start + p);
        let line = &text[start..end];
        let (form, flags) = line.split_once('\t').unwrap_or((line, ""));
        match form.cmp(key) {
            std::cmp::Ordering::Equal => return Some(flags),
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    None
}

/// Decodes a flag-letter field into bits (unknown letters are ignored).
fn decode_flags(field: &str) -> u32 {
    field.bytes().fold(WordInfo::KNOWN, |acc, b| {
        acc | CODE_BITS.get(b as usize).copied().unwrap_or(0)
    })
}

/// Case shape of a word, so a derived form can be given the same shape.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CaseShape {
    Lower,
    Capitalised,
    Upper,
}

impl CaseShape {
    /// Shape of `word` ("Informations" -> Capitalised, "NGOS" -> Upper).
    fn of(word: &str) -> CaseShape {
        let upper = word.chars().filter(|c| c.is_uppercase()).count();
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        if letters > 1 && upper == letters {
            CaseShape::Upper
        } else if word.chars().next().is_some_and(char::is_uppercase) {
            CaseShape::Capitalised
        } else {
            CaseShape::Lower
        }
    }

    /// Applies the shape to a lowercase word.
    fn apply(self, lower: &str) -> String {
        match self {
            CaseShape::Lower => lower.to_string(),
            CaseShape::Upper => lower.to_uppercase(),
            CaseShape::Capitalised => crate::text::capitalise_first(lower),
        }
    }
}

/// Replaces the typographic apostrophe with the ASCII one used in the data.
fn normalise_apostrophe(word: &str) -> std::borrow::Cow<'_, str> {
    if word.contains('\u{2019}') {
        std::borrow::Cow::Owned(word.replace('\u{2019}', "'"))
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// All-caps (or dotted) tokens said as words, with their article, where the
/// general rule below would get them wrong or is unsure.
const WORD_ACRONYMS: &[(&str, Article)] = &[
    ("AIDS", Article::An),
    ("ASEAN", Article::An),
    ("COVID", Article::A),
    ("MiG", Article::A),
    ("FIFA", Article::A),
    ("ICE", Article::An),
    ("IRNA", Article::An),
    ("ISNA", Article::An),
    ("NAFTA", Article::A),
    ("NASA", Article::A),
    ("NATO", Article::A),
    ("OPEC", Article::An),
    ("SWIFT", Article::A),
    ("UEFA", Article::A),
    ("UNAMA", Article::A),
    ("UNESCO", Article::A),
    ("UNICEF", Article::A),
    ("UNIFIL", Article::A),
    ("UNITA", Article::A),
    ("UNRWA", Article::An),
];

/// Pronounceable-looking initialisms that are nevertheless spelled out.
const LETTER_ACRONYMS: &[&str] = &["NIGC", "NIOC", "NITC", "NIORDC", "OIEC"];

/// Letters whose English name starts with a vowel sound (eff, aitch, ell...).
fn letter_takes_an(c: char) -> bool {
    matches!(
        c.to_ascii_lowercase(),
        'a' | 'e' | 'f' | 'h' | 'i' | 'l' | 'm' | 'n' | 'o' | 'r' | 's' | 'x'
    )
}

/// Article for a letter read by its name.
fn by_letter(c: char) -> Article {
    if letter_takes_an(c) {
        Article::An
    } else {
        Article::A
    }
}

/// Article for a number written in digits, by how it is read aloud:
/// "an 8", "an 80", "an 800", "an 8,000", "an 11", "an 18,000", "an 1800s"
/// (4-digit 11xx/18xx read "eleven/eighteen hundred"), otherwise "a".
fn article_for_number(token: &str) -> Article {
    let num: String = token
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .collect();
    let digits_only: String = num.chars().filter(char::is_ascii_digit).collect();
    let lead: &str = if let Some((first, _)) = num.split_once(',') {
        first
    } else if digits_only.len() == 4 && (num.starts_with("11") || num.starts_with("18")) {
        return Article::An;
    } else {
        let n = digits_only.len();
        let lead_len = match n % 3 {
            0 => 3.min(n),
            r => r,
        };
        &num[..lead_len]
    };
    if lead.starts_with('8') || lead == "11" || lead == "18" {
        Article::An
    } else {
        Article::A
    }
}

/// True if a 4+ letter all-caps token looks sayable as a word (NATO, IRNA,
/// ASEAN, SWIFT) rather than spelled out (IAEA, IRGC, FATF, UNHCR): at most
/// two vowels in a row, a valid English onset and coda, and no more than
/// three consonants in a row inside.
fn pronounceable(lower: &str) -> bool {
    const ONSETS: &[&str] = &[
        "bl", "br", "ch", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "kh", "kn", "pl", "pr", "ph",
        "sc", "sh", "sk", "sl", "sm", "sn", "sp", "st", "sw", "th", "tr", "tw", "wh", "wr", "str",
        "spr", "scr", "thr", "shr",
    ];
    const CODAS: &[&str] = &[
        "nt", "nd", "ns", "nk", "ng", "st", "sk", "sp", "ft", "ct", "pt", "rt", "rd", "rn", "rm",
        "rs", "rk", "rl", "ld", "lt", "lk", "lm", "ls", "mp", "ms", "ts", "ps", "ks", "ds", "th",
        "sh", "ch", "ck", "ss", "ll", "ff", "cs",
    ];
    let is_vowel =
        |i: usize, c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u') || (c == b'y' && i > 0);
    let bytes = lower.as_bytes();
    if !bytes.iter().enumerate().any(|(i, &c)| is_vowel(i, c)) {
        return false;
    }
    // Split into alternating runs of consonants and vowels.
    let mut runs: Vec<(bool, &str)> = Vec::new();
    let mut start = 0;
    for i in 1..=bytes.len() {
        if i == bytes.len() || is_vowel(i, bytes[i]) != is_vowel(start, bytes[start]) {
            runs.push((is_vowel(start, bytes[start]), &lower[start..i]));
            start = i;
        }
    }
    let last = runs.len() - 1;
    runs.iter().enumerate().all(|(k, &(vowel, run))| {
        if vowel {
            run.len() <= 2
        } else if run.len() == 1 {
            true
        } else if k == 0 {
            ONSETS.contains(&run)
        } else if k == last {
            CODAS.contains(&run)
        } else {
            run.len() <= 3
        }
    })
}

impl Lexicon {
    /// Parses the embedded tables. Called once through [`lexicon()`].
    fn parse() -> Lexicon {
        let words = skip_header(WORDS_TSV);

        let mut irregular_singular = HashMap::new();
        let mut irregular_plural = HashMap::new();
        for line in data_lines(IRREGULAR_NOUNS_TSV) {
            if let Some((singular, plural)) = line.split_once('\t') {
                irregular_plural.insert(singular, plural);
                irregular_singular.entry(plural).or_insert(singular);
            }
        }

        let mut a_an = Vec::new();
        for line in data_lines(A_AN_TSV) {
            if let Some((word, article)) = line.split_once('\t') {
                let article = match article {
                    "an" => Article::An,
                    "either" => Article::Either,
                    _ => Article::A,
                };
                a_an.push((word, article));
            }
        }
        debug_assert!(
            a_an.windows(2).all(|w| w[0].0 < w[1].0),
            "a_an.tsv must be sorted, each word once"
        );

        let a_an_shapes = WordShapes::new(a_an.iter().map(|(w, _)| w.as_bytes()));
        let a_an = a_an.into_iter().collect();
        Lexicon {
            words,
            irregular_singular,
            irregular_plural,
            a_an,
            a_an_shapes,
        }
    }

    /// Flags of the exact form, or 0.
    fn exact(&self, form: &str) -> u32 {
        find_line(self.words, form).map_or(0, decode_flags)
    }

    /// Flags for `word`, matched case-insensitively.
    ///
    /// Order: the exact spelling first (so "US" is the country, "us" the
    /// pronoun); a capitalised word also gets the lowercase word's flags,
    /// because at the start of a sentence "May" may be the verb; then the
    /// ASCII-lowercase form ("THE"); then the capitalised form ("IRAN",
    /// "iran" -> Iran); finally an unknown possessive ("Iran's",
    /// "ministers'") reads as its stem. A curly apostrophe is read as `'`.
    /// Unknown words
    /// give `WordInfo(0)`.
    pub fn lookup(&self, word: &str) -> WordInfo {
        // The grammar checks look words up at every token, and the binary
        // search over the embedded text (with its case variants and
        // allocations) costs about a microsecond: a per-thread cache of
        // answers makes the repeats (most words) a hash lookup. Bounded, so
        // a long stream of unknown words cannot grow it without limit.
        const CACHE_MAX: usize = 1 << 16;
        thread_local! {
            static CACHE: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, WordInfo>> =
                std::cell::RefCell::new(rustc_hash::FxHashMap::default());
        }
        if let Some(info) = CACHE.with(|c| c.borrow().get(word).copied()) {
            return info;
        }
        let info = self.lookup_uncached(word);
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if c.len() < CACHE_MAX {
                c.insert(word.into(), info);
            }
        });
        info
    }

    fn lookup_uncached(&self, word: &str) -> WordInfo {
        let word = normalise_apostrophe(word);
        let word = word.as_ref();
        let exact = self.exact(word);
        let shape = CaseShape::of(word);
        let lower = word.to_ascii_lowercase();
        if exact != 0 {
            if shape == CaseShape::Capitalised && lower != word {
                return WordInfo(exact | self.exact(&lower));
            }
            return WordInfo(exact);
        }
        if lower != word {
            let flags = self.exact(&lower);
            if flags != 0 {
                return WordInfo(flags);
            }
        }
        let cap = crate::text::capitalise_first(&lower);
        if cap != word {
            let flags = self.exact(&cap);
            if flags != 0 {
                return WordInfo(flags);
            }
        }
        // Possessives are not stored: "Iran's" and "ministers'" read as
        // their stems.
        match word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("s'").map(|_| &word[..word.len() - 1]))
        {
            Some(stem) if !stem.is_empty() => self.lookup(stem),
            _ => WordInfo(0),
        }
    }

    /// True if `word` belongs to `class` (see [`WordClass`]).
    pub fn is(&self, word: &str, class: WordClass) -> bool {
        let info = self.lookup(word);
        let wanted = class.any_of();
        let noun_needed = matches!(class, WordClass::NounSingular | WordClass::NounPlural);
        info.0 & wanted != 0 && (!noun_needed || info.has(WordInfo::NOUN))
    }

    /// Singular of a plural noun, or `None` if `plural` is not a plural.
    ///
    /// Uses Harper's irregular table ("children" -> "child"), then strips
    /// -ies/-ves/-es/-s and keeps the first candidate the lexicon knows as a
    /// singular or mass noun. Works for plurals the lexicon does not contain
    /// ("informations" -> "information", "researches" -> "research"), which
    /// is what the mass-noun rules need. A known singular ("news", "glass")
    /// gives `None`; a noun that is its own plural ("sheep") gives itself.
    /// The result copies the input's case shape.
    pub fn singular_of(&self, plural: &str) -> Option<String> {
        let plural = normalise_apostrophe(plural);
        let shape = CaseShape::of(&plural);
        let lower = plural.to_lowercase();
        if let Some(s) = self.irregular_singular.get(lower.as_str()) {
            return Some(shape.apply(s));
        }
        let info = self.lookup(&lower);
        if info.has(WordInfo::NOUN) {
            if info.has(WordInfo::PLURAL | WordInfo::SINGULAR) {
                return Some(shape.apply(&lower));
            }
            if !info.has(WordInfo::PLURAL) {
                return None;
            }
        }
        let is_singular_noun = |w: &str| {
            let i = self.lookup(w);
            i.has(WordInfo::NOUN)
                && i.0 & (WordInfo::SINGULAR | WordInfo::MASS | WordInfo::MASS_COUNT) != 0
        };
        let mut candidates: Vec<String> = Vec::with_capacity(4);
        if let Some(stem) = lower.strip_suffix("ies").filter(|s| s.len() > 1) {
            candidates.push(format!("{stem}y"));
        }
        if let Some(stem) = lower.strip_suffix("ves") {
            candidates.push(format!("{stem}f"));
            candidates.push(format!("{stem}fe"));
        }
        let es_stem = lower.strip_suffix("es").filter(|s| !s.is_empty());
        let s_stem = lower
            .strip_suffix('s')
            .filter(|s| !s.is_empty() && !s.ends_with('s'));
        let sibilant = ["ses", "xes", "zes", "ches", "shes", "oes"]
            .iter()
            .any(|e| lower.ends_with(e));
        if sibilant {
            candidates.extend(es_stem.map(str::to_string));
            candidates.extend(s_stem.map(str::to_string));
        } else {
            candidates.extend(s_stem.map(str::to_string));
            candidates.extend(es_stem.map(str::to_string));
        }
        candidates
            .into_iter()
            .find(|c| is_singular_noun(c))
            .map(|c| shape.apply(&c))
    }

    /// The irregular plurals that [`Lexicon::singular_of`] maps to
    /// `singular` ("children" for "child"), lowercase.
    pub fn irregular_plurals_of<'a>(
        &'a self,
        singular: &'a str,
    ) -> impl Iterator<Item = &'static str> + 'a {
        self.irregular_singular
            .iter()
            .filter(move |(_, s)| **s == singular)
            .map(|(p, _)| *p)
    }

    /// Plural of a countable noun as the lexicon attests it, or `None`.
    ///
    /// Why "attested": a mass-only noun (information) has no plural, and a
    /// guessed plural of an unknown word would put invented words into fixes.
    /// Uses the irregular table first ("child" -> "children"); a noun that is
    /// its own plural ("sheep") gives itself. Copies the input's case shape.
    pub fn plural_of(&self, singular: &str) -> Option<String> {
        let singular = normalise_apostrophe(singular);
        let shape = CaseShape::of(&singular);
        let lower = singular.to_lowercase();
        if let Some(p) = self.irregular_plural.get(lower.as_str()) {
            return Some(shape.apply(p));
        }
        let info = self.lookup(&lower);
        if !info.has(WordInfo::NOUN) {
            return None;
        }
        if info.has(WordInfo::PLURAL) {
            return info.has(WordInfo::SINGULAR).then(|| shape.apply(&lower));
        }
        let mut candidates = Vec::with_capacity(4);
        let bytes = lower.as_bytes();
        if lower.ends_with('y') && bytes.len() > 1 && !b"aeiou".contains(&bytes[bytes.len() - 2]) {
            candidates.push(format!("{}ies", &lower[..lower.len() - 1]));
        }
        if ["s", "x", "z", "ch", "sh", "o"]
            .iter()
            .any(|e| lower.ends_with(e))
        {
            candidates.push(format!("{lower}es"));
        }
        if let Some(stem) = lower.strip_suffix("fe").or_else(|| lower.strip_suffix('f')) {
            candidates.push(format!("{stem}ves"));
        }
        candidates.push(format!("{lower}s"));
        candidates.into_iter().find_map(|c| {
            let i = self.lookup(&c);
            (i.has(WordInfo::NOUN | WordInfo::PLURAL) && !i.has(WordInfo::MASS))
                .then(|| shape.apply(&c))
        })
    }

    /// "a" or "an" for `word`, by sound.
    ///
    /// Rules, in order:
    /// - leading quotes, brackets and currency signs are skipped ("$8" is
    ///   read "eight"); a hyphenated or possessive word is judged by its
    ///   first part ("one-day", "hour-long", "8-year-old", "X-ray");
    /// - digits are read as numbers: 8, 80, 800, 8,000, 11, 18, 18,000 and
    ///   4-digit 11xx/18xx (said "eleven/eighteen hundred") take "an";
    /// - a single letter or a dotted initialism ("U.S.") is read by its
    ///   letter name: an F, an H, an M, an S, an X, a U;
    /// - an all-caps token (a plural "s" allowed: "NGOs") is read letter by
    ///   letter (an FBI, an MBA, a UN, an NGO, an IAEA, an IRGC) unless it is
    ///   in a short list of acronyms said as words (a NATO, an OPEC, an
    ///   UNRWA), or it is an all-caps common word of 3+ letters (ONE, HOUR),
    ///   or it has 4+ letters and looks sayable: at most two vowels in a row,
    ///   a valid English onset and coda (IRNA, ASEAN, SWIFT);
    /// - 1-3 capitals followed by digits are read by letter (an F35, a G7);
    ///   mixed-case initialisms of 2-4 letters with 2+ capitals (MoD, PhD)
    ///   are read letter by letter (a MiG is listed as a word);
    /// - otherwise the CMUdict exceptions decide (an hour, an honest, a
    ///   university, a one, a European, a user, either for herb), then the
    ///   two prefix rules (uni- as in unicode takes "a" unless un+i-;
    ///   x + consonant as in xterm takes "an"), then the first letter: a
    ///   vowel letter takes "an".
    pub fn article_for(&self, word: &str) -> Article {
        // Most words are plain lowercase words of two letters or more: none
        // of the rules before the last applies to them (no quote, digit,
        // hyphen, stop or capital; not a single letter).
        if word.len() >= 2 && word.bytes().all(|b| b.is_ascii_lowercase()) {
            return self.article_for_word(word);
        }
        // Next come capitalised words ("Iranian"): one capital, then
        // lowercase ASCII letters. None is a listed acronym (each has two
        // capitals or more), none is read letter by letter, so only the
        // last rule applies, to the word in lower case.
        let bytes = word.as_bytes();
        if bytes.len() >= 2
            && bytes[0].is_ascii_uppercase()
            && bytes[1..].iter().all(u8::is_ascii_lowercase)
        {
            return self.article_for_word(&word.to_ascii_lowercase());
        }
        let word = normalise_apostrophe(word);
        let trimmed = word.trim_start_matches(|c: char| !c.is_alphanumeric());
        let first = trimmed
            .split(|c: char| {
                c == '-'
                    || c == '\u{2013}'
                    || c == '\u{2014}'
                    || c == '/'
                    || c == '\''
                    || c.is_whitespace()
            })
            .next()
            .unwrap_or("");
        let first = first.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
        let Some(c0) = first.chars().next() else {
            return Article::A;
        };
        if c0.is_ascii_digit() {
            return article_for_number(first);
        }
        if let Some(&(_, article)) = WORD_ACRONYMS.iter().find(|(w, _)| *w == first) {
            return article;
        }
        // Capitals followed by digits are read letter by letter: an F35,
        // an M16, a G7, an A320, an MH17.
        let caps_lead = first.bytes().take_while(u8::is_ascii_uppercase).count();
        if (1..=3).contains(&caps_lead)
            && first
                .as_bytes()
                .get(caps_lead)
                .is_some_and(u8::is_ascii_digit)
        {
            return by_letter(c0);
        }
        // Dotted initialisms: U.S., U.N., F.B.I.
        if first.contains('.') {
            let letters: String = first.chars().filter(|c| *c != '.').collect();
            if letters.chars().count() <= 5 && first.trim_end_matches('.').contains('.')
                || letters.chars().count() == 1
            {
                return by_letter(c0);
            }
        }
        let first = first.trim_end_matches('.');
        let letters = first.chars().count();
        if letters == 1 {
            return by_letter(c0);
        }
        // All caps, with an optional plural "s" (NGOs, MPs).
        let core = first
            .strip_suffix('s')
            .filter(|c| c.len() >= 2)
            .unwrap_or(first);
        if core.chars().all(|c| c.is_ascii_uppercase()) {
            if let Some(article) = self.article_for_caps(core) {
                return article;
            }
            return self.article_for_word(&first.to_ascii_lowercase());
        }
        let capitals = first.chars().filter(char::is_ascii_uppercase).count();
        if (2..=4).contains(&letters) && capitals >= 2 && c0.is_ascii_uppercase() {
            return by_letter(c0);
        }
        self.article_for_word(&first.to_lowercase())
    }

    /// Article for an all-caps token if it is read letter by letter or is a
    /// listed acronym; `None` if it is said as a word.
    fn article_for_caps(&self, caps: &str) -> Option<Article> {
        if let Some(&(_, article)) = WORD_ACRONYMS.iter().find(|(w, _)| *w == caps) {
            return Some(article);
        }
        let c0 = caps.chars().next()?;
        let by_letter = by_letter(c0);
        if LETTER_ACRONYMS.contains(&caps) || caps.len() <= 2 {
            return Some(by_letter);
        }
        let lower = caps.to_ascii_lowercase();
        if self.exact(caps) != 0 {
            // Harper lists it in capitals: an initialism or a name.
            return if caps.len() >= 4 && pronounceable(&lower) {
                None
            } else {
                Some(by_letter)
            };
        }
        if self.exact(&lower) & WordInfo::COMMON != 0 {
            return None; // ONE, HOUR in an all-caps headline
        }
        if caps.len() >= 4 && pronounceable(&lower) {
            None
        } else {
            Some(by_letter)
        }
    }

    /// Article for a lowercase word said as a word.
    fn article_for_word(&self, lower: &str) -> Article {
        if self.a_an_shapes.may_hold(lower.as_bytes()) {
            if let Some(&article) = self.a_an.get(lower) {
                return article;
            }
        }
        // Prefixes said with a "y" sound that CMUdict may lack in rarer words.
        if matches!(lower.as_bytes().first(), Some(b'e' | b'u'))
            && [
                "eu", "ewe", "ukr", "uran", "usu", "uten", "utop", "ubiq", "uigh", "uygh",
            ]
            .iter()
            .any(|p| lower.starts_with(p))
        {
            return Article::A;
        }
        let bytes = lower.as_bytes();
        // uni- said "you-ni" (unicode, unify) unless it is un- + i- (unidentified,
        // unimportant, uninformed).
        if lower.starts_with("uni") && !matches!(bytes.get(3), Some(b'n' | b'm' | b'd') | None) {
            return Article::A;
        }
        // x + consonant is the letter name: an xterm, an x-axis.
        if bytes.first() == Some(&b'x') && bytes.get(1).is_some_and(|b| !b"aeiouy".contains(b)) {
            return Article::An;
        }
        match lower.chars().next() {
            Some('a' | 'e' | 'i' | 'o' | 'u') => Article::An,
            _ => Article::A,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lx() -> &'static Lexicon {
        lexicon()
    }

    #[test]
    fn parses_and_is_sorted() {
        let forms: Vec<&str> = data_lines(WORDS_TSV)
            .map(|l| l.split_once('\t').map_or(l, |(f, _)| f))
            .collect();
        assert!(forms.len() > 90_000);
        // find_line relies on byte order and unique forms.
        assert!(forms.windows(2).all(|w| w[0] < w[1]));
        // Every stored form is found, first and last included.
        for f in forms
            .iter()
            .step_by(97)
            .chain([forms[0], forms[forms.len() - 1]].iter())
        {
            assert!(lx().exact(f) & WordInfo::KNOWN != 0, "{f}");
        }
        assert_eq!(lx().exact(""), 0);
        assert_eq!(lx().exact("zzzzzzzz"), 0);
        assert_eq!(lx().exact("\u{0}"), 0);
    }

    #[test]
    fn nouns_verbs_adjectives() {
        let l = lx();
        assert!(l.is("meeting", WordClass::Noun));
        assert!(l.is("meetings", WordClass::NounPlural));
        assert!(l.is("minister", WordClass::NounSingular));
        assert!(l.is("discuss", WordClass::Verb));
        assert!(l.lookup("discuss").has(WordInfo::VERB_BASE));
        assert!(l.is("discussed", WordClass::VerbPast));
        assert!(l.lookup("discussed").has(WordInfo::VERB_PAST_PART));
        assert!(l.is("discussing", WordClass::VerbIng));
        assert!(l.is("discusses", WordClass::Verb3sg));
        assert!(l.is("went", WordClass::VerbPast));
        assert!(l.lookup("gone").has(WordInfo::VERB_PAST_PART));
        assert!(l.is("emphasized", WordClass::VerbPast));
        assert!(l.is("important", WordClass::Adjective));
        assert!(l.is("quickly", WordClass::Adverb));
        assert!(l.is("the", WordClass::Determiner));
        assert!(l.is("of", WordClass::Preposition));
        assert!(l.is("and", WordClass::Conjunction));
        assert!(l.is("they", WordClass::Pronoun));
        assert!(l.lookup("the").has(WordInfo::COMMON));
        assert!(!l.is("quickly", WordClass::Noun));
        assert!(!l.lookup("xqzv").is_known());
        assert_eq!(l.lookup("xqzv"), WordInfo(0));
    }

    #[test]
    fn case_and_apostrophes() {
        let l = lx();
        assert!(l.is("The", WordClass::Determiner));
        assert!(l.is("THE", WordClass::Determiner));
        assert!(l.is("US", WordClass::ProperNoun));
        assert!(!l.is("us", WordClass::ProperNoun));
        assert!(l.is("us", WordClass::Pronoun));
        // Sentence-initial "May" keeps the verb reading too.
        assert!(l.is("May", WordClass::ProperNoun) && l.is("May", WordClass::Verb));
        assert!(l.lookup("don\u{2019}t").is_known());
        assert_eq!(l.lookup("don\u{2019}t"), l.lookup("don't"));
        assert!(l.is("Iran\u{2019}s", WordClass::ProperNoun));
        assert!(l.is("ministers'", WordClass::NounPlural));
    }

    #[test]
    fn proper_nouns() {
        let l = lx();
        assert!(l.is("Iran", WordClass::ProperNoun));
        assert!(l.is("Tehran", WordClass::ProperNoun));
        assert!(l.is("IRAN", WordClass::ProperNoun));
        assert!(l.is("iran", WordClass::ProperNoun));
        assert!(!l.is("water", WordClass::ProperNoun));
    }

    #[test]
    fn mass_nouns() {
        let l = lx();
        for w in [
            "information",
            "equipment",
            "advice",
            "news",
            "research",
            "furniture",
        ] {
            assert!(l.is(w, WordClass::MassNoun), "{w}");
        }
        // Harper: mass and countable.
        for w in ["water", "staff", "damage"] {
            let i = l.lookup(w);
            assert!(i.has(WordInfo::MASS_COUNT) && !i.has(WordInfo::MASS), "{w}");
        }
        assert!(!l.lookup("informations").is_known());
        assert!(!l.is("news", WordClass::NounPlural));
        // "researches" is the verb, not a noun plural.
        assert!(l.is("researches", WordClass::Verb3sg));
        assert!(!l.is("researches", WordClass::NounPlural));
        assert!(l.is("damages", WordClass::NounPlural));
    }

    #[test]
    fn singular_and_plural() {
        let l = lx();
        let s = |w: &str| l.singular_of(w);
        assert_eq!(s("informations").as_deref(), Some("information"));
        assert_eq!(s("equipments").as_deref(), Some("equipment"));
        assert_eq!(s("advices").as_deref(), Some("advice"));
        assert_eq!(s("researches").as_deref(), Some("research"));
        assert_eq!(s("Informations").as_deref(), Some("Information"));
        assert_eq!(s("children").as_deref(), Some("child"));
        assert_eq!(s("crises").as_deref(), Some("crisis"));
        assert_eq!(s("policies").as_deref(), Some("policy"));
        assert_eq!(s("taxes").as_deref(), Some("tax"));
        assert_eq!(s("houses").as_deref(), Some("house"));
        assert_eq!(s("ministers").as_deref(), Some("minister"));
        assert_eq!(s("wolves").as_deref(), Some("wolf"));
        assert_eq!(s("sheep").as_deref(), Some("sheep"));
        assert_eq!(s("news"), None);
        assert_eq!(s("glass"), None);
        let p = |w: &str| l.plural_of(w);
        assert_eq!(p("child").as_deref(), Some("children"));
        assert_eq!(p("minister").as_deref(), Some("ministers"));
        assert_eq!(p("policy").as_deref(), Some("policies"));
        assert_eq!(p("tax").as_deref(), Some("taxes"));
        assert_eq!(p("water").as_deref(), Some("waters"));
        assert_eq!(p("spokesman").as_deref(), Some("spokesmen"));
        assert_eq!(p("information"), None);
        assert_eq!(p("advice"), None);
        assert_eq!(p("research"), None);
        assert_eq!(p("children"), None);
        assert_eq!(p("quickly"), None);
    }

    #[test]
    fn titles() {
        let l = lx();
        for w in [
            "minister",
            "president",
            "general",
            "colonel",
            "commander",
            "chief",
            "head",
            "director",
            "spokesman",
            "ambassador",
            "secretary",
            "governor",
            "ministers",
            "Minister",
        ] {
            assert!(l.is(w, WordClass::Title), "{w}");
        }
        assert!(!l.is("reporter", WordClass::Title));
    }

    #[test]
    fn word_class_names() {
        for (name, class) in [
            ("noun", WordClass::Noun),
            ("noun-singular", WordClass::NounSingular),
            ("noun-plural", WordClass::NounPlural),
            ("proper-noun", WordClass::ProperNoun),
            ("mass-noun", WordClass::MassNoun),
            ("verb", WordClass::Verb),
            ("verb-past", WordClass::VerbPast),
            ("verb-ing", WordClass::VerbIng),
            ("verb-3sg", WordClass::Verb3sg),
            ("adjective", WordClass::Adjective),
            ("adverb", WordClass::Adverb),
            ("determiner", WordClass::Determiner),
            ("preposition", WordClass::Preposition),
            ("conjunction", WordClass::Conjunction),
            ("pronoun", WordClass::Pronoun),
            ("title", WordClass::Title),
        ] {
            assert_eq!(name.parse::<WordClass>(), Ok(class));
        }
        assert!("nouns".parse::<WordClass>().is_err());
    }

    #[test]
    fn articles() {
        let l = lx();
        let cases = [
            ("hour", Article::An),
            ("Hour", Article::An),
            ("honest", Article::An),
            ("heir", Article::An),
            ("university", Article::A),
            ("one", Article::A),
            ("European", Article::A),
            ("Iranian", Article::An),
            ("Ukrainian", Article::A),
            ("Honest", Article::An),
            ("Unicode", Article::A),
            ("unique", Article::A),
            ("user", Article::A),
            ("herb", Article::Either),
            ("apple", Article::An),
            ("banana", Article::A),
            ("umbrella", Article::An),
            ("FBI", Article::An),
            ("MBA", Article::An),
            ("UN", Article::A),
            ("U.S.", Article::A),
            ("EU", Article::An),
            ("NGO", Article::An),
            ("NGOs", Article::An),
            ("NATO", Article::A),
            ("IAEA", Article::An),
            ("IRGC", Article::An),
            ("UNHCR", Article::A),
            ("IRNA", Article::An),
            ("OPEC", Article::An),
            ("SWIFT", Article::A),
            ("HIV", Article::An),
            ("MoD", Article::An),
            ("ONE", Article::A),
            ("HOUR", Article::An),
            ("8", Article::An),
            ("8-year-old", Article::An),
            ("11", Article::An),
            ("18", Article::An),
            ("80", Article::An),
            ("800", Article::An),
            ("8,000", Article::An),
            ("18,000", Article::An),
            ("11-member", Article::An),
            ("100", Article::A),
            ("110", Article::A),
            ("1,800", Article::A),
            ("1990", Article::A),
            ("$8", Article::An),
            ("one-day", Article::A),
            ("hour-long", Article::An),
            ("X-ray", Article::An),
            ("U-turn", Article::A),
            ("F-16", Article::An),
            ("F35", Article::An),
            ("G7", Article::A),
            ("MiG-29", Article::A),
            ("unicode", Article::A),
            ("unidentified", Article::An),
            ("uninformed", Article::An),
            ("xterm", Article::An),
            ("\u{201c}honest", Article::An),
            ("hour\u{2019}s", Article::An),
        ];
        for (w, want) in cases {
            assert_eq!(l.article_for(w), want, "{w}");
        }
    }

    #[test]
    fn number_reading() {
        assert_eq!(article_for_number("11000"), Article::An);
        assert_eq!(article_for_number("800000"), Article::An);
        assert_eq!(article_for_number("1800"), Article::An);
        assert_eq!(article_for_number("2011"), Article::A);
        assert_eq!(article_for_number("8th"), Article::An);
    }

    #[test]
    fn sayable_acronyms() {
        for w in ["nato", "irna", "asean", "swift", "aids", "opec"] {
            assert!(pronounceable(w), "{w}");
        }
        for w in ["iaea", "irgc", "fatf", "unhcr", "kcna", "lgbt"] {
            assert!(!pronounceable(w), "{w}");
        }
    }
}
