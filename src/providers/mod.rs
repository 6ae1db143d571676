//! Providers as data: each knows its signature scheme, envelope, event
//! catalog, delivery policy and management API. Provider facts live here and
//! nowhere else; adding a provider is one file here plus its fixtures.

mod awork;
pub mod envelope;
pub mod events;
mod generic;
pub mod github;
mod stripe;
mod webwork;
mod wheniwork;
mod workestra;

pub use envelope::{Envelope, EventRef};

use crate::signature::Scheme;
use std::time::Duration;

/// Whether a provider is a real service or a generic signature scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Service,
    Scheme,
}

/// What happens to a webhook after the last retry fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exhaustion {
    /// The webhook is disabled (Workestra).
    Disable,
    /// The webhook is paused until re-enabled (awork).
    Pause,
    /// Delivery of that event stops; the webhook stays active.
    GiveUp,
}

/// When retries happen after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetrySchedule {
    /// Attempt n+1 happens this long after the first attempt.
    Fixed(&'static [Duration]),
    /// Exponential backoff from `initial`, doubling, capped at `max_delay`,
    /// until `give_up_after` has passed since the first attempt.
    Exponential {
        initial: Duration,
        max_delay: Duration,
        give_up_after: Duration,
    },
    /// A fixed count of retries at a fixed interval.
    Every { interval: Duration, retries: u32 },
}

/// When retry `n` (1-based) happens, counted from the first attempt; None
/// when the schedule has no retry `n`.
pub fn retry_offset(schedule: &RetrySchedule, n: u32) -> Option<Duration> {
    if n == 0 {
        return Some(Duration::ZERO);
    }
    match *schedule {
        RetrySchedule::Fixed(offsets) => offsets.get(n as usize - 1).copied(),
        RetrySchedule::Every { interval, retries } => (n <= retries).then(|| interval * n),
        RetrySchedule::Exponential {
            initial,
            max_delay,
            give_up_after,
        } => {
            let mut offset = Duration::ZERO;
            let mut delay = initial;
            for _ in 0..n {
                offset += delay.min(max_delay);
                delay = delay.saturating_mul(2);
            }
            (offset <= give_up_after).then_some(offset)
        }
    }
}

/// Every attempt the schedule allows: the first plus the retries.
pub fn max_attempts(schedule: &RetrySchedule) -> u32 {
    let mut n = 0;
    // Bounded: a zero initial delay must not loop forever.
    while n < 1000 && retry_offset(schedule, n + 1).is_some() {
        n += 1;
    }
    n + 1
}

/// The largest delivery a provider sends, as `hooks check` builds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Largest {
    /// A batch of this many events (When I Work).
    Batch(usize),
    /// One event whose longest text field is grown until the body has this
    /// many bytes.
    Body(usize),
}

/// The largest body hooks sends a provider's handler when the provider
/// documents none: one event with a long text field, past the 100 KiB
/// default limit of common JSON body parsers.
pub const UNDOCUMENTED_LARGEST: Largest = Largest::Body(256 * 1024);

/// How a provider delivers: response timeout, retries, batching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryPolicy {
    pub timeout: Duration,
    pub retries: RetrySchedule,
    pub on_exhausted: Exhaustion,
    /// Events for the same webhook within this window go out as one batch.
    pub batch_window: Option<Duration>,
    /// An event sent to a webhook once, when it is created (Workestra sends
    /// `endpoint.verify`, which must be answered 200).
    pub setup_event: Option<&'static str>,
    /// The largest delivery it sends (`hooks check`'s large-body case).
    pub largest: Largest,
}

impl Exhaustion {
    /// What the provider does after the last retry, as a phrase.
    pub fn phrase(self) -> &'static str {
        match self {
            Exhaustion::Disable => "disables the webhook",
            Exhaustion::Pause => "pauses the webhook",
            Exhaustion::GiveUp => "gives up on the delivery",
        }
    }
}

/// The provider's webhook management API, if it has a public one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Management {
    WebWork,
    Awork,
    /// No public API; the text says how to do it in the provider's web UI.
    WebUi(&'static str),
    /// A generic scheme: nothing to manage.
    NotApplicable,
}

/// Everything hooks knows about one provider.
#[derive(Debug, Clone)]
pub struct Provider {
    pub name: &'static str,
    pub title: &'static str,
    pub kind: Kind,
    pub scheme: Scheme,
    pub envelope: Envelope,
    pub events: &'static [&'static str],
    /// False when the provider's public documentation says the list is not
    /// complete: unknown events are then allowed with a warning.
    pub catalog_closed: bool,
    pub policy: DeliveryPolicy,
    pub management: Management,
}

impl Provider {
    pub fn has_event(&self, event: &str) -> bool {
        self.events.contains(&event)
    }

    /// What happens when a delivery fails (an error, or no answer within the
    /// timeout), e.g. "awork retries 10 times, then pauses the webhook".
    pub fn failure_consequence(&self) -> String {
        let who = match self.kind {
            Kind::Service => self.title.to_string(),
            Kind::Scheme => format!("a {} sender (as hooks models one)", self.title),
        };
        format!(
            "{who} retries {} times, then {}",
            max_attempts(&self.policy.retries) - 1,
            self.policy.on_exhausted.phrase()
        )
    }
}

/// Every provider and generic scheme, services first.
pub fn all() -> Vec<Provider> {
    vec![
        workestra::provider(),
        wheniwork::provider(),
        webwork::provider(),
        awork::provider(),
        generic::standard(),
        github::provider(),
        stripe::provider(),
        generic::shopify(),
        generic::slack(),
        generic::hmac(),
        generic::header(),
        generic::none(),
    ]
}

pub fn names() -> Vec<&'static str> {
    all().iter().map(|p| p.name).collect()
}

/// Looks a provider up by name, case-insensitively.
pub fn find(name: &str) -> Option<Provider> {
    all()
        .into_iter()
        .find(|p| p.name.eq_ignore_ascii_case(name))
}

/// Looks a provider up by name, or explains which names exist.
pub fn get(name: &str) -> crate::Result<Provider> {
    find(name).ok_or_else(|| {
        let mut msg = format!("unknown provider '{name}'");
        if let Some(s) = crate::suggest::nearest(name, names()).first() {
            msg.push_str(&format!(" (did you mean '{s}'?)"));
        }
        crate::Error::usage(msg).with_hint(format!("providers: {}", names().join(", ")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failure_consequences_follow_the_policies() {
        let said = |name: &str| get(name).unwrap().failure_consequence();
        assert_eq!(
            said("awork"),
            "awork retries 10 times, then pauses the webhook"
        );
        assert_eq!(
            said("workestra"),
            "Workestra retries 4 times, then disables the webhook"
        );
        assert_eq!(
            said("wheniwork"),
            format!(
                "When I Work retries {} times, then gives up on the delivery",
                max_attempts(&get("wheniwork").unwrap().policy.retries) - 1
            )
        );
        assert!(said("standard")
            .starts_with("a Standard Webhooks sender (as hooks models one) retries "));
    }

    #[test]
    fn only_when_i_work_sends_batches_at_its_largest() {
        for p in all() {
            let batched = matches!(p.policy.largest, Largest::Batch(_));
            assert_eq!(batched, p.envelope == Envelope::WhenIWork, "{}", p.name);
        }
    }
}
