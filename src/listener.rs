//! The local HTTP listener: hyper 1 over TCP, one task per connection (a
//! slow client never blocks another), a header read timeout, one request
//! head limit whatever the segmentation, an idle timeout per body read and
//! a deadline for the whole request (both answered 408), a body size limit,
//! and a graceful stop. Every request becomes a [`Delivery`] for the
//! [`Pipeline`]. The limits are listed in docs/security.md.

use crate::budget::Budget;
use crate::delivery::pipeline::{Pipeline, Reply};
use crate::delivery::{Delivery, Source};
use crate::lingering::Lingering;
use crate::{Error, Result};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime};
use tokio::net::TcpListener;

/// How long a client may take to send its request headers.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest request head accepted (the request line and every header
/// counted as `Name: value` and CRLF); larger gets 431.
pub const MAX_HEAD_BYTES: usize = 64 * 1024;
/// hyper's read buffer limit, above [`MAX_HEAD_BYTES`] so that the head is
/// judged by its size alone, however its bytes arrived: hyper refuses
/// (431) a head still incomplete past this, [`head_size`] every complete
/// head past the limit.
const READ_BUF_BYTES: usize = 2 * MAX_HEAD_BYTES;
/// After the body limit is hit, this much more is read and discarded so
/// that the sender gets to read the 413 instead of a reset connection.
const DRAIN_LIMIT: u64 = 64 * 1024 * 1024;
const DRAIN_TIME: Duration = Duration::from_secs(10);

/// `--body-idle-timeout`'s default.
pub const DEFAULT_BODY_IDLE_TIMEOUT: Duration = Duration::from_secs(10);
/// `--body-deadline`'s default.
pub const DEFAULT_BODY_DEADLINE: Duration = Duration::from_secs(60);

#[derive(Debug, Clone)]
pub struct Settings {
    pub max_body: u64,
    /// Only requests under this path are deliveries; others get 404.
    pub path_prefix: String,
    /// How long in-flight deliveries may take to finish after a stop.
    pub grace: Duration,
    /// The longest wait for the next piece of a body; then 408.
    pub body_idle_timeout: Duration,
    /// The longest a body may take to complete after its head; then 408.
    pub body_deadline: Duration,
    /// `--trusted-proxies`: peers whose `X-Forwarded-*` are believed.
    pub trusted_proxies: Option<crate::netlist::NetList>,
    /// Request bodies held at once, all connections together
    /// ([`crate::budget::BODY_BUDGET`]); past it, 503 with `Retry-After`.
    pub budget: Budget,
}

/// Binds the listening socket.
pub async fn bind(addr: &str) -> Result<TcpListener> {
    crate::tcp::listen(addr).await.map_err(|e| {
        Error::usage(format!("cannot listen on {addr}: {e}"))
            .with_hint("pick another --port (0 picks a free one), or stop what is using it")
    })
}

