//! `calque rules`, `calque explain`, `calque test-rules`.

use std::sync::Arc;

use super::{exit, load_rules, ExplainArgs, ListFormat, RulesArgs, TestRulesArgs};
use crate::lint::{examples, Linter};
use crate::rules::load::RuleSources;
use crate::rules::select::Selection;

pub fn list(args: RulesArgs) -> i32 {
    let Some(set) = load_rules(&args.rules.sources()) else {
        return exit::ERROR;
    };
    // Opt-in rules are listed too (marked), so users can find them.
    let selection = Selection {
        include_opt_in: true,
        ..args.rules.selection()
    };
    let rules: Vec<_> = set
        .rules()
        .iter()
        .map(|r| &r.meta)
        .filter(|m| selection.enables(m))
        .filter(|m| args.pack.as_ref().is_none_or(|p| &m.pack == p))
        .collect();
    match args.format {
        ListFormat::Json => {
            let list: Vec<_> = rules
                .iter()
                .map(|m| {
                    serde_json::json!({
                        "id": m.id,
                        "pack": m.pack,
                        "category": m.category,
                        "severity": m.severity,
                        "message": m.message,
                        "fixable": m.fixable,
                        "safe": m.safe,
                        "opt_in": m.opt_in,
                        "examples": { "bad": m.bad().len(), "good": m.good().len() },
                        "origin": m.origin,
                    })
                })
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&list).expect("rules serialise")
            );
        }
        ListFormat::Human => {
            for m in &rules {
                let fix = match (m.fixable, m.safe) {
                    (false, _) => "",
                    (true, true) => " [fix]",
                    (true, false) => " [unsafe fix]",
                };
                let opt_in = if m.opt_in { " [opt-in]" } else { "" };
                println!(
                    "{:<48} {:<8} {:<14} {:<8}{fix}{opt_in}",
                    m.id, m.pack, m.category, m.severity
                );
            }
            eprintln!("{} rules", rules.len());
        }
    }
    exit::CLEAN
}

pub fn explain(args: ExplainArgs) -> i32 {
    let Some(set) = load_rules(&args.rules.sources()) else {
        return exit::ERROR;
    };
    let Some(r) = set.find(&args.rule) else {
        eprintln!(
            "error: no rule `{}` (see `calque rules` for the list)",
            args.rule
        );
        return exit::ERROR;
    };
    let m = set.meta(r);
    println!(
        "{}  ({} pack, {}, {})",
        m.id, m.pack, m.category, m.severity
    );
    println!();
    println!("{}", m.message);
    if !m.explanation().trim().is_empty() {
        println!();
        println!("{}", m.explanation().trim());
    }
    println!();
    println!("Flagged:");
    for b in m.bad() {
        println!("  ✗ {}", b.text);
        if let Some(f) = &b.fixed {
            println!("  ✓ {f}");
        }
    }
    println!("Not flagged:");
    for g in m.good() {
        println!("  ✓ {}", g.text);
    }
    let fix = match (m.fixable, m.safe) {
        (false, _) => "no fix",
        (true, true) => "safe fix (applied by `calque fix`)",
        (true, false) => "unsafe fix (needs `calque fix --unsafe-fixes` or review)",
    };
    println!();
    println!("Fix: {fix}. Defined in {}:{}.", m.origin, m.line);
    exit::CLEAN
}

pub fn test(args: TestRulesArgs) -> i32 {
    let sources = RuleSources {
        no_builtin: args.no_builtin,
        dirs: args.dirs.clone(),
    };
    let Some(set) = load_rules(&sources) else {
        return exit::ERROR;
    };
    let linter = Linter::new(Arc::clone(&set), &Selection::everything());
    let failures = examples::verify(&linter, |_| true);
    for f in &failures {
        println!("{f}");
    }
    let examples: usize = set
        .rules()
        .iter()
        .map(|r| r.meta.bad().len() + r.meta.good().len())
        .sum();
    println!(
        "{} rules, {examples} examples: {} failed",
        set.len(),
        failures.len()
    );
    if failures.is_empty() {
        exit::CLEAN
    } else {
        exit::FINDINGS
    }
}
