//! The relay client: keeps one websocket to the relay open (reconnecting
//! with backoff, keeping its channel) and turns each tunnelled request into
//! a call of a [`Handler`], whose answer goes back to the public caller.

use super::claim::{Claim, Which};
use super::protocol::{
    headers_of, Frame, GoAwayCode, Headers, ResetCode, SharedValue, CLIENT_ADDRESS,
    CLUSTER_QUEUE_BIT, CONNECT_PATH, INITIAL_WINDOW, VERSIONS,
};
use super::{send_message, Outgoing};
use crate::budget::{Budget, BODY_BUDGET};
use crate::{Error, Result};
use bytes::{Bytes, BytesMut};
use futures_util::{FutureExt, SinkExt, StreamExt};
use rand::Rng;
use std::collections::HashMap;
use std::future::Future;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, OwnedSemaphorePermit, Semaphore};
use tokio_tungstenite::tungstenite::Message;

/// A request that came through the tunnel, exactly as the relay received it.
#[derive(Debug, Clone)]
pub struct TunnelRequest {
    pub method: Bytes,
    /// Path after the channel, and the query: `/hooks?x=1`.
    pub target: Bytes,
    /// Names and values as received, in order, repeated names kept.
    pub headers: Headers,
    pub body: Bytes,
    /// Whether it waited in the relay's offline queue. The public caller
    /// already got 202, so the response goes nowhere; returning `Ok` tells
    /// the relay to forget it.
    pub queued: bool,
}

/// The answer for the public caller.
#[derive(Debug, Clone)]
pub struct TunnelResponse {
    pub status: u16,
    pub headers: Headers,
    pub body: Bytes,
}

/// Why there is no response: the relay answers 502 or 504 accordingly.
#[derive(Debug, Clone)]
pub struct HandlerError {
    pub code: ResetCode,
    pub message: String,
}

/// What the client does with each tunnelled request: forward it, or run it
/// through `hooks listen`'s pipeline.
pub trait Handler: Send + Sync + 'static {
    fn handle(
        &self,
        request: TunnelRequest,
    ) -> impl Future<Output = std::result::Result<TunnelResponse, HandlerError>> + Send;
}

#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// `ws://host:port` or `http://host:port` of the relay.
    pub relay: String,
    pub token: Option<String>,
    pub channel: Option<String>,
    pub data_dir: PathBuf,
    pub fail_on_disconnect: Option<Duration>,
    pub heartbeat: Duration,
    /// Trust only this CA (PEM) for a wss:// relay, instead of the public roots.
    pub ca: Option<PathBuf>,
}

/// The relay's websocket URL for a user's `--relay` value.
pub fn connect_url(relay: &str) -> Result<String> {
    let relay = relay.trim_end_matches('/');
    // A scheme is case-insensitive (`HTTP://` is `http://`).
    let lowered;
    let relay = match relay.split_once("://") {
        Some((scheme, rest)) if scheme.chars().any(|c| c.is_ascii_uppercase()) => {
            lowered = format!("{}://{rest}", scheme.to_ascii_lowercase());
            lowered.as_str()
        }
        _ => relay,
    };
    let rest = if let Some(r) = relay
        .strip_prefix("ws://")
        .or(relay.strip_prefix("http://"))
    {
        format!("ws://{r}")
    } else if let Some(r) = relay
        .strip_prefix("wss://")
        .or(relay.strip_prefix("https://"))
    {
        format!("wss://{r}")
    } else if !relay.contains("://") {
        format!("ws://{relay}")
    } else {
        return Err(Error::usage(format!(
            "--relay {relay}: not a ws://, wss://, http:// or https:// URL"
        ))
        .with_hint("e.g. --relay wss://relay.example.com"));
    };
    Ok(format!("{rest}{CONNECT_PATH}"))
}

/// The key a relay's channel is remembered under: `ws://H:P`, `http://H:P`
/// and `ws://h:p/` are one relay and must give one channel (one public URL),
/// so the scheme is ws or wss, the host lowercase, a default port and
/// trailing slashes dropped.
fn relay_key(relay: &str) -> String {
    let Ok(ws) = connect_url(relay) else {
        return relay.to_string();
    };
    let base = ws.strip_suffix(CONNECT_PATH).unwrap_or(&ws);
    let Ok(url) = reqwest::Url::parse(base) else {
        return base.to_string();
    };
    let mut key = format!("{}://{}", url.scheme(), url.host_str().unwrap_or_default());
    if let Some(port) = url.port() {
        key.push_str(&format!(":{port}"));
    }
    key.push_str(url.path().trim_end_matches('/'));
    key
}

fn channels_path(opts: &ClientOptions) -> PathBuf {
    opts.data_dir.join("relay-channels.json")
}

