//! The hop rules (src/hop.rs, shared/design/INTERMEDIARY.md) on every path,
//! tried as an attacker would, with raw bytes on real sockets: the real
//! `hooks listen`, `hooks relay serve` and `hooks relay connect` binaries
//! in front of a raw app that answers each request with the exact request
//! head it received, or with a broken answer when asked to.

use crate::listen::Listening;
use crate::relay::{client, relay};
use crate::support::Env;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

/// An app on raw sockets. Each request's head is recorded; the answer is
/// the head as the body (200), except under `/te-and-cl` (a chunked answer
/// that also claims `Content-Length: 2`, whose chunk holds a whole second
/// response) and `/switch` (101 to a request that asked for no upgrade).
struct RawApp {
    addr: SocketAddr,
    heads: Arc<Mutex<Vec<String>>>,
}

impl RawApp {
    fn start() -> RawApp {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let heads = Arc::new(Mutex::new(Vec::new()));
        let seen = heads.clone();
        std::thread::spawn(move || {
            for tcp in listener.incoming().take(200).flatten() {
                let seen = seen.clone();
                std::thread::spawn(move || serve_raw(tcp, &seen));
            }
        });
        RawApp { addr, heads }
    }

    fn heads(&self) -> Vec<String> {
        self.heads.lock().unwrap().clone()
    }
}

fn serve_raw(mut tcp: TcpStream, seen: &Mutex<Vec<String>>) {
    tcp.set_read_timeout(Some(WAIT)).unwrap();
    for _ in 0..50 {
        let Some((head, _body)) = read_message(&mut tcp) else {
            return;
        };
        seen.lock().unwrap().push(head.clone());
        let target = head.split(' ').nth(1).unwrap_or_default().to_string();
        let answer = if target.ends_with("/te-and-cl") {
            let injected = "HTTP/1.1 200 INJECTED\r\ncontent-length: 8\r\n\r\nINJECTED";
            format!(
                "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\ncontent-length: 2\r\n\r\n{:x}\r\nok{injected}\r\n0\r\n\r\n",
                injected.len() + 2
            )
        } else if target.ends_with("/switch") {
            "HTTP/1.1 101 Switching Protocols\r\nconnection: upgrade\r\nupgrade: x\r\n\r\n".into()
        } else {
            format!(
                "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: {}\r\n\r\n{head}",
                head.len()
            )
        };
        if tcp.write_all(answer.as_bytes()).is_err() || target.ends_with("/switch") {
            return;
        }
    }
}

/// Reads one HTTP/1.1 message framed by Content-Length (or none): its head
/// as text, and its body.
fn read_message(tcp: &mut TcpStream) -> Option<(String, Vec<u8>)> {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        if tcp.read(&mut byte).ok()? == 0 || buf.len() > 1 << 20 {
            return None;
        }
        buf.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&buf).into_owned();
    let length = head
        .lines()
        .find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case("content-length")
                .then(|| v.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    tcp.read_exact(&mut body).ok()?;
    Some((head, body))
}

/// Sends raw `request` bytes on a new connection to `addr` and reads one
/// answer: its status line, and its head and body as text.
fn exchange(addr: &str, request: &str) -> (String, String) {
    let mut tcp = TcpStream::connect(addr).unwrap();
    tcp.set_read_timeout(Some(WAIT)).unwrap();
    tcp.write_all(request.as_bytes()).unwrap();
    let (head, body) = read_message(&mut tcp).expect("an answer");
    let status = head.lines().next().unwrap_or_default().to_string();
    (status, format!("{head}{}", String::from_utf8_lossy(&body)))
}

/// A public URL's path after the host (`c/CHANNEL`) and its `host:port`.
fn public(url: &str) -> (String, String) {
    let path = url.trim_start_matches("http://").split_once('/').unwrap().1;
    (path.to_string(), host_port(url))
}

fn host_port(url: &str) -> String {
    url.trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap()
        .to_string()
}

