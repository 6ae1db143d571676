//! The relay's offline queue: stores requests while their channel's client is away.
//!
//! It delivers them in order, within a window, when the client returns, and
//! makes a request a dead letter after too many failed attempts.

use super::super::protocol::{request_head_len, Frame, Headers, ResetCode, MAX_CHUNK};
use super::super::store::{Failed, Item, Usage};
use super::super::{send_chunks, send_message, Outgoing};
use super::public::{BodyError, PublicBody, PublicRequest};
use super::tunnels::{Event, StreamShared, Tunnel};
use super::{text, Body, Offline, Relay};
use bytes::{Bytes, BytesMut};
use hyper::{Response, StatusCode};
use std::collections::VecDeque;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::oneshot;

/// The offline queue as the relay uses it: channels and their owners,
/// requests stored while their channel is offline, drained in order when its
/// client connects. The SQLite store
/// ([`Store`](super::super::store::Store)) implements it.
pub(crate) trait OfflineQueue: Send {
    /// The token name that owns `channel`, if a client ever claimed it.
    fn owner(&self, channel: &str) -> rusqlite::Result<Option<String>>;
    /// Gives `channel` to `owner` unless someone has it already or `owner`
    /// has `max` channels already (when given).
    fn claim(&self, channel: &str, owner: &str, max: Option<u64>) -> rusqlite::Result<()>;
    /// Drops requests older than `ttl_secs`; how many.
    fn expire(&mut self, ttl_secs: i64) -> rusqlite::Result<usize>;
    /// How many requests wait for `channel`.
    fn depth(&self, channel: &str) -> rusqlite::Result<u64>;
    /// Waiting requests, dead letters and body bytes, for every channel.
    fn totals(&self) -> rusqlite::Result<(u64, u64, u64)>;
    /// Dead letters per channel.
    fn dead_by_channel(&self) -> rusqlite::Result<Vec<(String, u64)>>;
    /// What `channel` and the whole queue hold, for the limits.
    fn usage(&self, channel: &str) -> rusqlite::Result<Usage>;
    /// Stores a request's head and first body bytes; its id.
    fn begin(
        &mut self,
        channel: &str,
        method: &[u8],
        target: &[u8],
        headers: &Headers,
        body: &[u8],
        complete: bool,
    ) -> rusqlite::Result<u64>;
    /// Adds body bytes to a request being stored.
    fn append(&mut self, id: u64, body: &[u8]) -> rusqlite::Result<()>;
    /// Makes a stored request deliverable.
    fn commit(&self, id: u64) -> rusqlite::Result<()>;
    /// Forgets a request that was not stored whole.
    fn abandon(&self, id: u64) -> rusqlite::Result<()>;
    /// Up to `limit` waiting requests of `channel` after id `after`, oldest first.
    fn next(&self, channel: &str, after: u64, limit: usize) -> rusqlite::Result<Vec<Item>>;
    /// Body piece `seq` of a request (`None` past its end).
    fn chunk(&self, id: u64, seq: u64) -> rusqlite::Result<Option<Vec<u8>>>;
    /// Forgets delivered requests.
    fn remove(&mut self, ids: &[u64]) -> rusqlite::Result<()>;
    /// Counts a failed attempt; at `max_attempts` the request is a dead letter.
    fn failed(&self, id: u64, error: &str, max_attempts: u32) -> rusqlite::Result<Failed>;
}

