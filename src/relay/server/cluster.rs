//! The relay as one node of a cluster (`--cluster`): requests for a client
//! held by another node cross over NATS, requests for a client no node holds
//! go to the JetStream queue, and the node holding a client drains its queue.
//! The shared state itself is in `relay::cluster`; docs/relay-cluster.md.

use super::super::protocol::{headers_of, Frame, ResetCode, CLUSTER_QUEUE_BIT};
use super::super::send_message;
use super::public::{head_too_large, invalid_head, BodyError, PublicBody, PublicRequest, Reading};
use super::queue::RETRY_PAUSE;
use super::tunnels::{Event, Tunnel};
use super::{retry_soon, text, Body, Offline, Relay};
use crate::budget::Budget;
use crate::relay::cluster::{
    BodySink, BodyStream, Cluster, ClusterError, ClusterOptions, LocalHandler, RemoteRequest,
    Responder, INLINE,
};
use crate::{Error, Result};
use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::{Response, StatusCode};
use std::pin::Pin;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{oneshot, OwnedSemaphorePermit};

/// Connects this node to the cluster, or says why it cannot.
pub(super) async fn join(options: &ClusterOptions) -> Result<Cluster> {
    let servers = options.servers.join(",");
    let cluster = Cluster::connect(options.clone()).await.map_err(|e| match e {
        ClusterError::Config(why) => Error::usage(format!("--cluster: {why}"))
            .with_hint("pass nats://HOST:PORT URLs, comma-separated, and readable --nats-creds / --nats-tls-ca files"),
        other => Error::network(format!("cannot join the cluster at {servers}: {other}"))
            .with_hint("start nats-server with JetStream (`nats-server -js`), or check --cluster and the NATS credentials"),
    })?;
    crate::output::note(format!(
        "relay: node {} joined the cluster at {servers}",
        cluster.node_id()
    ));
    Ok(cluster)
}

/// A request body that another node streams in, as hyper sees a body.
type RemoteBody = StreamBody<
    Pin<
        Box<
            dyn futures_util::Stream<
                    Item = std::result::Result<hyper::body::Frame<Bytes>, ClusterError>,
                > + Send,
        >,
    >,
>;

fn remote_body(body: BodyStream) -> RemoteBody {
    StreamBody::new(Box::pin(futures_util::stream::unfold(
        Some(body),
        |state| async move {
            let mut body = state?;
            match body.chunk().await {
                Ok(Some(chunk)) => Some((Ok(hyper::body::Frame::data(chunk)), Some(body))),
                Ok(None) => None,
                Err(e) => Some((Err(e), None)),
            }
        },
    )))
}

impl Relay {
    /// `/healthz`: the process is alive (200 always); says when it is not
    /// ready.
    pub(super) fn healthz(&self) -> Response<Body> {
        match &self.cluster {
            Some(cluster) if !cluster.connected() => text(
                StatusCode::OK,
                "ok; not ready: hooks relay: cluster unavailable (not connected to NATS)",
            ),
            _ => text(StatusCode::OK, "ok"),
        }
    }

    /// `/readyz`: 200 when this node can serve every channel (in a cluster:
    /// NATS connected), else 503.
    pub(super) fn readyz(&self) -> Response<Body> {
        match &self.cluster {
            Some(cluster) if !cluster.connected() => text(
                StatusCode::SERVICE_UNAVAILABLE,
                "hooks relay: cluster unavailable: not connected to NATS",
            ),
            _ => text(StatusCode::OK, "ready"),
        }
    }

    /// 503 for what this node cannot route or store without NATS.
    pub(super) fn cluster_unavailable(&self, e: &ClusterError) -> Response<Body> {
        self.metrics.cluster_errors.fetch_add(1, Ordering::Relaxed);
        let why = e.to_string();
        let why = why
            .strip_prefix("hooks relay: cluster unavailable: ")
            .unwrap_or(&why);
        retry_soon(format!("hooks relay: cluster unavailable: {why}"))
    }

