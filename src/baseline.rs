//! Baselines: accept the findings a repository has today, fail on new ones.
//!
//! A finding's fingerprint is a hash of its rule, its flagged text
//! (lower-cased, spaces collapsed) and a little context (up to three words
//! either side, on the same line), never its line or column: edits elsewhere in the file do
//! not change it. A baseline counts fingerprints per file, so a phrase that
//! appears twice and is baselined once lets one new occurrence through.
//!
//! ```json
//! { "version": 1, "files": { "press/a.md": { "3f0c…": 1 } } }
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::finding::Finding;

/// Words of context taken on each side of the flagged text.
const CONTEXT_WORDS: usize = 3;

/// The stable fingerprint of a finding in `text` (16 hex digits).
pub fn fingerprint(text: &str, f: &Finding) -> String {
    let flagged = normalise(text.get(f.start..f.end).unwrap_or(""));
    let before = words(tail(&text[..f.start.min(text.len())]));
    let before = &before[before.len().saturating_sub(CONTEXT_WORDS)..];
    let after = words(head(&text[f.end.min(text.len())..]));
    let after = &after[..after.len().min(CONTEXT_WORDS)];
    let key = format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}",
        f.rule.id,
        flagged,
        before.join(" "),
        after.join(" ")
    );
    format!("{:016x}", fnv1a(key.as_bytes()))
}

/// Lower-cased words (letters and digits) of `s`.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The last 80 bytes of `s`'s last line (context is local).
fn tail(s: &str) -> &str {
    let s = s.rfind('\n').map_or(s, |p| &s[p + 1..]);
    let mut a = s.len().saturating_sub(80);
    while !s.is_char_boundary(a) {
        a += 1;
    }
    &s[a..]
}

/// The first 80 bytes of `s`'s first line.
fn head(s: &str) -> &str {
    let s = s.find('\n').map_or(s, |p| &s[..p]);
    let mut b = s.len().min(80);
    while !s.is_char_boundary(b) {
        b -= 1;
    }
    &s[..b]
}

fn normalise(s: &str) -> String {
    s.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// 64-bit FNV-1a: small, stable across versions and platforms.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// How a path is keyed in a baseline: `/`-separated, without a leading `./`.
pub fn path_key(path: &str) -> String {
    let p = path.replace('\\', "/");
    let mut p = p.as_str();
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    p.to_string()
}

/// Fingerprint counts per file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub files: BTreeMap<String, BTreeMap<String, usize>>,
}

impl Baseline {
    pub fn new() -> Baseline {
        Baseline {
            version: 1,
            files: BTreeMap::new(),
        }
    }

    /// Record a file's findings.
    pub fn add(&mut self, path: &str, text: &str, findings: &[Finding]) {
        if findings.is_empty() {
            return;
        }
        let counts = self.files.entry(path_key(path)).or_default();
        for f in findings {
            *counts.entry(fingerprint(text, f)).or_default() += 1;
        }
    }

    /// The findings of a file that the baseline does not cover, in order.
    pub fn new_findings(&self, path: &str, text: &str, findings: Vec<Finding>) -> Vec<Finding> {
        let Some(known) = self.files.get(&path_key(path)) else {
            return findings;
        };
        let mut left = known.clone();
        findings
            .into_iter()
            .filter(|f| match left.get_mut(&fingerprint(text, f)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
            .collect()
    }

    pub fn read(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
        let b: Baseline = serde_json::from_str(&text)
            .map_err(|e| format!("{}: not a calque baseline: {e}", path.display()))?;
        if b.version != 1 {
            return Err(format!(
                "{}: baseline version {} is not supported",
                path.display(),
                b.version
            ));
        }
        Ok(b)
    }

    pub fn write(&self, path: &Path) -> Result<(), String> {
        let mut json = serde_json::to_string_pretty(self).expect("baseline serialises");
        json.push('\n');
        std::fs::write(path, json)
            .map_err(|e| format!("cannot write baseline {}: {e}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Category, Docs, RuleMeta, Severity};
    use std::sync::Arc;

    fn finding(text: &str, needle: &str, nth: usize) -> Finding {
        let start = text.match_indices(needle).nth(nth).unwrap().0;
        Finding {
            rule: Arc::new(RuleMeta {
                id: "calque.t.x".into(),
                pack: "t".into(),
                category: Category::Calque,
                severity: Severity::Warning,
                message: "m".into(),
                safe: false,
                fixable: false,
                opt_in: false,
                origin: String::new(),
                line: 0,
                docs: Docs::explanation(""),
            }),
            start,
            end: start + needle.len(),
            replacements: vec![],
            message: None,
            severity: Severity::Warning,
        }
    }

    #[test]
    fn fingerprint_ignores_lines_but_not_context() {
        let a = "He spoke till now in the hall.";
        let b = "New first line.\n\nHe spoke  till now in the hall.";
        assert_eq!(
            fingerprint(a, &finding(a, "till now", 0)),
            fingerprint(b, &finding(b, "till now", 0))
        );
        let c = "She waited till now at the gate.";
        assert_ne!(
            fingerprint(a, &finding(a, "till now", 0)),
            fingerprint(c, &finding(c, "till now", 0))
        );
    }

    #[test]
    fn counts_duplicates() {
        let t = "till now. till now. till now.";
        let fs: Vec<Finding> = (0..2).map(|i| finding(t, "till now", i)).collect();
        let mut b = Baseline::new();
        b.add("./a.txt", t, &fs);
        let all: Vec<Finding> = (0..3).map(|i| finding(t, "till now", i)).collect();
        assert_eq!(b.new_findings("a.txt", t, all).len(), 1);
    }
}
