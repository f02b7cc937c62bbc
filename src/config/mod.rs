//! `.calque.toml`: project configuration.
//!
//! ```toml
//! from = ["fa", "ar"]                 # source-language packs (general packs stay on)
//! select = ["calque", "grammar"]      # only these rules, packs or categories
//! ignore = ["calque.fa.till-now"]     # never these
//! fail_on = "warning"                 # error | warning | info
//! rules = ["style/rules"]             # more rule directories, relative to this file
//! words = ["Khamenei", "Majlis"]      # names and terms never to flag
//! words_file = "style/words.txt"      # one per line, `#` comments
//!
//! [severity]
//! "calque.fa.in-the-margin-of" = "error"
//!
//! [[overrides]]
//! files = ["press/archive/**"]        # globs, relative to this file
//! ignore = ["style"]                  # also: select, from, severity
//! ```
//!
//! The nearest `.calque.toml` above a file applies to it (no merging of
//! several files). Command-line flags override it.

mod discovery;
mod overrides;

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;
use serde::{Deserialize, Serialize};
use toml::Spanned;

pub use discovery::{find_config, ConfigCache, CONFIG_FILE_NAME};
pub use overrides::Override;

use crate::lint::{LintOptions, WordList};
use crate::rules::select::Selection;
use crate::rules::Severity;

/// A configuration error, rendered like rustc's (file, line, caret).
#[derive(Clone, Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
    /// 1-based line of the error, 0 when unknown.
    pub line: usize,
    /// The rendered diagnostic, with the source line.
    pub rendered: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.rendered.trim_end())
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    fn new(path: &Path, source: &str, span: Option<Range<usize>>, message: String) -> ConfigError {
        let name = path.display().to_string();
        let file = SimpleFile::new(name.clone(), source);
        let mut diag = Diagnostic::error().with_message(&message);
        let mut line = 0;
        if let Some(span) = span {
            let span = span.start.min(source.len())..span.end.min(source.len());
            line = source[..span.start].matches('\n').count() + 1;
            diag = diag.with_labels(vec![Label::primary((), span)]);
        }
        let mut buf = codespan_reporting::term::termcolor::Buffer::no_color();
        let rendered = match term::emit(&mut buf, &term::Config::default(), &file, &diag) {
            Ok(()) => String::from_utf8_lossy(buf.as_slice()).into_owned(),
            Err(_) => format!("error: {message}\n  --> {name}:{line}\n"),
        };
        ConfigError {
            path: path.to_path_buf(),
            message,
            line,
            rendered,
        }
    }

    fn io(path: &Path, e: &std::io::Error) -> ConfigError {
        let message = format!("cannot read {}: {e}", path.display());
        ConfigError {
            path: path.to_path_buf(),
            rendered: format!("error: {message}\n"),
            message,
            line: 0,
        }
    }
}

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    from: Option<Vec<String>>,
    select: Option<Vec<String>>,
    #[serde(default)]
    ignore: Vec<String>,
    fail_on: Option<Severity>,
    #[serde(default)]
    rules: Vec<Spanned<String>>,
    #[serde(default)]
    words: Vec<String>,
    words_file: Option<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
    #[serde(default)]
    overrides: Vec<overrides::RawOverride>,
}

/// A loaded `.calque.toml`, paths resolved.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The file it was read from (`None`: the defaults).
    pub path: Option<PathBuf>,
    /// The directory that relative paths and globs start from.
    pub root: PathBuf,
    pub from: Option<Vec<String>>,
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub fail_on: Option<Severity>,
    pub rule_dirs: Vec<PathBuf>,
    pub words: WordList,
    pub severity: BTreeMap<String, Severity>,
    pub overrides: Vec<Override>,
}

/// The configuration that applies to one file, overrides applied.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EffectiveConfig {
    /// The config file it comes from, if any.
    pub config_path: Option<PathBuf>,
    pub selection: Selection,
    /// Severity overrides, selector → severity.
    pub severities: BTreeMap<String, Severity>,
    pub words: WordList,
    /// Extra rule directories (absolute, or relative to the working directory).
    pub rule_dirs: Vec<PathBuf>,
    pub fail_on: Option<Severity>,
}

