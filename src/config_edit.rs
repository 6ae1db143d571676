//! Writing a profile into the config file (`hooks init`): the rest of the
//! file (comments, other profiles, their order) is kept, and the file is
//! made 0600 because the profile holds a secret.

use crate::{Error, Result};
use std::path::Path;
use toml_edit::{value, DocumentMut, Item, Table};

/// The profile `hooks init` writes: the keys of `[profiles.NAME]` it sets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewProfile {
    pub provider: String,
    pub secret: Option<String>,
    pub forward: Option<String>,
    pub api_key: Option<String>,
}

/// What writing the profile did besides adding it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// The profile existed and was replaced (`--force`).
    pub replaced: bool,
    /// The file had no `default_profile`, and now names this one.
    pub made_default: bool,
}

/// Reads the config file as an editable document; a missing file is empty.
pub fn read(path: &Path) -> Result<DocumentMut> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(Error::usage(format!(
                "cannot read config file {}: {e}",
                path.display()
            )))
        }
    };
    text.parse::<DocumentMut>().map_err(|e| {
        Error::usage(format!(
            "malformed config file {}: {}",
            path.display(),
            e.message()
        ))
        .with_hint(
            "fix the file (TOML, profiles under [profiles.NAME]), or point HOOKS_CONFIG elsewhere",
        )
    })
}

/// Whether the document has a `[profiles.NAME]` table.
pub fn has_profile(doc: &DocumentMut, name: &str) -> bool {
    doc.get("profiles")
        .and_then(Item::as_table_like)
        .is_some_and(|t| t.contains_key(name))
}

/// Adds (or with `force` replaces) `[profiles.NAME]` and writes the file,
/// mode 0600, through a temporary file beside it so that a failed write
/// leaves the old file whole.
pub fn write_profile(
    path: &Path,
    name: &str,
    profile: &NewProfile,
    force: bool,
) -> Result<Written> {
    let mut doc = read(path)?;
    let replaced = has_profile(&doc, name);
    if replaced && !force {
        return Err(exists(name, path));
    }
    let had_profiles = doc
        .get("profiles")
        .and_then(Item::as_table_like)
        .is_some_and(|t| !t.is_empty());
    let made_default = doc.get("default_profile").is_none() && !had_profiles;
    if made_default {
        doc.insert("default_profile", value(name));
    }
    let profiles = doc
        .entry("profiles")
        .or_insert_with(|| {
            let mut t = Table::new();
            t.set_implicit(true);
            Item::Table(t)
        })
        .as_table_mut()
        .ok_or_else(|| {
            Error::usage(format!(
                "profiles in {} is not a table of [profiles.NAME] tables",
                path.display()
            ))
        })?;
    let mut table = Table::new();
    table.insert("provider", value(&profile.provider));
    for (key, v) in [
        ("secret", &profile.secret),
        ("forward", &profile.forward),
        ("api_key", &profile.api_key),
    ] {
        if let Some(v) = v {
            table.insert(key, value(v));
        }
    }
    profiles.insert(name, Item::Table(table));

    // A config file that is a symlink (a dotfiles checkout) stays one: the
    // file it points to is replaced.
    let resolved = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let path = resolved.as_path();
    let mut temp = path.as_os_str().to_owned();
    temp.push(".tmp");
    let temp = Path::new(&temp);
    let cannot = |e: std::io::Error| {
        Error::usage(format!("cannot write config file {}: {e}", path.display()))
            .with_hint("pass --config FILE (or set HOOKS_CONFIG) to a writable place")
    };
    crate::private::write(temp, doc.to_string().as_bytes()).map_err(cannot)?;
    std::fs::rename(temp, path).map_err(cannot)?;
    Ok(Written {
        replaced,
        made_default,
    })
}

/// The refusal to overwrite an existing profile.
pub fn exists(name: &str, path: &Path) -> Error {
    Error::usage(format!(
        "profile '{name}' already exists in {}",
        path.display()
    ))
    .with_hint("pass --force to replace it, or --profile OTHER to create another")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> NewProfile {
        NewProfile {
            provider: "stripe".into(),
            secret: Some("whsec_x".into()),
            forward: Some("3000".into()),
            api_key: None,
        }
    }

    #[test]
    fn keeps_the_rest_of_the_file_and_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(
            &path,
            "# mine\ndefault_profile = \"a\"\n\n[profiles.a]\nprovider = \"github\" # kept\n",
        )
        .unwrap();
        let written = write_profile(&path, "b", &profile(), false).unwrap();
        assert!(!written.replaced && !written.made_default);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("# mine\ndefault_profile = \"a\"\n"),
            "{text}"
        );
        assert!(text.contains("provider = \"github\" # kept"), "{text}");
        assert!(
            text.contains(
                "[profiles.b]\nprovider = \"stripe\"\nsecret = \"whsec_x\"\nforward = \"3000\"\n"
            ),
            "{text}"
        );
        let e = write_profile(&path, "b", &profile(), false).unwrap_err();
        assert!(e.message.contains("profile 'b' already exists"));
        let mut other = profile();
        other.provider = "awork".into();
        assert!(write_profile(&path, "b", &other, true).unwrap().replaced);
        assert!(std::fs::read_to_string(&path)
            .unwrap()
            .contains("[profiles.b]\nprovider = \"awork\""));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_config_file_stays_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("dotfiles.toml");
        std::fs::write(&real, "").unwrap();
        let link = dir.path().join("config.toml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_profile(&link, "dev", &profile(), false).unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert!(std::fs::read_to_string(&real)
            .unwrap()
            .contains("[profiles.dev]"));
    }

    #[test]
    fn the_first_profile_becomes_the_default() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new/config.toml");
        let written = write_profile(&path, "dev", &profile(), false).unwrap();
        assert!(written.made_default);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("default_profile = \"dev\"\n"), "{text}");
        assert!(!path.with_extension("toml.tmp").exists());
    }
}
