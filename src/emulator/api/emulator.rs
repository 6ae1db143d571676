//! The emulator's own API under `/_emulator`, the same for every provider:
//! its status, webhooks, the event trigger and the deliveries made.

use super::{event_list, input_of, now_text, routes_hint, status_json, valid_url};
use super::{fail, internal, no_content, query, read_object, reply, Api, App, Reply};
use crate::emulator::engine::rfc3339_ms;
use crate::emulator::store::{Attempt, State, Webhook, WebhookInput};
use crate::payload::Override;
use crate::providers::Management;
use crate::{Error, Result};
use hyper::body::Incoming;
use hyper::{Method, Request, StatusCode};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

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

pub(super) async fn routes(app: &App, req: Request<Incoming>, rest: &[String]) -> Reply {
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
