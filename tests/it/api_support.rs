//! Fake provider management APIs on 127.0.0.1:0 that follow the contracts in
//! docs/management-api-shapes.md and record every request, plus a runner
//! that checks the API key never shows up in what the binary prints.
#![allow(dead_code)]

use crate::support::Env;
use base64::Engine;
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::service::service_fn;
use hyper::{Request, Response};
use serde_json::{json, Value};
use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The API key every test uses; no output may ever contain it.
pub const KEY: &str = "key_Zq9xT4-never-print-me";
pub const EMAIL: &str = "dev@example.com";
pub const WORKSPACE: &str = "ws_77";

/// One request as the fake API saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    pub authorization: Option<String>,
    pub content_type: Option<String>,
    pub body: String,
}

impl Seen {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).expect("the request body is JSON")
    }

    /// `METHOD path?query`, for comparing the sequence of requests.
    pub fn line(&self) -> String {
        match &self.query {
            Some(q) => format!("{} {}?{q}", self.method, self.path),
            None => format!("{} {}", self.method, self.path),
        }
    }
}

/// What the fake API answers.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn json(status: u16, body: Value) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: body.to_string(),
        }
    }

    pub fn empty(status: u16) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: String::new(),
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
}

type Handler = Arc<dyn Fn(&Seen) -> Reply + Send + Sync>;

/// A real HTTP/1.1 server on 127.0.0.1:0. Replies queued with [`script`]
/// go out first, in order; then the handler answers per the contract.
pub struct FakeApi {
    pub addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
    scripted: Arc<Mutex<VecDeque<Reply>>>,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

impl FakeApi {
    pub fn start(handler: Handler) -> FakeApi {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let scripted = Arc::new(Mutex::new(VecDeque::<Reply>::new()));
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let (seen2, scripted2) = (seen.clone(), scripted.clone());
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                addr_tx.send(listener.local_addr().unwrap()).unwrap();
                let accept = async {
                    loop {
                        let Ok((stream, _)) = listener.accept().await else {
                            continue;
                        };
                        let (seen, scripted, handler) =
                            (seen2.clone(), scripted2.clone(), handler.clone());
                        tokio::spawn(async move {
                            let service = service_fn(move |req: Request<Incoming>| {
                                let (seen, scripted, handler) =
                                    (seen.clone(), scripted.clone(), handler.clone());
                                async move {
                                    let (parts, body) = req.into_parts();
                                    let body = body
                                        .collect()
                                        .await
                                        .map(|b| b.to_bytes())
                                        .unwrap_or_default();
                                    let header = |n: &str| {
                                        parts
                                            .headers
                                            .get(n)
                                            .map(|v| v.to_str().unwrap().to_string())
                                    };
                                    let request = Seen {
                                        method: parts.method.to_string(),
                                        path: parts.uri.path().to_string(),
                                        query: parts.uri.query().map(str::to_string),
                                        authorization: header("authorization"),
                                        content_type: header("content-type"),
                                        body: String::from_utf8_lossy(&body).into_owned(),
                                    };
                                    seen.lock().unwrap().push(request.clone());
                                    let next = scripted.lock().unwrap().pop_front();
                                    let reply = next.unwrap_or_else(|| handler(&request));
                                    let mut response = Response::builder().status(reply.status);
                                    if !reply.body.is_empty() {
                                        response =
                                            response.header("content-type", "application/json");
                                    }
                                    for (k, v) in &reply.headers {
                                        response = response.header(k, v);
                                    }
                                    Ok::<_, std::convert::Infallible>(
                                        response.body(Full::new(Bytes::from(reply.body))).unwrap(),
                                    )
                                }
                            });
                            let _ = hyper::server::conn::http1::Builder::new()
                                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                                .await;
                        });
                    }
                };
                tokio::select! {
                    _ = accept => {}
                    _ = rx => {}
                }
            });
        });
        let addr = addr_rx.recv_timeout(Duration::from_secs(10)).unwrap();
        FakeApi {
            addr,
            seen,
            scripted,
            _shutdown: tx,
        }
    }

    pub fn url(&self, base_path: &str) -> String {
        format!("http://{}{base_path}", self.addr)
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    pub fn lines(&self) -> Vec<String> {
        self.seen().iter().map(Seen::line).collect()
    }

    /// Queues replies that go out before the contract answers.
    pub fn script(&self, replies: Vec<Reply>) {
        self.scripted.lock().unwrap().extend(replies);
    }
}

