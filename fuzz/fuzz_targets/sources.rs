//! The plain, Markdown and HTML sources and their offset maps.
#![no_main]

use calque::source::{self, PLACEHOLDER};
use calque::text::Document;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((kind, _, file)) = common::split_kind(data) else {
        return;
    };
    let parsed = source::parse(file, kind);
    for d in &parsed.directives {
        common::assert_span(file, d.start, d.end, "directive");
    }
    for seg in &parsed.segments {
        // Every character of the segment maps into the file, on a boundary,
        // and in order.
        let mut last = 0;
        for (i, c) in seg.text.char_indices() {
            let f = seg.map.to_file(i);
            let e = seg.map.end_to_file(i + c.len_utf8());
            common::assert_span(file, f, e, "segment character");
            assert!(
                f >= last,
                "offset map goes backwards at {i} in {:?}",
                seg.text
            );
            last = f;
            // Verbatim text maps to itself; what does not is a decoded
            // entity or escape, a placeholder, or a line break.
            let src = &file[f..e];
            let verbatim = src.starts_with(c);
            let decoded = src.starts_with('&') || src.starts_with('\\');
            // (A line break can stand for a tag: `<br>`, a block's edge.)
            // (U+FFFD is what the parsers make of a NUL.)
            let stands_in = c == PLACEHOLDER
                || (c == '\u{fffd}' && src == "\0")
                || (c.is_whitespace()
                    && (src.chars().all(char::is_whitespace) || src.starts_with('<')));
            assert!(
                verbatim || decoded || stands_in,
                "{c:?} at {i} of segment {:?} maps to {src:?} ({f}..{e})",
                seg.text
            );
        }
        let doc = Document::new(&seg.text);
        for t in doc.tokens() {
            let start = seg.map.to_file(t.start);
            let end = seg.map.end_to_file(t.end);
            common::assert_span(file, start, end, "token");
        }
    }
});
