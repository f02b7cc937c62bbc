//! `calque check`.

use std::io::IsTerminal;

use codespan_reporting::term::termcolor::{ColorChoice as TermColor, StandardStream};
use rayon::prelude::*;

use super::input::{self, InputError};
use super::{exit, load_rules, CheckArgs, ColorChoice};
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
    let stdout = StandardStream::stdout(color);
    let mut reporter = Reporter::new(format, stdout.lock());
    let fail_on = args.fail_on.severity();
    let mut failed = false;

    // Files are checked in parallel and reported in input order.
    let results: Vec<Result<FileResult, InputError>> = inputs
        .par_iter()
        .map(|inp| {
            let text = input::read(inp)?;
            let report = linter.lint(&text, inp.kind);
            Ok(FileResult {
                path: inp.display.clone(),
                text,
                report,
            })
        })
        .collect();
    for r in results {
        match r {
            Ok(result) => {
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
