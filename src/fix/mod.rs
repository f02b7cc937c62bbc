//! Applying fixes.
//!
//! - [`apply`]: [`Edit`]s on a text — the non-overlapping subset, spacing and
//!   capitals tidied, applied on a rope from the end of the text.
//! - [`engine`]: lint → fix passes until nothing changes ([`fix_text`], the
//!   entry point for every front end: CLI, editor "fix all", rule examples).
//! - [`write`]: writing a fixed file without ever losing data.
//! - [`interactive`]: `calque fix -i`, one finding at a time.

pub mod apply;
pub mod engine;
pub mod interactive;
pub mod write;

pub use apply::{apply, tidy, Edit};
pub use engine::{fix_text, fix_text_with, AppliedFix, FixMode, FixOutcome, Remaining, Unfixed};
