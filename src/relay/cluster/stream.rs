//! Cross-node request streams over NATS: the node that received a public
//! request opens a stream to the node holding the channel's client
//! (`hooks.relay.chan.<channel>.open`), and the two exchange the request
//! and response bodies in chunks of at most [`CHUNK`] bytes, at most
//! [`WINDOW`] chunks unacknowledged per direction. A body of at most
//! [`INLINE`] bytes travels in the same message as its head.
//!
//! Each node has one inbox subscription for all its streams
//! (`<inbox>.<stream id>`, one wildcard subscription made at connect), so
//! a stream costs no subscription of its own; the node's [`Mux`] hands each
//! message to its stream.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_nats::{HeaderMap, StatusCode, Subject};
use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use tokio::sync::{mpsc, oneshot, Semaphore};
use tokio::task::JoinHandle;

use super::{check_channel, Cluster, ClusterError};

/// The most bytes of a body in one NATS message (well under NATS's default
/// 1 MiB `max_payload`).
pub const CHUNK: usize = 256 * 1024;
/// A body of at most this many bytes, known whole, travels in the message
/// of its head: a request in the open, a response in its head.
pub const INLINE: usize = 64 * 1024;
/// The most chunks a sender has sent and its receiver not yet consumed:
/// with [`CHUNK`], 2 MiB per direction per stream.
pub const WINDOW: usize = 8;
/// The receiver acknowledges consumed chunks this many at a time.
const ACK_EVERY: usize = WINDOW / 2;
/// How long the holder may take to accept a stream, and how long a stream
/// may make no progress, before it fails.
const IDLE: Duration = Duration::from_secs(30);
/// The queue group of holders: one node answers an open even while an old
/// connection is being replaced.
const HOLDERS_GROUP: &str = "hooks-relay-holders";

const KIND: &str = "Hooks-Kind";
const REPLY: &str = "Hooks-Reply";
const SEQ: &str = "Hooks-Seq";
const CREDIT: &str = "Hooks-Credit";
/// On an `open` or a `head`: the length of the head in the payload; the
/// rest of the payload is the whole body (no `data` or `end` follows).
const HEAD_LEN: &str = "Hooks-Head-Len";
/// What a node answers a probe for a stream it no longer has.
const GONE: &[u8] = b"gone";
/// How long the holder of a request sent whole ([`Cluster::call`]) may
/// work on it before it tells the opening node where it is (`accept`): a
/// quick answer needs no accept, its head says where the holder is.
const ACCEPT_LATE: Duration = Duration::from_millis(500);
/// How often the opening node, while it waits for the response head, asks
/// whether the holder's side of the stream is still there (a node killed
/// -9 leaves no subscription behind: NATS answers "no responders").
const PROBE_EVERY: Duration = Duration::from_secs(2);
/// The longest wait for a response head while the holder is still there
/// (the holder's own `--request-timeout` answers well before).
const HEAD_WAIT: Duration = Duration::from_secs(600);

/// The subject a holder of `channel` answers opens on.
pub fn open_subject(channel: &str) -> String {
    format!("hooks.relay.chan.{channel}.open")
}

/// Counters of one node's cross-node streams.
#[derive(Debug, Default)]
pub struct StreamStats {
    /// Streams this node opened to another.
    pub opened: AtomicU64,
    /// Streams this node accepted for a channel it holds.
    pub accepted: AtomicU64,
    /// Opens that found no client anywhere.
    pub no_client: AtomicU64,
    /// The most chunks ever in flight (sent, not yet acknowledged) on one
    /// direction of one stream: never more than [`WINDOW`].
    pub max_in_flight: AtomicUsize,
}

fn headers(kind: &str) -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert(KIND, kind);
    h
}

fn header<'a>(msg: &'a async_nats::Message, name: &str) -> Option<&'a str> {
    msg.headers.as_ref()?.get(name).map(|v| v.as_str())
}