pub fn basic_auth() -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{EMAIL}:{KEY}"))
    )
}

pub fn bearer() -> String {
    format!("Bearer {KEY}")
}

fn query_param(seen: &Seen, name: &str) -> Option<String> {
    seen.query.as_deref().and_then(|q| {
        q.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            (k == name).then(|| v.to_string())
        })
    })
}

/// The WebWork API, v1 or v2, per the shapes document.
pub struct WebWorkFake {
    pub api: FakeApi,
    pub version: u8,
    pub store: Arc<Mutex<Vec<Value>>>,
}

impl WebWorkFake {
    pub fn start(version: u8, webhooks: Vec<Value>) -> WebWorkFake {
        let store = Arc::new(Mutex::new(webhooks));
        let state = store.clone();
        let api = FakeApi::start(Arc::new(move |r| webwork_answer(version, &state, r)));
        WebWorkFake {
            api,
            version,
            store,
        }
    }

    pub fn base(&self) -> String {
        self.api.url(if self.version == 1 {
            "/rest-api/v1"
        } else {
            "/api/v2"
        })
    }

    /// The flags that point `hooks` at this fake (the key comes from the env).
    pub fn args(&self) -> Vec<String> {
        let mut args = vec![
            "--provider".to_string(),
            "webwork".into(),
            "--api-url".into(),
            self.base(),
        ];
        if self.version == 1 {
            args.extend(["--account-email".to_string(), EMAIL.into()]);
        } else {
            args.extend([
                "--api-version".to_string(),
                "2".into(),
                "--workspace-id".into(),
                WORKSPACE.into(),
            ]);
        }
        args
    }
}

pub fn ww_hook(id: u64, url: &str, events: &[&str]) -> Value {
    json!({"id": id, "url": url, "events": events, "token": format!("tok_{id}")})
}

