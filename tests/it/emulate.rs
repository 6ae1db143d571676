//! `hooks emulate`: the real binary as a provider, delivering to a real
//! receiver on 127.0.0.1, with a small --time-scale. Every wait is bounded.

use crate::support::{Env, Receiver};
use serde_json::{json, Value};
use std::collections::HashSet;
use std::io::BufRead;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running emulator; killed when dropped.
pub(crate) struct Emulator {
    child: Child,
    base: String,
    stdout: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    /// `Bearer KEY` with the emulator's API key (given or generated).
    bearer: String,
}

/// The API key an emulator started with `args` uses: `--api-key`, else the
/// one it generated in its data directory.
fn key_of(env: &Env, args: &[&str]) -> String {
    let after = |flag: &str| {
        args.iter()
            .position(|a| *a == flag)
            .map(|i| args[i + 1].to_string())
    };
    if let Some(key) = after("--api-key") {
        return key;
    }
    let dir = after("--data-dir").map_or_else(
        || {
            env.data_dir()
                .join("emulator")
                .join(after("--provider").expect("a --provider"))
        },
        Into::into,
    );
    std::fs::read_to_string(dir.join("api-key"))
        .expect("the emulator's generated key")
        .trim()
        .to_string()
}

impl Emulator {
    pub(crate) fn start(env: &Env, args: &[&str]) -> Emulator {
        let mut child = env
            .hooks_std()
            .arg("emulate")
            .args(args)
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("hooks emulate starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let lines = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let kept = lines.clone();
        // Keep draining stdout so the emulator never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(base) = line.strip_prefix("listening on ") {
                    let _ = tx.send(base.to_string());
                }
                kept.lock().unwrap().push(line);
            }
        });
        let base = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the emulator prints its address");
        Emulator {
            child,
            base,
            stdout: lines,
            bearer: format!("Bearer {}", key_of(env, args)),
        }
    }

    /// Waits (bounded) until stdout has at least `n` lines; returns them.
    pub(crate) fn lines(&self, n: usize, within: Duration) -> Vec<String> {
        let deadline = Instant::now() + within;
        loop {
            let got = self.stdout.lock().unwrap().clone();
            if got.len() >= n || Instant::now() > deadline {
                return got;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits (bounded) for the banner line that starts with `label` (e.g.
    /// "secret:") and returns the rest.
    fn banner(&self, label: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let found = self
                .stdout
                .lock()
                .unwrap()
                .iter()
                .find_map(|l| l.strip_prefix(label).map(|r| r.trim().to_string()));
            match found {
                Some(rest) => return rest,
                None if Instant::now() > deadline => panic!("no {label} line"),
                None => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub(crate) fn emulator_get(&self, path: &str) -> Value {
        let (status, body) = http("GET", &self.url(path), Some(&self.bearer), None);
        assert_eq!(status, 200, "{path}: {body}");
        body
    }

    pub(crate) fn create(&self, url: &str, events: &[&str]) -> Value {
        let (status, body) = http(
            "POST",
            &self.url("/_emulator/webhooks"),
            Some(&self.bearer),
            Some(json!({"url": url, "events": events})),
        );
        assert_eq!(status, 201, "{body}");
        body
    }

    pub(crate) fn trigger(&self, event: &str, count: u64) -> Value {
        let (status, body) = http(
            "POST",
            &self.url("/_emulator/events"),
            Some(&self.bearer),
            Some(json!({"type": event, "count": count})),
        );
        assert_eq!(status, 202, "{body}");
        body
    }

    /// Waits (bounded) until the emulator webhook `id` is in `state`.
    fn wait_state(&self, id: &str, state: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let w = self.emulator_get(&format!("/_emulator/webhooks/{id}"));
            if w["hooksStatus"]["state"] == state || Instant::now() > deadline {
                return w;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub(crate) fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.kill();
    }
}

/// One HTTP request with a JSON body; returns the status and JSON (Null if
/// the body is not JSON).
fn http(method: &str, url: &str, auth: Option<&str>, body: Option<Value>) -> (u16, Value) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap();
        let mut req = client.request(method.parse().unwrap(), url);
        if let Some(a) = auth {
            req = req.header("authorization", a);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.expect("the emulator answers");
        let status = resp.status().as_u16();
        let bytes = resp.bytes().await.unwrap();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    })
}

/// A receiver that answers `fail_first` requests with 500, then 200, and
/// notes when each request arrived.
fn failing(fail_first: usize) -> (Receiver, Arc<Mutex<Vec<Instant>>>) {
    let times = Arc::new(Mutex::new(Vec::new()));
    let seen = times.clone();
    let receiver = Receiver::with(Arc::new(move |i| {
        seen.lock().unwrap().push(Instant::now());
        if i < fail_first {
            (500, b"{\"error\":\"down\"}".to_vec())
        } else {
            (200, b"{\"ok\":true}".to_vec())
        }
    }));
    (receiver, times)
}

/// Offsets of each arrival from the first, in milliseconds.
fn offsets(times: &[Instant]) -> Vec<u128> {
    times
        .iter()
        .map(|t| t.duration_since(times[0]).as_millis())
        .collect()
}

/// The observed arrivals are never early (20 ms for clock rounding). How
/// late they may be is left to the machine (no upper timing bound in a
/// test); the schedule itself is checked from the emulator's log by
/// [`assert_scheduled`].
fn assert_schedule(observed: &[u128], expected_ms: &[u128]) {
    assert_eq!(observed.len(), expected_ms.len(), "{observed:?}");
    for (o, e) in observed.iter().zip(expected_ms) {
        assert!(
            *o + 20 >= *e,
            "observed {observed:?}, expected {expected_ms:?}"
        );
    }
}

/// The retry times the emulator scheduled, from its attempt log, are the
/// provider's offsets from the first attempt, exactly (to the millisecond);
/// only when an attempt finished after its successor's time had already
/// passed may the successor be scheduled for "now" instead.
fn assert_scheduled(log: &Value, expected_ms: &[u128]) {
    let at = |v: &Value| -> u128 {
        let t = humantime::parse_rfc3339(v.as_str().expect("a timestamp")).unwrap();
        t.duration_since(std::time::UNIX_EPOCH).unwrap().as_millis()
    };
    let attempts = log["data"].as_array().expect("the attempt log");
    assert_eq!(attempts.len(), expected_ms.len(), "{log}");
    let first = at(&attempts[0]["started_at"]);
    for (k, a) in attempts.iter().enumerate().take(expected_ms.len() - 1) {
        let scheduled = at(&a["next_retry_at"]) - first;
        let finished =
            at(&a["started_at"]) - first + a["latency_ms"].as_f64().unwrap_or(0.0) as u128;
        let wanted = expected_ms[k + 1];
        assert!(
            scheduled.abs_diff(wanted) <= 1 || (scheduled > wanted && scheduled <= finished + 5),
            "attempt {} scheduled its retry at +{scheduled} ms, expected +{wanted} ms: {log}",
            k + 1
        );
    }
    assert!(attempts.last().unwrap()["next_retry_at"].is_null(), "{log}");
}

fn data_dir(env: &Env) -> String {
    env.dir.path().join("emu").display().to_string()
}

#[test]
fn emulate_workestra_retries_on_schedule_disables_after_five_and_reenables() {
    let env = Env::new();
    // Webhook 1 never recovers before being disabled; webhook 2 recovers on
    // the fifth and last attempt.
    let (dead, dead_times) = failing(5);
    let (late, _) = failing(4);
    let dir = data_dir(&env);
    let emu = Emulator::start(
        &env,
        &[
            "--provider",
            "workestra",
            "--time-scale",
            "0.01",
            "--secret",
            "s3cret",
            "--data-dir",
            &dir,
        ],
    );
    let w1 = emu.create(&dead.url("/hook"), &["contact"]);
    let w2 = emu.create(&late.url("/hook"), &["contact"]);
    let id1 = w1["id"].as_str().unwrap().to_string();
    let id2 = w2["id"].as_str().unwrap().to_string();

    // Creating a webhook sends endpoint.verify; it fails 5 times on webhook 1.
    let got = dead.wait_for(5, Duration::from_secs(30));
    assert_eq!(got.len(), 5);
    assert!(got.iter().all(|r| r.json()["type"] == "endpoint.verify"));
    let disabled = emu.wait_state(&id1, "disabled");
    assert_eq!(disabled["hooksStatus"]["state"], "disabled", "{disabled}");
    assert_eq!(disabled["hooksStatus"]["failures"], 5);
    assert!(disabled["hooksStatus"]["reason"]
        .as_str()
        .unwrap()
        .contains("5 failed attempts"));
    // 5 s, 30 s, 2 min, 10 min after the first attempt, scaled by 0.01.
    let expected = [0, 50, 300, 1200, 6000];
    assert_schedule(&offsets(&dead_times.lock().unwrap()), &expected);
    assert_scheduled(
        &emu.emulator_get(&format!("/_emulator/deliveries?webhook={id1}")),
        &expected,
    );
    // Every attempt is signed with the configured secret.
    let scheme = hooks::providers::get("workestra").unwrap().scheme;
    for r in &got {
        assert!(scheme
            .verify(&["s3cret".to_string()], &r.headers, &r.body, 0, 300)
            .is_valid());
    }

    // Webhook 2 failed 4 times, then succeeded: still active, not disabled.
    let got2 = late.wait_for(5, Duration::from_secs(30));
    assert_eq!(got2.len(), 5);
    let active = emu.wait_state(&id2, "active");
    let log = emu.emulator_get(&format!("/_emulator/deliveries?webhook={id2}"));
    let last = log["data"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["attempt"], 5, "{log}");
    assert_eq!(last["ok"], true);
    assert_eq!(active["hooksStatus"]["state"], "active");
    assert_eq!(active["hooksStatus"]["failures"], 0);

    // A disabled webhook gets no new events until it is re-enabled.
    emu.trigger("contact.created", 1);
    let got2 = late.wait_for(6, Duration::from_secs(30));
    assert_eq!(got2.len(), 6);
    assert_eq!(dead.received().len(), 5);
    let (status, body) = http(
        "PUT",
        &emu.url(&format!("/_emulator/webhooks/{id1}")),
        Some(&emu.bearer),
        Some(json!({"active": true})),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["hooksStatus"]["state"], "active");
    emu.trigger("contact.created", 1);
    let got = dead.wait_for(6, Duration::from_secs(30));
    assert_eq!(got.len(), 6);
    assert_eq!(got[5].json()["type"], "contact.created");
}

#[test]
fn emulate_awork_pauses_after_more_than_ten_failures_until_reactivated() {
    let env = Env::new();
    let (dead, dead_times) = failing(11);
    let (late, _) = failing(10);
    let dir = data_dir(&env);
    let emu = Emulator::start(
        &env,
        &[
            "--provider",
            "awork",
            "--time-scale",
            "0.005",
            "--api-key",
            "k1",
            "--data-dir",
            &dir,
        ],
    );
    let auth = Some("Bearer k1");
    let create = |url: String| {
        let (status, body) = http(
            "POST",
            &emu.url("/api/v1/webhooks"),
            auth,
            Some(json!({
                "name": "test", "uri": url, "isActive": true, "language": "en",
                "onlyTriggerForMainEntityChanges": false, "events": "task_changed,project_added",
                "authenticationType": "header", "authentication": "X-Token=abc"
            })),
        );
        assert_eq!(status, 201, "{body}");
        body["id"].as_str().unwrap().to_string()
    };
    let id1 = create(dead.url("/a"));
    let id2 = create(late.url("/b"));
    emu.trigger("task_changed", 1);

    let got = dead.wait_for(11, Duration::from_secs(30));
    assert_eq!(got.len(), 11);
    assert!(got
        .iter()
        .all(|r| r.header("x-token").as_deref() == Some("abc")));
    let get = |id: &str| {
        http(
            "GET",
            &emu.url(&format!("/api/v1/webhooks/{id}")),
            auth,
            None,
        )
        .1
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while get(&id1)["isActive"] != false && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let paused = get(&id1);
    assert_eq!(paused["isActive"], false, "{paused}");
    assert_eq!(paused["hooksStatus"]["state"], "paused");
    assert_eq!(paused["hooksStatus"]["failures"], 11);
    // A retry a minute (awork does not say how often; hooks' choice), scaled.
    let expected: Vec<u128> = (0..11).map(|n| n * 300).collect();
    assert_schedule(&offsets(&dead_times.lock().unwrap()), &expected);
    assert_scheduled(
        &emu.emulator_get(&format!("/_emulator/deliveries?webhook={id1}")),
        &expected,
    );
    let (_, logs) = http(
        "GET",
        &emu.url(&format!("/api/v1/webhooks/{id1}/logs")),
        auth,
        None,
    );
    let logs = logs.as_array().unwrap().clone();
    assert_eq!(logs.len(), 11);
    assert!(logs
        .iter()
        .all(|l| l["isSuccessful"] == false && l["responseCode"] == 500));

    // Ten failures then a success: never paused.
    let got2 = late.wait_for(11, Duration::from_secs(30));
    assert_eq!(got2.len(), 11);
    let deadline = Instant::now() + Duration::from_secs(30);
    while get(&id2)["hooksStatus"]["failures"] != 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(get(&id2)["isActive"], true);
    assert_eq!(get(&id2)["hooksStatus"]["state"], "active");

    // `update --active`: PUT isActive true resumes delivery.
    let (status, body) = http(
        "PUT",
        &emu.url(&format!("/api/v1/webhooks/{id1}")),
        auth,
        Some(json!({"isActive": true})),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["isActive"], true);
    emu.trigger("task_changed", 1);
    let got = dead.wait_for(12, Duration::from_secs(30));
    assert_eq!(got.len(), 12);
    assert_eq!(got[11].json()["eventType"], "task_changed");
}

#[test]
fn emulate_wheniwork_batches_events_within_the_window() {
    let env = Env::new();
    let app = Receiver::start();
    let dir = data_dir(&env);
    // A 1 s window (5 s scaled by 0.2): two trigger requests land in it.
    let emu = Emulator::start(
        &env,
        &[
            "--provider",
            "wheniwork",
            "--time-scale",
            "0.2",
            "--secret",
            "wiw",
            "--data-dir",
            &dir,
        ],
    );
    emu.create(&app.url("/wiw"), &["users", "shifts"]);
    emu.trigger("users::created", 2);
    emu.trigger("shifts::created", 1);
    let got = app.wait_for(1, Duration::from_secs(30));
    assert_eq!(got.len(), 1);
    let body = got[0].json();
    let types: Vec<&str> = body["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        ["users::created", "users::created", "shifts::created"]
    );
    assert!(got[0].header("x-webhook-id").is_some());
    let scheme = hooks::providers::get("wheniwork").unwrap().scheme;
    assert!(scheme
        .verify(&["wiw".to_string()], &got[0].headers, &got[0].body, 0, 300)
        .is_valid());

    // An event after the batch went out starts a new batch.
    emu.trigger("users::deleted", 1);
    let got = app.wait_for(2, Duration::from_secs(30));
    assert_eq!(got.len(), 2);
    assert_eq!(got[1].json()["events"].as_array().unwrap().len(), 1);
}

#[test]
fn emulate_resumes_pending_retries_after_kill_9() {
    let env = Env::new();
    let (app, _) = failing(25);
    let dir = data_dir(&env);
    let args = [
        "--provider",
        "standard",
        "--time-scale",
        "0.01",
        "--secret",
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "--data-dir",
        &dir,
    ];
    let mut emu = Emulator::start(&env, &args);
    emu.create(&app.url("/std"), &[]);
    let ids: HashSet<String> = emu.trigger("order.created", 10)["ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 10);
    app.wait_for(12, Duration::from_secs(30));
    emu.kill();
    let before = app.received().len();
    assert!(before < 35, "the kill came after everything was delivered");

    let emu = Emulator::start(&env, &args);
    let delivered = |received: &[crate::support::Received]| -> HashSet<String> {
        received
            .iter()
            .enumerate()
            .filter(|(i, _)| *i >= 25)
            .filter_map(|(_, r)| r.header("webhook-id"))
            .collect()
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while !ids.is_subset(&delivered(&app.received())) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let got = app.received();
    assert!(
        ids.is_subset(&delivered(&got)),
        "not every event was delivered after the restart"
    );
    let scheme = hooks::providers::get("standard").unwrap().scheme;
    let last = got.last().unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    assert!(scheme
        .verify(
            &["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".to_string()],
            &last.headers,
            &last.body,
            now,
            300
        )
        .is_valid());
    drop(emu);
}

#[test]
fn emulate_delivers_a_thousand_events_to_three_webhooks_exactly_once() {
    let env = Env::new();
    let app = Receiver::start();
    let dir = data_dir(&env);
    let emu = Emulator::start(&env, &["--provider", "standard", "--data-dir", &dir]);
    for path in ["/a", "/b", "/c"] {
        emu.create(&app.url(path), &[]);
    }
    env.hooks()
        .args([
            "emulate",
            "trigger",
            "order.created",
            "--count",
            "1000",
            "--api-url",
            &emu.base,
            "--api-key",
            emu.bearer.trim_start_matches("Bearer "),
        ])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "triggered 1000 x order.created for 3 webhook(s)",
        ));
    let got = app.wait_for(3000, Duration::from_secs(120));
    assert_eq!(got.len(), 3000);
    // Everything is delivered once the emulator says so; nothing more arrives.
    let deadline = Instant::now() + Duration::from_secs(30);
    while emu.emulator_get("/_emulator")["deliveries"] != json!({"delivered": 3000})
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        emu.emulator_get("/_emulator")["deliveries"],
        json!({"delivered": 3000})
    );
    let got = app.received();
    assert_eq!(got.len(), 3000);
    let unique: HashSet<(String, String)> = got
        .iter()
        .map(|r| (r.path_and_query.clone(), r.header("webhook-id").unwrap()))
        .collect();
    assert_eq!(unique.len(), 3000);
}

fn basic(key: &str) -> String {
    use base64::Engine;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("me@example.com:{key}"))
    )
}

#[test]
fn emulate_webwork_management_api_answers_the_documented_shapes() {
    let env = Env::new();
    let dir = data_dir(&env);
    let emu = Emulator::start(
        &env,
        &[
            "--provider",
            "webwork",
            "--api-key",
            "k2",
            "--data-dir",
            &dir,
        ],
    );
    let auth = basic("k2");
    let base = emu.url("/rest-api/v1/webhooks");

    let (status, body) = http("GET", &base, Some(&basic("wrong")), None);
    assert_eq!(status, 401);
    assert_eq!(body["success"], false);
    assert!(body["message"].is_string());

    let (status, body) = http(
        "POST",
        &base,
        Some(&auth),
        Some(json!({"events": ["tracker.started"]})),
    );
    assert_eq!(status, 422);
    assert_eq!(body["success"], false);
    assert!(body["errors"]["url"].is_array());

    let mut first = Value::Null;
    for i in 0..51 {
        let (status, body) = http(
            "POST",
            &base,
            Some(&auth),
            Some(json!({"url": format!("http://127.0.0.1:9/{i}"), "events": ["tracker.started"]})),
        );
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["success"], true);
        if i == 0 {
            first = body["webhook"].clone();
        }
    }
    assert!(first["id"].is_i64());
    assert_eq!(first["url"], "http://127.0.0.1:9/0");
    assert_eq!(first["events"], json!(["tracker.started"]));
    assert!(first["token"].is_string());
    assert_eq!(
        first["hooksStatus"],
        json!({"state": "active", "reason": null, "failures": 0})
    );

    let (_, page1) = http("GET", &base, Some(&auth), None);
    assert_eq!(page1["max_rows"], 51);
    assert_eq!(page1["current_page"], 1);
    assert_eq!(page1["total_pages"], 2);
    assert_eq!(page1["data"].as_array().unwrap().len(), 50);
    let (_, page2) = http("GET", &format!("{base}?page=2"), Some(&auth), None);
    assert_eq!(page2["data"].as_array().unwrap().len(), 1);

    let one = format!("{base}/{}", first["id"]);
    let (status, body) = http("GET", &one, Some(&auth), None);
    assert_eq!(status, 200);
    assert_eq!(body["success"], true);
    assert_eq!(body["data"]["id"], first["id"]);
    let (status, body) = http(
        "PUT",
        &one,
        Some(&auth),
        Some(json!({"url": "http://127.0.0.1:9/new"})),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["webhook"]["url"], "http://127.0.0.1:9/new");
    assert_eq!(body["webhook"]["events"], json!(["tracker.started"]));
    let (status, body) = http("DELETE", &one, Some(&auth), None);
    assert_eq!(status, 200);
    assert_eq!(body, json!({"success": true}));
    let (status, body) = http("GET", &one, Some(&auth), None);
    assert_eq!(status, 404);
    assert_eq!(body["success"], false);
}

#[test]
fn emulate_webwork_v2_answers_the_documented_shapes_per_workspace() {
    let env = Env::new();
    let dir = data_dir(&env);
    let emu = Emulator::start(
        &env,
        &[
            "--provider",
            "webwork",
            "--api-key",
            "tok",
            "--data-dir",
            &dir,
        ],
    );
    let auth = "Bearer tok";
    let base = emu.url("/api/v2/webhooks");

    let (status, body) = http(
        "GET",
        &format!("{base}?workspace_id=7"),
        Some("Bearer no"),
        None,
    );
    assert_eq!((status, body["success"].clone()), (401, json!(false)));
    let (status, body) = http("GET", &base, Some(auth), None);
    assert_eq!(status, 422, "a read names its workspace: {body}");
    assert!(body["errors"]["workspace_id"].is_array());
    let (status, _) = http(
        "POST",
        &base,
        Some(auth),
        Some(json!({"url": "http://127.0.0.1:9/x", "events": ["tracker.started"]})),
    );
    assert_eq!(status, 422, "so does a write");

    let mut ids = Vec::new();
    for i in 0..51 {
        let (status, body) = http(
            "POST",
            &base,
            Some(auth),
            Some(
                json!({"workspace_id": 7, "url": format!("http://127.0.0.1:9/{i}"), "events": ["tracker.started"]}),
            ),
        );
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["success"], true);
        assert!(body["data"]["token"]
            .as_str()
            .unwrap()
            .starts_with("whsec_"));
        ids.push(body["data"]["id"].clone());
    }
    let (status, other) = http(
        "POST",
        &base,
        Some(auth),
        Some(
            json!({"workspace_id": "8", "url": "http://127.0.0.1:9/other", "events": ["tracker.stopped"]}),
        ),
    );
    assert_eq!(status, 200, "{other}");

    let (_, page1) = http("GET", &format!("{base}?workspace_id=7"), Some(auth), None);
    assert_eq!(page1["success"], true);
    assert_eq!(page1["data"].as_array().unwrap().len(), 50);
    assert_eq!(
        page1["meta"],
        json!({"current_page": 1, "last_page": 2, "per_page": 50, "total": 51})
    );
    let (_, page2) = http(
        "GET",
        &format!("{base}?workspace_id=7&page=2"),
        Some(auth),
        None,
    );
    assert_eq!(page2["data"].as_array().unwrap().len(), 1);
    let (_, eight) = http("GET", &format!("{base}?workspace_id=8"), Some(auth), None);
    assert_eq!(eight["meta"]["total"], 1);
    assert_eq!(eight["data"][0]["url"], "http://127.0.0.1:9/other");

    // A webhook is found only in its own workspace.
    let one = format!("{base}/{}", ids[0]);
    let (status, body) = http("GET", &format!("{one}?workspace_id=7"), Some(auth), None);
    assert_eq!((status, body["data"]["id"].clone()), (200, ids[0].clone()));
    let (status, _) = http("GET", &format!("{one}?workspace_id=8"), Some(auth), None);
    assert_eq!(status, 404);
    let (status, _) = http(
        "PUT",
        &one,
        Some(auth),
        Some(json!({"workspace_id": 8, "url": "http://127.0.0.1:9/stolen"})),
    );
    assert_eq!(status, 404);
    let (status, body) = http(
        "PUT",
        &one,
        Some(auth),
        Some(json!({"workspace_id": 7, "url": "http://127.0.0.1:9/new"})),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["url"], "http://127.0.0.1:9/new");
    assert_eq!(body["data"]["events"], json!(["tracker.started"]));
    let (status, _) = http("DELETE", &format!("{one}?workspace_id=8"), Some(auth), None);
    assert_eq!(status, 404);
    let (status, body) = http("DELETE", &format!("{one}?workspace_id=7"), Some(auth), None);
    assert_eq!(
        (status, body),
        (200, json!({"success": true, "data": null}))
    );
    let (status, _) = http("GET", &format!("{one}?workspace_id=7"), Some(auth), None);
    assert_eq!(status, 404);
}