/// A head and a whole body in one payload, and the headers that say so.
fn inline(kind: &str, head: &Bytes, body: &Bytes) -> (HeaderMap, Bytes) {
    let mut h = headers(kind);
    h.insert(HEAD_LEN, head.len().to_string().as_str());
    let mut payload = BytesMut::with_capacity(head.len() + body.len());
    payload.extend_from_slice(head);
    payload.extend_from_slice(body);
    (h, payload.freeze())
}

/// Splits a payload made by [`inline`]: `None` when the message carries a
/// head only (its body follows in chunks).
fn split_inline(
    msg: &async_nats::Message,
    mut payload: Bytes,
) -> Result<(Bytes, Option<Bytes>), ClusterError> {
    match header(msg, HEAD_LEN) {
        None => Ok((payload, None)),
        Some(len) => match len.parse::<usize>() {
            Ok(len) if len <= payload.len() => {
                let head = payload.split_to(len);
                Ok((head, Some(payload)))
            }
            _ => Err(ClusterError::Stream(format!(
                "head length {len:?} does not fit a payload of {} bytes",
                payload.len()
            ))),
        },
    }
}

/// One node's streams, by id, fed by its one inbox subscription.
pub(crate) struct Mux {
    client: async_nats::Client,
    prefix: String,
    next: AtomicU64,
    streams: Mutex<HashMap<u64, Arc<End>>>,
}

/// Stops the mux's task when the node's connection goes.
pub(crate) struct MuxTask(JoinHandle<()>);

impl Drop for MuxTask {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl Mux {
    /// Subscribes to this node's inbox and starts handing its messages to
    /// the streams.
    pub(crate) async fn start(
        client: &async_nats::Client,
    ) -> Result<(Arc<Mux>, MuxTask), ClusterError> {
        let prefix = client.new_inbox();
        let mut sub = client
            .subscribe(format!("{prefix}.*"))
            .await
            .map_err(ClusterError::unavailable)?;
        let mux = Arc::new(Mux {
            client: client.clone(),
            prefix,
            next: AtomicU64::new(0),
            streams: Mutex::new(HashMap::new()),
        });
        let feeding = mux.clone();
        let task = tokio::spawn(async move {
            while let Some(msg) = sub.next().await {
                feeding.deliver(msg).await;
            }
        });
        Ok((mux, MuxTask(task)))
    }

    /// A new stream end of this node, with the subject its peer sends to.
    fn register(self: &Arc<Mux>, channel: &str, peer: Option<Subject>) -> Arc<Registration> {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let (body_tx, body_rx) = mpsc::channel(WINDOW);
        let (head_tx, head_rx) = oneshot::channel();
        let (accepted_tx, accepted_rx) = oneshot::channel();
        let end = Arc::new(End {
            channel: channel.to_string(),
            peer: Mutex::new(peer),
            credits: Arc::new(Semaphore::new(WINDOW)),
            incoming: Mutex::new(Incoming {
                next_seq: 0,
                body: Some(body_tx),
                head: Some(head_tx),
                accepted: Some(accepted_tx),
            }),
        });
        self.streams.lock().unwrap().insert(id, end.clone());
        Arc::new(Registration {
            mux: self.clone(),
            id,
            subject: Subject::from(format!("{}.{id}", self.prefix)),
            end,
            receivers: Mutex::new(Some(Receivers {
                body: body_rx,
                head: head_rx,
                accepted: accepted_rx,
            })),
        })
    }

