//! Suppression comments: turning rules off for a line or a region.
//!
//! In Markdown and HTML:
//!
//! ```text
//! <!-- calque-disable-next-line calque.fa.in-the-margin-of -->
//! <!-- calque-disable fa, article -->  …  <!-- calque-enable -->
//! ```
//!
//! In plain text, a line holding only the directive (no comment marks):
//!
//! ```text
//! calque-disable-next-line calque.fa.till-now
//! ```
//!
//! A directive names rules by id, id prefix, pack or category, several
//! separated by commas or spaces; none means every rule.
//! `calque-disable-next-line` covers the next non-blank line after the
//! directive. `calque-disable` runs to the next `calque-enable` (one naming
//! no rule closes every open region; one naming rules closes the regions
//! that named them) or to the end of the file.
//!
//! A directive that suppressed nothing can be reported as a finding of
//! [`UNUSED_RULE_ID`] (`--report-unused-suppressions`).

use std::sync::{Arc, OnceLock};

use crate::finding::Finding;
use crate::rules::select::selector_matches;
use crate::rules::{Category, Docs, RuleMeta, Severity};

/// The rule id of unused-suppression findings.
pub const UNUSED_RULE_ID: &str = "calque.meta.unused-suppression";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectiveKind {
    Disable,
    Enable,
    DisableNextLine,
}

impl DirectiveKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DirectiveKind::Disable => "calque-disable",
            DirectiveKind::Enable => "calque-enable",
            DirectiveKind::DisableNextLine => "calque-disable-next-line",
        }
    }
}

/// One suppression comment and where it is in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// Rule ids, prefixes, packs or categories; empty: every rule.
    pub selectors: Vec<String>,
    /// Byte range of the whole comment (or plain-text line) in the file.
    pub start: usize,
    pub end: usize,
}

/// Read a directive from a comment's inner text (`calque-disable fa`), if it is one.
pub fn parse_directive(body: &str) -> Option<(DirectiveKind, Vec<String>)> {
    let body = body.trim();
    let (kind, rest) = [
        DirectiveKind::DisableNextLine,
        DirectiveKind::Disable,
        DirectiveKind::Enable,
    ]
    .into_iter()
    .find_map(|k| body.strip_prefix(k.as_str()).map(|rest| (k, rest)))?;
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    let selectors = rest
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    Some((kind, selectors))
}

/// Directives of a plain-text file: lines holding only a directive.
pub fn plain_directives(text: &str) -> Vec<Directive> {
    let mut out = Vec::new();
    // Nearly every file has none: one fast search instead of a look at
    // every line.
    if memchr::memmem::find(text.as_bytes(), b"calque-").is_none() {
        return out;
    }
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if let Some((kind, selectors)) = parse_directive(content) {
            let lead = content.len() - content.trim_start().len();
            out.push(Directive {
                kind,
                selectors,
                start: start + lead,
                end: start + content.trim_end().len(),
            });
        }
    }
    out
}

/// The metadata of unused-suppression findings.
pub fn unused_meta() -> Arc<RuleMeta> {
    static META: OnceLock<Arc<RuleMeta>> = OnceLock::new();
    META.get_or_init(|| {
        Arc::new(RuleMeta {
            id: UNUSED_RULE_ID.to_string(),
            pack: "meta".to_string(),
            category: Category::Style,
            severity: Severity::Warning,
            message: "unused suppression comment".to_string(),
            safe: false,
            fixable: false,
            opt_in: false,
            origin: "built-in".to_string(),
            line: 0,
            docs: Docs::explanation(
                "A `calque-disable` comment that suppresses no finding: the text it \
                 covered has changed, or the rule no longer fires there. Remove it.",
            ),
        })
    })
    .clone()
}

/// Where one directive suppresses, and which of its selectors were used.
struct Region {
    directive: usize,
    start: usize,
    end: usize,
    /// Per selector (one entry, for "all", when the directive names none).
    used: Vec<bool>,
}