/// A chunked answer that also claims a Content-Length, whose chunk holds a
/// second response: through `relay connect` and the relay, the caller's
/// keep-alive connection used to read the hidden `200 INJECTED` as the
/// answer to its next request (to another channel, in the attack). Now that
/// answer is broken and fails alone with 502, and the next request on the
/// same connection gets its own answer.
#[test]
fn an_answer_with_two_framings_is_refused_not_read_as_the_next() {
    let env = Env::new();
    let app = RawApp::start();
    let relay = relay(&env, &[]);
    let (_client, url) = client(&env, &relay, &app.addr.to_string(), &[]);
    let (path, addr) = public(&url);
    let mut tcp = TcpStream::connect(&addr).unwrap();
    tcp.set_read_timeout(Some(WAIT)).unwrap();
    for target in ["te-and-cl", "next"] {
        write!(
            tcp,
            "POST /{path}/{target} HTTP/1.1\r\nhost: {addr}\r\ncontent-length: 2\r\n\r\nhi"
        )
        .unwrap();
        let (head, body) = read_message(&mut tcp).expect("an answer");
        let body = String::from_utf8_lossy(&body);
        assert!(
            !head.contains("INJECTED") && !body.contains("INJECTED"),
            "{head}{body}"
        );
        if target == "te-and-cl" {
            assert!(head.starts_with("HTTP/1.1 502"), "{head}{body}");
            assert!(body.contains("broken"), "{body}");
        } else {
            assert!(head.starts_with("HTTP/1.1 200"), "{head}{body}");
            assert!(body.starts_with("POST /next "), "{body}");
        }
    }
}

/// 101 from the app to a request that asked for no upgrade fails that
/// request alone: the tunnel stays up and the next request is answered
/// (it used to be taken as a protocol error that dropped the tunnel).
#[test]
fn an_app_answering_101_fails_its_request_alone() {
    let env = Env::new();
    let app = RawApp::start();
    let relay = relay(&env, &[]);
    let (client, url) = client(&env, &relay, &app.addr.to_string(), &[]);
    let (path, addr) = public(&url);
    let (status, text) = exchange(
        &addr,
        &format!("GET /{path}/switch HTTP/1.1\r\nhost: {addr}\r\n\r\n"),
    );
    assert!(status.starts_with("HTTP/1.1 502"), "{text}");
    assert!(text.contains("101"), "{text}");
    let (status, text) = exchange(
        &addr,
        &format!("GET /{path}/after HTTP/1.1\r\nhost: {addr}\r\n\r\n"),
    );
    assert!(status.starts_with("HTTP/1.1 200"), "{text}");
    let admin = host_port(&relay.metrics_url());
    let metrics = exchange(
        &admin,
        &format!("GET /metrics HTTP/1.1\r\nhost: {admin}\r\n\r\n"),
    )
    .1;
    assert!(
        metrics.contains("hooks_relay_connections_total 1\n"),
        "the client never reconnected: {metrics}"
    );
    drop(client);
}