impl Relay {
    pub(super) async fn enqueue<B: PublicBody>(
        self: &Arc<Self>,
        channel: &str,
        request: PublicRequest<B>,
    ) -> Response<Body> {
        if self.opts.offline == Offline::Reject {
            return text(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("hooks relay: channel '{channel}' has no client connected, and this relay does not queue (--offline reject)"),
            );
        }
        if let Some(cluster) = &self.cluster {
            return self.enqueue_in_cluster(cluster, channel, request).await;
        }
        let (method, target, headers, mut body, reading) = request.into_parts();
        let declared = hyper::body::Body::size_hint(&body).exact().unwrap_or(0);
        let mut stored = Stored {
            relay: self,
            id: None,
        };
        if let Err(refused) = stored.check(channel, declared, true) {
            return *refused;
        }
        // The body goes to SQLite as it arrives, SPOOL bytes at a time,
        // each piece within --body-idle-timeout and all by --body-deadline.
        let mut buf = BytesMut::new();
        let mut total = 0u64;
        loop {
            let data = match reading.next(&mut body).await {
                Ok(Some(data)) => data,
                Ok(None) => break,
                Err(e) => return e.response(self.opts.max_body),
            };
            total += data.len() as u64;
            self.metrics
                .bytes_in
                .fetch_add(data.len() as u64, Ordering::Relaxed);
            if total > reading.max {
                return BodyError::TooLarge.response(self.opts.max_body);
            }
            buf.extend_from_slice(&data);
            if buf.len() >= SPOOL {
                if let Err(refused) = stored.write(channel, &method, &target, &headers, &buf, false)
                {
                    return *refused;
                }
                buf.clear();
            }
        }
        let id = match stored.write(channel, &method, &target, &headers, &buf, true) {
            Ok(id) => id,
            Err(refused) => return *refused,
        };
        self.metrics.queued.fetch_add(1, Ordering::Relaxed);
        let why = if self.tunnels.lock().unwrap().contains_key(channel) {
            "is being sent its offline queue; the request was queued behind it and will be delivered in order"
        } else {
            "is offline; the request was queued and will be delivered when its client reconnects"
        };
        let mut r = text(
            StatusCode::ACCEPTED,
            format!("hooks relay: channel '{channel}' {why}"),
        );
        r.headers_mut().insert(
            "hooks-relay-queued",
            http::HeaderValue::from_str(&id.to_string()).expect("digits"),
        );
        r
    }

