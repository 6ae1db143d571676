//! The relay's offline queue under attack and bad luck: a request that can
//! never be delivered, bodies that would fill the disk or the relay's
//! memory, and a long queue drained with several requests in flight. The
//! real relay and client binaries, a target app, all on 127.0.0.1.

use crate::support::{closed_port, Env};
use bytes::Bytes;
use futures_util::{SinkExt, StreamExt};
use hooks::relay::protocol::{Frame, ResetCode};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::{Request, Response};
use sha2::{Digest, Sha256};
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::Message;

const WAIT: Duration = Duration::from_secs(60);

/// A child process, killed (SIGKILL) when dropped.
struct Proc(Child);

impl Proc {
    fn pid(&self) -> u32 {
        self.0.id()
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

struct Relay {
    port: u16,
    /// Where /metrics is (`--admin-bind`).
    admin: u16,
    proc: Proc,
}

impl Relay {
    /// `hooks relay serve` with `args`, healthy (bounded wait).
    async fn start(env: &Env, args: &[&str]) -> Relay {
        let port = closed_port();
        let admin = closed_port();
        let mut cmd = env.hooks_std();
        cmd.args(["relay", "serve", "--bind", &format!("127.0.0.1:{port}")])
            .args(["--admin-bind", &format!("127.0.0.1:{admin}")])
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        let proc = Proc(cmd.spawn().unwrap());
        let http = reqwest::Client::new();
        for _ in 0..300 {
            let health = http
                .get(format!("http://127.0.0.1:{port}/healthz"))
                .send()
                .await;
            if health.is_ok_and(|r| r.status() == 200) {
                return Relay { port, admin, proc };
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the relay did not become healthy");
    }

    fn ws(&self) -> String {
        format!("ws://127.0.0.1:{}", self.port)
    }

    fn url(&self, channel: &str) -> String {
        format!("http://127.0.0.1:{}/c/{channel}", self.port)
    }

    async fn metrics(&self) -> String {
        reqwest::get(format!("http://127.0.0.1:{}/metrics", self.admin))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }
}

/// `hooks relay connect` for `channel`, once it printed its public URL.
fn connect(env: &Env, relay: &Relay, app: SocketAddr, channel: &str) -> Proc {
    let mut cmd = env.hooks_std();
    cmd.args([
        "relay",
        "connect",
        "--relay",
        &relay.ws(),
        "--channel",
        channel,
    ])
    .args(["--forward", &app.to_string()])
    .stdout(Stdio::piped())
    .stderr(Stdio::inherit());
    let mut child = cmd.spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let url = rx.recv_timeout(WAIT).expect("the client printed its URL");
    assert_eq!(url, relay.url(channel));
    Proc(child)
}

/// Claims `channel` with a client, then kills it and waits until the relay
/// queues requests for the channel.
async fn offline_channel(env: &Env, relay: &Relay, app: SocketAddr, channel: &str) {
    drop(connect(env, relay, app, channel));
    let http = reqwest::Client::new();
    for _ in 0..200 {
        let r = http.get(relay.url(channel)).send().await.unwrap();
        if r.status() == 202 {
            // The probe is queued too; the app does not record `/`.
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the relay never queued for {channel}");
}

/// One request as the app saw it.
#[derive(Debug, Clone)]
struct Seen {
    path: String,
    len: usize,
    sha: String,
}

/// The developer's app: records what it receives (except the probes to
/// `/`), breaks the connection without answering under `/poison`, so
/// the client cannot deliver those, and never answers under `/hang`.
struct App {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
    poisoned: Arc<AtomicU64>,
    hung: Arc<AtomicU64>,
}

impl App {
    async fn start() -> App {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let poisoned = Arc::new(AtomicU64::new(0));
        let hung = Arc::new(AtomicU64::new(0));
        let (s, p, h) = (seen.clone(), poisoned.clone(), hung.clone());
        tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                let (seen, poisoned, hung) = (s.clone(), p.clone(), h.clone());
                tokio::spawn(async move {
                    let service = service_fn(move |req: Request<Incoming>| {
                        let (seen, poisoned, hung) = (seen.clone(), poisoned.clone(), hung.clone());
                        async move {
                            let path = req.uri().path().to_string();
                            let body = match req.into_body().collect().await {
                                Ok(b) => b.to_bytes(),
                                Err(e) => return Err(std::io::Error::other(e)),
                            };
                            if path.starts_with("/poison") {
                                poisoned.fetch_add(1, Ordering::SeqCst);
                                return Err(std::io::Error::other("poisoned"));
                            }
                            if path.starts_with("/hang") {
                                hung.fetch_add(1, Ordering::SeqCst);
                                std::future::pending::<()>().await;
                            }
                            if path != "/" {
                                seen.lock().unwrap().push(Seen {
                                    path,
                                    len: body.len(),
                                    sha: hex::encode(Sha256::digest(&body)),
                                });
                            }
                            Ok::<_, std::io::Error>(Response::new(Full::new(Bytes::from_static(
                                b"ok",
                            ))))
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(hyper_util::rt::TokioIo::new(tcp), service)
                        .await;
                });
            }
        });
        App {
            addr,
            seen,
            poisoned,
            hung,
        }
    }

    /// Waits (bounded) until the app saw `n` requests.
    async fn wait_for(&self, n: usize, within: Duration) -> Vec<Seen> {
        let deadline = Instant::now() + within;
        loop {
            let seen = self.seen.lock().unwrap().clone();
            if seen.len() >= n || Instant::now() > deadline {
                return seen;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

fn paths(seen: &[Seen]) -> Vec<String> {
    seen.iter().map(|s| s.path.clone()).collect()
}

/// `hooks relay queue list --format json` as objects.
fn queue_list(env: &Env, data_dir: &str) -> Vec<serde_json::Value> {
    let out = env
        .hooks()
        .args([
            "relay",
            "queue",
            "list",
            "--format",
            "json",
            "--data-dir",
            data_dir,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Polls (bounded) until `ready` holds for the queue list.
async fn wait_list(
    env: &Env,
    data_dir: &str,
    ready: impl Fn(&[serde_json::Value]) -> bool,
) -> Vec<serde_json::Value> {
    let deadline = Instant::now() + WAIT;
    loop {
        let list = queue_list(env, data_dir);
        if ready(&list) || Instant::now() > deadline {
            return list;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// A queued request the client can never deliver is tried
/// --queue-max-attempts times, then kept as a dead letter, and the 500
/// requests behind it are delivered in order, several in flight at a time
/// (the window restarts from the failed one). `hooks relay queue` lists it, retries
/// it (it fails again, as often) and drops it, while the relay runs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_poisoned_queued_request_is_dead_lettered_and_the_rest_go_on_in_order() {
    let env = Env::new();
    let app = App::start().await;
    let data = env.dir.path().join("relay-data");
    let data = data.to_str().unwrap();
    let relay = Relay::start(&env, &["--data-dir", data, "--queue-max-attempts", "3"]).await;
    offline_channel(&env, &relay, app.addr, "poisoned").await;
    let http = reqwest::Client::new();
    let mut expected = Vec::new();
    let sent = ["/ok/first".to_string(), "/poison".to_string()]
        .into_iter()
        .chain((0..500).map(|i| format!("/ok/{i}")));
    for path in sent {
        let r = http
            .post(format!("{}{path}", relay.url("poisoned")))
            .body(format!("body of {path}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 202);
        if path != "/poison" {
            expected.push(path);
        }
    }
    let listed = queue_list(&env, data);
    assert!(listed.iter().all(|i| i["state"] == "queued"), "{listed:?}");
    let _client = connect(&env, &relay, app.addr, "poisoned");
    let seen = app.wait_for(expected.len(), Duration::from_secs(30)).await;
    assert_eq!(paths(&seen), expected, "the queue went on after the poison");
    assert_eq!(app.poisoned.load(Ordering::SeqCst), 3, "three attempts");

    let dead = wait_list(&env, data, |l| l.len() == 1 && l[0]["state"] == "dead").await;
    assert_eq!(dead.len(), 1, "{dead:?}");
    let item = &dead[0];
    assert_eq!(item["channel"], "poisoned");
    assert_eq!(item["method"], "POST");
    assert_eq!(item["path"], "/poison");
    assert_eq!(item["size"], "body of /poison".len());
    assert_eq!(item["attempts"], 3);
    assert!(
        item["last_error"].as_str().unwrap().contains("AppRefused"),
        "{item}"
    );
    assert!(item["age_secs"].as_i64().unwrap() >= 0);
    assert!(item["received_at"].as_str().unwrap().ends_with('Z'));
    let metrics = relay.metrics().await;
    assert!(
        metrics.contains("\nhooks_relay_dead_letters 1\n"),
        "{metrics}"
    );
    assert!(metrics.contains("hooks_relay_channel_dead_letters{channel=\"poisoned\"} 1"));
    assert!(metrics.contains("\nhooks_relay_queue_dead_lettered_total 1\n"));
    assert!(metrics.contains("\nhooks_relay_queue_failed_attempts_total 3\n"));

    // New requests go straight through; the dead letter stays out of the way.
    let r = http
        .post(format!("{}/ok/live", relay.url("poisoned")))
        .body("live")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    // Retry: back to the end of the queue, delivered (and failing) again.
    let id = item["id"].as_u64().unwrap();
    let out = env
        .hooks()
        .args([
            "relay",
            "queue",
            "retry",
            &id.to_string(),
            "--data-dir",
            data,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let again = wait_list(&env, data, |l| {
        l.len() == 1 && l[0]["state"] == "dead" && l[0]["id"].as_u64() != Some(id)
    })
    .await;
    assert_eq!(again.len(), 1, "{again:?}");
    assert_eq!(
        app.poisoned.load(Ordering::SeqCst),
        6,
        "retried 3 more times"
    );
    let new_id = again[0]["id"].as_u64().unwrap();
    assert!(new_id > id);

    // Drop: one id, or all with --yes only.
    let out = env
        .hooks()
        .args(["relay", "queue", "drop", "--all", "--data-dir", data])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let out = env
        .hooks()
        .args([
            "relay",
            "queue",
            "drop",
            &id.to_string(),
            "--data-dir",
            data,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "the old id is gone: {out:?}");
    let out = env
        .hooks()
        .args([
            "relay",
            "queue",
            "drop",
            "--all",
            "--yes",
            "--data-dir",
            data,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(queue_list(&env, data).is_empty());
    assert!(relay
        .metrics()
        .await
        .contains("\nhooks_relay_dead_letters 0\n"));
}

/// A client that dies while the app handles a queued request charges that
/// request a failed attempt: killed during it as often as
/// --queue-max-attempts, it becomes a dead letter, and the next client gets
/// the rest of the queue.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_killed_during_a_queued_delivery_counts_an_attempt() {
    let env = Env::new();
    let app = App::start().await;
    let data = env.dir.path().join("relay-data");
    let data = data.to_str().unwrap();
    let relay = Relay::start(&env, &["--data-dir", data, "--queue-max-attempts", "2"]).await;
    offline_channel(&env, &relay, app.addr, "killed").await;
    let http = reqwest::Client::new();
    for path in ["/hang", "/after"] {
        let r = http
            .post(format!("{}{path}", relay.url("killed")))
            .body(path)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 202);
    }
    for attempt in 1..=2u64 {
        let client = connect(&env, &relay, app.addr, "killed");
        let deadline = Instant::now() + WAIT;
        while app.hung.load(Ordering::SeqCst) < attempt {
            assert!(Instant::now() < deadline, "the app never got /hang");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        drop(client);
        let counted = wait_list(&env, data, |l| {
            l.iter()
                .any(|i| i["path"] == "/hang" && i["attempts"].as_u64() == Some(attempt))
        })
        .await;
        let hang = counted.iter().find(|i| i["path"] == "/hang").unwrap();
        assert_eq!(hang["attempts"], attempt, "{counted:?}");
    }
    let list = queue_list(&env, data);
    let hang = list.iter().find(|i| i["path"] == "/hang").unwrap();
    assert_eq!(hang["state"], "dead");
    assert!(
        hang["last_error"]
            .as_str()
            .unwrap()
            .contains("tunnel closed"),
        "{hang}"
    );
    assert!(
        app.seen.lock().unwrap().is_empty(),
        "/after waited its turn"
    );
    let _client = connect(&env, &relay, app.addr, "killed");
    let seen = app.wait_for(1, Duration::from_secs(30)).await;
    assert_eq!(paths(&seen), ["/after"]);
}

/// The queue is bounded by bytes per channel and for the whole relay: a
/// request that would pass either bound gets 507 and a body saying which,
/// whether it announces its length or not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queue_byte_bounds_answer_507() {
    let env = Env::new();
    let app = App::start().await;
    let relay = Relay::start(
        &env,
        &[
            "--queue-max-bytes",
            "1000",
            "--queue-max-total-bytes",
            "2500",
        ],
    )
    .await;
    for channel in ["bytes-a", "bytes-b", "bytes-c"] {
        offline_channel(&env, &relay, app.addr, channel).await;
    }
    let http = reqwest::Client::new();
    let post = |channel: &str, n: usize| {
        http.post(format!("{}/x", relay.url(channel)))
            .body(vec![b'x'; n])
            .send()
    };
    assert_eq!(post("bytes-a", 600).await.unwrap().status(), 202);
    let full = post("bytes-a", 600).await.unwrap();
    assert_eq!(full.status(), 507);
    let text = full.text().await.unwrap();
    assert!(text.contains("--queue-max-bytes"), "{text}");
    assert_eq!(post("bytes-a", 400).await.unwrap().status(), 202);
    // A body of unknown length is counted as it arrives.
    let stream = futures_util::stream::iter(
        (0..4).map(|_| Ok::<_, std::io::Error>(Bytes::from(vec![b'y'; 300]))),
    );
    let chunked = http
        .post(format!("{}/chunked", relay.url("bytes-b")))
        .body(reqwest::Body::wrap_stream(stream))
        .send()
        .await
        .unwrap();
    assert_eq!(chunked.status(), 507, "1200 bytes on a 1000-byte channel");
    assert_eq!(post("bytes-b", 900).await.unwrap().status(), 202);
    // 1000 + 900 stored: 700 more would pass the relay's 2500.
    let total = post("bytes-c", 700).await.unwrap();
    assert_eq!(total.status(), 507);
    let text = total.text().await.unwrap();
    assert!(text.contains("--queue-max-total-bytes"), "{text}");
    assert_eq!(post("bytes-c", 500).await.unwrap().status(), 202);
    let metrics = relay.metrics().await;
    assert!(
        metrics.contains("\nhooks_relay_queue_full_total 3\n"),
        "{metrics}"
    );
}

/// The resident memory of a process, from /proc.
fn rss(pid: u32) -> u64 {
    crate::support::status_bytes(pid, "VmRSS").unwrap_or(0)
}

/// Four 25 MiB bodies sent at once to an offline channel, then drained:
/// they arrive byte-exact, and the relay's memory stays far below their
/// size (bodies go to SQLite and back in 64 KiB rows).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queued_25_mib_bodies_do_not_grow_the_relays_memory() {
    let env = Env::new();
    let app = App::start().await;
    // 4 × 25 MiB is exactly the default --queue-max-bytes of 100 MiB.
    let relay = Relay::start(&env, &[]).await;
    offline_channel(&env, &relay, app.addr, "big").await;
    let pid = relay.proc.pid();
    let before = rss(pid);
    let stop = Arc::new(AtomicBool::new(false));
    let peak = Arc::new(AtomicU64::new(0));
    let sampler = {
        let (stop, peak) = (stop.clone(), peak.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                peak.fetch_max(rss(pid), Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(10));
            }
        })
    };
    let bodies: Vec<Bytes> = (0..4u8)
        .map(|i| {
            let mut body = vec![0u8; 25 << 20];
            rand::RngCore::fill_bytes(&mut rand::thread_rng(), &mut body);
            body[0] = i;
            Bytes::from(body)
        })
        .collect();
    let http = reqwest::Client::new();
    let sends = bodies.iter().enumerate().map(|(i, b)| {
        http.post(format!("{}/big/{i}", relay.url("big")))
            .body(b.clone())
            .send()
    });
    for r in futures_util::future::join_all(sends).await {
        assert_eq!(r.unwrap().status(), 202);
    }
    let _client = connect(&env, &relay, app.addr, "big");
    let seen = app.wait_for(4, Duration::from_secs(120)).await;
    stop.store(true, Ordering::SeqCst);
    sampler.join().unwrap();
    assert_eq!(seen.len(), 4);
    let mut seen = seen;
    seen.sort_by(|a, b| a.path.cmp(&b.path));
    for (i, s) in seen.iter().enumerate() {
        assert_eq!(s.path, format!("/big/{i}"));
        assert_eq!(s.len, 25 << 20);
        assert_eq!(s.sha, hex::encode(Sha256::digest(&bodies[i])));
    }
    let grown = peak.load(Ordering::SeqCst).saturating_sub(before);
    assert!(
        grown < 40 << 20,
        "the relay grew by {} MiB for 100 MiB of queued bodies",
        grown >> 20
    );
}

type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn next_frame(rx: &mut futures_util::stream::SplitStream<Ws>) -> Frame {
    loop {
        match tokio::time::timeout(WAIT, rx.next()).await.unwrap() {
            Some(Ok(Message::Binary(b))) => {
                let f = Frame::decode(b).unwrap();
                if !matches!(f, Frame::Ping(_)) {
                    return f;
                }
            }
            Some(Ok(_)) => {}
            other => panic!("the relay closed the connection: {other:?}"),
        }
    }
}

/// The version 2 protocol at the wire: the relay sends several queued
/// requests before the first is acknowledged; when the client resets the
/// first, the relay resets the later ones and then the first, and sends the
/// queue again from the first.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_relay_sends_a_window_of_queued_requests_and_restarts_from_a_failure() {
    let env = Env::new();
    let app = App::start().await;
    let relay = Relay::start(&env, &[]).await;
    offline_channel(&env, &relay, app.addr, "wire").await;
    let http = reqwest::Client::new();
    for i in 0..5 {
        let r = http
            .post(format!("{}/w/{i}", relay.url("wire")))
            .body(format!("w{i}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 202);
    }
    let url = hooks::relay::client::connect_url(&relay.ws()).unwrap();
    let (ws, _) = tokio_tungstenite::connect_async(url).await.unwrap();
    let (mut tx, mut rx) = ws.split();
    let hello = Frame::Hello {
        versions: vec![2],
        token: String::new(),
        channel: "wire".into(),
    };
    tx.send(Message::Binary(hello.encode().unwrap()))
        .await
        .unwrap();
    assert!(matches!(
        next_frame(&mut rx).await,
        Frame::Welcome { version: 2, .. }
    ));
    // The probe and the five requests, all before any ACK.
    let mut heads = Vec::new();
    while heads.len() < 6 {
        if let Frame::RequestHead {
            stream, queue_id, ..
        } = next_frame(&mut rx).await
        {
            heads.push((stream, queue_id));
        }
    }
    let ids: Vec<u64> = heads.iter().map(|h| h.1).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "in order: {ids:?}");
    let (first_stream, first_id) = heads[0];
    let reset = Frame::Reset {
        stream: first_stream,
        code: ResetCode::Internal,
        message: "could not record it".into(),
    };
    tx.send(Message::Binary(reset.encode().unwrap()))
        .await
        .unwrap();
    // Resets for the later streams, then the first one's last.
    let mut resets = Vec::new();
    while resets.last() != Some(&first_stream) {
        if let Frame::Reset { stream, .. } = next_frame(&mut rx).await {
            resets.push(stream);
        }
    }
    let mut later: Vec<u32> = heads[1..].iter().map(|h| h.0).collect();
    later.sort();
    let mut got = resets[..resets.len() - 1].to_vec();
    got.sort();
    assert_eq!(got, later);
    // Then the queue again from the first, which is acknowledged this time.
    let again = loop {
        if let Frame::RequestHead {
            stream, queue_id, ..
        } = next_frame(&mut rx).await
        {
            break (stream, queue_id);
        }
    };
    assert_eq!(again.1, first_id);
    tx.send(Message::Binary(
        Frame::Ack { queue_id: first_id }.encode().unwrap(),
    ))
    .await
    .unwrap();
}