fn read_channels(opts: &ClientOptions) -> HashMap<String, String> {
    std::fs::read_to_string(channels_path(opts))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

/// The channel this data dir got from this relay before, if any: under the
/// normalised key, else under a key older versions saved as typed (that
/// very spelling first).
fn saved_channel(opts: &ClientOptions) -> Option<String> {
    let map = read_channels(opts);
    let key = relay_key(&opts.relay);
    map.get(&key)
        .or_else(|| map.get(&opts.relay))
        .or_else(|| {
            let mut old: Vec<(&String, &String)> =
                map.iter().filter(|(k, _)| relay_key(k) == key).collect();
            old.sort();
            old.first().map(|(_, c)| *c)
        })
        .cloned()
}

/// Remembers the channel under the normalised key, dropping the keys older
/// versions saved for the same relay.
fn save_channel(opts: &ClientOptions, channel: &str) -> Result<()> {
    let path = channels_path(opts);
    let mut map = read_channels(opts);
    let key = relay_key(&opts.relay);
    map.retain(|k, _| relay_key(k) != key);
    map.insert(key, channel.to_string());
    let text = serde_json::to_string_pretty(&map).unwrap_or_default();
    crate::private::write(&path, text.as_bytes()).map_err(|e| {
        Error::usage(format!(
            "cannot save the relay channel in {}: {e}",
            path.display()
        ))
        .with_hint("set HOOKS_DATA_DIR to a writable directory")
    })
}

enum Ended {
    /// The connection dropped; reconnecting may help.
    Lost(String),
    /// The relay refused us for good.
    Refused(GoAwayCode, String),
    /// A newer connection claimed the channel: reconnecting would take it
    /// back, and the two would take it from each other for ever.
    Replaced(String),
}

/// How a GOAWAY ends the connection.
fn goaway(code: GoAwayCode, message: String) -> Ended {
    match code {
        GoAwayCode::Replaced => Ended::Replaced(message),
        code if code.is_permanent() => Ended::Refused(code, message),
        _ => Ended::Lost(message),
    }
}

/// Runs the client until the relay refuses it for good, or it stays
/// disconnected longer than `fail_on_disconnect`. `on_url` is called with
/// the public URL after every successful connection.
pub async fn run<H: Handler>(
    opts: ClientOptions,
    handler: Arc<H>,
    mut on_url: impl FnMut(&str),
) -> Result<()> {
    let url = connect_url(&opts.relay)?;
    let hello = Frame::Hello {
        versions: VERSIONS.to_vec(),
        token: opts.token.clone().unwrap_or_default(),
        channel: opts.channel.clone().unwrap_or_default(),
    };
    if let Err(e) = hello.encode() {
        return Err(
            Error::usage(format!("cannot introduce this client to the relay: {e}"))
                .with_hint("pass the --token the relay's admin created, and a --channel of 1-63 lowercase letters, digits or dashes"),
        );
    }
    if let Some(ca) = &opts.ca {
        tls_connector(ca)?;
    }
    // Held until the client ends: a second client of this data dir on the
    // same channel is refused before it connects.
    let key = relay_key(&opts.relay);
    let mut claims = Vec::new();
    let mut claimed = opts.channel.clone().or_else(|| saved_channel(&opts));
    if opts.channel.is_none() {
        claims.push(Claim::take(&opts.data_dir, &key, Which::Own)?);
    }
    if let Some(name) = &claimed {
        claims.push(Claim::take(&opts.data_dir, &key, Which::Named(name))?);
    }
    let mut attempt: u32 = 0;
    let mut down_since = Instant::now();
    let mut last_url = None::<String>;
    let acked = Acked::default();
    // One budget for the client's life: a request still with the app after
    // a reconnect holds its body, and its share, until it is done.
    let budget = Budget::new(BODY_BUDGET);
    loop {
        let channel = opts.channel.clone().or_else(|| saved_channel(&opts));
        let session = session(
            &url,
            &opts,
            channel,
            handler.clone(),
            acked.clone(),
            budget.clone(),
        );
        let ended = match session.await {
            Ok((public_url, ended)) => {
                // The channel the relay assigned (and the session saved) is
                // claimed too, so that a client given it by --channel is
                // refused as well.
                let assigned = saved_channel(&opts).filter(|_| opts.channel.is_none());
                if let Some(name) = assigned.filter(|name| claimed.as_ref() != Some(name)) {
                    claims.push(Claim::take(&opts.data_dir, &key, Which::Named(&name))?);
                    claimed = Some(name);
                }
                attempt = 0;
                down_since = Instant::now();
                if last_url.as_deref() != Some(public_url.as_str()) {
                    on_url(&public_url);
                    last_url = Some(public_url);
                }
                // The connection is served by a task of its own: on a
                // runtime with workers (`hooks listen --relay`), `run` itself
                // may be polled by `block_on` on the main thread, and every
                // request would then wake that thread and hand its work over
                // to a worker. (`hooks relay connect` runs on one thread.)
                let mut task = AbortOnDrop(tokio::spawn(ended));
                match (&mut task.0).await {
                    Ok(ended) => ended,
                    Err(e) => Ended::Lost(e.to_string()),
                }
            }
            Err(ended) => ended,
        };
        match ended {
            Ended::Refused(code, message) => {
                let hint = match code {
                    GoAwayCode::BadToken => "check --token; the relay's admin creates tokens with `hooks relay token add NAME`",
                    GoAwayCode::ChannelTaken => "pick another --channel, or use the token that claimed it",
                    GoAwayCode::Version => "use the same hooks version as the relay",
                    _ => "use a channel of 1-63 lowercase letters, digits or dashes",
                };
                return Err(
                    Error::usage(format!("the relay refused the connection: {message}"))
                        .with_hint(hint),
                );
            }
            Ended::Replaced(message) => {
                return Err(Error::usage(format!(
                    "relay: stopped, {}: another client (hooks listen --relay or hooks relay connect, maybe on another machine) connected to {} with this channel",
                    message.escape_debug(),
                    opts.relay
                ))
                .with_hint("stop the other client, or give each its own --channel NAME"));
            }
            Ended::Lost(why) => {
                if attempt == 0 {
                    crate::output::note(format!("relay: offline ({why})"));
                }
            }
        }
        attempt += 1;
        let base = Duration::from_millis(250) * 2u32.saturating_pow(attempt.min(7));
        let base = base.min(Duration::from_secs(30));
        let delay = base.mul_f64(rand::thread_rng().gen_range(0.5..1.0));
        if let Some(limit) = opts.fail_on_disconnect {
            let down = down_since.elapsed();
            if down >= limit {
                return Err(Error::network(format!(
                    "disconnected from the relay {} for {} (--fail-on-disconnect {})",
                    opts.relay,
                    humantime::format_duration(Duration::from_secs(down.as_secs())),
                    humantime::format_duration(limit)
                ))
                .with_hint("check that the relay is running and reachable"));
            }
        }
        crate::output::note(format!(
            "relay: reconnecting in {:.1}s (attempt {attempt})",
            delay.as_secs_f64()
        ));
        let delay = match opts.fail_on_disconnect {
            Some(limit) => {
                delay.min(limit.saturating_sub(down_since.elapsed()) + Duration::from_millis(10))
            }
            None => delay,
        };
        tokio::time::sleep(delay).await;
    }
}

/// A task that is aborted when its handle is dropped, so that the connection
/// ends with the future that awaits it.
struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// A stream the relay opened. Its request body is gathered here by the
/// connection's reader, so the handler task starts only once the request is
/// complete: no channel and no task wake-up per body chunk.
struct Stream {
    /// The request until its END arrives; `None` once handed to the handler.
    pending: Option<Pending>,
    /// Our window to send response body bytes on this stream.
    window: Arc<Semaphore>,
}

struct Pending {
    queue_id: u64,
    request: TunnelRequest,
    /// Its share of the [`BODY_BUDGET`], held until the request is done.
    held: Option<OwnedSemaphorePermit>,
    /// The length its Content-Length declares (covered when the head
    /// came), so that a long body is gathered without regrowing.
    declared: usize,
    /// Refused for the budget, body dropped: a queued request goes on to
    /// the queue's task like any other, to be reset in its turn.
    refused: bool,
    /// The body so far. A body of one DATA frame (most are) is that
    /// frame's bytes, not a copy.
    body: Bytes,
    /// A longer body's chunks, gathered.
    gathered: BytesMut,
    /// Body bytes consumed and not yet granted back to the relay.
    unacked: u32,
}

type Streams = Arc<Mutex<HashMap<u32, Stream>>>;

/// What a request refused for the [`BODY_BUDGET`] is told.
const OVER_BUDGET: &str =
    "hooks: this machine holds as many request bodies as it may at once (64 MiB); retry shortly";

/// Connects and says hello. On success returns the public URL and a future
/// that serves the connection until it ends.
async fn session<H: Handler>(
    url: &str,
    opts: &ClientOptions,
    channel: Option<String>,
    handler: Arc<H>,
    acked: Acked,
    budget: Budget,
) -> std::result::Result<(String, impl Future<Output = Ended> + Send + 'static), Ended> {
    let lost = |e: &dyn std::fmt::Display| Ended::Lost(e.to_string());
    let connector = match &opts.ca {
        Some(ca) => Some(tls_connector(ca).map_err(|e| Ended::Lost(e.to_string()))?),
        None => None,
    };
    let connect = tokio_tungstenite::connect_async_tls_with_config(
        url,
        Some(super::server::ws_config(super::server::CLIENT_READ_BUFFER)),
        true,
        connector,
    );
    let (ws, _) = tokio::time::timeout(Duration::from_secs(10), connect)
        .await
        .map_err(|_| Ended::Lost("connecting timed out".into()))?
        .map_err(|e| lost(&e))?;
    let (mut sink, mut stream) = ws.split();
    let hello = Frame::Hello {
        versions: VERSIONS.to_vec(),
        token: opts.token.clone().unwrap_or_default(),
        channel: channel.unwrap_or_default(),
    };
    let hello = hello.encode().map_err(|e| lost(&e))?;
    sink.send(Message::Binary(hello))
        .await
        .map_err(|e| lost(&e))?;
    let first = tokio::time::timeout(Duration::from_secs(10), stream.next())
        .await
        .map_err(|_| Ended::Lost("the relay did not answer HELLO".into()))?;
    let welcome = match first {
        Some(Ok(Message::Binary(b))) => Frame::decode(b).map_err(|e| lost(&e))?,
        Some(Err(e)) => return Err(lost(&e)),
        _ => return Err(Ended::Lost("the relay closed the connection".into())),
    };
    let (version, channel, public_url) = match welcome {
        Frame::Welcome {
            version,
            channel,
            public_url,
        } => (version, channel, public_url),
        Frame::GoAway { code, message } => return Err(goaway(code, message)),
        other => return Err(Ended::Lost(format!("unexpected first frame {other:?}"))),
    };
    if opts.channel.is_none() {
        if let Err(e) = save_channel(opts, &channel) {
            crate::output::note(format!("relay: {e}"));
        }
    }
    crate::output::note(format!(
        "relay: connected to {} (channel {channel})",
        opts.relay
    ));
    let heartbeat = opts.heartbeat;
    let serve = async move {
        let (out, out_rx) = mpsc::channel::<Outgoing>(256);
        // A relay that reads nothing for two heartbeat intervals counts as
        // gone, as one that sends nothing does.
        let mut writer = tokio::spawn(super::write_frames(sink, out_rx, heartbeat * 2));
        let streams: Streams = Arc::new(Mutex::new(HashMap::new()));
        let (queue_tx, queue_rx) = mpsc::unbounded_channel();
        let queue = QueueIn {
            tx: queue_tx,
            failed: Arc::new(Mutex::new(None)),
        };
        let worker = tokio::spawn(serve_queue(
            queue_rx,
            out.clone(),
            streams.clone(),
            handler.clone(),
            (version >= 2).then(|| queue.failed.clone()),
            acked,
        ));
        let mut ping = tokio::time::interval(heartbeat / 2);
        let mut last_seen = Instant::now();
        let ended = loop {
            tokio::select! {
                msg = stream.next() => {
                    last_seen = Instant::now();
                    match msg {
                        Some(Ok(Message::Binary(b))) => match Frame::decode(b) {
                            Ok(Frame::GoAway { code, message }) => {
                                break goaway(code, message);
                            }
                            Ok(frame) => on_frame(frame, &out, &streams, &handler, &queue, &budget).await,
                            Err(e) => break Ended::Lost(format!("malformed frame from the relay: {e}")),
                        },
                        Some(Ok(Message::Close(_))) | None => break Ended::Lost("the relay closed the connection".into()),
                        Some(Err(e)) => break Ended::Lost(e.to_string()),
                        Some(Ok(_)) => {}
                    }
                }
                _ = ping.tick() => {
                    if last_seen.elapsed() > heartbeat * 2 {
                        break Ended::Lost(format!("no heartbeat from the relay for {}", humantime::format_duration(heartbeat * 2)));
                    }
                    let _ = out.try_send(Frame::Ping(0).into());
                }
                written = &mut writer => {
                    break Ended::Lost(match written {
                        Ok(Err(_)) => format!("the relay read nothing for {}", humantime::format_duration(heartbeat * 2)),
                        _ => "the connection to the relay failed".into(),
                    });
                }
            }
        };
        for (_, s) in streams.lock().unwrap().drain() {
            s.window.close();
        }
        worker.abort();
        writer.abort();
        ended
    };
    Ok((public_url, serve))
}

/// A TLS connector that trusts only the CA certificates in `ca` (PEM).
pub fn tls_connector(ca: &std::path::Path) -> Result<tokio_tungstenite::Connector> {
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::CertificateDer;
    use tokio_rustls::rustls;
    let bad = |e: &dyn std::fmt::Display| {
        Error::usage(format!("cannot read the relay CA {}: {e}", ca.display()))
            .with_hint(
                "pass --relay-ca with the PEM certificate that issued the relay's (`hooks relay serve --tls-cert`)",
            )
    };
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_file_iter(ca).map_err(|e| bad(&e))? {
        roots.add(cert.map_err(|e| bad(&e))?).map_err(|e| bad(&e))?;
    }
    let config = rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| bad(&e))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(tokio_tungstenite::Connector::Rustls(std::sync::Arc::new(
        config,
    )))
}

