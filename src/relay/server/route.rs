//! Where a public request for a channel goes: its client's tunnel on this
//! relay, or the offline queue; no route at all for a channel no client ever
//! claimed. The seam where a cluster's route to another node plugs in.

use super::tunnels::Tunnel;
use super::{Offline, Relay};
use std::sync::Arc;

/// Where a request for a known channel goes.
pub(super) enum Route {
    /// The channel's client is connected here and has no queue left to drain.
    Local(Arc<Tunnel>),
    /// No client is connected, or it is still being sent its queue (new
    /// requests go after the queued ones, in order). With `--offline reject`
    /// the queue refuses instead of storing.
    Queue,
}

impl Relay {
    /// The route for `channel`, or None when no client ever claimed it.
    pub(super) fn locate(&self, channel: &str) -> rusqlite::Result<Option<Route>> {
        if !self.known.lock().unwrap().contains(channel) {
            let owner = self.store.lock().unwrap().owner(channel)?;
            if owner.is_none() {
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
            None => Route::Queue,
        }))
    }
}
