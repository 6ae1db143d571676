//! `hooks listen --relay … --register`: a real relay, a real listener and a
//! real `hooks emulate` (its management API), all on 127.0.0.1. The webhook
//! exists while the listener runs, deliveries reach the app through the
//! relay, and the webhook is gone after the listener stops.

use crate::emulate::Emulator;
use crate::relay::{relay, RelayProc};
use crate::support::{Env, Receiver};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(60);
const KEY: &str = "emu-key-never-printed";
const EMAIL: &str = "dev@example.com";

/// A running `hooks listen`, with everything it printed; killed when dropped.
struct Listen {
    child: Child,
    stdout: Arc<Mutex<Vec<String>>>,
    stderr: Arc<Mutex<Vec<String>>>,
}

impl Listen {
    fn start(env: &Env, args: &[&str]) -> Listen {
        let mut child = env
            .hooks_std()
            .args(["listen", "--port", "0", "--no-inspect", "--format", "json"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let collect = |pipe: Box<dyn std::io::Read + Send>| {
            let lines = Arc::new(Mutex::new(Vec::new()));
            let sink = lines.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                    eprintln!("[listen] {line}");
                    sink.lock().unwrap().push(line);
                }
            });
            lines
        };
        let stdout = collect(Box::new(child.stdout.take().unwrap()));
        let stderr = collect(Box::new(child.stderr.take().unwrap()));
        Listen {
            child,
            stdout,
            stderr,
        }
    }

    /// The first stderr line containing `needle`, waiting (bounded).
    fn stderr_line(&self, needle: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(l) = self
                .stderr
                .lock()
                .unwrap()
                .iter()
                .find(|l| l.contains(needle))
            {
                return l.clone();
            }
            assert!(Instant::now() < deadline, "no stderr line with {needle:?}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The first stdout line (a delivery, as JSON), waiting (bounded).
    fn first_delivery(&self) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(l) = self.stdout.lock().unwrap().first() {
                return serde_json::from_str(l).unwrap();
            }
            assert!(Instant::now() < deadline, "no delivery printed");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn signal(&self, name: &str) {
        let ok = std::process::Command::new("kill")
            .args([&format!("-{name}"), &self.child.id().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -{name}");
    }

    /// Waits (bounded) for the exit code, then all of stderr.
    fn exit(&mut self) -> (Option<i32>, String) {
        let deadline = Instant::now() + WAIT;
        let code = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status.code();
            }
            assert!(Instant::now() < deadline, "the listener did not exit");
            std::thread::sleep(Duration::from_millis(20));
        };
        // The reader threads finish at EOF; give them a bounded moment.
        std::thread::sleep(Duration::from_millis(200));
        (code, self.stderr.lock().unwrap().join("\n"))
    }
}

impl Drop for Listen {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The emulator's management API flags for `provider`.
fn api_flags(emu: &Emulator, provider: &str) -> Vec<String> {
    let mut flags = vec!["--provider".to_string(), provider.to_string()];
    match provider {
        "webwork" => flags.extend([
            "--api-url".into(),
            emu.url("/rest-api/v1"),
            "--account-email".into(),
            EMAIL.into(),
        ]),
        _ => flags.extend(["--api-url".into(), emu.url("/api/v1")]),
    }
    flags.extend(["--api-key".into(), KEY.into()]);
    flags
}

/// `hooks list --format json` against the emulator.
fn webhooks(env: &Env, emu: &Emulator, provider: &str) -> Vec<Value> {
    let out = env
        .hooks()
        .arg("list")
        .args(api_flags(emu, provider))
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn emulator(env: &Env, provider: &str) -> Emulator {
    let dir = env.dir.path().join(format!("emu-{provider}"));
    Emulator::start(
        env,
        &[
            "--provider",
            provider,
            "--api-key",
            KEY,
            "--time-scale",
            "0.01",
            "--data-dir",
            dir.to_str().unwrap(),
        ],
    )
}

/// Starts `hooks listen --relay … --register` and returns it with the
/// registered webhook's id and URL, read from its stderr.
fn listen_registered(
    env: &Env,
    relay: &RelayProc,
    emu: &Emulator,
    provider: &str,
    extra: &[&str],
) -> (Listen, String, String) {
    let mut args: Vec<String> = vec!["--relay".into(), relay.ws(), "--register".into()];
    args.extend(api_flags(emu, provider));
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let listen = Listen::start(env, &args);
    let public = listen.stderr_line("public URL (through the relay): ");
    let public = public.rsplit(' ').next().unwrap().to_string();
    let line = listen.stderr_line(&format!("registered {provider} webhook "));
    let mut words = line
        .split_once(&format!("registered {provider} webhook "))
        .unwrap()
        .1
        .split(' ');
    let id = words.next().unwrap().to_string();
    assert_eq!(words.next(), Some("for"));
    let url = words.next().unwrap().to_string();
    assert_eq!(url, public, "the webhook points at the public URL");
    (listen, id, url)
}

#[test]
fn register_webwork_lives_while_listening_and_is_deleted_on_ctrl_c() {
    let env = Env::new();
    let app = Receiver::start();
    let relay = relay(&env, &[]);
    let emu = emulator(&env, "webwork");
    let (mut listen, id, url) = listen_registered(
        &env,
        &relay,
        &emu,
        "webwork",
        &["--event", "tracker.started", "--forward", &app.url("/app")],
    );

    let listed = webhooks(&env, &emu, "webwork");
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["id"], id.as_str());
    assert_eq!(listed[0]["url"], url.as_str());
    assert_eq!(listed[0]["events"], serde_json::json!(["tracker.started"]));

    emu.trigger("tracker.started", 1);
    let got = app.wait_for(1, WAIT);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].json()["event"], "tracker.started");
    let printed = listen.first_delivery();
    assert_eq!(printed["source"], "relay");
    assert_eq!(printed["outcome"], "forwarded");

    listen.signal("INT");
    let (code, stderr) = listen.exit();
    assert_eq!(code, Some(130), "{stderr}");
    assert!(
        stderr.contains(&format!("deleted webwork webhook {id}")),
        "{stderr}"
    );
    assert!(webhooks(&env, &emu, "webwork").is_empty());
}