    /// A request for a channel whose client is not on this node: carried to
    /// the node that holds it, whose answer comes back as it is; queued when
    /// no node holds it. A body of known length up to [`INLINE`] is read
    /// first and sent in the same message as the head.
    pub(super) async fn remote<B: PublicBody>(
        self: &Arc<Self>,
        cluster: &Cluster,
        channel: &str,
        request: PublicRequest<B>,
    ) -> Response<Body> {
        let head = Frame::RequestHead {
            stream: 0,
            queue_id: 0,
            method: Bytes::copy_from_slice(&request.method),
            target: Bytes::copy_from_slice(&request.target),
            headers: request.headers.clone(),
        };
        let head = match head.encode() {
            Ok(head) => head,
            Err(e) => return head_too_large(e),
        };
        let small = hyper::body::Body::size_hint(&request.body)
            .exact()
            .is_some_and(|n| n <= INLINE as u64);
        if small {
            return self.call(cluster, channel, head, request).await;
        }
        let (sink, pending) = match cluster.open(channel, head).await {
            Ok(opened) => opened,
            Err(ClusterError::NoClient(_)) => return self.enqueue(channel, request).await,
            Err(e @ ClusterError::Unavailable(_)) => return self.cluster_unavailable(&e),
            Err(e) => return holder_failed(&e),
        };
        let max_body = self.opts.max_body;
        let mut upload = Some(Box::pin(upload_remote(
            self.clone(),
            sink,
            request.body,
            request.reading,
        )));
        let response = pending.response();
        tokio::pin!(response);
        let answer = loop {
            tokio::select! {
                r = &mut response => break r,
                sent = async { upload.as_mut().expect("checked").await }, if upload.is_some() => {
                    upload = None;
                    if let Err(e) = sent {
                        return e.response(max_body);
                    }
                }
            }
        };
        if let Some(upload) = upload {
            // The app answered before the whole body was sent: keep sending.
            tokio::spawn(async move {
                let _ = upload.await;
            });
        }
        match answer {
            Ok((head, stream)) => self.remote_response(head, stream),
            Err(e) => holder_failed(&e),
        }
    }

    /// [`Relay::remote`] for a small body: read whole, sent with the head
    /// in one message, queued with it when no node holds the channel.
    async fn call<B: PublicBody>(
        self: &Arc<Self>,
        cluster: &Cluster,
        channel: &str,
        head: Bytes,
        request: PublicRequest<B>,
    ) -> Response<Body> {
        let (method, target, headers, body, reading) = request.into_parts();
        // Small (of a known length up to 64 KiB): not counted in the budget.
        let whole = match read_whole(body, reading, None).await {
            Ok((whole, _)) => whole,
            Err(e) => return e.response(self.opts.max_body),
        };
        let answer = match cluster.call(channel, head, whole.clone()).await {
            Ok(pending) => pending.response().await,
            Err(e) => Err(e),
        };
        match answer {
            Ok((head, stream)) => {
                self.metrics
                    .bytes_in
                    .fetch_add(whole.len() as u64, Ordering::Relaxed);
                self.remote_response(head, stream)
            }
            Err(ClusterError::NoClient(_)) => {
                let request = PublicRequest {
                    method,
                    target,
                    headers,
                    body: Full::new(whole),
                    reading,
                };
                self.enqueue(channel, request).await
            }
            Err(e @ ClusterError::Unavailable(_)) => self.cluster_unavailable(&e),
            Err(e) => holder_failed(&e),
        }
    }

    /// The public caller's response from the holding node's answer.
    fn remote_response(self: &Arc<Self>, head: Bytes, stream: BodyStream) -> Response<Body> {
        let Ok(Frame::ResponseHead {
            status, headers, ..
        }) = Frame::decode(head)
        else {
            return holder_failed(&ClusterError::Stream(
                "the holding node sent no response head".into(),
            ));
        };
        if status < 200 {
            return holder_failed(&ClusterError::Stream(format!(
                "the holding node sent status {status}, not a final answer"
            )));
        }
        // The holding node's answer was framed by its own `live` (a
        // Content-Length there is checked against the body); hyper here
        // writes no more than that length and closes the connection when
        // fewer bytes come, so no surplus is read as the next answer.
        let hop = crate::hop::HopFields::of(headers.iter().map(|(n, v)| (n.as_ref(), v.as_ref())));
        let mut builder = Response::builder().status(status);
        for (name, value) in &headers {
            if hop.drops(name) && !name.eq_ignore_ascii_case(b"content-length") {
                continue;
            }
            builder = builder.header(
                name.as_ref(),
                super::super::protocol::SharedValue(value.clone()),
            );
        }
        let relay = self.clone();
        let body = futures_util::stream::unfold(Some(stream), move |state| {
            let relay = relay.clone();
            async move {
                let mut stream = state?;
                match stream.chunk().await {
                    Ok(Some(chunk)) => {
                        relay
                            .metrics
                            .bytes_out
                            .fetch_add(chunk.len() as u64, Ordering::Relaxed);
                        Some((Ok(hyper::body::Frame::data(chunk)), Some(stream)))
                    }
                    Ok(None) => None,
                    Err(e) => Some((Err(std::io::Error::other(e.to_string())), None)),
                }
            }
        });
        builder
            .body(StreamBody::new(body).boxed_unsync())
            .unwrap_or_else(invalid_head)
    }

