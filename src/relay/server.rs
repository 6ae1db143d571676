//! `hooks relay serve`: public HTTP requests in, one websocket per
//! developer out. Requests for a channel whose client is connected travel as
//! a stream on its websocket; requests for an offline channel are stored in
//! SQLite and delivered in order when the client returns.

use super::protocol::{
    headers_of, request_head_len, EncodeError, Field, Frame, GoAwayCode, Headers, ResetCode,
    SharedValue, CONNECT_PATH, INITIAL_WINDOW, MAX_CHUNK, MAX_FRAME, VERSIONS,
};
use super::store::{Failed, Item, Store};
use super::tokens::Tokens;
use super::{send_chunks, send_message, Outgoing};
use crate::delivery::is_connection_header;
use crate::lingering::Lingering;
use crate::{Error, Result};
use bytes::{Bytes, BytesMut};
use futures_util::{SinkExt, StreamExt};
use http_body_util::{combinators::UnsyncBoxBody, BodyExt, Full, StreamBody};
use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Poll, Waker};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, oneshot, watch, Semaphore};
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

type Body = UnsyncBoxBody<Bytes, std::io::Error>;

/// What to do with a request for a channel whose client is not connected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Offline {
    /// Store it and answer 202; deliver it when the client reconnects.
    #[default]
    Queue,
    /// Answer 503 and keep nothing.
    Reject,
}

/// Everything `hooks relay serve` is configured with.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub bind: SocketAddr,
    pub public_url: Option<String>,
    pub domain: Option<String>,
    pub tokens: Option<PathBuf>,
    pub data_dir: PathBuf,
    pub max_body: u64,
    pub request_timeout: Duration,
    /// Longest pause while reading a public request body (408 after it).
    pub body_idle_timeout: Duration,
    /// A public request body must be complete this long after its head
    /// arrived (408 after it).
    pub body_deadline: Duration,
    pub queue_limit: u64,
    pub queue_ttl: Duration,
    /// Failed delivery attempts after which a queued request becomes a
    /// dead letter.
    pub queue_max_attempts: u32,
    /// Bytes stored per channel (queued and dead-lettered bodies).
    pub queue_max_bytes: u64,
    /// Bytes stored for all channels together.
    pub queue_max_total_bytes: u64,
    pub offline: Offline,
    pub rate_limit: u32,
    pub heartbeat: Duration,
    /// Certificate chain and private key files (PEM) to serve HTTPS and wss.
    pub tls: Option<(PathBuf, PathBuf)>,
    pub max_streams: usize,
    pub max_connections_per_token: usize,
}

#[derive(Default)]
struct Metrics {
    requests: AtomicU64,
    bytes_in: AtomicU64,
    bytes_out: AtomicU64,
    queued: AtomicU64,
    queue_delivered: AtomicU64,
    queue_full: AtomicU64,
    queue_expired: AtomicU64,
    queue_failed_attempts: AtomicU64,
    queue_dead_lettered: AtomicU64,
    connections: AtomicU64,
    protocol_errors: AtomicU64,
    by_status: Mutex<BTreeMap<u16, u64>>,
}

enum Event {
    Head(u16, Headers),
    Data(Bytes),
    End,
    Reset(ResetCode, String),
}

/// What a stream's public request and the connection's reader share: the
/// client's events for the stream, and our window to send its request body.
/// One allocation per stream, and no channel.
struct StreamShared {
    window: Semaphore,
    inbox: Mutex<Inbox>,
}

#[derive(Default)]
struct Inbox {
    events: VecDeque<Event>,
    waker: Option<Waker>,
    /// No more events will come: the stream or the tunnel ended.
    closed: bool,
    /// The client's END arrived: its response is complete.
    ended: bool,
}

