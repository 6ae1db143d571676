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
}