    /// Stores a request for an offline channel in the JetStream queue and
    /// answers 202. Its body is read whole first (at most `--max-body`),
    /// within the node's budget for such bodies ([`queue_budget`]): past
    /// it, 503 with `Retry-After: 1`.
    pub(super) async fn enqueue_in_cluster<B: PublicBody>(
        self: &Arc<Self>,
        cluster: &Cluster,
        channel: &str,
        request: PublicRequest<B>,
    ) -> Response<Body> {
        let (method, target, headers, body, reading) = request.into_parts();
        // Held until the body is stored: bounds what this node keeps in
        // memory for bodies on their way into the queue.
        let (buf, _held) = match read_whole(body, reading, Some(&self.queue_buffer)).await {
            Ok(read) => read,
            Err(e) => {
                if matches!(e, BodyError::Busy) {
                    self.metrics.queue_full.fetch_add(1, Ordering::Relaxed);
                }
                return e.response(self.opts.max_body);
            }
        };
        self.metrics
            .bytes_in
            .fetch_add(buf.len() as u64, Ordering::Relaxed);
        let head = Frame::RequestHead {
            stream: 0,
            queue_id: 0,
            method: method.into(),
            target: target.into(),
            headers,
        };
        let head = match head.encode() {
            Ok(head) => head,
            Err(e) => return head_too_large(e),
        };
        let id = hex::encode(rand::random::<[u8; 16]>());
        match cluster.queue().enqueue(channel, &id, head, buf).await {
            Ok(queued) => {
                self.metrics.queued.fetch_add(1, Ordering::Relaxed);
                let mut r = text(
                    StatusCode::ACCEPTED,
                    format!("hooks relay: channel '{channel}' is offline; the request was queued and will be delivered when its client reconnects"),
                );
                r.headers_mut().insert(
                    "hooks-relay-queued",
                    http::HeaderValue::from_str(&(CLUSTER_QUEUE_BIT | queued.sequence).to_string())
                        .expect("digits"),
                );
                r
            }
            Err(ClusterError::QueueFull { limit, .. }) => {
                self.metrics.queue_full.fetch_add(1, Ordering::Relaxed);
                text(
                    StatusCode::INSUFFICIENT_STORAGE,
                    format!("hooks relay: the offline queue of channel '{channel}' is full ({limit} requests, --queue-limit); the request was not stored"),
                )
            }
            Err(ClusterError::StoreFull { limit }) => {
                self.metrics.queue_full.fetch_add(1, Ordering::Relaxed);
                text(
                    StatusCode::INSUFFICIENT_STORAGE,
                    format!("hooks relay: the cluster's queues hold their limit of {limit} bytes for all channels (--queue-max-total-bytes); the request was not stored"),
                )
            }
            Err(e) => self.cluster_unavailable(&e),
        }
    }
    /// Delivers the channel's JetStream queue to its client on this node
    /// whenever it holds requests: at connect when it did, and again each
    /// time one is queued (this node subscribes to the channel's queue
    /// subject, so it hears of every enqueue by any node; a recheck of the
    /// depth every minute covers what it missed while NATS was away). An
    /// idle channel costs no polling and no queue consumer.
    pub(super) async fn drain_cluster(self: Arc<Self>, tunnel: Arc<Tunnel>, cluster: Cluster) {
        let channel = tunnel.channel.clone();
        let mut closed = tunnel.closed.subscribe();
        let mut news = cluster.queue().watch(&channel).await.ok();
        // Anything queued before the subscription is in the queue now.
        let mut pending = news.is_none()
            || self.backlog.lock().unwrap().contains(&channel)
            || cluster
                .queue()
                .depth(&channel)
                .await
                .map_or(true, |n| n > 0);
        let mut recheck = tokio::time::interval(RECHECK);
        recheck.reset();
        loop {
            if pending {
                match self.drain_queue(&tunnel, &cluster).await {
                    Drain::Closed => return,
                    Drain::Empty => {
                        // Caught up: new requests may go straight through.
                        self.backlog.lock().unwrap().remove(&channel);
                    }
                    outcome @ (Drain::Waiting | Drain::Failed) => {
                        if matches!(outcome, Drain::Failed) {
                            self.metrics.cluster_errors.fetch_add(1, Ordering::Relaxed);
                        }
                        tokio::select! {
                            _ = tokio::time::sleep(RETRY_PAUSE) => continue,
                            _ = closed.changed() => return,
                        }
                    }
                }
            }
            tokio::select! {
                heard = async {
                    match news.as_mut() {
                        Some(news) => news.next().await,
                        None => std::future::pending().await,
                    }
                } => {
                    if heard.is_none() {
                        news = None;
                    }
                    pending = true;
                }
                _ = recheck.tick() => {
                    pending = cluster.queue().depth(&channel).await.map_or(true, |n| n > 0);
                }
                _ = closed.changed() => return,
            }
        }
    }

