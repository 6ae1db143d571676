//! `hooks check` against small webhook handlers started here on 127.0.0.1:
//! one that verifies with the library's signature verification, one that
//! accepts everything, a slow one, and one that fails on a duplicate.

use crate::support::{closed_port, Env, Received};
use hooks::signature::Scheme;
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::service::service_fn;
use hyper::{Request, Response};
use serde_json::Value;
use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const WORKESTRA_SECRET: &str = "wk_test_secret";
const STANDARD_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

/// How a test handler treats a delivery.
#[derive(Clone)]
enum Behaviour {
    /// Verifies (401 when invalid), answers 200 to a duplicate.
    Verify,
    /// 200 to everything.
    AcceptAll,
    /// Verifies, and answers 500 to an id it has seen.
    ErrorOnDuplicate,
    /// Verifies, then takes this long to answer.
    Slow(Duration),
}

/// A webhook handler on 127.0.0.1:0 in a background thread.
struct App {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<Received>>>,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

struct Handler {
    behaviour: Behaviour,
    scheme: Scheme,
    secrets: Vec<String>,
    seen: Mutex<HashSet<String>>,
}

impl Handler {
    fn valid(&self, r: &Received) -> bool {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64;
        let v = self
            .scheme
            .verify(&self.secrets, &r.headers, &r.body, now, 300);
        v.is_valid() || v.label() == "unsigned"
    }

    /// The delivery's id: the Standard Webhooks or When I Work header, else
    /// the body's id (Workestra, WebWork) or traceId (awork).
    fn id(r: &Received) -> String {
        ["webhook-id", "x-webhook-id"]
            .iter()
            .find_map(|h| r.header(h))
            .or_else(|| {
                let body: Value = serde_json::from_slice(&r.body).ok()?;
                ["id", "traceId"]
                    .iter()
                    .find_map(|k| body.get(k).and_then(Value::as_str).map(str::to_string))
            })
            .unwrap_or_default()
    }

    fn answer(&self, r: &Received) -> (u16, Duration) {
        let status = |ok: bool| if ok { 200 } else { 401 };
        match &self.behaviour {
            Behaviour::AcceptAll => (200, Duration::ZERO),
            Behaviour::Verify => (status(self.valid(r)), Duration::ZERO),
            Behaviour::Slow(d) => (status(self.valid(r)), *d),
            Behaviour::ErrorOnDuplicate => {
                if !self.valid(r) {
                    return (401, Duration::ZERO);
                }
                let fresh = self.seen.lock().unwrap().insert(Self::id(r));
                (if fresh { 200 } else { 500 }, Duration::ZERO)
            }
        }
    }
}

impl App {
    fn start(behaviour: Behaviour, provider: &str, secrets: &[&str]) -> App {
        App::with_scheme(
            behaviour,
            hooks::providers::get(provider).unwrap().scheme,
            secrets,
        )
    }

