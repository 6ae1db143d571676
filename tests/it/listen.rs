//! `hooks listen`: the real binary on 127.0.0.1:0, a real app behind it.

use crate::support::{closed_port, Env, Receiver};
use sha2::{Digest, Sha256};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const SECRET: &str = "It's a Secret to Everybody";

/// A running `hooks listen`, killed when dropped.
pub struct Listening {
    pub child: Child,
    pub addr: String,
    pub stdout: Arc<Mutex<Vec<String>>>,
    pub stderr: Arc<Mutex<Vec<String>>>,
}

impl Listening {
    /// Starts `hooks listen --port 0 ARGS` and waits (bounded) for its address.
    pub fn start(env: &Env, args: &[&str]) -> Listening {
        let mut command = env.hooks_std();
        command.args(["listen", "--port", "0"]).args(args);
        Listening::spawn(command)
    }

    /// Starts a prepared `hooks listen --port 0 …` command the same way.
    pub fn spawn(mut command: std::process::Command) -> Listening {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = Arc::new(Mutex::new(Vec::new()));
        let lines = stdout.clone();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                lines.lock().unwrap().push(line);
            }
        });
        let (tx, rx) = std::sync::mpsc::channel();
        let err = child.stderr.take().unwrap();
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let err_lines = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                if let Some(rest) = line.strip_prefix("hooks listening on http://") {
                    let _ = tx.send(rest.split('/').next().unwrap().to_string());
                }
                err_lines.lock().unwrap().push(line);
            }
        });
        let addr = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the listener printed its address");
        Listening {
            child,
            addr,
            stdout,
            stderr,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Waits (bounded) for the process to exit and returns its code.
    pub fn wait_exit(&mut self, within: Duration) -> Option<i32> {
        let deadline = Instant::now() + within;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// Waits (bounded) until stdout has at least `n` lines.
    pub fn lines(&self, n: usize, within: Duration) -> Vec<String> {
        let deadline = Instant::now() + within;
        loop {
            let got = self.stdout.lock().unwrap().clone();
            if got.len() >= n || Instant::now() > deadline {
                return got;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn signal(&self, name: &str) {
        let ok = std::process::Command::new("kill")
            .args([&format!("-{name}"), &self.child.id().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -{name}");
    }
}

impl Drop for Listening {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What the sender got back.
pub struct Answer {
    pub status: u16,
    pub headers: http::HeaderMap,
    pub body: Vec<u8>,
}

pub fn post(url: &str, headers: &[(&str, String)], body: Vec<u8>) -> Answer {
    runtime().block_on(post_async(
        reqwest::Client::new(),
        url.to_string(),
        headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
        body,
    ))
}

pub async fn post_async(
    client: reqwest::Client,
    url: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
) -> Answer {
    let mut req = client.post(url).timeout(Duration::from_secs(60));
    for (k, v) in headers {
        req = req.header(k, v);
    }
    let res = req.body(body).send().await.expect("the listener answers");
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let body = res.bytes().await.unwrap().to_vec();
    Answer {
        status,
        headers,
        body,
    }
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// The GitHub scheme's header for `body` with [`SECRET`].
pub fn signed(body: &[u8]) -> (&'static str, String) {
    let scheme = hooks::providers::get("github").unwrap().scheme;
    let headers = scheme
        .sign(
            &[SECRET.to_string()],
            body,
            &hooks::signature::SignParams {
                id: "x",
                timestamp: 0,
            },
        )
        .unwrap();
    ("X-Hub-Signature-256", headers[0].1.clone())
}

fn sha(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn github_listener(env: &Env, extra: &[&str]) -> Listening {
    let mut args = vec!["--provider", "github", "--secret", SECRET];
    args.extend_from_slice(extra);
    Listening::start(env, &args)
}

#[test]
fn forwards_json_form_and_binary_bodies_byte_exact_and_returns_the_apps_answer() {
    let env = Env::new();
    let app = Receiver::with(Arc::new(|i| {
        (201, format!("{{\"seen\":{i}}}").into_bytes())
    }));
    let listen = github_listener(&env, &["--forward", &app.url("/app")]);
    let mut bodies: Vec<(&str, Vec<u8>)> = vec![
        (
            "application/json",
            br#"{"z":1,"a":[1,2,{"k":"v"}],"u":"\u00e9"}"#.to_vec(),
        ),
        (
            "application/x-www-form-urlencoded",
            b"a=1&b=%20x&c=".to_vec(),
        ),
    ];
    for size in [1usize, 1000, 1 << 20, 20 << 20] {
        let bytes: Vec<u8> = (0..size).map(|_| rand::random::<u8>()).collect();
        bodies.push(("application/octet-stream", bytes));
    }
    for (i, (content_type, body)) in bodies.iter().enumerate() {
        let sig = signed(body);
        let answer = post(
            &listen.url("/hooks/in?x=1&y=%2F"),
            &[
                ("content-type", content_type.to_string()),
                (sig.0, sig.1.clone()),
                ("x-repeat", "one".into()),
            ],
            body.clone(),
        );
        assert_eq!(answer.status, 201, "body {i}");
        assert_eq!(answer.body, format!("{{\"seen\":{i}}}").into_bytes());
        assert_eq!(answer.headers["content-type"], "application/json");
        let got = app.wait_for(i + 1, Duration::from_secs(30));
        let r = &got[i];
        assert_eq!(sha(&r.body), sha(body), "body {i} arrived intact");
        assert_eq!(r.method, "POST");
        assert_eq!(r.path_and_query, "/app/hooks/in?x=1&y=%2F");
        assert_eq!(r.header("content-type").unwrap(), *content_type);
        assert_eq!(r.header("x-hub-signature-256").unwrap(), sig.1);
        assert_eq!(r.header("host").unwrap(), app.addr.to_string());
        assert_eq!(r.header("x-forwarded-for").unwrap(), "127.0.0.1");
        assert_eq!(r.header("x-forwarded-proto").unwrap(), "http");
        assert_eq!(r.header("x-forwarded-host").unwrap(), listen.addr);
    }
}

#[test]
fn a_bad_signature_gets_401_and_is_not_forwarded() {
    let env = Env::new();
    let app = Receiver::start();
    let listen = github_listener(&env, &["--forward", &app.url("/")]);
    let answer = post(
        &listen.url("/"),
        &[("X-Hub-Signature-256", "sha256=00".into())],
        b"{}".to_vec(),
    );
    assert_eq!(answer.status, 401);
    assert!(String::from_utf8_lossy(&answer.body).contains("invalid signature"));
    let unsigned = post(&listen.url("/"), &[], b"{}".to_vec());
    assert_eq!(unsigned.status, 401, "a missing signature is invalid too");
    std::thread::sleep(Duration::from_millis(300));
    assert!(app.received().is_empty(), "nothing reached the app");
    let lines = listen.lines(2, Duration::from_secs(10));
    assert!(lines.iter().any(|l| l.contains("invalid")), "{lines:?}");
}

/// `HOOKS_API_VERSION` belongs to the management commands and to
/// `--register`: a value they would refuse does not stop a plain listener.
#[test]
fn a_malformed_api_version_in_the_environment_does_not_stop_a_plain_listener() {
    let env = Env::new();
    let mut command = env.hooks_std();
    command.env("HOOKS_API_VERSION", "two").args([
        "listen",
        "--port",
        "0",
        "--provider",
        "github",
        "--secret",
        SECRET,
    ]);
    let listen = Listening::spawn(command);
    let body = br#"{"zen":"hi"}"#.to_vec();
    let answer = post(&listen.url("/"), &[signed(&body)], body);
    assert_eq!(answer.status, 200);
}

#[test]
fn an_unreachable_app_gets_502_a_slow_one_504_and_a_big_body_413() {
    let env = Env::new();
    let refused = github_listener(
        &env,
        &["--forward", &closed_port().to_string(), "--format", "json"],
    );
    let body = b"{\"type\":\"x\"}".to_vec();
    let answer = post(
        &refused.url("/"),
        &[signed(&body)].map(|(k, v)| (k, v)),
        body.clone(),
    );
    assert_eq!(answer.status, 502);
    assert!(String::from_utf8_lossy(&answer.body).contains("could not be reached"));
    let line: serde_json::Value =
        serde_json::from_str(&refused.lines(1, Duration::from_secs(10))[0]).unwrap();
    assert_eq!(line["outcome"], "refused");
    assert!(line["forward"]["error"].is_string());

    let slow = Receiver::with(Arc::new(|_| {
        std::thread::sleep(Duration::from_secs(3));
        (200, vec![])
    }));
    let env2 = Env::new();
    let timing_out = github_listener(
        &env2,
        &["--forward", &slow.url("/"), "--forward-timeout", "500ms"],
    );
    let answer = post(
        &timing_out.url("/"),
        &[signed(&body)].map(|(k, v)| (k, v)),
        body.clone(),
    );
    assert_eq!(answer.status, 504);
    assert!(String::from_utf8_lossy(&answer.body).contains("no answer within"));

    let app = Receiver::start();
    let env3 = Env::new();
    let small = github_listener(
        &env3,
        &[
            "--forward",
            &app.url("/"),
            "--max-body",
            "1k",
            "--format",
            "json",
        ],
    );
    let big = vec![b'a'; 5000];
    let answer = post(&small.url("/"), &[signed(&big)].map(|(k, v)| (k, v)), big);
    assert_eq!(answer.status, 413);
    let line: serde_json::Value =
        serde_json::from_str(&small.lines(1, Duration::from_secs(10))[0]).unwrap();
    assert_eq!(line["outcome"], "too_large");
    assert_eq!(line["body_size"], 5000);
    assert!(app.received().is_empty());
    let listed = env3
        .hooks()
        .args(["deliveries", "list", "--format", "json"])
        .output()
        .unwrap();
    let text = String::from_utf8(listed.stdout).unwrap();
    assert!(
        text.contains("\"too_large\""),
        "the 413 was recorded: {text}"
    );
}

#[test]
fn routes_events_by_pattern_with_forward_as_the_fallback() {
    let env = Env::new();
    let crm = Receiver::start();
    let rest = Receiver::start();
    let route = format!("contact.*={}", crm.url("/crm"));
    let listen = Listening::start(
        &env,
        &["--forward-event", &route, "--forward", &rest.url("/")],
    );
    for event in ["contact.created", "deal.won", "contact.deleted"] {
        env.hooks()
            .args(["send-test", event, "--to", &listen.url("/")])
            .assert()
            .success();
    }
    let crm_got = crm.wait_for(2, Duration::from_secs(10));
    let rest_got = rest.wait_for(1, Duration::from_secs(10));
    let types = |r: &[crate::support::Received]| {
        r.iter()
            .map(|x| x.json()["type"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(types(&crm_got), ["contact.created", "contact.deleted"]);
    assert_eq!(crm_got[0].path_and_query, "/crm");
    assert_eq!(types(&rest_got), ["deal.won"]);
}

#[test]
fn a_when_i_work_batch_is_shown_as_its_events_and_filters_apply() {
    let env = Env::new();
    let app = Receiver::start();
    let listen = Listening::start(
        &env,
        &[
            "--provider",
            "wheniwork",
            "--secret",
            SECRET,
            "--forward",
            &app.url("/"),
            "--format",
            "json",
            "--events",
            "users::*",
        ],
    );
    let sign = |body: &[u8]| {
        let scheme = hooks::providers::get("wheniwork").unwrap().scheme;
        let params = hooks::signature::SignParams {
            id: "x",
            timestamp: 0,
        };
        scheme.sign(&[SECRET.to_string()], body, &params).unwrap()
    };
    let batch = br#"{"events":[{"uuid":"u1","type":"users::created","data":{}},{"uuid":"u2","type":"users::updated","data":{}}]}"#;
    let shifts = br#"{"events":[{"uuid":"s1","type":"shifts::created","data":{}}]}"#;
    for body in [&batch[..], &shifts[..]] {
        let (name, value) = sign(body).remove(0);
        assert_eq!(
            post(&listen.url("/"), &[(name.as_str(), value)], body.to_vec()).status,
            200
        );
    }
    let lines = listen.lines(1, Duration::from_secs(10));
    let first: serde_json::Value = serde_json::from_str(&lines[0]).unwrap();
    assert_eq!(first["provider"], "wheniwork");
    assert_eq!(first["verification"], "valid");
    let types: Vec<&str> = first["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["users::created", "users::updated"]);
    assert_eq!(first["events"][1]["id"], "u2");
    // The shifts delivery is filtered out: answered 200, recorded, not forwarded or printed.
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(listen.lines(2, Duration::from_millis(200)).len(), 1);
    assert_eq!(app.received().len(), 1);
    let listed = env
        .hooks()
        .args(["deliveries", "list", "--format", "json"])
        .output()
        .unwrap();
    assert!(String::from_utf8(listed.stdout)
        .unwrap()
        .contains("\"filtered\""));
}

#[test]
fn json_lines_carry_the_documented_fields_and_exit_after_exits_0() {
    let env = Env::new();
    let app = Receiver::start();
    let mut listen = Listening::start(
        &env,
        &[
            "--forward",
            &app.url("/"),
            "--format",
            "json",
            "--exit-after",
            "2",
            "--print",
            "all",
        ],
    );
    for _ in 0..2 {
        env.hooks()
            .args(["send-test", "contact.created", "--to", &listen.url("/")])
            .assert()
            .success();
    }
    assert_eq!(listen.wait_exit(Duration::from_secs(20)), Some(0));
    let lines = listen.lines(2, Duration::from_secs(5));
    assert_eq!(lines.len(), 2, "{lines:?}");
    for line in lines {
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        for field in [
            "id",
            "received_at",
            "source",
            "remote",
            "method",
            "path",
            "provider",
            "verification",
            "reason",
            "events",
            "body_size",
            "outcome",
            "status",
            "forward",
            "headers",
            "body",
        ] {
            assert!(v.get(field).is_some(), "{field} in {v}");
        }
        assert_eq!(v["verification"], "valid");
        assert_eq!(v["outcome"], "forwarded");
        assert_eq!(v["forward"]["status"], 200);
        assert!(v["forward"]["latency_ms"].is_number());
        assert_eq!(v["events"][0]["type"], "contact.created");
    }
}

#[test]
fn timeout_without_enough_deliveries_exits_1() {
    let env = Env::new();
    let mut listen = Listening::start(&env, &["--exit-after", "1", "--timeout", "500ms"]);
    assert_eq!(listen.wait_exit(Duration::from_secs(20)), Some(1));
}

#[test]
fn ctrl_c_exits_130_and_sigterm_0() {
    let env = Env::new();
    let mut listen = Listening::start(&env, &[]);
    listen.signal("INT");
    assert_eq!(listen.wait_exit(Duration::from_secs(20)), Some(130));
    let mut listen = Listening::start(&env, &[]);
    listen.signal("TERM");
    assert_eq!(listen.wait_exit(Duration::from_secs(20)), Some(0));
}

#[test]
fn ctrl_c_prints_a_summary_not_an_error() {
    let env = Env::new();
    let app = Receiver::start();
    // No inspector: a taken default port would warn "(os error 98)".
    let mut listen = github_listener(&env, &["--forward", &app.url("/"), "--no-inspect"]);
    for body in [&b"{\"n\":1}"[..], b"{\"n\":2}"] {
        let answer = post(&listen.url("/"), &[signed(body)], body.to_vec());
        assert_eq!(answer.status, 200);
    }
    let forged = post(
        &listen.url("/"),
        &[("X-Hub-Signature-256", "sha256=00".to_string())],
        b"{}".to_vec(),
    );
    assert_eq!(forged.status, 401);
    listen.signal("INT");
    assert_eq!(listen.wait_exit(Duration::from_secs(20)), Some(130));
    // The reader thread finishes at EOF; give it a bounded moment.
    let deadline = Instant::now() + Duration::from_secs(5);
    let summary = "stopped: 3 received, 2 forwarded, 1 failed";
    while Instant::now() < deadline && !listen.stderr.lock().unwrap().iter().any(|l| l == summary) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let stderr = listen.stderr.lock().unwrap().join("\n");
    assert!(stderr.lines().any(|l| l == summary), "{stderr}");
    assert!(!stderr.to_lowercase().contains("error"), "{stderr}");
}

/// Waits (bounded) until the listener's ready lines are on stderr.
fn ready_lines(listen: &Listening) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let text = listen.stderr.lock().unwrap().join("\n");
        if text.contains("  recording to ") || Instant::now() > deadline {
            return text;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn ready_lines_say_how_to_verify_and_arrows_carry_the_time() {
    let env = Env::new();
    let listen = Listening::start(&env, &["--no-inspect"]);
    let ready = ready_lines(&listen);
    let dev_secret = std::fs::read_to_string(env.data_dir().join("dev-secret")).unwrap();
    let path = env.data_dir().join("dev-secret");
    assert!(
        ready.contains(&format!(
            "  secret: the development secret in {}",
            path.display()
        )),
        "{ready}"
    );
    assert!(ready.contains("--print-secret"), "{ready}");
    assert!(!ready.contains(dev_secret.trim()), "{ready}");
    assert!(
        ready.contains("  verifying with whichever provider"),
        "{ready}"
    );
    assert!(
        ready.contains("  no --forward: deliveries are answered 200"),
        "{ready}"
    );

    // Both arrows start with the time, so they align.
    env.hooks()
        .args(["send-test", "contact.created", "--to", &listen.url("/")])
        .assert()
        .success();
    let lines = listen.lines(2, Duration::from_secs(10));
    assert_eq!(lines.len(), 2, "{lines:?}");
    for (line, arrow) in lines.iter().zip(["-->", "<--"]) {
        let (time, rest) = line.split_once("  ").unwrap();
        assert!(
            time.len() == 8 && time.chars().filter(|c| *c == ':').count() == 2,
            "{line}"
        );
        assert!(rest.starts_with(arrow), "{line}");
    }
    drop(listen);

    let listen = github_listener(&env, &["--no-inspect"]);
    let ready = ready_lines(&listen);
    assert!(ready.contains(&format!("  secret: {SECRET}")), "{ready}");
    assert!(
        ready.contains("  verifying github deliveries (github: X-Hub-Signature-256)"),
        "{ready}"
    );
    drop(listen);

    env.write_config("[profiles.p]\nsecret = \"from-the-profile\"\n");
    let listen = Listening::start(&env, &["--no-inspect", "--profile", "p"]);
    let ready = ready_lines(&listen);
    assert!(
        ready.contains("  secret: from secret in [profiles.p] of "),
        "{ready}"
    );
    assert!(!ready.contains("from-the-profile"), "{ready}");
    drop(listen);

    // -q: no ready lines at all.
    let quiet = env
        .hooks()
        .args([
            "listen",
            "--port",
            "0",
            "--no-inspect",
            "-q",
            "--timeout",
            "300ms",
        ])
        .output()
        .unwrap();
    assert_eq!(quiet.status.code(), Some(0));
    assert!(
        quiet.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&quiet.stderr)
    );
}

#[test]
fn two_hundred_concurrent_deliveries_are_all_recorded_and_forwarded() {
    let env = Env::new();
    let app = Receiver::start();
    let listen = github_listener(&env, &["--forward", &app.url("/"), "--format", "json"]);
    let url = listen.url("/");
    let statuses = runtime().block_on(async {
        let client = reqwest::Client::new();
        let tasks: Vec<_> = (0..200)
            .map(|i| {
                let body = format!("{{\"type\":\"n\",\"id\":\"{i}\"}}").into_bytes();
                let (k, v) = signed(&body);
                tokio::spawn(post_async(
                    client.clone(),
                    url.clone(),
                    vec![(k.to_string(), v)],
                    body,
                ))
            })
            .collect();
        let mut statuses = vec![];
        for t in tasks {
            statuses.push(t.await.unwrap().status);
        }
        statuses
    });
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    assert_eq!(app.wait_for(200, Duration::from_secs(30)).len(), 200);
    let listed = env
        .hooks()
        .args(["deliveries", "list", "--limit", "1000", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(listed.stdout).unwrap().lines().count(),
        200
    );
}

/// The first event id of every recorded delivery, newest first, as
/// `hooks deliveries list --format json` shows them.
fn recorded_event_ids(env: &Env) -> Vec<String> {
    let listed = env
        .hooks()
        .args(["deliveries", "list", "--limit", "1000", "--format", "json"])
        .output()
        .unwrap();
    String::from_utf8(listed.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["events"][0]["id"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn retention_keeps_the_newest_deliveries() {
    let env = Env::new();
    let listen = github_listener(&env, &["--retention", "3"]);
    for i in 0..5 {
        let body = format!("{{\"type\":\"r\",\"id\":\"evt_{i}\"}}").into_bytes();
        let status = post(&listen.url("/"), &[signed(&body)], body).status;
        assert_eq!(status, 200);
    }
    assert_eq!(recorded_event_ids(&env), ["evt_4", "evt_3", "evt_2"]);
}

/// A store that can no longer be written (here: the listener may not grow
/// a file past 512 KiB, as on a full disk) refuses deliveries with 503 and
/// does not forward them, keeps running, and keeps every delivery it had
/// already acknowledged.
#[test]
fn a_store_that_cannot_be_written_refuses_with_503_and_keeps_what_it_had() {
    let env = Env::new();
    let app = Receiver::start();
    // `ulimit -f` makes writes past the limit fail with EFBIG; SIGXFSZ is
    // ignored (inherited through exec) so that they fail instead of
    // killing the process.
    let mut bash = env.command("bash");
    bash.env("HOOKS_BIN", assert_cmd::cargo::cargo_bin("hooks"))
        .args([
            "-c",
            "trap '' XFSZ; ulimit -f 512; exec \"$HOOKS_BIN\" \"$@\"",
            "hooks",
            "listen",
            "--port",
            "0",
            "--provider",
            "github",
            "--secret",
            SECRET,
            "--forward",
            &app.url("/"),
        ]);
    let listen = Listening::spawn(bash);
    let mut answered = Vec::new();
    let mut refusal = None;
    for i in 0..64 {
        let mut body = format!("{{\"type\":\"full\",\"id\":\"evt_{i}\",\"pad\":\"").into_bytes();
        body.resize(64 * 1024, b'x');
        body.extend_from_slice(b"\"}");
        let answer = post(&listen.url("/"), &[signed(&body)], body);
        if answer.status == 503 {
            refusal = Some(String::from_utf8_lossy(&answer.body).into_owned());
            break;
        }
        assert_eq!(answer.status, 200, "the app's answer until the store fails");
        answered.push(format!("evt_{i}"));
    }
    let refusal = refusal.expect("a store that cannot grow refuses a delivery");
    assert!(
        refusal.contains("could not be recorded") && refusal.contains("retry"),
        "{refusal}"
    );
    assert!(
        !answered.is_empty(),
        "the first deliveries fit in the limit"
    );
    assert_eq!(
        app.received().len(),
        answered.len(),
        "a refused delivery is not forwarded"
    );

    // Still serving: a small delivery that still fits is recorded and
    // forwarded, one that does not is refused; either way nothing is lost.
    let body = b"{\"type\":\"full\",\"id\":\"small\"}".to_vec();
    match post(&listen.url("/"), &[signed(&body)], body).status {
        200 => answered.push("small".into()),
        status => assert_eq!(status, 503),
    }
    assert_eq!(app.received().len(), answered.len());
    drop(listen);

    let mut ids = recorded_event_ids(&env);
    ids.reverse();
    assert_eq!(ids, answered, "every acknowledged delivery is kept");
}

#[test]
fn kill_9_after_the_answer_loses_no_recorded_delivery() {
    let env = Env::new();
    let listen = github_listener(&env, &[]);
    for i in 0..30 {
        let body = format!("{{\"type\":\"k\",\"id\":\"{i}\"}}").into_bytes();
        assert_eq!(
            post(
                &listen.url("/"),
                &[signed(&body)].map(|(k, v)| (k, v)),
                body
            )
            .status,
            200
        );
    }
    listen.signal("KILL");
    drop(listen);
    let listed = env
        .hooks()
        .args(["deliveries", "list", "--limit", "1000", "--format", "json"])
        .output()
        .unwrap();
    let text = String::from_utf8(listed.stdout).unwrap();
    assert_eq!(text.lines().count(), 30, "{text}");
}

/// Sends raw bytes and returns what came back (bounded by a read timeout).
fn raw(addr: &str, bytes: &[u8]) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    let _ = s.write_all(bytes);
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn bad_input_neither_crashes_nor_blocks_the_listener() {
    let env = Env::new();
    let app = Receiver::start();
    let mut listen = Listening::start(&env, &["--forward", &app.url("/")]);
    // A client that sends its head byte by byte and then stalls.
    let mut staller = TcpStream::connect(&listen.addr).unwrap();
    for b in b"POST / HTTP/1.1\r\nHost: x\r\nX-Slow: " {
        staller.write_all(&[*b]).unwrap();
    }
    assert!(raw(&listen.addr, b"GARBAGE \x00\xff\r\n\r\n").starts_with("HTTP/1.1 400"));
    let huge = format!(
        "POST / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(200_000)
    );
    assert!(raw(&listen.addr, huge.as_bytes()).starts_with("HTTP/1.1 431"));
    let answer = post(
        &listen.url("/"),
        &[("content-type", "application/json".into())],
        b"\xff\xfe{not json".to_vec(),
    );
    assert_eq!(answer.status, 200);
    let answer = post(
        &listen.url("/"),
        &[("content-type", "image/png".into())],
        b"{\"type\":\"a.b\"}".to_vec(),
    );
    assert_eq!(answer.status, 200);
    assert_eq!(app.wait_for(2, Duration::from_secs(10)).len(), 2);
    assert_eq!(app.received()[0].body, b"\xff\xfe{not json");
    // The stalled client is cut off by the header read timeout.
    staller
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut rest = Vec::new();
    let _ = staller.read_to_end(&mut rest);
    assert!(
        listen.child.try_wait().unwrap().is_none(),
        "the listener is still running"
    );
    let _ = listen.wait_exit(Duration::from_millis(1));
}

#[test]
fn sigterm_lets_an_in_flight_forward_finish() {
    let env = Env::new();
    let slow = Receiver::with(Arc::new(|_| {
        std::thread::sleep(Duration::from_millis(1500));
        (202, b"late".to_vec())
    }));
    let mut listen = Listening::start(&env, &["--forward", &slow.url("/"), "--path", "/hooks"]);
    assert_eq!(
        post(&listen.url("/elsewhere"), &[], b"{}".to_vec()).status,
        404
    );
    let url = listen.url("/hooks");
    let sender = std::thread::spawn(move || post(&url, &[], b"{}".to_vec()));
    slow.wait_for(1, Duration::from_secs(10));
    listen.signal("TERM");
    let answer = sender.join().unwrap();
    assert_eq!(answer.status, 202);
    assert_eq!(answer.body, b"late");
    assert_eq!(listen.wait_exit(Duration::from_secs(20)), Some(0));
    let listed = env
        .hooks()
        .args(["deliveries", "list", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(
        v["outcome"], "forwarded",
        "the attempt was flushed before exit"
    );
    assert_eq!(v["status"], 202);
}
