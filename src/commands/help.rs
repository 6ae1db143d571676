//! What `--help` and the man pages add to the clap definitions in `cli.rs`:
//! an Examples section for every subcommand, and one man page per
//! subcommand with EXAMPLES, EXIT STATUS, ENVIRONMENT and FILES sections.

use crate::cli::Cli;
use clap::{CommandFactory, FromArgMatches};
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};
use std::io::Write;

/// Example command lines per subcommand path (names joined by spaces, ""
/// for `hooks` itself): a `# comment` line, then the command. Every line that
/// starts with `hooks ` must parse (a unit test runs them through clap).
const EXAMPLES: &[(&str, &[(&str, &str)])] = &[
    ("", &[
        ("See it work, end to end", "hooks demo"),
        ("Receive deliveries and forward them to your app", "hooks listen --forward 3000"),
        ("Send a signed test event", "hooks send-test contact.created --to http://localhost:3000/webhooks"),
    ]),
    ("demo", &[
        ("Run until Ctrl-C", "hooks demo"),
        ("Exit as soon as the last event was sent (scripts, CI)", "hooks demo --exit-after 0s"),
    ]),
    ("init", &[
        ("Answer a few questions at a terminal", "hooks init"),
        ("In a script: a Workestra profile that forwards to port 3000", "hooks init --no-input -p workestra --generate-secret --forward 3000"),
        ("Another profile for awork, replacing it if it exists", "hooks init --profile awork -p awork --secret \"$AWORK_SECRET\" --force"),
    ]),
    ("config", &[
        ("Every effective setting and where it came from", "hooks config show"),
        ("As JSON", "hooks config show --format json"),
    ]),
    ("config show", &[
        ("For the awork profile", "hooks config show --profile awork"),
        ("As JSON, one object per setting", "hooks config show --format json"),
    ]),
    ("listen", &[
        ("Verify with the development secret, forward to port 3000", "hooks listen --forward 3000"),
        ("Another provider and port, only task events", "hooks listen --provider awork --port 9000 --events 'task_*'"),
        ("CI: wait for one delivery, print it as JSON", "hooks listen --exit-after 1 --timeout 60s --format json"),
        ("Also receive through a relay", "hooks listen --relay ws://127.0.0.1:8788 --token \"$HOOKS_RELAY_TOKEN\" --forward 3000"),
    ]),
    ("send-test", &[
        ("A Workestra event to the default listener", "hooks send-test contact.created"),
        ("To your app, with a changed field", "hooks send-test users::created -p wheniwork --to http://localhost:3000/hooks --set data.id=7"),
        ("Expect the app to refuse it", "hooks send-test task_changed --provider awork --secret wrong --expect 4xx"),
    ]),
    ("replay", &[
        ("Re-send recorded delivery 42", "hooks replay 42"),
        ("The newest three, re-signed, to another URL", "hooks replay --last 3 --resign --to http://localhost:3000/webhooks"),
        ("Re-send each payload file in payloads/ when it is saved", "hooks replay --watch payloads/"),
    ]),
    ("deliveries", &[
        ("The newest recorded deliveries", "hooks deliveries list"),
        ("One delivery with its body", "hooks deliveries show 42 --body"),
    ]),
    ("deliveries list", &[
        ("The newest 20", "hooks deliveries list"),
        ("The newest 5 contact events, as JSON", "hooks deliveries list --limit 5 --event 'contact.*' --format json"),
    ]),
    ("deliveries show", &[
        ("Request, verification and forward attempts", "hooks deliveries show 42"),
        ("With the body, as JSON", "hooks deliveries show 42 --body --format json"),
    ]),
    ("deliveries clear", &[
        ("Asks first", "hooks deliveries clear"),
        ("Without asking (scripts)", "hooks deliveries clear --yes"),
    ]),
    ("inspect", &[
        ("Serve the inspector on 127.0.0.1:4040", "hooks inspect"),
        ("Another port; replays go to your app", "hooks inspect --port 4041 --forward 3000"),
    ]),
    ("fixtures", &[
        ("Every event with a fixture", "hooks fixtures list"),
        ("One fixture's body", "hooks fixtures show contact.created"),
    ]),
    ("fixtures list", &[
        ("Every provider's", "hooks fixtures list"),
        ("One provider's, as JSON", "hooks fixtures list --provider awork --format json"),
    ]),
    ("fixtures show", &[
        ("Print a fixture", "hooks fixtures show contact.created"),
        ("An event several providers have", "hooks fixtures show users::created --provider wheniwork"),
    ]),
    ("sign", &[
        ("Headers for a payload file", "hooks sign --provider workestra --secret whsec_dGVzdA payload.json"),
        ("From standard input, as JSON", "hooks sign --provider github --secret s --format json -"),
    ]),
    ("verify", &[
        ("Check a captured delivery", "hooks verify --provider github --secret s -H 'X-Hub-Signature-256: sha256=…' body.json"),
        ("With an old secret still accepted (rotation)", "hooks verify -p workestra --secret new --secret old -H 'webhook-id: msg_1' body.json"),
    ]),
    ("check", &[
        ("Every case against your handler", "hooks check --provider workestra --to http://localhost:3000/webhooks"),
        ("Only the signature cases, JUnit for CI", "hooks check -p awork --to http://localhost:3000 --only forged-signature --junit check.xml"),
    ]),
    ("list", &[
        ("Your awork webhooks", "hooks list --provider awork"),
        ("Against the emulator, as JSON", "hooks list -p webwork --api-url http://127.0.0.1:8790/rest-api/v1 --api-key k --format json"),
    ]),
    ("get", &[
        ("One webhook", "hooks get 7 --provider awork"),
        ("As JSON", "hooks get 7 --provider webwork --format json"),
    ]),
    ("create", &[
        ("Subscribe a URL to two events", "hooks create -p awork --url http://localhost:3000 --event task_changed,task_comment_added"),
        ("Prompt for what is missing", "hooks create --provider webwork"),
    ]),
    ("update", &[
        ("Change the URL", "hooks update 7 --provider awork --url http://localhost:3001/hooks"),
        ("Turn a paused webhook back on", "hooks update 7 --provider awork --active"),
    ]),
    ("delete", &[
        ("Asks first", "hooks delete 7 --provider awork"),
        ("Without asking (scripts)", "hooks delete 7 --provider awork --yes"),
    ]),
    ("event-types", &[
        ("What a webhook can subscribe to", "hooks event-types --provider awork"),
        ("As JSON", "hooks event-types --provider webwork --format json"),
    ]),
    ("logs", &[
        ("A webhook's delivery log", "hooks logs 7 --provider awork"),
        ("As JSON", "hooks logs 7 --provider awork --format json"),
    ]),
    ("emulate", &[
        ("Emulate awork on 127.0.0.1:8790", "hooks emulate --provider awork --api-key k"),
        ("Workestra, a hundred times faster, with duplicates", "hooks emulate --provider workestra --time-scale 0.01 --duplicate-rate 0.1"),
        ("Trigger three events on the running emulator", "hooks emulate trigger task_changed --count 3"),
    ]),
    ("emulate trigger", &[
        ("One event", "hooks emulate trigger contact.created"),
        ("Three, with a changed field", "hooks emulate trigger task_changed --count 3 --set data.name=Renamed"),
    ]),
    ("relay", &[
        ("A relay for this machine only", "hooks relay serve"),
        ("Forward a relay's requests to port 3000", "hooks relay connect --relay ws://127.0.0.1:8788 --forward 3000"),
        ("Create a token", "hooks relay token add alice --tokens tokens.txt"),
    ]),
    ("relay serve", &[
        ("On loopback, no tokens needed", "hooks relay serve"),
        ("Public, with tokens and TLS (the public URL is https://ADDR)", "hooks relay serve --bind 0.0.0.0:443 --tokens tokens.txt --tls-cert cert.pem --tls-key key.pem"),
        ("One node of a cluster over NATS (give every node the same --public-url)", "hooks relay serve --bind 0.0.0.0:8788 --tokens tokens.txt --cluster nats://10.0.0.5:4222"),
    ]),
    ("relay connect", &[
        ("Forward to port 3000", "hooks relay connect --relay ws://127.0.0.1:8788 --forward 3000"),
        ("Exit 3 after 30s disconnected", "hooks relay connect --relay ws://127.0.0.1:8788 --forward 3000 --fail-on-disconnect 30s"),
    ]),
    ("relay queue", &[
        ("What is queued and what was dead-lettered", "hooks relay queue list"),
        ("Send every dead letter of a channel again", "hooks relay queue retry --all --channel alice"),
    ]),
    ("relay queue list", &[
        ("Only dead letters, as JSON", "hooks relay queue list --dead --format json"),
        ("One channel, another data dir", "hooks relay queue list --channel alice --data-dir /var/lib/hooks/relay"),
    ]),
    ("relay queue retry", &[
        ("One dead letter, by its id", "hooks relay queue retry 42"),
        ("All of them", "hooks relay queue retry --all"),
    ]),
    ("relay queue drop", &[
        ("One dead letter, by its id", "hooks relay queue drop 42"),
        ("All of one channel's", "hooks relay queue drop --all --channel alice --yes"),
    ]),
    ("relay status", &[
        ("Nodes, the channels they hold, queue depths", "hooks relay status --cluster nats://10.0.0.5:4222"),
        ("The same as JSON lines, from a NATS cluster of two", "hooks relay status --cluster nats://10.0.0.5:4222,nats://10.0.0.6:4222 --format json"),
    ]),
    ("relay token", &[
        ("Create a token for alice", "hooks relay token add alice --tokens tokens.txt"),
        ("In another tokens file", "hooks relay token add bob --tokens /etc/hooks/tokens.txt"),
    ]),
    ("relay token add", &[
        ("Create a token for alice", "hooks relay token add alice --tokens tokens.txt"),
        ("Another file", "hooks relay token add bob --tokens /etc/hooks/tokens.txt"),
    ]),
    ("completions", &[
        ("Static bash completions (see `hooks man` for dynamic ones)", "hooks completions bash"),
        ("zsh, into a directory on fpath", "hooks completions zsh"),
    ]),
    ("man", &[
        ("The main page", "hooks man"),
        ("One subcommand's page", "hooks man listen"),
        ("A nested subcommand's page", "hooks man relay serve"),
    ]),
];

