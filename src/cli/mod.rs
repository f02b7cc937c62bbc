//! The command line: `calque check`, `rules`, `explain`, `test-rules`.

mod check;
mod config_cmd;
mod fix;
mod input;
mod plan;
mod rules_cmd;
mod stream;

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
    /// Apply the fixes: safe ones, unsafe ones on request, or one by one (-i)
    Fix(FixArgs),
    /// List the rules
    Rules(RulesArgs),
    /// Explain a rule, with its examples
    Explain(ExplainArgs),
    /// Check every rule's examples (built-in and given directories)
    TestRules(TestRulesArgs),
    /// Print the effective configuration for a file (TOML)
    Config(ConfigArgs),
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
            ..Selection::default()
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// The terminal colour setting: `auto` colours only a terminal, and
    /// never when `NO_COLOR` is set.
    pub fn resolve(self, to_terminal: bool) -> codespan_reporting::term::termcolor::ColorChoice {
        use codespan_reporting::term::termcolor::ColorChoice as Term;
        match self {
            ColorChoice::Always => Term::Always,
            ColorChoice::Never => Term::Never,
            ColorChoice::Auto if to_terminal && std::env::var_os("NO_COLOR").is_none() => {
                Term::Auto
            }
            ColorChoice::Auto => Term::Never,
        }
    }
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
    /// Files or directories; `-` reads standard input; nothing reads piped
    /// input, or checks the current directory on a terminal
    pub paths: Vec<PathBuf>,
    /// Output format [default: human on a terminal, concise otherwise]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// When to colour the human output (NO_COLOR is honoured)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Exit 1 when a finding at or above this severity is found [default: warning, or the config's `fail_on`]
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Apply the safe fixes first, then report what is left (like `calque fix`)
    #[arg(long)]
    pub fix: bool,
    /// With --fix: apply the unsafe fixes too
    #[arg(long, requires = "fix")]
    pub unsafe_fixes: bool,
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// Exit 1 when a document has more than N findings per 1,000 words
    #[arg(long, value_name = "N")]
    pub max_density: Option<f64>,
    /// Print counts of findings by rule instead of the findings
    #[arg(long)]
    pub statistics: bool,
    /// Print nothing; the exit code tells
    #[arg(long, short)]
    pub quiet: bool,
    /// Report only findings not recorded in this baseline file
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file (and exit 0)
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Report suppression comments that suppress nothing
    #[arg(long)]
    pub report_unused_suppressions: bool,
    /// Print each document's likely source language, with the evidence, instead of the findings
    #[arg(long)]
    pub guess_source: bool,
}

#[derive(Debug, Args)]
pub struct FixArgs {
    /// Files or directories; `-` (or nothing, with piped input) fixes standard
    /// input and prints the fixed text
    pub paths: Vec<PathBuf>,
    /// Apply the unsafe fixes too (review the result)
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff instead of writing; exit 1 when there are changes
    #[arg(long, conflicts_with = "interactive")]
    pub diff: bool,
    /// Ask about each fix: [y]es / [n]o / [e]dit / [s]kip rule / [q]uit
    #[arg(short, long)]
    pub interactive: bool,
    /// When to colour the output (NO_COLOR is honoured)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub scope: ScopeArgs,
}

/// The rules, configuration and file selection `check` and `fix` share.
#[derive(Debug, Args)]
pub struct ScopeArgs {
    /// The name to report for standard input (chooses how it is read)
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    #[command(flatten)]
    pub rules: RuleArgs,
    #[command(flatten)]
    pub config: ConfigChoice,
    /// Skip files and directories matching this glob (repeatable)
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
}

/// Which configuration file applies.
#[derive(Debug, Args, Clone, Default)]
pub struct ConfigChoice {
    /// Use this config file instead of looking for `.calque.toml`
    #[arg(long = "config", value_name = "FILE", conflicts_with = "isolated")]
    pub file: Option<PathBuf>,
    /// Ignore all config files
    #[arg(long)]
    pub isolated: bool,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// The file (or directory) whose configuration to show [default: .]
    pub path: Option<PathBuf>,
    #[command(flatten)]
    pub config: ConfigChoice,
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
        Command::Fix(args) => fix::run(args),
        Command::Rules(args) => rules_cmd::list(args),
        Command::Explain(args) => rules_cmd::explain(args),
        Command::TestRules(args) => rules_cmd::test(args),
        Command::Config(args) => config_cmd::run(args),
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
