//! Mass nouns used as countable: "informations", "equipments", "advices",
//! "researches" as a noun, "an information", "a news", "many damages" →
//! "much damage", "a great deal of damages" → "damage".
//!
//! A plural is flagged when the lexicon does not know it as a noun and its
//! singular is a mass-only noun. Plurals English does use (damages in court,
//! territorial waters, armed forces, arms, talks, relations, efforts,
//! resources, troops, authorities, sanctions, developments...) are known
//! plural nouns in the lexicon or listed below, and stay silent. A plural that
//! is also a verb ("researches", "evidences") is flagged only in a noun's
//! place: after a determiner or an adjective.

use super::common::{is_possessive, WordList};
use super::{Check, CheckHit};
use crate::lexicon::{lexicon, WordInfo};
use crate::text::capitalise_first;
use crate::text::{keywords, Document, WordShapes};
use rustc_hash::FxHashSet;
use std::sync::OnceLock;

/// Plurals that are English whatever the lexicon says.
static ALLOWED_PLURALS: WordList = WordList::new(&[
    "damages",
    "waters",
    "forces",
    "arms",
    "talks",
    "relations",
    "efforts",
    "activities",
    "resources",
    "troops",
    "authorities",
    "sanctions",
    "goods",
    "funds",
    "savings",
    "earnings",
    "proceeds",
    "remains",
    "premises",
    "means",
    "works",
    "customs",
    "quarters",
    "grounds",
    "papers",
    "spirits",
    "times",
    "securities",
    "assets",
    "sands",
    "rains",
    "winds",
    "frictions",
    "infrastructures",
    "moneys",
    "monies",
    "peoples",
    "staffs",
    "fish",
    "fruits",
    "wines",
    "teas",
    "coffees",
    "breads",
    "cheeses",
    "steels",
    "oils",
    "gases",
    "fuels",
    "metals",
]);

/// Mass nouns that never take "a/an" as the head of their phrase.
static NEVER_WITH_A: WordList = WordList::new(&[
    "information",
    "advice",
    "equipment",
    "furniture",
    "news",
    "evidence",
    "luggage",
    "baggage",
    "homework",
    "feedback",
    "progress",
    "machinery",
    "software",
    "hardware",
    "assistance",
    "cooperation",
    "permission",
    "research",
    "knowhow",
    "know-how",
    "scenery",
    "garbage",
    "rubbish",
    "clothing",
    "jewellery",
    "jewelry",
]);

/// Mass-noun plurals that are also verbs ("she researches"): flagged only
/// in a noun's place. Other verb forms ("respects", "rents") are left alone.
static VERB_PLURALS: WordList = WordList::new(&["researches", "evidences", "progresses"]);

/// Mass nouns whose plural is not English. The lexicon's mass flag alone
/// is too broad ("coverages", "arrhythmias" are used as plurals), so a
/// plural is flagged only when its singular is here and is a mass noun in
/// the lexicon.
static MASS_ONLY: WordList = WordList::new(&[
    "information",
    "equipment",
    "advice",
    "furniture",
    "luggage",
    "baggage",
    "knowledge",
    "research",
    "evidence",
    "homework",
    "cooperation",
    "assistance",
    "participation",
    "machinery",
    "software",
    "hardware",
    "progress",
    "jewellery",
    "jewelry",
    "scenery",
    "garbage",
    "rubbish",
    "clothing",
    "legislation",
    "expertise",
    "livestock",
    "weaponry",
    "ammunition",
    "artillery",
    "violence",
    "terrorism",
    "corruption",
    "harassment",
    "tourism",
    "agriculture",
    "transportation",
    "wealth",
    "welfare",
    "poverty",
    "unemployment",
    "news",
    "mail",
    "information",
    "guidance",
    "vandalism",
    "hospitality",
    "courage",
    "bravery",
    "music",
    "applause",
    "traffic",
    "stuff",
    "maintenance",
]);

