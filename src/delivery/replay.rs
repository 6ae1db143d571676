//! Replay: re-sending recorded deliveries byte-exact (or re-signed), and
//! sending payload files signed for a provider.

use super::forward::{self, Forwarded, Forwarder};
use super::store::{Record, Store};
use super::{Delivery, Source};
use crate::config::Config;
use crate::signature::{Scheme, SignParams};
use crate::signing::{self, MissingSecret, SchemeConfig, Signer};
use crate::{providers, Error, Result};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What to replay.
#[derive(Debug, Clone)]
pub enum Item {
    Recorded(i64),
    File(PathBuf),
}

impl Item {
    /// An existing file is a file; otherwise a number is a delivery id.
    pub fn parse(raw: &str) -> Result<Item> {
        let path = Path::new(raw);
        if path.is_file() {
            return Ok(Item::File(path.to_path_buf()));
        }
        raw.parse::<i64>().map(Item::Recorded).map_err(|_| {
            Error::usage(format!("'{raw}' is neither a file nor a delivery id"))
                .with_hint("give ids from `hooks deliveries list`, or paths to payload files")
        })
    }

    pub fn label(&self) -> String {
        match self {
            Item::Recorded(id) => format!("#{id}"),
            Item::File(p) => p.display().to_string(),
        }
    }
}

/// A request ready to send, with what output needs to say about it.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub item: Item,
    pub delivery: Delivery,
    pub url: String,
    pub events: Vec<super::pipeline::Event>,
}

/// How one replay went.
#[derive(Debug, Clone)]
pub struct Sent {
    pub prepared: Prepared,
    pub result: Forwarded,
}

pub struct Replayer {
    pub to: reqwest::Url,
    pub resign: bool,
    pub scheme: SchemeConfig,
    pub config: Config,
    /// `hooks replay --method/--path/--header/--body`, applied to every
    /// recorded delivery before it is re-signed.
    pub edits: Edits,
    forwarder: Forwarder,
}

/// The command line's edits of recorded deliveries: unlike the inspector's
/// whole header list, `--header` sets or replaces single fields.
#[derive(Debug, Clone, Default)]
pub struct Edits {
    pub method: Option<http::Method>,
    pub path: Option<String>,
    pub headers: Vec<(http::HeaderName, http::HeaderValue)>,
    pub body: Option<Vec<u8>>,
}

impl Edits {
    fn apply(&self, d: &mut Delivery) -> Result<()> {
        if !self.headers.is_empty() {
            d.headers.retain(|(n, _)| {
                !self
                    .headers
                    .iter()
                    .any(|(h, _)| h.as_str().eq_ignore_ascii_case(n))
            });
            d.headers.extend(
                self.headers
                    .iter()
                    .map(|(n, v)| (n.to_string(), v.as_bytes().to_vec())),
            );
        }
        Edit {
            method: self.method.as_ref().map(ToString::to_string),
            path: self.path.clone(),
            headers: None,
            body: self.body.clone(),
        }
        .apply(d)
    }
}

impl Replayer {
    pub fn new(
        to: reqwest::Url,
        resign: bool,
        scheme: SchemeConfig,
        config: Config,
        timeout: std::time::Duration,
    ) -> Replayer {
        Replayer {
            to,
            resign,
            scheme,
            config,
            edits: Edits::default(),
            forwarder: Forwarder::direct(timeout),
        }
    }

    /// Trusts an https target's certificate as `tls` says.
    pub fn with_tls(mut self, tls: &super::forward::Tls) -> Result<Replayer> {
        self.forwarder = self.forwarder.with_tls(tls)?;
        Ok(self)
    }

    /// Builds the request for a recorded delivery: its bytes as recorded,
    /// to `--to`'s path, or, when `--to` names only a host, the recorded path.
    /// Replaces the delivery's signature headers with fresh ones for
    /// `provider` (the development secret when none is configured).
    fn resign(&self, delivery: &mut Delivery, provider: crate::providers::Provider) -> Result<()> {
        let signer = signing::signer(
            provider,
            &self.scheme,
            &self.config,
            MissingSecret::UseDevSecret,
        )?;
        resign(delivery, &signer)
    }

