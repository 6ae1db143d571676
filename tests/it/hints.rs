//! Every flag a message or hint names exists on the command that shows it:
//! each string literal in src/ that names a `--flag` is checked against the
//! commands its file (or function) serves, and each `hooks CMD --flag` in
//! backticks against CMD, through clap's own definition of the CLI.

use clap::CommandFactory;
use std::collections::BTreeMap;

/// Which commands show the text of a file, or of one function in it
/// (`file::function` wins over `file`). A file that names a flag must be
/// listed here, so new text is checked as soon as it is written.
const SHOWN_BY: &[(&str, &[&str])] = &[
    ("src/commands/send_test.rs", &["send-test"]),
    ("src/commands/listen.rs", &["listen"]),
    ("src/commands/replay.rs", &["replay"]),
    ("src/delivery/forward.rs::with_tls", &["listen", "replay"]),
    // Only with the hint that with_tls sets.
    ("src/delivery/forward.rs::failure", &["listen", "replay"]),
    (
        "src/delivery/forward.rs::https_client",
        &["listen", "replay"],
    ),
    ("src/delivery/forward.rs::parse_header", &["listen"]),
    ("src/delivery/respond.rs", &["listen"]),
    ("src/delivery/filter.rs", &["listen"]),
    ("src/commands/deliveries.rs::run", &["deliveries clear"]),
    ("src/commands/deliveries.rs::show", &["deliveries show"]),
    ("src/commands/inspect.rs", &["inspect"]),
    ("src/commands/inspect.rs::prepare", &["listen"]),
    ("src/commands/sign.rs", &["sign", "verify"]),
    ("src/commands/verify.rs", &["verify"]),
    ("src/commands/emulate.rs", &["emulate"]),
    ("src/commands/emulate.rs::trigger", &["emulate trigger"]),
    ("src/commands/remote.rs::create", &["create"]),
    ("src/commands/remote.rs::update", &["update"]),
    ("src/commands/remote.rs::delete", &["delete"]),
    ("src/commands/relay.rs::serve", &["relay serve"]),
    ("src/commands/relay.rs::connect", &["relay connect"]),
    ("src/commands/relay.rs::cluster_options", &["relay serve"]),
    ("src/commands/relay.rs::status", &["relay status"]),
    (
        "src/commands/relay.rs::queue",
        &["relay queue list", "relay queue retry", "relay queue drop"],
    ),
    (
        "src/commands/relay.rs::drop_confirmed",
        &["relay queue drop"],
    ),
    (
        "src/commands/relay.rs::no_stray_nats_flags",
        &[
            "relay serve",
            "relay queue list",
            "relay queue retry",
            "relay queue drop",
        ],
    ),
    (
        "src/commands/relay.rs::cluster_unreadable",
        &[
            "relay status",
            "relay queue list",
            "relay queue retry",
            "relay queue drop",
        ],
    ),
    (
        "src/commands/relay.rs::cluster_queue",
        &["relay queue list", "relay queue retry", "relay queue drop"],
    ),
    ("src/delivery/pipeline.rs", &["listen"]),
    ("src/delivery/print.rs", &["listen"]),
    ("src/delivery/store.rs", &["listen"]),
    ("src/delivery/replay.rs", &["replay"]),
    (
        "src/signing.rs",
        &[
            "send-test",
            "listen",
            "replay",
            "sign",
            "verify",
            "emulate",
            "inspect",
        ],
    ),
    (
        "src/config.rs",
        &[
            "send-test",
            "listen",
            "replay",
            "sign",
            "verify",
            "emulate",
            "inspect",
        ],
    ),
    ("src/listener.rs", &["listen"]),
    ("src/outbound.rs", &["send-test"]),
    ("src/outbound.rs::parse_target", &["send-test", "replay"]),
    ("src/commands/mod.rs::note_dev_secret", &["sign", "verify"]),
    ("src/signature.rs", &["listen"]),
    ("src/inspector/mod.rs", &["listen"]),
    ("src/inspector/server.rs", &["listen", "inspect"]),
    ("src/payload.rs", &["send-test", "emulate trigger"]),
    ("src/fixtures.rs", &["send-test"]),
    ("src/size.rs", &[]),
    (
        "src/api/mod.rs",
        &[
            "list",
            "get",
            "create",
            "update",
            "delete",
            "event-types",
            "logs",
        ],
    ),
    (
        "src/api/mod.rs::check_events",
        &["create", "update", "listen"],
    ),
    ("src/api/mod.rs::parse_auth_header", &["create"]),
    (
        "src/api/http.rs",
        &[
            "list",
            "get",
            "create",
            "update",
            "delete",
            "event-types",
            "logs",
        ],
    ),
    (
        "src/api/awork.rs",
        &[
            "list",
            "get",
            "create",
            "update",
            "delete",
            "event-types",
            "logs",
        ],
    ),
    (
        "src/api/webwork.rs",
        &[
            "list",
            "get",
            "create",
            "update",
            "delete",
            "event-types",
            "logs",
        ],
    ),
    ("src/api/webwork.rs::create", &["create"]),
    ("src/api/webwork.rs::update", &["update"]),
    ("src/api/prompt.rs", &["create"]),
    ("src/relay/client.rs", &["listen", "relay connect"]),
    ("src/relay/register.rs", &["listen"]),
    ("src/relay/register.rs::cleanup_command", &["delete"]),
    ("src/relay/server/mod.rs", &["relay serve"]),
    ("src/relay/server/cluster.rs", &["relay serve"]),
    ("src/relay/server/metrics.rs", &["relay serve"]),
    ("src/relay/server/public.rs", &["relay serve"]),
    ("src/relay/server/queue.rs", &["relay serve"]),
    ("src/relay/server/tunnels.rs", &["relay serve"]),
    ("src/relay/tokens.rs", &["relay serve"]),
    ("src/relay/store.rs", &["relay serve"]),
    ("src/emulator/mod.rs", &["emulate"]),
    ("src/emulator/store.rs", &["emulate"]),
    ("src/inspector/api.rs", &[]),
    ("src/check/cases.rs", &["check"]),
    ("src/check/run.rs", &["check"]),
    ("src/commands/check.rs", &["check"]),
    ("src/commands/relay.rs::queue", &["relay queue drop"]),
    ("src/demo.rs", &["listen"]),
    // curl's own flags, in the inspector's "Copy as curl" command.
    ("src/delivery/curl.rs", &[]),
    // Flag names the completers read, and the man pages' prose, whose
    // examples src/commands/help.rs parses itself.
    ("src/complete.rs", &[]),
    (
        "src/api/emulator.rs",
        &["list", "get", "create", "update", "delete", "event-types"],
    ),
    ("src/commands/init.rs", &["init"]),
    ("src/config_edit.rs", &["init"]),
    ("src/emulator/mod.rs::manage_command", &["create"]),
    // The `hooks create` command line the emulator prints.
    ("src/emulator/mod.rs::key_file_flag", &["create"]),
    ("src/settings.rs", &["config show"]),
    ("src/commands/help.rs", &[]),
];

