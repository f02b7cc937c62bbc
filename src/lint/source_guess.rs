//! Which source language's fingerprints dominate a document.
//!
//! A desk editor receiving partner copy wants to know where it came from.
//! Each finding from a language pack is a vote for that language (errors
//! weigh more than style notes); the guess is the language with most weight,
//! given only when the evidence is more than a single stray finding.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::finding::Finding;
use crate::rules::Severity;

/// The guess, with the evidence behind it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SourceGuess {
    /// The pack name: `fa`, `ar`, `zh`, …
    pub language: String,
    /// Its English name, when known.
    pub name: &'static str,
    /// Share of the language-specific evidence (0–1).
    pub confidence: f64,
    /// Findings from this language's pack.
    pub findings: usize,
    /// Up to five flagged texts that led to the guess.
    pub evidence: Vec<String>,
}

/// English names of the source-language packs.
pub fn language_name(pack: &str) -> &'static str {
    match pack {
        "fa" => "Persian",
        "ar" => "Arabic",
        "zh" => "Chinese",
        "ru" => "Russian",
        "tr" => "Turkish",
        "az" => "Azerbaijani",
        "ko" => "Korean",
        "vi" => "Vietnamese",
        "uz" => "Uzbek",
        "am" => "Amharic",
        "kk" => "Kazakh",
        "hy" => "Armenian",
        "ur" => "Urdu",
        _ => "",
    }
}

fn weight(s: Severity) -> f64 {
    match s {
        Severity::Error => 3.0,
        Severity::Warning => 2.0,
        Severity::Info => 1.0,
    }
}

/// Guess the source language of a document from its findings (`text` is the
/// file they index).
pub fn guess(text: &str, findings: &[Finding]) -> Option<SourceGuess> {
    let mut scores: BTreeMap<&str, (f64, Vec<&Finding>)> = BTreeMap::new();
    for f in findings {
        let pack = f.rule.pack.as_str();
        // Only packs named for a source language are evidence.
        if language_name(pack).is_empty() {
            continue;
        }
        let entry = scores.entry(pack).or_default();
        entry.0 += weight(f.rule.severity);
        entry.1.push(f);
    }
    let total: f64 = scores.values().map(|(w, _)| w).sum();
    let (lang, (score, hits)) = scores
        .into_iter()
        .max_by(|a, b| a.1 .0.total_cmp(&b.1 .0).then(b.0.cmp(a.0)))?;
    // One info-level hit is not a fingerprint.
    if score < 2.0 {
        return None;
    }
    let mut evidence: Vec<String> = Vec::new();
    for f in &hits {
        let t = text[f.start..f.end].to_string();
        if !evidence.contains(&t) {
            evidence.push(t);
        }
        if evidence.len() == 5 {
            break;
        }
    }
    Some(SourceGuess {
        language: lang.to_string(),
        name: language_name(lang),
        confidence: ((score / total) * 100.0).round() / 100.0,
        findings: hits.len(),
        evidence,
    })
}

impl std::fmt::Display for SourceGuess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({}), {:.0}% of the language-specific evidence, {} finding{}: ",
            self.name,
            self.language,
            self.confidence * 100.0,
            self.findings,
            if self.findings == 1 { "" } else { "s" }
        )?;
        let quoted: Vec<String> = self.evidence.iter().map(|e| format!("“{e}”")).collect();
        f.write_str(&quoted.join(", "))
    }
}