impl Config {
    /// Read and check a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::io(path, &e))?;
        Config::parse(path, &text)
    }

    /// Parse config text; `path` names it in errors and anchors relative paths.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text)
            .map_err(|e| ConfigError::new(path, text, e.span(), e.message().to_string()))?;
        let root = path
            .parent()
            .map(|p| {
                if p.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    p.to_path_buf()
                }
            })
            .unwrap_or_else(|| PathBuf::from("."));
        let mut rule_dirs = Vec::new();
        for r in &raw.rules {
            let dir = root.join(r.get_ref());
            if !dir.exists() {
                return Err(ConfigError::new(
                    path,
                    text,
                    Some(r.span()),
                    format!("rule directory `{}` does not exist", dir.display()),
                ));
            }
            rule_dirs.push(dir);
        }
        let mut words = raw.words.clone();
        if let Some(wf) = &raw.words_file {
            let file = root.join(wf.get_ref());
            match std::fs::read_to_string(&file) {
                Ok(list) => words.extend(
                    list.lines()
                        .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
                        .filter(|l| !l.is_empty()),
                ),
                Err(e) => {
                    return Err(ConfigError::new(
                        path,
                        text,
                        Some(wf.span()),
                        format!("cannot read word list `{}`: {e}", file.display()),
                    ))
                }
            }
        }
        let mut overrides = Vec::new();
        for o in raw.overrides {
            overrides.push(
                Override::compile(o)
                    .map_err(|(span, msg)| ConfigError::new(path, text, Some(span), msg))?,
            );
        }
        Ok(Config {
            path: Some(path.to_path_buf()),
            root,
            from: raw.from,
            select: raw.select,
            ignore: raw.ignore,
            fail_on: raw.fail_on,
            rule_dirs,
            words: WordList::new(words),
            severity: raw.severity,
            overrides,
        })
    }

    /// The nearest config for `path` (a file or directory), or `None`.
    pub fn discover(path: &Path) -> Result<Option<Config>, ConfigError> {
        match find_config(path) {
            Some(file) => Config::load(&file).map(Some),
            None => Ok(None),
        }
    }

    /// The configuration for `path`: the nearest config file's, with its
    /// overrides for this path applied (defaults when there is no config).
    pub fn for_file(path: &Path) -> Result<EffectiveConfig, ConfigError> {
        Ok(match Config::discover(path)? {
            Some(c) => c.effective(path),
            None => EffectiveConfig::default(),
        })
    }

    /// This config applied to `file`.
    pub fn effective(&self, file: &Path) -> EffectiveConfig {
        let mut e = EffectiveConfig {
            config_path: self.path.clone(),
            selection: Selection {
                from: self.from.clone(),
                select: self.select.clone().unwrap_or_default(),
                ignore: self.ignore.clone(),
                ..Selection::default()
            },
            severities: self.severity.clone(),
            words: self.words.clone(),
            rule_dirs: self.rule_dirs.clone(),
            fail_on: self.fail_on,
        };
        let rel = overrides::relative_to(file, &self.root);
        for o in &self.overrides {
            if o.matches(&rel) {
                o.apply(&mut e);
            }
        }
        e
    }
}

/// The effective configuration as TOML (what `calque config` prints).
#[derive(Serialize)]
struct Printed<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    config: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<&'a Vec<String>>,
    select: &'a Vec<String>,
    ignore: &'a Vec<String>,
    fail_on: &'a str,
    rules: Vec<String>,
    words: &'a [String],
    severity: &'a BTreeMap<String, Severity>,
}

impl EffectiveConfig {
    /// The options the linter takes from this configuration.
    pub fn lint_options(&self) -> LintOptions {
        LintOptions {
            severities: self
                .severities
                .iter()
                .map(|(k, v)| (k.clone(), *v))
                .collect(),
            words: self.words.clone(),
            report_unused_suppressions: false,
        }
    }

    /// As TOML, for `calque config`.
    pub fn to_toml(&self) -> String {
        let printed = Printed {
            config: self.config_path.as_ref().map(|p| p.display().to_string()),
            from: self.selection.from.as_ref(),
            select: &self.selection.select,
            ignore: &self.selection.ignore,
            fail_on: self.fail_on.unwrap_or(Severity::Warning).as_str(),
            rules: self
                .rule_dirs
                .iter()
                .map(|p| p.display().to_string())
                .collect(),
            words: self.words.terms(),
            severity: &self.severities,
        };
        toml::to_string(&printed).expect("config serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_point_at_the_line() {
        let text = "select = [\"calque\"]\nfail_on = \"loud\"\n";
        let e = Config::parse(Path::new("x/.calque.toml"), text).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.rendered.contains("x/.calque.toml:2:"), "{}", e.rendered);
        assert!(e.rendered.contains("fail_on = \"loud\""), "{}", e.rendered);
    }

    #[test]
    fn unknown_keys_are_errors() {
        let e = Config::parse(Path::new(".calque.toml"), "\nselct = []\n").unwrap_err();
        assert_eq!(e.line, 2);
    }

    #[test]
    fn overrides_apply_by_glob() {
        let text = r#"
ignore = ["style"]
[severity]
"calque.fa" = "error"
[[overrides]]
files = ["press/archive/**"]
ignore = ["grammar"]
select = ["calque"]
[overrides.severity]
"calque.fa.x" = "info"
"#;
        let c = Config::parse(Path::new("/repo/.calque.toml"), text).unwrap();
        let e = c.effective(Path::new("/repo/press/archive/2019/a.md"));
        assert_eq!(e.selection.ignore, vec!["style", "grammar"]);
        assert_eq!(e.selection.select, vec!["calque"]);
        assert_eq!(e.severities.get("calque.fa.x"), Some(&Severity::Info));
        assert_eq!(e.severities.get("calque.fa"), Some(&Severity::Error));
        let e = c.effective(Path::new("/repo/press/today.md"));
        assert_eq!(e.selection.ignore, vec!["style"]);
        assert!(e.selection.select.is_empty());
    }
}