/// The long flags of each command path ("deliveries clear"), globals
/// included, as clap defines them.
fn flags() -> BTreeMap<String, Vec<String>> {
    let mut root = hooks::cli::Cli::command();
    root.build();
    let mut out = BTreeMap::new();
    fn walk(cmd: &clap::Command, path: &str, out: &mut BTreeMap<String, Vec<String>>) {
        let longs = cmd
            .get_arguments()
            .filter_map(|a| a.get_long())
            .map(|l| format!("--{l}"))
            .chain(["--help".to_string()])
            .collect();
        out.insert(path.to_string(), longs);
        for sub in cmd.get_subcommands() {
            let name = sub.get_name();
            let child = if path.is_empty() {
                name.to_string()
            } else {
                format!("{path} {name}")
            };
            walk(sub, &child, out);
        }
    }
    walk(&root, "", &mut out);
    out
}

/// The string literals of a Rust file outside its test module, each with
/// the function it is in.
fn literals(source: &str) -> Vec<(String, String)> {
    let source = source.split("#[cfg(test)]").next().unwrap_or_default();
    let mut out = vec![];
    let mut function = String::new();
    let mut chars = source.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '/' if source[i..].starts_with("//") => {
                for (_, c) in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '\'' => {
                // A char literal ('"', '\'') or a lifetime: skip a char
                // literal, counting the characters after its first quote.
                let rest = &source[i + 1..];
                let len = match rest.strip_prefix('\\') {
                    Some(escaped) => escaped.find('\'').map(|n| n + 2),
                    None => (rest.chars().nth(1) == Some('\'')).then_some(1),
                };
                if let Some(len) = len {
                    for _ in 0..=len {
                        chars.next();
                    }
                }
            }
            '"' => {
                let raw = source[..i].ends_with("r#");
                let mut text = String::new();
                while let Some((j, c)) = chars.next() {
                    match c {
                        '\\' if !raw => {
                            if let Some((_, e)) = chars.next() {
                                text.push(e);
                            }
                        }
                        '"' if !raw || source[j + 1..].starts_with('#') => break,
                        c => text.push(c),
                    }
                }
                out.push((function.clone(), text));
            }
            'f' if source[i..].starts_with("fn ")
                && !source[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_') =>
            {
                function = source[i + 3..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
            }
            _ => {}
        }
    }
    out
}

/// The `--flag` words in `text`.
fn named_flags(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|w| w.starts_with("--") && w.len() > 2 && w.as_bytes()[2].is_ascii_lowercase())
        .map(|w| w.trim_end_matches('-').to_string())
        .collect()
}

