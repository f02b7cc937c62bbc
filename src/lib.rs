//! calque finds machine-translation artefacts in English press copy.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`source`]: file text → prose segments, each with an offset map back
//!    to the bytes on disk (plain text, Markdown, HTML).
//! 2. [`text`]: a segment → tokens and sentences (the shared document model).
//! 3. [`rules`]: rule packs (data in `rules/*.toml`) compiled into one
//!    [`rules::RuleSet`]; [`checks`] holds the rules that need code.
//! 4. [`lint`]: runs the rule set over every segment and maps the hits back
//!    to the file as [`finding::Finding`]s.
//! 5. [`report`] prints findings; [`fix`] applies their replacements.

pub mod baseline;
pub mod checks;
pub mod cli;
pub mod config;
pub mod finding;
pub mod fix;
pub mod lexicon;
pub mod lint;
pub mod lsp;
pub mod report;
pub mod rules;
pub mod source;
pub mod suppress;
pub mod text;
