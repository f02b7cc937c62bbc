//! `calque fix` (and the fixing half of `calque check --fix`).

use std::io::{IsTerminal, Write};
use std::sync::Arc;

use codespan_reporting::term::termcolor::StandardStream;
use rayon::prelude::*;

use super::input::{self, Input, InputError};
use super::plan::{self, PlanArgs, Setup};
use super::{exit, FixArgs};
use crate::finding::LineIndex;
use crate::fix::interactive::Session;
use crate::fix::{self, FixMode, FixOutcome, Unfixed};
use crate::lint::Linter;

/// One input, fixed (and written, when asked).
pub(super) struct FileFix {
    pub display: String,
    pub original: String,
    pub outcome: FixOutcome,
    /// Standard input: the fixed text goes to standard output.
    pub stdin: bool,
}

/// Read, fix and (with `write`) write back one input. Standard input is
/// never written: the caller prints the fixed text.
pub(super) fn fix_input(
    linter: &Linter,
    inp: &Input,
    mode: FixMode,
    write: bool,
) -> Result<FileFix, InputError> {
    let err = |message: String| InputError {
        display: inp.display.clone(),
        message,
    };
    let Some(path) = &inp.path else {
        let text = input::read(inp)?;
        let outcome = fix::fix_text(linter, &text, inp.kind, mode);
        return Ok(FileFix {
            display: inp.display.clone(),
            original: text,
            outcome,
            stdin: true,
        });
    };
    let snapshot =
        fix::write::read(path, input::max_file_size()).map_err(|e| err(input::describe_io(&e)))?;
    let text = input::decode(snapshot.bytes.clone()).map_err(err)?;
    let outcome = fix::fix_text(linter, &text, inp.kind, mode);
    if write && outcome.changed {
        snapshot
            .write(outcome.text.as_bytes())
            .map_err(|e| err(e.to_string()))?;
    }
    Ok(FileFix {
        display: inp.display.clone(),
        original: text,
        outcome,
        stdin: false,
    })
}

