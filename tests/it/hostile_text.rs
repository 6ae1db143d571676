//! Issue 28: hostile text on the terminal. An event type or id, a path, a
//! header value or a body holding ESC sequences, CR, LF, NUL or a bidi
//! override is shown quoted (`\e`, `\r`, `\u{202e}`) by `hooks listen`,
//! `deliveries list` and `deliveries show`, and a channel name in a relay
//! HELLO cannot forge the relay's log lines. JSON output stays JSON.

use crate::support::Env;
use std::io::{BufRead, BufReader, Read};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Every hostile form at once: a CSI that clears the screen, an OSC that
/// sets the window title, CR and LF that start a forged line, NUL, a C1
/// CSI and a right-to-left override.
const TYPE: &str =
    "deal.lost\r\n12:00:00  --> deal.won [evt_1] \u{2714} valid\u{1b}[2J\u{1b}]0;pwned\u{7}";
const ID: &str = "evt_\u{0}\u{202e}1\u{9b}31m";

/// Fails when `text` holds a character that acts on a terminal.
fn assert_inert(text: &str, what: &str) {
    for bad in ['\u{1b}', '\r', '\0', '\u{7}', '\u{202e}', '\u{9b}'] {
        assert!(!text.contains(bad), "{what} holds {bad:?} raw:\n{text:?}");
    }
    assert!(
        !text.lines().any(|l| l.starts_with("12:00:00  -->")),
        "{what} has a forged line:\n{text}"
    );
}

#[test]
fn hostile_event_fields_are_quoted_by_listen_and_deliveries() {
    let env = Env::new();
    let mut child = env
        .hooks_std()
        .args(["listen", "--port", "0", "--no-inspect", "--print", "all"])
        .args(["--exit-after", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let deadline = Instant::now() + Duration::from_secs(30);
    let url = loop {
        let mut line = String::new();
        assert!(stderr.read_line(&mut line).unwrap() > 0 && Instant::now() < deadline);
        if let Some(rest) = line.trim().strip_prefix("hooks listening on ") {
            break rest.trim_end_matches('/').to_string();
        }
    };
    let body = serde_json::json!({"type": TYPE, "id": ID, "data": {"note": TYPE}}).to_string();
    // Raw bytes: curl would percent-encode the override in the path.
    let addr = url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    let request = format!(
        "POST /hook\u{202e}txt HTTP/1.1\r\nHost: {addr}\r\nX-Note: \u{202e}gpj.exe\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    std::io::Write::write_all(&mut stream, request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    child.wait().unwrap();
    assert_inert(&out, "hooks listen");
    assert!(out.contains("\\r\\n12:00:00  --> deal.won"), "{out}");
    assert!(out.contains("\\e[2J\\e]0;pwned\\x07"), "{out}");
    assert!(out.contains("evt_\\0\\u{202e}1\\u{9b}31m"), "{out}");
    assert!(out.contains("\\u{202e}gpj.exe"), "the header value: {out}");

    let list = env.hooks().args(["deliveries", "list"]).output().unwrap();
    let list = String::from_utf8_lossy(&list.stdout);
    assert_inert(&list, "deliveries list");
    assert!(list.contains("deal.lost\\r\\n"), "{list}");
    let show = env
        .hooks()
        .args(["deliveries", "show", "1", "--body"])
        .output()
        .unwrap();
    let show = String::from_utf8_lossy(&show.stdout);
    assert_inert(&show, "deliveries show");
    assert!(
        show.contains("\\u{202e}gpj.exe") && show.contains("/hook\\u{202e}txt"),
        "{show}"
    );

    // JSON stays JSON: the exact strings come back.
    let json = env
        .hooks()
        .args(["deliveries", "list", "--format", "json"])
        .output()
        .unwrap();
    let line: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(line["events"][0]["type"], TYPE, "{line}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hostile_channel_name_in_hello_cannot_forge_relay_log_lines() {
    let env = Env::new();
    let relay = crate::relay::relay(&env, &[]);
    let channel = "x\nrelay: channel admin connected (alice)\u{1b}[2J\u{202e}\r\0";
    let (_tx, _rx, answer) = crate::relay::raw(&relay, "", channel).await;
    assert!(format!("{answer:?}").contains("GoAway"), "{answer:?}");
    let line = relay.stderr_line("refused a client");
    assert!(
        line.contains("x\\nrelay: channel admin connected (alice)\\e[2J\\u{202e}\\r\\0"),
        "the whole name, quoted, on one line: {line:?}"
    );
    assert_inert(&line, "the relay's log");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_queued_request_with_a_hostile_path_is_quoted_by_queue_list() {
    let env = Env::new();
    let relay = crate::relay::relay(&env, &[]);
    let claimed = crate::relay::raw(&relay, "", "q1").await;
    drop(claimed);
    let addr = relay.base().trim_start_matches("http://").to_string();
    let mut queued = false;
    for _ in 0..100 {
        let mut stream = std::net::TcpStream::connect(&addr).unwrap();
        let request = format!(
            "POST /c/q1/x\u{202e}txt.exe HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi"
        );
        std::io::Write::write_all(&mut stream, request.as_bytes()).unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        if answer.starts_with("HTTP/1.1 202") {
            queued = true;
            break;
        }
        // The client's connection is still being closed.
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(queued, "the request was queued");
    let out = env
        .hooks()
        .args(["relay", "queue", "list", "--data-dir"])
        .arg(env.data_dir().join("relay"))
        .output()
        .unwrap();
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_inert(&list, "relay queue list");
    assert!(list.contains("/x\\u{202e}txt.exe"), "{list}");
}
