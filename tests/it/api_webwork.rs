//! `hooks list/get/create/update/delete/event-types/logs` against fake
//! WebWork APIs (v1 and v2) that follow docs/management-api-shapes.md.

use crate::api_support::*;
use crate::support::Env;
use serde_json::json;

fn many(n: u64) -> Vec<serde_json::Value> {
    (1..=n)
        .map(|i| {
            ww_hook(
                i,
                &format!("https://app.example.com/h/{i}"),
                &["tracker.started"],
            )
        })
        .collect()
}

#[test]
fn v1_list_follows_three_pages_with_basic_auth() {
    let env = Env::new();
    let fake = WebWorkFake::start(1, many(120));
    let run = hooks(&env, &args(&["list", "--format", "json"], &fake.args()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        fake.api.lines(),
        [
            "GET /rest-api/v1/webhooks?page=1",
            "GET /rest-api/v1/webhooks?page=2",
            "GET /rest-api/v1/webhooks?page=3"
        ]
    );
    for seen in fake.api.seen() {
        assert_eq!(seen.authorization.as_deref(), Some(basic_auth().as_str()));
        assert_eq!(seen.body, "");
    }
    let lines = run.json_lines();
    assert_eq!(lines.len(), 120);
    assert_eq!(
        lines[119],
        json!({
            "id": "120", "url": "https://app.example.com/h/120", "events": ["tracker.started"],
            "active": true, "provider": "webwork", "status": null, "reason": null,
            "raw": {"id": 120, "url": "https://app.example.com/h/120", "events": ["tracker.started"], "token": "tok_120"}
        })
    );
}

#[test]
fn v2_list_follows_three_pages_in_the_workspace_with_a_bearer_token() {
    let env = Env::new();
    let fake = WebWorkFake::start(2, many(101));
    let run = hooks(&env, &args(&["list", "--format", "json"], &fake.args()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        fake.api.lines(),
        [
            "GET /api/v2/webhooks?workspace_id=ws_77&page=1",
            "GET /api/v2/webhooks?workspace_id=ws_77&page=2",
            "GET /api/v2/webhooks?workspace_id=ws_77&page=3"
        ]
    );
    assert!(fake
        .api
        .seen()
        .iter()
        .all(|s| s.authorization.as_deref() == Some(bearer().as_str())));
    let ids: Vec<String> = run
        .json_lines()
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 101);
    assert_eq!(ids[100], "101");
}

#[test]
fn list_table_shows_the_emulator_status() {
    let env = Env::new();
    let mut paused = ww_hook(
        2,
        "https://down.example.com/x",
        &["tracker.started", "tracker.stopped"],
    );
    paused["hooksStatus"] =
        json!({"state": "disabled", "reason": "5 deliveries failed", "failures": 5});
    let mut fine = ww_hook(1, "https://relay.example.com/c/abc", &["tracker.started"]);
    fine["hooksStatus"] = json!({"state": "active", "reason": null, "failures": 0});
    let fake = WebWorkFake::start(1, vec![fine, paused]);
    let run = hooks(&env, &args(&["list"], &fake.args()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("webwork_list_table", run.stdout);

    let run = hooks(&env, &args(&["list", "--format", "json"], &fake.args()));
    let lines = run.json_lines();
    assert_eq!(lines[1]["status"], "disabled");
    assert_eq!(lines[1]["reason"], "5 deliveries failed");
    assert_eq!(lines[1]["active"], false);
    assert_eq!(lines[0]["status"], "active");
}

#[test]
fn v1_get_reads_one_webhook() {
    let env = Env::new();
    let fake = WebWorkFake::start(1, many(3));
    let run = hooks(&env, &args(&["get", "2"], &fake.args()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fake.api.lines(), ["GET /rest-api/v1/webhooks/2"]);
    insta::assert_snapshot!("webwork_get_table", run.stdout);
}

#[test]
fn v1_create_posts_json() {
    let env = Env::new();
    let fake = WebWorkFake::start(1, many(2));
    let run = hooks(
        &env,
        &args(
            &[
                "create",
                "--url",
                "https://relay.example.com/c/abc",
                "--event",
                "tracker.started,tracker.stopped",
                "--format",
                "json",
            ],
            &fake.args(),
        ),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let seen = fake.api.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].line(), "POST /rest-api/v1/webhooks");
    assert_eq!(
        seen[0].authorization.as_deref(),
        Some(basic_auth().as_str())
    );
    assert_eq!(seen[0].content_type.as_deref(), Some("application/json"));
    assert_eq!(
        seen[0].json(),
        json!({"url": "https://relay.example.com/c/abc", "events": ["tracker.started", "tracker.stopped"]})
    );
    let created = &run.json_lines()[0];
    assert_eq!(created["id"], "3");
    assert_eq!(
        created["events"],
        json!(["tracker.started", "tracker.stopped"])
    );
    assert_eq!(created["raw"]["token"], "tok_3");
}

#[test]
fn v2_create_names_the_workspace_in_the_body() {
    let env = Env::new();
    let fake = WebWorkFake::start(2, vec![]);
    let run = hooks(
        &env,
        &args(
            &[
                "create",
                "--url",
                "https://relay.example.com/c/abc",
                "-e",
                "tracker.stopped",
                "--format",
                "json",
            ],
            &fake.args(),
        ),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let seen = fake.api.seen();
    assert_eq!(seen[0].line(), "POST /api/v2/webhooks");
    assert_eq!(seen[0].authorization.as_deref(), Some(bearer().as_str()));
    assert_eq!(seen[0].content_type.as_deref(), Some("application/json"));
    assert_eq!(
        seen[0].json(),
        json!({"url": "https://relay.example.com/c/abc", "events": ["tracker.stopped"], "workspace_id": "ws_77"})
    );
    assert_eq!(run.json_lines()[0]["raw"]["token"], "whsec_fake1");
}

#[test]
fn v1_update_keeps_the_url_it_does_not_change() {
    let env = Env::new();
    let fake = WebWorkFake::start(1, many(2));
    let run = hooks(
        &env,
        &args(
            &[
                "update",
                "2",
                "--event",
                "tracker.stopped",
                "--format",
                "json",
            ],
            &fake.args(),
        ),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        fake.api.lines(),
        ["GET /rest-api/v1/webhooks/2", "PUT /rest-api/v1/webhooks/2"]
    );
    let put = &fake.api.seen()[1];
    assert_eq!(put.content_type.as_deref(), Some("application/json"));
    assert_eq!(
        put.json(),
        json!({"url": "https://app.example.com/h/2", "events": ["tracker.stopped"]})
    );
    assert_eq!(run.json_lines()[0]["events"], json!(["tracker.stopped"]));
}

#[test]
fn v2_update_with_a_url_is_one_put() {
    let env = Env::new();
    let fake = WebWorkFake::start(2, many(2));
    let run = hooks(
        &env,
        &args(
            &["update", "1", "--url", "https://new.example.com/h"],
            &fake.args(),
        ),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let seen = fake.api.seen();
    assert_eq!(fake.api.lines(), ["PUT /api/v2/webhooks/1"]);
    assert_eq!(
        seen[0].json(),
        json!({"url": "https://new.example.com/h", "workspace_id": "ws_77"})
    );
    assert!(run.stdout.contains("https://new.example.com/h"));
}

#[test]
fn webwork_cannot_be_switched_off() {
    let env = Env::new();
    let fake = WebWorkFake::start(1, many(1));
    let run = hooks(&env, &args(&["update", "1", "--inactive"], &fake.args()));
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("cannot be switched on or off"),
        "{}",
        run.stderr
    );
    assert!(fake.api.seen().is_empty());
}

#[test]
fn update_without_changes_is_refused() {
    let env = Env::new();
    let fake = WebWorkFake::start(1, many(1));
    let run = hooks(&env, &args(&["update", "1"], &fake.args()));
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("nothing to change on webhook 1"));
    assert!(run
        .stderr
        .contains("--url, --event, --active or --inactive"));
    assert!(fake.api.seen().is_empty());
}

#[test]
fn delete_with_yes_in_both_versions() {
    for version in [1, 2] {
        let env = Env::new();
        let fake = WebWorkFake::start(version, many(2));
        let run = hooks(&env, &args(&["delete", "2", "--yes"], &fake.args()));
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(run.stdout, "deleted webwork webhook 2\n");
        let expected = if version == 1 {
            "DELETE /rest-api/v1/webhooks/2"
        } else {
            "DELETE /api/v2/webhooks/2?workspace_id=ws_77"
        };
        assert_eq!(fake.api.lines(), [expected]);
        assert_eq!(fake.store.lock().unwrap().len(), 1);

        let run = hooks(
            &env,
            &args(&["delete", "1", "--yes", "--format", "json"], &fake.args()),
        );
        assert_eq!(
            run.json_lines(),
            [json!({"id": "1", "provider": "webwork", "deleted": true})]
        );
    }
}

#[test]
fn v2_get_scopes_by_workspace() {
    let env = Env::new();
    let fake = WebWorkFake::start(2, many(1));
    let run = hooks(&env, &args(&["get", "1", "--format", "json"], &fake.args()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        fake.api.lines(),
        ["GET /api/v2/webhooks/1?workspace_id=ws_77"]
    );
    assert_eq!(run.json_lines()[0]["url"], "https://app.example.com/h/1");
}

#[test]
fn event_types_are_the_documented_catalog_and_logs_are_refused() {
    let env = Env::new();
    let fake = WebWorkFake::start(1, vec![]);
    let run = hooks(
        &env,
        &args(&["event-types", "--format", "json"], &fake.args()),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.json_lines(),
        [
            json!({"provider": "webwork", "event": "tracker.started"}),
            json!({"provider": "webwork", "event": "tracker.stopped"})
        ]
    );
    assert!(run.stderr.contains("no event-types endpoint"));

    let run = hooks(&env, &args(&["logs", "1"], &fake.args()));
    assert_eq!(run.code, 2);
    assert!(run
        .stderr
        .contains("WebWork Time Tracker has no API for delivery logs"));
    assert!(fake.api.seen().is_empty());
}

#[test]
fn v1_needs_the_account_email_and_v2_the_workspace() {
    let env = Env::new();
    let fake = WebWorkFake::start(1, vec![]);
    let run = hooks(
        &env,
        &args(
            &["list", "--provider", "webwork", "--api-url"],
            &[fake.base()],
        ),
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("needs the account e-mail"));
    assert!(run.stderr.contains("--account-email"));

    let run = hooks(
        &env,
        &args(
            &[
                "list",
                "--provider",
                "webwork",
                "--api-version",
                "2",
                "--api-url",
            ],
            &[fake.base()],
        ),
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--workspace-id"));
    assert!(fake.api.seen().is_empty());
}

#[test]
fn the_profile_supplies_provider_credentials_and_url() {
    let env = Env::new();
    let fake = WebWorkFake::start(1, many(1));
    env.write_config(&format!(
        "default_profile = \"ww\"\n[profiles.ww]\nprovider = \"webwork\"\napi_url = \"{}\"\naccount_email = \"{EMAIL}\"\napi_key_cmd = \"printf '%s\\\\n' {KEY}\"\n",
        fake.base()
    ));
    let run = hooks_with(&env, &args(&["list", "--format", "json"], &[]), |_| {});
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json_lines().len(), 1);
    assert_eq!(
        fake.api.seen()[0].authorization.as_deref(),
        Some(basic_auth().as_str())
    );
}
