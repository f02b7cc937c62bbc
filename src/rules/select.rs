//! Which rules run: `--from`, `--select`, `--ignore`.

use super::RuleMeta;

/// Packs that belong to no source language: always on unless ignored.
pub const GENERAL_PACKS: &[&str] = &["core", "grammar", "style"];

/// A rule filter built from the command line or the config file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Source languages whose packs stay on (`None`: all).
    pub from: Option<Vec<String>>,
    /// Only these rules, packs or categories (empty: all).
    pub select: Vec<String>,
    /// Never these rules, packs or categories.
    pub ignore: Vec<String>,
    /// Turn on opt-in rules too, selected or not (for testing every rule).
    pub include_opt_in: bool,
}

impl Selection {
    /// Every rule, opt-in ones included.
    pub fn everything() -> Selection {
        Selection {
            include_opt_in: true,
            ..Selection::default()
        }
    }

    /// Is the rule on?
    pub fn enables(&self, meta: &RuleMeta) -> bool {
        if meta.opt_in
            && !self.include_opt_in
            && !self.select.iter().any(|s| selector_matches(s, meta))
        {
            return false;
        }
        if let Some(from) = &self.from {
            let general = GENERAL_PACKS.contains(&meta.pack.as_str());
            if !general && !from.iter().any(|l| l == &meta.pack) {
                return false;
            }
        }
        if !self.select.is_empty() && !self.select.iter().any(|s| selector_matches(s, meta)) {
            return false;
        }
        !self.ignore.iter().any(|s| selector_matches(s, meta))
    }
}

/// A selector names a rule id, an id prefix (`calque.fa`), a pack or a category.
pub fn selector_matches(selector: &str, meta: &RuleMeta) -> bool {
    selector == meta.id
        || (meta.id.starts_with(selector) && meta.id.as_bytes().get(selector.len()) == Some(&b'.'))
        || selector == meta.pack
        || selector == meta.category.as_str()
}