/// Where the connection's reader hands queued requests to the task that
/// handles them one at a time, in the order the relay sent them.
struct QueueIn {
    tx: mpsc::UnboundedSender<(u32, Pending)>,
    /// With protocol version 2: the stream of the queued request that
    /// failed, until the relay answers its reset with one of its own. Until
    /// then every queued request is refused, so none overtakes the one that
    /// failed (the relay sends the queue again from it).
    failed: Arc<Mutex<Option<u32>>>,
}

async fn on_frame<H: Handler>(
    frame: Frame,
    out: &mpsc::Sender<Outgoing>,
    streams: &Streams,
    handler: &Arc<H>,
    queue: &QueueIn,
    budget: &Budget,
) {
    match frame {
        Frame::RequestHead {
            stream,
            queue_id,
            method,
            target,
            headers,
        } => {
            // A declared length is covered at once: bodies then either fit
            // whole or are refused before any of them is sent, instead of
            // all growing at once until none fits.
            let declared =
                crate::hop::declared_length(headers.iter().map(|(n, v)| (n.as_ref(), v.as_ref())))
                    .ok()
                    .flatten()
                    .unwrap_or(0);
            let mut held = None;
            let fits = budget.try_cover(&mut held, declared);
            let pending = Pending {
                queue_id,
                request: TunnelRequest {
                    method,
                    target,
                    headers,
                    body: Bytes::new(),
                    queued: queue_id != 0,
                },
                held,
                declared: declared.min(BODY_BUDGET) as usize,
                refused: false,
                body: Bytes::new(),
                gathered: BytesMut::new(),
                unacked: 0,
            };
            streams.lock().unwrap().insert(
                stream,
                Stream {
                    pending: Some(pending),
                    window: Arc::new(Semaphore::new(INITIAL_WINDOW as usize)),
                },
            );
            if !fits {
                refuse(stream, out, streams, queue);
            }
        }
        Frame::Data { stream, data } => {
            // Grant more window once half of it is consumed, as the relay
            // does: a small body needs no update at all.
            let (update, fits) = {
                let mut streams = streams.lock().unwrap();
                match streams.get_mut(&stream).and_then(|s| s.pending.as_mut()) {
                    Some(p) => {
                        let len = p.body.len() + p.gathered.len() + data.len();
                        if !budget.try_cover(&mut p.held, len as u64) {
                            (None, false)
                        } else {
                            p.unacked += data.len() as u32;
                            if p.body.is_empty() && p.gathered.is_empty() {
                                p.body = data;
                            } else {
                                if p.gathered.is_empty() {
                                    p.gathered.reserve(p.declared.max(len));
                                }
                                p.gathered.extend_from_slice(&std::mem::take(&mut p.body));
                                p.gathered.extend_from_slice(&data);
                            }
                            let update = (p.unacked >= INITIAL_WINDOW / 2)
                                .then(|| std::mem::take(&mut p.unacked));
                            (update, true)
                        }
                    }
                    None => (None, true),
                }
            };
            if !fits {
                refuse(stream, out, streams, queue);
            }
            if let Some(increment) = update {
                let _ = out
                    .send(Frame::WindowUpdate { stream, increment }.into())
                    .await;
            }
        }
        Frame::End { stream } => {
            let ready = {
                let mut streams = streams.lock().unwrap();
                streams
                    .get_mut(&stream)
                    .and_then(|s| Some((s.pending.take()?, s.window.clone())))
            };
            if let Some((pending, window)) = ready {
                if pending.queue_id != 0 {
                    let _ = queue.tx.send((stream, pending));
                    return;
                }
                tokio::spawn(serve_stream(
                    stream,
                    pending,
                    window,
                    out.clone(),
                    streams.clone(),
                    handler.clone(),
                ));
            }
        }
        Frame::Reset { stream, .. } => {
            if let Some(s) = streams.lock().unwrap().remove(&stream) {
                s.window.close();
            }
            let mut failed = queue.failed.lock().unwrap();
            if *failed == Some(stream) {
                *failed = None;
            }
        }
        Frame::WindowUpdate { stream, increment } => {
            if let Some(s) = streams.lock().unwrap().get(&stream) {
                if s.window.available_permits() + (increment as usize) <= 64 << 20 {
                    s.window.add_permits(increment as usize);
                }
            }
        }
        Frame::Ping(n) => {
            let _ = out.send(Frame::Pong(n).into()).await;
        }
        _ => {}
    }
}

