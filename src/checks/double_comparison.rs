//! A comparison marked twice: "more better", "most biggest", "more easier",
//! "most supreme", "the most ultimate".
//!
//! Traps: "more" as a quantifier before a noun ("more older people now live
//! alone", "most younger voters"): a comparative followed by a noun is left
//! alone; superlatives and absolute adjectives ("supreme") never take
//! "more/most". "More later" (= more news later) is English.

use super::common::{tokens_with_keyword, WordList};
use super::{Check, CheckHit};
use crate::lexicon::{lexicon, WordInfo};
use crate::text::keywords;
use crate::text::Document;

/// Adjectives that already name an extreme.
/// ("most supreme" is the `fa` pack's: its fix is "top").
static ABSOLUTE: WordList = WordList::new(&[
    "ultimate",
    "utmost",
    "paramount",
    "optimal",
    "optimum",
    "maximum",
    "minimum",
    "foremost",
    "uppermost",
    "topmost",
]);

/// Irregular comparatives and superlatives.
static IRREGULAR_COMPARATIVE: WordList = WordList::new(&["better", "worse", "lesser"]);
static IRREGULAR_SUPERLATIVE: WordList = WordList::new(&["best", "worst"]);

/// -er/-est words that are not comparatives of the adjective they end like.
static NOT_DEGREE: WordList = WordList::new(&[
    "later", "latter", "earlier", "former", "latest", "eldest", "interest", "honest", "modest",
    "forest", "upper", "inner", "outer", "utter", "sober", "clever", "tender", "proper", "bitter",
    "eager",
]);

pub struct DoubleComparison;

/// Degree of `word`: 1 comparative, 2 superlative, 0 neither.
pub(super) fn degree(word: &str) -> u8 {
    if IRREGULAR_COMPARATIVE.contains(&word) {
        return 1;
    }
    if IRREGULAR_SUPERLATIVE.contains(&word) {
        return 2;
    }
    if NOT_DEGREE.contains(&word) {
        return 0;
    }
    let lex = lexicon();
    if !lex.lookup(word).has(WordInfo::ADJECTIVE) {
        return 0;
    }
    let (stem, d) = if let Some(s) = word.strip_suffix("est") {
        (s, 2)
    } else if let Some(s) = word.strip_suffix("er") {
        (s, 1)
    } else {
        return 0;
    };
    if stem.len() < 2 {
        return 0;
    }
    let mut bases = vec![stem.to_string(), format!("{stem}e")];
    if let Some(s) = stem.strip_suffix('i') {
        bases.push(format!("{s}y"));
    }
    let b = stem.as_bytes();
    if b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] {
        bases.push(stem[..stem.len() - 1].to_string());
    }
    let is_base = |w: &String| {
        let i = lex.lookup(w);
        i.has(WordInfo::ADJECTIVE) && w.len() >= 3
    };
    if bases.iter().any(is_base) {
        d
    } else {
        0
    }
}

impl Check for DoubleComparison {
    fn run(&self, doc: &Document, out: &mut Vec<CheckHit>) {
        const MORE: u8 = keywords::id("more");
        const MOST: u8 = keywords::id("most");
        for (s, i) in tokens_with_keyword(doc, MORE, MOST) {
            let n = i + 1;
            // A capital mid-phrase is a name: "Most Ultimate Frisbee players".
            if !doc.token(n).is_word() || doc.token_text(n).contains('-') || doc.is_capitalised(n) {
                continue;
            }
            let word = doc.token_lower(n);
            let absolute = ABSOLUTE.contains(&word);
            let d = if absolute { 2 } else { degree(word) };
            if d == 0 {
                continue;
            }
            if d == 1 {
                // "more older people": "more" counts the noun phrase.
                let follows_noun = n + 1 < s.tokens.end && {
                    let f = doc.word_info(n + 1);
                    f.has(WordInfo::NOUN) && !f.has(WordInfo::PREPOSITION)
                        || doc.is_capitalised(n + 1)
                };
                if follows_noun {
                    continue;
                }
            }
            out.push(CheckHit {
                start: doc.token(i).start,
                end: doc.token(n).end,
                replacements: vec![doc.token_text(n).to_string()],
                message: Some(format!(
                    "“{}” already compares: drop “{}”",
                    doc.token_text(n),
                    doc.token_text(i)
                )),
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
        DoubleComparison.run(&doc, &mut out);
        out.iter()
            .map(|h| text[h.start..h.end].to_string())
            .collect()
    }

    #[test]
    fn doubled_degrees() {
        assert_eq!(hits("Ties are more better than before."), ["more better"]);
        assert_eq!(hits("It is the most biggest project."), ["most biggest"]);
        assert_eq!(hits("Travel became more easier."), ["more easier"]);
        assert_eq!(
            hits("He is the most ultimate authority."),
            ["most ultimate"]
        );
        assert!(hits("Most Ultimate Frisbee players train daily.").is_empty());
    }

    #[test]
    fn quantifier_more_is_fine() {
        assert!(hits("More older people now live alone.").is_empty());
        assert!(hits("There will be more later.").is_empty());
        assert!(hits("It is more clever than that.").is_empty());
        assert!(hits("Most younger voters stayed home.").is_empty());
    }
}
