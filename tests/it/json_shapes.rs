//! One shape per JSON field everywhere: every command's `--format json`
//! output, the inspector's API and the emulator's attempt log are read and
//! the shared fields checked against docs/json-output.md.

use crate::emulate::Emulator;
use crate::inspector::get;
use crate::listen::Listening;
use crate::support::{closed_port, Env, Receiver};
use serde_json::Value;
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

/// What the checks saw, so a test that saw nothing fails.
#[derive(Default, Debug)]
struct Seen {
    latencies: usize,
    null_latencies: usize,
    records: usize,
}

/// Checks every object in `value` (from `source`) against the documented
/// shapes, and returns what it found wrong.
fn check(source: &str, value: &Value, seen: &mut Seen, wrong: &mut Vec<String>) {
    let mut fail = |why: String| wrong.push(format!("{source}: {why} in {value}"));
    match value {
        Value::Object(map) => {
            if let Some(latency) = map.get("latency_ms") {
                match latency {
                    Value::Null => seen.null_latencies += 1,
                    Value::Number(n) if n.is_f64() => {
                        seen.latencies += 1;
                        let ms = n.as_f64().unwrap();
                        if ms < 0.0 || (ms * 1000.0).round() / 1000.0 != ms {
                            fail(format!(
                                "latency_ms {ms} is not ≥ 0 with at most 3 decimals"
                            ));
                        }
                    }
                    other => fail(format!("latency_ms {other} is not a float or null")),
                }
                if map.get("status") == Some(&Value::Null) && !latency.is_null() {
                    fail("latency_ms is not null although there was no answer".into());
                }
            }
            if map.contains_key("size") && !map.contains_key("utf8") {
                fail("`size` outside a body object: the field is `body_size`".into());
            }
            if let Some(size) = map.get("body_size") {
                if !size.is_u64() {
                    fail(format!("body_size {size} is not an integer"));
                }
            }
            if let Some(forward) = map.get("forward") {
                let keys: Vec<&str> = forward
                    .as_object()
                    .map(|f| f.keys().map(String::as_str).collect())
                    .unwrap_or_default();
                if !forward.is_null() && keys != ["url", "status", "latency_ms", "error"] {
                    fail(format!("forward has keys {keys:?}"));
                }
            }
            if map.contains_key("verification") && map.contains_key("outcome") {
                seen.records += 1;
                for key in [
                    "id",
                    "received_at",
                    "provider",
                    "events",
                    "body_size",
                    "forward",
                ] {
                    if !map.contains_key(key) {
                        fail(format!("a delivery record without `{key}`"));
                    }
                }
            }
            for v in map.values() {
                check(source, v, seen, wrong);
            }
        }
        Value::Array(items) => {
            for v in items {
                check(source, v, seen, wrong);
            }
        }
        _ => {}
    }
}

/// The JSON lines a command printed on stdout (any exit code).
fn json_lines(cmd: &mut assert_cmd::Command) -> Vec<Value> {
    let out = cmd.output().unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn every_commands_json_has_one_shape_per_field() {
    let env = Env::new();
    let app = Receiver::start();
    let dead = format!("http://127.0.0.1:{}/", closed_port());
    let listen = Listening::start(
        &env,
        &[
            "--format",
            "json",
            "--forward",
            &app.url("/"),
            "--forward-event",
            &format!("contact.deleted={dead}"),
            "--inspect",
            "127.0.0.1:0",
        ],
    );
    let mut outputs: Vec<(String, Value)> = vec![];
    let mut add = |source: &str, values: Vec<Value>| {
        assert!(!values.is_empty(), "{source} printed no JSON");
        outputs.extend(values.into_iter().map(|v| (source.to_string(), v)));
    };

    // send-test: answered (forwarded), answered 502 (the app is down), and
    // no answer at all.
    for (event, to) in [
        ("contact.created", listen.url("/")),
        ("contact.deleted", listen.url("/")),
        ("contact.created", dead.clone()),
    ] {
        add(
            "send-test",
            json_lines(
                env.hooks()
                    .args(["send-test", event, "--format", "json", "--to", &to]),
            ),
        );
    }
    let listened: Vec<Value> = listen
        .lines(2, WAIT)
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(listened.len(), 2);
    add("listen", listened);

    // replay: answered, and no answer.
    for to in [app.url("/"), dead.clone()] {
        add(
            "replay",
            json_lines(
                env.hooks()
                    .args(["replay", "1", "2", "--format", "json", "--to", &to]),
            ),
        );
    }
    add(
        "deliveries list",
        json_lines(env.hooks().args(["deliveries", "list", "--format", "json"])),
    );
    for id in ["1", "2"] {
        add(
            "deliveries show",
            json_lines(
                env.hooks()
                    .args(["deliveries", "show", id, "--format", "json"]),
            ),
        );
    }

    // The inspector's API.
    let deadline = Instant::now() + WAIT;
    let inspector = loop {
        let found = listen.stderr.lock().unwrap().iter().find_map(|l| {
            l.split_once("inspector on ")
                .map(|(_, url)| url.trim_end_matches('/').to_string())
        });
        match found {
            Some(url) => break url,
            None if Instant::now() > deadline => panic!("no inspector address"),
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    };
    add("inspector list", vec![get(&inspector, "/api/deliveries")]);
    for id in [1, 2] {
        add(
            "inspector detail",
            vec![get(&inspector, &format!("/api/deliveries/{id}"))],
        );
    }

    // The emulator: an attempt the app answers, and ones nobody answers.
    let emu = Emulator::start(
        &env,
        &[
            "--provider",
            "workestra",
            "--time-scale",
            "0.01",
            "--format",
            "json",
        ],
    );
    emu.create(&app.url("/emu"), &["contact"]);
    emu.create(&dead, &["contact"]);
    // After the banner, an attempt line each (and retries for the dead one).
    let deadline = Instant::now() + WAIT;
    let attempts = loop {
        let attempts: Vec<Value> = emu
            .lines(0, WAIT)
            .iter()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect();
        if attempts.len() >= 2 {
            break attempts;
        }
        assert!(Instant::now() < deadline, "{attempts:?}");
        std::thread::sleep(Duration::from_millis(20));
    };
    add("emulate", attempts);
    add(
        "emulator log",
        vec![emu.emulator_get("/_emulator/deliveries")],
    );

    // The rest, for fields they share.
    let body = env.dir.path().join("body.json");
    std::fs::write(&body, b"{}").unwrap();
    add(
        "sign",
        json_lines(
            env.hooks()
                .args([
                    "sign",
                    "--provider",
                    "github",
                    "--secret",
                    "s",
                    "--format",
                    "json",
                ])
                .arg(&body),
        ),
    );
    add(
        "verify",
        json_lines(
            env.hooks()
                .args([
                    "verify",
                    "--provider",
                    "github",
                    "--secret",
                    "s",
                    "--format",
                    "json",
                ])
                .args(["--header", "X-Hub-Signature-256: sha256=00"])
                .arg(&body),
        ),
    );
    add(
        "check",
        json_lines(env.hooks().args([
            "check",
            "--provider",
            "workestra",
            "--only",
            "genuine,forged-signature",
            "--to",
            &app.url("/check"),
            "--format",
            "json",
        ])),
    );
    add(
        "fixtures list",
        json_lines(env.hooks().args(["fixtures", "list", "--format", "json"])),
    );

    let mut seen = Seen::default();
    let mut wrong = vec![];
    for (source, value) in &outputs {
        check(source, value, &mut seen, &mut wrong);
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(
        seen.latencies >= 8 && seen.null_latencies >= 4 && seen.records >= 6,
        "{seen:?}"
    );
}
