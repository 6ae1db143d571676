//! The offline queue in JetStream: requests for a channel no node holds a
//! client for, in the `HOOKS_RELAY_QUEUE` stream (one subject per channel,
//! deduplicated by `Nats-Msg-Id`, expired by `max_age`), bodies over
//! [`INLINE`] bytes in the `hooks_relay_bodies` object store, drained in
//! order by whichever node holds the client.

use crate::budget::Budget;
use std::time::Duration;

use async_nats::jetstream::{self, consumer, object_store, stream};
use async_nats::HeaderMap;
use bytes::{Buf, BufMut, Bytes, BytesMut};
use futures_util::StreamExt;
use tokio::io::AsyncReadExt;
use tokio::sync::OwnedSemaphorePermit;

use super::{check_channel, connected, ClusterError, BODIES_BUCKET, QUEUE_STREAM};

/// Bodies up to this size travel inside the queue message; larger ones go
/// to the object store, which chunks them.
pub const INLINE: usize = 256 * 1024;
/// How long a repeated enqueue of the same id is recognised (or the TTL,
/// if shorter).
pub const DEDUP_WINDOW: Duration = Duration::from_secs(120);

/// How long an enqueue whose outcome JetStream left unknown is retried
/// (with the same id, so never stored twice) before the caller gets 503.
pub const PUBLISH_RETRY: Duration = Duration::from_secs(10);
const RETRY_PAUSE: Duration = Duration::from_millis(250);

/// How long a pull from a channel's queue waits at the server for a
/// request it can hand out.
pub const PULL_EXPIRES: Duration = Duration::from_secs(1);

/// How long a channel's queue consumer lives without a pull.
pub const CONSUMER_IDLE: Duration = Duration::from_secs(3600);

const QUEUE_ID: &str = "Hooks-Queue-Id";
const BODY: &str = "Hooks-Body";
const ATTEMPTS: &str = "Hooks-Attempts";
const LAST_ERROR: &str = "Hooks-Last-Error";

/// Bounds of the queue, per channel.
#[derive(Debug, Clone)]
pub struct QueueLimits {
    /// Requests queued per channel at most (`--queue-limit`).
    pub max_requests: u64,
    /// How long a queued request waits at most (`--queue-ttl`).
    pub ttl: Duration,
    /// Bytes stored for every channel together (`--queue-max-total-bytes`),
    /// in the queue stream (heads and small bodies, dead letters included)
    /// and in the body store (large bodies), each.
    pub max_bytes: u64,
}

impl Default for QueueLimits {
    fn default() -> QueueLimits {
        QueueLimits {
            max_requests: 1000,
            ttl: Duration::from_secs(24 * 3600),
            max_bytes: 1 << 30,
        }
    }
}

/// The queue subject of `channel`.
pub fn queue_subject(channel: &str) -> String {
    format!("hooks.relay.queue.{channel}")
}

/// The dead-letter subject of `channel`: requests that failed
/// `--queue-max-attempts` times, kept in the same stream (no consumer reads
/// them) until retried, dropped or expired.
pub fn dead_subject(channel: &str) -> String {
    format!("hooks.relay.dead.{channel}")
}

fn consumer_name(channel: &str) -> String {
    format!("queue-{channel}")
}

/// The queue stream and body store, opened (or created) at connect.
pub struct OfflineQueue {
    js: jetstream::Context,
    stream: stream::Stream,
    bodies: object_store::ObjectStore,
    limits: QueueLimits,
}

/// The outcome of an enqueue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enqueued {
    /// The request's place in the stream.
    pub sequence: u64,
    /// The same id was enqueued already (within [`DEDUP_WINDOW`]): nothing
    /// new was stored.
    pub duplicate: bool,
}

