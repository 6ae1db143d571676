//! `hooks relay`: the real relay and client binaries, a target app and the
//! public callers, all on 127.0.0.1 and started by the test.

use crate::support::{closed_port, Env};
use bytes::Bytes;
use futures_util::{SinkExt, StreamExt};
use hooks::relay::protocol::{Frame, GoAwayCode, VERSIONS};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::{Request, Response};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;

pub(crate) const WAIT: Duration = Duration::from_secs(60);

/// One request as the target app saw it.
#[derive(Debug, Clone)]
pub(crate) struct Seen {
    pub(crate) target: String,
    pub(crate) body: Vec<u8>,
}

/// The developer's app: echoes the body, reports what it received in
/// headers, and answers slowly under /slow (3 s) and /delay (50 ms).
pub(crate) struct App {
    pub(crate) addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
    _stop: tokio::sync::oneshot::Sender<()>,
}

impl App {
    pub(crate) fn start() -> App {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (addr_tx, addr_rx) = mpsc::channel();
        let recorded = seen.clone();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                addr_tx.send(listener.local_addr().unwrap()).unwrap();
                let accept = async {
                    loop {
                        let Ok((tcp, _)) = listener.accept().await else {
                            continue;
                        };
                        let recorded = recorded.clone();
                        tokio::spawn(async move {
                            let service = service_fn(move |req: Request<Incoming>| {
                                let recorded = recorded.clone();
                                async move {
                                    Ok::<_, std::convert::Infallible>(echo(req, &recorded).await)
                                }
                            });
                            let _ = hyper::server::conn::http1::Builder::new()
                                .serve_connection(hyper_util::rt::TokioIo::new(tcp), service)
                                .await;
                        });
                    }
                };
                tokio::select! {
                    _ = accept => {}
                    _ = stopped => {}
                }
            });
        });
        App {
            addr: addr_rx.recv_timeout(Duration::from_secs(10)).unwrap(),
            seen,
            _stop: stop,
        }
    }

    pub(crate) fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// Waits (bounded) until the app saw at least `n` requests.
    pub(crate) fn wait_for(&self, n: usize) -> Vec<Seen> {
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            let got = self.seen();
            if got.len() >= n || std::time::Instant::now() > deadline {
                return got;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

async fn echo(req: Request<Incoming>, recorded: &Mutex<Vec<Seen>>) -> Response<Full<Bytes>> {
    let (parts, body) = req.into_parts();
    let body = body.collect().await.unwrap().to_bytes();
    let target = parts
        .uri
        .path_and_query()
        .map(|p| p.to_string())
        .unwrap_or_default();
    if target.starts_with("/slow") {
        tokio::time::sleep(Duration::from_secs(3)).await;
    } else if target.starts_with("/delay") {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let rep: Vec<&str> = parts
        .headers
        .get_all("x-rep")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    recorded.lock().unwrap().push(Seen {
        target: target.clone(),
        body: body.to_vec(),
    });
    Response::builder()
        .status(200)
        .header("x-echo-method", parts.method.as_str())
        .header("x-echo-target", target)
        .header("x-echo-rep", rep.join("|"))
        .header("x-body-sha256", hex::encode(Sha256::digest(&body)))
        .header("set-cookie", "a=1")
        .header("set-cookie", "b=2")
        .body(Full::new(body))
        .unwrap()
}

/// A child process that is killed (SIGKILL) when the test ends.
pub(crate) struct Proc {
    child: Child,
    lines: mpsc::Receiver<String>,
    err_lines: mpsc::Receiver<String>,
}

impl Proc {
    pub(crate) fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// The first stderr line containing `needle`, waiting (bounded).
    pub(crate) fn stderr_line(&self, needle: &str) -> String {
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let line = self
                .err_lines
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no stderr line with {needle:?}"));
            if line.contains(needle) {
                return line;
            }
        }
    }

    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    pub(crate) fn next_line(&self) -> String {
        self.lines
            .recv_timeout(WAIT)
            .expect("the process printed a line")
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        self.kill();
    }
}

pub(crate) fn spawn(mut cmd: std::process::Command) -> Proc {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, lines) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let stderr = child.stderr.take().unwrap();
    let (err_tx, err_lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("[child] {line}");
            let _ = err_tx.send(line);
        }
    });
    Proc {
        child,
        lines,
        err_lines,
    }
}