/// Every plural whose singular [`Lexicon::singular_of`] can find in
/// [`MASS_ONLY`]: the word plus -s or -es, -y as -ies, -f/-fe as -ves, and
/// the irregular plurals. Built on first use.
///
/// Why: most words ending in "s" ("is", "was", "this", "talks") are no such
/// plural, and `singular_of` tries several stems in the lexicon, with an
/// allocation each, to say so. A lowercase ASCII word outside this set can
/// never be flagged as a mass plural, so it skips that work; the shapes of
/// the set's words turn most of those away before the word is hashed.
///
/// [`Lexicon::singular_of`]: crate::lexicon::Lexicon::singular_of
struct MassPlurals {
    shapes: WordShapes,
    /// For each byte, bit `len.min(63)` is set when a word of the set has
    /// that length and that byte second to last.
    ///
    /// Why: every word asked about ends in "s", and many share a first
    /// byte and a length with some mass plural; the byte before the "s"
    /// turns many of those away before the hash ("talks").
    before_last: [u64; 256],
    words: FxHashSet<Vec<u8>>,
}

impl MassPlurals {
    fn get() -> &'static MassPlurals {
        static SET: OnceLock<MassPlurals> = OnceLock::new();
        SET.get_or_init(|| {
            let lex = lexicon();
            let mut set = FxHashSet::default();
            for m in MASS_ONLY.iter() {
                set.insert(format!("{m}s"));
                set.insert(format!("{m}es"));
                if let Some(stem) = m.strip_suffix('y') {
                    set.insert(format!("{stem}ies"));
                }
                if let Some(stem) = m.strip_suffix("fe").or_else(|| m.strip_suffix('f')) {
                    set.insert(format!("{stem}ves"));
                }
                set.extend(lex.irregular_plurals_of(m).map(str::to_string));
            }
            let mut before_last = [0u64; 256];
            for w in &set {
                if let Some(b) = second_to_last(w.as_bytes()) {
                    before_last[b as usize] |= length_bit(w.as_bytes());
                }
            }
            MassPlurals {
                shapes: WordShapes::new(set.iter().map(|w| w.as_bytes())),
                before_last,
                words: set.into_iter().map(String::into_bytes).collect(),
            }
        })
    }

    #[inline]
    fn contains(&self, word: &[u8]) -> bool {
        self.shapes.may_hold(word) && self.may_end(word) && self.words.contains(word)
    }

    /// Can `word` be in the set, by its length and its byte second to
    /// last? (Never false for a word of the set; a word of one byte or
    /// none passes.)
    #[inline]
    fn may_end(&self, word: &[u8]) -> bool {
        second_to_last(word).is_none_or(|b| self.before_last[b as usize] & length_bit(word) != 0)
    }

    /// Can lowercase `word`, ending in "s" and not after "a"/"an", be
    /// flagged? Only "damages", the mass plurals and non-ASCII words.
    ///
    /// Why not inlined: it runs at one token in eight or so, and inlined
    /// its hashing crowds the registers of the walk over every token.
    #[inline(never)]
    fn may_flag(&self, word: &[u8]) -> bool {
        self.contains(word) || word == b"damages" || !word.is_ascii()
    }
}

fn second_to_last(word: &[u8]) -> Option<u8> {
    word.len().checked_sub(2).map(|k| word[k])
}

fn length_bit(word: &[u8]) -> u64 {
    1 << word.len().min(63)
}

/// Words that make the next word a noun.
static NOUN_SLOT: WordList = WordList::new(&[
    "the",
    "these",
    "those",
    "many",
    "several",
    "various",
    "numerous",
    "such",
    "some",
    "further",
    "other",
    "their",
    "his",
    "her",
    "its",
    "our",
    "your",
    "my",
    "any",
    "all",
    "few",
    "more",
    "new",
    "recent",
    "scientific",
    "extensive",
    "joint",
]);

/// Words before "damages" that show physical harm, not money awarded.
static HARM: WordList = WordList::new(&[
    "many",
    "heavy",
    "serious",
    "severe",
    "extensive",
    "considerable",
    "widespread",
    "huge",
    "material",
    "great",
    "massive",
    "major",
]);

