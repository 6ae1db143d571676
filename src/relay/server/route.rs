//! Where a public request for a channel goes: its client's tunnel on this
//! relay, or the offline queue; no route at all for a channel no client ever
//! claimed. The seam where a cluster's route to another node plugs in.

use super::tunnels::Tunnel;
use super::{valid_channel, Offline, Relay};
use crate::relay::cluster::{Cluster, ClusterError};
use std::sync::Arc;

/// Where a request for a known channel goes.
pub(super) enum Route {
    /// The channel's client is connected here and has no queue left to drain.
    Local(Arc<Tunnel>),
    /// No client is connected, or it is still being sent its queue (new
    /// requests go after the queued ones, in order). With `--offline reject`
    /// the queue refuses instead of storing. In a cluster the queue is in
    /// JetStream.
    Queue,
    /// In a cluster, with no client here: to the node that holds the
    /// channel's client, or to the queue when no node does.
    Remote(Cluster),
}

/// Why a request could not be routed.
pub(super) enum RouteError {
    /// The SQLite store failed.
    Store(rusqlite::Error),
    /// NATS or JetStream did not answer.
    Cluster(ClusterError),
}

impl Relay {
    /// The route for `channel`, or None when no client ever claimed it.
    pub(super) async fn locate(&self, channel: &str) -> Result<Option<Route>, RouteError> {
        if !self.known.lock().unwrap().contains(channel) {
            if !valid_channel(channel) {
                return Ok(None);
            }
            let claimed = match &self.cluster {
                Some(cluster) => cluster
                    .claimed_by(channel)
                    .await
                    .map_err(RouteError::Cluster)?
                    .is_some(),
                None => self
                    .store
                    .lock()
                    .unwrap()
                    .owner(channel)
                    .map_err(RouteError::Store)?
                    .is_some(),
            };
            if !claimed {
                return Ok(None);
            }
            self.known.lock().unwrap().insert(channel.to_string());
        }
        let tunnel = self.tunnels.lock().unwrap().get(channel).cloned();
        Ok(Some(match tunnel {
            Some(_)
                if self.opts.offline == Offline::Queue
                    && self.backlog.lock().unwrap().contains(channel) =>
            {
                Route::Queue
            }
            Some(tunnel) => Route::Local(tunnel),
            None => match &self.cluster {
                Some(cluster) => Route::Remote(cluster.clone()),
                None => Route::Queue,
            },
        }))
    }
}
