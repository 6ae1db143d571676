//! `hooks init` (from flags, and answering its prompts at a pseudo-terminal)
//! and `hooks config show` (each setting's source, secrets never shown).

use crate::listen::Listening;
use crate::support::{Env, Receiver};
use expectrl::{Eof, Expect, Session};
use predicates::str::contains;
use serde_json::Value;
use std::time::Duration;

const SECRET: &str = "whsec_c2VjcmV0LWZvci1pbml0LXRlc3Rz";

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn init_from_flags_writes_a_private_profile_that_listen_and_send_test_use() {
    let env = Env::new();
    std::fs::remove_file(env.config_path()).unwrap();
    let app = Receiver::start();
    env.hooks()
        .args(["--no-input", "init", "--profile", "dev", "--provider"])
        .args(["workestra", "--generate-secret", "--forward"])
        .arg(app.url("/app"))
        .assert()
        .success()
        .stdout(contains("created profile 'dev' in"))
        .stderr(contains("--print-secret"));
    #[cfg(unix)]
    assert_eq!(mode(&env.config_path()), 0o600);
    let text = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(text.contains("[profiles.dev]\nprovider = \"workestra\"\nsecret = \"whsec_"));

    let listen = Listening::start(&env, &["--profile", "dev"]);
    env.hooks()
        .args(["send-test", "contact.created", "--profile", "dev", "--to"])
        .arg(listen.url("/"))
        .assert()
        .success();
    assert_eq!(app.wait_for(1, Duration::from_secs(30)).len(), 1);
    let lines = listen.lines(1, Duration::from_secs(30));
    assert!(
        lines[0].contains("contact.created") && lines[0].contains("✔ valid"),
        "{lines:?}"
    );
    // The listener checks the profile's secret, not just any.
    env.hooks()
        .args(["send-test", "contact.created", "--profile", "dev"])
        .args(["--secret", "another", "--to"])
        .arg(listen.url("/"))
        .assert()
        .code(1);
    assert_eq!(app.received().len(), 1);

    // An existing profile is kept unless --force.
    env.hooks()
        .args([
            "--no-input",
            "init",
            "--profile",
            "dev",
            "--provider",
            "github",
        ])
        .args(["--secret", "x"])
        .assert()
        .code(2)
        .stderr(contains("profile 'dev' already exists"))
        .stderr(contains("--force"));
    assert_eq!(std::fs::read_to_string(env.config_path()).unwrap(), text);
    env.hooks()
        .args([
            "--no-input",
            "init",
            "--profile",
            "dev",
            "--provider",
            "github",
        ])
        .args(["--secret", "x", "--force"])
        .assert()
        .success()
        .stdout(contains("replaced profile 'dev'"));
}

#[test]
fn init_without_a_terminal_names_the_missing_flag() {
    let env = Env::new();
    env.hooks()
        .args(["init", "--profile", "ci"])
        .assert()
        .code(2)
        .stderr(contains("no provider was given"))
        .stderr(contains("pass --provider P"));
    env.hooks()
        .args(["--no-input", "init", "--provider", "stripe"])
        .assert()
        .code(2)
        .stderr(contains("no secret was given"))
        .stderr(contains("pass --secret S or --generate-secret"));
    env.hooks()
        .args(["--no-input", "init", "--provider", "strpe", "--secret", "s"])
        .assert()
        .code(2)
        .stderr(contains("did you mean 'stripe'"));
    assert_eq!(std::fs::read_to_string(env.config_path()).unwrap(), "");
}

fn show(env: &Env, extra_env: &[(&str, &str)]) -> Vec<Value> {
    let mut cmd = env.hooks();
    cmd.args(["config", "show", "--format", "json"]);
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    let out = cmd.assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert!(!text.contains("c2VjcmV0"), "a secret was printed: {text}");
    assert!(!text.contains("key-that-stays-hidden"), "{text}");
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn setting<'a>(list: &'a [Value], key: &str) -> &'a Value {
    list.iter()
        .find(|s| s["setting"] == key)
        .unwrap_or_else(|| panic!("no {key} in {list:?}"))
}