    pub fn recorded(&self, record: &Record) -> Result<Prepared> {
        let mut delivery = record.delivery.clone();
        delivery.source = Source::Replay;
        delivery.received_at = SystemTime::now();
        if record.delivery.oversized.is_some() {
            return Err(Error::usage(format!(
                "delivery #{} was refused as too large, so its body was not kept",
                record.id
            ))
            .with_hint("replay another delivery, or send the payload from a file"));
        }
        self.edits.apply(&mut delivery)?;
        if self.resign {
            let provider = match signing::provider(&self.scheme, &self.config)? {
                Some(p) => p,
                None => match record.facts.provider.as_deref() {
                    Some(name) => providers::get(name)?,
                    None => {
                        return Err(Error::usage(format!(
                            "delivery #{} was not signed by a known provider, so --resign cannot tell how to sign it",
                            record.id
                        ))
                        .with_hint("pass --provider"))
                    }
                },
            };
            self.resign(&mut delivery, provider)?;
        }
        let url = forward::target_url(&self.to, &delivery.path, "").map_err(|why| {
            Error::usage(format!(
                "delivery #{} cannot be replayed to {}: {why}",
                record.id, self.to
            ))
            .with_hint("replay it to the app's root URL, where its path is sent as it is")
        })?;
        Ok(Prepared {
            item: Item::Recorded(record.id),
            events: super::pipeline::read_events(&delivery),
            delivery,
            url,
        })
    }

    /// Builds the request for a payload file, signed for the provider
    /// (`--provider`, the profile's, or the file's directory name when that
    /// is a provider, as in fixtures/<provider>/<event>.json).
    pub fn file(&self, path: &Path) -> Result<Prepared> {
        let body = crate::error::read_file(path)?;
        let provider = match signing::provider(&self.scheme, &self.config)? {
            Some(p) => Some(p),
            None => path
                .parent()
                .and_then(|d| d.file_name())
                .and_then(|n| providers::find(&n.to_string_lossy())),
        };
        let content_type: &[u8] = if serde_json::from_slice::<serde_json::Value>(&body).is_ok() {
            b"application/json"
        } else {
            b"application/octet-stream"
        };
        let mut delivery = Delivery {
            method: "POST".into(),
            path: self.to.path().to_string(),
            headers: vec![
                ("content-type".into(), content_type.to_vec()),
                (
                    "user-agent".into(),
                    concat!("hooks/", env!("CARGO_PKG_VERSION"))
                        .as_bytes()
                        .to_vec(),
                ),
            ],
            body: body.into(),
            received_at: SystemTime::now(),
            source: Source::Replay,
            remote: None,
            forwarding: None,
            oversized: None,
        };
        if let Some(provider) = provider {
            self.resign(&mut delivery, provider)?;
        }
        Ok(Prepared {
            item: Item::File(path.to_path_buf()),
            events: super::pipeline::read_events(&delivery),
            url: self.to.to_string(),
            delivery,
        })
    }

    pub async fn send(&self, prepared: Prepared) -> Sent {
        let result = self.forwarder.send(&prepared.delivery, &prepared.url).await;
        Sent { prepared, result }
    }
}

/// Changes to a recorded delivery before it is replayed (the inspector's
/// "Replay with edits", as ngrok's: method, path, headers, body). Whatever
/// is not edited is sent as recorded, byte for byte.
#[derive(Debug, Clone, Default)]
pub struct Edit {
    pub method: Option<String>,
    /// Path and query.
    pub path: Option<String>,
    /// The whole header list, in order, replacing the recorded one. A value
    /// ending in the mask (`********`, as the inspector shows a secret
    /// value) keeps the recorded value of that field, so that editing
    /// another header does not send the mask.
    pub headers: Option<Vec<(String, String)>>,
    pub body: Option<Vec<u8>>,
}

impl Edit {
    pub fn is_empty(&self) -> bool {
        self.method.is_none()
            && self.path.is_none()
            && self.headers.is_none()
            && self.body.is_none()
    }

