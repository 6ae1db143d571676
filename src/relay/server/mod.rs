//! `hooks relay serve`: public HTTP requests in, one websocket per
//! developer out. Requests for a channel whose client is connected travel as
//! a stream on its websocket; requests for an offline channel are stored in
//! SQLite and delivered in order when the client returns.

use super::cluster::{Cluster, ClusterOptions};
use super::protocol::{Frame, GoAwayCode, CONNECT_PATH};
use super::store::Store;
use super::tokens::Tokens;
use crate::budget::Budget;
use crate::{Error, Result};
use bytes::Bytes;
use http_body_util::{combinators::UnsyncBoxBody, BodyExt, Full};
use hyper::{Response, StatusCode};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod cluster;
mod metrics;
mod public;
mod queue;
mod route;
mod tunnels;

use crate::netlist::NetList;
use metrics::Metrics;
pub(crate) use queue::OfflineQueue;
use tunnels::Tunnel;
pub(crate) use tunnels::{ws_config, CLIENT_READ_BUFFER};

type Body = UnsyncBoxBody<Bytes, std::io::Error>;

/// What to do with a request for a channel whose client is not connected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Offline {
    /// Store it and answer 202; deliver it when the client reconnects.
    #[default]
    Queue,
    /// Answer 503 and keep nothing.
    Reject,
}

/// Everything `hooks relay serve` is configured with.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub bind: SocketAddr,
    pub public_url: Option<String>,
    pub domain: Option<String>,
    pub tokens: Option<PathBuf>,
    pub data_dir: PathBuf,
    pub max_body: u64,
    pub request_timeout: Duration,
    /// Longest pause while reading a public request body (408 after it).
    pub body_idle_timeout: Duration,
    /// A public request body must be complete this long after its head
    /// arrived (408 after it).
    pub body_deadline: Duration,
    pub queue_limit: u64,
    pub queue_ttl: Duration,
    /// Failed delivery attempts after which a queued request becomes a
    /// dead letter.
    pub queue_max_attempts: u32,
    /// Bytes stored per channel (queued and dead-lettered bodies).
    pub queue_max_bytes: u64,
    /// Bytes stored for all channels together.
    pub queue_max_total_bytes: u64,
    pub offline: Offline,
    pub rate_limit: u32,
    pub heartbeat: Duration,
    /// Certificate chain and private key files (PEM) to serve HTTPS and wss.
    pub tls: Option<(PathBuf, PathBuf)>,
    pub max_streams: usize,
    pub max_connections_per_token: usize,
    /// Channels a token may own (with `--tokens`, on a single node): a
    /// claim is never undone, so without a bound one token could fill the
    /// store with channels.
    pub max_channels_per_token: u64,
    /// `--admin-bind`: where `/metrics` is served (None: the default,
    /// [`metrics::DEFAULT_ADMIN_ADDR`], skipped with a warning when taken).
    pub admin_bind: Option<SocketAddr>,
    /// `--trusted-proxies`: peers whose `X-Forwarded-*` are believed.
    pub trusted_proxies: Option<NetList>,
    /// `--allow-from`: the only callers answered; others get 403.
    pub allow_from: Option<NetList>,
    /// Run as one node of a cluster over NATS and JetStream
    /// (docs/relay-cluster.md); `None` for the single-node relay.
    pub cluster: Option<ClusterOptions>,
}

struct Relay {
    opts: ServeOptions,
    tokens: Option<Tokens>,
    store: Mutex<Box<dyn OfflineQueue>>,
    tunnels: Mutex<HashMap<String, Arc<Tunnel>>>,
    /// Channels known to be claimed (a claim is never undone), so that a
    /// public request needs no database lookup.
    known: Mutex<std::collections::HashSet<String>>,
    /// Channels whose offline queue may hold requests: while a connected
    /// channel is in here, new requests join the end of its queue instead
    /// of overtaking it. Changed only with `store` locked (a request is
    /// added together with its channel; a channel leaves when its drain finds
    /// the queue empty), so a queued request is never left behind.
    backlog: Mutex<std::collections::HashSet<String>>,
    per_token: Mutex<HashMap<String, usize>>,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
    metrics: Metrics,
    next_conn: AtomicU64,
    /// This node's connection to the cluster, with `--cluster`.
    cluster: Option<Cluster>,
    /// What this node may hold of bodies on their way into the cluster's
    /// queue, and apart of those read from it for its clients.
    queue_buffer: Budget,
    drain_buffer: Budget,
}