    fn with_scheme(behaviour: Behaviour, scheme: Scheme, secrets: &[&str]) -> App {
        let handler = Arc::new(Handler {
            behaviour,
            scheme,
            secrets: secrets.iter().map(|s| s.to_string()).collect(),
            seen: Mutex::new(HashSet::new()),
        });
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let recorded = requests.clone();
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
                        let (recorded, handler) = (recorded.clone(), handler.clone());
                        tokio::spawn(async move {
                            let service = service_fn(move |req: Request<Incoming>| {
                                let (recorded, handler) = (recorded.clone(), handler.clone());
                                async move {
                                    let (parts, body) = req.into_parts();
                                    let body = body.collect().await?.to_bytes();
                                    let received = Received {
                                        method: parts.method.to_string(),
                                        path_and_query: parts.uri.to_string(),
                                        headers: parts.headers,
                                        body: body.to_vec(),
                                    };
                                    let (status, delay) = handler.answer(&received);
                                    recorded.lock().unwrap().push(received);
                                    tokio::time::sleep(delay).await;
                                    Ok::<_, hyper::Error>(
                                        Response::builder()
                                            .status(status)
                                            .body(Full::new(Bytes::from(format!(
                                                "{{\"status\":{status}}}"
                                            ))))
                                            .unwrap(),
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
        App {
            addr,
            requests,
            _shutdown: tx,
        }
    }

    fn url(&self) -> String {
        format!("http://{}/webhooks", self.addr)
    }

    fn received(&self) -> Vec<Received> {
        self.requests.lock().unwrap().clone()
    }
}

/// The result of one `hooks check` run.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    /// The JSON verdicts, by case id.
    fn verdicts(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect()
    }

    fn verdict(&self, case: &str) -> Value {
        self.verdicts()
            .into_iter()
            .find(|v| v["case"] == case)
            .unwrap_or_else(|| panic!("no verdict for {case}: {}", self.stdout))
    }

    fn failed(&self) -> Vec<String> {
        self.verdicts()
            .iter()
            .filter(|v| v["ok"] == false)
            .map(|v| v["case"].as_str().unwrap().to_string())
            .collect()
    }

    fn skipped(&self) -> Vec<String> {
        self.verdicts()
            .iter()
            .filter(|v| v["skipped"] == true)
            .map(|v| v["case"].as_str().unwrap().to_string())
            .collect()
    }
}

fn check(env: &Env, app_url: &str, args: &[&str]) -> Run {
    let out = env
        .hooks()
        .args(["check", "--to", app_url])
        .args(args)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

const ALL_CASES: [&str; 10] = [
    "genuine",
    "forged-signature",
    "tampered-body",
    "missing-signature",
    "stale-timestamp",
    "duplicate",
    "out-of-order",
    "large-body",
    "verification",
    "timeout",
];

#[test]
fn correct_handler_passes_every_case_for_every_provider() {
    struct Setup {
        provider: &'static str,
        args: &'static [&'static str],
        scheme: &'static str,
        secret: &'static str,
        skipped: &'static [&'static str],
    }
    let setups = [
        Setup {
            provider: "workestra",
            args: &["--secret", WORKESTRA_SECRET],
            scheme: "workestra",
            secret: WORKESTRA_SECRET,
            skipped: &["stale-timestamp"],
        },
        Setup {
            provider: "wheniwork",
            args: &["--secret", "wiw-secret"],
            scheme: "wheniwork",
            secret: "wiw-secret",
            skipped: &["stale-timestamp", "verification"],
        },
        Setup {
            provider: "webwork",
            args: &["--scheme", "github", "--secret", "ww-secret"],
            scheme: "github",
            secret: "ww-secret",
            skipped: &["stale-timestamp", "verification"],
        },
        Setup {
            provider: "webwork",
            args: &[],
            scheme: "none",
            secret: "",
            skipped: &[
                "forged-signature",
                "tampered-body",
                "missing-signature",
                "stale-timestamp",
                "verification",
            ],
        },
        Setup {
            provider: "awork",
            args: &["--secret", "X-Awork-Token=aw-secret-token"],
            scheme: "awork",
            secret: "X-Awork-Token=aw-secret-token",
            skipped: &["tampered-body", "stale-timestamp", "verification"],
        },
        Setup {
            provider: "standard",
            args: &["--secret", STANDARD_SECRET],
            scheme: "standard",
            secret: STANDARD_SECRET,
            skipped: &["verification"],
        },
    ];
    for s in setups {
        let env = Env::new();
        let scheme = hooks::providers::get(s.scheme).unwrap().scheme;
        let app = App::with_scheme(Behaviour::Verify, scheme, &[s.secret]);
        let mut args = vec!["--provider", s.provider, "--format", "json"];
        args.extend(s.args);
        let run = check(&env, &app.url(), &args);
        assert_eq!(run.code, 0, "{}: {}{}", s.provider, run.stdout, run.stderr);
        let cases: Vec<String> = run
            .verdicts()
            .iter()
            .map(|v| v["case"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(cases, ALL_CASES, "{}", s.provider);
        assert!(run.failed().is_empty(), "{}: {}", s.provider, run.stdout);
        assert_eq!(run.skipped(), s.skipped, "{}: {}", s.provider, run.stdout);
        for v in run.verdicts() {
            assert!(v["reason"].as_str().is_some_and(|r| !r.is_empty()), "{v}");
            if v["skipped"] == false {
                assert!(v["latency_ms"].is_number(), "{v}");
                assert!(v["request_id"].is_string(), "{v}");
            }
        }
        let received = app.received();
        match s.provider {
            "workestra" => {
                // Every fixture once as genuine, endpoint.verify as its own case.
                let verify = received
                    .iter()
                    .filter(|r| r.json()["type"] == "endpoint.verify")
                    .count();
                assert_eq!(verify, 1);
                assert_eq!(run.verdict("forged-signature")["status"], 401);
            }
            "wheniwork" => {
                let biggest = received
                    .iter()
                    .map(|r| r.json()["events"].as_array().unwrap().len())
                    .max();
                assert_eq!(biggest, Some(100), "a batch of 100 events");
            }
            "standard" => {
                let stale = run.verdict("stale-timestamp");
                assert_eq!(stale["status"], 401, "{stale}");
            }
            _ => {}
        }
    }
}

#[test]
fn accept_everything_handler_fails_the_signature_cases() {
    let env = Env::new();
    let app = App::start(Behaviour::AcceptAll, "standard", &[STANDARD_SECRET]);
    let args = ["--provider", "standard", "--secret", STANDARD_SECRET];
    let run = check(&env, &app.url(), &args);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(
            "4 of 10 cases failed: forged-signature, tampered-body, missing-signature, stale-timestamp"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout
            .contains("FAIL forged-signature   rejects a forged signature: answered 200: your endpoint accepts forged events"),
        "{}",
        run.stdout
    );
    // The failure shows the request and the answer.
    assert!(
        run.stdout.contains("> webhook-signature: v1,"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("< 200"), "{}", run.stdout);
    assert!(run.stdout.contains("PASS genuine"), "{}", run.stdout);

    let json = check(
        &env,
        &app.url(),
        &[&args[..], &["--format", "json"]].concat(),
    );
    assert_eq!(json.code, 1);
    assert_eq!(
        json.failed(),
        [
            "forged-signature",
            "tampered-body",
            "missing-signature",
            "stale-timestamp"
        ]
    );
    assert_eq!(json.verdict("tampered-body")["status"], 200);
}

#[test]
fn slow_handler_fails_the_timeout_case_with_aworks_consequence() {
    let env = Env::new();
    let secret = "aw-secret";
    let app = App::start(Behaviour::Slow(Duration::from_secs(3)), "awork", &[secret]);
    let args = [
        "--provider",
        "awork",
        "--secret",
        secret,
        "--only",
        "timeout",
        "--timeout",
        "1s",
        "--format",
        "json",
    ];
    let started = std::time::Instant::now();
    let run = check(&env, &app.url(), &args);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(started.elapsed() < Duration::from_secs(10));
    let v = run.verdict("timeout");
    assert_eq!(v["ok"], false);
    let reason = v["reason"].as_str().unwrap();
    assert!(
        reason.contains("awork retries 10 times, then pauses the webhook"),
        "{reason}"
    );
    assert!(
        reason.contains("1s (--timeout; awork allows 30s)"),
        "{reason}"
    );
    assert_eq!(run.verdicts().len(), 1, "only the timeout case ran");

    // A fast handler passes the same case.
    let fast = App::start(Behaviour::Verify, "awork", &[secret]);
    let run = check(&env, &fast.url(), &args);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let reason = run.verdict("timeout")["reason"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(reason.contains("within 1s"), "{reason}");
}

#[test]
fn handler_that_errors_on_a_duplicate_fails_the_duplicate_case() {
    let env = Env::new();
    let app = App::start(
        Behaviour::ErrorOnDuplicate,
        "workestra",
        &[WORKESTRA_SECRET],
    );
    let args = [
        "--provider",
        "workestra",
        "--secret",
        WORKESTRA_SECRET,
        "--only",
        "genuine,duplicate",
        "--events",
        "contact.created,deal.won",
        "--format",
        "json",
    ];
    let run = check(&env, &app.url(), &args);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.failed(), ["duplicate"]);
    let v = run.verdict("duplicate");
    assert_eq!(v["status"], 500);
    let received = app.received();
    assert_eq!(received.len(), 4, "two genuine events, one delivery twice");
    assert_eq!(received[2].json()["id"], received[3].json()["id"]);
    assert_eq!(v["request_id"], received[3].json()["id"]);

    // Every request is recorded as a delivery with source `check`.
    let out = env
        .hooks()
        .args(["deliveries", "list", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let recorded: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(recorded.len(), 4);
    for d in &recorded {
        assert_eq!(d["source"], "check", "{d}");
        assert_eq!(d["provider"], "workestra", "{d}");
        assert_eq!(d["verification"], "valid", "{d}");
        assert_eq!(d["path"], "/webhooks", "{d}");
    }
    // Newest first: the duplicate's answer is the recorded status.
    assert_eq!(recorded[0]["status"], 500);
    assert_eq!(recorded[1]["status"], 200);
    assert_eq!(v["delivery"], recorded[0]["id"]);
}

#[test]
fn junit_report_has_one_testcase_per_case_with_failures_marked() {
    let env = Env::new();
    let app = App::start(Behaviour::AcceptAll, "workestra", &[WORKESTRA_SECRET]);
    let report = env.dir.path().join("check.xml");
    let run = check(
        &env,
        &app.url(),
        &[
            "--provider",
            "workestra",
            "--secret",
            WORKESTRA_SECRET,
            "--junit",
            report.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let xml = std::fs::read_to_string(&report).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .expect("a testsuite");
    assert_eq!(suite.attribute("tests"), Some("10"));
    assert_eq!(suite.attribute("failures"), Some("3"));
    assert_eq!(suite.attribute("skipped"), Some("1"));
    let cases: Vec<roxmltree::Node> = suite
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    let names: Vec<&str> = cases.iter().filter_map(|n| n.attribute("name")).collect();
    assert_eq!(names, ALL_CASES);
    let marked = |kind: &str| {
        cases
            .iter()
            .filter(|n| n.children().any(|c| c.has_tag_name(kind)))
            .filter_map(|n| n.attribute("name"))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        marked("failure"),
        ["forged-signature", "tampered-body", "missing-signature"]
    );
    assert_eq!(marked("skipped"), ["stale-timestamp"]);
    let forged = cases[1]
        .children()
        .find(|c| c.has_tag_name("failure"))
        .unwrap();
    assert!(forged
        .attribute("message")
        .unwrap()
        .contains("your endpoint accepts forged events"));
    assert!(forged
        .text()
        .unwrap()
        .contains("> X-Workestra-Signature: sha256="));
}

#[test]
fn unreachable_endpoint_exits_3() {
    let env = Env::new();
    let url = format!("http://127.0.0.1:{}/webhooks", closed_port());
    let run = check(&env, &url, &["--provider", "workestra"]);
    assert_eq!(run.code, 3, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("cannot reach"), "{}", run.stderr);
    assert!(run.stderr.contains("start your app"), "{}", run.stderr);
}

#[test]
fn bad_flags_exit_2_with_a_clear_error() {
    let env = Env::new();
    let app = App::start(Behaviour::AcceptAll, "workestra", &[WORKESTRA_SECRET]);
    let url = app.url();
    let cases: [(&[&str], &str); 7] = [
        (
            &["--provider", "workestra", "--only", "forged"],
            "forged-signature",
        ),
        (
            &["--provider", "workestra", "--skip", "nope"],
            "invalid value 'nope'",
        ),
        (&["--only", "genuine"], "pass --provider"),
        (&["--provider", "nope"], "unknown provider 'nope'"),
        (
            &["--provider", "workestra", "--events", "contact.craeted"],
            "unknown event 'contact.craeted'",
        ),
        (
            &[
                "--provider",
                "workestra",
                "--only",
                "timeout",
                "--skip",
                "timeout",
            ],
            "leave no case to run",
        ),
        (
            &[
                "--provider",
                "workestra",
                "--junit",
                "no/such/dir/report.xml",
            ],
            "cannot write the JUnit report no/such/dir/report.xml",
        ),
    ];
    for (args, expected) in cases {
        let run = check(&env, &url, args);
        assert_eq!(run.code, 2, "{args:?}: {}{}", run.stdout, run.stderr);
        assert!(run.stderr.contains(expected), "{args:?}: {}", run.stderr);
    }
    let out = env
        .hooks()
        .args(["check", "--provider", "workestra"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("pass --to"));
    assert!(
        app.received().is_empty(),
        "nothing is sent on a usage error"
    );
}

#[test]
fn help_lists_every_case_id() {
    let env = Env::new();
    let out = env.hooks().args(["check", "--help"]).output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    for case in ALL_CASES {
        assert!(help.contains(&format!("- {case}:")), "{case}: {help}");
    }
}

#[test]
fn ci_example_script_passes_a_correct_app_and_fails_the_job_otherwise() {
    let env = Env::new();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/examples/check-in-ci.sh");
    let text = std::fs::read_to_string(script).unwrap();
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/check.md")).unwrap();
    assert!(
        doc.contains(&text),
        "docs/check.md shows the script as it is"
    );

    let hooks = assert_cmd::cargo::cargo_bin("hooks");
    let path = format!(
        "{}:{}",
        hooks.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // `hooks listen` verifies signatures, so it stands in for a correct app;
    // with another secret it rejects the genuine events.
    for (app_secret, code) in [(WORKESTRA_SECRET, 0), ("another-secret", 1)] {
        let port = closed_port();
        let report = env.dir.path().join(format!("report-{code}.xml"));
        let out = env
            .command("bash")
            .arg(script)
            .env("PATH", &path)
            .env(
                "APP_CMD",
                format!(
                    "{} listen --port {port} --no-inspect -q --secret {app_secret}",
                    hooks.display()
                ),
            )
            .env("APP_URL", format!("http://127.0.0.1:{port}/webhooks"))
            .env("HOOKS_PROVIDER", "workestra")
            .env("HOOKS_SECRET", WORKESTRA_SECRET)
            .env("JUNIT", &report)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let xml = std::fs::read_to_string(&report).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let failures = doc
            .descendants()
            .filter(|n| n.has_tag_name("failure"))
            .count();
        assert_eq!(failures > 0, code == 1, "{xml}");
    }
}

#[test]
fn failures_name_the_profiles_secret_and_the_setup_event_as_providers_md_does() {
    let env = Env::new();
    env.write_config("[profiles.dev]\nprovider = \"workestra\"\nsecret = \"profile-secret\"\n");
    let app = App::start(Behaviour::Verify, "workestra", &["another-secret"]);
    let run = check(
        &env,
        &app.url(),
        &[
            "--profile",
            "dev",
            "--only",
            "genuine,verification",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let genuine = run.verdict("genuine")["reason"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        genuine.contains("hooks signed with the secret from secret in [profiles.dev]"),
        "{genuine}"
    );
    assert!(!genuine.contains("--secret"), "{genuine}");
    let verification = run.verdict("verification")["reason"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        verification.contains("Workestra sends it when the webhook is set up and expects 200"),
        "{verification}"
    );
    assert!(
        !verification.contains("before it sends any event"),
        "{verification}"
    );
}
