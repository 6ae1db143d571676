//! The emulator's HTTP API: one router for the provider's own management API
//! where it has one (webwork.rs: WebWork v1 and v2; awork.rs) and the
//! emulator's API for every provider under `/_emulator` (emulator.rs), with
//! one error shape and the helpers they share. Shapes:
//! docs/management-api-shapes.md and docs/emulate.md.

mod awork;
mod emulator;
mod webwork;

use super::engine::{self, now_ms, rfc3339_ms, Engine};
use super::store::{State, Store, StoredEvent, Target, Webhook, WebhookInput};
use crate::fixtures::Catalog;
use crate::payload::Override;
use crate::providers::{Management, Provider};
use crate::routing::{self, Guard};
use crate::{event, Error, Result};
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, RawPathParams, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::MethodRouter;
use axum::Router;
use base64::Engine as _;
use hyper::body::Incoming;
use serde_json::{json, Map, Value};
use std::convert::Infallible;
use std::error::Error as _;
use std::future::Future;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::SystemTime;

pub struct App {
    pub engine: Arc<Engine>,
    pub store: Arc<Store>,
    pub provider: Provider,
    pub catalog: Catalog,
    pub api_key: String,
}

type Reply = Response;
/// A handler's answer: the reply, or the error reply that cut it short.
type Answer = std::result::Result<Reply, Reply>;

fn reply(status: StatusCode, body: &Value) -> Reply {
    let bytes = serde_json::to_vec(body).expect("JSON serialises");
    (status, [(header::CONTENT_TYPE, "application/json")], bytes).into_response()
}

fn no_content() -> Reply {
    Response::builder()
        .status(StatusCode::NO_CONTENT)
        .body(Body::empty())
        .expect("a static response builds")
}

/// Which API a request is for: decides the error shape.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Api {
    WebWork,
    Awork,
    Emulator,
}

/// One API's words: its error shape and how it says a webhook is missing.
/// A type per API (and per WebWork version) names it in the extractors.
trait Shape: Send + Sync + 'static {
    const API: Api;

    fn not_found(id: &str) -> String;

    /// Whether a webhook that exists is visible to this request (a v2
    /// webhook of another workspace is not).
    fn visible(_w: &Webhook, _parts: &Parts) -> bool {
        true
    }
}

/// An API behind the emulator's API key.
trait Keyed: Shape {
    /// The refusal message.
    const UNAUTHORIZED: &'static str;
    /// The refusal status: the provider APIs answer as the provider does.
    const REFUSED: StatusCode = StatusCode::UNAUTHORIZED;

    fn authorized(headers: &HeaderMap, key: &str) -> bool;
}

fn fail(api: Api, status: StatusCode, message: &str) -> Reply {
    let body = match api {
        Api::WebWork => json!({ "success": false, "message": message }),
        Api::Awork => {
            let code = match status.as_u16() {
                400 => "validation-error",
                401 => "unauthorized",
                403 => "forbidden",
                404 => "not-found",
                _ => "error",
            };
            json!({ "code": code, "description": message })
        }
        Api::Emulator => json!({ "error": message }),
    };
    reply(status, &body)
}

fn internal(api: Api, e: &Error) -> Reply {
    match api {
        Api::Emulator => reply(StatusCode::INTERNAL_SERVER_ERROR, &engine::internal(e)),
        _ => fail(api, StatusCode::INTERNAL_SERVER_ERROR, &e.message),
    }
}

fn status_json(w: &Webhook) -> Value {
    json!({ "state": w.state.as_str(), "reason": w.reason, "failures": w.failures })
}

fn valid_url(url: &str) -> bool {
    reqwest::Url::parse(url)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
}

fn now_text() -> String {
    rfc3339_ms(now_ms())
}