/// Under a `--forward` path prefix, a target that climbs above it is
/// refused with 400 and nothing reaches the app, through `relay connect`
/// and through `hooks listen` (where it is recorded as refused); without a
/// prefix, targets pass byte for byte.
#[test]
fn a_caller_cannot_climb_out_of_the_forward_prefix() {
    let env = Env::new();
    let app = RawApp::start();
    let attacks = [
        "/../admin/delete-all",
        "/%2e%2e/admin",
        "/x/../../admin",
        "/.%2E/admin",
        "/a%2f..%2fadmin",
    ];
    let relay = relay(&env, &[]);
    let (_client, url) = client(&env, &relay, &format!("http://{}/webhooks", app.addr), &[]);
    let (path, addr) = public(&url);
    for attack in attacks {
        let (status, text) = exchange(
            &addr,
            &format!("POST /{path}{attack} HTTP/1.1\r\nhost: {addr}\r\ncontent-length: 0\r\n\r\n"),
        );
        assert!(status.starts_with("HTTP/1.1 400"), "{attack}: {text}");
        assert!(text.contains("outside /webhooks"), "{attack}: {text}");
    }
    let listen = Listening::start(
        &env,
        &[
            "--provider",
            "none",
            "--forward",
            &format!("http://{}/webhooks", app.addr),
            "--format",
            "json",
        ],
    );
    for attack in attacks {
        let (status, text) = exchange(
            &listen.addr,
            &format!(
                "POST {attack} HTTP/1.1\r\nhost: {}\r\ncontent-length: 2\r\n\r\n{{}}",
                listen.addr
            ),
        );
        assert!(status.starts_with("HTTP/1.1 400"), "{attack}: {text}");
    }
    assert!(
        app.heads().is_empty(),
        "the app was reached: {:?}",
        app.heads()
    );
    let lines = listen.lines(attacks.len(), WAIT);
    let refused = lines
        .iter()
        .filter(|l| l.contains("\"outside_prefix\""))
        .count();
    assert!(refused >= attacks.len(), "recorded as refused: {lines:?}");
    // Inside the prefix, and with no prefix at all, the target is the
    // caller's, byte for byte.
    let (status, text) = exchange(
        &listen.addr,
        &format!(
            "POST /ok/a..b?name=O'Brien HTTP/1.1\r\nhost: {}\r\ncontent-length: 0\r\n\r\n",
            listen.addr
        ),
    );
    assert!(status.starts_with("HTTP/1.1 200"), "{text}");
    assert!(
        app.heads()[0].starts_with("POST /webhooks/ok/a..b?name=O'Brien HTTP/1.1"),
        "{:?}",
        app.heads()
    );
    let root = Listening::start(
        &env,
        &["--provider", "none", "--forward", &app.addr.to_string()],
    );
    for target in ["/a/%2e%2e/admin?name=O'Brien", "/a/./b/../c"] {
        let (status, text) = exchange(
            &root.addr,
            &format!(
                "POST {target} HTTP/1.1\r\nhost: {}\r\ncontent-length: 0\r\n\r\n",
                root.addr
            ),
        );
        assert!(status.starts_with("HTTP/1.1 200"), "{text}");
        assert!(
            text.contains(&format!("\r\n\r\nPOST {target} HTTP/1.1\r\n")),
            "{target}: {text}"
        );
    }
}

/// What RFC 9112 has an intermediary refuse, refused by the listener and
/// the relay alike, before anything is forwarded.
#[test]
fn requests_an_intermediary_must_refuse_are_refused() {
    let env = Env::new();
    let app = RawApp::start();
    let listen = Listening::start(
        &env,
        &["--provider", "none", "--forward", &app.addr.to_string()],
    );
    let relay = relay(&env, &[]);
    let (_client, url) = client(&env, &relay, &app.addr.to_string(), &[]);
    let (path, relay_addr) = public(&url);
    let cases = [
        ("no Host", "", 400),
        ("two Hosts", "host: a\r\nhost: b\r\n", 400),
        (
            "gzip",
            "host: a\r\ntransfer-encoding: gzip, chunked\r\n",
            501,
        ),
    ];
    for (what, headers, want) in cases {
        for (addr, target) in [
            (listen.addr.as_str(), "/hook".to_string()),
            (relay_addr.as_str(), format!("/{path}/hook")),
        ] {
            let body = if headers.contains("chunked") {
                "2\r\n{}\r\n0\r\n\r\n"
            } else {
                ""
            };
            let (status, text) = exchange(
                addr,
                &format!("POST {target} HTTP/1.1\r\n{headers}\r\n{body}"),
            );
            assert!(
                status.starts_with(&format!("HTTP/1.1 {want}")),
                "{what} at {addr}: {text}"
            );
        }
    }
    assert!(
        app.heads().is_empty(),
        "the app was reached: {:?}",
        app.heads()
    );
}

fn header_lines<'a>(head: &'a str, name: &str) -> Vec<&'a str> {
    head.lines()
        .filter_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then_some(v.trim())
        })
        .collect()
}

