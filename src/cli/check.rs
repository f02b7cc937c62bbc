//! `calque check`.

use std::collections::{BTreeMap, HashMap};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;

use codespan_reporting::term::termcolor::{ColorChoice as TermColor, StandardStream};
use rayon::prelude::*;

use super::config_cmd::Resolver;
use super::input::{self, InputError};
use super::{exit, load_rules, CheckArgs, ColorChoice};
use crate::baseline::Baseline;
use crate::config::EffectiveConfig;
use crate::lint::Linter;
use crate::report::{FileResult, Format, Reporter};
use crate::rules::load::RuleSources;
use crate::rules::Severity;

/// A linter and gate settings for one group of files.
struct Setup {
    linter: Arc<Linter>,
    fail_on: Severity,
}

/// The configuration for an input, command-line flags applied over it.
fn effective(
    args: &CheckArgs,
    resolver: &Resolver,
    inp: &input::Input,
) -> Result<EffectiveConfig, String> {
    let path = match (&inp.path, &args.stdin_filename) {
        (Some(p), _) => p.clone(),
        (None, Some(name)) => name.clone(),
        (None, None) => PathBuf::from("stdin"),
    };
    let mut e = resolver.effective(&path).map_err(|e| e.to_string())?;
    let cli = &args.rules;
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

pub fn run(args: CheckArgs) -> i32 {
    let resolver = match Resolver::new(&args.config) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return exit::ERROR;
        }
    };
    let (inputs, mut errors) = match input::collect_excluding(
        &args.paths,
        args.stdin_filename.as_deref(),
        &args.exclude,
    ) {
        Ok(found) => found,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::ERROR;
        }
    };
    let baseline = match &args.baseline {
        Some(p) => match Baseline::read(p) {
            Ok(b) => Some(b),
            Err(e) => {
                eprintln!("error: {e}");
                return exit::ERROR;
            }
        },
        None => None,
    };

    // One linter per distinct configuration; one rule set per rule-dir list.
    let mut rule_sets: HashMap<Vec<PathBuf>, Arc<crate::rules::RuleSet>> = HashMap::new();
    let mut setups: HashMap<String, Arc<Setup>> = HashMap::new();
    let mut plan: Vec<(input::Input, Arc<Setup>)> = Vec::new();
    for inp in inputs {
        let e = match effective(&args, &resolver, &inp) {
            Ok(e) => e,
            Err(msg) => {
                eprintln!("{msg}");
                return exit::ERROR;
            }
        };
        let key = format!(
            "{:?}|{:?}|{:?}|{:?}|{:?}",
            e.rule_dirs, e.selection, e.severities, e.words, e.fail_on
        );
        let setup = match setups.get(&key) {
            Some(s) => s.clone(),
            None => {
                let rules = match rule_sets.get(&e.rule_dirs) {
                    Some(r) => r.clone(),
                    None => {
                        let sources = RuleSources {
                            no_builtin: args.rules.no_builtin,
                            dirs: e.rule_dirs.clone(),
                        };
                        let Some(r) = load_rules(&sources) else {
                            return exit::ERROR;
                        };
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
                s
            }
        };
        plan.push((inp, setup));
    }

    let stdout_tty = std::io::stdout().is_terminal();
    let format = args.format.unwrap_or(if stdout_tty {
        Format::Human
    } else {
        Format::Concise
    });
    let color = match args.color {
        ColorChoice::Always => TermColor::Always,
        ColorChoice::Never => TermColor::Never,
        ColorChoice::Auto if stdout_tty && std::env::var_os("NO_COLOR").is_none() => {
            TermColor::Auto
        }
        ColorChoice::Auto => TermColor::Never,
    };
    let stdout = StandardStream::stdout(color);
    let mut reporter = Reporter::new(format, stdout.lock());
    let mut failed = false;
    let mut new_baseline = Baseline::new();
    let mut stats: BTreeMap<String, (usize, bool, String)> = BTreeMap::new();
    let mut dense: Vec<(String, f64)> = Vec::new();
    let printing = !args.quiet && !args.statistics && args.write_baseline.is_none();

    // Files are checked in parallel and reported in input order.
    let results: Vec<Result<(FileResult, Severity), InputError>> = plan
        .par_iter()
        .map(|(inp, setup)| {
            let text = input::read(inp)?;
            let mut report = setup.linter.lint(&text, inp.kind);
            if let Some(b) = &baseline {
                report.findings = b.new_findings(&inp.display, &text, report.findings);
            }
            Ok((
                FileResult {
                    path: inp.display.clone(),
                    text,
                    report,
                },
                setup.fail_on,
            ))
        })
        .collect();
    for r in results {
        match r {
            Ok((result, fail_on)) => {
                if args.write_baseline.is_some() {
                    new_baseline.add(&result.path, &result.text, &result.report.findings);
                }
                failed |= result.report.findings.iter().any(|f| f.severity >= fail_on);
                if let Some(max) = args.max_density {
                    let d = result.report.density();
                    if d > max {
                        dense.push((result.path.clone(), d));
                    }
                }
                for f in &result.report.findings {
                    let e = stats
                        .entry(f.rule.id.clone())
                        .or_insert_with(|| (0, false, f.rule.message.clone()));
                    e.0 += 1;
                    e.1 |= !f.replacements.is_empty();
                }
                if printing {
                    if let Err(e) = reporter.file(&result) {
                        return write_error(e);
                    }
                }
            }
            Err(e) => errors.push(e),
        }
    }
    if printing {
        if let Err(e) = reporter.finish() {
            return write_error(e);
        }
    }
    for e in &errors {
        eprintln!("error: {e}");
    }
    if let Some(path) = &args.write_baseline {
        if let Err(e) = new_baseline.write(path) {
            eprintln!("error: {e}");
            return exit::ERROR;
        }
        if !args.quiet {
            let n: usize = new_baseline.files.values().flat_map(|m| m.values()).sum();
            eprintln!("wrote {n} findings to {}", path.display());
        }
        return if errors.is_empty() {
            exit::CLEAN
        } else {
            exit::ERROR
        };
    }
    if args.statistics && !args.quiet {
        print_statistics(&stats);
    }
    if !args.quiet {
        for (path, d) in &dense {
            eprintln!(
                "{path}: {d:.1} findings per 1,000 words, over --max-density {}",
                args.max_density.unwrap_or_default()
            );
        }
    }
    if !errors.is_empty() {
        exit::ERROR
    } else if failed || !dense.is_empty() {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}

/// `count  rule  [*]  message`, most frequent first; `*` marks fixable rules.
fn print_statistics(stats: &BTreeMap<String, (usize, bool, String)>) {
    let mut rows: Vec<_> = stats.iter().collect();
    rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    for (id, (n, fixable, message)) in rows {
        let mark = if *fixable { "[*]" } else { "   " };
        println!("{n:>5}  {id:<width$}  {mark} {message}");
    }
}

fn write_error(e: std::io::Error) -> i32 {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return exit::CLEAN;
    }
    eprintln!("error: cannot write output: {e}");
    exit::ERROR
}