impl OfflineQueue {
    pub(crate) async fn open(
        js: &jetstream::Context,
        limits: QueueLimits,
        replicas: usize,
    ) -> Result<OfflineQueue, ClusterError> {
        let subjects = vec![queue_subject("*"), dead_subject("*")];
        let mut stream = js
            .get_or_create_stream(stream::Config {
                name: QUEUE_STREAM.into(),
                description: Some("hooks relay: requests for offline channels".into()),
                subjects: subjects.clone(),
                retention: stream::RetentionPolicy::WorkQueue,
                // The server bounds each channel's subject, so enqueues
                // racing on several nodes cannot pass the limit.
                max_messages_per_subject: limits.max_requests.min(i64::MAX as u64) as i64,
                discard: stream::DiscardPolicy::New,
                discard_new_per_subject: true,
                max_age: limits.ttl,
                max_bytes: limits.max_bytes.min(i64::MAX as u64) as i64,
                duplicate_window: DEDUP_WINDOW.min(limits.ttl),
                num_replicas: replicas,
                ..Default::default()
            })
            .await
            .map_err(ClusterError::unavailable)?;
        // A stream made by an older build has no dead-letter subject yet.
        let mut config = stream.cached_info().config.clone();
        if config.subjects != subjects {
            config.subjects = subjects;
            js.update_stream(config)
                .await
                .map_err(ClusterError::unavailable)?;
            stream = js
                .get_stream(QUEUE_STREAM)
                .await
                .map_err(ClusterError::unavailable)?;
        }
        let bodies = match js.get_object_store(BODIES_BUCKET).await {
            Ok(store) => store,
            Err(_) => js
                .create_object_store(object_store::Config {
                    bucket: BODIES_BUCKET.into(),
                    description: Some("hooks relay: bodies of queued requests".into()),
                    max_age: limits.ttl,
                    max_bytes: limits.max_bytes.min(i64::MAX as u64) as i64,
                    num_replicas: replicas,
                    ..Default::default()
                })
                .await
                .map_err(ClusterError::unavailable)?,
        };
        Ok(OfflineQueue {
            js: js.clone(),
            stream,
            bodies,
            limits,
        })
    }

    /// Requests queued for `channel` now.
    pub async fn depth(&self, channel: &str) -> Result<u64, ClusterError> {
        check_channel(channel)?;
        let subject = queue_subject(channel);
        let mut subjects = self
            .stream
            .info_with_subjects(&subject)
            .await
            .map_err(ClusterError::unavailable)?;
        let mut depth = 0;
        while let Some(entry) = subjects.next().await {
            let (name, count) = entry.map_err(ClusterError::unavailable)?;
            if name == subject {
                depth += count as u64;
            }
        }
        Ok(depth)
    }

    /// Requests queued for every channel together (dead letters not
    /// counted).
    pub async fn total(&self) -> Result<u64, ClusterError> {
        Ok(self.depths().await?.iter().map(|(_, n)| n).sum())
    }

    /// Requests queued per channel, for the channels that have any.
    pub async fn depths(&self) -> Result<Vec<(String, u64)>, ClusterError> {
        self.counts(&queue_subject("")).await
    }

    /// Dead letters per channel, for the channels that have any.
    pub async fn dead_depths(&self) -> Result<Vec<(String, u64)>, ClusterError> {
        self.counts(&dead_subject("")).await
    }

    /// Messages per channel under the subject prefix `prefix`.
    async fn counts(&self, prefix: &str) -> Result<Vec<(String, u64)>, ClusterError> {
        let mut subjects = self
            .stream
            .info_with_subjects(format!("{prefix}*"))
            .await
            .map_err(ClusterError::unavailable)?;
        let mut counts = Vec::new();
        while let Some(entry) = subjects.next().await {
            let (name, count) = entry.map_err(ClusterError::unavailable)?;
            if let Some(channel) = name.strip_prefix(prefix) {
                counts.push((channel.to_string(), count as u64));
            }
        }
        counts.sort();
        Ok(counts)
    }

