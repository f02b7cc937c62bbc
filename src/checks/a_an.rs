//! "a" or "an" by sound: "a FBI agent" → "an FBI agent", "an UN envoy" →
//! "a UN envoy", "a 18-year-old" → "an 18-year-old", "an one-day visit" →
//! "a one-day visit". The choice comes from [`Lexicon::article_for`].
//!
//! Traps: "A" as a letter ("Group A includes", "vitamin A"), names ("Pham
//! Van An"), British "an historic", and acronyms said as words ("a SAM
//! missile"), where the writer's choice is trusted.
//!
//! [`Lexicon::article_for`]: crate::lexicon::Lexicon::article_for

use super::common::{tokens_with_keyword, WordList};
use super::{Check, CheckHit};
use crate::lexicon::{lexicon, Article, WordInfo};
use crate::text::capitalise_first;
use crate::text::{keywords, Document, TokenKind};

/// Nouns that label things with letters: "Group A", "vitamin A", "Plan A".
static LETTER_LABELS: WordList = WordList::new(&[
    "annex",
    "appendix",
    "article",
    "block",
    "category",
    "class",
    "clause",
    "division",
    "exhibit",
    "gate",
    "grade",
    "group",
    "item",
    "letter",
    "level",
    "option",
    "paragraph",
    "part",
    "plan",
    "point",
    "row",
    "schedule",
    "section",
    "serie",
    "series",
    "terminal",
    "type",
    "vitamin",
    "zone",
    "hepatitis",
    "influenza",
    "pool",
    "league",
    "tier",
    "phase",
]);

pub struct AAn;

impl Check for AAn {
    fn run(&self, doc: &Document, out: &mut Vec<CheckHit>) {
        const A: u8 = keywords::id("a");
        const AN: u8 = keywords::id("an");
        let lex = lexicon();
        // Only "a", "an", "A", "An" below.
        for (s, i) in tokens_with_keyword(doc, A, AN) {
            let written = doc.token_text(i);
            let is_a = match written {
                "a" => true,
                "an" => false,
                "A" | "An" if doc.is_sentence_start(i) => written == "A",
                _ => continue,
            };
            if doc.token(i).kind != TokenKind::Word {
                continue;
            }
            if i > s.tokens.start {
                let prev = doc.token_lower(i - 1);
                if LETTER_LABELS.contains(&prev) || doc.is_punct(i - 1, "-") {
                    continue;
                }
            }
            let n = i + 1;
            let next = doc.token(n);
            if !next.space_before || next.newlines_before > 0 || next.kind == TokenKind::Punct {
                continue;
            }
            let word = doc.token_text(n);
            // The article's sound first: nearly every article is right, and
            // the lexicon flags of the word are then never needed.
            let wanted = lex.article_for(word);
            let wrong = match wanted {
                Article::Either => false,
                Article::An => is_a && trust_an(word),
                Article::A => !is_a && trust_a(word),
            };
            if !wrong || next.kind == TokenKind::Word && !plausible_next(doc.word_info(n)) {
                continue;
            }
            let fix = if is_a { "an" } else { "a" };
            let fix = if doc.is_lower_word(i) {
                fix.to_string()
            } else {
                capitalise_first(fix)
            };
            out.push(CheckHit {
                start: doc.token(i).start,
                end: doc.token(i).end,
                message: Some(format!("“{word}” takes “{}”", fix.to_lowercase())),
                replacements: vec![fix],
            });
        }
    }
}

/// Could a word with lexicon flags `info` start the noun phrase after an
/// article? Function words ("Group A is", "A of B") cannot.
fn plausible_next(info: WordInfo) -> bool {
    if !info.is_known() {
        return true;
    }
    let content = WordInfo::NOUN | WordInfo::ADJECTIVE | WordInfo::ADVERB | WordInfo::VERB;
    let function = WordInfo::PREPOSITION | WordInfo::CONJUNCTION | WordInfo::PRONOUN;
    info.0 & content != 0 && (info.0 & function == 0 || info.has(WordInfo::NOUN))
}

/// Is "an" safe to ask for before `word` (written with "a")?
fn trust_an(word: &str) -> bool {
    let first = word.split(['-', '\'', '\u{2019}']).next().unwrap_or(word);
    let letters: Vec<char> = first.chars().filter(|c| c.is_alphabetic()).collect();
    if first.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    let caps = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase() || *c == 's');
    if caps && !first.contains('.') {
        // An initialism read letter by letter ("an FBI", "an MP"): trust
        // it only when it cannot be said as a word (a second consonant).
        let c0 = letters[0].to_ascii_lowercase();
        if matches!(c0, 'a' | 'e' | 'i' | 'o') {
            return true;
        }
        let c1 = letters[1].to_ascii_lowercase();
        return letters.len() <= 4 && !matches!(c1, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    }
    let lower = first.to_lowercase();
    if lexicon().lookup(&lower).is_known() {
        return true;
    }
    // Unknown words: only a plain vowel letter is a sure vowel sound.
    lower.starts_with(['a', 'i']) || lower.starts_with('e') && !lower.starts_with("eu")
}

/// Is "a" safe to ask for before `word` (written with "an")?
fn trust_a(word: &str) -> bool {
    let first = word.split(['-', '\'', '\u{2019}']).next().unwrap_or(word);
    let lower = first.to_lowercase();
    // British "an historic", "an hotel".
    if lower.starts_with('h') {
        return false;
    }
    if first.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    let caps = first.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && first
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase());
    caps || lexicon().lookup(&lower).is_known()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixes(text: &str) -> Vec<(String, String)> {
        let doc = Document::new(text);
        let mut out = Vec::new();
        AAn.run(&doc, &mut out);
        out.into_iter()
            .map(|h| (text[h.start..h.end].to_string(), h.replacements[0].clone()))
            .collect()
    }

    #[test]
    fn initialisms_numbers_and_sounds() {
        assert_eq!(fixes("He met a FBI agent."), [("a".into(), "an".into())]);
        assert_eq!(fixes("He met an UN envoy."), [("an".into(), "a".into())]);
        assert_eq!(
            fixes("It was a 18-year-old man."),
            [("a".into(), "an".into())]
        );
        assert_eq!(
            fixes("They began an one-day visit."),
            [("an".into(), "a".into())]
        );
        assert_eq!(fixes("A hour later he left."), [("A".into(), "An".into())]);
        assert_eq!(
            fixes("He held a important meeting."),
            [("a".into(), "an".into())]
        );
    }

    #[test]
    fn traps_stay_silent() {
        assert!(fixes("He is an FBI agent and a UN envoy.").is_empty());
        assert!(fixes("Group A is the strongest.").is_empty());
        assert!(fixes("It was an historic day.").is_empty());
        assert!(fixes("They fired a SAM at the drone.").is_empty());
        assert!(fixes("Minister Pham Van An said so.").is_empty());
        assert!(fixes("It lasted an hour, a one-off.").is_empty());
        assert!(fixes("a university and an umbrella").is_empty());
    }
}
