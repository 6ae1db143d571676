//! The events of a delivery body, read straight from its bytes.
//!
//! [`super::envelope::read_events`] reads them from a parsed
//! `serde_json::Value`; a listener would have to build that whole tree for
//! every delivery it receives, only to look at a few keys. A hostile body
//! makes the tree huge: 25 MiB of `[0,0,0,…]` or `[{},{},…]` is millions of
//! values, gigabytes of memory and as many events. [`read_events`] here runs
//! serde_json's own parser (no parser of ours) with visitors that keep only
//! the type and id keys of at most [`MAX_EVENTS`] events and skip everything
//! else as they read it: its memory is bounded by what it keeps, whatever
//! the body. It answers what `envelope::read_events` answers for the same
//! JSON (a property test holds them together) and an invalid body has no
//! events. One difference, on purpose: what is skipped is skipped by
//! serde_json's iterative `ignore_value`, so nesting deeper than the 128
//! levels a `Value` parse allows is read past (one byte of stack per level)
//! instead of making the whole body unreadable.

use super::envelope::{EventRef, ID_KEYS, MAX_EVENTS, TYPE_KEYS};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// The visits of a value that is neither an object nor an array (a bool, a
/// number, a string, null), each answering `$answer` with `$visitor` bound
/// to the visitor.
macro_rules! other_values {
    ($visitor:ident => $answer:expr) => {
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
            let $visitor = self;
            Ok($answer)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
            let $visitor = self;
            Ok($answer)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
            let $visitor = self;
            Ok($answer)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
            let $visitor = self;
            Ok($answer)
        }
        fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
            let $visitor = self;
            Ok($answer)
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            let $visitor = self;
            Ok($answer)
        }
    };
}

/// The events of `body` (see the module); none when it is not JSON.
pub fn read_events(body: &[u8]) -> Vec<EventRef> {
    let mut de = serde_json::Deserializer::from_slice(body);
    de.deserialize_any(Top)
        .and_then(|events| {
            de.end()?;
            Ok(events)
        })
        .unwrap_or_default()
}

/// A value at a type or id key: its text when it is a string or a number.
#[derive(Default)]
struct Slots {
    /// Per key of [`TYPE_KEYS`]: present (with its text, if any).
    types: [Option<Option<String>>; TYPE_KEYS.len()],
    ids: [Option<Option<String>>; ID_KEYS.len()],
}

impl Slots {
    /// The first key present wins, as `Value::get` over the keys in order.
    fn event(self) -> EventRef {
        let first = |slots: [Option<Option<String>>; 4]| slots.into_iter().flatten().next()?;
        EventRef {
            event_type: first(self.types),
            id: first(self.ids),
        }
    }

    fn slot(&mut self, key: &str) -> Option<&mut Option<Option<String>>> {
        if let Some(i) = TYPE_KEYS.iter().position(|k| *k == key) {
            return Some(&mut self.types[i]);
        }
        ID_KEYS
            .iter()
            .position(|k| *k == key)
            .map(|i| &mut self.ids[i])
    }
}

/// The body itself.
struct Top;

impl<'de> Visitor<'de> for Top {
    type Value = Vec<EventRef>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("JSON")
    }

    /// A bare array: each item is an event (a When I Work batch).
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut events = Vec::new();
        while let Some(item) = seq.next_element_seed(Item {
            keep: events.len() < MAX_EVENTS,
        })? {
            if let Some(event) = item.event {
                events.push(event);
            }
        }
        Ok(events)
    }

    /// An object: its `events` when that is a non-empty array of objects
    /// (a batch), else the object is the one event.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut slots = Slots::default();
        let mut batch: Option<Batch> = None;
        while let Some(key) = map.next_key::<Key>()? {
            if key.0 == "events" {
                batch = Some(map.next_value_seed(BatchSeed)?);
            } else if let Some(slot) = slots.slot(key.0) {
                *slot = Some(map.next_value::<Scalar>()?.0);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(match batch {
            Some(Batch::Objects(events)) => events,
            _ => vec![slots.event()],
        })
    }

    other_values!(_visitor => Vec::new());
}

/// An object key: one of those looked for, or empty for any other.
struct Key(&'static str);

impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E>(self, key: &str) -> Result<Key, E> {
                // Only the few keys looked for are kept; any other is
                // dropped here without an allocation.
                let known = TYPE_KEYS
                    .iter()
                    .chain(&ID_KEYS)
                    .chain(&["events"])
                    .find(|k| **k == key);
                Ok(Key(known.copied().unwrap_or("")))
            }
        }
        d.deserialize_str(V)
    }
}

/// A value's text when it is a string or a number (as `Value`'s
/// `to_string` writes the number), else none; the value is read past.
struct Scalar(Option<String>);

