//! `hooks list/get/create/update/delete/event-types/logs` against a fake
//! awork API that follows docs/management-api-shapes.md.

use crate::api_support::*;
use crate::support::Env;
use serde_json::json;

const ID1: &str = "00000000-0000-4000-8000-000000000001";

fn many(n: u32) -> Vec<serde_json::Value> {
    (1..=n)
        .map(|i| {
            aw_hook(
                i,
                &format!("https://app.example.com/a/{i}"),
                "task_changed",
                true,
            )
        })
        .collect()
}

#[test]
fn list_pages_until_an_empty_page() {
    let env = Env::new();
    let fake = AworkFake::start(many(150));
    let run = hooks(&env, &args(&["list", "--format", "json"], &fake.args()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        fake.api.lines(),
        [
            "GET /api/v1/webhooks?page=1&pageSize=100",
            "GET /api/v1/webhooks?page=2&pageSize=100",
            "GET /api/v1/webhooks?page=3&pageSize=100"
        ]
    );
    assert!(fake
        .api
        .seen()
        .iter()
        .all(|s| s.authorization.as_deref() == Some(bearer().as_str())));
    let lines = run.json_lines();
    assert_eq!(lines.len(), 150);
    assert_eq!(lines[0]["id"], ID1);
    assert_eq!(lines[0]["url"], "https://app.example.com/a/1");
    assert_eq!(lines[0]["events"], json!(["task_changed"]));
    assert_eq!(lines[0]["provider"], "awork");
    assert_eq!(lines[0]["raw"]["name"], "hook 1");
}

#[test]
fn list_table_shows_inactive_and_paused_webhooks() {
    let env = Env::new();
    let mut paused = aw_hook(
        2,
        "https://down.example.com/a",
        "task_changed,project_added",
        true,
    );
    paused["hooksStatus"] =
        json!({"state": "paused", "reason": "more than 10 failed deliveries", "failures": 11});
    let fake = AworkFake::start(vec![
        aw_hook(1, "https://relay.example.com/c/xyz", "task_changed", false),
        paused,
    ]);
    let run = hooks(&env, &args(&["list"], &fake.args()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("awork_list_table", run.stdout);
}

#[test]
fn create_sends_the_awork_form_with_header_authentication() {
    let env = Env::new();
    let fake = AworkFake::start(vec![]);
    let run = hooks(
        &env,
        &args(
            &[
                "create",
                "--url",
                "https://relay.example.com/c/xyz",
                "--event",
                "task_changed",
                "--event",
                "project_added",
                "--name",
                "dev relay",
                "--header",
                "X-Webhook-Token=s3cret",
                "--format",
                "json",
            ],
            &fake.args(),
        ),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let seen = fake.api.seen();
    assert_eq!(fake.api.lines(), ["POST /api/v1/webhooks"]);
    assert_eq!(seen[0].authorization.as_deref(), Some(bearer().as_str()));
    assert_eq!(seen[0].content_type.as_deref(), Some("application/json"));
    assert_eq!(
        seen[0].json(),
        json!({
            "name": "dev relay", "uri": "https://relay.example.com/c/xyz", "isActive": true,
            "language": "en", "onlyTriggerForMainEntityChanges": false,
            "events": "task_changed,project_added",
            "authenticationType": "header", "authentication": "X-Webhook-Token=s3cret"
        })
    );
    let created = &run.json_lines()[0];
    assert_eq!(created["events"], json!(["task_changed", "project_added"]));
    assert_eq!(created["active"], true);
}

#[test]
fn create_without_header_says_none() {
    let env = Env::new();
    let fake = AworkFake::start(vec![]);
    let run = hooks(
        &env,
        &args(
            &[
                "create",
                "--url",
                "https://r.example.com/",
                "-e",
                "task_changed",
            ],
            &fake.args(),
        ),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let body = fake.api.seen()[0].json();
    assert_eq!(body["authenticationType"], "none");
    assert_eq!(body["authentication"], "");
    assert_eq!(body["name"], "hooks");
}

#[test]
fn update_replaces_the_webhook_keeping_what_it_does_not_change() {
    let env = Env::new();
    let fake = AworkFake::start(many(1));
    let run = hooks(
        &env,
        &args(
            &["update", ID1, "--inactive", "--format", "json"],
            &fake.args(),
        ),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        fake.api.lines(),
        [
            format!("GET /api/v1/webhooks/{ID1}"),
            format!("PUT /api/v1/webhooks/{ID1}")
        ]
    );
    let put = &fake.api.seen()[1];
    assert_eq!(put.content_type.as_deref(), Some("application/json"));
    assert_eq!(
        put.json(),
        json!({
            "name": "hook 1", "uri": "https://app.example.com/a/1", "isActive": false,
            "language": "en", "onlyTriggerForMainEntityChanges": false, "events": "task_changed",
            "authenticationType": "none", "authentication": ""
        })
    );
    assert_eq!(run.json_lines()[0]["active"], false);
}

#[test]
fn get_delete_event_types_and_logs() {
    let env = Env::new();
    let fake = AworkFake::start(many(2));

    let run = hooks(&env, &args(&["get", ID1, "--format", "json"], &fake.args()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json_lines()[0]["id"], ID1);

    let run = hooks(&env, &args(&["event-types"], &fake.args()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "EVENT\ntask_changed\nproject_added\ncompany_added\n"
    );

    let run = hooks(&env, &args(&["logs", ID1], &fake.args()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("awork_logs_table", run.stdout);

    let run = hooks(
        &env,
        &args(&["logs", ID1, "--format", "json"], &fake.args()),
    );
    assert_eq!(
        run.json_lines()[1],
        json!({
            "webhook": ID1, "at": "2026-03-01T10:01:00Z", "response_code": 0, "success": false,
            "message": "Connection refused", "reason": "connection_error",
            "raw": {"message": "Connection refused", "responseCode": 0, "isSuccessful": false, "reason": "connection_error", "createdOn": "2026-03-01T10:01:00Z"}
        })
    );

    let run = hooks(&env, &args(&["delete", ID1, "--yes"], &fake.args()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, format!("deleted awork webhook {ID1}\n"));

    assert_eq!(
        fake.api.lines(),
        [
            format!("GET /api/v1/webhooks/{ID1}"),
            "GET /api/v1/webhooks/eventtypes".to_string(),
            format!("GET /api/v1/webhooks/{ID1}/logs"),
            format!("GET /api/v1/webhooks/{ID1}/logs"),
            format!("DELETE /api/v1/webhooks/{ID1}"),
        ]
    );
    assert!(fake
        .api
        .seen()
        .iter()
        .all(|s| s.authorization.as_deref() == Some(bearer().as_str()) && s.body.is_empty()));
    assert_eq!(fake.store.lock().unwrap().len(), 1);
}

#[test]
fn a_bad_header_flag_is_refused_before_any_request() {
    let env = Env::new();
    let fake = AworkFake::start(vec![]);
    let run = hooks(
        &env,
        &args(
            &[
                "create",
                "--url",
                "https://r.example.com/",
                "-e",
                "task_changed",
                "--header",
                "X-Token",
            ],
            &fake.args(),
        ),
    );
    assert_eq!(run.code, 2);
    assert!(run
        .stderr
        .contains("invalid --header 'X-Token': expected Name=value"));
    assert!(fake.api.seen().is_empty());
}

#[test]
fn awork_has_only_api_version_1() {
    let env = Env::new();
    let fake = AworkFake::start(vec![]);
    let run = hooks(&env, &args(&["list", "--api-version", "2"], &fake.args()));
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("awork has no API version 2"));
    assert!(fake.api.seen().is_empty());
}
