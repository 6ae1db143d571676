//! The relay's websocket side: connected clients, their streams, flow control and heartbeats.

use super::super::protocol::{
    Frame, GoAwayCode, Headers, ResetCode, INITIAL_WINDOW, MAX_FRAME, VERSIONS,
};
use super::super::Outgoing;
use super::{full, text, valid_channel, Body, Relay};
use crate::relay::cluster::ClusterError;
use bytes::Bytes;
use futures_util::{SinkExt, StreamExt};
use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Poll, Waker};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, oneshot, watch, Semaphore};
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

pub(super) enum Event {
    Head(u16, Headers),
    Data(Bytes),
    End,
    Reset(ResetCode, String),
}

/// What a stream's public request and the connection's reader share: the
/// client's events for the stream, and our window to send its request body.
/// One allocation per stream, and no channel.
pub(super) struct StreamShared {
    pub(super) window: Semaphore,
    pub(super) inbox: Mutex<Inbox>,
}

#[derive(Default)]
pub(super) struct Inbox {
    pub(super) events: VecDeque<Event>,
    pub(super) waker: Option<Waker>,
    /// No more events will come: the stream or the tunnel ended.
    pub(super) closed: bool,
    /// The client's END arrived: its response is complete.
    pub(super) ended: bool,
}