/// Runs the relay until Ctrl-C.
pub async fn serve(opts: ServeOptions) -> Result<()> {
    let tokens = match &opts.tokens {
        Some(path) => Some(Tokens::load(path)?),
        None => None,
    };
    if tokens.is_none() && !opts.bind.ip().is_loopback() {
        return Err(Error::usage(format!(
            "refusing to serve on {} without --tokens: anyone could claim a channel",
            opts.bind
        ))
        .with_hint("create a token with `hooks relay token add NAME --tokens FILE` and pass --tokens FILE, or bind 127.0.0.1"));
    }
    let tls = opts.tls.as_ref().map(|(c, k)| acceptor(c, k)).transpose()?;
    let store = Store::open(&opts.data_dir)?;
    let cluster = match &opts.cluster {
        Some(options) => Some(cluster::join(options).await?),
        None => None,
    };
    let listener = crate::tcp::listen(opts.bind).await.map_err(|e| {
        Error::usage(format!("cannot listen on {}: {e}", opts.bind))
            .with_hint("pick a free address with --bind, e.g. 127.0.0.1:8788")
    })?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::network(e.to_string()))?;
    let admin = metrics::bind_admin(opts.admin_bind).await?;
    if tokens.is_none() {
        crate::output::note(
            "relay: no --tokens given: any client may connect, so listening on loopback only",
        );
    }
    let (http, ws) = if tls.is_some() {
        ("https", "wss")
    } else {
        ("http", "ws")
    };
    crate::output::note(format!(
        "relay: listening on {http}://{addr} (clients connect to {ws}://{addr}{CONNECT_PATH})"
    ));
    if let Some(local) = admin.as_ref().and_then(|a| a.local_addr().ok()) {
        crate::output::note(format!("relay: metrics on http://{local}/metrics"));
    }
    let relay = Arc::new(Relay {
        queue_buffer: cluster::queue_budget(opts.max_body),
        drain_buffer: cluster::queue_budget(opts.max_body),
        opts,
        tokens,
        store: Mutex::new(Box::new(store)),
        tunnels: Mutex::new(HashMap::new()),
        known: Mutex::new(std::collections::HashSet::new()),
        backlog: Mutex::new(std::collections::HashSet::new()),
        per_token: Mutex::new(HashMap::new()),
        buckets: Mutex::new(HashMap::new()),
        metrics: Metrics::default(),
        next_conn: AtomicU64::new(1),
        cluster,
    });
    if let Some(admin) = admin {
        tokio::spawn(metrics::serve_admin(relay.clone(), admin));
    }
    if let Some(cluster) = relay.cluster.clone() {
        let bind = addr.to_string();
        tokio::spawn(async move {
            loop {
                let _ = cluster.announce(&bind).await;
                tokio::time::sleep(super::cluster::status::ANNOUNCE_EVERY).await;
            }
        });
    }
    let accept = async {
        loop {
            let Ok((tcp, peer)) = listener.accept().await else {
                // Out of file descriptors and the like: back off, keep serving.
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            };
            let _ = tcp.set_nodelay(true);
            let relay = relay.clone();
            let tls = tls.clone();
            tokio::spawn(async move {
                match tls {
                    None => relay.serve_http(tcp, peer).await,
                    Some(acceptor) => {
                        let handshake = acceptor.accept(tcp);
                        if let Ok(Ok(stream)) =
                            tokio::time::timeout(Duration::from_secs(10), handshake).await
                        {
                            relay.serve_http(stream, peer).await;
                        }
                    }
                }
            });
        }
    };
    tokio::select! {
        _ = accept => Ok(()),
        _ = tokio::signal::ctrl_c() => {
            for tunnel in relay.tunnels.lock().unwrap().values() {
                let goaway = Frame::GoAway { code: GoAwayCode::Shutdown, message: "the relay is shutting down".into() };
                let _ = tunnel.out.try_send(goaway.into());
            }
            Err(Error::interrupted())
        }
    }
}

fn text(status: StatusCode, body: impl Into<String>) -> Response<Body> {
    let mut body: String = body.into();
    body.push('\n');
    Response::builder()
        .status(status)
        .header("content-type", "text/plain; charset=utf-8")
        .body(full(Bytes::from(body)))
        .unwrap_or_default()
}

/// 503 with `Retry-After: 1`: refused for a moment, not for good.
fn retry_soon(body: impl Into<String>) -> Response<Body> {
    let mut r = text(StatusCode::SERVICE_UNAVAILABLE, body);
    r.headers_mut().insert(
        http::header::RETRY_AFTER,
        http::HeaderValue::from_static("1"),
    );
    r
}

fn full(b: Bytes) -> Body {
    Full::new(b).map_err(|never| match never {}).boxed_unsync()
}

/// Channel names: DNS labels, so `<channel>.<domain>` always works.
pub fn valid_channel(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 63
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-')
}

/// The TLS acceptor for `--tls-cert` and `--tls-key` (PEM files).
fn acceptor(cert: &std::path::Path, key: &std::path::Path) -> Result<tokio_rustls::TlsAcceptor> {
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::{CertificateDer, PrivateKeyDer};
    use tokio_rustls::rustls;
    let bad = |path: &std::path::Path, what: &str, e: &dyn std::fmt::Display| {
        Error::usage(format!(
            "cannot read the TLS {what} {}: {e}",
            path.display()
        ))
        .with_hint(
            "pass PEM files: --tls-cert with the certificate chain, --tls-key with its private key",
        )
    };
    let chain = CertificateDer::pem_file_iter(cert)
        .and_then(|certs| certs.collect::<std::result::Result<Vec<_>, _>>())
        .map_err(|e| bad(cert, "certificate", &e))?;
    if chain.is_empty() {
        return Err(bad(cert, "certificate", &"no CERTIFICATE block in it"));
    }
    let key_der = PrivateKeyDer::from_pem_file(key).map_err(|e| bad(key, "key", &e))?;
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .and_then(|b| b.with_no_client_auth().with_single_cert(chain, key_der))
    .map_err(|e| bad(key, "key", &e))?;
    Ok(tokio_rustls::TlsAcceptor::from(Arc::new(config)))
}
