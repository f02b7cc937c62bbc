//! `[[overrides]]`: settings for the files that match some globs.
//!
//! Globs are relative to the config file's directory (`press/archive/**`);
//! a glob without `/` also matches a file name anywhere (`*.html`).
//! `select` and `from` replace the values above; `ignore` adds to them;
//! `severity` entries are merged over them. Overrides apply in file order.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use super::EffectiveConfig;
use crate::rules::Severity;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOverride {
    files: Spanned<Vec<Spanned<String>>>,
    from: Option<Vec<String>>,
    select: Option<Vec<String>>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
}

/// One compiled `[[overrides]]` entry.
#[derive(Clone, Debug)]
pub struct Override {
    pub files: Vec<String>,
    set: GlobSet,
    names: GlobSet,
    pub from: Option<Vec<String>>,
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub severity: BTreeMap<String, Severity>,
}

impl Override {
    pub(super) fn compile(raw: RawOverride) -> Result<Override, (Range<usize>, String)> {
        if raw.files.get_ref().is_empty() {
            return Err((raw.files.span(), "`files` needs at least one glob".into()));
        }
        let mut set = GlobSetBuilder::new();
        let mut names = GlobSetBuilder::new();
        let mut files = Vec::new();
        for g in raw.files.get_ref() {
            let text = g.get_ref().trim_start_matches("./");
            let glob = GlobBuilder::new(text)
                .literal_separator(true)
                .build()
                .map_err(|e| (g.span(), format!("invalid glob: {}", e.kind())))?;
            if text.contains('/') {
                set.add(glob);
            } else {
                names.add(glob);
            }
            files.push(g.get_ref().clone());
        }
        Ok(Override {
            files,
            set: set.build().map_err(|e| (raw.files.span(), e.to_string()))?,
            names: names
                .build()
                .map_err(|e| (raw.files.span(), e.to_string()))?,
            from: raw.from,
            select: raw.select,
            ignore: raw.ignore,
            severity: raw.severity,
        })
    }

    /// Does the override apply to `rel`, a path relative to the config's directory?
    pub fn matches(&self, rel: &Path) -> bool {
        self.set.is_match(rel) || rel.file_name().is_some_and(|n| self.names.is_match(n))
    }

    pub(super) fn apply(&self, e: &mut EffectiveConfig) {
        if let Some(from) = &self.from {
            e.selection.from = Some(from.clone());
        }
        if let Some(select) = &self.select {
            e.selection.select = select.clone();
        }
        e.selection.ignore.extend(self.ignore.iter().cloned());
        for (k, v) in &self.severity {
            e.severities.insert(k.clone(), *v);
        }
    }
}

/// `file` relative to `root` (both made absolute and normalised).
pub(super) fn relative_to(file: &Path, root: &Path) -> PathBuf {
    let f = normalise(file);
    let r = normalise(root);
    f.strip_prefix(&r).map(Path::to_path_buf).unwrap_or(f)
}

fn normalise(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}
