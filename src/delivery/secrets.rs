//! Which recorded header values are secrets, and how they are masked on
//! screen and in JSON output (`--show-secrets` shows them). Replay and
//! forwarding always send the real bytes; only what is shown is masked.

use crate::config::Config;
use crate::signature::split_header_secret;
use crate::signing::SchemeConfig;

/// What a masked value is shown as (after an authorization scheme word,
/// when the value has one: `Bearer ********`).
pub const MASK: &str = "********";

/// Header names whose values are secrets whatever the provider.
const SECRET_NAMES: [&str; 5] = [
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-api-key",
];

/// Name endings that mark a secret (`X-Webhook-Token`, `X-Client-Secret`).
const SECRET_SUFFIXES: [&str; 3] = ["-token", "-secret", "-api-key"];

/// Masks secret-bearing header values, or shows everything when asked to.
#[derive(Debug, Clone, Default)]
pub struct Masker {
    /// `--show-secrets`: nothing is masked.
    pub show: bool,
    /// Further names (lowercase): the static headers the configured
    /// secrets name (awork's `Name=value`).
    extra: Vec<String>,
}

impl Masker {
    /// A masker that also knows the static secret headers of the
    /// configuration: the header-scheme header of the provider that `args`
    /// or the profile name (awork's), and the names that secrets written as
    /// `Name=value` carry.
    pub fn new(show: bool, config: &Config, args: &SchemeConfig) -> Masker {
        let profile = &config.profile;
        let mut extra: Vec<String> = Vec::new();
        let named = args
            .secrets
            .iter()
            .chain(profile.secret.iter())
            .chain(profile.secrets.iter())
            .map(|s| split_header_secret("", s).0.to_string());
        for name in crate::signing::static_header(args, config)
            .into_iter()
            .chain(named)
        {
            let name = name.to_ascii_lowercase();
            if !name.is_empty() && !extra.contains(&name) {
                extra.push(name);
            }
        }
        Masker { show, extra }
    }

    /// The same masker, showing secrets or not.
    pub fn showing(&self, show: bool) -> Masker {
        Masker {
            show,
            ..self.clone()
        }
    }

    /// Whether `name`'s value is a secret. Signature headers are not: they
    /// are only valid for their own body and timestamp.
    pub fn is_secret(&self, name: &str) -> bool {
        let name = name.to_ascii_lowercase();
        SECRET_NAMES.contains(&name.as_str())
            || SECRET_SUFFIXES.iter().any(|s| name.ends_with(s))
            || self.extra.contains(&name)
    }

    /// The value as it may be shown.
    pub fn value<'a>(&self, name: &str, value: &'a [u8]) -> std::borrow::Cow<'a, [u8]> {
        if self.show || !self.is_secret(name) {
            return std::borrow::Cow::Borrowed(value);
        }
        let lower = name.to_ascii_lowercase();
        let scheme = (lower == "authorization" || lower == "proxy-authorization")
            .then(|| value.iter().position(|b| *b == b' '))
            .flatten()
            .filter(|end| value[..*end].iter().all(u8::is_ascii_alphanumeric));
        let mut masked = match scheme {
            Some(end) => value[..=end].to_vec(),
            None => Vec::new(),
        };
        masked.extend_from_slice(MASK.as_bytes());
        std::borrow::Cow::Owned(masked)
    }

    /// Headers as they may be shown.
    pub fn headers(&self, headers: &[(String, Vec<u8>)]) -> Vec<(String, Vec<u8>)> {
        headers
            .iter()
            .map(|(n, v)| (n.clone(), self.value(n, v).into_owned()))
            .collect()
    }

    /// Whether any of `headers` would be masked.
    pub fn masks_any(&self, headers: &[(String, Vec<u8>)]) -> bool {
        !self.show && headers.iter().any(|(n, _)| self.is_secret(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_secret_headers_and_keeps_signatures() {
        let mut config = Config {
            config_path: "config.toml".into(),
            profile_name: None,
            profile: crate::config::Profile::default(),
            data_dir: "data".into(),
        };
        config.profile.secret = Some("X-Awork-Auth=s3cret".into());
        let args = SchemeConfig {
            secrets: vec!["plainsecret=".into()],
            ..SchemeConfig::default()
        };
        let m = Masker::new(false, &config, &args);
        let shown =
            |n: &str, v: &str| String::from_utf8(m.value(n, v.as_bytes()).to_vec()).unwrap();
        assert_eq!(shown("Authorization", "Bearer abc"), "Bearer ********");
        assert_eq!(shown("authorization", "abc"), "********");
        assert_eq!(shown("Cookie", "a=b"), "********");
        assert_eq!(shown("Set-Cookie", "a=b"), "********");
        assert_eq!(shown("X-Webhook-Token", "t"), "********");
        assert_eq!(shown("X-Client-Secret", "t"), "********");
        assert_eq!(shown("X-Shop-Api-Key", "t"), "********");
        assert_eq!(shown("X-Api-Key", "t"), "********");
        assert_eq!(shown("x-awork-auth", "s3cret"), "********");
        assert_eq!(shown("X-Hub-Signature-256", "sha256=ab"), "sha256=ab");
        assert_eq!(shown("Webhook-Signature", "v1,ab"), "v1,ab");
        assert_eq!(shown("Content-Type", "text/plain"), "text/plain");
        assert!(!m.is_secret("plainsecret"));
        let header = SchemeConfig {
            provider: Some("header".into()),
            signature_header: Some("X-Shared".into()),
            ..SchemeConfig::default()
        };
        assert!(Masker::new(false, &config, &header).is_secret("x-shared"));
        let all = Masker::new(true, &config, &SchemeConfig::default());
        assert_eq!(
            &all.value("Authorization", b"Bearer abc")[..],
            b"Bearer abc"
        );
    }
}
