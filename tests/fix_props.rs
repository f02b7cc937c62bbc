//! Property tests of the fix engine: whatever the text, fixing gives valid
//! UTF-8, is idempotent, changes only the findings' spans (and the spacing or
//! capital next to them) and keeps line endings and the byte-order mark.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use calque::fix::{fix_text, FixMode};
use calque::lint::Linter;
use calque::rules::load::{load, RuleSources};
use calque::rules::select::Selection;
use calque::source::SourceKind;
use proptest::prelude::*;

/// The test rules of tests/fixtures/fix/rules and the built-in repeated-word
/// check; nothing else (other built-in rules may fire on random text).
fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fix/rules");
        let set = load(&RuleSources {
            no_builtin: false,
            dirs: vec![dir],
        })
        .unwrap();
        let selection = Selection {
            select: vec!["fixtest".into(), "calque.grammar.repeated-word".into()],
            ..Selection::default()
        };
        Linter::new(Arc::new(set), &selection)
    })
}

const VOCAB: &[&str] = &[
    "minister",
    "talks",
    "ceasefire",
    "border",
    "agency",
    "envoy",
    "ended",
    "Monday",
    "reporters",
    "said",
    "delegation",
    "statement",
    "Tehran",
    "officials",
    "on",
    "in",
];

/// (artefact, fixed with safe fixes, fixed with unsafe fixes too)
const ARTEFACTS: &[(&str, &str, &str)] = &[
    ("till now", "so far", "so far"),
    ("discussed about", "discussed", "discussed"),
    ("mutually agreed", "agreed", "agreed"),
    ("crossing crossing", "crossing", "crossing"),
    ("informations", "informations", "information"),
];

const SEPARATORS: &[&str] = &[" ", "\n", "\r\n", ", ", "; "];

#[derive(Clone, Debug, PartialEq)]
enum Piece {
    Word(usize),
    Artefact(usize),
    /// Digits and symbols: never a word.
    Noise(String),
}

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        3 => (0..VOCAB.len()).prop_map(Piece::Word),
        2 => (0..ARTEFACTS.len()).prop_map(Piece::Artefact),
        1 => "[0-9%€@#–—]{1,4}".prop_map(Piece::Noise),
    ]
}

fn render(pieces: &[(Piece, usize)], bom: bool, out: impl Fn(usize) -> String) -> String {
    let mut s = String::new();
    if bom {
        s.push('\u{feff}');
    }
    for (i, (p, sep)) in pieces.iter().enumerate() {
        if i > 0 {
            s.push_str(SEPARATORS[*sep]);
        }
        match p {
            Piece::Word(w) => s.push_str(VOCAB[*w]),
            Piece::Artefact(a) => s.push_str(&out(*a)),
            Piece::Noise(n) => s.push_str(n),
        }
    }
    s
}

