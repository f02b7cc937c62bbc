//! reviewdog's Diagnostic JSON (`rdjson`), with suggestions for the fixes.
//!
//! Positions are 1-based; columns count UTF-8 bytes, as reviewdog expects.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::FileResult;
use crate::baseline::path_key;
use crate::finding::LineIndex;
use crate::rules::Severity;

#[derive(Default)]
pub struct Collector {
    diagnostics: Vec<Value>,
}

fn position(index: &LineIndex, text: &str, offset: usize) -> Value {
    let (line, _) = index.position(offset);
    let start = index.line_start(line - 1).unwrap_or(0);
    let _ = text;
    json!({ "line": line, "column": offset - start + 1 })
}

impl Collector {
    pub fn add(&mut self, result: &FileResult) {
        let index = LineIndex::new(&result.text);
        let path = path_key(&result.path);
        for f in &result.report.findings {
            let range = json!({
                "start": position(&index, &result.text, f.start),
                "end": position(&index, &result.text, f.end),
            });
            let severity = match f.severity {
                Severity::Error => "ERROR",
                Severity::Warning => "WARNING",
                Severity::Info => "INFO",
            };
            let mut d = json!({
                "message": f.message(),
                "location": { "path": path, "range": range },
                "severity": severity,
                "code": { "value": f.rule.id },
            });
            if !f.replacements.is_empty() {
                d["suggestions"] = Value::Array(
                    f.replacements
                        .iter()
                        .map(|r| json!({ "range": range, "text": r }))
                        .collect(),
                );
            }
            self.diagnostics.push(d);
        }
    }

    pub fn write(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let doc = json!({
            "source": { "name": "calque" },
            "diagnostics": self.diagnostics,
        });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}