/// Who sent a request: every `X-Forwarded-For` line is kept and the peer
/// appended; `X-Forwarded-Host`/`-Proto` describe what the caller used
/// unless a trusted proxy said otherwise; the relay's internal client
/// address never reaches the app.
#[test]
fn the_app_learns_who_sent_it_and_forged_fields_are_not_believed() {
    let env = Env::new();
    let app = RawApp::start();
    let forged = "x-forwarded-for: 10.9.8.7\r\nx-forwarded-for: 203.0.113.9\r\nx-forwarded-host: evil.example\r\nx-forwarded-proto: https\r\nhooks-relay-client: 1.2.3.4\r\n";
    // The listener: two XFF lines kept, the peer appended.
    let listen = Listening::start(
        &env,
        &["--provider", "none", "--forward", &app.addr.to_string()],
    );
    let (_, text) = exchange(
        &listen.addr,
        &format!(
            "POST /l HTTP/1.1\r\nhost: {}\r\n{forged}content-length: 0\r\n\r\n",
            listen.addr
        ),
    );
    let got = text.split_once("\r\n\r\n").unwrap().1;
    assert_eq!(
        header_lines(got, "x-forwarded-for"),
        ["10.9.8.7, 203.0.113.9, 127.0.0.1"],
        "{got}"
    );
    assert_eq!(
        header_lines(got, "x-forwarded-host"),
        [listen.addr.as_str()],
        "{got}"
    );
    assert_eq!(header_lines(got, "x-forwarded-proto"), ["http"], "{got}");
    // The relay, untrusted caller: the same.
    let relay_a = relay(&env, &[]);
    let (_client, url) = client(&env, &relay_a, &app.addr.to_string(), &[]);
    let (path, addr) = public(&url);
    let (_, text) = exchange(
        &addr,
        &format!("POST /{path}/r HTTP/1.1\r\nhost: {addr}\r\n{forged}content-length: 0\r\n\r\n"),
    );
    let got = text.split_once("\r\n\r\n").unwrap().1;
    assert_eq!(
        header_lines(got, "x-forwarded-for"),
        ["10.9.8.7, 203.0.113.9, 127.0.0.1"],
        "{got}"
    );
    assert_eq!(
        header_lines(got, "x-forwarded-host"),
        [addr.as_str()],
        "{got}"
    );
    assert_eq!(header_lines(got, "x-forwarded-proto"), ["http"], "{got}");
    assert!(header_lines(got, "hooks-relay-client").is_empty(), "{got}");
    // Behind a trusted proxy (127.0.0.1 here), its fields are believed.
    let relay_b = relay(&env, &["--trusted-proxies", "127.0.0.1"]);
    let (_client_b, url) = client(&env, &relay_b, &app.addr.to_string(), &[]);
    let (path, addr) = public(&url);
    let (_, text) = exchange(
        &addr,
        &format!("POST /{path}/t HTTP/1.1\r\nhost: {addr}\r\n{forged}content-length: 0\r\n\r\n"),
    );
    let got = text.split_once("\r\n\r\n").unwrap().1;
    assert_eq!(
        header_lines(got, "x-forwarded-host"),
        ["evil.example"],
        "{got}"
    );
    assert_eq!(header_lines(got, "x-forwarded-proto"), ["https"], "{got}");
    // --allow-from: the decided client (203.0.113.9 behind the trusted
    // proxy) is let in by its range, a direct caller is not.
    let relay_c = relay(
        &env,
        &[
            "--trusted-proxies",
            "127.0.0.1",
            "--allow-from",
            "workestra",
        ],
    );
    let (_client_c, url) = client(&env, &relay_c, &app.addr.to_string(), &[]);
    let (path, addr) = public(&url);
    let (status, text) = exchange(
        &addr,
        &format!("POST /{path}/w HTTP/1.1\r\nhost: {addr}\r\nx-forwarded-for: 203.0.113.9\r\ncontent-length: 0\r\n\r\n"),
    );
    assert!(status.starts_with("HTTP/1.1 200"), "{text}");
    let (status, text) = exchange(
        &addr,
        &format!("POST /{path}/w HTTP/1.1\r\nhost: {addr}\r\ncontent-length: 0\r\n\r\n"),
    );
    assert!(status.starts_with("HTTP/1.1 403"), "{text}");
}