    async fn deliver(&self, msg: async_nats::Message) {
        let id = msg
            .subject
            .as_str()
            .strip_prefix(self.prefix.as_str())
            .and_then(|s| s.strip_prefix('.'))
            .and_then(|s| s.parse::<u64>().ok());
        let end = id.and_then(|id| self.streams.lock().unwrap().get(&id).cloned());
        let Some(end) = end else {
            if let (Some("probe"), Some(reply)) = (header(&msg, KIND), msg.reply.clone()) {
                let _ = self.client.publish(reply, Bytes::from_static(GONE)).await;
            }
            return;
        };
        if msg.status == Some(StatusCode::NO_RESPONDERS) {
            end.fail(ClusterError::NoClient(end.channel.clone()));
            return;
        }
        match header(&msg, KIND) {
            Some("probe") => {
                if let Some(reply) = msg.reply {
                    let _ = self.client.publish(reply, Bytes::new()).await;
                }
            }
            _ => end.receive(msg),
        }
    }
}

/// What one stream end receives, and what it has handed on so far.
struct End {
    channel: String,
    /// Where the other end listens (known once it accepted).
    peer: Mutex<Option<Subject>>,
    /// Credit for this end's outgoing body.
    credits: Arc<Semaphore>,
    incoming: Mutex<Incoming>,
}

struct Incoming {
    next_seq: u64,
    /// The incoming body; `None` once it ended or failed.
    body: Option<mpsc::Sender<Result<Bytes, ClusterError>>>,
    head: Option<oneshot::Sender<Result<Bytes, ClusterError>>>,
    accepted: Option<oneshot::Sender<Result<Subject, ClusterError>>>,
}

impl End {
    fn peer(&self) -> Option<Subject> {
        self.peer.lock().unwrap().clone()
    }

    /// Fails everything still waiting on this end.
    fn fail(&self, err: ClusterError) {
        let mut inc = self.incoming.lock().unwrap();
        let why = err.to_string();
        if let Some(tx) = inc.accepted.take() {
            let _ = tx.send(Err(match &err {
                ClusterError::NoClient(channel) => ClusterError::NoClient(channel.clone()),
                _ => ClusterError::Stream(why.clone()),
            }));
        }
        if let Some(tx) = inc.head.take() {
            let _ = tx.send(Err(err));
        }
        if let Some(tx) = inc.body.take() {
            let _ = tx.try_send(Err(ClusterError::Stream(why)));
        }
        self.credits.close();
    }

    fn receive(&self, msg: async_nats::Message) {
        match header(&msg, KIND) {
            Some("ack") => {
                let n = header(&msg, CREDIT)
                    .and_then(|c| c.parse::<usize>().ok())
                    .unwrap_or(0)
                    .min(WINDOW);
                self.credits.add_permits(n);
            }
            Some("accept") => {
                let Some(peer) = header(&msg, REPLY).map(Subject::from) else {
                    return self.fail(ClusterError::Stream("the holder did not accept".into()));
                };
                *self.peer.lock().unwrap() = Some(peer.clone());
                if let Some(tx) = self.incoming.lock().unwrap().accepted.take() {
                    let _ = tx.send(Ok(peer));
                }
            }
            Some("data") => {
                let mut inc = self.incoming.lock().unwrap();
                let seq = header(&msg, SEQ).and_then(|s| s.parse::<u64>().ok());
                let expected = inc.next_seq;
                inc.next_seq += 1;
                let Some(body) = inc.body.as_ref() else {
                    return;
                };
                let err = if seq != Some(expected) {
                    Some(format!("chunk {seq:?} arrived, {expected} expected"))
                } else if body.try_send(Ok(msg.payload)).is_err() {
                    Some("the peer sent past its window".to_string())
                } else {
                    None
                };
                if let Some(err) = err {
                    let _ = body.try_send(Err(ClusterError::Stream(err)));
                    inc.body = None;
                }
            }
            Some("end") => self.incoming.lock().unwrap().body = None,
            Some("head") => {
                if let Some(peer) = header(&msg, REPLY) {
                    *self.peer.lock().unwrap() = Some(Subject::from(peer));
                }
                let payload = msg.payload.clone();
                let mut inc = self.incoming.lock().unwrap();
                match split_inline(&msg, payload) {
                    Ok((head, body)) => {
                        if let Some(tx) = inc.head.take() {
                            let _ = tx.send(Ok(head));
                        }
                        if let Some(body) = body {
                            if let Some(tx) = inc.body.take() {
                                if !body.is_empty() {
                                    let _ = tx.try_send(Ok(body));
                                }
                            }
                        }
                    }
                    Err(e) => {
                        drop(inc);
                        self.fail(e);
                    }
                }
            }
            Some("reset") => {
                let why = String::from_utf8_lossy(&msg.payload).into_owned();
                self.fail(ClusterError::Stream(why));
            }
            _ => {}
        }
    }
}

/// What a stream end's halves read from.
struct Receivers {
    body: mpsc::Receiver<Result<Bytes, ClusterError>>,
    head: oneshot::Receiver<Result<Bytes, ClusterError>>,
    accepted: oneshot::Receiver<Result<Subject, ClusterError>>,
}

/// One stream end in its node's [`Mux`], removed when the last half of the
/// stream goes.
struct Registration {
    mux: Arc<Mux>,
    id: u64,
    /// Where the peer sends to this end.
    subject: Subject,
    end: Arc<End>,
    receivers: Mutex<Option<Receivers>>,
}

impl Registration {
    fn take(&self) -> Receivers {
        self.receivers
            .lock()
            .unwrap()
            .take()
            .expect("a stream end's receivers are taken once")
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        self.mux.streams.lock().unwrap().remove(&self.id);
    }
}

/// The sending half of one direction of a stream: splits what it is given
/// into chunks, and waits for credit before each.
pub struct BodySink {
    client: async_nats::Client,
    peer: Subject,
    credits: Arc<Semaphore>,
    seq: u64,
    sent: Arc<AtomicU64>,
    stats: Arc<StreamStats>,
    finished: bool,
    reg: Arc<Registration>,
}

impl BodySink {
    fn new(cluster: &Cluster, reg: &Arc<Registration>, peer: Subject) -> BodySink {
        BodySink {
            client: cluster.inner.client.clone(),
            peer,
            credits: reg.end.credits.clone(),
            seq: 0,
            sent: Arc::default(),
            stats: cluster.inner.stats.clone(),
            finished: false,
            reg: reg.clone(),
        }
    }

