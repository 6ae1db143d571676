//! `hooks verify`: checks a payload's signature headers against a secret and prints the verdict.

use crate::cli::VerifyArgs;
use crate::config::Config;
use crate::delivery::verify::Verifier;
use crate::delivery::{Delivery, Source};
use crate::output::{self, Format};
use crate::signature::Verification;
use crate::signing::{self, SchemeConfig};
use crate::{outbound, Error, Result};
use colored::Colorize;
use serde_json::json;

pub fn run(args: VerifyArgs, config: &Config) -> Result<()> {
    let scheme = SchemeConfig::from(&args.scheme);
    let mut headers = Vec::new();
    for raw in &args.header {
        let (name, value) = outbound::parse_header(raw)?;
        headers.push((name, value.into_bytes()));
    }
    let delivery = Delivery {
        method: "POST".into(),
        path: "/".into(),
        headers,
        body: super::read_payload(&args.file)?.into(),
        received_at: std::time::SystemTime::now(),
        source: Source::Local,
        remote: None,
        forwarding: None,
        oversized: None,
    };
    let now = crate::signature::unix_now();
    let detecting = signing::provider(&scheme, config)?.is_none();
    // As `hooks listen` does: the provider given (or the profile's, named in
    // the reason when a delivery is invalid), else the scheme whose
    // signature header the delivery carries; with no secret configured
    // anywhere, the development secret, so what send-test or sign signed
    // verifies here too.
    let verifier = Verifier::new(&scheme, config)?;
    if verifier.uses_dev_secret() {
        super::note_dev_secret("verifying", config);
    }
    let checked = verifier.check(&delivery, now);
    let detected_nothing = detecting && checked.provider.is_none();
    let reason = match &checked.verification {
        _ if detected_nothing => Some(
            "no signature header of a known scheme (pass --provider P to check one)".to_string(),
        ),
        v => v.reason(),
    };
    match args.format {
        Format::Pretty => match &checked.verification {
            _ if detected_nothing => output::line(format!(
                "{} unsigned: {}",
                "✘".red(),
                reason.as_deref().unwrap_or_default()
            )),
            Verification::Valid => output::line(format!(
                "{} signature valid ({})",
                "✔".green(),
                checked.provider.unwrap_or_default()
            )),
            Verification::Unsigned => output::line(format!(
                "{} {} does not sign deliveries: nothing to verify",
                "–".yellow(),
                checked.provider.unwrap_or_default()
            )),
            Verification::Invalid(f) => output::line(format!("{} invalid: {f}", "✘".red())),
        },
        Format::Json => output::json_line(&json!({
            "provider": checked.provider,
            "scheme": checked.scheme,
            "result": checked.verification.label(),
            "reason": reason,
        })),
    }
    // The verdict is on stdout: the exit code says the rest, with no second
    // message on stderr.
    match checked.verification {
        Verification::Invalid(_) => Err(Error::check("").already_reported()),
        _ if detected_nothing => Err(Error::check("").already_reported()),
        _ => Ok(()),
    }
}