    /// Sends the channel's queued requests to its client one at a time, in
    /// order, each removed from the queue once the client acknowledged it,
    /// until the queue is empty.
    async fn drain_queue(&self, tunnel: &Arc<Tunnel>, cluster: &Cluster) -> Drain {
        let channel = &tunnel.channel;
        let closed = tunnel.closed.subscribe();
        let patience = self.opts.request_timeout * 2;
        let pause = |d: Duration| {
            let mut closed = closed.clone();
            async move {
                tokio::select! {
                    _ = tokio::time::sleep(d) => true,
                    _ = closed.changed() => false,
                }
            }
        };
        let Ok(consumer) = cluster.queue().consume(channel).await else {
            return Drain::Failed;
        };
        let mut consumer = consumer.within(self.drain_buffer.clone());
        loop {
            if *closed.borrow() {
                return Drain::Closed;
            }
            let queued = match consumer.next().await {
                Ok(Some(queued)) => queued,
                // Nothing handed out is not an empty queue while JetStream
                // still holds the channel's requests: one handed out and
                // lost with a NATS server comes back after the ack wait,
                // and a consumer just (re)elected may not hand out yet. The
                // backlog stays, so new requests queue behind them.
                Ok(None) => {
                    return match cluster.queue().depth(channel).await {
                        Ok(0) => Drain::Empty,
                        _ => Drain::Waiting,
                    }
                }
                Err(_) => return Drain::Failed,
            };
            let (method, target, headers) = match Frame::decode(queued.head.clone()) {
                Ok(Frame::RequestHead {
                    method,
                    target,
                    headers,
                    ..
                }) => (method, target, headers),
                _ => {
                    // It never will be: moved aside, the queue goes on.
                    let why = "its request head is not readable";
                    if queued.dead_letter(why).await.is_ok() {
                        self.metrics
                            .queue_dead_lettered
                            .fetch_add(1, Ordering::Relaxed);
                        crate::output::note(format!(
                            "relay: a queued request for channel {channel} is not readable and is now a dead letter; see `hooks relay queue list --cluster …`"
                        ));
                    } else {
                        let _ = queued.retry(RETRY_PAUSE).await;
                    }
                    if !pause(RETRY_PAUSE).await {
                        return Drain::Closed;
                    }
                    continue;
                }
            };
            let queue_id = CLUSTER_QUEUE_BIT | queued.sequence;
            let Some((stream, shared)) = tunnel.open(self.opts.max_streams) else {
                let _ = queued.retry(Duration::from_millis(100)).await;
                if !pause(Duration::from_millis(100)).await {
                    return Drain::Closed;
                }
                continue;
            };
            let (ack_tx, mut ack_rx) = oneshot::channel();
            tunnel.acks.lock().unwrap().insert(queue_id, ack_tx);
            let head = Frame::RequestHead {
                stream,
                queue_id,
                method,
                target,
                headers,
            }
            .encode();
            let sent = match head {
                Ok(head) => {
                    send_message(
                        &tunnel.out,
                        stream,
                        head,
                        &shared.window,
                        queued.body.clone(),
                    )
                    .await
                }
                Err(_) => false,
            };
            let outcome = if !sent {
                Err("it could not be sent to the client".to_string())
            } else {
                loop {
                    tokio::select! {
                        r = &mut ack_rx => break r.map_err(|_| "the tunnel closed".to_string()),
                        ev = shared.recv() => match ev {
                            Some(Event::Reset(code, message)) => break Err(format!("{message} (reset: {code:?})")),
                            Some(_) => continue,
                            None => break Err("the tunnel closed".to_string()),
                        },
                        _ = tokio::time::sleep(patience) => break Err(format!(
                            "the client did not acknowledge it within {}",
                            humantime::format_duration(patience)
                        )),
                    }
                }
            };
            tunnel.acks.lock().unwrap().remove(&queue_id);
            tunnel.forget(stream);
            match outcome {
                Ok(()) => {
                    if queued.ack().await.is_err() {
                        // Handed out again later; the client skips an id it
                        // has acknowledged.
                        self.metrics.cluster_errors.fetch_add(1, Ordering::Relaxed);
                    }
                    self.metrics.queue_delivered.fetch_add(1, Ordering::Relaxed);
                }
                Err(why) => {
                    self.metrics
                        .queue_failed_attempts
                        .fetch_add(1, Ordering::Relaxed);
                    crate::output::detail(format!(
                        "relay: queued request {queue_id} for channel {channel} failed (attempt {}): {why}",
                        queued.delivered
                    ));
                    let reset = Frame::Reset {
                        stream,
                        code: ResetCode::Cancel,
                        message: "a queued request failed; the relay sends the queue again from it"
                            .into(),
                    };
                    let _ = tunnel.out.send(reset.into()).await;
                    let max = self.opts.queue_max_attempts.max(1) as u64;
                    if queued.delivered >= max {
                        // The rest of the queue goes on behind it.
                        match queued.dead_letter(&why).await {
                            Ok(()) => {
                                self.metrics
                                    .queue_dead_lettered
                                    .fetch_add(1, Ordering::Relaxed);
                                crate::output::note(format!(
                                    "relay: queued request {queue_id} for channel {channel} failed {max} times and is now a dead letter (last: {why}); see `hooks relay queue list --cluster …`"
                                ));
                                continue;
                            }
                            Err(e) => {
                                self.metrics.cluster_errors.fetch_add(1, Ordering::Relaxed);
                                crate::output::note(format!(
                                    "relay: queued request {queue_id} for channel {channel} could not be made a dead letter ({e}); it stays at the head of the queue"
                                ));
                            }
                        }
                    }
                    let _ = queued.retry(RETRY_PAUSE).await;
                    if !pause(RETRY_PAUSE).await {
                        return Drain::Closed;
                    }
                }
            }
        }
    }
}

