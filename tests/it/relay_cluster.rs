//! `hooks relay serve --cluster`: several real relay nodes over a real
//! `nats-server -js`, real clients and a target app, all on 127.0.0.1 and
//! started by the test.

use crate::nats::Nats;
use crate::relay::{client, http, random, relay_on, sha, spawn, App, Proc, RelayProc, WAIT};
use crate::support::{closed_port, Env};
use std::time::{Duration, Instant};

/// Starts one relay node of the cluster at `nats` (comma-separated URLs)
/// as `id`, with its own data dir, and waits for it to be healthy.
pub(crate) fn node(env: &Env, nats: &str, id: &str, extra: &[&str]) -> RelayProc {
    node_on(env, closed_port(), nats, id, extra)
}

/// The same, on `port`.
pub(crate) fn node_on(env: &Env, port: u16, nats: &str, id: &str, extra: &[&str]) -> RelayProc {
    let dir = env.dir.path().join(format!("node-{id}"));
    let dir = dir.to_str().unwrap();
    let mut args = vec!["--cluster", nats, "--node-id", id, "--data-dir", dir];
    args.extend_from_slice(extra);
    relay_on(env, port, &args)
}

/// Three nodes of one cluster.
pub(crate) fn three_nodes(env: &Env, nats: &str, extra: &[&str]) -> Vec<RelayProc> {
    ["a", "b", "c"]
        .iter()
        .map(|id| node(env, nats, id, extra))
        .collect()
}

/// The path of a public URL (`/c/<channel>`), to send it through any node.
pub(crate) fn channel_path(url: &str) -> String {
    let rest = url.strip_prefix("http://").unwrap();
    rest[rest.find('/').unwrap()..].to_string()
}

