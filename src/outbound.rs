//! Sending one HTTP request (a test event, a replay, an emulated delivery)
//! and describing what came back, or why nothing did.

use crate::{Error, Result};
use std::time::{Duration, Instant};

/// The local listener's default address, where send-test, replay and the
/// emulator send by default.
pub const DEFAULT_TARGET: &str = "http://127.0.0.1:8787/";

/// A request about to be sent.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub method: http::Method,
    pub url: reqwest::Url,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// What the target answered.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub latency: Duration,
}

/// The URL a port shorthand on `host` stands for: `3000` and `3000/webhooks`
/// (what Stripe users type) name a local port, never the IPv4 address that
/// a URL parser reads a bare number as (`http://0.0.11.184/webhooks`). None
/// when `raw` is not a port followed by nothing, a path or a query.
pub fn port_shorthand(raw: &str, host: &str) -> Option<String> {
    let end = raw.find(|c: char| !c.is_ascii_digit()).unwrap_or(raw.len());
    let (port, rest) = raw.split_at(end);
    if port.is_empty() {
        return None;
    }
    let path = match rest.chars().next() {
        None => "/".to_string(),
        Some('/') => rest.to_string(),
        Some('?') => format!("/{rest}"),
        Some(_) => return None,
    };
    Some(format!("http://{host}:{port}{path}"))
}

/// Parses a target URL, accepting a bare port (`3000`), a port and a path
/// (`3000/webhooks`) or `host:port`.
pub fn parse_target(raw: &str) -> Result<reqwest::Url> {
    // `htp:/localhost` names a scheme (a port would follow the colon as
    // digits): say so rather than reading `htp` as a host.
    if let Some(scheme) = scheme_of(raw).filter(|s| !matches!(s.as_str(), "http" | "https")) {
        return Err(Error::usage(format!(
            "unknown scheme {scheme} in '{raw}': only http:// and https:// URLs can be sent to"
        ))
        .with_hint("write a URL like http://localhost:3000/webhooks, or a port like 3000"));
    }
    let text = if let Some(url) = port_shorthand(raw, "localhost") {
        url
    } else if !raw.contains("://") && scheme_of(raw).is_none() {
        format!("http://{raw}")
    } else {
        raw.to_string()
    };
    let url = reqwest::Url::parse(&text).map_err(|e| {
        Error::usage(format!("invalid URL '{raw}': {e}"))
            .with_hint("write a URL like http://localhost:3000/webhooks, or a port like 3000")
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(Error::usage(format!(
            "invalid URL '{raw}': only http:// and https:// URLs with a host can be sent to"
        ))
        .with_hint("write a URL like http://localhost:3000/webhooks"));
    }
    Ok(url)
}

/// The scheme `raw` starts with (lowercased), if it starts with one: letters,
/// digits, `+`, `-` or `.` after a letter, then a colon not followed by a
/// port number.
fn scheme_of(raw: &str) -> Option<String> {
    let (scheme, rest) = raw.split_once(':')?;
    let word = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let port = rest.starts_with(|c: char| c.is_ascii_digit());
    (word && !port).then(|| scheme.to_ascii_lowercase())
}

/// A client for outbound requests: no redirects followed (a webhook sender
/// does not follow them), no proxy from the environment for loopback.
pub fn client(timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(timeout)
        .user_agent(concat!("hooks/", env!("CARGO_PKG_VERSION")))
        .build()
        .expect("the HTTP client builds with static settings")
}

/// Sends the request. A target that cannot be reached is a network error
/// (exit 3) saying which target and why.
pub async fn send(client: &reqwest::Client, out: &Outgoing) -> Result<Answer> {
    send_waiting(client, out, Duration::ZERO).await
}

/// Sends the request, trying again every 100 ms while the target refuses
/// the connection, until `wait` has passed: a listener a script started in
/// the background a moment ago may not be listening yet. A refused
/// connection carried nothing, so nothing is ever sent twice.
pub async fn send_waiting(
    client: &reqwest::Client,
    out: &Outgoing,
    wait: Duration,
) -> Result<Answer> {
    let deadline = Instant::now() + wait;
    loop {
        match attempt(client, out).await {
            Err(e) if refused(&e) && Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) if refused(&e) && !wait.is_zero() => {
                return Err(unreachable(&out.url, &e).with_hint(format!(
                    "nothing listened there within --wait {}: is `hooks listen` (or the app) starting there? check --to",
                    humantime::format_duration(wait)
                )))
            }
            answer => return answer.map_err(|e| unreachable(&out.url, &e)),
        }
    }
}

