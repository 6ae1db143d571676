//! The inspector's HTTP server: the page, its assets, the JSON API and the
//! live event stream, behind the DNS-rebinding and CSRF guards.

use super::api::{self, ApiError, Filter};
use super::Inspector;
use crate::{Error, Result};
use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::{Method, Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;
use subtle::ConstantTimeEq;
use tokio::net::TcpListener;
use tokio::sync::broadcast::error::RecvError;

type Body = BoxBody<Bytes, Infallible>;

const INDEX: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const APP_CSS: &str = include_str!("assets/app.css");
/// The header that carries the page's session token on replays.
pub const TOKEN_HEADER: &str = "x-hooks-token";
/// The largest replay request body (an edited delivery body, as JSON).
const MAX_REQUEST_BODY: usize = 64 << 20;
/// Comment lines on the event stream keep proxies and browsers from
/// timing it out.
const KEEPALIVE: Duration = Duration::from_secs(15);
/// How often `hooks inspect` looks for deliveries another process recorded.
const POLL: Duration = Duration::from_millis(500);

pub async fn bind(addr: &str) -> Result<TcpListener> {
    TcpListener::bind(addr).await.map_err(|e| {
        Error::usage(format!("cannot serve the inspector on {addr}: {e}"))
            .with_hint("pick another address (port 0 picks a free one)")
    })
}

/// Serves the inspector until the process ends.
pub async fn serve(tcp: TcpListener, inspector: Arc<Inspector>) {
    let port = tcp.local_addr().map(|a| a.port()).unwrap_or(0);
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(crate::listener::HEADER_READ_TIMEOUT);
    loop {
        let Ok((stream, _)) = tcp.accept().await else {
            tokio::time::sleep(Duration::from_millis(20)).await;
            continue;
        };
        let inspector = inspector.clone();
        let service = hyper::service::service_fn(move |req| {
            let inspector = inspector.clone();
            async move { Ok::<_, Infallible>(handle(req, port, &inspector).await) }
        });
        let conn = builder.serve_connection(TokioIo::new(stream), service);
        tokio::spawn(async move {
            let _ = conn.await;
        });
    }
}

/// Sends the ids of deliveries that another process records to the live
/// page (`hooks inspect` has no pipeline of its own that sees them).
pub async fn follow_store(inspector: Arc<Inspector>) {
    let queries = inspector.queries.clone();
    let mut seen: Option<(i64, i64)> = None;
    loop {
        let q = queries.clone();
        if let Ok(Ok((max, version))) = tokio::task::spawn_blocking(move || q.watermark()).await {
            if let Some((last_max, last_version)) = seen {
                if version != last_version || max != last_max {
                    // New deliveries, and updates (a finished forward) to
                    // the newest ones.
                    for id in (last_max - 20).max(1)..=max {
                        let _ = inspector.changes.send(id);
                    }
                }
            }
            seen = Some((max, version));
        }
        tokio::time::sleep(POLL).await;
    }
}

async fn handle(req: Request<Incoming>, port: u16, ins: &Inspector) -> Response<Body> {
    if let Err(refused) = check_origin(&req, port) {
        return error(&refused);
    }
    let path = req.uri().path().to_string();
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let method = req.method().clone();
    match (&method, segments.as_slice()) {
        (&Method::GET, [""]) => page(ins),
        (&Method::GET, ["app.js"]) => asset(APP_JS, "text/javascript; charset=utf-8"),
        (&Method::GET, ["app.css"]) => asset(APP_CSS, "text/css; charset=utf-8"),
        (&Method::GET, ["api", "deliveries"]) => {
            let query = req.uri().query().unwrap_or("").to_string();
            let queries = ins.queries.clone();
            let listed = match Filter::parse(&query) {
                Ok(filter) => blocking(move || queries.list(&filter)).await,
                Err(e) => Err(e),
            };
            json_result(listed)
        }
        (&Method::GET, ["api", "deliveries", id]) => match parse_id(id) {
            Ok(id) => {
                let show = show_secrets(req.uri().query().unwrap_or(""));
                json_result(delivery(ins, id, show).await)
            }
            Err(e) => error(&e),
        },
        (&Method::GET, ["api", "deliveries", id, "body"]) => match parse_id(id) {
            Ok(id) => raw_body(ins, id).await,
            Err(e) => error(&e),
        },
        (&Method::POST, ["api", "deliveries", id, "replay"]) => {
            let id = match parse_id(id) {
                Ok(id) => id,
                Err(e) => return error(&e),
            };
            json_result(replay(req, ins, id).await)
        }
        (&Method::GET, ["api", "events"]) => events(ins),
        (_, ["api", "deliveries", _, "replay"]) => error(&ApiError::new(
            405,
            "replay takes POST, with the page's token in the X-Hooks-Token header",
        )),
        (m, _) if m != Method::GET => {
            error(&ApiError::new(405, format!("{m} is not allowed here")))
        }
        _ => error(&ApiError::new(404, format!("nothing at {path}"))),
    }
}

/// DNS-rebinding protection: a page on another site that resolves its own
/// name to 127.0.0.1 still sends its own name as Host. Only IP literals and
/// `localhost` on the inspector's port are accepted; a browser's Origin,
/// when present, must be one of those too.
pub fn check_origin<B>(req: &Request<B>, port: u16) -> std::result::Result<(), ApiError> {
    let host = req
        .headers()
        .get(http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !own_host(host, port) {
        return Err(ApiError::new(
            403,
            format!("refused: Host {host:?} is not this inspector's address"),
        ));
    }
    if let Some(origin) = req.headers().get(http::header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("");
        let ok = origin
            .strip_prefix("http://")
            .is_some_and(|rest| own_host(rest, port));
        if !ok {
            return Err(ApiError::new(
                403,
                format!("refused: Origin {origin:?} is not this inspector's page"),
            ));
        }
    }
    Ok(())
}

fn own_host(host: &str, port: u16) -> bool {
    let Some((name, p)) = host.rsplit_once(':') else {
        return false;
    };
    if p.parse::<u16>().ok() != Some(port) {
        return false;
    }
    let name = name
        .strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .unwrap_or(name);
    name.eq_ignore_ascii_case("localhost") || name.parse::<IpAddr>().is_ok()
}

fn parse_id(raw: &str) -> std::result::Result<i64, ApiError> {
    raw.parse()
        .map_err(|_| ApiError::new(400, format!("{raw:?} is not a delivery id")))
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> std::result::Result<T, ApiError> + Send + 'static,
) -> std::result::Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::new(500, e.to_string()))?
}

