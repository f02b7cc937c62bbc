//! Settings: the command line, the client's settings and `.calque.toml`.
//!
//! The client sends settings in `initializationOptions` and again with
//! `workspace/didChangeConfiguration` (either bare or under a `calque` key):
//!
//! ```json
//! { "from": ["fa", "ar"], "select": [], "ignore": ["calque.style"],
//!   "rules": ["/path/to/rules"], "noBuiltin": false }
//! ```
//!
//! `from`, `select` and `ignore` also accept a comma-separated string.
//! The configuration file is reached through [`ConfigSource`], so the
//! project's config module plugs in without the server knowing its format.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use crate::cli::RuleArgs;
use crate::lint::LintOptions;
use crate::rules::load::RuleSources;
use crate::rules::select::Selection;

/// The client's settings.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(default, rename_all = "camelCase")]
pub struct ClientSettings {
    #[serde(deserialize_with = "opt_list")]
    pub from: Option<Vec<String>>,
    #[serde(deserialize_with = "list")]
    pub select: Vec<String>,
    #[serde(deserialize_with = "list")]
    pub ignore: Vec<String>,
    pub rules: Vec<PathBuf>,
    pub no_builtin: bool,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum StringOrList {
    One(String),
    Many(Vec<String>),
}

impl StringOrList {
    fn into_vec(self) -> Vec<String> {
        match self {
            StringOrList::One(s) => s
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            StringOrList::Many(v) => v,
        }
    }
}

fn list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(Option::<StringOrList>::deserialize(d)?.map_or_else(Vec::new, StringOrList::into_vec))
}

fn opt_list<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    Ok(Option::<StringOrList>::deserialize(d)?.map(StringOrList::into_vec))
}

impl ClientSettings {
    /// Read settings sent by a client: `{ "calque": {...} }` or `{...}`.
    /// `None` when there are none; an error when they do not parse.
    pub fn from_value(value: &Value) -> Result<Option<ClientSettings>, String> {
        let inner = match value.get("calque") {
            Some(v) => v,
            None => value,
        };
        if inner.is_null() {
            return Ok(None);
        }
        ClientSettings::deserialize(inner)
            .map(Some)
            .map_err(|e| format!("invalid calque settings: {e}"))
    }
}

/// The command line and the client's settings together.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub cli: RuleArgs,
    pub client: ClientSettings,
}

impl Settings {
    /// Where rules come from: the command line's directories, then the client's.
    pub fn sources(&self) -> RuleSources {
        let mut sources = self.cli.sources();
        sources.no_builtin |= self.client.no_builtin;
        sources.dirs.extend(self.client.rules.iter().cloned());
        sources
    }

    /// The selection before any configuration file: the client's `from` and
    /// `select` replace the command line's; `ignore` lists add up.
    pub fn selection(&self) -> Selection {
        let mut s = self.cli.selection();
        if self.client.from.is_some() {
            s.from = self.client.from.clone();
        }
        if !self.client.select.is_empty() {
            s.select = self.client.select.clone();
        }
        s.ignore.extend(self.client.ignore.iter().cloned());
        s
    }
}

/// Where per-file configuration comes from.
///
/// The server asks for the selection of each document's path and calls
/// [`ConfigSource::reload`] when the client reports a change to a
/// configuration file (`workspace/didChangeWatchedFiles`).
pub trait ConfigSource {
    /// The rules selected for a document at `path` (`None`: not on disk),
    /// given the selection from the command line and the client.
    fn selection_for(&mut self, path: Option<&Path>, defaults: &Selection) -> Selection;

    /// Severities, word list and other lint options for a document at `path`.
    fn options_for(&mut self, _path: Option<&Path>) -> LintOptions {
        LintOptions::default()
    }

    /// Extra rule directories a configuration file names for `path`.
    fn rule_dirs_for(&mut self, _path: Option<&Path>) -> Vec<PathBuf> {
        Vec::new()
    }

