//! Finding the config file for a path: the nearest `.calque.toml` above it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::{Config, ConfigError};

pub const CONFIG_FILE_NAME: &str = ".calque.toml";

/// The nearest `.calque.toml` in `path`'s directory (or `path` itself, if
/// it is a directory) or any directory above it.
pub fn find_config(path: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let start = if abs.is_dir() {
        Some(abs.as_path())
    } else {
        abs.parent()
    };
    start?
        .ancestors()
        .map(|d| d.join(CONFIG_FILE_NAME))
        .find(|c| c.is_file())
}

/// Loads each config file once, for runs over many files.
#[derive(Default)]
pub struct ConfigCache {
    by_dir: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    loaded: Mutex<HashMap<PathBuf, Result<Arc<Config>, ConfigError>>>,
}

impl ConfigCache {
    /// The config that applies to `path` (`None`: no config file).
    pub fn config_for(&self, path: &Path) -> Result<Option<Arc<Config>>, ConfigError> {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let dir = if abs.is_dir() {
            abs.clone()
        } else {
            abs.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        let found = {
            let mut by_dir = self.by_dir.lock().expect("config cache");
            by_dir
                .entry(dir.clone())
                .or_insert_with(|| find_config(&dir))
                .clone()
        };
        let Some(file) = found else {
            return Ok(None);
        };
        let mut loaded = self.loaded.lock().expect("config cache");
        loaded
            .entry(file.clone())
            .or_insert_with(|| Config::load(&file).map(Arc::new))
            .clone()
            .map(Some)
    }
}
