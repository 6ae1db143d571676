//! The relay's tokens file: one `NAME sha256:HEX` a line, `#` comments.
//! Only the SHA-256 of each token is stored; `hooks relay token add NAME`
//! creates a token, appends its hash and prints the token once.

use crate::{Error, Result};
use sha2::{Digest, Sha256};
use std::path::Path;
use subtle::ConstantTimeEq;

#[derive(Debug, Clone)]
pub struct Tokens {
    entries: Vec<(String, [u8; 32])>,
}

impl Tokens {
    pub fn load(path: &Path) -> Result<Tokens> {
        crate::private::check_trusted(path, "the tokens file")?;
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::usage(format!("cannot read tokens file {}: {e}", path.display()))
                .with_hint("create tokens with `hooks relay token add NAME --tokens FILE`")
        })?;
        Tokens::parse(&text).map_err(|(line, why)| {
            Error::usage(format!(
                "malformed tokens file {} line {line}: {why}",
                path.display()
            ))
            .with_hint(
                "each line is `NAME sha256:HEX`; create lines with `hooks relay token add NAME`",
            )
        })
    }

    fn parse(text: &str) -> std::result::Result<Tokens, (usize, String)> {
        let mut entries = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, hash) = line
                .split_once(char::is_whitespace)
                .ok_or((i + 1, "expected a name and a hash".to_string()))?;
            let hex = hash
                .trim()
                .strip_prefix("sha256:")
                .ok_or((i + 1, "the hash must start with sha256:".to_string()))?;
            let mut digest = [0u8; 32];
            hex::decode_to_slice(hex, &mut digest)
                .map_err(|_| (i + 1, "the hash is not 64 hex digits".to_string()))?;
            entries.push((name.to_string(), digest));
        }
        Ok(Tokens { entries })
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The name of the token, comparing hashes in constant time and always
    /// against every entry so timing says nothing about which one matched.
    pub fn authenticate(&self, token: &str) -> Option<String> {
        let digest: [u8; 32] = Sha256::digest(token.as_bytes()).into();
        let mut found = None;
        for (name, hash) in &self.entries {
            if bool::from(hash.ct_eq(&digest)) {
                found = Some(name.clone());
            }
        }
        found
    }
}

/// Creates a token named `name`, appends its hash to the file (created with
/// mode 0600) and returns the token.
pub fn add(path: &Path, name: &str) -> Result<String> {
    if name.is_empty() || name.chars().any(|c| c.is_whitespace() || c == '#') {
        return Err(Error::usage(format!("token name '{name}' is not usable"))
            .with_hint("use a name without spaces or #, e.g. the developer's login"));
    }
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(Error::usage(format!(
                "cannot read tokens file {}: {e}",
                path.display()
            )))
        }
    };
    if Tokens::parse(&existing)
        .map(|t| t.entries.iter().any(|(n, _)| n == name))
        .unwrap_or(false)
    {
        return Err(Error::usage(format!(
            "{} already has a token named {name}",
            path.display()
        ))
        .with_hint("pick another name, or delete that line to revoke the old token"));
    }
    use base64::Engine;
    let raw: [u8; 32] = rand::random();
    let token = format!(
        "hrt_{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw)
    );
    let digest = Sha256::digest(token.as_bytes());
    let mut text = existing;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&format!("{name} sha256:{}\n", hex::encode(digest)));
    crate::private::write(path, text.as_bytes())
        .map_err(|e| Error::usage(format!("cannot write tokens file {}: {e}", path.display())))?;
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_tokens_authenticate_and_others_do_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tokens");
        let alice = add(&path, "alice").unwrap();
        let bob = add(&path, "bob").unwrap();
        let tokens = Tokens::load(&path).unwrap();
        assert_eq!(tokens.authenticate(&alice).as_deref(), Some("alice"));
        assert_eq!(tokens.authenticate(&bob).as_deref(), Some("bob"));
        assert_eq!(tokens.authenticate("hrt_wrong"), None);
        assert!(!std::fs::read_to_string(&path).unwrap().contains(&alice));
        assert!(add(&path, "alice").is_err());
    }

    #[test]
    fn malformed_lines_name_the_line() {
        let err = Tokens::parse("# c\nalice sha256:zz\n").unwrap_err();
        assert_eq!(err.0, 2);
    }
}
