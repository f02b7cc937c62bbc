//! HTML: the prose of a document, read with the html5gum tokenizer.
//!
//! Text inside `script`, `style`, `pre`, `code` (and `textarea`,
//! `template`, `svg`, `math`) is skipped. Block elements end a segment;
//! inline ones (`a`, `em`, `span`, …) do not. `h1`–`h6` and `title` are
//! headings. Character references are decoded, and each one maps back to
//! its whole source text (`&amp;` → `&`), so findings point at the bytes on
//! disk. Comments are read for suppression directives.

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::{bom_len, Parsed, Role, SegmentBuilder};
use crate::suppress::{parse_directive, Directive};

const SKIPPED: &[&str] = &[
    "script", "style", "pre", "code", "textarea", "template", "svg", "math", "noscript",
];

const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "font", "i", "ins", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
];

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6", "title"];

pub fn parse(file_text: &str) -> Parsed {
    let bom = bom_len(file_text);
    let src = &file_text[bom..];
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let mut out = Parsed::default();
    let mut seg = SegmentBuilder::default();
    let mut skip = 0usize;
    for token in Tokenizer::new_with_emitter(src, emitter) {
        let Ok(token) = token;
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let (start, end) = (tag.span.start + bom, tag.span.end + bom);
                if SKIPPED.contains(&name.as_str()) {
                    if !tag.self_closing {
                        if skip == 0 {
                            seg.placeholder(start, end);
                        }
                        skip += 1;
                    }
                } else if name == "br" {
                    if skip == 0 {
                        seg.opaque("\n", start, end);
                    }
                } else if name == "img" {
                    if skip == 0 {
                        seg.placeholder(start, end);
                    }
                } else if !INLINE.contains(&name.as_str()) {
                    seg.flush(&mut out.segments, Role::Body);
                    if HEADINGS.contains(&name.as_str()) {
                        seg.set_role(Role::Heading);
                    }
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if SKIPPED.contains(&name.as_str()) {
                    skip = skip.saturating_sub(1);
                } else if !INLINE.contains(&name.as_str()) && name != "br" && name != "img" {
                    seg.flush(&mut out.segments, Role::Body);
                }
            }
            Token::String(s) if skip == 0 => {
                let decoded = String::from_utf8_lossy(&s.value).into_owned();
                let (start, end) = (s.span.start + bom, s.span.end + bom);
                push_decoded(&mut seg, file_text, start, end, &decoded);
            }
            Token::Comment(c) => {
                if let Some((kind, selectors)) = parse_directive(&String::from_utf8_lossy(&c.value))
                {
                    out.directives.push(Directive {
                        kind,
                        selectors,
                        start: c.span.start + bom,
                        end: c.span.end + bom,
                    });
                }
            }
            _ => {}
        }
    }
    seg.flush(&mut out.segments, Role::Body);
    out
}

/// Append the decoded text of source bytes `start..end`, mapping every
/// character reference and CRLF to its source.
fn push_decoded(seg: &mut SegmentBuilder, file_text: &str, start: usize, end: usize, dec: &str) {
    let raw = &file_text[start..end];
    if raw == dec {
        seg.verbatim(raw, start);
        return;
    }
    let (rb, db) = (raw.as_bytes(), dec.as_bytes());
    let (mut i, mut j, mut run) = (0, 0, 0);
    while i < rb.len() && j < db.len() {
        if rb[i] == b'\r' && db[j] == b'\n' {
            seg.verbatim(&raw[run..i], start + run);
            let n = if rb.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            seg.opaque("\n", start + i, start + i + n);
            i += n;
            j += 1;
            run = i;
            continue;
        }
        if rb[i] == b'&' {
            let e = reference_end(rb, i);
            if e > i + 1 {
                let d = decode_reference(&raw[i..e]);
                if d != raw[i..e] && dec[j..].starts_with(&d) {
                    seg.verbatim(&raw[run..i], start + run);
                    seg.opaque(&d, start + i, start + e);
                    i = e;
                    j += d.len();
                    run = i;
                    continue;
                }
            }
        }
        if rb[i..].starts_with(b"</>") && !db[j..].starts_with(b"</>") {
            // `</>` is dropped by the tokenizer (an end tag without a name).
            seg.verbatim(&raw[run..i], start + run);
            i += 3;
            run = i;
            continue;
        }
        if rb[i] == 0 && dec[j..].starts_with('\u{fffd}') {
            // The tokenizer replaces a NUL with U+FFFD (3 bytes for 1).
            seg.verbatim(&raw[run..i], start + run);
            seg.opaque("\u{fffd}", start + i, start + i + 1);
            i += 1;
            j += '\u{fffd}'.len_utf8();
            run = i;
            continue;
        }
        if rb[i] == db[j] {
            i += 1;
            j += 1;
        } else {
            break;
        }
    }
    // Out of step inside a character: back to its start (the bytes matched
    // so far are the same on both sides, so `j` moves with `i`).
    while !raw.is_char_boundary(i) {
        i -= 1;
        j -= 1;
    }
    seg.verbatim(&raw[run..i], start + run);
    if j < db.len() {
        let rest = &dec[j..];
        if i == rb.len() && file_text[end..].starts_with(rest) {
            // The tokenizer's span can stop short of the text at the end of
            // the input (an unfinished end tag read as text): the rest is
            // the file's next bytes.
            seg.verbatim(rest, end);
        } else if raw[i..].ends_with(rest) {
            // The span starts early, on markup the tokenizer dropped
            // (`</>`): the rest is the end of the source, verbatim.
            seg.verbatim(rest, end - rest.len());
        } else {
            // Out of step (should not happen): the rest maps to what is left.
            seg.opaque(rest, start + i, end);
        }
    }
}