    /// Queues a request for `channel` under `id` (the same id queued twice
    /// is stored once), refused when the channel holds its limit already.
    pub async fn enqueue(
        &self,
        channel: &str,
        id: &str,
        head: Bytes,
        body: Bytes,
    ) -> Result<Enqueued, ClusterError> {
        check_channel(channel)?;
        if !connected(&self.js.client()) {
            // Nothing is sent, so the caller's retry cannot make a copy.
            return Err(ClusterError::unavailable("not connected to NATS"));
        }
        let mut headers = HeaderMap::new();
        headers.insert(async_nats::header::NATS_MESSAGE_ID, id);
        headers.insert(QUEUE_ID, id);
        let mut payload = BytesMut::with_capacity(4 + head.len() + body.len().min(INLINE));
        payload.put_u32(head.len() as u32);
        payload.put_slice(&head);
        if body.len() > INLINE {
            headers.insert(BODY, "object");
            // Checked first: a put refused halfway would leave the chunks
            // it stored behind until they expire.
            if self.stored_bytes().await? + body.len() as u64 > self.limits.max_bytes {
                return Err(ClusterError::StoreFull {
                    limit: self.limits.max_bytes,
                });
            }
            self.bodies
                .put(object_name(channel, id).as_str(), &mut &body[..])
                .await
                .map_err(|e| self.refused(channel, e))?;
        } else {
            payload.put_slice(&body);
        }
        let ack = match self.publish(channel, headers, payload.freeze()).await {
            Ok(ack) => ack,
            Err(err) => {
                if body.len() > INLINE {
                    let _ = self.bodies.delete(object_name(channel, id).as_str()).await;
                }
                return Err(self.refused(channel, err));
            }
        };
        Ok(Enqueued {
            sequence: ack.sequence,
            duplicate: ack.duplicate,
        })
    }

    /// What JetStream's refusal of a write for `channel` means: its
    /// "maximum messages per subject exceeded" is the channel's
    /// `--queue-limit`, its "maximum bytes exceeded" the queue's
    /// `--queue-max-total-bytes`.
    fn refused(&self, channel: &str, err: impl std::fmt::Display) -> ClusterError {
        let why = err.to_string();
        if why.contains("per subject") {
            ClusterError::QueueFull {
                channel: channel.to_string(),
                limit: self.limits.max_requests,
            }
        } else if why.contains("maximum bytes") {
            ClusterError::StoreFull {
                limit: self.limits.max_bytes,
            }
        } else {
            ClusterError::Unavailable(why)
        }
    }

    /// Bytes the body store holds now.
    async fn stored_bytes(&self) -> Result<u64, ClusterError> {
        let name = format!("OBJ_{BODIES_BUCKET}");
        let mut stream = self
            .js
            .get_stream(name)
            .await
            .map_err(ClusterError::unavailable)?;
        let info = stream.info().await.map_err(ClusterError::unavailable)?;
        Ok(info.state.bytes)
    }

    /// Publishes a queue message and waits for JetStream's ack. An answer
    /// that leaves it unknown whether the message was stored (the ack timed
    /// out, the connection broke) or that says the stream has no leader for
    /// the moment (a NATS server of a cluster is gone and another is being
    /// elected) is retried with the same `Nats-Msg-Id` for up to
    /// [`PUBLISH_RETRY`] (or the duplicate window, if shorter): a message
    /// stored by an earlier try is then acknowledged as a duplicate, not
    /// stored again, so the caller is answered 503 only when JetStream
    /// stayed unreachable that long, and a 202 never stands for two
    /// copies. (A node not connected to NATS at all sends nothing:
    /// `enqueue` fails at once.)
    async fn publish(
        &self,
        channel: &str,
        headers: HeaderMap,
        payload: Bytes,
    ) -> Result<jetstream::publish::PublishAck, jetstream::context::PublishError> {
        use jetstream::context::PublishErrorKind as Kind;
        let retry = PUBLISH_RETRY.min(DEDUP_WINDOW.min(self.limits.ttl));
        let until = tokio::time::Instant::now() + retry;
        loop {
            let sent = self
                .js
                .publish_with_headers(queue_subject(channel), headers.clone(), payload.clone())
                .await;
            let result = match sent {
                Ok(ack) => ack.await,
                Err(e) => Err(e),
            };
            match result {
                Err(e)
                    if matches!(
                        e.kind(),
                        Kind::TimedOut | Kind::BrokenPipe | Kind::StreamNotFound
                    ) && tokio::time::Instant::now() + RETRY_PAUSE < until =>
                {
                    tokio::time::sleep(RETRY_PAUSE).await;
                }
                result => return result,
            }
        }
    }

