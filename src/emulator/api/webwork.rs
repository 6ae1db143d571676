//! WebWork's two management APIs, v1 under `/rest-api/v1/webhooks` and v2
//! under `/api/v2/webhooks`: one set of routes, the version deciding the
//! envelope, the page shape and v2's workspaces.

use super::{authenticate, fail, refusing, reply, status_json, valid_url, Answer, Api, App};
use super::{basic_auth_ok, bearer_ok, event_list, generate_secret, input_of, now_text};
use super::{Found, Keyed, Object, Reply, Shape};
use crate::emulator::store::{Webhook, WebhookInput};
use axum::extract::{Query, Request, State as With};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::routing::{any, get};
use axum::Router;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// An error on the way, as this API's 500.
fn failed(e: crate::Error) -> Reply {
    super::internal(API, &e)
}

const API: Api = Api::WebWork;

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

/// A WebWork version as a type, for the routes and extractors.
pub(super) trait Version: Keyed {
    const VERSION: WebWorkApi;
}

/// `/rest-api/v1/webhooks`, HTTP Basic (any e-mail, the API key).
pub(super) struct V1;
/// `/api/v2/webhooks`, a Bearer token.
pub(super) struct V2;

impl Shape for V1 {
    const API: Api = API;

    fn not_found(id: &str) -> String {
        format!("Webhook {id} not found")
    }
}

impl Keyed for V1 {
    const UNAUTHORIZED: &'static str = "Unauthorized: check the e-mail and API key";

    fn authorized(headers: &HeaderMap, key: &str) -> bool {
        basic_auth_ok(headers, key)
    }
}

impl Version for V1 {
    const VERSION: WebWorkApi = WebWorkApi::V1;
}

impl Shape for V2 {
    const API: Api = API;

    fn not_found(id: &str) -> String {
        V1::not_found(id)
    }

    /// A v2 webhook of another workspace is not found in this one.
    fn visible(w: &Webhook, parts: &Parts) -> bool {
        let named = query_workspace(&parts.uri);
        named.is_none() || workspace_of(w) == named.as_deref()
    }
}

impl Keyed for V2 {
    const UNAUTHORIZED: &'static str = "Unauthenticated: check the API token";

    fn authorized(headers: &HeaderMap, key: &str) -> bool {
        bearer_ok(headers, key)
    }
}

impl Version for V2 {
    const VERSION: WebWorkApi = WebWorkApi::V2;
}