pub struct UncountablePlural;

impl Check for UncountablePlural {
    /// One flat walk over the document's tokens, not sentence by sentence.
    ///
    /// Why: each token only needs its keyword number (was the word before
    /// it "a"/"an"?) and its last byte (a final "s"); nearly every token
    /// fails both, and the sentence is looked up only for those that pass.
    fn run(&self, doc: &Document, out: &mut Vec<CheckHit>) {
        const A: u8 = keywords::id("a");
        const AN: u8 = keywords::id("an");
        let keyword = doc.keywords();
        let lower = doc.lower_text().as_bytes();
        let mass_plurals = MassPlurals::get();
        let mut article = false;
        for (i, (t, &k)) in doc.tokens().iter().zip(keyword).enumerate() {
            // Each test needs "a"/"an" before, "damages" or a mass plural
            // (non-ASCII words take the long way).
            let after_article = std::mem::replace(&mut article, matches!(k, A | AN));
            if after_article
                || lower[t.end - 1] == b's' && mass_plurals.may_flag(&lower[t.start..t.end])
            {
                examine(doc, i, after_article, out);
            }
        }
    }
}

/// The tests at token `i`, which follows "a"/"an" (`after_article`, in
/// any sentence) or ends in "s".
#[inline(never)]
fn examine(doc: &Document, i: usize, after_article: bool, out: &mut Vec<CheckHit>) {
    let Some(s) = doc.sentence_holding(i) else {
        return; // a token no sentence holds: none is checked
    };
    // "a"/"an" only counts in the same sentence.
    let after_a = after_article && i != s.tokens.start;
    let lex = lexicon();
    let mass_plurals = MassPlurals::get();
    if after_article && !after_a {
        // The "a"/"an" ended the sentence before: the word goes on only
        // as the walk lets words through without one ("damages", the mass
        // plurals, non-ASCII words), a test it skipped after an article.
        let w = doc.lower_bytes(i);
        if w.last() != Some(&b's') || !mass_plurals.may_flag(w) {
            return;
        }
    }
    if !doc.is_lower_word(i) && i != s.tokens.start {
        return;
    }
    let word = doc.token_lower(i);
    let prev = (i > s.tokens.start).then(|| doc.token_lower(i - 1));
    // "an information", "a news" as the head of the phrase.
    if after_a && NEVER_WITH_A.contains(&word) {
        let next_is_noun = i + 1 < s.tokens.end && {
            let f = doc.word_info(i + 1);
            doc.token(i + 1).is_word()
                && (f.has(WordInfo::NOUN) || doc.is_capitalised(i + 1))
                && doc.token_lower(i + 1) != "of"
        };
        if !next_is_noun && !doc.token_text(i).contains('-') {
            let a = i - 1;
            out.push(CheckHit {
                start: doc.token(a).start,
                end: doc.token(i).end,
                replacements: vec![
                    doc.token_text(i).to_string(),
                    format!("a piece of {}", doc.token_text(i)),
                ],
                message: Some(format!("“{word}” is uncountable: it takes no “a”")),
            });
        }
        return;
    }
    if word == "damages" {
        let harm = prev.is_some_and(|p| HARM.contains(&p))
            || (i >= s.tokens.start + 3
                && doc.token_lower(i - 1) == "of"
                && doc.token_lower(i - 2) == "deal");
        if harm {
            push_singular(doc, i, "damage", prev == Some("many"), out);
        }
        return;
    }
    if !word.ends_with('s') || ALLOWED_PLURALS.contains(&word) {
        return;
    }
    // Non-ASCII words take the long way: Unicode lowering in
    // `singular_of` can turn them into ASCII.
    if word.is_ascii() && !mass_plurals.contains(word.as_bytes()) {
        return;
    }
    let flags = lex.lookup(word);
    if flags.has(WordInfo::NOUN) {
        return; // a plural the lexicon knows: "developments"
    }
    let Some(singular) = lex.singular_of(word) else {
        return;
    };
    let sg = lex.lookup(&singular);
    if !sg.has(WordInfo::MASS) || singular == word || !MASS_ONLY.contains(&singular.as_str()) {
        return;
    }
    if flags.has(WordInfo::VERB) && !VERB_PLURALS.contains(&word) {
        return;
    }
    if flags.has(WordInfo::VERB) {
        // "researches" is also a verb: only in a noun's place.
        let noun_slot = prev.is_some_and(|p| {
            NOUN_SLOT.contains(&p)
                || is_possessive(doc.token_text(i - 1))
                || (doc.is_lower_word(i - 1) && {
                    let pi = doc.word_info(i - 1);
                    pi.has(WordInfo::ADJECTIVE)
                        && !pi.has(WordInfo::VERB)
                        && !pi.has(WordInfo::NOUN)
                        && !pi.has(WordInfo::ADVERB)
                })
        });
        if !noun_slot {
            return;
        }
    }
    push_singular(doc, i, &singular, prev == Some("many"), out);
}