pub(crate) struct RelayProc {
    port: u16,
    /// The admin address's port (`--admin-bind`), where /metrics is.
    admin: u16,
    _proc: Proc,
}

impl RelayProc {
    pub(crate) fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub(crate) fn metrics_url(&self) -> String {
        format!("http://127.0.0.1:{}/metrics", self.admin)
    }

    pub(crate) fn ws(&self) -> String {
        format!("ws://127.0.0.1:{}", self.port)
    }

    pub(crate) fn pid(&self) -> u32 {
        self._proc.child.id()
    }

    /// The first line of the relay's stderr containing `needle`, waiting
    /// (bounded).
    pub(crate) fn stderr_line(&self, needle: &str) -> String {
        self._proc.stderr_line(needle)
    }
}

/// Starts `hooks relay serve` on `port`, with /metrics on a port of its
/// own, and waits (bounded) for /healthz.
pub(crate) fn relay_on(env: &Env, port: u16, args: &[&str]) -> RelayProc {
    let admin = closed_port();
    let mut cmd = env.hooks_std();
    cmd.args(["relay", "serve", "--bind", &format!("127.0.0.1:{port}")])
        .args(["--admin-bind", &format!("127.0.0.1:{admin}")])
        .args(args);
    let proc = spawn(cmd);
    let url = format!("http://127.0.0.1:{port}/healthz");
    for _ in 0..300 {
        if let Ok(r) = reqwest_blocking_get(&url) {
            if r == 200 {
                return RelayProc {
                    port,
                    admin,
                    _proc: proc,
                };
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the relay did not become healthy on port {port}");
}

pub(crate) fn relay(env: &Env, args: &[&str]) -> RelayProc {
    relay_on(env, closed_port(), args)
}

/// A GET without an async runtime, for readiness checks.
pub(crate) fn reqwest_blocking_get(url: &str) -> std::io::Result<u16> {
    use std::io::{Read, Write};
    let addr = url
        .strip_prefix("http://")
        .and_then(|r| r.split('/').next())
        .unwrap();
    let mut s = std::net::TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(5)))?;
    let path = &url[url.find(addr).unwrap() + addr.len()..];
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )?;
    let mut buf = String::new();
    s.read_to_string(&mut buf)?;
    Ok(buf
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0))
}

/// Starts `hooks relay connect` and returns it with its public URL.
pub(crate) fn client(env: &Env, relay: &RelayProc, forward: &str, args: &[&str]) -> (Proc, String) {
    let mut cmd = env.hooks_std();
    cmd.args([
        "relay",
        "connect",
        "--relay",
        &relay.ws(),
        "--forward",
        forward,
    ])
    .args(args);
    let proc = spawn(cmd);
    let url = proc.next_line();
    assert!(url.starts_with("http://127.0.0.1:"), "public URL: {url}");
    (proc, url)
}

pub(crate) fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(WAIT)
        .pool_max_idle_per_host(256)
        .build()
        .unwrap()
}

pub(crate) fn random(n: usize) -> Vec<u8> {
    let mut v = vec![0u8; n];
    rand::thread_rng().fill_bytes(&mut v);
    v
}