/// The `workspace_id` a request's query names.
fn query_workspace(uri: &Uri) -> Option<String> {
    Query::<HashMap<String, String>>::try_from_uri(uri)
        .ok()?
        .0
        .get("workspace_id")
        .map(|w| w.trim().to_string())
        .filter(|w| !w.is_empty())
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

/// The routes of version `V`, behind the API key. A method a route does
/// not take is a 405, on one webhook once it is found; a deeper path below
/// an existing webhook is a 404. v2 reads and deletes name their workspace.
pub(super) fn routes<V: Version>(app: &Arc<App>) -> Router<Arc<App>> {
    let router = Router::new()
        .route("/", refusing(get(list::<V>).post(create::<V>), not_allowed))
        .route(
            "/{id}",
            refusing(
                get(show::<V>).put(update::<V>).delete(remove::<V>),
                found_not_allowed::<V>,
            ),
        )
        .route("/{id}/{*rest}", any(elsewhere::<V>));
    let router = match V::VERSION {
        WebWorkApi::V1 => router,
        WebWorkApi::V2 => router.layer(middleware::from_fn(workspace_named)),
    };
    router.layer(middleware::from_fn_with_state(
        app.clone(),
        authenticate::<V>,
    ))
}

async fn workspace_named(req: Request, next: Next) -> Reply {
    if matches!(*req.method(), Method::GET | Method::DELETE) && query_workspace(req.uri()).is_none()
    {
        return workspace_missing();
    }
    next.run(req).await
}

async fn not_allowed(method: Method) -> Reply {
    fail(
        API,
        StatusCode::METHOD_NOT_ALLOWED,
        &format!("{method} is not allowed here"),
    )
}

async fn found_not_allowed<V: Version>(_: Found<V>, method: Method) -> Reply {
    not_allowed(method).await
}

async fn elsewhere<V: Version>(_: Found<V>) -> Reply {
    fail(API, StatusCode::NOT_FOUND, "Not found")
}

async fn list<V: Version>(
    With(app): With<Arc<App>>,
    Query(q): Query<HashMap<String, String>>,
    uri: Uri,
) -> Answer {
    let version = V::VERSION;
    let workspace = query_workspace(&uri);
    let page = match q.get("page").map(|p| p.parse::<usize>()) {
        None => 1,
        Some(Ok(p)) if p >= 1 => p,
        Some(_) => {
            return Err(fail(
                API,
                StatusCode::UNPROCESSABLE_ENTITY,
                "page must be a number from 1",
            ))
        }
    };
    let all: Vec<Webhook> = app
        .store
        .webhooks()
        .map_err(failed)?
        .into_iter()
        .filter(|w| version == WebWorkApi::V1 || workspace_of(w) == workspace.as_deref())
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
    Ok(reply(StatusCode::OK, &body))
}

async fn show<V: Version>(Found(w, _): Found<V>) -> Reply {
    reply(
        StatusCode::OK,
        &json!({"success": true, "data": webwork_json(&w)}),
    )
}

fn invalid(errors: Value) -> Reply {
    reply(
        StatusCode::UNPROCESSABLE_ENTITY,
        &json!({"success": false, "message": "The given data was invalid.", "errors": errors}),
    )
}

async fn create<V: Version>(With(app): With<Arc<App>>, Object(body, _): Object<V>) -> Answer {
    let version = V::VERSION;
    let workspace = workspace_text(body.get("workspace_id"));
    if version == WebWorkApi::V2 && workspace.is_none() {
        return Err(workspace_missing());
    }
    let url = body
        .get("url")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let events = body.get("events").and_then(event_list).unwrap_or_default();
    let mut errors = Map::new();
    if !valid_url(&url) {
        errors.insert(
            "url".into(),
            json!(["The url field is required and must be a valid URL."]),
        );
    }
    if events.is_empty() {
        errors.insert("events".into(), json!(["The events field is required."]));
    }
    if !errors.is_empty() {
        return Err(invalid(Value::Object(errors)));
    }
    let number = app.store.next_webhook_number().map_err(failed)?;
    let w = app
        .create(WebhookInput {
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
        })
        .map_err(failed)?;
    Ok(reply(
        StatusCode::OK,
        &json!({"success": true, version.written_key(): webwork_json(&w)}),
    ))
}

async fn update<V: Version>(
    With(app): With<Arc<App>>,
    Found(w, _): Found<V>,
    Object(body, _): Object<V>,
) -> Answer {
    let version = V::VERSION;
    if version == WebWorkApi::V2 {
        match workspace_text(body.get("workspace_id")) {
            None => return Err(workspace_missing()),
            Some(ws) if workspace_of(&w) != Some(ws.as_str()) => {
                return Err(fail(
                    API,
                    StatusCode::NOT_FOUND,
                    &V::not_found(&w.public_id),
                ))
            }
            Some(_) => {}
        }
    }
    let url = body
        .get("url")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if !valid_url(&url) {
        return Err(invalid(
            json!({"url": ["The url field is required and must be a valid URL."]}),
        ));
    }
    let events = match body.get("events") {
        Some(v) => match event_list(v) {
            Some(e) if !e.is_empty() => e,
            _ => {
                return Err(invalid(
                    json!({"events": ["The events field must be a non-empty array."]}),
                ))
            }
        },
        None => w.events.clone(),
    };
    app.store
        .update_webhook(
            w.id,
            &WebhookInput {
                url,
                events,
                ..input_of(&w)
            },
            &now_text(),
        )
        .map_err(failed)?;
    Ok(reply(
        StatusCode::OK,
        &json!({"success": true, version.written_key(): webwork_json(&app.reload(&w).map_err(failed)?)}),
    ))
}

async fn remove<V: Version>(With(app): With<Arc<App>>, Found(w, _): Found<V>) -> Answer {
    app.store.delete_webhook(w.id).map_err(failed)?;
    Ok(match V::VERSION {
        WebWorkApi::V1 => reply(StatusCode::OK, &json!({"success": true})),
        WebWorkApi::V2 => reply(StatusCode::OK, &json!({"success": true, "data": null})),
    })
}
