//! Rule files and config files on arbitrary TOML.
#![no_main]

use std::path::Path;

use calque::config::Config;
use calque::rules::load::parse_rule_file;
use calque::rules::RuleSet;
use calque::source::SourceKind;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const SAMPLE: &str = "Till now the the sides has discussed about the informations, \
    the envoy said in the margin of the summit. \"Its needed that,\" he said.\n\n\
    Talks resume on Tuesday.\n";

fn lines(text: &str) -> usize {
    text.lines().count() + 1
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    if first & 1 == 0 {
        match parse_rule_file("fuzz.toml", text) {
            Err(e) => assert!(e.line <= lines(text), "{e}"),
            Ok(specs) => match RuleSet::compile(specs) {
                Err(errors) => {
                    for e in errors {
                        assert!(e.line <= lines(text), "{e}");
                        assert!(!e.to_string().is_empty());
                    }
                }
                Ok(set) => {
                    let linter = common::linter_with(set);
                    for sample in [SAMPLE, text] {
                        for kind in [SourceKind::Plain, SourceKind::Markdown] {
                            let report = linter.lint(sample, kind);
                            common::assert_findings(sample, &report.findings);
                        }
                    }
                    let _ = calque::lint::examples::verify(&linter, |_| true);
                }
            },
        }
    } else {
        // Config files name other files (`words_file`, `rules`): keep the
        // fuzzer away from reading devices.
        if text.contains("_file") || text.contains("\\u") || text.contains("\\U") {
            return;
        }
        let path = Path::new("/nonexistent-calque-fuzz/.calque.toml");
        match Config::parse(path, text) {
            Err(e) => {
                assert!(!e.to_string().is_empty());
            }
            Ok(config) => {
                let file = Path::new("/nonexistent-calque-fuzz/a/b.md");
                let eff = config.effective(file);
                let _ = eff.lint_options();
                // What `calque config` prints reads back the same (but for
                // the line naming the config file, which is for people).
                let toml = eff.to_toml();
                let toml: String = toml
                    .lines()
                    .filter(|l| !l.starts_with("config = "))
                    .map(|l| format!("{l}\n"))
                    .collect();
                let back = Config::parse(path, &toml)
                    .unwrap_or_else(|e| panic!("to_toml output does not parse: {e}\n{toml}"));
                let again = back.effective(file).to_toml();
                assert!(again.ends_with(&toml), "{toml}\n---\n{again}");
            }
        }
    }
});
