//! `hooks emulate` (serve and trigger): builds the emulator's options from the command line and prints its banner.

use crate::cli::{EmulateArgs, EmulateCommand, EmulateServeArgs, EmulateTriggerArgs};
use crate::config::{self, Config};
use crate::emulator::{self, Faults, Options, Origin};
use crate::fixtures::Catalog;
use crate::output::{self, Format};
use crate::payload::{self, Override};
use crate::signing::{self, MissingSecret, SchemeConfig};
use crate::{outbound, Error, Result};
use rand::distributions::{Alphanumeric, DistString};
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;

pub async fn run(args: EmulateArgs, config: &Config, catalog: Catalog) -> Result<()> {
    match args.command {
        Some(EmulateCommand::Trigger(t)) => trigger(t, config).await,
        None => serve(args.serve, config, catalog).await,
    }
}

/// Reads a value kept in the data dir, creating it (mode 0600) the first time.
fn load_or_create(path: &Path, create: impl FnOnce() -> String) -> Result<String> {
    if let Ok(text) = std::fs::read_to_string(path) {
        let value = text.trim().to_string();
        if !value.is_empty() {
            return Ok(value);
        }
    }
    let value = create();
    crate::private::write(path, format!("{value}\n").as_bytes()).map_err(|e| {
        Error::usage(format!("cannot write {}: {e}", path.display()))
            .with_hint("pass --data-dir with a writable directory")
    })?;
    Ok(value)
}

async fn serve(args: EmulateServeArgs, config: &Config, catalog: Catalog) -> Result<()> {
    let scheme = SchemeConfig::from(&args.scheme);
    let provider = signing::provider(&scheme, config)?.ok_or_else(|| {
        Error::usage("which provider should be emulated?").with_hint(
            "pass --provider workestra, wheniwork, webwork, awork or standard (or set provider in the profile)",
        )
    })?;
    if !(args.time_scale.is_finite() && args.time_scale > 0.0) {
        return Err(Error::usage(format!(
            "invalid --time-scale {}: it must be a number above 0",
            args.time_scale
        ))
        .with_hint("use 1 for real time, 0.01 to run a hundred times faster"));
    }
    if !(0.0..=1.0).contains(&args.duplicate_rate) {
        return Err(Error::usage(format!(
            "invalid --duplicate-rate {}: it is a chance from 0 to 1",
            args.duplicate_rate
        ))
        .with_hint("e.g. --duplicate-rate 0.1 sends about one delivery in ten twice"));
    }
    let data_dir = args
        .data_dir
        .clone()
        .unwrap_or_else(|| emulator::default_dir(&config.data_dir, provider.name));
    let profile = &config.profile;
    // The same development secret as `listen` and `send-test` unless one is
    // given, so a listener verifies the emulator's deliveries out of the box.
    let dev_secret_path = config.data_dir.join("dev-secret");
    let dev_secret_existed = dev_secret_path.is_file();
    let signer = signing::signer(provider, &scheme, config, MissingSecret::UseDevSecret)?;
    let secret_origin = if signer.dev_secret {
        Origin::Generated {
            path: dev_secret_path,
            new: !dev_secret_existed,
        }
    } else if !scheme.secrets.is_empty() {
        Origin::Given(config::given_by(
            "--secret",
            "HOOKS_SECRET",
            &scheme.secrets,
        ))
    } else {
        Origin::Given(config.profile_key(if profile.secret.is_some() {
            "secret"
        } else {
            "secrets"
        }))
    };
    let api_key_path = data_dir.join(emulator::KEY_FILE);
    let api_key_existed = api_key_path.is_file();
    let (api_key, api_key_origin) = match (&args.api_key, &profile.api_key) {
        (Some(k), _) | (None, Some(k)) if k.trim().is_empty() => {
            return Err(Error::usage("the API key is empty").with_hint(
                "pass --api-key with a non-empty key, or leave it out to use a generated one",
            ))
        }
        (Some(k), _) => (
            k.clone(),
            Origin::Given(config::given_by(
                "--api-key",
                "HOOKS_API_KEY",
                std::slice::from_ref(k),
            )),
        ),
        (None, Some(k)) => (k.clone(), Origin::Given(config.profile_key("api_key"))),
        (None, None) => (
            load_or_create(&api_key_path, || {
                format!(
                    "emu_{}",
                    Alphanumeric.sample_string(&mut rand::thread_rng(), 32)
                )
            })?,
            Origin::Generated {
                path: api_key_path,
                new: !api_key_existed,
            },
        ),
    };
    emulator::serve(Options {
        provider: signer.provider,
        scheme: signer.scheme,
        secrets: signer.secrets,
        secret_origin,
        api_key,
        api_key_origin,
        data_dir,
        port: args.port,
        scale: args.time_scale,
        faults: Faults {
            duplicate_rate: args.duplicate_rate,
            reorder: args.reorder,
            delay: args.delay.map(Duration::from).unwrap_or_default(),
        },
        format: args.format,
        catalog,
    })
    .await
}

