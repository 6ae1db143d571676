//! Forward step: the delivery's exact method, path, query, headers and body
//! bytes to the app, under the hop rules of [`crate::hop`]: hop-by-hop
//! fields dropped, framing derived, Host the target's, `X-Forwarded-*`
//! set by this hop.

use super::Delivery;
use std::time::{Duration, Instant};

/// What the app answered, or why it did not.
#[derive(Debug, Clone)]
pub enum Forwarded {
    Answered {
        status: u16,
        headers: Vec<(String, Vec<u8>)>,
        body: bytes::Bytes,
        latency: Duration,
    },
    /// The app could not be reached (502 to the sender).
    Refused { error: String, latency: Duration },
    /// The app did not answer within the forward timeout (504).
    TimedOut { latency: Duration },
}

type PlainClient = hyper_util::client::legacy::Client<
    hyper_util::client::legacy::connect::HttpConnector,
    http_body_util::Full<bytes::Bytes>,
>;

/// Sends deliveries to the app: plain http through hyper directly (no
/// headers added, less work per request), https through reqwest.
#[derive(Debug, Clone)]
pub struct Forwarder {
    plain: PlainClient,
    client: reqwest::Client,
    timeout: Duration,
    /// A proxy hop adds `X-Forwarded-*`; a replay re-sends the recorded
    /// headers as they were.
    as_proxy: bool,
    /// `--forward-header`: set on every forwarded request, replacing the
    /// delivery's own fields of the same name.
    extra: Vec<(http::HeaderName, http::HeaderValue)>,
    /// What to do about an untrusted certificate, for the commands that
    /// have the flags ([`Forwarder::with_tls`]).
    untrusted_hint: Option<&'static str>,
}

/// How an https app's certificate is trusted (`--forward-ca`,
/// `--forward-insecure`). A local app usually has a self-signed or mkcert
/// certificate that no public root issued; its CA is trusted in addition to
/// the public roots, so that a public https target keeps working beside it.
#[derive(Debug, Clone, Default)]
pub struct Tls {
    /// PEM certificates (a CA, or the app's own self-signed one).
    pub ca: Option<std::path::PathBuf>,
    /// Accept any certificate: the connection is encrypted but the app is
    /// not authenticated.
    pub insecure: bool,
}

/// The https client, trusting what `tls` says besides the public roots.
fn https_client(timeout: Duration, tls: &Tls) -> crate::Result<reqwest::Client> {
    let mut builder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(timeout)
        .pool_max_idle_per_host(64)
        .danger_accept_invalid_certs(tls.insecure);
    if let Some(path) = &tls.ca {
        let bad = |why: String| {
            crate::Error::usage(format!("--forward-ca {}: {why}", path.display())).with_hint(
                "give a PEM file with the certificate that issued the app's, e.g. \"$(mkcert -CAROOT)/rootCA.pem\", or the app's self-signed certificate",
            )
        };
        let pem = crate::error::read_file(path)?;
        let certs = reqwest::Certificate::from_pem_bundle(&pem)
            .map_err(|e| bad(format!("not a PEM certificate ({e})")))?;
        if certs.is_empty() {
            return Err(bad("no PEM certificate in it".into()));
        }
        for cert in certs {
            builder = builder.add_root_certificate(cert);
        }
    }
    builder
        .build()
        .map_err(|e| crate::Error::usage(format!("cannot set up the https client: {}", chain(&e))))
}

