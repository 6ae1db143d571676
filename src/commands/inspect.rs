use crate::cli::{InspectArgs, ListenArgs};
use crate::config::Config;
use crate::delivery::forward::Forwarder;
use crate::delivery::pipeline::{Options, Pipeline};
use crate::delivery::print::{PrintMode, Printer};
use crate::delivery::store::{Store, DEFAULT_RETENTION};
use crate::delivery::verify::Verifier;
use crate::inspector::{self, server, Bind, Inspector};
use crate::output::{self, Format};
use crate::{outbound, Error, Result};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// `hooks inspect`: the inspector over the store, without a listener.
/// Replays go through a pipeline of their own (verified, recorded,
/// forwarded to `--forward`).
pub async fn run(args: InspectArgs, config: &Config) -> Result<()> {
    let store = Store::open(&Store::path_in(&config.data_dir), DEFAULT_RETENTION)?;
    let verifier = Verifier::new(&args.scheme, config)?;
    let forward = args
        .forward
        .clone()
        .or(config.profile.forward.clone())
        .map(|f| outbound::parse_target(&f))
        .transpose()?;
    let timeout: Duration = args.forward_timeout.into();
    let options = Options {
        forward,
        ..Options::default()
    };
    let forwarding = options.forward.clone();
    let pipeline = Arc::new(Pipeline::new(
        verifier,
        Some(store.clone()),
        Printer {
            format: Format::Pretty,
            mode: PrintMode::Summary,
        },
        Forwarder::new(timeout),
        options,
    ));
    let listener_url = config
        .profile
        .to
        .clone()
        .unwrap_or_else(|| super::send_test::DEFAULT_TARGET.to_string());
    let inspector = Arc::new(Inspector::new(
        store.clone(),
        pipeline,
        args.scheme.clone(),
        config.clone(),
        timeout,
        listener_url,
    )?);
    let addr = match &args.bind {
        Some(b) if b.contains(':') && !b.ends_with(']') => b.clone(),
        Some(host) => format!("{host}:{}", args.port),
        None => format!("127.0.0.1:{}", args.port),
    };
    let local = inspector::start(Bind::Explicit(addr), inspector.clone())
        .await?
        .ok_or_else(|| Error::usage("the inspector did not start"))?;
    output::note(format!("hooks inspector on http://{local}"));
    output::note(format!(
        "  {} deliveries in {}",
        store.count()?,
        store.path().display()
    ));
    match forwarding {
        Some(url) => output::note(format!("  replays are forwarded to {url}")),
        None => output::note("  no --forward: replays are recorded but not forwarded"),
    }
    output::note("  Ctrl-C to stop");
    tokio::spawn(server::follow_store(inspector));
    let _ = tokio::signal::ctrl_c().await;
    Err(Error::interrupted())
}

/// Starts the inspector beside `hooks listen` on its pipeline, unless
/// `--no-inspect` or `--no-record` (there is nothing to inspect).
pub async fn beside_listen(
    args: &ListenArgs,
    config: &Config,
    store: Option<Store>,
    pipeline: &Arc<Pipeline>,
    listening: SocketAddr,
) -> Result<()> {
    let bind = match (&args.inspect, args.no_inspect) {
        (_, true) => Bind::Off,
        (Some(addr), false) => Bind::Explicit(addr.clone()),
        (None, false) => Bind::Default,
    };
    let Some(store) = store else {
        if let Bind::Explicit(_) = bind {
            output::warn(
                "the inspector is off: it shows recorded deliveries, and --no-record is set",
            );
        }
        return Ok(());
    };
    if bind == Bind::Off {
        return Ok(());
    }
    // Curl commands target the listener; 0.0.0.0 is not an address to
    // send to.
    let mut target = listening;
    if target.ip().is_unspecified() {
        target.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
    }
    let inspector = Inspector::new(
        store,
        pipeline.clone(),
        args.scheme.clone(),
        config.clone(),
        args.forward_timeout.into(),
        format!("http://{target}"),
    )?;
    if let Some(local) = inspector::start(bind, Arc::new(inspector)).await? {
        output::note(format!("  inspector on http://{local}"));
    }
    Ok(())
}
