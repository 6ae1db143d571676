//! `hooks replay` and `hooks deliveries`: recorded deliveries re-sent
//! byte-exact, files sent signed, a watched directory re-sent on save.

use crate::listen::{post, signed, Listening, SECRET};
use crate::support::{Env, Receiver};
use std::time::Duration;

#[test]
fn replay_by_id_reproduces_the_original_bytes() {
    let env = Env::new();
    let first = Receiver::start();
    let listen = Listening::start(
        &env,
        &[
            "--provider",
            "github",
            "--secret",
            SECRET,
            "--forward",
            &first.url("/"),
        ],
    );
    let body: Vec<u8> = (0..4096).map(|_| rand::random::<u8>()).collect();
    let sig = signed(&body);
    let answer = post(
        &listen.url("/in?q=1"),
        &[
            sig.clone(),
            ("content-type", "application/octet-stream".into()),
        ],
        body.clone(),
    );
    assert_eq!(answer.status, 200);
    drop(listen);

    let list = env
        .hooks()
        .args(["deliveries", "list", "--format", "json"])
        .output()
        .unwrap();
    let line: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let id = line["id"].as_i64().unwrap().to_string();

    let second = Receiver::start();
    env.hooks()
        .args(["replay", &id, "--to", &second.url("/")])
        .assert()
        .success()
        .stdout(predicates::str::contains("<-- [200]"));
    let got = second.received();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].body, body);
    assert_eq!(got[0].path_and_query, "/in?q=1");
    assert_eq!(got[0].header("x-hub-signature-256").unwrap(), sig.1);
    assert_eq!(
        got[0].header("content-type").unwrap(),
        "application/octet-stream"
    );

    // `--last 1` picks the same delivery; `deliveries show` shows its attempt.
    env.hooks()
        .args([
            "replay",
            "--last",
            "1",
            "--to",
            &second.url("/"),
            "--format",
            "json",
        ])
        .assert()
        .success()
        .stdout(predicates::str::contains("\"ok\":true"));
    assert_eq!(second.received()[1].body, body);
    env.hooks()
        .args(["deliveries", "show", &id])
        .assert()
        .success()
        .stdout(predicates::str::contains("forwarded"))
        .stdout(predicates::str::contains("x-hub-signature-256"));
    env.hooks().args(["replay", "999999"]).assert().code(2);
}

#[test]
fn replay_resign_gives_a_fresh_valid_signature() {
    let env = Env::new();
    let app = Receiver::start();
    let listen = Listening::start(&env, &["--forward", &app.url("/")]);
    env.hooks()
        .args([
            "send-test",
            "contact.created",
            "--provider",
            "stripe",
            "--to",
            &listen.url("/"),
        ])
        .assert()
        .success();
    drop(listen);
    let target = Receiver::start();
    env.hooks()
        .args([
            "replay",
            "--last",
            "1",
            "--resign",
            "--to",
            &target.url("/"),
        ])
        .assert()
        .success();
    let got = target.received();
    assert_eq!(got.len(), 1);
    let original = app.received()[0].header("stripe-signature").unwrap();
    let fresh = got[0].header("stripe-signature").unwrap();
    assert_eq!(got[0].body, app.received()[0].body);
    // Re-signed in a later second, or at least a valid one.
    let secret = env
        .hooks()
        .args(["listen", "--print-secret"])
        .output()
        .unwrap();
    let secret = String::from_utf8(secret.stdout).unwrap().trim().to_string();
    let mut headers = http::HeaderMap::new();
    headers.insert("stripe-signature", fresh.parse().unwrap());
    let scheme = hooks::providers::get("stripe").unwrap().scheme;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    assert!(scheme
        .verify(&[secret], &headers, &got[0].body, now, 300)
        .is_valid());
    assert!(original.starts_with("t="));
}

