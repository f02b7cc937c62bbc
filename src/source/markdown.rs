//! Markdown: prose of paragraphs, headings, list items, table cells and
//! block quotes, read with pulldown-cmark's offset iterator.
//!
//! Skipped: fenced and indented code, inline code, HTML blocks and inline
//! HTML (but their comments are read for suppression directives), images,
//! autolinks and bare URLs, front matter (YAML `---` or TOML `+++`).
//! Inline material that is skipped leaves a [`super::PLACEHOLDER`] so that
//! no phrase matches across it.

use std::sync::OnceLock;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use regex::Regex;

use super::{bom_len, html, Parsed, Role, SegmentBuilder};

pub fn parse(file_text: &str) -> Parsed {
    let bom = bom_len(file_text);
    let src = &file_text[bom..];
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut out = Parsed::default();
    let mut seg = SegmentBuilder::default();
    // Depth of elements whose text is not prose.
    let mut skip = 0usize;
    // For each open link: is it an autolink (skipped)?
    let mut links: Vec<bool> = Vec::new();
    for (event, range) in Parser::new_ext(src, options).into_offset_iter() {
        let (start, end) = (range.start + bom, range.end + bom);
        match event {
            Event::Start(tag) => match tag {
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript => {}
                Tag::Link { link_type, .. } => {
                    let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                    if auto {
                        seg.placeholder(start, end);
                        skip += 1;
                    }
                    links.push(auto);
                }
                Tag::Image { .. } => {
                    seg.placeholder(start, end);
                    skip += 1;
                }
                Tag::CodeBlock(_) | Tag::MetadataBlock(_) => {
                    seg.flush(&mut out.segments, Role::Body);
                    skip += 1;
                }
                Tag::HtmlBlock => {
                    seg.flush(&mut out.segments, Role::Body);
                    html::comment_directives(file_text, start, end, &mut out.directives);
                    skip += 1;
                }
                Tag::Heading { .. } => {
                    seg.flush(&mut out.segments, Role::Body);
                    seg.set_role(Role::Heading);
                }
                _ => seg.flush(&mut out.segments, Role::Body),
            },
            Event::End(tag) => match tag {
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript => {}
                TagEnd::Link => {
                    if links.pop() == Some(true) {
                        skip = skip.saturating_sub(1);
                    }
                }
                TagEnd::Image
                | TagEnd::CodeBlock
                | TagEnd::MetadataBlock(_)
                | TagEnd::HtmlBlock => {
                    skip = skip.saturating_sub(1);
                    if !matches!(tag, TagEnd::Image) {
                        seg.flush(&mut out.segments, Role::Body);
                    }
                }
                _ => seg.flush(&mut out.segments, Role::Body),
            },
            Event::Text(text) if skip == 0 => push_text(&mut seg, file_text, &text, start, end),
            Event::Text(_) => {}
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) if skip == 0 => {
                seg.placeholder(start, end);
            }
            Event::InlineHtml(_) => {
                html::comment_directives(file_text, start, end, &mut out.directives);
                if skip == 0 {
                    seg.placeholder(start, end);
                }
            }
            Event::Html(_) => {}
            Event::SoftBreak | Event::HardBreak if skip == 0 => {
                // The line break itself (after any trailing spaces or `\`).
                let nl = file_text[start..end]
                    .rfind('\n')
                    .map_or(start, |p| start + p);
                seg.opaque("\n", nl, nl + 1);
            }
            Event::FootnoteReference(_) | Event::TaskListMarker(_) if skip == 0 => {
                seg.placeholder(start, end);
            }
            _ => {}
        }
    }
    seg.flush(&mut out.segments, Role::Body);
    out.directives.sort_by_key(|d| d.start);
    out
}

/// Append a text event: verbatim where it is the source text, skipping bare
/// URLs; decoded entities and escapes map to their source.
fn push_text(seg: &mut SegmentBuilder, file_text: &str, text: &str, start: usize, end: usize) {
    let source = &file_text[start..end];
    if source == text {
        push_prose(seg, text, start);
    } else if source.ends_with(text) {
        // A backslash escape: `\*` gives `*`.
        push_prose(seg, text, end - text.len());
    } else if source.contains('\0') && source.replace('\0', "\u{fffd}") == text {
        // The parser replaces each NUL with U+FFFD (3 bytes for 1).
        let mut at = start;
        for (k, part) in source.split('\0').enumerate() {
            if k > 0 {
                seg.opaque("\u{fffd}", at, at + 1);
                at += 1;
            }
            push_prose(seg, part, at);
            at += part.len();
        }
    } else {
        seg.opaque(text, start, end);
    }
}

