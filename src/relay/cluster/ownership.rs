//! Channel ownership across nodes, in the `hooks_relay_channels` key-value
//! bucket: which token claimed a channel (`claim.<channel>`), and which
//! node's connection holds its client now (`holder.<channel>`, newest wins).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_nats::jetstream::kv::{self, CreateErrorKind, Operation};
use bytes::Bytes;
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::stream::{self, LocalHandler};
use super::{check_channel, Cluster, ClusterError};

const CLAIM_PREFIX: &str = "claim.";
const HOLDER_PREFIX: &str = "holder.";

/// The outcome of [`Cluster::claim`] when the token may use the channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// This call claimed the channel.
    New,
    /// The same token had claimed it already.
    Existing,
}

/// A holder record: which node holds a channel's client, and the
/// connection's generation (the record's revision in the bucket, which
/// only grows: the highest is the newest connection).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub node: String,
    pub connection: String,
    #[serde(skip)]
    pub generation: u64,
}

/// The latest holder revision this node has seen, per channel it holds.
pub(crate) struct Holders {
    latest: Arc<Mutex<HashMap<String, watch::Sender<u64>>>>,
    watcher: JoinHandle<()>,
}

impl Drop for Holders {
    fn drop(&mut self) {
        self.watcher.abort();
    }
}

impl Holders {
    /// Watches every change to the bucket from now on (one watch per node,
    /// not one per connection), and tells the holdings of this node.
    pub(crate) async fn start(store: &kv::Store) -> Result<Holders, ClusterError> {
        let status = store.status().await.map_err(ClusterError::unavailable)?;
        let from = status.info.state.last_sequence + 1;
        let mut watch = store
            .watch_all_from_revision(from)
            .await
            .map_err(ClusterError::unavailable)?;
        let latest: Arc<Mutex<HashMap<String, watch::Sender<u64>>>> = Arc::default();
        let map = latest.clone();
        let watcher = tokio::spawn(async move {
            while let Some(entry) = watch.next().await {
                let Ok(entry) = entry else { continue };
                let Some(channel) = entry.key.strip_prefix(HOLDER_PREFIX) else {
                    continue;
                };
                let map = map.lock().unwrap_or_else(|p| p.into_inner());
                if let Some(sender) = map.get(channel) {
                    sender.send_if_modified(|seen| {
                        let newer = entry.revision > *seen;
                        if newer {
                            *seen = entry.revision;
                        }
                        newer
                    });
                }
            }
        });
        Ok(Holders { latest, watcher })
    }

    fn subscribe(&self, channel: &str) -> watch::Receiver<u64> {
        let mut map = self.latest.lock().unwrap_or_else(|p| p.into_inner());
        map.entry(channel.to_string())
            .or_insert_with(|| watch::channel(0).0)
            .subscribe()
    }

    fn forget(&self, channel: &str) {
        let mut map = self.latest.lock().unwrap_or_else(|p| p.into_inner());
        if map
            .get(channel)
            .is_some_and(|sender| sender.receiver_count() == 0)
        {
            map.remove(channel);
        }
    }
}

/// This node holds a channel's client: its holder record is written, and
/// the node answers the channel's cross-node requests with the handler.
/// Dropping it stops answering; [`Holding::release`] also removes the
/// record if no newer connection replaced it.
pub struct Holding {
    cluster: Cluster,
    channel: String,
    generation: u64,
    latest: Option<watch::Receiver<u64>>,
    serving: JoinHandle<()>,
}

impl Holding {
    /// This connection's generation (its holder record's revision).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The channel held.
    pub fn channel(&self) -> &str {
        &self.channel
    }

    /// Resolves when a newer connection, on any node, took the channel:
    /// close this one then. Pending forever while this one is the newest.
    pub async fn superseded(&mut self) {
        let generation = self.generation;
        if let Some(latest) = self.latest.as_mut() {
            if latest.wait_for(|seen| *seen > generation).await.is_ok() {
                return;
            }
        }
        std::future::pending::<()>().await
    }