impl StreamShared {
    fn push(&self, event: Event) {
        let waker = {
            let mut inbox = self.inbox.lock().unwrap();
            if inbox.closed {
                return;
            }
            inbox.ended |= matches!(event, Event::End);
            inbox.events.push_back(event);
            inbox.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    /// Ends the stream: events already pushed are still received. Returns
    /// whether the client's response was complete.
    fn close(&self) -> bool {
        self.window.close();
        let (waker, ended) = {
            let mut inbox = self.inbox.lock().unwrap();
            inbox.closed = true;
            (inbox.waker.take(), inbox.ended)
        };
        if let Some(waker) = waker {
            waker.wake();
        }
        ended
    }

    /// The whole response body, if its every DATA and its END arrived
    /// already (as they do for a small response): no stream to set up.
    fn complete_body(&self) -> Option<Bytes> {
        let mut inbox = self.inbox.lock().unwrap();
        if !matches!(inbox.events.back(), Some(Event::End))
            || !inbox
                .events
                .iter()
                .rev()
                .skip(1)
                .all(|e| matches!(e, Event::Data(_)))
        {
            return None;
        }
        let mut chunks = inbox.events.drain(..).filter_map(|e| match e {
            Event::Data(chunk) => Some(chunk),
            _ => None,
        });
        let first = chunks.next().unwrap_or_default();
        let Some(second) = chunks.next() else {
            return Some(first);
        };
        let mut body = bytes::BytesMut::from(&first[..]);
        body.extend_from_slice(&second);
        chunks.for_each(|c| body.extend_from_slice(&c));
        Some(body.freeze())
    }

    /// The next event, or `None` once the stream is closed and drained.
    async fn recv(&self) -> Option<Event> {
        std::future::poll_fn(|cx| {
            let mut inbox = self.inbox.lock().unwrap();
            if let Some(event) = inbox.events.pop_front() {
                return Poll::Ready(Some(event));
            }
            if inbox.closed {
                return Poll::Ready(None);
            }
            if !inbox
                .waker
                .as_ref()
                .is_some_and(|w| w.will_wake(cx.waker()))
            {
                inbox.waker = Some(cx.waker().clone());
            }
            Poll::Pending
        })
        .await
    }
}

struct Slot {
    shared: Arc<StreamShared>,
    /// Response body bytes the client may still send (our window to it).
    allowed: i64,
}

struct Tunnel {
    conn: u64,
    channel: String,
    /// The protocol version agreed with this client.
    version: u16,
    out: mpsc::Sender<Outgoing>,
    streams: Mutex<HashMap<u32, Slot>>,
    acks: Mutex<HashMap<u64, oneshot::Sender<()>>>,
    next_stream: AtomicU32,
    closed: watch::Sender<bool>,
}

impl Tunnel {
    fn open(&self, max: usize) -> Option<(u32, Arc<StreamShared>)> {
        let mut streams = self.streams.lock().unwrap();
        if streams.len() >= max || *self.closed.borrow() {
            return None;
        }
        let id = self.next_stream.fetch_add(1, Ordering::Relaxed);
        let shared = Arc::new(StreamShared {
            window: Semaphore::new(INITIAL_WINDOW as usize),
            inbox: Mutex::new(Inbox::default()),
        });
        streams.insert(
            id,
            Slot {
                shared: shared.clone(),
                allowed: INITIAL_WINDOW as i64,
            },
        );
        Some((id, shared))
    }

    /// Forgets a stream without telling the client.
    fn forget(&self, stream: u32) {
        if let Some(slot) = self.streams.lock().unwrap().remove(&stream) {
            slot.shared.close();
        }
    }

    fn push(&self, stream: u32, event: Event) {
        if let Some(slot) = self.streams.lock().unwrap().get(&stream) {
            slot.shared.push(event);
        }
    }

    fn close(&self) {
        self.closed.send_replace(true);
        for (_, slot) in self.streams.lock().unwrap().drain() {
            slot.shared.close();
        }
        self.acks.lock().unwrap().clear();
    }
}

/// Forgets a stream when its public request is done; resets it at the
/// client when that happens before the response ended.
struct StreamGuard {
    tunnel: Arc<Tunnel>,
    id: u32,
    finished: bool,
}

impl StreamGuard {
    /// The stream ended normally: forget it without a reset.
    fn finish(mut self) {
        self.finished = true;
    }
}

impl Drop for StreamGuard {
    fn drop(&mut self) {
        let slot = self.tunnel.streams.lock().unwrap().remove(&self.id);
        // A response whose END arrived is complete, even if hyper stopped
        // reading it early (it does, once Content-Length bytes are in).
        let ended = slot.is_some_and(|slot| slot.shared.close());
        if !self.finished && !ended {
            let reset = Frame::Reset {
                stream: self.id,
                code: ResetCode::Cancel,
                message: "the public request ended".into(),
            };
            let _ = self.tunnel.out.try_send(reset.into());
        }
    }
}

struct Relay {
    opts: ServeOptions,
    tokens: Option<Tokens>,
    store: Mutex<Store>,
    tunnels: Mutex<HashMap<String, Arc<Tunnel>>>,
    /// Channels known to be claimed (a claim is never undone), so that a
    /// public request needs no database lookup.
    known: Mutex<std::collections::HashSet<String>>,
    /// Channels whose offline queue may hold requests: while a connected
    /// channel is in here, new requests join the end of its queue instead
    /// of overtaking it. Changed only with `store` locked (a request is
    /// added together with its channel; a channel leaves when its drain finds
    /// the queue empty), so a queued request is never left behind.
    backlog: Mutex<std::collections::HashSet<String>>,
    per_token: Mutex<HashMap<String, usize>>,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
    metrics: Metrics,
    next_conn: AtomicU64,
}

/// Runs the relay until Ctrl-C.
pub async fn serve(opts: ServeOptions) -> Result<()> {
    let tokens = match &opts.tokens {
        Some(path) => Some(Tokens::load(path)?),
        None => None,
    };
    if tokens.is_none() && !opts.bind.ip().is_loopback() {
        return Err(Error::usage(format!(
            "refusing to serve on {} without --tokens: anyone could claim a channel",
            opts.bind
        ))
        .with_hint("create a token with `hooks relay token add NAME --tokens FILE` and pass --tokens FILE, or bind 127.0.0.1"));
    }
    let tls = opts.tls.as_ref().map(|(c, k)| acceptor(c, k)).transpose()?;
    let store = Store::open(&opts.data_dir)?;
    let listener = tokio::net::TcpListener::bind(opts.bind)
        .await
        .map_err(|e| {
            Error::usage(format!("cannot listen on {}: {e}", opts.bind))
                .with_hint("pick a free address with --bind, e.g. 127.0.0.1:8788")
        })?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::network(e.to_string()))?;
    if tokens.is_none() {
        crate::output::note(
            "relay: no --tokens given: any client may connect, so listening on loopback only",
        );
    }
    let (http, ws) = if tls.is_some() {
        ("https", "wss")
    } else {
        ("http", "ws")
    };
    crate::output::note(format!(
        "relay: listening on {http}://{addr} (clients connect to {ws}://{addr}{CONNECT_PATH})"
    ));
    let relay = Arc::new(Relay {
        opts,
        tokens,
        store: Mutex::new(store),
        tunnels: Mutex::new(HashMap::new()),
        known: Mutex::new(std::collections::HashSet::new()),
        backlog: Mutex::new(std::collections::HashSet::new()),
        per_token: Mutex::new(HashMap::new()),
        buckets: Mutex::new(HashMap::new()),
        metrics: Metrics::default(),
        next_conn: AtomicU64::new(1),
    });
    let accept = async {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                // Out of file descriptors and the like: back off, keep serving.
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            };
            let _ = tcp.set_nodelay(true);
            let relay = relay.clone();
            let tls = tls.clone();
            tokio::spawn(async move {
                match tls {
                    None => relay.serve_http(tcp).await,
                    Some(acceptor) => {
                        let handshake = acceptor.accept(tcp);
                        if let Ok(Ok(stream)) =
                            tokio::time::timeout(Duration::from_secs(10), handshake).await
                        {
                            relay.serve_http(stream).await;
                        }
                    }
                }
            });
        }
    };
    tokio::select! {
        _ = accept => Ok(()),
        _ = tokio::signal::ctrl_c() => {
            for tunnel in relay.tunnels.lock().unwrap().values() {
                let goaway = Frame::GoAway { code: GoAwayCode::Shutdown, message: "the relay is shutting down".into() };
                let _ = tunnel.out.try_send(goaway.into());
            }
            Err(Error::interrupted())
        }
    }
}

fn text(status: StatusCode, body: impl Into<String>) -> Response<Body> {
    let mut body: String = body.into();
    body.push('\n');
    Response::builder()
        .status(status)
        .header("content-type", "text/plain; charset=utf-8")
        .body(full(Bytes::from(body)))
        .unwrap_or_default()
}

fn full(b: Bytes) -> Body {
    Full::new(b).map_err(|never| match never {}).boxed_unsync()
}

/// Channel names: DNS labels, so `<channel>.<domain>` always works.
pub fn valid_channel(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 63
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-')
}

impl Relay {
    /// Serves one public HTTP/1.1 connection (plain or TLS).
    async fn serve_http<I>(self: Arc<Self>, io: I)
    where
        I: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
    {
        let service = hyper::service::service_fn(move |req| {
            let relay = self.clone();
            async move { Ok::<_, std::convert::Infallible>(relay.route(req).await) }
        });
        let _ = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(Duration::from_secs(10))
            .max_buf_size(MAX_FRAME)
            .serve_connection(TokioIo::new(Lingering::new(io)), service)
            .with_upgrades()
            .await;
    }