/// Refuses a request that would take the client over its [`BODY_BUDGET`],
/// dropping what it gathered. A live one is answered 503 with
/// `Retry-After: 1`, then reset, so that the relay stops sending its body
/// at once; the tunnel and the other streams go on. A queued one goes on
/// to the queue's task, which resets it in its turn (not acknowledged: the
/// relay keeps it and sends it again).
fn refuse(stream: u32, out: &mpsc::Sender<Outgoing>, streams: &Streams, queue: &QueueIn) {
    let (pending, window) = {
        let mut streams = streams.lock().unwrap();
        let Some(s) = streams.get_mut(&stream) else {
            return;
        };
        let Some(pending) = s.pending.take() else {
            return;
        };
        let window = s.window.clone();
        if pending.queue_id == 0 {
            streams.remove(&stream);
        }
        (pending, window)
    };
    let pending = Pending {
        held: None,
        refused: true,
        body: Bytes::new(),
        gathered: BytesMut::new(),
        ..pending
    };
    if pending.queue_id != 0 {
        let _ = queue.tx.send((stream, pending));
        return;
    }
    let head = Frame::ResponseHead {
        stream,
        status: 503,
        headers: vec![
            (
                Bytes::from_static(b"content-type"),
                Bytes::from_static(b"text/plain; charset=utf-8"),
            ),
            (Bytes::from_static(b"retry-after"), Bytes::from_static(b"1")),
        ],
    };
    let out = out.clone();
    tokio::spawn(async move {
        let Ok(head) = head.encode() else {
            return;
        };
        let body = Bytes::from(format!("{OVER_BUDGET}\n"));
        if send_message(&out, stream, head, &window, body).await {
            let reset = Frame::reset(stream, ResetCode::Cancel, OVER_BUDGET);
            let _ = out.send(reset.into()).await;
        }
    });
}

