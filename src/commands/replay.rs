//! `hooks replay`: sends recorded deliveries (or files, with `--watch` on save) to a target again, byte for byte.

use crate::cli::ReplayArgs;
use crate::config::Config;
use crate::delivery::forward::Forwarded;
use crate::delivery::replay::{self, Item, Replayer, Sent};
use crate::delivery::store::{Store, DEFAULT_RETENTION};
use crate::delivery::watch;
use crate::output::{self, Format};
use crate::{outbound, Error, Result};
use colored::Colorize;
use serde_json::json;
use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

pub async fn run(args: ReplayArgs, config: &Config) -> Result<()> {
    let target = args
        .to
        .clone()
        .or(config.profile.to.clone())
        .unwrap_or_else(|| crate::outbound::DEFAULT_TARGET.to_string());
    let to = outbound::parse_target(&target)?;
    let mut replayer = Replayer::new(
        to,
        args.resign,
        (&args.scheme).into(),
        config.clone(),
        args.timeout.into(),
    )
    .with_tls(&crate::delivery::forward::Tls {
        ca: args.forward_ca.clone(),
        insecure: args.forward_insecure,
    })?;
    replayer.edits = edits(&args)?;
    if let Some(dir) = &args.watch {
        return watch(&replayer, dir, args.format).await;
    }

    let items = args
        .items
        .iter()
        .map(|i| Item::parse(i))
        .collect::<Result<Vec<_>>>()?;
    let editing = args.method.is_some()
        || args.path.is_some()
        || !args.header.is_empty()
        || args.body.is_some();
    if editing && items.iter().any(|i| matches!(i, Item::File(_))) {
        return Err(Error::usage(
            "--method, --path, --header and --body edit recorded deliveries, not files",
        )
        .with_hint("edit the file itself, or replay recorded delivery ids"));
    }
    let mut ids: Vec<i64> = items
        .iter()
        .filter_map(|i| match i {
            Item::Recorded(id) => Some(*id),
            Item::File(_) => None,
        })
        .collect();
    let store = if ids.is_empty() && args.last.is_none() {
        None
    } else {
        Some(Store::open(
            &Store::path_in(&config.data_dir),
            DEFAULT_RETENTION,
        )?)
    };
    if let (Some(n), Some(store)) = (args.last, &store) {
        ids.extend(store.last_ids(n)?);
    }
    if items.is_empty() && ids.is_empty() {
        return Err(match args.last {
            Some(_) => Error::usage("there are no recorded deliveries to replay")
                .with_hint("run `hooks listen` and send it something first"),
            None => Error::usage("nothing to replay")
                .with_hint("give delivery ids, --last N, files, or --watch DIR"),
        });
    }
    // Everything is prepared before anything is sent, so a bad id or file
    // fails the command without a partial replay.
    let records = match &store {
        Some(s) => replay::load(s, &ids)?,
        None => vec![],
    };
    let mut prepared = Vec::new();
    for item in &items {
        if let Item::File(path) = item {
            prepared.push(replayer.file(path)?);
        }
    }
    for record in &records {
        prepared.push(replayer.recorded(record)?);
    }

    let progress = (prepared.len() > 1 && std::io::stderr().is_terminal())
        .then(|| indicatif::ProgressBar::new(prepared.len() as u64));
    let mut network_failure = None;
    let mut unexpected = 0;
    for p in prepared {
        let sent = replayer.send(p).await;
        let show = || report(&sent, args.format);
        match &progress {
            Some(bar) => {
                bar.suspend(show);
                bar.inc(1);
            }
            None => show(),
        }
        match &sent.result {
            Forwarded::Answered { status, .. } if (200..300).contains(status) => {}
            Forwarded::Answered { .. } => unexpected += 1,
            Forwarded::Refused { error, .. } => {
                network_failure = Some(format!("cannot reach {}: {error}", sent.prepared.url))
            }
            Forwarded::TimedOut { .. } => {
                network_failure = Some(format!("{} did not answer in time", sent.prepared.url))
            }
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if let Some(why) = network_failure {
        return Err(Error::network(why)
            .with_hint("is the app (or `hooks listen`) running there? check --to"));
    }
    if unexpected > 0 {
        return Err(Error::check(format!(
            "{unexpected} replayed deliveries got a non-2xx answer"
        )));
    }
    Ok(())
}

/// `--method`, `--path`, `--header` and `--body`, checked before anything
/// is sent.
fn edits(args: &ReplayArgs) -> Result<replay::Edits> {
    let method = args
        .method
        .as_deref()
        .map(|m| {
            http::Method::from_bytes(m.trim().as_bytes())
                .ok()
                .filter(|_| !m.trim().is_empty())
                .ok_or_else(|| {
                    Error::usage(format!(
                        "--method '{}' is not an HTTP method",
                        m.escape_debug()
                    ))
                    .with_hint("write e.g. --method PUT")
                })
        })
        .transpose()?;
    if let Some(path) = &args.path {
        if !path.starts_with('/') || http::uri::PathAndQuery::try_from(path.as_str()).is_err() {
            return Err(Error::usage(format!(
                "--path '{}' must start with / and hold no spaces or control characters",
                path.escape_debug()
            ))
            .with_hint("write e.g. --path '/hooks?x=1'"));
        }
    }
    let body = match &args.body {
        None => None,
        Some(p) if p.as_os_str() == "-" => {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
                .map_err(|e| Error::usage(format!("--body -: cannot read stdin: {e}")))?;
            Some(bytes)
        }
        Some(p) => Some(crate::error::read_file(p)?),
    };
    Ok(replay::Edits {
        method,
        path: args.path.clone(),
        headers: args
            .header
            .iter()
            .map(|h| crate::delivery::forward::parse_header(h, "--header"))
            .collect::<Result<Vec<_>>>()?,
        body,
    })
}

fn report(sent: &Sent, format: Format) {
    let p = &sent.prepared;
    let (status, latency, error) = match &sent.result {
        Forwarded::Answered {
            status, latency, ..
        } => (Some(*status), Some(*latency), None),
        Forwarded::Refused { error, .. } => (None, None, Some(error.clone())),
        Forwarded::TimedOut { .. } => (None, None, Some("timed out".to_string())),
    };
    let ok = status.is_some_and(|s| (200..300).contains(&s));
    match format {
        Format::Pretty => {
            let event = p
                .events
                .iter()
                .filter_map(|e| e.event_type.clone())
                .collect::<Vec<_>>()
                .join(", ");
            output::line(format!(
                "{} replay {} {}",
                "-->".cyan().bold(),
                p.item.label(),
                event.bold()
            ));
            let shown = match status {
                Some(s) if ok => format!("[{s}]").green().bold(),
                Some(s) => format!("[{s}]").red().bold(),
                None => "[---]".red().bold(),
            };
            let tail = match &error {
                Some(e) => format!("({e})"),
                None => format!("({} ms)", latency.unwrap_or_default().as_millis()),
            };
            output::line(format!(
                "{} {shown} {} {} {tail}",
                "<--".cyan().bold(),
                p.delivery.method,
                p.url
            ));
        }
        Format::Json => output::json_line(&json!({
            "replayed": p.item.label(),
            "id": match &p.item { Item::Recorded(id) => Some(*id), Item::File(_) => None },
            "file": match &p.item { Item::File(f) => Some(f.display().to_string()), Item::Recorded(_) => None },
            "events": p.events.iter().map(|e| json!({"type": e.event_type, "id": e.id})).collect::<Vec<_>>(),
            "url": p.url.as_str(),
            "status": status,
            "latency_ms": latency.map(output::latency_ms),
            "ok": ok,
            "error": error,
        })),
    }
}

/// Sends each file under `dir` once per save (a write that changed its
/// content), until Ctrl-C.
async fn watch(replayer: &Replayer, dir: &Path, format: Format) -> Result<()> {
    use notify::{RecursiveMode, Watcher};
    if !dir.is_dir() {
        return Err(
            Error::usage(format!("--watch {}: not a directory", dir.display()))
                .with_hint("give the directory that holds your payload files"),
        );
    }
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut watcher = notify::recommended_watcher(move |res| {
        let _ = tx.send(res);
    })
    .map_err(|e| Error::usage(format!("cannot watch {}: {e}", dir.display())))?;
    watcher
        .watch(dir, RecursiveMode::Recursive)
        .map_err(|e| Error::usage(format!("cannot watch {}: {e}", dir.display())))?;
    output::note(format!(
        "watching {} — each saved file is sent to {} (Ctrl-C to stop)",
        dir.display(),
        replayer.to
    ));
    let mut sent = watch::Sent::default();
    let mut pending = BTreeSet::new();
    // One Ctrl-C future for the whole loop, so a Ctrl-C during a send is
    // not lost.
    let interrupted = tokio::signal::ctrl_c();
    tokio::pin!(interrupted);
    loop {
        // Editors write a file in several steps: a file is sent once its
        // writes have been quiet for SETTLE.
        let wait = if pending.is_empty() {
            Duration::MAX
        } else {
            SETTLE
        };
        let got = tokio::select! {
            got = tokio::time::timeout(wait, rx.recv()) => got,
            _ = &mut interrupted => return Err(Error::interrupted()),
        };
        match got {
            Ok(Some(Ok(event))) => {
                pending.extend(watch::saved_paths(&event));
                continue;
            }
            Ok(Some(Err(e))) => {
                output::warn(format!("watching {}: {e}", dir.display()));
                continue;
            }
            Ok(None) => return Ok(()),
            Err(_quiet) => {}
        }
        for path in std::mem::take(&mut pending) {
            if !path.is_file() {
                continue;
            }
            match replayer.file(&path) {
                Ok(p) if sent.changed(&path, &p.delivery.body) => {
                    report(&replayer.send(p).await, format)
                }
                Ok(_unchanged) => {}
                Err(e) => output::report_error(&e),
            }
        }
    }
}

/// How long a file's writes must be quiet before it is sent.
const SETTLE: Duration = Duration::from_millis(200);
