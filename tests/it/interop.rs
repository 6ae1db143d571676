//! Interop with the real libraries of other languages, both directions,
//! through the real binary: what `hooks sign` signs, the library accepts (and
//! it rejects an altered body); what the library signs, `hooks verify`
//! accepts (exit 0, and exit 1 for an altered body).
//!
//! The libraries are installed by `pip install -r tests/interop/requirements.txt`
//! and `npm ci --prefix tests/interop`. When one is missing the test fails and
//! says which of those commands installs it: it never skips.

use crate::support::Env;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const PIP_INSTALL: &str = "pip install -r tests/interop/requirements.txt";
const NPM_INSTALL: &str = "npm ci --prefix tests/interop";

/// One interop script and how to install what it needs.
struct Lib {
    program: &'static str,
    script: &'static str,
    install: &'static str,
}

const STANDARD_WEBHOOKS: Lib = Lib {
    program: "python3",
    script: "std_webhooks.py",
    install: PIP_INSTALL,
};
const STRIPE: Lib = Lib {
    program: "python3",
    script: "stripe_interop.py",
    install: PIP_INSTALL,
};
const OCTOKIT: Lib = Lib {
    program: "node",
    script: "octokit.mjs",
    install: NPM_INSTALL,
};
const WORKESTRA_DOCS: Lib = Lib {
    program: "python3",
    script: "workestra_receiver.py",
    install: PIP_INSTALL,
};

type Headers = Vec<(String, String)>;

fn interop_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/interop")
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// What an interop script's exit says: 0 accepted, 1 rejected, anything else
/// (2: a library is missing) is a setup failure that names the install step.
fn outcome(lib: &Lib, out: &Output) -> Result<bool, String> {
    match out.status.code() {
        Some(0) => Ok(true),
        Some(1) => Ok(false),
        code => Err(format!(
            "{} {} failed ({code:?}): {}\ninstall the interop libraries with: {}",
            lib.program,
            lib.script,
            String::from_utf8_lossy(&out.stderr).trim(),
            lib.install
        )),
    }
}

fn run_lib(lib: &Lib, args: &[&str]) -> Output {
    assert_cmd::Command::new(lib.program)
        .arg(interop_dir().join(lib.script))
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run {} ({e}): install it, then the interop libraries with: {}",
                lib.program, lib.install
            )
        })
}

fn header_args(headers: &Headers) -> Vec<String> {
    headers
        .iter()
        .map(|(name, value)| format!("{name}: {value}"))
        .collect()
}

fn json_headers(stdout: &[u8]) -> Headers {
    let map: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(stdout).expect("a JSON object of headers");
    map.into_iter()
        .map(|(k, v)| (k, v.as_str().expect("a string value").to_string()))
        .collect()
}

