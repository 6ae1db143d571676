//! Faults of `hooks relay serve --cluster` against the real binary: three
//! nodes behind a real nginx (started by the test on a free 127.0.0.1 port),
//! a node killed -9 under its client, and a NATS server of three killed -9
//! while requests are queued.

use crate::nats::Nats;
use crate::relay::{http, random, sha, spawn, App, Proc, RelayProc, WAIT};
use crate::relay_cluster::{channel_path, client_on, node, node_on};
use crate::support::{closed_port, Env};
use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const NGINX: &str = "/usr/sbin/nginx";

/// nginx in front of relay nodes, as docs/relay-cluster.md shows it; killed
/// on drop.
struct Nginx {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Nginx {
    fn start(upstreams: &[u16]) -> Nginx {
        assert!(
            Path::new(NGINX).exists(),
            "{NGINX} is missing: install it: apt-get install nginx-light"
        );
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().display();
        let port = closed_port();
        let servers: String = upstreams
            .iter()
            .map(|p| format!("        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;\n"))
            .collect();
        let conf = format!(
            "worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/error.log warn;
user root;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {d}/body;
    proxy_temp_path {d}/proxy;
    fastcgi_temp_path {d}/fastcgi;
    uwsgi_temp_path {d}/uwsgi;
    scgi_temp_path {d}/scgi;
    client_max_body_size 0;
    map $http_upgrade $connection_upgrade {{ default upgrade; \"\" \"\"; }}
    upstream hooks_relay {{
{servers}    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://hooks_relay;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_buffering off;
            proxy_request_buffering off;
            proxy_read_timeout 1h;
            proxy_connect_timeout 2s;
            proxy_next_upstream error timeout;
        }}
    }}
}}
"
        );
        let conf = if is_root() {
            conf
        } else {
            conf.replace("user root;\n", "")
        };
        std::fs::write(dir.path().join("nginx.conf"), conf).unwrap();
        let child = Command::new(NGINX)
            .arg("-p")
            .arg(dir.path())
            .arg("-e")
            .arg(dir.path().join("error.log"))
            .arg("-c")
            .arg(dir.path().join("nginx.conf"))
            .args(["-g", "daemon off;"])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("{NGINX} did not start ({e}): apt-get install nginx-light"));
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "nginx did not listen on {port}");
            std::thread::sleep(Duration::from_millis(20));
        }
        Nginx {
            child,
            port,
            _dir: dir,
        }
    }

    fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

/// Three nodes on known ports behind nginx, public URLs naming nginx.
fn behind_nginx(env: &Env, nats: &str) -> (Nginx, Vec<RelayProc>) {
    let ports: Vec<u16> = (0..3).map(|_| closed_port()).collect();
    let nginx = Nginx::start(&ports);
    let public = nginx.base();
    let nodes = ports
        .iter()
        .zip(["a", "b", "c"])
        .map(|(port, id)| node_on(env, *port, nats, id, &["--public-url", &public]))
        .collect();
    (nginx, nodes)
}

/// `hooks relay connect` through nginx, with its public URL.
fn connect_through(env: &Env, nginx: &Nginx, app: &App, channel: &str) -> (Proc, String) {
    let mut cmd = env.hooks_std();
    cmd.args(["relay", "connect", "--relay"])
        .arg(format!("ws://127.0.0.1:{}", nginx.port))
        .args(["--channel", channel, "--heartbeat", "1s", "--forward"])
        .arg(app.addr.to_string());
    let proc = spawn(cmd);
    let url = proc.next_line();
    assert_eq!(url, format!("{}/c/{channel}", nginx.base()));
    (proc, url)
}

