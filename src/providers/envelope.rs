//! Provider envelopes: how events are wrapped in a delivery body, how to read
//! the event type and id back out, and how to give a fixture fresh ids and
//! timestamps.

use rand::distributions::{Alphanumeric, DistString};
use serde_json::{json, Map, Value};
use std::time::SystemTime;

/// The shape of a provider's delivery body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Envelope {
    /// `{"id","type","created_at","workspace_id","data"}`.
    Workestra,
    /// A batch: `{"events":[{"uuid","type","userId","createdAt","sentAt","data"}]}`.
    WhenIWork,
    /// `{"id","event","created_at","data"}` (undocumented; hooks' choice).
    WebWork,
    /// `{"timestamp","eventType","entity",…,"traceId",…}`.
    Awork,
    /// Standard Webhooks: `{"type","timestamp","data"}`, id in `webhook-id`.
    Standard,
    /// Stripe's event object: `{"id":"evt_…","object":"event","created","data":{"object"},"type",…}`.
    Stripe,
    /// GitHub: the payload itself; type and id in `X-GitHub-Event` and `X-GitHub-Delivery`.
    GitHub,
    /// Whatever the payload is.
    Raw,
}

/// Headers a provider sends besides the signature, in order.
pub type Headers = Vec<(String, String)>;

/// One event found in a delivery body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EventRef {
    pub event_type: Option<String>,
    pub id: Option<String>,
}

pub(crate) const TYPE_KEYS: [&str; 4] = ["type", "event", "eventType", "event_type"];
pub(crate) const ID_KEYS: [&str; 4] = ["id", "uuid", "traceId", "event_id"];

/// The most events read from one delivery: a When I Work batch holds a
/// handful, and a hostile body of millions of items stays one delivery of
/// 1,000 events (the rest are in its body, unlisted).
pub const MAX_EVENTS: usize = 1000;

/// Reads the events of any provider's body: a When I Work batch
/// (`{"events":[…]}` or a bare array) yields each event; anything else is
/// one event. Type and id are read from whichever key the provider uses.
pub fn read_events(body: &Value) -> Vec<EventRef> {
    let items: Vec<&Value> = match body {
        Value::Array(items) => items.iter().collect(),
        Value::Object(map) => match map.get("events") {
            Some(Value::Array(items))
                if items.iter().all(Value::is_object) && !items.is_empty() =>
            {
                items.iter().collect()
            }
            _ => vec![body],
        },
        _ => vec![],
    };
    items.into_iter().take(MAX_EVENTS).map(read_event).collect()
}

