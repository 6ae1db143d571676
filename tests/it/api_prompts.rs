//! Prompts at a real pseudo-terminal (`create` asks for the URL and events,
//! `delete` asks to confirm), and the refusal to prompt anywhere else.

use crate::api_support::*;
use crate::support::Env;
use expectrl::{Eof, Expect, Session};
use serde_json::json;
use std::time::Duration;

/// `hooks ARGS` at a pseudo-terminal, with everything it printed kept so the
/// test can check the API key never showed.
struct Pty {
    session: expectrl::session::OsSession,
    printed: String,
}

impl Pty {
    fn spawn(env: &Env, args: &[String], extra_env: &[(&str, &str)]) -> Pty {
        let mut cmd = env.hooks_std();
        cmd.args(args)
            .env("HOOKS_API_KEY", KEY)
            .env("TERM", "xterm")
            .env_remove("CI");
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let mut session = Session::spawn(cmd).expect("hooks starts in a pty");
        session.set_expect_timeout(Some(Duration::from_secs(30)));
        Pty {
            session,
            printed: String::new(),
        }
    }

    fn expect(&mut self, text: &str) {
        let found = self
            .session
            .expect(text)
            .unwrap_or_else(|e| panic!("waiting for {text:?}: {e}; so far:\n{}", self.printed));
        self.printed
            .push_str(&String::from_utf8_lossy(found.as_bytes()));
    }

    fn send(&mut self, keys: &str) {
        self.session.send(keys).unwrap();
    }

    /// Reads to the end and returns the exit code.
    fn finish(mut self) -> (i32, String) {
        let rest = self.session.expect(Eof).expect("hooks exits");
        self.printed
            .push_str(&String::from_utf8_lossy(rest.as_bytes()));
        let status = format!("{:?}", self.session.get_process().wait().unwrap());
        assert_no_key(&self.printed);
        // `Exited(Pid(n), code)`: the code is the last number.
        let code = status
            .trim_end_matches(')')
            .rsplit(", ")
            .next()
            .and_then(|c| c.parse().ok())
            .unwrap_or_else(|| panic!("hooks did not exit normally: {status}"));
        (code, self.printed)
    }
}

#[test]
fn create_asks_for_the_url_and_the_events() {
    let env = Env::new();
    let fake = WebWorkFake::start(1, vec![]);
    let mut pty = Pty::spawn(&env, &args(&["create"], &fake.args()), &[]);
    pty.expect("Webhook URL");
    pty.send("https://relay.example.com/c/pty\r");
    pty.expect("tracker.stopped");
    // Select the first event, move down, select the second, confirm.
    pty.send(" ");
    pty.send("\x1b[B");
    pty.send(" ");
    pty.send("\r");
    let (code, printed) = pty.finish();
    assert_eq!(code, 0, "{printed}");
    let seen = fake.api.seen();
    assert_eq!(seen.len(), 1, "{printed}");
    assert_eq!(seen[0].line(), "POST /rest-api/v1/webhooks");
    assert_eq!(
        seen[0].json(),
        json!({"url": "https://relay.example.com/c/pty", "events": ["tracker.started", "tracker.stopped"]})
    );
    assert!(printed.contains("https://relay.example.com/c/pty"));
}

#[test]
fn create_asks_only_for_what_is_missing() {
    let env = Env::new();
    let fake = AworkFake::start(vec![]);
    let mut pty = Pty::spawn(
        &env,
        &args(&["create", "--event", "task_changed"], &fake.args()),
        &[],
    );
    pty.expect("Webhook URL");
    // Not a URL first: the prompt says why and asks again.
    pty.send("relay\r");
    pty.expect("invalid webhook URL");
    pty.send("\x15https://relay.example.com/c/aw\r");
    let (code, printed) = pty.finish();
    assert_eq!(code, 0, "{printed}");
    let seen = fake.api.seen();
    assert_eq!(seen.len(), 1, "{printed}");
    assert_eq!(seen[0].json()["uri"], "https://relay.example.com/c/aw");
    assert_eq!(seen[0].json()["events"], "task_changed");
}

#[test]
fn delete_asks_first_and_yes_deletes() {
    let env = Env::new();
    let fake = WebWorkFake::start(
        1,
        vec![ww_hook(2, "https://a.example.com/", &["tracker.started"])],
    );
    let mut pty = Pty::spawn(&env, &args(&["delete", "2"], &fake.args()), &[]);
    pty.expect("Delete webwork webhook 2?");
    pty.send("y");
    let (code, printed) = pty.finish();
    assert_eq!(code, 0, "{printed}");
    assert!(printed.contains("deleted webwork webhook 2"));
    assert_eq!(fake.api.lines(), ["DELETE /rest-api/v1/webhooks/2"]);
}

#[test]
fn delete_answered_no_deletes_nothing() {
    let env = Env::new();
    let fake = WebWorkFake::start(
        1,
        vec![ww_hook(2, "https://a.example.com/", &["tracker.started"])],
    );
    let mut pty = Pty::spawn(&env, &args(&["delete", "2"], &fake.args()), &[]);
    pty.expect("Delete webwork webhook 2?");
    pty.send("n");
    let (code, printed) = pty.finish();
    assert_eq!(code, 0, "{printed}");
    assert!(printed.contains("kept webhook 2: nothing was deleted"));
    assert!(fake.api.seen().is_empty());
}

#[test]
fn no_prompt_with_no_input_or_ci_even_at_a_terminal() {
    let env = Env::new();
    let fake = WebWorkFake::start(1, vec![]);
    let mut pty = Pty::spawn(&env, &args(&["--no-input", "create"], &fake.args()), &[]);
    pty.expect("error:");
    let (code, printed) = pty.finish();
    assert_eq!(code, 2, "{printed}");
    assert!(printed.contains("no webhook URL was given, and hooks does not prompt here"));
    assert!(printed.contains("pass --url URL"));

    let pty = Pty::spawn(
        &env,
        &args(&["delete", "2"], &fake.args()),
        &[("CI", "true")],
    );
    let (code, printed) = pty.finish();
    assert_eq!(code, 2, "{printed}");
    assert!(printed.contains("pass --yes"));
    assert!(fake.api.seen().is_empty());
}

#[test]
fn no_prompt_without_a_terminal() {
    let env = Env::new();
    let fake = AworkFake::start(vec![]);
    let run = hooks(
        &env,
        &args(&["create", "--url", "https://r.example.com/"], &fake.args()),
    );
    assert_eq!(run.code, 2);
    assert!(run
        .stderr
        .contains("error: no events were given, and hooks does not prompt here"));
    assert!(run.stderr.contains("pass --event E (repeatable)"));

    let run = hooks(&env, &args(&["delete", "x"], &fake.args()));
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains(
        "error: deleting webhook x needs a confirmation, and hooks does not prompt here"
    ));
    assert!(run.stderr.contains("pass --yes"));
    assert!(fake.api.seen().is_empty());
}
