//! `--filter`: forward and print only deliveries whose header or JSON field
//! matches, beside `--events`, which looks only at the event type.
//!
//! The syntax is `header:NAME=PATTERN` or `json:PATH=PATTERN`: NAME is a
//! header name (any case), PATH a dotted path into the body's JSON (a
//! number picks an array element, as `--set` does), PATTERN a glob as in
//! `--events` (`*` any run, `?` one character). A JSON string is matched
//! by its text, any other value by its JSON (`true`, `42`, `null`).

use super::Delivery;
use crate::{Error, Result};
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Field {
    Header(String),
    Json(Vec<String>),
}

/// One `--filter`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    field: Field,
    pattern: String,
}

impl Filter {
    pub fn parse(raw: &str) -> Result<Filter> {
        let bad = |why: &str| {
            Error::usage(format!("--filter '{}': {why}", raw.escape_debug())).with_hint(
                "write --filter 'header:X-Event=deal.*' or --filter 'json:data.status=paid'",
            )
        };
        let (field, pattern) = raw
            .split_once('=')
            .ok_or_else(|| bad("no '=' between the field and the pattern"))?;
        let field = match field.split_once(':') {
            Some(("header", name)) => {
                http::HeaderName::from_bytes(name.trim().as_bytes())
                    .map_err(|_| bad("not a valid header name"))?;
                Field::Header(name.trim().to_string())
            }
            Some(("json", path)) => {
                let path: Vec<String> = path.trim().split('.').map(str::to_string).collect();
                if path.iter().any(String::is_empty) {
                    return Err(bad("the JSON path has an empty part"));
                }
                Field::Json(path)
            }
            _ => return Err(bad("the field must start with header: or json:")),
        };
        Ok(Filter {
            field,
            pattern: pattern.to_string(),
        })
    }

    /// Whether the delivery matches; `json` is its body parsed, when it is
    /// JSON.
    fn matches(&self, d: &Delivery, json: Option<&Value>) -> bool {
        match &self.field {
            Field::Header(name) => d
                .headers
                .iter()
                .filter(|(n, _)| n.eq_ignore_ascii_case(name))
                .any(|(_, v)| super::pattern::matches(&self.pattern, &String::from_utf8_lossy(v))),
            Field::Json(path) => {
                let mut value = json;
                for part in path {
                    value = value.and_then(|v| match v {
                        Value::Array(items) => {
                            part.parse::<usize>().ok().and_then(|i| items.get(i))
                        }
                        _ => v.get(part),
                    });
                }
                match value {
                    Some(Value::String(text)) => super::pattern::matches(&self.pattern, text),
                    Some(other) => super::pattern::matches(&self.pattern, &other.to_string()),
                    None => false,
                }
            }
        }
    }
}

/// Whether the delivery passes every filter (none: all pass). The body is
/// parsed once, and only when a filter looks into it.
pub fn passes(filters: &[Filter], d: &Delivery) -> bool {
    if filters.is_empty() {
        return true;
    }
    let json = filters
        .iter()
        .any(|f| matches!(f.field, Field::Json(_)))
        .then(|| serde_json::from_slice::<Value>(&d.body).ok())
        .flatten();
    filters.iter().all(|f| f.matches(d, json.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delivery(headers: &[(&str, &str)], body: &str) -> Delivery {
        Delivery {
            method: "POST".into(),
            path: "/".into(),
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.as_bytes().to_vec()))
                .collect(),
            body: body.to_string().into(),
            received_at: std::time::SystemTime::now(),
            source: super::super::Source::Local,
            remote: None,
            forwarding: None,
            oversized: None,
        }
    }

    #[test]
    fn headers_and_json_fields_match_globs() {
        let d = delivery(
            &[("x-event", "deal.won")],
            r#"{"data":{"status":"paid","amount":42,"items":[{"sku":"a-1"}]}}"#,
        );
        let f = |raw: &str| Filter::parse(raw).unwrap();
        assert!(passes(&[f("header:X-Event=deal.*")], &d));
        assert!(!passes(&[f("header:X-Event=contact.*")], &d));
        assert!(!passes(&[f("header:X-Missing=*")], &d));
        assert!(passes(&[f("json:data.status=paid")], &d));
        assert!(passes(&[f("json:data.amount=42")], &d));
        assert!(passes(&[f("json:data.items.0.sku=a-*")], &d));
        assert!(!passes(&[f("json:data.nothing=*")], &d));
        assert!(!passes(
            &[f("json:data.status=paid"), f("header:X-Event=x")],
            &d
        ));
        assert!(!passes(&[f("json:a=*")], &delivery(&[], "not json")));
        assert!(passes(&[], &d));
    }

    #[test]
    fn bad_filters_are_refused() {
        for bad in [
            "status=paid",
            "json:=x",
            "json:a..b=x",
            "header:bad name=x",
            "json:a",
        ] {
            assert!(Filter::parse(bad).is_err(), "{bad}");
        }
        assert!(
            Filter::parse("json:a=").is_ok(),
            "an empty pattern matches empty text"
        );
    }
}
