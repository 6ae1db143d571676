//! Signing and verification for every signature scheme hooks knows.
//!
//! Signatures are compared in constant time (`Mac::verify_slice`). Timestamped
//! schemes reject timestamps outside the tolerance in both directions, and
//! every scheme that can carry several signatures in one header (secret
//! rotation) accepts the delivery when any of them matches any secret.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use hmac::{Hmac, Mac};
use http::HeaderMap;
use sha2::Sha256;
use std::fmt;

type HmacSha256 = Hmac<Sha256>;

/// Default timestamp tolerance, in seconds, for timestamped schemes.
pub const DEFAULT_TOLERANCE_SECS: u64 = 300;

/// The current unix time in seconds: what timestamped schemes sign with and
/// check against.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// How a digest is written in a header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Hex,
    Base64,
}

impl Encoding {
    pub fn parse(s: &str) -> Option<Encoding> {
        match s.to_ascii_lowercase().as_str() {
            "hex" => Some(Encoding::Hex),
            "base64" | "b64" => Some(Encoding::Base64),
            _ => None,
        }
    }

    fn encode(self, bytes: &[u8]) -> String {
        match self {
            Encoding::Hex => hex::encode(bytes),
            Encoding::Base64 => B64.encode(bytes),
        }
    }

    fn decode(self, s: &str) -> Option<Vec<u8>> {
        match self {
            Encoding::Hex => hex::decode(s).ok(),
            Encoding::Base64 => B64.decode(s).ok(),
        }
    }
}

/// A signature scheme: which headers carry what, and what is signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scheme {
    /// Standard Webhooks: `webhook-id`, `webhook-timestamp`,
    /// `webhook-signature: v1,<b64>`; signs `{id}.{timestamp}.{body}` with the
    /// base64-decoded bytes of a `whsec_` secret. `svix-*` names are accepted.
    Standard,
    /// `X-Hub-Signature-256: sha256=<hex>` over the body.
    Github,
    /// `Stripe-Signature: t=<unix>,v1=<hex>`; signs `{t}.{body}` with the whole
    /// secret string as the key.
    Stripe,
    /// `X-Shopify-Hmac-Sha256: <base64>` over the body.
    Shopify,
    /// `X-Slack-Signature: v0=<hex>` over `v0:{ts}:{body}`, with
    /// `X-Slack-Request-Timestamp`.
    Slack,
    /// HMAC-SHA256 of the body in any header, with an optional prefix.
    Hmac(HmacSpec),
    /// A static header whose value is the secret (awork style). A secret
    /// written `Name=value` names its own header, like awork's
    /// `authentication` field.
    Header { header: String },
    /// No signature.
    None,
}

/// A custom HMAC-SHA256 scheme: the header, an optional prefix before the
/// digest, and the digest's encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HmacSpec {
    pub header: String,
    pub prefix: String,
    pub encoding: Encoding,
    /// Accept the digest without its prefix when verifying (Workestra's own
    /// sample code compares the bare digest).
    pub prefix_optional: bool,
}

/// Why a delivery did not verify. Each reason is specific so that a developer
/// knows what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    MissingHeader(String),
    MalformedHeader {
        header: String,
        detail: String,
    },
    TimestampOutsideTolerance {
        timestamp: i64,
        now: i64,
        tolerance: u64,
    },
    Mismatch {
        header: String,
    },
    UnusableSecret(String),
    /// Any of the above, checked with the provider the active profile
    /// chose rather than the command line: nothing else on the screen says
    /// where that provider came from. `from` says it (`provider workestra
    /// from profile default (…)`).
    FromProfile {
        failure: Box<Failure>,
        from: String,
    },
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::MissingHeader(h) => write!(f, "missing header {h}"),
            Failure::MalformedHeader { header, detail } => {
                write!(f, "malformed header {header}: {detail}")
            }
            Failure::TimestampOutsideTolerance {
                timestamp,
                now,
                tolerance,
            } => {
                // In i128: a hostile timestamp (i64::MIN) must not wrap
                // into a time that reads as real.
                let skew = i128::from(*now) - i128::from(*timestamp);
                if skew.unsigned_abs() > PLAUSIBLE_SKEW_SECS {
                    return write!(
                        f,
                        "timestamp outside tolerance: {timestamp} is not a Unix time in seconds within 100 years of now (tolerance {tolerance}s)"
                    );
                }
                let direction = if skew >= 0 { "old" } else { "in the future" };
                write!(
                    f,
                    "timestamp outside tolerance: {timestamp} is {} {direction} (tolerance {tolerance}s)",
                    human_span(skew.unsigned_abs() as u64)
                )
            }
            Failure::Mismatch { header } => {
                write!(
                    f,
                    "signature mismatch in {header}: wrong secret or altered body"
                )
            }
            Failure::UnusableSecret(detail) => write!(f, "unusable secret: {detail}"),
            Failure::FromProfile { failure, from } => write!(
                f,
                "{failure} (checked as {from}; pass --provider P or --no-profile)"
            ),
        }
    }
}

