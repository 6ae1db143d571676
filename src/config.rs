//! Configuration: the TOML config file with named profiles, the data
//! directory, and the local development secret.
//!
//! Precedence for every setting: flag > environment (HOOKS_*) > profile >
//! default. Flags and environment are resolved by clap (`env = "HOOKS_…"`);
//! this module supplies the profile and the defaults.

use crate::{Error, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One `[profiles.NAME]` table. Every key is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub provider: Option<String>,
    pub secret: Option<String>,
    /// Extra secrets accepted when verifying (rotation).
    #[serde(default)]
    pub secrets: Vec<String>,
    pub to: Option<String>,
    pub forward: Option<String>,
    /// `hooks listen --allow-from`.
    pub allow_from: Option<String>,
    pub tolerance: Option<u64>,
    pub signature_header: Option<String>,
    pub prefix: Option<String>,
    pub encoding: Option<String>,
    pub api_url: Option<String>,
    pub api_key: Option<String>,
    pub api_key_cmd: Option<String>,
    pub api_version: Option<u8>,
    pub account_email: Option<String>,
    pub workspace_id: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    default_profile: Option<String>,
    #[serde(default)]
    profiles: BTreeMap<String, Profile>,
}

/// The configuration every command runs with.
#[derive(Debug, Clone)]
pub struct Config {
    pub config_path: PathBuf,
    pub profile_name: Option<String>,
    pub profile: Profile,
    pub data_dir: PathBuf,
}

/// The config file's default location: `$XDG_CONFIG_HOME/hooks/config.toml`.
pub fn default_config_path() -> PathBuf {
    directories::ProjectDirs::from("", "", "hooks")
        .map(|d| d.config_dir().join("config.toml"))
        .unwrap_or_else(|| PathBuf::from("hooks.toml"))
}

/// The data directory: `HOOKS_DATA_DIR`, else `$XDG_DATA_HOME/hooks`.
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("HOOKS_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("", "", "hooks")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".hooks"))
}

impl Config {
    /// Loads the config file (a missing file is an empty one) and selects the
    /// profile: `--profile`/`HOOKS_PROFILE`, else `default_profile`, else a
    /// profile named `default` if there is one.
    pub fn load(config: Option<&Path>, profile: Option<&str>) -> Result<Config> {
        let explicit = config.is_some();
        let config_path = config
            .map(Path::to_path_buf)
            .unwrap_or_else(default_config_path);
        let file = match std::fs::read_to_string(&config_path) {
            Ok(text) => toml::from_str::<ConfigFile>(&text).map_err(|e| {
                let line = e
                    .span()
                    .map(|s| format!(" line {}", text[..s.start].matches('\n').count() + 1))
                    .unwrap_or_default();
                Error::usage(format!(
                    "malformed config file {}{line}: {}",
                    config_path.display(),
                    e.message()
                ))
                .with_hint("fix the file (TOML, profiles under [profiles.NAME]), or point HOOKS_CONFIG elsewhere")
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => ConfigFile::default(),
            Err(e) => {
                return Err(Error::usage(format!(
                    "cannot read config file {}: {e}",
                    config_path.display()
                )))
            }
        };
        let wanted = profile
            .map(str::to_string)
            .or(file.default_profile.clone())
            .or_else(|| {
                file.profiles
                    .contains_key("default")
                    .then(|| "default".to_string())
            });
        let profile = match &wanted {
            Some(name) => file.profiles.get(name).cloned().ok_or_else(|| {
                let known: Vec<&String> = file.profiles.keys().collect();
                Error::usage(format!(
                    "profile '{name}' is not in {}",
                    config_path.display()
                ))
                .with_hint(if known.is_empty() {
                    format!("add a [profiles.{name}] table to the file")
                } else {
                    format!(
                        "profiles there: {}",
                        known
                            .iter()
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })
            })?,
            None => Profile::default(),
        };
        Ok(Config {
            config_path,
            profile_name: wanted,
            profile,
            data_dir: default_data_dir(),
        })
    }

    /// The configuration without any profile (`--no-profile`): the file is
    /// not even read, so a profile that would be refused does not stop the
    /// run either.
    pub fn without_profile(config: Option<&Path>) -> Config {
        Config {
            config_path: config
                .map(Path::to_path_buf)
                .unwrap_or_else(default_config_path),
            profile_name: None,
            profile: Profile::default(),
            data_dir: default_data_dir(),
        }
    }

    /// The active profile as the ready lines and messages name it:
    /// `profile default (/path/config.toml)`.
    pub fn profile_label(&self) -> String {
        format!(
            "profile {} ({})",
            self.profile_name.as_deref().unwrap_or("NAME"),
            self.config_path.display()
        )
    }

    /// Where the settings of the active profile live, for error messages.
    pub fn profile_key(&self, key: &str) -> String {
        format!(
            "{key} in [profiles.{}] of {}",
            self.profile_name.as_deref().unwrap_or("NAME"),
            self.config_path.display()
        )
    }

    /// The local development secret, created once in the data directory
    /// (mode 0600) so that `send-test` and `listen` agree out of the box.
    pub fn dev_secret(&self) -> Result<String> {
        let path = self.data_dir.join("dev-secret");
        if let Ok(text) = std::fs::read_to_string(&path) {
            let secret = text.trim().to_string();
            if !secret.is_empty() {
                return Ok(secret);
            }
        }
        let secret = generate_secret();
        crate::private::write(&path, format!("{secret}\n").as_bytes()).map_err(|e| {
            Error::usage(format!(
                "cannot create the development secret at {}: {e}",
                path.display()
            ))
            .with_hint("set HOOKS_DATA_DIR to a writable directory, or pass --secret")
        })?;
        Ok(secret)
    }
}

/// Names where a value clap read from `flag` (or its variable `var`) came
/// from, for messages: the variable when the value is the variable's (clap
/// prefers the flag, so an equal flag value is indistinguishable and
/// harmless), else the flag.
pub fn given_by(flag: &str, var: &str, values: &[String]) -> String {
    match std::env::var(var) {
        Ok(v) if values.len() == 1 && values[0] == v => var.to_string(),
        _ => flag.to_string(),
    }
}

/// A fresh random signing secret, `whsec_` and 24 random bytes in base64:
/// accepted by every scheme (Standard Webhooks reads the key after `whsec_`).
pub fn generate_secret() -> String {
    use base64::Engine;
    let key: [u8; 24] = rand::random();
    format!(
        "whsec_{}",
        base64::engine::general_purpose::STANDARD.encode(key)
    )
}