/// The index of the node whose /metrics says it holds one tunnel.
async fn holder(nodes: &[RelayProc], skip: Option<usize>) -> usize {
    let http = http();
    let deadline = Instant::now() + WAIT;
    loop {
        for (i, node) in nodes.iter().enumerate() {
            if Some(i) == skip {
                continue;
            }
            let Ok(r) = http.get(node.metrics_url()).send().await else {
                continue;
            };
            let text = r.text().await.unwrap_or_default();
            if text.lines().any(|l| l == "hooks_relay_tunnels 1") {
                return i;
            }
        }
        assert!(Instant::now() < deadline, "no node holds the client");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn bodies(app: &App) -> Vec<String> {
    app.seen()
        .iter()
        .map(|s| String::from_utf8_lossy(&s.body).into_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_through_nginx_reach_a_client_connected_through_nginx_byte_exact() {
    let env = Env::new();
    let nats = Nats::start();
    let app = App::start();
    let (nginx, _nodes) = behind_nginx(&env, &nats.url);
    let (_client, url) = connect_through(&env, &nginx, &app, "behind");
    let http = http();
    // nginx spreads these over the three nodes (round robin): most cross
    // from the node they enter to the node that holds the client.
    for (i, size) in [0, 1, 1000, 1 << 20, 0, 3 << 20, 7, 8 << 20, 1]
        .into_iter()
        .enumerate()
    {
        let body = random(size);
        let r = http
            .post(format!("{url}/echo/{i}"))
            .header("x-rep", "one")
            .header("x-rep", "two")
            .body(body.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "request {i} of {size} bytes");
        let headers = r.headers().clone();
        assert_eq!(headers["x-echo-target"], format!("/echo/{i}"));
        assert_eq!(headers["x-echo-rep"], "one|two");
        assert_eq!(headers["x-body-sha256"], sha(&body));
        let back = r.bytes().await.unwrap();
        assert_eq!(back.len(), size);
        assert_eq!(sha(&back), sha(&body), "request {i}");
    }
    assert_eq!(app.seen().len(), 9);
}

/// What one sender got for each of its requests, in the order sent.
type Answers = Vec<(String, u16)>;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_killed_under_its_client_behind_nginx_loses_nothing_answered_200_or_202() {
    let env = Env::new();
    let nats = Nats::start();
    let app = App::start();
    let (nginx, nodes) = behind_nginx(&env, &nats.url);
    let (client, url) = connect_through(&env, &nginx, &app, "failover");
    let dead = holder(&nodes, None).await;
    let killed = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // Three senders, one request at a time each, paced, until each has sent
    // forty after the kill (bounded by count and time).
    let mut senders = Vec::new();
    for s in 0..3 {
        let (url, killed) = (url.clone(), killed.clone());
        senders.push(tokio::spawn(async move {
            let http = http();
            let deadline = Instant::now() + WAIT;
            let mut answers: Answers = Vec::new();
            let mut after = 0;
            for i in 0..2000 {
                let body = format!("sender {s} request {i}");
                let status = match http
                    .post(format!("{url}/{s}/{i}"))
                    .body(body.clone())
                    .send()
                    .await
                {
                    Ok(r) => r.status().as_u16(),
                    Err(e) => panic!("{body}: no answer through nginx: {e}"),
                };
                answers.push((body, status));
                if killed.load(std::sync::atomic::Ordering::SeqCst) {
                    after += 1;
                    if after == 40 {
                        return answers;
                    }
                }
                assert!(Instant::now() < deadline, "sender {s}: {answers:?}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            panic!("sender {s} never saw the kill: {answers:?}");
        }));
    }
    app.wait_for(15);
    let pid = nodes[dead].pid().to_string();
    let kill = Command::new("kill").args(["-9", &pid]).status().unwrap();
    assert!(kill.success());
    let started = Instant::now();
    killed.store(true, std::sync::atomic::Ordering::SeqCst);
    client.stderr_line("relay: offline");
    let now = holder(&nodes, Some(dead)).await;
    let back = started.elapsed();
    let mut all = Vec::new();
    for sender in senders {
        all.push(sender.await.unwrap());
    }
    // Everything the senders were told was delivered or queued reaches the
    // app; give the queue time to drain.
    let accepted: usize = all
        .iter()
        .flatten()
        .filter(|(_, s)| *s == 200 || *s == 202)
        .count();
    app.wait_for(accepted);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let http = http();
    for attempt in 0..100 {
        let r = http.post(format!("{url}/after")).body("after").send().await;
        if r.is_ok_and(|r| r.status() == 200) {
            break;
        }
        assert!(
            attempt < 99,
            "the client never answered through nginx again"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let seen = bodies(&app);
    let mut times: HashMap<&str, usize> = HashMap::new();
    for b in &seen {
        *times.entry(b.as_str()).or_default() += 1;
    }
    let mut counts: HashMap<u16, usize> = HashMap::new();
    for (s, answers) in all.iter().enumerate() {
        for (body, status) in answers {
            *counts.entry(*status).or_default() += 1;
            let n = times.get(body.as_str()).copied().unwrap_or(0);
            match status {
                200 | 202 => assert_eq!(n, 1, "{body} answered {status}, seen {n} times"),
                // In flight on the dead node: it reached the app or not.
                502 | 503 => assert!(n <= 1, "{body} answered {status}, seen {n} times"),
                other => panic!("{body}: {other}"),
            }
        }
        // The queued ones, in the order sent.
        let queued: Vec<&str> = answers
            .iter()
            .filter(|(_, st)| *st == 202)
            .map(|(b, _)| b.as_str())
            .collect();
        let delivered: Vec<&str> = seen
            .iter()
            .map(String::as_str)
            .filter(|b| queued.contains(b))
            .collect();
        assert_eq!(delivered, queued, "sender {s}: queued in order");
    }
    eprintln!(
        "failover behind nginx: holder {dead} killed, now {now}; statuses {counts:?}; \
         another node held the client {back:?} after the kill"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_requests_queued_across_a_nats_server_killed_are_delivered_once_in_order() {
    let env = Env::new();
    let mut servers = Nats::cluster();
    let urls: Vec<&str> = servers.iter().map(|s| s.url.as_str()).collect();
    let urls = urls.join(",");
    let app = App::start();
    let nodes: Vec<RelayProc> = ["a", "b", "c"]
        .iter()
        .map(|id| node(&env, &urls, id, &[]))
        .collect();
    let (mut first, url) = client_on(&env, &nodes[0], &app, "replicated");
    let path = channel_path(&url);
    first.kill();
    let http = http();
    let mut expected = Vec::new();
    let mut refused: HashMap<u16, usize> = HashMap::new();
    let mut longest = Duration::ZERO;
    for i in 0..50 {
        if i == 30 {
            servers[0].kill();
        }
        let body = format!("event {i}");
        let node = &nodes[i % 3];
        let started = Instant::now();
        // Only a 202 counts as accepted; anything else is retried, bounded.
        for attempt in 0..600 {
            let r = http
                .post(format!("{}{path}/q/{i}", node.base()))
                .body(body.clone())
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            if status == 202 {
                break;
            }
            *refused.entry(status).or_default() += 1;
            assert!(
                attempt < 599 && started.elapsed() < WAIT,
                "request {i}: {status}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        longest = longest.max(started.elapsed());
        expected.push(body);
    }
    let (_second, _) = client_on(&env, &nodes[1], &app, "replicated");
    app.wait_for(50);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let got = bodies(&app);
    let got: Vec<&String> = got.iter().filter(|b| b.starts_with("event ")).collect();
    let want: Vec<&String> = expected.iter().collect();
    assert_eq!(got, want, "each once, in order");
    eprintln!(
        "a NATS server of three killed: answers retried {refused:?}, longest until 202 {longest:?}"
    );
}