/// awork authenticates deliveries with a header: the registered webhook
/// carries the listener's secret, so deliveries verify. `--exit-after`
/// ends the listener, and the webhook goes with it.
#[test]
fn register_awork_sends_the_secret_header_and_is_deleted_after_exit_after() {
    let env = Env::new();
    let app = Receiver::start();
    let relay = relay(&env, &[]);
    let emu = emulator(&env, "awork");
    let (mut listen, id, url) = listen_registered(
        &env,
        &relay,
        &emu,
        "awork",
        &[
            "--event",
            "task_changed",
            "--secret",
            "s3cret-token",
            "--exit-after",
            "1",
            "--forward",
            &app.url("/app"),
        ],
    );
    let listed = webhooks(&env, &emu, "awork");
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["id"], id.as_str());
    assert_eq!(listed[0]["url"], url.as_str());

    emu.trigger("task_changed", 1);
    let got = app.wait_for(1, WAIT);
    assert_eq!(got.len(), 1);
    assert_eq!(
        got[0].header("x-webhook-token").as_deref(),
        Some("s3cret-token")
    );
    let printed = listen.first_delivery();
    assert_eq!(printed["verification"], "valid", "{printed}");
    assert_eq!(printed["source"], "relay");

    let (code, stderr) = listen.exit();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains(&format!("deleted awork webhook {id}")),
        "{stderr}"
    );
    assert!(webhooks(&env, &emu, "awork").is_empty());
}

/// The API is gone when the listener stops: the webhook cannot be deleted,
/// so the exact cleanup command is printed (without the key) and the exit
/// status says so: 3 after SIGTERM (which otherwise exits 0).
#[test]
fn register_prints_the_cleanup_command_when_the_delete_fails() {
    let env = Env::new();
    let relay = relay(&env, &[]);
    let mut emu = emulator(&env, "webwork");
    let api = emu.url("/rest-api/v1");
    let (mut listen, id, _) = listen_registered(
        &env,
        &relay,
        &emu,
        "webwork",
        &["--event", "tracker.started"],
    );
    emu.kill();
    listen.signal("TERM");
    let (code, stderr) = listen.exit();
    assert_eq!(code, Some(3), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "hooks delete {id} --provider webwork --yes --api-url {api} --account-email {EMAIL}"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("could not delete webwork webhook"),
        "{stderr}"
    );
    assert!(!stderr.contains(KEY), "the API key was printed: {stderr}");
}

#[test]
fn register_refuses_providers_without_an_api_and_missing_events_before_starting() {
    let env = Env::new();
    let relay = format!("ws://127.0.0.1:{}", crate::support::closed_port());
    // Runs `listen --relay … EXTRA` with VARS set; it must exit 2 before
    // listening. Returns its stderr.
    let refused = |extra: &[&str], vars: &[(&str, &str)]| {
        let out = env
            .hooks()
            .args(["listen", "--port", "0", "--no-inspect", "--relay", &relay])
            .args(extra)
            .envs(vars.iter().copied())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(!stderr.contains("listening on"), "{stderr}");
        stderr
    };

    let stderr = refused(
        &[
            "--register",
            "--provider",
            "workestra",
            "--event",
            "contact.created",
        ],
        &[],
    );
    assert!(stderr.contains("Settings > API > Webhooks"), "{stderr}");

    let stderr = refused(
        &["--register", "--provider", "awork", "--api-key", "k"],
        &[],
    );
    assert!(stderr.contains("--event"), "{stderr}");

    // A malformed API version is refused when registering, before starting.
    let stderr = refused(
        &[
            "--register",
            "--provider",
            "webwork",
            "--event",
            "task.created",
        ],
        &[("HOOKS_API_VERSION", "two")],
    );
    assert!(
        stderr.contains("invalid value 'two' for --api-version (or HOOKS_API_VERSION)"),
        "{stderr}"
    );

    // --register only makes sense with a relay's public URL.
    env.hooks()
        .args([
            "listen",
            "--register",
            "--provider",
            "awork",
            "--event",
            "task_changed",
        ])
        .assert()
        .code(2);
}

