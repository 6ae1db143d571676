//! The inspector's HTTP server: the page, its assets, the JSON API and the
//! live event stream, behind the DNS-rebinding and CSRF guards.

use super::api::{self, ApiError, Filter};
use super::Inspector;
use crate::routing::{self, Guard, RawPath};
use crate::{Error, Result};
use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, FromRequestParts, Path, RawQuery, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::{Extension, Router};
use futures_util::stream::{self, Stream, StreamExt};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::convert::Infallible;
use std::error::Error as _;
use std::sync::Arc;
use std::time::Duration;
use subtle::ConstantTimeEq;
use tokio::net::TcpListener;
use tokio::sync::broadcast::error::RecvError;
use tower::ServiceBuilder;
use tower_http::set_header::SetResponseHeaderLayer;

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
/// Every response forbids framing, sniffing and any script or style not
/// served by the inspector itself.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

pub async fn bind(addr: &str) -> Result<TcpListener> {
    crate::tcp::listen(addr).await.map_err(|e| {
        Error::usage(format!("cannot serve the inspector on {addr}: {e}"))
            .with_hint("pick another address (port 0 picks a free one)")
    })
}

/// Serves the inspector until the process ends.
pub async fn serve(tcp: TcpListener, inspector: Arc<Inspector>) {
    let port = tcp.local_addr().map(|a| a.port()).unwrap_or(0);
    let guard = Guard {
        port,
        refuse: |why| ApiError::new(403, why).into_response(),
    };
    let header =
        |name, value| SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value));
    let service = ServiceBuilder::new()
        .layer(header(header::CONTENT_SECURITY_POLICY, CSP))
        .layer(header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header(header::X_FRAME_OPTIONS, "DENY"))
        .layer(header(header::REFERRER_POLICY, "no-referrer"))
        .service(routing::guarded(router(inspector, port), guard));
    let service = TowerToHyperService::new(service);
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(crate::listener::HEADER_READ_TIMEOUT);
    loop {
        let Ok((stream, _)) = tcp.accept().await else {
            tokio::time::sleep(Duration::from_millis(20)).await;
            continue;
        };
        let conn = builder.serve_connection(TokioIo::new(stream), service.clone());
        tokio::spawn(async move {
            let _ = conn.await;
        });
    }
}

/// The page, its assets, the JSON API (docs/inspector.md) and the event
/// stream, all behind [`owner_only`]. A GET route refuses HEAD and every
/// other method with 405.
fn router(inspector: Arc<Inspector>, port: u16) -> Router {
    let owner = Owner {
        token: inspector.token.clone(),
        cookie: format!("hooks_token_{port}"),
    };
    Router::new()
        .route("/", only(get(page)))
        .route(
            "/app.js",
            only(get(|| async {
                asset(APP_JS, "text/javascript; charset=utf-8")
            })),
        )
        .route(
            "/app.css",
            only(get(|| async { asset(APP_CSS, "text/css; charset=utf-8") })),
        )
        .route("/api/deliveries", only(get(list)))
        .route("/api/deliveries/{id}", only(get(delivery)))
        .route("/api/deliveries/{id}/body", only(get(raw_body)))
        .route(
            "/api/deliveries/{id}/replay",
            post(replay)
                .head(replay_is_post)
                .fallback(replay_is_post)
                .layer(DefaultBodyLimit::max(MAX_REQUEST_BODY)),
        )
        .route("/api/events", only(get(events)))
        .fallback(nothing_here)
        .layer(middleware::from_fn_with_state(owner, owner_only))
        .with_state(inspector)
}

/// What proves a request comes from whoever started this inspector: the
/// run's token, and the name of the cookie that keeps it. The name carries
/// the port because browsers share cookies between the ports of a host,
/// and two inspectors must not overwrite each other's.
#[derive(Clone)]
struct Owner {
    token: String,
    cookie: String,
}

impl Owner {
    fn matches(&self, given: &str) -> bool {
        bool::from(given.as_bytes().ct_eq(self.token.as_bytes()))
    }