/// The emulator's service on `port`: the routes for the provider's own
/// management API where it has one, `/_emulator` for every provider, a
/// 404 naming them for anything else. A foreign Host (a page elsewhere that
/// resolved its own name to 127.0.0.1: DNS rebinding) or a foreign Origin
/// (any cross-origin request from a browser, a `text/plain` POST included)
/// is refused first, as the inspector refuses them. Bodies have no size
/// limit (it is a local tool, and the trigger's `count` is bounded instead).
pub fn service(
    app: Arc<App>,
    port: u16,
) -> impl tower::Service<
    hyper::Request<Incoming>,
    Response = Response,
    Error = Infallible,
    Future = impl Future<Output = std::result::Result<Response, Infallible>> + Send,
> + Clone
       + Send
       + 'static {
    let mut router = Router::new().nest("/_emulator", emulator::routes(&app));
    match app.provider.management {
        Management::WebWork => {
            router = router
                .nest(
                    "/rest-api/v1/webhooks",
                    webwork::routes::<webwork::V1>(&app),
                )
                .nest("/api/v2/webhooks", webwork::routes::<webwork::V2>(&app));
        }
        Management::Awork => router = router.nest("/api/v1/webhooks", awork::routes(&app)),
        _ => {}
    }
    let router = router
        .fallback(no_route)
        .layer(DefaultBodyLimit::disable())
        .with_state(app);
    let guard = Guard {
        port,
        refuse: |why| {
            reply(
                StatusCode::FORBIDDEN,
                &json!({
                    "error": why,
                    "hint": "the emulator answers requests to 127.0.0.1, [::1] or localhost on its own port, and none from other sites' pages",
                }),
            )
        },
    };
    routing::guarded(router, guard)
}

async fn no_route(
    axum::extract::State(app): axum::extract::State<Arc<App>>,
    method: Method,
    uri: Uri,
) -> Reply {
    reply(
        StatusCode::NOT_FOUND,
        &json!({
            "error": format!("no route for {method} {}", uri.path()),
            "hint": routes_hint(app.provider.management),
        }),
    )
}

/// `route`, answering every other method (HEAD too, which axum would
/// otherwise send to a GET route) with `refuse`.
fn refusing<H, T>(route: MethodRouter<Arc<App>>, refuse: H) -> MethodRouter<Arc<App>>
where
    H: axum::handler::Handler<T, Arc<App>> + Clone,
    T: 'static,
{
    route.head(refuse.clone()).fallback(refuse)
}

/// Refuses requests without the API key in `A`'s words.
async fn authenticate<A: Keyed>(
    axum::extract::State(app): axum::extract::State<Arc<App>>,
    req: Request,
    next: Next,
) -> Reply {
    if A::authorized(req.headers(), &app.api_key) {
        next.run(req).await
    } else {
        fail(A::API, A::REFUSED, A::UNAUTHORIZED)
    }
}

/// The webhook the path's `{id}` names, or the API's 404.
struct Found<A>(Webhook, PhantomData<A>);

impl<A: Shape> FromRequestParts<Arc<App>> for Found<A> {
    type Rejection = Reply;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &Arc<App>,
    ) -> std::result::Result<Self, Reply> {
        let params = RawPathParams::from_request_parts(parts, app)
            .await
            .map_err(|e| fail(A::API, StatusCode::BAD_REQUEST, &e.body_text()))?;
        let id = params
            .iter()
            .find(|(name, _)| *name == "id")
            .map_or("", |(_, value)| value);
        match app.store.webhook(id).map_err(|e| internal(A::API, &e))? {
            Some(w) if A::visible(&w, parts) => Ok(Found(w, PhantomData)),
            _ => Err(fail(A::API, StatusCode::NOT_FOUND, &A::not_found(id))),
        }
    }
}

/// A request body as a JSON object (or, where allowed, a form).
struct Object<A>(Map<String, Value>, PhantomData<A>);

impl<A: Shape, S: Send + Sync> FromRequest<S> for Object<A> {
    type Rejection = Reply;

    async fn from_request(req: Request, state: &S) -> std::result::Result<Self, Reply> {
        read_object(req, state, A::API)
            .await
            .map(|map| Object(map, PhantomData))
    }
}

