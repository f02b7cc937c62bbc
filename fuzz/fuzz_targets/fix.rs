//! The fix engine: fixed text is valid, spans are valid, fixing is idempotent.
#![no_main]

use calque::fix::{self, Edit, FixMode};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((kind, first, text)) = common::split_kind(data) else {
        return;
    };
    let mode = FixMode::new(first & 0x80 != 0);
    let linter = common::linter();
    let out = fix::fix_text(linter, text, kind, mode);
    assert_eq!(out.changed, out.text != text);
    common::assert_findings(&out.text, &out.report.findings);
    for r in &out.remaining {
        common::assert_span(&out.text, r.finding.start, r.finding.end, "remaining");
    }
    for a in out.applied.iter().filter(|a| a.pass == 1) {
        assert_eq!(&text[a.start..a.end], a.before, "{}", a.rule);
    }
    // Idempotent: a second run changes nothing.
    let again = fix::fix_text(linter, &out.text, kind, mode);
    assert!(
        !again.changed,
        "fixing twice changed the text:\n{:?}\n→ {:?}\n→ {:?}\napplied the second time: {:?}",
        text, out.text, again.text, again.applied
    );

    // Arbitrary edits on the text (spans rounded to character boundaries).
    let mut edits = Vec::new();
    for chunk in data.chunks(7).take(8) {
        if chunk.len() < 3 || text.is_empty() {
            break;
        }
        let mut a = chunk[0] as usize * text.len() / 256;
        let mut b = a + chunk[1] as usize % 16;
        b = b.min(text.len());
        while !text.is_char_boundary(a) {
            a -= 1;
        }
        while !text.is_char_boundary(b) {
            b += 1;
        }
        let replacement = ["", " ", "so far", "the", ",", "É", "\n"][chunk[2] as usize % 7];
        edits.push(Edit {
            start: a,
            end: b,
            text: replacement.to_string(),
        });
    }
    let applied = fix::apply::apply_edits(text, &edits);
    for (_, e) in &applied.applied {
        common::assert_span(text, e.start, e.end, "tidied edit");
    }
    for w in applied.applied.windows(2) {
        assert!(w[0].1.end <= w[1].1.start, "applied edits overlap");
    }
});
