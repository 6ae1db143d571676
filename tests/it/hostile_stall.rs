//! A tunnel client that stops reading (a laptop lid closed, a process
//! stopped) and a client flooded with large bodies, against the real
//! binaries: every public caller is answered in bounded time, and neither
//! side holds memory or descriptors without bound.

use crate::relay::{http, random, relay, RelayProc};
use crate::support::{status_bytes, Env};
use futures_util::{SinkExt, StreamExt};
use hooks::relay::protocol::{Frame, VERSIONS};
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::Message;

/// Open descriptors of a process.
fn fds(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd")).map_or(0, |d| d.count())
}

/// A tunnel client on `channel` that says HELLO, then never reads again.
/// Its receive buffer is 4 KiB, so the relay's writes to it block soon;
/// it sends a PING every 200 ms (for at most a minute), so the relay never
/// finds it silent.
async fn stalled_client(relay: &RelayProc, channel: &str) -> tokio::task::JoinHandle<()> {
    let url = hooks::relay::client::connect_url(&relay.ws()).unwrap();
    let addr = relay.base().trim_start_matches("http://").parse().unwrap();
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    let tcp = socket.connect(addr).await.unwrap();
    let (ws, _) = tokio_tungstenite::client_async(url, tcp).await.unwrap();
    let (mut tx, mut rx) = ws.split();
    let hello = Frame::Hello {
        versions: VERSIONS.to_vec(),
        token: String::new(),
        channel: channel.into(),
    };
    tx.send(Message::Binary(hello.encode().unwrap()))
        .await
        .unwrap();
    match tokio::time::timeout(Duration::from_secs(10), rx.next()).await {
        Ok(Some(Ok(Message::Binary(b)))) => {
            let welcome = Frame::decode(b).unwrap();
            assert!(matches!(welcome, Frame::Welcome { .. }), "{welcome:?}");
        }
        other => panic!("no WELCOME: {other:?}"),
    }
    tokio::spawn(async move {
        let _never_read = rx;
        for n in 0..300 {
            let ping = Frame::Ping(n).encode().unwrap();
            if tx.send(Message::Binary(ping)).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    })
}

/// Sends `n` public requests with 512 KiB bodies at once, and returns each
/// one's status, body and how long it took to be answered (`None` for
/// one not answered within 20 s).
async fn callers(url: &str, n: usize) -> Vec<Option<(u16, String, Duration)>> {
    let http = http();
    let body = bytes::Bytes::from(random(512 << 10));
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            let (http, url, body) = (http.clone(), format!("{url}/hook/{i}"), body.clone());
            tokio::spawn(async move {
                let start = Instant::now();
                let answer = async {
                    let r = http.post(url).body(body).send().await.ok()?;
                    let status = r.status().as_u16();
                    Some((status, r.text().await.ok()?))
                };
                let (status, text) = tokio::time::timeout(Duration::from_secs(20), answer)
                    .await
                    .ok()??;
                Some((status, text, start.elapsed()))
            })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

/// A client that answers nothing and reads nothing, yet keeps pinging,
/// used to hang its callers for ever (the relay's writes to it blocked
/// with nothing to bound them) and to pin their bodies in the relay. Now
/// every caller is answered within --request-timeout and a margin, the
/// relay drops the client once its writes have been blocked for two
/// heartbeat intervals, and its memory and descriptors come back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_reading_is_dropped_and_its_callers_answered() {
    let env = Env::new();
    let relay = relay(&env, &["--heartbeat", "2s", "--request-timeout", "3s"]);
    let pid = relay.pid();
    eprintln!(
        "idle: relay RSS {} KiB, {} fds",
        status_bytes(pid, "VmRSS").unwrap() >> 10,
        fds(pid)
    );
    let mut baseline = None;
    for round in 0..3 {
        let channel = format!("stall-{round}");
        let pinger = stalled_client(&relay, &channel).await;
        relay.stderr_line(&format!("channel {channel} connected"));
        let url = format!("{}/c/{channel}", relay.base());
        let answers = callers(&url, 60).await;
        for (i, answer) in answers.into_iter().enumerate() {
            let (status, text, took) =
                answer.unwrap_or_else(|| panic!("round {round}: caller {i} got no answer"));
            assert!(
                matches!(status, 502 | 504),
                "round {round}: caller {i}: {status} {text}"
            );
            assert!(text.starts_with("hooks relay: "), "{text}");
            assert!(
                took < Duration::from_secs(9),
                "round {round}: caller {i} waited {took:?}"
            );
        }
        let dropped = relay.stderr_line(&format!("channel {channel} dropped"));
        assert!(dropped.contains("read nothing"), "{dropped}");
        relay.stderr_line(&format!("channel {channel} disconnected"));
        pinger.abort();
        let _ = pinger.await;
        // Let the relay see the public connections and the tunnel close.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let now = (status_bytes(pid, "VmRSS").unwrap(), fds(pid));
        eprintln!(
            "round {round}: relay RSS {} KiB, {} fds",
            now.0 >> 10,
            now.1
        );
        let Some((rss, open)) = baseline else {
            baseline = Some(now);
            continue;
        };
        assert!(
            now.1 <= open + 2,
            "round {round}: {} descriptors open, {open} after the first round",
            now.1
        );
        assert!(
            now.0 <= rss + (16 << 20),
            "round {round}: RSS {} KiB, {} KiB after the first round",
            now.0 >> 10,
            rss >> 10
        );
    }
}