    /// Every request queued for `channel` from now on, as it is published
    /// (a core NATS subscription to its queue subject; the message is only
    /// news, the queue keeps the request).
    pub async fn watch(&self, channel: &str) -> Result<async_nats::Subscriber, ClusterError> {
        check_channel(channel)?;
        let client = self.js.client();
        let sub = client
            .subscribe(queue_subject(channel))
            .await
            .map_err(ClusterError::unavailable)?;
        client.flush().await.map_err(ClusterError::unavailable)?;
        Ok(sub)
    }

    /// The consumer of `channel`'s queue: one per channel in the cluster
    /// (a durable consumer any node binds to), one request in flight at a
    /// time, so requests come in the order they were queued.
    pub async fn consume(&self, channel: &str) -> Result<QueueConsumer, ClusterError> {
        check_channel(channel)?;
        let consumer = self
            .stream
            .get_or_create_consumer(
                &consumer_name(channel),
                consumer::pull::Config {
                    durable_name: Some(consumer_name(channel)),
                    filter_subject: queue_subject(channel),
                    ack_policy: consumer::AckPolicy::Explicit,
                    max_ack_pending: 1,
                    ack_wait: Duration::from_secs(30),
                    // Removed by the server once no node pulled from it for
                    // this long (its channel's client gone); created again,
                    // from the oldest request still queued, on the next
                    // drain.
                    inactive_threshold: CONSUMER_IDLE,
                    ..Default::default()
                },
            )
            .await
            .map_err(ClusterError::unavailable)?;
        Ok(QueueConsumer {
            channel: channel.to_string(),
            consumer,
            bodies: self.bodies.clone(),
            budget: None,
        })
    }
}

fn object_name(channel: &str, id: &str) -> String {
    format!("{channel}/{id}")
}

/// A queue message's payload: the head's length (4 bytes), the head, and
/// the body when it is inline.
fn split_head(mut payload: Bytes) -> Result<(Bytes, Bytes), ClusterError> {
    if payload.len() < 4 {
        return Err(ClusterError::Stream(
            "a queued request without a head".into(),
        ));
    }
    let head_len = payload.get_u32() as usize;
    if payload.len() < head_len {
        return Err(ClusterError::Stream("a queued request cut short".into()));
    }
    let head = payload.split_to(head_len);
    Ok((head, payload))
}

/// Moves a queue message to its channel's dead letters (see
/// [`Queued::dead_letter`]).
async fn bury(
    message: &jetstream::Message,
    channel: &str,
    id: &str,
    object: bool,
    delivered: u64,
    error: &str,
) -> Result<(), ClusterError> {
    let mut headers = HeaderMap::new();
    let sequence = message.info().map_or(0, |info| info.stream_sequence);
    let dedup = format!("dead-{sequence}");
    headers.insert(async_nats::header::NATS_MESSAGE_ID, dedup.as_str());
    headers.insert(QUEUE_ID, id);
    if object {
        headers.insert(BODY, "object");
    }
    headers.insert(ATTEMPTS, delivered.to_string().as_str());
    headers.insert(LAST_ERROR, header_text(error).as_str());
    message
        .context
        .publish_with_headers(dead_subject(channel), headers, message.payload.clone())
        .await
        .map_err(ClusterError::unavailable)?
        .await
        .map_err(ClusterError::unavailable)?;
    message
        .double_ack()
        .await
        .map_err(ClusterError::unavailable)
}

/// `text` as one header value: control characters as spaces, at most 512
/// bytes (cut at a character boundary).
fn header_text(text: &str) -> String {
    let mut out: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if out.len() > 512 {
        let mut cut = 512;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
    }
    out
}