/// Splits `text` into the commands it shows (`hooks …` in backticks, or a
/// bare `hooks CMD …` to the end of the text), each as its command path and
/// words, and the rest.
fn placeholders_as_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => {
                depth -= 1;
                out.push(' ');
            }
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn commands_in(
    text: &str,
    known: &BTreeMap<String, Vec<String>>,
) -> (Vec<(String, String)>, String) {
    let mut quoted = vec![];
    let mut rest = String::new();
    let bare = text.match_indices("hooks ").map(|(i, _)| i).find(|&i| {
        let word = text[i + 6..].split_whitespace().next().unwrap_or_default();
        known.contains_key(word) && !text[..i].ends_with('`')
    });
    let (text, bare) = match bare {
        Some(i) => (&text[..i], Some(&text[i..])),
        None => (text, None),
    };
    for (n, part) in text.split('`').chain(bare).enumerate() {
        match part.strip_prefix("hooks ") {
            Some(command) if n % 2 == 1 || Some(part) == bare => {
                // A format placeholder (`hooks listen{flag}`) stands for
                // more words: it ends the word before it.
                let command = placeholders_as_spaces(command);
                let words: Vec<&str> = command.split_whitespace().collect();
                let path = (1..=words.len().min(3))
                    .rev()
                    .map(|k| words[..k].join(" "))
                    .find(|p| known.contains_key(p))
                    .unwrap_or_else(|| words.first().copied().unwrap_or_default().to_string());
                quoted.push((path, command.to_string()));
            }
            _ => {
                rest.push_str(part);
                rest.push(' ');
            }
        }
    }
    (quoted, rest)
}

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_flag_a_message_names_exists_on_the_command_that_shows_it() {
    let known = flags();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![];
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let mut wrong = vec![];
    let mut checked = 0;
    for file in files {
        let name = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .to_string();
        // clap checks its own definitions.
        if name == "src/cli.rs" {
            continue;
        }
        let source = std::fs::read_to_string(&file).unwrap();
        for (function, text) in literals(&source) {
            let (quoted, rest) = commands_in(&text, &known);
            for (path, words) in quoted {
                match known.get(&path) {
                    None => wrong.push(format!("{name}: `hooks {words}`: no command '{path}'")),
                    Some(flags) => {
                        for flag in named_flags(&words) {
                            checked += 1;
                            if !flags.contains(&flag) {
                                wrong
                                    .push(format!("{name}: `hooks {words}`: {path} has no {flag}"));
                            }
                        }
                    }
                }
            }
            let named = named_flags(&rest);
            if named.is_empty() {
                continue;
            }
            let shown_by = SHOWN_BY
                .iter()
                .find(|(key, _)| *key == format!("{name}::{function}"))
                .or_else(|| SHOWN_BY.iter().find(|(key, _)| *key == name));
            let Some((_, commands)) = shown_by else {
                wrong.push(format!(
                    "{name}: {text:?} names a flag: list which commands show it in SHOWN_BY"
                ));
                continue;
            };
            for command in *commands {
                let flags = &known[*command];
                for flag in &named {
                    checked += 1;
                    if !flags.contains(flag) {
                        wrong.push(format!(
                            "{name} ({function}): {text:?}: `hooks {command}` has no {flag}"
                        ));
                    }
                }
            }
        }
    }
    assert!(
        checked > 100,
        "only {checked} flags were found: is the scan broken?"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
