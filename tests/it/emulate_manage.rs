//! `hooks create/list/update/delete/logs` against `hooks emulate` for
//! providers without a public management API (`--api-url …/_emulator`),
//! the ready-to-run command in the emulator's banner, and the refusal that
//! stays for the real providers.

use crate::support::{Env, Receiver};
use serde_json::Value;
use std::io::BufRead;
use std::process::{Child, Stdio};
use std::time::Duration;

/// A running emulator and its banner; killed when dropped.
struct Running {
    child: Child,
    base: String,
    manage: String,
}

impl Running {
    fn start(env: &Env, provider: &str) -> Running {
        let mut child = env
            .hooks_std()
            .args(["emulate", "--provider", provider, "--port", "0"])
            .args(["--time-scale", "0.01"])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("hooks emulate starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let _ = tx.send(line);
            }
        });
        let mut base = None;
        let manage = loop {
            let line = rx
                .recv_timeout(Duration::from_secs(30))
                .expect("the emulator prints its banner");
            if let Some(b) = line.strip_prefix("listening on ") {
                base = Some(b.to_string());
            }
            if let Some(m) = line.strip_prefix("manage:") {
                break m.trim().to_string();
            }
        };
        Running {
            child,
            base: base.expect("listening on comes first"),
            manage,
        }
    }

    fn api(&self) -> String {
        format!("{}/_emulator", self.base)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn json_lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Runs the banner's command as printed (its words; none needs quoting).
fn run_banner_command(env: &Env, emu: &Running) -> Vec<Value> {
    let words: Vec<&str> = emu.manage.split_whitespace().collect();
    assert_eq!(words[..2], ["hooks", "create"], "{}", emu.manage);
    let out = env
        .hooks()
        .args(&words[1..])
        .args(["--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    json_lines(&out)
}

#[test]
fn workestra_and_wheniwork_webhooks_are_managed_through_the_emulator() {
    for (provider, event) in [
        ("workestra", "contact.created"),
        ("wheniwork", "users::created"),
    ] {
        let env = Env::new();
        let emu = Running::start(&env, provider);
        assert!(
            emu.manage.contains(&format!("--api-url {}", emu.api())),
            "{}",
            emu.manage
        );
        let created = run_banner_command(&env, &emu);
        assert_eq!(created[0]["provider"], provider);
        assert_eq!(created[0]["events"][0], event);
        let id = created[0]["id"].as_str().unwrap().to_string();

        let api = ["--provider", provider, "--api-url", &emu.api()];
        let app = Receiver::start();
        env.hooks()
            .arg("create")
            .args(api)
            .args(["--url", &app.url("/in"), "--event", event])
            .assert()
            .success();
        let out = env
            .hooks()
            .arg("list")
            .args(api)
            .args(["--format", "json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let listed = json_lines(&out);
        assert_eq!(listed.len(), 2, "{listed:?}");
        assert_eq!(listed[1]["url"], app.url("/in"));

        env.hooks()
            .args(["update", &id])
            .args(api)
            .arg("--inactive")
            .assert()
            .success();
        let out = env
            .hooks()
            .args(["get", &id])
            .args(api)
            .args(["--format", "json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert_eq!(json_lines(&out)[0]["active"], false);

        // A triggered event reaches the second webhook, and its log says so.
        env.hooks()
            .args(["emulate", "trigger", event, "--api-url", &emu.base])
            .assert()
            .success();
        // Workestra sends endpoint.verify to a new webhook first.
        let expected = if provider == "workestra" { 2 } else { 1 };
        let got = app.wait_for(expected, Duration::from_secs(30));
        assert_eq!(got.len(), expected);
        assert!(String::from_utf8_lossy(&got[expected - 1].body).contains(event));
        let second = listed[1]["id"].as_str().unwrap();
        let out = env
            .hooks()
            .args(["logs", second])
            .args(api)
            .args(["--format", "json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let log = json_lines(&out);
        assert!(log.iter().any(|l| l["success"] == true), "{log:?}");

        env.hooks()
            .args(["delete", &id, "--yes"])
            .args(api)
            .assert()
            .success();
        let out = env
            .hooks()
            .arg("list")
            .args(api)
            .args(["--format", "json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert_eq!(json_lines(&out).len(), 1);
    }
}

#[test]
fn the_banner_command_of_awork_uses_its_own_api() {
    let env = Env::new();
    let emu = Running::start(&env, "awork");
    assert!(
        emu.manage
            .contains(&format!("--api-url {}/api/v1 --api-key emu_", emu.base)),
        "{}",
        emu.manage
    );
    let created = run_banner_command(&env, &emu);
    assert_eq!(created[0]["provider"], "awork");
}

#[test]
fn outside_the_emulator_the_refusal_stays() {
    let env = Env::new();
    let emu = Running::start(&env, "workestra");
    for api_url in [None, Some(emu.base.clone())] {
        let mut cmd = env.hooks();
        cmd.args(["list", "--provider", "workestra"]);
        if let Some(url) = &api_url {
            cmd.args(["--api-url", url]);
        }
        let out = cmd.assert().code(2).get_output().stderr.clone();
        let text = String::from_utf8_lossy(&out);
        assert!(
            text.contains("hooks cannot manage Workestra webhooks"),
            "{text}"
        );
        assert!(
            text.contains("pass --api-url http://127.0.0.1:PORT/_emulator"),
            "{text}"
        );
    }
}
