//! Verification step: which provider signed a delivery, and whether the
//! signature holds.

use super::Delivery;
use crate::config::Config;
use crate::providers::{self, Provider};
use crate::signature::{split_header_secret, Failure, Scheme, Verification};
use crate::signing::{self, MissingSecret, SchemeConfig, Signer};
use crate::Result;

/// Verifies deliveries for one provider (`--provider`), or, without one, for
/// whichever known scheme's signature header the delivery carries.
#[derive(Debug, Clone)]
pub struct Verifier {
    fixed: Option<Signer>,
    candidates: Vec<Signer>,
    /// Where the fixed provider came from when the profile chose it, for
    /// the reason a delivery is refused.
    from_profile: Option<String>,
}

/// The outcome, with the provider it was checked against.
#[derive(Debug, Clone)]
pub struct Checked {
    pub provider: Option<&'static str>,
    /// The scheme it was checked with (None when none applied).
    pub scheme: Option<&'static str>,
    pub verification: Verification,
}

impl Verifier {
    pub fn new(args: &SchemeConfig, config: &Config) -> Result<Verifier> {
        if let Some(provider) = signing::provider(args, config)? {
            let signer = signing::signer(provider, args, config, MissingSecret::UseDevSecret)?;
            let from_profile = args.provider.is_none().then(|| {
                format!(
                    "provider {} from {}",
                    signer.provider.name,
                    config.profile_label()
                )
            });
            return Ok(Verifier {
                fixed: Some(signer),
                candidates: vec![],
                from_profile,
            });
        }
        // Detection works for schemes whose header names say who signed,
        // and for static headers by the header the secret names (awork's
        // `X-Webhook-Token`, or `Name` of a `Name=value` secret); a provider
        // or scheme that cannot take the configured secret is simply not a
        // candidate. awork comes before the generic `header` scheme.
        let candidates = providers::all()
            .into_iter()
            .filter(|p| detectable(&p.scheme))
            .filter_map(|p| signing::signer(p, args, config, MissingSecret::UseDevSecret).ok())
            .collect();
        Ok(Verifier {
            fixed: None,
            candidates,
            from_profile: None,
        })
    }

    /// Verifies with whichever of `signers` has its signature header in the
    /// delivery (`hooks demo` tells it one scheme per provider).
    pub fn detecting(signers: Vec<Signer>) -> Verifier {
        Verifier {
            fixed: None,
            candidates: signers,
            from_profile: None,
        }
    }

    /// The fixed provider, when `--provider` or the profile named one.
    pub fn provider(&self) -> Option<&Provider> {
        self.fixed.as_ref().map(|s| &s.provider)
    }

    /// The fixed provider's signer, when there is one.
    pub fn signer(&self) -> Option<&Signer> {
        self.fixed.as_ref()
    }

    /// Whether the secret is the local development secret.
    pub fn uses_dev_secret(&self) -> bool {
        self.fixed
            .iter()
            .chain(&self.candidates)
            .any(|s| s.dev_secret)
    }

    /// The secrets in use, for `--print-secret`.
    pub fn secrets(&self) -> Vec<String> {
        let mut all: Vec<String> = Vec::new();
        for s in self.fixed.iter().chain(&self.candidates) {
            for secret in &s.secrets {
                if !all.contains(secret) {
                    all.push(secret.clone());
                }
            }
        }
        all
    }

    pub fn check(&self, delivery: &Delivery, now: i64) -> Checked {
        let signer = match &self.fixed {
            Some(s) => Some(s),
            None => self.candidates.iter().find(|s| {
                detection_headers(s)
                    .iter()
                    .any(|h| delivery.header(h).is_some())
                    || (s.scheme == Scheme::Standard && delivery.header("svix-signature").is_some())
            }),
        };
        match signer {
            Some(s) => Checked {
                provider: Some(s.provider.name),
                scheme: Some(signing::scheme_name(&s.scheme)),
                verification: match s.scheme.verify(
                    &s.secrets,
                    &delivery.header_map(),
                    &delivery.body,
                    now,
                    s.tolerance,
                ) {
                    Verification::Invalid(failure) if self.from_profile.is_some() => {
                        Verification::Invalid(Failure::FromProfile {
                            failure: Box::new(failure),
                            from: self.from_profile.clone().unwrap_or_default(),
                        })
                    }
                    verification => verification,
                },
            },
            None => Checked {
                provider: None,
                scheme: None,
                verification: Verification::Unsigned,
            },
        }
    }
}

fn detectable(scheme: &Scheme) -> bool {
    !matches!(scheme, Scheme::None)
}

/// The headers whose presence says a delivery was signed by `signer`: the
/// scheme's, or for a static header the one each secret is sent in.
fn detection_headers(signer: &Signer) -> Vec<String> {
    match &signer.scheme {
        Scheme::Header { header } => signer
            .secrets
            .iter()
            .map(|s| split_header_secret(header, s).0.to_string())
            .collect(),
        scheme => scheme.header_names(),
    }
}