#[test]
fn emulate_awork_management_api_answers_the_documented_shapes() {
    let env = Env::new();
    let dir = data_dir(&env);
    let emu = Emulator::start(
        &env,
        &["--provider", "awork", "--api-key", "k3", "--data-dir", &dir],
    );
    let auth = Some("Bearer k3");
    let base = emu.url("/api/v1/webhooks");

    let (status, body) = http("GET", &base, Some("Bearer nope"), None);
    assert_eq!(status, 401);
    assert!(body["code"].is_string() && body["description"].is_string());

    let (status, types) = http("GET", &format!("{base}/eventtypes"), auth, None);
    assert_eq!(status, 200);
    assert!(types.as_array().unwrap().contains(&json!("task_changed")));

    let (status, body) = http(
        "POST",
        &base,
        auth,
        Some(json!({"name": "x", "events": "task_changed"})),
    );
    assert_eq!(status, 400);
    assert!(body["code"].is_string() && body["description"].is_string());

    let (status, a) = http(
        "POST",
        &base,
        auth,
        Some(
            json!({"name": "n", "uri": "http://127.0.0.1:9/h", "isActive": true, "language": "en",
                    "onlyTriggerForMainEntityChanges": false, "events": "task_changed,project_added",
                    "authenticationType": "none"}),
        ),
    );
    assert_eq!(status, 201, "{a}");
    for key in [
        "id",
        "name",
        "uri",
        "isActive",
        "language",
        "onlyTriggerForMainEntityChanges",
        "events",
        "authenticationType",
        "createdOn",
        "updatedOn",
        "hooksStatus",
    ] {
        assert!(a.get(key).is_some(), "missing {key} in {a}");
    }
    assert_eq!(a["events"], "task_changed,project_added");
    assert_eq!(a["authenticationType"], "none");
    assert!(uuid::Uuid::parse_str(a["id"].as_str().unwrap()).is_ok());
    assert!(humantime::parse_rfc3339(a["createdOn"].as_str().unwrap()).is_ok());

    let (_, list) = http("GET", &format!("{base}?page=1&pageSize=10"), auth, None);
    assert_eq!(list.as_array().unwrap().len(), 1);
    let (_, empty) = http("GET", &format!("{base}?page=2&pageSize=10"), auth, None);
    assert_eq!(empty, json!([]));

    let one = format!("{base}/{}", a["id"].as_str().unwrap());
    let (status, got) = http("GET", &one, auth, None);
    assert_eq!(status, 200);
    assert_eq!(got["id"], a["id"]);
    let (status, got) = http(
        "PUT",
        &one,
        auth,
        Some(json!({"name": "renamed", "isActive": false})),
    );
    assert_eq!(status, 200, "{got}");
    assert_eq!(got["name"], "renamed");
    assert_eq!(got["isActive"], false);
    assert_eq!(got["hooksStatus"]["state"], "disabled");
    let (status, logs) = http("GET", &format!("{one}/logs"), auth, None);
    assert_eq!(status, 200);
    assert_eq!(logs, json!([]));
    let (status, _) = http("DELETE", &one, auth, None);
    assert_eq!(status, 204);
    let (status, body) = http("GET", &one, auth, None);
    assert_eq!(status, 404);
    assert_eq!(body["code"], "not-found");
}

