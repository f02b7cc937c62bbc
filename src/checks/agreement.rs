//! Number agreement in the shapes translated copy gets wrong:
//!
//! - a plural subject with a singular verb: "the two sides has", "the
//!   Sino-French relations has" (only a plain subject: determiner,
//!   adjectives, plural noun, then has/is/was/does, at the start of a clause;
//!   "the number of countries has" and "one of the sides has" are English);
//! - "heads of states" → "heads of state";
//! - "two third" → "two-thirds";
//! - "one of the most important issue" → "issues".

use super::common::{is_possessive, WordList};
use super::{Check, CheckHit};
use crate::lexicon::{lexicon, WordInfo};
use crate::text::keywords::{self, Set};
use crate::text::Document;

/// Plurals that take a singular verb or are names of fields.
static SINGULAR_PLURALS: WordList = WordList::new(&[
    "news",
    "means",
    "series",
    "species",
    "headquarters",
    "politics",
    "economics",
    "physics",
    "mathematics",
    "athletics",
    "statistics",
    "ethics",
    "logistics",
    "gymnastics",
    "data",
    "media",
    "crossroads",
    "whereabouts",
    "aerobics",
    "diabetes",
    "measles",
    "billiards",
    "gallows",
    "barracks",
    "works",
    "olympics",
    "paralympics",
    "games",
    "states",
    "nations",
]);

/// Words that open a clause, after which a subject may start.
static CLAUSE_OPENERS: WordList = WordList::new(&[
    "that", "but", "while", "because", "since", "when", "if", "whereas", "although", "though",
    "so", ";", ":", ",",
]);

/// Determiners a plain plural subject starts with.
static PLURAL_DETERMINERS: WordList = WordList::new(&[
    "the", "these", "those", "both", "two", "three", "four", "five", "many", "several", "their",
    "our", "its", "his", "her",
]);

/// Collective nouns: "one of the family" is English.
static COLLECTIVE: WordList = WordList::new(&[
    "family",
    "team",
    "group",
    "crowd",
    "staff",
    "public",
    "party",
    "club",
    "crew",
    "squad",
    "household",
    "lot",
    "band",
    "class",
    "gang",
    "company",
    "audience",
    "committee",
    "best",
    "few",
    "same",
]);

/// Countable nouns that "all" makes plural ("in all sectors").
static ALL_PLURAL: WordList = WordList::new(&[
    "sector", "area", "field", "region", "country", "province", "city", "side", "level", "aspect",
    "member", "nation", "sphere", "domain",
]);

static NUMBERS: WordList = WordList::new(&[
    "two", "three", "four", "five", "six", "seven", "eight", "nine",
]);
const FRACTIONS: &[(&str, &str)] = &[
    ("third", "thirds"),
    ("fourth", "fourths"),
    ("fifth", "fifths"),
    ("sixth", "sixths"),
    ("seventh", "sevenths"),
    ("eighth", "eighths"),
    ("ninth", "ninths"),
    ("tenth", "tenths"),
];

pub struct Agreement;

impl Check for Agreement {
    /// One walk over the document's keyword numbers; the sentence is looked
    /// up only at a word that starts a test.
    ///
    /// Why: one byte test per token rejects nearly all of them, and the
    /// test words are told apart by their numbers, not their spellings.
    fn run(&self, doc: &Document, out: &mut Vec<CheckHit>) {
        for (i, &k) in doc.keywords().iter().enumerate() {
            if STARTS.contains(k) {
                from_start_word(doc, i, k, out);
            }
        }
    }
}

const HEADS: u8 = keywords::id("heads");
const ALL: u8 = keywords::id("all");
const OTHERS: u8 = keywords::id("others");
const ONE: u8 = keywords::id("one");
/// "two" to "nine", before a fraction ("two third").
const NUMBER_WORDS: Set = Set::of(&[
    "two", "three", "four", "five", "six", "seven", "eight", "nine",
]);
/// The verbs a plain plural subject may come before.
const VERBS: Set = Set::of(&["has", "is", "was", "does"]);
/// Every test starts from one of these words.
const STARTS: Set = Set::of(&["heads", "all", "others", "one"])
    .union(NUMBER_WORDS)
    .union(VERBS);