/// The outcome of verifying one delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    Valid,
    Invalid(Failure),
    /// The scheme is `none`: nothing to check.
    Unsigned,
}

impl Verification {
    pub fn is_valid(&self) -> bool {
        matches!(self, Verification::Valid)
    }

    /// A short word for output: `valid`, `invalid`, `unsigned`.
    pub fn label(&self) -> &'static str {
        match self {
            Verification::Valid => "valid",
            Verification::Invalid(_) => "invalid",
            Verification::Unsigned => "unsigned",
        }
    }

    pub fn reason(&self) -> Option<String> {
        match self {
            Verification::Invalid(f) => Some(f.to_string()),
            _ => None,
        }
    }
}

/// What a signature covers besides the body: a message id and a unix
/// timestamp (used by the timestamped schemes only).
#[derive(Debug, Clone)]
pub struct SignParams<'a> {
    pub id: &'a str,
    pub timestamp: i64,
}

const STANDARD_HEADERS: [[&str; 3]; 2] = [
    ["webhook-id", "webhook-timestamp", "webhook-signature"],
    ["svix-id", "svix-timestamp", "svix-signature"],
];

impl Scheme {
    /// The headers that carry the signature, for messages and help text.
    pub fn header_names(&self) -> Vec<String> {
        match self {
            Scheme::Standard => STANDARD_HEADERS[0].iter().map(|s| s.to_string()).collect(),
            Scheme::Github => vec!["X-Hub-Signature-256".into()],
            Scheme::Stripe => vec!["Stripe-Signature".into()],
            Scheme::Shopify => vec!["X-Shopify-Hmac-Sha256".into()],
            Scheme::Slack => vec![
                "X-Slack-Signature".into(),
                "X-Slack-Request-Timestamp".into(),
            ],
            Scheme::Hmac(spec) => vec![spec.header.clone()],
            Scheme::Header { header } => vec![header.clone()],
            Scheme::None => vec![],
        }
    }

    pub fn is_signed(&self) -> bool {
        !matches!(self, Scheme::None)
    }

    /// Whether the scheme carries a timestamp that the tolerance applies to.
    pub fn is_timestamped(&self) -> bool {
        matches!(self, Scheme::Standard | Scheme::Stripe | Scheme::Slack)
    }

    /// Checks that a secret can be used with this scheme, before any delivery.
    pub fn check_secret(&self, secret: &str) -> Result<(), String> {
        if secret.is_empty() && self.is_signed() {
            return Err("the secret is empty".into());
        }
        if let Scheme::Standard = self {
            standard_key(secret)?;
        }
        Ok(())
    }

