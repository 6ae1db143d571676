//! The inspector in a real browser: Debian's headless Chromium driven by
//! Playwright (`playwright-core`, no downloaded browser) from
//! tests/browser/inspector.mjs, against the real `hooks listen` and a
//! target app on 127.0.0.1. Screenshots go to tests/artifacts/.

use crate::inspector::{get, populate, split_url, Served};
use crate::support::{Env, Receiver};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const INSTALL: &str = "apt-get install -y chromium && npm ci --prefix tests/browser";

fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

/// Fails (never skips) when the browser or the driver is missing: CI
/// installs both.
fn require_tools() {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| CHROMIUM.to_string());
    assert!(
        Path::new(&chromium).is_file(),
        "the browser tests need Chromium at {chromium}: run `{INSTALL}`"
    );
    assert!(
        browser_dir()
            .join("node_modules/playwright-core/package.json")
            .is_file(),
        "the browser tests need playwright-core in tests/browser/node_modules: run `{INSTALL}`"
    );
    let node = Command::new("node").arg("--version").output();
    assert!(
        node.is_ok_and(|o| o.status.success()),
        "the browser tests need Node.js 18 or newer on PATH (apt-get install -y nodejs npm), then `{INSTALL}`"
    );
}

#[test]
fn inspector_in_headless_chromium() {
    require_tools();
    let env = Env::new();
    let app = Receiver::start();
    let served = Served::listen(&env, &["--forward", &app.url("/app")]);
    let artifacts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let listen = served.listen.clone().unwrap();
    run_script(&env, &served, &artifacts, &[("LISTEN_URL", &listen)]);

    // The app got the original, the replay (same bytes), the edited
    // replay and the <script> delivery; nothing from the foreign page;
    // then the `@` body and the same bytes again from the copied curl
    // command (not the file the `@` names), with the real token.
    let got = app.wait_for(6, Duration::from_secs(10));
    assert_eq!(got.len(), 6, "{got:#?}");
    for sent in &got[4..] {
        assert_eq!(sent.body, b"@/etc/hostname");
        assert_eq!(
            sent.header("authorization").as_deref(),
            Some("Bearer tok_browser_secret")
        );
    }
    assert_eq!(got[0].body, got[1].body);
    assert!(String::from_utf8_lossy(&got[2].body).contains("\"Edited\""));
    let replay = get(served.inspector(), "/api/deliveries/2");
    assert_eq!(replay["replay_of"], 1);
    assert_eq!(replay["attempts"][0]["status"], 200);
    for shot in ["inspector-list.png", "inspector-detail.png"] {
        assert!(artifacts.join(shot).is_file(), "{shot} was saved");
    }
}

#[test]
fn ten_thousand_deliveries_in_chromium() {
    require_tools();
    let env = Env::new();
    populate(&env, 10_000);
    let served = Served::start(&env, &["inspect", "--port", "0"], false, true);
    let artifacts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let stdout = run_script(&env, &served, &artifacts, &[("MODE", "many")]);
    // The script prints how long the page took; shown with --nocapture.
    println!("{stdout}");
}

/// Runs tests/browser/inspector.mjs against `served` (bounded in time) and
/// returns its output; fails with everything it and hooks said.
fn run_script(env: &Env, served: &Served, artifacts: &Path, vars: &[(&str, &str)]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let (addr, token) = split_url(served.inspector());
    let mut node = Command::new("node");
    node.arg(browser_dir().join("inspector.mjs"))
        .env("INSPECTOR_URL", format!("http://{addr}"))
        .env("INSPECTOR_OPEN", served.inspector())
        .env(
            "INSPECTOR_TOKEN",
            token.expect("the inspector URL has a token"),
        )
        .env("HOOKS_BIN", assert_cmd::cargo::cargo_bin("hooks"))
        .env("ARTIFACTS", artifacts)
        .env("USER_DATA_DIR", profile.path())
        .env("HOOKS_DATA_DIR", env.data_dir())
        .env("HOOKS_CONFIG", env.config_path())
        .env("NO_COLOR", "1")
        .envs(vars.iter().copied())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = node.spawn().expect("node runs");
    let deadline = Instant::now() + Duration::from_secs(180);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the browser script failed ({}):\n{stdout}\n{stderr}\nhooks:\n{}",
        out.status,
        served.stderr_text()
    );
    assert!(stdout.contains("\"ok\":true"), "{stdout}");
    stdout
}
