//! The inspector: a local web page and JSON API over the delivery store,
//! served by `hooks listen` (default 127.0.0.1:4040) and `hooks inspect`.
//!
//! The page follows new deliveries live (server-sent events fed by the
//! pipeline's change channel), shows one delivery in full, and replays
//! deliveries through the same pipeline as everything else, so a replay is
//! verified, recorded (linked to its original), printed and forwarded.

pub mod api;
pub mod server;

use crate::config::Config;
use crate::delivery::pipeline::Pipeline;
use crate::delivery::secrets::Masker;
use crate::delivery::store::Store;
use crate::signing::SchemeConfig;
use crate::{output, Error, Result};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::broadcast;

/// Where the inspector listens unless told otherwise.
pub const DEFAULT_ADDR: &str = "127.0.0.1:4040";

/// Where to serve the inspector, as `hooks listen` was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bind {
    /// 127.0.0.1:4040; when that is taken, listen goes on without it.
    Default,
    /// `--inspect ADDR`: failing to bind it is an error.
    Explicit(String),
    /// `--no-inspect`.
    Off,
}

/// Everything the inspector's handlers need.
pub struct Inspector {
    pub store: Store,
    pub queries: api::Queries,
    /// Replays go through this pipeline.
    pub pipeline: Arc<Pipeline>,
    /// How replays are re-signed: the same scheme and secrets as the
    /// listener verifies with.
    pub scheme: SchemeConfig,
    pub config: Config,
    pub forward_timeout: Duration,
    pub changes: broadcast::Sender<i64>,
    /// This run's random token: what opens the page (`/?token=…`, then a
    /// cookie) and what the page sends with replays. Other users on the
    /// machine can reach 127.0.0.1 too; without it they get 403.
    pub token: String,
    /// Where `Copy as curl` sends deliveries: the listener's base URL.
    pub listener_url: String,
    /// Which header values are masked unless the page asks for secrets.
    pub masker: Masker,
}

impl Inspector {
    /// Builds the inspector without I/O: the store's read connection is
    /// opened beforehand (`api::Queries::open`).
    pub fn new(
        store: Store,
        queries: api::Queries,
        pipeline: Arc<Pipeline>,
        scheme: SchemeConfig,
        config: Config,
        forward_timeout: Duration,
        listener_url: String,
    ) -> Inspector {
        let token = {
            use rand::RngCore;
            let mut bytes = [0u8; 32];
            rand::thread_rng().fill_bytes(&mut bytes);
            hex::encode(bytes)
        };
        let masker = Masker::new(false, &config, &scheme);
        Inspector {
            masker,
            changes: pipeline.changes(),
            store,
            queries,
            pipeline,
            scheme,
            config,
            forward_timeout,
            token,
            listener_url,
        }
    }
}

/// The inspector's socket, bound before `hooks listen` announces itself
/// (so that what follows the announcement does no I/O and signal handling
/// starts at once).
pub enum Socket {
    Bound(TcpListener, SocketAddr),
    Off,
    /// The default address was taken: why, to be said later.
    Unavailable(String),
}

/// Binds per `bind`. Failing to bind the default address is not an error.
pub async fn bind(bind: &Bind) -> Result<Socket> {
    let addr = match bind {
        Bind::Off => return Ok(Socket::Off),
        Bind::Default => DEFAULT_ADDR.to_string(),
        Bind::Explicit(a) => a.clone(),
    };
    let tcp = match server::bind(&addr).await {
        Ok(tcp) => tcp,
        Err(e) if *bind == Bind::Default => return Ok(Socket::Unavailable(e.message)),
        Err(e) => return Err(e),
    };
    let local = tcp
        .local_addr()
        .map_err(|e| Error::network(format!("cannot read the inspector's address: {e}")))?;
    Ok(Socket::Bound(tcp, local))
}

impl Socket {
    /// Serves the inspector in the background, warning when it is exposed
    /// beyond loopback or could not start; returns the URL that opens it,
    /// token included (the only way in).
    pub fn serve(self, inspector: impl FnOnce() -> Option<Arc<Inspector>>) -> Option<String> {
        match self {
            Socket::Off => None,
            Socket::Unavailable(why) => {
                output::warn(format!(
                    "the inspector is off: {why} (pass --inspect 127.0.0.1:PORT for another port, or --no-inspect)"
                ));
                None
            }
            Socket::Bound(tcp, local) => {
                let inspector = inspector()?;
                if !local.ip().is_loopback() {
                    output::warn(format!(
                        "the inspector on {local} is reachable from other machines, and it can replay deliveries"
                    ));
                }
                let url = format!("http://{local}/?token={}", inspector.token);
                tokio::spawn(server::serve(tcp, inspector));
                Some(url)
            }
        }
    }
}
