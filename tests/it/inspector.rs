//! The inspector's JSON API and guards, against the real binary: `hooks
//! listen --inspect 127.0.0.1:0` and `hooks inspect --port 0`.

use crate::support::{Env, Receiver};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running `hooks listen` or `hooks inspect`, with the addresses it
/// printed; killed on drop.
pub struct Served {
    pub child: Child,
    /// `http://127.0.0.1:N` of the listener, for `hooks listen`.
    pub listen: Option<String>,
    /// The inspector's URL as printed, `http://127.0.0.1:N/?token=T`:
    /// [`http`] sends its token as the inspector's cookie.
    pub inspector: Option<String>,
    pub stderr: Arc<Mutex<Vec<String>>>,
}

impl Served {
    /// Starts `hooks ARGS` and waits (bounded) until it printed the
    /// listener's and/or the inspector's address, as wanted.
    pub fn start(env: &Env, args: &[&str], want_listen: bool, want_inspector: bool) -> Served {
        let mut child = env
            .hooks_std()
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let lines = stderr.clone();
        let err = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                lines.lock().unwrap().push(line);
            }
        });
        let mut served = Served {
            child,
            listen: None,
            inspector: None,
            stderr,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let lines = served.stderr.lock().unwrap().clone();
            for line in &lines {
                let url = |rest: &str| {
                    format!(
                        "http://{}",
                        rest.trim_start_matches("http://").trim_end_matches('/')
                    )
                };
                if let Some(rest) = line.strip_prefix("hooks listening on ") {
                    served.listen = Some(url(rest));
                }
                if let Some(i) = line.find("inspector on ") {
                    served.inspector = Some(line[i + "inspector on ".len()..].to_string());
                }
            }
            let ready = (!want_listen || served.listen.is_some())
                && (!want_inspector || served.inspector.is_some());
            if ready {
                return served;
            }
            if let Some(status) = served.child.try_wait().unwrap() {
                panic!("hooks exited early ({status}): {lines:#?}");
            }
            assert!(Instant::now() < deadline, "hooks did not start: {lines:#?}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn listen(env: &Env, extra: &[&str]) -> Served {
        let mut args = vec!["listen", "--port", "0", "--inspect", "127.0.0.1:0"];
        args.extend_from_slice(extra);
        Served::start(env, &args, true, true)
    }

    pub fn inspector(&self) -> &str {
        self.inspector.as_deref().expect("an inspector")
    }

    pub fn stderr_text(&self) -> String {
        self.stderr.lock().unwrap().join("\n")
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The address and the token of an inspector URL as hooks prints it
/// (`http://ADDR/?token=T`); no token in a bare `http://ADDR`.
pub fn split_url(url: &str) -> (&str, Option<&str>) {
    let rest = url.trim_start_matches("http://");
    match rest.split_once("/?token=") {
        Some((addr, token)) => (addr, Some(token)),
        None => (rest.trim_end_matches('/'), None),
    }
}

/// The cookie an inspector on `addr` keeps its token in.
pub fn cookie(addr: &str, token: &str) -> String {
    let port = addr.rsplit(':').next().unwrap();
    format!("hooks_token_{port}={token}")
}

/// A minimal HTTP/1.1 client on a raw socket, so that tests control every
/// header (Host and Origin included) exactly. A `base` with a token (the
/// URL hooks printed) sends it as the browser would after the first visit:
/// in the inspector's cookie, unless the test passes a Cookie of its own.
pub fn http(
    base: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, Value) {
    let (addr, token) = split_url(base);
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut request = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
        request.push_str(&format!("Host: {addr}\r\n"));
    }
    for (n, v) in headers {
        request.push_str(&format!("{n}: {v}\r\n"));
    }
    if let Some(token) = token {
        if !headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("cookie"))
        {
            request.push_str(&format!("Cookie: {}\r\n", cookie(addr, token)));
        }
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw);
    let (head, rest) = text.split_once("\r\n\r\n").expect("a response head");
    let status: u16 = head.split(' ').nth(1).unwrap().parse().unwrap();
    let value = serde_json::from_str(rest).unwrap_or(Value::String(rest.to_string()));
    (status, value)
}

