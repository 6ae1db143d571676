//! Issue 28: secrets off the command line (`--secret-file`,
//! `--api-key-file`, `--token-file`), and clear errors for a secret or key
//! that cannot go into a header and for an absurd timestamp.

use crate::support::{Env, Receiver};

#[test]
fn secret_and_token_files_work_like_the_flags() {
    let env = Env::new();
    let secret = env.dir.path().join("secret");
    std::fs::write(&secret, "whsec_from_file\n").unwrap();
    let out = env
        .hooks()
        .args([
            "listen",
            "--provider",
            "workestra",
            "--print-secret",
            "--secret-file",
        ])
        .arg(&secret)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "whsec_from_file"
    );
    // The same secret on the command line is still accepted.
    env.hooks()
        .args([
            "listen",
            "--provider",
            "workestra",
            "--print-secret",
            "--secret",
        ])
        .arg("whsec_from_flag")
        .assert()
        .success()
        .stdout(predicates::str::contains("whsec_from_flag"));
    // A file that is not there is a usage error naming it.
    let out = env
        .hooks()
        .args([
            "send-test",
            "contact.created",
            "--secret-file",
            "/nonexistent/secret",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/secret"));

    // An API key from a file reaches the API as the flag's would.
    let api = Receiver::start();
    let key = env.dir.path().join("key");
    std::fs::write(&key, "k_from_file\n").unwrap();
    env.hooks()
        .args([
            "list",
            "--provider",
            "awork",
            "--api-url",
            &api.url("/api/v1"),
        ])
        .arg("--api-key-file")
        .arg(&key)
        .output()
        .unwrap();
    let got = api.received();
    assert!(!got.is_empty(), "the API was called");
    assert_eq!(
        got[0].header("authorization").as_deref(),
        Some("Bearer k_from_file")
    );
}

#[test]
fn keys_and_secrets_that_cannot_be_sent_are_clear_errors() {
    let env = Env::new();
    let api = Receiver::start();
    env.write_config(&format!(
        "[profiles.default]\nprovider = \"awork\"\napi_url = \"{}\"\napi_key_cmd = \"printf 'one\\\\ntwo\\\\n'\"\n",
        api.url("/api/v1")
    ));
    let out = env.hooks().args(["list"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("is 2 lines; it must be one"), "{stderr}");
    assert!(stderr.contains("api_key_cmd"), "{stderr}");
    assert!(api.received().is_empty(), "nothing was sent");

    let out = env
        .hooks()
        .args([
            "send-test",
            "contact.created",
            "--provider",
            "workestra",
            "--to",
        ])
        .arg(api.url("/"))
        .args(["--secret", "line one\nline two"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("control character (\\n)"), "{stderr}");
}

#[test]
fn a_timestamp_of_i64_min_is_not_a_time_in_the_future() {
    let env = Env::new();
    let body = r#"{"type":"contact.created"}"#;
    let out = env
        .hooks()
        .args([
            "verify",
            "--provider",
            "standard",
            "--secret",
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        ])
        .args(["--header", "webhook-id: msg_1"])
        .args(["--header", &format!("webhook-timestamp: {}", i64::MIN)])
        .args(["--header", "webhook-signature: v1,AAAA"])
        .write_stdin(body)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!text.contains("years in the future"), "{text}");
    assert!(
        text.contains("not a Unix time in seconds within 100 years"),
        "{text}"
    );
}

#[test]
fn relay_connect_reads_its_token_from_a_file() {
    let env = Env::new();
    let tokens = env.dir.path().join("tokens");
    let out = env
        .hooks()
        .args(["relay", "token", "add", "alice", "--tokens"])
        .arg(&tokens)
        .output()
        .unwrap();
    let token_file = env.dir.path().join("token");
    std::fs::write(&token_file, &out.stdout).unwrap();
    let relay = crate::relay::relay(&env, &["--tokens", tokens.to_str().unwrap()]);
    let app = Receiver::start();
    let (_client, url) = crate::relay::client(
        &env,
        &relay,
        &app.addr.to_string(),
        &["--token-file", token_file.to_str().unwrap()],
    );
    assert!(url.contains("/c/"), "{url}");
}
