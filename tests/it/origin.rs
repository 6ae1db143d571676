//! Where a delivery came from: the origin verdict against the provider's
//! published ranges, and `hooks listen --allow-from`, with the real binary.

use crate::inspector::get;
use crate::listen::{post, Listening};
use crate::support::{Env, Receiver};
use serde_json::Value;
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

fn json_line(listen: &Listening) -> Value {
    let lines = listen.lines(1, WAIT);
    assert_eq!(lines.len(), 1, "{lines:?}");
    serde_json::from_str(&lines[0]).unwrap()
}

fn stderr_text(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_caller_outside_allow_from_gets_403_and_the_app_never_sees_it() {
    let env = Env::new();
    let app = Receiver::start();
    let mut listen = Listening::start(
        &env,
        &[
            "--provider",
            "workestra",
            "--forward",
            &app.url("/"),
            "--allow-from",
            "10.0.0.0/8",
            "--format",
            "json",
            "--exit-after",
            "1",
            "--no-inspect",
        ],
    );
    let answer = post(
        &listen.url("/"),
        &[],
        br#"{"type":"contact.created"}"#.to_vec(),
    );
    assert_eq!(answer.status, 403);
    let body = String::from_utf8(answer.body).unwrap();
    assert!(
        body.starts_with("hooks: deliveries from 127.0.0.1 are not accepted here (--allow-from)"),
        "{body}"
    );
    assert!(!body.contains("10.0.0.0"), "the list is not told: {body}");
    assert_eq!(listen.wait_exit(WAIT), Some(0));
    assert!(
        listen
            .stderr
            .lock()
            .unwrap()
            .iter()
            .any(|l| l.contains("only from 10.0.0.0/8 (--allow-from)")),
        "the ready lines say who is accepted"
    );
    let line = json_line(&listen);
    assert_eq!(line["outcome"], "forbidden");
    assert_eq!(line["status"], 403);
    assert_eq!(line["forward"], Value::Null);
    std::thread::sleep(Duration::from_millis(200));
    assert!(app.received().is_empty(), "the app saw a refused delivery");

    let out = env
        .hooks()
        .args(["deliveries", "list", "--format", "json"])
        .output()
        .unwrap();
    let recorded: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(recorded["outcome"], "forbidden");
    assert_eq!(recorded["status"], 403);
}

#[test]
fn a_caller_inside_allow_from_is_forwarded() {
    let env = Env::new();
    let app = Receiver::start();
    let mut listen = Listening::start(
        &env,
        &[
            "--provider",
            "workestra",
            "--forward",
            &app.url("/"),
            "--allow-from",
            "10.0.0.0/8, 127.0.0.1",
            "--format",
            "json",
            "--exit-after",
            "1",
            "--no-inspect",
        ],
    );
    env.hooks()
        .args(["send-test", "contact.created", "--provider", "workestra"])
        .args(["--to", &listen.url("/")])
        .assert()
        .success();
    assert_eq!(listen.wait_exit(WAIT), Some(0));
    let line = json_line(&listen);
    assert_eq!(line["outcome"], "forwarded");
    assert_eq!(line["verification"], "valid");
    assert_eq!(app.received().len(), 1);
}

/// A Workestra delivery from 127.0.0.1 is outside Workestra's published
/// ranges: `listen` says so in its JSON line and pretty line, and the store,
/// `deliveries list|show` and the inspector keep the verdict. A provider
/// without published ranges gets none.
#[test]
fn the_origin_verdict_is_shown_recorded_and_served() {
    let env = Env::new();
    let listen = Listening::start(&env, &["--format", "json", "--inspect", "127.0.0.1:0"]);
    for (provider, event) in [
        ("workestra", "contact.created"),
        ("webwork", "tracker.started"),
    ] {
        env.hooks()
            .args(["send-test", event, "--provider", provider])
            .args(["--to", &listen.url("/")])
            .assert()
            .success();
    }
    let inspector = {
        let deadline = Instant::now() + WAIT;
        loop {
            let found = listen.stderr.lock().unwrap().iter().find_map(|l| {
                l.split_once("inspector on ")
                    .map(|(_, url)| url.trim_end_matches('/').to_string())
            });
            match found {
                Some(url) => break url,
                None if Instant::now() > deadline => panic!("no inspector address"),
                None => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    };
    let lines: Vec<Value> = listen
        .lines(2, WAIT)
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["provider"], "workestra");
    assert_eq!(lines[0]["origin"], "outside");
    assert_eq!(lines[1]["origin"], Value::Null, "{}", lines[1]);
    assert!(lines[1].as_object().unwrap().contains_key("origin"));

    let listed = get(&inspector, "/api/deliveries");
    let detail = get(&inspector, "/api/deliveries/1");
    drop(listen);

    assert_eq!(detail["origin"], "outside");
    let origins: Vec<&Value> = listed["deliveries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["origin"])
        .collect();
    assert!(origins.contains(&&Value::from("outside")), "{listed}");

    let show = env
        .hooks()
        .args(["deliveries", "show", "1", "--format", "json"])
        .output()
        .unwrap();
    let shown: Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(shown["origin"], "outside");
    let pretty = env
        .hooks()
        .args(["deliveries", "show", "1"])
        .output()
        .unwrap();
    let pretty = String::from_utf8(pretty.stdout).unwrap();
    assert!(pretty.contains("origin     outside"), "{pretty}");

    // The pretty line says it beside the signature verdict.
    let mut listen = Listening::start(&env, &["--exit-after", "1", "--no-inspect"]);
    env.hooks()
        .args(["send-test", "contact.created", "--provider", "workestra"])
        .args(["--to", &listen.url("/")])
        .assert()
        .success();
    assert_eq!(listen.wait_exit(WAIT), Some(0));
    let arrow = listen
        .lines(2, WAIT)
        .into_iter()
        .find(|l| l.contains("-->"))
        .unwrap();
    assert!(
        arrow.contains("valid (workestra) origin outside"),
        "{arrow}"
    );
}

#[test]
fn a_bad_allow_from_exits_2_naming_the_flag_and_the_item() {
    let env = Env::new();
    let out = env
        .hooks()
        .args([
            "listen",
            "--port",
            "0",
            "--allow-from",
            "10.0.0.0/8,nonsense",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_text(&out);
    assert!(
        err.contains("bad --allow-from: 'nonsense' is not an address, a CIDR"),
        "{err}"
    );

    env.write_config("[profiles.default]\nallow_from = \"10.0.0.0/33\"\n");
    let out = env
        .hooks()
        .args(["listen", "--port", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_text(&out);
    assert!(
        err.contains("bad allow_from in [profiles.default]") && err.contains("'10.0.0.0/33'"),
        "{err}"
    );
}

#[test]
fn a_hostile_allow_from_is_never_echoed_raw() {
    let env = Env::new();
    let out = env
        .hooks()
        .args([
            "listen",
            "--port",
            "0",
            "--allow-from",
            "10.0.0.0/8,\u{1b}[2J\u{1b}]0;owned\u{7}",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_text(&out);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(
        err.contains("--allow-from") && err.contains("\\u{1b}[2J"),
        "{err}"
    );
}