/// Parses `--forward-header 'Name: value'`. Framing and connection fields
/// are refused: the hop derives them from the body it sends
/// ([`crate::hop`]), so an override would make the request lie about its
/// length. Errors show the input escaped, since it may hold CR, LF or
/// escape sequences.
pub fn parse_header(raw: &str, flag: &str) -> crate::Result<(http::HeaderName, http::HeaderValue)> {
    let shown = raw.escape_debug();
    let bad = |why: String| {
        crate::Error::usage(format!("{flag} '{shown}': {why}")).with_hint(format!(
            "write {flag} 'Name: value', e.g. {flag} 'Authorization: Bearer dev'"
        ))
    };
    let (name, value) = raw
        .split_once(':')
        .ok_or_else(|| bad("no ':' between the name and the value".into()))?;
    let name = http::HeaderName::from_bytes(name.trim().as_bytes()).map_err(|_| {
        bad(format!(
            "'{}' is not a valid header name",
            name.trim().escape_debug()
        ))
    })?;
    let value = http::HeaderValue::from_str(value.trim()).map_err(|_| {
        bad("the value holds a character a header cannot carry (CR, LF or another control character)".into())
    })?;
    let framing = crate::hop::is_hop_by_hop(name.as_str().as_bytes())
        || crate::hop::is_framing(name.as_str().as_bytes());
    if framing {
        return Err(bad(format!(
            "{name} describes the connection or the body's framing, which hooks derives itself"
        )));
    }
    Ok((name, value))
}

impl Forwarder {
    /// Forwards as a proxy hop (the listener).
    pub fn new(timeout: Duration) -> Forwarder {
        Forwarder {
            as_proxy: true,
            ..Forwarder::direct(timeout)
        }
    }

    /// Sends the delivery's headers as they are (replay).
    pub fn direct(timeout: Duration) -> Forwarder {
        let client = https_client(timeout, &Tls::default())
            .expect("the HTTP client builds with static settings");
        let mut connector = hyper_util::client::legacy::connect::HttpConnector::new();
        connector.set_nodelay(true);
        connector.set_connect_timeout(Some(timeout));
        let plain =
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .pool_max_idle_per_host(64)
                .build(connector);
        Forwarder {
            plain,
            client,
            timeout,
            as_proxy: false,
            extra: Vec::new(),
            untrusted_hint: None,
        }
    }

    /// Trusts https apps' certificates as `tls` says.
    pub fn with_tls(mut self, tls: &Tls) -> crate::Result<Forwarder> {
        self.client = https_client(self.timeout, tls)?;
        self.untrusted_hint = Some(
            "trust its CA with --forward-ca FILE (mkcert: \"$(mkcert -CAROOT)/rootCA.pem\"), or skip the check with --forward-insecure",
        );
        Ok(self)
    }