/// How often a holding node looks at its channel's queue depth, for what
/// it did not hear of (queued while its NATS connection was down).
const RECHECK: Duration = Duration::from_secs(60);

/// How a pass over a channel's queue ended.
enum Drain {
    /// The queue is empty now.
    Empty,
    /// Requests are queued but none was handed out; try again shortly.
    Waiting,
    /// The tunnel closed.
    Closed,
    /// NATS or JetStream failed; try again.
    Failed,
}

/// Uploads a public request body to the holding node; a body that stalls,
/// runs late, fails or grows over `--max-body` resets the stream there and
/// is returned as the error.
async fn upload_remote<B: PublicBody>(
    relay: Arc<Relay>,
    mut sink: BodySink,
    mut body: B,
    reading: Reading,
) -> std::result::Result<(), BodyError> {
    let mut total = 0u64;
    loop {
        match reading.next(&mut body).await {
            Ok(Some(data)) => {
                total += data.len() as u64;
                relay
                    .metrics
                    .bytes_in
                    .fetch_add(data.len() as u64, Ordering::Relaxed);
                if total > reading.max {
                    sink.reset(&BodyError::TooLarge.to_string()).await;
                    return Err(BodyError::TooLarge);
                }
                if sink.send(data).await.is_err() {
                    // The holder reset the stream: its answer says why.
                    return Ok(());
                }
            }
            Ok(None) => {
                let _ = sink.finish().await;
                return Ok(());
            }
            Err(e) => {
                sink.reset(&e.to_string()).await;
                return Err(e);
            }
        }
    }
}

