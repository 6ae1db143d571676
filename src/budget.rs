//! A byte budget for request bodies held in memory at once: past it, a
//! request is refused (503 with `Retry-After`) or waits, instead of the
//! process growing without bound.

use std::sync::Arc;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Request body bytes the developer's machine holds at most on one path
/// (the relay client's streams together; the local listener's requests
/// together), from the head until the app answered (a body larger than
/// this is held alone). Without it, 256 streams of 25 MiB bodies could take
/// about 6 GB; a request over it is answered 503 with `Retry-After: 1`,
/// alone.
pub const BODY_BUDGET: u64 = 64 << 20;

/// A bound, in KiB, on the bodies held at once, shared by those given it:
/// the relay cluster's queue consumers (bodies read from the object store),
/// the relay client's streams (request bodies gathered for the app) and the
/// local listener's requests.
#[derive(Clone, Debug)]
pub struct Budget {
    kib: Arc<Semaphore>,
    total: u32,
}

impl Budget {
    /// At most `bytes` (rounded up to KiB; a body larger than that is
    /// read alone).
    pub fn new(bytes: u64) -> Budget {
        let total = bytes.div_ceil(1024).clamp(1, u32::MAX as u64) as u32;
        Budget {
            kib: Arc::new(Semaphore::new(total as usize)),
            total,
        }
    }

    /// Grows `held` to cover `bytes`, at once or not at all (`false`: no
    /// room now). More bytes than the whole budget take all of it, as in
    /// `take`: such a body is held alone, never refused for ever.
    pub fn try_cover(&self, held: &mut Option<OwnedSemaphorePermit>, bytes: u64) -> bool {
        let have = held.as_ref().map_or(0, |p| p.num_permits() as u64);
        let need = bytes
            .div_ceil(1024)
            .min(self.total as u64)
            .saturating_sub(have);
        if need == 0 {
            return true;
        }
        let Ok(more) = self
            .kib
            .clone()
            .try_acquire_many_owned(need.min(u32::MAX as u64) as u32)
        else {
            return false;
        };
        match held.as_mut() {
            Some(permit) => permit.merge(more),
            None => *held = Some(more),
        }
        true
    }

    pub(crate) async fn take(&self, bytes: u64) -> OwnedSemaphorePermit {
        let need = bytes.div_ceil(1024).clamp(1, self.total as u64) as u32;
        self.kib
            .clone()
            .acquire_many_owned(need)
            .await
            .expect("the budget's semaphore is never closed")
    }
}
