//! Turning `--provider`, `--scheme`, `--secret` and friends (with the profile
//! and defaults behind them) into a provider, a scheme and its secrets.

use crate::config::Config;
use crate::providers::{self, Provider};
use crate::signature::{Encoding, Scheme, DEFAULT_TOLERANCE_SECS};
use crate::{Error, Result};

/// Which provider or scheme signs, with which secret(s), as the caller asks
/// (`--provider`, `--scheme`, `--secret`, ...); the profile and defaults fill
/// in what is `None` or empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchemeConfig {
    /// A provider or generic scheme name.
    pub provider: Option<String>,
    /// Secrets; several are all accepted when verifying (rotation).
    pub secrets: Vec<String>,
    /// Another scheme than the provider's.
    pub scheme: Option<String>,
    /// The signature header, for the hmac and header schemes.
    pub signature_header: Option<String>,
    /// Text before the digest, for the hmac scheme.
    pub prefix: Option<String>,
    /// Digest encoding for the hmac scheme: hex or base64.
    pub encoding: Option<String>,
    /// Accepted clock difference for timestamped schemes, in seconds.
    pub tolerance: Option<u64>,
}

/// What signs or verifies a delivery.
#[derive(Debug, Clone)]
pub struct Signer {
    pub provider: Provider,
    pub scheme: Scheme,
    pub secrets: Vec<String>,
    pub tolerance: u64,
    /// True when the secret is the local development secret.
    pub dev_secret: bool,
}

/// What to do when no secret is configured anywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MissingSecret {
    /// Use (and create once) the local development secret.
    UseDevSecret,
    /// Fail, naming the flag, variable and config key.
    Fail,
}

/// The provider named by `--provider`/`HOOKS_PROVIDER`, else the profile's.
pub fn provider(args: &SchemeConfig, config: &Config) -> Result<Option<Provider>> {
    match args
        .provider
        .as_deref()
        .or(config.profile.provider.as_deref())
    {
        Some(name) => providers::get(name).map(Some),
        None => Ok(None),
    }
}

/// The header that carries a static secret when the configured provider
/// (or `--scheme`) uses the header scheme, as awork does: its value is the
/// secret itself.
pub fn static_header(args: &SchemeConfig, config: &Config) -> Option<String> {
    let provider = provider(args, config).ok()??;
    match scheme(&provider, args, config).ok()? {
        Scheme::Header { header } => Some(header),
        _ => None,
    }
}

/// Builds the signer for `provider`, applying `--scheme` and the custom
/// scheme flags, and finding the secret(s).
pub fn signer(
    provider: Provider,
    args: &SchemeConfig,
    config: &Config,
    missing: MissingSecret,
) -> Result<Signer> {
    let scheme = scheme(&provider, args, config)?;
    let tolerance = args
        .tolerance
        .or(config.profile.tolerance)
        .unwrap_or(DEFAULT_TOLERANCE_SECS);
    let mut secrets = args.secrets.clone();
    if secrets.is_empty() {
        secrets.extend(config.profile.secret.iter().cloned());
        secrets.extend(config.profile.secrets.iter().cloned());
    }
    let mut dev_secret = false;
    if secrets.is_empty() && scheme.is_signed() {
        match missing {
            MissingSecret::UseDevSecret => {
                secrets.push(config.dev_secret()?);
                dev_secret = true;
            }
            MissingSecret::Fail => {
                return Err(Error::usage(format!(
                    "no secret for {} (scheme {})",
                    provider.name,
                    scheme_name(&scheme)
                ))
                .with_hint(format!(
                    "pass --secret, set HOOKS_SECRET, or set {}",
                    config.profile_key("secret")
                )))
            }
        }
    }
    for s in &secrets {
        if let Some(c) = s.chars().find(|c| c.is_control()) {
            return Err(Error::usage(format!(
                "the secret holds a control character ({}); a secret is one line of text",
                crate::terminal::quote(&c.to_string())
            ))
            .with_hint(
                "give the secret without line breaks (with --secret-file, the file's final newline is dropped)",
            ));
        }
        scheme.check_secret(s).map_err(|e| {
            Error::usage(format!(
                "the secret cannot be used with {}: {e}",
                scheme_name(&scheme)
            ))
            .with_hint("pass --secret with a secret in the scheme's format")
        })?;
    }
    Ok(Signer {
        provider,
        scheme,
        secrets,
        tolerance,
        dev_secret,
    })
}

fn scheme(provider: &Provider, args: &SchemeConfig, config: &Config) -> Result<Scheme> {
    let mut scheme = match &args.scheme {
        Some(name) => providers::get(name)?.scheme,
        None => provider.scheme.clone(),
    };
    let profile = &config.profile;
    let header = args
        .signature_header
        .clone()
        .or(profile.signature_header.clone());
    let prefix = args.prefix.clone().or(profile.prefix.clone());
    let encoding = match args.encoding.as_deref().or(profile.encoding.as_deref()) {
        Some(e) => Some(Encoding::parse(e).ok_or_else(|| {
            Error::usage(format!("unknown --encoding '{e}'")).with_hint("use hex or base64")
        })?),
        None => None,
    };
    match &mut scheme {
        Scheme::Hmac(spec) => {
            if let Some(h) = header {
                spec.header = h;
            }
            if let Some(p) = prefix {
                spec.prefix = p;
            }
            if let Some(e) = encoding {
                spec.encoding = e;
            }
        }
        Scheme::Header { header: name } if prefix.is_none() && encoding.is_none() => {
            if let Some(h) = header {
                *name = h;
            }
        }
        other => {
            if header.is_some() || prefix.is_some() || encoding.is_some() {
                return Err(Error::usage(format!(
                    "--signature-header, --prefix and --encoding describe the hmac scheme (and --signature-header the header scheme), not {}",
                    scheme_name(other)
                ))
                .with_hint("add --scheme hmac to sign with a custom header"));
            }
        }
    }
    Ok(scheme)
}

/// The scheme's name as the user writes it.
pub fn scheme_name(scheme: &Scheme) -> &'static str {
    match scheme {
        Scheme::Standard => "standard",
        Scheme::Github => "github",
        Scheme::Stripe => "stripe",
        Scheme::Shopify => "shopify",
        Scheme::Slack => "slack",
        Scheme::Hmac(_) => "hmac",
        Scheme::Header { .. } => "header",
        Scheme::None => "none",
    }
}