impl Pending {
    /// The complete request, with its body, and its share of the budget.
    fn into_request(self) -> (u64, TunnelRequest, Option<OwnedSemaphorePermit>) {
        let Pending {
            queue_id,
            mut request,
            held,
            body,
            gathered,
            ..
        } = self;
        request.body = if gathered.is_empty() {
            body
        } else {
            gathered.freeze()
        };
        (queue_id, request, held)
    }
}

/// The ids of cluster-queued requests (see [`CLUSTER_QUEUE_BIT`]) this
/// client handled and acknowledged, the last [`Acked::KEEP`], kept across
/// reconnects: a node that fails between the client's ACK and its removal
/// from the queue hands the request out again, and it is acknowledged again
/// without a second delivery.
#[derive(Clone, Default)]
struct Acked(
    Arc<
        Mutex<(
            std::collections::HashSet<u64>,
            std::collections::VecDeque<u64>,
        )>,
    >,
);

impl Acked {
    const KEEP: usize = 4096;

    fn contains(&self, queue_id: u64) -> bool {
        queue_id & CLUSTER_QUEUE_BIT != 0 && self.0.lock().unwrap().0.contains(&queue_id)
    }

    fn insert(&self, queue_id: u64) {
        if queue_id & CLUSTER_QUEUE_BIT == 0 {
            return;
        }
        let mut guard = self.0.lock().unwrap();
        let (set, order) = &mut *guard;
        if set.insert(queue_id) {
            order.push_back(queue_id);
            if order.len() > Self::KEEP {
                if let Some(old) = order.pop_front() {
                    set.remove(&old);
                }
            }
        }
    }
}

/// Handles the connection's queued requests one at a time, in order, and
/// acknowledges each once the handler recorded it. `failed` is set with
/// protocol version 2 (see [`QueueIn::failed`]).
async fn serve_queue<H: Handler>(
    mut queue: mpsc::UnboundedReceiver<(u32, Pending)>,
    out: mpsc::Sender<Outgoing>,
    streams: Streams,
    handler: Arc<H>,
    failed: Option<Arc<Mutex<Option<u32>>>>,
    acked: Acked,
) {
    let open = |stream: u32| streams.lock().unwrap().contains_key(&stream);
    while let Some((stream, pending)) = queue.recv().await {
        if !open(stream) {
            continue;
        }
        if failed.as_ref().is_some_and(|f| f.lock().unwrap().is_some()) {
            streams.lock().unwrap().remove(&stream);
            let reset = Frame::Reset {
                stream,
                code: ResetCode::Cancel,
                message: "an earlier queued request failed".into(),
            };
            let _ = out.send(reset.into()).await;
            continue;
        }
        if pending.refused {
            streams.lock().unwrap().remove(&stream);
            if let Some(failed) = &failed {
                *failed.lock().unwrap() = Some(stream);
            }
            let reset = Frame::reset(stream, ResetCode::Internal, OVER_BUDGET);
            let _ = out.send(reset.into()).await;
            continue;
        }
        let (queue_id, request, _held) = pending.into_request();
        if acked.contains(queue_id) {
            // A cluster node handed out again what this client handled and
            // acknowledged already (it failed before it removed it).
            streams.lock().unwrap().remove(&stream);
            let _ = out.send(Frame::Ack { queue_id }.into()).await;
            continue;
        }
        let result = handler.handle(request).await;
        if !open(stream) {
            continue;
        }
        let answer = match result {
            Ok(_) => {
                acked.insert(queue_id);
                Frame::Ack { queue_id }
            }
            Err(e) => {
                if let Some(failed) = &failed {
                    *failed.lock().unwrap() = Some(stream);
                }
                Frame::Reset {
                    stream,
                    code: e.code,
                    message: e.message,
                }
            }
        };
        streams.lock().unwrap().remove(&stream);
        let _ = out.send(answer.into()).await;
    }
}

