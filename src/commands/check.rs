//! `hooks check`: the glue from its flags to [`crate::check`].

use crate::check::{self, junit, Case, Outcome, Runner, Verdict};
use crate::cli::CheckArgs;
use crate::config::Config;
use crate::delivery::store::{Store, DEFAULT_RETENTION};
use crate::fixtures::Catalog;
use crate::output::{self, Format};
use crate::signing::{self, MissingSecret, SchemeConfig};
use crate::{outbound, Error, Result};
use colored::Colorize;

pub async fn run(args: CheckArgs, config: &Config, catalog: &Catalog) -> Result<()> {
    let scheme = SchemeConfig::from(&args.scheme);
    let target = args
        .to
        .clone()
        .or(config.profile.to.clone())
        .ok_or_else(|| {
            Error::usage("no endpoint to check").with_hint("pass --to with your handler's URL")
        })?;
    let url = outbound::parse_target(&target)?;
    let provider = signing::provider(&scheme, config)?.ok_or_else(|| {
        Error::usage("no provider to check against").with_hint(format!(
            "pass --provider (one of {})",
            crate::providers::names().join(", ")
        ))
    })?;
    let signer = signing::signer(provider, &scheme, config, MissingSecret::UseDevSecret)?;
    let cases: Vec<Case> = Case::ALL
        .into_iter()
        .filter(|c| args.only.is_empty() || args.only.contains(c))
        .filter(|c| !args.skip.contains(c))
        .collect();
    if cases.is_empty() {
        return Err(Error::usage("--only and --skip leave no case to run")
            .with_hint("see `hooks check --help` for the case ids"));
    }
    let events = if args.events.is_empty() {
        default_events(catalog, &signer.provider)
    } else {
        args.events.clone()
    };

    // An unwritable report fails before anything is sent.
    let report = args
        .junit
        .as_deref()
        .map(|path| std::fs::File::create(path).map_err(|e| junit_error(path, e)))
        .transpose()?;
    let store = Store::open(&Store::path_in(&config.data_dir), DEFAULT_RETENTION)?;
    let mut runner = Runner::new(
        catalog,
        signer,
        url.clone(),
        args.timeout.map(Into::into),
        events,
        store.writer(),
    );
    if scheme.secrets.is_empty() {
        runner.secret_from = config.profile_key(if config.profile.secret.is_some() {
            "secret"
        } else {
            "secrets"
        });
    }
    // Every event is built once before anything is sent, so an unknown
    // event fails the command (exit 2) without a partial run.
    for name in runner.events.clone() {
        runner.event(&name)?;
    }
    if runner.signer.dev_secret {
        output::detail(format!(
            "signing with the development secret in {}",
            config.data_dir.join("dev-secret").display()
        ));
    }
    let provider_name = runner.provider().name;
    if args.format == Format::Pretty {
        output::line(format!(
            "{} {url} as {}",
            "hooks check".bold(),
            runner.provider().title
        ));
    }
    let verdicts = check::execute(&mut runner, &cases, args.format).await?;
    if let (Some(path), Some(file)) = (&args.junit, report) {
        let name = format!("hooks check {provider_name} {url}");
        let classname = format!("hooks.check.{provider_name}");
        let suite = junit::Suite {
            name: &name,
            classname: &classname,
        };
        write_junit(path, file, &suite, &verdicts)?;
    }
    let count = |o: Outcome| verdicts.iter().filter(|v| v.outcome == o).count();
    if args.format == Format::Pretty {
        output::line(format!(
            "{} passed, {} failed, {} skipped; the requests are in `hooks deliveries list`",
            count(Outcome::Passed),
            count(Outcome::Failed),
            count(Outcome::Skipped)
        ));
    }
    let failed: Vec<&str> = verdicts
        .iter()
        .filter(|v| v.outcome == Outcome::Failed)
        .map(|v| v.case.id())
        .collect();
    if failed.is_empty() {
        return Ok(());
    }
    Err(Error::check(format!(
        "{} of {} cases failed: {}",
        failed.len(),
        verdicts.len(),
        failed.join(", ")
    )))
}

/// The provider's fixtures, without its verification event (a case of its
/// own); for a generic scheme, which has none, an example create and update.
fn default_events(catalog: &Catalog, provider: &crate::providers::Provider) -> Vec<String> {
    let events: Vec<String> = catalog
        .list(Some(provider.name))
        .into_iter()
        .map(|f| f.event.clone())
        .filter(|e| Some(e.as_str()) != provider.policy.setup_event)
        .collect();
    if events.is_empty() {
        vec!["example.created".into(), "example.updated".into()]
    } else {
        events
    }
}

fn write_junit(
    path: &std::path::Path,
    mut file: std::fs::File,
    suite: &junit::Suite,
    verdicts: &[Verdict],
) -> Result<()> {
    use std::io::Write;
    let xml = junit::render(suite, verdicts).map_err(|e| junit_error(path, e))?;
    file.write_all(&xml).map_err(|e| junit_error(path, e))
}

fn junit_error(path: &std::path::Path, e: std::io::Error) -> Error {
    Error::usage(format!(
        "cannot write the JUnit report {}: {e}",
        path.display()
    ))
    .with_hint("check that the directory exists and is writable")
}
