//! The relay's counters, and the Prometheus text that `/metrics` answers
//! with on the admin address (`--admin-bind`). Never on the public port:
//! the figures name channels, and a channel's name is its public URL.

use super::{full, text, Body, Relay};
use bytes::Bytes;
use hyper::{Response, StatusCode};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::TcpListener;

/// Where `/metrics` is served unless `--admin-bind` says otherwise: beside
/// the default public port, on loopback.
pub const DEFAULT_ADMIN_ADDR: &str = "127.0.0.1:8789";

/// How long the cluster's queue figures (JetStream calls) are reused: a
/// scraper polling fast, or many at once, cost the cluster at most one
/// gathering per interval.
const CLUSTER_FIGURES_EVERY: Duration = Duration::from_secs(5);

/// The cluster's queue depth and dead letters, as last gathered.
type ClusterFigures = (Option<u64>, Option<u64>);

#[derive(Default)]
pub(super) struct Metrics {
    pub(super) requests: AtomicU64,
    pub(super) bytes_in: AtomicU64,
    pub(super) bytes_out: AtomicU64,
    pub(super) queued: AtomicU64,
    pub(super) queue_delivered: AtomicU64,
    pub(super) queue_full: AtomicU64,
    pub(super) queue_expired: AtomicU64,
    pub(super) queue_failed_attempts: AtomicU64,
    pub(super) queue_dead_lettered: AtomicU64,
    pub(super) connections: AtomicU64,
    pub(super) protocol_errors: AtomicU64,
    /// Cluster: requests other nodes carried to a client held here.
    pub(super) requests_from_nodes: AtomicU64,
    /// Cluster: NATS or JetStream calls that failed.
    pub(super) cluster_errors: AtomicU64,
    pub(super) by_status: Mutex<BTreeMap<u16, u64>>,
    /// The cluster's figures and when they were gathered; held while they
    /// are gathered, so requests at once wait for one gathering.
    cluster_figures: tokio::sync::Mutex<Option<(Instant, ClusterFigures)>>,
    /// How many times the cluster's figures were gathered: shows scrapes
    /// cost the cluster what they should.
    cluster_gatherings: AtomicU64,
}

/// Binds the admin address: an explicit `--admin-bind` that cannot be
/// bound is an error; the default taken (another relay on this machine)
/// is a warning, and the relay goes on without `/metrics`.
pub(super) async fn bind_admin(given: Option<SocketAddr>) -> crate::Result<Option<TcpListener>> {
    let addr = match given {
        Some(addr) => addr,
        None => DEFAULT_ADMIN_ADDR.parse().expect("a valid address"),
    };
    match crate::tcp::listen(addr).await {
        Ok(listener) => Ok(Some(listener)),
        Err(e) if given.is_none() => {
            crate::output::warn(format!(
                "relay: no /metrics: cannot listen on {addr}: {e} (pass --admin-bind 127.0.0.1:PORT)"
            ));
            Ok(None)
        }
        Err(e) => Err(
            crate::Error::usage(format!("cannot listen on --admin-bind {addr}: {e}"))
                .with_hint("pick a free address, e.g. --admin-bind 127.0.0.1:0"),
        ),
    }
}

/// Serves `GET /metrics` on the admin address until the process ends.
pub(super) async fn serve_admin(relay: Arc<Relay>, listener: TcpListener) {
    loop {
        let Ok((tcp, _)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(20)).await;
            continue;
        };
        let relay = relay.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |req: hyper::Request<_>| {
                let relay = relay.clone();
                async move {
                    let answer =
                        if req.uri().path() == "/metrics" && req.method() == hyper::Method::GET {
                            relay.prometheus().await
                        } else {
                            text(StatusCode::NOT_FOUND, "hooks relay admin: GET /metrics")
                        };
                    Ok::<_, std::convert::Infallible>(answer)
                }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(Duration::from_secs(10))
                .serve_connection(hyper_util::rt::TokioIo::new(tcp), service)
                .await;
        });
    }
}

impl Relay {
    /// The public port's `/metrics` (routed there by the public handler):
    /// 404, saying where the figures are.
    pub(super) async fn metrics(&self) -> Response<Body> {
        text(
            StatusCode::NOT_FOUND,
            "hooks relay: /metrics is served on the admin address (--admin-bind, default 127.0.0.1:8789), not here",
        )
    }

    /// The cluster's queue figures, gathered at most once per
    /// [`CLUSTER_FIGURES_EVERY`].
    async fn cluster_figures(&self) -> ClusterFigures {
        let Some(cluster) = &self.cluster else {
            return (None, None);
        };
        let mut cached = self.metrics.cluster_figures.lock().await;
        if let Some((at, figures)) = *cached {
            if at.elapsed() < CLUSTER_FIGURES_EVERY {
                return figures;
            }
        }
        self.metrics
            .cluster_gatherings
            .fetch_add(1, Ordering::Relaxed);
        let within = Duration::from_secs(2);
        let sum = |counts: Vec<(String, u64)>| counts.iter().map(|(_, n)| n).sum::<u64>();
        let depth = tokio::time::timeout(within, cluster.queue().total()).await;
        let dead = tokio::time::timeout(within, cluster.queue().dead_depths()).await;
        let figures = (
            depth.ok().and_then(|r| r.ok()),
            dead.ok().and_then(|r| r.ok()).map(sum),
        );
        *cached = Some((Instant::now(), figures));
        figures
    }

    /// The Prometheus text the admin address answers with.
    async fn prometheus(&self) -> Response<Body> {
        let m = &self.metrics;
        let tunnels = self.tunnels.lock().unwrap().len();
        let ((depth, dead, bytes), dead_by_channel) = {
            let store = self.store.lock().unwrap();
            (
                store.totals().unwrap_or_default(),
                store.dead_by_channel().unwrap_or_default(),
            )
        };
        let (cluster_depth, cluster_dead) = self.cluster_figures().await;
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
        if let Some(cluster) = &self.cluster {
            let stats = cluster.stats();
            line(
                "cluster_connected",
                "gauge",
                "1 while this node is connected to NATS.",
                cluster.connected() as u64,
            );
            line(
                "cluster_routed_total",
                "counter",
                "Requests this node carried to the node holding their client.",
                c(&stats.opened),
            );
            line(
                "cluster_remote_streams_total",
                "counter",
                "Requests other nodes carried to a client this node holds.",
                c(&m.requests_from_nodes),
            );
            line(
                "cluster_no_client_total",
                "counter",
                "Requests for which no node held a client (queued).",
                c(&stats.no_client),
            );
            line(
                "cluster_nats_errors_total",
                "counter",
                "NATS or JetStream calls that failed.",
                c(&m.cluster_errors),
            );
            line(
                "cluster_figures_gathered_total",
                "counter",
                "Times /metrics asked JetStream for the queue figures (at most once per 5 s).",
                c(&m.cluster_gatherings),
            );
            if let Some(depth) = cluster_depth {
                line(
                    "cluster_queue_depth",
                    "gauge",
                    "Requests waiting in the cluster's JetStream queue (all channels).",
                    depth,
                );
            }
            if let Some(dead) = cluster_dead {
                line(
                    "cluster_dead_letters",
                    "gauge",
                    "Dead letters in the cluster's JetStream queue (all channels).",
                    dead,
                );
            }
        }
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
