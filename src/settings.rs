//! The effective settings and where each came from (`hooks config show`):
//! a flag, an environment variable, the active profile, or the default.
//! Secrets are masked here, so no caller can print one by mistake.

use crate::config::Config;
use std::path::Path;

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A command-line flag, e.g. `--config`.
    Flag(&'static str),
    /// An environment variable, e.g. `HOOKS_PROVIDER`.
    Env(&'static str),
    /// A key of the active profile (the text says which, in which file).
    Profile(String),
    /// hooks' default (the text says what it is).
    Default(String),
    /// Not set anywhere, and without a default.
    Unset,
}

impl Source {
    /// The kind, as the JSON `source` field: flag, env, profile, default, unset.
    pub fn kind(&self) -> &'static str {
        match self {
            Source::Flag(_) => "flag",
            Source::Env(_) => "env",
            Source::Profile(_) => "profile",
            Source::Default(_) => "default",
            Source::Unset => "unset",
        }
    }

    /// Which flag, variable, profile key or default, as the JSON `origin` field.
    pub fn origin(&self) -> Option<String> {
        match self {
            Source::Flag(f) => Some(f.to_string()),
            Source::Env(v) => Some(v.to_string()),
            Source::Profile(p) | Source::Default(p) => Some(p.clone()),
            Source::Unset => None,
        }
    }

    /// The source as one phrase, for the table.
    pub fn describe(&self) -> String {
        match self {
            Source::Flag(f) => format!("flag {f}"),
            Source::Env(v) => format!("env {v}"),
            Source::Profile(p) => p.clone(),
            Source::Default(d) => format!("default: {d}"),
            Source::Unset => "not set".into(),
        }
    }
}

/// One effective setting; secret values are already masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    pub key: &'static str,
    pub value: Option<String>,
    pub source: Source,
}

/// Shows a secret's shape, never its content: the prefix up to an
/// underscore (`whsec_`) and the length.
pub fn mask(secret: &str) -> String {
    let prefix = secret
        .find('_')
        .filter(|&i| i <= 8 && i + 1 < secret.len())
        .map(|i| &secret[..=i])
        .unwrap_or("");
    format!("{prefix}… ({} chars)", secret.chars().count())
}