/// Serves until `stop` completes, then stops accepting, lets in-flight
/// deliveries finish (within `settings.grace`) and returns `stop`'s value.
pub async fn serve<T>(
    tcp: TcpListener,
    pipeline: Arc<Pipeline>,
    settings: Settings,
    stop: impl Future<Output = T>,
) -> T {
    let settings = Arc::new(settings);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT)
        .max_buf_size(READ_BUF_BYTES);
    tokio::pin!(stop);
    let reason = loop {
        tokio::select! {
            accepted = tcp.accept() => {
                let (stream, remote) = match accepted {
                    Ok(a) => a,
                    Err(_) => {
                        // Out of file descriptors and the like: back off
                        // instead of spinning, and keep serving.
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let (pipeline, settings) = (pipeline.clone(), settings.clone());
                let service = hyper::service::service_fn(move |req| {
                    let (pipeline, settings) = (pipeline.clone(), settings.clone());
                    async move {
                        let chunked = crate::hop::closes_after(req.headers());
                        let mut response = handle(req, remote, pipeline, &settings).await;
                        if chunked {
                            crate::hop::close_after(response.headers_mut());
                        }
                        Ok::<_, Infallible>(response)
                    }
                });
                let conn = graceful.watch(builder.serve_connection(TokioIo::new(Lingering::new(stream)), service));
                tokio::spawn(async move {
                    // Malformed requests and broken connections end here;
                    // hyper has already answered what could be answered.
                    let _ = conn.await;
                });
            }
            reason = &mut stop => break reason,
        }
    };
    drop(tcp);
    let _ = tokio::time::timeout(settings.grace, graceful.shutdown()).await;
    reason
}

async fn handle(
    req: Request<Incoming>,
    remote: SocketAddr,
    pipeline: Arc<Pipeline>,
    settings: &Settings,
) -> Response<Full<Bytes>> {
    let received_at = SystemTime::now();
    // hyper's header read timeout covered the head; the deadline covers
    // the whole request from here.
    let deadline = tokio::time::Instant::now() + settings.body_deadline;
    let (parts, body) = req.into_parts();
    if let Err(refusal) = crate::hop::check_request(parts.version, &parts.headers) {
        return respond(Reply {
            status: refusal.status,
            headers: close(),
            body: Bytes::from(format!(
                "hooks: {}; the request was not recorded\n",
                refusal.why
            )),
            unrecorded: false,
        });
    }
    if head_size(&parts) > MAX_HEAD_BYTES {
        return respond(Reply {
            status: 431,
            headers: close(),
            body: Bytes::from(format!(
                "hooks: the request head is larger than {} KiB\n",
                MAX_HEAD_BYTES / 1024
            )),
            unrecorded: false,
        });
    }
    let path = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".to_string());
    if !under_prefix(parts.uri.path(), &settings.path_prefix) {
        return respond(Reply {
            status: 404,
            headers: vec![("content-type".into(), b"text/plain; charset=utf-8".to_vec())],
            body: Bytes::from(format!(
                "hooks: deliveries are received under {}\n",
                settings.path_prefix
            )),
            unrecorded: false,
        });
    }
    let headers: Vec<(String, Vec<u8>)> = parts
        .headers
        .iter()
        .map(|(n, v)| (n.as_str().to_string(), v.as_bytes().to_vec()))
        .collect();
    let announced = parts
        .headers
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let limits = BodyLimits {
        max: settings.max_body,
        idle: settings.body_idle_timeout,
        deadline,
        total: settings.body_deadline,
    };
    // The body's share of the budget, held until the delivery is handled.
    let mut held = None;
    let (body, oversized) = match read_body(body, &limits, announced, &settings.budget, &mut held)
        .await
    {
        Ok(read) => read,
        Err(BodyError::Busy) => {
            return respond(Reply {
                status: 503,
                headers: vec![
                    ("connection".into(), b"close".to_vec()),
                    ("content-type".into(), b"text/plain; charset=utf-8".to_vec()),
                    ("retry-after".into(), b"1".to_vec()),
                ],
                body: Bytes::from(format!(
                    "hooks: this listener holds as many request bodies as it may at once ({} MiB); the request was not recorded, retry shortly\n",
                    crate::budget::BODY_BUDGET >> 20
                )),
                unrecorded: false,
            });
        }
        Err(BodyError::Incomplete) => {
            // The sender went away mid-body: there is no delivery to keep.
            return respond(Reply {
                status: 400,
                headers: vec![],
                body: Bytes::from_static(b"hooks: the request body was incomplete\n"),
                unrecorded: false,
            });
        }
        Err(BodyError::TimedOut(why)) => {
            // Too slow to be a webhook: cut off, so that slow senders
            // cannot hold connections (and descriptors) for ever.
            return respond(Reply {
                status: 408,
                headers: close(),
                body: Bytes::from(format!("hooks: {why}; the request was not recorded\n")),
                unrecorded: false,
            });
        }
    };
    let forwarding = crate::hop::Forwarding::of(
        headers.iter().map(|(n, v)| (n.as_bytes(), v.as_slice())),
        remote.ip(),
        settings.trusted_proxies.as_ref(),
        "http",
    );
    // The peer itself keeps its port; an address a trusted proxy named has
    // none.
    let caller = if forwarding.client == crate::netlist::canonical(remote.ip()) {
        std::net::SocketAddr::new(forwarding.client, remote.port()).to_string()
    } else {
        forwarding.client.to_string()
    };
    let delivery = Delivery {
        method: parts.method.as_str().to_string(),
        path,
        headers,
        body,
        received_at,
        source: Source::Local,
        remote: Some(caller),
        forwarding: Some(forwarding),
        oversized,
    };
    // Its own task: a sender that hangs up mid-forward must not cut the
    // pipeline short, or a recorded delivery would never get its outcome.
    let handled = tokio::spawn(async move {
        let reply = pipeline.handle(delivery).await;
        drop(held);
        reply
    })
    .await;
    respond(handled.unwrap_or_else(|e| Reply {
        status: 500,
        headers: vec![],
        body: Bytes::from(format!("hooks: the delivery could not be handled: {e}\n")),
        unrecorded: false,
    }))
}

fn under_prefix(path: &str, prefix: &str) -> bool {
    let prefix = prefix.trim_end_matches('/');
    prefix.is_empty()
        || path == prefix
        || path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// The request line and headers as counted against [`MAX_HEAD_BYTES`]:
/// `METHOD target HTTP/1.1`, then `Name: value` per header, each with CRLF.
fn head_size(parts: &http::request::Parts) -> usize {
    let target = parts.uri.path_and_query().map_or(1, |p| p.as_str().len());
    let line = parts.method.as_str().len() + 1 + target + " HTTP/1.1\r\n".len();
    line + parts
        .headers
        .iter()
        .map(|(n, v)| n.as_str().len() + 2 + v.len() + 2)
        .sum::<usize>()
        + 2
}

fn close() -> Vec<(String, Vec<u8>)> {
    vec![
        ("connection".into(), b"close".to_vec()),
        ("content-type".into(), b"text/plain; charset=utf-8".to_vec()),
    ]
}

struct BodyLimits {
    max: u64,
    /// The longest wait for the next frame.
    idle: Duration,
    /// When the whole body must have arrived, `total` after the request
    /// started.
    deadline: tokio::time::Instant,
    total: Duration,
}

enum BodyError {
    /// The sender went away or broke the framing.
    Incomplete,
    /// The body would take the listener over its budget.
    Busy,
    /// Too slow: why, for the 408.
    TimedOut(String),
}

/// Reads the whole body up to `limits.max`. Over the limit, the body is
/// dropped and its size (as announced, or as far as it was read) returned
/// instead.
async fn read_body(
    mut body: Incoming,
    limits: &BodyLimits,
    announced: Option<u64>,
    budget: &Budget,
    held: &mut Option<tokio::sync::OwnedSemaphorePermit>,
) -> std::result::Result<(Bytes, Option<u64>), BodyError> {
    // A body that arrives in one frame (most webhooks) is kept as it is;
    // only one in several frames is copied together.
    let mut first = Bytes::new();
    let mut rest = bytes::BytesMut::new();
    let mut seen: u64 = 0;
    if announced.is_some_and(|n| n > limits.max) {
        drain(body, 0).await;
        return Ok((Bytes::new(), announced));
    }
    // An announced body is covered whole before it is read, so that bodies
    // that all started cannot each hold a part and none finish.
    if announced.is_some_and(|n| !budget.try_cover(held, n)) {
        return Err(BodyError::Busy);
    }
    loop {
        let wait = limits.idle.min(
            limits
                .deadline
                .saturating_duration_since(tokio::time::Instant::now()),
        );
        let frame = match tokio::time::timeout(wait, body.frame()).await {
            Ok(Some(frame)) => frame,
            Ok(None) => break,
            Err(_) if tokio::time::Instant::now() >= limits.deadline => {
                return Err(BodyError::TimedOut(format!(
                    "the request took longer than {} (--body-deadline)",
                    humantime::format_duration(limits.total)
                )))
            }
            Err(_) => {
                return Err(BodyError::TimedOut(format!(
                    "no part of the body arrived for {} (--body-idle-timeout)",
                    humantime::format_duration(limits.idle)
                )))
            }
        };
        let frame = frame.map_err(|_| BodyError::Incomplete)?;
        if let Ok(data) = frame.into_data() {
            seen += data.len() as u64;
            if seen > limits.max {
                drain(body, seen).await;
                return Ok((Bytes::new(), Some(announced.unwrap_or(seen))));
            }
            if !budget.try_cover(held, seen) {
                return Err(BodyError::Busy);
            }
            if first.is_empty() && rest.is_empty() {
                first = data;
            } else {
                if rest.is_empty() {
                    rest.extend_from_slice(&first);
                }
                rest.extend_from_slice(&data);
            }
        }
    }
    Ok((
        if rest.is_empty() {
            first
        } else {
            rest.freeze()
        },
        None,
    ))
}

async fn drain(mut body: Incoming, already: u64) {
    let mut read = already;
    let _ = tokio::time::timeout(DRAIN_TIME, async {
        while let Some(Ok(frame)) = body.frame().await {
            if let Ok(data) = frame.into_data() {
                read += data.len() as u64;
                if read > DRAIN_LIMIT {
                    break;
                }
            }
        }
    })
    .await;
}

fn respond(reply: Reply) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(reply.body));
    *response.status_mut() =
        http::StatusCode::from_u16(reply.status).unwrap_or(http::StatusCode::BAD_GATEWAY);
    let headers = response.headers_mut();
    for (name, value) in reply.headers {
        if let (Ok(n), Ok(v)) = (
            http::HeaderName::from_bytes(name.as_bytes()),
            http::HeaderValue::from_bytes(&value),
        ) {
            headers.append(n, v);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert!(under_prefix("/hooks/x", "/hooks"));
        assert!(under_prefix("/hooks", "/hooks/"));
        assert!(!under_prefix("/hooksx", "/hooks"));
        assert!(under_prefix("/anything", "/"));
    }
}
