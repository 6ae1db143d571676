//! The emulator's HTTP API: the provider's own management API where it has
//! one (WebWork v1 and v2, awork), the emulator's API for every provider under
//! `/_emulator`, and the event trigger. Shapes: docs/management-api-shapes.md
//! and docs/emulate.md.

use super::engine::{self, now_ms, rfc3339_ms, Engine};
use super::store::{Attempt, State, Store, StoredEvent, Target, Webhook, WebhookInput};
use crate::fixtures::Catalog;
use crate::payload::Override;
use crate::providers::{Management, Provider};
use crate::{event, Error, Result};
use base64::Engine as _;
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::{Method, Request, Response, StatusCode};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::SystemTime;

/// WebWork pages hold 50 webhooks.
const WEBWORK_PAGE: usize = 50;
/// awork's page size when the request names none.
const AWORK_PAGE: usize = 50;
/// The most events one trigger request may create.
const MAX_COUNT: u64 = 100_000;

pub struct App {
    pub engine: Arc<Engine>,
    pub store: Arc<Store>,
    pub provider: Provider,
    pub catalog: Catalog,
    pub api_key: String,
}

type Reply = Response<Full<Bytes>>;

fn reply(status: StatusCode, body: &Value) -> Reply {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(
            serde_json::to_vec(body).expect("JSON serialises"),
        )))
        .expect("a static response builds")
}

fn no_content() -> Reply {
    Response::builder()
        .status(StatusCode::NO_CONTENT)
        .body(Full::new(Bytes::new()))
        .expect("a static response builds")
}

/// Which API a request is for: decides the error shape.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Api {
    WebWork,
    Awork,
    Emulator,
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

fn webwork_json(w: &Webhook) -> Value {
    json!({
        "id": w.public_id.parse::<i64>().unwrap_or(w.id),
        "url": w.url,
        "events": w.events,
        "token": w.secret,
        "hooksStatus": status_json(w),
    })
}

fn awork_json(w: &Webhook) -> Value {
    let extra = |k: &str, default: Value| w.extra.get(k).cloned().unwrap_or(default);
    json!({
        "id": w.public_id,
        "name": w.name,
        "uri": w.url,
        "isActive": w.state == State::Active,
        "language": extra("language", json!("en")),
        "onlyTriggerForMainEntityChanges": extra("onlyTriggerForMainEntityChanges", json!(false)),
        "events": w.events.join(","),
        "authenticationType": if w.signed { "header" } else { "none" },
        "authentication": w.secret,
        "createdOn": w.created_at,
        "updatedOn": w.updated_at,
        "hooksStatus": status_json(w),
    })
}

fn emulator_json(w: &Webhook) -> Value {
    json!({
        "id": w.public_id,
        "url": w.url,
        "events": w.events,
        "secret": w.secret,
        "active": w.state == State::Active,
        "createdAt": w.created_at,
        "updatedAt": w.updated_at,
        "hooksStatus": status_json(w),
    })
}

fn attempt_json(a: &Attempt, webhooks: &HashMap<i64, String>) -> Value {
    json!({
        "delivery": a.delivery_id,
        "webhook": webhooks.get(&a.webhook_id),
        "event": a.event_type,
        "id": a.msg_id,
        "url": a.url,
        "attempt": a.attempt,
        "of": a.of,
        "status": a.status,
        "error": a.error,
        "ok": a.status.is_some_and(|s| (200..300).contains(&s)),
        "latency_ms": a.json_latency_ms(),
        "started_at": rfc3339_ms(a.started_at),
        "next_retry_at": a.next_at.map(rfc3339_ms),
        "duplicate": a.duplicate,
    })
}

fn query(req: &Request<Incoming>) -> HashMap<String, String> {
    form_urlencoded::parse(req.uri().query().unwrap_or("").as_bytes())
        .into_owned()
        .collect()
}

fn valid_url(url: &str) -> bool {
    reqwest::Url::parse(url)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
}

fn now_text() -> String {
    rfc3339_ms(now_ms())
}

