//! Embeds every `rules/*.toml` pack so `calque check` needs no configuration.
//!
//! The packs are converted to JSON here, at build time: parsing a third of a
//! megabyte of TOML took most of calque's start-up, and JSON parses many
//! times faster. Each rule carries its line in the TOML file (`__line`) so
//! messages still point at the source.

use std::fmt::Write;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=rules");
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
    let mut out = String::from(
        "/// Built-in rule files: (path, the file as JSON with `__line` per rule).\n\
         pub static BUILTIN_RULE_FILES: &[(&str, &str)] = &[\n",
    );
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(f).unwrap();
        let json = to_json(&name, &text);
        let dest = Path::new(&out_dir).join(format!("{name}.json"));
        std::fs::write(&dest, json).unwrap();
        writeln!(
            out,
            "    (\"rules/{name}\", include_str!({:?})),",
            dest.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    std::fs::write(Path::new(&out_dir).join("builtin_rules.rs"), out).unwrap();
}

/// The rule file as JSON, each rule with its 1-based line.
fn to_json(name: &str, text: &str) -> String {
    let mut table: toml::Table = text
        .parse()
        .unwrap_or_else(|e| panic!("rules/{name} is not valid TOML: {e}"));
    // Rules are `[[rule]]` tables, in file order.
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "[[rule]]")
        .map(|(i, _)| i + 1)
        .collect();
    if let Some(toml::Value::Array(rules)) = table.get_mut("rule") {
        assert_eq!(
            rules.len(),
            lines.len(),
            "rules/{name}: write every rule under its own `[[rule]]` header"
        );
        for (rule, line) in rules.iter_mut().zip(lines) {
            if let toml::Value::Table(t) = rule {
                t.insert("__line".into(), toml::Value::Integer(line as i64));
            }
        }
    }
    serde_json::to_string(&table).unwrap()
}
