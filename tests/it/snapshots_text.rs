//! Snapshots (insta) of what people read: help text, tables and the pretty
//! lines of send-test, with the parts that change on every run (ids,
//! latencies, ports) replaced by placeholders.

use crate::support::{Env, Receiver};

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// Replaces each run of characters after `marker` up to one of `stop`
/// with `placeholder`.
fn mask(text: &str, marker: &str, stop: &[char], placeholder: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(marker) {
        out.push_str(&rest[..i + marker.len()]);
        rest = &rest[i + marker.len()..];
        let end = rest.find(|c| stop.contains(&c)).unwrap_or(rest.len());
        out.push_str(placeholder);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn help_text() {
    let env = Env::new();
    for (name, args) in [
        ("help_top", vec!["--help"]),
        ("help_send_test", vec!["send-test", "--help"]),
        ("help_listen", vec!["listen", "--help"]),
        ("help_check", vec!["check", "--help"]),
    ] {
        // The temp paths in HOOKS_CONFIG differ per run; help shows env values.
        let text = stdout(
            env.hooks()
                .args(&args)
                .env_remove("HOOKS_CONFIG")
                .env("COLUMNS", "100"),
        );
        insta::assert_snapshot!(name, text);
    }
}

#[test]
fn fixtures_table() {
    let env = Env::new();
    let text = stdout(
        env.hooks()
            .args(["fixtures", "list", "--provider", "wheniwork"]),
    );
    insta::assert_snapshot!("fixtures_list_wheniwork", text);
}

#[test]
fn send_test_pretty_lines() {
    let env = Env::new();
    let app = Receiver::start();
    let text = stdout(
        env.hooks()
            .args(["send-test", "users::created", "--to"])
            .arg(app.url("/hooks")),
    );
    let text = text.replace(&app.addr.to_string(), "127.0.0.1:PORT");
    let text = mask(&text, "[", &[']'], "ID");
    let text = mask(&text, "(", &[' '], "N");
    let text = text.replace("[ID] POST", "[200] POST");
    insta::assert_snapshot!("send_test_pretty", text);
}