    /// Sends `data`, in chunks of at most [`CHUNK`] bytes, each after the
    /// receiver has room for it.
    pub async fn send(&mut self, mut data: Bytes) -> Result<(), ClusterError> {
        while !data.is_empty() {
            let chunk = data.split_to(data.len().min(CHUNK));
            let permit = tokio::time::timeout(IDLE, self.credits.acquire())
                .await
                .map_err(|_| ClusterError::Stream("the receiver stopped reading".into()))?
                .map_err(|_| ClusterError::Stream("reset by the peer".into()))?;
            permit.forget();
            let in_flight = WINDOW - self.credits.available_permits();
            self.stats
                .max_in_flight
                .fetch_max(in_flight, Ordering::Relaxed);
            let mut h = headers("data");
            h.insert(SEQ, self.seq.to_string().as_str());
            self.client
                .publish_with_headers(self.peer.clone(), h, chunk)
                .await
                .map_err(ClusterError::unavailable)?;
            self.seq += 1;
            self.sent.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }

    /// Ends the body.
    pub async fn finish(mut self) -> Result<(), ClusterError> {
        self.finished = true;
        self.client
            .publish_with_headers(self.peer.clone(), headers("end"), Bytes::new())
            .await
            .map_err(ClusterError::unavailable)
    }

    /// Fails the stream at the peer with `why` (the body will not end well).
    pub async fn reset(mut self, why: &str) {
        self.finished = true;
        reset(&self.client, self.peer.clone(), why).await;
    }

    /// A shared count of the chunks sent so far.
    pub fn sent_chunks(&self) -> Arc<AtomicU64> {
        self.sent.clone()
    }
}

impl Drop for BodySink {
    fn drop(&mut self) {
        if !self.finished {
            let client = self.client.clone();
            let peer = self.peer.clone();
            tokio::spawn(async move { reset(&client, peer, "the sender went away").await });
        }
    }
}

async fn reset(client: &async_nats::Client, peer: Subject, why: &str) {
    let _ = client
        .publish_with_headers(
            peer,
            headers("reset"),
            Bytes::copy_from_slice(why.as_bytes()),
        )
        .await;
}

/// The receiving half of one direction of a stream.
pub struct BodyStream {
    client: async_nats::Client,
    chunks: mpsc::Receiver<Result<Bytes, ClusterError>>,
    unacked: usize,
    reg: Arc<Registration>,
}

impl BodyStream {
    /// The next chunk, `None` at the end of the body.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, ClusterError> {
        let next = tokio::time::timeout(IDLE, self.chunks.recv())
            .await
            .map_err(|_| ClusterError::Stream("the sender stopped sending".into()))?;
        match next {
            None => Ok(None),
            Some(Err(err)) => Err(err),
            Some(Ok(chunk)) => {
                self.unacked += 1;
                if self.unacked >= ACK_EVERY {
                    if let Some(peer) = self.reg.end.peer() {
                        let mut h = headers("ack");
                        h.insert(CREDIT, self.unacked.to_string().as_str());
                        self.unacked = 0;
                        self.client
                            .publish_with_headers(peer, h, Bytes::new())
                            .await
                            .map_err(ClusterError::unavailable)?;
                    }
                }
                Ok(Some(chunk))
            }
        }
    }
}

/// The response to a stream this node opened, once the holder sends it.
pub struct PendingResponse {
    head: oneshot::Receiver<Result<Bytes, ClusterError>>,
    stats: Arc<StreamStats>,
    body: BodyStream,
}

impl PendingResponse {
    /// Waits for the response head (as the holder's handler encoded it),
    /// then yields it with the response body. Every [`PROBE_EVERY`] of the
    /// wait it asks whether the holder's side is still there, so that a
    /// holder that died fails the stream within seconds, not at a timeout.
    /// [`ClusterError::NoClient`] when the request was sent whole
    /// ([`Cluster::call`]) and no node holds the channel.
    pub async fn response(mut self) -> Result<(Bytes, BodyStream), ClusterError> {
        let gone = || ClusterError::Stream("the stream ended without a response".into());
        let started = tokio::time::Instant::now();
        loop {
            let wait = tokio::time::sleep(PROBE_EVERY);
            tokio::select! {
                head = &mut self.head => {
                    return match head.map_err(|_| gone())? {
                        Ok(head) => Ok((head, self.body)),
                        Err(e) => {
                            if matches!(e, ClusterError::NoClient(_)) {
                                self.stats.no_client.fetch_add(1, Ordering::Relaxed);
                            }
                            Err(e)
                        }
                    };
                }
                _ = wait => {}
            }
            if started.elapsed() > HEAD_WAIT {
                return Err(ClusterError::Stream("no response in time".into()));
            }
            let Some(peer) = self.body.reg.end.peer() else {
                // A holder accepts within ACCEPT_LATE of the open.
                if started.elapsed() >= PROBE_EVERY * 2 {
                    return Err(ClusterError::Stream(
                        "the holder did not accept in time".into(),
                    ));
                }
                continue;
            };
            let probe = self
                .body
                .client
                .request_with_headers(peer, headers("probe"), Bytes::new());
            match tokio::time::timeout(PROBE_EVERY, probe).await {
                Ok(Err(err)) if err.kind() == async_nats::RequestErrorKind::NoResponders => {
                    return Err(ClusterError::Stream(
                        "the node holding the client went away".into(),
                    ));
                }
                Ok(Ok(answer)) if answer.payload.as_ref() == GONE => {
                    return Err(ClusterError::Stream(
                        "the node holding the client dropped the request".into(),
                    ));
                }
                _ => {}
            }
        }
    }
}

/// A request that reached this node for a channel whose client it holds.
pub struct RemoteRequest {
    pub channel: String,
    /// The request head, as the opening node encoded it.
    pub head: Bytes,
    pub body: BodyStream,
}

/// Where the holder's handler sends the response.
pub struct Responder {
    sink: BodySink,
}

impl Responder {
    /// Sends the response head and returns the sink of the response body.
    pub async fn respond(self, head: Bytes) -> Result<BodySink, ClusterError> {
        let mut h = headers("head");
        h.insert(REPLY, self.sink.reg.subject.as_str());
        self.sink
            .client
            .publish_with_headers(self.sink.peer.clone(), h, head)
            .await
            .map_err(ClusterError::unavailable)?;
        Ok(self.sink)
    }