    /// Sets `headers` (from [`parse_header`]) on every request; several
    /// with one name are all sent.
    pub fn with_headers(
        mut self,
        headers: Vec<(http::HeaderName, http::HeaderValue)>,
    ) -> Forwarder {
        self.extra = headers;
        self
    }

    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Sends `delivery` to `url`, a target [`target_url`] built (passed to
    /// the app byte for byte over plain http).
    pub async fn send(&self, delivery: &Delivery, url: &str) -> Forwarded {
        let method =
            http::Method::from_bytes(delivery.method.as_bytes()).unwrap_or(http::Method::POST);
        let hop = crate::hop::HopFields::of(
            delivery
                .headers
                .iter()
                .map(|(n, v)| (n.as_bytes(), v.as_slice())),
        );
        // A proxy hop sets the forwarding fields anew; a replay or an
        // earlier hop's (the relay's) pass as they are.
        let forwarding = delivery.forwarding.as_ref().filter(|_| self.as_proxy);
        let mut headers = http::HeaderMap::new();
        for (name, value) in &delivery.headers {
            if hop.drops(name.as_bytes())
                || name.eq_ignore_ascii_case("host")
                || (forwarding.is_some() && crate::hop::is_forwarding(name.as_bytes()))
            {
                continue;
            }
            if let (Ok(n), Ok(v)) = (
                http::HeaderName::from_bytes(name.as_bytes()),
                http::HeaderValue::from_bytes(value),
            ) {
                headers.append(n, v);
            }
        }
        for (name, value) in forwarding.iter().flat_map(|f| f.fields()) {
            if let Ok(v) = http::HeaderValue::from_bytes(value) {
                headers.insert(http::HeaderName::from_static(name), v);
            }
        }
        let mut replaced = std::collections::HashSet::new();
        for (name, value) in &self.extra {
            if replaced.insert(name) {
                headers.remove(name);
            }
            headers.append(name.clone(), value.clone());
        }
        let started = Instant::now();
        if url.starts_with("http://") {
            return self
                .send_plain(method, headers, delivery, url, started)
                .await;
        }
        let url = match reqwest::Url::parse(url) {
            Ok(url) => url,
            Err(e) => {
                return Forwarded::Refused {
                    error: format!("invalid target URL: {e}"),
                    latency: started.elapsed(),
                }
            }
        };
        let result = self
            .client
            .request(method, url)
            .headers(headers)
            .body(delivery.body.clone())
            .send()
            .await;
        let response = match result {
            Ok(r) => r,
            Err(e) => return self.failure(&e, started.elapsed()),
        };
        let status = response.status().as_u16();
        if let Err(error) = check_answer(status, response.headers()) {
            return Forwarded::Refused {
                error,
                latency: started.elapsed(),
            };
        }
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
            .collect();
        match response.bytes().await {
            Ok(body) => Forwarded::Answered {
                status,
                headers,
                body,
                latency: started.elapsed(),
            },
            Err(e) => self.failure(&e, started.elapsed()),
        }
    }
}

impl Forwarder {
    async fn send_plain(
        &self,
        method: http::Method,
        headers: http::HeaderMap,
        delivery: &Delivery,
        url: &str,
        started: Instant,
    ) -> Forwarded {
        use http_body_util::BodyExt;
        let uri: http::Uri = match url.parse() {
            Ok(u) => u,
            Err(e) => {
                return Forwarded::Refused {
                    error: format!("invalid target URL: {e}"),
                    latency: started.elapsed(),
                }
            }
        };
        let mut request = http::Request::new(http_body_util::Full::new(delivery.body.clone()));
        *request.method_mut() = method;
        *request.uri_mut() = uri;
        *request.headers_mut() = headers;
        let exchange = async {
            let response = self.plain.request(request).await.map_err(|e| chain(&e))?;
            check_answer(response.status().as_u16(), response.headers())?;
            let (parts, body) = response.into_parts();
            let body = body.collect().await.map_err(|e| chain(&e))?.to_bytes();
            Ok::<_, String>((parts, body))
        };
        match tokio::time::timeout(self.timeout, exchange).await {
            Err(_) => Forwarded::TimedOut {
                latency: started.elapsed(),
            },
            Ok(Err(error)) => Forwarded::Refused {
                error,
                latency: started.elapsed(),
            },
            Ok(Ok((parts, body))) => Forwarded::Answered {
                status: parts.status.as_u16(),
                headers: parts
                    .headers
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
                    .collect(),
                body,
                latency: started.elapsed(),
            },
        }
    }
}

/// The innermost cause of an error, which says what happened (e.g.
/// "Connection refused").
fn chain(e: &dyn std::error::Error) -> String {
    let mut detail = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        detail = s.to_string();
        source = s.source();
    }
    detail
}

impl Forwarder {
    fn failure(&self, e: &reqwest::Error, latency: Duration) -> Forwarded {
        if e.is_timeout() {
            return Forwarded::TimedOut { latency };
        }
        let detail = chain(e);
        // rustls says only what it refused ("invalid peer certificate:
        // UnknownIssuer"); the fix is one of two flags.
        if !detail.contains("certificate") {
            return Forwarded::Refused {
                error: detail,
                latency,
            };
        }
        let why = untrusted_reason(&detail);
        let error = match self.untrusted_hint {
            // A CA certificate served as the app's own is refused even
            // when trusted: only skipping the check helps.
            Some(_) if detail.contains("CaUsedAsEndEntity") => format!(
                "the app's TLS certificate is not trusted: {why}; serve a certificate the CA issued (e.g. `mkcert localhost`), or skip the check with --forward-insecure"
            ),
            Some(hint) => format!("the app's TLS certificate is not trusted: {why}; {hint}"),
            None => format!("the app's TLS certificate is not trusted: {why}"),
        };
        Forwarded::Refused { error, latency }
    }
}

