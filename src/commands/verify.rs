use crate::cli::VerifyArgs;
use crate::config::Config;
use crate::output::{self, Format};
use crate::signature::Verification;
use crate::signing::{self, MissingSecret};
use crate::{outbound, Error, Result};
use colored::Colorize;
use serde_json::json;

pub fn run(args: VerifyArgs, config: &Config) -> Result<()> {
    let provider =
        signing::provider(&args.scheme, config)?.ok_or_else(super::sign::missing_provider)?;
    let signer = signing::signer(provider, &args.scheme, config, MissingSecret::Fail)?;
    let mut headers = http::HeaderMap::new();
    for raw in &args.header {
        let (name, value) = outbound::parse_header(raw)?;
        headers.append(
            http::HeaderName::from_bytes(name.as_bytes()).expect("validated"),
            http::HeaderValue::from_str(&value).expect("validated"),
        );
    }
    let body = super::read_payload(&args.file)?;
    let result = signer.scheme.verify(
        &signer.secrets,
        &headers,
        &body,
        super::unix_now(),
        signer.tolerance,
    );
    match args.format {
        Format::Pretty => match &result {
            Verification::Valid => output::line(format!("{} signature valid", "✔".green())),
            Verification::Unsigned => output::line(format!(
                "{} {} does not sign deliveries: nothing to verify",
                "–".yellow(),
                signer.provider.name
            )),
            Verification::Invalid(f) => output::line(format!("{} invalid: {f}", "✘".red())),
        },
        Format::Json => output::json_line(&json!({
            "provider": signer.provider.name,
            "scheme": signing::scheme_name(&signer.scheme),
            "result": result.label(),
            "reason": result.reason(),
        })),
    }
    match result {
        Verification::Invalid(f) => Err(Error::check(format!("signature invalid: {f}"))),
        _ => Ok(()),
    }
}
