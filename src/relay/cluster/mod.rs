//! The relay on several nodes: what the nodes share through NATS and
//! JetStream (channel claims and holders, cross-node request streams, the
//! offline queue), as a library the relay's route seam calls. Subjects and
//! buckets are listed in docs/relay-cluster.md.

pub mod ownership;
pub mod queue;
pub mod status;
pub mod stream;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use async_nats::jetstream::{self, kv};
use async_nats::{ConnectOptions, ServerAddr};

pub use ownership::{Claim, Holder, Holding};
pub use queue::{Enqueued, OfflineQueue, QueueConsumer, QueueLimits, Queued};
pub use stream::{
    BodySink, BodyStream, LocalHandler, PendingResponse, RemoteRequest, Responder, StreamStats,
    CHUNK, INLINE, WINDOW,
};

/// The key-value bucket of channel claims and holders.
pub const CHANNELS_BUCKET: &str = "hooks_relay_channels";
/// The key-value bucket where nodes announce themselves (entries expire).
pub const NODES_BUCKET: &str = "hooks_relay_nodes";
/// The stream of queued requests for offline channels.
pub const QUEUE_STREAM: &str = "HOOKS_RELAY_QUEUE";
/// The object store of queued bodies too large for one message.
pub const BODIES_BUCKET: &str = "hooks_relay_bodies";

/// How to reach NATS and who this node is.
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// `nats://HOST:PORT` URLs (or `tls://…`), at least one.
    pub servers: Vec<String>,
    /// This node's name in holder records and metrics.
    pub node_id: String,
    /// A NATS token, if the servers want one.
    pub token: Option<String>,
    /// A NATS credentials file (JWT and NKey seed), if the servers want one.
    pub creds: Option<PathBuf>,
    /// A CA certificate (PEM) that signed the servers' TLS certificates.
    pub tls_ca: Option<PathBuf>,
    /// Replicas of every bucket and stream; 0 chooses: 3 when the server is
    /// part of a NATS cluster, else 1.
    pub replicas: usize,
    /// Bounds of the offline queue per channel.
    pub queue: QueueLimits,
}

impl ClusterOptions {
    /// Options for `servers` as node `node_id`, with no credentials,
    /// replicas chosen by the server (see [`ClusterOptions::replicas`]) and
    /// the default queue bounds.
    pub fn new(servers: Vec<String>, node_id: impl Into<String>) -> ClusterOptions {
        ClusterOptions {
            servers,
            node_id: node_id.into(),
            token: None,
            creds: None,
            tls_ca: None,
            replicas: 0,
            queue: QueueLimits::default(),
        }
    }
}

/// Whether `id` can name a node: 1-64 ASCII letters, digits, `-`, `_`, `.`
/// (it is part of a key in the nodes bucket).
pub fn valid_node_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        && !id.starts_with('.')
        && !id.ends_with('.')
}

/// A node id for a node started without `--node-id`: the hostname and four
/// random hex digits, so that two nodes on one host differ.
pub fn default_node_id() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::env::var("HOSTNAME"))
        .unwrap_or_default();
    let host: String = host
        .trim()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
        .take(48)
        .collect();
    let host = if host.is_empty() {
        "relay".into()
    } else {
        host
    };
    format!("{host}-{}", hex::encode(rand::random::<[u8; 2]>()))
}

/// What can go wrong between nodes.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    /// Bad options: an unparsable server URL, an unreadable credentials file.
    #[error("cluster configuration: {0}")]
    Config(String),
    /// NATS or JetStream did not answer or refused.
    #[error("hooks relay: cluster unavailable: {0}")]
    Unavailable(String),
    /// The name cannot be a channel (DNS label: a-z, 0-9, `-`).
    #[error("not a channel name: {0:?}")]
    InvalidChannel(String),
    /// No node holds a client for the channel: queue the request.
    #[error("no client holds channel {0:?} on any node")]
    NoClient(String),
    /// The channel is claimed by another token.
    #[error("channel {0:?} is claimed by another token")]
    Claimed(String),
    /// The channel's queue holds its limit already.
    #[error("the queue of channel {channel:?} is full ({limit} requests)")]
    QueueFull { channel: String, limit: u64 },
    /// The queues of all channels hold their limit of bytes already.
    #[error("the cluster's queue is full ({limit} bytes for all channels)")]
    StoreFull { limit: u64 },
    /// A cross-node stream broke: reset by the peer, a lost or out-of-order
    /// chunk, or no progress for too long.
    #[error("cross-node stream: {0}")]
    Stream(String),
}

impl ClusterError {
    pub(crate) fn unavailable(err: impl std::fmt::Display) -> ClusterError {
        ClusterError::Unavailable(err.to_string())
    }
}

/// Whether `client`'s connection to NATS is up now.
pub(crate) fn connected(client: &async_nats::Client) -> bool {
    client.connection_state() == async_nats::connection::State::Connected
}

/// A channel name as the relay accepts it (a DNS label), which is also a
/// safe NATS subject token and key-value key.
pub(crate) fn check_channel(name: &str) -> Result<(), ClusterError> {
    let ok = !name.is_empty()
        && name.len() <= 63
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(ClusterError::InvalidChannel(name.to_string()))
    }
}

