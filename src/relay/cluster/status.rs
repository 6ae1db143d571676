//! What `hooks relay status --cluster` shows: the nodes alive (each
//! announces itself in the `hooks_relay_nodes` bucket, whose entries expire),
//! which node holds each channel's client, and the queue depth and dead
//! letters per channel.

use std::collections::BTreeMap;
use std::time::Duration;

use async_nats::jetstream::kv::Operation;
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};

use super::{Cluster, ClusterError, Holder};

/// How often a node announces itself; an announcement lasts three times
/// as long.
pub const ANNOUNCE_EVERY: Duration = Duration::from_secs(10);

const NODE_PREFIX: &str = "node.";
const HOLDER_PREFIX: &str = "holder.";

/// A node's announcement.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Announcement {
    /// Seconds since the unix epoch when it started.
    started_at: u64,
    /// Its public address, as it listens.
    bind: String,
}

/// One node as the cluster sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeStatus {
    pub node: String,
    /// Whether its announcement is current (a node killed -9 stops
    /// announcing; its holder records stay until a newer connection or a
    /// release replaces them).
    pub alive: bool,
    /// Where it listens (empty for a node that is not alive).
    pub bind: String,
    /// Channels whose client it holds, from the holder records.
    pub tunnels: u64,
}

/// One channel with a holder, queued requests or dead letters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelStatus {
    pub channel: String,
    /// The node holding its client, if any.
    pub node: Option<String>,
    /// Requests in its JetStream queue.
    pub queued: u64,
    /// Its dead letters.
    pub dead: u64,
}

/// The whole cluster at one moment.
#[derive(Debug, Clone, Default)]
pub struct ClusterStatus {
    pub nodes: Vec<NodeStatus>,
    pub channels: Vec<ChannelStatus>,
}

impl Cluster {
    /// Says that this node is alive and where it listens; repeated every
    /// [`ANNOUNCE_EVERY`] by the relay.
    pub async fn announce(&self, bind: &str) -> Result<(), ClusterError> {
        let value = serde_json::to_vec(&Announcement {
            started_at: self.inner.started_at,
            bind: bind.to_string(),
        })
        .map_err(ClusterError::unavailable)?;
        self.inner
            .nodes
            .put(format!("{NODE_PREFIX}{}", self.inner.node_id), value.into())
            .await
            .map_err(ClusterError::unavailable)?;
        Ok(())
    }

    /// The nodes, holders and queues of the cluster now.
    pub async fn status(&self) -> Result<ClusterStatus, ClusterError> {
        let mut nodes: BTreeMap<String, NodeStatus> = BTreeMap::new();
        let mut keys = self
            .inner
            .nodes
            .keys()
            .await
            .map_err(ClusterError::unavailable)?;
        let mut names = Vec::new();
        while let Some(key) = keys.next().await {
            names.push(key.map_err(ClusterError::unavailable)?);
        }
        for key in names {
            let Some(node) = key.strip_prefix(NODE_PREFIX) else {
                continue;
            };
            let entry = self
                .inner
                .nodes
                .entry(key.clone())
                .await
                .map_err(ClusterError::unavailable)?;
            let Some(entry) = entry.filter(|e| e.operation == Operation::Put) else {
                continue;
            };
            let bind = serde_json::from_slice::<Announcement>(&entry.value)
                .map(|a| a.bind)
                .unwrap_or_default();
            nodes.insert(
                node.to_string(),
                NodeStatus {
                    node: node.to_string(),
                    alive: true,
                    bind,
                    tunnels: 0,
                },
            );
        }
        let mut channels: BTreeMap<String, ChannelStatus> = BTreeMap::new();
        let mut keys = self
            .inner
            .channels
            .keys()
            .await
            .map_err(ClusterError::unavailable)?;
        let mut held = Vec::new();
        while let Some(key) = keys.next().await {
            let key = key.map_err(ClusterError::unavailable)?;
            if let Some(channel) = key.strip_prefix(HOLDER_PREFIX) {
                held.push(channel.to_string());
            }
        }
        for channel in held {
            let Some(Holder { node, .. }) = self.holder(&channel).await? else {
                continue;
            };
            nodes
                .entry(node.clone())
                .or_insert_with(|| NodeStatus {
                    node: node.clone(),
                    alive: false,
                    bind: String::new(),
                    tunnels: 0,
                })
                .tunnels += 1;
            channels.insert(
                channel.clone(),
                ChannelStatus {
                    channel,
                    node: Some(node),
                    queued: 0,
                    dead: 0,
                },
            );
        }
        let unheld = |channel: String| ChannelStatus {
            channel,
            node: None,
            queued: 0,
            dead: 0,
        };
        for (channel, queued) in self.queue().depths().await? {
            channels
                .entry(channel.clone())
                .or_insert_with(|| unheld(channel))
                .queued = queued;
        }
        for (channel, dead) in self.queue().dead_depths().await? {
            channels
                .entry(channel.clone())
                .or_insert_with(|| unheld(channel))
                .dead = dead;
        }
        Ok(ClusterStatus {
            nodes: nodes.into_values().collect(),
            channels: channels.into_values().collect(),
        })
    }
}