impl StreamShared {
    pub(super) fn push(&self, event: Event) {
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
    pub(super) fn close(&self) -> bool {
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
    pub(super) fn complete_body(&self) -> Option<Bytes> {
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

    /// The body bytes waiting in the inbox, and whether the body is known
    /// to be whole (`Some(true)`: only DATA then END), never to be
    /// (`Some(false)`: a reset, a head, or the stream closed without END),
    /// or not yet (`None`).
    pub(super) fn buffered(&self) -> (u64, Option<bool>) {
        let inbox = self.inbox.lock().unwrap();
        let mut bytes = 0;
        for event in &inbox.events {
            match event {
                Event::Data(chunk) => bytes += chunk.len() as u64,
                Event::End => return (bytes, Some(true)),
                Event::Head(..) | Event::Reset(..) => return (bytes, Some(false)),
            }
        }
        (bytes, inbox.closed.then_some(false))
    }

    /// Waits until an event arrives or the stream closes, without taking
    /// any (for a reader that looks at the inbox with [`Self::buffered`]).
    pub(super) async fn changed(&self) {
        let seen = self.inbox.lock().unwrap().events.len();
        std::future::poll_fn(|cx| {
            let mut inbox = self.inbox.lock().unwrap();
            if inbox.events.len() != seen || inbox.closed {
                return Poll::Ready(());
            }
            inbox.waker = Some(cx.waker().clone());
            Poll::Pending
        })
        .await
    }

    /// The next event, or `None` once the stream is closed and drained.
    pub(super) async fn recv(&self) -> Option<Event> {
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

pub(super) struct Slot {
    pub(super) shared: Arc<StreamShared>,
    /// Response body bytes the client may still send (our window to it).
    pub(super) allowed: i64,
}

pub(super) struct Tunnel {
    pub(super) conn: u64,
    pub(super) channel: String,
    /// The protocol version agreed with this client.
    pub(super) version: u16,
    pub(super) out: mpsc::Sender<Outgoing>,
    pub(super) streams: Mutex<HashMap<u32, Slot>>,
    pub(super) acks: Mutex<HashMap<u64, oneshot::Sender<()>>>,
    pub(super) next_stream: AtomicU32,
    pub(super) closed: watch::Sender<bool>,
}

impl Tunnel {
    pub(super) fn open(&self, max: usize) -> Option<(u32, Arc<StreamShared>)> {
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
    pub(super) fn forget(&self, stream: u32) {
        if let Some(slot) = self.streams.lock().unwrap().remove(&stream) {
            slot.shared.close();
        }
    }

    pub(super) fn push(&self, stream: u32, event: Event) {
        if let Some(slot) = self.streams.lock().unwrap().get(&stream) {
            slot.shared.push(event);
        }
    }

    pub(super) fn close(&self) {
        self.closed.send_replace(true);
        for (_, slot) in self.streams.lock().unwrap().drain() {
            slot.shared.close();
        }
        self.acks.lock().unwrap().clear();
    }
}

/// Forgets a stream when its public request is done; resets it at the
/// client when that happens before the response ended.
pub(super) struct StreamGuard {
    pub(super) tunnel: Arc<Tunnel>,
    pub(super) id: u32,
    pub(super) finished: bool,
}

impl StreamGuard {
    /// The stream ended normally: forget it without a reset.
    pub(super) fn finish(mut self) {
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

impl Relay {
    pub(super) fn upgrade(self: &Arc<Self>, mut req: Request<Incoming>) -> Response<Body> {
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
    pub(super) async fn connection<S>(self: Arc<Self>, ws: WebSocketStream<S>)
    where
        S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
    {
        let (mut sink, mut stream) = ws.split();
        // What a peer sent (its channel name above all) is quoted before it
        // reaches the log: a newline or ESC in it would forge log lines.
        let refuse = |code: GoAwayCode, message: String| {
            crate::output::note(format!(
                "relay: refused a client: {}",
                crate::terminal::quote(&message)
            ));
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
        // Admission first: a connection refused for the token's number of
        // connections claims nothing (a claim is never undone).
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
        // With tokens, a single node bounds the channels a token owns; a
        // cluster's claims are its own (src/relay/cluster/).
        let max_channels = self
            .tokens
            .is_some()
            .then_some(self.opts.max_channels_per_token);
        let claimed = match &self.cluster {
            Some(cluster) => match cluster.claim(&channel, &format!("token:{owner}")).await {
                Ok(_) => Ok(Some(owner.clone())),
                Err(ClusterError::Claimed(_)) => Ok(None),
                Err(e) => {
                    self.metrics.cluster_errors.fetch_add(1, Ordering::Relaxed);
                    self.release(&owner);
                    let _ = sink
                        .send(refuse(
                            GoAwayCode::Shutdown,
                            format!("hooks relay: cluster unavailable: cannot claim channel '{channel}': {e}"),
                        ))
                        .await;
                    return;
                }
            },
            None => {
                let store = self.store.lock().unwrap();
                store
                    .claim(&channel, &owner, max_channels)
                    .and_then(|_| store.owner(&channel))
            }
        };
        match claimed {
            Ok(Some(o)) if o == owner => {
                self.known.lock().unwrap().insert(channel.clone());
            }
            refused => {
                self.release(&owner);
                let (code, message) = match (refused, max_channels) {
                    (Ok(None), Some(max)) if self.cluster.is_none() => (
                        GoAwayCode::BadChannel,
                        format!("this token owns {max} channels already (--max-channels-per-token); use one of them"),
                    ),
                    _ => (
                        GoAwayCode::ChannelTaken,
                        format!("channel '{channel}' belongs to another token"),
                    ),
                };
                let _ = sink.send(refuse(code, message)).await;
                return;
            }
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
        // The welcome is the queue's first frame, and the writer starts only
        // once the channel is live here (and, in a cluster, held): a client
        // that prints its public URL on the welcome never sends a caller to a
        // channel the relay would still take for offline.
        let (out, out_rx) = mpsc::channel::<Outgoing>(256);
        let _ = out.try_send(Outgoing::Head(welcome));
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
        // Requests queued before a restart of the relay (or, in a cluster,
        // by any node) are in no backlog yet: mark the channel before it
        // goes live.
        let queued = match &self.cluster {
            // Unknown depth: drain first, which finds out.
            Some(cluster) => cluster
                .queue()
                .depth(&channel)
                .await
                .map_or(true, |n| n > 0),
            None => self
                .store
                .lock()
                .unwrap()
                .depth(&channel)
                .is_ok_and(|n| n > 0),
        };
        if queued {
            self.backlog.lock().unwrap().insert(channel.clone());
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
        // In a cluster: this node answers the channel's requests from other
        // nodes, and any older connection on another node is closed.
        let mut holding = match &self.cluster {
            Some(cluster) => {
                let connection = format!("{}/{}", cluster.node_id(), tunnel.conn);
                let handler = Arc::new(super::cluster::Held {
                    relay: self.clone(),
                });
                match cluster.hold(&channel, &connection, handler).await {
                    Ok(holding) => Some(holding),
                    Err(e) => {
                        self.metrics.cluster_errors.fetch_add(1, Ordering::Relaxed);
                        crate::output::note(format!(
                            "relay: channel {channel} refused: hooks relay: cluster unavailable: {e}"
                        ));
                        // Never welcomed: the client hears GOAWAY alone
                        // (not a permanent refusal: it retries).
                        self.forget_tunnel(&tunnel);
                        drop((out, out_rx));
                        let goaway = Frame::go_away(
                            GoAwayCode::Shutdown,
                            format!("hooks relay: cluster unavailable: {e}"),
                        );
                        if let Ok(goaway) = goaway.encode() {
                            let send = sink.send(Message::Binary(goaway));
                            let _ = tokio::time::timeout(Duration::from_secs(2), send).await;
                        }
                        self.release(&owner);
                        return;
                    }
                }
            }
            None => None,
        };
        let hb = self.opts.heartbeat;
        // A client that reads nothing for two heartbeat intervals is
        // dropped, as one that sends nothing is.
        let mut writer = tokio::spawn(super::super::write_frames(sink, out_rx, hb * 2));
        crate::output::note(format!("relay: channel {channel} connected ({who})"));
        let mut closed = tunnel.closed.subscribe();
        let drain = match &self.cluster {
            Some(cluster) => {
                tokio::spawn(self.clone().drain_cluster(tunnel.clone(), cluster.clone()))
            }
            None => tokio::spawn(self.clone().drain(tunnel.clone())),
        };
        let mut superseded = Box::pin(async {
            match holding.as_mut() {
                Some(holding) => holding.superseded().await,
                None => std::future::pending().await,
            }
        });
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
                written = &mut writer => {
                    if let Ok(Err(_)) = written {
                        crate::output::note(format!(
                            "relay: channel {channel} dropped: the client read nothing for {}",
                            humantime::format_duration(hb * 2)
                        ));
                    }
                    break;
                }
                _ = &mut superseded => {
                    let goaway = Frame::GoAway {
                        code: GoAwayCode::Replaced,
                        message: "a newer connection claimed this channel on another relay node".into(),
                    };
                    let _ = out.send(goaway.into()).await;
                    break;
                }
            }
        }
        drop(superseded);
        self.forget_tunnel(&tunnel);
        if let Some(holding) = holding {
            if holding.release().await.is_err() {
                self.metrics.cluster_errors.fetch_add(1, Ordering::Relaxed);
            }
        }
        crate::output::note(format!("relay: channel {channel} disconnected"));
        drain.abort();
        drop(out);
        // The writer ends once its queue is empty, or after its patience
        // when the client reads nothing; it never outlives the connection,
        // nor do the frames (request bodies) still queued for it.
        if !writer.is_finished()
            && tokio::time::timeout(Duration::from_secs(2), &mut writer)
                .await
                .is_err()
        {
            writer.abort();
        }
        self.release(&owner);
    }

    /// Takes the tunnel out of the table (unless a newer connection for
    /// its channel replaced it there) and closes its streams.
    fn forget_tunnel(&self, tunnel: &Tunnel) {
        {
            let mut tunnels = self.tunnels.lock().unwrap();
            if tunnels
                .get(&tunnel.channel)
                .is_some_and(|t| t.conn == tunnel.conn)
            {
                tunnels.remove(&tunnel.channel);
            }
        }
        tunnel.close();
    }

    pub(super) fn release(&self, owner: &str) {
        if let Some(n) = self.per_token.lock().unwrap().get_mut(owner) {
            *n = n.saturating_sub(1);
        }
    }

    pub(super) async fn protocol_error(&self, tunnel: &Tunnel, why: String) {
        self.metrics.protocol_errors.fetch_add(1, Ordering::Relaxed);
        let goaway = Frame::go_away(GoAwayCode::Protocol, why);
        let _ = tunnel.out.send(goaway.into()).await;
    }

    pub(super) fn public_url(&self, channel: &str) -> String {
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
    pub(super) async fn on_frame(&self, tunnel: &Tunnel, frame: Frame) -> Result<(), String> {
        match frame {
            Frame::ResponseHead {
                stream,
                status,
                headers,
            } => {
                // An odd status fails its own request (502), never the
                // tunnel and the other requests on it: a 1xx is not a final
                // answer, and no upgrade was asked for.
                let event = if (200..=999).contains(&status) {
                    Event::Head(status, headers)
                } else {
                    let reset = Frame::reset(
                        stream,
                        ResetCode::Protocol,
                        format!("status {status} is not a final answer to this request"),
                    );
                    let _ = tunnel.out.send(reset.into()).await;
                    Event::Reset(
                        ResetCode::Protocol,
                        format!("the app answered {status}, which is not a final answer to this request"),
                    )
                };
                self.to_stream(tunnel, stream, event).await;
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

    pub(super) async fn to_stream(&self, tunnel: &Tunnel, stream: u32, event: Event) {
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