pub fn run(args: FixArgs) -> i32 {
    if args.paths.is_empty() && std::io::stdin().is_terminal() {
        eprintln!("error: nothing to fix: give files or directories, or pipe text to standard input (`calque fix -`)");
        return exit::ERROR;
    }
    let (inputs, errors) = match plan::plan(&PlanArgs {
        paths: &args.paths,
        scope: &args.scope,
        fail_on: None,
        report_unused_suppressions: false,
    }) {
        Ok(p) => p,
        Err(code) => return code,
    };
    if args.interactive {
        return interactive(&args, &inputs, errors);
    }
    let mode = FixMode::new(args.unsafe_fixes);
    let results: Vec<Result<FileFix, InputError>> = inputs
        .par_iter()
        .map(|(inp, setup)| fix_input(&setup.linter, inp, mode, !args.diff))
        .collect();

    let mut errors = errors;
    let mut fixes = Vec::new();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for r in results {
        match r {
            Ok(f) => {
                let written = if args.diff {
                    write_diff(&mut out, &f)
                } else if f.stdin {
                    out.write_all(f.outcome.text.as_bytes())
                } else {
                    Ok(())
                };
                if let Err(e) = written.and_then(|_| out.flush()) {
                    if e.kind() != std::io::ErrorKind::BrokenPipe {
                        eprintln!("error: cannot write output: {e}");
                    }
                    return exit::ERROR;
                }
                fixes.push(f);
            }
            Err(e) => errors.push(e),
        }
    }
    report_unapplied(&fixes);
    eprintln!("{}", summary(&fixes, args.diff));
    for e in &errors {
        e.print();
    }
    if input::any_error(&errors) {
        exit::ERROR
    } else if args.diff && fixes.iter().any(|f| f.outcome.changed) {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}

fn write_diff(out: &mut dyn Write, f: &FileFix) -> std::io::Result<()> {
    if !f.outcome.changed {
        return Ok(());
    }
    let diff = similar::TextDiff::from_lines(&f.original, &f.outcome.text);
    write!(
        out,
        "{}",
        diff.unified_diff()
            .context_radius(3)
            .header(&f.display, &f.display)
    )
}

/// Name each finding whose eligible fix could not be applied.
pub(super) fn report_unapplied(fixes: &[FileFix]) {
    for f in fixes {
        let index = LineIndex::new(&f.outcome.text);
        for r in &f.outcome.remaining {
            if r.reason == Unfixed::CouldNotApply {
                let (line, col) = index.position(r.finding.start);
                eprintln!(
                    "{}:{line}:{col}: {}: the fix could not be applied",
                    f.display, r.finding.rule.id
                );
            }
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// "Fixed N findings in M files (K left: …)".
pub(super) fn summary(fixes: &[FileFix], dry_run: bool) -> String {
    let fixed: usize = fixes.iter().map(|f| f.outcome.applied.len()).sum();
    let files = fixes.iter().filter(|f| f.outcome.changed).count();
    let unsafe_left: usize = fixes.iter().map(|f| f.outcome.needs_unsafe()).sum();
    let stuck: usize = fixes.iter().map(|f| f.outcome.could_not_apply()).sum();
    let verb = if dry_run { "Would fix" } else { "Fixed" };
    let mut s = format!(
        "{verb} {} in {}",
        plural(fixed, "finding"),
        plural(files, "file")
    );
    if unsafe_left + stuck > 0 {
        let mut parts = Vec::new();
        if unsafe_left > 0 {
            parts.push(format!("{unsafe_left} with --unsafe-fixes"));
        }
        if stuck > 0 {
            parts.push(format!("{stuck} could not be applied"));
        }
        s.push_str(&format!(
            " ({} left: {})",
            unsafe_left + stuck,
            parts.join(", ")
        ));
    }
    s
}

fn interactive(args: &FixArgs, inputs: &[(Input, Arc<Setup>)], mut errors: Vec<InputError>) -> i32 {
    if !std::io::stdin().is_terminal() {
        eprintln!(
            "error: `calque fix -i` asks a question for each fix and needs a terminal; \
             in scripts use `calque fix` or `calque fix --diff`"
        );
        return exit::ERROR;
    }
    if inputs.iter().any(|(i, _)| i.path.is_none()) {
        eprintln!("error: `calque fix -i` reads answers from the terminal: give files, not standard input");
        return exit::ERROR;
    }
    for e in &errors {
        e.print();
    }
    let color = args.color.resolve(std::io::stdout().is_terminal());
    let stdout = StandardStream::stdout(color);
    let mut session = Session::new(std::io::stdin().lock(), stdout.lock());
    let (mut fixed, mut files) = (0, 0);
    for (inp, setup) in inputs {
        let linter = &setup.linter;
        if session.has_quit() {
            break;
        }
        let path = inp.path.as_ref().expect("files only");
        let err = |message: String| InputError {
            display: inp.display.clone(),
            message,
        };
        let result = fix::write::read(path, input::max_file_size())
            .map_err(|e| err(input::describe_io(&e)))
            .and_then(|snap| {
                let text = input::decode(snap.bytes.clone()).map_err(err)?;
                let findings = linter.lint(&text, inp.kind).findings;
                let review = session
                    .review(&inp.display, &text, &findings)
                    .map_err(|e| err(format!("cannot ask: {e}")))?;
                if review.text != text {
                    snap.write(review.text.as_bytes())
                        .map_err(|e| err(e.to_string()))?;
                }
                Ok(review.accepted)
            });
        match result {
            Ok(0) => {}
            Ok(n) => {
                fixed += n;
                files += 1;
            }
            Err(e) => {
                e.print();
                errors.push(e);
            }
        }
    }
    eprintln!(
        "Fixed {} in {}",
        plural(fixed, "finding"),
        plural(files, "file")
    );
    if !input::any_error(&errors) {
        exit::CLEAN
    } else {
        exit::ERROR
    }
}
