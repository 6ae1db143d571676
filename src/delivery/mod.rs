//! The delivery pipeline: every webhook that reaches hooks (on the local
//! listener, through the relay, or replayed) becomes a [`Delivery`] and goes
//! through the same steps in [`pipeline::Pipeline::handle`]:
//! verify → record → print → forward → respond.

pub mod curl;
pub mod filter;
pub mod forward;
pub mod origin;
pub mod pattern;
pub mod pipeline;
pub mod print;
pub mod recorders;
pub mod replay;
pub mod respond;
pub mod secrets;
pub mod store;
pub mod verify;
pub mod watch;

use bytes::Bytes;
use std::time::SystemTime;

/// Where a delivery came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The local HTTP listener.
    Local,
    /// The relay tunnel.
    Relay,
    /// Re-sent from the store.
    Replay,
    /// Sent by `hooks check` to the handler under test.
    Check,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Local => "local",
            Source::Relay => "relay",
            Source::Replay => "replay",
            Source::Check => "check",
        }
    }

    pub fn parse(s: &str) -> Source {
        match s {
            "relay" => Source::Relay,
            "replay" => Source::Replay,
            "check" => Source::Check,
            _ => Source::Local,
        }
    }
}

/// One webhook request exactly as it arrived.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub method: String,
    /// Path and query, as the sender wrote them.
    pub path: String,
    /// Headers in arrival order, repeats kept, values as raw bytes.
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Bytes,
    pub received_at: SystemTime,
    pub source: Source,
    /// The caller's address, when known: the peer (`ip:port`), or behind
    /// trusted proxies the client they name (`ip`); for a relayed delivery,
    /// the address the relay decided.
    pub remote: Option<String>,
    /// What this hop passes on as `X-Forwarded-*` when it forwards the
    /// delivery (the listener's own peer appended); `None` when an earlier
    /// hop set them (the relay) or for a replay, which sends the recorded
    /// headers as they were.
    pub forwarding: Option<crate::hop::Forwarding>,
    /// Set when the body was larger than the limit: the size the sender
    /// announced or that was read before giving up. `body` is then empty.
    pub oversized: Option<u64>,
}

impl Delivery {
    /// The first value of a header, compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&[u8]> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_slice())
    }

    /// The headers as an `http::HeaderMap`, for the signature schemes.
    /// Headers that are not valid HTTP are left out.
    pub fn header_map(&self) -> http::HeaderMap {
        let mut map = http::HeaderMap::new();
        for (name, value) in &self.headers {
            if let (Ok(n), Ok(v)) = (
                http::HeaderName::from_bytes(name.as_bytes()),
                http::HeaderValue::from_bytes(value),
            ) {
                map.append(n, v);
            }
        }
        map
    }
}

/// Milliseconds since the unix epoch.
pub fn unix_millis(t: SystemTime) -> i64 {
    t.duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// RFC 3339 with milliseconds, UTC: for JSON and the store, which must not
/// depend on where they were written.
pub fn rfc3339(t: SystemTime) -> String {
    humantime::format_rfc3339_millis(t).to_string()
}

/// The time of day in the local time zone (`TZ`, else the system's), as the
/// pretty terminal lines show it: a person compares it with their clock and
/// with the inspector, which shows local time too.
pub fn local_clock(t: SystemTime) -> String {
    chrono::DateTime::<chrono::Local>::from(t)
        .format("%H:%M:%S")
        .to_string()
}

/// RFC 3339 with milliseconds in the local time zone, its offset written
/// out, for tables and details printed for people.
pub fn local_rfc3339(t: SystemTime) -> String {
    chrono::DateTime::<chrono::Local>::from(t).to_rfc3339_opts(chrono::SecondsFormat::Millis, false)
}