    async fn route(self: &Arc<Self>, req: Request<Incoming>) -> Response<Body> {
        let path = req.uri().path().to_string();
        let response = if path == CONNECT_PATH {
            return self.upgrade(req);
        } else if let Some((channel, target)) = self.channel_of(&req) {
            self.public(req, channel, target).await
        } else if path == "/healthz" {
            text(StatusCode::OK, "ok")
        } else if path == "/metrics" {
            return self.metrics();
        } else {
            text(
                StatusCode::NOT_FOUND,
                "hooks relay: no such path; public requests go to /c/<channel>/<path>",
            )
        };
        *self
            .metrics
            .by_status
            .lock()
            .unwrap()
            .entry(response.status().as_u16())
            .or_default() += 1;
        response
    }

    /// The channel and the target (path after the channel, and query) of a
    /// public request, exactly as sent.
    fn channel_of(&self, req: &Request<Incoming>) -> Option<(String, Vec<u8>)> {
        let query = req
            .uri()
            .query()
            .map(|q| format!("?{q}"))
            .unwrap_or_default();
        if let Some(domain) = &self.opts.domain {
            let host = req
                .headers()
                .get(http::header::HOST)
                .and_then(|h| h.to_str().ok())
                .unwrap_or_default();
            let host = host.split(':').next().unwrap_or_default();
            if let Some(channel) = host
                .strip_suffix(domain.as_str())
                .and_then(|h| h.strip_suffix('.'))
            {
                let target = format!("{}{query}", req.uri().path());
                return Some((channel.to_string(), target.into_bytes()));
            }
        }
        let rest = req.uri().path().strip_prefix("/c/")?;
        let (channel, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        Some((channel.to_string(), format!("{path}{query}").into_bytes()))
    }

    fn rate_limited(&self, channel: &str) -> bool {
        let rate = self.opts.rate_limit as f64;
        if rate <= 0.0 {
            return false;
        }
        let mut buckets = self.buckets.lock().unwrap();
        let now = Instant::now();
        let (tokens, at) = buckets.entry(channel.to_string()).or_insert((rate, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * rate).min(rate);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            false
        } else {
            true
        }
    }

    async fn public(
        self: &Arc<Self>,
        req: Request<Incoming>,
        channel: String,
        target: Vec<u8>,
    ) -> Response<Body> {
        self.metrics.requests.fetch_add(1, Ordering::Relaxed);
        if !self.known.lock().unwrap().contains(&channel) {
            let owner = self.store.lock().unwrap().owner(&channel);
            match owner {
                Ok(Some(_)) => {
                    self.known.lock().unwrap().insert(channel.clone());
                }
                Ok(None) => {
                    return text(
                        StatusCode::NOT_FOUND,
                        format!(
                        "hooks relay: unknown channel '{channel}'; no client ever connected to it"
                    ),
                    )
                }
                Err(e) => {
                    return text(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        format!("hooks relay: database error: {e}"),
                    )
                }
            }
        }
        if self.rate_limited(&channel) {
            return text(
                StatusCode::TOO_MANY_REQUESTS,
                format!(
                    "hooks relay: channel '{channel}' exceeded its rate limit of {} requests per second; retry later",
                    self.opts.rate_limit
                ),
            );
        }
        let too_large = || {
            text(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "hooks relay: the body is larger than the relay's limit of {} bytes (--max-body)",
                    self.opts.max_body
                ),
            )
        };
        let declared = req
            .headers()
            .get(http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if declared.is_some_and(|n| n > self.opts.max_body) {
            return too_large();
        }
        let (parts, body) = req.into_parts();
        let headers = headers_of(&parts.headers);
        let method = parts.method.as_str().as_bytes().to_vec();
        // Checked as the frame that carries it will be, so that a request
        // let in here can always be sent or queued.
        if let Err(e) = request_head_len(&method, &target, &headers) {
            return head_too_large(e);
        }
        let reading = Reading {
            idle: self.opts.body_idle_timeout,
            deadline: tokio::time::Instant::now() + self.opts.body_deadline,
            max: self.opts.max_body,
        };
        let tunnel = self.tunnels.lock().unwrap().get(&channel).cloned();
        match tunnel {
            // A client that is still being sent its queue gets new requests
            // after the queued ones, in order.
            Some(_)
                if self.opts.offline == Offline::Queue
                    && self.backlog.lock().unwrap().contains(&channel) =>
            {
                self.enqueue(&channel, method, target, headers, body, reading)
                    .await
            }
            Some(tunnel) => {
                self.live(tunnel, method, target, headers, body, reading)
                    .await
            }
            None => {
                self.enqueue(&channel, method, target, headers, body, reading)
                    .await
            }
        }
    }

    async fn enqueue(
        self: &Arc<Self>,
        channel: &str,
        method: Vec<u8>,
        target: Vec<u8>,
        headers: Headers,
        mut body: Incoming,
        reading: Reading,
    ) -> Response<Body> {
        if self.opts.offline == Offline::Reject {
            return text(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("hooks relay: channel '{channel}' has no client connected, and this relay does not queue (--offline reject)"),
            );
        }
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

    async fn live(
        self: &Arc<Self>,
        tunnel: Arc<Tunnel>,
        method: Vec<u8>,
        target: Vec<u8>,
        headers: Headers,
        mut body: Incoming,
        reading: Reading,
    ) -> Response<Body> {
        // The first 64 KiB of the body (all of most) are read before the
        // request takes one of the channel's stream slots: a caller holds a
        // slot only while its request is passed on, never while the relay
        // waits for a slow body. A body that fits one DATA frame then leaves
        // with its head and END in one write (the client starts the app's
        // request only once the body is complete anyway).
        let timeout = self.opts.request_timeout;
        let max_body = self.opts.max_body;
        let (first, complete) = match reading.read(&mut body, MAX_CHUNK).await {
            Ok(read) => read,
            Err(e) => return e.response(max_body),
        };
        self.metrics
            .bytes_in
            .fetch_add(first.len() as u64, Ordering::Relaxed);
        let Some((id, shared)) = tunnel.open(self.opts.max_streams) else {
            return text(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "hooks relay: channel '{}' has {} requests in flight already; retry later",
                    tunnel.channel, self.opts.max_streams
                ),
            );
        };
        let guard = StreamGuard {
            tunnel: tunnel.clone(),
            id,
            finished: false,
        };
        let head = Frame::RequestHead {
            stream: id,
            queue_id: 0,
            method: method.into(),
            target: target.into(),
            headers,
        };
        let head = match head.encode() {
            Ok(head) => head,
            Err(e) => {
                guard.finish();
                return head_too_large(e);
            }
        };
        let closed = || {
            text(
                StatusCode::BAD_GATEWAY,
                "hooks relay: the tunnel to the developer's machine closed",
            )
        };
        // The upload of a larger body runs in this task rather than a task of
        // its own: a spawn, a wake-up and a oneshot less per request.
        let mut upload = if complete {
            if !send_message(&tunnel.out, id, head, &shared.window, first).await {
                return closed();
            }
            None
        } else {
            if tunnel.out.send(Outgoing::Head(head)).await.is_err() {
                return closed();
            }
            Some(Box::pin(upload(
                self.clone(),
                tunnel.clone(),
                id,
                shared.clone(),
                first,
                body,
                reading,
            )))
        };
        let deadline = tokio::time::sleep(match upload {
            Some(_) => Duration::from_secs(86_400 * 365),
            None => timeout,
        });
        tokio::pin!(deadline);
        let first = loop {
            tokio::select! {
                ev = shared.recv() => break Some(ev),
                sent = async { upload.as_mut().expect("checked").await }, if upload.is_some() => {
                    upload = None;
                    if let Err(e) = sent {
                        // The upload reset the stream at the client already.
                        guard.finish();
                        return e.response(max_body);
                    }
                    deadline.as_mut().reset(tokio::time::Instant::now() + timeout);
                }
                _ = &mut deadline, if upload.is_none() => break None,
            }
        };
        let response = match first {
            None => {
                return text(
                    StatusCode::GATEWAY_TIMEOUT,
                    format!(
                        "hooks relay: the developer's machine did not answer within {} (--request-timeout)",
                        humantime::format_duration(timeout)
                    ),
                );
            }
            Some(None) => {
                return text(
                    StatusCode::BAD_GATEWAY,
                    "hooks relay: the tunnel to the developer's machine closed before it answered",
                );
            }
            Some(Some(Event::Reset(code, message))) => {
                guard.finish();
                return reset_response(code, &message, self.opts.max_body);
            }
            Some(Some(Event::Data(_) | Event::End)) => {
                return text(
                    StatusCode::BAD_GATEWAY,
                    "hooks relay: the tunnel client sent a body before a response head",
                );
            }
            Some(Some(Event::Head(status, headers))) => (status, headers),
        };
        if let Some(upload) = upload {
            // The app answered before the whole body was sent: keep sending
            // it, as a task of its own, while the response streams back.
            tokio::spawn(async move {
                let _ = upload.await;
            });
        }
        let (status, headers) = response;
        let mut builder = Response::builder().status(status);
        for (name, value) in &headers {
            if is_connection_header(name) {
                continue;
            }
            builder = builder.header(name.as_ref(), SharedValue(value.clone()));
        }
        if let Some(body) = shared.complete_body() {
            guard.finish();
            self.metrics
                .bytes_out
                .fetch_add(body.len() as u64, Ordering::Relaxed);
            return builder.body(full(body)).unwrap_or_else(invalid_head);
        }
        let relay = self.clone();
        let stream = futures_util::stream::unfold(
            (shared, guard, relay, 0u32),
            |(shared, mut guard, relay, mut unacked)| async move {
                match shared.recv().await {
                    Some(Event::Data(chunk)) => {
                        let n = chunk.len() as u32;
                        relay
                            .metrics
                            .bytes_out
                            .fetch_add(n as u64, Ordering::Relaxed);
                        // Grant more window once half of it is consumed:
                        // the client never stalls, and small bodies need no
                        // update at all.
                        unacked += n;
                        if unacked >= INITIAL_WINDOW / 2 {
                            if let Some(slot) =
                                guard.tunnel.streams.lock().unwrap().get_mut(&guard.id)
                            {
                                slot.allowed += unacked as i64;
                            }
                            let _ = guard
                                .tunnel
                                .out
                                .send(
                                    Frame::WindowUpdate {
                                        stream: guard.id,
                                        increment: unacked,
                                    }
                                    .into(),
                                )
                                .await;
                            unacked = 0;
                        }
                        Some((
                            Ok(hyper::body::Frame::data(chunk)),
                            (shared, guard, relay, unacked),
                        ))
                    }
                    Some(Event::End) => {
                        guard.finish();
                        None
                    }
                    Some(Event::Reset(_, message)) => {
                        guard.finished = true;
                        Some((
                            Err(std::io::Error::other(message)),
                            (shared, guard, relay, unacked),
                        ))
                    }
                    Some(Event::Head(..)) | None => Some((
                        Err(std::io::Error::other("the tunnel closed mid-response")),
                        (shared, guard, relay, unacked),
                    )),
                }
            },
        );
        // After an error the stream must end, or hyper would poll it again.
        let stream = stream.scan(false, |failed, item| {
            let out = if *failed { None } else { Some(item) };
            if let Some(Err(_)) = &out {
                *failed = true;
            }
            futures_util::future::ready(out)
        });
        builder
            .body(StreamBody::new(stream).boxed_unsync())
            .unwrap_or_else(invalid_head)
    }

    fn upgrade(self: &Arc<Self>, mut req: Request<Incoming>) -> Response<Body> {
        let Some(key) = req.headers().get("sec-websocket-key").cloned() else {
            return text(
                StatusCode::BAD_REQUEST,
                "hooks relay: this path takes websocket connections from `hooks listen --relay`",
            );
        };
        let accept = tokio_tungstenite::tungstenite::handshake::derive_accept_key(key.as_bytes());
        let on_upgrade = hyper::upgrade::on(&mut req);
        let relay = self.clone();
        tokio::spawn(async move {
            let Ok(upgraded) = on_upgrade.await else {
                return;
            };
            let ws = WebSocketStream::from_raw_socket(
                TokioIo::new(upgraded),
                Role::Server,
                Some(ws_config(RELAY_READ_BUFFER)),
            )
            .await;
            relay.connection(ws).await;
        });
        Response::builder()
            .status(StatusCode::SWITCHING_PROTOCOLS)
            .header("upgrade", "websocket")
            .header("connection", "Upgrade")
            .header("sec-websocket-accept", accept)
            .body(full(Bytes::new()))
            .unwrap_or_default()
    }

    /// Authenticates a client connection, binds it to its channel and
    /// serves it until it closes, breaks the protocol or goes quiet.
    async fn connection<S>(self: Arc<Self>, ws: WebSocketStream<S>)
    where
        S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
    {
        let (mut sink, mut stream) = ws.split();
        let refuse = |code: GoAwayCode, message: String| {
            crate::output::note(format!("relay: refused a client: {message}"));
            match Frame::go_away(code, message).encode() {
                Ok(goaway) => Message::Binary(goaway),
                Err(_) => Message::Close(None),
            }
        };
        let hello = match tokio::time::timeout(Duration::from_secs(10), stream.next()).await {
            Ok(Some(Ok(Message::Binary(b)))) => Frame::decode(b),
            _ => return,
        };
        let (versions, token, wanted) = match hello {
            Ok(Frame::Hello {
                versions,
                token,
                channel,
            }) => (versions, token, channel),
            _ => {
                self.metrics.protocol_errors.fetch_add(1, Ordering::Relaxed);
                let _ = sink
                    .send(refuse(
                        GoAwayCode::Protocol,
                        "the first frame must be HELLO".into(),
                    ))
                    .await;
                return;
            }
        };
        let Some(version) = VERSIONS.iter().copied().find(|v| versions.contains(v)) else {
            let _ = sink
                .send(refuse(
                    GoAwayCode::Version,
                    format!("this relay speaks protocol versions {VERSIONS:?}"),
                ))
                .await;
            return;
        };
        let owner = match &self.tokens {
            Some(tokens) => match tokens.authenticate(&token) {
                Some(name) => name,
                None => {
                    let _ = sink
                        .send(refuse(
                            GoAwayCode::BadToken,
                            "the token is not valid on this relay".into(),
                        ))
                        .await;
                    return;
                }
            },
            None => String::new(),
        };
        let channel = if wanted.is_empty() {
            let raw: [u8; 16] = rand::random();
            hex::encode(raw)
        } else {
            wanted
        };
        if !valid_channel(&channel) {
            let _ = sink
                .send(refuse(
                    GoAwayCode::BadChannel,
                    format!("channel '{channel}' is not 1-63 lowercase letters, digits or dashes"),
                ))
                .await;
            return;
        }
        let claimed = {
            let store = self.store.lock().unwrap();
            store
                .claim(&channel, &owner)
                .and_then(|_| store.owner(&channel))
        };
        match claimed {
            Ok(Some(o)) if o == owner => {}
            _ => {
                let _ = sink
                    .send(refuse(
                        GoAwayCode::ChannelTaken,
                        format!("channel '{channel}' belongs to another token"),
                    ))
                    .await;
                return;
            }
        }
        let admitted = {
            let mut per = self.per_token.lock().unwrap();
            let n = per.entry(owner.clone()).or_default();
            let ok = self.tokens.is_none() || *n < self.opts.max_connections_per_token;
            if ok {
                *n += 1;
            }
            ok
        };
        if !admitted {
            let _ = sink
                .send(refuse(
                    GoAwayCode::TooManyConnections,
                    format!(
                        "this token has {} connections open already",
                        self.opts.max_connections_per_token
                    ),
                ))
                .await;
            return;
        }
        let public_url = self.public_url(&channel);
        let welcome = Frame::Welcome {
            version,
            channel: channel.clone(),
            public_url,
        };
        let welcome = match welcome.encode() {
            Ok(welcome) => welcome,
            Err(e) => {
                crate::output::note(format!("relay: cannot welcome channel {channel}: {e}"));
                self.release(&owner);
                return;
            }
        };
        if sink.send(Message::Binary(welcome)).await.is_err() {
            self.release(&owner);
            return;
        }
        let (out, out_rx) = mpsc::channel::<Outgoing>(256);
        let tunnel = Arc::new(Tunnel {
            conn: self.next_conn.fetch_add(1, Ordering::Relaxed),
            channel: channel.clone(),
            version,
            out: out.clone(),
            streams: Mutex::new(HashMap::new()),
            acks: Mutex::new(HashMap::new()),
            next_stream: AtomicU32::new(1),
            closed: watch::channel(false).0,
        });
        // Requests queued before a restart of the relay are in no backlog
        // yet: mark the channel before it goes live.
        {
            let store = self.store.lock().unwrap();
            if store.depth(&channel).is_ok_and(|n| n > 0) {
                self.backlog.lock().unwrap().insert(channel.clone());
            }
        }
        // The newest connection for a channel wins.
        if let Some(old) = self
            .tunnels
            .lock()
            .unwrap()
            .insert(channel.clone(), tunnel.clone())
        {
            let goaway = Frame::GoAway {
                code: GoAwayCode::Replaced,
                message: "a newer connection claimed this channel".into(),
            };
            let _ = old.out.try_send(goaway.into());
            old.close();
        }
        self.metrics.connections.fetch_add(1, Ordering::Relaxed);
        let who = if owner.is_empty() {
            "no token"
        } else {
            owner.as_str()
        };
        crate::output::note(format!("relay: channel {channel} connected ({who})"));
        let mut closed = tunnel.closed.subscribe();
        let writer = tokio::spawn(super::write_frames(sink, out_rx));
        let drain = tokio::spawn(self.clone().drain(tunnel.clone()));
        let hb = self.opts.heartbeat;
        let mut ping = tokio::time::interval(hb / 2);
        let mut last_seen = Instant::now();
        loop {
            tokio::select! {
                msg = stream.next() => {
                    last_seen = Instant::now();
                    match msg {
                        Some(Ok(Message::Binary(b))) => match Frame::decode(b) {
                            Ok(frame) => {
                                if let Err(why) = self.on_frame(&tunnel, frame).await {
                                    self.protocol_error(&tunnel, why).await;
                                    break;
                                }
                            }
                            Err(e) => {
                                self.protocol_error(&tunnel, e.to_string()).await;
                                break;
                            }
                        },
                        Some(Ok(Message::Ping(_) | Message::Pong(_))) => {}
                        Some(Ok(Message::Text(_))) => {
                            self.protocol_error(&tunnel, "text messages are not part of the protocol".into()).await;
                            break;
                        }
                        Some(Err(tokio_tungstenite::tungstenite::Error::Capacity(e))) => {
                            self.protocol_error(&tunnel, format!("message too large: {e}")).await;
                            break;
                        }
                        Some(Ok(Message::Close(_) | Message::Frame(_))) | Some(Err(_)) | None => break,
                    }
                }
                _ = ping.tick() => {
                    if last_seen.elapsed() > hb * 2 {
                        break;
                    }
                    let _ = out.try_send(Frame::Ping(0).into());
                }
                _ = closed.changed() => break,
            }
        }
        {
            let mut tunnels = self.tunnels.lock().unwrap();
            if tunnels.get(&channel).is_some_and(|t| t.conn == tunnel.conn) {
                tunnels.remove(&channel);
            }
        }
        tunnel.close();
        crate::output::note(format!("relay: channel {channel} disconnected"));
        drain.abort();
        drop(out);
        let _ = tokio::time::timeout(Duration::from_secs(2), writer).await;
        self.release(&owner);
    }

    fn release(&self, owner: &str) {
        if let Some(n) = self.per_token.lock().unwrap().get_mut(owner) {
            *n = n.saturating_sub(1);
        }
    }

    async fn protocol_error(&self, tunnel: &Tunnel, why: String) {
        self.metrics.protocol_errors.fetch_add(1, Ordering::Relaxed);
        let goaway = Frame::go_away(GoAwayCode::Protocol, why);
        let _ = tunnel.out.send(goaway.into()).await;
    }

    fn public_url(&self, channel: &str) -> String {
        let base = self.opts.public_url.clone().unwrap_or_else(|| {
            let scheme = if self.opts.tls.is_some() {
                "https"
            } else {
                "http"
            };
            format!("{scheme}://{}", self.opts.bind)
        });
        let base = base.trim_end_matches('/');
        match &self.opts.domain {
            Some(domain) => {
                let scheme = base.split("://").next().unwrap_or("http");
                format!("{scheme}://{channel}.{domain}")
            }
            None => format!("{base}/c/{channel}"),
        }
    }

    /// One frame from a client. An error ends the connection; a frame for
    /// a stream that is not open is only refused, since it may have crossed
    /// a reset on the wire.
    async fn on_frame(&self, tunnel: &Tunnel, frame: Frame) -> Result<(), String> {
        match frame {
            Frame::ResponseHead {
                stream,
                status,
                headers,
            } => {
                if !(200..=999).contains(&status) {
                    return Err(format!("status {status} is not an HTTP status"));
                }
                self.to_stream(tunnel, stream, Event::Head(status, headers))
                    .await;
            }
            Frame::Data { stream, data } => {
                let over = {
                    let mut streams = tunnel.streams.lock().unwrap();
                    match streams.get_mut(&stream) {
                        Some(slot) => {
                            slot.allowed -= data.len() as i64;
                            slot.allowed < 0
                        }
                        None => false,
                    }
                };
                if over {
                    tunnel.push(
                        stream,
                        Event::Reset(ResetCode::Protocol, "flow control window exceeded".into()),
                    );
                    let reset = Frame::Reset {
                        stream,
                        code: ResetCode::Protocol,
                        message: "flow control window exceeded".into(),
                    };
                    let _ = tunnel.out.send(reset.into()).await;
                } else {
                    self.to_stream(tunnel, stream, Event::Data(data)).await;
                }
            }
            Frame::End { stream } => self.to_stream(tunnel, stream, Event::End).await,
            Frame::Reset {
                stream,
                code,
                message,
            } => {
                if let Some(slot) = tunnel.streams.lock().unwrap().get(&stream) {
                    slot.shared.window.close();
                    slot.shared.push(Event::Reset(code, message));
                }
            }
            Frame::WindowUpdate { stream, increment } => {
                if let Some(slot) = tunnel.streams.lock().unwrap().get(&stream) {
                    let window = &slot.shared.window;
                    if window.available_permits() + increment as usize > 64 << 20 {
                        return Err("window update beyond 64 MiB".into());
                    }
                    window.add_permits(increment as usize);
                }
            }
            Frame::Ping(n) => {
                let _ = tunnel.out.send(Frame::Pong(n).into()).await;
            }
            Frame::Pong(_) => {}
            Frame::Ack { queue_id } => {
                if let Some(tx) = tunnel.acks.lock().unwrap().remove(&queue_id) {
                    let _ = tx.send(());
                }
            }
            other => return Err(format!("unexpected frame from a client: {other:?}")),
        }
        Ok(())
    }

    async fn to_stream(&self, tunnel: &Tunnel, stream: u32, event: Event) {
        let known = match tunnel.streams.lock().unwrap().get(&stream) {
            Some(slot) => {
                slot.shared.push(event);
                true
            }
            None => false,
        };
        if !known {
            self.metrics.protocol_errors.fetch_add(1, Ordering::Relaxed);
            let reset = Frame::Reset {
                stream,
                code: ResetCode::Protocol,
                message: "no such stream".into(),
            };
            let _ = tunnel.out.send(reset.into()).await;
        }
    }

    /// Delivers the channel's offline queue in order, with up to
    /// [`QUEUE_WINDOW`] requests in flight (one for a version 1 client),
    /// forgetting each only when the client acknowledged it. A failed
    /// delivery stops the window and starts again from that request, once it
    /// was counted (see [`Relay::attempt_failed`]).
    async fn drain(self: Arc<Self>, tunnel: Arc<Tunnel>) {
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
                    self.expire(&mut store);
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
    async fn send_queued(
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
    fn attempt_failed(&self, channel: &str, id: u64, why: &str) {
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
    fn forget_delivered(&self, ids: &[u64]) {
        if !ids.is_empty() && self.store.lock().unwrap().remove(ids).is_ok() {
            self.metrics
                .queue_delivered
                .fetch_add(ids.len() as u64, Ordering::Relaxed);
        }
    }

    fn expire(&self, store: &mut Store) {
        if let Ok(n) = store.expire(self.opts.queue_ttl.as_secs() as i64) {
            self.metrics
                .queue_expired
                .fetch_add(n as u64, Ordering::Relaxed);
        }
    }

    fn metrics(&self) -> Response<Body> {
        let m = &self.metrics;
        let tunnels = self.tunnels.lock().unwrap().len();
        let ((depth, dead, bytes), dead_by_channel) = {
            let store = self.store.lock().unwrap();
            (
                store.totals().unwrap_or_default(),
                store.dead_by_channel().unwrap_or_default(),
            )
        };
        let mut s = String::new();
        let mut line = |name: &str, kind: &str, help: &str, value: u64| {
            s.push_str(&format!(
                "# HELP hooks_relay_{name} {help}\n# TYPE hooks_relay_{name} {kind}\nhooks_relay_{name} {value}\n"
            ));
        };
        line("tunnels", "gauge", "Connected clients.", tunnels as u64);
        line(
            "queue_depth",
            "gauge",
            "Requests waiting in the offline queue.",
            depth,
        );
        line(
            "queue_bytes",
            "gauge",
            "Body bytes stored in the offline queues, dead letters included.",
            bytes,
        );
        line(
            "dead_letters",
            "gauge",
            "Queued requests that failed --queue-max-attempts times, kept until retried or dropped.",
            dead,
        );
        let c = |a: &AtomicU64| a.load(Ordering::Relaxed);
        line(
            "connections_total",
            "counter",
            "Client connections accepted.",
            c(&m.connections),
        );
        line(
            "requests_total",
            "counter",
            "Public requests for a channel.",
            c(&m.requests),
        );
        line(
            "request_bytes_total",
            "counter",
            "Request body bytes from the public side.",
            c(&m.bytes_in),
        );
        line(
            "response_bytes_total",
            "counter",
            "Response body bytes to the public side.",
            c(&m.bytes_out),
        );
        line(
            "queued_total",
            "counter",
            "Requests stored while their channel was offline.",
            c(&m.queued),
        );
        line(
            "queue_delivered_total",
            "counter",
            "Queued requests acknowledged by a client.",
            c(&m.queue_delivered),
        );
        line(
            "queue_full_total",
            "counter",
            "Requests refused with 507: a queue was full (--queue-limit, --queue-max-bytes, --queue-max-total-bytes).",
            c(&m.queue_full),
        );
        line(
            "queue_failed_attempts_total",
            "counter",
            "Failed delivery attempts of queued requests.",
            c(&m.queue_failed_attempts),
        );
        line(
            "queue_dead_lettered_total",
            "counter",
            "Queued requests that became dead letters.",
            c(&m.queue_dead_lettered),
        );
        line(
            "queue_expired_total",
            "counter",
            "Queued requests dropped after --queue-ttl.",
            c(&m.queue_expired),
        );
        line(
            "protocol_errors_total",
            "counter",
            "Malformed or unexpected frames from clients.",
            c(&m.protocol_errors),
        );
        s.push_str("# HELP hooks_relay_channel_dead_letters Dead letters per channel that has any.\n# TYPE hooks_relay_channel_dead_letters gauge\n");
        for (channel, n) in dead_by_channel {
            s.push_str(&format!(
                "hooks_relay_channel_dead_letters{{channel=\"{channel}\"}} {n}\n"
            ));
        }
        s.push_str("# HELP hooks_relay_responses_total Public responses by status.\n# TYPE hooks_relay_responses_total counter\n");
        for (status, n) in m.by_status.lock().unwrap().iter() {
            s.push_str(&format!(
                "hooks_relay_responses_total{{status=\"{status}\"}} {n}\n"
            ));
        }
        Response::builder()
            .header("content-type", "text/plain; version=0.0.4")
            .body(full(Bytes::from(s)))
            .unwrap_or_default()
    }
}

/// Requests of the offline queue in flight on one connection at most.
const QUEUE_WINDOW: usize = 64;

/// Body bytes of queued requests in flight beyond the oldest at most: the
/// client holds each body whole until it is recorded.
const QUEUE_WINDOW_BYTES: u64 = 1 << 20;

/// The pause after a failed delivery attempt before the next one.
const RETRY_PAUSE: Duration = Duration::from_secs(1);

/// Body bytes of a request for the offline queue read before they are
/// written to the store.
const SPOOL: usize = 1 << 20;

/// Why a queued request cannot go on the wire (the frame codec's limits),
/// if it cannot: sending it is then a failed attempt.
fn encodable(item: &Item) -> std::result::Result<(), String> {
    request_head_len(&item.method, &item.target, &item.headers)
        .map(|_| ())
        .map_err(|e| format!("its head cannot be sent: {e}"))
}

/// One queued request sent and not yet acknowledged.
struct Sent {
    id: u64,
    stream: u32,
    shared: Arc<StreamShared>,
    ack: oneshot::Receiver<()>,
    size: u64,
}

/// The queued requests in flight on a connection, oldest first. Dropped
/// with requests in it (the tunnel closed), the oldest not acknowledged
/// counts a failed attempt: the client is handling them in order, so that
/// is the one whose delivery the end of the tunnel broke.
struct Flight {
    relay: Arc<Relay>,
    tunnel: Arc<Tunnel>,
    sent: VecDeque<Sent>,
    bytes: u64,
}

impl Flight {
    fn has_room(&self, window: usize) -> bool {
        self.sent.len() < window && (self.sent.is_empty() || self.bytes < QUEUE_WINDOW_BYTES)
    }

    /// The oldest was acknowledged: forgets it and every one after it that
    /// was acknowledged too, in one transaction.
    fn delivered(&mut self) {
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
    async fn fail(&mut self, why: &str) {
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

    async fn cancel(&self, s: &Sent) {
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
struct Stored<'a> {
    relay: &'a Arc<Relay>,
    /// Its id once part of it is in the store.
    id: Option<u64>,
}

impl Stored<'_> {
    /// Refuses with 507 when `more` bytes would pass a byte bound, or when
    /// the channel's queue is full and this is a new request.
    fn check(&self, channel: &str, more: u64, new: bool) -> std::result::Result<(), Refusal> {
        let mut store = self.relay.store.lock().unwrap();
        self.relay.expire(&mut store);
        self.check_in(&store, channel, more, new)
    }

    fn check_in(
        &self,
        store: &Store,
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
    fn write(
        &mut self,
        channel: &str,
        method: &[u8],
        target: &[u8],
        headers: &Headers,
        buf: &[u8],
        complete: bool,
    ) -> std::result::Result<u64, Refusal> {
        let mut store = self.relay.store.lock().unwrap();
        self.check_in(&store, channel, buf.len() as u64, self.id.is_none())?;
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
type Refusal = Box<Response<Body>>;

fn db_error(e: rusqlite::Error) -> Refusal {
    Box::new(text(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("hooks relay: could not store the request: {e}"),
    ))
}

/// Streams the rest of a public request body to the client in
/// window-sized chunks, after `first` (what was read before the stream
/// opened). Ends when it is sent or the stream went away; a body that stalls,
/// runs late, fails or grows over `--max-body` resets the stream at the
/// client, which frees its slot, and is returned as the error.
async fn upload(
    relay: Arc<Relay>,
    tunnel: Arc<Tunnel>,
    id: u32,
    shared: Arc<StreamShared>,
    first: Bytes,
    mut body: Incoming,
    reading: Reading,
) -> std::result::Result<(), BodyError> {
    let mut total = first.len() as u64;
    if !send_chunks(&tunnel.out, id, &shared.window, first).await {
        return Ok(());
    }
    loop {
        let data = match reading.next(&mut body).await {
            Ok(Some(data)) => data,
            Ok(None) => break,
            Err(e) => {
                let reset = Frame::reset(id, e.reset_code(), e.to_string());
                let _ = tunnel.out.send(reset.into()).await;
                return Err(e);
            }
        };
        total += data.len() as u64;
        relay
            .metrics
            .bytes_in
            .fetch_add(data.len() as u64, Ordering::Relaxed);
        if total > reading.max {
            let e = BodyError::TooLarge;
            let reset = Frame::reset(id, e.reset_code(), e.to_string());
            let _ = tunnel.out.send(reset.into()).await;
            return Err(e);
        }
        if !send_chunks(&tunnel.out, id, &shared.window, data).await {
            return Ok(());
        }
    }
    let _ = tunnel.out.send(Frame::End { stream: id }.into()).await;
    Ok(())
}

/// How long a public request body may take, and how large it may be.
#[derive(Debug, Clone, Copy)]
struct Reading {
    /// Longest wait for the next piece (`--body-idle-timeout`).
    idle: Duration,
    /// When the whole body must be in (`--body-deadline` after the head).
    deadline: tokio::time::Instant,
    /// `--max-body`.
    max: u64,
}

/// Why a public request body was not read to its end.
#[derive(Debug)]
enum BodyError {
    Idle(Duration),
    Late,
    TooLarge,
    Failed(String),
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BodyError::Idle(idle) => write!(
                f,
                "the public client sent no body bytes for {} (--body-idle-timeout)",
                humantime::format_duration(*idle)
            ),
            BodyError::Late => f.write_str(
                "the public client did not send its whole body in time (--body-deadline)",
            ),
            BodyError::TooLarge => f.write_str("the body is larger than --max-body"),
            BodyError::Failed(e) => write!(f, "the public client's body failed: {e}"),
        }
    }
}

impl BodyError {
    fn reset_code(&self) -> ResetCode {
        match self {
            BodyError::TooLarge => ResetCode::TooLarge,
            _ => ResetCode::Cancel,
        }
    }

    /// The public caller's answer. A body cut off for time gets 408 and the
    /// connection closes, since the rest of it is never read.
    fn response(&self, max_body: u64) -> Response<Body> {
        let mut response = match self {
            BodyError::Idle(_) | BodyError::Late => text(
                StatusCode::REQUEST_TIMEOUT,
                format!("hooks relay: request timeout: {self}"),
            ),
            BodyError::TooLarge => text(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "hooks relay: the body is larger than the relay's limit of {max_body} bytes (--max-body)"
                ),
            ),
            BodyError::Failed(e) => text(
                StatusCode::BAD_REQUEST,
                format!("hooks relay: could not read the request body: {e}"),
            ),
        };
        response.headers_mut().insert(
            http::header::CONNECTION,
            http::HeaderValue::from_static("close"),
        );
        response
    }
}

impl Reading {
    /// The body's next bytes (`None` at its end), each piece within the
    /// idle timeout and all of them by the deadline.
    async fn next(&self, body: &mut Incoming) -> std::result::Result<Option<Bytes>, BodyError> {
        loop {
            let idle_until = tokio::time::Instant::now() + self.idle;
            let (until, why) = if idle_until < self.deadline {
                (idle_until, BodyError::Idle(self.idle))
            } else {
                (self.deadline, BodyError::Late)
            };
            match tokio::time::timeout_at(until, body.frame()).await {
                Err(_) => return Err(why),
                Ok(None) => return Ok(None),
                Ok(Some(Err(e))) => return Err(BodyError::Failed(e.to_string())),
                Ok(Some(Ok(frame))) => {
                    if let Ok(data) = frame.into_data() {
                        return Ok(Some(data));
                    }
                }
            }
        }
    }

    /// Reads the body into memory until it ends (then `true`) or more than
    /// `enough` bytes are in (`false`: the rest is still to read). One
    /// piece is kept as it is, several are joined.
    async fn read(
        &self,
        body: &mut Incoming,
        enough: usize,
    ) -> std::result::Result<(Bytes, bool), BodyError> {
        let (mut first, mut joined) = (Bytes::new(), BytesMut::new());
        let mut len = 0usize;
        let complete = loop {
            if hyper::body::Body::is_end_stream(body) {
                break true;
            }
            if len > enough {
                break false;
            }
            let Some(data) = self.next(body).await? else {
                break true;
            };
            len += data.len();
            if len as u64 > self.max {
                return Err(BodyError::TooLarge);
            }
            if len == data.len() {
                first = data;
            } else {
                if joined.is_empty() {
                    joined.extend_from_slice(&std::mem::take(&mut first));
                }
                joined.extend_from_slice(&data);
            }
        };
        let body = if joined.is_empty() {
            first
        } else {
            joined.freeze()
        };
        Ok((body, complete))
    }
}

/// 431 for a public request whose head does not fit a REQUEST_HEAD frame.
fn head_too_large(e: EncodeError) -> Response<Body> {
    let why = match e.field {
        Field::Frame => format!(
            "the request's path and headers take {} bytes, more than the relay's limit of {MAX_FRAME} (80 KiB)",
            e.len
        ),
        _ => e.to_string(),
    };
    text(
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
        format!("hooks relay: request header too large: {why}"),
    )
}

fn invalid_head(e: http::Error) -> Response<Body> {
    text(
        StatusCode::BAD_GATEWAY,
        format!("hooks relay: the developer's app sent an invalid response head: {e}"),
    )
}

fn reset_response(code: ResetCode, message: &str, max_body: u64) -> Response<Body> {
    match code {
        ResetCode::AppRefused => text(
            StatusCode::BAD_GATEWAY,
            format!("hooks relay: the developer's app refused the connection ({message})"),
        ),
        ResetCode::AppTimeout => text(
            StatusCode::GATEWAY_TIMEOUT,
            format!("hooks relay: the developer's app did not answer in time ({message})"),
        ),
        ResetCode::TooLarge => text(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "hooks relay: the body is larger than the limit of {max_body} bytes (--max-body)"
            ),
        ),
        ResetCode::Cancel => text(
            StatusCode::BAD_REQUEST,
            format!("hooks relay: the request was abandoned ({message})"),
        ),
        _ => text(
            StatusCode::BAD_GATEWAY,
            format!("hooks relay: the developer's machine could not answer ({message})"),
        ),
    }
}

/// The websocket settings of both ends; `read_buffer` is how many bytes one
/// read from the socket takes at most, and the buffer each connection keeps
/// for it (see [`RELAY_READ_BUFFER`]).
pub(crate) fn ws_config(read_buffer: usize) -> WebSocketConfig {
    WebSocketConfig::default()
        .max_message_size(Some(MAX_FRAME))
        .max_frame_size(Some(MAX_FRAME))
        .read_buffer_size(read_buffer)
}

/// The relay's read buffer per client connection. tungstenite's default
/// (128 KiB, allocated when the connection opens) made an idle client cost
/// 148 KB on the relay instead of 21 KB; 8 KiB keeps it at 21 KB, with no
/// loss of throughput measured (BENCHMARKS.md, relay, session 5).
pub(crate) const RELAY_READ_BUFFER: usize = 8 * 1024;

/// The client's read buffer: it has one connection, so a larger buffer
/// costs little and takes a 64 KiB DATA frame in one read.
pub(crate) const CLIENT_READ_BUFFER: usize = 64 * 1024;

/// The TLS acceptor for `--tls-cert` and `--tls-key` (PEM files).
fn acceptor(cert: &std::path::Path, key: &std::path::Path) -> Result<tokio_rustls::TlsAcceptor> {
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::{CertificateDer, PrivateKeyDer};
    use tokio_rustls::rustls;
    let bad = |path: &std::path::Path, what: &str, e: &dyn std::fmt::Display| {
        Error::usage(format!(
            "cannot read the TLS {what} {}: {e}",
            path.display()
        ))
        .with_hint(
            "pass PEM files: --tls-cert with the certificate chain, --tls-key with its private key",
        )
    };
    let chain = CertificateDer::pem_file_iter(cert)
        .and_then(|certs| certs.collect::<std::result::Result<Vec<_>, _>>())
        .map_err(|e| bad(cert, "certificate", &e))?;
    if chain.is_empty() {
        return Err(bad(cert, "certificate", &"no CERTIFICATE block in it"));
    }
    let key_der = PrivateKeyDer::from_pem_file(key).map_err(|e| bad(key, "key", &e))?;
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .and_then(|b| b.with_no_client_auth().with_single_cert(chain, key_der))
    .map_err(|e| bad(key, "key", &e))?;
    Ok(tokio_rustls::TlsAcceptor::from(Arc::new(config)))
}