/// Append verbatim prose, with URLs replaced by a placeholder.
fn push_prose(seg: &mut SegmentBuilder, text: &str, file_start: usize) {
    if !may_hold_url(text) {
        seg.verbatim(text, file_start);
        return;
    }
    let mut last = 0;
    for m in url_pattern().find_iter(text) {
        seg.verbatim(&text[last..m.start()], file_start + last);
        seg.placeholder(file_start + m.start(), file_start + m.end());
        last = m.end();
    }
    seg.verbatim(&text[last..], file_start + last);
}

/// A URL in prose: a scheme or `www.`, up to whitespace or a closing mark.
fn url_pattern() -> &'static Regex {
    static URL: OnceLock<Regex> = OnceLock::new();
    URL.get_or_init(|| {
        Regex::new(r"(?i)\b(?:https?://|ftp://|www\.)[^\s<>]*[^\s<>.,;:!?)\]'\x22]")
            .expect("URL regex compiles")
    })
}

/// Can `text` hold a match of the URL pattern: a `://`, or `www.` in any
/// case? Why: prose comes a line at a time, and starting a regex search
/// on each line cost more than the search (hard-wrapped Markdown spent 4%
/// of its run there); these two byte searches rule out nearly every line.
fn may_hold_url(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memmem::find(bytes, b"://").is_some()
        || memchr::memchr_iter(b'.', bytes)
            .any(|dot| dot >= 3 && bytes[dot - 3..dot].eq_ignore_ascii_case(b"www"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::PLACEHOLDER;

    fn texts(md: &str) -> Vec<(String, Role)> {
        parse(md)
            .segments
            .into_iter()
            .map(|s| (s.text, s.role))
            .collect()
    }

    #[test]
    fn skips_front_matter_code_and_html() {
        let md = "---\ntitle: The the draft\n---\n# Talks resume\n\nThe envoy spoke.\n\n```\nthe the code\n```\n\n    indented the the\n\n<div>the the html</div>\n\nA `the the` call.\n";
        let t = texts(md);
        assert_eq!(t[0], ("Talks resume".to_string(), Role::Heading));
        assert_eq!(t[1].0, "The envoy spoke.");
        assert_eq!(t[2].0, format!("A {PLACEHOLDER} call."));
        assert_eq!(t.len(), 3);
    }

    #[test]
    fn url_prefilter_lets_every_url_through() {
        for text in [
            "see https://x.org now",
            "see FTP://x.org",
            "at WWW.x.org",
            "at Www.x.org.",
        ] {
            assert!(may_hold_url(text), "{text}");
        }
        for text in ["no link here.", "a ww. b", "ratio 3:1 // x", ""] {
            assert!(!may_hold_url(text), "{text}");
        }
    }

    proptest::proptest! {
        /// Whatever the URL pattern finds, the prefilter lets through.
        #[test]
        fn url_prefilter_never_hides_a_url(text in "[wWhtpsfT:/. x]{0,24}") {
            proptest::prop_assert!(!url_pattern().is_match(&text) || may_hold_url(&text));
        }
    }

    #[test]
    fn toml_front_matter_and_urls() {
        let md = "+++\ntitle = \"x\"\n+++\nSee https://example.org/a.html for <https://example.org> details.\n";
        let t = texts(md);
        assert_eq!(t.len(), 1);
        assert_eq!(
            t[0].0,
            format!("See {PLACEHOLDER} for {PLACEHOLDER} details.")
        );
    }

    #[test]
    fn offsets_map_to_file_bytes() {
        let md = "> Quoted &amp; kept\n\n- item one\n- item *two* here\n\n| a | b |\n|---|---|\n| cell text | more |\n";
        let p = parse(md);
        for s in &p.segments {
            for (i, c) in s.text.char_indices() {
                if c == '&' || c == PLACEHOLDER {
                    continue;
                }
                let f = s.map.to_file(i);
                assert_eq!(md[f..].chars().next(), Some(c), "{:?} at {i}", s.text);
            }
        }
        let amp = &p.segments[0];
        let i = amp.text.find('&').unwrap();
        let (a, b) = (amp.map.to_file(i), amp.map.end_to_file(i + 1));
        assert_eq!(&md[a..b], "&amp;");
    }

    #[test]
    fn comments_become_directives() {
        let md = "<!-- calque-disable-next-line grammar -->\nThe the text.\n\nSome <!-- calque-disable --> prose.\n";
        let p = parse(md);
        assert_eq!(p.directives.len(), 2);
        assert_eq!(p.directives[0].selectors, vec!["grammar".to_string()]);
    }
}
