//! Checks written in code, for what rule data cannot say.
//!
//! Each check is one file. Its metadata, messages and examples live in
//! `rules/grammar.toml` like any data rule (`check = "<name>"`), so `calque
//! rules`, `calque explain` and the example tests treat both kinds alike.
//! To add a check: write the file, then register it in [`by_name`] and [`NAMES`].

mod a_an;
mod agreement;
mod common;
mod double_comparison;
mod missing_article;
mod repeated_word;
mod superfluous_article;
mod uncountable_plural;

use crate::text::Document;

/// One hit of a check, in the document's byte offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckHit {
    pub start: usize,
    pub end: usize,
    pub replacements: Vec<String>,
    /// A message for this hit, in place of the rule's.
    pub message: Option<String>,
}

/// A check over one document.
pub trait Check: Send + Sync {
    /// Does this check propose replacements?
    fn fixable(&self) -> bool {
        true
    }
    /// Push every hit in `doc` onto `out`.
    fn run(&self, doc: &Document, out: &mut Vec<CheckHit>);
}

/// The registered check names.
pub const NAMES: &[&str] = &[
    "repeated-word",
    "missing-article",
    "superfluous-article",
    "a-an",
    "uncountable-plural",
    "agreement",
    "double-comparison",
];

/// The check registered under `name`.
pub fn by_name(name: &str) -> Option<Box<dyn Check>> {
    match name {
        "repeated-word" => Some(Box::new(repeated_word::RepeatedWord)),
        "missing-article" => Some(Box::new(missing_article::MissingArticle)),
        "superfluous-article" => Some(Box::new(superfluous_article::SuperfluousArticle)),
        "a-an" => Some(Box::new(a_an::AAn)),
        "uncountable-plural" => Some(Box::new(uncountable_plural::UncountablePlural)),
        "agreement" => Some(Box::new(agreement::Agreement)),
        "double-comparison" => Some(Box::new(double_comparison::DoubleComparison)),
        _ => None,
    }
}
