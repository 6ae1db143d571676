//! Workestra: its events, its HMAC signature scheme and its endpoint verification.

use super::*;
use crate::signature::{Encoding, HmacSpec};

const EVENTS: &[&str] = &[
    "contact.created",
    "contact.updated",
    "contact.deleted",
    "deal.created",
    "deal.updated",
    "deal.stage_changed",
    "deal.won",
    "deal.lost",
    "activity.created",
    "candidate.created",
    "candidate.updated",
    "job.created",
    "application.received",
    "interview.scheduled",
    "task.created",
    "task.updated",
    "task.completed",
    "cycle.started",
    "cycle.ended",
    "invoice.created",
    "invoice.paid",
    "invoice.overdue",
    "expense.created",
    "ticket.created",
    "ticket.updated",
    "ticket.resolved",
    "ticket.escalated",
    // The projects page adds these.
    "task.status_changed",
    "task.assigned",
    "task.deleted",
    "task.comment_added",
    "project.created",
    "project.updated",
    "project.archived",
    "project.deleted",
    "cycle.completed",
    // Sent once when a webhook is set up; the endpoint must answer 200.
    "endpoint.verify",
];

const RETRIES: &[Duration] = &[
    Duration::from_secs(5),
    Duration::from_secs(30),
    Duration::from_secs(120),
    Duration::from_secs(600),
];

pub fn provider() -> Provider {
    Provider {
        name: "workestra",
        title: "Workestra",
        kind: Kind::Service,
        // The GitHub format in Workestra's own header. Workestra's sample
        // code compares the bare digest, so verifying accepts both forms.
        scheme: Scheme::Hmac(HmacSpec {
            header: "X-Workestra-Signature".into(),
            prefix: "sha256=".into(),
            encoding: Encoding::Hex,
            prefix_optional: true,
        }),
        envelope: Envelope::Workestra,
        events: EVENTS,
        // The support page mentions further ticket.* events without naming them.
        catalog_closed: false,
        policy: DeliveryPolicy {
            timeout: Duration::from_secs(30),
            retries: RetrySchedule::Fixed(RETRIES),
            on_exhausted: Exhaustion::Disable,
            batch_window: None,
            setup_event: Some("endpoint.verify"),
            largest: UNDOCUMENTED_LARGEST,
        },
        management: Management::WebUi(
            "Workestra has no public webhook management API. In the Workestra web app open \
             Settings > API > Webhooks, choose Add webhook, paste the URL, pick the events and \
             save; Workestra then sends endpoint.verify, which must be answered 200.",
        ),
    }
}