fn routes_hint(management: Management) -> String {
    let own = match management {
        Management::WebWork => "/rest-api/v1/webhooks, /api/v2/webhooks, ",
        Management::Awork => "/api/v1/webhooks, ",
        _ => "",
    };
    format!("this emulator answers {own}/_emulator/webhooks, /_emulator/events and /_emulator/deliveries")
}

fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Keys are compared in constant time: the key is what keeps other users
/// of the machine out of the emulator's API.
fn same_key(given: &str, key: &str) -> bool {
    use subtle::ConstantTimeEq;
    bool::from(given.as_bytes().ct_eq(key.as_bytes()))
}

fn bearer_ok(headers: &HeaderMap, key: &str) -> bool {
    header_text(headers, "authorization")
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|k| same_key(k.trim(), key))
}

/// HTTP Basic `email:api_key`: any e-mail, the configured key.
fn basic_auth_ok(headers: &HeaderMap, key: &str) -> bool {
    header_text(headers, "authorization")
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b| {
            base64::engine::general_purpose::STANDARD
                .decode(b.trim())
                .ok()
        })
        .and_then(|raw| String::from_utf8(raw).ok())
        .and_then(|text| text.split_once(':').map(|(_, k)| k.to_string()))
        .is_some_and(|k| same_key(&k, key))
}

/// Reads a JSON body (or, where allowed, a form) into an object.
async fn read_object<S: Send + Sync>(
    req: Request,
    state: &S,
    api: Api,
) -> std::result::Result<Map<String, Value>, Reply> {
    // Only WebWork documents form bodies; elsewhere a body is JSON whatever
    // the content type says (curl -d sends a form type).
    let form = api == Api::WebWork
        && header_text(req.headers(), "content-type")
            .is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"));
    let bytes = Bytes::from_request(req, state).await.map_err(|e| {
        let cause = e
            .source()
            .map_or_else(|| e.to_string(), ToString::to_string);
        fail(
            api,
            StatusCode::BAD_REQUEST,
            &format!("cannot read the body: {cause}"),
        )
    })?;
    if form {
        let mut map = Map::new();
        for (k, v) in form_urlencoded::parse(&bytes) {
            let key = k.trim_end_matches("[]").to_string();
            match map.get_mut(&key) {
                Some(Value::Array(items)) => items.push(json!(v)),
                _ if k.ends_with("[]") => {
                    map.insert(key, json!([v]));
                }
                _ => {
                    map.insert(key, json!(v));
                }
            }
        }
        return Ok(map);
    }
    if bytes.is_empty() {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(fail(
            api,
            StatusCode::BAD_REQUEST,
            "the body must be a JSON object",
        )),
        Err(e) => Err(fail(
            api,
            StatusCode::BAD_REQUEST,
            &format!("the body is not valid JSON: {e}"),
        )),
    }
}

/// A list of event names from a JSON array or a comma-separated string.
fn event_list(value: &Value) -> Option<Vec<String>> {
    match value {
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map(|s| s.trim().to_string()))
            .collect(),
        Value::String(s) => Some(
            s.split(',')
                .map(|e| e.trim().to_string())
                .filter(|e| !e.is_empty())
                .collect(),
        ),
        _ => None,
    }
}

/// A fresh secret in the format every scheme accepts.
pub fn generate_secret() -> String {
    let key: [u8; 24] = rand::random();
    format!(
        "whsec_{}",
        base64::engine::general_purpose::STANDARD.encode(key)
    )
}

impl App {
    /// Creates a webhook and sends the provider's setup event to it.
    fn create(&self, input: WebhookInput) -> Result<Webhook> {
        let webhook = self.store.insert_webhook(&input, &now_text())?;
        if let Some(setup) = self.provider.policy.setup_event {
            self.trigger(setup, None, &[], 1, Some(webhook.id))?;
        }
        Ok(webhook)
    }

