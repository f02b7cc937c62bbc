//! SARIF 2.1.0, for GitHub code scanning and other SARIF consumers.
//!
//! Rules seen in the run are described in `tool.driver.rules`; each result
//! carries its region (1-based lines, columns in Unicode code points), its
//! fixes, and a `partialFingerprints` entry (`calque/v1`, see
//! [`crate::baseline::fingerprint`]) that survives edits elsewhere in the file.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::Arc;

use serde_json::{json, Value};

use super::FileResult;
use crate::baseline::{fingerprint, path_key};
use crate::finding::LineIndex;
use crate::rules::{RuleMeta, Severity};

#[derive(Default)]
pub struct Collector {
    rules: BTreeMap<String, Arc<RuleMeta>>,
    /// Results with their rule id (indexes are filled in at the end).
    results: Vec<(String, Value)>,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a relative URI reference: `/`-separated, percent-encoded.
pub fn uri(path: &str) -> String {
    let mut out = String::new();
    for b in path_key(path).bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

impl Collector {
    pub fn add(&mut self, result: &FileResult) {
        let index = LineIndex::new(&result.text);
        let uri = uri(&result.path);
        for f in &result.report.findings {
            self.rules
                .entry(f.rule.id.clone())
                .or_insert_with(|| f.rule.clone());
            let (start_line, start_col) = index.position(f.start);
            let (end_line, end_col) = index.position(f.end);
            let region = json!({
                "startLine": start_line,
                "startColumn": start_col,
                "endLine": end_line,
                "endColumn": end_col,
                "charOffset": index.chars_before(f.start),
                "charLength": result.text[f.start..f.end].chars().count(),
                "snippet": { "text": &result.text[f.start..f.end] },
            });
            let mut r = json!({
                "ruleId": f.rule.id,
                "level": level(f.severity),
                "message": { "text": f.message() },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": region,
                    }
                }],
                "partialFingerprints": { "calque/v1": fingerprint(&result.text, f) },
            });
            if !f.replacements.is_empty() {
                let fixes: Vec<Value> = f
                    .replacements
                    .iter()
                    .map(|rep| {
                        let desc = if rep.is_empty() {
                            "Delete the text".to_string()
                        } else {
                            format!("Write “{rep}”")
                        };
                        json!({
                            "description": { "text": desc },
                            "artifactChanges": [{
                                "artifactLocation": { "uri": uri },
                                "replacements": [{
                                    "deletedRegion": {
                                        "startLine": start_line,
                                        "startColumn": start_col,
                                        "endLine": end_line,
                                        "endColumn": end_col,
                                    },
                                    "insertedContent": { "text": rep },
                                }]
                            }]
                        })
                    })
                    .collect();
                r["fixes"] = Value::Array(fixes);
            }
            self.results.push((f.rule.id.clone(), r));
        }
    }

    pub fn write(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let ids: Vec<&String> = self.rules.keys().collect();
        let rules: Vec<Value> = self
            .rules
            .values()
            .map(|m| {
                let mut help = m.explanation().trim().to_string();
                if help.is_empty() {
                    help = m.message.clone();
                }
                json!({
                    "id": m.id,
                    "name": m.id.rsplit('.').next().unwrap_or(&m.id),
                    "shortDescription": { "text": m.message },
                    "fullDescription": { "text": help },
                    "help": { "text": help },
                    "defaultConfiguration": { "level": level(m.severity) },
                    "properties": {
                        "tags": [m.pack, m.category.as_str()],
                        "pack": m.pack,
                        "category": m.category.as_str(),
                        "fixable": m.fixable,
                    }
                })
            })
            .collect();
        let results: Vec<Value> = self
            .results
            .drain(..)
            .map(|(id, mut r)| {
                let i = ids.iter().position(|x| **x == id).unwrap_or(0);
                r["ruleIndex"] = json!(i);
                r
            })
            .collect();
        let doc = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": "calque",
                        "version": env!("CARGO_PKG_VERSION"),
                        "semanticVersion": env!("CARGO_PKG_VERSION"),
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }]
        });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}
