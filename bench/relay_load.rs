//! Load generator for the relay benchmark, over keep-alive HTTP/1.1
//! connections, 1 KiB POST bodies.
//!
//! `relay_load max URL CONNS SECS`: closed loop, prints requests/s. With
//! `LOAD_CLOSE=1`, every request goes on a new connection with
//! `Connection: close` (as many webhook senders do) instead of keep-alive.
//! `relay_load rate URL CONNS SECS RATE`: open loop at RATE req/s; latency
//! is measured from each request's scheduled start (corrected for
//! coordinated omission); prints p50/p99/max in ms. Each connection has a
//! thread of its own that sleeps until a request is due with the system's
//! timer (tens of microseconds late), not tokio's (which rounds up to the
//! next millisecond and so added up to 1 ms to every path's figures).
//! `relay_load idle WS_URL N SECS`: holds N idle relay clients connected.
//!
//! The body is 1 KiB of `x` as application/octet-stream, or the bytes of
//! the file `LOAD_BODY` as application/json; `LOAD_HEADER='Name: value'`
//! adds a header to every request (e.g. a signature over that body).

use futures_util::{SinkExt, StreamExt};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use std::time::{Duration, Instant};

type Sender = hyper::client::conn::http1::SendRequest<Full<Bytes>>;

async fn connect(url: &hyper::Uri) -> Sender {
    let addr = format!("{}:{}", url.host().unwrap(), url.port_u16().unwrap_or(80));
    let tcp = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let _ = tcp.set_nodelay(true);
    let (sender, conn) = hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(tcp))
        .await
        .expect("handshake");
    tokio::spawn(conn);
    sender
}

/// What every request carries (see the top of this file).
#[derive(Clone)]
struct Payload {
    body: Bytes,
    headers: Vec<(String, String)>,
    /// `LOAD_CLOSE=1`: a new connection per request, `Connection: close`.
    close: bool,
}

impl Payload {
    fn from_env() -> Payload {
        let mut headers = Vec::new();
        let body = match std::env::var("LOAD_BODY") {
            Ok(path) => {
                headers.push(("content-type".into(), "application/json".into()));
                Bytes::from(std::fs::read(&path).expect("LOAD_BODY names a readable file"))
            }
            Err(_) => {
                headers.push(("content-type".into(), "application/octet-stream".into()));
                Bytes::from(vec![b'x'; 1024])
            }
        };
        if let Ok(header) = std::env::var("LOAD_HEADER") {
            let (name, value) = header
                .split_once(':')
                .expect("LOAD_HEADER is 'Name: value'");
            headers.push((name.trim().into(), value.trim().into()));
        }
        let close = std::env::var("LOAD_CLOSE").is_ok_and(|v| v == "1");
        if close {
            headers.push(("connection".into(), "close".into()));
        }
        Payload {
            body,
            headers,
            close,
        }
    }
}

async fn post(sender: &mut Sender, url: &hyper::Uri, payload: &Payload) {
    let mut req =
        hyper::Request::post(url.path()).header("host", url.authority().unwrap().as_str());
    for (name, value) in &payload.headers {
        req = req.header(name, value);
    }
    let req = req.body(Full::new(payload.body.clone())).unwrap();
    let res = sender.send_request(req).await.expect("request");
    assert!(res.status().is_success(), "status {}", res.status());
    let _ = res.into_body().collect().await;
}

