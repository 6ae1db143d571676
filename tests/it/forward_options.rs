//! `hooks listen`'s forward options: trusting an https app
//! (`--forward-ca`, `--forward-insecure`), `--forward-header`, answering
//! without an app (`--respond`), showing the app's answer
//! (`--print response`) and forwarding only what matches (`--filter`).

use crate::listen::{post, Listening};
use crate::support::{Env, Receiver};
use std::sync::Arc;
use std::time::Duration;

/// An https app on 127.0.0.1 whose certificate was issued by a private CA
/// (as mkcert does); it answers every request 200 `tls ok`.
struct TlsApp {
    port: u16,
    /// The CA's certificate, PEM.
    ca_pem: String,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

impl TlsApp {
    fn start() -> TlsApp {
        TlsApp::serving(false)
    }

    /// With `ca_as_leaf`, the app serves the CA's own certificate (what
    /// gives rustls's `CaUsedAsEndEntity`).
    fn serving(ca_as_leaf: bool) -> TlsApp {
        use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair};
        use tokio_rustls::rustls;
        let ca_key = KeyPair::generate().unwrap();
        let names: Vec<String> = if ca_as_leaf {
            vec!["127.0.0.1".into()]
        } else {
            vec![]
        };
        let mut ca_params = CertificateParams::new(names).unwrap();
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let ca = ca_params.self_signed(&ca_key).unwrap();
        let key = KeyPair::generate().unwrap();
        let leaf = CertificateParams::new(vec!["127.0.0.1".into(), "localhost".into()])
            .unwrap()
            .signed_by(&key, &ca, &ca_key)
            .unwrap();
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![if ca_as_leaf { ca.der() } else { leaf.der() }.clone()],
            rustls_pki_types::PrivateKeyDer::Pkcs8(
                if ca_as_leaf { &ca_key } else { &key }
                    .serialize_der()
                    .into(),
            ),
        )
        .unwrap();
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let (port_tx, port_rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let rt = crate::listen::runtime();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                port_tx.send(listener.local_addr().unwrap().port()).unwrap();
                let accept = async {
                    loop {
                        let Ok((tcp, _)) = listener.accept().await else {
                            continue;
                        };
                        let acceptor = acceptor.clone();
                        tokio::spawn(async move {
                            let Ok(tls) = acceptor.accept(tcp).await else {
                                return;
                            };
                            let service = hyper::service::service_fn(|_req| async {
                                Ok::<_, std::convert::Infallible>(hyper::Response::new(
                                    http_body_util::Full::new(hyper::body::Bytes::from_static(
                                        b"tls ok",
                                    )),
                                ))
                            });
                            let _ = hyper::server::conn::http1::Builder::new()
                                .serve_connection(hyper_util::rt::TokioIo::new(tls), service)
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
        TlsApp {
            port: port_rx.recv_timeout(Duration::from_secs(10)).unwrap(),
            ca_pem: ca.pem(),
            _shutdown: tx,
        }
    }

    fn url(&self) -> String {
        format!("https://127.0.0.1:{}/", self.port)
    }
}

#[test]
fn an_https_app_with_a_private_ca_is_trusted_with_forward_ca_or_forward_insecure() {
    let env = Env::new();
    let app = TlsApp::start();
    let ca = env.dir.path().join("rootCA.pem");
    std::fs::write(&ca, &app.ca_pem).unwrap();

    // Untrusted: a 502 that names both ways out.
    let listen = Listening::start(&env, &["--no-record", "--forward", &app.url()]);
    let answer = post(&listen.url("/"), &[], b"{}".to_vec());
    assert_eq!(answer.status, 502);
    let body = String::from_utf8(answer.body).unwrap();
    assert!(body.contains("TLS certificate is not trusted"), "{body}");
    assert!(body.contains("--forward-ca FILE"), "{body}");
    assert!(body.contains("--forward-insecure"), "{body}");
    drop(listen);

    let ca_arg = ca.to_str().unwrap();
    let url = app.url();
    for trust in [&["--forward-ca", ca_arg][..], &["--forward-insecure"][..]] {
        let mut args = vec!["--no-record", "--forward", &url];
        args.extend_from_slice(trust);
        let listen = Listening::start(&env, &args);
        let answer = post(&listen.url("/"), &[], b"{}".to_vec());
        assert_eq!(answer.status, 200, "{trust:?}");
        assert_eq!(answer.body, b"tls ok", "{trust:?}");
    }

    // A file that holds no certificate is a usage error naming it.
    let not_pem = env.dir.path().join("not.pem");
    std::fs::write(&not_pem, "hello").unwrap();
    let out = env
        .hooks()
        .args(["listen", "--port", "0", "--forward-ca"])
        .arg(&not_pem)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("--forward-ca"), "{stderr}");
    assert!(stderr.contains("not.pem"), "{stderr}");

    // Replay trusts the same way.
    let fixture = env.dir.path().join("event.json");
    std::fs::write(&fixture, "{\"type\":\"x\"}").unwrap();
    env.hooks()
        .args(["replay", "--to", &app.url()])
        .arg(&fixture)
        .assert()
        .code(3);
    env.hooks()
        .args(["replay", "--to", &app.url(), "--forward-ca", ca_arg])
        .arg(&fixture)
        .assert()
        .success();
}

#[test]
fn a_ca_served_as_the_apps_own_certificate_says_what_is_wrong_and_what_helps() {
    let env = Env::new();
    let app = TlsApp::serving(true);
    let ca = env.dir.path().join("rootCA.pem");
    std::fs::write(&ca, &app.ca_pem).unwrap();
    let url = app.url();
    let listen = Listening::start(
        &env,
        &[
            "--no-record",
            "--forward",
            &url,
            "--forward-ca",
            ca.to_str().unwrap(),
        ],
    );
    let answer = post(&listen.url("/"), &[], b"{}".to_vec());
    assert_eq!(answer.status, 502);
    let body = String::from_utf8(answer.body).unwrap();
    assert!(
        body.contains("the app serves a CA certificate as its own"),
        "{body}"
    );
    assert!(body.contains("--forward-insecure"), "{body}");
    drop(listen);
    let listen = Listening::start(
        &env,
        &["--no-record", "--forward", &url, "--forward-insecure"],
    );
    assert_eq!(post(&listen.url("/"), &[], b"{}".to_vec()).status, 200);
}

#[test]
fn forward_header_adds_and_overrides_and_refuses_hostile_input() {
    let env = Env::new();
    let app = Receiver::start();
    let listen = Listening::start(
        &env,
        &[
            "--no-record",
            "--forward",
            &app.url("/"),
            "--forward-header",
            "X-Env: dev",
            "--forward-header",
            "User-Agent:  hooks-test ",
            "--forward-header",
            "X-Multi: a",
            "--forward-header",
            "X-Multi: b",
        ],
    );
    let answer = post(
        &listen.url("/"),
        &[("User-Agent", "sender/1".into()), ("X-Multi", "old".into())],
        b"{}".to_vec(),
    );
    assert_eq!(answer.status, 200);
    let got = app.wait_for(1, Duration::from_secs(10));
    let r = &got[0];
    assert_eq!(r.header("x-env").as_deref(), Some("dev"));
    assert_eq!(r.header("user-agent").as_deref(), Some("hooks-test"));
    let multi: Vec<_> = r.headers.get_all("x-multi").iter().collect();
    assert_eq!(multi, ["a", "b"]);

    for (bad, says) in [
        ("X-Bad: a\r\nInjected: 1", "control character"),
        ("X Bad: 1", "not a valid header name"),
        ("NoColon", "no ':'"),
        ("Content-Length: 3", "framing"),
        ("Transfer-Encoding: chunked", "framing"),
    ] {
        let out = env
            .hooks()
            .args(["listen", "--port", "0", "--forward-header", bad])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains(says), "{bad:?}: {stderr}");
        assert!(!stderr.contains('\r'), "{bad:?}: the input is escaped");
    }
}

#[test]
fn respond_answers_without_an_app_per_event_type_and_after_a_delay() {
    let env = Env::new();
    let listen = Listening::start(
        &env,
        &[
            "--format",
            "json",
            "--respond",
            "503,{\"error\":\"busy\",\"retry\":true}",
            "--respond-event",
            "deal.*=409,duplicate, ignored,300ms",
        ],
    );
    // The ready lines say what is answered instead of "200".
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let ready = loop {
        let text = listen.stderr.lock().unwrap().join("\n");
        if text.contains("recording") || std::time::Instant::now() > deadline {
            break text;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(!ready.contains("answered 200"), "{ready}");
    assert!(
        ready.contains("deliveries of deal.* answered 409 after 300ms"),
        "{ready}"
    );
    assert!(ready.contains("other deliveries answered 503"), "{ready}");
    let contact = post(
        &listen.url("/"),
        &[],
        br#"{"type":"contact.created","id":"evt_1"}"#.to_vec(),
    );
    assert_eq!(contact.status, 503);
    assert_eq!(contact.body, br#"{"error":"busy","retry":true}"#);
    assert_eq!(contact.headers["content-type"], "application/json");

    let started = std::time::Instant::now();
    let deal = post(
        &listen.url("/"),
        &[],
        br#"{"type":"deal.won","id":"evt_2"}"#.to_vec(),
    );
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(deal.status, 409);
    assert_eq!(deal.body, b"duplicate, ignored");
    assert_eq!(deal.headers["content-type"], "text/plain; charset=utf-8");

    let lines = listen.lines(2, Duration::from_secs(10));
    let first: serde_json::Value = serde_json::from_str(&lines[0]).unwrap();
    assert_eq!(first["outcome"], "responded", "{first}");
    assert_eq!(first["status"], 503, "{first}");
    // The statuses were asked for: the summary counts no failure.
    let mut listen = listen;
    listen.signal("INT");
    assert_eq!(listen.wait_exit(Duration::from_secs(10)), Some(130));
    std::thread::sleep(Duration::from_millis(100));
    let stderr = listen.stderr.lock().unwrap().join("\n");
    assert!(
        stderr.contains("2 received, 0 forwarded, 0 failed"),
        "{stderr}"
    );

    let out = env
        .hooks()
        .args(["listen", "--port", "0", "--respond", "9000"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("--respond '9000'"));
}

#[test]
fn terminal_times_follow_tz_while_json_stays_utc() {
    let env = Env::new();
    // UTC+05:30 as a POSIX TZ string: no tz database needed.
    let mut command = env.hooks_std();
    command
        .env("TZ", "IST-5:30")
        .args(["listen", "--port", "0"]);
    let listen = Listening::spawn(command);
    let before = std::time::SystemTime::now();
    post(
        &listen.url("/"),
        &[],
        br#"{"type":"a.b","id":"e1"}"#.to_vec(),
    );
    let lines = listen.lines(2, Duration::from_secs(10));
    let shown = &lines[0][..8];
    // Minutes since midnight, in UTC+05:30, of `before` and one minute on.
    let secs = before
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let local = (secs + 5 * 3600 + 30 * 60) % 86_400;
    let expected = |s: u64| format!("{:02}:{:02}", s / 3600, s % 3600 / 60);
    assert!(
        shown.starts_with(&expected(local)) || shown.starts_with(&expected((local + 60) % 86_400)),
        "{shown} is not UTC+05:30 ({})",
        expected(local)
    );
    drop(listen);
    let out = env
        .hooks()
        .env("TZ", "IST-5:30")
        .args(["deliveries", "list"])
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("+05:30"), "{table}");
    let out = env
        .hooks()
        .env("TZ", "IST-5:30")
        .args(["deliveries", "list", "--format", "json"])
        .output()
        .unwrap();
    let json = String::from_utf8(out.stdout).unwrap();
    assert!(json.contains("Z\""), "{json}");
    assert!(!json.contains("+05:30"), "{json}");
}

#[test]
fn filter_forwards_and_prints_only_matching_headers_and_json_fields() {
    let env = Env::new();
    let app = Receiver::start();
    let listen = Listening::start(
        &env,
        &[
            "--format",
            "json",
            "--forward",
            &app.url("/"),
            "--filter",
            "header:X-Event=deal.*",
            "--filter",
            "json:data.status=paid",
        ],
    );
    let send = |event: &str, status: &str| {
        post(
            &listen.url("/"),
            &[("X-Event", event.to_string())],
            format!("{{\"id\":\"{event}-{status}\",\"data\":{{\"status\":\"{status}\"}}}}")
                .into_bytes(),
        )
    };
    assert_eq!(send("contact.created", "paid").status, 200);
    assert_eq!(send("deal.won", "open").status, 200);
    assert_eq!(send("deal.won", "paid").status, 200);
    let got = app.wait_for(1, Duration::from_secs(10));
    assert_eq!(got.len(), 1, "only the matching delivery is forwarded");
    assert_eq!(got[0].json()["id"], "deal.won-paid");
    let lines = listen.lines(1, Duration::from_secs(10));
    assert_eq!(
        lines.len(),
        1,
        "only the matching delivery is printed: {lines:?}"
    );
    let line: serde_json::Value = serde_json::from_str(&lines[0]).unwrap();
    assert_eq!(line["outcome"], "forwarded", "{line}");

    let out = env
        .hooks()
        .args(["listen", "--port", "0", "--filter", "status=paid"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("--filter 'status=paid'"), "{stderr}");
}

#[test]
fn print_response_shows_the_apps_answer_escaped_and_in_json() {
    let env = Env::new();
    let app = Receiver::with(Arc::new(|_| {
        (422, b"\x1b[31mbad\r\nemail is required".to_vec())
    }));
    let listen = Listening::start(
        &env,
        &[
            "--no-record",
            "--forward",
            &app.url("/"),
            "--print",
            "response",
        ],
    );
    assert_eq!(post(&listen.url("/"), &[], b"{}".to_vec()).status, 422);
    let lines = listen.lines(5, Duration::from_secs(10));
    let text = lines.join("\n");
    assert!(text.contains("HTTP 422"), "{text}");
    assert!(text.contains("content-type: application/json"), "{text}");
    assert!(
        text.contains("\\u{1b}[31mbad\\r\\nemail is required"),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "no raw escape reaches the terminal");
    drop(listen);

    let listen = Listening::start(
        &env,
        &[
            "--no-record",
            "--format",
            "json",
            "--forward",
            &app.url("/"),
            "--print",
            "response",
        ],
    );
    post(&listen.url("/"), &[], b"{}".to_vec());
    let lines = listen.lines(1, Duration::from_secs(10));
    let line: serde_json::Value = serde_json::from_str(&lines[0]).unwrap();
    let response = &line["response"];
    assert_eq!(response["status"], 422, "{line}");
    assert_eq!(response["body_excerpt"], "\x1b[31mbad\r\nemail is required");
    assert_eq!(response["body_size"], 27);
    assert!(response["headers"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h[0] == "content-type" && h[1] == "application/json"));
    drop(listen);

    // No app, no answer: null.
    let listen = Listening::start(
        &env,
        &["--no-record", "--format", "json", "--print", "response"],
    );
    post(&listen.url("/"), &[], b"{}".to_vec());
    let lines = listen.lines(1, Duration::from_secs(10));
    let line: serde_json::Value = serde_json::from_str(&lines[0]).unwrap();
    assert!(line["response"].is_null(), "{line}");
    assert!(line.as_object().unwrap().contains_key("response"), "{line}");
}
