//! The local HTTP listener: hyper 1 over TCP, one task per connection (a
//! slow client never blocks another), a header read timeout, a body size
//! limit, and a graceful stop. Every request becomes a [`Delivery`] for the
//! [`Pipeline`].

use crate::delivery::pipeline::{Pipeline, Reply};
use crate::delivery::{Delivery, Source};
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
/// The largest request head accepted; larger gets 431.
const MAX_HEAD_BYTES: usize = 64 * 1024;
/// After the body limit is hit, this much more is read and discarded so
/// that the sender gets to read the 413 instead of a reset connection.
const DRAIN_LIMIT: u64 = 64 * 1024 * 1024;
const DRAIN_TIME: Duration = Duration::from_secs(10);

#[derive(Debug, Clone)]
pub struct Settings {
    pub max_body: u64,
    /// Only requests under this path are deliveries; others get 404.
    pub path_prefix: String,
    /// How long in-flight deliveries may take to finish after a stop.
    pub grace: Duration,
}

/// Binds the listening socket.
pub async fn bind(addr: &str) -> Result<TcpListener> {
    TcpListener::bind(addr).await.map_err(|e| {
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
        .max_buf_size(MAX_HEAD_BYTES);
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
                    async move { Ok::<_, Infallible>(handle(req, remote, pipeline, &settings).await) }
                });
                let conn = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
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
    let (parts, body) = req.into_parts();
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
    let (body, oversized) = match read_body(body, settings.max_body, announced).await {
        Ok(read) => read,
        Err(()) => {
            // The sender went away mid-body: there is no delivery to keep.
            return respond(Reply {
                status: 400,
                headers: vec![],
                body: Bytes::from_static(b"hooks: the request body was incomplete\n"),
                unrecorded: false,
            });
        }
    };
    let delivery = Delivery {
        method: parts.method.as_str().to_string(),
        path,
        headers,
        body,
        received_at,
        source: Source::Local,
        remote: Some(remote.to_string()),
        oversized,
    };
    // Its own task: a sender that hangs up mid-forward must not cut the
    // pipeline short, or a recorded delivery would never get its outcome.
    let handled = tokio::spawn(async move { pipeline.handle(delivery).await }).await;
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

/// Reads the whole body up to `max`. Over the limit, the body is dropped and
/// its size (as announced, or as far as it was read) returned instead.
async fn read_body(
    mut body: Incoming,
    max: u64,
    announced: Option<u64>,
) -> std::result::Result<(Bytes, Option<u64>), ()> {
    // A body that arrives in one frame (most webhooks) is kept as it is;
    // only one in several frames is copied together.
    let mut first = Bytes::new();
    let mut rest = bytes::BytesMut::new();
    let mut seen: u64 = 0;
    if announced.is_some_and(|n| n > max) {
        drain(body, 0).await;
        return Ok((Bytes::new(), announced));
    }
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|_| ())?;
        if let Ok(data) = frame.into_data() {
            seen += data.len() as u64;
            if seen > max {
                drain(body, seen).await;
                return Ok((Bytes::new(), Some(announced.unwrap_or(seen))));
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
