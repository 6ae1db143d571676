//! Attacks on the local tools, against the real binary: hostile bodies for
//! the inspector's "Copy as curl", slow and oversized requests to the
//! listener, file modes of the data files, secrets on screen, the
//! emulator's API from a foreign page, and a kill -9 mid-forward.

use crate::inspector::{get, http, Served};
use crate::support::{Env, Receiver};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// Sends raw bytes to `addr` and returns the answer's status (0 when the
/// connection closed without one).
fn raw(addr: &str, request: &[u8]) -> u16 {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream.write_all(request).unwrap();
    status_of(&mut stream)
}

fn status_of(stream: &mut TcpStream) -> u16 {
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    while !got.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
        }
    }
    String::from_utf8_lossy(&got)
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

fn post(addr: &str, path: &str, headers: &[(&str, &[u8])], body: &[u8]) -> u16 {
    let mut req =
        format!("POST {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n").into_bytes();
    for (n, v) in headers {
        req.extend_from_slice(n.as_bytes());
        req.extend_from_slice(b": ");
        req.extend_from_slice(v);
        req.extend_from_slice(b"\r\n");
    }
    req.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    req.extend_from_slice(body);
    raw(addr, &req)
}

fn addr(url: &str) -> String {
    url.trim_start_matches("http://").to_string()
}

/// Item 3: the copied command, run by a shell, sends exactly the recorded
/// bytes: a body starting with `@` is not a file name, and NUL, quotes,
/// `$(...)`, backticks, `%`, newlines and bytes that are not UTF-8 neither
/// run nor change anything.
#[test]
fn copy_as_curl_sends_exactly_the_recorded_bytes() {
    assert!(
        std::process::Command::new("curl")
            .arg("--version")
            .output()
            .is_ok(),
        "this test runs curl: apt-get install -y curl"
    );
    let env = Env::new();
    let app = Receiver::start();
    let served = Served::listen(&env, &["--forward", &app.url("/app")]);
    let listen = addr(served.listen.as_deref().unwrap());
    let bodies: Vec<&[u8]> = vec![
        b"@/etc/hostname",
        b"@-",
        b"a\0b\0\0",
        b"it's \"q\" $(touch pwned) `touch pwned2` $HOME %s %% \\n \\\\ '",
        b"line one\nline two\r\n\n\n",
        b"\xff\xfe\x80\x00 not utf-8 \xc3",
    ];
    for body in &bodies {
        let status = post(
            &listen,
            "/hooks/[1-3]?a=$(id)",
            &[
                ("Content-Type", b"application/octet-stream"),
                ("X-Note", b"it's $(touch pwned3) `id`"),
                ("X-Latin", b"caf\xe9"),
            ],
            body,
        );
        assert_eq!(status, 200);
    }
    assert_eq!(
        app.wait_for(bodies.len(), Duration::from_secs(10)).len(),
        bodies.len()
    );
    let shell_dir = tempfile::tempdir().unwrap();
    for (i, body) in bodies.iter().enumerate() {
        let id = i + 1;
        let d = get(
            served.inspector(),
            &format!("/api/deliveries/{id}?show_secrets=1"),
        );
        let cmd = d["curl"].as_str().unwrap().to_string();
        for sh in ["sh", "bash"] {
            let before = app.received().len();
            let out = std::process::Command::new(sh)
                .arg("-c")
                .arg(&cmd)
                .current_dir(shell_dir.path())
                .output()
                .unwrap();
            assert!(out.status.success(), "{sh} -c {cmd}: {out:?}");
            let got = app.wait_for(before + 1, Duration::from_secs(10));
            let sent = &got[before];
            assert_eq!(&sent.body, body, "{sh} -c {cmd}");
            let original = &got[i];
            assert_eq!(&original.body, body);
            assert_eq!(sent.path_and_query, original.path_and_query);
            assert_eq!(
                sent.headers["x-note"].as_bytes(),
                b"it's $(touch pwned3) `id`"
            );
            assert_eq!(sent.headers["x-latin"].as_bytes(), b"caf\xe9");
        }
    }
    let left: Vec<_> = std::fs::read_dir(shell_dir.path()).unwrap().collect();
    assert!(left.is_empty(), "the command ran something: {left:?}");
}

