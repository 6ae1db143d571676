//! Every error path of the management commands: message and exit code.

use crate::api_support::*;
use crate::support::{closed_port, Env};
use serde_json::json;

#[test]
fn wrong_credentials_are_an_authentication_failure() {
    let env = Env::new();
    let fake = WebWorkFake::start(1, vec![]);
    let run = hooks_with(&env, &args(&["list"], &fake.args()), |c| {
        c.env("HOOKS_API_KEY", format!("{KEY}-wrong"));
    });
    assert_eq!(run.code, 3);
    assert!(
        run.stderr.contains(&format!(
            "error: authentication failed for WebWork Time Tracker at {}/webhooks?page=1: the API key from HOOKS_API_KEY was refused",
            fake.base()
        )),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("Unauthenticated."));
    assert!(run.stdout.is_empty());
    assert_eq!(fake.api.seen().len(), 1, "401 is not retried");

    // A wrong key given with the flag names the flag, not the variable.
    let wrong = format!("{KEY}-wrong");
    let run = hooks_with(
        &env,
        &args(&["list", "--api-key", &wrong], &fake.args()),
        |_| {},
    );
    assert_eq!(run.code, 3);
    assert!(
        run.stderr
            .contains("the API key from --api-key was refused"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("HOOKS_API_KEY"), "{}", run.stderr);
}

#[test]
fn a_key_the_provider_echoes_back_is_scrubbed() {
    let env = Env::new();
    let fake = AworkFake::start(vec![]);
    fake.api.script(vec![Reply::json(
        403,
        json!({"code": "forbidden", "description": format!("key {KEY} may not manage webhooks")}),
    )]);
    env.write_config(&format!("[profiles.work]\napi_key = \"{KEY}\"\n"));
    let run = hooks_with(
        &env,
        &args(&["list", "--profile", "work"], &fake.args()),
        |_| {},
    );
    assert_eq!(run.code, 3);
    assert!(run.stderr.contains("authentication failed for awork at"));
    assert!(
        run.stderr
            .contains("the API key from api_key in [profiles.work] of "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("key *** may not manage webhooks"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_key_from_the_command_line_is_never_printed() {
    let env = Env::new();
    let fake = AworkFake::start(vec![]);
    let run = hooks_with(
        &env,
        &args(
            &["list", "--api-key", KEY, "--format", "json"],
            &fake.args(),
        ),
        |_| {},
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        fake.api.seen()[0].authorization.as_deref(),
        Some(bearer().as_str())
    );
    let help = hooks_with(&env, &args(&["list", "--help"], &[]), |c| {
        c.env("HOOKS_API_KEY", KEY);
    });
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("HOOKS_API_KEY"));
}

#[test]
fn an_unknown_webhook_is_not_found() {
    let env = Env::new();
    let fake = WebWorkFake::start(1, vec![]);
    let run = hooks(&env, &args(&["get", "999"], &fake.args()));
    assert_eq!(
        run.code, 1,
        "a missing webhook is a result, not a network error"
    );
    assert!(
        run.stderr.contains("error: webhook 999 not found"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`hooks list` shows the ids"));

    let awork = AworkFake::start(vec![]);
    let run = hooks(&env, &args(&["delete", "nope", "--yes"], &awork.args()));
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error: webhook nope not found"));
}

#[test]
fn validation_errors_carry_the_providers_own_message() {
    let env = Env::new();
    let fake = WebWorkFake::start(1, vec![]);
    fake.api.script(vec![Reply::json(
        422,
        json!({"success": false, "message": "The given data was invalid.", "errors": {"events": ["The events must be unique."]}}),
    )]);
    let run = hooks(
        &env,
        &args(
            &[
                "create",
                "--url",
                "https://r.example.com/",
                "-e",
                "tracker.started",
            ],
            &fake.args(),
        ),
    );
    assert_eq!(run.code, 3);
    assert!(
        run.stderr.contains(
            "error: WebWork Time Tracker refused the request: The given data was invalid. (events: The events must be unique.)"
        ),
        "{}",
        run.stderr
    );

    let awork = AworkFake::start(vec![]);
    awork.api.script(vec![Reply::json(
        400,
        json!({"code": "validation-error", "description": "uri must be https"}),
    )]);
    let run = hooks(
        &env,
        &args(
            &[
                "create",
                "--url",
                "http://r.example.com/",
                "-e",
                "task_changed",
            ],
            &awork.args(),
        ),
    );
    assert_eq!(run.code, 3);
    assert!(run
        .stderr
        .contains("error: awork refused the request: uri must be https (validation-error)"));
}

#[test]
fn a_rate_limit_is_waited_out_then_the_request_succeeds() {
    let env = Env::new();
    let fake = WebWorkFake::start(
        2,
        vec![ww_hook(1, "https://a.example.com/", &["tracker.started"])],
    );
    fake.api.script(vec![Reply::json(
        429,
        json!({"success": false, "message": "Too Many Attempts."}),
    )
    .header("Retry-After", "1")]);
    let run = hooks(&env, &args(&["list", "--format", "json"], &fake.args()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json_lines().len(), 1);
    assert_eq!(fake.api.seen().len(), 2);
    let waits: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("rate limit"))
        .collect();
    assert_eq!(waits.len(), 1, "{}", run.stderr);
    assert!(waits[0].contains("waiting 1.0s"), "{}", waits[0]);
}

#[test]
fn awork_rate_limit_reset_is_followed() {
    let env = Env::new();
    let fake = AworkFake::start(vec![]);
    fake.api.script(vec![Reply::json(
        429,
        json!({"code": "too-many-requests", "description": "Rate limit exceeded"}),
    )
    .header("ratelimit-limit", "10")
    .header("ratelimit-remaining", "0")
    .header("ratelimit-reset", "1")]);
    let run = hooks(
        &env,
        &args(&["event-types", "--format", "json"], &fake.args()),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json_lines().len(), AWORK_EVENT_TYPES.len());
    assert!(run.stderr.contains("awork rate limit reached"));
    assert_eq!(fake.api.seen().len(), 2);
}

#[test]
fn a_rate_limit_that_never_lifts_ends_with_exit_3() {
    let env = Env::new();
    let fake = AworkFake::start(vec![]);
    let limited = || {
        Reply::json(
            429,
            json!({"code": "too-many-requests", "description": "slow down"}),
        )
        .header("Retry-After", "0")
    };
    fake.api
        .script(vec![limited(), limited(), limited(), limited()]);
    let run = hooks(&env, &args(&["list"], &fake.args()));
    assert_eq!(run.code, 3);
    assert!(run.stderr.contains("kept answering 429"), "{}", run.stderr);
    assert_eq!(fake.api.seen().len(), 4);
}

#[test]
fn server_errors_are_retried_three_times_then_exit_3() {
    let env = Env::new();
    let fake = WebWorkFake::start(1, vec![]);
    let broken = || Reply::json(500, json!({"success": false, "message": "Server Error"}));
    fake.api
        .script(vec![broken(), broken(), broken(), broken(), broken()]);
    let run = hooks(&env, &args(&["list"], &fake.args()));
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert_eq!(fake.api.seen().len(), 4, "one try and three retries");
    assert_eq!(
        run.stderr.matches("retrying in").count(),
        3,
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("answered 500 Internal Server Error at"));
    assert!(run.stderr.contains("after 4 attempts: Server Error"));
}

#[test]
fn a_server_error_that_clears_is_invisible_in_the_result() {
    let env = Env::new();
    let fake = AworkFake::start(vec![aw_hook(
        1,
        "https://a.example.com/",
        "task_changed",
        true,
    )]);
    fake.api.script(vec![Reply::empty(503)]);
    let run = hooks(&env, &args(&["list", "--format", "json"], &fake.args()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json_lines().len(), 1);
    assert!(run.stderr.contains("answered 503 Service Unavailable"));
}

#[test]
fn a_500_to_create_is_not_repeated() {
    let env = Env::new();
    let fake = AworkFake::start(vec![]);
    fake.api.script(vec![Reply::json(
        500,
        json!({"code": "error", "description": "boom"}),
    )]);
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
    assert_eq!(run.code, 3);
    assert_eq!(fake.api.seen().len(), 1);
    assert!(run.stderr.contains("boom (error)"));
}

#[test]
fn a_refused_connection_is_retried_then_exit_3() {
    let env = Env::new();
    let url = format!("http://127.0.0.1:{}/api/v1", closed_port());
    let run = hooks(
        &env,
        &args(&["list", "--provider", "awork", "--api-url", &url], &[]),
    );
    assert_eq!(run.code, 3);
    assert_eq!(
        run.stderr.matches("connection refused; retrying").count(),
        3,
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(&format!(
        "error: cannot connect to awork at {url}/webhooks?page=1&pageSize=100: connection refused (after 4 attempts)"
    )));
    assert!(run.stderr.contains("check --api-url"));
}

#[test]
fn a_connection_reset_is_retried_then_exit_3() {
    let env = Env::new();
    // A server that takes each connection and closes it without answering.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let accepted = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = accepted.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(10) {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            drop(stream);
        }
    });
    let url = format!("http://{addr}/api/v1");
    let run = hooks(
        &env,
        &args(
            &["get", "abc", "--provider", "awork", "--api-url", &url],
            &[],
        ),
    );
    assert_eq!(run.code, 3);
    assert_eq!(
        run.stderr.matches("connection reset; retrying").count(),
        3,
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("(after 4 attempts)"), "{}", run.stderr);
    assert_eq!(accepted.load(std::sync::atomic::Ordering::SeqCst), 4);
}

#[test]
fn https_to_a_plain_http_server_is_explained() {
    let env = Env::new();
    let fake = AworkFake::start(vec![]);
    let url = format!("https://{}/api/v1", fake.api.addr);
    let run = hooks(
        &env,
        &args(&["list", "--provider", "awork", "--api-url", &url], &[]),
    );
    assert_eq!(run.code, 3);
    assert!(
        run.stderr.contains("secure connection to 127.0.0.1 failed"),
        "{}",
        run.stderr
    );
    assert!(run
        .stderr
        .contains("a plain-HTTP server needs an http:// --api-url"));
}

#[test]
fn unknown_events_are_refused_with_a_suggestion() {
    let env = Env::new();
    let fake = WebWorkFake::start(1, vec![]);
    let run = hooks(
        &env,
        &args(
            &[
                "create",
                "--url",
                "https://r.example.com/",
                "-e",
                "tracker.stoped",
            ],
            &fake.args(),
        ),
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains(
        "error: unknown WebWork Time Tracker event 'tracker.stoped' (did you mean 'tracker.stopped'?)"
    ));
    assert!(run.stderr.contains("--allow-unknown-event"));
    assert!(fake.api.seen().is_empty());

    let run = hooks(
        &env,
        &args(
            &[
                "create",
                "--url",
                "https://r.example.com/",
                "-e",
                "tracker.paused",
                "--allow-unknown-event",
            ],
            &fake.args(),
        ),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        fake.api.seen()[0].json()["events"],
        json!(["tracker.paused"])
    );
}

#[test]
fn providers_without_an_api_print_the_web_ui_steps() {
    let env = Env::new();
    let run = hooks(&env, &args(&["list", "--provider", "workestra"], &[]));
    assert_eq!(run.code, 2);
    assert!(run
        .stderr
        .contains("error: hooks cannot manage Workestra webhooks"));
    assert!(run.stderr.contains("Settings > API > Webhooks"));

    let run = hooks(
        &env,
        &args(
            &[
                "create",
                "--provider",
                "wheniwork",
                "--url",
                "https://x.example.com/",
            ],
            &[],
        ),
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("General Settings > Webhooks"));

    let run = hooks(
        &env,
        &args(&["delete", "1", "--yes", "--provider", "github"], &[]),
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains(
        "'github' is a signature scheme, not a provider: there are no webhooks to manage"
    ));
}

#[test]
fn missing_provider_and_key_name_where_to_set_them() {
    let env = Env::new();
    let run = hooks(&env, &args(&["list"], &[]));
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--provider (webwork, awork)"),
        "{}",
        run.stderr
    );

    let run = hooks_with(&env, &args(&["list", "--provider", "awork"], &[]), |_| {});
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("error: no API key for awork"));
    assert!(run.stderr.contains("HOOKS_API_KEY"));
    assert!(run.stderr.contains("api_key_cmd"));
}

#[test]
fn a_failing_api_key_cmd_is_a_configuration_error() {
    let env = Env::new();
    env.write_config("[profiles.p]\nprovider = \"awork\"\napi_key_cmd = \"exit 7\"\n");
    let run = hooks_with(&env, &args(&["list", "--profile", "p"], &[]), |_| {});
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("api_key_cmd in [profiles.p]"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("failed"));
}

#[test]
fn an_api_url_that_is_not_the_api_is_explained() {
    let env = Env::new();
    let fake = AworkFake::start(vec![]);
    let run = hooks(
        &env,
        &args(
            &[
                "list",
                "--provider",
                "awork",
                "--api-url",
                &fake.api.url("/wrong"),
            ],
            &[],
        ),
    );
    assert_eq!(run.code, 3);
    assert!(
        run.stderr.contains("awork has no such endpoint"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("check --api-url"));
}

#[test]
fn a_server_that_never_answers_times_out() {
    let env = Env::new();
    // The kernel completes the handshake; nobody ever reads or answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/api/v1", silent.local_addr().unwrap());
    let run = hooks(
        &env,
        &args(
            &[
                "list",
                "--provider",
                "awork",
                "--timeout",
                "1s",
                "--api-url",
                &url,
            ],
            &[],
        ),
    );
    assert_eq!(run.code, 3);
    assert!(
        run.stderr.contains("did not answer in time"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("raise --timeout"));
}

#[test]
fn an_answer_that_is_not_the_api_is_explained() {
    let env = Env::new();
    let page = FakeApi::start(std::sync::Arc::new(|_| Reply {
        status: 200,
        headers: vec![("content-type".into(), "text/html".into())],
        body: "<html>login</html>".into(),
    }));
    let run = hooks(
        &env,
        &args(
            &[
                "list",
                "--provider",
                "webwork",
                "--account-email",
                EMAIL,
                "--api-url",
                &page.url("/"),
            ],
            &[],
        ),
    );
    assert_eq!(run.code, 3);
    assert!(
        run.stderr
            .contains("WebWork sent a list answer without a data array"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("check --api-url and --api-version"));
}
