//! The benchmark corpus: the same generator as `scripts/gen_corpus.py`
//! (splitmix64 over the sentences of `scripts/corpus_templates/*.txt`), so
//! that `cargo bench` and the shell scripts measure the same text.

#![allow(dead_code)]

use std::path::Path;

struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Split after `.`, `!` or `?` (and a closing quote) followed by space and a
/// capital or an opening quote, as the Python script's regex does.
fn sentences(paragraph: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if matches!(c, '.' | '!' | '?') {
            let mut j = i + 1;
            if j < chars.len() && matches!(chars[j].1, '"' | '\u{201d}') {
                j += 1;
            }
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            if k > j
                && k < chars.len()
                && (chars[k].1.is_ascii_uppercase() || matches!(chars[k].1, '"' | '\u{201c}'))
            {
                out.push(paragraph[start..chars[j].0].to_string());
                start = chars[k].0;
                i = k;
                continue;
            }
        }
        i += 1;
    }
    out.push(paragraph[start..].to_string());
    out.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn templates() -> (Vec<String>, Vec<String>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/corpus_templates");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("scripts/corpus_templates")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let (mut artefact, mut clean) = (Vec::new(), Vec::new());
    for f in files {
        let text = std::fs::read_to_string(&f).expect("template");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let pool = if name.starts_with("artefact") {
            &mut artefact
        } else {
            &mut clean
        };
        pool.extend(sentences(&text));
    }
    (artefact, clean)
}

/// Stories until `bytes` bytes or `words` words are reached.
fn generate(seed: u64, bytes: Option<usize>, words: Option<usize>) -> String {
    let (artefact, clean) = templates();
    let mut rng = SplitMix64(seed);
    let mut out = String::new();
    let mut count = 0;
    loop {
        let head: Vec<&str> = clean[rng.below(clean.len())].split_whitespace().collect();
        let n = (4 + rng.below(5)).min(head.len());
        let head = head[..n].join(" ");
        let mut paras = vec![head.trim_end_matches([',', ';', ':', '.']).to_string()];
        for _ in 0..3 + rng.below(5) {
            let mut para = Vec::new();
            for _ in 0..2 + rng.below(4) {
                let pool = if rng.below(100) < 35 {
                    &artefact
                } else {
                    &clean
                };
                para.push(pool[rng.below(pool.len())].as_str());
            }
            paras.push(para.join(" "));
        }
        let story = paras.join("\n\n") + "\n\n";
        count += story.split_whitespace().count();
        out.push_str(&story);
        if bytes.is_some_and(|b| out.len() >= b) || words.is_some_and(|w| count >= w) {
            return out;
        }
    }
}

/// About `megabytes` MB (10^6 bytes) of copy.
pub fn corpus(megabytes: f64, seed: u64) -> String {
    generate(seed, Some((megabytes * 1_000_000.0) as usize), None)
}

/// A story of about `words` words.
pub fn story(words: usize, seed: u64) -> String {
    generate(seed, None, Some(words))
}
