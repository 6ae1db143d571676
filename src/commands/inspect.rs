//! `hooks inspect`: the inspector's web page over the recorded deliveries, without a listener.

use crate::cli::{InspectArgs, ListenArgs};
use crate::config::Config;
use crate::delivery::forward::Forwarder;
use crate::delivery::pipeline::{Options, Pipeline};
use crate::delivery::print::{PrintMode, Printer};
use crate::delivery::secrets::Masker;
use crate::delivery::store::{Store, DEFAULT_RETENTION};
use crate::delivery::verify::Verifier;
use crate::inspector::api::Queries;
use crate::inspector::{self, server, Bind, Inspector, Socket};
use crate::output::{self, Format};
use crate::signing::SchemeConfig;
use crate::{Error, Result};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// `hooks inspect`: the inspector over the store, without a listener.
/// Replays go through a pipeline of their own (verified, recorded,
/// forwarded to `--forward`).
pub async fn run(args: InspectArgs, config: &Config) -> Result<()> {
    let store = Store::open(&Store::path_in(&config.data_dir), DEFAULT_RETENTION)?;
    let scheme = SchemeConfig::from(&args.scheme);
    let verifier = Verifier::new(&scheme, config)?;
    let forward = super::forward_target(args.forward.as_deref(), config)?;
    let timeout: Duration = args.forward_timeout.into();
    let options = Options {
        forward,
        ..Options::default()
    };
    let forwarding = options.forward.clone();
    let pipeline = Arc::new(Pipeline::new(
        verifier,
        Some(store.writer()),
        Printer {
            format: Format::Pretty,
            mode: PrintMode::Summary,
            masker: Masker::default(),
        },
        Forwarder::new(timeout),
        options,
    ));
    let listener_url = config
        .profile
        .to
        .clone()
        .unwrap_or_else(|| crate::outbound::DEFAULT_TARGET.to_string());
    let inspector = Arc::new(Inspector::new(
        store.clone(),
        Queries::open(store.path())?,
        pipeline,
        scheme,
        config.clone(),
        timeout,
        listener_url,
    ));
    let addr = match &args.bind {
        Some(b) if b.contains(':') && !b.ends_with(']') => b.clone(),
        Some(host) => format!("{host}:{}", args.port),
        None => format!("127.0.0.1:{}", args.port),
    };
    let url = inspector::bind(&Bind::Explicit(addr))
        .await
        .map_err(|e| e.with_hint("pick another --port (0 picks a free one), or --bind ADDR"))?
        .serve(|| Some(inspector.clone()))
        .ok_or_else(|| Error::usage("the inspector did not start"))?;
    output::note(format!("hooks inspector on {url}"));
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

/// The inspector beside `hooks listen`, bound before the listener
/// announces itself and started on its pipeline after.
pub struct Beside {
    socket: Socket,
    queries: Option<Queries>,
}

/// Binds the inspector's socket for `hooks listen`, unless `--no-inspect`
/// or `--no-record` (there is nothing to inspect).
pub async fn prepare(args: &ListenArgs, store: Option<&Store>) -> Result<Beside> {
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
        return Ok(Beside {
            socket: Socket::Off,
            queries: None,
        });
    };
    let socket = inspector::bind(&bind).await.map_err(|e| {
        e.with_hint("pick another address with --inspect 127.0.0.1:PORT (port 0 picks a free one), or pass --no-inspect")
    })?;
    let queries = match socket {
        Socket::Bound(..) => Some(Queries::open(store.path())?),
        _ => None,
    };
    Ok(Beside { socket, queries })
}

impl Beside {
    /// Starts serving (no I/O but a spawn) and prints the address.
    pub fn start(
        self,
        args: &ListenArgs,
        config: &Config,
        store: Option<Store>,
        pipeline: &Arc<Pipeline>,
        listening: SocketAddr,
    ) {
        // Curl commands target the listener; 0.0.0.0 is not an address to
        // send to.
        let mut target = listening;
        if target.ip().is_unspecified() {
            target.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
        }
        let queries = self.queries;
        let started = self.socket.serve(|| {
            Some(Arc::new(Inspector::new(
                store?,
                queries?,
                pipeline.clone(),
                (&args.scheme).into(),
                config.clone(),
                args.forward_timeout.into(),
                format!("http://{target}"),
            )))
        });
        if let Some(url) = started {
            output::note(format!("  inspector on {url}"));
        }
    }
}
