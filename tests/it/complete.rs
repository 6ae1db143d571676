//! Dynamic completions (`COMPLETE=bash hooks -- hooks …`, what the shell
//! registration from `COMPLETE=SHELL hooks` calls): the real binary offers
//! providers, the chosen provider's events, profiles and recorded delivery ids.

use crate::listen::Listening;
use crate::support::Env;

/// The candidates bash would be offered for the last word of `line`,
/// without the flags (offered too when the word is empty).
fn candidates(env: &Env, line: &[&str]) -> Vec<String> {
    candidates_with(env, &[], line)
}

fn candidates_with(env: &Env, vars: &[(&str, &str)], line: &[&str]) -> Vec<String> {
    let out = env
        .hooks()
        .envs(vars.iter().copied())
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", (line.len() - 1).to_string())
        .env("_CLAP_IFS", "\n")
        .arg("--")
        .args(line)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|c| !c.starts_with('-'))
        .map(str::to_string)
        .collect()
}

#[test]
fn events_complete_for_the_chosen_provider() {
    let env = Env::new();
    let got = candidates(&env, &["hooks", "send-test", "contact."]);
    assert_eq!(
        got,
        ["contact.created", "contact.deleted", "contact.updated"],
        "{got:?}"
    );
    // Only the chosen provider's events, by flag, by -p, and by HOOKS_PROVIDER.
    let awork = candidates(&env, &["hooks", "send-test", "--provider", "awork", "t"]);
    assert!(awork.contains(&"task_changed".to_string()), "{awork:?}");
    assert!(!awork.contains(&"task.created".to_string()), "{awork:?}");
    let workestra = candidates(&env, &["hooks", "fixtures", "show", "-p", "workestra", "t"]);
    assert!(
        workestra.contains(&"task.created".to_string()),
        "{workestra:?}"
    );
    assert!(
        !workestra.contains(&"task_changed".to_string()),
        "{workestra:?}"
    );
    let from_env = candidates_with(
        &env,
        &[("HOOKS_PROVIDER", "wheniwork")],
        &["hooks", "fixtures", "show", "u"],
    );
    assert!(
        from_env.contains(&"users::created".to_string()),
        "{from_env:?}"
    );
    assert!(
        !from_env.contains(&"user_added".to_string()),
        "{from_env:?}"
    );
    // Repeatable comma-separated --event completes after the comma too.
    let create = candidates(
        &env,
        &[
            "hooks",
            "create",
            "-p",
            "awork",
            "--event",
            "task_changed,task_s",
        ],
    );
    assert_eq!(create, ["task_changed,task_status_changed"], "{create:?}");
}

#[test]
fn providers_profiles_and_man_pages_complete() {
    let env = Env::new();
    let got = candidates(&env, &["hooks", "listen", "--provider", "w"]);
    assert_eq!(got, ["workestra", "wheniwork", "webwork"], "{got:?}");
    let got = candidates(&env, &["hooks", "list", "--provider", ""]);
    assert!(
        got.contains(&"awork".to_string()) && got.contains(&"stripe".to_string()),
        "{got:?}"
    );
    let got = candidates(&env, &["hooks", "man", "relay-se"]);
    assert_eq!(got, ["relay-serve"], "{got:?}");
    env.write_config("[profiles.staging]\nprovider = \"awork\"\n[profiles.dev]\n");
    let got = candidates(&env, &["hooks", "send-test", "--profile", ""]);
    assert_eq!(got, ["dev", "staging"], "{got:?}");
    // The profile's provider chooses the events.
    let got = candidates(
        &env,
        &["hooks", "--profile", "staging", "send-test", "task_c"],
    );
    assert!(got.contains(&"task_changed".to_string()), "{got:?}");
    assert!(!got.contains(&"task.created".to_string()), "{got:?}");
}

#[test]
fn recorded_delivery_ids_complete_and_completing_creates_no_store() {
    let env = Env::new();
    assert_eq!(
        candidates(&env, &["hooks", "deliveries", "show", "1"]),
        Vec::<String>::new()
    );
    assert!(
        !env.data_dir().join("deliveries.db").exists(),
        "completing created the store"
    );

    let listen = Listening::start(&env, &["--provider", "workestra"]);
    env.hooks()
        .args(["send-test", "contact.created", "--to"])
        .arg(format!("http://{}/", listen.addr))
        .assert()
        .success();
    drop(listen);
    let list = env
        .hooks()
        .args(["deliveries", "list", "--format", "json"])
        .output()
        .unwrap();
    let line: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let id = line["id"].as_i64().unwrap().to_string();

    let got = candidates(&env, &["hooks", "deliveries", "show", ""]);
    assert_eq!(got, std::slice::from_ref(&id), "{got:?}");
    // replay takes ids and files.
    std::fs::write(env.dir.path().join("payload.json"), "{}").unwrap();
    let got = candidates(&env, &["hooks", "replay", ""]);
    assert!(got.contains(&id), "{got:?}");
    assert!(got.contains(&"payload.json".to_string()), "{got:?}");
}

#[test]
fn the_registration_script_calls_back_into_hooks() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish"] {
        let out = env.hooks().env("COMPLETE", shell).output().unwrap();
        assert!(out.status.success());
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(script.contains("COMPLETE="), "{shell}: {script}");
        assert!(script.contains("hooks"), "{shell}: {script}");
    }
    // In a real bash, the line the README gives: source it, press Tab.
    let bin_dir = assert_cmd::cargo::cargo_bin("hooks")
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = env
        .command("bash")
        .env("PATH", path)
        .arg("-c")
        .arg(concat!(
            "source <(COMPLETE=bash hooks); ",
            "COMP_WORDS=(hooks send-test contact.); COMP_CWORD=2; COMP_TYPE=9; ",
            "COMP_LINE='hooks send-test contact.'; COMP_POINT=${#COMP_LINE}; ",
            "_clap_complete_hooks hooks contact. send-test; printf '%s\\n' \"${COMPREPLY[@]}\""
        ))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "contact.created\ncontact.deleted\ncontact.updated\n"
    );
}