/// Answers one request to the emulator on `port`. A foreign Host (a page
/// elsewhere that resolved its own name to 127.0.0.1: DNS rebinding) or a
/// foreign Origin (any cross-origin request from a browser, a `text/plain`
/// POST included) is refused first, as the inspector refuses them.
pub async fn handle(app: Arc<App>, req: Request<Incoming>, port: u16) -> Reply {
    if let Err(refused) = crate::inspector::server::check_origin(&req, port) {
        return reply(
            StatusCode::FORBIDDEN,
            &json!({
                "error": refused.message,
                "hint": "the emulator answers requests to 127.0.0.1, [::1] or localhost on its own port, and none from other sites' pages",
            }),
        );
    }
    let path = req.uri().path().trim_matches('/').to_string();
    let segments: Vec<String> = path.split('/').map(str::to_string).collect();
    let segs: Vec<&str> = segments.iter().map(String::as_str).collect();
    let management = app.provider.management;
    match segs.as_slice() {
        ["_emulator", rest @ ..] => {
            let rest: Vec<String> = rest.iter().map(|s| s.to_string()).collect();
            emulator_routes(&app, req, &rest).await
        }
        ["rest-api", "v1", "webhooks", rest @ ..] if management == Management::WebWork => {
            if !basic_auth_ok(&req, &app.api_key) {
                return fail(
                    Api::WebWork,
                    StatusCode::UNAUTHORIZED,
                    "Unauthorized: check the e-mail and API key",
                );
            }
            let rest: Vec<String> = rest.iter().map(|s| s.to_string()).collect();
            webwork_routes(&app, req, &rest, WebWorkApi::V1).await
        }
        ["api", "v2", "webhooks", rest @ ..] if management == Management::WebWork => {
            if !bearer_ok(&req, &app.api_key) {
                return fail(
                    Api::WebWork,
                    StatusCode::UNAUTHORIZED,
                    "Unauthenticated: check the API token",
                );
            }
            let rest: Vec<String> = rest.iter().map(|s| s.to_string()).collect();
            webwork_routes(&app, req, &rest, WebWorkApi::V2).await
        }
        ["api", "v1", "webhooks", rest @ ..] if management == Management::Awork => {
            if !bearer_ok(&req, &app.api_key) {
                return fail(
                    Api::Awork,
                    StatusCode::UNAUTHORIZED,
                    "The API key is missing or not valid.",
                );
            }
            let rest: Vec<String> = rest.iter().map(|s| s.to_string()).collect();
            awork_routes(&app, req, &rest).await
        }
        _ => reply(
            StatusCode::NOT_FOUND,
            &json!({
                "error": format!("no route for {} /{path}", req.method()),
                "hint": routes_hint(management),
            }),
        ),
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

fn header_text<'a>(req: &'a Request<Incoming>, name: &str) -> Option<&'a str> {
    req.headers().get(name).and_then(|v| v.to_str().ok())
}

fn bearer_ok(req: &Request<Incoming>, key: &str) -> bool {
    header_text(req, "authorization")
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|k| k.trim() == key)
}

/// HTTP Basic `email:api_key`: any e-mail, the configured key.
fn basic_auth_ok(req: &Request<Incoming>, key: &str) -> bool {
    header_text(req, "authorization")
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b| {
            base64::engine::general_purpose::STANDARD
                .decode(b.trim())
                .ok()
        })
        .and_then(|raw| String::from_utf8(raw).ok())
        .and_then(|text| text.split_once(':').map(|(_, k)| k.to_string()))
        .is_some_and(|k| k == key)
}