    /// Sends the response head and its whole body: in one message when
    /// the body is at most [`INLINE`] bytes.
    pub async fn respond_whole(self, head: Bytes, body: Bytes) -> Result<(), ClusterError> {
        if body.len() > INLINE {
            let mut sink = self.respond(head).await?;
            sink.send(body).await?;
            return sink.finish().await;
        }
        let mut sink = self.sink;
        sink.finished = true;
        let (mut h, payload) = inline("head", &head, &body);
        h.insert(REPLY, sink.reg.subject.as_str());
        sink.client
            .publish_with_headers(sink.peer.clone(), h, payload)
            .await
            .map_err(ClusterError::unavailable)
    }

    /// Fails the stream at the opening node with `why`.
    pub async fn reset(self, why: &str) {
        self.sink.reset(why).await;
    }
}

/// What the holding node does with a request from another node: the local
/// tunnel implements it (carries the request to the client, the response
/// back).
#[async_trait::async_trait]
pub trait LocalHandler: Send + Sync + 'static {
    async fn handle(&self, request: RemoteRequest, responder: Responder);
}

impl Cluster {
    fn check_open(&self, channel: &str, head: &Bytes) -> Result<(), ClusterError> {
        check_channel(channel)?;
        if head.len() > CHUNK {
            return Err(ClusterError::Stream(format!(
                "request head of {} bytes, at most {CHUNK}",
                head.len()
            )));
        }
        Ok(())
    }