/// `--fail-on-disconnect` ends the listener when the relay is gone; the
/// webhook is deleted all the same, and the exit status stays 3.
#[test]
fn register_deletes_the_webhook_when_the_relay_is_lost() {
    let env = Env::new();
    let relay = relay(&env, &[]);
    let emu = emulator(&env, "webwork");
    let (mut listen, id, _) = listen_registered(
        &env,
        &relay,
        &emu,
        "webwork",
        &["--event", "tracker.started", "--fail-on-disconnect", "1s"],
    );
    drop(relay);
    let (code, stderr) = listen.exit();
    assert_eq!(code, Some(3), "{stderr}");
    assert!(stderr.contains("--fail-on-disconnect"), "{stderr}");
    assert!(
        stderr.contains(&format!("deleted webwork webhook {id}")),
        "{stderr}"
    );
    assert!(webhooks(&env, &emu, "webwork").is_empty());
}

/// A key the API refuses: nothing is registered, and the listener stops
/// with the API's error instead of running unregistered.
#[test]
fn register_stops_the_listener_when_the_webhook_cannot_be_created() {
    let env = Env::new();
    let relay = relay(&env, &[]);
    let emu = emulator(&env, "awork");
    let mut listen = Listen::start(
        &env,
        &[
            "--relay",
            &relay.ws(),
            "--register",
            "--provider",
            "awork",
            "--event",
            "task_changed",
            "--api-url",
            &emu.url("/api/v1"),
            "--api-key",
            "wrong-key",
        ],
    );
    let (code, stderr) = listen.exit();
    // A refused key is a remote answer (exit 3), as for `hooks create`.
    assert_eq!(code, Some(3), "{stderr}");
    assert!(
        stderr.contains("--register: could not create the awork webhook"),
        "{stderr}"
    );
    assert!(webhooks(&env, &emu, "awork").is_empty());
}

/// kill -9 skips the delete: the webhook is remembered in the data dir, so
/// the next run for the same URL reuses it instead of registering a second
/// one (which would deliver every event twice), and deletes it on exit.
#[test]
fn register_after_a_kill_reuses_the_webhook_left_behind() {
    let env = Env::new();
    let app = Receiver::start();
    let relay = relay(&env, &[]);
    let emu = emulator(&env, "webwork");
    let (mut first, id, url) = listen_registered(
        &env,
        &relay,
        &emu,
        "webwork",
        &["--event", "tracker.started", "--forward", &app.url("/app")],
    );
    first.signal("KILL");
    let _ = first.exit();
    assert_eq!(webhooks(&env, &emu, "webwork").len(), 1);

    let mut args: Vec<String> = vec!["--relay".into(), relay.ws(), "--register".into()];
    args.extend(api_flags(&emu, "webwork"));
    args.extend(["--event".into(), "tracker.stopped".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut second = Listen::start(&env, &args);
    let line = second.stderr_line("reusing webwork webhook ");
    assert!(line.contains(&format!("webhook {id} for {url}")), "{line}");
    let listed = webhooks(&env, &emu, "webwork");
    assert_eq!(listed.len(), 1, "never doubled: {listed:?}");
    assert_eq!(listed[0]["id"], id.as_str());
    assert_eq!(listed[0]["events"], serde_json::json!(["tracker.stopped"]));

    second.signal("INT");
    let (code, stderr) = second.exit();
    assert_eq!(code, Some(130), "{stderr}");
    assert!(
        stderr.contains(&format!("deleted webwork webhook {id}")),
        "{stderr}"
    );
    assert!(webhooks(&env, &emu, "webwork").is_empty());
    let remembered =
        std::fs::read_to_string(env.data_dir().join("registered-webhooks.json")).unwrap();
    assert!(!remembered.contains(&id), "{remembered}");
}

/// A remembered webhook the provider no longer has (deleted by hand after
/// the crash) is forgotten: the next run registers a new one, one in all.
#[test]
fn register_forgets_a_remembered_webhook_the_provider_no_longer_has() {
    let env = Env::new();
    let relay = relay(&env, &[]);
    let emu = emulator(&env, "webwork");
    let (mut first, id, _) = listen_registered(
        &env,
        &relay,
        &emu,
        "webwork",
        &["--event", "tracker.started"],
    );
    first.signal("KILL");
    let _ = first.exit();
    env.hooks()
        .args(["delete", &id, "--yes"])
        .args(api_flags(&emu, "webwork"))
        .assert()
        .success();
    let (mut second, again, _) = listen_registered(
        &env,
        &relay,
        &emu,
        "webwork",
        &["--event", "tracker.started"],
    );
    assert_ne!(again, id, "a new webhook");
    assert_eq!(webhooks(&env, &emu, "webwork").len(), 1);
    second.signal("INT");
    let (code, stderr) = second.exit();
    assert_eq!(code, Some(130), "{stderr}");
    assert!(webhooks(&env, &emu, "webwork").is_empty());
}
