//! awork's management API under `/api/v1/webhooks`: webhooks, their logs
//! and the event types, in awork's own shapes.

use super::{event_list, input_of, now_text, status_json, valid_url};
use super::{fail, internal, no_content, query, read_object, reply, Api, App, Reply};
use crate::emulator::engine::rfc3339_ms;
use crate::emulator::store::{State, Webhook, WebhookInput};
use crate::Result;
use hyper::body::Incoming;
use hyper::{Method, Request, StatusCode};
use serde_json::{json, Map, Value};

/// awork's page size when the request names none.
const AWORK_PAGE: usize = 50;

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

pub(super) async fn routes(app: &App, req: Request<Incoming>, rest: &[String]) -> Reply {
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
