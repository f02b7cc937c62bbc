//! The command line: `calque check`, `rules`, `explain`, `test-rules`.

mod check;
mod input;
mod rules_cmd;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::report::Format;
use crate::rules::load::RuleSources;
use crate::rules::select::Selection;
use crate::rules::Severity;

/// Exit codes, stable for CI.
pub mod exit {
    /// Nothing at or above `--fail-on`.
    pub const CLEAN: i32 = 0;
    /// Findings at or above `--fail-on`.
    pub const FINDINGS: i32 = 1;
    /// A usage, rule, config or I/O error.
    pub const ERROR: i32 = 2;
}

#[derive(Debug, Parser)]
#[command(
    name = "calque",
    version,
    about = "Finds machine-translation artefacts in English press copy and proposes fixes"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files, directories (.txt .md .html) or standard input
    Check(CheckArgs),
    /// List the rules
    Rules(RulesArgs),
    /// Explain a rule, with its examples
    Explain(ExplainArgs),
    /// Check every rule's examples (built-in and given directories)
    TestRules(TestRulesArgs),
    /// Run the language server (LSP over standard input and output)
    Lsp(LspArgs),
}

/// Which rules to load and run; shared by the subcommands.
#[derive(Debug, Args, Clone, Default)]
pub struct RuleArgs {
    /// Only the packs of these source languages (e.g. `fa,ar`); general packs stay on
    #[arg(long, value_delimiter = ',', value_name = "LANGS")]
    pub from: Option<Vec<String>>,
    /// Only these rules, packs or categories
    #[arg(long, value_delimiter = ',', value_name = "SELECTORS")]
    pub select: Vec<String>,
    /// Never these rules, packs or categories
    #[arg(long, value_delimiter = ',', value_name = "SELECTORS")]
    pub ignore: Vec<String>,
    /// Load more rules from this directory or file (repeatable)
    #[arg(long = "rules", value_name = "DIR")]
    pub rule_dirs: Vec<PathBuf>,
    /// Leave out the built-in rules
    #[arg(long)]
    pub no_builtin: bool,
}

impl RuleArgs {
    pub fn sources(&self) -> RuleSources {
        RuleSources {
            no_builtin: self.no_builtin,
            dirs: self.rule_dirs.clone(),
        }
    }

    pub fn selection(&self) -> Selection {
        Selection {
            from: self.from.clone(),
            select: self.select.clone(),
            ignore: self.ignore.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    pub fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories; `-` or nothing reads standard input
    pub paths: Vec<PathBuf>,
    /// Output format [default: human on a terminal, concise otherwise]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// When to colour the human output (NO_COLOR is honoured)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Exit 1 when a finding at or above this severity is found
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    /// The name to report for standard input
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    #[command(flatten)]
    pub rules: RuleArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
    /// Only this pack
    #[arg(long)]
    pub pack: Option<String>,
    #[command(flatten)]
    pub rules: RuleArgs,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule id, e.g. calque.fa.in-the-margin-of
    pub rule: String,
    #[command(flatten)]
    pub rules: RuleArgs,
}

#[derive(Debug, Args)]
pub struct TestRulesArgs {
    /// Rule directories or files to test (with the built-in rules, unless --no-builtin)
    pub dirs: Vec<PathBuf>,
    /// Leave out the built-in rules
    #[arg(long)]
    pub no_builtin: bool,
}

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Accepted for clients that pass it: stdio is the only transport
    #[arg(long)]
    pub stdio: bool,
    #[command(flatten)]
    pub rules: RuleArgs,
}

/// Run the command line; returns the exit code.
pub fn main() -> i32 {
    reset_sigpipe();
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules(args) => rules_cmd::list(args),
        Command::Explain(args) => rules_cmd::explain(args),
        Command::TestRules(args) => rules_cmd::test(args),
        Command::Lsp(args) => crate::lsp::run(args.rules),
    }
}

/// Die quietly on a closed pipe (`calque check … | head`) instead of panicking.
fn reset_sigpipe() {
    #[cfg(unix)]
    {
        extern "C" {
            fn signal(signum: i32, handler: usize) -> usize;
        }
        const SIGPIPE: i32 = 13;
        const SIG_DFL: usize = 0;
        // SAFETY: restoring the default disposition of SIGPIPE at start-up,
        // before any other thread exists.
        unsafe {
            signal(SIGPIPE, SIG_DFL);
        }
    }
}

/// Load the rules or print why not.
pub(crate) fn load_rules(sources: &RuleSources) -> Option<std::sync::Arc<crate::rules::RuleSet>> {
    if !sources.no_builtin && sources.dirs.is_empty() {
        // The embedded set is compiled once per process and shared.
        return Some(std::sync::Arc::new(
            crate::rules::load::load(sources).unwrap_or_else(|errors| {
                for e in errors {
                    eprintln!("error: {e}");
                }
                std::process::exit(exit::ERROR)
            }),
        ));
    }
    match crate::rules::load::load(sources) {
        Ok(set) => Some(std::sync::Arc::new(set)),
        Err(errors) => {
            for e in errors {
                eprintln!("error: {e}");
            }
            None
        }
    }
}