    /// Delivers the channel's offline queue in order, with up to
    /// [`QUEUE_WINDOW`] requests in flight (one for a version 1 client),
    /// forgetting each only when the client acknowledged it. A failed
    /// delivery stops the window and starts again from that request, once it
    /// was counted (see [`Relay::attempt_failed`]).
    pub(super) async fn drain(self: Arc<Self>, tunnel: Arc<Tunnel>) {
        let window = if tunnel.version >= 2 { QUEUE_WINDOW } else { 1 };
        let patience = self.opts.request_timeout * 2;
        let mut closed = tunnel.closed.subscribe();
        let mut flight = Flight {
            relay: self.clone(),
            tunnel: tunnel.clone(),
            sent: VecDeque::new(),
            bytes: 0,
        };
        // The id of the last request sent, and whether to send no more until
        // those in flight are done (the next one cannot be sent).
        let mut after = 0u64;
        let mut hold = false;
        // The oldest request in flight, and since when it is the oldest.
        let mut oldest = (0u64, tokio::time::Instant::now());
        loop {
            if *closed.borrow() {
                return;
            }
            if flight.sent.is_empty() {
                after = 0;
                hold = false;
            }
            if !hold && flight.has_room(window) {
                let items = {
                    let mut store = self.store.lock().unwrap();
                    self.expire(&mut **store);
                    let items = store.next(&tunnel.channel, after, window - flight.sent.len());
                    if flight.sent.is_empty() && matches!(&items, Ok(i) if i.is_empty()) {
                        // Caught up: new requests may go straight through.
                        self.backlog.lock().unwrap().remove(&tunnel.channel);
                    }
                    items.unwrap_or_default()
                };
                if items.is_empty() && flight.sent.is_empty() {
                    tokio::select! {
                        _ = tokio::time::sleep(Duration::from_millis(500)) => {}
                        _ = closed.changed() => return,
                    }
                    continue;
                }
                for item in items {
                    if !flight.has_room(window) {
                        break;
                    }
                    if let Err(why) = encodable(&item) {
                        if flight.sent.is_empty() {
                            self.attempt_failed(&tunnel.channel, item.id, &why);
                            tokio::select! {
                                _ = tokio::time::sleep(RETRY_PAUSE) => {}
                                _ = closed.changed() => return,
                            }
                        } else {
                            hold = true;
                        }
                        break;
                    }
                    let Some((stream, shared)) = tunnel.open(self.opts.max_streams) else {
                        break;
                    };
                    let (ack_tx, ack_rx) = oneshot::channel();
                    tunnel.acks.lock().unwrap().insert(item.id, ack_tx);
                    flight.bytes += item.size;
                    flight.sent.push_back(Sent {
                        id: item.id,
                        stream,
                        shared: shared.clone(),
                        ack: ack_rx,
                        size: item.size,
                    });
                    after = item.id;
                    if !self.send_queued(&tunnel, item, stream, &shared).await {
                        return;
                    }
                }
            }
            let Some(front) = flight.sent.front_mut() else {
                // No stream slot free: live requests hold them all.
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_millis(100)) => {}
                    _ = closed.changed() => return,
                }
                continue;
            };
            if oldest.0 != front.id {
                oldest = (front.id, tokio::time::Instant::now());
            }
            let Sent { ack, shared, .. } = front;
            let failure = tokio::select! {
                r = ack => match r {
                    Ok(()) => None,
                    Err(_) => return,
                },
                ev = shared.recv() => match ev {
                    Some(Event::Reset(code, message)) => Some(format!("{message} (reset: {code:?})")),
                    // A client sends nothing else for a queued request.
                    Some(_) => continue,
                    None => return,
                },
                _ = tokio::time::sleep_until(oldest.1 + patience) => Some(format!(
                    "the client did not acknowledge it within {}",
                    humantime::format_duration(patience)
                )),
                _ = closed.changed() => return,
            };
            match failure {
                None => flight.delivered(),
                Some(why) => {
                    flight.fail(&why).await;
                    tokio::select! {
                        _ = tokio::time::sleep(RETRY_PAUSE) => {}
                        _ = closed.changed() => return,
                    }
                }
            }
        }
    }

    /// Sends one queued request on `stream`, its body read from the store
    /// one row at a time. Returns false when the tunnel closed.
    pub(super) async fn send_queued(
        &self,
        tunnel: &Tunnel,
        item: Item,
        stream: u32,
        shared: &StreamShared,
    ) -> bool {
        let (id, size) = (item.id, item.size);
        let chunk = |seq: u64| self.store.lock().unwrap().chunk(id, seq);
        // A request the relay cannot send (a body the store cannot give
        // back) fails this attempt: the stream
        // is reset as if by the client, and the drain counts it.
        let unreadable = |why: String| async move {
            let message = format!("the relay cannot send it: {why}");
            tunnel.push(stream, Event::Reset(ResetCode::Internal, message.clone()));
            let reset = Frame::Reset {
                stream,
                code: ResetCode::Internal,
                message,
            };
            tunnel.out.send(reset.into()).await.is_ok()
        };
        let head = Frame::RequestHead {
            stream,
            queue_id: id,
            method: Bytes::from(item.method),
            target: Bytes::from(item.target),
            headers: item.headers,
        };
        // `encodable` let it through, so this only fails if the codec and
        // that check disagree; then the attempt fails, not the tunnel.
        let head = match head.encode() {
            Ok(head) => head,
            Err(e) => return unreadable(format!("its head cannot be sent: {e}")).await,
        };
        if size <= MAX_CHUNK as u64 {
            let body = match chunk(0) {
                Ok(Some(b)) if b.len() as u64 == size => Bytes::from(b),
                Ok(None) if size == 0 => Bytes::new(),
                Ok(_) => {
                    return unreadable(format!("its body's {size} bytes are not all stored")).await
                }
                Err(e) => return unreadable(e.to_string()).await,
            };
            return send_message(&tunnel.out, stream, head, &shared.window, body).await
                || !*tunnel.closed.borrow();
        }
        if tunnel.out.send(Outgoing::Head(head)).await.is_err() {
            return false;
        }
        let (mut seq, mut sent) = (0, 0u64);
        loop {
            let data = match chunk(seq) {
                Ok(Some(data)) => data,
                Ok(None) if sent == size => break,
                Ok(None) => {
                    return unreadable(format!("only {sent} of its body's {size} bytes are stored"))
                        .await
                }
                Err(e) => return unreadable(e.to_string()).await,
            };
            seq += 1;
            sent += data.len() as u64;
            if !send_chunks(&tunnel.out, stream, &shared.window, Bytes::from(data)).await {
                // The client reset the stream (the wait sees why), or the
                // tunnel closed.
                return !*tunnel.closed.borrow();
            }
        }
        tunnel.out.send(Frame::End { stream }.into()).await.is_ok()
    }

    /// Counts a failed delivery attempt of a queued request; the last one
    /// allowed makes it a dead letter, and the queue goes on behind it.
    pub(super) fn attempt_failed(&self, channel: &str, id: u64, why: &str) {
        self.metrics
            .queue_failed_attempts
            .fetch_add(1, Ordering::Relaxed);
        let max = self.opts.queue_max_attempts;
        let failed = self.store.lock().unwrap().failed(id, why, max);
        match failed {
            Ok(Failed::Dead) => {
                self.metrics
                    .queue_dead_lettered
                    .fetch_add(1, Ordering::Relaxed);
                crate::output::note(format!(
                    "relay: queued request {id} for channel {channel} failed {max} times and is now a dead letter (last: {why}); see `hooks relay queue list`"
                ));
            }
            Ok(Failed::Queued(n)) => crate::output::detail(format!(
                "relay: queued request {id} for channel {channel} failed (attempt {n} of {max}): {why}"
            )),
            Ok(Failed::Gone) | Err(_) => {}
        }
    }

    /// Forgets queued requests the client acknowledged.
    pub(super) fn forget_delivered(&self, ids: &[u64]) {
        if !ids.is_empty() && self.store.lock().unwrap().remove(ids).is_ok() {
            self.metrics
                .queue_delivered
                .fetch_add(ids.len() as u64, Ordering::Relaxed);
        }
    }

    pub(super) fn expire(&self, store: &mut dyn OfflineQueue) {
        if let Ok(n) = store.expire(self.opts.queue_ttl.as_secs() as i64) {
            self.metrics
                .queue_expired
                .fetch_add(n as u64, Ordering::Relaxed);
        }
    }
}

