//! `calque check` (and `calque check --fix`).

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::sync::Arc;

use codespan_reporting::term::termcolor::BufferedStandardStream;
use rayon::prelude::*;

use super::fix::{self, FileFix};
use super::input::{self, InputError};
use super::plan::{self, PlanArgs};
use super::{exit, stream, CheckArgs};
use crate::baseline::Baseline;
use crate::fix::FixMode;
use crate::lint::source_guess;
use crate::report::{FileResult, Format, Reporter};
use crate::rules::Severity;

pub fn run(mut args: CheckArgs) -> i32 {
    // No path and nothing piped in: check the current directory, as ruff
    // and ripgrep do, rather than wait for typing.
    if args.paths.is_empty() && std::io::stdin().is_terminal() {
        args.paths.push(".".into());
    }
    let (plan, mut errors) = match plan::plan(&PlanArgs {
        paths: &args.paths,
        scope: &args.scope,
        fail_on: args.fail_on,
        report_unused_suppressions: args.report_unused_suppressions,
    }) {
        Ok(p) => p,
        Err(code) => return code,
    };
    // The process exits when the check is done: one reference to each
    // linter is leaked so that its rule set (thousands of compiled
    // automata) is not taken apart piece by piece on the way out.
    for (_, setup) in &plan {
        std::mem::forget(Arc::clone(&setup.linter));
    }
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

    let stdout_tty = std::io::stdout().is_terminal();
    let format = args.format.unwrap_or(if stdout_tty {
        Format::Human
    } else {
        Format::Concise
    });
    let color = args.color.resolve(stdout_tty);
    // With --fix, fixed standard input goes to standard output and the
    // report to standard error.
    let fixes_stdin = args.fix && plan.iter().any(|(i, _)| i.path.is_none());
    // Buffered: standard output is line-buffered, a write call per finding.
    let stream = if fixes_stdin {
        BufferedStandardStream::stderr(color)
    } else {
        BufferedStandardStream::stdout(color)
    };
    let mut reporter = Reporter::new(format, stream);
    let mut failed = false;
    let mut new_baseline = Baseline::new();
    let mut stats: BTreeMap<String, (usize, bool, String)> = BTreeMap::new();
    let mut dense: Vec<(String, f64)> = Vec::new();
    let printing =
        !args.quiet && !args.statistics && !args.guess_source && args.write_baseline.is_none();

    // Files are checked in parallel and reported in input order.
    let fix_mode = args.fix.then(|| FixMode::new(args.unsafe_fixes));
    type Checked = (FileResult, Severity, Option<FileFix>);
    // Big plain files are streamed in the reporting loop (`stream.rs`).
    let streams = printing
        && fix_mode.is_none()
        && baseline.is_none()
        && args.max_density.is_none()
        && matches!(format, Format::Concise | Format::Jsonl);
    let results: Vec<Result<Option<Checked>, InputError>> = plan
        .par_iter()
        .map(|(inp, setup)| {
            if streams && stream::applies(inp, format) {
                return Ok(None);
            }
            if let Some(mode) = fix_mode {
                // --fix: fix (and write) first, then report what is left.
                let fixed = fix::fix_input(&setup.linter, inp, mode, true)?;
                let result = FileResult {
                    path: inp.display.clone(),
                    text: fixed.outcome.text.clone(),
                    report: fixed.outcome.report.clone(),
                };
                return Ok(Some((result, setup.fail_on, Some(fixed))));
            }
            let text = input::read(inp)?;
            let mut report = setup.linter.lint(&text, inp.kind);
            if let Some(b) = &baseline {
                report.findings = b.new_findings(&inp.display, &text, report.findings);
            }
            Ok(Some((
                FileResult {
                    path: inp.display.clone(),
                    text,
                    report,
                },
                setup.fail_on,
                None,
            )))
        })
        .collect();
    let mut fixes = Vec::new();
    for (r, (inp, setup)) in results.into_iter().zip(&plan) {
        match r {
            Ok(None) => {
                let out = reporter.writer();
                match stream::check(&setup.linter, inp, format, setup.fail_on, out) {
                    Ok(o) => {
                        failed |= o.failed;
                        reporter.totals.files += 1;
                        reporter.totals.findings += o.findings;
                        reporter.totals.fixable += o.fixable;
                        reporter.totals.words += o.words;
                    }
                    Err(stream::StreamError::Input(e)) => errors.push(e),
                    Err(stream::StreamError::Write(e)) => return write_error(e),
                }
            }
            Ok(Some((result, fail_on, fixed))) => {
                fixes.extend(fixed);
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
                if args.guess_source && !args.quiet {
                    match source_guess::guess(&result.text, &result.report.findings) {
                        Some(g) => println!("{}: {g}", result.path),
                        None => println!("{}: no source-language fingerprints", result.path),
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
    if args.fix {
        for f in fixes.iter().filter(|f| f.stdin) {
            let mut out = std::io::stdout().lock();
            if let Err(e) = out
                .write_all(f.outcome.text.as_bytes())
                .and_then(|_| out.flush())
            {
                return write_error(e);
            }
        }
        fix::report_unapplied(&fixes);
        eprintln!("{}", fix::summary(&fixes, false));
    }
    for e in &errors {
        e.print();
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
        return if !input::any_error(&errors) {
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
    if input::any_error(&errors) {
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