/// Runs the handler for one complete live request and sends its answer back.
async fn serve_stream<H: Handler>(
    stream: u32,
    pending: Pending,
    window: Arc<Semaphore>,
    out: mpsc::Sender<Outgoing>,
    streams: Streams,
    handler: Arc<H>,
) {
    let (_, request, _held) = pending.into_request();
    let result = handler.handle(request).await;
    if !streams.lock().unwrap().contains_key(&stream) {
        return;
    }
    match result {
        Ok(response) => {
            let head = Frame::ResponseHead {
                stream,
                status: response.status,
                headers: response
                    .headers
                    .into_iter()
                    .filter(|(n, _)| !crate::hop::is_hop_by_hop(n))
                    .collect(),
            };
            match head.encode() {
                Ok(head) => {
                    send_message(&out, stream, head, &window, response.body).await;
                }
                // This request fails alone (the relay answers 502); the
                // connection and the other streams carry on.
                Err(e) => {
                    let message = format!("the app's response head cannot be relayed: {e}");
                    crate::output::note(format!("relay: {message}"));
                    let reset = Frame::reset(stream, ResetCode::Internal, message);
                    let _ = out.send(reset.into()).await;
                }
            }
        }
        Err(e) => {
            let reset = Frame::reset(stream, e.code, e.message);
            let _ = out.send(reset.into()).await;
        }
    }
    streams.lock().unwrap().remove(&stream);
}

/// A [`Handler`] that forwards each request to a local URL with its exact
/// method, path, query, headers and body (only `Host` and hop-by-hop
/// headers are the forwarder's own).
pub struct Forward {
    pub base: http::Uri,
    pub timeout: Duration,
    /// Idle keep-alive connections to the app, each with the moment it was
    /// put back: the oldest first, since the newest is taken first.
    idle: Mutex<Vec<(Instant, AppConn)>>,
    /// How long a connection may stay idle before it is closed.
    idle_limit: Duration,
}

/// How long a kept-alive connection to the app may sit unused before the
/// client closes it. Idle connections are not polled (see [`AppConn`]), so
/// one the app closed stays half-closed (CLOSE_WAIT) until it is taken; the
/// newest is taken first, so after a burst the older ones would never be.
/// Closing them after this long releases those sockets.
const APP_IDLE_LIMIT: Duration = Duration::from_secs(30);

/// A keep-alive HTTP/1.1 connection to the app. It has no task of its own:
/// the task that sends a request on it drives it until the response body is
/// read (a spawned connection task would cost two wake-ups per request).
struct AppConn {
    sender: hyper::client::conn::http1::SendRequest<http_body_util::Full<Bytes>>,
    /// `None` once the connection ended. Dropping it hands a request that
    /// was queued but never written back to its sender.
    conn: Option<
        hyper::client::conn::http1::Connection<
            hyper_util::rt::TokioIo<tokio::net::TcpStream>,
            http_body_util::Full<Bytes>,
        >,
    >,
}

impl AppConn {
    /// Runs `work` to completion while driving the connection.
    async fn drive<F: Future>(&mut self, work: F) -> F::Output {
        let mut work = std::pin::pin!(work);
        std::future::poll_fn(|cx| {
            if let Some(conn) = self.conn.as_mut() {
                if conn.poll_unpin(cx).is_ready() {
                    self.conn = None;
                }
            }
            work.as_mut().poll(cx)
        })
        .await
    }

    /// Whether the connection noticed no end so far: an idle connection the
    /// app closed is seen at the next use, before the request is written.
    fn is_open(&self) -> bool {
        self.conn.is_some() && !self.sender.is_closed()
    }
}

impl Forward {
    pub fn new(url: &str, timeout: Duration) -> Result<Forward> {
        let url = if let Some(url) = crate::outbound::port_shorthand(url, "127.0.0.1") {
            url
        } else if !url.contains("://") {
            format!("http://{url}")
        } else {
            url.to_string()
        };
        let base: http::Uri = url.parse().map_err(|e| {
            Error::usage(format!("--forward {url}: {e}"))
                .with_hint("e.g. --forward http://localhost:3000")
        })?;
        if base.scheme_str() != Some("http") || base.authority().is_none() {
            return Err(Error::usage(format!(
                "--forward {url}: only http://HOST:PORT targets are supported"
            ))
            .with_hint("e.g. --forward http://localhost:3000"));
        }
        Ok(Forward {
            base,
            timeout,
            idle: Mutex::new(Vec::new()),
            idle_limit: APP_IDLE_LIMIT,
        })
    }