/// rustls's reason for refusing a certificate in words, its own text kept
/// in parentheses for searching.
fn untrusted_reason(detail: &str) -> String {
    let words = [
        (
            "UnknownIssuer",
            "it was issued by a CA hooks does not trust",
        ),
        (
            "CaUsedAsEndEntity",
            "the app serves a CA certificate as its own",
        ),
        ("NotValidForName", "it is not valid for this host name"),
        ("Expired", "it has expired"),
        ("NotValidYet", "it is not valid yet"),
    ]
    .iter()
    .find(|(code, _)| detail.contains(code));
    match words {
        Some((_, words)) => format!("{words} ({detail})"),
        None => detail.to_string(),
    }
}

/// An app's answer that cannot be passed on as it is, and so fails this
/// delivery alone (502): a 1xx as the final answer (the request asked for
/// no upgrade, hooks removed `Upgrade`), or a head whose framing is broken
/// (`Content-Length` beside `Transfer-Encoding`, or lengths that differ).
fn check_answer(status: u16, headers: &http::HeaderMap) -> Result<(), String> {
    if status < 200 {
        return Err(format!(
            "the app answered {status} to a request that asked for no upgrade"
        ));
    }
    crate::hop::declared_length(
        headers
            .iter()
            .map(|(n, v)| (n.as_str().as_bytes(), v.as_bytes())),
    )
    .map(|_| ())
    .map_err(|why| format!("the app's response head is broken: {why}"))
}

/// The URL a delivery goes to: the target's path when the delivery came to
/// the root, else the target's path followed by the delivery's path (after
/// the `--path` prefix); the delivery's query is kept. The delivery's part
/// is copied byte for byte, never normalised or re-encoded; under a prefix
/// (the target's path or `--path`), a part that would climb above it
/// ([`crate::hop::climbs`]) is refused with the reason.
pub fn target_url(
    target: &reqwest::Url,
    delivery_path: &str,
    prefix: &str,
) -> Result<String, String> {
    let (path, query) = match delivery_path.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (delivery_path, None),
    };
    let prefix = prefix.trim_end_matches('/');
    let rest = path.strip_prefix(prefix).unwrap_or(path);
    let base = target.path().trim_end_matches('/');
    if !(base.is_empty() && prefix.is_empty()) && crate::hop::climbs(rest.as_bytes()) {
        let under = if base.is_empty() { prefix } else { base };
        return Err(format!(
            "the path {} would reach outside {under}",
            rest.escape_debug()
        ));
    }
    let mut url = format!(
        "{}://{}",
        target.scheme(),
        target.host_str().unwrap_or_default()
    );
    if let Some(port) = target.port() {
        url.push_str(&format!(":{port}"));
    }
    if rest.is_empty() || rest == "/" {
        url.push_str(target.path());
    } else {
        url.push_str(base);
        if !rest.starts_with('/') {
            url.push('/');
        }
        url.push_str(rest);
    }
    match (target.query(), query) {
        (Some(a), Some(b)) => url.push_str(&format!("?{a}&{b}")),
        (Some(a), None) => url.push_str(&format!("?{a}")),
        (None, Some(b)) => url.push_str(&format!("?{b}")),
        (None, None) => {}
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::target_url;

    #[test]
    fn joins_paths_and_keeps_queries() {
        let t = |target: &str, path: &str, prefix: &str| {
            target_url(&reqwest::Url::parse(target).unwrap(), path, prefix).unwrap()
        };
        assert_eq!(
            t("http://localhost:3000/", "/hooks?a=1", ""),
            "http://localhost:3000/hooks?a=1"
        );
        assert_eq!(
            t("http://localhost:3000/crm", "/", ""),
            "http://localhost:3000/crm"
        );
        assert_eq!(
            t("http://localhost:3000/crm", "/x/y?b=2", ""),
            "http://localhost:3000/crm/x/y?b=2"
        );
        assert_eq!(
            t("http://localhost:3000/", "/hooks/x", "/hooks"),
            "http://localhost:3000/x"
        );
        assert_eq!(
            t("http://localhost:3000/a?k=v", "/?b=2", ""),
            "http://localhost:3000/a?k=v&b=2"
        );
    }
}
