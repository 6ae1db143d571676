//! What a new user trips over in daily use (issue 29): port shorthands,
//! the development secret in sign and verify, and the like.

use crate::support::{Env, Receiver};
use predicates::str::contains;

/// `send-test --to 3000/webhooks` is the local port 3000 and the path
/// /webhooks, as Stripe users type it; not the IPv4 address 0.0.11.184.
#[test]
fn a_port_and_a_path_is_a_local_target() {
    let env = Env::new();
    let app = Receiver::start();
    let target = format!("{}/webhooks?x=1", app.addr.port());
    env.hooks()
        .args(["send-test", "contact.created", "--to", &target])
        .assert()
        .success();
    let got = app.received();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].path_and_query, "/webhooks?x=1");
    env.hooks()
        .args([
            "init",
            "--no-input",
            "--provider",
            "workestra",
            "--generate-secret",
            "--forward",
            "3000/webhooks",
        ])
        .assert()
        .success();
    let config = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(config.contains("3000/webhooks"), "{config}");
    env.hooks()
        .args(["config", "show"])
        .assert()
        .success()
        .stdout(contains("3000/webhooks"));
}

/// With no secret anywhere, sign and verify use the development secret as
/// listen and send-test do, and say so on stderr.
#[test]
fn sign_and_verify_fall_back_to_the_development_secret() {
    let env = Env::new();
    let body = env.dir.path().join("body.json");
    std::fs::write(&body, br#"{"hello":"world"}"#).unwrap();
    let out = env
        .hooks()
        .args(["sign", "--provider", "workestra"])
        .arg(&body)
        .assert()
        .success()
        .stderr(contains("signing with the development secret in"))
        .get_output()
        .stdout
        .clone();
    let headers: Vec<String> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert!(!headers.is_empty());
    for provider in [&["--provider", "workestra"][..], &[][..]] {
        let mut verify = env.hooks();
        verify.arg("verify").args(provider);
        for h in &headers {
            verify.args(["-H", h]);
        }
        verify
            .arg(&body)
            .assert()
            .success()
            .stdout(contains("signature valid"))
            .stderr(contains("verifying with the development secret in"));
    }
    env.hooks()
        .args(["verify", "-H", "X-Workestra-Signature: sha256=00"])
        .arg(&body)
        .assert()
        .code(1)
        .stdout(contains("invalid"))
        .stderr(contains("development secret"));
    // The profile's provider is named when the verdict is invalid.
    env.write_config("[profiles.default]\nprovider = \"workestra\"\n");
    env.hooks()
        .args(["verify", "-H", "X-Workestra-Signature: sha256=00"])
        .arg(&body)
        .assert()
        .code(1)
        .stdout(contains(
            "checked as provider workestra from profile default",
        ));
}

/// Waits (bounded) for `child` to exit and returns its code and stderr.
fn exit_of(mut child: std::process::Child) -> (Option<i32>, String) {
    use std::io::Read;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            return (status.code(), err);
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the process did not exit within 20s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// A second client of the same data dir on the same channel is refused
/// before it connects, naming the holder; the first keeps the channel. Once
/// the holder is killed (-9), the channel can be taken again.
#[test]
fn a_second_relay_client_of_one_data_dir_is_refused() {
    use crate::relay::{client, relay};
    use std::process::Stdio;
    let env = Env::new();
    let app = Receiver::start();
    let relay = relay(&env, &[]);
    let forward = app.addr.to_string();
    let (mut first, url) = client(&env, &relay, &forward, &[]);
    let channel = url.rsplit('/').next().unwrap().to_string();
    for extra in [&[][..], &["--channel", channel.as_str()][..]] {
        let second = env
            .hooks_std()
            .args([
                "relay",
                "connect",
                "--relay",
                &relay.ws(),
                "--forward",
                &forward,
            ])
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (code, err) = exit_of(second);
        assert_eq!(code, Some(2), "{err}");
        assert!(
            err.contains(&format!("held by process {}", first.pid())),
            "{err}"
        );
        assert!(err.contains("--channel"), "{err}");
    }
    let listen = env
        .hooks_std()
        .args([
            "listen",
            "--port",
            "0",
            "--relay",
            &format!("{}/", relay.base()),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (code, err) = exit_of(listen);
    assert_eq!(
        code,
        Some(2),
        "another spelling of the relay is the same relay: {err}"
    );
    first.kill();
    let (_again, again) = client(&env, &relay, &forward, &[]);
    assert_eq!(again, url, "the same channel once the holder is gone");
}

/// A client whose channel a newer connection claimed (another data dir,
/// another machine) stops with exit 2 and says why, instead of taking the
/// channel back for ever.
#[test]
fn a_replaced_relay_client_stops() {
    use crate::relay::{client, relay};
    let env = Env::new();
    let other = Env::new();
    let app = Receiver::start();
    let relay = relay(&env, &[]);
    let forward = app.addr.to_string();
    let mut first = env
        .hooks_std()
        .args([
            "relay",
            "connect",
            "--relay",
            &relay.ws(),
            "--forward",
            &forward,
        ])
        .args(["--channel", "shared"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::BufRead;
        let mut line = String::new();
        std::io::BufReader::new(first.stdout.as_mut().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert!(line.ends_with("/c/shared\n"), "{line}");
    }
    let (_second, url) = client(&other, &relay, &forward, &["--channel", "shared"]);
    assert!(url.ends_with("/c/shared"));
    let (code, err) = exit_of(first);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("relay: stopped, a newer connection claimed this channel"),
        "{err}"
    );
    assert_eq!(
        err.matches("relay: connected").count(),
        1,
        "no reconnect: {err}"
    );
}

/// README's CI example, as written there (on a free port instead of 8787,
/// which the profile's `to` points send-test at), run 20 times: the
/// listener gets its delivery every time, never `Connection refused`.
#[test]
fn the_readme_ci_example_never_races() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let block = readme
        .split("# CI: wait for one delivery, as JSON\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("README has the CI example");
    let port = crate::support::closed_port();
    let script = block.replace("--port 8787", &format!("--port {port}"));
    assert!(script.contains(&format!("--port {port}")), "{script}");
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.default]\nto = \"http://127.0.0.1:{port}/\"\n"
    ));
    let bin = assert_cmd::cargo::cargo_bin("hooks");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for run in 0..20 {
        let out = env
            .command("timeout")
            .args(["60", "sh", "-ec", &script])
            .env("PATH", &path)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "run {run}: {stderr}");
        let json = std::fs::read_to_string(env.dir.path().join("out.json")).unwrap();
        let delivery: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
        assert_eq!(delivery["verification"], "valid", "run {run}: {json}");
    }
}

/// `listen --ready-file` appears once the listener accepts connections,
/// holding its URL, and is gone after it exits.
#[test]
fn the_ready_file_holds_the_url_while_listening() {
    let env = Env::new();
    let ready = env.dir.path().join("ready");
    std::fs::write(&ready, "stale").unwrap();
    let mut listen = env
        .hooks_std()
        .args(["listen", "--port", "0", "--no-inspect", "--exit-after", "1"])
        .arg("--ready-file")
        .arg(&ready)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let url = loop {
        let text = std::fs::read_to_string(&ready).unwrap_or_default();
        if text.ends_with('\n') {
            break text.trim().to_string();
        }
        assert!(std::time::Instant::now() < deadline, "no ready file");
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    env.hooks()
        .args(["send-test", "contact.created", "--to", &url])
        .assert()
        .success();
    let (code, _) = {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            if let Some(s) = listen.try_wait().unwrap() {
                break (s.code(), ());
            }
            assert!(std::time::Instant::now() < deadline, "listen did not exit");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    };
    assert_eq!(code, Some(0));
    assert!(!ready.exists(), "the ready file is removed on exit");
}

/// `send-test --wait` retries while nothing listens, and says so when
/// nothing came up in time (exit 3).
#[test]
fn send_test_wait_gives_up_with_a_clear_error() {
    let env = Env::new();
    let port = crate::support::closed_port();
    let started = std::time::Instant::now();
    env.hooks()
        .args(["send-test", "contact.created", "--wait", "500ms", "--to"])
        .arg(port.to_string())
        .assert()
        .code(3)
        .stderr(contains("within --wait 500ms"));
    assert!(started.elapsed() >= std::time::Duration::from_millis(500));
}

/// A default profile's provider and forward are named in the ready lines,
/// a delivery refused for the profile's provider says so, `--no-forward`
/// turns the profile's forward off for one run and `--no-profile` the whole
/// profile; `--forward ''` is refused pointing at `--no-forward`.
#[test]
fn what_a_profile_supplies_is_named_and_can_be_turned_off() {
    use crate::listen::{post, Listening};
    use std::time::Duration;
    let env = Env::new();
    let app = Receiver::start();
    env.write_config(&format!(
        "[profiles.default]\nprovider = \"workestra\"\nforward = \"{}\"\n",
        app.url("/app")
    ));
    let mut listen = Listening::start(&env, &["--no-inspect", "--format", "json"]);
    let stderr = ready_lines(&listen);
    assert!(
        stderr.contains("from profile default (")
            && stderr.contains("provider workestra, forward http://127.0.0.1:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--no-forward turns its forward off"),
        "{stderr}"
    );
    // A WebWork delivery (unsigned) checked as Workestra's.
    let answer = post(
        &listen.url("/"),
        &[],
        br#"{"event":"tracker.started"}"#.to_vec(),
    );
    assert_eq!(answer.status, 401);
    let body = String::from_utf8_lossy(&answer.body).to_string();
    assert!(
        body.contains("missing header X-Workestra-Signature")
            && body.contains("provider workestra from profile default"),
        "{body}"
    );
    let printed = listen.lines(1, Duration::from_secs(20));
    assert!(printed[0].contains("--no-profile"), "{printed:?}");
    listen.signal("TERM");
    listen.wait_exit(Duration::from_secs(20));

    let mut listen = Listening::start(&env, &["--no-inspect", "--no-forward"]);
    let stderr = ready_lines(&listen);
    assert!(stderr.contains("no --forward"), "{stderr}");
    assert!(!stderr.contains("forward http://"), "{stderr}");
    listen.signal("TERM");
    listen.wait_exit(Duration::from_secs(20));
    assert!(app.received().is_empty(), "nothing was forwarded");

    let mut listen = Listening::start(&env, &["--no-inspect", "--no-profile"]);
    let stderr = ready_lines(&listen);
    assert!(!stderr.contains("profile"), "{stderr}");
    assert!(
        stderr.contains("whichever provider's signature header"),
        "{stderr}"
    );
    listen.signal("TERM");
    listen.wait_exit(Duration::from_secs(20));

    let shown = env
        .hooks()
        .env("HOOKS_PROFILE", "default")
        .args(["config", "show", "--no-profile", "--format", "json"])
        .output()
        .unwrap();
    let shown = String::from_utf8(shown.stdout).unwrap();
    let mut checked = 0;
    for line in shown.lines() {
        let setting: serde_json::Value = serde_json::from_str(line).unwrap();
        if ["profile", "provider", "forward"].contains(&setting["setting"].as_str().unwrap()) {
            assert_eq!(setting["source"], "unset", "{line}");
            checked += 1;
        }
    }
    assert_eq!(checked, 3, "{shown}");
    env.hooks()
        .args(["listen", "--port", "0", "--forward", ""])
        .assert()
        .code(2)
        .stderr(contains("--no-forward"));
}

/// The listener's ready lines, once the last one (`recording to …`) is in
/// (bounded).
fn ready_lines(listen: &crate::listen::Listening) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let text = listen.stderr.lock().unwrap().join("\n");
        if text.contains("recording to") || std::time::Instant::now() > deadline {
            return text;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// `ws://H:P`, `http://H:P/` and `ws://H:P/` name one relay: the channel the
/// data dir got is reused whichever way the relay is written, so the public
/// URL stays the same.
#[test]
fn one_relay_written_three_ways_gives_one_public_url() {
    use crate::relay::{relay, spawn};
    let env = Env::new();
    let app = Receiver::start();
    let relay = relay(&env, &[]);
    let base = relay.base();
    let spellings = [relay.ws(), format!("{base}/"), format!("{}/", relay.ws())];
    let mut urls = Vec::new();
    for spelling in &spellings {
        let mut cmd = env.hooks_std();
        cmd.args(["relay", "connect", "--relay", spelling, "--forward"])
            .arg(app.addr.to_string());
        let mut proc = spawn(cmd);
        urls.push(proc.next_line());
        proc.kill();
    }
    assert!(urls.iter().all(|u| *u == urls[0]), "{urls:?}");
}