    /// Builds `count` events and queues them for every active webhook
    /// subscribed to `event` (or only for `only`). Returns the event ids and
    /// the webhooks they go to.
    pub fn trigger(
        &self,
        event: &str,
        data: Option<Value>,
        overrides: &[Override],
        count: u64,
        only: Option<i64>,
    ) -> Result<(Vec<String>, Vec<Webhook>)> {
        let mut events = Vec::new();
        for _ in 0..count {
            let now = SystemTime::now();
            let built = event::build(
                &self.catalog,
                event,
                Some(&self.provider),
                data.clone(),
                overrides,
                now,
            )
            .or_else(|e| {
                // An event without a fixture goes out in the provider's
                // skeleton envelope, as send-test does with --data.
                if data.is_none()
                    && (!self.provider.catalog_closed || self.provider.has_event(event))
                {
                    event::build(
                        &self.catalog,
                        event,
                        Some(&self.provider),
                        Some(json!({})),
                        overrides,
                        now,
                    )
                } else {
                    Err(e)
                }
            })?;
            events.push(StoredEvent {
                event_type: built.event,
                msg_id: built.id,
                body: built.body,
                headers: built.headers,
            });
        }
        let webhooks: Vec<Webhook> = self
            .store
            .webhooks()?
            .into_iter()
            .filter(|w| match only {
                Some(id) => w.id == id,
                None => w.state == State::Active && engine::subscribed(&w.events, event),
            })
            .collect();
        let now = now_ms();
        let policy = &self.provider.policy;
        let targets: Vec<Target> = webhooks
            .iter()
            .map(|w| Target {
                webhook_id: w.id,
                max_attempts: self.engine.max_attempts(),
                batch_window_ms: policy.batch_window.map(|d| self.engine.scaled_ms(d)),
                first_due: now,
            })
            .collect();
        self.store.add_events(&events, &targets, now)?;
        self.engine.wake();
        Ok((events.into_iter().map(|e| e.msg_id).collect(), webhooks))
    }

    fn set_active(&self, w: &Webhook, active: bool) -> Result<()> {
        match (active, w.state == State::Active) {
            (true, false) => {
                self.store.activate(w.id, now_ms(), &now_text())?;
                self.engine.wake();
            }
            (false, true) => self.store.deactivate(
                w.id,
                State::Disabled,
                "deactivated through the API",
                &now_text(),
            )?,
            _ => {}
        }
        Ok(())
    }

    /// Creates a webhook through an API (inactive when `active` says so)
    /// and returns it as stored.
    fn create_with(&self, input: WebhookInput, active: Option<bool>) -> Result<Webhook> {
        let w = self.create(input)?;
        if active == Some(false) {
            self.set_active(&w, false)?;
        }
        self.reload(&w)
    }

    /// Updates a webhook through an API (and its state, when `active` is
    /// given) and returns it as stored.
    fn update_with(
        &self,
        w: &Webhook,
        input: &WebhookInput,
        active: Option<bool>,
    ) -> Result<Webhook> {
        self.store.update_webhook(w.id, input, &now_text())?;
        if let Some(active) = active {
            self.set_active(w, active)?;
        }
        self.reload(w)
    }

    fn reload(&self, w: &Webhook) -> Result<Webhook> {
        Ok(self.store.webhook_by_id(w.id)?.unwrap_or_else(|| w.clone()))
    }

    fn check_secret(&self, secret: &str) -> std::result::Result<(), String> {
        if self.engine.scheme.is_signed() {
            self.engine.scheme.check_secret(secret)
        } else {
            Ok(())
        }
    }
}

fn input_of(w: &Webhook) -> WebhookInput {
    WebhookInput {
        public_id: w.public_id.clone(),
        name: w.name.clone(),
        url: w.url.clone(),
        events: w.events.clone(),
        secret: w.secret.clone(),
        signed: w.signed,
        extra: w.extra.clone(),
    }
}
