//! awork: its events, the static secret header it sends, its timeout and retry policy.

use super::*;

const EVENTS: &[&str] = &[
    "absence_added",
    "absence_updated",
    "absence_deleted",
    "client_added",
    "client_changed",
    "client_deleted",
    "project_added",
    "project_changed",
    "project_comment_added",
    "project_deleted",
    "project_member_added",
    "project_member_deleted",
    "project_status_changed",
    "project_task_added",
    "project_task_deleted",
    "task_assignment_added",
    "task_assignment_deleted",
    "task_changed",
    "task_comment_added",
    "task_list_added",
    "task_list_changed",
    "task_list_deleted",
    "task_status_changed",
    "time_tracking_added",
    "time_tracking_changed",
    "time_tracking_deleted",
    "user_activation_changed",
    "user_added",
    "user_deleted",
    "user_status_changed",
];

/// The header used when an awork secret does not name its own
/// (`Name=value`, as in awork's `authentication` field).
pub const DEFAULT_AUTH_HEADER: &str = "X-Webhook-Token";

pub fn provider() -> Provider {
    Provider {
        name: "awork",
        title: "awork",
        kind: Kind::Service,
        scheme: Scheme::Header {
            header: DEFAULT_AUTH_HEADER.into(),
        },
        envelope: Envelope::Awork,
        events: EVENTS,
        // Newer docs rename some events; the live list is GET /webhooks/eventtypes.
        catalog_closed: false,
        policy: DeliveryPolicy {
            timeout: Duration::from_secs(30),
            retries: RetrySchedule::Every {
                interval: Duration::from_secs(60),
                retries: 10,
            },
            on_exhausted: Exhaustion::Pause,
            batch_window: None,
            setup_event: None,
            largest: UNDOCUMENTED_LARGEST,
        },
        management: Management::Awork,
    }
}
