//! `hooks emulate`: an offline provider. It serves the provider's management
//! API (or the emulator's own), accepts triggered events, and delivers them
//! with the provider's documented policy: signing, batching, retries,
//! disabling or pausing. State lives in SQLite so a restart loses nothing.

pub mod api;
pub mod engine;
pub mod store;

use crate::fixtures::Catalog;
use crate::output::{self, Format};
use crate::providers::{Management, Provider};
use crate::signature::Scheme;
use crate::{Error, Result};
use hyper::service::service_fn;
use std::path::PathBuf;
use std::sync::Arc;

pub use engine::Faults;

/// The default port of `hooks emulate`.
pub const DEFAULT_PORT: u16 = 8790;

/// Everything the emulator runs with, resolved from flags and config.
pub struct Options {
    pub provider: Provider,
    pub scheme: Scheme,
    pub secrets: Vec<String>,
    pub api_key: String,
    pub data_dir: PathBuf,
    pub port: u16,
    pub scale: f64,
    pub faults: Faults,
    pub format: Format,
    pub catalog: Catalog,
}

/// Runs the emulator until Ctrl-C.
pub async fn serve(opts: Options) -> Result<()> {
    let store = Arc::new(store::Store::open(&opts.data_dir.join("emulator.db"))?);
    match store.meta("provider")? {
        Some(p) if p != opts.provider.name => {
            return Err(Error::usage(format!(
                "{} holds the state of a {p} emulator, not {}",
                opts.data_dir.display(),
                opts.provider.name
            ))
            .with_hint(format!(
                "pass --provider {p}, or a different --data-dir for {}",
                opts.provider.name
            )))
        }
        Some(_) => {}
        None => store.set_meta("provider", opts.provider.name)?,
    }
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", opts.port))
        .await
        .map_err(|e| {
            Error::usage(format!("cannot listen on 127.0.0.1:{}: {e}", opts.port))
                .with_hint("pick another --port (0 chooses a free one)")
        })?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::network(format!("cannot read the bound address: {e}")))?;
    let base = format!("http://{addr}");

    let engine = Arc::new(engine::Engine::new(
        store.clone(),
        opts.provider.clone(),
        opts.scheme.clone(),
        opts.secrets.clone(),
        opts.scale,
        opts.faults,
        opts.format,
    ));
    print_banner(&opts, &base, engine.max_attempts());
    let app = Arc::new(api::App {
        engine: engine.clone(),
        store,
        provider: opts.provider,
        catalog: opts.catalog,
        api_key: opts.api_key,
    });
    tokio::spawn(engine.run());

    let accept = async {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let app = app.clone();
            tokio::spawn(async move {
                let service = service_fn(move |req| {
                    let app = app.clone();
                    async move {
                        Ok::<_, std::convert::Infallible>(api::handle(app, req, addr.port()).await)
                    }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                    .await;
            });
        }
    };
    tokio::select! {
        _ = accept => Ok(()),
        _ = tokio::signal::ctrl_c() => Err(Error::interrupted()),
    }
}

fn print_banner(opts: &Options, base: &str, attempts: u32) {
    let api = match opts.provider.management {
        Management::WebWork => format!("{base}/rest-api/v1 (HTTP Basic, any e-mail, the API key)"),
        Management::Awork => format!("{base}/api/v1 (Bearer API key)"),
        _ => format!("{base}/_emulator/webhooks (the emulator's API)"),
    };
    let secret = if opts.scheme.is_signed() {
        opts.secrets.join(" ")
    } else {
        format!(
            "{} (deliveries are unsigned; --scheme chooses a scheme)",
            opts.secrets.join(" ")
        )
    };
    output::line(format!("listening on {base}"));
    output::line(format!(
        "provider:   {} ({}), {} attempts per delivery",
        opts.provider.name,
        crate::signing::scheme_name(&opts.scheme),
        attempts
    ));
    output::line(format!("API base:   {api}"));
    output::line(format!("API key:    {}", opts.api_key));
    output::line(format!("secret:     {secret}"));
    output::line(format!("data dir:   {}", opts.data_dir.display()));
    output::line(format!(
        "trigger:    hooks emulate trigger EVENT --api-url {base}"
    ));
    output::line(format!("manage:     {}", manage_command(opts, base)));
    if opts.scale != 1.0 {
        output::line(format!("time scale: {}", opts.scale));
    }
}

/// A `hooks create` that works against this emulator as it runs: the
/// provider's own API for WebWork and awork, the emulator's (`/_emulator`)
/// for the others.
fn manage_command(opts: &Options, base: &str) -> String {
    let name = opts.provider.name;
    let target = crate::commands::send_test::DEFAULT_TARGET;
    let event = match opts.provider.events.first() {
        Some(e) => e.to_string(),
        None => "'*' --allow-unknown-event".to_string(),
    };
    let api = match opts.provider.management {
        Management::WebWork => format!(
            "{base}/rest-api/v1 --account-email dev@localhost --api-key {}",
            opts.api_key
        ),
        Management::Awork => format!("{base}/api/v1 --api-key {}", opts.api_key),
        _ => format!("{base}/{}", crate::api::emulator::PATH),
    };
    format!("hooks create --provider {name} --api-url {api} --url {target} --event {event}")
}