    async fn send(
        &self,
        request: TunnelRequest,
    ) -> std::result::Result<TunnelResponse, HandlerError> {
        let refused = |m: String| HandlerError {
            code: ResetCode::AppRefused,
            message: m,
        };
        let authority = self.base.authority().expect("checked in new").clone();
        let prefix = self.base.path().trim_end_matches('/');
        if !prefix.is_empty() && crate::hop::climbs(&request.target) {
            return Ok(outside_prefix(prefix, &request.target));
        }
        let target = if prefix.is_empty() {
            request.target
        } else {
            let mut target = prefix.as_bytes().to_vec();
            target.extend_from_slice(&request.target);
            Bytes::from(target)
        };
        // The target and the header values are taken as they are, not
        // copied; an invalid one fails in the builder as before.
        let builder = hyper::Request::builder().method(request.method.as_ref());
        let mut builder = match http::Uri::from_maybe_shared(target.clone()) {
            Ok(uri) => builder.uri(uri),
            Err(_) => builder.uri(target.as_ref()),
        }
        .header(http::header::HOST, authority.as_str());
        let hop = crate::hop::HopFields::of(
            request
                .headers
                .iter()
                .map(|(n, v)| (n.as_ref(), v.as_ref())),
        );
        for (name, value) in &request.headers {
            if hop.drops(name)
                || name.eq_ignore_ascii_case(b"host")
                || name.eq_ignore_ascii_case(CLIENT_ADDRESS.as_bytes())
            {
                continue;
            }
            builder = builder.header(name.as_ref(), SharedValue(value.clone()));
        }
        let req = builder
            .body(http_body_util::Full::new(request.body))
            .map_err(|e| HandlerError {
                code: ResetCode::Internal,
                message: format!("cannot rebuild the request: {e}"),
            })?;
        let answer = async {
            use http_body_util::BodyExt;
            let (mut idle, mut req) = (self.take_idle(), req);
            let (response, mut conn) = loop {
                let reused = idle.is_some();
                let mut conn = match idle.take() {
                    Some(c) => c,
                    None => self
                        .connect(&authority)
                        .await
                        .map_err(|e| refused(format!("{authority}: {e}")))?,
                };
                let sent = conn.sender.try_send_request(req);
                match conn.drive(sent).await {
                    Ok(r) => break (r, conn),
                    // A kept-alive connection the app closed meanwhile: the
                    // request was not sent, so sending it on a new one is safe.
                    Err(mut e) => match e.take_message() {
                        Some(back) if reused => req = back,
                        _ => return Err(refused(e.into_error().to_string())),
                    },
                }
            };
            // An answer that cannot be passed on fails this request alone
            // (502), and its connection is not kept: a 1xx as the final
            // answer (no upgrade was asked for), or broken framing.
            let status = response.status().as_u16();
            if status < 200 {
                return Err(refused(format!(
                    "the app answered {status} to a request that asked for no upgrade"
                )));
            }
            let hop = crate::hop::HopFields::of(
                response
                    .headers()
                    .iter()
                    .map(|(n, v)| (n.as_str().as_bytes(), v.as_bytes())),
            );
            crate::hop::declared_length(
                response
                    .headers()
                    .iter()
                    .map(|(n, v)| (n.as_str().as_bytes(), v.as_bytes())),
            )
            .map_err(|why| refused(format!("the app's response head is broken: {why}")))?;
            let (parts, body) = response.into_parts();
            let body = conn
                .drive(body.collect())
                .await
                .map_err(|e| refused(format!("the app's response body failed: {e}")))?
                .to_bytes();
            if conn.is_open() {
                self.idle.lock().unwrap().push((Instant::now(), conn));
            }
            // Content-Length stays, as a claim the relay checks against the
            // body (it matches: hyper read the body by it).
            let headers = headers_of(&parts.headers)
                .into_iter()
                .filter(|(n, _)| !hop.drops(n) || n.eq_ignore_ascii_case(b"content-length"))
                .collect();
            Ok(TunnelResponse {
                status,
                headers,
                body,
            })
        };
        tokio::time::timeout(self.timeout, answer)
            .await
            .map_err(|_| HandlerError {
                code: ResetCode::AppTimeout,
                message: format!(
                    "{authority} did not answer within {}",
                    humantime::format_duration(self.timeout)
                ),
            })?
    }
}

/// 400 for a target that would climb above the `--forward` path prefix:
/// nothing is sent to the app.
fn outside_prefix(prefix: &str, target: &[u8]) -> TunnelResponse {
    let message = format!(
        "hooks: refused: the path {} would reach outside {prefix}; nothing was forwarded\n",
        String::from_utf8_lossy(target).escape_debug()
    );
    crate::output::note(format!("relay: {}", message.trim_end()));
    TunnelResponse {
        status: 400,
        headers: vec![(
            Bytes::from_static(b"content-type"),
            Bytes::from_static(b"text/plain; charset=utf-8"),
        )],
        body: Bytes::from(message),
    }
}

impl Forward {
    fn take_idle(&self) -> Option<AppConn> {
        let mut idle = self.idle.lock().unwrap();
        let stale = idle.partition_point(|(since, _)| since.elapsed() >= self.idle_limit);
        idle.drain(..stale);
        while let Some((_, conn)) = idle.pop() {
            if conn.is_open() {
                return Some(conn);
            }
        }
        None
    }

    async fn connect(&self, authority: &http::uri::Authority) -> std::io::Result<AppConn> {
        let port = authority.port_u16().unwrap_or(80);
        let tcp = tokio::net::TcpStream::connect((authority.host(), port)).await?;
        let _ = tcp.set_nodelay(true);
        let (sender, conn) =
            hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(tcp))
                .await
                .map_err(std::io::Error::other)?;
        Ok(AppConn {
            sender,
            conn: Some(conn),
        })
    }
}