    /// The token from the `token` query parameter (the URL hooks printed).
    fn in_query(&self, req: &Request) -> bool {
        req.uri().query().is_some_and(|q| {
            form_urlencoded::parse(q.as_bytes()).any(|(k, v)| k == "token" && self.matches(&v))
        })
    }

    /// The token from this inspector's cookie.
    fn in_cookie(&self, req: &Request) -> bool {
        req.headers()
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .any(|(name, value)| name == self.cookie && self.matches(value))
    }
}

/// The inspector answers only its owner: anyone on the machine can connect
/// to 127.0.0.1, and what it shows (secrets) and does (replay) is the
/// developer's. A request needs this run's token, in the cookie the first
/// visit set or as `?token=` (the printed URL; scripts may pass it on any
/// request); anything else is 403. Opening the page with the token sets the
/// cookie (HttpOnly: no script reads it; SameSite=Strict: no other site's
/// page sends it) and redirects to `/`, so the token leaves the address bar.
async fn owner_only(State(owner): State<Owner>, req: Request, next: Next) -> Response {
    if owner.in_query(&req) {
        if req.method() == Method::GET && req.uri().path() == "/" {
            let cookie = format!(
                "{}={}; Path=/; HttpOnly; SameSite=Strict",
                owner.cookie, owner.token
            );
            return (
                StatusCode::SEE_OTHER,
                [
                    (header::SET_COOKIE, cookie),
                    (header::LOCATION, "/".to_string()),
                    (header::CACHE_CONTROL, "no-store".to_string()),
                ],
            )
                .into_response();
        }
        return next.run(req).await;
    }
    if owner.in_cookie(&req) {
        return next.run(req).await;
    }
    ApiError {
        status: 403,
        message: "refused: this inspector answers only the user who started it".into(),
        hint: Some("open the URL hooks printed (http://127.0.0.1:PORT/?token=…); a restarted inspector has a new token".into()),
    }
    .into_response()
}

fn only(route: MethodRouter<Arc<Inspector>>) -> MethodRouter<Arc<Inspector>> {
    route.head(not_allowed).fallback(not_allowed)
}

async fn not_allowed(method: Method) -> ApiError {
    ApiError::new(405, format!("{method} is not allowed here"))
}

async fn replay_is_post() -> ApiError {
    ApiError::new(
        405,
        "replay takes POST, with the page's token in the X-Hooks-Token header",
    )
}

async fn nothing_here(method: Method, Extension(RawPath(path)): Extension<RawPath>) -> ApiError {
    if method == Method::GET {
        ApiError::new(404, format!("nothing at {path}"))
    } else {
        ApiError::new(405, format!("{method} is not allowed here"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        json_response(self.status, &self.json())
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

/// A delivery id from the path; anything else is a 400.
struct DeliveryId(i64);

impl<S: Send + Sync> FromRequestParts<S> for DeliveryId {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &S,
    ) -> std::result::Result<Self, ApiError> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|e| ApiError::new(400, e.body_text()))?;
        parse_id(&raw).map(DeliveryId)
    }
}

fn parse_id(raw: &str) -> std::result::Result<i64, ApiError> {
    raw.parse()
        .map_err(|_| ApiError::new(400, format!("{raw:?} is not a delivery id")))
}

/// This inspector session's token in the X-Hooks-Token header (what the
/// page sends with replays), checked before the body is read.
struct SessionToken;

impl FromRequestParts<Arc<Inspector>> for SessionToken {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        ins: &Arc<Inspector>,
    ) -> std::result::Result<Self, ApiError> {
        let given = parts
            .headers
            .get(TOKEN_HEADER)
            .map(|v| v.as_bytes())
            .unwrap_or_default();
        if bool::from(given.ct_eq(ins.token.as_bytes())) {
            return Ok(SessionToken);
        }
        Err(ApiError {
            status: 403,
            message: "refused: replay needs this inspector session's token in the X-Hooks-Token header".into(),
            hint: Some("use the Replay button on the page, or read the token from the page's hooks-token meta tag".into()),
        })
    }
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

async fn list(
    State(ins): State<Arc<Inspector>>,
    RawQuery(query): RawQuery,
) -> std::result::Result<Response, ApiError> {
    let filter = Filter::parse(query.as_deref().unwrap_or(""))?;
    let queries = ins.queries.clone();
    let page = blocking(move || queries.list(&filter)).await?;
    Ok(json_response(200, &page))
}

async fn delivery(
    State(ins): State<Arc<Inspector>>,
    DeliveryId(id): DeliveryId,
    RawQuery(query): RawQuery,
) -> std::result::Result<Response, ApiError> {
    let show = show_secrets(query.as_deref().unwrap_or(""));
    let store = ins.store.clone();
    let record = blocking(move || store.get(id).map_err(ApiError::from))
        .await?
        .ok_or_else(|| api::not_found(id))?;
    Ok(json_response(200, &api::detail(&ins, &record, show)?))
}

async fn raw_body(
    State(ins): State<Arc<Inspector>>,
    DeliveryId(id): DeliveryId,
) -> std::result::Result<Response, ApiError> {
    let store = ins.store.clone();
    let record = blocking(move || store.get(id).map_err(ApiError::from))
        .await?
        .ok_or_else(|| api::not_found(id))?;
    let mut r = Response::new(Body::from(record.delivery.body));
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"delivery-{id}.bin\"")) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}