/// Flag token `i` with its singular; "many X" becomes "much X".
fn push_singular(doc: &Document, i: usize, singular: &str, many: bool, out: &mut Vec<CheckHit>) {
    let written = doc.token_text(i);
    let singular = if written.chars().next().is_some_and(char::is_uppercase) {
        capitalise_first(singular)
    } else {
        singular.to_string()
    };
    let (start, replacement) = if many {
        (doc.token(i - 1).start, format!("much {singular}"))
    } else {
        (doc.token(i).start, singular.clone())
    };
    out.push(CheckHit {
        start,
        end: doc.token(i).end,
        replacements: vec![replacement],
        message: Some(format!(
            "“{singular}” is uncountable in English: no plural “{written}”"
        )),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(text: &str) -> Vec<(String, String)> {
        let doc = Document::new(text);
        let mut out = Vec::new();
        UncountablePlural.run(&doc, &mut out);
        out.into_iter()
            .map(|h| (text[h.start..h.end].to_string(), h.replacements[0].clone()))
            .collect()
    }

    #[test]
    fn mass_plurals() {
        assert_eq!(
            hits("They shared informations and equipments."),
            [
                ("informations".into(), "information".into()),
                ("equipments".into(), "equipment".into())
            ]
        );
        assert_eq!(
            hits("The flood caused many damages."),
            [("many damages".into(), "much damage".into())]
        );
        assert_eq!(
            hits("Their researches show a rise."),
            [("researches".into(), "research".into())]
        );
        assert_eq!(
            hits("He gave an information to police."),
            [("an information".into(), "information".into())]
        );
    }

    #[test]
    fn english_plurals_and_verbs() {
        assert!(hits("She researches the history of the region.").is_empty());
        assert!(hits("The court awarded damages to the family.").is_empty());
        assert!(hits("Armed forces entered territorial waters.").is_empty());
        assert!(hits("Talks on relations and sanctions resumed.").is_empty());
        assert!(hits("He spoke at a news conference.").is_empty());
    }

    /// The filters before the hash never turn away a word of the set, and
    /// the byte before the "s" turns away common plurals.
    #[test]
    fn mass_plural_filters_keep_every_member() {
        let set = MassPlurals::get();
        for w in &set.words {
            assert!(set.contains(w), "{}", String::from_utf8_lossy(w));
        }
        assert!(set.contains(b"informations"));
        for w in ["problems", "is", "s", "", "this"] {
            assert!(!set.contains(w.as_bytes()), "{w}");
        }
        assert!(!set.may_end(b"talks"));
    }

    /// The walk runs over the whole document: "a" at the end of one
    /// sentence does not reach the first word of the next, and a later
    /// sentence is checked like the first.
    #[test]
    fn sentences_are_kept_apart() {
        assert!(hits("He wrote a. Information came later.").is_empty());
        assert_eq!(
            hits("It rained. Police gave an information. They shared informations."),
            [
                ("an information".into(), "information".into()),
                ("informations".into(), "information".into())
            ]
        );
    }
}
