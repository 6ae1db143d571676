//! Stripe-style: `Stripe-Signature: t=…,v1=…`, usable with any payload, and
//! test events in Stripe's event object (`{"id":"evt_…","object":"event",
//! "type",…,"data":{"object":…}}`).

use super::*;

/// The events that have fixtures: the most used ones.
const EVENTS: &[&str] = &[
    "charge.succeeded",
    "payment_intent.succeeded",
    "customer.created",
    "invoice.paid",
    "checkout.session.completed",
];

pub fn provider() -> Provider {
    let mut p = generic::scheme("stripe", "Stripe-style", Scheme::Stripe);
    p.envelope = Envelope::Stripe;
    p.events = EVENTS;
    p
}
