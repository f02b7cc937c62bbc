//! rustc-style diagnostics (codespan-reporting).

use std::io;

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as Level};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{Color, ColorSpec, WriteColor};
use codespan_reporting::term::{self, Config};

use super::{FileResult, Totals};
use crate::finding::Finding;
use crate::lint::source_guess;
use crate::rules::Severity;

pub fn write(out: &mut dyn WriteColor, result: &FileResult) -> io::Result<()> {
    if result.report.findings.is_empty() {
        return Ok(());
    }
    let file = SimpleFile::new(result.path.as_str(), result.text.as_str());
    let config = Config::default();
    for f in &result.report.findings {
        term::emit(out, &config, &file, &diagnostic(f)).map_err(to_io)?;
    }
    file_summary(out, result)
}

/// `path: N findings, D per 1,000 words; source language: …`
fn file_summary(out: &mut dyn WriteColor, result: &FileResult) -> io::Result<()> {
    let n = result.report.findings.len();
    out.set_color(ColorSpec::new().set_bold(true))?;
    write!(out, "{}", result.path)?;
    out.reset()?;
    write!(
        out,
        ": {n} finding{}, {:.1} per 1,000 words",
        plural(n),
        result.report.density()
    )?;
    if let Some(g) = source_guess::guess(&result.text, &result.report.findings) {
        write!(out, "; source language: {g}")?;
    }
    writeln!(out)?;
    writeln!(out)
}

fn to_io(e: codespan_reporting::files::Error) -> io::Error {
    match e {
        codespan_reporting::files::Error::Io(e) => e,
        other => io::Error::other(other.to_string()),
    }
}

/// The diagnostic for one finding.
pub fn diagnostic(f: &Finding) -> Diagnostic<()> {
    let level = match f.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Note,
    };
    let label = Label::primary((), f.start..f.end).with_message(f.rule.category.as_str());
    let mut notes = Vec::new();
    if let Some(first) = f.replacements.first() {
        let safety = if f.rule.safe { "" } else { " (unsafe fix)" };
        if first.is_empty() {
            notes.push(format!("help: delete this{safety}"));
        } else {
            notes.push(format!("help: write “{first}”{safety}"));
        }
        for other in &f.replacements[1..] {
            notes.push(format!("help: or “{other}”"));
        }
    }
    Diagnostic::new(level)
        .with_code(&f.rule.id)
        .with_message(f.message())
        .with_labels(vec![label])
        .with_notes(notes)
}

pub fn summary(out: &mut dyn WriteColor, totals: &Totals) -> io::Result<()> {
    if totals.findings == 0 {
        return Ok(());
    }
    let density = if totals.words == 0 {
        0.0
    } else {
        totals.findings as f64 * 1000.0 / totals.words as f64
    };
    out.set_color(ColorSpec::new().set_bold(true).set_fg(Some(Color::Yellow)))?;
    write!(
        out,
        "calque: {} finding{} in {} file{}",
        totals.findings,
        plural(totals.findings),
        totals.files,
        plural(totals.files)
    )?;
    out.reset()?;
    writeln!(
        out,
        " ({density:.1} per 1,000 words); {} fixable with `calque fix`",
        totals.fixable
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
