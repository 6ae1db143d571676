//! The emulator's own API under `/_emulator`, the same for every provider:
//! its status, webhooks, the event trigger and the deliveries made.

use super::{authenticate, bearer_ok, event_list, input_of, refusing, routes_hint};
use super::{fail, no_content, reply, Answer, Api, App, Found, Keyed, Object, Reply, Shape};
use super::{status_json, valid_url};
use crate::emulator::engine::rfc3339_ms;
use crate::emulator::store::{Attempt, State, Webhook, WebhookInput};
use crate::payload::Override;
use crate::providers::Management;
use crate::Error;
use axum::extract::{Query, State as With};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::middleware;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// The emulator's API, in its own words.
struct EmulatorApi;

impl Shape for EmulatorApi {
    const API: Api = Api::Emulator;

    fn not_found(id: &str) -> String {
        format!("no webhook {id}")
    }
}

/// The emulator's API signs events with the developer's secret and shows
/// it, and every user on the machine can reach 127.0.0.1: it answers only
/// with its API key (the one it printed, or `--api-key`), as a bearer
/// token; 403 otherwise, as the inspector refuses.
impl Keyed for EmulatorApi {
    const UNAUTHORIZED: &'static str =
        "refused: the emulator's API needs its API key (Authorization: Bearer KEY)";
    const REFUSED: StatusCode = StatusCode::FORBIDDEN;

    fn authorized(headers: &HeaderMap, key: &str) -> bool {
        bearer_ok(headers, key)
    }
}

/// An error on the way, as this API's 500.
fn failed(e: crate::Error) -> Reply {
    super::internal(API, &e)
}

const API: Api = Api::Emulator;

/// The most events one trigger request may create.
const MAX_COUNT: u64 = 100_000;

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

/// The routes under `/_emulator`, behind the API key. A path or method it
/// does not answer is a 404 naming the routes, except on one webhook: 404
/// when it does not exist, else 405.
pub(super) fn routes(app: &Arc<App>) -> Router<Arc<App>> {
    Router::new()
        .route("/", refusing(get(status), no_route))
        .route("/webhooks", refusing(get(list).post(create), no_route))
        .route(
            "/webhooks/{id}",
            refusing(
                get(show).put(update).patch(update).delete(remove),
                not_allowed,
            ),
        )
        .route("/events", refusing(post(trigger), no_route))
        .route("/deliveries", refusing(get(deliveries), no_route))
        .fallback(no_route)
        .layer(middleware::from_fn_with_state(
            app.clone(),
            authenticate::<EmulatorApi>,
        ))
}

async fn no_route(With(app): With<Arc<App>>, method: Method, uri: Uri) -> Reply {
    fail(
        API,
        StatusCode::NOT_FOUND,
        &format!(
            "no route for {method} /_emulator/{}; {}",
            uri.path().trim_start_matches('/'),
            routes_hint(app.provider.management)
        ),
    )
}

async fn not_allowed(_: Found<EmulatorApi>, method: Method) -> Reply {
    fail(
        API,
        StatusCode::METHOD_NOT_ALLOWED,
        &format!("{method} is not allowed here"),
    )
}

async fn status(With(app): With<Arc<App>>) -> Answer {
    let counts: Map<String, Value> = app
        .store
        .delivery_counts()
        .map_err(failed)?
        .into_iter()
        .map(|(k, v)| (k, json!(v)))
        .collect();
    Ok(reply(
        StatusCode::OK,
        &json!({
            "provider": app.provider.name,
            "scale": app.engine.scale,
            "max_attempts": app.engine.max_attempts(),
            "webhooks": app.store.webhooks().map_err(failed)?.len(),
            "deliveries": counts,
        }),
    ))
}

async fn list(With(app): With<Arc<App>>) -> Answer {
    let data: Vec<Value> = app
        .store
        .webhooks()
        .map_err(failed)?
        .iter()
        .map(emulator_json)
        .collect();
    Ok(reply(StatusCode::OK, &json!({ "data": data })))
}

