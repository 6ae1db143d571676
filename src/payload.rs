//! Editing payloads from the command line: `--set PATH=VALUE` and `--data`.

use crate::{Error, Result};
use serde_json::{Map, Value};

/// One `--set` override: a dotted path into the JSON and the value to put
/// there. The value is parsed as JSON when it parses, else taken as a string.
#[derive(Debug, Clone)]
pub struct Override {
    pub path: Vec<String>,
    pub value: Value,
}

impl Override {
    pub fn parse(arg: &str) -> Result<Override> {
        let bad = |why: &str| {
            Error::usage(format!("malformed --set '{arg}': {why}"))
                .with_hint("write --set PATH=VALUE with a dotted path, e.g. --set data.email=ada@example.com or --set events.0.type=users::updated")
        };
        let (path, raw) = arg.split_once('=').ok_or_else(|| bad("no '='"))?;
        if path.is_empty() {
            return Err(bad("the path is empty"));
        }
        let path: Vec<String> = path.split('.').map(str::to_string).collect();
        if path.iter().any(String::is_empty) {
            return Err(bad("the path has an empty segment"));
        }
        let value = serde_json::from_str(raw).unwrap_or_else(|_| Value::String(raw.to_string()));
        Ok(Override { path, value })
    }

    /// Applies the override, creating missing objects along the path. A
    /// numeric segment indexes an array (one past the end appends).
    pub fn apply(&self, root: &mut Value) -> Result<()> {
        let mut node = root;
        let last = self.path.len() - 1;
        for (i, segment) in self.path.iter().enumerate() {
            let here = self.path[..i].join(".");
            let here = if here.is_empty() {
                "the body".to_string()
            } else {
                here
            };
            let value = if i == last {
                Some(self.value.clone())
            } else {
                None
            };
            node = match node {
                Value::Object(map) => {
                    let slot = map
                        .entry(segment.clone())
                        .or_insert_with(|| Value::Object(Map::new()));
                    if let Some(v) = value {
                        *slot = v;
                        return Ok(());
                    }
                    slot
                }
                Value::Array(items) => {
                    let index: usize = segment.parse().map_err(|_| {
                        Error::usage(format!(
                            "cannot set {}: {here} is an array, so '{segment}' must be an index",
                            self.path.join(".")
                        ))
                    })?;
                    if index == items.len() {
                        items.push(Value::Object(Map::new()));
                    }
                    let len = items.len();
                    let slot = items.get_mut(index).ok_or_else(|| {
                        Error::usage(format!(
                            "cannot set {}: index {index} is past the end of {here} ({len} items)",
                            self.path.join(".")
                        ))
                    })?;
                    if let Some(v) = value {
                        *slot = v;
                        return Ok(());
                    }
                    slot
                }
                other => {
                    return Err(Error::usage(format!(
                        "cannot set {}: {here} is {}, not an object",
                        self.path.join("."),
                        kind(other)
                    )))
                }
            };
        }
        Ok(())
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Reads `--data`: inline JSON, or `@FILE` for a file's contents.
pub fn parse_data(arg: &str) -> Result<Value> {
    let (text, origin) = match arg.strip_prefix('@') {
        Some(path) => {
            let bytes = crate::error::read_file(std::path::Path::new(path))?;
            (
                String::from_utf8_lossy(&bytes).into_owned(),
                path.to_string(),
            )
        }
        None => (arg.to_string(), "--data".to_string()),
    };
    serde_json::from_str(&text).map_err(|e| {
        Error::usage(format!("{origin} is not valid JSON: {e}")).with_hint(
            "pass a JSON object, e.g. --data '{\"email\":\"ada@example.com\"}', or @FILE",
        )
    })
}

/// Parses a JSON body, naming where it came from in the error.
pub fn parse_json(bytes: &[u8], origin: &str) -> Result<Value> {
    serde_json::from_slice(bytes)
        .map_err(|e| Error::usage(format!("{origin} is not valid JSON: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn set(body: &mut Value, arg: &str) -> Result<()> {
        Override::parse(arg)?.apply(body)
    }

    #[test]
    fn sets_nested_values_parsed_as_json_when_they_parse() {
        let mut body = json!({"data": {"email": "a@b.c", "n": 1}});
        set(&mut body, "data.email=ada@example.com").unwrap();
        set(&mut body, "data.n=42").unwrap();
        set(&mut body, "data.tags=[\"vip\"]").unwrap();
        set(&mut body, "data.new.deep=true").unwrap();
        assert_eq!(
            body,
            json!({"data": {"email": "ada@example.com", "n": 42, "tags": ["vip"], "new": {"deep": true}}})
        );
    }

    #[test]
    fn indexes_arrays() {
        let mut body = json!({"events": [{"type": "a"}]});
        set(&mut body, "events.0.type=b").unwrap();
        assert_eq!(body, json!({"events": [{"type": "b"}]}));
        let err = set(&mut body, "events.x.type=b").unwrap_err();
        assert!(err.message.contains("must be an index"), "{}", err.message);
        let err = set(&mut body, "events.5.type=b").unwrap_err();
        assert!(err.message.contains("past the end"), "{}", err.message);
    }

    #[test]
    fn refuses_malformed_paths() {
        for arg in ["noequals", "=x", "data..x=1", "data.=1"] {
            assert!(Override::parse(arg).is_err(), "{arg}");
        }
        let mut body = json!({"data": "text"});
        let err = set(&mut body, "data.x=1").unwrap_err();
        assert!(err.message.contains("data is a string"), "{}", err.message);
    }
}