/// Requests of the offline queue in flight on one connection at most.
pub(super) const QUEUE_WINDOW: usize = 64;

/// Body bytes of queued requests in flight beyond the oldest at most: the
/// client holds each body whole until it is recorded.
pub(super) const QUEUE_WINDOW_BYTES: u64 = 1 << 20;

/// The pause after a failed delivery attempt before the next one.
pub(super) const RETRY_PAUSE: Duration = Duration::from_secs(1);

/// Body bytes of a request for the offline queue read before they are
/// written to the store.
pub(super) const SPOOL: usize = 1 << 20;

/// Why a queued request cannot go on the wire (the frame codec's limits),
/// if it cannot: sending it is then a failed attempt.
pub(super) fn encodable(item: &Item) -> std::result::Result<(), String> {
    request_head_len(&item.method, &item.target, &item.headers)
        .map(|_| ())
        .map_err(|e| format!("its head cannot be sent: {e}"))
}

/// One queued request sent and not yet acknowledged.
pub(super) struct Sent {
    pub(super) id: u64,
    pub(super) stream: u32,
    pub(super) shared: Arc<StreamShared>,
    pub(super) ack: oneshot::Receiver<()>,
    pub(super) size: u64,
}

/// The queued requests in flight on a connection, oldest first. Dropped
/// with requests in it (the tunnel closed), the oldest not acknowledged
/// counts a failed attempt: the client is handling them in order, so that
/// is the one whose delivery the end of the tunnel broke.
pub(super) struct Flight {
    pub(super) relay: Arc<Relay>,
    pub(super) tunnel: Arc<Tunnel>,
    pub(super) sent: VecDeque<Sent>,
    pub(super) bytes: u64,
}

impl Flight {
    pub(super) fn has_room(&self, window: usize) -> bool {
        self.sent.len() < window && (self.sent.is_empty() || self.bytes < QUEUE_WINDOW_BYTES)
    }

    /// The oldest was acknowledged: forgets it and every one after it that
    /// was acknowledged too, in one transaction.
    pub(super) fn delivered(&mut self) {
        let mut ids = Vec::new();
        while let Some(s) = self.sent.front_mut() {
            if !ids.is_empty() && s.ack.try_recv().is_err() {
                break;
            }
            let s = self.sent.pop_front().expect("front");
            self.bytes -= s.size;
            self.tunnel.forget(s.stream);
            ids.push(s.id);
        }
        self.relay.forget_delivered(&ids);
    }

    /// The oldest failed: resets every later one, then the oldest (which
    /// tells a version 2 client that all it refused meanwhile is cancelled:
    /// see docs/relay-protocol.md), and counts the attempt. The drain then
    /// starts again from the oldest.
    pub(super) async fn fail(&mut self, why: &str) {
        let Some(first) = self.sent.pop_front() else {
            return;
        };
        let later: Vec<Sent> = self.sent.drain(..).collect();
        self.bytes = 0;
        let mut delivered = Vec::new();
        for mut s in later {
            if s.ack.try_recv().is_ok() {
                delivered.push(s.id);
            }
            self.cancel(&s).await;
        }
        self.cancel(&first).await;
        self.relay.forget_delivered(&delivered);
        self.relay
            .attempt_failed(&self.tunnel.channel, first.id, why);
    }

    pub(super) async fn cancel(&self, s: &Sent) {
        self.tunnel.acks.lock().unwrap().remove(&s.id);
        self.tunnel.forget(s.stream);
        let reset = Frame::Reset {
            stream: s.stream,
            code: ResetCode::Cancel,
            message: "a queued request failed; the relay sends the queue again from it".into(),
        };
        let _ = self.tunnel.out.send(reset.into()).await;
    }
}

