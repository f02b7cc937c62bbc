//! "the" before a name that takes none: "the Iran", "the Tehran", "the
//! both" before a plural ("the both countries"), and "the world peace".
//!
//! Traps: a following noun makes the name a modifier ("the Iran deal", "the
//! Tehran government", "the Moscow talks"); names that take "the" are not
//! listed at all (the Netherlands, the US, the UK, the Philippines, the
//! Gambia, the Congo, the Hague, the Sudan, the Ukraine, the Lebanon,
//! the Jordan river, the Georgia of...); "the Russia of today", "the China
//! that we know" are English; "the both of them" is colloquial English.

use super::common::{tokens_with_one_keyword, WordList};
use super::{Check, CheckHit};
use crate::lexicon::WordInfo;
use crate::text::{keywords, Document};

/// Countries, cities and regions that never take "the" on their own.
static NAMES: WordList = WordList::new(&[
    "Afghanistan",
    "Africa",
    "Albania",
    "Algeria",
    "Ankara",
    "Armenia",
    "Asia",
    "Astana",
    "Australia",
    "Austria",
    "Azerbaijan",
    "Baghdad",
    "Bahrain",
    "Baku",
    "Bangladesh",
    "Beijing",
    "Beirut",
    "Belarus",
    "Berlin",
    "Brazil",
    "Britain",
    "Brussels",
    "Cairo",
    "Canada",
    "China",
    "Damascus",
    "Doha",
    "Dushanbe",
    "Egypt",
    "England",
    "Ethiopia",
    "Europe",
    "France",
    "Geneva",
    "Germany",
    "Greece",
    "Hanoi",
    "India",
    "Indonesia",
    "Iran",
    "Iraq",
    "Islamabad",
    "Israel",
    "Istanbul",
    "Italy",
    "Japan",
    "Kabul",
    "Kazakhstan",
    "Kuwait",
    "Kyrgyzstan",
    "Libya",
    "London",
    "Malaysia",
    "Mexico",
    "Minsk",
    "Morocco",
    "Moscow",
    "Muscat",
    "Nigeria",
    "Norway",
    "Oman",
    "Pakistan",
    "Paris",
    "Poland",
    "Pyongyang",
    "Qatar",
    "Riyadh",
    "Rome",
    "Russia",
    "Seoul",
    "Serbia",
    "Singapore",
    "Spain",
    "Sweden",
    "Syria",
    "Tajikistan",
    "Tashkent",
    "Tbilisi",
    "Tehran",
    "Tokyo",
    "Tunisia",
    "Turkey",
    "Turkmenistan",
    "Uzbekistan",
    "Venezuela",
    "Vienna",
    "Vietnam",
    "Yerevan",
]);

/// Words after a name that show it is being described, not named:
/// "the Russia of today", "the China that we know".
static DESCRIBED: WordList = WordList::new(&[
    "of", "that", "which", "who", "whom", "we", "i", "you", "they", "he", "she", "where", "today",
    "now", "then", "and", "or", "to", "in", "as",
]);

/// Verbs that read as nouns in the lexicon ("will", "does").
static AUXILIARIES: WordList = WordList::new(&[
    "will", "would", "can", "could", "may", "might", "must", "should", "has", "have", "had", "is",
    "was", "does", "did", "says", "said",
]);

pub struct SuperfluousArticle;

impl Check for SuperfluousArticle {
    fn run(&self, doc: &Document, out: &mut Vec<CheckHit>) {
        const THE: u8 = keywords::id("the");
        for (s, i) in tokens_with_one_keyword(doc, THE) {
            let n = i + 1;
            // Byte comparisons first: most words after "the" are none of
            // these.
            let lower = doc.lower_bytes(n);
            // "the world peace": a fixed mass compound takes no article.
            if lower == b"world"
                && n + 1 < s.tokens.end
                && doc.token_lower(n + 1) == "peace"
                && doc.is_lower_word(n)
                && (n + 2 == s.tokens.end
                    || !matches!(
                        doc.token_lower(n + 2),
                        "of" | "that" | "which" | "we" | "they"
                    ))
            {
                out.push(CheckHit {
                    start: doc.token(i).start,
                    end: doc.token(n + 1).end,
                    replacements: vec![format!("{} peace", doc.token_text(n))],
                    message: Some("“world peace” takes no article".to_string()),
                });
                continue;
            }
            let both = lower == b"both";
            let t = doc.token(n);
            if !both && !NAMES.contains_bytes(&doc.text().as_bytes()[t.start..t.end]) {
                continue;
            }
            let name = doc.token_text(n);
            // What follows decides: nothing, a stop or a verb.
            let ok = match n + 1 < s.tokens.end {
                false => !both,
                true => {
                    let f = n + 1;
                    let t = doc.token_lower(f);
                    if both {
                        // "the both countries": a plural noun or an adjective.
                        let fi = doc.word_info(f);
                        doc.is_lower_word(f)
                            && t != "of"
                            && (fi.has(WordInfo::NOUN | WordInfo::PLURAL)
                                || fi.has(WordInfo::ADJECTIVE) && !fi.has(WordInfo::NOUN))
                    } else if doc.token(f).is_word() {
                        let fi = doc.word_info(f);
                        doc.is_lower_word(f)
                            && !DESCRIBED.contains(&t)
                            && (!fi.has(WordInfo::NOUN) || AUXILIARIES.contains(&t))
                            && !t.contains('-')
                            && fi.is_known()
                    } else {
                        matches!(t, "." | ";" | ":" | "!" | "?" | ")")
                    }
                }
            };
            if !ok {
                continue;
            }
            out.push(CheckHit {
                start: doc.token(i).start,
                end: doc.token(n).end,
                replacements: vec![name.to_string()],
                message: Some(format!("“{name}” takes no article here")),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(text: &str) -> Vec<String> {
        let doc = Document::new(text);
        let mut out = Vec::new();
        SuperfluousArticle.run(&doc, &mut out);
        out.iter()
            .map(|h| text[h.start..h.end].to_string())
            .collect()
    }

    #[test]
    fn names_without_article() {
        assert_eq!(hits("He said the Iran has rights."), ["the Iran"]);
        assert_eq!(hits("He said the Iran will not yield."), ["the Iran"]);
        assert_eq!(hits("They arrived in the Tehran."), ["the Tehran"]);
        assert_eq!(hits("He thanked the both countries."), ["the both"]);
        assert_eq!(
            hits("It serves the world peace and growth."),
            ["the world peace"]
        );
    }

    #[test]
    fn modifiers_and_names_with_the() {
        assert!(hits("He backed the Iran deal and the Tehran government.").is_empty());
        assert!(hits("He flew to the Netherlands and the US.").is_empty());
        assert!(hits("This is not the Russia of old.").is_empty());
        assert!(hits("They thanked the both of them.").is_empty());
        assert!(hits("It is the world peace that we seek.").is_empty());
    }
}
