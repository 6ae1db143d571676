use crate::support::{closed_port, Env, Receiver};
use predicates::prelude::*;
use predicates::str::contains;
use std::time::Duration;

fn verify(provider: &str, secret: &str, r: &crate::support::Received) -> bool {
    let scheme = hooks::providers::get(provider).unwrap().scheme;
    let now = hooks::signature::unix_now();
    scheme
        .verify(&[secret.to_string()], &r.headers, &r.body, now, 300)
        .is_valid()
}

#[test]
fn send_test_delivers_a_signed_workestra_event() {
    let env = Env::new();
    let app = Receiver::start();
    env.hooks()
        .args(["send-test", "contact.created", "--secret", "s3cret", "--to"])
        .arg(app.url("/webhooks?x=1"))
        .assert()
        .success()
        .stdout(contains("--> contact.created [evt_"))
        .stdout(contains("<-- [200] POST"));
    let got = app.received();
    assert_eq!(got.len(), 1);
    let r = &got[0];
    assert_eq!(r.method, "POST");
    assert_eq!(r.path_and_query, "/webhooks?x=1");
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("application/json")
    );
    let body = r.json();
    assert_eq!(body["type"], "contact.created");
    assert!(body["id"].as_str().unwrap().starts_with("evt_"));
    assert!(r
        .header("x-workestra-signature")
        .unwrap()
        .starts_with("sha256="));
    assert!(verify("workestra", "s3cret", r));
    assert!(!verify("workestra", "other", r));
}

#[test]
fn every_fixture_of_every_provider_sends_and_verifies() {
    let env = Env::new();
    let app = Receiver::start();
    let catalog = hooks::fixtures::Catalog::load(&[]).unwrap();
    let fixtures = catalog.list(None);
    assert!(fixtures.len() >= 85, "{} fixtures", fixtures.len());
    for (i, f) in fixtures.iter().enumerate() {
        let provider = f.provider.clone().unwrap();
        let secret = if provider == "awork" {
            "X-Auth=tok".to_string()
        } else {
            format!("secret-{i}")
        };
        env.hooks()
            .args([
                "send-test",
                &f.event,
                "--provider",
                &provider,
                "--secret",
                &secret,
                "--to",
            ])
            .arg(app.url("/"))
            .assert()
            .success();
        let got = app.wait_for(i + 1, Duration::from_secs(5));
        let r = &got[i];
        // GitHub names the event in a header, the others in the body.
        let event_type = match provider.as_str() {
            "github" => r.header("x-github-event"),
            _ => hooks::providers::envelope::read_events(&r.json())[0]
                .event_type
                .clone(),
        };
        assert_eq!(
            event_type.as_deref(),
            Some(f.event.as_str()),
            "{provider} {}",
            f.event
        );
        if provider != "webwork" {
            assert!(
                verify(&provider, &secret, r),
                "{provider} {} does not verify",
                f.event
            );
        }
    }
}

#[test]
fn set_overrides_and_data_shape_the_payload() {
    let env = Env::new();
    let app = Receiver::start();
    env.hooks()
        .args([
            "send-test",
            "contact.created",
            "--set",
            "data.email=ada@example.com",
            "--set",
            "data.score=42",
            "--set",
            "data.tags=[\"vip\"]",
            "--set",
            "data.extra.nested=true",
            "--header",
            "X-Test: yes",
            "--to",
        ])
        .arg(app.url("/"))
        .assert()
        .success();
    let r = &app.received()[0];
    let body = r.json();
    assert_eq!(body["data"]["email"], "ada@example.com");
    assert_eq!(body["data"]["score"], 42);
    assert_eq!(body["data"]["tags"], serde_json::json!(["vip"]));
    assert_eq!(body["data"]["extra"]["nested"], true);
    assert_eq!(r.header("x-test").as_deref(), Some("yes"));

    env.hooks()
        .args([
            "send-test",
            "users::created",
            "--data",
            "{\"fields\":{}}",
            "--to",
        ])
        .arg(app.url("/"))
        .assert()
        .success();
    let r = &app.received()[1];
    assert_eq!(
        r.json()["events"][0]["data"],
        serde_json::json!({"fields": {}})
    );
    assert!(r.header("x-webhook-id").is_some());
    assert!(r.header("x-signed-hmac-256").is_some());
}

