//! The rule file format (`rules/*.toml`), as serde reads it.
//!
//! See `docs/writing-rules.md` for the user-facing description.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// A rule file: an optional default pack and its rules.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    pub pack: Option<String>,
    #[serde(default)]
    pub rule: Vec<toml::Spanned<RuleSpec>>,
}

/// A built-in rule file, embedded as JSON (see `build.rs`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuiltinRuleFile {
    pub pack: Option<String>,
    #[serde(default)]
    pub rule: Vec<RuleSpec>,
}

/// One rule as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: String,
    pub pack: Option<String>,
    pub category: Category,
    pub severity: Severity,
    pub message: String,
    #[serde(default)]
    pub explanation: String,
    #[serde(default)]
    pub safe: bool,
    /// Off unless selected (`--select RULE`, a prefix, its pack or category).
    #[serde(default)]
    pub opt_in: bool,

    pub phrases: Option<PhraseSpec>,
    pub regex: Option<String>,
    pub pattern: Option<Vec<TokenTestSpec>>,
    pub check: Option<String>,

    pub replace: Option<ReplaceSpec>,
    #[serde(default = "default_true")]
    pub preserve_case: bool,
    #[serde(default)]
    pub case_sensitive: bool,
    #[serde(default)]
    pub unless_before: Vec<TokenTestSpec>,
    #[serde(default)]
    pub unless_after: Vec<TokenTestSpec>,
    #[serde(default)]
    pub skip_in_quotes: bool,

    #[serde(default)]
    pub bad: Vec<BadExample>,
    #[serde(default)]
    pub good: Vec<GoodExample>,

    /// The rule's line in its TOML file, set by the build script for the
    /// built-in packs (which are embedded as JSON).
    #[serde(default, rename = "__line")]
    pub source_line: Option<usize>,
    /// What the build script worked out from `regex` (built-in packs only:
    /// see [`RuleSpec::forget_analysis`]).
    #[serde(default, rename = "__regex")]
    pub regex_analysis: Option<RegexAnalysis>,
}

impl RuleSpec {
    /// Drop what the build script worked out, so that loading analyses the
    /// regexes itself: a user's rule file is not trusted to say.
    pub fn forget_analysis(&mut self) {
        self.regex_analysis = None;
        let elements = self.pattern.iter_mut().flatten();
        for e in elements
            .chain(&mut self.unless_before)
            .chain(&mut self.unless_after)
        {
            e.regex_analysis = None;
        }
    }
}

/// A built-in rule regex's [`prefilter::RegexFacts`](super::prefilter::RegexFacts),
/// worked out by `build.rs`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegexAnalysis {
    /// The prefilter's literal sets; none: the regex runs on every document.
    pub literals: Vec<Vec<StoredLiteral>>,
    /// Per explicit capture group: its name, or `""`.
    pub groups: Vec<String>,
}

/// A prefilter literal as `build.rs` stores it: text, or bytes when it is
/// not UTF-8 (the lead byte of a character class, `[\x{0600}-\x{06FF}]`).
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum StoredLiteral {
    Text(String),
    Bytes(Vec<u8>),
}

impl StoredLiteral {
    pub fn into_bytes(self) -> Vec<u8> {
        match self {
            StoredLiteral::Text(s) => super::prefilter::literal_from_text(&s),
            StoredLiteral::Bytes(b) => b,
        }
    }
}

/// A built-in pattern element regex's words
/// ([`prefilter::token_regex_words`](super::prefilter::token_regex_words)),
/// worked out by `build.rs`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenRegexAnalysis {
    pub words: Option<Vec<String>>,
}

fn default_true() -> bool {
    true
}

/// Phrases: a list sharing the rule's `replace`, or a table of phrase → replacement.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum PhraseSpec {
    List(Vec<String>),
    Table(BTreeMap<String, ReplaceSpec>),
}

/// One replacement or several, best first.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum ReplaceSpec {
    One(String),
    Many(Vec<String>),
}

impl ReplaceSpec {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            ReplaceSpec::One(s) => vec![s],
            ReplaceSpec::Many(v) => v,
        }
    }
}

/// One element of a token pattern (all given tests must hold).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenTestSpec {
    pub word: Option<String>,
    pub any: Option<Vec<String>>,
    pub not: Option<Vec<String>>,
    pub regex: Option<String>,
    pub class: Option<String>,
    pub not_class: Option<String>,
    pub cap: Option<bool>,
    pub number: Option<bool>,
    pub punct: Option<bool>,
    pub sentence_start: Option<bool>,
    #[serde(default)]
    pub optional: bool,
    pub skip: Option<u8>,
    #[serde(default)]
    pub mark: bool,
    /// What the build script worked out from `regex` (built-in packs only).
    #[serde(default, rename = "__regex")]
    pub regex_analysis: Option<TokenRegexAnalysis>,
}

/// A rule's explanation and examples. The built-in packs keep them apart
/// from the rules (`build.rs`), read on first use.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDocs {
    #[serde(default)]
    pub explanation: String,
    #[serde(default)]
    pub bad: Vec<BadExample>,
    #[serde(default)]
    pub good: Vec<GoodExample>,
}

/// A sentence the rule must flag.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BadExample {
    pub text: String,
    /// The text after this rule's first replacements are applied.
    pub fixed: Option<String>,
    /// The exact text the finding must cover.
    pub flagged: Option<String>,
}

/// A sentence no rule may flag.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GoodExample {
    pub text: String,
}

/// What kind of artefact a rule finds.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Article,
    Calque,
    Uncountable,
    Agreement,
    Preposition,
    Wordorder,
    Punctuation,
    Capitalization,
    Redundancy,
    Register,
    Attribution,
    Tense,
    Spelling,
    Style,
}

impl Category {
    pub const ALL: [Category; 14] = [
        Category::Article,
        Category::Calque,
        Category::Uncountable,
        Category::Agreement,
        Category::Preposition,
        Category::Wordorder,
        Category::Punctuation,
        Category::Capitalization,
        Category::Redundancy,
        Category::Register,
        Category::Attribution,
        Category::Tense,
        Category::Spelling,
        Category::Style,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Article => "article",
            Category::Calque => "calque",
            Category::Uncountable => "uncountable",
            Category::Agreement => "agreement",
            Category::Preposition => "preposition",
            Category::Wordorder => "wordorder",
            Category::Punctuation => "punctuation",
            Category::Capitalization => "capitalization",
            Category::Redundancy => "redundancy",
            Category::Register => "register",
            Category::Attribution => "attribution",
            Category::Tense => "tense",
            Category::Spelling => "spelling",
            Category::Style => "style",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Severity, String> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!(
                "unknown severity `{s}` (expected error, warning or info)"
            )),
        }
    }
}
