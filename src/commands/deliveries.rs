//! `hooks deliveries list|show|clear`: the recorded deliveries, read from the store and printed as tables, details or JSON.

use crate::cli::DeliveriesCommand;
use crate::config::Config;
use crate::delivery::print::render_body;
use crate::delivery::secrets::Masker;
use crate::delivery::store::{Attempt, Record, Store, DEFAULT_RETENTION};
use crate::delivery::{local_rfc3339, rfc3339};
use crate::output::{self, Format, TableFormat};
use crate::signing::SchemeConfig;
use crate::terminal::quote;
use crate::{Error, Result};
use colored::Colorize;
use serde_json::json;
use std::io::IsTerminal;

pub fn run(cmd: DeliveriesCommand, config: &Config, no_input: bool) -> Result<()> {
    let path = Store::path_in(&config.data_dir);
    let store = Store::open(&path, DEFAULT_RETENTION)?;
    match cmd {
        DeliveriesCommand::List {
            limit,
            event,
            format,
        } => {
            let records = store.list(limit, event.as_deref())?;
            match format {
                TableFormat::Json => records.iter().for_each(|r| output::json_line(&summary(r))),
                TableFormat::Table => {
                    let rows: Vec<Vec<String>> = records
                        .iter()
                        .map(|r| {
                            vec![
                                r.id.to_string(),
                                local_rfc3339(r.delivery.received_at),
                                quote(&r.event_types().join(",")).chars().take(40).collect(),
                                r.facts.verification.clone(),
                                r.facts.origin.clone().unwrap_or_else(|| "-".into()),
                                r.facts
                                    .status
                                    .map(|s| s.to_string())
                                    .unwrap_or_else(|| "-".into()),
                                r.facts.outcome.clone(),
                                quote(&format!("{} {}", r.delivery.method, r.delivery.path))
                                    .into_owned(),
                            ]
                        })
                        .collect();
                    if rows.is_empty() {
                        output::note("no deliveries recorded");
                    }
                    for line in output::table(
                        &[
                            "ID",
                            "RECEIVED",
                            "EVENT",
                            "SIGNATURE",
                            "ORIGIN",
                            "STATUS",
                            "OUTCOME",
                            "REQUEST",
                        ],
                        &rows,
                    ) {
                        output::line(line);
                    }
                }
            }
            Ok(())
        }
        DeliveriesCommand::Show {
            id,
            body,
            show_secrets,
            format,
        } => {
            let masker = Masker::new(show_secrets, config, &SchemeConfig::default());
            let record = store.get(id)?.ok_or_else(|| {
                Error::usage(format!("no delivery #{id} in {}", path.display()))
                    .with_hint("see `hooks deliveries list` for the recorded ids")
            })?;
            match format {
                Format::Json => output::json_line(&detail(&record, body, &masker)),
                Format::Pretty => show(&record, body, &masker),
            }
            Ok(())
        }
        DeliveriesCommand::Clear { yes } => {
            if !yes {
                let interactive = !no_input
                    && std::env::var_os("CI").is_none()
                    && std::io::stdin().is_terminal()
                    && std::io::stderr().is_terminal();
                if !interactive {
                    return Err(Error::usage("clearing deliveries needs confirmation")
                        .with_hint("pass --yes"));
                }
                let confirmed = dialoguer::Confirm::new()
                    .with_prompt(format!(
                        "Delete all {} recorded deliveries?",
                        store.count()?
                    ))
                    .default(false)
                    .interact()
                    .map_err(|e| {
                        Error::usage(format!("cannot ask for confirmation: {e}"))
                            .with_hint("pass --yes")
                    })?;
                if !confirmed {
                    return Ok(());
                }
            }
            let n = store.clear()?;
            output::note(format!("deleted {n} deliveries from {}", path.display()));
            Ok(())
        }
    }
}

fn summary(r: &Record) -> serde_json::Value {
    json!({
        "id": r.id,
        "received_at": rfc3339(r.delivery.received_at),
        "source": r.delivery.source.as_str(),
        "remote": r.delivery.remote,
        "method": r.delivery.method,
        "path": r.delivery.path,
        "provider": r.facts.provider,
        "verification": r.facts.verification,
        "reason": r.facts.reason,
        "origin": r.facts.origin,
        "events": r.facts.events,
        "body_size": r.delivery.oversized.unwrap_or(r.delivery.body.len() as u64),
        "outcome": r.facts.outcome,
        "status": r.facts.status,
        "forward": r.attempts.last().map(attempt_summary),
    })
}