/// The examples for a subcommand path, as `--help` shows them.
pub fn examples(path: &str) -> Option<String> {
    let (_, lines) = EXAMPLES.iter().find(|(p, _)| *p == path)?;
    let style = clap::builder::styling::Styles::styled();
    let header = style.get_usage();
    let mut out = format!("{header}Examples:{header:#}\n");
    for (comment, command) in lines.iter() {
        out.push_str(&format!("  # {comment}\n  {command}\n"));
    }
    Some(out.trim_end().to_string())
}

/// The command line with every subcommand's examples at the end of its
/// after-help (after what the command already had there, e.g. check's exit status).
pub fn command() -> clap::Command {
    fn add(cmd: clap::Command, path: String) -> clap::Command {
        let cmd = match (examples(&path), cmd.get_after_help()) {
            (Some(text), Some(before)) => {
                let joined = format!("{}\n\n{text}", before.ansi());
                cmd.after_help(joined)
            }
            (Some(text), None) => cmd.after_help(text),
            (None, _) => cmd,
        };
        cmd.mut_subcommands(|sub| {
            let sub_path = format!("{path} {}", sub.get_name()).trim().to_string();
            add(sub, sub_path)
        })
    }
    add(Cli::command(), String::new()).mut_subcommand("man", |man| {
        man.mut_arg("subcommand", |arg| arg.add(man_pages()))
    })
}