/// Extractors in order: the id (400), the token (403), then the body, at
/// most [`MAX_REQUEST_BODY`] (413).
async fn replay(
    State(ins): State<Arc<Inspector>>,
    DeliveryId(id): DeliveryId,
    _: SessionToken,
    body: std::result::Result<Bytes, BytesRejection>,
) -> std::result::Result<Response, ApiError> {
    let body = body.map_err(|e| {
        let cause = e
            .source()
            .map_or_else(|| e.to_string(), ToString::to_string);
        ApiError::new(413, format!("cannot read the replay request: {cause}"))
    })?;
    let edits = if body.iter().all(u8::is_ascii_whitespace) {
        api::Edits::default()
    } else {
        serde_json::from_slice(&body)
            .map_err(|e| ApiError::new(400, format!("the replay request is not valid JSON: {e}")))?
    };
    Ok(json_response(200, &api::replay(&ins, id, edits).await?))
}

/// Server-sent events: `delivery` with a summary each time one is recorded
/// or finished, `reset` when this client fell behind and should reload;
/// `retry: 2000` and `: connected` first, `: keepalive` after 15 s of
/// nothing.
async fn events(State(ins): State<Arc<Inspector>>) -> Response {
    let changes = ins.changes.subscribe();
    let queries = ins.queries.clone();
    let connected = Event::default()
        .retry(Duration::from_millis(2000))
        .comment("connected");
    let stream = stream::once(async { Ok(connected) }).chain(changed(changes, queries));
    (
        [(header::CACHE_CONTROL, "no-store")],
        Sse::new(stream).keep_alive(KeepAlive::new().interval(KEEPALIVE).text("keepalive")),
    )
        .into_response()
}

/// One event per change the pipeline announces; ends when it closes.
fn changed(
    changes: tokio::sync::broadcast::Receiver<i64>,
    queries: api::Queries,
) -> impl Stream<Item = std::result::Result<Event, Infallible>> {
    stream::unfold((changes, queries), |(mut changes, queries)| async move {
        loop {
            let event = match changes.recv().await {
                Ok(id) => {
                    let q = queries.clone();
                    match blocking(move || q.summary(id)).await {
                        Ok(Some(s)) => Event::default().event("delivery").data(s.to_string()),
                        _ => continue,
                    }
                }
                Err(RecvError::Lagged(_)) => Event::default().event("reset").data("{}"),
                Err(RecvError::Closed) => return None,
            };
            return Some((Ok(event), (changes, queries)));
        }
    })
}

async fn page(State(ins): State<Arc<Inspector>>) -> Response {
    // The token is hex, so it needs no escaping in the attribute.
    let html = INDEX
        .replace("{{TOKEN}}", &ins.token)
        .replace("{{VERSION}}", env!("CARGO_PKG_VERSION"));
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response()
}

fn asset(text: &'static str, content_type: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], text).into_response()
}

fn json_response(status: u16, value: &serde_json::Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        value.to_string(),
    )
        .into_response()
}
