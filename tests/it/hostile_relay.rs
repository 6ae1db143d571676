//! Attacks on the relay's public side (issue 14), against the real relay
//! and client binaries: requests and responses that do not fit the wire
//! format, and callers that send their bodies slowly or not at all.

use crate::relay::{client, http, relay, RelayProc};
use crate::support::Env;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::{Request, Response};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const WAIT: Duration = Duration::from_secs(60);

/// The developer's app: under /wait it holds each request for 400 ms (so
/// that many are in flight at once), under /big-head it answers with a
/// 70 KB header, and it echoes every body.
fn app() -> (SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (addr_tx, addr_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            addr_tx.send(listener.local_addr().unwrap()).unwrap();
            let accept = async {
                while let Ok((tcp, _)) = listener.accept().await {
                    tokio::spawn(async move {
                        let service = service_fn(|req: Request<Incoming>| async move {
                            let path = req.uri().path().to_string();
                            let body = req.into_body().collect().await.unwrap().to_bytes();
                            if path.starts_with("/wait") {
                                tokio::time::sleep(Duration::from_millis(400)).await;
                            }
                            let mut answer = Response::builder().header("x-echo-target", &path);
                            if path.starts_with("/big-head") {
                                answer = answer.header("x-big", "b".repeat(70_000));
                            }
                            Ok::<_, std::convert::Infallible>(answer.body(Full::new(body)).unwrap())
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
    (addr_rx.recv_timeout(WAIT).unwrap(), stop)
}

/// Starts 50 requests under /wait, which the app holds, so that they are
/// in flight on the tunnel while the test does something else.
fn fifty_in_flight(url: &str) -> Vec<tokio::task::JoinHandle<(u16, String)>> {
    let http = http();
    (0..50)
        .map(|i| {
            let (http, url) = (http.clone(), url.to_string());
            tokio::spawn(async move {
                let r = http
                    .post(format!("{url}/wait/{i}"))
                    .body(format!("request {i}"))
                    .send()
                    .await
                    .unwrap();
                (r.status().as_u16(), r.text().await.unwrap())
            })
        })
        .collect()
}

/// Every one of the 50 got its own answer from the app.
async fn all_answered(tasks: Vec<tokio::task::JoinHandle<(u16, String)>>) {
    for (i, task) in tasks.into_iter().enumerate() {
        let (status, body) = tokio::time::timeout(WAIT, task).await.unwrap().unwrap();
        assert_eq!(
            (status, body.as_str()),
            (200, format!("request {i}").as_str())
        );
    }
}

async fn metric(relay: &RelayProc, name: &str) -> String {
    let text = http()
        .get(relay.metrics_url())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{name} ")).map(str::to_string))
        .unwrap_or_else(|| panic!("no {name} in {text}"))
}

/// The client connected once and never had to reconnect, and it sent
/// nothing the relay could not read.
async fn one_connection_no_protocol_error(relay: &RelayProc) {
    assert_eq!(metric(relay, "hooks_relay_connections_total").await, "1");
    assert_eq!(
        metric(relay, "hooks_relay_protocol_errors_total").await,
        "0"
    );
}

/// A header value longer than the 16 bits its length travels in used to
/// wrap, and the client, unable to read the frame, dropped the tunnel with
/// every request on it. Now that request alone gets 431.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_70_000_byte_header_gets_431_and_the_tunnel_stays_up() {
    let env = Env::new();
    let (app, _stop) = app();
    let relay = relay(&env, &[]);
    let (_client, url) = client(&env, &relay, &app.to_string(), &[]);
    let in_flight = fifty_in_flight(&url);
    tokio::time::sleep(Duration::from_millis(150)).await;
    let http = http();
    let send = |len: usize| {
        http.post(format!("{url}/header/{len}"))
            .header("x-big", "a".repeat(len))
            .body("x")
            .send()
    };
    let big = send(70_000).await.unwrap();
    assert_eq!(big.status(), 431);
    let text = big.text().await.unwrap();
    assert!(text.contains("request header too large"), "{text}");
    assert!(text.contains("70000 bytes"), "{text}");
    assert_eq!(send(65_536).await.unwrap().status(), 431);
    let fits = send(65_535).await.unwrap();
    assert_eq!(fits.status(), 200);
    assert_eq!(fits.headers()["x-echo-target"], "/header/65535");
    all_answered(in_flight).await;
    one_connection_no_protocol_error(&relay).await;
}

/// The same for the app's answer: a response head that does not fit a
/// frame gets its caller 502, and nobody else notices.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_70_kb_response_header_gets_502_for_that_caller_alone() {
    let env = Env::new();
    let (app, _stop) = app();
    let relay = relay(&env, &[]);
    let (_client, url) = client(&env, &relay, &app.to_string(), &[]);
    let in_flight = fifty_in_flight(&url);
    tokio::time::sleep(Duration::from_millis(150)).await;
    let r = http().get(format!("{url}/big-head")).send().await.unwrap();
    assert_eq!(r.status(), 502);
    let text = r.text().await.unwrap();
    assert!(text.contains("response head cannot be relayed"), "{text}");
    all_answered(in_flight).await;
    let r = http().get(format!("{url}/after")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    one_connection_no_protocol_error(&relay).await;
}

/// A public caller on a raw connection that sends `head` and `start`, then
/// (with `trickle`) one more body byte every `trickle` until it is answered.
/// Returns the answer's bytes up to the connection's end, and how long
/// after `start` went out the answer began.
async fn slow_caller(
    addr: String,
    head: String,
    start: &'static [u8],
    trickle: Option<Duration>,
) -> (String, Duration) {
    let mut tcp = TcpStream::connect(&addr).await.unwrap();
    tcp.write_all(head.as_bytes()).await.unwrap();
    tcp.write_all(start).await.unwrap();
    let sent = Instant::now();
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    let mut tick = tokio::time::interval_at(
        tokio::time::Instant::now() + trickle.unwrap_or(WAIT),
        trickle.unwrap_or(WAIT),
    );
    let first = loop {
        tokio::select! {
            n = tcp.read(&mut buf) => {
                let n = n.unwrap();
                answer.extend_from_slice(&buf[..n]);
                break sent.elapsed();
            }
            _ = tick.tick(), if trickle.is_some() => {
                tcp.write_all(b"1\r\nx\r\n").await.unwrap();
            }
        }
    };
    // The relay closes the connection after its answer.
    tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            match tcp.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => answer.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await
    .expect("the relay closes a connection it cut off");
    (String::from_utf8_lossy(&answer).into_owned(), first)
}

/// 300 callers that start a body and stall (more than the channel's 256
/// stream slots) and 10 that trickle one byte a second: none of them
/// holds a slot while the relay waits for its body, so normal deliveries
/// through the same channel are answered at once; the stalled ones get 408
/// after --body-idle-timeout, the trickling ones after --body-deadline, and
/// every one of their connections is closed: the relay's descriptors are
/// back to what they were.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_bodies_hold_no_stream_slot_and_are_cut_off_with_408() {
    let env = Env::new();
    let (app, _stop) = app();
    let relay = relay(
        &env,
        // Long enough for 310 connections to arrive on a loaded machine
        // before the first idle timeout.
        &["--body-idle-timeout", "8s", "--body-deadline", "12s"],
    );
    let (_client, url) = client(&env, &relay, &app.to_string(), &[]);
    let addr = relay.base().trim_start_matches("http://").to_string();
    let path = url.trim_start_matches(&relay.base()).to_string();
    let head = |i: usize, framing: &str| {
        format!("POST {path}/slow/{i} HTTP/1.1\r\nhost: {addr}\r\n{framing}\r\n\r\n")
    };
    let descriptors_before = descriptors(&relay);
    let mut slow = Vec::new();
    for i in 0..300 {
        let (framing, start): (_, &'static [u8]) = if i % 2 == 0 {
            ("content-length: 100000", b"0123456789")
        } else {
            ("transfer-encoding: chunked", b"a\r\n0123456789\r\n")
        };
        slow.push(tokio::spawn(slow_caller(
            addr.clone(),
            head(i, framing),
            start,
            None,
        )));
    }
    let trickling: Vec<_> = (0..10)
        .map(|i| {
            tokio::spawn(slow_caller(
                addr.clone(),
                head(1000 + i, "transfer-encoding: chunked"),
                b"1\r\nx\r\n",
                Some(Duration::from_secs(1)),
            ))
        })
        .collect();
    // Every slow caller's head reached the relay before the normal ones go.
    let deadline = Instant::now() + WAIT;
    while metric(&relay, "hooks_relay_requests_total").await != "310" {
        assert!(
            Instant::now() < deadline,
            "the slow callers did not all arrive"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    assert!(descriptors(&relay) >= descriptors_before + 310);

    let http = http();
    let mut took = Vec::new();
    for i in 0..9 {
        let started = Instant::now();
        let r = http
            .post(format!("{url}/normal/{i}"))
            .body(format!("normal {i}"))
            .send()
            .await
            .unwrap();
        let status = r.status();
        let body = r.text().await.unwrap();
        took.push(started.elapsed());
        assert_eq!((status.as_u16(), body), (200, format!("normal {i}")));
    }
    took.sort();
    assert!(
        took[took.len() / 2] < Duration::from_millis(100),
        "normal deliveries took {took:?}"
    );
    assert!(
        slow.iter().chain(&trickling).all(|c| !c.is_finished()),
        "the slow callers were still held during the normal deliveries"
    );

    for (i, caller) in slow.into_iter().enumerate() {
        let (answer, after) = tokio::time::timeout(WAIT, caller).await.unwrap().unwrap();
        assert!(answer.starts_with("HTTP/1.1 408"), "caller {i}: {answer}");
        assert!(
            answer.contains("--body-idle-timeout"),
            "caller {i}: {answer}"
        );
        assert!(
            after >= Duration::from_millis(7500) && after < Duration::from_secs(25),
            "caller {i} was cut off after {after:?}"
        );
    }
    for (i, caller) in trickling.into_iter().enumerate() {
        let (answer, after) = tokio::time::timeout(WAIT, caller).await.unwrap().unwrap();
        assert!(answer.starts_with("HTTP/1.1 408"), "trickler {i}: {answer}");
        assert!(answer.contains("--body-deadline"), "trickler {i}: {answer}");
        assert!(
            after >= Duration::from_secs(12) && after < Duration::from_secs(30),
            "trickler {i} was cut off after {after:?}"
        );
    }
    let r = http
        .post(format!("{url}/after"))
        .body("a")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    // Every cut-off connection was closed on the relay's side too (a few
    // may be the test's own keep-alive connections).
    assert!(
        descriptors(&relay) <= descriptors_before + 10,
        "the relay holds {} descriptors, {descriptors_before} before",
        descriptors(&relay)
    );
}

/// The relay process's open file descriptors.
fn descriptors(relay: &RelayProc) -> usize {
    std::fs::read_dir(format!("/proc/{}/fd", relay.pid()))
        .expect("Linux /proc")
        .count()
}

/// A body for an offline channel, which goes to the queue, used to be read
/// with no time limit at all.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_body_for_an_offline_channel_is_cut_off_with_408() {
    let env = Env::new();
    let relay = relay(&env, &["--body-idle-timeout", "1s"]);
    let (mut c, url) = client(&env, &relay, "127.0.0.1:9", &["--channel", "away"]);
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
        if status == 202 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(status, 202, "the channel went offline");
    let addr = relay.base().trim_start_matches("http://").to_string();
    let head = format!("POST /c/away/slow HTTP/1.1\r\nhost: {addr}\r\ncontent-length: 10\r\n\r\n");
    let caller = slow_caller(addr, head, b"01", None);
    let (answer, after) = tokio::time::timeout(WAIT, caller).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(
        after >= Duration::from_millis(800),
        "cut off after {after:?}"
    );
    assert_eq!(metric(&relay, "hooks_relay_queue_depth").await, "1");
}

/// A token too long for HELLO's 16-bit length is refused before connecting
/// (it used to wrap, and the relay read a garbled HELLO).
#[test]
fn a_token_too_long_for_the_wire_is_a_usage_error() {
    let env = Env::new();
    let token = "t".repeat(70_000);
    env.hooks()
        .args(["relay", "connect", "--relay", "ws://127.0.0.1:9"])
        .args(["--token", &token, "--forward", "3000"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "the token has 70000 bytes, more than the 65535 the relay protocol carries",
        ));
}