/// A request in the queue stream, as `hooks relay queue list --cluster`
/// shows it.
#[derive(Debug, Clone)]
pub struct Listed {
    /// Its sequence in the queue stream (the id the relay shows is
    /// `2^63 + sequence`).
    pub sequence: u64,
    pub channel: String,
    /// A dead letter, not waiting in the queue.
    pub dead: bool,
    /// The request's head as the relay encoded it.
    pub head: Bytes,
    /// Body bytes.
    pub size: u64,
    /// Failed attempts (dead letters only; JetStream counts a queued
    /// request's deliveries in its consumer).
    pub attempts: u64,
    pub last_error: Option<String>,
    /// When it was stored (unix seconds).
    pub stored_at: i64,
}

impl OfflineQueue {
    /// The queued requests and dead letters (of `channel`, if given; only
    /// dead letters with `dead_only`), in the stream's order.
    pub async fn list(
        &self,
        channel: Option<&str>,
        dead_only: bool,
    ) -> Result<Vec<Listed>, ClusterError> {
        if let Some(channel) = channel {
            check_channel(channel)?;
        }
        let filter = match (dead_only, channel) {
            (true, c) => dead_subject(c.unwrap_or("*")),
            (false, c) => format!("hooks.relay.*.{}", c.unwrap_or("*")),
        };
        let mut listed = Vec::new();
        let mut from = 1;
        loop {
            let got = self
                .stream
                .raw_message_builder()
                .sequence(from)
                .next_by_subject(filter.clone())
                .send()
                .await;
            let message = match got {
                Ok(message) => message,
                Err(e) if e.kind() == stream::LastRawMessageErrorKind::NoMessageFound => break,
                Err(e) => return Err(ClusterError::unavailable(e)),
            };
            from = message.sequence + 1;
            listed.push(self.listed(message).await?);
        }
        Ok(listed)
    }

    /// The dead letter at `sequence`, or `None` if there is none there.
    pub async fn dead_letter(&self, sequence: u64) -> Result<Option<Listed>, ClusterError> {
        match self.raw_dead(sequence).await? {
            Some((_, message)) => Ok(Some(self.listed(message).await?)),
            None => Ok(None),
        }
    }

    /// The dead letter at `sequence` as stored, with its channel.
    async fn raw_dead(
        &self,
        sequence: u64,
    ) -> Result<Option<(String, jetstream::message::StreamMessage)>, ClusterError> {
        match self.stream.get_raw_message(sequence).await {
            Ok(message) => Ok(message
                .subject
                .strip_prefix(&dead_subject(""))
                .map(str::to_string)
                .map(|channel| (channel, message))),
            Err(e) if e.kind() == stream::LastRawMessageErrorKind::NoMessageFound => Ok(None),
            Err(e) => Err(ClusterError::unavailable(e)),
        }
    }

    /// [`raw_dead`](Self::raw_dead), where none is an error.
    async fn existing_dead(
        &self,
        sequence: u64,
    ) -> Result<(String, jetstream::message::StreamMessage), ClusterError> {
        self.raw_dead(sequence)
            .await?
            .ok_or_else(|| ClusterError::Stream(format!("{sequence} is not a dead letter")))
    }

    /// Moves the dead letter at `sequence` to the end of its channel's
    /// queue, attempts reset; returns its new sequence.
    pub async fn retry_dead(&self, sequence: u64) -> Result<u64, ClusterError> {
        let (channel, message) = self.existing_dead(sequence).await?;
        let mut headers = HeaderMap::new();
        let dedup = format!("retry-{sequence}");
        headers.insert(async_nats::header::NATS_MESSAGE_ID, dedup.as_str());
        for name in [QUEUE_ID, BODY] {
            if let Some(value) = message.headers.get(name) {
                headers.insert(name, value.as_str());
            }
        }
        let ack = self
            .publish(&channel, headers, message.payload.clone())
            .await
            .map_err(|err| self.refused(&channel, err))?;
        self.stream
            .delete_message(sequence)
            .await
            .map_err(ClusterError::unavailable)?;
        Ok(ack.sequence)
    }

