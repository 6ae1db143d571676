//! WebWork's two management APIs, v1 under `/rest-api/v1/webhooks` and v2
//! under `/api/v2/webhooks`: one set of routes, the version deciding the
//! envelope, the page shape and v2's workspaces.

use super::{event_list, generate_secret, input_of, now_text, status_json, valid_url};
use super::{fail, internal, query, read_object, reply, Api, App, Reply};
use crate::emulator::store::{Webhook, WebhookInput};
use crate::Result;
use hyper::body::Incoming;
use hyper::{Method, Request, StatusCode};
use serde_json::{json, Map, Value};

/// WebWork pages hold 50 webhooks.
const WEBWORK_PAGE: usize = 50;

fn webwork_json(w: &Webhook) -> Value {
    json!({
        "id": w.public_id.parse::<i64>().unwrap_or(w.id),
        "url": w.url,
        "events": w.events,
        "token": w.secret,
        "hooksStatus": status_json(w),
    })
}

/// WebWork's two management APIs: v1 (`{success, webhook}`, pages as
/// `max_rows`…) and v2 (`{success, data, meta}`, every webhook in a
/// workspace named by `workspace_id`: a query parameter on reads and
/// deletes, a body field on writes).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum WebWorkApi {
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

pub(super) async fn routes(
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
