//! Reading rule files: the embedded packs and user directories.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::model::{BuiltinRuleFile, RuleDocs, RuleFile};
use super::{RuleError, RuleSet, SourcedRule};

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// 1-based line and column of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rfind('\n')
        .map_or(before.chars().count(), |p| before[p + 1..].chars().count())
        + 1;
    (line, col)
}

/// Parse one rule file's text. `origin` names it in errors.
pub fn parse_rule_file(origin: &str, text: &str) -> Result<Vec<SourcedRule>, RuleError> {
    let file: RuleFile = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(0, |s| line_col(text, s.start).0);
        RuleError {
            origin: origin.to_string(),
            line,
            id: String::new(),
            message: e.message().to_string(),
        }
    })?;
    let default_pack = file.pack.clone().unwrap_or_default();
    // Lines counted incrementally: rules come in file order.
    let (mut line, mut counted) = (1, 0);
    Ok(file
        .rule
        .into_iter()
        .map(|spanned| {
            let at = spanned.span().start.clamp(counted, text.len());
            line += text.as_bytes()[counted..at]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            counted = at;
            let line = line;
            let mut spec = spanned.into_inner();
            spec.forget_analysis();
            SourcedRule {
                pack: spec.pack.clone().unwrap_or_else(|| default_pack.clone()),
                spec,
                origin: origin.to_string(),
                line,
                builtin: None,
            }
        })
        .collect())
}

/// The rule files in a directory (`*.toml`, sorted), or the file itself.
pub fn rule_files(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    Ok(files)
}

/// Where to find rules.
#[derive(Clone, Debug, Default)]
pub struct RuleSources {
    /// Leave out the embedded packs.
    pub no_builtin: bool,
    /// Extra rule directories or files, read in order (later ids override).
    pub dirs: Vec<PathBuf>,
}

/// Two rules with one id in the same group (built-in, or user directories)
/// are an error; a user rule may replace a built-in one on purpose.
fn check_unique(group: &[SourcedRule], errors: &mut Vec<RuleError>) {
    let mut seen: std::collections::HashMap<&str, &SourcedRule> = Default::default();
    for r in group {
        if let Some(first) = seen.insert(&r.spec.id, r) {
            errors.push(RuleError {
                origin: r.origin.clone(),
                line: r.line,
                id: r.spec.id.clone(),
                message: format!(
                    "duplicate id (first defined at {}:{})",
                    first.origin, first.line
                ),
            });
        }
    }
}

/// The explanations and examples of the rules of built-in pack `file`, in
/// rule order, parsed on first use (see [`super::Docs`]).
pub(super) fn builtin_docs(file: usize) -> &'static [RuleDocs] {
    static DOCS: [OnceLock<Vec<RuleDocs>>; BUILTIN_FILE_COUNT] =
        [const { OnceLock::new() }; BUILTIN_FILE_COUNT];
    DOCS[file].get_or_init(|| {
        let (origin, _, json) = BUILTIN_RULE_FILES[file];
        serde_json::from_str(json)
            .unwrap_or_else(|e| panic!("{origin}: the build wrote bad examples: {e}"))
    })
}

/// Parse built-in pack `file` (JSON made by `build.rs` from `rules/*.toml`).
fn parse_builtin(index: usize) -> Result<Vec<SourcedRule>, RuleError> {
    let (origin, json, _) = BUILTIN_RULE_FILES[index];
    let file: BuiltinRuleFile = serde_json::from_str(json).map_err(|e| RuleError {
        origin: origin.to_string(),
        line: 0,
        id: String::new(),
        message: e.to_string(),
    })?;
    let default_pack = file.pack.unwrap_or_default();
    Ok(file
        .rule
        .into_iter()
        .enumerate()
        .map(|(rule, spec)| SourcedRule {
            pack: spec.pack.clone().unwrap_or_else(|| default_pack.clone()),
            line: spec.source_line.unwrap_or(0),
            spec,
            origin: origin.to_string(),
            builtin: Some((index, rule)),
        })
        .collect())
}

/// Read and compile the rules `sources` names.
pub fn load(sources: &RuleSources) -> Result<RuleSet, Vec<RuleError>> {
    let mut specs = Vec::new();
    let mut errors = Vec::new();
    if !sources.no_builtin {
        // The packs parse independently: in parallel, kept in order.
        use rayon::prelude::*;
        let parsed: Vec<_> = (0..BUILTIN_RULE_FILES.len())
            .into_par_iter()
            .map(parse_builtin)
            .collect();
        for p in parsed {
            match p {
                Ok(mut s) => specs.append(&mut s),
                Err(e) => errors.push(e),
            }
        }
        check_unique(&specs, &mut errors);
    }
    let builtin_count = specs.len();
    for dir in &sources.dirs {
        let files = match rule_files(dir) {
            Ok(f) => f,
            Err(e) => {
                errors.push(RuleError {
                    origin: dir.display().to_string(),
                    line: 0,
                    id: String::new(),
                    message: format!("cannot read rule directory: {e}"),
                });
                continue;
            }
        };
        for file in files {
            let origin = file.display().to_string();
            match std::fs::read_to_string(&file) {
                Ok(text) => match parse_rule_file(&origin, &text) {
                    Ok(mut s) => specs.append(&mut s),
                    Err(e) => errors.push(e),
                },
                Err(e) => errors.push(RuleError {
                    origin,
                    line: 0,
                    id: String::new(),
                    message: format!("cannot read: {e}"),
                }),
            }
        }
    }
    check_unique(&specs[builtin_count..], &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    RuleSet::compile(specs)
}

/// The embedded rules, compiled once per process and shared (the language
/// server reloads its rules on every configuration change).
pub fn builtin_shared() -> std::sync::Arc<RuleSet> {
    static SET: std::sync::OnceLock<std::sync::Arc<RuleSet>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        std::sync::Arc::new(load(&RuleSources::default()).unwrap_or_else(|errors| {
            let list: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            panic!("built-in rules do not compile:\n{}", list.join("\n"))
        }))
    })
    .clone()
}

