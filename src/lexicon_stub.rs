//! Temporary stand-in for the generated lexicon (same API subset).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordClass {
    Noun,
    NounSingular,
    NounPlural,
    ProperNoun,
    MassNoun,
    Verb,
    VerbPast,
    VerbIng,
    Verb3sg,
    Adjective,
    Adverb,
    Determiner,
    Preposition,
    Conjunction,
    Pronoun,
    Title,
}
impl std::str::FromStr for WordClass {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
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
            _ => return Err(format!("unknown word class `{s}`")),
        })
    }
}
pub struct Lexicon;
pub fn lexicon() -> &'static Lexicon {
    &Lexicon
}
impl Lexicon {
    pub fn is(&self, word: &str, class: WordClass) -> bool {
        let w = word.to_ascii_lowercase();
        match class {
            WordClass::Determiner => ["the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our", "my", "your"].contains(&w.as_str()),
            WordClass::Title => ["minister", "president", "general", "commander", "chief", "head", "director"].contains(&w.as_str()),
            _ => false,
        }
    }
}