/// The tests that start at token `i`, whose keyword number is `k` (one of
/// [`STARTS`]).
#[inline(never)]
fn from_start_word(doc: &Document, i: usize, k: u8, out: &mut Vec<CheckHit>) {
    let Some(s) = doc.sentence_holding(i) else {
        return; // a token no sentence holds: none is checked
    };
    let (a, b) = (s.tokens.start, s.tokens.end);
    // heads of states / governments
    if k == HEADS && i + 2 < b && doc.token_lower(i + 1) == "of" {
        let t = doc.token_lower(i + 2);
        let next_noun = i + 3 < b
            && doc.word_info(i + 3).has(WordInfo::NOUN)
            && !doc.word_info(i + 3).has(WordInfo::VERB)
            && doc.is_lower_word(i + 3);
        if matches!(t, "states" | "governments") && !next_noun {
            let sg = &doc.token_text(i + 2)[..t.len() - 1];
            out.push(hit(
                doc,
                i + 2,
                i + 2,
                sg.to_string(),
                "“heads of state” keeps “state” singular",
            ));
        }
    }
    // two third -> two-thirds
    if NUMBER_WORDS.contains(k) && i + 1 < b {
        let f = doc.token_lower(i + 1);
        if let Some(&(_, pl)) = FRACTIONS.iter().find(|(sg, _)| *sg == f) {
            let after = i + 2 < b && doc.token(i + 2).is_word() && doc.token_lower(i + 2) != "of";
            if !after && doc.token(i + 1).space_before {
                let rep = format!("{}-{pl}", doc.token_text(i));
                out.push(hit(
                    doc,
                    i,
                    i + 1,
                    rep,
                    "a fraction above one is plural and hyphenated",
                ));
            }
        }
    }
    // "in all sector" → "all sectors"
    if k == ALL && i + 1 < b {
        let t = doc.token_lower(i + 1);
        let next_noun = i + 2 < b
            && doc.is_lower_word(i + 2)
            && doc.word_info(i + 2).has(WordInfo::NOUN)
            && !doc.word_info(i + 2).has(WordInfo::PREPOSITION);
        if ALL_PLURAL.contains(&t) && doc.is_lower_word(i + 1) && !next_noun {
            if let Some(pl) = lexicon().plural_of(doc.token_text(i + 1)) {
                out.push(hit(
                    doc,
                    i + 1,
                    i + 1,
                    pl,
                    "after “all” a countable noun is plural",
                ));
            }
        }
    }
    // "others spheres" → "other spheres"
    if k == OTHERS && i + 1 < b && doc.is_lower_word(i + 1) {
        let f = doc.word_info(i + 1);
        // "in tourism and others spheres"; a verb reading
        // ("others claims") is ruled out only after and/or/a
        // preposition, where no subject can start.
        let after_list = i > a
            && matches!(
                doc.token_lower(i - 1),
                "and" | "or" | "in" | "of" | "with" | "to" | "for" | "on"
            );
        if f.has(WordInfo::NOUN | WordInfo::PLURAL) && (!f.has(WordInfo::VERB) || after_list) {
            let rep = if doc.token_text(i).starts_with('O') {
                "Other"
            } else {
                "other"
            };
            out.push(hit(
                doc,
                i,
                i,
                rep.to_string(),
                "before a noun, “others” is “other”",
            ));
        }
    }
    if k == ONE {
        one_of_the(doc, i, b, out);
    }
    if VERBS.contains(k) {
        plural_subject(doc, a, i, out);
    }
}

fn hit(doc: &Document, first: usize, last: usize, rep: String, msg: &str) -> CheckHit {
    CheckHit {
        start: doc.token(first).start,
        end: doc.token(last).end,
        replacements: vec![rep],
        message: Some(msg.to_string()),
    }
}

/// "one of the most important issue" → "issues".
fn one_of_the(doc: &Document, i: usize, end: usize, out: &mut Vec<CheckHit>) {
    if i + 3 >= end || doc.token_lower(i + 1) != "of" {
        return;
    }
    if !matches!(
        doc.token_lower(i + 2),
        "the" | "its" | "their" | "our" | "his" | "her" | "these" | "those" | "my" | "your"
    ) {
        return;
    }
    let mut j = i + 3;
    let mut modifiers = 0;
    while j < end && doc.is_lower_word(j) {
        let t = doc.token_lower(j);
        let f = doc.word_info(j);
        if is_possessive(t) || !f.is_known() {
            return;
        }
        let adj = f.has(WordInfo::ADJECTIVE) && !f.has(WordInfo::NOUN)
            || matches!(t, "most" | "more")
            || f.has(WordInfo::ADVERB) && !f.has(WordInfo::NOUN) && t.ends_with("ly");
        if adj {
            modifiers += 1;
            j += 1;
            continue;
        }
        break;
    }
    if modifiers == 0 || j >= end || !doc.is_lower_word(j) {
        return;
    }
    let noun = doc.token_lower(j);
    let f = doc.word_info(j);
    let countable_singular = f.has(WordInfo::NOUN | WordInfo::SINGULAR)
        && !f.has(WordInfo::PLURAL)
        && f.0 & (WordInfo::MASS | WordInfo::MASS_COUNT | WordInfo::ADJECTIVE | WordInfo::VERB_ING)
            == 0;
    if !countable_singular || COLLECTIVE.contains(&noun) || noun.contains('-') {
        return;
    }
    // The head noun ends the phrase: what follows is not another noun.
    if j + 1 < end {
        let n = doc.word_info(j + 1);
        if doc.token(j + 1).is_word()
            && (n.has(WordInfo::NOUN) && !n.has(WordInfo::VERB) && !n.has(WordInfo::PREPOSITION)
                || doc.is_capitalised(j + 1))
        {
            return;
        }
    }
    let Some(plural) = lexicon().plural_of(doc.token_text(j)) else {
        return;
    };
    out.push(hit(
        doc,
        j,
        j,
        plural,
        "after “one of the …” the noun is plural",
    ));
}