    /// Opens a stream to the node holding `channel`'s client, with the
    /// request head `head` (at most [`CHUNK`] bytes, encoded as the route
    /// seam likes): returns, once the holder accepted, the sink of the
    /// request body and the pending response. [`ClusterError::NoClient`]
    /// at once when no node holds the channel (NATS answers "no
    /// responders"): queue the request then.
    pub async fn open(
        &self,
        channel: &str,
        head: Bytes,
    ) -> Result<(BodySink, PendingResponse), ClusterError> {
        self.check_open(channel, &head)?;
        let reg = self.inner.mux.register(channel, None);
        let Receivers {
            body,
            head: head_rx,
            accepted,
        } = reg.take();
        self.inner
            .client
            .publish_with_reply_and_headers(
                open_subject(channel),
                reg.subject.clone(),
                headers("open"),
                head,
            )
            .await
            .map_err(ClusterError::unavailable)?;
        let peer = match tokio::time::timeout(IDLE, accepted).await {
            Err(_) => {
                return Err(ClusterError::Stream(
                    "the holder did not accept in time".into(),
                ))
            }
            Ok(Err(_)) => return Err(ClusterError::Stream("the holder did not accept".into())),
            Ok(Ok(Err(e @ ClusterError::NoClient(_)))) => {
                self.inner.stats.no_client.fetch_add(1, Ordering::Relaxed);
                return Err(e);
            }
            Ok(Ok(Err(e))) => return Err(e),
            Ok(Ok(Ok(peer))) => peer,
        };
        self.inner.stats.opened.fetch_add(1, Ordering::Relaxed);
        let sink = BodySink::new(self, &reg, peer);
        Ok((sink, self.pending(reg, head_rx, body)))
    }

