//! `hooks send-test`: sends a correctly signed test event from a fixture to a URL and reports the answer.

use crate::cli::SendTestArgs;
use crate::config::Config;
use crate::fixtures::Catalog;
use crate::outbound::{self, Expect, Outgoing};
use crate::output::{self, Format};
use crate::payload::{self, Override};
use crate::signature::SignParams;
use crate::signing::{self, MissingSecret, SchemeConfig};
use crate::{event, providers, Error, Result};
use colored::Colorize;
use serde_json::json;
use std::time::SystemTime;

pub async fn run(args: SendTestArgs, config: &Config, catalog: &Catalog) -> Result<()> {
    let scheme = SchemeConfig::from(&args.scheme);
    let expect = Expect::parse(&args.expect)?;
    let target = args
        .to
        .clone()
        .or(config.profile.to.clone())
        .unwrap_or_else(|| outbound::DEFAULT_TARGET.to_string());
    let url = outbound::parse_target(&target)?;
    let overrides = args
        .set
        .iter()
        .map(|s| Override::parse(s))
        .collect::<Result<Vec<_>>>()?;
    let extra_headers = args
        .header
        .iter()
        .map(|h| outbound::parse_header(h))
        .collect::<Result<Vec<_>>>()?;
    let data = args.data.as_deref().map(payload::parse_data).transpose()?;

    let chosen = signing::provider(&scheme, config)?;
    let now = SystemTime::now();
    let test_event = event::build(catalog, &args.event, chosen.as_ref(), data, &overrides, now)?;
    let provider = match chosen {
        Some(p) => p,
        None => match test_event.envelope_provider.as_deref() {
            Some(name) => providers::get(name)?,
            None => {
                return Err(Error::usage(format!(
                "the fixture for '{}' belongs to no provider, so hooks cannot tell how to sign it",
                args.event
            ))
                .with_hint("pass --provider"))
            }
        },
    };
    let signer = signing::signer(provider, &scheme, config, MissingSecret::UseDevSecret)?;
    let timestamp = crate::signature::unix_now();
    let signature = signer
        .scheme
        .sign(
            &signer.secrets,
            &test_event.body,
            &SignParams {
                id: &test_event.id,
                timestamp,
            },
        )
        .map_err(Error::usage)?;

    let mut headers = vec![("Content-Type".to_string(), "application/json".to_string())];
    headers.extend(test_event.headers.iter().cloned());
    let redacted: Vec<String> = match signer.scheme {
        crate::signature::Scheme::Header { .. } => {
            signature.iter().map(|(k, _)| k.clone()).collect()
        }
        _ => vec![],
    };
    headers.extend(signature);
    headers.extend(extra_headers);
    if signer.dev_secret {
        output::detail(format!(
            "signing with the development secret in {}",
            config.data_dir.join("dev-secret").display()
        ));
    }
    // The header scheme sends the secret itself: never show it.
    for (name, value) in &headers {
        let shown = if redacted.contains(name) {
            "[redacted]"
        } else {
            value.as_str()
        };
        output::detail(format!("> {name}: {shown}"));
    }
    let out = Outgoing {
        method: http::Method::POST,
        url,
        headers,
        body: test_event.body.clone(),
    };

    if args.format == Format::Pretty {
        output::line(format!(
            "{} {} [{}]",
            "-->".cyan().bold(),
            test_event.event.bold(),
            test_event.event_id
        ));
    }
    let client = outbound::client(args.timeout.into());
    let wait = args.wait.map(Into::into).unwrap_or_default();
    let answer = match outbound::send_waiting(&client, &out, wait).await {
        Ok(a) => a,
        Err(e) => {
            if args.format == Format::Json {
                output::json_line(&json!({
                    "event": test_event.event,
                    "id": test_event.event_id,
                    "provider": signer.provider.name,
                    "url": out.url.as_str(),
                    "status": null,
                    "latency_ms": null,
                    "ok": false,
                    "error": e.message,
                }));
            }
            return Err(e);
        }
    };
    let ok = expect.matches(answer.status);
    if !(200..300).contains(&answer.status) {
        show_response_body(&answer.body);
    }
    let latency_ms = answer.latency.as_millis();
    match args.format {
        Format::Pretty => {
            let status = format!("[{}]", answer.status);
            let status = if ok { status.green() } else { status.red() };
            output::line(format!(
                "{} {} POST {} ({} ms)",
                "<--".cyan().bold(),
                status.bold(),
                out.url,
                latency_ms
            ));
        }
        Format::Json => output::json_line(&json!({
            "event": test_event.event,
            "id": test_event.event_id,
            "provider": signer.provider.name,
            "url": out.url.as_str(),
            "status": answer.status,
            "latency_ms": output::latency_ms(answer.latency),
            "ok": ok,
        })),
    }
    if ok {
        return Ok(());
    }
    // What the answer says went wrong (a listener's 502 names the app it
    // could not reach), so that the reason is there without -v.
    let said = crate::delivery::print::excerpt(&answer.body, SAID_CHARS);
    let said = if said.is_empty() {
        String::new()
    } else {
        format!(": {said}")
    };
    Err(Error::check(format!(
        "{} answered {}, expected {expect}{said}",
        out.url, answer.status
    )))
}

/// How much of an unexpected answer's body the error quotes.
const SAID_CHARS: usize = 300;

/// How much of a response body `-v` shows.
const SHOWN_BODY: usize = 4096;

/// With `-v`, the body of a non-2xx answer: what the app said went wrong.
fn show_response_body(body: &[u8]) {
    if body.is_empty() {
        output::detail("< (empty body)");
        return;
    }
    let shown = String::from_utf8_lossy(&body[..body.len().min(SHOWN_BODY)]);
    for line in shown.lines() {
        output::detail(format!(
            "< {}",
            crate::delivery::print::excerpt(line.as_bytes(), SHOWN_BODY)
        ));
    }
    if body.len() > SHOWN_BODY {
        output::detail(format!("< … ({} bytes in all)", body.len()));
    }
}
