//! Cross-node request streams over NATS: the node that received a public
//! request opens a stream to the node holding the channel's client
//! (`hooks.relay.chan.<channel>.open`), and the two exchange the request
//! and response bodies in chunks of at most [`CHUNK`] bytes on a pair of
//! inboxes, at most [`WINDOW`] chunks unacknowledged per direction.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_nats::{HeaderMap, StatusCode, Subject};
use bytes::Bytes;
use futures_util::StreamExt;
use tokio::sync::{mpsc, oneshot, Semaphore};
use tokio::task::JoinHandle;

use super::{check_channel, Cluster, ClusterError};

/// The most bytes of a body in one NATS message (well under NATS's default
/// 1 MiB `max_payload`).
pub const CHUNK: usize = 256 * 1024;
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

/// Aborts the stream's reader task when the last part of the stream goes.
struct Reader(JoinHandle<()>);

impl Drop for Reader {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// What the reader of one inbox hands on.
struct Demux {
    client: async_nats::Client,
    body: mpsc::Sender<Result<Bytes, ClusterError>>,
    head: Option<oneshot::Sender<Result<Bytes, ClusterError>>>,
    credits: Arc<Semaphore>,
}

/// Reads one stream's inbox: DATA and END feed the incoming body, ACK gives
/// the outgoing body credit, HEAD answers the caller, RESET fails both,
/// PROBE is answered (this side is still here).
fn spawn_reader(mut sub: async_nats::Subscriber, mut demux: Demux) -> Reader {
    Reader(tokio::spawn(async move {
        let mut next_seq = 0u64;
        let mut body_open = true;
        while let Some(msg) = sub.next().await {
            match header(&msg, KIND) {
                Some("ack") => {
                    let n = header(&msg, CREDIT)
                        .and_then(|c| c.parse::<usize>().ok())
                        .unwrap_or(0)
                        .min(WINDOW);
                    demux.credits.add_permits(n);
                }
                Some("data") if body_open => {
                    let seq = header(&msg, SEQ).and_then(|s| s.parse::<u64>().ok());
                    let err = if seq != Some(next_seq) {
                        Some(format!("chunk {seq:?} arrived, {next_seq} expected"))
                    } else if demux.body.try_send(Ok(msg.payload)).is_err() {
                        Some("the peer sent past its window".to_string())
                    } else {
                        None
                    };
                    next_seq += 1;
                    if let Some(err) = err {
                        let _ = demux.body.try_send(Err(ClusterError::Stream(err)));
                        body_open = false;
                    }
                }
                Some("end") => body_open = false,
                Some("probe") => {
                    if let Some(reply) = msg.reply {
                        let _ = demux.client.publish(reply, Bytes::new()).await;
                    }
                }
                Some("head") => {
                    if let Some(tx) = demux.head.take() {
                        let _ = tx.send(Ok(msg.payload));
                    }
                }
                Some("reset") => {
                    let why = String::from_utf8_lossy(&msg.payload).into_owned();
                    if let Some(tx) = demux.head.take() {
                        let _ = tx.send(Err(ClusterError::Stream(why.clone())));
                    }
                    if body_open {
                        let _ = demux.body.try_send(Err(ClusterError::Stream(why)));
                    }
                    demux.credits.close();
                    return;
                }
                _ => {}
            }
            if !body_open {
                // Dropping the sender ends the body stream once it is read.
                let (closed, _) = mpsc::channel(1);
                demux.body = closed;
            }
        }
    }))
}

/// The sending half of one direction of a stream: splits what it is given
/// into chunks, and waits for credit before each.
pub struct BodySink {
    client: async_nats::Client,
    peer: Subject,
    credits: Arc<Semaphore>,
    seq: u64,
    sent: Arc<AtomicU64>,
    stats: Arc<super::StreamStats>,
    finished: bool,
    _reader: Arc<Reader>,
}

impl BodySink {
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
    peer: Subject,
    chunks: mpsc::Receiver<Result<Bytes, ClusterError>>,
    unacked: usize,
    _reader: Arc<Reader>,
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
                    let mut h = headers("ack");
                    h.insert(CREDIT, self.unacked.to_string().as_str());
                    self.unacked = 0;
                    self.client
                        .publish_with_headers(self.peer.clone(), h, Bytes::new())
                        .await
                        .map_err(ClusterError::unavailable)?;
                }
                Ok(Some(chunk))
            }
        }
    }
}

/// The response to a stream this node opened, once the holder sends it.
pub struct PendingResponse {
    head: oneshot::Receiver<Result<Bytes, ClusterError>>,
    body: BodyStream,
}