/// The man pages `hooks man` prints, by subcommand (`listen`, `relay-serve`),
/// as completion candidates. Added here rather than in `cli.rs`: listing the
/// pages needs the whole command line, which `cli.rs` is still defining.
fn man_pages() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        man_paths()
            .into_iter()
            .filter(|p| !p.is_empty())
            .map(|p| CompletionCandidate::new(p.join("-")))
            .collect()
    })
}

/// Parses the process's arguments, exiting with clap's message (and status 2) on a usage error.
pub fn parse() -> Cli {
    let matches = command().get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// Every subcommand path with a man page, in man page file order: `[]`
/// for `hooks` itself, then `["listen"]`, `["relay", "serve"]`, …
pub fn man_paths() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(path.clone());
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let mut next = path.clone();
            next.push(sub.get_name().to_string());
            walk(sub, next, out);
        }
    }
    let mut out = vec![];
    walk(&built(), vec![], &mut out);
    out
}

/// The man page's file name for a path: `hooks.1`, `hooks-relay-serve.1`.
pub fn man_file_name(path: &[String]) -> String {
    let mut name = String::from("hooks");
    for part in path {
        name.push('-');
        name.push_str(part);
    }
    name + ".1"
}

fn built() -> clap::Command {
    let mut cmd = command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// The man page (roff) for a subcommand path, or None when there is no such subcommand.
pub fn man_page(path: &[String]) -> Option<Vec<u8>> {
    let mut cmd = built();
    for part in path {
        cmd = cmd.find_subcommand(part)?.clone();
    }
    let version = cmd.get_version().unwrap_or_default().to_string();
    let man = clap_mangen::Man::new(cmd.clone()).source(format!("hooks {version}"));
    let mut out = Vec::new();
    let fail = "rendering into memory cannot fail";
    man.render_title(&mut out).expect(fail);
    man.render_name_section(&mut out).expect(fail);
    man.render_synopsis_section(&mut out).expect(fail);
    man.render_description_section(&mut out).expect(fail);
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut out).expect(fail);
    }
    if cmd.has_subcommands() {
        man.render_subcommands_section(&mut out).expect(fail);
    }
    let key = path.join(" ");
    write_sections(&mut out, &key, &cmd).expect(fail);
    man.render_version_section(&mut out).expect(fail);
    Some(one_preamble(out))
}

