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
        crate::private::check_trusted(&config_path, "the config file")?;
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
        let data_dir = default_data_dir();
        crate::private::check_trusted(&data_dir, "the data directory")?;
        Ok(Config {
            config_path,
            profile_name: wanted,
            profile,
            data_dir,
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
    /// Refused when another user could have planted it
    /// ([`crate::private::check_trusted`]). Created atomically, so that
    /// processes started together on a fresh data directory agree: each
    /// writes a whole secret to a temporary file beside it and links that
    /// into place only if nothing is there yet, then every one reads what
    /// is there.
    pub fn dev_secret(&self) -> Result<String> {
        let path = self.data_dir.join("dev-secret");
        if let Some(secret) = read_dev_secret(&path)? {
            return Ok(secret);
        }
        let cannot = |e: &dyn std::fmt::Display| {
            Error::usage(format!(
                "cannot create the development secret at {}: {e}",
                path.display()
            ))
            .with_hint("set HOOKS_DATA_DIR to a writable directory, or pass --secret")
        };
        crate::private::create_dir(&self.data_dir).map_err(|e| cannot(&e))?;
        let mut temp = tempfile::Builder::new()
            .prefix(".dev-secret.")
            .tempfile_in(&self.data_dir)
            .map_err(|e| cannot(&e))?;
        {
            use std::io::Write;
            let file = temp.as_file_mut();
            writeln!(file, "{}", generate_secret()).map_err(|e| cannot(&e))?;
            file.sync_all().map_err(|e| cannot(&e))?;
        }
        match temp.persist_noclobber(&path) {
            Ok(_) => {}
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(cannot(&e.error)),
        }
        read_dev_secret(&path)?.ok_or_else(|| {
            Error::usage(format!(
                "the development secret {} is empty",
                path.display()
            ))
            .with_hint(format!("remove {} and run again", path.display()))
        })
    }
}

/// The development secret at `path`, once it is known to be the user's
/// own; none when there is no file (or, as an old hooks could leave it
/// after a crash, an empty one that nobody can have used).
fn read_dev_secret(path: &Path) -> Result<Option<String>> {
    crate::private::check_trusted(path, "the development secret")?;
    match std::fs::read_to_string(path) {
        Ok(text) if !text.trim().is_empty() => Ok(Some(text.trim().to_string())),
        Ok(_) => match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::usage(format!(
                "cannot remove the empty development secret {}: {e}",
                path.display()
            ))),
            _ => Ok(None),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::usage(format!(
            "cannot read the development secret {}: {e}",
            path.display()
        ))
        .with_hint("set HOOKS_DATA_DIR to a readable directory, or pass --secret")),
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