    /// Applies the edit, checking each part as a request would need it.
    /// After any edit the framing is the new request's: `Transfer-Encoding`
    /// dropped and `Content-Length` the new body's length (in the place of
    /// the old one), so that the replay is recorded with no stale length.
    pub fn apply(self, d: &mut Delivery) -> Result<()> {
        if self.is_empty() {
            return Ok(());
        }
        if let Some(method) = self.method {
            let method = method.trim();
            if method.is_empty() || http::Method::from_bytes(method.as_bytes()).is_err() {
                return Err(Error::usage(format!(
                    "the method '{}' is not an HTTP method token",
                    method.escape_debug()
                )));
            }
            d.method = method.to_string();
        }
        if let Some(path) = self.path {
            if !path.starts_with('/') || http::uri::PathAndQuery::try_from(path.as_str()).is_err() {
                return Err(Error::usage(format!(
                    "the path '{}' must start with / and hold no spaces or control characters",
                    path.escape_debug()
                )));
            }
            d.path = path;
        }
        if let Some(headers) = self.headers {
            let mut edited = Vec::with_capacity(headers.len());
            for (name, value) in headers {
                let name = name.trim().to_string();
                http::HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                    Error::usage(format!(
                        "'{}' is not a valid header name",
                        name.escape_debug()
                    ))
                })?;
                let value = match d.header(&name) {
                    Some(recorded) if value.ends_with(super::secrets::MASK) => recorded.to_vec(),
                    _ => {
                        http::HeaderValue::from_str(&value).map_err(|_| {
                            Error::usage(format!(
                                "the value of {name} holds a character a header cannot carry (CR, LF or another control character)"
                            ))
                        })?;
                        value.into_bytes()
                    }
                };
                edited.push((name, value));
            }
            d.headers = edited;
        }
        if let Some(body) = self.body {
            d.body = body.into();
        }
        let at = d
            .headers
            .iter()
            .position(|(n, _)| n.eq_ignore_ascii_case("content-length"));
        d.headers.retain(|(n, _)| {
            !n.eq_ignore_ascii_case("content-length")
                && !n.eq_ignore_ascii_case("transfer-encoding")
        });
        let length = (
            "content-length".to_string(),
            d.body.len().to_string().into_bytes(),
        );
        match at {
            Some(i) => d.headers.insert(i.min(d.headers.len()), length),
            None if !d.body.is_empty() => d.headers.push(length),
            None => {}
        }
        Ok(())
    }
}

/// Replaces the scheme's signature headers with fresh ones (a new timestamp
/// for timestamped schemes; the message id is kept where there is one).
fn resign(delivery: &mut Delivery, signer: &Signer) -> Result<()> {
    if !signer.scheme.is_signed() {
        return Ok(());
    }
    let id = ["webhook-id", "svix-id"]
        .iter()
        .find_map(|h| delivery.header(h))
        .map(|v| String::from_utf8_lossy(v).into_owned())
        .unwrap_or_else(|| format!("msg_{}", uuid::Uuid::new_v4().simple()));
    let mut names = signer.scheme.header_names();
    if signer.scheme == Scheme::Standard {
        names.extend(["svix-id", "svix-timestamp", "svix-signature"].map(String::from));
    }
    delivery
        .headers
        .retain(|(n, _)| !names.iter().any(|s| s.eq_ignore_ascii_case(n)));
    let signed = signer
        .scheme
        .sign(
            &signer.secrets,
            &delivery.body,
            &SignParams {
                id: &id,
                timestamp: crate::signature::unix_now(),
            },
        )
        .map_err(Error::usage)?;
    delivery
        .headers
        .extend(signed.into_iter().map(|(n, v)| (n, v.into_bytes())));
    Ok(())
}

/// Loads recorded deliveries by id, failing (before anything is sent) on
/// the first id that is not in the store.
pub fn load(store: &Store, ids: &[i64]) -> Result<Vec<Record>> {
    ids.iter()
        .map(|id| {
            store.get(*id)?.ok_or_else(|| {
                Error::usage(format!("no delivery #{id} in {}", store.path().display()))
                    .with_hint("see `hooks deliveries list` for the recorded ids")
            })
        })
        .collect()
}
