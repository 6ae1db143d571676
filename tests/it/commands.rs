use crate::support::Env;
use predicates::prelude::*;
use predicates::str::contains;

#[test]
fn sign_then_verify_round_trips_for_every_scheme() {
    let env = Env::new();
    let body = env.dir.path().join("body.json");
    std::fs::write(&body, br#"{"hello":"world"}"#).unwrap();
    for (provider, secret) in [
        ("standard", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
        ("github", "s"),
        ("stripe", "whsec_abc"),
        ("shopify", "s"),
        ("slack", "s"),
        ("hmac", "s"),
        ("header", "X-Key=v"),
        ("workestra", "s"),
        ("wheniwork", "s"),
        ("awork", "tok"),
    ] {
        let out = env
            .hooks()
            .args(["sign", "--provider", provider, "--secret", secret])
            .arg(&body)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let lines: Vec<String> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        assert!(!lines.is_empty(), "{provider} printed no headers");
        let mut verify = env.hooks();
        verify.args(["verify", "--provider", provider, "--secret", secret]);
        for l in &lines {
            verify.args(["--header", l]);
        }
        verify
            .arg(&body)
            .assert()
            .success()
            .stdout(contains("valid"));

        let altered = env.dir.path().join("altered.json");
        std::fs::write(&altered, br#"{"hello":"World"}"#).unwrap();
        let mut verify = env.hooks();
        verify.args(["verify", "--provider", provider, "--secret", secret]);
        for l in &lines {
            verify.args(["--header", l]);
        }
        let expected = if provider == "header" || provider == "awork" {
            0
        } else {
            1
        };
        verify.arg(&altered).assert().code(expected);
    }
}

#[test]
fn sign_prints_well_formed_headers_or_says_it_sends_none_for_every_provider() {
    let env = Env::new();
    let body = env.dir.path().join("body.json");
    std::fs::write(&body, br#"{"hello":"world"}"#).unwrap();
    // A secret every scheme accepts, ending in base64 padding.
    let secret = "whsec_dGVzdHNlY3JldA==";
    for provider in hooks::providers::all() {
        let name = provider.name;
        let run = |format: &str| {
            env.hooks()
                .args([
                    "sign",
                    "--provider",
                    name,
                    "--secret",
                    secret,
                    "--format",
                    format,
                ])
                .arg(&body)
                .output()
                .unwrap()
        };
        let text = run("text");
        assert_eq!(text.status.code(), Some(0), "{name}: {text:?}");
        let stdout = String::from_utf8(text.stdout).unwrap();
        let stderr = String::from_utf8(text.stderr).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&run("json").stdout).unwrap();
        if !provider.scheme.is_signed() {
            assert!(stdout.is_empty(), "{name}: {stdout}");
            assert!(
                stderr.contains(&format!("{name} sends no signature headers")),
                "{name}: {stderr}"
            );
            assert_eq!(json, serde_json::json!({}), "{name}");
            continue;
        }
        assert!(!stdout.is_empty(), "{name} printed no headers");
        let mut verify = env.hooks();
        verify.args(["verify", "--provider", name, "--secret", secret]);
        for line in stdout.lines() {
            let (header, value) = line
                .split_once(": ")
                .unwrap_or_else(|| panic!("{name}: {line}"));
            assert!(
                http::HeaderName::from_bytes(header.as_bytes()).is_ok(),
                "{name}: {line}"
            );
            assert!(!value.trim_start_matches('=').is_empty(), "{name}: {line}");
            assert!(json[header].is_string(), "{name}: {json}");
            verify.args(["--header", line]);
        }
        verify
            .arg(&body)
            .assert()
            .success()
            .stdout(contains("valid"));
    }
}

#[test]
fn verify_detects_the_scheme_and_reports_its_verdict_once() {
    let env = Env::new();
    let body = env.dir.path().join("body.json");
    std::fs::write(&body, br#"{"hello":"world"}"#).unwrap();
    let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    for provider in [
        "workestra",
        "wheniwork",
        "standard",
        "github",
        "stripe",
        "slack",
        "awork",
    ] {
        let out = env
            .hooks()
            .args(["sign", "--provider", provider, "--secret", secret])
            .arg(&body)
            .output()
            .unwrap();
        let signed = String::from_utf8(out.stdout).unwrap();
        let mut verify = env.hooks();
        verify.args(["verify", "--secret", secret, "--format", "json"]);
        for line in signed.lines() {
            verify.args(["--header", line]);
        }
        let out = verify.arg(&body).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{provider}: {out:?}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["provider"], provider, "{v}");
        assert_eq!(v["result"], "valid", "{v}");
    }
    // Invalid: the verdict once, on stdout; nothing on stderr.
    let out = env
        .hooks()
        .args([
            "verify",
            "--secret",
            "s",
            "-H",
            "X-Hub-Signature-256: sha256=00",
        ])
        .arg(&body)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.contains("invalid: signature mismatch in X-Hub-Signature-256"),
        "{stdout}"
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // No known header: said once, exit 1.
    let out = env
        .hooks()
        .args(["verify", "--secret", "s"])
        .arg(&body)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("no signature header of a known scheme"),
        "{stdout}"
    );
    assert!(out.stderr.is_empty());
    // Timestamps outside tolerance, in human terms.
    for (t, said) in [
        (
            hooks::signature::unix_now() - 30 * 365 * 86_400 - 86_400,
            "30 years old",
        ),
        (
            hooks::signature::unix_now() + 5 * 60 + 30,
            "5 minutes in the future",
        ),
    ] {
        env.hooks()
            .args([
                "verify",
                "--secret",
                "s",
                "-H",
                &format!("Stripe-Signature: t={t},v1=00"),
            ])
            .arg(&body)
            .assert()
            .code(1)
            .stdout(contains(said));
    }
}

#[test]
fn sign_prints_the_published_standard_vector_and_json() {
    let env = Env::new();
    env.hooks()
        .args([
            "sign",
            "--provider",
            "standard",
            "--secret",
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "--id",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            "--timestamp",
            "1614265330",
            "--format",
            "json",
            "-",
        ])
        .write_stdin(r#"{"test": 2432232314}"#)
        .assert()
        .success()
        .stdout(contains(
            r#""webhook-signature":"v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=""#,
        ));
}

#[test]
fn verify_explains_why_and_exits_1() {
    let env = Env::new();
    env.hooks()
        .args(["verify", "--provider", "github", "--secret", "s", "-"])
        .write_stdin("x")
        .assert()
        .code(1)
        .stdout(contains("missing header X-Hub-Signature-256"));
    env.hooks()
        .args([
            "verify",
            "--provider",
            "stripe",
            "--secret",
            "s",
            "--header",
            "Stripe-Signature: t=1,v1=00",
            "-",
        ])
        .write_stdin("x")
        .assert()
        .code(1)
        .stdout(contains("timestamp outside tolerance"));
    env.hooks()
        .args([
            "verify",
            "--provider",
            "workestra",
            "--secret",
            "It's a Secret to Everybody",
            "--format",
            "json",
            "--header",
            "X-Workestra-Signature: 757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
            "-",
        ])
        .write_stdin("Hello, World!")
        .assert()
        .success()
        .stdout(contains(r#""result":"valid""#));
    env.hooks()
        .args(["verify", "--provider", "webwork", "-"])
        .write_stdin("x")
        .assert()
        .success()
        .stdout(contains("nothing to verify"));
}

#[test]
fn custom_hmac_scheme_flags() {
    let env = Env::new();
    let out = env
        .hooks()
        .args([
            "sign",
            "--provider",
            "hmac",
            "--secret",
            "test_secret",
            "--signature-header",
            "X-Sig",
            "--prefix",
            "v1=",
            "--encoding",
            "hex",
            "-",
        ])
        .write_stdin("")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(out).unwrap().trim(),
        "X-Sig: v1=f7f9bd47fb987337b5796fdc1fdb9ba221d0d5396814bfcaf9521f43fd8927fd"
    );
    env.hooks()
        .args(["sign", "--provider", "webwork", "--scheme", "github", "--secret", "It's a Secret to Everybody", "-"])
        .write_stdin("Hello, World!")
        .assert()
        .success()
        .stdout("X-Hub-Signature-256: sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17\n");
    env.hooks()
        .args([
            "sign",
            "--provider",
            "hmac",
            "--secret",
            "s",
            "--encoding",
            "b32",
            "-",
        ])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(contains("unknown --encoding"));
}

#[test]
fn fixtures_list_and_show() {
    let env = Env::new();
    let out = env
        .hooks()
        .args(["fixtures", "list", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let rows: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let count = |p: &str| rows.iter().filter(|r| r["provider"] == p).count();
    assert_eq!(count("workestra"), 37);
    assert_eq!(count("awork"), 30);
    assert_eq!(count("wheniwork"), 7);
    assert_eq!(count("webwork"), 2);
    assert!(rows.iter().all(|r| r["source"] == "embedded"));
    env.hooks()
        .args(["fixtures", "list", "--provider", "webwork"])
        .assert()
        .success()
        .stdout(contains("tracker.started"))
        .stdout(contains("tracker.stopped"))
        .stdout(contains("contact.created").not());
    env.hooks()
        .args(["fixtures", "show", "users::created"])
        .assert()
        .success()
        .stdout(contains("\"type\": \"users::created\""));
    env.hooks()
        .args(["fixtures", "list", "--provider", "workestr"])
        .assert()
        .code(2)
        .stderr(contains("did you mean 'workestra'"));
}

#[test]
fn every_embedded_fixture_is_valid_json_in_its_envelope() {
    let catalog = hooks::fixtures::Catalog::load(&[]).unwrap();
    for provider in ["workestra", "wheniwork", "webwork", "awork"] {
        let p = hooks::providers::get(provider).unwrap();
        let fixtures = catalog.list(Some(provider));
        for event in p.events {
            let f = fixtures
                .iter()
                .find(|f| f.event == *event)
                .unwrap_or_else(|| panic!("no fixture for {provider} {event}"));
            let body = f.json().unwrap();
            let key = match provider {
                "workestra" => "type",
                "webwork" => "event",
                "awork" => "eventType",
                _ => "events",
            };
            assert!(body.get(key).is_some(), "{provider} {event} lacks {key}");
        }
        assert_eq!(
            fixtures.len(),
            p.events.len(),
            "{provider}: fixtures beyond the catalog"
        );
    }
}

#[test]
fn completions_and_man_page_are_committed_and_current() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let mut files: Vec<(String, Vec<u8>)> = [
        (clap_complete::Shell::Bash, "hooks.bash"),
        (clap_complete::Shell::Zsh, "_hooks"),
        (clap_complete::Shell::Fish, "hooks.fish"),
        (clap_complete::Shell::PowerShell, "_hooks.ps1"),
        (clap_complete::Shell::Elvish, "hooks.elv"),
    ]
    .into_iter()
    .map(|(shell, name)| {
        (
            name.to_string(),
            hooks::commands::completions::script(shell),
        )
    })
    .collect();
    // hooks.1 where it always was; a page per subcommand in man/.
    for path in hooks::commands::help::man_paths() {
        let page = hooks::commands::help::man_page(&path).unwrap();
        let name = hooks::commands::help::man_file_name(&path);
        files.push(if path.is_empty() {
            (name, page)
        } else {
            (format!("man/{name}"), page)
        });
    }
    let update = std::env::var_os("HOOKS_UPDATE_COMPLETIONS").is_some();
    let mut stale = vec![];
    // A page for a subcommand that no longer exists is stale too.
    let wanted: Vec<String> = files.iter().map(|(name, _)| name.clone()).collect();
    for entry in std::fs::read_dir(root.join("man")).into_iter().flatten() {
        let name = format!("man/{}", entry.unwrap().file_name().to_string_lossy());
        if !wanted.contains(&name) {
            if update {
                std::fs::remove_file(root.join(&name)).unwrap();
            } else {
                stale.push(name);
            }
        }
    }
    for (name, want) in files {
        let path = root.join(&name);
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &want).unwrap();
        } else if std::fs::read(&path).ok().as_deref() != Some(&want[..]) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "stale completions {stale:?}: run `HOOKS_UPDATE_COMPLETIONS=1 cargo test --test it completions` and commit"
    );
    let env = Env::new();
    env.hooks()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(contains("_hooks()"));
    env.hooks()
        .arg("man")
        .assert()
        .success()
        .stdout(contains(".TH hooks 1"));
    let committed = std::fs::read_to_string(root.join("man/hooks-relay-serve.1")).unwrap();
    for words in [
        &["relay", "serve"][..],
        &["relay-serve"],
        &["hooks-relay-serve"],
    ] {
        env.hooks()
            .arg("man")
            .args(words)
            .assert()
            .success()
            .stdout(committed.clone());
    }
    env.hooks()
        .args(["man", "send-test"])
        .assert()
        .success()
        .stdout(contains(".TH hooks-send-test 1").and(contains(".SH \"EXIT STATUS\"")));
    env.hooks()
        .args(["man", "nope"])
        .assert()
        .code(2)
        .stderr(contains("no man page for 'nope'").and(contains("relay serve")));
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let env = Env::new();
    env.hooks()
        .args([
            "--color",
            "always",
            "verify",
            "--provider",
            "github",
            "--secret",
            "s",
            "-",
        ])
        .write_stdin("x")
        .assert()
        .code(1)
        .stdout(contains("\u{1b}["));
    env.hooks()
        .args(["verify", "--provider", "github", "--secret", "s", "-"])
        .env("CLICOLOR_FORCE", "1")
        .env_remove("NO_COLOR")
        .write_stdin("x")
        .assert()
        .code(1)
        .stdout(contains("\u{1b}["));
    env.hooks()
        .args(["verify", "--provider", "github", "--secret", "s", "-"])
        .write_stdin("x")
        .assert()
        .code(1)
        .stdout(contains("\u{1b}[").not());
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let env = Env::new();
    env.hooks().arg("nonsense").assert().code(2);
    env.hooks()
        .arg("--help")
        .assert()
        .success()
        .stdout(contains("send-test"));
    env.hooks()
        .arg("--version")
        .assert()
        .success()
        .stdout(contains("hooks "));
}

#[test]
fn secrets_are_hidden_from_help() {
    let env = Env::new();
    env.hooks()
        .args(["sign", "--help"])
        .env("HOOKS_SECRET", "supersecretvalue")
        .assert()
        .success()
        .stdout(contains("supersecretvalue").not());
}
