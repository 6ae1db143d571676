//! A tunnel client that stops reading (a laptop lid closed, a process
//! stopped) and a client flooded with large bodies, against the real
//! binaries: every public caller is answered in bounded time, and neither
//! side holds memory or descriptors without bound.

use crate::relay::{client, http, random, relay, sha, RelayProc};
use crate::support::{status_bytes, Env, Receiver};
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

/// Twelve 12 MiB bodies at once through `hooks relay connect`: the client
/// used to gather them all (and more: 256 streams allow about 6 GB). Now
/// it holds at most its budget of 64 MiB of request bodies: a request
/// that would exceed it is answered 503 with Retry-After, alone, the
/// others reach the app byte-exact, and the budget comes back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_client_holds_at_most_its_budget_of_request_bodies() {
    let env = Env::new();
    let app = Receiver::start();
    let relay = relay(&env, &[]);
    let (client, url) = client(&env, &relay, &app.addr.to_string(), &[]);
    let pid = client.pid();
    let idle = status_bytes(pid, "VmRSS").unwrap();
    let http = http();
    let body = bytes::Bytes::from(random(12 << 20));
    let tasks: Vec<_> = (0..12)
        .map(|i| {
            let (http, url, body) = (http.clone(), format!("{url}/big/{i}"), body.clone());
            tokio::spawn(async move {
                // A caller refused while its upload is still going may see
                // the connection close before it reads the 503 (the relay
                // lingers for a bounded time only): counted as refused.
                let r = match http.post(url).body(body).send().await {
                    Ok(r) => r,
                    Err(e) => return (0, None, e.to_string()),
                };
                let status = r.status().as_u16();
                let retry = r
                    .headers()
                    .get("retry-after")
                    .map(|v| v.to_str().unwrap().to_string());
                // A caller still sending when the 503 comes may lose its
                // body to the connection's close (HTTP/1.1 has no way to
                // stop an upload but closing): its head is the answer.
                let text = r.text().await;
                if status != 503 {
                    assert!(text.is_ok(), "{text:?}");
                }
                (status, retry, text.unwrap_or_default())
            })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(
            tokio::time::timeout(crate::relay::WAIT, task)
                .await
                .unwrap()
                .unwrap(),
        );
    }
    let peak = status_bytes(pid, "VmHWM").unwrap();
    let ok = answers.iter().filter(|(status, ..)| *status == 200).count();
    eprintln!(
        "client: idle RSS {} KiB, peak {} KiB; {ok} of 12 let in",
        idle >> 10,
        peak >> 10
    );
    assert!(
        peak < idle + (96 << 20),
        "the client's RSS peaked at {} KiB, from {} KiB idle",
        peak >> 10,
        idle >> 10
    );
    for (status, retry, text) in &answers {
        match status {
            200 | 0 => {}
            503 => {
                assert_eq!(retry.as_deref(), Some("1"), "{text}");
                assert!(text.is_empty() || text.starts_with("hooks: "), "{text}");
            }
            _ => panic!("{status} {text}"),
        }
    }
    assert!(ok >= 1 && ok < answers.len(), "{ok} of 12 were let in");
    let seen = app.wait_for(ok, crate::relay::WAIT);
    assert_eq!(seen.len(), ok);
    for request in &seen {
        assert_eq!(sha(&request.body), sha(&body));
    }
    // The budget came back: the same body, alone, goes through.
    let r = http
        .post(format!("{url}/after"))
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        sha(&app.wait_for(ok + 1, crate::relay::WAIT)[ok].body),
        sha(&body)
    );
}
