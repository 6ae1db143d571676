//! Issue 28: per-token bounds on the relay. `--max-channels-per-token`
//! bounds the channels a token owns, and a connection refused at admission
//! (too many connections) claims nothing. `/metrics` is on the admin
//! address, and nothing on the public port names a channel.

use crate::relay::{raw, relay};
use crate::support::Env;
use hooks::relay::protocol::{Frame, GoAwayCode};
use std::time::Duration;

fn token(env: &Env, tokens: &std::path::Path, name: &str) -> String {
    let out = env
        .hooks()
        .args(["relay", "token", "add", name, "--tokens"])
        .arg(tokens)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn refused_with(answer: &Frame, want: GoAwayCode) -> String {
    match answer {
        Frame::GoAway { code, message } if *code == want => message.clone(),
        other => panic!("expected GOAWAY {want:?}, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn channels_per_token_are_bounded_and_refused_connections_claim_nothing() {
    let env = Env::new();
    let tokens = env.dir.path().join("tokens");
    let alice = token(&env, &tokens, "alice");
    let bob = token(&env, &tokens, "bob");
    let tokens = tokens.to_str().unwrap().to_string();
    let relay = relay(
        &env,
        &[
            "--tokens",
            &tokens,
            "--max-connections-per-token",
            "1",
            "--max-channels-per-token",
            "2",
        ],
    );
    let first = raw(&relay, &alice, "a1").await;
    assert!(matches!(first.2, Frame::Welcome { .. }), "{:?}", first.2);
    // Refused for the connection count: a2 stays free, bob can have it.
    let (_, _, answer) = raw(&relay, &alice, "a2").await;
    refused_with(&answer, GoAwayCode::TooManyConnections);
    let (_, _, answer) = raw(&relay, &bob, "a2").await;
    assert!(
        matches!(answer, Frame::Welcome { .. }),
        "a2 was not claimed: {answer:?}"
    );
    drop(first);

    // Alice's second channel, then no third; her own stay hers.
    let a3 = admitted(&relay, &alice, "a3").await;
    assert!(matches!(a3.2, Frame::Welcome { .. }), "{:?}", a3.2);
    drop(a3);
    let (_, _, answer) = admitted(&relay, &alice, "a4").await;
    let message = refused_with(&answer, GoAwayCode::BadChannel);
    assert!(message.contains("owns 2 channels"), "{message}");
    let (_, _, answer) = admitted(&relay, &alice, "a1").await;
    assert!(matches!(answer, Frame::Welcome { .. }), "{answer:?}");
}

/// HELLO until the relay has noticed the token's previous connection
/// closed (bounded): the answer past admission.
async fn admitted(relay: &crate::relay::RelayProc, token: &str, channel: &str) -> Connection {
    for _ in 0..200 {
        let hello = raw(relay, token, channel).await;
        if !matches!(
            hello.2,
            Frame::GoAway {
                code: GoAwayCode::TooManyConnections,
                ..
            }
        ) {
            return hello;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the token's previous connection never closed");
}

type Connection = (
    futures_util::stream::SplitSink<Ws, tokio_tungstenite::tungstenite::Message>,
    futures_util::stream::SplitStream<Ws>,
    Frame,
);
type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_are_on_the_admin_address_and_the_public_port_names_no_channel() {
    let env = Env::new();
    let relay = relay(&env, &[]);
    let (_hold, _rx, answer) = raw(&relay, "", "private-name").await;
    assert!(matches!(answer, Frame::Welcome { .. }), "{answer:?}");
    let http = reqwest::Client::new();
    for path in ["/metrics", "/", "/healthz", "/readyz", "/c/"] {
        let r = http
            .get(format!("{}{path}", relay.base()))
            .send()
            .await
            .unwrap();
        let status = r.status();
        let body = r.text().await.unwrap();
        assert!(!body.contains("private-name"), "{path} ({status}): {body}");
        if path == "/metrics" {
            assert_eq!(status, 404, "{body}");
            assert!(body.contains("--admin-bind"), "{body}");
        }
    }
    let admin = http.get(relay.metrics_url()).send().await.unwrap();
    assert_eq!(admin.status(), 200);
    assert!(admin
        .text()
        .await
        .unwrap()
        .contains("hooks_relay_tunnels 1\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_figures_are_gathered_once_per_interval_whatever_the_scrape_rate() {
    let env = Env::new();
    let nats = crate::nats::Nats::start();
    let node = crate::relay_cluster::node(&env, &nats.url, "a", &[]);
    let http = reqwest::Client::new();
    let scrapes = (0..40).map(|_| {
        let http = http.clone();
        let url = node.metrics_url();
        async move { http.get(url).send().await.unwrap().text().await.unwrap() }
    });
    let texts = futures_util::future::join_all(scrapes).await;
    let gathered = |text: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix("hooks_relay_cluster_figures_gathered_total "))
            .map(|n| n.parse::<u64>().unwrap())
            .unwrap_or_else(|| panic!("no gathering counter: {text}"))
    };
    let most = texts.iter().map(|t| gathered(t)).max().unwrap();
    assert_eq!(most, 1, "40 scrapes at once, one gathering");
    assert!(texts
        .iter()
        .all(|t| t.contains("hooks_relay_cluster_queue_depth ")));
}