/// Opens a key-value bucket, creating its stream first if there is none.
///
/// The stream is created here rather than with `create_key_value`, which
/// asks for the account's info first and cannot read the answer of a
/// nats-server before 2.10 (async-nats 0.51 requires `reserved_memory`).
/// The configuration is the one `create_key_value` would make (history 1,
/// rollups, no deletes through the stream API, direct gets, discard new);
/// the server accepts the same creation from every node.
async fn bucket(
    js: &jetstream::Context,
    name: &str,
    description: &str,
    max_age: Duration,
    replicas: usize,
) -> Result<kv::Store, ClusterError> {
    if let Ok(store) = js.get_key_value(name).await {
        return Ok(store);
    }
    js.get_or_create_stream(jetstream::stream::Config {
        name: format!("KV_{name}"),
        description: Some(description.into()),
        subjects: vec![format!("$KV.{name}.>")],
        max_age,
        max_messages_per_subject: 1,
        allow_rollup: true,
        deny_delete: true,
        allow_direct: true,
        discard: jetstream::stream::DiscardPolicy::New,
        num_replicas: replicas.max(1),
        ..Default::default()
    })
    .await
    .map_err(ClusterError::unavailable)?;
    js.get_key_value(name)
        .await
        .map_err(ClusterError::unavailable)
}

/// One node's connection to the cluster: a NATS client, its JetStream
/// context, the shared buckets and stream. Cheap to clone.
#[derive(Clone)]
pub struct Cluster {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) node_id: String,
    pub(crate) started_at: u64,
    pub(crate) client: async_nats::Client,
    pub(crate) channels: kv::Store,
    pub(crate) nodes: kv::Store,
    pub(crate) holders: ownership::Holders,
    pub(crate) queue: OfflineQueue,
    pub(crate) stats: Arc<StreamStats>,
    pub(crate) mux: Arc<stream::Mux>,
    _mux_task: stream::MuxTask,
}

impl Cluster {
    /// Connects to NATS, creates the buckets and the queue stream if they
    /// do not exist yet (idempotent: every node does it at start), and
    /// starts watching holder records.
    pub async fn connect(options: ClusterOptions) -> Result<Cluster, ClusterError> {
        if options.servers.is_empty() {
            return Err(ClusterError::Config("no NATS server given".into()));
        }
        let addrs = options
            .servers
            .iter()
            .map(|s| {
                s.parse::<ServerAddr>()
                    .map_err(|e| ClusterError::Config(format!("NATS server {s:?}: {e}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut connect = ConnectOptions::new()
            .name(format!("hooks-relay {}", options.node_id))
            .connection_timeout(Duration::from_secs(5))
            .request_timeout(Some(Duration::from_secs(5)));
        if let Some(path) = &options.creds {
            connect = connect.credentials_file(path).await.map_err(|e| {
                ClusterError::Config(format!("NATS credentials {}: {e}", path.display()))
            })?;
        }
        if let Some(token) = &options.token {
            connect = connect.token(token.clone());
        }
        if let Some(ca) = &options.tls_ca {
            connect = connect.add_root_certificates(ca.clone()).require_tls(true);
        }
        let client = connect.connect(addrs).await.map_err(|e| {
            ClusterError::Unavailable(format!("{}: {e}", options.servers.join(",")))
        })?;
        let replicas = match options.replicas {
            // Three copies on a NATS cluster, one on a single server.
            0 if client.server_info().cluster.is_some() => 3,
            0 => 1,
            n => n,
        };
        let js = jetstream::new(client.clone());
        let channels = bucket(
            &js,
            CHANNELS_BUCKET,
            "hooks relay: channel claims and holders",
            Duration::ZERO,
            replicas,
        )
        .await?;
        let nodes = bucket(
            &js,
            NODES_BUCKET,
            "hooks relay: the nodes alive",
            status::ANNOUNCE_EVERY * 3,
            replicas,
        )
        .await?;
        let holders = ownership::Holders::start(&channels).await?;
        let queue = OfflineQueue::open(&js, options.queue.clone(), replicas).await?;
        let (mux, mux_task) = stream::Mux::start(&client).await?;
        Ok(Cluster {
            inner: Arc::new(Inner {
                node_id: options.node_id,
                started_at: crate::signature::unix_now().max(0) as u64,
                client,
                channels,
                nodes,
                holders,
                queue,
                stats: Arc::new(StreamStats::default()),
                mux,
                _mux_task: mux_task,
            }),
        })
    }

    /// This node's id.
    pub fn node_id(&self) -> &str {
        &self.inner.node_id
    }

    /// The offline queue in JetStream.
    pub fn queue(&self) -> &OfflineQueue {
        &self.inner.queue
    }

    /// Counters of this node's cross-node streams.
    pub fn stats(&self) -> &StreamStats {
        &self.inner.stats
    }

    /// Whether the NATS connection is up now (for `/readyz`).
    pub fn connected(&self) -> bool {
        connected(&self.inner.client)
    }
}
