//! The JSON contract other tools read. Keep field names and meanings stable.

use std::io::{self, Write};

use serde::Serialize;

use super::FileResult;
use crate::finding::{Finding, LineIndex};
use crate::lint::source_guess;

/// One finding as JSON. `start`/`end` are byte offsets into the file;
/// lines and columns are 1-based, columns in characters.
#[derive(Debug, Serialize)]
pub struct FindingJson<'a> {
    pub path: &'a str,
    pub rule: &'a str,
    pub pack: &'a str,
    pub category: &'a str,
    pub severity: &'a str,
    pub message: &'a str,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub text: &'a str,
    pub replacements: &'a [String],
    pub fix_safety: Option<&'static str>,
}

impl<'a> FindingJson<'a> {
    pub fn new(path: &'a str, text: &'a str, index: &LineIndex, f: &'a Finding) -> Self {
        FindingJson::at(
            path,
            &text[f.start..f.end],
            f,
            index.position(f.start),
            index.position(f.end),
        )
    }

    /// A finding whose flagged text and 1-based (line, column) positions
    /// are already known (the streaming reader tracks them itself).
    pub fn at(
        path: &'a str,
        flagged: &'a str,
        f: &'a Finding,
        (line, column): (usize, usize),
        (end_line, end_column): (usize, usize),
    ) -> Self {
        FindingJson {
            path,
            rule: &f.rule.id,
            pack: &f.rule.pack,
            category: f.rule.category.as_str(),
            severity: f.severity.as_str(),
            message: f.message(),
            start: f.start,
            end: f.end,
            line,
            column,
            end_line,
            end_column,
            text: flagged,
            replacements: &f.replacements,
            fix_safety: f.fix_safety(),
        }
    }
}

impl FindingJson<'_> {
    /// Append this finding as one line of JSON, with its `\n`: the one
    /// place both the whole-file and the streamed JSON lines are written.
    pub fn write_line(&self, out: &mut Vec<u8>) {
        serde_json::to_writer(&mut *out, self).expect("a finding serialises into memory");
        out.push(b'\n');
    }
}

pub fn write_lines(out: &mut dyn Write, result: &FileResult) -> io::Result<()> {
    let index = LineIndex::new(&result.text);
    // Each line is rendered into a buffer and written whole: one call into
    // the output stack per finding.
    let mut line = Vec::with_capacity(512);
    for f in &result.report.findings {
        line.clear();
        FindingJson::new(&result.path, &result.text, &index, f).write_line(&mut line);
        out.write_all(&line)?;
    }
    Ok(())
}

/// Gathers the one-document output: every finding, and per-file figures.
#[derive(Default)]
pub struct Collector {
    findings: Vec<serde_json::Value>,
    files: Vec<serde_json::Value>,
}

impl Collector {
    pub fn add(&mut self, result: &FileResult) {
        let index = LineIndex::new(&result.text);
        for f in &result.report.findings {
            let j = FindingJson::new(&result.path, &result.text, &index, f);
            self.findings
                .push(serde_json::to_value(j).expect("finding serialises"));
        }
        self.files.push(serde_json::json!({
            "path": result.path,
            "words": result.report.words,
            "findings": result.report.findings.len(),
            "density": (result.report.density() * 100.0).round() / 100.0,
            "source_guess": source_guess::guess(&result.text, &result.report.findings),
        }));
    }

    pub fn write(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let doc = serde_json::json!({
            "version": 1,
            "findings": self.findings,
            "files": self.files,
        });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Category, Docs, RuleMeta, Severity};
    use std::sync::Arc;

    const TRICKY: &str = "q\"b\\s/\u{0}\u{8}\t\n\u{b}\u{c}\r\u{1f}\u{7f} é “x” \u{2028}";

    fn finding(message: Option<&str>, replacements: &[&str], safe: bool) -> Finding {
        Finding {
            rule: Arc::new(RuleMeta {
                id: "calque.x.\"y\"".into(),
                pack: "x".into(),
                category: Category::Calque,
                severity: Severity::Warning,
                message: TRICKY.into(),
                safe,
                fixable: !replacements.is_empty(),
                opt_in: false,
                origin: String::new(),
                line: 0,
                docs: Docs::explanation(""),
            }),
            start: 0,
            end: 18_446_744_073_709_551_615,
            replacements: replacements.iter().map(|r| r.to_string()).collect(),
            message: message.map(str::to_string),
            severity: Severity::Error,
        }
    }

    #[test]
    fn lines_are_what_serde_json_writes() {
        let findings = [
            finding(None, &["a", TRICKY], true),
            finding(None, &[], false),
            finding(Some(TRICKY), &["a"], false),
        ];
        for f in &findings {
            let j = FindingJson::at("dir/\"odd\".txt", TRICKY, f, (1, 10), (1234567, 99));
            let mut expected = serde_json::to_vec(&j).unwrap();
            expected.push(b'\n');
            let mut line = b"before".to_vec();
            j.write_line(&mut line);
            // One line: control characters in the text are escaped.
            assert_eq!(line.iter().filter(|&&b| b == b'\n').count(), 1);
            assert_eq!(
                String::from_utf8(line).unwrap(),
                format!("before{}", String::from_utf8(expected).unwrap())
            );
        }
    }
}
