//! Stage 5: print findings.
//!
//! Every format reads the same [`FileResult`]s. Text formats are written as
//! each file's result arrives; `json` collects one document.

mod checkstyle;
mod concise;
mod github;
pub mod human;
mod json;
mod junit;
mod rdjson;
mod sarif;

use std::io;

use codespan_reporting::term::termcolor::WriteColor;

use crate::lint::FileReport;

pub use checkstyle::xml_escape;
pub use concise::write_finding as write_concise_finding;
pub use github::{escape_data, escape_property};
pub use json::FindingJson;
pub use sarif::uri as sarif_uri;

/// Output formats of `calque check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics with the source line and the fix
    Human,
    /// one line per finding: `path:line:col: severity[rule]: message`
    Concise,
    /// one JSON document
    Json,
    /// one JSON object per finding, per line
    Jsonl,
    /// SARIF 2.1.0 (GitHub code scanning)
    Sarif,
    /// GitHub Actions workflow commands (annotations)
    Github,
    /// reviewdog Diagnostic JSON
    Rdjson,
    /// Checkstyle XML
    Checkstyle,
    /// JUnit XML
    Junit,
}

/// One file's text and findings.
pub struct FileResult {
    /// The path as the user gave it (or `-` for standard input).
    pub path: String,
    pub text: String,
    pub report: FileReport,
}

/// Writes results in one format.
pub struct Reporter<W: WriteColor> {
    format: Format,
    out: W,
    json: json::Collector,
    sarif: sarif::Collector,
    rdjson: rdjson::Collector,
    checkstyle: checkstyle::Collector,
    junit: junit::Collector,
    pub totals: Totals,
}

/// Counts over a whole run.
#[derive(Clone, Debug, Default)]
pub struct Totals {
    pub files: usize,
    pub findings: usize,
    pub fixable: usize,
    pub words: usize,
}

impl<W: WriteColor> Reporter<W> {
    pub fn new(format: Format, out: W) -> Reporter<W> {
        Reporter {
            format,
            out,
            json: json::Collector::default(),
            sarif: sarif::Collector::default(),
            rdjson: rdjson::Collector::default(),
            checkstyle: checkstyle::Collector::default(),
            junit: junit::Collector::default(),
            totals: Totals::default(),
        }
    }

    /// Report one file.
    pub fn file(&mut self, result: &FileResult) -> io::Result<()> {
        self.totals.files += 1;
        self.totals.findings += result.report.findings.len();
        self.totals.words += result.report.words;
        self.totals.fixable += result
            .report
            .findings
            .iter()
            .filter(|f| !f.replacements.is_empty())
            .count();
        let written = match self.format {
            Format::Human => human::write(&mut self.out, result),
            Format::Concise => concise::write(&mut self.out, result),
            Format::Jsonl => json::write_lines(&mut self.out, result),
            Format::Json => {
                self.json.add(result);
                Ok(())
            }
            Format::Github => github::write(&mut self.out, result),
            Format::Sarif => {
                self.sarif.add(result);
                Ok(())
            }
            Format::Rdjson => {
                self.rdjson.add(result);
                Ok(())
            }
            Format::Checkstyle => {
                self.checkstyle.add(result);
                Ok(())
            }
            Format::Junit => {
                self.junit.add(result);
                Ok(())
            }
        };
        // The output is buffered: each file appears as soon as it is done.
        written.and_then(|()| self.out.flush())
    }

    /// The output, for writers that bypass [`Reporter::file`] (streaming).
    pub fn writer(&mut self) -> &mut W {
        &mut self.out
    }

    /// Finish the run: the JSON document, or the human summary line.
    pub fn finish(mut self) -> io::Result<W> {
        match self.format {
            Format::Json => self.json.write(&mut self.out)?,
            Format::Human => human::summary(&mut self.out, &self.totals)?,
            Format::Sarif => self.sarif.write(&mut self.out)?,
            Format::Rdjson => self.rdjson.write(&mut self.out)?,
            Format::Checkstyle => self.checkstyle.write(&mut self.out)?,
            Format::Junit => self.junit.write(&mut self.out)?,
            Format::Concise | Format::Jsonl | Format::Github => {}
        }
        std::io::Write::flush(&mut self.out)?;
        Ok(self.out)
    }
}
