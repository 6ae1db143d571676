//! The offline queue in JetStream: requests for a channel no node holds a
//! client for, in the `HOOKS_RELAY_QUEUE` stream (one subject per channel,
//! deduplicated by `Nats-Msg-Id`, expired by `max_age`), bodies over
//! [`INLINE`] bytes in the `hooks_relay_bodies` object store, drained in
//! order by whichever node holds the client.

use std::time::Duration;

use async_nats::jetstream::{self, consumer, object_store, stream};
use async_nats::HeaderMap;
use bytes::{Buf, BufMut, Bytes, BytesMut};
use futures_util::StreamExt;
use tokio::io::AsyncReadExt;

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

/// Bounds of the queue, per channel.
#[derive(Debug, Clone)]
pub struct QueueLimits {
    /// Requests queued per channel at most (`--queue-limit`).
    pub max_requests: u64,
    /// How long a queued request waits at most (`--queue-ttl`).
    pub ttl: Duration,
}

impl Default for QueueLimits {
    fn default() -> QueueLimits {
        QueueLimits {
            max_requests: 1000,
            ttl: Duration::from_secs(24 * 3600),
        }
    }
}

/// The queue subject of `channel`.
pub fn queue_subject(channel: &str) -> String {
    format!("hooks.relay.queue.{channel}")
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
        let stream = js
            .get_or_create_stream(stream::Config {
                name: QUEUE_STREAM.into(),
                description: Some("hooks relay: requests for offline channels".into()),
                subjects: vec![queue_subject("*")],
                retention: stream::RetentionPolicy::WorkQueue,
                // The server bounds each channel's subject, so enqueues
                // racing on several nodes cannot pass the limit.
                max_messages_per_subject: limits.max_requests.min(i64::MAX as u64) as i64,
                discard: stream::DiscardPolicy::New,
                discard_new_per_subject: true,
                max_age: limits.ttl,
                duplicate_window: DEDUP_WINDOW.min(limits.ttl),
                num_replicas: replicas,
                ..Default::default()
            })
            .await
            .map_err(ClusterError::unavailable)?;
        let bodies = match js.get_object_store(BODIES_BUCKET).await {
            Ok(store) => store,
            Err(_) => js
                .create_object_store(object_store::Config {
                    bucket: BODIES_BUCKET.into(),
                    description: Some("hooks relay: bodies of queued requests".into()),
                    max_age: limits.ttl,
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

    /// Requests queued for every channel together.
    pub async fn total(&self) -> Result<u64, ClusterError> {
        let mut stream = self.stream.clone();
        let info = stream.info().await.map_err(ClusterError::unavailable)?;
        Ok(info.state.messages)
    }

    /// Requests queued per channel, for the channels that have any.
    pub async fn depths(&self) -> Result<Vec<(String, u64)>, ClusterError> {
        let prefix = queue_subject("");
        let mut subjects = self
            .stream
            .info_with_subjects(queue_subject("*"))
            .await
            .map_err(ClusterError::unavailable)?;
        let mut depths = Vec::new();
        while let Some(entry) = subjects.next().await {
            let (name, count) = entry.map_err(ClusterError::unavailable)?;
            if let Some(channel) = name.strip_prefix(&prefix) {
                depths.push((channel.to_string(), count as u64));
            }
        }
        depths.sort();
        Ok(depths)
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
        let full = || ClusterError::QueueFull {
            channel: channel.to_string(),
            limit: self.limits.max_requests,
        };
        let mut headers = HeaderMap::new();
        headers.insert(async_nats::header::NATS_MESSAGE_ID, id);
        headers.insert(QUEUE_ID, id);
        let mut payload = BytesMut::with_capacity(4 + head.len() + body.len().min(INLINE));
        payload.put_u32(head.len() as u32);
        payload.put_slice(&head);
        if body.len() > INLINE {
            headers.insert(BODY, "object");
            self.bodies
                .put(object_name(channel, id).as_str(), &mut &body[..])
                .await
                .map_err(ClusterError::unavailable)?;
        } else {
            payload.put_slice(&body);
        }
        let ack = match self.publish(channel, headers, payload.freeze()).await {
            Ok(ack) => ack,
            Err(err) => {
                if body.len() > INLINE {
                    let _ = self.bodies.delete(object_name(channel, id).as_str()).await;
                }
                // JetStream's "maximum messages per subject exceeded".
                return Err(if err.to_string().contains("per subject") {
                    full()
                } else {
                    ClusterError::unavailable(err)
                });
            }
        };
        Ok(Enqueued {
            sequence: ack.sequence,
            duplicate: ack.duplicate,
        })
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
        })
    }
}

fn object_name(channel: &str, id: &str) -> String {
    format!("{channel}/{id}")
}

/// Takes one channel's queued requests in order.
pub struct QueueConsumer {
    channel: String,
    consumer: consumer::PullConsumer,
    bodies: object_store::ObjectStore,
}

/// A queued request, until acknowledged (or redelivered after 30 s).
pub struct Queued {
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
        let mut payload = message.payload.clone();
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
        let (body, object) = if in_object {
            let name = object_name(&self.channel, &id);
            let mut object = self
                .bodies
                .get(name.as_str())
                .await
                .map_err(ClusterError::unavailable)?;
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
