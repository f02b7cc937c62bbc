//! Embeds every `rules/*.toml` pack so `calque check` needs no configuration.
//!
//! The packs are converted to JSON here, at build time: parsing a third of a
//! megabyte of TOML took most of calque's start-up, and JSON parses many
//! times faster. Each rule carries its line in the TOML file (`__line`) so
//! messages still point at the source.
//!
//! Each regex is also analysed here, with the loader's own code
//! (`src/rules/prefilter.rs`), and the result stored next to it (`__regex`):
//! parsing every built-in regex at start-up was a quarter of it. A regex that
//! does not parse gets no analysis, and the loader reports it with its line.

use std::fmt::Write;
use std::path::Path;

use serde_json::{json, Map, Value};

#[allow(dead_code)]
#[path = "src/rules/prefilter.rs"]
mod prefilter;

fn main() {
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=src/rules/prefilter.rs");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let out_dir = std::env::var("OUT_DIR").unwrap();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out = format!(
        "/// How many built-in rule files there are.\n\
         pub const BUILTIN_FILE_COUNT: usize = {};\n\
         /// Built-in rule files: (path, the rules as JSON with `__line` and\n\
         /// `__regex`, their explanations and examples as a JSON array).\n\
         pub static BUILTIN_RULE_FILES: [(&str, &str, &str); BUILTIN_FILE_COUNT] = [\n",
        files.len()
    );
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(f).unwrap();
        let (rules, docs) = to_json(&name, &text);
        let rules_dest = Path::new(&out_dir).join(format!("{name}.json"));
        std::fs::write(&rules_dest, rules).unwrap();
        let docs_dest = Path::new(&out_dir).join(format!("{name}.docs.json"));
        std::fs::write(&docs_dest, docs).unwrap();
        writeln!(
            out,
            "    (\"rules/{name}\", include_str!({:?}), include_str!({:?})),",
            rules_dest.display().to_string(),
            docs_dest.display().to_string(),
        )
        .unwrap();
    }
    out.push_str("];\n");
    std::fs::write(Path::new(&out_dir).join("builtin_rules.rs"), out).unwrap();
}

/// The rule file as JSON, each rule with its 1-based line and the analysis
/// of its regexes; and the rules' explanations and examples, in rule order,
/// as a JSON array apart (`RuleDocs` in `src/rules/model.rs`): only a few
/// commands read them, and they are half of the text.
fn to_json(name: &str, text: &str) -> (String, String) {
    let table: toml::Table = text
        .parse()
        .unwrap_or_else(|e| panic!("rules/{name} is not valid TOML: {e}"));
    let mut file = serde_json::to_value(table).unwrap();
    let mut all_docs = Vec::new();
    // Rules are `[[rule]]` tables, in file order.
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "[[rule]]")
        .map(|(i, _)| i + 1)
        .collect();
    if let Some(Value::Array(rules)) = file.get_mut("rule") {
        assert_eq!(
            rules.len(),
            lines.len(),
            "rules/{name}: write every rule under its own `[[rule]]` header"
        );
        for (rule, line) in rules.iter_mut().zip(lines) {
            let Value::Object(rule) = rule else {
                panic!("rules/{name}: `rule` is not a table")
            };
            rule.insert("__line".into(), line.into());
            analyse(rule);
            let mut docs = Map::new();
            for key in ["explanation", "bad", "good"] {
                if let Some(v) = rule.remove(key) {
                    docs.insert(key.into(), v);
                }
            }
            all_docs.push(Value::Object(docs));
        }
    }
    (
        serde_json::to_string(&file).unwrap(),
        serde_json::to_string(&all_docs).unwrap(),
    )
}

/// Store what loading needs to know about the rule's regexes, under
/// `__regex` (`RegexAnalysis` and `TokenRegexAnalysis` in
/// `src/rules/model.rs`).
fn analyse(rule: &mut Map<String, Value>) {
    if let Some(Value::String(re)) = rule.get("regex") {
        let case_sensitive = rule.get("case_sensitive") == Some(&Value::Bool(true));
        let source = prefilter::rule_regex_source(re, case_sensitive);
        if let Ok(facts) = prefilter::analyse_rule_regex(&source) {
            // Literals travel as strings (word boundaries marked with
            // U+FFFF), or as byte arrays when they are not UTF-8
            // (`StoredLiteral` in `src/rules/model.rs`).
            let literals: Vec<Vec<Value>> = facts
                .literals
                .into_iter()
                .map(|set| {
                    set.into_iter()
                        .map(|l| match prefilter::literal_to_text(&l) {
                            Some(s) => json!(s),
                            None => json!(l),
                        })
                        .collect()
                })
                .collect();
            rule.insert(
                "__regex".into(),
                json!({ "literals": literals, "groups": facts.groups }),
            );
        }
    }
    for key in ["pattern", "unless_before", "unless_after"] {
        let Some(Value::Array(elements)) = rule.get_mut(key) else {
            continue;
        };
        for element in elements {
            let Value::Object(element) = element else {
                continue;
            };
            let Some(Value::String(re)) = element.get("regex") else {
                continue;
            };
            if let Ok(words) = prefilter::token_regex_words(re) {
                element.insert("__regex".into(), json!({ "words": words }));
            }
        }
    }
}