async fn create(With(app): With<Arc<App>>, Object(body, _): Object<EmulatorApi>) -> Answer {
    let number = app.store.next_webhook_number().map_err(failed)?;
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
    let (input, active) =
        emulator_input(&app, &body, base).map_err(|m| fail(API, StatusCode::BAD_REQUEST, &m))?;
    let w = app.create_with(input, active).map_err(failed)?;
    Ok(reply(StatusCode::CREATED, &emulator_json(&w)))
}

async fn show(Found(w, _): Found<EmulatorApi>) -> Reply {
    reply(StatusCode::OK, &emulator_json(&w))
}

async fn update(
    With(app): With<Arc<App>>,
    Found(w, _): Found<EmulatorApi>,
    Object(body, _): Object<EmulatorApi>,
) -> Answer {
    let (input, active) = emulator_input(&app, &body, input_of(&w))
        .map_err(|m| fail(API, StatusCode::BAD_REQUEST, &m))?;
    let w = app.update_with(&w, &input, active).map_err(failed)?;
    Ok(reply(StatusCode::OK, &emulator_json(&w)))
}

async fn remove(With(app): With<Arc<App>>, Found(w, _): Found<EmulatorApi>) -> Answer {
    app.store.delete_webhook(w.id).map_err(failed)?;
    Ok(no_content())
}

async fn trigger(With(app): With<Arc<App>>, Object(body, _): Object<EmulatorApi>) -> Answer {
    let bad = |m: &str| fail(API, StatusCode::BAD_REQUEST, m);
    let Some(event) = body.get("type").and_then(Value::as_str) else {
        return Err(bad(
            "type is required: the event name, e.g. contact.created",
        ));
    };
    let count = match body.get("count") {
        None => 1,
        Some(v) => match v.as_u64() {
            Some(n) if (1..=MAX_COUNT).contains(&n) => n,
            _ => {
                return Err(bad(&format!(
                    "count must be a number from 1 to {MAX_COUNT}"
                )))
            }
        },
    };
    let mut overrides = Vec::new();
    if let Some(sets) = body.get("set") {
        let Some(items) = sets.as_array() else {
            return Err(bad("set must be an array of \"PATH=VALUE\" strings"));
        };
        for item in items {
            let parsed = item
                .as_str()
                .ok_or_else(|| Error::usage("set must hold strings"))
                .and_then(Override::parse);
            overrides.push(parsed.map_err(|e| bad(&e.message))?);
        }
    }
    let data = body.get("data").cloned();
    match app.trigger(event, data, &overrides, count, None) {
        Ok((ids, webhooks)) => Ok(reply(
            StatusCode::ACCEPTED,
            &json!({
                "type": event,
                "accepted": ids.len(),
                "ids": ids,
                "webhooks": webhooks.iter().map(|w| w.public_id.clone()).collect::<Vec<_>>(),
            }),
        )),
        Err(e) if e.kind == crate::ErrorKind::Usage => Ok(reply(
            StatusCode::BAD_REQUEST,
            &json!({ "error": e.message, "hint": e.hint }),
        )),
        Err(e) => Err(failed(e)),
    }
}

async fn deliveries(With(app): With<Arc<App>>, Query(q): Query<HashMap<String, String>>) -> Answer {
    let limit = q
        .get("limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(10_000usize);
    let webhooks: HashMap<i64, String> = app
        .store
        .webhooks()
        .map_err(failed)?
        .into_iter()
        .map(|w| (w.id, w.public_id))
        .collect();
    let filter = match q.get("webhook") {
        Some(public) => match app.store.webhook(public).map_err(failed)? {
            Some(w) => Some(w.id),
            None => {
                return Err(fail(
                    API,
                    StatusCode::NOT_FOUND,
                    &format!("no webhook {public}"),
                ))
            }
        },
        None => None,
    };
    let data: Vec<Value> = app
        .store
        .attempts(filter, limit)
        .map_err(failed)?
        .iter()
        .map(|a| attempt_json(a, &webhooks))
        .collect();
    Ok(reply(StatusCode::OK, &json!({ "data": data })))
}