/// `?show_secrets=1` (or `true`): header values are not masked.
fn show_secrets(query: &str) -> bool {
    form_urlencoded::parse(query.as_bytes())
        .any(|(k, v)| k == "show_secrets" && (v == "1" || v == "true"))
}

async fn delivery(
    ins: &Inspector,
    id: i64,
    show_secrets: bool,
) -> std::result::Result<serde_json::Value, ApiError> {
    let store = ins.store.clone();
    let record = blocking(move || store.get(id).map_err(ApiError::from))
        .await?
        .ok_or_else(|| api::not_found(id))?;
    api::detail(ins, &record, show_secrets)
}

async fn raw_body(ins: &Inspector, id: i64) -> Response<Body> {
    let store = ins.store.clone();
    match blocking(move || store.get(id).map_err(ApiError::from)).await {
        Ok(Some(record)) => {
            let mut r = response(200, Full::new(record.delivery.body).boxed());
            r.headers_mut().insert(
                http::header::CONTENT_TYPE,
                http::HeaderValue::from_static("application/octet-stream"),
            );
            if let Ok(v) =
                http::HeaderValue::from_str(&format!("attachment; filename=\"delivery-{id}.bin\""))
            {
                r.headers_mut().insert(http::header::CONTENT_DISPOSITION, v);
            }
            r
        }
        Ok(None) => error(&api::not_found(id)),
        Err(e) => error(&e),
    }
}

async fn replay(
    req: Request<Incoming>,
    ins: &Inspector,
    id: i64,
) -> std::result::Result<serde_json::Value, ApiError> {
    let given = req
        .headers()
        .get(TOKEN_HEADER)
        .map(|v| v.as_bytes().to_vec())
        .unwrap_or_default();
    if !bool::from(given.ct_eq(ins.token.as_bytes())) {
        return Err(ApiError {
            status: 403,
            message: "refused: replay needs this inspector session's token in the X-Hooks-Token header".into(),
            hint: Some("use the Replay button on the page, or read the token from the page's hooks-token meta tag".into()),
        });
    }
    let body = Limited::new(req.into_body(), MAX_REQUEST_BODY)
        .collect()
        .await
        .map_err(|e| ApiError::new(413, format!("cannot read the replay request: {e}")))?
        .to_bytes();
    let edits = if body.iter().all(u8::is_ascii_whitespace) {
        api::Edits::default()
    } else {
        serde_json::from_slice(&body)
            .map_err(|e| ApiError::new(400, format!("the replay request is not valid JSON: {e}")))?
    };
    api::replay(ins, id, edits).await
}