impl<'de> serde::Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value")
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(
                    serde_json::Number::from_f64(v).map(|n| n.to_string()),
                ))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Scalar, E> {
                Ok(Scalar(None))
            }
            fn visit_unit<E>(self) -> Result<Scalar, E> {
                Ok(Scalar(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Scalar(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Scalar(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// An item of an array: an event when it is an object (its keys read
/// when `keep`), nothing otherwise.
struct Item {
    keep: bool,
}

struct Read {
    object: bool,
    event: Option<EventRef>,
}

impl<'de> DeserializeSeed<'de> for Item {
    type Value = Read;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Read, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Item {
    type Value = Read;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Read, A::Error> {
        if !self.keep {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(Read {
                object: true,
                event: None,
            });
        }
        let mut slots = Slots::default();
        while let Some(key) = map.next_key::<Key>()? {
            match slots.slot(key.0) {
                Some(slot) => *slot = Some(map.next_value::<Scalar>()?.0),
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Read {
            object: true,
            event: Some(slots.event()),
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Read, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(self.other())
    }
    other_values!(visitor => visitor.other());
}

impl Item {
    /// A bare array's item that is not an object is still an event, with
    /// neither type nor id (as `envelope::read_events` reads it).
    fn other(self) -> Read {
        Read {
            object: false,
            event: self.keep.then(EventRef::default),
        }
    }
}

/// The value at a top-level `events` key.
enum Batch {
    /// A non-empty array of objects: the events of a batch.
    Objects(Vec<EventRef>),
    /// Anything else.
    Not,
}

struct BatchSeed;

impl<'de> DeserializeSeed<'de> for BatchSeed {
    type Value = Batch;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Batch, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for BatchSeed {
    type Value = Batch;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Batch, A::Error> {
        let (mut events, mut objects, mut any) = (Vec::new(), true, false);
        while let Some(item) = seq.next_element_seed(Item {
            keep: objects && events.len() < MAX_EVENTS,
        })? {
            any = true;
            objects &= item.object;
            if let Some(event) = item.event.filter(|_| item.object) {
                events.push(event);
            }
        }
        Ok(if any && objects {
            Batch::Objects(events)
        } else {
            Batch::Not
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Batch, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Batch::Not)
    }
    other_values!(_visitor => Batch::Not);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{json, Value};

    fn both(body: &Value) -> (Vec<EventRef>, Vec<EventRef>) {
        let bytes = serde_json::to_vec(body).unwrap();
        (
            read_events(&bytes),
            super::super::envelope::read_events(body),
        )
    }

    #[test]
    fn the_providers_shapes_read_as_from_a_value() {
        for body in [
            json!({"id": "evt_1", "type": "contact.created", "data": {"id": "inner"}}),
            json!({"events": [{"uuid": "u1", "type": "shifts::created"}, {"uuid": "u2", "type": "users::deleted"}]}),
            json!([{"uuid": "u1", "type": "a"}, 7, "x", null]),
            json!({"eventType": "task_created", "traceId": 12, "entity": {"type": "nested"}}),
            json!({"event": "timesheet.approved", "id": 1.5}),
            json!({"type": {"not": "text"}, "event": "ignored: the first key present wins"}),
            json!({"events": [], "type": "an empty batch is no batch"}),
            json!({"events": [{"type": "a"}, 1], "type": "a mixed batch is no batch"}),
            json!({"type": "dup", "type": "the last duplicate wins"}),
            json!({"id": 18446744073709551615u64, "type": -3}),
            json!("just a string"),
            json!([]),
        ] {
            let (streamed, from_value) = both(&body);
            assert_eq!(streamed, from_value, "{body}");
        }
    }

    #[test]
    fn invalid_json_and_trailing_bytes_have_no_events() {
        for body in [
            &b"{\"type\": \"a\""[..],
            b"{\"type\": \"a\"} trailing",
            b"",
            b"\xff\xfe",
        ] {
            assert_eq!(read_events(body), Vec::new(), "{body:?}");
        }
        // Nesting deeper than a Value parse allows is skipped, not fatal.
        let deep = format!(
            "{{\"data\":{}{},\"type\":\"deep\"}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        assert!(serde_json::from_str::<Value>(&deep).is_err());
        let events = read_events(deep.as_bytes());
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].event_type.as_deref(), Some("deep"));
    }

    /// Millions of items keep at most MAX_EVENTS events, and the ones past
    /// it are skipped as they are read (the body is not copied into a tree).
    #[test]
    fn millions_of_items_keep_at_most_max_events() {
        let numbers = format!("[{}0]", "0,".repeat(3_000_000));
        let events = read_events(numbers.as_bytes());
        assert_eq!(events.len(), MAX_EVENTS);
        let objects = format!(
            "{{\"events\":[{}{{}}]}}",
            "{\"type\":\"t\"},".repeat(500_000)
        );
        let events = read_events(objects.as_bytes());
        assert_eq!(events.len(), MAX_EVENTS);
        assert!(events.iter().all(|e| e.event_type.as_deref() == Some("t")));
        // Past the limit, an item that is not an object still makes the
        // whole array no batch: the object is then the one event.
        let mixed = format!(
            "{{\"type\":\"outer\",\"events\":[{}1]}}",
            "{}, ".repeat(MAX_EVENTS + 5)
        );
        let events = read_events(mixed.as_bytes());
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].event_type.as_deref(), Some("outer"));
    }

    fn json_value() -> impl Strategy<Value = Value> {
        let key = prop_oneof![
            Just("type".to_string()),
            Just("event".to_string()),
            Just("eventType".to_string()),
            Just("id".to_string()),
            Just("uuid".to_string()),
            Just("traceId".to_string()),
            Just("events".to_string()),
            "[a-z]{0,3}",
        ];
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            // Binary fractions, which every float parser reads exactly (a
            // Value parse and a visitor may differ by a unit in the last
            // place for other floats: not what is compared here).
            (-1_000_000i64..1_000_000).prop_map(|n| Value::from(n as f64 / 8.0)),
            "[a-z:._ ]{0,8}".prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 64, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::vec((key.clone(), inner), 0..6)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// Whatever the JSON, the streamed read equals the read of the
        /// parsed value.
        #[test]
        fn streamed_equals_the_value_read(body in json_value()) {
            let (streamed, from_value) = both(&body);
            prop_assert_eq!(streamed, from_value);
        }
    }
}
