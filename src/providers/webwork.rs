//! WebWork Time Tracker: its events; it does not sign its webhooks.

use super::*;

const EVENTS: &[&str] = &["tracker.started", "tracker.stopped"];

pub fn provider() -> Provider {
    Provider {
        name: "webwork",
        title: "WebWork Time Tracker",
        kind: Kind::Service,
        // Delivery signing is not documented: unsigned unless a scheme is chosen.
        scheme: Scheme::None,
        envelope: Envelope::WebWork,
        events: EVENTS,
        // "More will be added."
        catalog_closed: false,
        // Undocumented; hooks' choice (docs/providers.md): 5 retries, doubling
        // from 10 s, then give up.
        policy: DeliveryPolicy {
            timeout: Duration::from_secs(30),
            retries: RetrySchedule::Exponential {
                initial: Duration::from_secs(10),
                max_delay: Duration::from_secs(160),
                give_up_after: Duration::from_secs(310),
            },
            on_exhausted: Exhaustion::GiveUp,
            batch_window: None,
            setup_event: None,
            largest: UNDOCUMENTED_LARGEST,
        },
        management: Management::WebWork,
    }
}