fn env(name: &'static str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The value given on the command line or by its variable: clap fills the
/// flag from the variable, so a value equal to the variable's counts as the
/// variable's.
fn flag_or_env(
    value: Option<String>,
    flag: &'static str,
    var: &'static str,
) -> Option<(String, Source)> {
    let value = value?;
    let source = if env(var).as_deref() == Some(value.as_str()) {
        Source::Env(var)
    } else {
        Source::Flag(flag)
    };
    Some((value, source))
}

/// Every setting commands read from the profile, plus the config file, the
/// profile and the data directory. `config_flag` and `profile_flag` are the
/// global `--config` and `--profile` as parsed (flag or variable).
pub fn effective(
    config: &Config,
    config_flag: Option<&Path>,
    profile_flag: Option<&str>,
) -> Vec<Setting> {
    let p = &config.profile;
    let in_profile = |key: &str| Source::Profile(config.profile_key(key));
    let mut out = Vec::new();
    let mut push = |key: &'static str, value: Option<String>, source: Source| {
        out.push(Setting { key, value, source })
    };

    let (path, source) = flag_or_env(
        config_flag.map(|p| p.display().to_string()),
        "--config",
        "HOOKS_CONFIG",
    )
    .unwrap_or_else(|| {
        (
            config.config_path.display().to_string(),
            Source::Default("$XDG_CONFIG_HOME/hooks/config.toml".into()),
        )
    });
    push("config_file", Some(path), source);

    let profile_source = match flag_or_env(
        profile_flag.map(str::to_string),
        "--profile",
        "HOOKS_PROFILE",
    ) {
        Some((_, source)) => source,
        None if config.profile_name.is_none() => Source::Unset,
        None if default_profile(&config.config_path) == config.profile_name => Source::Default(
            format!("default_profile in {}", config.config_path.display()),
        ),
        None => Source::Default("the profile named default".into()),
    };
    push("profile", config.profile_name.clone(), profile_source);

    let data_dir = config.data_dir.display().to_string();
    let source = match env("HOOKS_DATA_DIR") {
        Some(_) => Source::Env("HOOKS_DATA_DIR"),
        None => Source::Default("$XDG_DATA_HOME/hooks".into()),
    };
    push("data_dir", Some(data_dir), source);

    // Settings with a variable: variable > profile > default.
    let layered = |var: Option<&'static str>,
                   profile_value: Option<String>,
                   key: &str,
                   default: Option<String>| {
        if let Some(v) = var.and_then(|name| env(name).map(|value| (value, name))) {
            return (Some(v.0), Source::Env(v.1));
        }
        if let Some(v) = profile_value {
            return (Some(v), in_profile(key));
        }
        match default {
            Some(d) => (None, Source::Default(d)),
            None => (None, Source::Unset),
        }
    };

    let (v, s) = layered(Some("HOOKS_PROVIDER"), p.provider.clone(), "provider", None);
    push("provider", v, s);

    let profile_secret = p
        .secret
        .as_deref()
        .or(p.secrets.first().map(String::as_str));
    let (v, s) = layered(
        Some("HOOKS_SECRET"),
        profile_secret.map(str::to_string),
        "secret",
        Some(format!(
            "the development secret in {}",
            config.data_dir.join("dev-secret").display()
        )),
    );
    let extra = if matches!(s, Source::Profile(_)) {
        p.secrets.len() + usize::from(p.secret.is_some()) - 1
    } else {
        0
    };
    let v = v.map(|secret| match extra {
        0 => mask(&secret),
        n => format!("{} (+{n} more for rotation)", mask(&secret)),
    });
    push("secret", v, s);

    let (v, s) = layered(None, p.to.clone(), "to", Some("send-test's target".into()));
    let v = v.or(Some(crate::outbound::DEFAULT_TARGET.into()));
    push("to", v, s);
    let (v, s) = layered(None, p.forward.clone(), "forward", None);
    push("forward", v, s);
    let (v, s) = layered(None, p.allow_from.clone(), "allow_from", None);
    push("allow_from", v, s);
    let (v, s) = layered(
        None,
        p.tolerance.map(|t| t.to_string()),
        "tolerance",
        Some("seconds, both directions".into()),
    );
    let v = v.or(Some(crate::signature::DEFAULT_TOLERANCE_SECS.to_string()));
    push("tolerance", v, s);
    for (key, value) in [
        ("signature_header", &p.signature_header),
        ("prefix", &p.prefix),
        ("encoding", &p.encoding),
    ] {
        let (v, s) = layered(None, value.clone(), key, None);
        push(key, v, s);
    }
    let (v, s) = layered(
        Some("HOOKS_API_URL"),
        p.api_url.clone(),
        "api_url",
        Some("the provider's".into()),
    );
    push("api_url", v, s);
    let (v, s) = layered(Some("HOOKS_API_KEY"), p.api_key.clone(), "api_key", None);
    let (v, s) = match (&v, &s, &p.api_key_cmd) {
        (None, Source::Unset, Some(cmd)) => (
            Some(format!("output of `{cmd}`")),
            in_profile("api_key_cmd"),
        ),
        _ => (v.as_deref().map(mask), s),
    };
    push("api_key", v, s);
    let (v, s) = layered(
        Some("HOOKS_API_VERSION"),
        p.api_version.map(|n| n.to_string()),
        "api_version",
        Some("1 (WebWork)".into()),
    );
    push("api_version", v, s);
    let (v, s) = layered(
        Some("HOOKS_ACCOUNT_EMAIL"),
        p.account_email.clone(),
        "account_email",
        None,
    );
    push("account_email", v, s);
    let (v, s) = layered(
        Some("HOOKS_WORKSPACE_ID"),
        p.workspace_id.clone(),
        "workspace_id",
        None,
    );
    push("workspace_id", v, s);
    out
}

/// The file's `default_profile`, if it names one.
fn default_profile(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let doc = text.parse::<toml_edit::DocumentMut>().ok()?;
    doc.get("default_profile")?.as_str().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_only_the_prefix_and_length() {
        assert_eq!(mask("whsec_abcdefgh"), "whsec_… (14 chars)");
        assert_eq!(mask("topsecret"), "… (9 chars)");
        assert_eq!(mask("a_"), "… (2 chars)");
        assert!(!mask("averyverylongprefix_secret").contains("secret"));
    }
}
