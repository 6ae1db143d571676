//! `hooks demo`: the real binary runs its listener and sample app, four
//! providers' signed events are verified and forwarded, the forged one is
//! refused, the inspector serves them, and nothing lands in the user's data
//! directory.

use crate::inspector::{http, Served};
use crate::support::Env;
use std::time::Duration;

const PROVIDERS: [&str; 4] = ["workestra", "wheniwork", "webwork", "awork"];

#[test]
fn demo_verifies_each_provider_refuses_the_forged_event_and_leaves_no_trace() {
    let env = Env::new();
    let tmp = env.dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let out = env
        .hooks()
        .args(["demo", "--exit-after", "0s"])
        .env("TMPDIR", &tmp)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    let lines: Vec<&str> = stdout.lines().collect();
    let sent: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.contains("--> "))
        .collect();
    assert_eq!(sent.len(), 5, "{stdout}");
    for (line, provider) in sent.iter().zip(PROVIDERS) {
        assert!(line.contains(&format!("✔ valid ({provider})")), "{line}");
    }
    // Sent from loopback, not from Workestra's published ranges.
    assert!(sent[0].ends_with("origin outside"), "{}", sent[0]);
    assert!(
        sent[4].contains("✘ invalid: signature mismatch in X-Workestra-Signature"),
        "{}",
        sent[4]
    );
    // Each answer line starts with its time, as in `hooks listen`.
    let answers: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.find("  <-- ").map(|i| &l[i + 2..]))
        .collect();
    assert_eq!(answers.len(), 5, "{stdout}");
    for answer in &answers[..4] {
        assert!(
            answer.starts_with("<-- [200] POST http://127.0.0.1:")
                && answer.contains("/webhooks ("),
            "{answer}"
        );
    }
    assert!(
        answers[4].starts_with("<-- [401] rejected: invalid signature, not forwarded"),
        "{}",
        answers[4]
    );
    assert!(
        stdout.contains(
            "4 signed events verified and forwarded to the app; 1 forged event refused (401)"
        ),
        "{stdout}"
    );
    assert!(
        stderr.contains("inspector on http://127.0.0.1:"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("Ctrl-C"),
        "--exit-after 0s does not wait: {stderr}"
    );
    // Its own temporary data dir, removed on exit; the user's is untouched.
    assert!(!env.data_dir().exists(), "the demo wrote to HOOKS_DATA_DIR");
    assert_eq!(
        std::fs::read_dir(&tmp).unwrap().count(),
        0,
        "the temp dir was left behind"
    );
}

#[test]
fn demo_keeps_the_inspector_up_with_its_deliveries_until_ctrl_c_then_exits_0() {
    let env = Env::new();
    let mut demo = Served::start(&env, &["demo"], false, true);
    let (status, list) = http(demo.inspector(), "GET", "/api/deliveries", &[], "");
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["total"], 5, "{list}");
    let mut seen: Vec<(String, String)> = list["deliveries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["provider"].as_str().unwrap().to_string(),
                d["verification"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    seen.sort();
    let mut expected: Vec<(String, String)> = PROVIDERS
        .iter()
        .map(|p| (p.to_string(), "valid".to_string()))
        .chain([("workestra".to_string(), "invalid".to_string())])
        .collect();
    expected.sort();
    assert_eq!(seen, expected);
    assert!(
        demo.stderr_text().contains("Ctrl-C to stop"),
        "{}",
        demo.stderr_text()
    );
    let interrupted = std::process::Command::new("kill")
        .args(["-INT", &demo.child.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupted.success());
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let code = loop {
        if let Some(status) = demo.child.try_wait().unwrap() {
            break status.code();
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the demo did not stop on Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(code, Some(0));
}
