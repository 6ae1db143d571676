//! Building a test delivery from a fixture: fresh ids and timestamps,
//! `--data`, `--set` overrides, then the bytes that will be signed.

use crate::fixtures::Catalog;
use crate::payload::Override;
use crate::providers::{self, Provider};
use crate::Result;
use serde_json::Value;
use std::time::SystemTime;

/// A test event ready to sign and send.
#[derive(Debug, Clone)]
pub struct TestEvent {
    /// The provider whose envelope the body is in (the fixture's provider).
    pub envelope_provider: Option<String>,
    /// The event type(s) in the body, for output.
    pub event: String,
    /// The delivery id (message id for Standard Webhooks, batch id for When
    /// I Work), which signs.
    pub id: String,
    /// The event id(s) as `hooks listen` reads them from the body (When I
    /// Work's event `uuid`), else the delivery id: what output shows, so both
    /// sides show the same id.
    pub event_id: String,
    pub body: Vec<u8>,
    /// Headers the provider sends besides the signature.
    pub headers: Vec<(String, String)>,
}

/// Builds the body for `event`: the fixture (or, with `--data` and no
/// fixture, the provider's skeleton envelope), refreshed, with `data` and the
/// overrides applied.
pub fn build(
    catalog: &Catalog,
    event: &str,
    provider: Option<&Provider>,
    data: Option<Value>,
    overrides: &[Override],
    now: SystemTime,
) -> Result<TestEvent> {
    let (mut body, envelope_provider) = match catalog.find(event, provider) {
        Ok(fixture) => (fixture.json()?, fixture.provider.clone()),
        Err(e) => match (&data, provider) {
            (Some(_), Some(p)) => (p.envelope.skeleton(event), Some(p.name.to_string())),
            _ => return Err(e),
        },
    };
    let envelope = envelope_provider
        .as_deref()
        .and_then(providers::find)
        .or_else(|| provider.cloned())
        .map(|p| p.envelope)
        .unwrap_or(providers::Envelope::Raw);
    let (id, headers) = envelope.refresh(&mut body, now);
    if let Some(data) = data {
        envelope.set_data(&mut body, data);
    }
    for o in overrides {
        o.apply(&mut body)?;
    }
    let events = providers::envelope::read_events(&body);
    let types: Vec<String> = events.iter().filter_map(|e| e.event_type.clone()).collect();
    let ids: Vec<String> = events.into_iter().filter_map(|e| e.id).collect();
    let event_id = if ids.is_empty() {
        id.clone()
    } else {
        ids.join(",")
    };
    let event = if types.is_empty() {
        event.to_string()
    } else {
        types.join(",")
    };
    let mut headers = headers;
    headers.extend(envelope.event_headers(&event));
    let body = serde_json::to_vec(&body).expect("a JSON value serialises");
    Ok(TestEvent {
        envelope_provider,
        event,
        id,
        event_id,
        body,
        headers,
    })
}