    /// Sends a request whose body is whole (at most [`INLINE`] bytes) in
    /// one message, without waiting for the holder to accept; the pending
    /// response says [`ClusterError::NoClient`] when no node holds the
    /// channel.
    pub async fn call(
        &self,
        channel: &str,
        head: Bytes,
        body: Bytes,
    ) -> Result<PendingResponse, ClusterError> {
        self.check_open(channel, &head)?;
        if body.len() > INLINE {
            return Err(ClusterError::Stream(format!(
                "a body of {} bytes is sent in chunks (at most {INLINE} in the open)",
                body.len()
            )));
        }
        let reg = self.inner.mux.register(channel, None);
        let Receivers {
            body: body_rx,
            head: head_rx,
            ..
        } = reg.take();
        let (h, payload) = inline("open", &head, &body);
        self.inner
            .client
            .publish_with_reply_and_headers(open_subject(channel), reg.subject.clone(), h, payload)
            .await
            .map_err(ClusterError::unavailable)?;
        self.inner.stats.opened.fetch_add(1, Ordering::Relaxed);
        Ok(self.pending(reg, head_rx, body_rx))
    }

    fn pending(
        &self,
        reg: Arc<Registration>,
        head: oneshot::Receiver<Result<Bytes, ClusterError>>,
        body: mpsc::Receiver<Result<Bytes, ClusterError>>,
    ) -> PendingResponse {
        PendingResponse {
            head,
            stats: self.inner.stats.clone(),
            body: BodyStream {
                client: self.inner.client.clone(),
                chunks: body,
                unacked: 0,
                reg,
            },
        }
    }
}

/// Answers opens for `channel` with `handler`, until aborted.
pub(crate) async fn serve(
    cluster: Cluster,
    channel: String,
    handler: Arc<dyn LocalHandler>,
) -> Result<JoinHandle<()>, ClusterError> {
    let mut opens = cluster
        .inner
        .client
        .queue_subscribe(open_subject(&channel), HOLDERS_GROUP.to_string())
        .await
        .map_err(ClusterError::unavailable)?;
    // The server knows of the subscription before the holder record says so.
    cluster
        .inner
        .client
        .flush()
        .await
        .map_err(ClusterError::unavailable)?;
    Ok(tokio::spawn(async move {
        while let Some(open) = opens.next().await {
            let Some(caller) = open.reply.clone() else {
                continue;
            };
            let cluster = cluster.clone();
            let handler = handler.clone();
            let channel = channel.clone();
            tokio::spawn(async move {
                if let Err(err) = accept(&cluster, channel, open, caller.clone(), handler).await {
                    reset(&cluster.inner.client, caller, &err.to_string()).await;
                }
            });
        }
    }))
}

async fn accept(
    cluster: &Cluster,
    channel: String,
    open: async_nats::Message,
    caller: Subject,
    handler: Arc<dyn LocalHandler>,
) -> Result<(), ClusterError> {
    let (head, whole) = split_inline(&open, open.payload.clone())?;
    let reg = cluster.inner.mux.register(&channel, Some(caller.clone()));
    let Receivers { body, .. } = reg.take();
    let mut h = headers("accept");
    h.insert(REPLY, reg.subject.as_str());
    let accept = cluster
        .inner
        .client
        .publish_with_headers(caller.clone(), h, Bytes::new());
    cluster.inner.stats.accepted.fetch_add(1, Ordering::Relaxed);
    let mut later = None;
    match whole {
        Some(whole) => {
            let mut inc = reg.end.incoming.lock().unwrap();
            if let Some(tx) = inc.body.take() {
                if !whole.is_empty() {
                    let _ = tx.try_send(Ok(whole));
                }
            }
            later = Some(accept);
        }
        // The opener waits for the accept before it sends the body.
        None => accept.await.map_err(ClusterError::unavailable)?,
    }
    let sink = BodySink::new(cluster, &reg, caller);
    let body = BodyStream {
        client: cluster.inner.client.clone(),
        chunks: body,
        unacked: 0,
        reg,
    };
    let handling = handler.handle(
        RemoteRequest {
            channel,
            head,
            body,
        },
        Responder { sink },
    );
    tokio::pin!(handling);
    if let Some(accept) = later {
        tokio::select! {
            _ = &mut handling => return Ok(()),
            _ = tokio::time::sleep(ACCEPT_LATE) => {}
        }
        // Without NATS the answer cannot go back either; the handler ends.
        let _ = accept.await;
    }
    handling.await;
    Ok(())
}
