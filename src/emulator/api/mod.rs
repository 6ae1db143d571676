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
use crate::{event, Error, Result};
use base64::Engine as _;
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response, StatusCode};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::SystemTime;
use webwork::WebWorkApi;

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
            emulator::routes(&app, req, &rest).await
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
            webwork::routes(&app, req, &rest, WebWorkApi::V1).await
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
            webwork::routes(&app, req, &rest, WebWorkApi::V2).await
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
            awork::routes(&app, req, &rest).await
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