    /// Deletes the dead letter at `sequence` and its body.
    pub async fn drop_dead(&self, sequence: u64) -> Result<(), ClusterError> {
        let (channel, message) = self.existing_dead(sequence).await?;
        self.stream
            .delete_message(sequence)
            .await
            .map_err(ClusterError::unavailable)?;
        let header = |name: &str| message.headers.get(name).map(|v| v.as_str().to_string());
        if header(BODY).as_deref() == Some("object") {
            let id = header(QUEUE_ID).unwrap_or_default();
            let _ = self
                .bodies
                .delete(object_name(&channel, &id).as_str())
                .await;
        }
        Ok(())
    }

    async fn listed(
        &self,
        message: jetstream::message::StreamMessage,
    ) -> Result<Listed, ClusterError> {
        let header = |name: &str| message.headers.get(name).map(|v| v.as_str().to_string());
        let (dead, channel) = match message.subject.strip_prefix(&dead_subject("")) {
            Some(channel) => (true, channel.to_string()),
            None => (
                false,
                message
                    .subject
                    .strip_prefix(&queue_subject(""))
                    .unwrap_or_default()
                    .to_string(),
            ),
        };
        // A malformed one is listed with an empty head, so it can be dropped.
        let (head, payload) = split_head(message.payload.clone())
            .unwrap_or_else(|_| (Bytes::new(), message.payload.clone()));
        let size = if header(BODY).as_deref() == Some("object") {
            let name = object_name(&channel, &header(QUEUE_ID).unwrap_or_default());
            self.bodies
                .info(name.as_str())
                .await
                .map(|info| info.size as u64)
                .unwrap_or(0)
        } else {
            payload.len() as u64
        };
        Ok(Listed {
            sequence: message.sequence,
            channel,
            dead,
            head,
            size,
            attempts: header(ATTEMPTS).and_then(|a| a.parse().ok()).unwrap_or(0),
            last_error: header(LAST_ERROR),
            stored_at: message.time.unix_timestamp(),
        })
    }
}

/// Takes one channel's queued requests in order.
pub struct QueueConsumer {
    channel: String,
    consumer: consumer::PullConsumer,
    bodies: object_store::ObjectStore,
    budget: Option<Budget>,
}

/// A queued request, until acknowledged (or redelivered after 30 s).
pub struct Queued {
    /// Its share of the consumer's budget, while its body is held.
    _held: Option<OwnedSemaphorePermit>,
    /// The channel it was queued for.
    pub channel: String,
    /// The id it was queued under.
    pub id: String,
    /// Its sequence in the queue stream: unique for the stream's life, the
    /// same on every redelivery.
    pub sequence: u64,
    /// How many times it was handed out, this time included.
    pub delivered: u64,
    pub head: Bytes,
    pub body: Bytes,
    message: jetstream::Message,
    object: Option<String>,
    bodies: object_store::ObjectStore,
}

impl QueueConsumer {
    /// Holds the bodies it reads from the object store (those over
    /// [`INLINE`]) within `budget`, shared with other consumers: `next`
    /// waits for room before it reads one, and a request gives its room
    /// back when it is dropped (acknowledged, handed back or made a dead
    /// letter).
    pub fn within(mut self, budget: Budget) -> QueueConsumer {
        self.budget = Some(budget);
        self
    }

    /// The oldest request not yet acknowledged, or `None` when none can be
    /// handed out now: the queue is empty, or its one request in flight is
    /// still out (taken by a drain that may be gone; JetStream hands it out
    /// again after its ack wait).
    ///
    /// Every pull is bounded, so no pull is waited on for ever and none is
    /// left open at the server to take a later request unread: the
    /// consumer's state is asked first (nothing pending and nothing out
    /// means empty, with no pull at all), and a pull then expires at the
    /// server after [`PULL_EXPIRES`] and at this end five seconds later (a
    /// pull that went to a consumer leader lost with its NATS server is
    /// never answered).
    pub async fn next(&mut self) -> Result<Option<Queued>, ClusterError> {
        let info = self
            .consumer
            .info()
            .await
            .map_err(ClusterError::unavailable)?;
        if info.num_pending == 0 && info.num_ack_pending == 0 {
            return Ok(None);
        }
        let mut batch = self
            .consumer
            .fetch()
            .max_messages(1)
            .expires(PULL_EXPIRES)
            .messages()
            .await
            .map_err(ClusterError::unavailable)?;
        match batch.next().await {
            None => Ok(None),
            Some(message) => self.read(message.map_err(ClusterError::unavailable)?).await,
        }
    }