#[test]
fn replay_files_are_signed_for_their_provider() {
    let env = Env::new();
    let app = Receiver::start();
    let dir = env.dir.path().join("workestra");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("contact.created.json");
    std::fs::write(&file, br#"{"type":"contact.created","id":"evt_file"}"#).unwrap();
    let listen = Listening::start(&env, &["--forward", &app.url("/"), "--format", "json"]);
    env.hooks()
        .args(["replay", file.to_str().unwrap(), "--to", &listen.url("/")])
        .assert()
        .success();
    let line: serde_json::Value =
        serde_json::from_str(&listen.lines(1, Duration::from_secs(10))[0]).unwrap();
    assert_eq!(line["provider"], "workestra");
    assert_eq!(line["verification"], "valid");
    assert_eq!(line["events"][0]["id"], "evt_file");
}

#[test]
fn watch_sends_each_save_exactly_once_and_never_on_a_read() {
    use std::io::BufRead;
    let env = Env::new();
    let app = Receiver::start();
    let dir = env.dir.path().join("payloads");
    std::fs::create_dir_all(&dir).unwrap();
    let mut child = env
        .hooks_std()
        .args([
            "replay",
            "--watch",
            dir.to_str().unwrap(),
            "--provider",
            "github",
            "--secret",
            SECRET,
            "--to",
            &app.url("/"),
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let err = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(err).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let line = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("the watcher said it is watching");
    assert!(line.starts_with("watching "), "{line}");
    // After a send (or none), the count must not move during 1.5 s of quiet.
    let settled = |sends: usize| {
        app.wait_for(sends, Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(1500));
        app.received()
    };
    let file = dir.join("event.json");
    std::fs::write(&file, br#"{"type":"a","n":1}"#).unwrap();
    assert_eq!(settled(1).len(), 1, "one save, one send");
    for _ in 0..5 {
        assert!(!std::fs::read(&file).unwrap().is_empty());
    }
    assert_eq!(settled(1).len(), 1, "reading the file sends nothing");
    std::fs::write(&file, br#"{"type":"a","n":"final"}"#).unwrap();
    assert_eq!(settled(2).len(), 2, "a second save, a second send");
    std::fs::write(&file, br#"{"type":"a","n":"final"}"#).unwrap();
    let after = settled(2);
    assert_eq!(after.len(), 2, "saving the same bytes again sends nothing");
    // Ctrl-C is a requested stop: exit 130, said without "error".
    let ok = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok);
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        assert!(
            std::time::Instant::now() < deadline,
            "replay --watch did not stop"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(code, Some(130));
    // The rest of stderr, up to its end (the process has exited).
    let mut rest = vec![];
    while let Ok(line) = rx.recv_timeout(Duration::from_secs(5)) {
        rest.push(line);
    }
    assert_eq!(rest.last().map(String::as_str), Some("stopped"), "{rest:?}");
    let last = after.last().unwrap();
    assert_eq!(last.body, br#"{"type":"a","n":"final"}"#);
    assert!(last.header("x-hub-signature-256").is_some());
}

#[test]
fn deliveries_clear_needs_yes_without_a_terminal() {
    let env = Env::new();
    let listen = Listening::start(&env, &[]);
    assert_eq!(post(&listen.url("/"), &[], b"{}".to_vec()).status, 200);
    drop(listen);
    env.hooks().args(["deliveries", "clear"]).assert().code(2);
    env.hooks()
        .args(["deliveries", "clear", "--yes"])
        .assert()
        .success();
    let list = env
        .hooks()
        .args(["deliveries", "list", "--format", "json"])
        .output()
        .unwrap();
    assert!(list.stdout.is_empty());
}

#[test]
fn replay_edits_method_path_headers_and_body_of_recorded_deliveries() {
    let env = Env::new();
    let listen = Listening::start(&env, &["--provider", "github", "--secret", SECRET]);
    let body = b"{\n  \"action\": \"opened\"\n}".to_vec();
    let answer = post(
        &listen.url("/in?q=1"),
        &[signed(&body), ("X-Old", "old".into())],
        body.clone(),
    );
    assert_eq!(answer.status, 200);
    drop(listen);
    let app = Receiver::start();
    let new_body = env.dir.path().join("new.json");
    std::fs::write(&new_body, "{\"action\":\"closed\",\"more\":true}").unwrap();
    env.hooks()
        .args(["replay", "1", "--to", &app.url("/")])
        .args([
            "--method",
            "PUT",
            "--path",
            "/edited?x=1",
            "-H",
            "X-Old: new",
        ])
        .arg("--body")
        .arg(&new_body)
        .args(["--resign", "--provider", "github", "--secret", SECRET])
        .assert()
        .success();
    let got = app.wait_for(1, Duration::from_secs(10));
    let r = &got[0];
    assert_eq!(r.method, "PUT");
    assert_eq!(r.path_and_query, "/edited?x=1");
    assert_eq!(r.header("x-old").as_deref(), Some("new"));
    assert_eq!(r.body, b"{\"action\":\"closed\",\"more\":true}");
    assert_eq!(r.header("content-length").as_deref(), Some("31"));
    let (name, value) = signed(&r.body);
    assert_eq!(
        r.header(name).as_deref(),
        Some(value.as_str()),
        "signed over the new body"
    );

    // Unedited, the recorded bytes go as they were.
    env.hooks()
        .args(["replay", "1", "--to", &app.url("/")])
        .assert()
        .success();
    let got = app.wait_for(2, Duration::from_secs(10));
    assert_eq!(got[1].body, body);
    assert_eq!(got[1].path_and_query, "/in?q=1");

    for bad in [
        &["--method", "GE T"][..],
        &["--path", "no-slash"],
        &["-H", "X-Bad: a\r\nInjected: 1"],
        &["-H", "Content-Length: 1"],
    ] {
        env.hooks()
            .args(["replay", "1", "--to", &app.url("/")])
            .args(bad)
            .assert()
            .code(2);
    }
    assert_eq!(app.received().len(), 2, "nothing refused was sent");
}
