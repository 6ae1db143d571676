//! Stripe- and GitHub-shaped test events: each fixture sent to a real
//! `hooks listen`, which shows its type and id; the envelopes and headers as
//! the real providers send them; `hooks verify` accepts `hooks sign`.

use crate::listen::Listening;
use crate::support::{Env, Receiver};
use serde_json::Value;
use std::time::Duration;

const SECRET: &str = "whsec_provider-events-test";

const STRIPE: [&str; 5] = [
    "charge.succeeded",
    "payment_intent.succeeded",
    "customer.created",
    "invoice.paid",
    "checkout.session.completed",
];
const GITHUB: [&str; 4] = ["push", "pull_request", "issues", "ping"];

fn send_json(env: &Env, provider: &str, event: &str, to: &str) -> Value {
    let out = env
        .hooks()
        .args([
            "send-test",
            event,
            "--provider",
            provider,
            "--secret",
            SECRET,
        ])
        .args(["--format", "json", "--to", to])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

fn listener_shows_each_event_with_its_id(provider: &str, events: &[&str]) {
    let env = Env::new();
    let listen = Listening::start(
        &env,
        &["--provider", provider, "--secret", SECRET, "--no-inspect"],
    );
    for (i, event) in events.iter().enumerate() {
        let sent = send_json(&env, provider, event, &listen.url("/"));
        assert_eq!(sent["event"], *event);
        let id = sent["id"].as_str().unwrap().to_string();
        let lines = listen.lines(2 * (i + 1), Duration::from_secs(30));
        let line = lines
            .iter()
            .find(|l| l.contains("-->") && l.contains(&format!("{event} [{id}]")))
            .unwrap_or_else(|| panic!("no line for {event} [{id}] in {lines:?}"));
        assert!(line.contains(&format!("✔ valid ({provider})")), "{line}");
    }
}

#[test]
fn stripe_events_arrive_verified_with_their_type_and_id() {
    listener_shows_each_event_with_its_id("stripe", &STRIPE);
}

#[test]
fn github_events_arrive_verified_with_their_type_and_delivery_guid() {
    listener_shows_each_event_with_its_id("github", &GITHUB);
}

#[test]
fn stripe_events_are_stripe_event_objects_signed_with_stripe_signature() {
    let env = Env::new();
    let app = Receiver::start();
    for event in STRIPE {
        let sent = send_json(&env, "stripe", event, &app.url("/"));
        let got = app.received();
        let r = got.last().unwrap();
        let body = r.json();
        assert_eq!(body["object"], "event");
        assert_eq!(body["type"], event);
        assert_eq!(body["id"], sent["id"]);
        assert!(body["id"].as_str().unwrap().starts_with("evt_"));
        assert!(body["created"].as_u64().unwrap() > 1_700_000_000);
        let object = body["data"]["object"]["object"].as_str().unwrap();
        assert_eq!(object, event.rsplit_once('.').unwrap().0, "{event}");
        let sig = r.header("stripe-signature").unwrap();
        assert!(sig.starts_with("t=") && sig.contains(",v1="), "{sig}");
        let scheme = hooks::providers::get("stripe").unwrap().scheme;
        let now = hooks::signature::unix_now();
        assert!(scheme
            .verify(&[SECRET.to_string()], &r.headers, &r.body, now, 300)
            .is_valid());
    }
    // Without --provider, the Workestra event of the same name is chosen.
    env.hooks()
        .args(["send-test", "invoice.paid", "--secret", SECRET, "--to"])
        .arg(app.url("/"))
        .assert()
        .success();
    let r = app.received();
    let r = r.last().unwrap();
    assert!(r.json()["workspace_id"].is_string());
    assert!(r.header("x-workestra-signature").is_some());
}

#[test]
fn github_events_are_payloads_with_event_and_delivery_headers() {
    let env = Env::new();
    let app = Receiver::start();
    for event in GITHUB {
        let sent = send_json(&env, "github", event, &app.url("/"));
        let got = app.received();
        let r = got.last().unwrap();
        assert_eq!(r.header("x-github-event").as_deref(), Some(event));
        let guid = r.header("x-github-delivery").unwrap();
        assert_eq!(sent["id"], guid.as_str());
        assert_eq!(guid.len(), 36, "{guid}");
        assert!(r
            .header("x-hub-signature-256")
            .unwrap()
            .starts_with("sha256="));
        let body = r.json();
        assert!(body["repository"]["full_name"].is_string(), "{event}");
        assert!(body.get("type").is_none() && body.get("id").is_none());
    }
    let r = app.received();
    assert_eq!(r[0].json()["ref"], "refs/heads/main");
    assert_eq!(r[1].json()["action"], "opened");
}

#[test]
fn verify_accepts_what_sign_produced_for_stripe_and_github() {
    let env = Env::new();
    for (provider, event) in [("stripe", "charge.succeeded"), ("github", "push")] {
        let fixture = env
            .hooks()
            .args(["fixtures", "show", event, "--provider", provider])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let file = env.dir.path().join(format!("{provider}.json"));
        std::fs::write(&file, &fixture).unwrap();
        let signed = env
            .hooks()
            .args(["sign", "--provider", provider, "--secret", SECRET])
            .arg(&file)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let headers: Vec<String> = String::from_utf8(signed)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        assert_eq!(headers.len(), 1, "{headers:?}");
        let verify = |secret: &str| {
            let mut cmd = env.hooks();
            cmd.args(["verify", "--provider", provider, "--secret", secret]);
            for h in &headers {
                cmd.args(["--header", h]);
            }
            cmd.arg(&file).assert()
        };
        verify(SECRET).code(0);
        verify("whsec_another").code(1);
    }
}

#[test]
fn fixtures_list_shows_the_stripe_and_github_events() {
    let env = Env::new();
    for (provider, events) in [("stripe", &STRIPE[..]), ("github", &GITHUB[..])] {
        let out = env
            .hooks()
            .args([
                "fixtures",
                "list",
                "--provider",
                provider,
                "--format",
                "json",
            ])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let mut listed: Vec<String> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["event"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        listed.sort();
        let mut expected: Vec<String> = events.iter().map(|e| e.to_string()).collect();
        expected.sort();
        assert_eq!(listed, expected);
    }
}