/// Whether the target refused the connection (nothing listens there).
fn refused(e: &reqwest::Error) -> bool {
    let mut source: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::ConnectionRefused {
                return true;
            }
        }
        source = s.source();
    }
    false
}

async fn attempt(
    client: &reqwest::Client,
    out: &Outgoing,
) -> std::result::Result<Answer, reqwest::Error> {
    let mut request = client.request(out.method.clone(), out.url.clone());
    for (k, v) in &out.headers {
        request = request.header(k, v);
    }
    let started = Instant::now();
    let response = request.body(out.body.clone()).send().await?;
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let body = response.bytes().await?.to_vec();
    Ok(Answer {
        status,
        headers,
        body,
        latency: started.elapsed(),
    })
}

fn unreachable(url: &reqwest::Url, e: &reqwest::Error) -> Error {
    let why = if e.is_timeout() {
        "timed out".to_string()
    } else if e.is_connect() {
        let mut source: Option<&dyn std::error::Error> = std::error::Error::source(e);
        let mut detail = "connection failed".to_string();
        while let Some(s) = source {
            detail = s.to_string();
            source = s.source();
        }
        detail
    } else {
        e.to_string()
    };
    Error::network(format!("cannot reach {url}: {why}"))
        .with_hint("is the app (or `hooks listen`) running there? check --to")
}

/// `--expect`: `2xx`-style classes or an exact status code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    Class(u16),
    Exact(u16),
}

impl Expect {
    pub fn parse(raw: &str) -> Result<Expect> {
        let lower = raw.to_ascii_lowercase();
        let bad = || {
            Error::usage(format!("invalid --expect '{raw}'"))
                .with_hint("use a class like 2xx or 4xx, or an exact status like 201")
        };
        if let Some(class) = lower.strip_suffix("xx") {
            let d: u16 = class.parse().map_err(|_| bad())?;
            if (1..=5).contains(&d) {
                return Ok(Expect::Class(d));
            }
            return Err(bad());
        }
        let code: u16 = lower.parse().map_err(|_| bad())?;
        if (100..=599).contains(&code) {
            Ok(Expect::Exact(code))
        } else {
            Err(bad())
        }
    }

    pub fn matches(self, status: u16) -> bool {
        match self {
            Expect::Class(d) => status / 100 == d,
            Expect::Exact(c) => status == c,
        }
    }
}

impl std::fmt::Display for Expect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Expect::Class(d) => write!(f, "{d}xx"),
            Expect::Exact(c) => write!(f, "{c}"),
        }
    }
}

/// Parses `--header 'Name: value'`.
pub fn parse_header(raw: &str) -> Result<(String, String)> {
    let (name, value) = raw.split_once(':').ok_or_else(|| {
        Error::usage(format!("malformed --header '{raw}': no ':'"))
            .with_hint("write --header 'Name: value'")
    })?;
    let name = name.trim();
    http::HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
        Error::usage(format!(
            "malformed --header '{raw}': '{name}' is not a valid header name"
        ))
    })?;
    let value = value.trim();
    http::HeaderValue::from_str(value).map_err(|_| {
        Error::usage(format!(
            "malformed --header '{raw}': the value has characters a header cannot carry"
        ))
    })?;
    Ok((name.to_string(), value.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expect_classes_and_codes() {
        assert!(Expect::parse("2xx").unwrap().matches(204));
        assert!(!Expect::parse("2xx").unwrap().matches(301));
        assert!(Expect::parse("404").unwrap().matches(404));
        assert!(!Expect::parse("201").unwrap().matches(200));
        for bad in ["", "6xx", "abc", "99", "2x"] {
            assert!(Expect::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn targets_accept_ports_and_hosts() {
        assert_eq!(
            parse_target("3000").unwrap().as_str(),
            "http://localhost:3000/"
        );
        assert_eq!(
            parse_target("localhost:3000/x").unwrap().as_str(),
            "http://localhost:3000/x"
        );
        assert_eq!(
            parse_target("3000/webhooks").unwrap().as_str(),
            "http://localhost:3000/webhooks"
        );
        assert_eq!(
            parse_target("3000?x=1").unwrap().as_str(),
            "http://localhost:3000/?x=1"
        );
        assert_eq!(
            parse_target("127.0.0.1:3000/x").unwrap().as_str(),
            "http://127.0.0.1:3000/x"
        );
        assert!(parse_target("ftp://x/").is_err());
        assert!(parse_target("http://").is_err());
    }
}
