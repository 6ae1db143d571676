//! The relay's public HTTP side: a request for a channel in, its answer out.
//!
//! It parses the channel and target, applies the rate limit and the size
//! limits, reads the body with an idle timeout and a deadline, and answers.

use super::super::protocol::{
    headers_of, request_head_len, EncodeError, Field, Frame, Headers, ResetCode, SharedValue,
    CLIENT_ADDRESS, CONNECT_PATH, INITIAL_WINDOW, MAX_CHUNK, MAX_FRAME,
};
use super::super::{send_chunks, send_message, Outgoing};
use super::route::{Route, RouteError};
use super::tunnels::{Event, StreamGuard, StreamShared, Tunnel};
use super::{full, retry_soon, text, Body, Relay};
use crate::hop;
use crate::lingering::Lingering;
use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use http_body_util::{BodyExt, StreamBody};
use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::fmt;
use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

impl Relay {
    /// Serves one public HTTP/1.1 connection (plain or TLS) from `peer`.
    pub(super) async fn serve_http<I>(self: Arc<Self>, io: I, peer: SocketAddr)
    where
        I: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
    {
        let service = hyper::service::service_fn(move |req| {
            let relay = self.clone();
            async move {
                let chunked = hop::closes_after(req.headers());
                let mut response = relay.route(req, peer).await;
                if chunked {
                    hop::close_after(response.headers_mut());
                }
                Ok::<_, std::convert::Infallible>(response)
            }
        });
        let _ = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(Duration::from_secs(10))
            .max_buf_size(MAX_FRAME)
            .serve_connection(TokioIo::new(Lingering::new(io)), service)
            .with_upgrades()
            .await;
    }

