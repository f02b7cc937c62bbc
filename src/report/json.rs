//! The JSON contract other tools read. Keep field names and meanings stable.

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::Arc;

use serde::Serialize;

use super::FileResult;
use crate::finding::{Finding, LineIndex};
use crate::lint::source_guess;
use crate::rules::{RuleMeta, Severity};

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
    /// Append this finding (built from `f`) as one line of JSON, with its
    /// `\n`: the one place both the whole-file and the streamed JSON lines
    /// are written. The same bytes as serde_json writes for the whole
    /// struct, with the part its rule decides taken from `rules`.
    pub fn write_line(&self, f: &Finding, rules: &mut RuleFragments, out: &mut Vec<u8>) {
        if f.message.is_some() {
            // A message of the finding's own: nothing to reuse.
            serde_json::to_writer(&mut *out, self).expect("a finding serialises into memory");
            out.push(b'\n');
            return;
        }
        let head = PathJson { path: self.path };
        serde_json::to_writer(&mut *out, &head).expect("a path serialises into memory");
        // `{"path":…}` + `{"rule":…}` + `{"start":…}`, joined into one object.
        out.pop();
        out.push(b',');
        out.extend_from_slice(inside_braces(rules.rendered(f, self)));
        out.push(b',');
        let tail_at = out.len();
        serde_json::to_writer(&mut *out, &PlaceJson::from(self))
            .expect("a finding serialises into memory");
        out.remove(tail_at);
        out.push(b'\n');
    }
}

/// The first field of a finding's line.
#[derive(Serialize)]
struct PathJson<'a> {
    path: &'a str,
}

/// The fields of a finding's line that its rule and severity decide.
#[derive(Serialize)]
struct RuleJson<'a> {
    rule: &'a str,
    pack: &'a str,
    category: &'a str,
    severity: &'a str,
    message: &'a str,
}

/// The fields of a finding's line after its rule's.
#[derive(Serialize)]
struct PlaceJson<'a> {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    text: &'a str,
    replacements: &'a [String],
    fix_safety: Option<&'static str>,
}

impl<'a> From<&FindingJson<'a>> for PlaceJson<'a> {
    fn from(j: &FindingJson<'a>) -> Self {
        PlaceJson {
            start: j.start,
            end: j.end,
            line: j.line,
            column: j.column,
            end_line: j.end_line,
            end_column: j.end_column,
            text: j.text,
            replacements: j.replacements,
            fix_safety: j.fix_safety,
        }
    }
}

/// `{…}` without its braces.
fn inside_braces(object: &[u8]) -> &[u8] {
    &object[1..object.len() - 1]
}

/// The rule fields of JSON lines (`"rule":…,"message":…`), rendered once
/// per rule and severity rather than once per finding: escaping the same
/// message byte by byte for every finding was half the cost of a line.
#[derive(Default)]
pub struct RuleFragments {
    /// By the rule's address (the rule is kept, so the address is not
    /// reused) and severity: the rendered [`RuleJson`].
    rendered: HashMap<(usize, Severity), (Arc<RuleMeta>, Vec<u8>)>,
}

impl RuleFragments {
    /// The rendered rule fields of `j`, built from `f` (whose message is
    /// its rule's).
    fn rendered(&mut self, f: &Finding, j: &FindingJson) -> &[u8] {
        let key = (Arc::as_ptr(&f.rule) as usize, f.severity);
        let (_, bytes) = self.rendered.entry(key).or_insert_with(|| {
            let rule = RuleJson {
                rule: j.rule,
                pack: j.pack,
                category: j.category,
                severity: j.severity,
                message: j.message,
            };
            let bytes = serde_json::to_vec(&rule).expect("a rule serialises into memory");
            (Arc::clone(&f.rule), bytes)
        });
        bytes
    }
}

pub fn write_lines(out: &mut dyn Write, result: &FileResult) -> io::Result<()> {
    let index = LineIndex::new(&result.text);
    let mut rules = RuleFragments::default();
    // Each line is rendered into a buffer and written whole: one call into
    // the output stack per finding.
    let mut line = Vec::with_capacity(512);
    for f in &result.report.findings {
        line.clear();
        FindingJson::new(&result.path, &result.text, &index, f)
            .write_line(f, &mut rules, &mut line);
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
    use crate::rules::{Category, Docs};

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
        let mut rules = RuleFragments::default();
        // Twice: the second time the rule fields are reused.
        for f in findings.iter().chain(&findings) {
            let j = FindingJson::at("dir/\"odd\".txt", TRICKY, f, (1, 10), (1234567, 99));
            let mut expected = serde_json::to_vec(&j).unwrap();
            expected.push(b'\n');
            let mut line = b"before".to_vec();
            j.write_line(f, &mut rules, &mut line);
            assert_eq!(
                String::from_utf8(line).unwrap(),
                format!("before{}", String::from_utf8(expected).unwrap())
            );
        }
    }
}