    /// Signs `body`, returning the headers to attach, in order. With several
    /// secrets, schemes that carry several signatures carry one per secret;
    /// the others use the first.
    pub fn sign(
        &self,
        secrets: &[String],
        body: &[u8],
        params: &SignParams,
    ) -> Result<Vec<(String, String)>, String> {
        let first = secrets.first().map(String::as_str).unwrap_or("");
        if self.is_signed() {
            for s in secrets {
                self.check_secret(s)?;
            }
            if secrets.is_empty() {
                return Err("no secret given".into());
            }
        }
        let ts = params.timestamp.to_string();
        Ok(match self {
            Scheme::Standard => {
                let content = [params.id.as_bytes(), b".", ts.as_bytes(), b".", body].concat();
                let sigs: Vec<String> = secrets
                    .iter()
                    .map(|s| {
                        let key = standard_key(s).expect("checked above");
                        format!("v1,{}", B64.encode(hmac(&key, &content)))
                    })
                    .collect();
                vec![
                    ("webhook-id".into(), params.id.to_string()),
                    ("webhook-timestamp".into(), ts),
                    ("webhook-signature".into(), sigs.join(" ")),
                ]
            }
            Scheme::Github => vec![(
                "X-Hub-Signature-256".into(),
                format!("sha256={}", hex::encode(hmac(first.as_bytes(), body))),
            )],
            Scheme::Stripe => {
                let content = [ts.as_bytes(), b".", body].concat();
                let mut value = format!("t={ts}");
                for s in secrets {
                    value.push_str(",v1=");
                    value.push_str(&hex::encode(hmac(s.as_bytes(), &content)));
                }
                vec![("Stripe-Signature".into(), value)]
            }
            Scheme::Shopify => vec![(
                "X-Shopify-Hmac-Sha256".into(),
                B64.encode(hmac(first.as_bytes(), body)),
            )],
            Scheme::Slack => {
                let content = [b"v0:", ts.as_bytes(), b":", body].concat();
                vec![
                    (
                        "X-Slack-Signature".into(),
                        format!("v0={}", hex::encode(hmac(first.as_bytes(), &content))),
                    ),
                    ("X-Slack-Request-Timestamp".into(), ts),
                ]
            }
            Scheme::Hmac(spec) => vec![(
                spec.header.clone(),
                format!(
                    "{}{}",
                    spec.prefix,
                    spec.encoding.encode(&hmac(first.as_bytes(), body))
                ),
            )],
            Scheme::Header { header } => {
                let (name, value) = split_header_secret(header, first);
                vec![(name.to_string(), value.to_string())]
            }
            Scheme::None => vec![],
        })
    }

    /// Verifies a delivery against any of `secrets`. `now` is a unix time and
    /// `tolerance` is in seconds.
    pub fn verify(
        &self,
        secrets: &[String],
        headers: &HeaderMap,
        body: &[u8],
        now: i64,
        tolerance: u64,
    ) -> Verification {
        if !self.is_signed() {
            return Verification::Unsigned;
        }
        if secrets.is_empty() {
            return Verification::Invalid(Failure::UnusableSecret("no secret configured".into()));
        }
        for s in secrets {
            if let Err(e) = self.check_secret(s) {
                return Verification::Invalid(Failure::UnusableSecret(e));
            }
        }
        match self.check(secrets, headers, body, now, tolerance) {
            Ok(()) => Verification::Valid,
            Err(f) => Verification::Invalid(f),
        }
    }

