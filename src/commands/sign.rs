//! `hooks sign`: prints the signature headers a provider would send for a payload.

use crate::cli::{HeaderFormat, SignArgs};
use crate::config::Config;
use crate::signature::SignParams;
use crate::signing::{self, MissingSecret, SchemeConfig};
use crate::{output, providers, Error, Result};

pub fn run(args: SignArgs, config: &Config) -> Result<()> {
    let scheme = SchemeConfig::from(&args.scheme);
    let provider = signing::provider(&scheme, config)?.ok_or_else(missing_provider)?;
    // As listen and send-test do: with no secret configured anywhere, the
    // development secret, so `hooks sign` matches what `hooks listen` checks.
    let signer = signing::signer(provider, &scheme, config, MissingSecret::UseDevSecret)?;
    if signer.dev_secret {
        super::note_dev_secret("signing", config);
    }
    let body = super::read_payload(&args.file)?;
    let id = args.id.clone().unwrap_or_else(|| {
        providers::Envelope::Standard
            .refresh(&mut serde_json::Value::Null, std::time::SystemTime::now())
            .0
    });
    let timestamp = args.timestamp.unwrap_or_else(crate::signature::unix_now);
    if !signer.scheme.is_signed() {
        // Nothing to attach: say so (a silent success looks like a bug), and
        // still give JSON readers an object.
        output::note(format!(
            "{} sends no signature headers: its deliveries are unsigned (pass --scheme to sign with one)",
            signer.provider.name
        ));
        if args.format == HeaderFormat::Json {
            output::json_line(&serde_json::json!({}));
        }
        return Ok(());
    }
    let headers = signer
        .scheme
        .sign(&signer.secrets, &body, &SignParams { id: &id, timestamp })
        .map_err(Error::usage)?;
    match args.format {
        HeaderFormat::Text => {
            for (name, value) in &headers {
                output::line(format!("{name}: {value}"));
            }
        }
        HeaderFormat::Json => {
            let map: serde_json::Map<String, serde_json::Value> = headers
                .into_iter()
                .map(|(k, v)| (k, serde_json::Value::String(v)))
                .collect();
            output::json_line(&serde_json::Value::Object(map));
        }
    }
    Ok(())
}

pub fn missing_provider() -> Error {
    Error::usage("no provider given").with_hint(format!(
        "pass --provider (one of {}), set HOOKS_PROVIDER, or set provider in the profile",
        providers::names().join(", ")
    ))
}