pub fn get(base: &str, path: &str) -> Value {
    let (status, value) = http(base, "GET", path, &[], "");
    assert_eq!(status, 200, "GET {path}: {value}");
    value
}

/// The per-session token, from the page as a browser gets it.
pub fn token(base: &str) -> String {
    let (status, page) = http(base, "GET", "/", &[], "");
    assert_eq!(status, 200);
    let page = page.as_str().unwrap().to_string();
    let start = page.find("name=\"hooks-token\" content=\"").unwrap() + 28;
    page[start..start + 64].to_string()
}

fn send_test(env: &Env, served: &Served, extra: &[&str]) {
    env.hooks()
        .args(["send-test", "contact.created", "--to"])
        .arg(format!("{}/", served.listen.as_deref().unwrap()))
        .args(extra)
        .assert()
        .success();
}

fn replay(base: &str, id: i64, token: &str, body: &str) -> (u16, Value) {
    http(
        base,
        "POST",
        &format!("/api/deliveries/{id}/replay"),
        &[
            ("X-Hooks-Token", token),
            ("Content-Type", "application/json"),
        ],
        body,
    )
}

#[test]
fn lists_shows_and_replays_a_delivery_linked_to_its_original() {
    let env = Env::new();
    let app = Receiver::start();
    let served = Served::listen(&env, &["--forward", &app.url("/app")]);
    send_test(&env, &served, &[]);
    let base = served.inspector();

    let page = get(base, "/api/deliveries");
    assert_eq!(page["total"], 1);
    assert_eq!(page["next"], Value::Null);
    let d = &page["deliveries"][0];
    assert_eq!(d["verification"], "valid");
    assert_eq!(d["events"][0]["type"], "contact.created");
    assert_eq!(d["source"], "local");
    assert_eq!(d["forward"]["status"], 200);
    let id = d["id"].as_i64().unwrap();

    let detail = get(base, &format!("/api/deliveries/{id}"));
    assert_eq!(detail["method"], "POST");
    assert_eq!(detail["body"]["utf8"], true);
    assert!(detail["body"]["json"]
        .as_str()
        .unwrap()
        .contains("\"type\": \"contact.created\""));
    assert_eq!(detail["attempts"][0]["status"], 200);
    assert_eq!(detail["attempts"][0]["body"]["text"], "{\"ok\":true}");
    let curl = detail["curl"].as_str().unwrap();
    assert!(curl.starts_with("printf '{"), "{curl}");
    assert!(
        curl.contains("' | curl --globoff -X 'POST' 'http://127.0.0.1:"),
        "{curl}"
    );
    assert!(detail["headers"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h[0] == "x-workestra-signature"));

    // Without the session token, nothing is replayed.
    let (status, refused) = replay(base, id, "0", "");
    assert_eq!(status, 403, "{refused}");
    assert_eq!(app.received().len(), 1);

    let (status, replayed) = replay(base, id, &token(base), "");
    assert_eq!(status, 200, "{replayed}");
    assert_eq!(replayed["replay_of"], id);
    assert_eq!(replayed["source"], "replay");
    assert_eq!(replayed["verification"], "valid");
    assert_eq!(replayed["answer"]["status"], 200);
    let got = app.wait_for(2, Duration::from_secs(10));
    assert_eq!(got.len(), 2);
    assert_eq!(
        got[0].body, got[1].body,
        "a replay sends the recorded bytes"
    );

    let original = get(base, &format!("/api/deliveries/{id}"));
    assert_eq!(original["replays"], serde_json::json!([replayed["id"]]));
    let (status, missing) = http(base, "GET", "/api/deliveries/999", &[], "");
    assert_eq!(status, 404, "{missing}");
}