/// End of a character reference starting at `i` (`&`), or `i + 1` if none.
fn reference_end(b: &[u8], i: usize) -> usize {
    let mut k = i + 1;
    if b.get(k) == Some(&b'#') {
        k += 1;
        if matches!(b.get(k), Some(b'x' | b'X')) {
            k += 1;
            while k < b.len() && b[k].is_ascii_hexdigit() {
                k += 1;
            }
        } else {
            while k < b.len() && b[k].is_ascii_digit() {
                k += 1;
            }
        }
    } else {
        while k < b.len() && b[k].is_ascii_alphanumeric() {
            k += 1;
        }
    }
    if k > i + 1 && b.get(k) == Some(&b';') {
        k += 1;
    }
    k
}

/// Decode one character reference with the tokenizer itself.
fn decode_reference(reference: &str) -> String {
    let mut out = String::new();
    for token in Tokenizer::new(reference) {
        if let Ok(Token::String(s)) = token {
            out.push_str(&String::from_utf8_lossy(&s));
        }
    }
    out
}

/// Suppression directives in the HTML comments of `file_text[start..end]`
/// (Markdown HTML blocks and inline HTML).
pub fn comment_directives(file_text: &str, start: usize, end: usize, out: &mut Vec<Directive>) {
    let mut pos = start;
    while let Some(open) = file_text[pos..end].find("<!--") {
        let body_start = pos + open + 4;
        let Some(close) = file_text[body_start..end].find("-->") else {
            break;
        };
        let body_end = body_start + close;
        if let Some((kind, selectors)) = parse_directive(&file_text[body_start..body_end]) {
            out.push(Directive {
                kind,
                selectors,
                start: pos + open,
                end: body_end + 3,
            });
        }
        pos = body_end + 3;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::PLACEHOLDER;

    #[test]
    fn skips_code_and_maps_entities() {
        let html = "<html><head><title>Talks &amp; more</title><style>p { the the }</style></head>\r\n<body><h2>Envoy&#39;s visit</h2><p>The minister &mdash; in <a href=\"x\">Tehran</a> &ndash; met aides.</p><pre>the the</pre><p>Call <code>the the</code> now.</p><script>var the the;</script></body></html>";
        let p = parse(html);
        let texts: Vec<&str> = p.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "Talks & more",
                "Envoy's visit",
                "The minister — in Tehran – met aides.",
                &format!("Call {PLACEHOLDER} now.")
            ]
        );
        assert_eq!(p.segments[0].role, Role::Heading);
        assert_eq!(p.segments[2].role, Role::Body);
        for s in &p.segments {
            for (i, c) in s.text.char_indices() {
                let (a, b) = (s.map.to_file(i), s.map.end_to_file(i + c.len_utf8()));
                let src = &html[a..b];
                if src.starts_with('&') {
                    assert!(src.ends_with(';'), "{src}");
                } else if c != PLACEHOLDER {
                    assert_eq!(src, c.to_string());
                }
            }
        }
        let s = &p.segments[2];
        let i = s.text.find("Tehran").unwrap();
        assert_eq!(&html[s.map.to_file(i)..s.map.end_to_file(i + 6)], "Tehran");
    }

    #[test]
    fn comments_are_directives() {
        let p = parse("<!-- calque-disable-next-line fa --><p>x</p><!-- note -->");
        assert_eq!(p.directives.len(), 1);
        assert_eq!(p.directives[0].start, 0);
        assert_eq!(p.directives[0].end, 36);
    }
}