fn line_endings(s: &str) -> (usize, usize) {
    (s.matches("\r\n").count(), s.matches('\n').count())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Clean copy with artefacts in it: the fixed text is exactly the clean
    /// copy with each artefact replaced by its fix; nothing else moves.
    #[test]
    fn artefacts_in_clean_copy_are_fixed_exactly(
        raw in prop::collection::vec((piece(), 0..SEPARATORS.len()), 0..40),
        bom in any::<bool>(),
        unsafe_fixes in any::<bool>(),
    ) {
        // No piece twice in a row ("talks talks" would be a finding of its own).
        let mut pieces = raw;
        pieces.dedup_by(|b, a| a.0 == b.0);
        let input = render(&pieces, bom, |a| ARTEFACTS[a].0.to_string());
        let expected = render(&pieces, bom, |a| {
            if unsafe_fixes { ARTEFACTS[a].2 } else { ARTEFACTS[a].1 }.to_string()
        });
        let mode = FixMode::new(unsafe_fixes);
        let out = fix_text(linter(), &input, SourceKind::Plain, mode);
        prop_assert_eq!(&out.text, &expected);
        // Idempotent, and `check` reports no fixable finding any more.
        let again = fix_text(linter(), &out.text, SourceKind::Plain, mode);
        prop_assert!(!again.changed);
        prop_assert_eq!(out.could_not_apply(), 0);
        prop_assert!(out.report.findings.iter().all(|f| !mode.allows(f)));
    }

    /// Any text, artefacts spliced in anywhere.
    #[test]
    fn any_text_is_fixed_safely(
        chunks in prop::collection::vec(prop_oneof![
            2 => any::<String>().prop_map(|s| s.chars().take(12).collect::<String>()),
            2 => prop::sample::select(VOCAB).prop_map(str::to_string),
            2 => prop::sample::select(ARTEFACTS).prop_map(|a| a.0.to_string()),
            1 => prop::sample::select(&["Till now", "The the", "the the the", "Mutually agreed", "a a"][..])
                .prop_map(str::to_string),
            2 => prop::sample::select(&[" ", "  ", ". ", "\n", "\r\n", "\n\n", ", ", " ,", "\t"][..])
                .prop_map(str::to_string),
        ], 0..30),
        bom in any::<bool>(),
        unsafe_fixes in any::<bool>(),
    ) {
        let mut input: String = chunks.concat();
        if bom {
            input.insert(0, '\u{feff}');
        }
        let mode = FixMode::new(unsafe_fixes);
        let out = fix_text(linter(), &input, SourceKind::Plain, mode);
        // Valid UTF-8 (a String, and its bytes decode again).
        prop_assert!(std::str::from_utf8(out.text.as_bytes()).is_ok());
        // Line endings and BOM kept.
        prop_assert_eq!(line_endings(&out.text), line_endings(&input));
        prop_assert_eq!(out.text.matches('\r').count(), input.matches('\r').count());
        prop_assert_eq!(out.text.starts_with('\u{feff}'), input.starts_with('\u{feff}'));
        prop_assert_eq!(out.text.matches('\u{feff}').count(), input.matches('\u{feff}').count());
        // Idempotent.
        let again = fix_text(linter(), &out.text, SourceKind::Plain, mode);
        prop_assert_eq!(&again.text, &out.text);
    }

    /// One pass: every change lies in a finding's span, grown at most by the
    /// space on either side and the letter after it (tidying); the rest of the
    /// text is untouched.
    #[test]
    fn one_pass_changes_only_finding_spans(
        chunks in prop::collection::vec(prop_oneof![
            2 => any::<String>().prop_map(|s| s.chars().take(8).collect::<String>()),
            2 => prop::sample::select(VOCAB).prop_map(str::to_string),
            2 => prop::sample::select(ARTEFACTS).prop_map(|a| a.0.to_string()),
            1 => prop::sample::select(&["Till now", "The the", "Mutually agreed"][..]).prop_map(str::to_string),
            2 => prop::sample::select(&[" ", ". ", "\n", "\r\n", ", "][..]).prop_map(str::to_string),
        ], 0..30),
    ) {
        let input: String = chunks.concat();
        let mode = FixMode { max_passes: 1, ..FixMode::UNSAFE };
        let findings = linter().lint(&input, SourceKind::Plain).findings;
        let out = fix_text(linter(), &input, SourceKind::Plain, mode);
        let mut rebuilt = String::new();
        let mut pos = 0;
        for a in &out.applied {
            prop_assert!(a.start >= pos);
            let inside = findings.iter().any(|f| {
                let before = input[..f.start].chars().next_back().filter(|c| c.is_whitespace());
                let lo = f.start - before.map_or(0, char::len_utf8);
                let mut after = input[f.end..].chars();
                let mut hi = f.end;
                if let Some(c) = after.next() {
                    hi += c.len_utf8();
                    if c == ' ' {
                        hi += after.next().map_or(0, char::len_utf8);
                    }
                }
                lo <= a.start && a.end <= hi
            });
            prop_assert!(inside, "edit {:?} outside every finding span", a);
            prop_assert_eq!(&input[a.start..a.end], a.before.as_str());
            rebuilt.push_str(&input[pos..a.start]);
            rebuilt.push_str(&a.after);
            pos = a.end;
        }
        rebuilt.push_str(&input[pos..]);
        prop_assert_eq!(&out.text, &rebuilt);
    }
}