impl PendingResponse {
    /// Waits for the response head (as the holder's handler encoded it),
    /// then yields it with the response body. Every [`PROBE_EVERY`] of the
    /// wait it asks whether the holder's side is still there, so that a
    /// holder that died fails the stream within seconds, not at a timeout.
    pub async fn response(mut self) -> Result<(Bytes, BodyStream), ClusterError> {
        let gone = || ClusterError::Stream("the stream ended without a response".into());
        let until = tokio::time::Instant::now() + HEAD_WAIT;
        loop {
            let wait = tokio::time::sleep(PROBE_EVERY);
            tokio::select! {
                head = &mut self.head => return Ok((head.map_err(|_| gone())??, self.body)),
                _ = wait => {}
            }
            if tokio::time::Instant::now() > until {
                return Err(ClusterError::Stream("no response in time".into()));
            }
            let probe = self.body.client.request_with_headers(
                self.body.peer.clone(),
                headers("probe"),
                Bytes::new(),
            );
            if let Ok(Err(err)) = tokio::time::timeout(PROBE_EVERY, probe).await {
                if err.kind() == async_nats::RequestErrorKind::NoResponders {
                    return Err(ClusterError::Stream(
                        "the node holding the client went away".into(),
                    ));
                }
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
        self.sink
            .client
            .publish_with_headers(self.sink.peer.clone(), headers("head"), head)
            .await
            .map_err(ClusterError::unavailable)?;
        Ok(self.sink)
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

/// Both halves of one stream on one node, sharing the reader of its inbox.
fn halves(
    cluster: &Cluster,
    sub: async_nats::Subscriber,
    peer: Subject,
) -> (
    BodySink,
    BodyStream,
    oneshot::Receiver<Result<Bytes, ClusterError>>,
) {
    let (body_tx, body_rx) = mpsc::channel(WINDOW);
    let (head_tx, head_rx) = oneshot::channel();
    let credits = Arc::new(Semaphore::new(WINDOW));
    let reader = Arc::new(spawn_reader(
        sub,
        Demux {
            client: cluster.inner.client.clone(),
            body: body_tx,
            head: Some(head_tx),
            credits: credits.clone(),
        },
    ));
    let client = cluster.inner.client.clone();
    let sink = BodySink {
        client: client.clone(),
        peer: peer.clone(),
        credits,
        seq: 0,
        sent: Arc::default(),
        stats: cluster.inner.stats.clone(),
        finished: false,
        _reader: reader.clone(),
    };
    let body = BodyStream {
        client,
        peer,
        chunks: body_rx,
        unacked: 0,
        _reader: reader,
    };
    (sink, body, head_rx)
}

impl Cluster {
    /// Opens a stream to the node holding `channel`'s client, with the
    /// request head `head` (at most [`CHUNK`] bytes, encoded as the route
    /// seam likes): returns the sink of the request body and the pending
    /// response. [`ClusterError::NoClient`] at once when no node holds the
    /// channel (NATS answers "no responders"): queue the request then.
    pub async fn open(
        &self,
        channel: &str,
        head: Bytes,
    ) -> Result<(BodySink, PendingResponse), ClusterError> {
        check_channel(channel)?;
        if head.len() > CHUNK {
            return Err(ClusterError::Stream(format!(
                "request head of {} bytes, at most {CHUNK}",
                head.len()
            )));
        }
        let client = &self.inner.client;
        let inbox = client.new_inbox();
        let mut sub = client
            .subscribe(inbox.clone())
            .await
            .map_err(ClusterError::unavailable)?;
        client
            .publish_with_reply_and_headers(open_subject(channel), inbox, headers("open"), head)
            .await
            .map_err(ClusterError::unavailable)?;
        let first = tokio::time::timeout(IDLE, sub.next())
            .await
            .map_err(|_| ClusterError::Stream("the holder did not accept in time".into()))?
            .ok_or_else(|| ClusterError::Unavailable("the NATS connection closed".into()))?;
        if first.status == Some(StatusCode::NO_RESPONDERS) {
            self.inner.stats.no_client.fetch_add(1, Ordering::Relaxed);
            return Err(ClusterError::NoClient(channel.to_string()));
        }
        let peer = match (header(&first, KIND), header(&first, REPLY)) {
            (Some("accept"), Some(peer)) => Subject::from(peer),
            _ => return Err(ClusterError::Stream("the holder did not accept".into())),
        };
        self.inner.stats.opened.fetch_add(1, Ordering::Relaxed);
        let (sink, body, head) = halves(self, sub, peer);
        Ok((sink, PendingResponse { head, body }))
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
                if let Err(err) =
                    accept(&cluster, channel, open.payload, caller.clone(), handler).await
                {
                    reset(&cluster.inner.client, caller, &err.to_string()).await;
                }
            });
        }
    }))
}

async fn accept(
    cluster: &Cluster,
    channel: String,
    head: Bytes,
    caller: Subject,
    handler: Arc<dyn LocalHandler>,
) -> Result<(), ClusterError> {
    let client = &cluster.inner.client;
    let inbox = client.new_inbox();
    let sub = client
        .subscribe(inbox.clone())
        .await
        .map_err(ClusterError::unavailable)?;
    let mut h = headers("accept");
    h.insert(REPLY, inbox.as_str());
    client
        .publish_with_headers(caller.clone(), h, Bytes::new())
        .await
        .map_err(ClusterError::unavailable)?;
    cluster.inner.stats.accepted.fetch_add(1, Ordering::Relaxed);
    let (sink, body, _head) = halves(cluster, sub, caller);
    handler
        .handle(
            RemoteRequest {
                channel,
                head,
                body,
            },
            Responder { sink },
        )
        .await;
    Ok(())
}