    /// A configuration file changed, was created or deleted: forget what was read.
    fn reload(&mut self, changed: &Path);

    /// Is this file a configuration file the server should watch?
    fn is_config_file(&self, path: &Path) -> bool {
        path.file_name().is_some_and(|n| n == CONFIG_FILE_NAME)
    }
}

/// The configuration file's name, watched with the glob `**/.calque.toml`.
pub const CONFIG_FILE_NAME: &str = ".calque.toml";

/// The client's settings for every file, ignoring `.calque.toml` files
/// (used where configuration files are not wanted, as in tests).
pub struct ClientSettingsOnly;

impl ConfigSource for ClientSettingsOnly {
    fn selection_for(&mut self, _path: Option<&Path>, defaults: &Selection) -> Selection {
        defaults.clone()
    }

    fn reload(&mut self, _changed: &Path) {}
}

/// The configuration source the server uses.
pub fn default_config_source() -> Box<dyn ConfigSource> {
    Box::new(ConfigFiles::default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn settings_accept_lists_strings_and_a_calque_key() {
        let s = ClientSettings::from_value(&json!({
            "calque": { "from": "fa, ar", "ignore": ["calque.style"], "rules": ["/r"] }
        }))
        .unwrap()
        .unwrap();
        assert_eq!(s.from, Some(vec!["fa".to_string(), "ar".to_string()]));
        assert_eq!(s.ignore, ["calque.style"]);
        assert_eq!(s.rules, [PathBuf::from("/r")]);
        assert!(ClientSettings::from_value(&Value::Null).unwrap().is_none());
        assert!(ClientSettings::from_value(&json!({"select": 3})).is_err());
    }

    #[test]
    fn client_settings_override_the_command_line() {
        let settings = Settings {
            cli: RuleArgs {
                from: Some(vec!["tr".into()]),
                ignore: vec!["a".into()],
                select: vec!["x".into()],
                ..RuleArgs::default()
            },
            client: ClientSettings {
                from: Some(vec!["fa".into()]),
                ignore: vec!["b".into()],
                ..ClientSettings::default()
            },
        };
        let sel = settings.selection();
        assert_eq!(sel.from, Some(vec!["fa".to_string()]));
        assert_eq!(sel.select, ["x"]);
        assert_eq!(sel.ignore, ["a", "b"]);
    }
}

/// `.calque.toml` files found by walking up from each document, as the
/// command line finds them. Client settings win over the file: `from` and
/// `select` replace the file's lists, `ignore` adds to them.
#[derive(Default)]
pub struct ConfigFiles {
    cache: crate::config::ConfigCache,
}

impl ConfigFiles {
    fn effective(&self, path: Option<&Path>) -> Option<crate::config::EffectiveConfig> {
        let path = path?;
        match self.cache.config_for(path) {
            Ok(Some(c)) => Some(c.effective(path)),
            // A broken config file is reported by `calque check`; the editor
            // keeps working with the client's settings.
            Ok(None) | Err(_) => None,
        }
    }
}

impl ConfigSource for ConfigFiles {
    fn selection_for(&mut self, path: Option<&Path>, defaults: &Selection) -> Selection {
        let Some(e) = self.effective(path) else {
            return defaults.clone();
        };
        let mut s = e.selection;
        if defaults.from.is_some() {
            s.from = defaults.from.clone();
        }
        if !defaults.select.is_empty() {
            s.select = defaults.select.clone();
        }
        s.ignore.extend(defaults.ignore.iter().cloned());
        s
    }

    fn options_for(&mut self, path: Option<&Path>) -> LintOptions {
        self.effective(path)
            .map(|e| e.lint_options())
            .unwrap_or_default()
    }

    fn rule_dirs_for(&mut self, path: Option<&Path>) -> Vec<PathBuf> {
        self.effective(path)
            .map(|e| e.rule_dirs)
            .unwrap_or_default()
    }

    fn reload(&mut self, _changed: &Path) {
        self.cache = crate::config::ConfigCache::default();
    }
}