#[test]
fn emulate_rejects_bad_flags_and_unreachable_emulators() {
    let env = Env::new();
    env.hooks()
        .args(["emulate", "--provider", "workestra", "--time-scale", "0"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--time-scale"));
    env.hooks()
        .args(["emulate"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--provider"));
    let port = crate::support::closed_port().to_string();
    env.hooks()
        .args(["emulate", "trigger", "contact.created", "--api-url", &port])
        .assert()
        .code(3)
        .stderr(predicates::str::contains("cannot reach the emulator"));
    assert!(!Path::new(&data_dir(&env)).exists());
}

/// The management client (`hooks create/list/get/update/delete`) against the
/// emulator's WebWork v1 API: the same commands a developer runs against the
/// real service, only `--api-url` differs.
#[test]
fn emulate_webwork_is_managed_by_the_hooks_client_unchanged() {
    let env = Env::new();
    let app = Receiver::start();
    let emu = Emulator::start(
        &env,
        &[
            "--provider",
            "webwork",
            "--api-key",
            "emu-key",
            "--data-dir",
            &data_dir(&env),
        ],
    );
    let api = emu.url("/rest-api/v1");
    let client = |args: &[&str]| {
        let mut cmd = env.hooks();
        cmd.args(args).args([
            "--provider",
            "webwork",
            "--api-url",
            &api,
            "--api-key",
            "emu-key",
            "--account-email",
            "dev@example.com",
        ]);
        cmd
    };
    let out = client(&[
        "create",
        "--url",
        &app.url("/ww"),
        "--event",
        "tracker.started",
        "--format",
        "json",
    ])
    .assert()
    .success()
    .get_output()
    .stdout
    .clone();
    let created: Value = serde_json::from_slice(&out).unwrap();
    let id = created["id"]
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| created["id"].to_string());
    assert_eq!(created["events"], json!(["tracker.started"]));

    let out = client(&["list", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let listed: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["url"], app.url("/ww"));
    assert_eq!(listed[0]["status"], "active");

    emu.trigger("tracker.started", 1);
    let got = app.wait_for(1, Duration::from_secs(20));
    assert_eq!(
        got.len(),
        1,
        "the emulator delivers to the webhook the client created"
    );
    assert_eq!(got[0].json()["event"], "tracker.started");

    client(&[
        "update",
        &id,
        "--url",
        &app.url("/moved"),
        "--event",
        "tracker.stopped",
    ])
    .assert()
    .success();
    let out = client(&["get", &id, "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let fetched: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(fetched["url"], app.url("/moved"));
    assert_eq!(fetched["events"], json!(["tracker.stopped"]));

    let mut wrong = env.hooks();
    wrong
        .args([
            "list",
            "--provider",
            "webwork",
            "--api-url",
            &api,
            "--api-key",
            "wrong",
            "--account-email",
            "a@b.c",
        ])
        .assert()
        .code(3)
        .stderr(predicates::str::contains("authentication failed"));

    client(&["delete", &id, "--yes"]).assert().success();
    client(&["list", "--format", "json"])
        .assert()
        .success()
        .stdout("");
}

/// The same client, on WebWork's API v2 (Bearer token, a workspace).
#[test]
fn emulate_webwork_v2_is_managed_by_the_hooks_client_unchanged() {
    let env = Env::new();
    let app = Receiver::start();
    let emu = Emulator::start(
        &env,
        &[
            "--provider",
            "webwork",
            "--api-key",
            "emu-token",
            "--data-dir",
            &data_dir(&env),
        ],
    );
    let api = emu.url("/api/v2");
    let client = |workspace: &str, args: &[&str]| {
        let mut cmd = env.hooks();
        cmd.args(args).args([
            "--provider",
            "webwork",
            "--api-url",
            &api,
            "--api-version",
            "2",
            "--api-key",
            "emu-token",
            "--workspace-id",
            workspace,
        ]);
        cmd
    };
    let json_lines = |workspace: &str, args: &[&str]| -> Vec<Value> {
        let out = client(workspace, args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let created = json_lines(
        "41",
        &[
            "create",
            "--url",
            &app.url("/ww2"),
            "--event",
            "tracker.started",
            "--format",
            "json",
        ],
    );
    let id = created[0]["id"]
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| created[0]["id"].to_string());

    let listed = json_lines("41", &["list", "--format", "json"]);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["url"], app.url("/ww2"));
    assert!(
        json_lines("42", &["list", "--format", "json"]).is_empty(),
        "another workspace has none"
    );

    emu.trigger("tracker.started", 1);
    let got = app.wait_for(1, Duration::from_secs(20));
    assert_eq!(got.len(), 1, "the emulator delivers to it");

    client("41", &["update", &id, "--url", &app.url("/moved")])
        .assert()
        .success();
    let fetched = json_lines("41", &["get", &id, "--format", "json"]);
    assert_eq!(fetched[0]["url"], app.url("/moved"));
    client("42", &["get", &id])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("not found"));

    client("41", &["delete", &id, "--yes"]).assert().success();
    assert!(json_lines("41", &["list", "--format", "json"]).is_empty());
}

/// awork through the client: a webhook the emulator paused after more than
/// ten failures is shown as paused with its reason, and `update --active`
/// resumes delivery.
#[test]
fn emulate_awork_pause_is_visible_in_hooks_list_and_update_reactivates() {
    let env = Env::new();
    let (app, times) = failing(11);
    let emu = Emulator::start(
        &env,
        &[
            "--provider",
            "awork",
            "--api-key",
            "emu-key",
            "--time-scale",
            "0.0005",
            "--data-dir",
            &data_dir(&env),
        ],
    );
    let api = emu.url("/api/v1");
    let client = |args: &[&str]| {
        let mut cmd = env.hooks();
        cmd.args(args).args([
            "--provider",
            "awork",
            "--api-url",
            &api,
            "--api-key",
            "emu-key",
        ]);
        cmd
    };
    let out = client(&[
        "create",
        "--url",
        &app.url("/aw"),
        "--event",
        "task_changed",
        "--header",
        "X-Token=abc",
        "--format",
        "json",
    ])
    .assert()
    .success()
    .get_output()
    .stdout
    .clone();
    let created: Value = serde_json::from_slice(&out).unwrap();
    let id = created["id"].as_str().unwrap().to_string();
    emu.trigger("task_changed", 1);
    let w = emu.wait_state(&id, "paused");
    assert_eq!(w["hooksStatus"]["state"], "paused", "{w}");
    assert_eq!(times.lock().unwrap().len(), 11);

    client(&["list"])
        .assert()
        .success()
        .stdout(predicates::str::contains("paused"));
    let out = client(&["get", &id, "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let fetched: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(fetched["active"], false);
    assert_eq!(fetched["status"], "paused");
    assert!(
        fetched["reason"].as_str().is_some_and(|r| !r.is_empty()),
        "{fetched}"
    );

    client(&["update", &id, "--active"]).assert().success();
    emu.wait_state(&id, "active");
    emu.trigger("task_changed", 1);
    let got = app.wait_for(12, Duration::from_secs(20));
    assert_eq!(got.len(), 12, "delivery resumes after re-activation");
    assert_eq!(got[11].header("x-token").as_deref(), Some("abc"));
}

/// `--duplicate-rate 1`: every delivered attempt goes out twice, the same
/// bytes with the same id, and the log marks the second as a duplicate.
#[test]
fn emulate_duplicate_rate_one_sends_every_attempt_twice_with_the_same_body() {
    let env = Env::new();
    let app = Receiver::start();
    let emu = Emulator::start(
        &env,
        &[
            "--provider",
            "webwork",
            "--duplicate-rate",
            "1",
            "--data-dir",
            &data_dir(&env),
        ],
    );
    emu.create(&app.url("/dup"), &["tracker.started"]);
    emu.trigger("tracker.started", 5);
    let got = app.wait_for(10, Duration::from_secs(30));
    assert_eq!(got.len(), 10);
    let mut by_id: std::collections::HashMap<String, Vec<Vec<u8>>> = Default::default();
    for r in &got {
        let id = r.json()["id"].as_str().unwrap().to_string();
        by_id.entry(id).or_default().push(r.body.clone());
    }
    assert_eq!(by_id.len(), 5, "five events, each twice");
    for (id, bodies) in &by_id {
        assert_eq!(bodies.len(), 2, "{id} was sent {} times", bodies.len());
        assert_eq!(bodies[0], bodies[1], "{id}: the duplicate's bytes differ");
    }
    // An attempt is logged once its answer is back, a moment after the app
    // got it: wait (bounded) for the tenth entry.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let attempts = loop {
        let log = emu.emulator_get("/_emulator/deliveries");
        let attempts = log["data"].as_array().unwrap().clone();
        if attempts.len() >= 10 || std::time::Instant::now() > deadline {
            break attempts;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(attempts.len(), 10);
    let duplicates = attempts.iter().filter(|a| a["duplicate"] == true).count();
    assert_eq!(duplicates, 5);
}

/// `--reorder` with When I Work: the events of one batch arrive shuffled,
/// none lost or repeated. 20 events, numbered through `userId`: the trigger
/// order has a 1 in 20! chance.
#[test]
fn emulate_reorder_shuffles_the_events_within_a_wheniwork_batch() {
    let env = Env::new();
    let app = Receiver::start();
    // A 3 s window (5 s scaled by 0.6) takes all 20 triggers.
    let emu = Emulator::start(
        &env,
        &[
            "--provider",
            "wheniwork",
            "--reorder",
            "--time-scale",
            "0.6",
            "--data-dir",
            &data_dir(&env),
        ],
    );
    emu.create(&app.url("/wiw"), &["users"]);
    let sent: Vec<String> = (0..20).map(|i| format!("user-{i}")).collect();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let client = reqwest::Client::new();
        for user in &sent {
            let r = client
                .post(emu.url("/_emulator/events"))
                .header("authorization", &emu.bearer)
                .timeout(Duration::from_secs(30))
                .json(
                    &json!({"type": "users::created", "set": [format!("events.0.userId={user}")]}),
                )
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 202);
        }
    });
    let got = app.wait_for(1, Duration::from_secs(30));
    assert_eq!(got.len(), 1, "one batch");
    let arrived: Vec<String> = got[0].json()["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["userId"].as_str().unwrap().to_string())
        .collect();
    let mut sorted_sent = sent.clone();
    let mut sorted_arrived = arrived.clone();
    sorted_sent.sort();
    sorted_arrived.sort();
    assert_eq!(
        sorted_arrived, sorted_sent,
        "the batch holds exactly the triggered events"
    );
    assert_ne!(arrived, sent, "the batch kept the trigger order");
}

/// `--delay 300ms` (real time, not scaled) holds back every attempt: the
/// first arrives no sooner than 300 ms after the trigger, and a retry no
/// sooner than 300 ms after the attempt before it.
#[test]
fn emulate_delay_holds_back_every_attempt() {
    let env = Env::new();
    let (app, times) = failing(1);
    let emu = Emulator::start(
        &env,
        &[
            "--provider",
            "webwork",
            "--delay",
            "300ms",
            "--time-scale",
            "0.01",
            "--data-dir",
            &data_dir(&env),
        ],
    );
    emu.create(&app.url("/slow"), &["tracker.started"]);
    let triggered_at = Instant::now();
    emu.trigger("tracker.started", 1);
    let got = app.wait_for(2, Duration::from_secs(30));
    assert_eq!(got.len(), 2, "the failed attempt and its retry");
    let times = times.lock().unwrap().clone();
    let delay = Duration::from_millis(300);
    assert!(
        times[0].duration_since(triggered_at) >= delay,
        "the first attempt came {:?} after the trigger",
        times[0].duration_since(triggered_at)
    );
    assert!(
        times[1].duration_since(times[0]) >= delay,
        "the retry came {:?} after the first attempt",
        times[1].duration_since(times[0])
    );
}

#[test]
fn emulate_refuses_a_duplicate_rate_outside_zero_to_one() {
    let env = Env::new();
    for rate in ["1.5", "-0.1"] {
        env.hooks()
            .args(["emulate", "--provider", "webwork"])
            .arg(format!("--duplicate-rate={rate}"))
            .args(["--port", "0", "--data-dir", &data_dir(&env)])
            .assert()
            .code(2)
            .stderr(predicates::str::contains("--duplicate-rate"));
    }
    assert!(!Path::new(&data_dir(&env)).exists());
}

#[test]
fn emulate_signs_with_the_development_secret_the_listener_verifies() {
    let env = Env::new();
    let listen = crate::listen::Listening::start(&env, &["--format", "json"]);
    let emu = Emulator::start(&env, &["--provider", "workestra", "--time-scale", "0.01"]);
    let dev_secret = std::fs::read_to_string(env.data_dir().join("dev-secret")).unwrap();
    let secret = emu.banner("secret:");
    assert!(secret.contains("development secret"), "{secret}");
    assert!(
        !secret.contains(dev_secret.trim()),
        "the secret was generated earlier, by listen: {secret}"
    );
    let api_key = emu.banner("API key:");
    assert!(api_key.contains("shown only this once"), "{api_key}");
    emu.create(&listen.url("/hook"), &["contact"]);
    let lines = listen.lines(1, Duration::from_secs(30));
    let first: Value = serde_json::from_str(&lines[0]).unwrap();
    assert_eq!(first["provider"], "workestra", "{first}");
    assert_eq!(first["verification"], "valid", "{first}");
    drop(emu);

    // The next start shows neither the generated key again nor given values.
    let emu = Emulator::start(
        &env,
        &["--provider", "workestra", "--secret", "given-secret"],
    );
    assert!(emu.banner("secret:").contains("from --secret (not shown)"));
    let api_key = emu.banner("API key:");
    assert!(
        api_key.starts_with("the emulator's generated API key, kept in"),
        "{api_key}"
    );
    drop(emu);
    let emu = Emulator::start(
        &env,
        &["--provider", "workestra", "--api-key", "my-own-key"],
    );
    let api_key = emu.banner("API key:");
    assert_eq!(api_key, "from --api-key (not shown)");
    assert!(emu
        .stdout
        .lock()
        .unwrap()
        .iter()
        .all(|l| !l.contains("my-own-key")));
}

#[test]
fn the_manage_line_never_shows_an_api_key_the_banner_hides() {
    for provider in ["awork", "webwork"] {
        let env = Env::new();
        let emu = Emulator::start(&env, &["--provider", provider, "--api-key", "my-own-key"]);
        let manage = emu.banner("manage:");
        assert!(manage.contains("--api-key \"$HOOKS_API_KEY\""), "{manage}");
        assert!(emu
            .stdout
            .lock()
            .unwrap()
            .iter()
            .all(|l| !l.contains("my-own-key")));
    }
}
