//! `calque config [PATH]`, and the config lookup that `check` shares.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{exit, ConfigArgs, ConfigChoice};
use crate::config::{Config, ConfigCache, ConfigError, EffectiveConfig};

/// Finds the configuration for each path, as `--config`/`--isolated` say.
pub(super) struct Resolver {
    isolated: bool,
    fixed: Option<Arc<Config>>,
    cache: ConfigCache,
}

impl Resolver {
    pub fn new(choice: &ConfigChoice) -> Result<Resolver, ConfigError> {
        let fixed = match &choice.file {
            Some(f) => Some(Arc::new(Config::load(f)?)),
            None => None,
        };
        Ok(Resolver {
            isolated: choice.isolated,
            fixed,
            cache: ConfigCache::default(),
        })
    }

    pub fn effective(&self, path: &Path) -> Result<EffectiveConfig, ConfigError> {
        if self.isolated {
            return Ok(EffectiveConfig::default());
        }
        if let Some(c) = &self.fixed {
            return Ok(c.effective(path));
        }
        Ok(match self.cache.config_for(path)? {
            Some(c) => c.effective(path),
            None => EffectiveConfig::default(),
        })
    }
}

pub fn run(args: ConfigArgs) -> i32 {
    let path = args.path.unwrap_or_else(|| PathBuf::from("."));
    let resolved = Resolver::new(&args.config).and_then(|r| r.effective(&path));
    match resolved {
        Ok(e) => {
            print!("{}", e.to_toml());
            exit::CLEAN
        }
        Err(e) => {
            eprintln!("{e}");
            exit::ERROR
        }
    }
}