#[test]
fn data_from_a_file_and_events_without_fixture() {
    let env = Env::new();
    let app = Receiver::start();
    let file = env.dir.path().join("data.json");
    std::fs::write(&file, r#"{"ticket": {"id": "tkt_1"}}"#).unwrap();
    env.hooks()
        .args([
            "send-test",
            "ticket.reopened",
            "--provider",
            "workestra",
            "--data",
        ])
        .arg(format!("@{}", file.display()))
        .arg("--to")
        .arg(app.url("/"))
        .assert()
        .success()
        .stdout(contains("--> ticket.reopened"));
    let body = app.received()[0].json();
    assert_eq!(body["type"], "ticket.reopened");
    assert_eq!(body["data"]["ticket"]["id"], "tkt_1");
}

#[test]
fn dev_secret_is_created_once_and_reused() {
    let env = Env::new();
    let app = Receiver::start();
    for _ in 0..2 {
        env.hooks()
            .args(["send-test", "contact.created", "--to"])
            .arg(app.url("/"))
            .assert()
            .success();
    }
    let path = env.data_dir().join("dev-secret");
    let secret = std::fs::read_to_string(&path).unwrap().trim().to_string();
    assert!(secret.starts_with("whsec_"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let got = app.received();
    assert!(verify("workestra", &secret, &got[0]));
    assert!(verify("workestra", &secret, &got[1]));
}

#[test]
fn exit_codes_follow_the_status_and_expect() {
    let env = Env::new();
    let failing = Receiver::status(500);
    env.hooks()
        .args(["send-test", "contact.created", "--to"])
        .arg(failing.url("/"))
        .assert()
        .code(1)
        .stdout(contains("<-- [500]"))
        .stderr(contains("answered 500, expected 2xx"));
    env.hooks()
        .args(["send-test", "contact.created", "--expect", "500", "--to"])
        .arg(failing.url("/"))
        .assert()
        .success();
    env.hooks()
        .args(["send-test", "contact.created", "--expect", "5xx", "--to"])
        .arg(failing.url("/"))
        .assert()
        .success();
    env.hooks()
        .args(["send-test", "contact.created", "--to"])
        .arg(format!("http://127.0.0.1:{}/", closed_port()))
        .assert()
        .code(3)
        .stderr(contains("cannot reach"))
        .stderr(contains("hint:"));
}

#[test]
fn json_format_prints_one_object_per_delivery() {
    let env = Env::new();
    let app = Receiver::start();
    let out = env
        .hooks()
        .args([
            "send-test",
            "task_changed",
            "--secret",
            "X-Token=abc",
            "--format",
            "json",
            "--to",
        ])
        .arg(app.url("/hook"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{text}");
    let v: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(v["event"], "task_changed");
    assert_eq!(v["provider"], "awork");
    assert_eq!(v["status"], 200);
    assert_eq!(v["ok"], true);
    assert!(v["latency_ms"].is_f64());
    assert!(v["id"].is_string());
    assert_eq!(app.received()[0].header("x-token").as_deref(), Some("abc"));
}

#[test]
fn default_target_is_the_local_listener_address() {
    let env = Env::new();
    env.write_config("[profiles.default]\nto = \"http://127.0.0.1:1/\"\n");
    env.hooks()
        .args(["send-test", "contact.created"])
        .assert()
        .code(3)
        .stderr(contains("127.0.0.1:1"));
    let out = env
        .hooks()
        .args(["send-test", "--help"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(out)
        .unwrap()
        .contains("http://127.0.0.1:8787/"));
}

#[test]
fn bad_input_gets_clear_errors_and_exit_2() {
    let env = Env::new();
    let app = Receiver::start();
    let cases: &[(&[&str], &str)] = &[
        (
            &["send-test", "contact.creatd"],
            "did you mean contact.created",
        ),
        (
            &["send-test", "nope.never", "--provider", "workestra"],
            "unknown event 'nope.never' for workestra",
        ),
        (
            &["send-test", "contact.created", "--provider", "awork"],
            "pass --provider workestra",
        ),
        (
            &["send-test", "contact.created", "--set", "data..x=1"],
            "malformed --set",
        ),
        (
            &["send-test", "contact.created", "--set", "id.x=1"],
            "id is a string",
        ),
        (
            &["send-test", "contact.created", "--data", "{not json"],
            "--data is not valid JSON",
        ),
        (
            &[
                "send-test",
                "contact.created",
                "--data",
                "@/nonexistent/file.json",
            ],
            "cannot read /nonexistent/file.json",
        ),
        (
            &["send-test", "contact.created", "--to", "ftp://x"],
            "unknown scheme ftp",
        ),
        (
            &["send-test", "contact.created", "--to", "http://"],
            "invalid URL",
        ),
        (
            &["send-test", "contact.created", "--expect", "6xx"],
            "invalid --expect",
        ),
        (
            &["send-test", "contact.created", "--header", "NoColon"],
            "malformed --header",
        ),
        (
            &["send-test", "contact.created", "--provider", "nosuch"],
            "unknown provider 'nosuch'",
        ),
        (
            &[
                "send-test",
                "contact.created",
                "--provider",
                "standard",
                "--secret",
                "not base64!",
            ],
            "whsec_",
        ),
        (&["sign", "--secret", "x", "/dev/null"], "no provider given"),
        (
            &[
                "sign",
                "--provider",
                "github",
                "--secret",
                "x",
                "/nonexistent",
            ],
            "cannot read /nonexistent",
        ),
        (
            &[
                "sign",
                "--provider",
                "github",
                "--secret",
                "x",
                "--signature-header",
                "X",
                "/dev/null",
            ],
            "--scheme hmac",
        ),
    ];
    for (args, needle) in cases {
        env.hooks()
            .args(*args)
            .args(
                ["--to", &app.url("/")]
                    .iter()
                    .filter(|_| args[0] == "send-test" && !args.contains(&"--to")),
            )
            .assert()
            .code(2)
            .stderr(contains(*needle));
    }
    assert!(app.received().is_empty(), "nothing is sent on bad input");
}

#[test]
fn ambiguous_events_list_the_providers() {
    let env = Env::new();
    let fixtures = env.dir.path().join("extra");
    std::fs::create_dir_all(fixtures.join("awork")).unwrap();
    std::fs::write(
        fixtures.join("awork/contact.created.json"),
        r#"{"eventType":"contact.created","entity":{}}"#,
    )
    .unwrap();
    env.hooks()
        .args(["send-test", "contact.created", "--fixtures"])
        .arg(&fixtures)
        .assert()
        .code(2)
        .stderr(contains("several providers"))
        .stderr(contains("awork"))
        .stderr(contains("workestra"));
}

#[test]
fn malformed_config_names_file_and_line() {
    let env = Env::new();
    env.write_config("[profiles.dev]\nprovider = \"workestra\"\nsecret = \n");
    env.hooks()
        .args(["send-test", "contact.created"])
        .assert()
        .code(2)
        .stderr(contains("malformed config file"))
        .stderr(contains("config.toml line 3"));
    env.write_config("[profiles.dev]\nsecrett = \"x\"\n");
    env.hooks()
        .args(["fixtures", "list", "--profile", "dev"])
        .assert()
        .code(2)
        .stderr(contains("line 2: unknown field `secrett`"));
    env.write_config("[profiles.dev]\nsecret = \"x\"\n");
    env.hooks()
        .args(["fixtures", "list", "--profile", "nope"])
        .assert()
        .code(2)
        .stderr(contains("profile 'nope'"));
}

#[test]
fn profile_then_env_then_flag_take_precedence() {
    let env = Env::new();
    let app = Receiver::start();
    env.write_config(&format!(
        "default_profile = \"dev\"\n[profiles.dev]\nprovider = \"github\"\nsecret = \"from-profile\"\nto = \"{}\"\n",
        app.url("/profile")
    ));
    env.hooks()
        .args(["send-test", "contact.created"])
        .assert()
        .success();
    env.hooks()
        .args(["send-test", "contact.created"])
        .env("HOOKS_SECRET", "from-env")
        .assert()
        .success();
    env.hooks()
        .args(["send-test", "contact.created", "--secret", "from-flag"])
        .env("HOOKS_SECRET", "from-env")
        .assert()
        .success();
    let got = app.received();
    assert_eq!(got[0].path_and_query, "/profile");
    assert!(verify("github", "from-profile", &got[0]));
    assert!(verify("github", "from-env", &got[1]));
    assert!(verify("github", "from-flag", &got[2]));
}

#[test]
fn user_fixtures_override_and_add_events() {
    let env = Env::new();
    let app = Receiver::start();
    let dir = env.dir.path().join("fixtures/workestra");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("contact.created.json"),
        r#"{"id":"evt_x","type":"contact.created","created_at":"","data":{"mine":true}}"#,
    )
    .unwrap();
    std::fs::write(dir.join("broken.json"), "{ nope").unwrap();
    env.hooks()
        .args(["send-test", "contact.created", "--to"])
        .arg(app.url("/"))
        .assert()
        .success();
    assert_eq!(app.received()[0].json()["data"]["mine"], true);
    env.hooks()
        .args(["send-test", "broken", "--provider", "workestra"])
        .assert()
        .code(2)
        .stderr(contains("broken.json"))
        .stderr(contains("not valid JSON"));
    env.hooks()
        .args(["fixtures", "list", "--provider", "workestra"])
        .assert()
        .success()
        .stdout(contains("fixtures/workestra/contact.created.json"));
}

#[test]
fn verbose_shows_request_headers_but_never_a_header_secret() {
    let env = Env::new();
    let app = Receiver::start();
    env.hooks()
        .args([
            "-v",
            "send-test",
            "task_changed",
            "--secret",
            "X-Auth=topsecretvalue",
            "--to",
        ])
        .arg(app.url("/"))
        .assert()
        .success()
        .stderr(contains("> X-Auth: [redacted]"))
        .stderr(contains("> Content-Type: application/json"))
        .stderr(contains("topsecretvalue").not());
    env.hooks()
        .args(["-v", "send-test", "contact.created", "--to"])
        .arg(app.url("/"))
        .assert()
        .success()
        .stderr(contains("development secret"))
        .stderr(contains("> X-Workestra-Signature: sha256="));
    env.hooks()
        .args(["-q", "send-test", "contact.created", "--to"])
        .arg(app.url("/"))
        .assert()
        .success()
        .stderr("");
}

#[test]
fn both_sides_show_the_same_event_id_for_every_provider() {
    let env = Env::new();
    let listen = crate::listen::Listening::start(&env, &["--format", "json"]);
    let mut received = 0;
    // The id the listener read from the next delivery.
    let mut next_listened_id = || {
        received += 1;
        let lines = listen.lines(received, Duration::from_secs(10));
        let got: serde_json::Value = serde_json::from_str(&lines[received - 1]).unwrap();
        got["events"][0]["id"].clone()
    };
    let events = [
        ("workestra", "contact.created"),
        ("wheniwork", "users::created"),
        ("webwork", "tracker.started"),
        ("awork", "task_changed"),
    ];
    for (provider, event) in events {
        let send = |format: &str| {
            let out = env
                .hooks()
                .args([
                    "send-test",
                    event,
                    "--provider",
                    provider,
                    "--format",
                    format,
                ])
                .arg("--to")
                .arg(listen.url("/"))
                .output()
                .unwrap();
            assert!(out.status.success(), "{provider}: {out:?}");
            String::from_utf8(out.stdout).unwrap()
        };
        let sent: serde_json::Value = serde_json::from_str(&send("json")).unwrap();
        let listened = next_listened_id();
        assert!(listened.is_string(), "{provider}");
        assert_eq!(listened, sent["id"], "{provider}");
        let pretty = send("pretty");
        let listened = next_listened_id();
        let shown = format!("[{}]", listened.as_str().unwrap());
        assert!(
            pretty.contains(&shown),
            "{provider}: {pretty} lacks {shown}"
        );
    }
}

#[test]
fn verbose_shows_the_body_of_a_non_2xx_answer() {
    let env = Env::new();
    let failing = Receiver::with(std::sync::Arc::new(|_| {
        (422, b"{\"error\":\"email is required\"}".to_vec())
    }));
    let run = |verbose: bool| {
        let mut cmd = env.hooks();
        cmd.args(["send-test", "contact.created", "--to"])
            .arg(failing.url("/"));
        if verbose {
            cmd.arg("-v");
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8(out.stderr).unwrap()
    };
    let verbose = run(true);
    assert!(
        verbose.contains("< {\"error\":\"email is required\"}"),
        "{verbose}"
    );
    // Without -v, the error quotes the answer's first characters.
    let quiet = run(false);
    assert!(
        quiet.contains("answered 422, expected 2xx: {\"error\":\"email is required\"}"),
        "{quiet}"
    );
    assert!(!quiet.contains("< {"), "{quiet}");
    // A 2xx answer's body stays out of it.
    let ok = Receiver::with(std::sync::Arc::new(|_| (200, b"all good".to_vec())));
    env.hooks()
        .args(["send-test", "contact.created", "-v", "--to"])
        .arg(ok.url("/"))
        .assert()
        .success()
        .stderr(contains("all good").not());
}

#[test]
fn a_listeners_502_says_why_without_verbose() {
    let env = Env::new();
    let port = crate::support::closed_port().to_string();
    let listen = crate::listen::Listening::start(&env, &["--forward", &port]);
    let out = env
        .hooks()
        .args(["send-test", "contact.created", "--to"])
        .arg(listen.url("/"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("answered 502"), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "the app at http://localhost:{port}/ could not be reached"
        )),
        "{stderr}"
    );
}

#[test]
fn a_mistyped_scheme_is_named_not_taken_for_a_host() {
    let env = Env::new();
    for (to, scheme) in [("htp:/localhost", "htp"), ("ftp://127.0.0.1/", "ftp")] {
        env.hooks()
            .args(["send-test", "contact.created", "--to", to])
            .assert()
            .code(2)
            .stderr(contains(format!("unknown scheme {scheme}")))
            .stderr(contains("cannot reach").not());
    }
    // host:port and a bare port are still targets.
    let app = Receiver::start();
    let port = app
        .url("/")
        .trim_start_matches("http://127.0.0.1:")
        .trim_end_matches('/')
        .to_string();
    env.hooks()
        .args([
            "send-test",
            "contact.created",
            "--to",
            &format!("127.0.0.1:{port}"),
        ])
        .assert()
        .success();
}
