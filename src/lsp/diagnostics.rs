//! Findings as diagnostics, and hovers with a rule's explanation.

use lsp_types::{
    Diagnostic, DiagnosticSeverity, Hover, HoverContents, MarkupContent, MarkupKind, NumberOrString,
};

use super::document::Encoding;
use super::Doc;
use crate::finding::Finding;
use crate::rules::Severity;

pub const SOURCE: &str = "calque";

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

pub fn diagnostic(doc: &Doc, f: &Finding, enc: Encoding) -> Diagnostic {
    let mut message = f.message().to_string();
    if let Some(first) = f.replacements.first() {
        if first.is_empty() {
            message.push_str(" (fix: delete)");
        } else {
            message.push_str(&format!(" (fix: “{first}”)"));
        }
    }
    Diagnostic {
        range: doc.text.range(f.start, f.end, enc),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule.id.clone())),
        source: Some(SOURCE.into()),
        message,
        ..Diagnostic::default()
    }
}

/// The rule behind each finding under byte `offset`: id, message and explanation.
pub fn hover(doc: &Doc, offset: usize, enc: Encoding) -> Option<Hover> {
    let under: Vec<&Finding> = doc
        .findings
        .iter()
        .filter(|f| f.start <= offset && offset <= f.end)
        .collect();
    let first = under.first()?;
    let mut text = String::new();
    for f in &under {
        if !text.is_empty() {
            text.push_str("\n\n---\n\n");
        }
        text.push_str(&format!(
            "**{}** ({}): {}\n\n{}",
            f.rule.id,
            f.severity.as_str(),
            f.message(),
            f.rule.explanation().trim()
        ));
        if let Some(safety) = f.fix_safety() {
            text.push_str(&format!("\n\nFix ({safety}): "));
            let list: Vec<String> = f
                .replacements
                .iter()
                .map(|r| {
                    if r.is_empty() {
                        "delete".to_string()
                    } else {
                        format!("“{r}”")
                    }
                })
                .collect();
            text.push_str(&list.join(", "));
        }
    }
    let end = under.iter().map(|f| f.end).max().unwrap_or(first.end);
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(doc.text.range(first.start, end, enc)),
    })
}
