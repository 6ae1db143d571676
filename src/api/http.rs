//! The one request path every management API call takes: authentication,
//! timeout, rate-limit waits, retries with jittered backoff, and errors that
//! say what failed where. The API key goes into a header and nowhere else;
//! text that comes from outside (the provider's error messages, transport
//! error details) is redacted of it before it is shown, in case it echoes it.

use crate::output;
use crate::providers::Provider;
use crate::{Error, Result};
use rand::Rng;
use reqwest::{Method, StatusCode, Url};
use serde_json::Value;
use std::time::Duration;

/// Retries after a 5xx answer or a connection failure.
const MAX_RETRIES: u32 = 3;
/// Waits after a 429 answer.
const MAX_RATE_LIMIT_WAITS: u32 = 3;
/// The longest single wait a 429 can ask for.
const MAX_RATE_LIMIT_WAIT: Duration = Duration::from_secs(60);
/// Used when a 429 carries no usable wait header.
const DEFAULT_RATE_LIMIT_WAIT: Duration = Duration::from_secs(5);
const BACKOFF_BASE: Duration = Duration::from_millis(250);

/// How requests authenticate.
#[derive(Clone)]
pub enum Auth {
    Basic {
        user: String,
        key: String,
    },
    Bearer(String),
    /// No credentials (the emulator's own API).
    None,
}

impl Auth {
    fn key(&self) -> &str {
        match self {
            Auth::Basic { key, .. } | Auth::Bearer(key) => key,
            Auth::None => "",
        }
    }
}

/// What a request is about, so a 404 can say what was not found.
#[derive(Debug, Clone, Copy)]
pub enum Subject<'a> {
    Collection,
    Webhook(&'a str),
}

/// A management API endpoint with its credentials.
pub struct Http {
    client: reqwest::Client,
    base: Url,
    auth: Auth,
    provider: &'static str,
    /// Where the API key came from (`--api-key`, `HOOKS_API_KEY`, a config
    /// key), named when the provider refuses it.
    key_source: String,
}

impl Http {
    pub fn new(
        provider: &Provider,
        base: Url,
        auth: Auth,
        timeout: Duration,
        key_source: String,
    ) -> Http {
        Http {
            client: crate::outbound::client(timeout),
            base,
            auth,
            provider: provider.title,
            key_source,
        }
    }