fn webwork_answer(version: u8, store: &Mutex<Vec<Value>>, r: &Seen) -> Reply {
    let prefix = if version == 1 {
        "/rest-api/v1"
    } else {
        "/api/v2"
    };
    let fail = |status: u16, message: &str| {
        Reply::json(status, json!({"success": false, "message": message}))
    };
    let expected_auth = if version == 1 { basic_auth() } else { bearer() };
    if r.authorization.as_deref() != Some(expected_auth.as_str()) {
        return fail(401, "Unauthenticated.");
    }
    let Some(rest) = r.path.strip_prefix(prefix) else {
        return fail(404, "Not found.");
    };
    if version == 2 {
        let ws = match r.method.as_str() {
            "GET" | "DELETE" => query_param(r, "workspace_id"),
            _ => serde_json::from_str::<Value>(&r.body)
                .ok()
                .and_then(|b| b["workspace_id"].as_str().map(str::to_string)),
        };
        if ws.as_deref() != Some(WORKSPACE) {
            return fail(422, "The workspace id field is required.");
        }
    }
    let mut hooks = store.lock().unwrap();
    let id: Option<u64> = rest.strip_prefix("/webhooks/").and_then(|s| s.parse().ok());
    let single = |w: &Value, write: bool| {
        if version == 1 && write {
            json!({"success": true, "webhook": w})
        } else {
            json!({"success": true, "data": w})
        }
    };
    match (r.method.as_str(), rest, id) {
        ("GET", "/webhooks", _) => {
            let page: usize = query_param(r, "page")
                .and_then(|p| p.parse().ok())
                .unwrap_or(1);
            let total = hooks.len();
            let pages = total.div_ceil(50).max(1);
            let data: Vec<Value> = hooks
                .iter()
                .skip((page - 1) * 50)
                .take(50)
                .cloned()
                .collect();
            Reply::json(
                200,
                if version == 1 {
                    json!({"max_rows": total, "current_page": page, "total_pages": pages, "data": data})
                } else {
                    json!({"success": true, "data": data, "meta": {"current_page": page, "last_page": pages, "per_page": 50, "total": total}})
                },
            )
        }
        ("POST", "/webhooks", _) => {
            let body: Value = serde_json::from_str(&r.body).unwrap_or(Value::Null);
            let url = body["url"].as_str().unwrap_or_default();
            if !url.starts_with("http") {
                return Reply::json(
                    422,
                    json!({"success": false, "message": "The given data was invalid.", "errors": {"url": ["The url must be a valid URL."]}}),
                );
            }
            let next = hooks
                .iter()
                .filter_map(|w| w["id"].as_u64())
                .max()
                .unwrap_or(0)
                + 1;
            let token = if version == 2 {
                format!("whsec_fake{next}")
            } else {
                format!("tok_{next}")
            };
            let w = json!({"id": next, "url": url, "events": body["events"], "token": token});
            hooks.push(w.clone());
            Reply::json(200, single(&w, true))
        }
        (method, _, Some(id)) => {
            let Some(index) = hooks.iter().position(|w| w["id"] == json!(id)) else {
                return fail(404, "Webhook not found.");
            };
            match method {
                "GET" => Reply::json(200, single(&hooks[index], false)),
                "PUT" => {
                    let body: Value = serde_json::from_str(&r.body).unwrap_or(Value::Null);
                    let Some(url) = body["url"].as_str() else {
                        return Reply::json(
                            422,
                            json!({"success": false, "message": "The given data was invalid.", "errors": {"url": ["The url field is required."]}}),
                        );
                    };
                    hooks[index]["url"] = json!(url);
                    if body["events"].is_array() {
                        hooks[index]["events"] = body["events"].clone();
                    }
                    Reply::json(200, single(&hooks[index], true))
                }
                "DELETE" => {
                    hooks.remove(index);
                    Reply::json(
                        200,
                        if version == 1 {
                            json!({"success": true})
                        } else {
                            json!({"success": true, "data": null})
                        },
                    )
                }
                _ => fail(405, "Method not allowed."),
            }
        }
        _ => fail(404, "Not found."),
    }
}

/// The awork API per the shapes document.
pub struct AworkFake {
    pub api: FakeApi,
    pub store: Arc<Mutex<Vec<Value>>>,
}

pub const AWORK_EVENT_TYPES: &[&str] = &["task_changed", "project_added", "company_added"];

impl AworkFake {
    pub fn start(webhooks: Vec<Value>) -> AworkFake {
        let store = Arc::new(Mutex::new(webhooks));
        let state = store.clone();
        let api = FakeApi::start(Arc::new(move |r| awork_answer(&state, r)));
        AworkFake { api, store }
    }

    pub fn args(&self) -> Vec<String> {
        vec![
            "--provider".to_string(),
            "awork".into(),
            "--api-url".into(),
            self.api.url("/api/v1"),
        ]
    }
}

pub fn aw_hook(n: u32, uri: &str, events: &str, active: bool) -> Value {
    json!({
        "id": format!("00000000-0000-4000-8000-{n:012}"),
        "name": format!("hook {n}"),
        "uri": uri,
        "isActive": active,
        "language": "en",
        "onlyTriggerForMainEntityChanges": false,
        "events": events,
        "authenticationType": "none",
        "authentication": "",
        "createdOn": "2026-01-02T03:04:05Z",
        "updatedOn": "2026-01-02T03:04:05Z",
    })
}

