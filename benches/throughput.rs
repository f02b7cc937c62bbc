//! Throughput and start-up of `calque check` with the full built-in rule set.
//!
//!     cargo bench --bench throughput
//!
//! The texts come from `benches/common` (the generator behind
//! `scripts/gen_corpus.py`). Figures and how they compare with other tools:
//! `docs/performance.md`; `scripts/bench.sh` runs the command-line side.

mod common;

use std::sync::{Arc, OnceLock};

use calque::lint::Linter;
use calque::rules::load::{load, RuleSources};
use calque::source::SourceKind;
use divan::counter::BytesCount;
use divan::Bencher;

fn main() {
    divan::main();
}

fn linter() -> &'static Linter {
    static L: OnceLock<Linter> = OnceLock::new();
    L.get_or_init(|| Linter::all(Arc::new(load(&RuleSources::default()).expect("rules"))))
}

fn story() -> &'static str {
    static S: OnceLock<String> = OnceLock::new();
    S.get_or_init(|| common::story(5000, 7))
}

fn corpus_10mb() -> &'static str {
    static S: OnceLock<String> = OnceLock::new();
    S.get_or_init(|| common::corpus(10.0, 1))
}

/// The tokenizer alone over a 5,000-word story.
#[divan::bench]
fn tokenize_story(b: Bencher) {
    let text = story();
    b.counter(BytesCount::of_str(text))
        .bench(|| calque::text::tokenize(divan::black_box(text)).len());
}

/// Tokens and sentences (the document model) over the story.
#[divan::bench]
fn document_story(b: Bencher) {
    let text = story();
    b.counter(BytesCount::of_str(text)).bench(|| {
        calque::source::paragraphs(text, 0)
            .map(|(s, e)| calque::text::Document::new(&text[s..e]).tokens().len())
            .sum::<usize>()
    });
}

/// Every built-in rule and check over a 5,000-word story.
#[divan::bench]
fn lint_story(b: Bencher) {
    let (l, text) = (linter(), story());
    b.counter(BytesCount::of_str(text)).bench(|| {
        l.lint(divan::black_box(text), SourceKind::Plain)
            .findings
            .len()
    });
}

/// Every built-in rule and check over 10 MB (segments in parallel).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn lint_10mb(b: Bencher) {
    let (l, text) = (linter(), corpus_10mb());
    b.counter(BytesCount::of_str(text)).bench(|| {
        l.lint(divan::black_box(text), SourceKind::Plain)
            .findings
            .len()
    });
}

/// Parsing and compiling the built-in rule set (once per process).
#[divan::bench(sample_count = 10)]
fn compile_rules() -> usize {
    load(&RuleSources::default()).expect("rules").len()
}

/// The whole command on a tiny file: process start, rule compilation, output.
#[divan::bench(sample_count = 20)]
fn startup_check_tiny(b: Bencher) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("tiny.txt");
    std::fs::write(&path, &story()[..1000.min(story().len())]).expect("write");
    b.bench(|| {
        std::process::Command::new(env!("CARGO_BIN_EXE_calque"))
            .args(["check", "--format", "jsonl"])
            .arg(&path)
            .output()
            .expect("calque runs")
            .stdout
            .len()
    });
}