/// A forward attempt as `listen` and the inspector show it.
fn attempt_summary(a: &Attempt) -> serde_json::Value {
    json!({
        "url": a.url,
        "status": a.status,
        "latency_ms": a.status.map(|_| output::latency_ms(a.latency)),
        "error": a.error,
    })
}

fn detail(r: &Record, with_body: bool, masker: &Masker) -> serde_json::Value {
    use base64::Engine;
    let mut v = summary(r);
    let map = v.as_object_mut().expect("an object");
    let headers = |h: &[(String, Vec<u8>)]| {
        h.iter()
            .map(|(n, v)| json!([n, String::from_utf8_lossy(&masker.value(n, v))]))
            .collect::<Vec<_>>()
    };
    map.insert("headers".into(), json!(headers(&r.delivery.headers)));
    if with_body {
        map.insert(
            "body_base64".into(),
            json!(base64::engine::general_purpose::STANDARD.encode(&r.delivery.body)),
        );
    }
    map.insert(
        "attempts".into(),
        json!(r
            .attempts
            .iter()
            .map(|a| json!({
                "at": rfc3339(a.at),
                "url": a.url,
                "status": a.status,
                "latency_ms": a.status.map(|_| output::latency_ms(a.latency)),
                "error": a.error,
                "headers": headers(&a.headers),
                "body": String::from_utf8_lossy(&a.body),
            }))
            .collect::<Vec<_>>()),
    );
    v
}

fn show(r: &Record, with_body: bool, masker: &Masker) {
    let d = &r.delivery;
    output::line(format!(
        "{} {}",
        "delivery".bold(),
        format!("#{}", r.id).bold()
    ));
    output::line(format!(
        "received   {} ({}, from {})",
        local_rfc3339(d.received_at),
        d.source.as_str(),
        quote(d.remote.as_deref().unwrap_or("-"))
    ));
    output::line(format!("events     {}", quote(&r.event_types().join(", "))));
    output::line(format!(
        "signature  {}{}{}",
        r.facts.verification,
        r.facts
            .provider
            .as_deref()
            .map(|p| format!(" ({p})"))
            .unwrap_or_default(),
        r.facts
            .reason
            .as_deref()
            .map(|x| format!(": {}", quote(x)))
            .unwrap_or_default()
    ));
    if let Some(origin) = &r.facts.origin {
        output::line(format!(
            "origin     {origin} (the caller's address against {}'s published ranges)",
            r.facts.provider.as_deref().unwrap_or("the provider")
        ));
    }
    output::line(format!(
        "outcome    {} → {}",
        r.facts.outcome,
        r.facts
            .status
            .map(|s| s.to_string())
            .unwrap_or_else(|| "-".into())
    ));
    output::line("");
    output::line(format!("{} {}", quote(&d.method), quote(&d.path)));
    for (n, v) in &d.headers {
        output::line(format!(
            "{}: {}",
            n.cyan(),
            crate::terminal::quote_bytes(&masker.value(n, v))
        ));
    }
    if masker.masks_any(&d.headers) {
        output::line(
            "(secret header values masked; --show-secrets to print them)"
                .dimmed()
                .to_string(),
        );
    }
    if with_body {
        output::line("");
        output::line(render_body(&d.body));
    } else {
        output::line(
            format!("({} bytes of body; --body to print it)", d.body.len())
                .dimmed()
                .to_string(),
        );
    }
    for a in &r.attempts {
        output::line("");
        let status = a
            .status
            .map(|s| s.to_string())
            .unwrap_or_else(|| "---".into());
        output::line(format!(
            "forwarded  {} → [{status}] in {:.1} ms{}",
            quote(&a.url),
            a.latency.as_secs_f64() * 1000.0,
            a.error
                .as_deref()
                .map(|e| format!(" ({})", quote(e)))
                .unwrap_or_default()
        ));
    }
}