fn awork_answer(store: &Mutex<Vec<Value>>, r: &Seen) -> Reply {
    let fail = |status: u16, code: &str, description: &str| {
        Reply::json(status, json!({"code": code, "description": description}))
    };
    if r.authorization.as_deref() != Some(bearer().as_str()) {
        return fail(401, "unauthorized", "The API key is not valid.");
    }
    let Some(rest) = r.path.strip_prefix("/api/v1") else {
        return fail(404, "not-found", "No such route.");
    };
    let mut hooks = store.lock().unwrap();
    match (r.method.as_str(), rest) {
        ("GET", "/webhooks") => {
            let page: usize = query_param(r, "page")
                .and_then(|p| p.parse().ok())
                .unwrap_or(1);
            let size: usize = query_param(r, "pageSize")
                .and_then(|p| p.parse().ok())
                .unwrap_or(50);
            let data: Vec<Value> = hooks
                .iter()
                .skip((page - 1) * size)
                .take(size)
                .cloned()
                .collect();
            Reply::json(200, json!(data))
        }
        ("GET", "/webhooks/eventtypes") => Reply::json(200, json!(AWORK_EVENT_TYPES)),
        ("POST", "/webhooks") => {
            let mut body: Value = serde_json::from_str(&r.body).unwrap_or(Value::Null);
            if body["uri"].as_str().unwrap_or_default().is_empty() {
                return fail(400, "validation-error", "uri is required");
            }
            body["id"] = json!(format!("00000000-0000-4000-8000-{:012}", hooks.len() + 900));
            body["createdOn"] = json!("2026-02-03T04:05:06Z");
            body["updatedOn"] = json!("2026-02-03T04:05:06Z");
            hooks.push(body.clone());
            Reply::json(201, body)
        }
        (method, rest) => {
            let rest = rest.strip_prefix("/webhooks/").unwrap_or_default();
            let (id, logs) = match rest.strip_suffix("/logs") {
                Some(id) => (id, true),
                None => (rest, false),
            };
            let Some(index) = hooks.iter().position(|w| w["id"] == json!(id)) else {
                return fail(404, "not-found", "Webhook not found");
            };
            match (method, logs) {
                ("GET", true) => Reply::json(
                    200,
                    json!([
                        {"message": "Delivered", "responseCode": 200, "isSuccessful": true, "reason": null, "createdOn": "2026-03-01T10:00:00Z"},
                        {"message": "Connection refused", "responseCode": 0, "isSuccessful": false, "reason": "connection_error", "createdOn": "2026-03-01T10:01:00Z"}
                    ]),
                ),
                ("GET", false) => Reply::json(200, hooks[index].clone()),
                ("PUT", false) => {
                    let body: Value = serde_json::from_str(&r.body).unwrap_or(Value::Null);
                    let mut updated = body.clone();
                    for k in ["id", "createdOn"] {
                        updated[k] = hooks[index][k].clone();
                    }
                    updated["updatedOn"] = json!("2026-04-05T06:07:08Z");
                    hooks[index] = updated.clone();
                    Reply::json(200, updated)
                }
                ("DELETE", false) => {
                    hooks.remove(index);
                    Reply::empty(204)
                }
                _ => fail(405, "method-not-allowed", "Method not allowed"),
            }
        }
    }
}

/// What one run of the binary printed, and how it exited.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json_lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("each stdout line is JSON"))
            .collect()
    }
}

/// Runs `hooks` with the key in HOOKS_API_KEY and no terminal, and checks
/// the key appears nowhere in its output.
pub fn hooks(env: &Env, args: &[String]) -> Run {
    hooks_with(env, args, |c| {
        c.env("HOOKS_API_KEY", KEY);
    })
}

pub fn hooks_with(env: &Env, args: &[String], setup: impl FnOnce(&mut assert_cmd::Command)) -> Run {
    let mut cmd = env.hooks();
    cmd.args(args).env_remove("CI");
    setup(&mut cmd);
    let out = cmd.output().expect("hooks runs");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert_no_key(&run.stdout);
    assert_no_key(&run.stderr);
    run
}

pub fn assert_no_key(text: &str) {
    assert!(
        !text.contains(KEY),
        "the API key leaked into output:\n{text}"
    );
    let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{EMAIL}:{KEY}"));
    assert!(
        !text.contains(&encoded),
        "the Basic credentials leaked:\n{text}"
    );
}

/// `a b c` + extra flags, as owned strings.
pub fn args(words: &[&str], extra: &[String]) -> Vec<String> {
    words
        .iter()
        .map(|s| s.to_string())
        .chain(extra.iter().cloned())
        .collect()
}
