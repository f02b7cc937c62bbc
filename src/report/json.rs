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
    /// Append this finding as one line of JSON (with its `\n`): the same
    /// bytes `serde_json::to_writer` gives, written directly. Why: the JSON
    /// lines output is most of what a large run does besides linting, and
    /// the generic serializer spends several times as long per finding.
    pub fn write_line(&self, out: &mut Vec<u8>) {
        // `{"path":…` then `,"name":…` for each other field, in the
        // struct's order.
        let field = |out: &mut Vec<u8>, name: &str| {
            out.extend_from_slice(b",\"");
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(b"\":");
        };
        out.extend_from_slice(b"{\"path\":");
        push_string(out, self.path);
        for (name, value) in [
            ("rule", self.rule),
            ("pack", self.pack),
            ("category", self.category),
            ("severity", self.severity),
            ("message", self.message),
        ] {
            field(out, name);
            push_string(out, value);
        }
        for (name, value) in [
            ("start", self.start),
            ("end", self.end),
            ("line", self.line),
            ("column", self.column),
            ("end_line", self.end_line),
            ("end_column", self.end_column),
        ] {
            field(out, name);
            push_number(out, value);
        }
        field(out, "text");
        push_string(out, self.text);
        field(out, "replacements");
        out.push(b'[');
        for (i, r) in self.replacements.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            push_string(out, r);
        }
        out.push(b']');
        field(out, "fix_safety");
        match self.fix_safety {
            Some(s) => push_string(out, s),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b"}\n");
    }
}

/// `s` as a JSON string, escaped as serde_json escapes: `"`, `\\` and
/// control characters only (short forms where JSON has them, else `\u00xx`).
fn push_string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut plain = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time while none of them needs escaping.
        if let Some(chunk) = bytes.get(i..i + 8) {
            if !may_need_escape(u64::from_le_bytes(chunk.try_into().expect("eight bytes"))) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        i += 1;
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        let at = i - 1;
        out.extend_from_slice(&bytes[plain..at]);
        plain = i;
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
                out.extend_from_slice(&[HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]]);
                continue;
            }
        };
        out.extend_from_slice(&[b'\\', short]);
    }
    out.extend_from_slice(&bytes[plain..]);
    out.push(b'"');
}

/// Might one of the eight bytes of `word` need escaping (a control
/// character, `"` or `\\`)? Never wrong when it says no; a rare yes for a
/// byte that does not is sorted out byte by byte.
fn may_need_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    // A byte below `n` (for n <= 0x80) sets its high bit in `x - n`.
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * n as u64) & !x & HIGH;
    below(word, 0x20)
        | below(word ^ (ONES * b'"' as u64), 1)
        | below(word ^ (ONES * b'\\' as u64), 1)
        != 0
}

/// `n` in decimal.
fn push_number(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
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

    #[test]
    fn lines_are_what_serde_json_writes() {
        let tricky = "q\"b\\s/\u{0}\u{8}\t\n\u{b}\u{c}\r\u{1f}\u{7f} é “x” \u{2028}";
        let replacements = ["a".to_string(), tricky.to_string()];
        for (replacements, fix_safety) in [(&replacements[..], Some("unsafe")), (&[][..], None)] {
            let j = FindingJson {
                path: "dir/\"odd\".txt",
                rule: "calque.x.y",
                pack: "x",
                category: "calque",
                severity: "warning",
                message: tricky,
                start: 0,
                end: 18_446_744_073_709_551_615,
                line: 1,
                column: 10,
                end_line: 1234567,
                end_column: 99,
                text: tricky,
                replacements,
                fix_safety,
            };
            let mut expected = serde_json::to_vec(&j).unwrap();
            expected.push(b'\n');
            let mut line = Vec::new();
            j.write_line(&mut line);
            assert_eq!(
                String::from_utf8(line).unwrap(),
                String::from_utf8(expected).unwrap()
            );
        }
    }

    #[test]
    fn strings_escape_at_every_position() {
        for special in ["\"", "\\", "\n", "\u{1}", "\u{1f}", "é", " ", "\u{7f}"] {
            for at in 0..20 {
                let mut s = "abcdefghijklmnopqrst".to_string();
                s.insert_str(at, special);
                let mut out = Vec::new();
                push_string(&mut out, &s);
                assert_eq!(out, serde_json::to_vec(&s).unwrap(), "{s:?}");
            }
        }
    }
}