fn read_event(item: &Value) -> EventRef {
    let text = |keys: &[&str]| {
        keys.iter().find_map(|k| item.get(k)).and_then(|v| match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
    };
    EventRef {
        event_type: text(&TYPE_KEYS),
        id: text(&ID_KEYS),
    }
}

/// The account id sent in When I Work's `X-Account-Id` by hooks' test events.
pub const WHENIWORK_TEST_ACCOUNT_ID: &str = "1000001";

impl Envelope {
    /// Gives a body fresh ids and timestamps, and returns the delivery id and
    /// any headers the provider sends besides the signature.
    pub fn refresh(&self, body: &mut Value, now: SystemTime) -> (String, Vec<(String, String)>) {
        let seconds = humantime::format_rfc3339_seconds(now).to_string();
        match self {
            Envelope::Workestra => {
                let id = format!(
                    "evt_{}",
                    Alphanumeric.sample_string(&mut rand::thread_rng(), 24)
                );
                replace(body, "id", json!(id));
                replace(body, "created_at", json!(seconds));
                (id, vec![])
            }
            Envelope::WhenIWork => {
                let nanos = humantime::format_rfc3339_nanos(now).to_string();
                if let Some(Value::Array(events)) = body.get_mut("events") {
                    for event in events {
                        replace(event, "uuid", json!(uuid::Uuid::new_v4().to_string()));
                        replace(event, "createdAt", json!(nanos));
                        replace(event, "sentAt", json!(nanos));
                    }
                }
                wheniwork_batch_headers()
            }
            Envelope::WebWork => {
                let id = format!("wwe_{}", uuid::Uuid::new_v4().simple());
                replace(body, "id", json!(id));
                replace(body, "created_at", json!(seconds));
                (id, vec![])
            }
            Envelope::Awork => {
                let trace = uuid::Uuid::new_v4().simple().to_string();
                let millis = humantime::format_rfc3339_millis(now).to_string();
                replace(body, "timestamp", json!(millis));
                replace(body, "traceId", json!(trace));
                (trace, vec![])
            }
            Envelope::Standard => {
                replace(body, "timestamp", json!(seconds));
                (standard_message_id(), vec![])
            }
            Envelope::Stripe => {
                let id = format!(
                    "evt_{}",
                    Alphanumeric.sample_string(&mut rand::thread_rng(), 24)
                );
                let unix = now
                    .duration_since(SystemTime::UNIX_EPOCH)
                    .map(|d| d.as_secs())
                    .unwrap_or(0);
                replace(body, "id", json!(id));
                replace(body, "created", json!(unix));
                (id, vec![])
            }
            Envelope::GitHub => {
                let guid = uuid::Uuid::new_v4().to_string();
                let headers = vec![(super::github::DELIVERY_HEADER.to_string(), guid.clone())];
                (guid, headers)
            }
            Envelope::Raw => (standard_message_id(), vec![]),
        }
    }

    /// Headers that name the event, for envelopes whose body does not
    /// (GitHub's `X-GitHub-Event`).
    pub fn event_headers(&self, event: &str) -> Headers {
        match self {
            Envelope::GitHub => vec![(super::github::EVENT_HEADER.to_string(), event.to_string())],
            _ => vec![],
        }
    }

    /// Joins several events' bodies into one batch delivery, for envelopes
    /// that batch (When I Work: `{"events":[…]}` with `sentAt` set to now and
    /// a fresh batch id). Returns the body, the delivery id and the headers
    /// besides the signature; None for envelopes that carry one event.
    pub fn batch(&self, bodies: &[Value], now: SystemTime) -> Option<(Value, String, Headers)> {
        if *self != Envelope::WhenIWork {
            return None;
        }
        let nanos = humantime::format_rfc3339_nanos(now).to_string();
        let mut items = Vec::new();
        for body in bodies {
            match body.get("events") {
                Some(Value::Array(events)) => items.extend(events.iter().cloned()),
                _ => items.push(body.clone()),
            }
        }
        for item in &mut items {
            replace(item, "sentAt", json!(nanos));
        }
        let (id, headers) = wheniwork_batch_headers();
        Some((json!({ "events": items }), id, headers))
    }

    /// A minimal body for an event that has no fixture.
    pub fn skeleton(&self, event: &str) -> Value {
        match self {
            Envelope::Workestra => json!({
                "id": "", "type": event, "created_at": "", "workspace_id": "ws_local", "data": {}
            }),
            Envelope::WhenIWork => json!({"events": [{
                "uuid": "", "type": event, "userId": "0", "createdAt": "", "sentAt": "", "data": {}
            }]}),
            Envelope::WebWork => json!({"id": "", "event": event, "created_at": "", "data": {}}),
            Envelope::Awork => json!({
                "timestamp": "", "eventType": event, "entity": {}, "traceId": ""
            }),
            Envelope::Stripe => json!({
                "id": "", "object": "event", "api_version": "2024-06-20", "created": 0,
                "data": {"object": {}}, "livemode": false, "pending_webhooks": 1,
                "request": {"id": null, "idempotency_key": null}, "type": event
            }),
            Envelope::GitHub => json!({}),
            Envelope::Standard | Envelope::Raw => {
                json!({"type": event, "timestamp": "", "data": {}})
            }
        }
    }

    /// Replaces the event's data (`--data`): `data` for most envelopes, the
    /// first event's `data` in a When I Work batch, `entity` for awork,
    /// `data.object` for Stripe, the whole payload for GitHub.
    pub fn set_data(&self, body: &mut Value, data: Value) {
        let slot = match self {
            Envelope::GitHub => {
                *body = data;
                return;
            }
            Envelope::Stripe => body.get_mut("data").and_then(|d| d.as_object_mut()),
            Envelope::WhenIWork => body
                .get_mut("events")
                .and_then(|e| e.get_mut(0))
                .and_then(|e| e.as_object_mut()),
            _ => body.as_object_mut(),
        };
        let key = match self {
            Envelope::Awork => "entity",
            Envelope::Stripe => "object",
            _ => "data",
        };
        match slot {
            Some(map) => {
                map.insert(key.to_string(), data);
            }
            None => *body = data,
        }
    }
}

/// A fresh When I Work batch id and the headers that carry it.
fn wheniwork_batch_headers() -> (String, Vec<(String, String)>) {
    let batch = uuid::Uuid::new_v4().to_string();
    let headers = vec![
        (
            "X-Account-Id".to_string(),
            WHENIWORK_TEST_ACCOUNT_ID.to_string(),
        ),
        ("X-Webhook-Id".to_string(), batch.clone()),
    ];
    (batch, headers)
}

fn standard_message_id() -> String {
    format!(
        "msg_{}",
        Alphanumeric.sample_string(&mut rand::thread_rng(), 27)
    )
}

/// Replaces a key only where the fixture has it, keeping its position.
fn replace(body: &mut Value, key: &str, value: Value) {
    if let Some(map) = body.as_object_mut() {
        if let Some(slot) = map.get_mut(key) {
            *slot = value;
        }
    }
}

/// An empty JSON object, for callers building bodies.
pub fn empty_object() -> Value {
    Value::Object(Map::new())
}