    pub(super) async fn route(
        self: &Arc<Self>,
        req: Request<Incoming>,
        peer: SocketAddr,
    ) -> Response<Body> {
        let path = req.uri().path().to_string();
        let response = if path == CONNECT_PATH {
            return self.upgrade(req);
        } else if let Err(refusal) = hop::check_request(req.version(), req.headers()) {
            let mut response = text(
                StatusCode::from_u16(refusal.status).unwrap_or(StatusCode::BAD_REQUEST),
                format!("hooks relay: {}", refusal.why),
            );
            response.headers_mut().insert(
                http::header::CONNECTION,
                http::HeaderValue::from_static("close"),
            );
            response
        } else if let Some((channel, target)) = self.channel_of(&req) {
            self.public(req, channel, target, peer).await
        } else if path == "/healthz" {
            self.healthz()
        } else if path == "/readyz" {
            self.readyz()
        } else if path == "/metrics" {
            return self.metrics().await;
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
    pub(super) fn channel_of(&self, req: &Request<Incoming>) -> Option<(String, Vec<u8>)> {
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

    /// The scheme public callers use when no trusted proxy says otherwise:
    /// `https` when the relay serves TLS itself or its `--public-url` is
    /// https (a TLS front that is not in `--trusted-proxies`), else `http`.
    fn public_scheme(&self) -> &'static str {
        let https_url = self.opts.public_url.as_deref().is_some_and(|u| {
            u.get(..8)
                .is_some_and(|s| s.eq_ignore_ascii_case("https://"))
        });
        if self.opts.tls.is_some() || https_url {
            "https"
        } else {
            "http"
        }
    }

    /// The bounds of a public request body whose head arrived now.
    pub(super) fn reading(&self) -> Reading {
        Reading {
            idle: self.opts.body_idle_timeout,
            deadline: tokio::time::Instant::now() + self.opts.body_deadline,
            max: self.opts.max_body,
        }
    }

    pub(super) fn rate_limited(&self, channel: &str) -> bool {
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

    pub(super) async fn public(
        self: &Arc<Self>,
        req: Request<Incoming>,
        channel: String,
        target: Vec<u8>,
        peer: SocketAddr,
    ) -> Response<Body> {
        self.metrics.requests.fetch_add(1, Ordering::Relaxed);
        let forwarding = hop::Forwarding::of(
            req.headers()
                .iter()
                .map(|(n, v)| (n.as_str().as_bytes(), v.as_bytes())),
            peer.ip(),
            self.opts.trusted_proxies.as_ref(),
            self.public_scheme(),
        );
        if let Some(allowed) = &self.opts.allow_from {
            if !allowed.contains(forwarding.client) {
                return text(
                    StatusCode::FORBIDDEN,
                    format!(
                        "hooks relay: requests from {} are not allowed here (--allow-from)",
                        forwarding.client
                    ),
                );
            }
        }
        let route = match self.locate(&channel).await {
            Ok(Some(route)) => route,
            Ok(None) => {
                return text(
                    StatusCode::NOT_FOUND,
                    format!(
                        "hooks relay: unknown channel '{channel}'; no client ever connected to it"
                    ),
                )
            }
            Err(RouteError::Store(e)) => {
                return text(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    format!("hooks relay: database error: {e}"),
                )
            }
            Err(RouteError::Cluster(e)) => return self.cluster_unavailable(&e),
        };
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
        let headers = tunnel_headers(&parts.headers, &forwarding);
        let method = parts.method.as_str().as_bytes().to_vec();
        // Checked as the frame that carries it will be, so that a request
        // let in here can always be sent or queued.
        if let Err(e) = request_head_len(&method, &target, &headers) {
            return head_too_large(e);
        }
        let reading = self.reading();
        let request = PublicRequest {
            method,
            target,
            headers,
            body,
            reading,
        };
        match route {
            Route::Local(tunnel) => self.live(tunnel, request).await,
            Route::Queue => self.enqueue(&channel, request).await,
            Route::Remote(cluster) => self.remote(&cluster, &channel, request).await,
        }
    }

    pub(super) async fn live<B: PublicBody>(
        self: &Arc<Self>,
        tunnel: Arc<Tunnel>,
        request: PublicRequest<B>,
    ) -> Response<Body> {
        let (method, target, headers, mut body, reading) = request.into_parts();
        let head_request = method == b"HEAD";
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
        // its own: a spawn, a wake-up and a oneshot less per request. Every
        // wait on the tunnel (its queue, the stream's window) is bounded by
        // --request-timeout: a client that stopped reading must not hold
        // its callers until the relay notices and drops it.
        let mut upload = if complete {
            let sent = send_message(&tunnel.out, id, head, &shared.window, first);
            match tokio::time::timeout(timeout, sent).await {
                Ok(true) => {}
                Ok(false) => return closed(),
                Err(_) => return BodyError::Stalled(timeout).response(max_body),
            }
            None
        } else {
            let sent = tokio::time::timeout(timeout, tunnel.out.send(Outgoing::Head(head)));
            match sent.await {
                Ok(Ok(())) => {}
                Ok(Err(_)) => return closed(),
                Err(_) => return BodyError::Stalled(timeout).response(max_body),
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
        // Framing is this hop's: the client's Content-Length is only a claim,
        // checked against the bytes that come, and never copied as it is.
        let declared =
            match hop::declared_length(headers.iter().map(|(n, v)| (n.as_ref(), v.as_ref()))) {
                Ok(declared) => declared,
                Err(why) => return broken_answer(&why),
            };
        let bodiless = head_request || status == 204 || status == 304;
        let hop_fields = hop::HopFields::of(headers.iter().map(|(n, v)| (n.as_ref(), v.as_ref())));
        let mut builder = Response::builder().status(status);
        for (name, value) in &headers {
            if hop_fields.drops(name) {
                continue;
            }
            builder = builder.header(name.as_ref(), SharedValue(value.clone()));
        }
        if let Some(length) = declared.filter(|_| head_request || status == 304) {
            // No body follows to derive it from: the app's own, checked.
            builder = builder.header(http::header::CONTENT_LENGTH, length);
        }
        let declared = declared.filter(|_| !bodiless);
        // A small declared body is gathered whole before the head goes
        // out, so that a body that does not match its length is a 502 the
        // caller can read rather than a connection cut after the head.
        if let Some(n) = declared.filter(|&n| n <= MAX_CHUNK as u64) {
            if let Err(why) = gather(&shared, n, timeout).await {
                return broken_answer(&why);
            }
        }
        if let Some(body) = shared.complete_body() {
            guard.finish();
            if declared.is_some_and(|n| n != body.len() as u64) {
                return broken_answer(&format!(
                    "Content-Length {} with {} bytes of body",
                    declared.unwrap_or_default(),
                    body.len()
                ));
            }
            self.metrics
                .bytes_out
                .fetch_add(body.len() as u64, Ordering::Relaxed);
            return builder.body(full(body)).unwrap_or_else(invalid_head);
        }
        if let Some(length) = declared {
            builder = builder.header(http::header::CONTENT_LENGTH, length);
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
                            let update = Frame::WindowUpdate {
                                stream: guard.id,
                                increment: unacked,
                            };
                            let patience = relay.opts.request_timeout;
                            let sent = guard.tunnel.out.send(update.into());
                            if tokio::time::timeout(patience, sent).await.is_err() {
                                return Some((
                                    Err(std::io::Error::other(
                                        "the tunnel to the developer's machine took no data",
                                    )),
                                    (shared, guard, relay, unacked),
                                ));
                            }
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
        // A body longer or shorter than its Content-Length is an error too:
        // hyper then closes the connection instead of letting the caller read
        // the surplus as the next response.
        let stream = stream.scan((false, 0u64), move |(failed, sent), item| {
            let mut out = if *failed { None } else { Some(item) };
            if let (Some(Ok(frame)), Some(length)) = (&out, declared) {
                *sent += frame.data_ref().map_or(0, |d| d.len() as u64);
                if *sent > length {
                    out = Some(Err(std::io::Error::other(
                        "the app sent more than its Content-Length",
                    )));
                }
            }
            if out.is_none() && !*failed && declared.is_some_and(|n| *sent != n) {
                out = Some(Err(std::io::Error::other(
                    "the app sent less than its Content-Length",
                )));
            }
            if let Some(Err(_)) = &out {
                *failed = true;
            }
            futures_util::future::ready(out)
        });
        builder
            .body(StreamBody::new(stream).boxed_unsync())
            .unwrap_or_else(invalid_head)
    }
}

/// A public request's headers as the tunnel carries them: the hop's own
/// fields dropped ([`hop::HopFields`]), but `Content-Length` kept as what
/// hyper framed the body by (the client covers its body budget by it, and
/// derives the app's own from the bytes), the
/// forwarding fields set by this hop, and last [`CLIENT_ADDRESS`], the
/// caller's address as decided here (one a caller sent is dropped).
fn tunnel_headers(map: &http::HeaderMap, forwarding: &hop::Forwarding) -> Headers {
    let hop = hop::HopFields::of(
        map.iter()
            .map(|(n, v)| (n.as_str().as_bytes(), v.as_bytes())),
    );
    let mut headers: Headers = headers_of(map)
        .into_iter()
        .filter(|(n, _)| {
            (!hop.drops(n) || n.eq_ignore_ascii_case(b"content-length"))
                && !hop::is_forwarding(n)
                && !n.eq_ignore_ascii_case(CLIENT_ADDRESS.as_bytes())
        })
        .collect();
    for (name, value) in forwarding.fields() {
        headers.push((
            Bytes::from_static(name.as_bytes()),
            Bytes::copy_from_slice(value),
        ));
    }
    headers.push((
        Bytes::from_static(CLIENT_ADDRESS.as_bytes()),
        Bytes::from(forwarding.client.to_string()),
    ));
    headers
}

/// Streams the rest of a public request body to the client in
/// window-sized chunks, after `first` (what was read before the stream
/// opened). Ends when it is sent or the stream went away; a body that stalls,
/// runs late, fails or grows over `--max-body`, or a tunnel that takes none
/// of it for `--request-timeout`, resets the stream at the client, which
/// frees its slot, and is returned as the error.
pub(super) async fn upload<B: PublicBody>(
    relay: Arc<Relay>,
    tunnel: Arc<Tunnel>,
    id: u32,
    shared: Arc<StreamShared>,
    first: Bytes,
    mut body: B,
    reading: Reading,
) -> std::result::Result<(), BodyError> {
    let patience = relay.opts.request_timeout;
    // A piece is at most what one read of the public body gives, so the
    // bound is on one wait for the tunnel, not on the whole transfer.
    let send = |data: Bytes| {
        let sent = send_chunks(&tunnel.out, id, &shared.window, data);
        async move {
            tokio::time::timeout(patience, sent)
                .await
                .map_err(|_| BodyError::Stalled(patience))
        }
    };
    let reset = |e: BodyError| async {
        let reset = Frame::reset(id, e.reset_code(), e.to_string());
        let _ = tokio::time::timeout(patience, tunnel.out.send(reset.into())).await;
        Err(e)
    };
    let mut total = first.len() as u64;
    match send(first).await {
        Ok(true) => {}
        Ok(false) => return Ok(()),
        Err(e) => return reset(e).await,
    }
    loop {
        let data = match reading.next(&mut body).await {
            Ok(Some(data)) => data,
            Ok(None) => break,
            Err(e) => return reset(e).await,
        };
        total += data.len() as u64;
        relay
            .metrics
            .bytes_in
            .fetch_add(data.len() as u64, Ordering::Relaxed);
        if total > reading.max {
            return reset(BodyError::TooLarge).await;
        }
        match send(data).await {
            Ok(true) => {}
            Ok(false) => return Ok(()),
            Err(e) => return reset(e).await,
        }
    }
    let end = tunnel.out.send(Frame::End { stream: id }.into());
    match tokio::time::timeout(patience, end).await {
        Err(_) => reset(BodyError::Stalled(patience)).await,
        Ok(_) => Ok(()),
    }
}

/// A public request once its head is parsed: what every route takes.
pub(super) struct PublicRequest<B> {
    pub(super) method: Vec<u8>,
    pub(super) target: Vec<u8>,
    pub(super) headers: Headers,
    pub(super) body: B,
    pub(super) reading: Reading,
}

impl<B> PublicRequest<B> {
    pub(super) fn into_parts(self) -> (Vec<u8>, Vec<u8>, Headers, B, Reading) {
        (
            self.method,
            self.target,
            self.headers,
            self.body,
            self.reading,
        )
    }
}

/// A public request's body: hyper's, or one that another node of the
/// cluster streams in.
pub(super) trait PublicBody:
    hyper::body::Body<Data = Bytes, Error = Self::Failure> + Unpin + Send + 'static
{
    type Failure: fmt::Display;
}

impl<B> PublicBody for B
where
    B: hyper::body::Body<Data = Bytes> + Unpin + Send + 'static,
    B::Error: fmt::Display,
{
    type Failure = B::Error;
}

/// How long a public request body may take, and how large it may be.
#[derive(Debug, Clone, Copy)]
pub(super) struct Reading {
    /// Longest wait for the next piece (`--body-idle-timeout`).
    pub(super) idle: Duration,
    /// When the whole body must be in (`--body-deadline` after the head).
    pub(super) deadline: tokio::time::Instant,
    /// `--max-body`.
    pub(super) max: u64,
}

/// Why a public request body was not read to its end.
#[derive(Debug)]
pub(super) enum BodyError {
    Idle(Duration),
    Late,
    TooLarge,
    Failed(String),
    /// This node holds its budget of queued bodies being stored already.
    Busy,
    /// The tunnel took none of the body for this long (`--request-timeout`):
    /// its client stopped reading.
    Stalled(Duration),
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
            BodyError::Busy => f.write_str(
                "this relay node is storing as many queued bodies as it may hold at once",
            ),
            BodyError::Stalled(patience) => write!(
                f,
                "the developer's machine took none of the request for {} (--request-timeout)",
                humantime::format_duration(*patience)
            ),
        }
    }
}

impl BodyError {
    pub(super) fn reset_code(&self) -> ResetCode {
        match self {
            BodyError::TooLarge => ResetCode::TooLarge,
            _ => ResetCode::Cancel,
        }
    }

    /// The public caller's answer. A body cut off for time gets 408 and the
    /// connection closes, since the rest of it is never read.
    pub(super) fn response(&self, max_body: u64) -> Response<Body> {
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
            BodyError::Busy => retry_soon(format!(
                "hooks relay: {self}; the request was not stored, retry shortly"
            )),
            BodyError::Stalled(_) => text(
                StatusCode::GATEWAY_TIMEOUT,
                format!("hooks relay: {self}"),
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
    pub(super) async fn next<B: PublicBody>(
        &self,
        body: &mut B,
    ) -> std::result::Result<Option<Bytes>, BodyError> {
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
    pub(super) async fn read<B: PublicBody>(
        &self,
        body: &mut B,
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
pub(super) fn head_too_large(e: EncodeError) -> Response<Body> {
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

/// Waits (within `timeout`) until the stream's whole body of at most `n`
/// declared bytes and its END are in its inbox, so that
/// [`StreamShared::complete_body`] takes it; an error says why it cannot be
/// the declared body (more bytes, a reset, a closed tunnel, no END in time).
async fn gather(shared: &StreamShared, n: u64, timeout: Duration) -> Result<(), String> {
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        match shared.buffered() {
            (bytes, _) if bytes > n => {
                return Err(format!("Content-Length {n} with more bytes of body"))
            }
            (_, Some(true)) => return Ok(()),
            (_, Some(false)) => return Err("the stream ended before its body".into()),
            (_, None) => {}
        }
        if tokio::time::timeout_at(deadline, shared.changed())
            .await
            .is_err()
        {
            return Err(format!("no end of its {n}-byte body in time"));
        }
    }
}

/// 502 for an answer whose framing is broken: it fails this request alone.
fn broken_answer(why: &str) -> Response<Body> {
    text(
        StatusCode::BAD_GATEWAY,
        format!("hooks relay: the developer's app sent a broken response ({why})"),
    )
}

pub(super) fn invalid_head(e: http::Error) -> Response<Body> {
    text(
        StatusCode::BAD_GATEWAY,
        format!("hooks relay: the developer's app sent an invalid response head: {e}"),
    )
}

pub(super) fn reset_response(code: ResetCode, message: &str, max_body: u64) -> Response<Body> {
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
