//! The generic signature schemes, usable with any event and any payload.

use super::*;
use crate::signature::{Encoding, HmacSpec};

/// A generic scheme: any event, any payload, a common delivery policy.
pub(super) fn scheme(name: &'static str, title: &'static str, scheme: Scheme) -> Provider {
    Provider {
        name,
        title,
        kind: Kind::Scheme,
        scheme,
        envelope: Envelope::Raw,
        events: &[],
        catalog_closed: false,
        policy: DeliveryPolicy {
            timeout: Duration::from_secs(15),
            retries: RetrySchedule::Exponential {
                initial: Duration::from_secs(5),
                max_delay: Duration::from_secs(60 * 60),
                give_up_after: Duration::from_secs(24 * 60 * 60),
            },
            on_exhausted: Exhaustion::GiveUp,
            batch_window: None,
            setup_event: None,
            largest: UNDOCUMENTED_LARGEST,
        },
        management: Management::NotApplicable,
    }
}

pub fn standard() -> Provider {
    let mut p = scheme("standard", "Standard Webhooks", Scheme::Standard);
    p.envelope = Envelope::Standard;
    p
}

pub fn shopify() -> Provider {
    scheme("shopify", "Shopify-style", Scheme::Shopify)
}

pub fn slack() -> Provider {
    scheme("slack", "Slack-style", Scheme::Slack)
}

/// The default custom HMAC scheme; `--signature-header`, `--prefix` and
/// `--encoding` change it.
pub fn hmac() -> Provider {
    scheme(
        "hmac",
        "custom HMAC-SHA256",
        Scheme::Hmac(HmacSpec {
            header: "X-Signature".into(),
            prefix: String::new(),
            encoding: Encoding::Hex,
            prefix_optional: false,
        }),
    )
}

pub fn header() -> Provider {
    scheme(
        "header",
        "static header",
        Scheme::Header {
            header: super::awork::DEFAULT_AUTH_HEADER.into(),
        },
    )
}

pub fn none() -> Provider {
    scheme("none", "unsigned", Scheme::None)
}
