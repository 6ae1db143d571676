//! Forward step: the delivery's exact method, path, query, headers and body
//! bytes to the app, with Host rewritten and `X-Forwarded-*` added.

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
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .timeout(timeout)
            .pool_max_idle_per_host(64)
            .build()
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
        }
    }

    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    pub async fn send(&self, delivery: &Delivery, url: &reqwest::Url) -> Forwarded {
        let method =
            http::Method::from_bytes(delivery.method.as_bytes()).unwrap_or(http::Method::POST);
        let mut headers = http::HeaderMap::new();
        for (name, value) in &delivery.headers {
            if super::is_hop_by_hop(name) || (self.as_proxy && is_forwarding_header(name)) {
                continue;
            }
            if let (Ok(n), Ok(v)) = (
                http::HeaderName::from_bytes(name.as_bytes()),
                http::HeaderValue::from_bytes(value),
            ) {
                headers.append(n, v);
            }
        }
        if self.as_proxy {
            add_forwarding_headers(&mut headers, delivery);
        }
        let started = Instant::now();
        if url.scheme() == "http" {
            return self
                .send_plain(method, headers, delivery, url, started)
                .await;
        }
        let result = self
            .client
            .request(method, url.clone())
            .headers(headers)
            .body(delivery.body.clone())
            .send()
            .await;
        let response = match result {
            Ok(r) => r,
            Err(e) => return failure(&e, started.elapsed()),
        };
        let status = response.status().as_u16();
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
            Err(e) => failure(&e, started.elapsed()),
        }
    }
}

impl Forwarder {
    async fn send_plain(
        &self,
        method: http::Method,
        headers: http::HeaderMap,
        delivery: &Delivery,
        url: &reqwest::Url,
        started: Instant,
    ) -> Forwarded {
        use http_body_util::BodyExt;
        let uri: http::Uri = match url.as_str().parse() {
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

fn failure(e: &reqwest::Error, latency: Duration) -> Forwarded {
    if e.is_timeout() {
        return Forwarded::TimedOut { latency };
    }
    Forwarded::Refused {
        error: chain(e),
        latency,
    }
}

fn is_forwarding_header(name: &str) -> bool {
    ["x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"]
        .iter()
        .any(|h| h.eq_ignore_ascii_case(name))
}

/// `X-Forwarded-For` extends what earlier proxies (the relay) said; Proto
/// and Host keep an earlier proxy's value, else describe this hop.
/// Earlier values are copied as they are, without going through a `String`.
fn add_forwarding_headers(headers: &mut http::HeaderMap, delivery: &Delivery) {
    use http::header::HeaderValue;
    let earlier = |name: &str| delivery.header(name).map(<[u8]>::to_vec);
    let ip = delivery.remote.as_deref().map(|r| {
        r.parse::<std::net::SocketAddr>()
            .map(|a| a.ip().to_string().into_bytes())
            .unwrap_or_else(|_| r.as_bytes().to_vec())
    });
    let xff = match (earlier("x-forwarded-for"), ip) {
        (Some(mut e), Some(ip)) => {
            e.extend_from_slice(b", ");
            e.extend_from_slice(&ip);
            Some(e)
        }
        (Some(e), None) => Some(e),
        (None, ip) => ip,
    };
    let value = |bytes: Option<Vec<u8>>| bytes.and_then(|v| HeaderValue::from_bytes(&v).ok());
    let proto = value(earlier("x-forwarded-proto")).or(Some(HeaderValue::from_static("http")));
    let host = value(earlier("x-forwarded-host").or_else(|| earlier("host")));
    for (name, value) in [
        (
            http::header::HeaderName::from_static("x-forwarded-for"),
            value(xff),
        ),
        (
            http::header::HeaderName::from_static("x-forwarded-proto"),
            proto,
        ),
        (
            http::header::HeaderName::from_static("x-forwarded-host"),
            host,
        ),
    ] {
        if let Some(v) = value {
            headers.insert(name, v);
        }
    }
}

/// The URL a delivery goes to: the target's path when the delivery came to
/// the root, else the target's path followed by the delivery's path (after
/// the `--path` prefix); the delivery's query is kept.
pub fn target_url(target: &reqwest::Url, delivery_path: &str, prefix: &str) -> reqwest::Url {
    let (path, query) = match delivery_path.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (delivery_path, None),
    };
    let rest = path
        .strip_prefix(prefix.trim_end_matches('/'))
        .unwrap_or(path);
    let mut url = target.clone();
    if !(rest.is_empty() || rest == "/") {
        let base = target.path().trim_end_matches('/');
        let joined = format!(
            "{base}{}",
            if rest.starts_with('/') {
                rest.to_string()
            } else {
                format!("/{rest}")
            }
        );
        url.set_path(&joined);
    }
    let query = match (target.query(), query) {
        (Some(a), Some(b)) => Some(format!("{a}&{b}")),
        (Some(a), None) => Some(a.to_string()),
        (None, Some(b)) => Some(b.to_string()),
        (None, None) => None,
    };
    url.set_query(query.as_deref());
    url
}

#[cfg(test)]
mod tests {
    use super::target_url;

    #[test]
    fn joins_paths_and_keeps_queries() {
        let t = |target: &str, path: &str, prefix: &str| {
            target_url(&reqwest::Url::parse(target).unwrap(), path, prefix).to_string()
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