/// A running `hooks listen` without the inspector; killed on drop.
fn listen(env: &Env, extra: &[&str]) -> Served {
    let mut args = vec!["listen", "--port", "0", "--no-inspect"];
    args.extend_from_slice(extra);
    Served::start(env, &args, true, false)
}

fn open_fds(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd")).map_or(0, |d| d.count())
}

/// Item 5: a 100 KB header gets 431 whether it arrives in one write or in
/// 4 KiB pieces, and a 60 KB one is accepted both ways; 120 headers get 431.
#[test]
fn one_head_limit_whatever_the_segmentation() {
    let env = Env::new();
    let served = listen(&env, &[]);
    let addr = addr(served.listen.as_deref().unwrap());
    let request = |value_len: usize| {
        format!(
            "POST / HTTP/1.1\r\nHost: {addr}\r\nX-Big: {}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}",
            "a".repeat(value_len)
        )
        .into_bytes()
    };
    let pieces = |bytes: &[u8]| {
        let mut stream = TcpStream::connect(&addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        stream.set_nodelay(true).unwrap();
        for chunk in bytes.chunks(4096) {
            if stream.write_all(chunk).is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        status_of(&mut stream)
    };
    for (len, want) in [(100_000, 431), (60_000, 200)] {
        let bytes = request(len);
        assert_eq!(raw(&addr, &bytes), want, "{len} bytes in one write");
        assert_eq!(pieces(&bytes), want, "{len} bytes in 4 KiB pieces");
    }
    // docs/security.md: at most 100 headers.
    let many: String = (0..120).map(|i| format!("X-H{i}: v\r\n")).collect();
    let bytes = format!(
        "POST / HTTP/1.1\r\nHost: {addr}\r\n{many}Content-Length: 0\r\nConnection: close\r\n\r\n"
    );
    assert_eq!(raw(&addr, bytes.as_bytes()), 431, "120 headers");
}

/// Item 4: 300 connections that stop sending their bodies and a few that
/// trickle one byte at a time do not slow a normal delivery down; the
/// stalled ones get 408 after --body-idle-timeout, the trickling ones after
/// --body-deadline, and their descriptors are released.
#[test]
fn slow_bodies_are_cut_off_and_do_not_block_deliveries() {
    let env = Env::new();
    let served = listen(
        &env,
        &["--body-idle-timeout", "2s", "--body-deadline", "4s"],
    );
    let addr = addr(served.listen.as_deref().unwrap());
    let pid = served.child.id();
    let baseline = open_fds(pid);
    let head = format!("POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 1000\r\n\r\nx");
    let started = Instant::now();
    let connect = || {
        let mut s = TcpStream::connect(&addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        s.write_all(head.as_bytes()).unwrap();
        s
    };
    let mut stalled: Vec<TcpStream> = (0..300).map(|_| connect()).collect();
    let tricklers: Vec<TcpStream> = (0..5).map(|_| connect()).collect();
    let trickle = std::thread::spawn(move || {
        // One byte each every 500 ms, never idle for --body-idle-timeout; each
        // is answered 408 once --body-deadline has passed.
        let mut tricklers = tricklers;
        for _ in 0..20 {
            std::thread::sleep(Duration::from_millis(500));
            for t in &mut tricklers {
                let _ = t.write_all(b"y");
            }
        }
        tricklers
            .iter_mut()
            .map(|t| (status_of(t), Instant::now()))
            .collect::<Vec<_>>()
    });
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        open_fds(pid) >= baseline + 300,
        "the slow connections are open"
    );
    let mut took: Vec<Duration> = (0..9)
        .map(|_| {
            let t = Instant::now();
            assert_eq!(
                post(&addr, "/", &[("Content-Type", b"application/json")], b"{}"),
                200
            );
            t.elapsed()
        })
        .collect();
    took.sort();
    assert!(
        took[4] < Duration::from_millis(100),
        "a normal delivery took {:?} (median) beside 300 slow ones: {took:?}",
        took[4]
    );
    for s in &mut stalled {
        assert_eq!(status_of(s), 408);
    }
    let cut = started.elapsed();
    assert!(
        cut >= Duration::from_secs(2) && cut < Duration::from_secs(10),
        "the stalled bodies were cut off after {cut:?}"
    );
    for (status, at) in trickle.join().unwrap() {
        assert_eq!(status, 408, "a trickling body is cut off");
        let after = at - started;
        assert!(after >= Duration::from_secs(4), "cut off after {after:?}");
    }
    drop(stalled);
    let deadline = Instant::now() + Duration::from_secs(10);
    while open_fds(pid) > baseline + 5 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        open_fds(pid) <= baseline + 5,
        "{} descriptors open, {baseline} before",
        open_fds(pid)
    );
    let list = env
        .hooks()
        .args(["deliveries", "list", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&list.stdout).lines().count(),
        9,
        "only the normal deliveries were recorded"
    );
}

/// A `hooks` started by `sh` with umask 000, its output (stdout and stderr)
/// collected line by line; killed on drop.
struct Umask0 {
    child: std::process::Child,
    lines: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Umask0 {
    fn start(env: &Env, args: &[&str]) -> Umask0 {
        use std::io::BufRead;
        let mut child = env
            .command("sh")
            .args(["-c", "umask 000; exec \"$0\" \"$@\""])
            .arg(assert_cmd::cargo::cargo_bin("hooks"))
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let lines = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let out = child.stdout.take().unwrap();
        let err = child.stderr.take().unwrap();
        for stream in [Box::new(out) as Box<dyn Read + Send>, Box::new(err)] {
            let lines = lines.clone();
            std::thread::spawn(move || {
                for line in std::io::BufReader::new(stream)
                    .lines()
                    .map_while(Result::ok)
                {
                    lines.lock().unwrap().push(line);
                }
            });
        }
        Umask0 { child, lines }
    }

    /// The rest of the first line that starts with `prefix` (bounded wait).
    fn wait_line(&self, prefix: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let lines = self.lines.lock().unwrap().clone();
            if let Some(rest) = lines.iter().find_map(|l| l.strip_prefix(prefix)) {
                return rest.to_string();
            }
            assert!(Instant::now() < deadline, "no {prefix:?} line: {lines:#?}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Umask0 {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Every file under `dir` (and `dir` itself) with its mode.
fn modes(dir: &std::path::Path) -> Vec<(std::path::PathBuf, u32)> {
    use std::os::unix::fs::PermissionsExt;
    let mut out = vec![];
    let mut todo = vec![dir.to_path_buf()];
    while let Some(path) = todo.pop() {
        let meta = std::fs::metadata(&path).unwrap();
        out.push((path.clone(), meta.permissions().mode() & 0o777));
        if meta.is_dir() {
            todo.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        }
    }
    out
}

fn assert_private(dir: &std::path::Path, must_hold: &[&str]) {
    let found = modes(dir);
    for name in must_hold {
        assert!(
            found.iter().any(|(p, _)| p.file_name().unwrap() == *name),
            "{name} is in {}: {found:?}",
            dir.display()
        );
    }
    for (path, mode) in &found {
        let want = if path.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(*mode, want, "{} is {mode:o}", path.display());
    }
}

/// Item 8: with umask 000, the delivery store, the development secret,
/// the emulator's and the relay's databases (with their -wal and -shm
/// files) are 0600 and their directories 0700.
#[test]
fn data_files_are_private_whatever_the_umask() {
    let env = Env::new();
    let listener = Umask0::start(&env, &["listen", "--port", "0", "--no-inspect"]);
    let listen = listener.wait_line("hooks listening on ");
    let listen = addr(listen.trim_end_matches('/'));
    assert_eq!(
        post(&listen, "/", &[("Authorization", b"Bearer s3cret")], b"{}"),
        200
    );
    assert_private(
        &env.data_dir(),
        &[
            "deliveries.db",
            "deliveries.db-wal",
            "deliveries.db-shm",
            "dev-secret",
        ],
    );
    drop(listener);

    let emulator_dir = env.dir.path().join("emulator");
    let emulator = Umask0::start(
        &env,
        &[
            "emulate",
            "--provider",
            "standard",
            "--port",
            "0",
            "--data-dir",
            emulator_dir.to_str().unwrap(),
        ],
    );
    emulator.wait_line("listening on ");
    assert_private(
        &emulator_dir,
        &["emulator.db", "emulator.db-wal", "emulator.db-shm"],
    );
    drop(emulator);

    let relay_dir = env.dir.path().join("relay");
    let port = crate::support::closed_port();
    let relay = Umask0::start(
        &env,
        &[
            "relay",
            "serve",
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--data-dir",
            relay_dir.to_str().unwrap(),
        ],
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    while !relay_dir.join("relay.sqlite-wal").exists() {
        assert!(
            Instant::now() < deadline,
            "{:#?}",
            relay.lines.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_private(
        &relay_dir,
        &["relay.sqlite", "relay.sqlite-wal", "relay.sqlite-shm"],
    );
}

const SECRET_HEADERS: [(&str, &str); 6] = [
    ("Authorization", "Bearer tok_authorization_1"),
    ("Cookie", "session=tok_cookie_2"),
    ("X-Webhook-Token", "tok_webhook_3"),
    ("X-Client-Secret", "tok_client_4"),
    ("X-Api-Key", "tok_apikey_5"),
    ("X-Awork-Auth", "tok_static_6"),
];
const SIGNATURE: (&str, &str) = ("X-Hub-Signature-256", "sha256=visible_signature");

fn assert_masked(text: &str, what: &str) {
    for (_, value) in SECRET_HEADERS {
        let secret = value.rsplit(['=', ' ']).next().unwrap();
        assert!(!text.contains(secret), "{what} shows {secret}:\n{text}");
    }
    assert!(
        text.contains(SIGNATURE.1),
        "{what} hides the signature:\n{text}"
    );
    assert!(text.contains("Bearer ********"), "{what}:\n{text}");
}

fn assert_shown(text: &str, what: &str) {
    for (_, value) in SECRET_HEADERS {
        assert!(text.contains(value), "{what} masks {value}:\n{text}");
    }
}

/// Item 8: `listen --print headers` (pretty and JSON), `deliveries show`
/// (pretty and JSON) and the inspector mask secret-bearing header values
/// (including the static header the configured secret names) unless asked
/// to show them; forwarding and replay send the real bytes.
#[test]
fn secret_header_values_are_masked_on_screen_but_sent_for_real() {
    let env = Env::new();
    env.write_config("[profiles.default]\nsecret = \"X-Awork-Auth=tok_static_6\"\n");
    let app = Receiver::start();
    let mut headers: Vec<(&str, &[u8])> = SECRET_HEADERS
        .iter()
        .map(|(n, v)| (*n, v.as_bytes()))
        .collect();
    headers.push((SIGNATURE.0, SIGNATURE.1.as_bytes()));
    let mut printed = vec![];
    for extra in [
        &["--format", "pretty"][..],
        &["--format", "json"],
        &["--format", "pretty", "--show-secrets"],
        &["--format", "json", "--show-secrets"],
    ] {
        let mut args = vec![
            "listen",
            "--port",
            "0",
            "--no-inspect",
            "--print",
            "headers",
            "--forward-invalid",
            "--forward",
        ];
        let forward = app.url("/app");
        args.push(&forward);
        args.extend_from_slice(extra);
        let listener = Umask0::start(&env, &args);
        let listen = addr(
            listener
                .wait_line("hooks listening on ")
                .trim_end_matches('/'),
        );
        assert_eq!(post(&listen, "/", &headers, b"{}"), 200);
        let deadline = Instant::now() + Duration::from_secs(10);
        let wanted = if extra.contains(&"json") {
            "\"outcome\""
        } else {
            "<--"
        };
        let text = loop {
            let text = listener.lines.lock().unwrap().join("\n");
            if text.contains(wanted) || Instant::now() > deadline {
                break text;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        printed.push(text);
    }
    assert_masked(&printed[0], "listen --print headers");
    assert_masked(&printed[1], "listen --print headers --format json");
    assert_shown(&printed[2], "listen --show-secrets");
    assert_shown(&printed[3], "listen --show-secrets --format json");
    for got in app.wait_for(4, Duration::from_secs(10)) {
        for (name, value) in SECRET_HEADERS {
            assert_eq!(
                got.header(name).as_deref(),
                Some(value),
                "forwarded for real"
            );
        }
    }

    let show = |args: &[&str]| {
        let out = env
            .hooks()
            .args(["deliveries", "show", "1"])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    assert_masked(&show(&[]), "deliveries show");
    assert_masked(
        &show(&["--format", "json"]),
        "deliveries show --format json",
    );
    assert_shown(&show(&["--show-secrets"]), "deliveries show --show-secrets");
    assert_shown(
        &show(&["--show-secrets", "--format", "json"]),
        "deliveries show --show-secrets --format json",
    );

    let served = Served::start(&env, &["inspect", "--port", "0"], false, true);
    let detail = get(served.inspector(), "/api/deliveries/1").to_string();
    assert_masked(&detail, "the inspector");
    assert!(detail.contains("\"secrets_masked\":true"), "{detail}");
    let shown = get(served.inspector(), "/api/deliveries/1?show_secrets=1").to_string();
    assert_shown(&shown, "the inspector with show_secrets");

    env.hooks()
        .args(["replay", "1", "--to", &app.url("/replayed")])
        .assert()
        .success();
    let got = app.wait_for(5, Duration::from_secs(10));
    for (name, value) in SECRET_HEADERS {
        assert_eq!(
            got[4].header(name).as_deref(),
            Some(value),
            "replayed for real"
        );
    }
}

/// Header name and value pairs for the raw client.
type Headers<'a> = &'a [(&'a str, &'a str)];

/// Item 8: the emulator's API refuses what the inspector refuses: a
/// foreign Host (DNS rebinding) and cross-origin requests, a `text/plain`
/// POST included, on `/_emulator/*` and on the provider's management
/// routes; its own address still works.
#[test]
fn the_emulator_api_refuses_rebinding_and_cross_origin_requests() {
    let env = Env::new();
    let dir = env.dir.path().join("emulator");
    let emulator = Umask0::start(
        &env,
        &[
            "emulate",
            "--provider",
            "awork",
            "--api-key",
            "k3",
            "--port",
            "0",
            "--data-dir",
            dir.to_str().unwrap(),
        ],
    );
    let base = emulator.wait_line("listening on ");
    let own = addr(base.trim_end_matches('/'));
    let port = own.rsplit(':').next().unwrap().to_string();
    let create = r#"{"url":"http://127.0.0.1:9/","events":["*"]}"#;
    let foreign = format!("evil.example:{port}");
    let attacks: [(&str, &str, Headers); 4] = [
        ("GET", "/_emulator/webhooks", &[("Host", &foreign)]),
        (
            "GET",
            "/api/v1/webhooks",
            &[("Host", &foreign), ("Authorization", "Bearer k3")],
        ),
        (
            "POST",
            "/_emulator/webhooks",
            &[
                ("Origin", "http://evil.example"),
                ("Content-Type", "text/plain"),
            ],
        ),
        (
            "POST",
            "/_emulator/events",
            &[("Origin", "null"), ("Content-Type", "text/plain")],
        ),
    ];
    for (method, path, headers) in attacks {
        let (status, body) = http(&base, method, path, headers, create);
        assert_eq!(status, 403, "{method} {path} {headers:?}: {body}");
    }
    let key = [("Authorization", "Bearer k3")];
    let (status, listed) = http(&base, "GET", "/_emulator/webhooks", &key, "");
    assert_eq!(status, 200, "{listed}");
    assert!(
        !listed.to_string().contains("127.0.0.1:9"),
        "nothing was created: {listed}"
    );
    let (status, _) = http(
        &base,
        "GET",
        "/api/v1/webhooks",
        &[
            ("Host", &format!("localhost:{port}")),
            ("Authorization", "Bearer k3"),
        ],
        "",
    );
    assert_eq!(status, 200);
}

/// An app that accepts requests and never answers (until the test ends).
fn hanging_app() -> (String, std::sync::mpsc::Receiver<()>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/app", listener.local_addr().unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut held = vec![];
        for stream in listener.incoming().take(8) {
            let Ok(mut stream) = stream else { break };
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let _ = tx.send(());
            held.push(stream);
        }
    });
    (url, rx)
}

fn deliveries_json(env: &Env) -> Vec<serde_json::Value> {
    let out = env
        .hooks()
        .args(["deliveries", "list", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Item 9: a listener killed with -9 while the app holds a forward open
/// leaves the delivery `interrupted` (not `received` for ever) once the
/// store is opened again: in `deliveries list` and `show`, their JSON and
/// the inspector; it replays. While the listener is alive, another
/// process opening the store leaves its delivery alone.
#[test]
fn a_delivery_cut_off_by_kill_9_is_marked_interrupted_and_replays() {
    let env = Env::new();
    let (app, forwarded) = hanging_app();
    let mut served = listen(&env, &["--forward", &app]);
    let target = addr(served.listen.as_deref().unwrap());
    let sender = std::thread::spawn(move || post(&target, "/hook", &[], b"{\"n\":1}"));
    forwarded
        .recv_timeout(Duration::from_secs(20))
        .expect("the delivery reached the app");
    let alive = deliveries_json(&env);
    assert_eq!(alive.len(), 1);
    assert_eq!(
        alive[0]["outcome"], "received",
        "a live forward is left alone"
    );
    served.child.kill().unwrap();
    served.child.wait().unwrap();
    assert_eq!(sender.join().unwrap(), 0, "the sender got no answer");

    let after = deliveries_json(&env);
    assert_eq!(after[0]["outcome"], "interrupted", "{after:?}");
    assert_eq!(after[0]["status"], serde_json::Value::Null);
    let table = env.hooks().args(["deliveries", "list"]).output().unwrap();
    assert!(String::from_utf8_lossy(&table.stdout).contains("interrupted"));
    let show = env
        .hooks()
        .args(["deliveries", "show", "1"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&show.stdout).contains("outcome    interrupted"));

    let receiver = Receiver::start();
    let inspector = Served::start(&env, &["inspect", "--port", "0"], false, true);
    assert_eq!(
        get(inspector.inspector(), "/api/deliveries/1")["outcome"],
        "interrupted"
    );
    env.hooks()
        .args(["replay", "1", "--to", &receiver.url("/again")])
        .assert()
        .success();
    let got = receiver.wait_for(1, Duration::from_secs(10));
    assert_eq!(got[0].body, b"{\"n\":1}");
}

/// A body of millions of JSON items (8 MB of `[0,0,…]`, then of
/// `{"events":[{},{},…]}`) is one delivery with its first 1,000 events, and
/// the listener's memory stays bounded: it used to parse the whole tree and
/// list every item as an event (2.5 GB of memory and a 96 MB output line
/// for the first body).
#[test]
fn a_body_of_millions_of_items_is_read_in_bounded_memory() {
    let env = Env::new();
    let served = listen(&env, &["--format", "json"]);
    let addr = addr(served.listen.as_deref().unwrap());
    let numbers = format!("[{}0]", "0,".repeat(4_000_000));
    let objects = format!("{{\"events\":[{}{{}}]}}", "{},".repeat(2_600_000));
    for body in [&numbers, &objects] {
        assert_eq!(post(&addr, "/many", &[], body.as_bytes()), 200);
    }
    let peak = crate::support::status_bytes(served.child.id(), "VmHWM").expect("VmHWM in /proc");
    assert!(
        peak < 300 << 20,
        "the listener peaked at {} MiB for two 8 MB bodies",
        peak >> 20
    );
    let deliveries = deliveries_json(&env);
    assert_eq!(deliveries.len(), 2);
    for d in &deliveries {
        assert_eq!(
            d["events"].as_array().map(Vec::len),
            Some(1000),
            "{}",
            d["id"]
        );
    }
}