impl Drop for Flight {
    fn drop(&mut self) {
        let mut delivered = Vec::new();
        while let Some(s) = self.sent.front_mut() {
            if s.ack.try_recv().is_err() {
                break;
            }
            delivered.extend(self.sent.pop_front().map(|s| s.id));
        }
        self.relay.forget_delivered(&delivered);
        if let Some(front) = self.sent.front() {
            self.relay.attempt_failed(
                &self.tunnel.channel,
                front.id,
                "the tunnel closed before the client acknowledged it",
            );
        }
        for s in self.sent.drain(..) {
            self.tunnel.acks.lock().unwrap().remove(&s.id);
            self.tunnel.forget(s.stream);
        }
    }
}

/// A request being written to the offline queue while its body arrives.
/// Dropped before it is queued (an error, a refusal, the caller went away),
/// it is removed again.
pub(super) struct Stored<'a> {
    pub(super) relay: &'a Arc<Relay>,
    /// Its id once part of it is in the store.
    pub(super) id: Option<u64>,
}

impl Stored<'_> {
    /// Refuses with 507 when `more` bytes would pass a byte bound, or when
    /// the channel's queue is full and this is a new request.
    pub(super) fn check(
        &self,
        channel: &str,
        more: u64,
        new: bool,
    ) -> std::result::Result<(), Refusal> {
        let mut store = self.relay.store.lock().unwrap();
        self.relay.expire(&mut **store);
        self.check_in(&**store, channel, more, new)
    }

    pub(super) fn check_in(
        &self,
        store: &dyn OfflineQueue,
        channel: &str,
        more: u64,
        new: bool,
    ) -> std::result::Result<(), Refusal> {
        let opts = &self.relay.opts;
        let usage = store.usage(channel).map_err(db_error)?;
        let refused = if new && usage.queued >= opts.queue_limit {
            format!(
                "hooks relay: channel '{channel}' is offline and its queue is full ({} requests, --queue-limit); the request was not stored",
                usage.queued
            )
        } else if usage.channel_bytes + more > opts.queue_max_bytes {
            format!(
                "hooks relay: channel '{channel}' has {} bytes queued and this request would pass its limit of {} bytes (--queue-max-bytes); the request was not stored",
                usage.channel_bytes, opts.queue_max_bytes
            )
        } else if usage.total_bytes + more > opts.queue_max_total_bytes {
            format!(
                "hooks relay: the relay's queues hold {} bytes and this request would pass the limit of {} bytes for all channels (--queue-max-total-bytes); the request was not stored",
                usage.total_bytes, opts.queue_max_total_bytes
            )
        } else {
            return Ok(());
        };
        self.relay
            .metrics
            .queue_full
            .fetch_add(1, Ordering::Relaxed);
        Err(Box::new(text(StatusCode::INSUFFICIENT_STORAGE, refused)))
    }

    /// Stores the body bytes in `buf`; with `complete` the request joins its
    /// queue. Returns its id.
    pub(super) fn write(
        &mut self,
        channel: &str,
        method: &[u8],
        target: &[u8],
        headers: &Headers,
        buf: &[u8],
        complete: bool,
    ) -> std::result::Result<u64, Refusal> {
        let mut store = self.relay.store.lock().unwrap();
        self.check_in(&**store, channel, buf.len() as u64, self.id.is_none())?;
        let id = match self.id {
            None => {
                let id = store
                    .begin(channel, method, target, headers, buf, complete)
                    .map_err(db_error)?;
                if !complete {
                    self.id = Some(id);
                }
                id
            }
            Some(id) => {
                store.append(id, buf).map_err(db_error)?;
                if complete {
                    store.commit(id).map_err(db_error)?;
                    self.id = None;
                }
                id
            }
        };
        if complete {
            // With the store still locked, as `Relay::backlog` needs.
            self.relay
                .backlog
                .lock()
                .unwrap()
                .insert(channel.to_string());
        }
        Ok(id)
    }
}

impl Drop for Stored<'_> {
    fn drop(&mut self) {
        if let Some(id) = self.id {
            let _ = self.relay.store.lock().unwrap().abandon(id);
        }
    }
}

/// A response refusing to store a request.
pub(super) type Refusal = Box<Response<Body>>;

pub(super) fn db_error(e: rusqlite::Error) -> Refusal {
    Box::new(text(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("hooks relay: could not store the request: {e}"),
    ))
}