    fn check(
        &self,
        secrets: &[String],
        headers: &HeaderMap,
        body: &[u8],
        now: i64,
        tolerance: u64,
    ) -> Result<(), Failure> {
        match self {
            Scheme::Standard => {
                let names = STANDARD_HEADERS
                    .iter()
                    .find(|names| headers.contains_key(names[2]))
                    .unwrap_or(&STANDARD_HEADERS[0]);
                let id = header(headers, names[0])?;
                let ts_raw = header(headers, names[1])?;
                let sig_header = header(headers, names[2])?;
                let ts = parse_timestamp(names[1], ts_raw)?;
                check_tolerance(ts, now, tolerance)?;
                let candidates: Vec<&str> = sig_header
                    .split(' ')
                    .filter_map(|part| part.strip_prefix("v1,"))
                    .collect();
                if candidates.is_empty() {
                    return Err(malformed(names[2], "no v1,<base64> signature"));
                }
                let content = [id.as_bytes(), b".", ts_raw.as_bytes(), b".", body].concat();
                let keys: Vec<Vec<u8>> = secrets
                    .iter()
                    .map(|s| standard_key(s).expect("checked before"))
                    .collect();
                let decoded = decode_all(names[2], &candidates, Encoding::Base64)?;
                any_match(&keys, &content, &decoded, names[2])
            }
            Scheme::Github => {
                let name = "X-Hub-Signature-256";
                let value = header(headers, name)?;
                let digest = value
                    .strip_prefix("sha256=")
                    .ok_or_else(|| malformed(name, "expected sha256=<hex>"))?;
                let decoded = decode_all(name, &[digest], Encoding::Hex)?;
                any_match(&raw_keys(secrets), body, &decoded, name)
            }
            Scheme::Stripe => {
                let name = "Stripe-Signature";
                let value = header(headers, name)?;
                let mut ts_raw = None;
                let mut candidates = Vec::new();
                for part in value.split(',') {
                    match part.trim().split_once('=') {
                        Some(("t", t)) => ts_raw = Some(t),
                        Some(("v1", sig)) => candidates.push(sig),
                        _ => {}
                    }
                }
                let ts_raw = ts_raw.ok_or_else(|| malformed(name, "no t=<timestamp>"))?;
                if candidates.is_empty() {
                    return Err(malformed(name, "no v1=<hex> signature"));
                }
                let ts = parse_timestamp(name, ts_raw)?;
                check_tolerance(ts, now, tolerance)?;
                let content = [ts_raw.as_bytes(), b".", body].concat();
                let decoded = decode_all(name, &candidates, Encoding::Hex)?;
                any_match(&raw_keys(secrets), &content, &decoded, name)
            }
            Scheme::Shopify => {
                let name = "X-Shopify-Hmac-Sha256";
                let value = header(headers, name)?;
                let decoded = decode_all(name, &[value], Encoding::Base64)?;
                any_match(&raw_keys(secrets), body, &decoded, name)
            }
            Scheme::Slack => {
                let name = "X-Slack-Signature";
                let value = header(headers, name)?;
                let ts_raw = header(headers, "X-Slack-Request-Timestamp")?;
                let ts = parse_timestamp("X-Slack-Request-Timestamp", ts_raw)?;
                check_tolerance(ts, now, tolerance)?;
                let digest = value
                    .strip_prefix("v0=")
                    .ok_or_else(|| malformed(name, "expected v0=<hex>"))?;
                let content = [b"v0:", ts_raw.as_bytes(), b":", body].concat();
                let decoded = decode_all(name, &[digest], Encoding::Hex)?;
                any_match(&raw_keys(secrets), &content, &decoded, name)
            }
            Scheme::Hmac(spec) => {
                let name = spec.header.as_str();
                let value = header(headers, name)?;
                let digest = match value.strip_prefix(spec.prefix.as_str()) {
                    Some(d) => d,
                    None if spec.prefix_optional => value,
                    None => {
                        return Err(malformed(
                            name,
                            &format!("expected {}<{:?} digest>", spec.prefix, spec.encoding),
                        ))
                    }
                };
                let decoded = decode_all(name, &[digest], spec.encoding)?;
                any_match(&raw_keys(secrets), body, &decoded, name)
            }
            Scheme::Header { header: default } => {
                let mut last = None;
                for s in secrets {
                    let (name, expected) = split_header_secret(default, s);
                    match header(headers, name) {
                        Ok(got) if constant_time_eq(got.as_bytes(), expected.as_bytes()) => {
                            return Ok(())
                        }
                        Ok(_) => {
                            last = Some(Failure::Mismatch {
                                header: name.to_string(),
                            })
                        }
                        Err(f) => last = Some(f),
                    }
                }
                Err(last.expect("secrets is not empty"))
            }
            Scheme::None => Ok(()),
        }
    }
}

/// A span of seconds in the largest unit that keeps it a whole number of at
/// least 2 ("45 seconds", "6 minutes", "30 years"), rounded down.
/// Beyond this distance from now, a timestamp is not a time anyone meant
/// (100 years): a message says so instead of a span.
const PLAUSIBLE_SKEW_SECS: u128 = 100 * 365 * 86_400;

pub fn human_span(secs: u64) -> String {
    const UNITS: [(&str, u64); 5] = [
        ("year", 365 * 86_400),
        ("day", 86_400),
        ("hour", 3_600),
        ("minute", 60),
        ("second", 1),
    ];
    let (name, size) = UNITS
        .iter()
        .find(|(_, size)| secs >= 2 * size)
        .copied()
        .unwrap_or(("second", 1));
    let n = secs / size;
    format!("{n} {name}{}", if n == 1 { "" } else { "s" })
}