/// Server-sent events: `delivery` with a summary each time one is recorded
/// or finished, `reset` when this client fell behind and should reload.
fn events(ins: &Inspector) -> Response<Body> {
    let (mut tx, body) = http_body_util::channel::Channel::<Bytes, Infallible>::new(32);
    let mut changes = ins.changes.subscribe();
    let queries = ins.queries.clone();
    tokio::spawn(async move {
        if tx
            .send_data(Bytes::from_static(b"retry: 2000\n: connected\n\n"))
            .await
            .is_err()
        {
            return;
        }
        loop {
            let message = tokio::select! {
                change = changes.recv() => match change {
                    Ok(id) => {
                        let q = queries.clone();
                        match blocking(move || q.summary(id)).await {
                            Ok(Some(s)) => format!("event: delivery\ndata: {s}\n\n"),
                            _ => continue,
                        }
                    }
                    Err(RecvError::Lagged(_)) => "event: reset\ndata: {}\n\n".to_string(),
                    Err(RecvError::Closed) => return,
                },
                _ = tokio::time::sleep(KEEPALIVE) => ": keepalive\n\n".to_string(),
            };
            if tx.send_data(Bytes::from(message)).await.is_err() {
                return;
            }
        }
    });
    let mut r = response(200, body.boxed());
    let h = r.headers_mut();
    h.insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("text/event-stream"),
    );
    h.insert(
        http::header::CACHE_CONTROL,
        http::HeaderValue::from_static("no-store"),
    );
    r
}

fn page(ins: &Inspector) -> Response<Body> {
    // The token is hex, so it needs no escaping in the attribute.
    let html = INDEX
        .replace("{{TOKEN}}", &ins.token)
        .replace("{{VERSION}}", env!("CARGO_PKG_VERSION"));
    let mut r = response(200, Full::new(Bytes::from(html)).boxed());
    let h = r.headers_mut();
    h.insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(
        http::header::CACHE_CONTROL,
        http::HeaderValue::from_static("no-store"),
    );
    r
}

fn asset(text: &'static str, content_type: &'static str) -> Response<Body> {
    let mut r = response(200, Full::new(Bytes::from_static(text.as_bytes())).boxed());
    r.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static(content_type),
    );
    r
}

fn json_result(result: std::result::Result<serde_json::Value, ApiError>) -> Response<Body> {
    match result {
        Ok(v) => json_response(200, &v),
        Err(e) => error(&e),
    }
}

fn error(e: &ApiError) -> Response<Body> {
    json_response(e.status, &e.json())
}

fn json_response(status: u16, value: &serde_json::Value) -> Response<Body> {
    let mut r = response(status, Full::new(Bytes::from(value.to_string())).boxed());
    let h = r.headers_mut();
    h.insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    h.insert(
        http::header::CACHE_CONTROL,
        http::HeaderValue::from_static("no-store"),
    );
    r
}

/// Every response forbids framing, sniffing and any script or style not
/// served by the inspector itself.
fn response(status: u16, body: Body) -> Response<Body> {
    let mut r = Response::new(body);
    *r.status_mut() =
        http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    let h = r.headers_mut();
    h.insert(
        http::header::CONTENT_SECURITY_POLICY,
        http::HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        http::header::X_CONTENT_TYPE_OPTIONS,
        http::HeaderValue::from_static("nosniff"),
    );
    h.insert(
        http::header::X_FRAME_OPTIONS,
        http::HeaderValue::from_static("DENY"),
    );
    h.insert(
        http::header::REFERRER_POLICY,
        http::HeaderValue::from_static("no-referrer"),
    );
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(host: &str, origin: Option<&str>) -> Request<()> {
        let mut b = Request::builder().uri("/").header("host", host);
        if let Some(o) = origin {
            b = b.header("origin", o);
        }
        b.body(()).unwrap()
    }

    #[test]
    fn only_own_hosts_and_origins_pass() {
        assert!(check_origin(&request("127.0.0.1:4040", None), 4040).is_ok());
        assert!(check_origin(
            &request("localhost:4040", Some("http://localhost:4040")),
            4040
        )
        .is_ok());
        assert!(check_origin(&request("[::1]:4040", None), 4040).is_ok());
        assert!(check_origin(&request("evil.example:4040", None), 4040).is_err());
        assert!(check_origin(&request("127.0.0.1:4041", None), 4040).is_err());
        assert!(check_origin(&request("127.0.0.1", None), 4040).is_err());
        assert!(check_origin(
            &request("127.0.0.1:4040", Some("http://evil.example")),
            4040
        )
        .is_err());
        assert!(check_origin(&request("127.0.0.1:4040", Some("null")), 4040).is_err());
        assert!(check_origin(
            &request("127.0.0.1:4040", Some("https://127.0.0.1:4040")),
            4040
        )
        .is_err());
    }
}