fn regions(text: &str, directives: &[Directive]) -> Vec<Region> {
    let mut out: Vec<Region> = Vec::new();
    let mut open: Vec<usize> = Vec::new(); // indexes into `out`
    for (i, d) in directives.iter().enumerate() {
        let used = vec![false; d.selectors.len().max(1)];
        match d.kind {
            DirectiveKind::DisableNextLine => {
                let (start, end) = next_line(text, d.end);
                out.push(Region {
                    directive: i,
                    start,
                    end,
                    used,
                });
            }
            DirectiveKind::Disable => {
                open.push(out.len());
                out.push(Region {
                    directive: i,
                    start: d.end,
                    end: text.len(),
                    used,
                });
            }
            DirectiveKind::Enable => {
                open.retain(|&r| {
                    let named = &directives[out[r].directive].selectors;
                    let closes =
                        d.selectors.is_empty() || d.selectors.iter().any(|s| named.contains(s));
                    if closes {
                        out[r].end = d.start;
                    }
                    !closes
                });
            }
        }
    }
    out
}

/// The byte range of the first non-blank line after the line holding `offset`.
fn next_line(text: &str, offset: usize) -> (usize, usize) {
    let mut pos = text[offset..]
        .find('\n')
        .map_or(text.len(), |p| offset + p + 1);
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |p| pos + p);
        if !text[pos..end].trim().is_empty() {
            return (pos, end);
        }
        pos = end + 1;
    }
    (text.len(), text.len())
}

/// Drop the findings that directives suppress; with `report_unused`, add a
/// finding for every directive (or selector of one) that suppressed nothing.
/// Returns the findings kept and the number suppressed.
pub fn apply(
    text: &str,
    directives: &[Directive],
    findings: Vec<Finding>,
    report_unused: bool,
) -> (Vec<Finding>, usize) {
    if directives.is_empty() {
        return (findings, 0);
    }
    let mut regions = regions(text, directives);
    let mut kept = Vec::with_capacity(findings.len());
    let mut suppressed = 0;
    for f in findings {
        let mut hit = false;
        for r in regions.iter_mut() {
            if f.start < r.start || f.start >= r.end.max(r.start + 1) {
                continue;
            }
            let d = &directives[r.directive];
            if d.selectors.is_empty() {
                r.used[0] = true;
                hit = true;
            } else {
                for (k, s) in d.selectors.iter().enumerate() {
                    if selector_matches(s, &f.rule) {
                        r.used[k] = true;
                        hit = true;
                    }
                }
            }
        }
        if hit {
            suppressed += 1;
        } else {
            kept.push(f);
        }
    }
    if report_unused {
        let meta = unused_meta();
        for r in &regions {
            let d = &directives[r.directive];
            let unused: Vec<&str> = if d.selectors.is_empty() {
                if r.used[0] {
                    continue;
                }
                Vec::new()
            } else {
                d.selectors
                    .iter()
                    .zip(&r.used)
                    .filter(|(_, u)| !**u)
                    .map(|(s, _)| s.as_str())
                    .collect()
            };
            if !d.selectors.is_empty() && unused.is_empty() {
                continue;
            }
            let message = if unused.is_empty() {
                format!(
                    "unused suppression: `{}` suppresses no finding",
                    d.kind.as_str()
                )
            } else {
                format!(
                    "unused suppression: `{}` for `{}` suppresses no finding",
                    d.kind.as_str(),
                    unused.join(", ")
                )
            };
            kept.push(Finding {
                severity: meta.severity,
                rule: meta.clone(),
                start: d.start,
                end: d.end,
                replacements: Vec::new(),
                message: Some(message),
            });
        }
        crate::lint::sort_findings(&mut kept);
    }
    (kept, suppressed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_directives() {
        assert_eq!(
            parse_directive(" calque-disable-next-line calque.fa.x, article "),
            Some((
                DirectiveKind::DisableNextLine,
                vec!["calque.fa.x".to_string(), "article".to_string()]
            ))
        );
        assert_eq!(
            parse_directive("calque-enable"),
            Some((DirectiveKind::Enable, vec![]))
        );
        assert_eq!(parse_directive("calque-disabled"), None);
        assert_eq!(parse_directive("a comment"), None);
    }

    #[test]
    fn plain_lines_are_directives() {
        let text = "One.\n  calque-disable-next-line grammar\nTwo.\n";
        let d = plain_directives(text);
        assert_eq!(d.len(), 1);
        assert_eq!(
            &text[d[0].start..d[0].end],
            "calque-disable-next-line grammar"
        );
    }

    #[test]
    fn next_line_skips_blank_lines() {
        let text = "a\n\n  \nb c\nd";
        let (s, e) = next_line(text, 0);
        assert_eq!(&text[s..e], "b c");
    }
}