/// The library signs `body`.
fn lib_sign(lib: &Lib, secret: &str, extra: &[&str], body: &Path) -> Headers {
    let mut args = vec!["sign", "--secret", secret];
    args.extend_from_slice(extra);
    args.push(body.to_str().unwrap());
    let out = run_lib(lib, &args);
    match outcome(lib, &out) {
        Ok(true) => json_headers(&out.stdout),
        Ok(false) => panic!(
            "{} could not sign: {}",
            lib.script,
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => panic!("{e}"),
    }
}

/// Whether the library accepts the delivery.
fn lib_verify(lib: &Lib, secret: &str, headers: &Headers, body: &Path) -> bool {
    let headers = header_args(headers);
    let mut args = vec!["verify", "--secret", secret];
    for h in &headers {
        args.extend(["--header", h.as_str()]);
    }
    args.push(body.to_str().unwrap());
    outcome(lib, &run_lib(lib, &args)).unwrap_or_else(|e| panic!("{e}"))
}

/// `hooks sign --format json`, with `extra` flags.
fn hooks_sign(env: &Env, provider: &str, secrets: &[&str], extra: &[&str], body: &Path) -> Headers {
    let mut cmd = env.hooks();
    cmd.args(["sign", "--provider", provider, "--format", "json"]);
    for s in secrets {
        cmd.args(["--secret", s]);
    }
    let out = cmd.args(extra).arg(body).output().unwrap();
    assert!(
        out.status.success(),
        "hooks sign failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_headers(&out.stdout)
}

/// Whether `hooks verify` accepts the delivery: exit 0 valid, 1 invalid.
fn hooks_verify(env: &Env, provider: &str, secret: &str, headers: &Headers, body: &Path) -> bool {
    let mut cmd = env.hooks();
    cmd.args(["verify", "--provider", provider, "--secret", secret]);
    for h in header_args(headers) {
        cmd.args(["--header", &h]);
    }
    let out = cmd.arg(body).output().unwrap();
    match out.status.code() {
        Some(0) => true,
        Some(1) => false,
        code => panic!(
            "hooks verify exited {code:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
    }
}

/// A body and the same body with one value changed, as files. Non-ASCII
/// text and a trailing newline make sure every side signs the exact bytes.
fn bodies(env: &Env, text: &str) -> (PathBuf, PathBuf) {
    let altered = text.replacen("100", "900", 1);
    assert_ne!(altered, text);
    let original = env.dir.path().join("body.json");
    let changed = env.dir.path().join("altered.json");
    std::fs::write(&original, text).unwrap();
    std::fs::write(&changed, altered).unwrap();
    (original, changed)
}

const EVENT: &str = "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"contact.created\",\"data\":{\"name\":\"Zoë — ✓\",\"amount\":100}}\n";

/// A Standard Webhooks secret of 32 random bytes (its base64 has padding).
fn standard_secret() -> String {
    format!("whsec_{}", B64.encode(rand::random::<[u8; 32]>()))
}

// ---- standard: Python standardwebhooks ---------------------------------------

#[test]
fn interop_standard_hooks_signs_standardwebhooks_verifies() {
    let env = Env::new();
    let (body, altered) = bodies(&env, EVENT);
    let secret = standard_secret();
    let headers = hooks_sign(&env, "standard", &[&secret], &[], &body);
    assert!(lib_verify(&STANDARD_WEBHOOKS, &secret, &headers, &body));
    assert!(!lib_verify(&STANDARD_WEBHOOKS, &secret, &headers, &altered));
    assert!(!lib_verify(
        &STANDARD_WEBHOOKS,
        &standard_secret(),
        &headers,
        &body
    ));
}

#[test]
fn interop_standard_hooks_rotation_signatures_verify_with_each_secret() {
    let env = Env::new();
    let (body, _) = bodies(&env, EVENT);
    let (new, old) = (standard_secret(), standard_secret());
    let headers = hooks_sign(&env, "standard", &[&new, &old], &[], &body);
    for secret in [&new, &old] {
        assert!(lib_verify(&STANDARD_WEBHOOKS, secret, &headers, &body));
    }
}

#[test]
fn interop_standard_standardwebhooks_signs_hooks_verifies() {
    let env = Env::new();
    let (body, altered) = bodies(&env, EVENT);
    let secret = standard_secret();
    let ts = now().to_string();
    let headers = lib_sign(
        &STANDARD_WEBHOOKS,
        &secret,
        &["--id", "msg_2Kq9interop", "--timestamp", &ts],
        &body,
    );
    assert!(hooks_verify(&env, "standard", &secret, &headers, &body));
    assert!(!hooks_verify(&env, "standard", &secret, &headers, &altered));
}

#[test]
fn interop_standard_published_vector_matches_the_library() {
    let env = Env::new();
    let body = env.dir.path().join("vector.json");
    std::fs::write(&body, r#"{"test": 2432232314}"#).unwrap();
    let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    let args = [
        "--id",
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        "--timestamp",
        "1614265330",
    ];
    assert_eq!(
        lib_sign(&STANDARD_WEBHOOKS, secret, &args, &body),
        hooks_sign(&env, "standard", &[secret], &args, &body)
    );
}

// ---- stripe: Python stripe ------------------------------------------------------

#[test]
fn interop_stripe_hooks_signs_stripe_verifies() {
    let env = Env::new();
    let (body, altered) = bodies(&env, EVENT);
    let secret = "whsec_interopStripeSecret123";
    let headers = hooks_sign(&env, "stripe", &[secret], &[], &body);
    assert!(lib_verify(&STRIPE, secret, &headers, &body));
    assert!(!lib_verify(&STRIPE, secret, &headers, &altered));
    assert!(!lib_verify(&STRIPE, "whsec_other", &headers, &body));
    // With two secrets, each signature is one Stripe accepts.
    let headers = hooks_sign(&env, "stripe", &["whsec_new", secret], &[], &body);
    assert!(lib_verify(&STRIPE, secret, &headers, &body));
    assert!(lib_verify(&STRIPE, "whsec_new", &headers, &body));
}

#[test]
fn interop_stripe_stripe_signs_hooks_verifies() {
    let env = Env::new();
    let (body, altered) = bodies(&env, EVENT);
    let secret = "whsec_interopStripeSecret123";
    let ts = now().to_string();
    let headers = lib_sign(&STRIPE, secret, &["--timestamp", &ts], &body);
    assert!(hooks_verify(&env, "stripe", secret, &headers, &body));
    assert!(!hooks_verify(&env, "stripe", secret, &headers, &altered));
    // Stripe keys with the whole string: without whsec_ it is another key.
    assert!(!hooks_verify(
        &env,
        "stripe",
        "interopStripeSecret123",
        &headers,
        &body
    ));
}

// ---- github: Node @octokit/webhooks-methods ------------------------------------

#[test]
fn interop_github_hooks_signs_octokit_verifies() {
    let env = Env::new();
    let (body, altered) = bodies(&env, EVENT);
    let secret = "It's a Secret to Everybody";
    let headers = hooks_sign(&env, "github", &[secret], &[], &body);
    assert!(lib_verify(&OCTOKIT, secret, &headers, &body));
    assert!(!lib_verify(&OCTOKIT, secret, &headers, &altered));
}

#[test]
fn interop_github_octokit_signs_hooks_verifies() {
    let env = Env::new();
    let (body, altered) = bodies(&env, EVENT);
    let secret = "It's a Secret to Everybody";
    let headers = lib_sign(&OCTOKIT, secret, &[], &body);
    assert!(hooks_verify(&env, "github", secret, &headers, &body));
    assert!(!hooks_verify(&env, "github", secret, &headers, &altered));
}

// ---- workestra: the receiver code from Workestra's docs -------------------------

#[test]
fn interop_workestra_hooks_signs_docs_receiver_verifies() {
    let env = Env::new();
    let (body, altered) = bodies(&env, EVENT);
    let secret = "wk_live_interop";
    let headers = hooks_sign(&env, "workestra", &[secret], &[], &body);
    assert!(lib_verify(&WORKESTRA_DOCS, secret, &headers, &body));
    assert!(!lib_verify(&WORKESTRA_DOCS, secret, &headers, &altered));
}

#[test]
fn interop_workestra_docs_signature_verifies_with_hooks_with_and_without_prefix() {
    let env = Env::new();
    let (body, altered) = bodies(&env, EVENT);
    let secret = "wk_live_interop";
    let headers = lib_sign(&WORKESTRA_DOCS, secret, &[], &body);
    assert!(hooks_verify(&env, "workestra", secret, &headers, &body));
    assert!(!hooks_verify(&env, "workestra", secret, &headers, &altered));
    // The docs' code works with the bare hexdigest: hooks accepts it too.
    let bare: Headers = headers
        .iter()
        .map(|(k, v)| (k.clone(), v.trim_start_matches("sha256=").to_string()))
        .collect();
    assert_ne!(bare, headers);
    assert!(hooks_verify(&env, "workestra", secret, &bare, &body));
    assert!(!hooks_verify(&env, "workestra", secret, &bare, &altered));
}

// ---- A missing library fails the test and says how to install it ----------------

#[test]
fn interop_a_missing_python_library_names_the_install_command() {
    let env = Env::new();
    let (body, _) = bodies(&env, EVENT);
    // -S leaves site-packages out, as on a machine where pip install never ran.
    let out = assert_cmd::Command::new("python3")
        .arg("-S")
        .arg(interop_dir().join("std_webhooks.py"))
        .args(["verify", "--secret", "whsec_AAAA"])
        .arg(&body)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let err = outcome(&STANDARD_WEBHOOKS, &out).unwrap_err();
    assert!(err.contains("standardwebhooks is not installed"), "{err}");
    assert!(err.contains(PIP_INSTALL), "{err}");
}

#[test]
fn interop_a_missing_node_library_names_the_install_command() {
    let env = Env::new();
    let (body, _) = bodies(&env, EVENT);
    // A copy of the script with no node_modules beside it.
    let script = env.dir.path().join("octokit.mjs");
    std::fs::copy(interop_dir().join("octokit.mjs"), &script).unwrap();
    let out = assert_cmd::Command::new("node")
        .arg(&script)
        .args(["sign", "--secret", "s"])
        .arg(&body)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let err = outcome(&OCTOKIT, &out).unwrap_err();
    assert!(
        err.contains("@octokit/webhooks-methods is not installed"),
        "{err}"
    );
    assert!(err.contains(NPM_INSTALL), "{err}");
}
