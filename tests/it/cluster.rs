//! The relay's cluster building blocks against a real `nats-server` with
//! JetStream: claims, holder handover, cross-node streams, the queue.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::nats::Nats;
use bytes::Bytes;
use futures_util::StreamExt;
use hooks::relay::cluster::{
    Claim, Cluster, ClusterError, ClusterOptions, LocalHandler, QueueLimits, RemoteRequest,
    Responder, WINDOW,
};
use rand::RngCore;
use sha2::{Digest, Sha256};
use tokio::sync::Notify;

async fn node(nats: &Nats, id: &str) -> Cluster {
    node_with(nats, id, QueueLimits::default()).await
}

async fn node_with(nats: &Nats, id: &str, queue: QueueLimits) -> Cluster {
    let mut options = ClusterOptions::new(vec![nats.url.clone()], id);
    options.queue = queue;
    Cluster::connect(options).await.unwrap()
}

fn random(len: usize) -> Vec<u8> {
    let mut v = vec![0; len];
    rand::thread_rng().fill_bytes(&mut v);
    v
}

fn sha(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// The target app in these tests: answers with head `echo <request head>`
/// and the request body, chunk by chunk as it arrives.
struct Echo;

#[async_trait::async_trait]
impl LocalHandler for Echo {
    async fn handle(&self, mut request: RemoteRequest, responder: Responder) {
        let mut head = b"echo ".to_vec();
        head.extend_from_slice(&request.head);
        let mut sink = responder.respond(head.into()).await.unwrap();
        while let Some(chunk) = request.body.chunk().await.unwrap() {
            sink.send(chunk).await.unwrap();
        }
        sink.finish().await.unwrap();
    }
}

/// Sends `body` through `from` to the holder of `channel`, returns the
/// response head and the SHA-256 of the response body.
async fn exchange(from: &Cluster, channel: &str, head: &str, body: Vec<u8>) -> (String, String) {
    let (mut sink, pending) = from
        .open(channel, Bytes::copy_from_slice(head.as_bytes()))
        .await
        .unwrap();
    let sending = tokio::spawn(async move {
        sink.send(body.into()).await.unwrap();
        sink.finish().await.unwrap();
    });
    let (head, mut response) = pending.response().await.unwrap();
    let mut hash = Sha256::new();
    while let Some(chunk) = response.chunk().await.unwrap() {
        assert!(chunk.len() <= hooks::relay::cluster::CHUNK);
        hash.update(&chunk);
    }
    sending.await.unwrap();
    (
        String::from_utf8(head.to_vec()).unwrap(),
        hex::encode(hash.finalize()),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_claims_race_and_only_one_token_wins() {
    let nats = Nats::start();
    let (a, b) = (node(&nats, "a").await, node(&nats, "b").await);
    for i in 0..10 {
        let channel = format!("race-{i}");
        let (ra, rb) = tokio::join!(a.claim(&channel, "hash-a"), b.claim(&channel, "hash-b"));
        let wins = [&ra, &rb]
            .iter()
            .filter(|r| matches!(r, Ok(Claim::New)))
            .count();
        assert_eq!(wins, 1, "{channel}: {ra:?} {rb:?}");
        let (winner, loser, hash) = if ra.is_ok() {
            (&a, &b, "hash-a")
        } else {
            (&b, &a, "hash-b")
        };
        assert!(matches!(
            if ra.is_ok() { &rb } else { &ra },
            Err(ClusterError::Claimed(_))
        ));
        assert_eq!(winner.claim(&channel, hash).await.unwrap(), Claim::Existing);
        assert_eq!(loser.claim(&channel, hash).await.unwrap(), Claim::Existing);
        assert_eq!(
            loser.claimed_by(&channel).await.unwrap().as_deref(),
            Some(hash)
        );
    }
    assert!(matches!(
        a.claim("Not_A_Channel", "h").await,
        Err(ClusterError::InvalidChannel(_))
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_newest_holder_wins_and_the_old_one_learns_within_a_second() {
    let nats = Nats::start();
    let (a, b, c) = (
        node(&nats, "a").await,
        node(&nats, "b").await,
        node(&nats, "c").await,
    );
    let mut old = a.hold("handover", "conn-1", Arc::new(Echo)).await.unwrap();
    let holder = c.holder("handover").await.unwrap().unwrap();
    assert_eq!(
        (holder.node.as_str(), holder.connection.as_str()),
        ("a", "conn-1")
    );
    let quiet = tokio::time::timeout(Duration::from_millis(300), old.superseded()).await;
    assert!(quiet.is_err(), "the only holder was told it was superseded");

    let new = b.hold("handover", "conn-2", Arc::new(Echo)).await.unwrap();
    let started = Instant::now();
    tokio::time::timeout(Duration::from_secs(1), old.superseded())
        .await
        .expect("the old holder was not told within 1 s");
    assert!(started.elapsed() < Duration::from_secs(1));
    assert!(new.generation() > old.generation());
    let holder = c.holder("handover").await.unwrap().unwrap();
    assert_eq!(
        (holder.node.as_str(), holder.generation),
        ("b", new.generation())
    );

    // The old connection's release leaves the new record alone.
    old.release().await.unwrap();
    assert_eq!(c.holder("handover").await.unwrap().unwrap().node, "b");
    let (head, _) = exchange(&c, "handover", "x", vec![]).await;
    assert_eq!(head, "echo x");
    new.release().await.unwrap();
    assert!(c.holder("handover").await.unwrap().is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_bodies_cross_nodes_both_ways_byte_exact() {
    let nats = Nats::start();
    let (a, b) = (node(&nats, "a").await, node(&nats, "b").await);
    let _on_a = a.hold("on-a", "c1", Arc::new(Echo)).await.unwrap();
    let _on_b = b.hold("on-b", "c2", Arc::new(Echo)).await.unwrap();
    for size in [0, 1 << 20, 25 << 20] {
        let body = random(size);
        let want = sha(&body);
        let (head, got) = exchange(&a, "on-b", "a to b", body.clone()).await;
        assert_eq!(
            (head.as_str(), got.as_str()),
            ("echo a to b", want.as_str()),
            "{size} B"
        );
        let (head, got) = exchange(&b, "on-a", "b to a", body).await;
        assert_eq!(
            (head.as_str(), got.as_str()),
            ("echo b to a", want.as_str()),
            "{size} B"
        );
    }
    for node in [&a, &b] {
        let most = node.stats().max_in_flight.load(Ordering::Relaxed);
        assert!(most > 0 && most <= WINDOW, "{most} chunks in flight");
    }
}

/// Reads one chunk, then waits to be let go before reading the rest.
struct Stalling(Arc<Notify>);

#[async_trait::async_trait]
impl LocalHandler for Stalling {
    async fn handle(&self, mut request: RemoteRequest, responder: Responder) {
        let mut received = request.body.chunk().await.unwrap().unwrap().to_vec();
        self.0.notified().await;
        while let Some(chunk) = request.body.chunk().await.unwrap() {
            received.extend_from_slice(&chunk);
        }
        let sink = responder
            .respond(Bytes::from(sha(&received)))
            .await
            .unwrap();
        sink.finish().await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_a_slow_reader_holds_the_sender_to_its_window() {
    let nats = Nats::start();
    let (a, b) = (node(&nats, "a").await, node(&nats, "b").await);
    let go = Arc::new(Notify::new());
    let _held = b
        .hold("slow", "c", Arc::new(Stalling(go.clone())))
        .await
        .unwrap();
    let body = random(8 << 20);
    let want = sha(&body);
    let (mut sink, pending) = a.open("slow", Bytes::new()).await.unwrap();
    let sent = sink.sent_chunks();
    let sending = tokio::spawn(async move {
        sink.send(body.into()).await.unwrap();
        sink.finish().await.unwrap();
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    // One chunk read, not yet acknowledged: the sender stops at its window.
    assert_eq!(sent.load(Ordering::Relaxed), WINDOW as u64);
    go.notify_one();
    let (head, _) = pending.response().await.unwrap();
    assert_eq!(String::from_utf8(head.to_vec()).unwrap(), want);
    sending.await.unwrap();
    assert_eq!(sent.load(Ordering::Relaxed), 32);
    assert_eq!(a.stats().max_in_flight.load(Ordering::Relaxed), WINDOW);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_200_concurrent_streams_without_cross_talk() {
    let nats = Nats::start();
    let (a, b) = (node(&nats, "a").await, node(&nats, "b").await);
    let mut held = Vec::new();
    for i in 0..10 {
        held.push(
            b.hold(&format!("many-{i}"), "c", Arc::new(Echo))
                .await
                .unwrap(),
        );
    }
    let mut tasks = Vec::new();
    for i in 0..200 {
        let a = a.clone();
        tasks.push(tokio::spawn(async move {
            let body = random(1000 + i * 1531);
            let want = sha(&body);
            let head = format!("request {i}");
            let (got_head, got) = exchange(&a, &format!("many-{}", i % 10), &head, body).await;
            assert_eq!(got_head, format!("echo {head}"));
            assert_eq!(got, want, "request {i}");
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    assert_eq!(b.stats().accepted.load(Ordering::Relaxed), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_no_client_anywhere_is_known_at_once() {
    let nats = Nats::start();
    let (a, b) = (node(&nats, "a").await, node(&nats, "b").await);
    for channel in ["nobody", "gone"] {
        if channel == "gone" {
            let holding = b.hold("gone", "c", Arc::new(Echo)).await.unwrap();
            exchange(&a, "gone", "", vec![1, 2, 3]).await;
            holding.release().await.unwrap();
        }
        let started = Instant::now();
        let err = a.open(channel, Bytes::new()).await.err().unwrap();
        assert!(matches!(err, ClusterError::NoClient(_)), "{err}");
        assert!(
            started.elapsed() < Duration::from_millis(200),
            "{channel}: {:?}",
            started.elapsed()
        );
    }
    assert_eq!(a.stats().no_client.load(Ordering::Relaxed), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_queue_dedups_bounds_and_delivers_in_order_on_another_node() {
    let nats = Nats::start();
    let limits = QueueLimits {
        max_requests: 5,
        ttl: Duration::from_secs(3600),
        ..QueueLimits::default()
    };
    let a = node_with(&nats, "a", limits.clone()).await;
    let b = node_with(&nats, "b", limits).await;
    let big = random(1 << 20);
    for i in 0..5 {
        let body = if i == 2 {
            big.clone()
        } else {
            format!("body {i}").into_bytes()
        };
        let queued = a
            .queue()
            .enqueue(
                "offline",
                &format!("id-{i}"),
                format!("head {i}").into(),
                body.into(),
            )
            .await
            .unwrap();
        assert!(!queued.duplicate);
        // A retry of the same request, from another node, is stored once.
        let again = b
            .queue()
            .enqueue(
                "offline",
                &format!("id-{i}"),
                format!("head {i}").into(),
                Bytes::new(),
            )
            .await;
        if i < 4 {
            let again = again.unwrap();
            assert!(again.duplicate);
            assert_eq!(again.sequence, queued.sequence);
        }
    }
    assert_eq!(b.queue().depth("offline").await.unwrap(), 5);
    let full = a
        .queue()
        .enqueue("offline", "id-5", Bytes::new(), Bytes::new())
        .await;
    assert!(
        matches!(full, Err(ClusterError::QueueFull { limit: 5, .. })),
        "{full:?}"
    );
    assert_eq!(a.queue().depth("other").await.unwrap(), 0);

    let mut consumer = b.queue().consume("offline").await.unwrap();
    for i in 0..5 {
        let queued = consumer.next().await.unwrap().expect("a queued request");
        assert_eq!(queued.id, format!("id-{i}"));
        assert_eq!(queued.head, format!("head {i}").as_bytes());
        if i == 2 {
            assert_eq!(sha(&queued.body), sha(&big));
        } else {
            assert_eq!(queued.body, format!("body {i}").as_bytes());
        }
        queued.ack().await.unwrap();
    }
    assert!(consumer.next().await.unwrap().is_none());
    assert_eq!(a.queue().depth("offline").await.unwrap(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_queued_requests_expire_after_the_ttl() {
    let nats = Nats::start();
    let a = node_with(
        &nats,
        "a",
        QueueLimits {
            max_requests: 10,
            ttl: Duration::from_secs(1),
            ..QueueLimits::default()
        },
    )
    .await;
    a.queue()
        .enqueue("short", "id", Bytes::new(), Bytes::from_static(b"x"))
        .await
        .unwrap();
    assert_eq!(a.queue().depth("short").await.unwrap(), 1);
    let deadline = Instant::now() + Duration::from_secs(5);
    while a.queue().depth("short").await.unwrap() > 0 {
        assert!(Instant::now() < deadline, "not expired after 5 s");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(a
        .queue()
        .consume("short")
        .await
        .unwrap()
        .next()
        .await
        .unwrap()
        .is_none());
}

/// While the queue stream has no leader (here: it is gone, and comes back
/// a second later, as when a NATS server of a cluster is killed and
/// another is elected), an enqueue waits and retries with the same id
/// instead of failing: the request is stored once, and the caller is not
/// told 503 for a request that a retry would then store a second time.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_an_enqueue_rides_out_a_stream_without_a_leader() {
    let nats = Nats::start();
    let a = node(&nats, "a").await;
    let raw = async_nats::connect(&nats.url).await.unwrap();
    let js = async_nats::jetstream::new(raw);
    js.delete_stream(hooks::relay::cluster::QUEUE_STREAM)
        .await
        .unwrap();
    let started = Instant::now();
    let url = nats.url.clone();
    let back = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(1500)).await;
        // Any node that connects opens (creates) the stream again.
        let mut options = ClusterOptions::new(vec![url], "b");
        options.queue = QueueLimits::default();
        Cluster::connect(options).await.unwrap()
    });
    let queued = a
        .queue()
        .enqueue("gap", "id-1", Bytes::new(), Bytes::from_static(b"kept"))
        .await
        .unwrap();
    assert!(!queued.duplicate);
    assert!(
        started.elapsed() >= Duration::from_millis(1400),
        "stored before the stream was back? {:?}",
        started.elapsed()
    );
    let b = back.await.unwrap();
    assert_eq!(b.queue().depth("gap").await.unwrap(), 1);
    let mut consumer = b.queue().consume("gap").await.unwrap();
    let got = consumer.next().await.unwrap().expect("the queued request");
    assert_eq!((got.id.as_str(), &got.body[..]), ("id-1", &b"kept"[..]));
}

/// Answers with head `whole <request head>` and the request body, sent
/// whole (in one message when it is small).
struct WholeEcho;

#[async_trait::async_trait]
impl LocalHandler for WholeEcho {
    async fn handle(&self, mut request: RemoteRequest, responder: Responder) {
        let mut head = b"whole ".to_vec();
        head.extend_from_slice(&request.head);
        let mut body = Vec::new();
        while let Some(chunk) = request.body.chunk().await.unwrap() {
            body.extend_from_slice(&chunk);
        }
        responder
            .respond_whole(head.into(), body.into())
            .await
            .unwrap();
    }
}

/// Answers `slow <request head>` after 1.2 s.
struct Slow;

#[async_trait::async_trait]
impl LocalHandler for Slow {
    async fn handle(&self, request: RemoteRequest, responder: Responder) {
        tokio::time::sleep(Duration::from_millis(1200)).await;
        let mut head = b"slow ".to_vec();
        head.extend_from_slice(&request.head);
        responder
            .respond_whole(head.into(), Bytes::new())
            .await
            .unwrap();
    }
}

/// Counts the messages of cross-node streams (opens and inbox traffic)
/// that the NATS server carries, as a third client subscribed to all.
async fn spy(nats: &Nats) -> (async_nats::Client, async_nats::Subscriber) {
    let client = async_nats::connect(nats.url.as_str()).await.unwrap();
    let mut sub = client.subscribe(">").await.unwrap();
    // The server has the subscription once it carries the spy's own marker.
    client.publish("spy.ready", Bytes::new()).await.unwrap();
    tokio::time::timeout(Duration::from_secs(5), async {
        while sub.next().await.unwrap().subject.as_str() != "spy.ready" {}
    })
    .await
    .expect("the spy's marker came back");
    (client, sub)
}

async fn stream_messages(sub: &mut async_nats::Subscriber) -> Vec<String> {
    let mut seen = Vec::new();
    while let Ok(Some(msg)) = tokio::time::timeout(Duration::from_millis(300), sub.next()).await {
        let subject = msg.subject.to_string();
        if subject.starts_with("hooks.relay.chan.") || subject.starts_with("_INBOX.") {
            // Replies of the JetStream API go to inboxes too, without a kind.
            if let Some(kind) = msg.headers.as_ref().and_then(|h| h.get("Hooks-Kind")) {
                seen.push(kind.as_str().to_string());
            }
        }
    }
    seen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_a_small_request_and_its_answer_take_two_messages() {
    let nats = Nats::start();
    let (a, b) = (node(&nats, "a").await, node(&nats, "b").await);
    let _held = b.hold("small", "c", Arc::new(WholeEcho)).await.unwrap();
    // No holder (and no spy, which would answer anything): the call's answer says so at once.
    let started = Instant::now();
    let pending = a.call("nobody-here", Bytes::new(), Bytes::new()).await;
    let err = pending.unwrap().response().await.err().unwrap();
    assert!(matches!(err, ClusterError::NoClient(_)), "{err}");
    assert!(started.elapsed() < Duration::from_millis(200));
    assert_eq!(a.stats().no_client.load(Ordering::Relaxed), 1);
    let (_spy, mut seen) = spy(&nats).await;
    for size in [0, 1000, hooks::relay::cluster::INLINE] {
        let body = random(size);
        let pending = a
            .call("small", Bytes::from_static(b"hi"), body.clone().into())
            .await
            .unwrap();
        let (head, mut response) = pending.response().await.unwrap();
        assert_eq!(&head[..], b"whole hi");
        let mut got = Vec::new();
        while let Some(chunk) = response.chunk().await.unwrap() {
            got.extend_from_slice(&chunk);
        }
        assert_eq!(sha(&got), sha(&body), "{size} B");
        // The open with its body, the head with its body: no accept, chunk,
        // end or acknowledgement of their own.
        assert_eq!(stream_messages(&mut seen).await, ["open", "head"]);
    }
    // A holder that takes longer says where it is (accept) meanwhile.
    let _slow = b.hold("slow-small", "c", Arc::new(Slow)).await.unwrap();
    let started = Instant::now();
    let pending = a
        .call("slow-small", Bytes::from_static(b"hi"), Bytes::new())
        .await
        .unwrap();
    let (head, _) = pending.response().await.unwrap();
    assert_eq!(&head[..], b"slow hi");
    assert!(started.elapsed() >= Duration::from_millis(1200));
    assert_eq!(stream_messages(&mut seen).await, ["open", "accept", "head"]);
    // A larger body is streamed (Cluster::open), never put in one message.
    let big = a
        .call(
            "small",
            Bytes::new(),
            random(hooks::relay::cluster::INLINE + 1).into(),
        )
        .await;
    assert!(matches!(big, Err(ClusterError::Stream(_))));
    // And a stream still works beside the calls.
    let (head, got) = exchange(&a, "small", "x", random(300_000)).await;
    assert_eq!(head, "whole x");
    assert_eq!(got.len(), 64);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_hostile_stream_messages_fail_only_their_own_stream() {
    let nats = Nats::start();
    let (a, b) = (node(&nats, "a").await, node(&nats, "b").await);
    let _held = b.hold("target", "c", Arc::new(WholeEcho)).await.unwrap();
    let raw = async_nats::connect(nats.url.as_str()).await.unwrap();
    let inbox = raw.new_inbox();
    let mut replies = raw.subscribe(inbox.clone()).await.unwrap();
    let open_subject = hooks::relay::cluster::stream::open_subject("target");
    // A head length that does not fit the payload, or is not a number.
    for len in ["999999", "abc", "-1"] {
        let mut h = async_nats::HeaderMap::new();
        h.insert("Hooks-Kind", "open");
        h.insert("Hooks-Head-Len", len);
        raw.publish_with_reply_and_headers(
            open_subject.clone(),
            inbox.clone(),
            h,
            Bytes::from_static(b"tiny"),
        )
        .await
        .unwrap();
        let msg = tokio::time::timeout(Duration::from_secs(5), replies.next())
            .await
            .unwrap()
            .unwrap();
        let kind = msg.headers.as_ref().unwrap().get("Hooks-Kind").unwrap();
        assert_eq!(kind.as_str(), "reset", "head length {len}");
    }
    // A well-formed open, then garbage to the holder's side of it: chunks
    // out of order, credit far past the window, unknown kinds.
    let mut h = async_nats::HeaderMap::new();
    h.insert("Hooks-Kind", "open");
    h.insert("Hooks-Head-Len", "2");
    raw.publish_with_reply_and_headers(
        open_subject.clone(),
        inbox.clone(),
        h,
        Bytes::from_static(b"hiBODY"),
    )
    .await
    .unwrap();
    let mut holder_side = None;
    let mut answer = None;
    while answer.is_none() {
        let msg = tokio::time::timeout(Duration::from_secs(5), replies.next())
            .await
            .unwrap()
            .unwrap();
        let h = msg.headers.clone().unwrap();
        match h.get("Hooks-Kind").unwrap().as_str() {
            "head" => {
                // A quick answer says where the holder is, with no accept.
                holder_side = Some(h.get("Hooks-Reply").unwrap().to_string());
                answer = Some(msg.payload);
            }
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(&answer.unwrap()[..], b"whole hiBODY");
    let holder_side = holder_side.unwrap();
    for (kind, extra) in [
        ("data", Some(("Hooks-Seq", "7"))),
        ("ack", Some(("Hooks-Credit", "18446744073709551615"))),
        ("what", None),
        ("end", None),
    ] {
        let mut h = async_nats::HeaderMap::new();
        h.insert("Hooks-Kind", kind);
        if let Some((name, value)) = extra {
            h.insert(name, value);
        }
        raw.publish_with_headers(holder_side.clone(), h, Bytes::from(vec![0u8; 1000]))
            .await
            .unwrap();
    }
    // The stream is over: the holder's node says so when asked.
    let mut h = async_nats::HeaderMap::new();
    h.insert("Hooks-Kind", "probe");
    let probe = raw
        .request_with_headers(holder_side, h, Bytes::new())
        .await
        .unwrap();
    assert_eq!(&probe.payload[..], b"gone");
    // The nodes serve everyone else as before.
    let (head, got) = exchange(&a, "target", "after", random(5000)).await;
    assert_eq!(head, "whole after");
    assert_eq!(got.len(), 64);
}

/// A pull while the channel's one request in flight is out (taken by a
/// drain that is gone) ends at the server within about a second instead of
/// waiting for the 30 s redelivery, so no pull is left open to take that
/// request unread later; the request still comes first, before the one
/// queued after it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_a_pull_while_the_request_is_out_ends_soon() {
    let nats = Nats::start();
    let a = node(&nats, "a").await;
    for i in 0..2 {
        a.queue()
            .enqueue("out", &format!("id-{i}"), "head".into(), "body".into())
            .await
            .unwrap();
    }
    let mut thief = a.queue().consume("out").await.unwrap();
    let taken = thief.next().await.unwrap().expect("a queued request");
    assert_eq!(taken.id, "id-0");
    drop(taken);
    let mut consumer = a.queue().consume("out").await.unwrap();
    for _ in 0..3 {
        let started = Instant::now();
        let pulled = tokio::time::timeout(Duration::from_secs(10), consumer.next())
            .await
            .expect("the pull waited for the redelivery");
        assert!(
            matches!(pulled, Ok(None)),
            "{:?}",
            pulled.map(|q| q.map(|q| q.id))
        );
        assert!(started.elapsed() < Duration::from_secs(8));
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    let first = loop {
        if let Some(queued) = consumer.next().await.unwrap() {
            break queued;
        }
        assert!(Instant::now() < deadline, "never handed out again");
    };
    assert_eq!(first.id, "id-0");
    assert!(first.delivered >= 2, "{}", first.delivered);
}

/// A pull that its NATS server never answers (frozen here, or lost with its
/// consumer's leader) ends with an error in bounded time, so the node's
/// drain tries again instead of waiting on it for ever; once the server is
/// back, the queued request is handed out.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_a_pull_never_answered_fails_in_bounded_time() {
    let nats = Nats::start();
    let a = node(&nats, "a").await;
    a.queue()
        .enqueue("frozen", "id-0", "head".into(), "body".into())
        .await
        .unwrap();
    let mut consumer = a.queue().consume("frozen").await.unwrap();
    nats.signal("STOP");
    let pulled = tokio::time::timeout(Duration::from_secs(30), consumer.next()).await;
    nats.signal("CONT");
    let pulled = pulled.expect("the pull waited on an unanswered request");
    assert!(pulled.is_err(), "{:?}", pulled.map(|q| q.map(|q| q.id)));
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        match consumer.next().await {
            Ok(Some(queued)) => {
                assert_eq!(queued.id, "id-0");
                break;
            }
            other => assert!(
                Instant::now() < deadline,
                "{:?}",
                other.map(|q| q.map(|q| q.id))
            ),
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Consumers sharing a budget hold the large bodies they read from the
/// object store within it: one more waits until a request holding its
/// share is dropped.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_queued_bodies_read_for_delivery_stay_within_their_budget() {
    use hooks::budget::Budget;
    let nats = Nats::start();
    let a = node(&nats, "a").await;
    let big = random(600 * 1024);
    for channel in ["one", "two"] {
        a.queue()
            .enqueue(
                channel,
                &format!("{channel}-0"),
                "head".into(),
                Bytes::from(big.clone()),
            )
            .await
            .unwrap();
    }
    let budget = Budget::new(1024 * 1024);
    let mut one = a
        .queue()
        .consume("one")
        .await
        .unwrap()
        .within(budget.clone());
    let mut two = a.queue().consume("two").await.unwrap().within(budget);
    let first = one.next().await.unwrap().expect("a queued request");
    assert_eq!(sha(&first.body), sha(&big));
    let second = tokio::spawn(async move {
        let queued = two.next().await.unwrap().expect("a queued request");
        queued.body.clone()
    });
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(
        !second.is_finished(),
        "a second body was read past the budget"
    );
    drop(first);
    let second = tokio::time::timeout(Duration::from_secs(20), second)
        .await
        .expect("the budget was not given back")
        .unwrap();
    assert_eq!(sha(&second), sha(&big));
}