#[test]
fn replay_with_edits_resigns_or_is_refused_as_invalid() {
    let env = Env::new();
    let app = Receiver::start();
    let served = Served::listen(&env, &["--forward", &app.url("/")]);
    send_test(&env, &served, &[]);
    let base = served.inspector();
    let token = token(base);
    let edited = r#"{"type":"contact.created","id":"evt_edited","data":{"first_name":"Edited"}}"#;

    let request = serde_json::json!({"body": edited, "resign": true}).to_string();
    let (status, signed) = replay(base, 1, &token, &request);
    assert_eq!(status, 200, "{signed}");
    assert_eq!(signed["verification"], "valid");
    assert_eq!(signed["events"][0]["id"], "evt_edited");
    let got = app.wait_for(2, Duration::from_secs(10));
    assert_eq!(got.last().unwrap().body, edited.as_bytes());

    // Edited but not re-signed: the signature no longer matches, so the
    // pipeline refuses it like any invalid delivery.
    let request = serde_json::json!({"body": edited}).to_string();
    let (status, unsigned) = replay(base, 1, &token, &request);
    assert_eq!(status, 200, "{unsigned}");
    assert_eq!(unsigned["verification"], "invalid");
    assert_eq!(unsigned["answer"]["status"], 401);
    assert_eq!(
        app.received().len(),
        2,
        "an invalid replay is not forwarded"
    );

    let (status, bad) = replay(base, 1, &token, "{\"bodee\":1}");
    assert_eq!(status, 400, "{bad}");
}

#[test]
fn foreign_hosts_and_origins_are_refused() {
    let env = Env::new();
    let app = Receiver::start();
    let served = Served::listen(&env, &["--forward", &app.url("/")]);
    send_test(&env, &served, &[]);
    let base = served.inspector();
    let token = token(base);
    let port = split_url(base).0.rsplit(':').next().unwrap();

    // DNS rebinding: a foreign name resolving to 127.0.0.1.
    let rebinding = format!("evil.example:{port}");
    let (status, body) = http(
        base,
        "GET",
        "/api/deliveries/1",
        &[("Host", &rebinding)],
        "",
    );
    assert_eq!(status, 403, "{body}");
    let (status, _) = http(base, "GET", "/", &[("Host", &rebinding)], "");
    assert_eq!(status, 403);
    let (status, body) = http(
        base,
        "POST",
        "/api/deliveries/1/replay",
        &[("Origin", "http://evil.example"), ("X-Hooks-Token", &token)],
        "",
    );
    assert_eq!(status, 403, "{body}");
    assert!(body["error"].as_str().unwrap().contains("Origin"));
    // Replay is POST only, and nothing above reached the app.
    let (status, _) = http(base, "GET", "/api/deliveries/1/replay", &[], "");
    assert_eq!(status, 405);
    assert_eq!(app.received().len(), 1);
    // The page's own origin, by name or address, is fine.
    let (status, _) = http(
        base,
        "GET",
        "/api/deliveries",
        &[
            ("Host", &format!("localhost:{port}")),
            ("Origin", &format!("http://localhost:{port}")),
        ],
        "",
    );
    assert_eq!(status, 200);
}

#[test]
fn live_events_carry_new_deliveries() {
    let env = Env::new();
    let served = Served::listen(&env, &[]);
    let base = served.inspector();
    let (addr, token) = split_url(base);
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "GET /api/events?token={} HTTP/1.1\r\nHost: {addr}\r\n\r\n",
        token.unwrap()
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    // Wait for the stream to be open before sending.
    let deadline = Instant::now() + Duration::from_secs(20);
    while !line.contains("connected") {
        line.clear();
        assert!(reader.read_line(&mut line).unwrap() > 0 && Instant::now() < deadline);
    }
    send_test(&env, &served, &[]);
    let mut data = None;
    for _ in 0..100 {
        line.clear();
        if reader.read_line(&mut line).unwrap() == 0 {
            break;
        }
        if let Some(json) = line.strip_prefix("data: ") {
            data = Some(serde_json::from_str::<Value>(json.trim()).unwrap());
            break;
        }
    }
    let data = data.expect("a delivery event");
    assert_eq!(data["id"], 1);
    assert_eq!(data["events"][0]["type"], "contact.created");
}

