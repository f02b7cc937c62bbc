//! Packs by source language: selecting them, listing them, and guessing a
//! document's source language from their findings.

use assert_cmd::Command;
use serde_json::Value;

fn calque() -> Command {
    Command::cargo_bin("calque").unwrap()
}

const PERSIAN_DESK: &str = "The commander met his counterpart in the margin of the summit and \
in the population of reporters said that the cyber police of I.R. of Iran has acted.\n";
const CHINESE_DESK: &str = "The two sides pledged to deepen pragmatic cooperation, \
Vice Premier Liu said here Friday.\n";

fn rules_of(args: &[&str], text: &str) -> Vec<(String, String)> {
    let out = calque()
        .args(["check", "--isolated", "--format", "jsonl"])
        .args(args)
        .arg("-")
        .write_stdin(text)
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (
                v["pack"].as_str().unwrap().to_string(),
                v["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn source_guess_names_the_dominant_language_with_evidence() {
    let out = calque()
        .args([
            "check",
            "--isolated",
            "--guess-source",
            "--stdin-filename",
            "story.txt",
            "-",
        ])
        .write_stdin(PERSIAN_DESK)
        .output()
        .unwrap();
    let line = String::from_utf8(out.stdout).unwrap();
    assert!(line.starts_with("story.txt: Persian (fa)"), "{line}");
    assert!(line.contains("“in the margin of”"), "{line}");

    let out = calque()
        .args(["check", "--isolated", "--format", "json", "-"])
        .write_stdin(CHINESE_DESK)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["files"][0]["source_guess"]["language"], "zh");
    assert!(doc["files"][0]["density"].as_f64().unwrap() > 0.0);
}

#[test]
fn native_copy_has_no_source_guess() {
    let out = calque()
        .args(["check", "--isolated", "--guess-source", "-"])
        .write_stdin("The ministers met on the sidelines of the summit on Friday.\n")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "-: no source-language fingerprints\n"
    );
}

#[test]
fn from_restricts_language_packs_but_keeps_general_ones() {
    let text = format!("{PERSIAN_DESK}They discussed about it and etc.\n");
    let all = rules_of(&[], &text);
    assert!(all.iter().any(|(p, _)| p == "fa"));
    assert!(all.iter().any(|(p, _)| p == "core"));
    let zh_only = rules_of(&["--from", "zh"], &text);
    assert!(!zh_only.iter().any(|(p, _)| p == "fa"), "{zh_only:?}");
    assert!(zh_only.iter().any(|(p, _)| p == "core"), "{zh_only:?}");
    let fa = rules_of(&["--from", "fa,ar"], &text);
    assert!(fa.iter().any(|(p, _)| p == "fa"));
}

#[test]
fn ignore_and_select_take_packs_and_categories() {
    let text = format!("{PERSIAN_DESK}They discussed about it and etc.\n");
    let no_fa = rules_of(&["--ignore", "fa"], &text);
    assert!(!no_fa.is_empty() && no_fa.iter().all(|(p, _)| p != "fa"));
    let only_core = rules_of(&["--select", "core"], &text);
    assert!(!only_core.is_empty() && only_core.iter().all(|(p, _)| p == "core"));
}

#[test]
fn rules_lists_each_pack_and_at_least_300_rules() {
    let list = |args: &[&str]| -> Vec<Value> {
        let out = calque()
            .args(["rules", "--format", "json"])
            .args(args)
            .output()
            .unwrap();
        serde_json::from_slice::<Value>(&out.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    };
    let all = list(&[]);
    assert!(all.len() >= 300, "{} rules", all.len());
    for pack in [
        "core", "fa", "ar", "zh", "ru", "tr", "az", "ko", "vi", "uz", "style", "grammar",
    ] {
        let one = list(&["--pack", pack]);
        assert!(!one.is_empty(), "pack {pack} is empty");
        assert!(one.iter().all(|r| r["pack"] == pack));
    }
}

#[test]
fn no_two_phrase_rules_share_a_trigger() {
    // Phrases are compared case-insensitively with straight apostrophes.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");
    let mut seen: std::collections::HashMap<String, String> = Default::default();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let doc: toml::Value = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for rule in doc
            .get("rule")
            .and_then(|r| r.as_array())
            .into_iter()
            .flatten()
        {
            let id = rule["id"].as_str().unwrap().to_string();
            let phrases: Vec<String> = match rule.get("phrases") {
                Some(toml::Value::Array(a)) => {
                    a.iter().map(|p| p.as_str().unwrap().to_string()).collect()
                }
                Some(toml::Value::Table(t)) => t.keys().cloned().collect(),
                _ => continue,
            };
            for p in phrases {
                let key = p.to_lowercase().replace('’', "'");
                if let Some(other) = seen.insert(key.clone(), id.clone()) {
                    assert_eq!(other, id, "{other} and {id} share the trigger {key:?}");
                }
            }
        }
    }
}

#[test]
fn opt_in_rules_run_only_when_selected() {
    let text = "Police said 1 smuggler was arrested.\n";
    assert!(rules_of(&[], text).is_empty());
    assert_eq!(
        rules_of(&["--select", "style"], text),
        [("style".to_string(), "calque.style.digit-one".to_string())]
    );
    assert_eq!(
        rules_of(&["--select", "calque.style.digit-one"], text).len(),
        1
    );
}
