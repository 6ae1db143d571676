//! When I Work: its events, its HMAC signature scheme and its batched delivery envelope.

use super::*;
use crate::signature::{Encoding, HmacSpec};

const EVENTS: &[&str] = &[
    "users::created",
    "users::updated",
    "users::deleted",
    "users::invited",
    "shifts::created",
    "shifts::updated",
    "shifts::deleted",
];

pub fn provider() -> Provider {
    Provider {
        name: "wheniwork",
        title: "When I Work",
        kind: Kind::Service,
        // The header name is not on the public help page; public integration
        // code that follows the developer docs uses this one, base64.
        scheme: Scheme::Hmac(HmacSpec {
            header: "X-Signed-Hmac-256".into(),
            prefix: String::new(),
            encoding: Encoding::Base64,
            prefix_optional: false,
        }),
        envelope: Envelope::WhenIWork,
        events: EVENTS,
        // The full list is not public.
        catalog_closed: false,
        policy: DeliveryPolicy {
            timeout: Duration::from_secs(30),
            retries: RetrySchedule::Exponential {
                initial: Duration::from_secs(30),
                max_delay: Duration::from_secs(30 * 60),
                give_up_after: Duration::from_secs(2 * 60 * 60),
            },
            on_exhausted: Exhaustion::GiveUp,
            batch_window: Some(Duration::from_secs(5)),
            setup_event: None,
            // A busy workplace fills a batch with up to 100 events.
            largest: Largest::Batch(100),
        },
        management: Management::WebUi(
            "When I Work has no public webhook management API. In When I Work open \
             General Settings > Webhooks, add the URL and choose the primary types to \
             subscribe to (for example users or shifts), then save.",
        ),
    }
}