/// The embedded rules, compiled once per process.
pub fn builtin() -> &'static RuleSet {
    static SET: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        load(&RuleSources::default()).unwrap_or_else(|errors| {
            let list: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            panic!("built-in rules do not compile:\n{}", list.join("\n"))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::model::StoredLiteral;
    use crate::rules::{prefilter, Matcher};

    /// A regex within its [`prefilter::compiled_size_bound`] compiles with
    /// that bound as the size limit: user regexes under the limit by the
    /// bound are compiled on first use, and must not fail then.
    #[test]
    fn compiled_size_bounds_hold() {
        let mut sources: Vec<String> = [
            r"\b(?:within|boiling) dministrations?\b",
            r"(a+)+$",
            r"\w{50}",
            r"(?:\p{L}[\w’'-]*\s){2,5}\d+",
            r"[\x{0600}-\x{06FF}]+ (?:x|y|z){3,}",
            "",
        ]
        .iter()
        .map(|re| prefilter::rule_regex_source(re, false))
        .collect();
        for (file, _) in BUILTIN_RULE_FILES.iter().enumerate() {
            for rule in parse_builtin(file).unwrap() {
                if let Some(re) = &rule.spec.regex {
                    sources.push(prefilter::rule_regex_source(re, rule.spec.case_sensitive));
                }
            }
        }
        for source in sources {
            let bound = prefilter::analyse_rule_regex(&source).unwrap().size_bound;
            let built = regex::RegexBuilder::new(&source).size_limit(bound).build();
            assert!(built.is_ok(), "{source}: {bound} bytes: {built:?}");
        }
    }

    /// What `build.rs` stores with the built-in rules (`__regex`) is what
    /// the loader works out for a user rule, and the rules compile the same
    /// both ways: the two can never drift apart.
    #[test]
    fn build_time_analysis_matches_the_loader() {
        for (file, (origin, ..)) in BUILTIN_RULE_FILES.iter().enumerate() {
            let analysed = parse_builtin(file).unwrap();
            let mut fresh = parse_builtin(file).unwrap();
            let mut docs: Vec<RuleDocs> = serde_json::from_str(BUILTIN_RULE_FILES[file].2).unwrap();
            assert_eq!(docs.len(), analysed.len(), "{origin}");
            for ((a, f), docs) in analysed.iter().zip(&mut fresh).zip(&mut docs) {
                let spec = &a.spec;
                if let Some(re) = &spec.regex {
                    let facts = prefilter::analyse_rule_regex(&prefilter::rule_regex_source(
                        re,
                        spec.case_sensitive,
                    ))
                    .unwrap();
                    let stored = spec.regex_analysis.as_ref().unwrap_or_else(|| {
                        panic!("{origin}:{}: regex not analysed at build time", a.line)
                    });
                    let literals: Vec<Vec<Vec<u8>>> = stored
                        .literals
                        .iter()
                        .map(|set| set.iter().cloned().map(StoredLiteral::into_bytes).collect())
                        .collect();
                    assert_eq!(literals, facts.literals, "{origin}:{}", a.line);
                    assert_eq!(stored.groups, facts.groups, "{origin}:{}", a.line);
                }
                let elements = spec.pattern.iter().flatten();
                for e in elements
                    .chain(&spec.unless_before)
                    .chain(&spec.unless_after)
                {
                    if let Some(re) = &e.regex {
                        let stored = e.regex_analysis.as_ref().unwrap_or_else(|| {
                            panic!("{origin}:{}: `{re}` not analysed at build time", a.line)
                        });
                        let words = prefilter::token_regex_words(re).unwrap();
                        assert_eq!(stored.words, words, "{origin}:{}: `{re}`", a.line);
                    }
                }
                // As a user rule: analysed, validated and compiled at load,
                // with its examples.
                f.spec.forget_analysis();
                f.spec.explanation = std::mem::take(&mut docs.explanation);
                f.spec.bad = std::mem::take(&mut docs.bad);
                f.spec.good = std::mem::take(&mut docs.good);
                f.builtin = None;
            }
            let analysed = RuleSet::compile(analysed).unwrap_or_else(|e| panic!("{e:?}"));
            let fresh = RuleSet::compile(fresh).unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(analysed.len(), fresh.len());
            for (a, f) in analysed.rules.iter().zip(&fresh.rules) {
                let id = &a.meta.id;
                assert_eq!(a.meta.explanation(), f.meta.explanation(), "{id}");
                assert_eq!(
                    format!("{:?}", (a.meta.bad(), a.meta.good())),
                    format!("{:?}", (f.meta.bad(), f.meta.good())),
                    "{id}"
                );
                match (&a.matcher, &f.matcher) {
                    (Matcher::Regex(a), Matcher::Regex(f)) => {
                        assert_eq!(a.source, f.source, "{id}");
                        assert_eq!(a.literals, f.literals, "{id}");
                    }
                    (Matcher::Pattern(a), Matcher::Pattern(f)) => {
                        assert_eq!(format!("{a:?}"), format!("{f:?}"), "{id}");
                    }
                    _ => {}
                }
                assert_eq!(
                    format!("{:?}", (&a.unless_before, &a.unless_after)),
                    format!("{:?}", (&f.unless_before, &f.unless_after)),
                    "{id}"
                );
            }
        }
    }
}
