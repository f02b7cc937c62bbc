//! Which linter checks which file: the config lookup shared by `check` and
//! `fix`. Files with the same effective configuration share one linter, and
//! files with the same rule directories share one compiled rule set.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::config_cmd::Resolver;
use super::input::{self, Input, InputError};
use super::{exit, load_rules, FailOn, ScopeArgs};
use crate::config::EffectiveConfig;
use crate::lint::Linter;
use crate::rules::load::RuleSources;
use crate::rules::{RuleSet, Severity};

/// A linter and gate settings for one group of files.
pub(super) struct Setup {
    pub linter: Arc<Linter>,
    pub fail_on: Severity,
}

/// What the planning needs from the command line.
pub(super) struct PlanArgs<'a> {
    pub paths: &'a [PathBuf],
    pub scope: &'a ScopeArgs,
    pub fail_on: Option<FailOn>,
    pub report_unused_suppressions: bool,
}

/// Each input with its setup, and the paths that could not be read.
pub(super) type Plan = (Vec<(Input, Arc<Setup>)>, Vec<InputError>);

/// The configuration for an input, command-line flags applied over it.
fn effective(args: &PlanArgs, resolver: &Resolver, inp: &Input) -> Result<EffectiveConfig, String> {
    let path = match (&inp.path, &args.scope.stdin_filename) {
        (Some(p), _) => p.clone(),
        (None, Some(name)) => name.clone(),
        (None, None) => PathBuf::from("stdin"),
    };
    let mut e = resolver.effective(&path).map_err(|e| e.to_string())?;
    let cli = &args.scope.rules;
    if cli.from.is_some() {
        e.selection.from = cli.from.clone();
    }
    if !cli.select.is_empty() {
        e.selection.select = cli.select.clone();
    }
    e.selection.ignore.extend(cli.ignore.iter().cloned());
    e.rule_dirs.extend(cli.rule_dirs.iter().cloned());
    if let Some(f) = args.fail_on {
        e.fail_on = Some(f.severity());
    }
    Ok(e)
}

/// Plan a run; `Err` carries the exit code after the error was printed.
pub(super) fn plan(args: &PlanArgs) -> Result<Plan, i32> {
    let resolver = Resolver::new(&args.scope.config).map_err(|e| {
        eprintln!("{e}");
        exit::ERROR
    })?;
    let (inputs, errors) = input::collect_excluding(
        args.paths,
        args.scope.stdin_filename.as_deref(),
        &args.scope.exclude,
    )
    .map_err(|e| {
        eprintln!("error: {e}");
        exit::ERROR
    })?;
    let mut rule_sets: HashMap<Vec<PathBuf>, Arc<RuleSet>> = HashMap::new();
    let mut setups: HashMap<String, Arc<Setup>> = HashMap::new();
    let mut planned = Vec::with_capacity(inputs.len());
    for inp in inputs {
        let e = effective(args, &resolver, &inp).map_err(|msg| {
            eprintln!("{msg}");
            exit::ERROR
        })?;
        let key = format!(
            "{:?}|{:?}|{:?}|{:?}|{:?}",
            e.rule_dirs, e.selection, e.severities, e.words, e.fail_on
        );
        if let Some(s) = setups.get(&key) {
            planned.push((inp, s.clone()));
            continue;
        }
        let rules = match rule_sets.get(&e.rule_dirs) {
            Some(r) => r.clone(),
            None => {
                let sources = RuleSources {
                    no_builtin: args.scope.rules.no_builtin,
                    dirs: e.rule_dirs.clone(),
                };
                let r = load_rules(&sources).ok_or(exit::ERROR)?;
                rule_sets.insert(e.rule_dirs.clone(), r.clone());
                r
            }
        };
        let mut options = e.lint_options();
        options.report_unused_suppressions = args.report_unused_suppressions;
        let s = Arc::new(Setup {
            linter: Arc::new(Linter::new(rules, &e.selection).with_options(options)),
            fail_on: e.fail_on.unwrap_or(Severity::Warning),
        });
        setups.insert(key, s.clone());
        planned.push((inp, s));
    }
    Ok((planned, errors))
}