/// Reads a JSON body (or, where allowed, a form) into an object.
async fn read_object(
    req: Request<Incoming>,
    api: Api,
) -> std::result::Result<Map<String, Value>, Reply> {
    // Only WebWork documents form bodies; elsewhere a body is JSON whatever
    // the content type says (curl -d sends a form type).
    let form = api == Api::WebWork
        && header_text(&req, "content-type")
            .is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"));
    let bytes = req
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes())
        .map_err(|e| {
            fail(
                api,
                StatusCode::BAD_REQUEST,
                &format!("cannot read the body: {e}"),
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

/// WebWork's two management APIs: v1 (`{success, webhook}`, pages as
/// `max_rows`…) and v2 (`{success, data, meta}`, every webhook in a
/// workspace named by `workspace_id`: a query parameter on reads and
/// deletes, a body field on writes).
#[derive(Clone, Copy, PartialEq, Eq)]
enum WebWorkApi {
    V1,
    V2,
}

impl WebWorkApi {
    /// The key under which a created or updated webhook is returned.
    fn written_key(self) -> &'static str {
        match self {
            WebWorkApi::V1 => "webhook",
            WebWorkApi::V2 => "data",
        }
    }
}

/// The workspace a v2 webhook belongs to (kept in its `extra`).
fn workspace_of(w: &Webhook) -> Option<&str> {
    w.extra.get("workspace_id").and_then(Value::as_str)
}

/// A v2 `workspace_id` as a string, whether sent as a number or a string.
fn workspace_text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn workspace_missing() -> Reply {
    reply(
        StatusCode::UNPROCESSABLE_ENTITY,
        &json!({"success": false, "message": "The given data was invalid.",
                "errors": {"workspace_id": ["The workspace id field is required."]}}),
    )
}

async fn webwork_routes(
    app: &App,
    req: Request<Incoming>,
    rest: &[String],
    version: WebWorkApi,
) -> Reply {
    let api = Api::WebWork;
    let method = req.method().clone();
    // v2 reads and deletes name their workspace in the query.
    let query_workspace = query(&req)
        .get("workspace_id")
        .map(|w| w.trim().to_string())
        .filter(|w| !w.is_empty());
    if version == WebWorkApi::V2
        && matches!(method, Method::GET | Method::DELETE)
        && query_workspace.is_none()
    {
        return workspace_missing();
    }
    let found = match rest.first() {
        Some(id) => match app.store.webhook(id) {
            // A v2 webhook of another workspace is not found in this one.
            Ok(Some(w))
                if version == WebWorkApi::V1
                    || query_workspace.is_none()
                    || workspace_of(&w) == query_workspace.as_deref() =>
            {
                Some(w)
            }
            Ok(_) => {
                return fail(
                    api,
                    StatusCode::NOT_FOUND,
                    &format!("Webhook {id} not found"),
                )
            }
            Err(e) => return internal(api, &e),
        },
        None => None,
    };
    if rest.len() > 1 {
        return fail(api, StatusCode::NOT_FOUND, "Not found");
    }
    let result: Result<Reply> = async {
        Ok(match (method, found) {
            (Method::GET, None) => {
                let page = match query(&req).get("page").map(|p| p.parse::<usize>()) {
                    None => 1,
                    Some(Ok(p)) if p >= 1 => p,
                    Some(_) => {
                        return Ok(fail(api, StatusCode::UNPROCESSABLE_ENTITY, "page must be a number from 1"))
                    }
                };
                let all: Vec<Webhook> = app
                    .store
                    .webhooks()?
                    .into_iter()
                    .filter(|w| version == WebWorkApi::V1 || workspace_of(w) == query_workspace.as_deref())
                    .collect();
                let total = all.len();
                let pages = total.div_ceil(WEBWORK_PAGE).max(1);
                let data: Vec<Value> = all
                    .iter()
                    .skip((page - 1) * WEBWORK_PAGE)
                    .take(WEBWORK_PAGE)
                    .map(webwork_json)
                    .collect();
                let body = match version {
                    WebWorkApi::V1 => json!({
                        "max_rows": total,
                        "current_page": page,
                        "total_pages": pages,
                        "data": data,
                    }),
                    WebWorkApi::V2 => json!({
                        "success": true,
                        "data": data,
                        "meta": {"current_page": page, "last_page": pages, "per_page": WEBWORK_PAGE, "total": total},
                    }),
                };
                reply(StatusCode::OK, &body)
            }
            (Method::GET, Some(w)) => reply(StatusCode::OK, &json!({"success": true, "data": webwork_json(&w)})),
            (Method::POST, None) => {
                let body = match read_object(req, api).await {
                    Ok(b) => b,
                    Err(r) => return Ok(r),
                };
                let workspace = workspace_text(body.get("workspace_id"));
                if version == WebWorkApi::V2 && workspace.is_none() {
                    return Ok(workspace_missing());
                }
                let url = body.get("url").and_then(Value::as_str).unwrap_or("").to_string();
                let events = body.get("events").and_then(event_list).unwrap_or_default();
                let mut errors = Map::new();
                if !valid_url(&url) {
                    errors.insert("url".into(), json!(["The url field is required and must be a valid URL."]));
                }
                if events.is_empty() {
                    errors.insert("events".into(), json!(["The events field is required."]));
                }
                if !errors.is_empty() {
                    return Ok(reply(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        &json!({"success": false, "message": "The given data was invalid.", "errors": errors}),
                    ));
                }
                let number = app.store.next_webhook_number()?;
                let w = app.create(WebhookInput {
                    public_id: number.to_string(),
                    name: String::new(),
                    url,
                    events,
                    secret: Some(generate_secret()),
                    signed: true,
                    extra: match (version, workspace) {
                        (WebWorkApi::V2, Some(ws)) => json!({"workspace_id": ws}),
                        _ => json!({}),
                    },
                })?;
                reply(StatusCode::OK, &json!({"success": true, version.written_key(): webwork_json(&w)}))
            }
            (Method::PUT, Some(w)) => {
                let body = match read_object(req, api).await {
                    Ok(b) => b,
                    Err(r) => return Ok(r),
                };
                if version == WebWorkApi::V2 {
                    match workspace_text(body.get("workspace_id")) {
                        None => return Ok(workspace_missing()),
                        Some(ws) if workspace_of(&w) != Some(ws.as_str()) => {
                            return Ok(fail(api, StatusCode::NOT_FOUND, &format!("Webhook {} not found", w.public_id)))
                        }
                        Some(_) => {}
                    }
                }
                let url = body.get("url").and_then(Value::as_str).unwrap_or("").to_string();
                if !valid_url(&url) {
                    return Ok(reply(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        &json!({"success": false, "message": "The given data was invalid.",
                                "errors": {"url": ["The url field is required and must be a valid URL."]}}),
                    ));
                }
                let events = match body.get("events") {
                    Some(v) => match event_list(v) {
                        Some(e) if !e.is_empty() => e,
                        _ => {
                            return Ok(reply(
                                StatusCode::UNPROCESSABLE_ENTITY,
                                &json!({"success": false, "message": "The given data was invalid.",
                                        "errors": {"events": ["The events field must be a non-empty array."]}}),
                            ))
                        }
                    },
                    None => w.events.clone(),
                };
                app.store.update_webhook(
                    w.id,
                    &WebhookInput { url, events, ..input_of(&w) },
                    &now_text(),
                )?;
                reply(StatusCode::OK, &json!({"success": true, version.written_key(): webwork_json(&app.reload(&w)?)}))
            }
            (Method::DELETE, Some(w)) => {
                app.store.delete_webhook(w.id)?;
                match version {
                    WebWorkApi::V1 => reply(StatusCode::OK, &json!({"success": true})),
                    WebWorkApi::V2 => reply(StatusCode::OK, &json!({"success": true, "data": null})),
                }
            }
            (m, _) => fail(api, StatusCode::METHOD_NOT_ALLOWED, &format!("{m} is not allowed here")),
        })
    }
    .await;
    result.unwrap_or_else(|e| internal(api, &e))
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

/// Applies an awork create/update body onto `base`; Err is the 400 message.
fn awork_input(
    app: &App,
    body: &Map<String, Value>,
    mut base: WebhookInput,
) -> std::result::Result<(WebhookInput, Option<bool>), String> {
    if let Some(v) = body.get("name") {
        base.name = v.as_str().ok_or("name must be a string")?.to_string();
    }
    if let Some(v) = body.get("uri") {
        base.url = v.as_str().ok_or("uri must be a string")?.to_string();
    }
    if !valid_url(&base.url) {
        return Err("uri is required and must be an absolute http(s) URL".into());
    }
    if let Some(v) = body.get("events") {
        base.events = event_list(v).ok_or("events must be a comma-separated string")?;
    }
    if base.events.is_empty() {
        return Err("events is required: a comma-separated list of event types".into());
    }
    let mut extra = base.extra.as_object().cloned().unwrap_or_default();
    for key in ["language", "onlyTriggerForMainEntityChanges"] {
        if let Some(v) = body.get(key) {
            extra.insert(key.into(), v.clone());
        }
    }
    base.extra = Value::Object(extra);
    let kind = match body.get("authenticationType") {
        Some(v) => v
            .as_str()
            .ok_or("authenticationType must be none or header")?
            .to_string(),
        None => if base.signed { "header" } else { "none" }.to_string(),
    };
    match kind.as_str() {
        "none" => {
            base.signed = false;
            base.secret = None;
        }
        "header" => {
            if let Some(v) = body.get("authentication") {
                base.secret = Some(
                    v.as_str()
                        .ok_or("authentication must be a string")?
                        .to_string(),
                );
            }
            let auth = base.secret.clone().unwrap_or_default();
            let ok = auth.split_once('=').is_some_and(|(n, v)| {
                !v.is_empty() && http::HeaderName::from_bytes(n.trim().as_bytes()).is_ok()
            });
            if !ok {
                return Err("authentication must be \"Header-Name=value\" when authenticationType is header".into());
            }
            app.check_secret(&auth)?;
            base.signed = true;
        }
        other => {
            return Err(format!(
                "authenticationType must be none or header, not '{other}'"
            ))
        }
    }
    let active = match body.get("isActive") {
        Some(v) => Some(v.as_bool().ok_or("isActive must be true or false")?),
        None => None,
    };
    Ok((base, active))
}

async fn awork_routes(app: &App, req: Request<Incoming>, rest: &[String]) -> Reply {
    let api = Api::Awork;
    let method = req.method().clone();
    let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
    if method == Method::GET && rest == ["eventtypes"] {
        return reply(StatusCode::OK, &json!(app.provider.events));
    }
    let found = match rest.first() {
        Some(id) => match app.store.webhook(id) {
            Ok(Some(w)) => Some(w),
            Ok(None) => {
                return fail(
                    api,
                    StatusCode::NOT_FOUND,
                    &format!("Webhook {id} was not found."),
                )
            }
            Err(e) => return internal(api, &e),
        },
        None => None,
    };
    let result: Result<Reply> = async {
        Ok(match (method, rest.get(1).copied(), found) {
            (Method::GET, Some("logs"), Some(w)) if rest.len() == 2 => {
                let logs: Vec<Value> = app
                    .store
                    .attempts(Some(w.id), 1000)?
                    .iter()
                    .map(|a| {
                        let ok = a.status.is_some_and(|s| (200..300).contains(&s));
                        json!({
                            "message": format!("{} to {} (attempt {}/{}{})", a.event_type, a.url, a.attempt, a.of,
                                if a.duplicate { ", duplicate" } else { "" }),
                            "responseCode": a.status.unwrap_or(0),
                            "isSuccessful": ok,
                            "reason": if ok { None } else { Some(a.error.clone().unwrap_or_else(|| format!("HTTP {}", a.status.unwrap_or(0)))) },
                            "createdOn": rfc3339_ms(a.started_at),
                        })
                    })
                    .collect();
                reply(StatusCode::OK, &json!(logs))
            }
            (_, Some(_), _) => fail(api, StatusCode::NOT_FOUND, "Not found."),
            (Method::GET, None, None) => {
                let q = query(&req);
                let number = |k: &str, d: usize| match q.get(k).map(|v| v.parse::<usize>()) {
                    None => Ok(d),
                    Some(Ok(n)) if n >= 1 => Ok(n),
                    Some(_) => Err(format!("{k} must be a number from 1")),
                };
                let (page, size) = match (number("page", 1), number("pageSize", AWORK_PAGE)) {
                    (Ok(p), Ok(s)) => (p, s),
                    (Err(m), _) | (_, Err(m)) => return Ok(fail(api, StatusCode::BAD_REQUEST, &m)),
                };
                let list: Vec<Value> = app
                    .store
                    .webhooks()?
                    .iter()
                    .skip((page - 1).saturating_mul(size))
                    .take(size)
                    .map(awork_json)
                    .collect();
                reply(StatusCode::OK, &json!(list))
            }
            (Method::GET, None, Some(w)) => reply(StatusCode::OK, &awork_json(&w)),
            (Method::POST, None, None) => {
                let body = match read_object(req, api).await {
                    Ok(b) => b,
                    Err(r) => return Ok(r),
                };
                let base = WebhookInput {
                    public_id: uuid::Uuid::new_v4().to_string(),
                    name: String::new(),
                    url: String::new(),
                    events: vec![],
                    secret: None,
                    signed: false,
                    extra: json!({"language": "en", "onlyTriggerForMainEntityChanges": false}),
                };
                let (input, active) = match awork_input(app, &body, base) {
                    Ok(x) => x,
                    Err(m) => return Ok(fail(api, StatusCode::BAD_REQUEST, &m)),
                };
                let w = app.create(input)?;
                if active == Some(false) {
                    app.set_active(&w, false)?;
                }
                reply(StatusCode::CREATED, &awork_json(&app.reload(&w)?))
            }
            (Method::PUT, None, Some(w)) => {
                let body = match read_object(req, api).await {
                    Ok(b) => b,
                    Err(r) => return Ok(r),
                };
                let (input, active) = match awork_input(app, &body, input_of(&w)) {
                    Ok(x) => x,
                    Err(m) => return Ok(fail(api, StatusCode::BAD_REQUEST, &m)),
                };
                app.store.update_webhook(w.id, &input, &now_text())?;
                if let Some(active) = active {
                    app.set_active(&w, active)?;
                }
                reply(StatusCode::OK, &awork_json(&app.reload(&w)?))
            }
            (Method::DELETE, None, Some(w)) => {
                app.store.delete_webhook(w.id)?;
                no_content()
            }
            (m, _, _) => fail(api, StatusCode::METHOD_NOT_ALLOWED, &format!("{m} is not allowed here.")),
        })
    }
    .await;
    result.unwrap_or_else(|e| internal(api, &e))
}

/// Applies an emulator API create/update body onto `base`.
fn emulator_input(
    app: &App,
    body: &Map<String, Value>,
    mut base: WebhookInput,
) -> std::result::Result<(WebhookInput, Option<bool>), String> {
    if let Some(v) = body.get("url") {
        base.url = v.as_str().ok_or("url must be a string")?.to_string();
    }
    if !valid_url(&base.url) {
        return Err("url is required and must be an absolute http(s) URL".into());
    }
    if let Some(v) = body.get("events") {
        base.events = event_list(v).ok_or("events must be an array of event names")?;
    }
    if let Some(v) = body.get("name") {
        base.name = v.as_str().ok_or("name must be a string")?.to_string();
    }
    match body.get("secret") {
        Some(Value::Null) => base.secret = None,
        Some(Value::String(s)) => {
            app.check_secret(s)?;
            base.secret = Some(s.clone());
        }
        Some(_) => return Err("secret must be a string or null".into()),
        None => {}
    }
    let active = match body.get("active") {
        Some(v) => Some(v.as_bool().ok_or("active must be true or false")?),
        None => None,
    };
    Ok((base, active))
}

async fn emulator_routes(app: &App, req: Request<Incoming>, rest: &[String]) -> Reply {
    let api = Api::Emulator;
    let method = req.method().clone();
    let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
    let result: Result<Reply> = async {
        Ok(match (method, rest.as_slice()) {
            (Method::GET, []) => {
                let counts: Map<String, Value> = app
                    .store
                    .delivery_counts()?
                    .into_iter()
                    .map(|(k, v)| (k, json!(v)))
                    .collect();
                reply(
                    StatusCode::OK,
                    &json!({
                        "provider": app.provider.name,
                        "scale": app.engine.scale,
                        "max_attempts": app.engine.max_attempts(),
                        "webhooks": app.store.webhooks()?.len(),
                        "deliveries": counts,
                    }),
                )
            }
            (Method::GET, ["webhooks"]) => {
                let data: Vec<Value> = app.store.webhooks()?.iter().map(emulator_json).collect();
                reply(StatusCode::OK, &json!({ "data": data }))
            }
            (Method::POST, ["webhooks"]) => {
                let body = match read_object(req, api).await {
                    Ok(b) => b,
                    Err(r) => return Ok(r),
                };
                let number = app.store.next_webhook_number()?;
                let public_id = if app.provider.management == Management::Awork {
                    uuid::Uuid::new_v4().to_string()
                } else {
                    number.to_string()
                };
                let base = WebhookInput {
                    public_id,
                    name: String::new(),
                    url: String::new(),
                    events: vec![],
                    secret: None,
                    signed: true,
                    extra: json!({}),
                };
                let (input, active) = match emulator_input(app, &body, base) {
                    Ok(x) => x,
                    Err(m) => return Ok(fail(api, StatusCode::BAD_REQUEST, &m)),
                };
                let w = app.create(input)?;
                if active == Some(false) {
                    app.set_active(&w, false)?;
                }
                reply(StatusCode::CREATED, &emulator_json(&app.reload(&w)?))
            }
            (m, ["webhooks", id]) => {
                let Some(w) = app.store.webhook(id)? else {
                    return Ok(fail(api, StatusCode::NOT_FOUND, &format!("no webhook {id}")));
                };
                match m {
                    Method::GET => reply(StatusCode::OK, &emulator_json(&w)),
                    Method::PUT | Method::PATCH => {
                        let body = match read_object(req, api).await {
                            Ok(b) => b,
                            Err(r) => return Ok(r),
                        };
                        let (input, active) = match emulator_input(app, &body, input_of(&w)) {
                            Ok(x) => x,
                            Err(msg) => return Ok(fail(api, StatusCode::BAD_REQUEST, &msg)),
                        };
                        app.store.update_webhook(w.id, &input, &now_text())?;
                        if let Some(active) = active {
                            app.set_active(&w, active)?;
                        }
                        reply(StatusCode::OK, &emulator_json(&app.reload(&w)?))
                    }
                    Method::DELETE => {
                        app.store.delete_webhook(w.id)?;
                        no_content()
                    }
                    m => fail(api, StatusCode::METHOD_NOT_ALLOWED, &format!("{m} is not allowed here")),
                }
            }
            (Method::POST, ["events"]) => {
                let body = match read_object(req, api).await {
                    Ok(b) => b,
                    Err(r) => return Ok(r),
                };
                let Some(event) = body.get("type").and_then(Value::as_str) else {
                    return Ok(fail(api, StatusCode::BAD_REQUEST, "type is required: the event name, e.g. contact.created"));
                };
                let count = match body.get("count") {
                    None => 1,
                    Some(v) => match v.as_u64() {
                        Some(n) if (1..=MAX_COUNT).contains(&n) => n,
                        _ => return Ok(fail(api, StatusCode::BAD_REQUEST, &format!("count must be a number from 1 to {MAX_COUNT}"))),
                    },
                };
                let mut overrides = Vec::new();
                if let Some(sets) = body.get("set") {
                    let Some(items) = sets.as_array() else {
                        return Ok(fail(api, StatusCode::BAD_REQUEST, "set must be an array of \"PATH=VALUE\" strings"));
                    };
                    for item in items {
                        let parsed = item.as_str().ok_or_else(|| Error::usage("set must hold strings")).and_then(Override::parse);
                        match parsed {
                            Ok(o) => overrides.push(o),
                            Err(e) => return Ok(fail(api, StatusCode::BAD_REQUEST, &e.message)),
                        }
                    }
                }
                let data = body.get("data").cloned();
                match app.trigger(event, data, &overrides, count, None) {
                    Ok((ids, webhooks)) => reply(
                        StatusCode::ACCEPTED,
                        &json!({
                            "type": event,
                            "accepted": ids.len(),
                            "ids": ids,
                            "webhooks": webhooks.iter().map(|w| w.public_id.clone()).collect::<Vec<_>>(),
                        }),
                    ),
                    Err(e) if e.kind == crate::ErrorKind::Usage => reply(
                        StatusCode::BAD_REQUEST,
                        &json!({ "error": e.message, "hint": e.hint }),
                    ),
                    Err(e) => return Err(e),
                }
            }
            (Method::GET, ["deliveries"]) => {
                let q = query(&req);
                let limit = q.get("limit").and_then(|l| l.parse().ok()).unwrap_or(10_000usize);
                let webhooks: HashMap<i64, String> = app
                    .store
                    .webhooks()?
                    .into_iter()
                    .map(|w| (w.id, w.public_id))
                    .collect();
                let filter = match q.get("webhook") {
                    Some(public) => match app.store.webhook(public)? {
                        Some(w) => Some(w.id),
                        None => return Ok(fail(api, StatusCode::NOT_FOUND, &format!("no webhook {public}"))),
                    },
                    None => None,
                };
                let data: Vec<Value> = app
                    .store
                    .attempts(filter, limit)?
                    .iter()
                    .map(|a| attempt_json(a, &webhooks))
                    .collect();
                reply(StatusCode::OK, &json!({ "data": data }))
            }
            (m, _) => fail(
                api,
                StatusCode::NOT_FOUND,
                &format!("no route for {m} /_emulator/{}; {}", rest.join("/"), routes_hint(app.provider.management)),
            ),
        })
    }
    .await;
    result.unwrap_or_else(|e| internal(api, &e))
}
