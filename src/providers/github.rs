//! GitHub-style: `X-Hub-Signature-256`, usable with any payload, and test
//! events in GitHub's own shape (the body is the event's payload; its type
//! and id travel in the `X-GitHub-Event` and `X-GitHub-Delivery` headers).

use super::*;

/// The header that names the event (`push`, `pull_request`, …).
pub const EVENT_HEADER: &str = "X-GitHub-Event";
/// The header that carries the delivery's GUID.
pub const DELIVERY_HEADER: &str = "X-GitHub-Delivery";

/// The events that have fixtures: the most used ones.
const EVENTS: &[&str] = &["push", "pull_request", "issues", "ping"];

pub fn provider() -> Provider {
    let mut p = generic::scheme("github", "GitHub-style", Scheme::Github);
    p.envelope = Envelope::GitHub;
    p.events = EVENTS;
    p
}
