//! Code actions: a quick fix per replacement, "ignore this rule here", and
//! "fix all safe findings in this file" (`source.fixAll.calque`).

use std::collections::HashMap;

use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, WorkspaceEdit};

use super::diagnostics::diagnostic;
use super::document::Encoding;
use super::Doc;
use crate::fix::{self, Edit};
use crate::source::SourceKind;

/// The kind of the fix-all action.
pub const FIX_ALL: &str = "source.fixAll.calque";

/// Is an action of `kind` wanted, given the client's `only` filter?
/// A filter entry matches its own kind and every kind below it (`source`
/// matches `source.fixAll.calque`).
fn wanted(only: Option<&[CodeActionKind]>, kind: &str) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|k| {
            let k = k.as_str();
            kind == k || (kind.starts_with(k) && kind.as_bytes().get(k.len()) == Some(&b'.'))
        })
    })
}

/// The actions for byte range `start..end` of a document that has been linted.
pub fn code_actions(
    doc: &Doc,
    enc: Encoding,
    start: usize,
    end: usize,
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeActionOrCommand> {
    let mut actions = Vec::new();
    let text = doc.snapshot.as_str();
    let here: Vec<_> = doc
        .findings
        .iter()
        .filter(|f| f.start <= end && start <= f.end)
        .collect();

    if wanted(only, CodeActionKind::QUICKFIX.as_str()) {
        for f in &here {
            let diag = diagnostic(doc, f, enc);
            for (i, replacement) in f.replacements.iter().enumerate() {
                let edit = fix::tidy(
                    text,
                    Edit {
                        start: f.start,
                        end: f.end,
                        text: replacement.clone(),
                    },
                );
                let found = &text[f.start..f.end];
                let title = if replacement.is_empty() {
                    format!("Delete “{found}”")
                } else {
                    format!("Replace “{found}” with “{replacement}”")
                };
                actions.push(CodeAction {
                    title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diag.clone()]),
                    edit: Some(workspace_edit(doc, vec![text_edit(doc, &edit, enc)])),
                    is_preferred: Some(i == 0 && f.rule.safe),
                    ..CodeAction::default()
                });
            }
        }
        if matches!(doc.kind, SourceKind::Markdown | SourceKind::Html) {
            let mut seen = Vec::new();
            for f in &here {
                let line_start = doc.text.line_start(f.start);
                if seen.contains(&(line_start, &f.rule.id)) {
                    continue;
                }
                seen.push((line_start, &f.rule.id));
                let indent: String = text[line_start..]
                    .chars()
                    .take_while(|c| *c == ' ' || *c == '\t')
                    .collect();
                let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
                let comment = format!(
                    "{indent}<!-- calque-disable-next-line {} -->{newline}",
                    f.rule.id
                );
                let edit = Edit {
                    start: line_start,
                    end: line_start,
                    text: comment,
                };
                actions.push(CodeAction {
                    title: format!("Ignore {} on this line", f.rule.id),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic(doc, f, enc)]),
                    edit: Some(workspace_edit(doc, vec![text_edit(doc, &edit, enc)])),
                    is_preferred: Some(false),
                    ..CodeAction::default()
                });
            }
        }
    }

    if wanted(only, FIX_ALL) {
        if let Some(action) = fix_all(doc, enc) {
            actions.push(action);
        }
    }
    actions
        .into_iter()
        .map(CodeActionOrCommand::CodeAction)
        .collect()
}

/// Every safe fix of the file at once, as one edit over the span that changes.
pub fn fix_all(doc: &Doc, enc: Encoding) -> Option<CodeAction> {
    let text = doc.snapshot.as_str();
    let edits: Vec<Edit> = doc
        .findings
        .iter()
        .filter(|f| f.rule.safe)
        .filter_map(Edit::from_finding)
        .collect();
    if edits.is_empty() {
        return None;
    }
    let (fixed, _skipped) = fix::apply(text, &edits);
    let edit = minimal_edit(text, &fixed)?;
    Some(CodeAction {
        title: format!(
            "Fix all safe calque findings in this file ({})",
            edits.len()
        ),
        kind: Some(CodeActionKind::from(FIX_ALL)),
        edit: Some(workspace_edit(doc, vec![text_edit(doc, &edit, enc)])),
        ..CodeAction::default()
    })
}

/// One edit turning `old` into `new`: the span between their common prefix
/// and suffix (on character boundaries). `None` when they are equal.
pub fn minimal_edit(old: &str, new: &str) -> Option<Edit> {
    if old == new {
        return None;
    }
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    Some(Edit {
        start: prefix,
        end: old.len() - suffix,
        text: new[prefix..new.len() - suffix].to_string(),
    })
}

fn text_edit(doc: &Doc, edit: &Edit, enc: Encoding) -> TextEdit {
    TextEdit {
        range: Range::new(
            doc.text.position(edit.start, enc),
            doc.text.position(edit.end, enc),
        ),
        new_text: edit.text.clone(),
    }
}

fn workspace_edit(doc: &Doc, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(doc.uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_edit_keeps_common_ends() {
        let e = minimal_edit("met the the envoy", "met the envoy").unwrap();
        assert_eq!((e.start, e.end, e.text.as_str()), (8, 12, ""));
        let e = minimal_edit("a “b” c", "a “d” c").unwrap();
        assert_eq!(&"a “b” c"[e.start..e.end], "b");
        assert_eq!(e.text, "d");
        // Characters sharing leading bytes are not split.
        let e = minimal_edit("x—y", "x–y").unwrap();
        assert_eq!(&"x—y"[e.start..e.end], "—");
        assert!(minimal_edit("same", "same").is_none());
    }

    #[test]
    fn only_filter_matches_kind_prefixes() {
        let src = [CodeActionKind::SOURCE];
        assert!(wanted(Some(&src), FIX_ALL));
        assert!(!wanted(Some(&src), "quickfix"));
        let fa = [CodeActionKind::SOURCE_FIX_ALL];
        assert!(wanted(Some(&fa), FIX_ALL));
        assert!(wanted(None, "quickfix"));
        let sfx = [CodeActionKind::from("source.fix")];
        assert!(!wanted(Some(&sfx), FIX_ALL));
    }
}