/// A plain plural subject right before has/is/was/does (token `v`).
fn plural_subject(doc: &Document, start: usize, v: usize, out: &mut Vec<CheckHit>) {
    if v < start + 2 {
        return;
    }
    let n = v - 1;
    let noun = doc.token_lower(n);
    if !doc.is_lower_word(n) || SINGULAR_PLURALS.contains(&noun) || is_possessive(noun) {
        return;
    }
    let f = doc.word_info(n);
    if !f.has(WordInfo::NOUN | WordInfo::PLURAL)
        || f.has(WordInfo::SINGULAR)
        || f.has(WordInfo::MASS)
    {
        return;
    }
    // Walk back over adjectives to the determiner.
    let mut j = n;
    while j > start {
        let k = j - 1;
        let t = doc.token_lower(k);
        if NUMBERS.contains(&t)
            && k > start
            && matches!(
                doc.token_lower(k - 1),
                "the" | "these" | "those" | "all" | "their" | "our"
            )
        {
            j = k;
            continue;
        }
        if PLURAL_DETERMINERS.contains(&t) {
            // The subject starts here: a clause must start right before it.
            let opens = k == start || CLAUSE_OPENERS.contains(&doc.token_lower(k - 1));
            if !opens {
                return;
            }
            // "as the sides is" is unlikely, but "such as the talks is" is not a subject.
            if k > start && doc.token_lower(k - 1) == "as" {
                return;
            }
            let verb = doc.token_text(v);
            let rep = match verb.to_ascii_lowercase().as_str() {
                "has" => "have",
                "is" => "are",
                "was" => "were",
                _ => "do",
            };
            out.push(CheckHit {
                start: doc.token(v).start,
                end: doc.token(v).end,
                replacements: vec![rep.to_string()],
                message: Some(format!(
                    "the plural subject “{}” takes “{rep}”",
                    &doc.text()[doc.token(k).start..doc.token(n).end]
                )),
            });
            return;
        }
        let fk = doc.word_info(k);
        let adjective = doc.token(k).is_word()
            && (fk.has(WordInfo::ADJECTIVE) && !fk.has(WordInfo::NOUN)
                || doc.token_text(k).contains('-') && doc.is_capitalised(k));
        if !adjective || n - k > 4 {
            return;
        }
        j = k;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(text: &str) -> Vec<(String, String)> {
        let doc = Document::new(text);
        let mut out = Vec::new();
        Agreement.run(&doc, &mut out);
        out.into_iter()
            .map(|h| (text[h.start..h.end].to_string(), h.replacements[0].clone()))
            .collect()
    }

    #[test]
    fn plural_subjects() {
        assert_eq!(
            hits("The two sides has agreed."),
            [("has".into(), "have".into())]
        );
        assert_eq!(
            hits("He said that the Sino-French relations has grown."),
            [("has".into(), "have".into())]
        );
        assert_eq!(hits("The number of sides has grown.").len(), 0);
        assert_eq!(hits("One of the sides has agreed.").len(), 0);
        assert_eq!(hits("The news is good and the series was long.").len(), 0);
    }

    /// The start words are found by number in any sentence and any case,
    /// and each test still stops at its sentence's end.
    #[test]
    fn start_words_by_number() {
        assert_eq!(
            hits("It rained. Two third of members voted."),
            [("Two third".into(), "Two-thirds".into())]
        );
        assert_eq!(
            hits("Rain fell. The two sides has agreed."),
            [("has".into(), "have".into())]
        );
        assert!(hits("They met all. Sector leaders came.").is_empty());
    }

    #[test]
    fn fixed_shapes() {
        assert_eq!(
            hits("Some 95 heads of states came."),
            [("states".into(), "state".into())]
        );
        assert_eq!(
            hits("More than two third of members voted."),
            [("two third".into(), "two-thirds".into())]
        );
        assert_eq!(
            hits("It is one of the most important issue in the region."),
            [("issue".into(), "issues".into())]
        );
        assert!(hits("She is one of the family. It is one of the best.").is_empty());
        assert!(hits("The heads of state met. Two thirds voted.").is_empty());
        assert_eq!(
            hits("Work is under way in all sector."),
            [("sector".into(), "sectors".into())]
        );
        assert_eq!(
            hits("They work in tourism and others spheres."),
            [("others".into(), "other".into())]
        );
        assert!(hits("All party leaders came; others say all is well.").is_empty());
    }
}