/// Behind a TLS front that is not a trusted proxy, `X-Forwarded-Proto`
/// follows the relay's https `--public-url` (it said `http`).
#[test]
fn the_scheme_follows_an_https_public_url() {
    let env = Env::new();
    let app = RawApp::start();
    let relay = relay(&env, &["--public-url", "https://relay.example"]);
    let mut cmd = env.hooks_std();
    cmd.args([
        "relay",
        "connect",
        "--relay",
        &relay.ws(),
        "--forward",
        &app.addr.to_string(),
    ]);
    let proc = crate::relay::spawn(cmd);
    let url = proc.next_line();
    let path = url.split_once("/c/").expect("a channel URL").1.to_string();
    let addr = host_port(&relay.base());
    let (status, text) = exchange(
        &addr,
        &format!("POST /c/{path}/s HTTP/1.1\r\nhost: relay.example\r\ncontent-length: 0\r\n\r\n"),
    );
    assert!(status.starts_with("HTTP/1.1 200"), "{text}");
    let got = text.split_once("\r\n\r\n").unwrap().1;
    assert_eq!(header_lines(got, "x-forwarded-proto"), ["https"], "{got}");
    assert_eq!(
        header_lines(got, "x-forwarded-host"),
        ["relay.example"],
        "{got}"
    );
}

/// `hooks listen --relay` records the caller's address the relay decided
/// (it had none), and the app never sees the relay's internal header.
#[test]
fn listen_through_the_relay_records_the_callers_address() {
    let env = Env::new();
    let app = RawApp::start();
    let relay = relay(&env, &["--trusted-proxies", "127.0.0.1"]);
    let listen = Listening::start(
        &env,
        &[
            "--provider",
            "none",
            "--forward",
            &app.addr.to_string(),
            "--relay",
            &relay.ws(),
            "--format",
            "json",
        ],
    );
    let url = (0..300)
        .find_map(|_| {
            let found = listen.stderr.lock().unwrap().iter().find_map(|l| {
                l.split_whitespace()
                    .find(|w| w.starts_with("http://") && w.contains("/c/"))
                    .map(str::to_string)
            });
            if found.is_none() {
                std::thread::sleep(Duration::from_millis(100));
            }
            found
        })
        .expect("the public URL");
    let path = url
        .trim_start_matches("http://")
        .split_once('/')
        .unwrap()
        .1
        .to_string();
    let addr = host_port(&url);
    let (status, text) = exchange(
        &addr,
        &format!("POST /{path}/x HTTP/1.1\r\nhost: {addr}\r\nx-forwarded-for: 198.51.100.7\r\nhooks-relay-client: 6.6.6.6\r\ncontent-length: 2\r\n\r\n{{}}"),
    );
    assert!(status.starts_with("HTTP/1.1 200"), "{text}");
    let head = &app.heads()[0];
    assert!(
        header_lines(head, "hooks-relay-client").is_empty(),
        "{head}"
    );
    assert_eq!(
        header_lines(head, "x-forwarded-for"),
        ["198.51.100.7, 127.0.0.1"],
        "{head}"
    );
    let out = env
        .hooks()
        .args(["deliveries", "list", "--format", "json"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("\"remote\":\"198.51.100.7\""), "{text}");
}

/// A bad address list is a usage error (exit 2) that names the flag and the
/// item, escaped, on `listen` and `relay serve` alike.
#[test]
fn bad_address_lists_are_refused_naming_the_flag() {
    let env = Env::new();
    for (args, flag) in [
        (
            vec![
                "listen",
                "--port",
                "0",
                "--trusted-proxies",
                "10.0.0.0/8,\u{1b}[2Jevil",
            ],
            "--trusted-proxies",
        ),
        (
            vec![
                "relay",
                "serve",
                "--bind",
                "127.0.0.1:0",
                "--trusted-proxies",
                "300.1.1.1",
            ],
            "--trusted-proxies",
        ),
        (
            vec![
                "relay",
                "serve",
                "--bind",
                "127.0.0.1:0",
                "--allow-from",
                "10.0.0.0/99",
            ],
            "--allow-from",
        ),
    ] {
        let out = env.hooks().args(&args).timeout(WAIT).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(&format!("bad {flag}")), "{stderr}");
        assert!(!stderr.contains('\u{1b}'), "raw ESC in {stderr:?}");
    }
}