/// A public request body read to its end (at most `--max-body`); a body
/// that came in one piece is not copied.
async fn read_whole<B: PublicBody>(
    mut body: B,
    reading: Reading,
    budget: Option<&Budget>,
) -> std::result::Result<(Bytes, Option<OwnedSemaphorePermit>), BodyError> {
    let mut first: Option<Bytes> = None;
    let mut buf = BytesMut::new();
    let mut held: Option<OwnedSemaphorePermit> = None;
    while let Some(data) = reading.next(&mut body).await? {
        let had = first.as_ref().map_or(0, Bytes::len) + buf.len();
        if (had + data.len()) as u64 > reading.max {
            return Err(BodyError::TooLarge);
        }
        if let Some(budget) = budget {
            if !budget.try_cover(&mut held, (had + data.len()) as u64) {
                return Err(BodyError::Busy);
            }
        }
        match first.take() {
            None if buf.is_empty() => first = Some(data),
            None => buf.extend_from_slice(&data),
            Some(piece) => {
                buf.extend_from_slice(&piece);
                buf.extend_from_slice(&data);
            }
        }
    }
    Ok((first.unwrap_or_else(|| buf.freeze()), held))
}

/// What a node holds at most of queued bodies, all requests together, on
/// each way: into the JetStream queue and out of it to the clients it
/// holds. Eight bodies of `--max-body`, at most 256 MiB (but one body
/// always fits).
pub(super) fn queue_budget(max_body: u64) -> Budget {
    const MOST: u64 = 256 * 1024 * 1024;
    Budget::new(max_body.saturating_mul(8).min(MOST).max(max_body))
}

/// 502 when the node holding the client failed the request.
fn holder_failed(e: &ClusterError) -> Response<Body> {
    text(
        StatusCode::BAD_GATEWAY,
        format!("hooks relay: the relay node holding the developer's machine did not answer: {e}"),
    )
}

/// Answers requests that other nodes carry to a client this node holds:
/// through its tunnel, or into the queue while the tunnel still drains its
/// queue (so they stay in order) or just went away.
pub(super) struct Held {
    pub(super) relay: Arc<Relay>,
}

#[async_trait::async_trait]
impl LocalHandler for Held {
    async fn handle(&self, request: RemoteRequest, responder: Responder) {
        let relay = &self.relay;
        let RemoteRequest {
            channel,
            head,
            body,
        } = request;
        let (method, target, headers) = match Frame::decode(head) {
            Ok(Frame::RequestHead {
                method,
                target,
                headers,
                ..
            }) => (method.to_vec(), target.to_vec(), headers),
            _ => return responder.reset("not a request head").await,
        };
        relay
            .metrics
            .requests_from_nodes
            .fetch_add(1, Ordering::Relaxed);
        let request = PublicRequest {
            method,
            target,
            headers,
            body: remote_body(body),
            reading: relay.reading(),
        };
        let tunnel = relay.tunnels.lock().unwrap().get(&channel).cloned();
        let draining = relay.opts.offline == Offline::Queue
            && relay.backlog.lock().unwrap().contains(&channel);
        let response = match tunnel {
            Some(tunnel) if !draining => relay.live(tunnel, request).await,
            _ => relay.enqueue(&channel, request).await,
        };
        respond_remote(response, responder).await;
    }
}

/// Sends a response built for a public caller to the node that has that
/// caller: its head, then its body in chunks.
async fn respond_remote(response: Response<Body>, responder: Responder) {
    let (mut parts, mut body) = response.into_parts();
    if !parts.headers.contains_key(http::header::CONTENT_LENGTH) {
        if let Some(len) = hyper::body::Body::size_hint(&body).exact() {
            parts
                .headers
                .insert(http::header::CONTENT_LENGTH, http::HeaderValue::from(len));
        }
    }
    let head = Frame::ResponseHead {
        stream: 0,
        status: parts.status.as_u16(),
        headers: headers_of(&parts.headers),
    }
    .encode();
    let Ok(head) = head else {
        return responder.reset("the response head cannot be sent").await;
    };
    let small = parts
        .headers
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok())
        .is_some_and(|n| n <= INLINE as u64);
    if small {
        // Known to be small: head and body in one message.
        let mut whole = BytesMut::new();
        while let Some(frame) = body.frame().await {
            match frame {
                Ok(frame) => {
                    if let Ok(data) = frame.into_data() {
                        whole.extend_from_slice(&data);
                    }
                }
                Err(e) => return responder.reset(&e.to_string()).await,
            }
        }
        let _ = responder.respond_whole(head, whole.freeze()).await;
        return;
    }
    let Ok(mut sink) = responder.respond(head).await else {
        return;
    };
    loop {
        match body.frame().await {
            Some(Ok(frame)) => {
                if let Ok(data) = frame.into_data() {
                    if sink.send(data).await.is_err() {
                        return;
                    }
                }
            }
            Some(Err(e)) => return sink.reset(&e.to_string()).await,
            None => break,
        }
    }
    let _ = sink.finish().await;
}