pub(crate) fn sha(b: &[u8]) -> String {
    hex::encode(Sha256::digest(b))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_bodies_and_repeated_headers_round_trip_byte_exact() {
    let env = Env::new();
    let app = App::start();
    let relay = relay(&env, &[]);
    let (_client, url) = client(&env, &relay, &app.addr.to_string(), &[]);
    let http = http();
    for size in [0usize, 1, 65_535, 65_536, 65_537, 1_000_003, 25 << 20] {
        let body = random(size);
        let r = http
            .post(format!("{url}/p/a%20b?x=1&x=2&y=%2F"))
            .header("x-rep", "1")
            .header("x-rep", "2")
            .body(body.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "size {size}");
        let h = r.headers().clone();
        assert_eq!(h["x-echo-target"], "/p/a%20b?x=1&x=2&y=%2F");
        assert_eq!(h["x-echo-method"], "POST");
        assert_eq!(h["x-echo-rep"], "1|2");
        assert_eq!(
            h["x-body-sha256"].to_str().unwrap(),
            sha(&body),
            "size {size} upstream"
        );
        let cookies: Vec<_> = h.get_all("set-cookie").iter().collect();
        assert_eq!(cookies, ["a=1", "b=2"]);
        let back = r.bytes().await.unwrap();
        assert_eq!(sha(&back), sha(&body), "size {size} downstream");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_requests_do_not_cross_talk() {
    let env = Env::new();
    let app = App::start();
    let relay = relay(&env, &[]);
    let (_client, url) = client(&env, &relay, &app.addr.to_string(), &[]);
    let http = http();
    let tasks: Vec<_> = (0..200)
        .map(|i| {
            let http = http.clone();
            let url = url.clone();
            tokio::spawn(async move {
                let body = [format!("request {i} ").into_bytes(), random(i * 37)].concat();
                let r = http
                    .post(format!("{url}/n/{i}"))
                    .body(body.clone())
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), 200);
                assert_eq!(r.headers()["x-echo-target"], format!("/n/{i}").as_str());
                assert_eq!(r.bytes().await.unwrap().to_vec(), body, "request {i}");
            })
        })
        .collect();
    for t in tasks {
        tokio::time::timeout(WAIT, t).await.unwrap().unwrap();
    }
    assert_eq!(app.seen().len(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_upload_does_not_block_small_requests() {
    let env = Env::new();
    let app = App::start();
    let relay = relay(&env, &[]);
    let (_client, url) = client(&env, &relay, &app.addr.to_string(), &[]);
    let http = http();
    let upload_done = Arc::new(AtomicBool::new(false));
    let sent_some = Arc::new(tokio::sync::Notify::new());
    let chunks = (20 << 20) / (64 << 10);
    let body = {
        let done = upload_done.clone();
        let sent_some = sent_some.clone();
        futures_util::stream::unfold(0usize, move |i| {
            let done = done.clone();
            let sent_some = sent_some.clone();
            async move {
                if i == chunks {
                    done.store(true, Ordering::SeqCst);
                    return None;
                }
                if i == 4 {
                    sent_some.notify_one();
                }
                tokio::time::sleep(Duration::from_millis(25)).await;
                Some((Ok::<_, std::io::Error>(vec![i as u8; 64 << 10]), i + 1))
            }
        })
    };
    let upload = {
        let http = http.clone();
        let url = url.clone();
        tokio::spawn(async move {
            http.post(format!("{url}/upload"))
                .body(reqwest::Body::wrap_stream(body))
                .send()
                .await
                .unwrap()
                .status()
        })
    };
    tokio::time::timeout(WAIT, sent_some.notified())
        .await
        .unwrap();
    for i in 0..20 {
        let small = random(1024);
        let r = http
            .post(format!("{url}/small/{i}"))
            .body(small.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(r.bytes().await.unwrap().to_vec(), small);
    }
    assert!(
        !upload_done.load(Ordering::SeqCst),
        "the 20 small requests completed while the upload was still in flight"
    );
    let status = tokio::time::timeout(WAIT, upload).await.unwrap().unwrap();
    assert_eq!(status, 200);
    let seen = app.seen();
    let up = seen.iter().find(|s| s.target == "/upload").unwrap();
    assert_eq!(up.body.len(), 20 << 20);
}

/// POSTs `probe` to `url` until the relay queues it (202). The relay notices
/// a killed client's closed socket at once, but until then requests may
/// still go to the dead tunnel and fail with 502.
pub(crate) async fn probe_until_queued(http: &reqwest::Client, url: &str) {
    for attempt in 0..200 {
        let r = http.post(url).body("probe").send().await.unwrap();
        if r.status() == 202 {
            return;
        }
        assert!(attempt < 199, "the relay never noticed the client left");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_client_gets_its_queue_in_order_at_the_same_url() {
    let env = Env::new();
    let app = App::start();
    let relay = relay(&env, &[]);
    let (mut first, url) = client(&env, &relay, &app.addr.to_string(), &[]);
    first.kill();
    let http = http();
    probe_until_queued(&http, &format!("{url}/probe")).await;
    let mut queued = vec!["probe".to_string()];
    for i in 0..50 {
        let r = http
            .post(format!("{url}/q/{i}"))
            .body(format!("event {i}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 202);
        assert!(r.headers().contains_key("hooks-relay-queued"));
        queued.push(format!("event {i}"));
    }
    assert!(app.seen().iter().all(|s| s.target != "/q/0"));
    let (_second, again) = client(&env, &relay, &app.addr.to_string(), &[]);
    assert_eq!(again, url, "the public URL survives a restart");
    let seen = app.wait_for(51);
    let bodies: Vec<String> = seen
        .iter()
        .map(|s| String::from_utf8(s.body.clone()).unwrap())
        .collect();
    assert_eq!(bodies, queued);
}

/// Requests that arrive while a reconnected client is still being sent its
/// queue join the end of the queue (202) instead of overtaking it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_during_the_queue_delivery_do_not_overtake_it() {
    let env = Env::new();
    let app = App::start();
    let relay = relay(&env, &[]);
    let (mut first, url) = client(&env, &relay, &app.addr.to_string(), &[]);
    first.kill();
    let http = http();
    probe_until_queued(&http, &format!("{url}/delay/probe")).await;
    let mut expected = vec!["probe".to_string()];
    // The app takes 50 ms a request, so delivering these takes 2 s or more.
    for i in 0..40 {
        let r = http
            .post(format!("{url}/delay/q/{i}"))
            .body(format!("queued {i}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 202);
        expected.push(format!("queued {i}"));
    }
    let (_second, _) = client(&env, &relay, &app.addr.to_string(), &[]);
    let mut statuses = Vec::new();
    for i in 0..5 {
        let r = http
            .post(format!("{url}/new/{i}"))
            .body(format!("new {i}"))
            .send()
            .await
            .unwrap();
        statuses.push(r.status().as_u16());
        expected.push(format!("new {i}"));
    }
    assert_eq!(
        statuses[0], 202,
        "the first new request arrived while the queue was being delivered"
    );
    let seen = app.wait_for(expected.len());
    let bodies: Vec<String> = seen
        .iter()
        .map(|s| String::from_utf8(s.body.clone()).unwrap())
        .collect();
    assert_eq!(bodies, expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_relay_loses_nothing_from_its_queue() {
    let env = Env::new();
    let app = App::start();
    let port = closed_port();
    let mut relay = relay_on(&env, port, &[]);
    let (mut c, url) = client(&env, &relay, &app.addr.to_string(), &["--heartbeat", "1s"]);
    c.kill();
    let http = http();
    let mut expected = Vec::new();
    for i in 0..30 {
        let body = format!("event {i}");
        for attempt in 0..200 {
            let r = http
                .post(format!("{url}/delay/{i}"))
                .body(body.clone())
                .send()
                .await
                .unwrap();
            if r.status() == 202 {
                break;
            }
            assert!(attempt < 199, "never queued");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        expected.push(body);
    }
    let (_c, _) = client(&env, &relay, &app.addr.to_string(), &["--heartbeat", "1s"]);
    app.wait_for(5);
    // Kill the relay while it is delivering the queue, then start it again.
    relay._proc.kill();
    relay = relay_on(&env, port, &[]);
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let got: std::collections::BTreeSet<String> = app
            .seen()
            .iter()
            .map(|s| String::from_utf8(s.body.clone()).unwrap())
            .collect();
        if expected.iter().all(|e| got.contains(e)) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "lost: {:?}",
            expected
                .iter()
                .filter(|e| !got.contains(*e))
                .collect::<Vec<_>>()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Redeliveries are allowed; the first delivery of each stays in order.
    let mut firsts = Vec::new();
    for s in app.seen() {
        let b = String::from_utf8(s.body).unwrap();
        if !firsts.contains(&b) {
            firsts.push(b);
        }
    }
    assert_eq!(firsts, expected);
    drop(relay);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn error_paths_answer_with_clear_statuses() {
    let env = Env::new();
    let app = App::start();
    let relay = relay(
        &env,
        &[
            "--max-body",
            "1KiB",
            "--request-timeout",
            "1s",
            "--rate-limit",
            "5",
        ],
    );
    let (_client, url) = client(&env, &relay, &app.addr.to_string(), &[]);
    let http = http();
    let unknown = http
        .get(format!("{}/c/nobody/x", relay.base()))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
    assert!(unknown.text().await.unwrap().contains("unknown channel"));

    let big = http
        .post(format!("{url}/big"))
        .body(vec![0u8; 4096])
        .send()
        .await
        .unwrap();
    assert_eq!(big.status(), 413);
    assert!(big.text().await.unwrap().contains("--max-body"));

    let slow = http.get(format!("{url}/slow")).send().await.unwrap();
    assert_eq!(slow.status(), 504);
    assert!(slow.text().await.unwrap().contains("did not answer"));

    let mut limited = None;
    for _ in 0..50 {
        let r = http.get(format!("{url}/rate")).send().await.unwrap();
        if r.status() == 429 {
            limited = Some(r.text().await.unwrap());
            break;
        }
    }
    assert!(limited.unwrap().contains("rate limit"));

    let refused_env = Env::new();
    let (_other, other_url) = client(
        &refused_env,
        &relay,
        &format!("127.0.0.1:{}", closed_port()),
        &[],
    );
    let r = http.get(format!("{other_url}/x")).send().await.unwrap();
    assert_eq!(r.status(), 502);
    assert!(r.text().await.unwrap().contains("refused"));

    let metrics = http
        .get(relay.metrics_url())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(metrics.contains("hooks_relay_tunnels 2"), "{metrics}");
    assert!(metrics.contains("hooks_relay_responses_total{status=\"504\"} 1"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_reject_and_full_queue_are_refused() {
    let env = Env::new();
    let reject = relay(&env, &["--offline", "reject", "--data-dir", "r1"]);
    let (mut c, url) = client(&env, &reject, "127.0.0.1:9", &["--channel", "rej"]);
    c.kill();
    let http = http();
    let mut status = 0;
    for _ in 0..200 {
        status = http
            .post(&url)
            .body("x")
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
        if status == 503 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(status, 503);

    let full = relay(&env, &["--queue-limit", "2", "--data-dir", "r2"]);
    let (mut c, url) = client(&env, &full, "127.0.0.1:9", &["--channel", "full"]);
    c.kill();
    let mut statuses = Vec::new();
    for _ in 0..200 {
        let s = http
            .post(&url)
            .body("x")
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
        if s == 507 {
            statuses.push(s);
            break;
        }
        if s == 202 {
            statuses.push(s);
        } else {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    assert_eq!(statuses, [202, 202, 507]);
}

pub(crate) async fn raw(
    relay: &RelayProc,
    token: &str,
    channel: &str,
) -> (
    futures_util::stream::SplitSink<
        tokio_tungstenite::WebSocketStream<
            tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
        >,
        Message,
    >,
    futures_util::stream::SplitStream<
        tokio_tungstenite::WebSocketStream<
            tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
        >,
    >,
    Frame,
) {
    let url = hooks::relay::client::connect_url(&relay.ws()).unwrap();
    let (ws, _) = tokio_tungstenite::connect_async(url).await.unwrap();
    let (mut tx, mut rx) = ws.split();
    let hello = Frame::Hello {
        versions: VERSIONS.to_vec(),
        token: token.into(),
        channel: channel.into(),
    };
    tx.send(Message::Binary(hello.encode().unwrap()))
        .await
        .unwrap();
    let answer = next_frame(&mut rx).await.expect("an answer to HELLO");
    (tx, rx, answer)
}

async fn next_frame<S>(rx: &mut S) -> Option<Frame>
where
    S: futures_util::Stream<Item = Result<Message, tokio_tungstenite::tungstenite::Error>> + Unpin,
{
    loop {
        match tokio::time::timeout(WAIT, rx.next()).await.unwrap() {
            Some(Ok(Message::Binary(b))) => {
                let f = Frame::decode(b).unwrap();
                if !matches!(f, Frame::Ping(_)) {
                    return Some(f);
                }
            }
            Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return None,
            Some(Ok(_)) => {}
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_tokens_foreign_channels_and_bad_frames_are_refused_alone() {
    let env = Env::new();
    let tokens = env.dir.path().join("tokens");
    let add = |name: &str| {
        let out = env
            .hooks()
            .args(["relay", "token", "add", name, "--tokens"])
            .arg(&tokens)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let alice = add("alice");
    let bob = add("bob");
    let app = App::start();
    let tokens_arg = tokens.to_str().unwrap().to_string();
    let relay = relay(&env, &["--tokens", &tokens_arg]);
    let (_alice, url) = client(
        &env,
        &relay,
        &app.addr.to_string(),
        &["--token", &alice, "--channel", "team"],
    );
    let http = http();
    let works = || async {
        let r = http
            .post(format!("{url}/still"))
            .body("ok")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
    };
    works().await;

    let out = env
        .hooks()
        .args([
            "relay",
            "connect",
            "--relay",
            &relay.ws(),
            "--forward",
            "9",
            "--token",
            "hrt_wrong",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("token is not valid"));

    // Bob is on another machine: from alice's data dir, the channel lock
    // would refuse him before the relay does.
    let out = Env::new()
        .hooks()
        .args([
            "relay",
            "connect",
            "--relay",
            &relay.ws(),
            "--forward",
            "9",
            "--channel",
            "team",
            "--token",
            &bob,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("belongs to another token"));
    works().await;

    // A frame for a stream that is not open is refused; the connection lives.
    let (mut tx, mut rx, welcome) = raw(&relay, &bob, "bobs").await;
    assert!(matches!(welcome, Frame::Welcome { .. }), "{welcome:?}");
    let data = Frame::Data {
        stream: 999,
        data: Bytes::from_static(b"x"),
    };
    tx.send(Message::Binary(data.encode().unwrap()))
        .await
        .unwrap();
    assert!(matches!(
        next_frame(&mut rx).await,
        Some(Frame::Reset { stream: 999, .. })
    ));
    tx.send(Message::Binary(Frame::Ping(7).encode().unwrap()))
        .await
        .unwrap();
    assert_eq!(next_frame(&mut rx).await, Some(Frame::Pong(7)));
    // A malformed frame ends only that connection.
    tx.send(Message::Binary(vec![0x7f, 0, 0].into()))
        .await
        .unwrap();
    assert!(matches!(
        next_frame(&mut rx).await,
        Some(Frame::GoAway {
            code: GoAwayCode::Protocol,
            ..
        })
    ));
    works().await;

    // An oversized message ends only that connection.
    let (mut tx, mut rx, _) = raw(&relay, &bob, "bobs").await;
    let _ = tx
        .send(Message::Binary(vec![0x05; 200 * 1024].into()))
        .await;
    let mut ended = false;
    for _ in 0..10 {
        match next_frame(&mut rx).await {
            None | Some(Frame::GoAway { .. }) => {
                ended = true;
                break;
            }
            Some(_) => {}
        }
    }
    assert!(ended);
    works().await;
}

#[test]
fn fail_on_disconnect_exits_non_zero_with_states_on_stderr() {
    let env = Env::new();
    let port = closed_port();
    let out = env
        .hooks()
        .args([
            "relay",
            "connect",
            "--relay",
            &format!("ws://127.0.0.1:{port}"),
            "--forward",
            "9",
            "--fail-on-disconnect",
            "2s",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("relay: offline"), "{err}");
    assert!(err.contains("reconnecting in"), "{err}");
    assert!(err.contains("--fail-on-disconnect 2s"), "{err}");
}

/// `hooks listen --relay`: tunnelled requests go through the delivery
/// pipeline (recorded with source relay, forwarded, answered by the app),
/// and a killed listener gets its queue at the same URL.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listen_through_the_relay_records_forwards_and_answers() {
    let env = Env::new();
    let app = App::start();
    let relay = relay(&env, &[]);
    let listen = |env: &Env| {
        let mut cmd = env.hooks_std();
        cmd.args([
            "listen",
            "--port",
            "0",
            "--format",
            "json",
            "--relay",
            &relay.ws(),
        ])
        .args(["--forward", &format!("http://{}", app.addr)]);
        let proc = spawn(cmd);
        let line = proc.stderr_line("public URL");
        let url = line.rsplit(' ').next().unwrap().to_string();
        (proc, url)
    };
    let (mut first, url) = listen(&env);
    let http = http();
    let body = random(300_000);
    let r = http
        .post(format!("{url}/hooks?x=1"))
        .header("x-rep", "1")
        .header("x-rep", "2")
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["x-echo-target"], "/hooks?x=1");
    assert_eq!(r.headers()["x-echo-rep"], "1|2");
    assert_eq!(sha(&r.bytes().await.unwrap()), sha(&body));
    let printed: serde_json::Value = serde_json::from_str(&first.next_line()).unwrap();
    assert_eq!(printed["source"], "relay");
    assert_eq!(printed["path"], "/hooks?x=1");
    assert_eq!(printed["outcome"], "forwarded");

    first.kill();
    let mut queued = 0;
    for attempt in 0..200 {
        let r = http
            .post(format!("{url}/q"))
            .body(format!("q{queued}"))
            .send()
            .await
            .unwrap();
        if r.status() == 202 {
            queued += 1;
            if queued == 3 {
                break;
            }
        } else {
            assert!(attempt < 199, "never queued");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    let (_second, again) = listen(&env);
    assert_eq!(again, url);
    let seen = app.wait_for(4);
    let bodies: Vec<&[u8]> = seen[1..].iter().map(|s| s.body.as_slice()).collect();
    assert_eq!(bodies, [&b"q0"[..], b"q1", b"q2"]);
    let out = env
        .hooks()
        .args(["deliveries", "list", "--format", "json"])
        .output()
        .unwrap();
    let list: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(list.len(), 4);
    assert!(list.iter().all(|d| d["source"] == "relay"));
}

/// A TCP proxy whose existing connections can be frozen: bytes stop in
/// both directions but no FIN or RST is sent, as when a NAT forgets a flow.
struct Freezer {
    addr: SocketAddr,
    frozen_upto: Arc<std::sync::atomic::AtomicU64>,
    accepted: Arc<std::sync::atomic::AtomicU64>,
    _stop: tokio::sync::oneshot::Sender<()>,
}

impl Freezer {
    async fn start(to: SocketAddr) -> Freezer {
        use std::sync::atomic::AtomicU64;
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let frozen_upto = Arc::new(AtomicU64::new(0));
        let accepted_count = Arc::new(AtomicU64::new(0));
        let counter = accepted_count.clone();
        let (stop, mut stopped) = tokio::sync::oneshot::channel::<()>();
        let frozen = frozen_upto.clone();
        tokio::spawn(async move {
            let mut generation = 0u64;
            loop {
                let accepted = tokio::select! {
                    a = listener.accept() => a,
                    _ = &mut stopped => return,
                };
                let Ok((inbound, _)) = accepted else { continue };
                generation += 1;
                counter.store(generation, Ordering::SeqCst);
                let Ok(outbound) = tokio::net::TcpStream::connect(to).await else {
                    continue;
                };
                let (ri, wi) = inbound.into_split();
                let (ro, wo) = outbound.into_split();
                for (mut r, mut w) in [
                    (
                        Box::new(ri) as Box<dyn tokio::io::AsyncRead + Unpin + Send>,
                        Box::new(wo) as Box<dyn tokio::io::AsyncWrite + Unpin + Send>,
                    ),
                    (Box::new(ro), Box::new(wi)),
                ] {
                    let frozen = frozen.clone();
                    let mine = generation;
                    tokio::spawn(async move {
                        let mut buf = vec![0u8; 64 << 10];
                        while let Ok(n) = r.read(&mut buf).await {
                            if n == 0 {
                                break;
                            }
                            if frozen.load(Ordering::SeqCst) >= mine {
                                // Hold both halves open and silent.
                                std::future::pending::<()>().await;
                            }
                            if w.write_all(&buf[..n]).await.is_err() {
                                break;
                            }
                        }
                    });
                }
            }
        });
        Freezer {
            addr,
            frozen_upto,
            accepted: accepted_count,
            _stop: stop,
        }
    }

    /// Freezes every connection made so far; later ones flow.
    fn freeze(&self) {
        self.frozen_upto
            .store(self.accepted.load(Ordering::SeqCst), Ordering::SeqCst);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silently_dropped_connection_is_detected_and_recovered() {
    let env = Env::new();
    let app = App::start();
    let relay = relay(&env, &["--heartbeat", "1s"]);
    let freezer = Freezer::start(format!("127.0.0.1:{}", relay.port).parse().unwrap()).await;
    let mut cmd = env.hooks_std();
    cmd.args([
        "relay",
        "connect",
        "--relay",
        &format!("ws://{}", freezer.addr),
    ])
    .args(["--forward", &app.addr.to_string(), "--heartbeat", "1s"]);
    let proc = spawn(cmd);
    let url = proc.next_line();
    let http = http();
    let ok = http
        .post(format!("{url}/before"))
        .body("a")
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    freezer.freeze();
    let offline = proc.stderr_line("offline");
    assert!(offline.contains("no heartbeat"), "{offline}");
    proc.stderr_line("connected to");
    let after = http
        .post(format!("{url}/after"))
        .body("b")
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), 200);
    assert_eq!(after.bytes().await.unwrap().as_ref(), b"b");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tls_relay_serves_https_and_wss_with_a_private_ca() {
    let env = Env::new();
    let app = App::start();
    let ck =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".into(), "localhost".into()]).unwrap();
    let cert = env.dir.path().join("cert.pem");
    let key = env.dir.path().join("key.pem");
    std::fs::write(&cert, ck.cert.pem()).unwrap();
    std::fs::write(&key, ck.key_pair.serialize_pem()).unwrap();
    let port = closed_port();
    let mut cmd = env.hooks_std();
    cmd.args(["relay", "serve", "--bind", &format!("127.0.0.1:{port}")])
        .arg("--tls-cert")
        .arg(&cert)
        .arg("--tls-key")
        .arg(&key);
    let _relay = spawn(cmd);
    let http = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(ck.cert.pem().as_bytes()).unwrap())
        .timeout(WAIT)
        .build()
        .unwrap();
    let mut healthy = false;
    for _ in 0..300 {
        let r = http
            .get(format!("https://127.0.0.1:{port}/healthz"))
            .send()
            .await;
        if r.is_ok_and(|r| r.status() == 200) {
            healthy = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(healthy, "the TLS relay never answered /healthz");
    let wss = format!("wss://127.0.0.1:{port}");

    // Without the private CA the relay's certificate is not trusted.
    let out = env
        .hooks()
        .args(["relay", "connect", "--relay", &wss, "--forward", "9"])
        .args(["--fail-on-disconnect", "1s"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));

    let mut cmd = env.hooks_std();
    cmd.args([
        "relay",
        "connect",
        "--relay",
        &wss,
        "--forward",
        &app.addr.to_string(),
    ])
    .arg("--relay-ca")
    .arg(&cert);
    let client = spawn(cmd);
    let url = client.next_line();
    assert!(url.starts_with("https://127.0.0.1:"), "{url}");
    let body = random(200_000);
    let r = http
        .post(format!("{url}/tls"))
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(sha(&r.bytes().await.unwrap()), sha(&body));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_a_domain_the_channel_is_the_first_host_label() {
    let env = Env::new();
    let app = App::start();
    let relay = relay(
        &env,
        &[
            "--domain",
            "relay.test",
            "--public-url",
            "https://relay.test",
        ],
    );
    let (_client, url) = {
        let mut cmd = env.hooks_std();
        cmd.args([
            "relay",
            "connect",
            "--relay",
            &relay.ws(),
            "--forward",
            &app.addr.to_string(),
        ])
        .args(["--channel", "dev-1"]);
        let proc = spawn(cmd);
        let url = proc.next_line();
        (proc, url)
    };
    assert_eq!(url, "https://dev-1.relay.test");
    let r = http()
        .post(format!("{}/hook/a?b=c", relay.base()))
        .header("host", "dev-1.relay.test")
        .body("by host")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["x-echo-target"], "/hook/a?b=c");
    assert_eq!(r.bytes().await.unwrap().as_ref(), b"by host");
}

/// A client prints its public URL when the relay welcomes it, and scripts
/// send to it at once: every such request reaches the client live (a
/// REQUEST_HEAD without a queue id), never the offline queue. The relay used
/// to welcome before the channel was live, so a caller quick enough got 202.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_sent_the_moment_the_client_is_welcomed_reaches_it_live() {
    let env = Env::new();
    let relay = relay(&env, &[]);
    sent_when_welcomed_reach_the_client_live(&relay, &[&relay]).await;
}

/// Connects raw clients to `welcoming` (30 times, a new channel each) and,
/// the moment each is welcomed, sends a request through the next relay of
/// `entries`: each must reach its client live.
pub(crate) async fn sent_when_welcomed_reach_the_client_live(
    welcoming: &RelayProc,
    entries: &[&RelayProc],
) {
    let http = http();
    // Pooled keep-alive connections, so that each request leaves at once.
    for entry in entries {
        let health = http.get(format!("{}/healthz", entry.base())).send();
        assert!(health.await.unwrap().status().is_success());
    }
    for round in 0..30 {
        let channel = format!("quick{round}");
        let (tx, mut rx, welcome) = raw(welcoming, "", &channel).await;
        let Frame::Welcome { public_url, .. } = welcome else {
            panic!("round {round}: {welcome:?}")
        };
        let path = &public_url[public_url.find("/c/").expect("a /c/ URL")..];
        let url = format!("{}{path}/now", entries[round % entries.len()].base());
        let request = tokio::spawn(http.post(url).body("x").send());
        match next_frame(&mut rx).await {
            Some(Frame::RequestHead { queue_id, .. }) => {
                assert_eq!(queue_id, 0, "round {round}: the request was queued");
            }
            other => panic!("round {round}: {other:?}"),
        }
        drop((tx, rx));
        request.abort();
    }
}