/// Records `n` deliveries straight into the store (as `hooks listen` would):
/// every tenth a `deal.won`, the odd ones invalid with a 401, and the last
/// one a binary body with no event.
pub fn populate(env: &Env, n: u32) {
    use hooks::delivery::store::{Facts, Store};
    use hooks::delivery::{Delivery, Source};
    let store = Store::open(&Store::path_in(&env.data_dir()), 20_000).unwrap();
    let writer = store.writer();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut inserts = tokio::task::JoinSet::new();
    for i in 0..n {
        let kind = if i % 10 == 0 {
            "deal.won"
        } else {
            "contact.created"
        };
        let binary = i + 1 == n;
        let body = if binary {
            (0..=255u8).collect::<Vec<u8>>()
        } else {
            format!("{{\"type\":\"{kind}\",\"n\":{i}}}").into_bytes()
        };
        let delivery = Delivery {
            method: "POST".into(),
            path: "/".into(),
            headers: vec![("content-type".into(), b"application/json".to_vec())],
            body: body.into(),
            received_at: std::time::SystemTime::now(),
            source: Source::Local,
            remote: None,
            forwarding: None,
            oversized: None,
        };
        let facts = Facts {
            provider: Some("workestra".into()),
            verification: if i % 2 == 0 { "valid" } else { "invalid" }.into(),
            reason: None,
            origin: None,
            events: if binary {
                serde_json::json!([])
            } else {
                serde_json::json!([{"type": kind, "id": format!("evt_{i}")}])
            },
            outcome: "acknowledged".into(),
            status: Some(if i % 2 == 0 { 200 } else { 401 }),
            replay_of: None,
        };
        let writer = writer.clone();
        inserts.spawn_on(
            async move { writer.insert(delivery, facts).await },
            rt.handle(),
        );
    }
    rt.block_on(async {
        while let Some(done) = inserts.join_next().await {
            done.unwrap().unwrap();
        }
    });
}