fn hmac(key: &[u8], content: &[u8]) -> Vec<u8> {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(content);
    mac.finalize().into_bytes().to_vec()
}

fn any_match(
    keys: &[Vec<u8>],
    content: &[u8],
    candidates: &[Vec<u8>],
    header: &str,
) -> Result<(), Failure> {
    for key in keys {
        for candidate in candidates {
            let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes keys of any length");
            mac.update(content);
            if mac.verify_slice(candidate).is_ok() {
                return Ok(());
            }
        }
    }
    Err(Failure::Mismatch {
        header: header.to_string(),
    })
}

fn raw_keys(secrets: &[String]) -> Vec<Vec<u8>> {
    secrets.iter().map(|s| s.as_bytes().to_vec()).collect()
}

/// Decodes the candidate signatures. An entry that does not decode is
/// skipped, as the providers' own libraries do, so that one odd entry beside
/// a good one does not fail the delivery; a header with none that decodes is
/// malformed.
fn decode_all(header: &str, parts: &[&str], encoding: Encoding) -> Result<Vec<Vec<u8>>, Failure> {
    let decoded: Vec<Vec<u8>> = parts
        .iter()
        .filter_map(|p| encoding.decode(p.trim()))
        .collect();
    if decoded.is_empty() {
        return Err(malformed(
            header,
            &format!("signature is not valid {encoding:?}"),
        ));
    }
    Ok(decoded)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    // Compare HMACs of both values under one random key, in constant time, so
    // neither the length nor the content of the expected value leaks.
    let key: [u8; 32] = rand::random();
    let mut mac = HmacSha256::new_from_slice(&key).expect("HMAC takes keys of any length");
    mac.update(a);
    mac.verify_slice(&hmac(&key, b)).is_ok()
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Result<&'a str, Failure> {
    let value = headers
        .get(name)
        .ok_or_else(|| Failure::MissingHeader(name.to_string()))?;
    value
        .to_str()
        .map_err(|_| malformed(name, "not visible ASCII"))
}

fn malformed(header: &str, detail: &str) -> Failure {
    Failure::MalformedHeader {
        header: header.to_string(),
        detail: detail.to_string(),
    }
}

fn parse_timestamp(header: &str, raw: &str) -> Result<i64, Failure> {
    raw.trim()
        .parse::<i64>()
        .map_err(|_| malformed(header, "timestamp is not a unix time in seconds"))
}

fn check_tolerance(timestamp: i64, now: i64, tolerance: u64) -> Result<(), Failure> {
    if now.abs_diff(timestamp) > tolerance {
        return Err(Failure::TimestampOutsideTolerance {
            timestamp,
            now,
            tolerance,
        });
    }
    Ok(())
}

/// The key bytes of a Standard Webhooks secret: base64 after an optional
/// `whsec_` prefix, with or without its `=` padding (the reference
/// libraries accept both).
fn standard_key(secret: &str) -> Result<Vec<u8>, String> {
    use base64::engine::{general_purpose::GeneralPurpose, DecodePaddingMode};
    const KEY: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::general_purpose::PAD
            .with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    let encoded = secret.strip_prefix("whsec_").unwrap_or(secret);
    match KEY.decode(encoded) {
        // An empty key (`whsec_` alone) would sign with a key anyone knows.
        Ok(key) if !key.is_empty() => Ok(key),
        _ => Err(
            "a Standard Webhooks secret is whsec_ followed by base64 (e.g. whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw)"
                .to_string(),
        ),
    }
}

/// Splits an awork-style `Name=value` secret; a bare secret goes in `default_header`.
pub fn split_header_secret<'a>(default_header: &'a str, secret: &'a str) -> (&'a str, &'a str) {
    match secret.split_once('=') {
        // `Name=` or `Name==` names no value: it is a bare secret ending in
        // base64 padding (`whsec_dGVzdHNlY3JldA==`).
        Some((name, value)) if is_token(name) && !value.trim_start_matches('=').is_empty() => {
            (name, value)
        }
        _ => (default_header, secret),
    }
}

fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_!#$%&'*+.^`|~".contains(&b))
}