/// The listener holds at most its budget (64 MiB) of request bodies at
/// once: five senders announcing 12 MiB each and sending them slowly are
/// let in, a sixth is answered 503 with `Retry-After` at once (it used to
/// be read like the others, so that memory grew with every sender), and
/// once the five go away there is room again.
#[test]
fn the_listener_holds_at_most_its_budget_of_bodies() {
    let env = Env::new();
    let app = RawApp::start();
    let listen = Listening::start(
        &env,
        &["--provider", "none", "--forward", &app.addr.to_string()],
    );
    let head = |n: usize| {
        format!(
            "POST /big HTTP/1.1\r\nhost: {}\r\ncontent-length: {n}\r\n\r\n",
            listen.addr
        )
    };
    let mut held = Vec::new();
    for _ in 0..5 {
        let mut tcp = TcpStream::connect(&listen.addr).unwrap();
        tcp.write_all(head(12 << 20).as_bytes()).unwrap();
        tcp.write_all(&[b'x'; 1024]).unwrap();
        held.push(tcp);
    }
    // The five heads are read before the sixth arrives.
    std::thread::sleep(Duration::from_millis(300));
    let mut sixth = TcpStream::connect(&listen.addr).unwrap();
    sixth.set_read_timeout(Some(WAIT)).unwrap();
    sixth.write_all(head(12 << 20).as_bytes()).unwrap();
    let (answer, body) = read_message(&mut sixth).expect("an answer at once");
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert_eq!(header_lines(&answer, "retry-after"), ["1"], "{answer}");
    assert!(
        String::from_utf8_lossy(&body).starts_with("hooks: "),
        "{answer}"
    );
    drop(held);
    std::thread::sleep(Duration::from_millis(300));
    let (status, text) = exchange(
        &listen.addr,
        &format!(
            "POST /small HTTP/1.1\r\nhost: {}\r\ncontent-length: 2\r\n\r\n{{}}",
            listen.addr
        ),
    );
    assert!(status.starts_with("HTTP/1.1 200"), "{text}");
    assert!(
        app.heads().iter().all(|h| !h.starts_with("POST /big")),
        "{:?}",
        app.heads()
    );
}

