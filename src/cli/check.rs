//! `calque check` (and `calque check --fix`).

use std::io::{IsTerminal, Write};

use codespan_reporting::term::termcolor::{ColorChoice as TermColor, StandardStream};
use rayon::prelude::*;

use super::fix::{self, FileFix};
use super::input::{self, InputError};
use super::{exit, load_rules, CheckArgs, ColorChoice};
use crate::fix::FixMode;
use crate::lint::Linter;
use crate::report::{FileResult, Format, Reporter};

pub fn run(args: CheckArgs) -> i32 {
    let Some(rules) = load_rules(&args.rules.sources()) else {
        return exit::ERROR;
    };
    let linter = Linter::new(rules, &args.rules.selection());
    let (inputs, mut errors) = input::collect(&args.paths, args.stdin_filename.as_deref());

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
    // With --fix, fixed standard input goes to standard output and the
    // report to standard error.
    let fixes_stdin = args.fix && inputs.iter().any(|i| i.path.is_none());
    let stream = if fixes_stdin {
        StandardStream::stderr(color)
    } else {
        StandardStream::stdout(color)
    };
    let mut reporter = Reporter::new(format, stream.lock());
    let fail_on = args.fail_on.severity();
    let mut failed = false;

    // Files are checked in parallel and reported in input order.
    let fix_mode = args.fix.then(|| FixMode::new(args.unsafe_fixes));
    let results: Vec<Result<(FileResult, Option<FileFix>), InputError>> = inputs
        .par_iter()
        .map(|inp| {
            if let Some(mode) = fix_mode {
                // --fix: fix (and write) first, then report what is left.
                let fixed = fix::fix_input(&linter, inp, mode, true)?;
                let result = FileResult {
                    path: inp.display.clone(),
                    text: fixed.outcome.text.clone(),
                    report: fixed.outcome.report.clone(),
                };
                return Ok((result, Some(fixed)));
            }
            let text = input::read(inp)?;
            let report = linter.lint(&text, inp.kind);
            Ok((
                FileResult {
                    path: inp.display.clone(),
                    text,
                    report,
                },
                None,
            ))
        })
        .collect();
    let mut fixes = Vec::new();
    for r in results {
        match r {
            Ok((result, fixed)) => {
                fixes.extend(fixed);
                failed |= result.report.findings.iter().any(|f| f.severity >= fail_on);
                if let Err(e) = reporter.file(&result) {
                    return write_error(e);
                }
            }
            Err(e) => errors.push(e),
        }
    }
    if let Err(e) = reporter.finish() {
        return write_error(e);
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
        eprintln!("error: {e}");
    }
    if !errors.is_empty() {
        exit::ERROR
    } else if failed {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}

fn write_error(e: std::io::Error) -> i32 {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return exit::CLEAN;
    }
    eprintln!("error: cannot write output: {e}");
    exit::ERROR
}