/// Waits (bounded) until `url` answers `status` to a GET.
pub(crate) async fn wait_status(url: &str, status: u16) {
    let http = http();
    let deadline = Instant::now() + WAIT;
    loop {
        let got = http.get(url).send().await.map(|r| r.status().as_u16());
        if got.as_ref().is_ok_and(|s| *s == status) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{url} never answered {status}: {got:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Connects a client with `channel` to `node`, returning it and its URL.
pub(crate) fn client_on(env: &Env, node: &RelayProc, app: &App, channel: &str) -> (Proc, String) {
    client(
        env,
        node,
        &app.addr.to_string(),
        &["--channel", channel, "--heartbeat", "1s"],
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_entering_any_node_reaches_a_client_held_by_another_byte_exact() {
    let env = Env::new();
    let nats = Nats::start();
    let app = App::start();
    let nodes = three_nodes(&env, &nats.url, &[]);
    let mut clients = Vec::new();
    for (h, holder) in nodes.iter().enumerate() {
        let (proc, url) = client_on(&env, holder, &app, &format!("held-{h}"));
        clients.push((proc, channel_path(&url)));
    }
    let http = http();
    for (h, (_, path)) in clients.iter().enumerate() {
        for (e, entry) in nodes.iter().enumerate() {
            // 25 MiB once (entering one node, held by another); for every
            // pair 0 B and 1 MiB, and the sizes around the largest body sent
            // in one message with its head (64 KiB), both ways.
            let mut sizes = vec![0, 1 << 20, 65_536, 65_537];
            if h == 0 && e == 1 {
                sizes.push(25 << 20);
            }
            for size in sizes {
                let body = random(size);
                let r = http
                    .post(format!("{}{path}/echo?n={size}", entry.base()))
                    .header("x-rep", "one")
                    .header("x-rep", "two")
                    .body(body.clone())
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), 200, "held by {h}, entering {e}, {size} bytes");
                let headers = r.headers().clone();
                assert_eq!(headers["x-echo-target"], format!("/echo?n={size}"));
                assert_eq!(headers["x-echo-rep"], "one|two");
                assert_eq!(headers["x-body-sha256"], sha(&body));
                let cookies: Vec<_> = headers.get_all("set-cookie").iter().collect();
                assert_eq!(cookies, ["a=1", "b=2"]);
                let back = r.bytes().await.unwrap();
                assert_eq!(back.len(), size);
                assert_eq!(sha(&back), sha(&body), "held by {h}, entering {e}");
            }
        }
    }
    let metrics = http
        .get(nodes[1].metrics_url())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let routed = metrics
        .lines()
        .find_map(|l| l.strip_prefix("hooks_relay_cluster_routed_total "))
        .unwrap();
    // Node b carried the requests for the clients of a and c: four sizes
    // each, and 25 MiB for a's: 9.
    assert_eq!(routed, "9", "{metrics}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_cross_node_requests_do_not_cross_talk() {
    let env = Env::new();
    let nats = Nats::start();
    let app = App::start();
    let nodes = three_nodes(&env, &nats.url, &[]);
    let (_client, url) = client_on(&env, &nodes[0], &app, "busy");
    let path = channel_path(&url);
    let http = http();
    let mut tasks = Vec::new();
    for i in 0..200 {
        let http = http.clone();
        let url = format!("{}{path}/n/{i}", nodes[1 + i % 2].base());
        tasks.push(tokio::spawn(async move {
            let body = random(1 + i * 37);
            let r = http.post(&url).body(body.clone()).send().await.unwrap();
            assert_eq!(r.status(), 200);
            assert_eq!(r.headers()["x-echo-target"], format!("/n/{i}"));
            let back = r.bytes().await.unwrap();
            assert_eq!(sha(&back), sha(&body), "request {i}");
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    assert_eq!(app.seen().len(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_reconnecting_to_another_node_keeps_its_url_and_its_old_connection_closes() {
    let env = Env::new();
    let nats = Nats::start();
    let app = App::start();
    let public = "http://hooks.test";
    let nodes = three_nodes(&env, &nats.url, &["--public-url", public]);
    let connect = |node: &RelayProc| {
        let mut cmd = env.hooks_std();
        cmd.args(["relay", "connect", "--relay", &node.ws()]).args([
            "--forward",
            &app.addr.to_string(),
            "--channel",
            "moving",
        ]);
        let proc = spawn(cmd);
        let url = proc.next_line();
        (proc, url)
    };
    let (mut first, url) = connect(&nodes[0]);
    assert_eq!(url, format!("{public}/c/moving"));
    let (_second, again) = connect(&nodes[1]);
    assert_eq!(again, url, "the same URL through another node");
    let started = Instant::now();
    first.stderr_line("a newer connection claimed this channel");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the old connection was closed after {:?}",
        started.elapsed()
    );
    first.kill();
    let http = http();
    for node in &nodes {
        let r = http
            .post(format!("{}/c/moving/after", node.base()))
            .body("after the move")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
    }
    assert_eq!(app.seen().len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offline_client_gets_fifty_requests_spread_over_all_nodes_once_and_in_order() {
    let env = Env::new();
    let nats = Nats::start();
    let app = App::start();
    let nodes = three_nodes(&env, &nats.url, &[]);
    let (mut first, url) = client_on(&env, &nodes[0], &app, "away");
    let path = channel_path(&url);
    first.kill();
    let http = http();
    // Node a notices the client left when its websocket closes.
    let deadline = Instant::now() + WAIT;
    let mut expected = Vec::new();
    for i in 0..50 {
        let body = format!("event {i}");
        let node = &nodes[i % 3];
        loop {
            let r = http
                .post(format!("{}{path}/q/{i}", node.base()))
                .body(body.clone())
                .send()
                .await
                .unwrap();
            if r.status() == 202 {
                assert!(r.headers().contains_key("hooks-relay-queued"));
                break;
            }
            assert!(
                i == 0 && Instant::now() < deadline,
                "request {i}: {}",
                r.status()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        expected.push(body);
    }
    assert!(app.seen().is_empty());
    let (_second, _) = client_on(&env, &nodes[2], &app, "away");
    let seen = app.wait_for(50);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let bodies: Vec<String> = app
        .seen()
        .iter()
        .map(|s| String::from_utf8(s.body.clone()).unwrap())
        .collect();
    assert_eq!(seen.len(), 50);
    assert_eq!(bodies, expected, "each once, in order");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_cannot_claim_a_channel_claimed_by_another_token_on_another_node() {
    let env = Env::new();
    let nats = Nats::start();
    let app = App::start();
    let tokens = env.dir.path().join("tokens");
    let tokens = tokens.to_str().unwrap();
    let add = |name: &str| {
        let out = env
            .hooks()
            .args(["relay", "token", "add", name, "--tokens", tokens])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let (alice, bob) = (add("alice"), add("bob"));
    let nodes = [
        node(&env, &nats.url, "a", &["--tokens", tokens]),
        node(&env, &nats.url, "b", &["--tokens", tokens]),
    ];
    let (_alice_client, url) = client(
        &env,
        &nodes[0],
        &app.addr.to_string(),
        &["--channel", "team", "--token", &alice],
    );
    let out = env
        .hooks()
        .args(["relay", "connect", "--relay", &nodes[1].ws()])
        .args(["--forward", &app.addr.to_string(), "--channel", "team"])
        .args(["--token", &bob])
        .output()
        .unwrap();
    assert!(!out.status.success(), "bob took alice's channel");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("belongs to another token"), "{stderr}");
    let r = http()
        .post(format!("{}{}/still", nodes[1].base(), channel_path(&url)))
        .body("for alice")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "alice's client still holds it");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_nats_nodes_report_not_ready_keep_their_tunnels_and_recover() {
    let env = Env::new();
    let mut nats = Nats::start();
    let app = App::start();
    let nodes = [
        node(&env, &nats.url, "a", &[]),
        node(&env, &nats.url, "b", &[]),
    ];
    let (_client, url) = client_on(&env, &nodes[1], &app, "steady");
    let path = channel_path(&url);
    for node in &nodes {
        wait_status(&format!("{}/readyz", node.base()), 200).await;
    }
    nats.kill();
    for node in &nodes {
        wait_status(&format!("{}/readyz", node.base()), 503).await;
    }
    let http = http();
    let held = http
        .post(format!("{}{path}/local", nodes[1].base()))
        .body("held here")
        .send()
        .await
        .unwrap();
    assert_eq!(
        held.status(),
        200,
        "the node keeps serving the tunnel it holds"
    );
    let other = http
        .post(format!("{}{path}/remote", nodes[0].base()))
        .body("cannot cross")
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 503);
    let text = other.text().await.unwrap();
    assert!(
        text.starts_with("hooks relay: cluster unavailable"),
        "{text}"
    );
    let health = http
        .get(format!("{}/healthz", nodes[0].base()))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200, "alive while not ready");
    assert!(health.text().await.unwrap().contains("not ready"));
    nats.restart();
    for node in &nodes {
        wait_status(&format!("{}/readyz", node.base()), 200).await;
    }
    let deadline = Instant::now() + WAIT;
    loop {
        let r = http
            .post(format!("{}{path}/again", nodes[0].base()))
            .body("across again")
            .send()
            .await
            .unwrap();
        if r.status() == 200 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "never routed again: {}",
            r.status()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[test]
fn nats_flags_without_cluster_and_unreachable_nats_are_clear_errors() {
    let env = Env::new();
    let out = env
        .hooks()
        .args(["relay", "serve", "--node-id", "a"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--node-id is only used with --cluster"),
        "{stderr}"
    );
    let port = closed_port();
    let out = env
        .hooks()
        .args(["relay", "serve", "--bind", "127.0.0.1:0"])
        .args(["--cluster", &format!("nats://127.0.0.1:{port}")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "a network error");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot join the cluster"), "{stderr}");
    assert!(
        stderr.contains("nats-server"),
        "a hint says what to start: {stderr}"
    );
    let out = env
        .hooks()
        .args(["relay", "serve", "--cluster", "::not a url::"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn relay_status_lists_nodes_their_tunnels_and_queue_depths() {
    let env = Env::new();
    let nats = Nats::start();
    let app = App::start();
    let nodes = [
        node(&env, &nats.url, "north", &[]),
        node(&env, &nats.url, "south", &[]),
    ];
    let (_held, _) = client_on(&env, &nodes[0], &app, "held");
    let (mut gone, url) = client_on(&env, &nodes[1], &app, "away");
    gone.kill();
    let http = http();
    crate::relay::probe_until_queued(
        &http,
        &format!("{}{}/p", nodes[0].base(), channel_path(&url)),
    )
    .await;
    for i in 0..3 {
        let r = http
            .post(format!("{}/c/away/{i}", nodes[i % 2].base()))
            .body("x")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 202);
    }
    let out = env
        .hooks()
        .args([
            "relay",
            "status",
            "--cluster",
            &nats.url,
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let find = |kind: &str, key: &str, name: &str| {
        lines
            .iter()
            .find(|l| l["kind"] == kind && l[key] == name)
            .unwrap_or_else(|| panic!("no {kind} {name} in {lines:?}"))
            .clone()
    };
    let north = find("node", "node", "north");
    assert_eq!(north["alive"], true);
    assert_eq!(north["tunnels"], 1);
    assert_eq!(north["bind"], nodes[0].base().trim_start_matches("http://"));
    assert_eq!(find("node", "node", "south")["tunnels"], 0);
    assert_eq!(find("channel", "channel", "held")["node"], "north");
    let away = find("channel", "channel", "away");
    assert_eq!(away["node"], serde_json::Value::Null);
    assert_eq!(away["queued"], 4, "the probe and three more");
    let table = env
        .hooks()
        .args(["relay", "status", "--cluster", &nats.url])
        .output()
        .unwrap();
    let text = String::from_utf8(table.stdout).unwrap();
    assert!(
        text.contains("NODE") && text.contains("north") && text.contains("QUEUED"),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nodes_on_a_three_server_nats_cluster_route_and_queue() {
    let env = Env::new();
    let servers = Nats::cluster();
    let urls: Vec<&str> = servers.iter().map(|s| s.url.as_str()).collect();
    let urls = urls.join(",");
    let app = App::start();
    let nodes = [node(&env, &urls, "a", &[]), node(&env, &urls, "b", &[])];
    let (_client, url) = client_on(&env, &nodes[0], &app, "replicated");
    let r = http()
        .post(format!("{}{}/x", nodes[1].base(), channel_path(&url)))
        .body("across a NATS cluster")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(app.wait_for(1)[0].body, b"across a NATS cluster");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_queue_limit_holds_for_requests_racing_on_every_node() {
    let env = Env::new();
    let nats = Nats::start();
    let app = App::start();
    let nodes = three_nodes(&env, &nats.url, &["--queue-limit", "5"]);
    let (mut gone, url) = client_on(&env, &nodes[0], &app, "small");
    gone.kill();
    let http = http();
    let path = channel_path(&url);
    crate::relay::probe_until_queued(&http, &format!("{}{path}/probe", nodes[1].base())).await;
    let mut racing = Vec::new();
    for i in 0..12 {
        let http = http.clone();
        let url = format!("{}{path}/r/{i}", nodes[i % 3].base());
        racing.push(tokio::spawn(async move {
            let r = http.post(&url).body("racing").send().await.unwrap();
            let status = r.status().as_u16();
            (status, r.text().await.unwrap())
        }));
    }
    let mut accepted = 0;
    for task in racing {
        let (status, text) = task.await.unwrap();
        match status {
            202 => accepted += 1,
            507 => assert!(text.contains("--queue-limit"), "{text}"),
            other => panic!("{other}: {text}"),
        }
    }
    assert_eq!(accepted, 4, "five in all with the probe");
}

/// Requests that reach any node while a reconnected client is still being
/// sent its queue join the end of the queue instead of overtaking it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_on_other_nodes_during_the_queue_delivery_do_not_overtake_it() {
    let env = Env::new();
    let nats = Nats::start();
    let app = App::start();
    let nodes = three_nodes(&env, &nats.url, &[]);
    let (mut first, url) = client_on(&env, &nodes[0], &app, "ordered");
    first.kill();
    let http = http();
    let path = channel_path(&url);
    crate::relay::probe_until_queued(&http, &format!("{}{path}/delay/probe", nodes[0].base()))
        .await;
    let mut expected = vec!["probe".to_string()];
    // The app takes 50 ms a request: delivering these takes 2 s or more.
    for i in 0..40 {
        let r = http
            .post(format!("{}{path}/delay/q/{i}", nodes[i % 3].base()))
            .body(format!("queued {i}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 202);
        expected.push(format!("queued {i}"));
    }
    let (_second, _) = client_on(&env, &nodes[2], &app, "ordered");
    let mut statuses = Vec::new();
    for i in 0..6 {
        let r = http
            .post(format!("{}{path}/new/{i}", nodes[i % 3].base()))
            .body(format!("new {i}"))
            .send()
            .await
            .unwrap();
        statuses.push(r.status().as_u16());
        expected.push(format!("new {i}"));
    }
    assert_eq!(
        statuses[..3],
        [202, 202, 202],
        "queued behind, through every node"
    );
    app.wait_for(expected.len());
    let bodies: Vec<String> = app
        .seen()
        .iter()
        .map(|s| String::from_utf8(s.body.clone()).unwrap())
        .collect();
    assert_eq!(bodies, expected);
}

/// The relay welcomes a client only once its channel is live and held in
/// the cluster: a request sent the moment the client is welcomed reaches it
/// live through its own node and through another.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_sent_through_any_node_the_moment_the_client_is_welcomed_reaches_it_live() {
    let env = Env::new();
    let nats = Nats::start();
    let nodes = three_nodes(&env, &nats.url, &[]);
    crate::relay::sent_when_welcomed_reach_the_client_live(&nodes[0], &[&nodes[0], &nodes[1]])
        .await;
}

/// A queued request handed out and never acknowledged (its fetch lost with
/// a NATS server) holds its channel's consumer until JetStream hands it out
/// again, after the 30 s ack wait. The draining node does not take that for
/// an empty queue: a request sent meanwhile queues behind it, and all are
/// delivered once, in order, with the redelivery. (The node used to call
/// the queue empty, let the new request overtake and leave the rest for its
/// next recheck, a minute later.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_queued_request_lost_in_flight_comes_first_and_nothing_overtakes_it() {
    use hooks::relay::cluster::{Cluster, ClusterOptions};
    let env = Env::new();
    let nats = Nats::start();
    let app = App::start();
    let nodes = three_nodes(&env, &nats.url, &[]);
    let (mut first, url) = client_on(&env, &nodes[0], &app, "lost");
    let path = channel_path(&url);
    first.kill();
    let http = http();
    let send = |i: usize| {
        let (http, url) = (http.clone(), format!("{}{path}/q/{i}", nodes[i % 3].base()));
        async move {
            http.post(url)
                .body(format!("event {i}"))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    let deadline = Instant::now() + WAIT;
    for i in 0..3 {
        // Until node a has noticed the client left.
        while send(i).await != 202 {
            assert!(i == 0 && Instant::now() < deadline, "request {i}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    // The first is handed out as a lost fetch would leave it: taken, never
    // acknowledged.
    let thief = Cluster::connect(ClusterOptions::new(vec![nats.url.clone()], "thief"))
        .await
        .unwrap();
    let mut consumer = thief.queue().consume("lost").await.unwrap();
    let taken = consumer.next().await.unwrap().expect("a queued request");
    drop(taken);
    let started = Instant::now();
    let (_second, _) = client_on(&env, &nodes[1], &app, "lost");
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(
        app.seen().is_empty(),
        "delivered before the first came back"
    );
    assert_eq!(send(3).await, 202, "the new request did not queue behind");
    let seen = app.wait_for(4);
    let bodies: Vec<String> = seen
        .iter()
        .map(|s| String::from_utf8(s.body.clone()).unwrap())
        .collect();
    assert_eq!(bodies, ["event 0", "event 1", "event 2", "event 3"]);
    eprintln!(
        "delivered {:?} after the client connected",
        started.elapsed()
    );
}

/// Runs `hooks relay queue ARGS --cluster URL` and returns its exit code
/// and stdout.
fn queue_cmd(env: &Env, nats: &str, args: &[&str]) -> (i32, String, String) {
    let out = env
        .hooks()
        .args(["relay", "queue"])
        .args(args)
        .args(["--cluster", nats])
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn queue_json(env: &Env, nats: &str, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["list", "--format", "json"];
    args.extend_from_slice(extra);
    let (code, out, err) = queue_cmd(env, nats, &args);
    assert_eq!(code, 0, "{err}");
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Queued requests that fail `--queue-max-attempts` times become dead
/// letters and the queue goes on behind them (later ones are tried, live
/// requests are no longer held back); `hooks relay queue list|retry|drop
/// --cluster` shows them, moves them back to the queue and deletes them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failing_queued_requests_become_dead_letters_that_queue_commands_retry_and_drop() {
    let env = Env::new();
    let nats = Nats::start();
    let app = App::start();
    let nodes = three_nodes(&env, &nats.url, &["--queue-max-attempts", "2"]);
    let (mut first, url) = client_on(&env, &nodes[0], &app, "poison");
    let path = channel_path(&url);
    first.kill();
    let http = http();
    crate::relay::probe_until_queued(&http, &format!("{}{path}/probe", nodes[0].base())).await;
    for i in 0..3 {
        let r = http
            .post(format!("{}{path}/q/{i}", nodes[i % 3].base()))
            .body(format!("event {i}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 202, "request {i}");
    }
    // The probe and three requests, each failing twice: its app is down.
    let down = format!("127.0.0.1:{}", crate::support::closed_port());
    let (mut failing, _) = client(
        &env,
        &nodes[1],
        &down,
        &["--channel", "poison", "--heartbeat", "1s"],
    );
    let deadline = Instant::now() + WAIT;
    let dead = loop {
        let dead = queue_json(&env, &nats.url, &["--dead", "--channel", "poison"]);
        if dead.len() == 4 {
            break dead;
        }
        assert!(Instant::now() < deadline, "dead letters: {dead:?}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    let paths: Vec<&str> = dead.iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["/probe", "/q/0", "/q/1", "/q/2"]);
    for d in &dead {
        assert_eq!(d["state"], "dead");
        assert_eq!(d["attempts"], 2);
        assert_eq!(d["channel"], "poison");
        assert!(
            d["last_error"].as_str().is_some_and(|e| !e.is_empty()),
            "{d}"
        );
        assert!(d["id"].as_u64().unwrap() >= 1 << 63);
    }
    assert_eq!(dead[1]["size"], 7);
    let out = env
        .hooks()
        .args([
            "relay",
            "status",
            "--cluster",
            &nats.url,
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let status = String::from_utf8(out.stdout).unwrap();
    let poison: serde_json::Value = status
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|l| l["channel"] == "poison")
        .unwrap_or_else(|| panic!("no channel poison in {status}"));
    assert_eq!(
        (poison["dead"].clone(), poison["queued"].clone()),
        (4.into(), 0.into())
    );
    let metrics = http
        .get(nodes[0].metrics_url())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("hooks_relay_cluster_dead_letters 4\n"),
        "{metrics}"
    );
    // The queue is through: a live request goes to the client (whose app
    // is down: 502), not to the queue.
    let live = http
        .post(format!("{}{path}/live", nodes[2].base()))
        .body("live")
        .send()
        .await
        .unwrap();
    assert_eq!(live.status(), 502);
    failing.kill();
    let id = |d: &serde_json::Value| d["id"].as_u64().unwrap().to_string();
    // Refused: every dead letter without --yes, an id that is no cluster id.
    let (code, _, err) = queue_cmd(&env, &nats.url, &["drop", "--all"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = queue_cmd(&env, &nats.url, &["retry", "7"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not an id of a cluster's queue"), "{err}");
    let (code, _, err) = queue_cmd(&env, &nats.url, &["list", "--channel", "Not A Channel"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a channel name"), "{err}");
    let nowhere = format!("nats://127.0.0.1:{}", closed_port());
    let (code, _, err) = queue_cmd(&env, &nowhere, &["list"]);
    assert_eq!(code, 3, "{err}");
    // The commands read no HOOKS_NATS_URL: a cluster node's shell still
    // reaches a --data-dir.
    let out = env
        .hooks()
        .env("HOOKS_NATS_URL", &nats.url)
        .args(["relay", "queue", "list", "--data-dir"])
        .arg(env.dir.path().join("no-relay"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("no relay database"), "{err}");
    let (code, out, err) = queue_cmd(&env, &nats.url, &["drop", &id(&dead[0])]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.trim(),
        format!("{} dropped (channel poison)", id(&dead[0]))
    );
    let (code, _, err) = queue_cmd(&env, &nats.url, &["drop", &id(&dead[0])]);
    assert_eq!(code, 2, "dropped twice: {err}");
    let (code, out, err) = queue_cmd(&env, &nats.url, &["retry", "--all"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(out.contains("-> queued as"), "{out}");
    let queued = queue_json(&env, &nats.url, &[]);
    assert_eq!(queued.len(), 3, "{queued:?}");
    assert!(queued.iter().all(|q| q["state"] == "queued"), "{queued:?}");
    let (_ok, _) = client_on(&env, &nodes[2], &app, "poison");
    let seen = app.wait_for(3);
    let bodies: Vec<String> = seen
        .iter()
        .map(|s| String::from_utf8(s.body.clone()).unwrap())
        .collect();
    assert_eq!(bodies, ["event 0", "event 1", "event 2"]);
    let deadline = Instant::now() + WAIT;
    while !queue_json(&env, &nats.url, &[]).is_empty() {
        assert!(Instant::now() < deadline, "the queue was not emptied");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// Large bodies arriving at once for an offline channel are held by the
/// node only within its budget (eight of `--max-body`): one more gets 503
/// with `Retry-After`, nothing past the budget is held, the others are
/// stored, and the budget is free again afterwards.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bodies_arriving_at_once_for_the_queue_are_held_within_the_nodes_budget() {
    use std::io::{Read, Write};
    let env = Env::new();
    let nats = Nats::start();
    let app = App::start();
    let relay = node(&env, &nats.url, "a", &["--max-body", "1MiB"]);
    let (mut gone, url) = client_on(&env, &relay, &app, "budget");
    gone.kill();
    let http = http();
    crate::relay::probe_until_queued(&http, &format!("{url}/probe")).await;
    let addr = relay.base().trim_start_matches("http://").to_string();
    const FULL: usize = 1024 * 1024;
    const PART: usize = 1000 * 1024;
    let open = move || {
        let mut s = std::net::TcpStream::connect(&addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        write!(
            s,
            "POST /c/budget/big HTTP/1.1\r\nHost: x\r\nContent-Length: {FULL}\r\n\r\n"
        )
        .unwrap();
        s.write_all(&vec![b'a'; PART]).unwrap();
        s
    };
    let status = |s: &mut std::net::TcpStream| {
        let mut got = Vec::new();
        let mut buf = [0u8; 4096];
        while !got.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = s.read(&mut buf).unwrap();
            assert!(n > 0, "closed: {}", String::from_utf8_lossy(&got));
            got.extend_from_slice(&buf[..n]);
        }
        String::from_utf8_lossy(&got).into_owned()
    };
    let outcome = tokio::task::spawn_blocking(move || {
        let mut held: Vec<_> = (0..8).map(|_| open()).collect();
        std::thread::sleep(Duration::from_millis(500));
        let mut over = open();
        let refused = status(&mut over);
        let mut stored = Vec::new();
        for s in &mut held {
            s.write_all(&vec![b'a'; FULL - PART]).unwrap();
            stored.push(status(s));
        }
        let mut after = open();
        after.write_all(&vec![b'a'; FULL - PART]).unwrap();
        (refused, stored, status(&mut after))
    })
    .await
    .unwrap();
    let (refused, stored, after) = outcome;
    assert!(refused.starts_with("HTTP/1.1 503"), "{refused}");
    assert!(
        refused.to_ascii_lowercase().contains("retry-after: 1"),
        "{refused}"
    );
    for s in &stored {
        assert!(s.starts_with("HTTP/1.1 202"), "{s}");
    }
    assert!(after.starts_with("HTTP/1.1 202"), "{after}");
}

/// `--queue-max-total-bytes` bounds what the cluster's queue stores for
/// all channels, small bodies (in the queue stream) and large ones (in the
/// body store) alike: past it 507 naming the flag, nothing stored; once
/// the queue is delivered there is room again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cluster_queue_holds_at_most_its_total_bytes() {
    let env = Env::new();
    let nats = Nats::start();
    let app = App::start();
    let relay = node(
        &env,
        &nats.url,
        "a",
        &["--queue-max-total-bytes", "1MiB", "--max-body", "1MiB"],
    );
    let (mut gone, url) = client_on(&env, &relay, &app, "bytes");
    gone.kill();
    let http = http();
    crate::relay::probe_until_queued(&http, &format!("{url}/probe")).await;
    let mut accepted = 1;
    for (size, most) in [(300 * 1024, 3), (100 * 1024, 10)] {
        let mut stored = 0;
        let refused = loop {
            let r = http
                .post(format!("{url}/b/{size}"))
                .body(vec![b'x'; size])
                .send()
                .await
                .unwrap();
            if r.status() != 202 {
                break (r.status().as_u16(), r.text().await.unwrap());
            }
            stored += 1;
            assert!(stored <= most, "{stored} bodies of {size} bytes stored");
        };
        assert_eq!(refused.0, 507, "{}", refused.1);
        assert!(
            refused.1.contains("--queue-max-total-bytes"),
            "{}",
            refused.1
        );
        assert!(stored >= 1, "none of {size} bytes stored");
        accepted += stored;
    }
    let (mut back, _) = client_on(&env, &relay, &app, "bytes");
    assert_eq!(app.wait_for(accepted).len(), accepted);
    // Delivered and removed: room for as much again.
    let deadline = Instant::now() + WAIT;
    while !queue_json(&env, &nats.url, &[]).is_empty() {
        assert!(Instant::now() < deadline, "the queue was not emptied");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    back.kill();
    crate::relay::probe_until_queued(&http, &format!("{url}/probe")).await;
    for i in 0..3 {
        let r = http
            .post(format!("{url}/after/{i}"))
            .body(vec![b'x'; 300 * 1024])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 202, "after {i}");
    }
}

/// A queue message that can never be delivered (no readable head, or a
/// body missing from the store), put there by anyone allowed to publish on
/// the queue's subjects, becomes a dead letter at once instead of holding
/// up the requests queued behind it; `queue list` still lists it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undeliverable_queue_messages_are_moved_aside_and_listed() {
    let env = Env::new();
    let nats = Nats::start();
    let app = App::start();
    let relay = node(&env, &nats.url, "a", &[]);
    let (mut gone, url) = client_on(&env, &relay, &app, "junk");
    gone.kill();
    let http = http();
    crate::relay::probe_until_queued(&http, &format!("{url}/probe")).await;
    let js = async_nats::jetstream::new(async_nats::connect(&nats.url).await.unwrap());
    js.publish("hooks.relay.queue.junk", "no head at all".into())
        .await
        .unwrap()
        .await
        .unwrap();
    let mut headers = async_nats::HeaderMap::new();
    headers.insert("Hooks-Queue-Id", "missing");
    headers.insert("Hooks-Body", "object");
    js.publish_with_headers(
        "hooks.relay.queue.junk",
        headers,
        bytes::Bytes::from_static(&[0, 0, 0, 0]),
    )
    .await
    .unwrap()
    .await
    .unwrap();
    let r = http
        .post(format!("{url}/after"))
        .body("after")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 202);
    let (_back, _) = client_on(&env, &relay, &app, "junk");
    let seen = app.wait_for(2);
    let bodies: Vec<&[u8]> = seen.iter().map(|s| &s.body[..]).collect();
    assert_eq!(bodies, [&b"probe"[..], &b"after"[..]]);
    let dead = queue_json(&env, &nats.url, &["--dead"]);
    assert_eq!(dead.len(), 2, "{dead:?}");
    assert_eq!(dead[0]["path"], "(an unreadable head)");
    assert!(dead[1]["last_error"]
        .as_str()
        .is_some_and(|e| e.contains("not in the body store")));
}