/// A tunnel client (anyone with a token) that answers with
/// `Content-Length: 2` and 72 bytes of body, the surplus a whole second
/// response: the caller on a pooled connection used to read the surplus as
/// the answer to its next request, to another channel. Now the answer is
/// 502 for that request and the next request on the same connection gets
/// its own channel's answer. A client answering 101, or a body shorter than
/// its length over several frames, fails its request alone too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tunnel_client_cannot_answer_for_another_channel() {
    use futures_util::{SinkExt, StreamExt};
    use hooks::relay::protocol::Frame;
    use tokio_tungstenite::tungstenite::Message;
    let env = Env::new();
    let app = RawApp::start();
    let relay = relay(&env, &[]);
    let (mut tx, mut rx, welcome) = crate::relay::raw(&relay, "", "evil").await;
    assert!(matches!(welcome, Frame::Welcome { .. }), "{welcome:?}");
    let (_victim, victim_url) = client(&env, &relay, &app.addr.to_string(), &[]);
    let victim = victim_url
        .trim_start_matches("http://")
        .split_once('/')
        .unwrap()
        .1
        .to_string();
    let addr = host_port(&victim_url);
    // The evil client answers each request by what it asks for.
    tokio::spawn(async move {
        while let Some(Ok(message)) = rx.next().await {
            let Message::Binary(b) = message else {
                continue;
            };
            let Ok(Frame::RequestHead { stream, target, .. }) = Frame::decode(b) else {
                continue;
            };
            let injected = b"okHTTP/1.1 200 INJECTED\r\ncontent-length: 8\r\n\r\nINJECTED".to_vec();
            let (status, length, chunks): (u16, &str, Vec<Vec<u8>>) = match &target[..] {
                b"/switch" => (101, "0", vec![]),
                b"/short" => (200, "100", vec![vec![b'a'; 30], vec![b'b'; 30]]),
                _ => (200, "2", vec![injected]),
            };
            let head = Frame::ResponseHead {
                stream,
                status,
                headers: vec![(
                    bytes::Bytes::from_static(b"content-length"),
                    bytes::Bytes::copy_from_slice(length.as_bytes()),
                )],
            };
            let mut frames = vec![head];
            for chunk in chunks {
                frames.push(Frame::Data {
                    stream,
                    data: chunk.into(),
                });
            }
            frames.push(Frame::End { stream });
            for frame in frames {
                if tx
                    .send(Message::Binary(frame.encode().unwrap()))
                    .await
                    .is_err()
                {
                    return;
                }
            }
        }
    });
    let host = addr.clone();
    let exchange_on = move |tcp: &mut TcpStream, path: &str| {
        write!(
            tcp,
            "POST /{path} HTTP/1.1\r\nhost: {host}\r\ncontent-length: 0\r\n\r\n"
        )
        .unwrap();
        let (head, body) = read_message(tcp).expect("an answer");
        (head, String::from_utf8_lossy(&body).into_owned())
    };
    let result = tokio::task::spawn_blocking(move || {
        let mut tcp = TcpStream::connect(&addr).unwrap();
        tcp.set_read_timeout(Some(WAIT)).unwrap();
        let (head, body) = exchange_on(&mut tcp, "c/evil/lie");
        assert!(head.starts_with("HTTP/1.1 502"), "{head}{body}");
        let (head, body) = exchange_on(&mut tcp, &format!("{victim}/mine"));
        assert!(
            !head.contains("INJECTED") && !body.contains("INJECTED"),
            "{head}{body}"
        );
        assert!(head.starts_with("HTTP/1.1 200"), "{head}{body}");
        assert!(body.starts_with("POST /mine "), "{body}");
        for path in ["c/evil/switch", "c/evil/short"] {
            let mut tcp = TcpStream::connect(&addr).unwrap();
            tcp.set_read_timeout(Some(WAIT)).unwrap();
            write!(
                tcp,
                "POST /{path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n"
            )
            .unwrap();
            let mut all = Vec::new();
            let _ = tcp.read_to_end(&mut all);
            let all = String::from_utf8_lossy(&all);
            // Either a 502 at once, or a head whose body is cut short and
            // the connection closed: never a whole answer of 200 with it.
            let whole_ok =
                all.starts_with("HTTP/1.1 200") && all.contains(&"b".repeat(30)) && all.len() > 100;
            assert!(
                !whole_ok && !all.starts_with("HTTP/1.1 101"),
                "{path}: {all}"
            );
        }
    })
    .await;
    result.unwrap();
}

/// A request with both `Content-Length` and `Transfer-Encoding` is read by
/// its chunks alone (hyper hides the length), and the connection is closed
/// after its answer, as RFC 9112 §6.1 asks: bytes a front proxy would have
/// framed as a second request are never read as one, by the listener or
/// the relay.
#[test]
fn a_request_framed_two_ways_ends_its_connection() {
    let env = Env::new();
    let app = RawApp::start();
    let listen = Listening::start(
        &env,
        &["--provider", "none", "--forward", &app.addr.to_string()],
    );
    let relay = relay(&env, &[]);
    let (_client, url) = client(&env, &relay, &app.addr.to_string(), &[]);
    let (path, relay_addr) = public(&url);
    for (addr, target) in [
        (listen.addr.as_str(), "/hook".to_string()),
        (relay_addr.as_str(), format!("/{path}/hook")),
    ] {
        let mut tcp = TcpStream::connect(addr).unwrap();
        tcp.set_read_timeout(Some(WAIT)).unwrap();
        write!(
            tcp,
            "POST {target} HTTP/1.1\r\nhost: {addr}\r\ncontent-length: 40\r\ntransfer-encoding: chunked\r\n\r\n2\r\n{{}}\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nhost: {addr}\r\n\r\n"
        )
        .unwrap();
        let mut all = Vec::new();
        let _ = tcp.read_to_end(&mut all);
        let all = String::from_utf8_lossy(&all);
        assert_eq!(all.matches("HTTP/1.1 ").count(), 1, "{addr}: {all}");
        assert!(
            all.to_ascii_lowercase().contains("connection: close"),
            "{addr}: {all}"
        );
    }
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        app.heads().iter().all(|h| !h.contains("/smuggled")),
        "{:?}",
        app.heads()
    );
}