/// Each section clap_mangen renders alone starts with the same roff
/// preamble (the `Aq` string); the page needs it once.
fn one_preamble(page: Vec<u8>) -> Vec<u8> {
    const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
    let text = String::from_utf8(page).expect("roff from clap_mangen is UTF-8");
    match text.split_once(PREAMBLE) {
        Some((before, after)) => format!("{before}{PREAMBLE}{}", after.replace(PREAMBLE, "")),
        None => text,
    }
    .into_bytes()
}

/// Escapes text for roff: backslashes and hyphens.
fn roff(text: &str) -> String {
    text.replace('\\', "\\e").replace('-', "\\-")
}

fn write_sections(out: &mut Vec<u8>, path: &str, cmd: &clap::Command) -> std::io::Result<()> {
    if let Some((_, lines)) = EXAMPLES.iter().find(|(p, _)| *p == path) {
        writeln!(out, ".SH EXAMPLES")?;
        for (comment, command) in lines.iter() {
            writeln!(out, ".TP\n{}\n.EX\n{}\n.EE", roff(comment), roff(command))?;
        }
    }
    writeln!(out, ".SH \"EXIT STATUS\"")?;
    for (code, meaning) in EXIT_STATUS {
        writeln!(out, ".TP\n\\fB{code}\\fR\n{}", roff(meaning))?;
    }
    writeln!(out, ".SH ENVIRONMENT")?;
    for (name, meaning) in environment(cmd) {
        writeln!(out, ".TP\n\\fB{}\\fR\n{}", roff(&name), roff(&meaning))?;
    }
    writeln!(out, ".SH FILES")?;
    for (file, meaning) in FILES {
        writeln!(out, ".TP\n\\fI{}\\fR\n{}", roff(file), roff(meaning))?;
    }
    writeln!(out, ".SH \"SEE ALSO\"")?;
    writeln!(out, "{}", roff("hooks(1), hooks --help, README.md"))?;
    Ok(())
}

const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Success."),
    ("1", "A check failed: invalid signature, unexpected status (--expect, a replay answered non-2xx), listen --timeout passed before --exit-after deliveries arrived, a hooks check case failed."),
    ("2", "Usage or configuration error: bad flag, unknown event or provider, malformed --set, --data or config, unreadable file, missing secret."),
    ("3", "Network or remote-API error: target unreachable, timeout, the provider's API refused or kept failing."),
    ("130", "Interrupted (Ctrl-C) after a clean shutdown."),
];

const FILES: &[(&str, &str)] = &[
    ("$XDG_CONFIG_HOME/hooks/config.toml", "The configuration file with its profiles (~/.config/hooks/config.toml; HOOKS_CONFIG or --config for another)."),
    ("$HOOKS_DATA_DIR", "The data directory, by default $XDG_DATA_HOME/hooks (~/.local/share/hooks): the development secret and everything below."),
    ("$HOOKS_DATA_DIR/deliveries.db", "The recorded deliveries (SQLite), read by hooks deliveries, hooks replay and hooks inspect."),
    ("$HOOKS_DATA_DIR/emulator/PROVIDER", "The emulator's state: webhooks and pending retries."),
    ("$HOOKS_DATA_DIR/relay", "The relay's channel registry and offline queue (hooks relay serve), and the channel a client was assigned."),
];