/// The open-loop mode: CONNS threads, each with one connection driven by a
/// single-threaded runtime between its sleeps.
fn rate(url: hyper::Uri, n: usize, secs: u64, rate: f64) {
    let body = Payload::from_env();
    assert!(!body.close, "LOAD_CLOSE is for the closed loop (max) only");
    let start = Instant::now() + Duration::from_millis(300);
    let per_worker = Duration::from_secs_f64(n as f64 / rate);
    let count = (rate * secs as f64 / n as f64) as u32;
    let threads: Vec<_> = (0..n)
        .map(|w| {
            let (url, body) = (url.clone(), body.clone());
            std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                let mut s = rt.block_on(connect(&url));
                let offset = Duration::from_secs_f64(w as f64 / rate);
                let mut lat = Vec::with_capacity(count as usize);
                for k in 0..count {
                    let due = start + offset + per_worker * k;
                    std::thread::sleep(due.saturating_duration_since(Instant::now()));
                    rt.block_on(post(&mut s, &url, &body));
                    lat.push(due.elapsed());
                }
                lat
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in threads {
        all.extend(t.join().unwrap());
    }
    all.sort();
    let q = |p: f64| all[((all.len() as f64 * p) as usize).min(all.len() - 1)];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{} requests at {rate} req/s: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        all.len(),
        ms(q(0.50)),
        ms(q(0.99)),
        ms(*all.last().unwrap())
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("rate") {
        let arg = |i: usize| {
            args.get(i)
                .expect("usage: relay_load rate URL CONNS SECS RATE")
        };
        rate(
            arg(2).parse().unwrap(),
            arg(3).parse().unwrap(),
            arg(4).parse().unwrap(),
            arg(5).parse().unwrap(),
        );
        return;
    }
    tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(closed_loop_or_idle(args));
}

async fn closed_loop_or_idle(args: Vec<String>) {
    let arg = |i: usize| {
        args.get(i)
            .cloned()
            .expect("see the usage at the top of relay_load.rs")
    };
    let secs: u64 = arg(4).parse().unwrap();
    let n: usize = arg(3).parse().unwrap();
    match arg(1).as_str() {
        "max" => {
            let url: hyper::Uri = arg(2).parse().unwrap();
            let body = Payload::from_env();
            let end = Instant::now() + Duration::from_secs(secs);
            let tasks: Vec<_> = (0..n)
                .map(|_| {
                    let (url, body) = (url.clone(), body.clone());
                    tokio::spawn(async move {
                        let mut s = connect(&url).await;
                        let mut count = 0u64;
                        while Instant::now() < end {
                            if body.close && count > 0 {
                                s = connect(&url).await;
                            }
                            post(&mut s, &url, &body).await;
                            count += 1;
                        }
                        count
                    })
                })
                .collect();
            let mut total = 0;
            for t in tasks {
                total += t.await.unwrap();
            }
            println!("{:.0} req/s ({total} requests)", total as f64 / secs as f64);
        }
        "idle" => {
            let url = hooks::relay::client::connect_url(&arg(2)).unwrap();
            let mut held = Vec::new();
            for _ in 0..n {
                let (mut ws, _) = tokio_tungstenite::connect_async(url.as_str())
                    .await
                    .expect("ws");
                let hello = hooks::relay::protocol::Frame::Hello {
                    versions: hooks::relay::protocol::VERSIONS.to_vec(),
                    token: String::new(),
                    channel: String::new(),
                };
                ws.send(tokio_tungstenite::tungstenite::Message::Binary(
                    hello.encode().expect("a HELLO fits"),
                ))
                .await
                .unwrap();
                let _ = ws.next().await;
                held.push(ws);
            }
            println!("{n} idle clients connected");
            // Answer the relay's pings so that it keeps us.
            let tasks: Vec<_> = held
                .into_iter()
                .map(|ws| {
                    tokio::spawn(async move {
                        let (mut tx, mut rx) = ws.split();
                        while let Some(Ok(tokio_tungstenite::tungstenite::Message::Binary(b))) =
                            rx.next().await
                        {
                            if let Ok(hooks::relay::protocol::Frame::Ping(v)) =
                                hooks::relay::protocol::Frame::decode(b)
                            {
                                let pong = hooks::relay::protocol::Frame::Pong(v)
                                    .encode()
                                    .expect("a PONG fits");
                                let _ = tx
                                    .send(tokio_tungstenite::tungstenite::Message::Binary(pong))
                                    .await;
                            }
                        }
                    })
                })
                .collect();
            tokio::time::sleep(Duration::from_secs(secs)).await;
            drop(tasks);
        }
        other => panic!("unknown mode {other}"),
    }
}