#[test]
fn config_show_names_each_source_and_masks_secrets() {
    let env = Env::new();
    env.write_config(&format!(
        "default_profile = \"dev\"\n[profiles.dev]\nprovider = \"stripe\"\nsecret = \"{SECRET}\"\napi_key = \"key-that-stays-hidden\"\n"
    ));
    let list = show(&env, &[]);
    let provider = setting(&list, "provider");
    assert_eq!(provider["value"], "stripe");
    assert_eq!(provider["source"], "profile");
    assert!(provider["origin"]
        .as_str()
        .unwrap()
        .contains("[profiles.dev] of"));
    let secret = setting(&list, "secret");
    assert_eq!(secret["source"], "profile");
    assert_eq!(secret["value"], "whsec_… (34 chars)");
    assert_eq!(setting(&list, "api_key")["value"], "… (21 chars)");
    let to = setting(&list, "to");
    assert_eq!(to["source"], "default");
    assert_eq!(to["value"], "http://127.0.0.1:8787/");
    assert_eq!(setting(&list, "forward")["source"], "unset");
    assert_eq!(setting(&list, "config_file")["origin"], "HOOKS_CONFIG");
    assert_eq!(setting(&list, "profile")["source"], "default");

    let list = show(
        &env,
        &[
            ("HOOKS_PROVIDER", "github"),
            ("HOOKS_SECRET", "whsec_c2VjcmV0LWZyb20tZW52"),
        ],
    );
    let provider = setting(&list, "provider");
    assert_eq!(provider["value"], "github");
    assert_eq!(provider["source"], "env");
    assert_eq!(provider["origin"], "HOOKS_PROVIDER");
    assert_eq!(setting(&list, "secret")["origin"], "HOOKS_SECRET");

    // Without a profile secret, the development secret is the default.
    env.write_config("");
    let list = show(&env, &[]);
    let secret = setting(&list, "secret");
    assert_eq!(secret["source"], "default");
    assert!(secret["origin"].as_str().unwrap().contains("dev-secret"));
    assert_eq!(setting(&list, "profile")["source"], "unset");

    // The table says the same.
    env.write_config(&format!(
        "[profiles.p]\nprovider = \"awork\"\nsecret = \"{SECRET}\"\n"
    ));
    let out = env
        .hooks()
        .args(["--profile", "p", "config", "show"])
        .env("HOOKS_PROFILE", "")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(!text.contains("c2VjcmV0"), "{text}");
    let line = |key: &str| {
        text.lines()
            .find(|l| l.starts_with(&format!("{key} ")))
            .unwrap_or_else(|| panic!("no {key} in {text}"))
            .to_string()
    };
    assert!(line("profile").ends_with("flag --profile"), "{text}");
    assert!(
        line("provider").contains("provider in [profiles.p] of"),
        "{text}"
    );
    assert!(line("tolerance").contains("default"), "{text}");
}

#[test]
fn init_at_a_terminal_asks_for_each_setting() {
    let env = Env::new();
    let mut cmd = env.hooks_std();
    cmd.arg("init").env("TERM", "xterm").env_remove("CI");
    let mut session = Session::spawn(cmd).expect("hooks starts in a pty");
    session.set_expect_timeout(Some(Duration::from_secs(30)));
    let mut printed = String::new();
    let mut step = |session: &mut expectrl::session::OsSession, wait: &str, keys: &str| {
        let found = session
            .expect(wait)
            .unwrap_or_else(|e| panic!("waiting for {wait:?}: {e}; so far:\n{printed}"));
        printed.push_str(&String::from_utf8_lossy(found.as_bytes()));
        session.send(keys).unwrap();
    };
    step(&mut session, "Profile name", "team\r");
    // workestra, wheniwork, webwork, awork: three down.
    step(&mut session, "unsigned", "\x1b[B");
    step(&mut session, "> wheniwork", "\x1b[B");
    step(&mut session, "> webwork", "\x1b[B");
    step(&mut session, "> awork", "\r");
    step(&mut session, "Enter the provider's secret", "\r");
    step(&mut session, "Forward deliveries to", "not a url\r");
    step(&mut session, "invalid URL", "\x154000\r");
    step(&mut session, "awork API key", "typed-key-9\r");
    let rest = session.expect(Eof).expect("hooks exits");
    printed.push_str(&String::from_utf8_lossy(rest.as_bytes()));
    let status = format!("{:?}", session.get_process().wait().unwrap());
    assert!(status.ends_with(", 0)"), "{status}: {printed}");
    assert!(printed.contains("created profile 'team'"), "{printed}");
    assert!(
        !printed.contains("typed-key-9"),
        "the key was echoed: {printed}"
    );
    let text = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(
        text.contains("[profiles.team]\nprovider = \"awork\"\nsecret = \"whsec_"),
        "{text}"
    );
    assert!(
        text.contains("forward = \"4000\"\napi_key = \"typed-key-9\"\n"),
        "{text}"
    );
    #[cfg(unix)]
    assert_eq!(mode(&env.config_path()), 0o600);
}

/// A secret the user typed is not called generated (it used to be: the
/// note told them to print it for the provider, which gave it to them).
#[test]
fn init_with_a_typed_secret_does_not_call_it_generated() {
    let env = Env::new();
    let mut cmd = env.hooks_std();
    cmd.arg("init").env("TERM", "xterm").env_remove("CI");
    let mut session = Session::spawn(cmd).expect("hooks starts in a pty");
    session.set_expect_timeout(Some(Duration::from_secs(30)));
    for (wait, keys) in [
        ("Profile name", "typed\r"),
        ("unsigned", "\r"),
        ("Enter the provider's secret", "\x1b[B\r"),
        ("Secret", "typed-secret-123\r"),
        ("Forward deliveries to", "\r"),
    ] {
        session
            .expect(wait)
            .unwrap_or_else(|e| panic!("waiting for {wait:?}: {e}"));
        session.send(keys).unwrap();
    }
    let rest = session.expect(Eof).expect("hooks exits");
    let printed = String::from_utf8_lossy(rest.as_bytes()).into_owned();
    assert!(printed.contains("created profile 'typed'"), "{printed}");
    assert!(!printed.contains("generated"), "{printed}");
    let text = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(text.contains("secret = \"typed-secret-123\""), "{text}");
}