/// The environment variables that matter for `cmd`: those its flags read
/// (in its subcommands too), and the ones every command reads.
fn environment(cmd: &clap::Command) -> Vec<(String, String)> {
    fn collect(cmd: &clap::Command, out: &mut std::collections::BTreeMap<String, String>) {
        for arg in cmd.get_arguments() {
            if let Some(env) = arg.get_env() {
                let flag = arg
                    .get_long()
                    .map(|l| format!("--{l}"))
                    .unwrap_or_else(|| arg.get_id().to_string());
                let name = env.to_string_lossy().into_owned();
                out.entry(name)
                    .or_insert_with(|| format!("Same as {flag}."));
            }
        }
        for sub in cmd.get_subcommands() {
            collect(sub, out);
        }
    }
    let mut vars = std::collections::BTreeMap::new();
    collect(cmd, &mut vars);
    vars.insert(
        "HOOKS_DATA_DIR".into(),
        "The data directory (see FILES).".into(),
    );
    vars.insert(
        "NO_COLOR, CLICOLOR_FORCE".into(),
        "Turn colour off, or on without a terminal (--color auto).".into(),
    );
    vars.insert(
        "CI".into(),
        "When set, never prompt (as --no-input).".into(),
    );
    vars.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(cmd: &clap::Command, path: String, out: &mut Vec<(String, clap::Command)>) {
        out.push((path.clone(), cmd.clone()));
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            paths(
                sub,
                format!("{path} {}", sub.get_name()).trim().to_string(),
                out,
            );
        }
    }

    #[test]
    fn every_subcommand_has_examples_that_parse() {
        let mut all = vec![];
        paths(&built(), String::new(), &mut all);
        assert!(all.len() > 25, "found only {} subcommands", all.len());
        for (path, cmd) in all {
            let help = cmd
                .get_after_help()
                .map(|h| h.to_string())
                .unwrap_or_default();
            let Some((_, examples)) = help.split_once("Examples:\n") else {
                panic!("`hooks {path}` has no Examples section");
            };
            let lines: Vec<&str> = examples
                .lines()
                .map(str::trim)
                .filter(|l| l.starts_with("hooks "))
                .collect();
            assert!(
                (2..=4).contains(&lines.len()),
                "`hooks {path}` has {} examples",
                lines.len()
            );
            for line in lines {
                // Longer lines would wrap in --help and not paste as one command.
                assert!(
                    line.chars().count() <= 94,
                    "example `{line}` is longer than 94 characters"
                );
                let words = shell_words::split(line).unwrap_or_else(|e| panic!("{line}: {e}"));
                if let Err(e) = command().try_get_matches_from(&words) {
                    panic!("example `{line}` of `hooks {path}` does not parse:\n{e}");
                }
                if !path.is_empty() {
                    assert!(
                        line.starts_with(&format!("hooks {path}")),
                        "example `{line}` is not one of `hooks {path}`"
                    );
                }
            }
        }
    }

    #[test]
    fn every_path_has_a_man_page_with_the_sections() {
        for path in man_paths() {
            let page = String::from_utf8(man_page(&path).unwrap()).unwrap();
            for section in [
                ".SH EXAMPLES",
                ".SH \"EXIT STATUS\"",
                ".SH ENVIRONMENT",
                ".SH FILES",
            ] {
                assert!(
                    page.contains(section),
                    "{} lacks {section}",
                    man_file_name(&path)
                );
            }
        }
        let listen = String::from_utf8(man_page(&["listen".to_string()]).unwrap()).unwrap();
        assert!(listen.starts_with(".ie"), "{}", &listen[..200]);
        assert!(listen.contains(".TH hooks-listen 1"), "{}", &listen[..200]);
        assert_eq!(listen.matches(".ds Aq").count(), 2, "one preamble");
        assert!(listen.contains("HOOKS_RELAY_TOKEN"));
        assert!(man_page(&["nope".to_string()]).is_none());
    }
}