impl Handler for Forward {
    fn handle(
        &self,
        request: TunnelRequest,
    ) -> impl Future<Output = std::result::Result<TunnelResponse, HandlerError>> + Send {
        self.send(request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// An app that answers each request with a keep-alive response, then
    /// closes that connection when told to, and reports the close.
    async fn closing_app() -> (u16, mpsc::UnboundedSender<()>, mpsc::UnboundedReceiver<()>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (close, mut close_rx) = mpsc::unbounded_channel::<()>();
        let (closed, closed_rx) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            while let Ok((mut tcp, _)) = listener.accept().await {
                let mut seen = Vec::new();
                let mut buf = [0u8; 4096];
                // The request: its head, then the 2 body bytes it declares.
                while !seen.ends_with(b"\r\n\r\nhi") {
                    match tcp.read(&mut buf).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => seen.extend_from_slice(&buf[..n]),
                    }
                }
                let _ = tcp
                    .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok")
                    .await;
                close_rx.recv().await;
                drop(tcp);
                let _ = closed.send(());
            }
        });
        (port, close, closed_rx)
    }

    fn request() -> TunnelRequest {
        TunnelRequest {
            method: Bytes::from_static(b"POST"),
            target: Bytes::from_static(b"/hook"),
            headers: vec![(
                Bytes::from_static(b"content-length"),
                Bytes::from_static(b"2"),
            )],
            body: Bytes::from_static(b"hi"),
            queued: false,
        }
    }

    /// An app that keeps every connection open and reports each one the
    /// client closes.
    async fn keep_alive_app() -> (u16, mpsc::UnboundedReceiver<()>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (closed, closed_rx) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            while let Ok((mut tcp, _)) = listener.accept().await {
                let closed = closed.clone();
                tokio::spawn(async move {
                    let mut seen = Vec::new();
                    let mut buf = [0u8; 4096];
                    loop {
                        match tcp.read(&mut buf).await {
                            Ok(0) | Err(_) => break,
                            Ok(n) => seen.extend_from_slice(&buf[..n]),
                        }
                        if seen.ends_with(b"\r\n\r\nhi") {
                            seen.clear();
                            let reply = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok";
                            if tcp.write_all(reply).await.is_err() {
                                break;
                            }
                        }
                    }
                    let _ = closed.send(());
                });
            }
        });
        (port, closed_rx)
    }

    /// `ws://H:P`, `http://H:P` and `ws://h:p/` are one relay: one key,
    /// so one saved channel and one public URL.
    #[test]
    fn relay_keys_are_normalised() {
        for spelling in [
            "ws://Relay.Example:8788",
            "http://relay.example:8788/",
            "relay.example:8788//",
        ] {
            assert_eq!(relay_key(spelling), "ws://relay.example:8788", "{spelling}");
        }
        for spelling in [
            "wss://relay.example:443/",
            "https://RELAY.example",
            "HTTPS://relay.example",
        ] {
            assert_eq!(relay_key(spelling), "wss://relay.example", "{spelling}");
        }
        assert_eq!(relay_key("ws://relay.example:80"), "ws://relay.example");
        assert_eq!(relay_key("http://h:1/base/"), "ws://h:1/base");
    }

    /// A channel saved under an old, unnormalised key is found from any
    /// spelling, and saving again leaves one key for the relay.
    #[test]
    fn channels_saved_under_old_keys_are_found_and_merged() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("relay-channels.json"),
            r#"{"http://127.0.0.1:9/":"old-one","ws://other:1":"other"}"#,
        )
        .unwrap();
        let opts = |relay: &str| ClientOptions {
            relay: relay.into(),
            token: None,
            channel: None,
            data_dir: dir.path().into(),
            fail_on_disconnect: None,
            heartbeat: Duration::from_secs(10),
            ca: None,
        };
        for spelling in [
            "ws://127.0.0.1:9",
            "http://127.0.0.1:9",
            "ws://127.0.0.1:9/",
        ] {
            assert_eq!(saved_channel(&opts(spelling)).as_deref(), Some("old-one"));
        }
        save_channel(&opts("ws://127.0.0.1:9/"), "old-one").unwrap();
        let text = std::fs::read_to_string(dir.path().join("relay-channels.json")).unwrap();
        let map: HashMap<String, String> = serde_json::from_str(&text).unwrap();
        assert_eq!(map.len(), 2, "{map:?}");
        assert_eq!(map["ws://127.0.0.1:9"], "old-one");
        assert_eq!(map["ws://other:1"], "other");
    }

    /// `relay connect --forward 3000/webhooks` is a local port and a path,
    /// not the host `3000` (an IPv4 address to a URL parser).
    #[test]
    fn a_port_and_a_path_forward_to_the_local_port() {
        let forward = Forward::new("3000/webhooks", Duration::from_secs(1)).unwrap();
        assert_eq!(forward.base.to_string(), "http://127.0.0.1:3000/webhooks");
        let forward = Forward::new("3000", Duration::from_secs(1)).unwrap();
        assert_eq!(forward.base.to_string(), "http://127.0.0.1:3000/");
    }

    /// Connections left idle longer than the limit are closed when the pool
    /// is next used, even those the newest-first reuse would never reach.
    #[tokio::test]
    async fn connections_idle_past_the_limit_are_closed() {
        let (port, mut closed) = keep_alive_app().await;
        let mut forward = Forward::new(&port.to_string(), Duration::from_secs(10)).unwrap();
        forward.idle_limit = Duration::from_millis(200);
        let (a, b) = tokio::join!(forward.send(request()), forward.send(request()));
        assert!(a.is_ok() && b.is_ok());
        assert_eq!(forward.idle.lock().unwrap().len(), 2);
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(forward.send(request()).await.is_ok());
        for _ in 0..2 {
            tokio::time::timeout(Duration::from_secs(5), closed.recv())
                .await
                .expect("the app saw an idle connection closed")
                .unwrap();
        }
        assert_eq!(forward.idle.lock().unwrap().len(), 1, "the new one is kept");
    }

    /// A kept-alive connection the app closed while it was idle is never
    /// used for the next request: that request goes out on a new connection
    /// instead of failing with 502.
    #[tokio::test]
    async fn an_idle_connection_the_app_closed_is_not_a_502() {
        let (port, close, mut closed) = closing_app().await;
        let forward = Forward::new(&port.to_string(), Duration::from_secs(10)).unwrap();
        for _ in 0..3 {
            let answer = forward.send(request()).await;
            assert_eq!(answer.map(|r| r.body).ok(), Some(Bytes::from_static(b"ok")));
            close.send(()).unwrap();
            closed.recv().await.unwrap();
            // Let the runtime see the app's FIN before the next request.
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}
