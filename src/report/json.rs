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
    ///
    /// Written by hand, byte for byte what `serde_json` writes for the
    /// struct (a test holds it to that): through serde, every key was
    /// escaped afresh and every string was escaped byte by byte, and a
    /// 10 MB corpus spent 5% of its run here.
    pub fn write_line(&self, out: &mut Vec<u8>) {
        let string = |out: &mut Vec<u8>, key: &[u8], value: &str| {
            out.extend_from_slice(key);
            write_json_str(out, value);
        };
        let mut numbers = itoa::Buffer::new();
        let mut number = |out: &mut Vec<u8>, key: &[u8], n: usize| {
            out.extend_from_slice(key);
            out.extend_from_slice(numbers.format(n).as_bytes());
        };
        string(out, b"{\"path\":", self.path);
        string(out, b",\"rule\":", self.rule);
        string(out, b",\"pack\":", self.pack);
        string(out, b",\"category\":", self.category);
        string(out, b",\"severity\":", self.severity);
        string(out, b",\"message\":", self.message);
        number(out, b",\"start\":", self.start);
        number(out, b",\"end\":", self.end);
        number(out, b",\"line\":", self.line);
        number(out, b",\"column\":", self.column);
        number(out, b",\"end_line\":", self.end_line);
        number(out, b",\"end_column\":", self.end_column);
        string(out, b",\"text\":", self.text);
        out.extend_from_slice(b",\"replacements\":[");
        for (i, r) in self.replacements.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            write_json_str(out, r);
        }
        out.extend_from_slice(b"],\"fix_safety\":");
        match self.fix_safety {
            Some(safety) => write_json_str(out, safety),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b"}\n");
    }
}

/// Does JSON need `b` escaped in a string: a quote, a backslash or a
/// control character? (Like `serde_json`, DEL and U+2028 go through as
/// they are.)
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Append `s` as a JSON string, escaped as `serde_json` escapes it.
fn write_json_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.push(b'"');
    // Most strings need no escape: one test over all their bytes (a fold
    // with no early exit, which the compiler vectorises) and one copy.
    if !bytes.iter().fold(false, |any, &b| any | needs_escape(b)) {
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    let mut copied = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !needs_escape(b) {
            continue;
        }
        out.extend_from_slice(&bytes[copied..i]);
        copied = i + 1;
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            0x0c => b'f',
            b'\n' => b'n',
            b'\r' => b'r',
            b'\t' => b't',
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xf)]);
                continue;
            }
        };
        out.push(b'\\');
        out.push(short);
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
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

    proptest::proptest! {
        /// Any strings and numbers: the hand-written line is what
        /// serde_json writes.
        #[test]
        fn any_line_is_what_serde_json_writes(
            path in "\\PC{0,12}",
            flagged in "[\\x00-\\x7f]{0,20}|\\PC{0,20}",
            message in proptest::option::of("[ -~\\x00-\\x1f\\x7f\u{e9}\u{2028}]{0,30}"),
            replacements in proptest::collection::vec("[\\x00-\\x7f]{0,8}", 0..3),
            start in 0usize..,
            position in (0usize.., 0usize..),
        ) {
            let refs: Vec<&str> = replacements.iter().map(String::as_str).collect();
            let f = finding(message.as_deref(), &refs, start % 2 == 0);
            let j = FindingJson::at(&path, &flagged, &f, position, (start, position.1));
            let mut expected = serde_json::to_vec(&j).unwrap();
            expected.push(b'\n');
            let mut line = Vec::new();
            j.write_line(&mut line);
            proptest::prop_assert_eq!(line, expected);
        }
    }
}
