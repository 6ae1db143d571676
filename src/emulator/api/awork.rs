//! awork's management API under `/api/v1/webhooks`: webhooks, their logs
//! and the event types, in awork's own shapes.

use super::{authenticate, fail, no_content, reply, Answer, Api, App, Found, Keyed, Object};
use super::{bearer_ok, event_list, input_of, refusing, status_json, valid_url};
use super::{Reply, Shape};
use crate::emulator::engine::rfc3339_ms;
use crate::emulator::store::{State, Webhook, WebhookInput};
use axum::extract::{Query, State as With};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware;
use axum::routing::{any, get};
use axum::Router;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// awork's API, in its words.
struct AworkApi;

impl Shape for AworkApi {
    const API: Api = Api::Awork;

    fn not_found(id: &str) -> String {
        format!("Webhook {id} was not found.")
    }
}

impl Keyed for AworkApi {
    const UNAUTHORIZED: &'static str = "The API key is missing or not valid.";

    fn authorized(headers: &HeaderMap, key: &str) -> bool {
        bearer_ok(headers, key)
    }
}

/// An error on the way, as this API's 500.
fn failed(e: crate::Error) -> Reply {
    super::internal(API, &e)
}

const API: Api = Api::Awork;

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

/// The routes under `/api/v1/webhooks`, behind the API key. A method a
/// route does not take is a 405, on one webhook once it is found; a deeper
/// path is a 404.
pub(super) fn routes(app: &Arc<App>) -> Router<Arc<App>> {
    Router::new()
        .route("/", refusing(get(list).post(create), not_allowed))
        .route(
            "/eventtypes",
            refusing(get(event_types), |_: Method| async {
                // Any other method takes `eventtypes` for a webhook id, and
                // awork's ids are UUIDs.
                fail(
                    API,
                    StatusCode::NOT_FOUND,
                    &AworkApi::not_found("eventtypes"),
                )
            }),
        )
        .route(
            "/{id}",
            refusing(get(show).put(update).delete(remove), found_not_allowed),
        )
        .route("/{id}/logs", refusing(get(logs), elsewhere))
        .route("/{id}/{*rest}", any(elsewhere))
        .layer(middleware::from_fn_with_state(
            app.clone(),
            authenticate::<AworkApi>,
        ))
}

async fn not_allowed(method: Method) -> Reply {
    fail(
        API,
        StatusCode::METHOD_NOT_ALLOWED,
        &format!("{method} is not allowed here."),
    )
}

async fn found_not_allowed(_: Found<AworkApi>, method: Method) -> Reply {
    not_allowed(method).await
}

/// Below an existing webhook, only `logs` is something.
async fn elsewhere(_: Found<AworkApi>) -> Reply {
    fail(API, StatusCode::NOT_FOUND, "Not found.")
}

async fn event_types(With(app): With<Arc<App>>) -> Reply {
    reply(StatusCode::OK, &json!(app.provider.events))
}

async fn logs(With(app): With<Arc<App>>, Found(w, _): Found<AworkApi>) -> Answer {
    let logs: Vec<Value> = app
        .store
        .attempts(Some(w.id), 1000)
        .map_err(failed)?
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
    Ok(reply(StatusCode::OK, &json!(logs)))
}

async fn list(With(app): With<Arc<App>>, Query(q): Query<HashMap<String, String>>) -> Answer {
    let number = |k: &str, d: usize| match q.get(k).map(|v| v.parse::<usize>()) {
        None => Ok(d),
        Some(Ok(n)) if n >= 1 => Ok(n),
        Some(_) => Err(format!("{k} must be a number from 1")),
    };
    let (page, size) = match (number("page", 1), number("pageSize", AWORK_PAGE)) {
        (Ok(p), Ok(s)) => (p, s),
        (Err(m), _) | (_, Err(m)) => return Err(fail(API, StatusCode::BAD_REQUEST, &m)),
    };
    let list: Vec<Value> = app
        .store
        .webhooks()
        .map_err(failed)?
        .iter()
        .skip((page - 1).saturating_mul(size))
        .take(size)
        .map(awork_json)
        .collect();
    Ok(reply(StatusCode::OK, &json!(list)))
}

async fn show(Found(w, _): Found<AworkApi>) -> Reply {
    reply(StatusCode::OK, &awork_json(&w))
}

async fn create(With(app): With<Arc<App>>, Object(body, _): Object<AworkApi>) -> Answer {
    let base = WebhookInput {
        public_id: uuid::Uuid::new_v4().to_string(),
        name: String::new(),
        url: String::new(),
        events: vec![],
        secret: None,
        signed: false,
        extra: json!({"language": "en", "onlyTriggerForMainEntityChanges": false}),
    };
    let (input, active) =
        awork_input(&app, &body, base).map_err(|m| fail(API, StatusCode::BAD_REQUEST, &m))?;
    let w = app.create_with(input, active).map_err(failed)?;
    Ok(reply(StatusCode::CREATED, &awork_json(&w)))
}

async fn update(
    With(app): With<Arc<App>>,
    Found(w, _): Found<AworkApi>,
    Object(body, _): Object<AworkApi>,
) -> Answer {
    let (input, active) = awork_input(&app, &body, input_of(&w))
        .map_err(|m| fail(API, StatusCode::BAD_REQUEST, &m))?;
    let w = app.update_with(&w, &input, active).map_err(failed)?;
    Ok(reply(StatusCode::OK, &awork_json(&w)))
}

async fn remove(With(app): With<Arc<App>>, Found(w, _): Found<AworkApi>) -> Answer {
    app.store.delete_webhook(w.id).map_err(failed)?;
    Ok(no_content())
}
