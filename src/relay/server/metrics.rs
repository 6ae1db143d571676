//! The relay's counters, and the Prometheus text that `/metrics` answers with.

use super::{full, Body, Relay};
use bytes::Bytes;
use hyper::Response;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

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
}

impl Relay {
    pub(super) async fn metrics(&self) -> Response<Body> {
        let m = &self.metrics;
        let tunnels = self.tunnels.lock().unwrap().len();
        let ((depth, dead, bytes), dead_by_channel) = {
            let store = self.store.lock().unwrap();
            (
                store.totals().unwrap_or_default(),
                store.dead_by_channel().unwrap_or_default(),
            )
        };
        let (cluster_depth, cluster_dead) = match &self.cluster {
            Some(cluster) => {
                let within = std::time::Duration::from_secs(2);
                let sum = |counts: Vec<(String, u64)>| counts.iter().map(|(_, n)| n).sum::<u64>();
                let depth = tokio::time::timeout(within, cluster.queue().total()).await;
                let dead = tokio::time::timeout(within, cluster.queue().dead_depths()).await;
                (
                    depth.ok().and_then(|r| r.ok()),
                    dead.ok().and_then(|r| r.ok()).map(sum),
                )
            }
            None => (None, None),
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