/// The keys `hooks emulate trigger` offers, in order: the one given, else
/// the profile's, else every key an emulator generated in the data
/// directory (the trigger does not know which provider is running; each
/// is the user's own, and a wrong one costs one 403).
fn trigger_keys(args: &EmulateTriggerArgs, config: &Config) -> Vec<String> {
    if let Some(key) = args
        .api_key
        .as_ref()
        .or(args.api_key_file.as_ref())
        .or(config.profile.api_key.as_ref())
    {
        return vec![key.trim().to_string()];
    }
    let mut paths: Vec<_> = std::fs::read_dir(config.data_dir.join("emulator"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path().join(emulator::KEY_FILE))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
        .collect()
}

async fn trigger(args: EmulateTriggerArgs, config: &Config) -> Result<()> {
    for s in &args.set {
        Override::parse(s)?;
    }
    if args.count == 0 {
        return Err(Error::usage("--count must be at least 1"));
    }
    let data = args.data.as_deref().map(payload::parse_data).transpose()?;
    let base = args
        .api_url
        .clone()
        .unwrap_or_else(|| format!("http://127.0.0.1:{}", emulator::DEFAULT_PORT));
    let url = outbound::parse_target(&base)?
        .join("/_emulator/events")
        .map_err(|e| Error::usage(format!("invalid --api-url '{base}': {e}")))?;
    let mut body = json!({ "type": args.event, "count": args.count, "set": args.set });
    if let Some(d) = data {
        body["data"] = d;
    }
    let client = outbound::client(Duration::from_secs(120));
    let keys = trigger_keys(&args, config);
    let mut answered = None;
    for key in keys.iter().map(Some).chain(keys.is_empty().then_some(None)) {
        let mut request = client.post(url.clone()).json(&body);
        if let Some(key) = key {
            request = request.bearer_auth(key);
        }
        let response = request.send().await.map_err(|e| {
            Error::network(format!("cannot reach the emulator at {url}: {e}")).with_hint(
                "start it with `hooks emulate --provider P`, or pass --api-url with the URL it printed",
            )
        })?;
        let status = response.status();
        answered = Some((
            status,
            response.json::<Value>().await.unwrap_or(Value::Null),
        ));
        if status != reqwest::StatusCode::FORBIDDEN {
            break;
        }
    }
    let (status, answer) = answered.expect("at least one request was sent");
    if status == reqwest::StatusCode::FORBIDDEN {
        return Err(Error::usage(format!(
            "the emulator at {url} refused the event: it needs its API key"
        ))
        .with_hint("pass --api-key (or HOOKS_API_KEY) with the key `hooks emulate` printed"));
    }
    if status.as_u16() != 202 {
        let message = answer["error"].as_str().unwrap_or("unexpected answer");
        let err = format!("the emulator refused the event ({status}): {message}");
        let hint = answer["hint"]
            .as_str()
            .unwrap_or("check the event name and --set values")
            .to_string();
        return Err(if status.is_client_error() {
            Error::usage(err).with_hint(hint)
        } else {
            Error::network(err).with_hint(hint)
        });
    }
    match args.format {
        Format::Json => output::json_line(&answer),
        Format::Pretty => {
            let webhooks: Vec<String> = answer["webhooks"]
                .as_array()
                .map(|w| {
                    w.iter()
                        .map(|v| v.as_str().unwrap_or_default().to_string())
                        .collect()
                })
                .unwrap_or_default();
            output::line(format!(
                "triggered {} x {} for {} webhook(s){}",
                answer["accepted"],
                args.event,
                webhooks.len(),
                if webhooks.is_empty() {
                    " (no active webhook is subscribed)".to_string()
                } else {
                    format!(": {}", webhooks.join(", "))
                }
            ));
        }
    }
    Ok(())
}