    /// The URL for `path` (starting with `/`) under the base URL.
    pub fn url(&self, path: &str, query: &[(&str, String)]) -> Url {
        let mut url = self.base.clone();
        url.set_path(&format!("{}{path}", self.base.path().trim_end_matches('/')));
        if !query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (k, v) in query {
                pairs.append_pair(k, v);
            }
        }
        url
    }

    /// Creates a webhook: POSTs `body` to `/webhooks`.
    pub async fn create(&self, body: &Value) -> Result<Value> {
        self.send(
            Method::POST,
            "/webhooks",
            &[],
            Some(body),
            Subject::Collection,
        )
        .await
    }

    /// Deletes the webhook `id` at `path`; what the answer says is not
    /// needed.
    pub async fn delete(&self, path: &str, query: &[(&str, String)], id: &str) -> Result<()> {
        self.send(Method::DELETE, path, query, None, Subject::Webhook(id))
            .await
            .map(|_| ())
    }

    /// Sends one request and returns the JSON answer (`Null` for an empty
    /// body), waiting out 429s and retrying 5xx answers and broken
    /// connections before giving up with exit 3.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
        subject: Subject<'_>,
    ) -> Result<Value> {
        let url = self.url(path, query);
        let mut retries = 0;
        let mut waits = 0;
        loop {
            let mut request = self.client.request(method.clone(), url.clone());
            request = match &self.auth {
                Auth::Basic { user, key } => request.basic_auth(user, Some(key)),
                Auth::Bearer(key) => request.bearer_auth(key),
                Auth::None => request,
            };
            request = request.header("accept", "application/json");
            if let Some(body) = body {
                request = request.json(body);
            }
            let response = match request.send().await {
                Ok(response) => response,
                Err(e) => {
                    let failure = Failure::of(&e).redacted(self.auth.key());
                    if failure.retryable(&method) && retries < MAX_RETRIES {
                        retries += 1;
                        let delay = backoff(retries);
                        self.note(format!(
                            "{} at {url}: {}; retrying in {} ({retries} of {MAX_RETRIES})",
                            self.provider,
                            failure.short(),
                            seconds(delay)
                        ));
                        tokio::time::sleep(delay).await;
                        continue;
                    }
                    return Err(self.connection_error(&url, &failure, retries));
                }
            };
            let status = response.status();
            if status == StatusCode::TOO_MANY_REQUESTS && waits < MAX_RATE_LIMIT_WAITS {
                waits += 1;
                let delay = rate_limit_wait(response.headers());
                self.note(format!(
                    "{} rate limit reached (429 at {url}); waiting {} before retrying ({waits} of {MAX_RATE_LIMIT_WAITS})",
                    self.provider,
                    seconds(delay)
                ));
                tokio::time::sleep(delay).await;
                continue;
            }
            if status.is_server_error() && retry_status(&method, status) && retries < MAX_RETRIES {
                retries += 1;
                let delay = backoff(retries);
                self.note(format!(
                    "{} answered {status} at {url}; retrying in {} ({retries} of {MAX_RETRIES})",
                    self.provider,
                    seconds(delay)
                ));
                tokio::time::sleep(delay).await;
                continue;
            }
            let bytes = response.bytes().await.map_err(|e| {
                Error::network(format!(
                    "{} at {url}: the answer broke off: {}",
                    self.provider,
                    Failure::of(&e).redacted(self.auth.key()).detail
                ))
            })?;
            let text = String::from_utf8_lossy(&bytes);
            // A body that is not JSON is kept as text: callers that need an
            // object say the answer does not match, and `delete` ignores it.
            let json = if text.trim().is_empty() {
                Value::Null
            } else {
                serde_json::from_str(&text).unwrap_or_else(|_| Value::String(text.into_owned()))
            };
            if status.is_success() && json["success"] != Value::Bool(false) {
                return Ok(json);
            }
            return Err(self.status_error(&url, status, &json, &bytes, subject, retries, waits));
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn status_error(
        &self,
        url: &Url,
        status: StatusCode,
        json: &Value,
        bytes: &[u8],
        subject: Subject<'_>,
        retries: u32,
        waits: u32,
    ) -> Error {
        let said = redact(
            &provider_message(json).unwrap_or_else(|| {
                let text = String::from_utf8_lossy(bytes);
                let text = text.trim();
                if text.is_empty() {
                    status
                        .canonical_reason()
                        .unwrap_or("no message")
                        .to_string()
                } else {
                    text.chars().take(300).collect()
                }
            }),
            self.auth.key(),
        );
        match status.as_u16() {
            401 | 403 => Error::network(format!(
                "authentication failed for {} at {url}: the API key from {} was refused",
                self.provider, self.key_source
            ))
            .with_hint(format!("{} said ({status}): {said}", self.provider)),
            404 => match subject {
                // The API answered, and the answer is that there is no such
                // webhook: a result (exit 1), not a network failure.
                Subject::Webhook(id) => Error::check(format!("webhook {id} not found")).with_hint(
                    format!("no webhook {id} at {url}; `hooks list` shows the ids"),
                ),
                Subject::Collection => Error::network(format!(
                    "{} has no such endpoint: {url} answered 404",
                    self.provider
                ))
                .with_hint("check --api-url (and, for WebWork, --api-version)"),
            },
            429 => Error::network(format!(
                "{} kept answering 429 (rate limited) at {url} after {waits} waits",
                self.provider
            ))
            .with_hint("wait a minute and try again"),
            400..=499 => Error::network(format!("{} refused the request: {said}", self.provider))
                .with_hint(format!("{status} from {url}")),
            _ if status.is_server_error() => Error::network(format!(
                "{} answered {status} at {url}{}: {said}",
                self.provider,
                if retries > 0 {
                    format!(" after {} attempts", retries + 1)
                } else {
                    String::new()
                }
            ))
            .with_hint("the provider may be having trouble; try again later"),
            _ => Error::network(format!(
                "{} answered {status} at {url}: {said}",
                self.provider
            )),
        }
    }

    fn connection_error(&self, url: &Url, failure: &Failure, retries: u32) -> Error {
        let host = url.host_str().unwrap_or("?");
        let attempts = if retries > 0 {
            format!(" (after {} attempts)", retries + 1)
        } else {
            String::new()
        };
        match failure.cause {
            Cause::Dns => Error::network(format!(
                "cannot find {host}: the name does not resolve{attempts}"
            ))
            .with_hint("check the host in --api-url, and your network or DNS"),
            Cause::Tls => Error::network(format!(
                "secure connection to {host} failed: {}",
                failure.detail
            ))
            .with_hint(
                "the server's certificate is not trusted or the URL's scheme is wrong; \
                 a plain-HTTP server needs an http:// --api-url",
            ),
            Cause::Timeout => {
                Error::network(format!("{} at {url} did not answer in time", self.provider))
                    .with_hint("raise --timeout, or try again later")
            }
            Cause::Refused => Error::network(format!(
                "cannot connect to {} at {url}: connection refused{attempts}",
                self.provider
            ))
            .with_hint("check --api-url, and that the server is running"),
            Cause::Reset | Cause::Other => Error::network(format!(
                "cannot reach {} at {url}: {}{attempts}",
                self.provider, failure.detail
            ))
            .with_hint("check --api-url and your network, then try again"),
        }
    }

    fn note(&self, text: String) {
        output::note(text);
    }
}

/// Replaces the API key in text from outside with `***`.
fn redact(text: &str, key: &str) -> String {
    if key.is_empty() {
        text.to_string()
    } else {
        text.replace(key, "***")
    }
}

/// The provider's own words from an error body: WebWork's
/// `{"message","errors"}` or awork's `{"code","description"}`.
fn provider_message(json: &Value) -> Option<String> {
    if let Some(description) = json["description"].as_str() {
        return Some(match json["code"].as_str() {
            Some(code) => format!("{description} ({code})"),
            None => description.to_string(),
        });
    }
    let message = json["message"]
        .as_str()
        .or(json["error"].as_str())
        .map(str::to_string);
    let details: Vec<String> = json["errors"]
        .as_object()
        .map(|fields| {
            fields
                .iter()
                .map(|(field, msgs)| {
                    let text = match msgs {
                        Value::Array(list) => list
                            .iter()
                            .map(|m| m.as_str().map(str::to_string).unwrap_or(m.to_string()))
                            .collect::<Vec<_>>()
                            .join("; "),
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    format!("{field}: {text}")
                })
                .collect()
        })
        .unwrap_or_default();
    match (message, details.is_empty()) {
        (Some(m), true) => Some(m),
        (Some(m), false) => Some(format!("{m} ({})", details.join(", "))),
        (None, false) => Some(details.join(", ")),
        (None, true) => None,
    }
}

/// Whether a 5xx answer may be retried: a POST that the server may have
/// carried out (500) is not repeated, so `create` never makes two webhooks.
fn retry_status(method: &Method, status: StatusCode) -> bool {
    method != Method::POST
        || matches!(
            status,
            StatusCode::BAD_GATEWAY | StatusCode::SERVICE_UNAVAILABLE | StatusCode::GATEWAY_TIMEOUT
        )
}

/// How long a 429 asks to wait: `Retry-After` (seconds, or an HTTP date)
/// or awork's `ratelimit-reset` (seconds until the window resets), capped.
fn rate_limit_wait(headers: &reqwest::header::HeaderMap) -> Duration {
    rate_limit_wait_at(headers, std::time::SystemTime::now())
}

fn rate_limit_wait_at(
    headers: &reqwest::header::HeaderMap,
    now: std::time::SystemTime,
) -> Duration {
    ["retry-after", "ratelimit-reset"]
        .iter()
        .find_map(|name| {
            let value = headers.get(*name)?.to_str().ok()?.trim();
            match value.parse::<f64>() {
                Ok(s) => (s.is_finite() && s >= 0.0).then(|| Duration::from_secs_f64(s)),
                // A date in the past means "now".
                Err(_) => httpdate::parse_http_date(value)
                    .ok()
                    .map(|at| at.duration_since(now).unwrap_or_default()),
            }
        })
        .map(|wait| wait.min(MAX_RATE_LIMIT_WAIT))
        .unwrap_or(DEFAULT_RATE_LIMIT_WAIT)
}

/// Exponential backoff with full jitter on the upper half, so several
/// clients retrying together spread out.
fn backoff(retry: u32) -> Duration {
    let ceiling = BACKOFF_BASE * 2u32.pow(retry.saturating_sub(1));
    let half = ceiling / 2;
    half + rand::thread_rng().gen_range(Duration::ZERO..=half)
}

fn seconds(d: Duration) -> String {
    format!("{:.1}s", d.as_secs_f64())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cause {
    Dns,
    Tls,
    Timeout,
    Refused,
    Reset,
    Other,
}

/// Names the cause from the text of an error chain (hyper, rustls and the
/// resolver only expose their errors as text through reqwest).
fn classify(timeout: bool, chain: &str) -> Cause {
    let all = chain.to_ascii_lowercase();
    if timeout {
        Cause::Timeout
    } else if all.contains("dns error") || all.contains("failed to lookup address") {
        Cause::Dns
    } else if all.contains("certificate")
        || all.contains("tls")
        || all.contains("handshake")
        || all.contains("corrupt message")
    {
        Cause::Tls
    } else if all.contains("connection refused") {
        Cause::Refused
    } else if all.contains("connection reset")
        || all.contains("connection closed")
        || all.contains("broken pipe")
        || all.contains("incomplete message")
    {
        Cause::Reset
    } else {
        Cause::Other
    }
}

/// A transport failure, classified from reqwest's error chain.
struct Failure {
    cause: Cause,
    detail: String,
}

impl Failure {
    fn of(error: &reqwest::Error) -> Failure {
        let mut chain = Vec::new();
        let mut source: Option<&dyn std::error::Error> = Some(error);
        while let Some(e) = source {
            chain.push(e.to_string());
            source = e.source();
        }
        // The innermost cause is the most specific; reqwest's outer text
        // repeats the URL, which the message already names.
        let detail = chain.last().cloned().unwrap_or_default();
        let cause = classify(error.is_timeout(), &chain.join(": "));
        Failure { cause, detail }
    }

    fn redacted(mut self, key: &str) -> Failure {
        self.detail = redact(&self.detail, key);
        self
    }

    /// A refused connection never carried the request, so it is always
    /// retried; a reset may have, so only requests safe to repeat (not POST).
    fn retryable(&self, method: &Method) -> bool {
        match self.cause {
            Cause::Refused => true,
            Cause::Reset => method != Method::POST,
            _ => false,
        }
    }

    fn short(&self) -> &str {
        match self.cause {
            Cause::Refused => "connection refused",
            Cause::Reset => "connection reset",
            _ => &self.detail,
        }
    }
}

/// An id as one path segment: anything that would change the path is
/// percent-encoded, so `../x` cannot reach another endpoint.
pub fn path_segment(id: &str) -> String {
    id.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~'
                if id != "." && id != ".." =>
            {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_stay_one_path_segment() {
        assert_eq!(path_segment("42"), "42");
        assert_eq!(path_segment("a/b?c"), "a%2Fb%3Fc");
        assert_eq!(path_segment(".."), "%2E%2E");
    }

    #[test]
    fn rate_limit_wait_follows_either_header_and_is_capped() {
        let mut h = reqwest::header::HeaderMap::new();
        h.insert("retry-after", "2".parse().unwrap());
        assert_eq!(rate_limit_wait(&h), Duration::from_secs(2));
        let mut h = reqwest::header::HeaderMap::new();
        h.insert("ratelimit-reset", "7".parse().unwrap());
        assert_eq!(rate_limit_wait(&h), Duration::from_secs(7));
        h.insert("retry-after", "9999".parse().unwrap());
        assert_eq!(rate_limit_wait(&h), MAX_RATE_LIMIT_WAIT);
        assert_eq!(
            rate_limit_wait(&reqwest::header::HeaderMap::new()),
            DEFAULT_RATE_LIMIT_WAIT
        );
    }

    #[test]
    fn retry_after_may_be_an_http_date() {
        let now = std::time::UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        let mut h = reqwest::header::HeaderMap::new();
        // 21 Oct 2015 07:28:00 GMT is `now`; 07:28:12 is 12 s later.
        h.insert(
            "retry-after",
            "Wed, 21 Oct 2015 07:28:12 GMT".parse().unwrap(),
        );
        assert_eq!(rate_limit_wait_at(&h, now), Duration::from_secs(12));
        h.insert(
            "retry-after",
            "Wed, 21 Oct 2015 07:20:00 GMT".parse().unwrap(),
        );
        assert_eq!(rate_limit_wait_at(&h, now), Duration::ZERO);
        h.insert(
            "retry-after",
            "Thu, 22 Oct 2015 07:28:00 GMT".parse().unwrap(),
        );
        assert_eq!(rate_limit_wait_at(&h, now), MAX_RATE_LIMIT_WAIT);
        h.insert("retry-after", "soon".parse().unwrap());
        assert_eq!(rate_limit_wait_at(&h, now), DEFAULT_RATE_LIMIT_WAIT);
    }

    #[test]
    fn backoff_grows_and_stays_within_its_window() {
        for retry in 1..=3 {
            let ceiling = BACKOFF_BASE * 2u32.pow(retry - 1);
            let d = backoff(retry);
            assert!(d >= ceiling / 2 && d <= ceiling, "{d:?} for retry {retry}");
        }
    }

    #[test]
    fn provider_messages_are_read_from_both_shapes() {
        let webwork = serde_json::json!({"success":false,"message":"The given data was invalid.","errors":{"url":["The url must be a valid URL."]}});
        assert_eq!(
            provider_message(&webwork).unwrap(),
            "The given data was invalid. (url: The url must be a valid URL.)"
        );
        let awork = serde_json::json!({"code":"validation-error","description":"uri is required"});
        assert_eq!(
            provider_message(&awork).unwrap(),
            "uri is required (validation-error)"
        );
        assert_eq!(provider_message(&serde_json::json!({})), None);
    }

    #[test]
    fn transport_failures_are_named_from_their_chain() {
        let dns = "error sending request for url (http://no-such-host.invalid/): client error (Connect): dns error: failed to lookup address information: Name or service not known";
        assert_eq!(classify(false, dns), Cause::Dns);
        let tls = "error sending request: client error (Connect): received corrupt message of type InvalidContentType";
        assert_eq!(classify(false, tls), Cause::Tls);
        let cert = "client error (Connect): invalid peer certificate: UnknownIssuer";
        assert_eq!(classify(false, cert), Cause::Tls);
        let refused =
            "client error (Connect): tcp connect error: Connection refused (os error 111)";
        assert_eq!(classify(false, refused), Cause::Refused);
        let reset = "client error (SendRequest): connection closed before message completed";
        assert_eq!(classify(false, reset), Cause::Reset);
        assert_eq!(classify(true, "operation timed out"), Cause::Timeout);
        assert_eq!(classify(false, "something else"), Cause::Other);
    }

    #[test]
    fn a_500_to_a_post_is_not_repeated() {
        assert!(!retry_status(
            &Method::POST,
            StatusCode::INTERNAL_SERVER_ERROR
        ));
        assert!(retry_status(&Method::POST, StatusCode::SERVICE_UNAVAILABLE));
        assert!(retry_status(
            &Method::GET,
            StatusCode::INTERNAL_SERVER_ERROR
        ));
    }
}