    /// Stops answering, and removes the holder record unless a newer
    /// connection wrote its own already.
    pub async fn release(self) -> Result<(), ClusterError> {
        self.serving.abort();
        let key = format!("{HOLDER_PREFIX}{}", self.channel);
        match self
            .cluster
            .inner
            .channels
            .delete_expect_revision(&key, Some(self.generation))
            .await
        {
            Ok(()) => Ok(()),
            Err(err) if err.kind() == kv::DeleteErrorKind::WrongLastRevision => Ok(()),
            Err(err) => Err(ClusterError::unavailable(err)),
        }
    }
}

impl Drop for Holding {
    fn drop(&mut self) {
        self.serving.abort();
        self.latest = None;
        self.cluster.inner.holders.forget(&self.channel);
    }
}

impl Cluster {
    /// Claims `channel` for the token whose hash is `token_hash`: creates
    /// the claim if there is none (atomically: of two nodes racing, one
    /// wins), accepts the same hash again, refuses another.
    pub async fn claim(&self, channel: &str, token_hash: &str) -> Result<Claim, ClusterError> {
        check_channel(channel)?;
        let key = format!("{CLAIM_PREFIX}{channel}");
        let store = &self.inner.channels;
        for _ in 0..3 {
            match store
                .create(&key, Bytes::copy_from_slice(token_hash.as_bytes()))
                .await
            {
                Ok(_) => return Ok(Claim::New),
                Err(err) if err.kind() == CreateErrorKind::AlreadyExists => {
                    match store.get(&key).await.map_err(ClusterError::unavailable)? {
                        Some(value) if value == token_hash.as_bytes() => {
                            return Ok(Claim::Existing)
                        }
                        Some(_) => return Err(ClusterError::Claimed(channel.to_string())),
                        // Released between the two calls: try again.
                        None => continue,
                    }
                }
                Err(err) => return Err(ClusterError::unavailable(err)),
            }
        }
        Err(ClusterError::Unavailable(format!(
            "the claim of {channel:?} keeps changing"
        )))
    }

    /// The token hash that claimed `channel`, if any.
    pub async fn claimed_by(&self, channel: &str) -> Result<Option<String>, ClusterError> {
        check_channel(channel)?;
        let value = self
            .inner
            .channels
            .get(format!("{CLAIM_PREFIX}{channel}"))
            .await
            .map_err(ClusterError::unavailable)?;
        Ok(value.map(|v| String::from_utf8_lossy(&v).into_owned()))
    }

    /// Which node holds `channel`'s client now, if any.
    pub async fn holder(&self, channel: &str) -> Result<Option<Holder>, ClusterError> {
        check_channel(channel)?;
        let entry = self
            .inner
            .channels
            .entry(format!("{HOLDER_PREFIX}{channel}"))
            .await
            .map_err(ClusterError::unavailable)?;
        Ok(entry
            .filter(|e| e.operation == Operation::Put)
            .and_then(|e| {
                let mut holder: Holder = serde_json::from_slice(&e.value).ok()?;
                holder.generation = e.revision;
                Some(holder)
            }))
    }

    /// This node now holds `channel`'s client on `connection`: answers the
    /// channel's cross-node requests with `handler`, and writes the holder
    /// record, which supersedes any older connection on any node.
    pub async fn hold(
        &self,
        channel: &str,
        connection: &str,
        handler: Arc<dyn LocalHandler>,
    ) -> Result<Holding, ClusterError> {
        check_channel(channel)?;
        // Watch before writing, so a newer record right after ours is seen.
        let latest = self.inner.holders.subscribe(channel);
        let serving = stream::serve(self.clone(), channel.to_string(), handler).await?;
        let record = Holder {
            node: self.inner.node_id.clone(),
            connection: connection.to_string(),
            generation: 0,
        };
        let value = serde_json::to_vec(&record).map_err(ClusterError::unavailable)?;
        let put = self
            .inner
            .channels
            .put(format!("{HOLDER_PREFIX}{channel}"), value.into())
            .await;
        let generation = match put {
            Ok(revision) => revision,
            Err(err) => {
                serving.abort();
                return Err(ClusterError::unavailable(err));
            }
        };
        Ok(Holding {
            cluster: self.clone(),
            channel: channel.to_string(),
            generation,
            latest: Some(latest),
            serving,
        })
    }
}