    async fn read(&self, message: jetstream::Message) -> Result<Option<Queued>, ClusterError> {
        let id = message
            .headers
            .as_ref()
            .and_then(|h| h.get(QUEUE_ID))
            .map(|v| v.as_str().to_string())
            .unwrap_or_default();
        let in_object = message
            .headers
            .as_ref()
            .and_then(|h| h.get(BODY))
            .is_some_and(|v| v.as_str() == "object");
        let (sequence, delivered) = message
            .info()
            .map(|info| (info.stream_sequence, info.delivered.max(1) as u64))
            .map_err(ClusterError::unavailable)?;
        // A request that can never be delivered is moved aside, so it does
        // not hold up the queue behind it until it expires.
        let (head, payload) = match split_head(message.payload.clone()) {
            Ok(split) => split,
            Err(e) => {
                bury(
                    &message,
                    &self.channel,
                    &id,
                    in_object,
                    delivered,
                    &e.to_string(),
                )
                .await?;
                return Ok(None);
            }
        };
        let mut held = None;
        let (body, object) = if in_object {
            let name = object_name(&self.channel, &id);
            let mut object = match self.bodies.get(name.as_str()).await {
                Ok(object) => object,
                Err(e) if e.kind() == object_store::GetErrorKind::NotFound => {
                    let why = "its body is not in the body store (expired or removed)";
                    bury(&message, &self.channel, &id, false, delivered, why).await?;
                    return Ok(None);
                }
                Err(e) => return Err(ClusterError::unavailable(e)),
            };
            if let Some(budget) = &self.budget {
                held = Some(budget.take(object.info.size as u64).await);
            }
            let mut body = Vec::new();
            object
                .read_to_end(&mut body)
                .await
                .map_err(ClusterError::unavailable)?;
            (Bytes::from(body), Some(name))
        } else {
            (payload, None)
        };
        Ok(Some(Queued {
            _held: held,
            channel: self.channel.clone(),
            id,
            sequence,
            delivered,
            head,
            body,
            message,
            object,
            bodies: self.bodies.clone(),
        }))
    }
}

impl Queued {
    /// Not delivered this time: hands it out again after `delay`, before
    /// anything queued after it.
    pub async fn retry(self, delay: Duration) -> Result<(), ClusterError> {
        self.message
            .ack_with(jetstream::AckKind::Nak(Some(delay)))
            .await
            .map_err(ClusterError::unavailable)
    }

    /// Failed for the last time it may (`--queue-max-attempts`): kept as a
    /// dead letter of its channel, with its body, its attempts and `error`,
    /// and taken off the queue, so the rest of the queue goes on. Fails
    /// (the request stays at the head of the queue) when the channel's dead
    /// letters hold `--queue-limit` already or JetStream is unreachable.
    pub async fn dead_letter(&self, error: &str) -> Result<(), ClusterError> {
        bury(
            &self.message,
            &self.channel,
            &self.id,
            self.object.is_some(),
            self.delivered,
            error,
        )
        .await
    }

    /// Delivered: removes it from the queue (and its body from the store).
    pub async fn ack(self) -> Result<(), ClusterError> {
        self.message
            .double_ack()
            .await
            .map_err(ClusterError::unavailable)?;
        if let Some(name) = self.object {
            self.bodies
                .delete(name.as_str())
                .await
                .map_err(ClusterError::unavailable)?;
        }
        Ok(())
    }
}