#[test]
fn pages_through_ten_thousand_deliveries_by_cursor_and_filters() {
    let env = Env::new();
    populate(&env, 10_000);
    let served = Served::start(&env, &["inspect", "--port", "0"], false, true);
    let base = served.inspector();

    let mut seen = Vec::new();
    let mut cursor: Option<i64> = None;
    for _ in 0..30 {
        let path = match cursor {
            Some(c) => format!("/api/deliveries?limit=500&before={c}"),
            None => "/api/deliveries?limit=500".to_string(),
        };
        let page = get(base, &path);
        assert_eq!(page["total"], 10_000);
        seen.extend(
            page["deliveries"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["id"].as_i64().unwrap()),
        );
        match page["next"].as_i64() {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    assert_eq!(seen.len(), 10_000);
    assert!(
        seen.windows(2).all(|w| w[0] > w[1]),
        "newest first, no repeats"
    );

    let first = get(base, "/api/deliveries");
    assert_eq!(first["deliveries"].as_array().unwrap().len(), 50);
    let binary = get(base, "/api/deliveries/10000");
    assert_eq!(binary["body"]["utf8"], false);
    assert_eq!(binary["body"]["size"], 256);
    // A binary body is written into the command as octal escapes.
    let curl = binary["curl"].as_str().unwrap();
    assert!(curl.starts_with(r"printf '\000\001\002"), "{curl}");
    assert!(curl.ends_with("--data-binary @-"), "{curl}");
    let deals = get(base, "/api/deliveries?event=deal.*&limit=500");
    assert_eq!(deals["deliveries"].as_array().unwrap().len(), 500);
    assert!(deals["deliveries"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["events"][0]["type"] == "deal.won"));
    let invalid = get(
        base,
        "/api/deliveries?verification=invalid&status=4xx&limit=3",
    );
    assert!(invalid["deliveries"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["status"] == 401));
    let found = get(base, "/api/deliveries?q=%22N%22:1234%7D");
    assert_eq!(found["deliveries"].as_array().unwrap().len(), 1);
    assert_eq!(found["deliveries"][0]["events"][0]["id"], "evt_1234");
    let (status, bad) = http(base, "GET", "/api/deliveries?status=banana", &[], "");
    assert_eq!(status, 400, "{bad}");
}

#[test]
fn a_taken_default_port_is_reported_and_listen_goes_on() {
    let env = Env::new();
    // Hold 127.0.0.1:4040. Other tests' listeners hold it for moments, so
    // keep trying for a while; something that holds it all along puts the
    // listener in the same situation.
    let deadline = Instant::now() + Duration::from_secs(20);
    let _held = loop {
        match std::net::TcpListener::bind(hooks::inspector::DEFAULT_ADDR) {
            Ok(held) => break Some(held),
            Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            Err(_) => break None,
        }
    };
    let served = Served::start(&env, &["listen", "--port", "0"], true, false);
    let deadline = Instant::now() + Duration::from_secs(10);
    while !served.stderr_text().contains("the inspector is off") {
        assert!(Instant::now() < deadline, "{}", served.stderr_text());
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(served.stderr_text().contains("4040"));
    send_test(&env, &served, &[]);

    // Asked for explicitly, a taken address is an error (exit 2).
    let taken = served
        .listen
        .as_deref()
        .unwrap()
        .trim_start_matches("http://")
        .to_string();
    let out = env
        .hooks()
        .args(["listen", "--port", "0", "--inspect", &taken])
        .timeout(Duration::from_secs(20))
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("cannot serve the inspector"), "{stderr}");

    // --no-inspect: no inspector line at all.
    let quiet = Served::start(
        &env,
        &["listen", "--port", "0", "--no-inspect"],
        true,
        false,
    );
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        !quiet.stderr_text().contains("inspector"),
        "{}",
        quiet.stderr_text()
    );
}

#[test]
fn inspect_follows_what_another_listener_records() {
    let env = Env::new();
    let inspect = Served::start(&env, &["inspect", "--port", "0"], false, true);
    let base = inspect.inspector().to_string();
    let (addr, secret) = split_url(&base);
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "GET /api/events HTTP/1.1\r\nHost: {addr}\r\nCookie: {}\r\n\r\n",
        cookie(addr, secret.unwrap())
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    while !line.contains("connected") {
        line.clear();
        assert!(reader.read_line(&mut line).unwrap() > 0);
    }
    let listen = Served::start(
        &env,
        &["listen", "--port", "0", "--no-inspect"],
        true,
        false,
    );
    send_test(&env, &listen, &[]);
    let mut data = None;
    for _ in 0..100 {
        line.clear();
        if reader.read_line(&mut line).unwrap() == 0 {
            break;
        }
        if let Some(json) = line.strip_prefix("data: ") {
            data = Some(serde_json::from_str::<Value>(json.trim()).unwrap());
            break;
        }
    }
    assert_eq!(
        data.expect("a delivery event")["events"][0]["type"],
        "contact.created"
    );

    // Replays from `hooks inspect` without --forward are recorded, linked.
    let (status, replayed) = replay(&base, 1, &token(&base), "");
    assert_eq!(status, 200, "{replayed}");
    assert_eq!(replayed["replay_of"], 1);
    assert_eq!(replayed["outcome"], "acknowledged");
}

#[test]
fn static_header_deliveries_are_detected_and_verified_without_provider() {
    let env = Env::new();
    // The development secret (sent in X-Webhook-Token), then a named header.
    let served = Served::listen(&env, &[]);
    env.hooks()
        .args(["send-test", "task_changed", "--provider", "awork", "--to"])
        .arg(format!("{}/", served.listen.as_deref().unwrap()))
        .assert()
        .success();
    let base = served.inspector();
    let page = get(base, "/api/deliveries");
    let d = &page["deliveries"][0];
    assert_eq!(d["provider"], "awork", "{d}");
    assert_eq!(d["verification"], "valid", "{d}");
    drop(served);

    let served = Served::listen(&env, &["--secret", "X-Token=abc"]);
    for secret in ["X-Token=abc", "X-Token=wrong"] {
        env.hooks()
            .args(["send-test", "task_changed", "--secret", secret, "--to"])
            .arg(format!("{}/", served.listen.as_deref().unwrap()))
            .assert()
            .code(if secret.ends_with("abc") { 0 } else { 1 });
    }
    let page = get(served.inspector(), "/api/deliveries");
    let newest = &page["deliveries"][0];
    let valid = &page["deliveries"][1];
    assert_eq!(valid["provider"], "awork", "{valid}");
    assert_eq!(valid["verification"], "valid", "{valid}");
    assert_eq!(newest["provider"], "awork", "{newest}");
    assert_eq!(newest["verification"], "invalid", "{newest}");
}

#[test]
fn replays_send_recorded_bytes_and_edit_method_path_headers_and_body_with_fresh_framing() {
    let env = Env::new();
    let app = Receiver::start();
    let served = Served::listen(&env, &["--forward", &app.url("/")]);
    // Indented as a sender wrote it: a replay must not re-indent it.
    let original = "{\n    \"type\": \"contact.created\",\n    \"id\": \"evt_ws\"\n}";
    crate::listen::post(
        &format!("{}/hooks?a=1", served.listen.as_deref().unwrap()),
        &[
            ("X-Keep", "kept".into()),
            ("Authorization", "Bearer s3cret".into()),
        ],
        original.as_bytes().to_vec(),
    );
    let base = served.inspector();
    let token = token(base);

    let (status, plain) = replay(base, 1, &token, "{}");
    assert_eq!(status, 200, "{plain}");
    let got = app.wait_for(2, Duration::from_secs(10));
    assert_eq!(
        got[1].body,
        original.as_bytes(),
        "unedited: the recorded bytes"
    );

    let edits = serde_json::json!({
        "method": "PUT",
        "path": "/edited?x=1",
        "headers": [
            ["Content-Type", "application/json"],
            ["Content-Length", "58"],
            ["X-Added", "yes"],
            ["Authorization", "Bearer ********"],
        ],
        "body": "{\"type\":\"contact.updated\"}",
    });
    let (status, edited) = replay(base, 1, &token, &edits.to_string());
    assert_eq!(status, 200, "{edited}");
    let got = app.wait_for(3, Duration::from_secs(10));
    let sent = &got[2];
    assert_eq!(sent.method, "PUT");
    assert_eq!(sent.path_and_query, "/edited?x=1");
    assert_eq!(sent.header("x-added").as_deref(), Some("yes"));
    assert_eq!(sent.header("x-keep"), None, "the header list was replaced");
    assert_eq!(
        sent.header("authorization").as_deref(),
        Some("Bearer s3cret"),
        "a masked value keeps the recorded one"
    );
    assert_eq!(sent.body, b"{\"type\":\"contact.updated\"}");
    // Recorded with the length of the body it carries, not the original's.
    let id = edited["id"].as_i64().unwrap();
    let shown = get(base, &format!("/api/deliveries/{id}"));
    let lengths: Vec<_> = shown["headers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| {
            h[0].as_str()
                .unwrap()
                .eq_ignore_ascii_case("content-length")
        })
        .map(|h| h[1].clone())
        .collect();
    assert_eq!(lengths, [serde_json::json!("26")], "{shown}");

    for bad in [
        serde_json::json!({"headers": [["X-Bad", "a\r\nInjected: 1"]]}),
        serde_json::json!({"path": "no-slash"}),
        serde_json::json!({"method": "GE T"}),
    ] {
        let (status, refused) = replay(base, 1, &token, &bad.to_string());
        assert_eq!(status, 400, "{bad}: {refused}");
    }
    assert_eq!(app.received().len(), 3, "nothing refused was sent");
}
