//! The inspector's JSON API: listing (cursor-paginated and filtered),
//! one delivery in full, and replay. Documented in docs/inspector.md.

use super::Inspector;
use crate::delivery::curl;
use crate::delivery::replay::{Edit, Replayer};
use crate::delivery::store::Record;
use crate::delivery::{pattern, rfc3339};
use crate::{Error, Result};
use base64::Engine;
use rusqlite::types::Value as Sql;
use rusqlite::Connection;
use serde_json::{json, Value};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, UNIX_EPOCH};

/// Deliveries per page unless `limit` says otherwise, and the most allowed.
pub const DEFAULT_LIMIT: usize = 50;
pub const MAX_LIMIT: usize = 500;
/// How much of a body the detail view carries as text; the whole body is
/// at `/api/deliveries/{id}/body`.
const TEXT_LIMIT: usize = 1 << 20;
/// How much of a body the hex view shows.
const HEX_LIMIT: usize = 64 << 10;

/// A failed API call: the HTTP status and what to tell the caller.
#[derive(Debug)]
pub struct ApiError {
    pub status: u16,
    pub message: String,
    pub hint: Option<String>,
}

impl ApiError {
    pub fn new(status: u16, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            hint: None,
        }
    }

    pub fn json(&self) -> Value {
        json!({"error": self.message, "hint": self.hint})
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        let status = match e.kind {
            crate::ErrorKind::Usage => 400,
            _ => 500,
        };
        ApiError {
            status,
            message: e.message,
            hint: e.hint,
        }
    }
}

type ApiResult<T> = std::result::Result<T, ApiError>;

/// The list filters, from the query string.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only ids below this (the `next` cursor of the previous page).
    pub before: Option<i64>,
    pub limit: usize,
    /// Globs over event types, comma-separated, as `--events` takes.
    pub event: Option<String>,
    /// `2xx`..`5xx`, or one status code.
    pub status: Option<(u16, u16)>,
    pub verification: Option<String>,
    pub source: Option<String>,
    /// Text the body contains (ASCII case-insensitive).
    pub q: Option<String>,
}

impl Filter {
    pub fn parse(query: &str) -> ApiResult<Filter> {
        let mut f = Filter {
            limit: DEFAULT_LIMIT,
            ..Filter::default()
        };
        let bad = |name: &str, value: &str, want: &str| {
            ApiError::new(400, format!("invalid {name}={value:?}: {want}"))
        };
        for (k, v) in form_urlencoded::parse(query.as_bytes()) {
            if v.is_empty() {
                continue;
            }
            match &*k {
                "before" => {
                    f.before = Some(v.parse().map_err(|_| bad(&k, &v, "give a delivery id"))?)
                }
                "limit" => {
                    let n: usize = v
                        .parse()
                        .map_err(|_| bad(&k, &v, "give a number from 1 to 500"))?;
                    f.limit = n.clamp(1, MAX_LIMIT);
                }
                "event" => f.event = Some(v.into_owned()),
                "status" => {
                    f.status =
                        Some(parse_status(&v).ok_or_else(|| {
                            bad(&k, &v, "give 2xx, 3xx, 4xx, 5xx or a status code")
                        })?)
                }
                "verification" => f.verification = Some(v.into_owned()),
                "source" => f.source = Some(v.into_owned()),
                "q" => f.q = Some(v.into_owned()),
                _ => {}
            }
        }
        Ok(f)
    }
}

fn parse_status(raw: &str) -> Option<(u16, u16)> {
    let raw = raw.to_ascii_lowercase();
    if let Some(class) = raw.strip_suffix("xx") {
        let c: u16 = class.parse().ok().filter(|c| (1..=5).contains(c))?;
        return Some((c * 100, c * 100 + 99));
    }
    let code: u16 = raw.parse().ok().filter(|c| (100..=599).contains(c))?;
    Some((code, code))
}

/// Read-only queries on the store through a connection of their own, so
/// that a page of summaries never reads bodies.
#[derive(Clone)]
pub struct Queries {
    conn: Arc<Mutex<Connection>>,
}

const SUMMARY: &str = "SELECT d.id, d.received_at_ms, d.source, d.method, d.path, d.provider,
    d.verification, d.reason, d.events, d.outcome, d.status, length(d.body), d.oversized,
    d.replay_of, a.url, a.status, a.latency_ms, a.error, d.origin
    FROM deliveries d
    LEFT JOIN attempts a ON a.id = (SELECT MAX(id) FROM attempts WHERE delivery_id = d.id)";

impl Queries {
    pub fn open(path: &Path) -> Result<Queries> {
        let conn = Connection::open(path)
            .and_then(|c| c.busy_timeout(Duration::from_secs(10)).map(|_| c))
            .map_err(|e| {
                Error::usage(format!(
                    "the inspector cannot open the delivery store {}: {e}",
                    path.display()
                ))
            })?;
        Ok(Queries {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn fail(e: rusqlite::Error) -> ApiError {
        ApiError::new(500, format!("the delivery store failed: {e}"))
    }

    /// One page of summaries, newest first, and the cursor for the next.
    pub fn list(&self, f: &Filter) -> ApiResult<Value> {
        let mut sql = format!("{SUMMARY} WHERE 1=1");
        let mut params: Vec<Sql> = Vec::new();
        if let Some(before) = f.before {
            sql.push_str(" AND d.id < ?");
            params.push(Sql::Integer(before));
        }
        if let Some((lo, hi)) = f.status {
            sql.push_str(" AND d.status BETWEEN ? AND ?");
            params.push(Sql::Integer(lo.into()));
            params.push(Sql::Integer(hi.into()));
        }
        if let Some(v) = &f.verification {
            sql.push_str(" AND d.verification = ?");
            params.push(Sql::Text(v.clone()));
        }
        if let Some(s) = &f.source {
            sql.push_str(" AND d.source = ?");
            params.push(Sql::Text(s.clone()));
        }
        if let Some(glob) = f.event.as_deref().and_then(events_glob) {
            sql.push_str(" AND d.events GLOB ?");
            params.push(Sql::Text(glob));
        }
        if let Some(q) = &f.q {
            // Bytes first (any body), then ASCII case-insensitively as text.
            sql.push_str(
                " AND (instr(d.body, CAST(? AS BLOB)) > 0 OR instr(lower(CAST(d.body AS TEXT)), lower(?)) > 0)",
            );
            params.push(Sql::Text(q.clone()));
            params.push(Sql::Text(q.clone()));
        }
        sql.push_str(" ORDER BY d.id DESC");
        // The event glob is matched here, not in SQL, so the page is cut
        // after matching.
        if f.event.is_none() {
            sql.push_str(&format!(" LIMIT {}", f.limit + 1));
        }
        let conn = self.conn();
        let mut stmt = conn.prepare(&sql).map_err(Self::fail)?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(params))
            .map_err(Self::fail)?;
        let mut page = Vec::new();
        let mut more = false;
        while let Some(row) = rows.next().map_err(Self::fail)? {
            let s = summary(row).map_err(Self::fail)?;
            if let Some(p) = &f.event {
                let patterns: Vec<String> = p.split(',').map(|x| x.trim().to_string()).collect();
                if !pattern::any_matches(&patterns, &event_types(&s)) {
                    continue;
                }
            }
            if page.len() == f.limit {
                more = true;
                break;
            }
            page.push(s);
        }
        let next = more
            .then(|| page.last().and_then(|s| s["id"].as_i64()))
            .flatten();
        let (total, newest): (i64, Option<i64>) = conn
            .query_row("SELECT COUNT(*), MAX(id) FROM deliveries", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .map_err(Self::fail)?;
        Ok(json!({"deliveries": page, "next": next, "total": total, "newest": newest.unwrap_or(0)}))
    }

    /// One delivery's summary, as the list and the live events carry it.
    pub fn summary(&self, id: i64) -> ApiResult<Option<Value>> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare(&format!("{SUMMARY} WHERE d.id = ?1"))
            .map_err(Self::fail)?;
        let mut rows = stmt.query([id]).map_err(Self::fail)?;
        match rows.next().map_err(Self::fail)? {
            Some(row) => Ok(Some(summary(row).map_err(Self::fail)?)),
            None => Ok(None),
        }
    }

    /// The ids of the deliveries that replay `id`.
    pub fn replays_of(&self, id: i64) -> ApiResult<Vec<i64>> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare("SELECT id FROM deliveries WHERE replay_of = ?1 ORDER BY id")
            .map_err(Self::fail)?;
        let ids = stmt
            .query_map([id], |r| r.get(0))
            .map_err(Self::fail)?
            .collect::<rusqlite::Result<Vec<i64>>>()
            .map_err(Self::fail)?;
        Ok(ids)
    }

    /// The newest id and SQLite's data version, which changes whenever
    /// another connection (another hooks process) commits.
    pub fn watermark(&self) -> ApiResult<(i64, i64)> {
        let conn = self.conn();
        let max: Option<i64> = conn
            .query_row("SELECT MAX(id) FROM deliveries", [], |r| r.get(0))
            .map_err(Self::fail)?;
        let version: i64 = conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .map_err(Self::fail)?;
        Ok((max.unwrap_or(0), version))
    }
}

/// A GLOB over the stored events JSON that every delivery with a matching
/// event type passes (a superset, so the page is still matched exactly in
/// Rust): it lets SQLite skip the rest without decoding them. None when the
/// pattern holds characters that JSON escapes or GLOB treats specially.
fn events_glob(pattern: &str) -> Option<String> {
    let plain = pattern
        .chars()
        .all(|c| !matches!(c, '"' | '\\' | '[' | ']' | ',') && !c.is_control());
    plain.then(|| format!("*\"type\":\"{pattern}\"*"))
}

fn event_types(summary: &Value) -> Vec<String> {
    summary["events"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| e["type"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn summary(r: &rusqlite::Row) -> rusqlite::Result<Value> {
    let ms: i64 = r.get(1)?;
    let events: String = r.get(8)?;
    let attempt_url: Option<String> = r.get(14)?;
    let forward = attempt_url.map(|url| -> rusqlite::Result<Value> {
        Ok(json!({
            "url": url,
            "status": r.get::<_, Option<u16>>(15)?,
            "latency_ms": match r.get::<_, Option<u16>>(15)? {
                Some(_) => r.get::<_, Option<f64>>(16)?.map(crate::output::round_ms),
                None => None,
            },
            "error": r.get::<_, Option<String>>(17)?,
        }))
    });
    Ok(json!({
        "id": r.get::<_, i64>(0)?,
        "received_at": rfc3339(UNIX_EPOCH + Duration::from_millis(ms.max(0) as u64)),
        "source": r.get::<_, String>(2)?,
        "method": r.get::<_, String>(3)?,
        "path": r.get::<_, String>(4)?,
        "provider": r.get::<_, Option<String>>(5)?,
        "verification": r.get::<_, String>(6)?,
        "reason": r.get::<_, Option<String>>(7)?,
        "origin": r.get::<_, Option<String>>(18)?,
        "events": serde_json::from_str::<Value>(&events).unwrap_or(Value::Array(vec![])),
        "outcome": r.get::<_, String>(9)?,
        "status": r.get::<_, Option<u16>>(10)?,
        "body_size": r.get::<_, Option<i64>>(12)?.or(r.get::<_, Option<i64>>(11)?).unwrap_or(0),
        "oversized": r.get::<_, Option<i64>>(12)?,
        "replay_of": r.get::<_, Option<i64>>(13)?,
        "forward": forward.transpose()?,
    }))
}

fn headers_json(headers: &[(String, Vec<u8>)]) -> Value {
    Value::Array(
        headers
            .iter()
            .map(|(n, v)| json!([n, String::from_utf8_lossy(v)]))
            .collect(),
    )
}

/// A body as the page shows it: text (for raw and pretty views), the JSON
/// re-indented in the sender's key order, and the head as base64 for the
/// hex view.
pub fn body_json(bytes: &[u8]) -> Value {
    let shown = &bytes[..bytes.len().min(TEXT_LIMIT)];
    let utf8 = std::str::from_utf8(bytes).is_ok();
    // Parsed only within the limit: a 25 MiB body of millions of values
    // would build a tree of gigabytes.
    let pretty = (bytes.len() <= TEXT_LIMIT)
        .then(|| serde_json::from_slice::<Value>(bytes).ok())
        .flatten()
        .and_then(|v| serde_json::to_string_pretty(&v).ok());
    json!({
        "size": bytes.len(),
        "utf8": utf8,
        "text": String::from_utf8_lossy(shown),
        "truncated": bytes.len() > shown.len(),
        "json": pretty,
        "head_base64": base64::engine::general_purpose::STANDARD.encode(&bytes[..bytes.len().min(HEX_LIMIT)]),
    })
}

/// One delivery in full: request, verification, attempts, replay links,
/// and the curl command that sends it again. Secret header values are
/// masked (in the command too) unless `show_secrets`.
pub fn detail(ins: &Inspector, record: &Record, show_secrets: bool) -> ApiResult<Value> {
    let masker = ins.masker.showing(show_secrets);
    let mut value = ins
        .queries
        .summary(record.id)?
        .ok_or_else(|| not_found(record.id))?;
    let d = &record.delivery;
    value["remote"] = json!(d.remote);
    let headers = masker.headers(&d.headers);
    value["headers"] = headers_json(&headers);
    value["secrets_masked"] = json!(masker.masks_any(&d.headers));
    value["body"] = body_json(&d.body);
    value["attempts"] = Value::Array(
        record
            .attempts
            .iter()
            .map(|a| {
                json!({
                    "at": rfc3339(a.at),
                    "url": a.url,
                    "status": a.status,
                    "headers": headers_json(&masker.headers(&a.headers)),
                    "body": body_json(&a.body),
                    "latency_ms": a.status.map(|_| crate::output::latency_ms(a.latency)),
                    "error": a.error,
                })
            })
            .collect(),
    );
    value["replays"] = json!(ins.queries.replays_of(record.id)?);
    value["curl"] = json!(curl::command(
        &ins.listener_url,
        &d.method,
        &d.path,
        &headers,
        &d.body,
        record.id
    ));
    Ok(value)
}

pub fn not_found(id: i64) -> ApiError {
    ApiError {
        status: 404,
        message: format!("no delivery #{id} in the store"),
        hint: Some("it may have been removed by retention or `hooks deliveries clear`".into()),
    }
}

/// What `POST /api/deliveries/{id}/replay` may change.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edits {
    /// A new method.
    pub method: Option<String>,
    /// A new path and query.
    pub path: Option<String>,
    /// The whole header list, `[[name, value], …]` ([`Edit::headers`]).
    pub headers: Option<Vec<(String, String)>>,
    /// A new body, as text.
    pub body: Option<String>,
    /// A new body, as base64 (for binary bodies).
    pub body_base64: Option<String>,
    /// Sign again with a fresh timestamp (needed after an edit).
    #[serde(default)]
    pub resign: bool,
}

/// Replays delivery `id` through the pipeline; returns the new delivery's
/// summary and the answer the replay got.
pub async fn replay(ins: &Inspector, id: i64, edits: Edits) -> ApiResult<Value> {
    let store = ins.store.clone();
    let record = tokio::task::spawn_blocking(move || store.get(id))
        .await
        .map_err(|e| ApiError::new(500, e.to_string()))??;
    let mut record = record.ok_or_else(|| not_found(id))?;
    let body = match (edits.body, edits.body_base64) {
        (Some(_), Some(_)) => {
            return Err(ApiError::new(400, "give body or body_base64, not both"));
        }
        (Some(text), None) => Some(text.into_bytes()),
        (None, Some(b64)) => Some(
            base64::engine::general_purpose::STANDARD
                .decode(b64.trim())
                .map_err(|e| ApiError::new(400, format!("body_base64 is not base64: {e}")))?,
        ),
        (None, None) => None,
    };
    Edit {
        method: edits.method,
        path: edits.path,
        headers: edits.headers,
        body,
    }
    .apply(&mut record.delivery)
    .map_err(|e| ApiError::new(400, e.message))?;
    // The target is unused: the pipeline forwards the replay as it
    // forwards every delivery.
    let unused = reqwest::Url::parse("http://127.0.0.1/").expect("a valid URL");
    let replayer = Replayer::new(
        unused,
        edits.resign,
        ins.scheme.clone(),
        ins.config.clone(),
        ins.forward_timeout,
    );
    let mut prepared = replayer.recorded(&record).map_err(|e| ApiError {
        status: 409,
        message: e.message,
        hint: e.hint,
    })?;
    prepared.delivery.remote = None;
    let (reply, new_id) = ins.pipeline.handle_replay(prepared.delivery, id).await;
    let new_id = new_id.ok_or_else(|| {
        ApiError::new(
            503,
            format!(
                "the replay was not recorded: {}",
                String::from_utf8_lossy(&reply.body).trim()
            ),
        )
    })?;
    let mut summary = ins
        .queries
        .summary(new_id)?
        .ok_or_else(|| not_found(new_id))?;
    summary["answer"] = json!({
        "status": reply.status,
        "body": String::from_utf8_lossy(&reply.body[..reply.body.len().min(TEXT_LIMIT)]),
    });
    Ok(summary)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_body_over_the_text_limit_is_not_parsed_for_the_pretty_view() {
        let small = super::body_json(b"[0,1]");
        assert_eq!(small["json"], "[\n  0,\n  1\n]");
        let big = format!("[{}0]", "0,".repeat(TEXT_LIMIT));
        let shown = super::body_json(big.as_bytes());
        assert_eq!(shown["json"], Value::Null);
        assert_eq!(shown["truncated"], true);
    }

    use super::*;

    #[test]
    fn filters_parse_and_refuse_nonsense() {
        let f = Filter::parse("before=10&limit=9999&status=4xx&event=contact.*&q=a%20b").unwrap();
        assert_eq!(f.before, Some(10));
        assert_eq!(f.limit, MAX_LIMIT);
        assert_eq!(f.status, Some((400, 499)));
        assert_eq!(f.event.as_deref(), Some("contact.*"));
        assert_eq!(f.q.as_deref(), Some("a b"));
        assert_eq!(
            Filter::parse("status=201").unwrap().status,
            Some((201, 201))
        );
        assert_eq!(Filter::parse("").unwrap().limit, DEFAULT_LIMIT);
        assert_eq!(Filter::parse("status=9xx").unwrap_err().status, 400);
        assert_eq!(Filter::parse("before=x").unwrap_err().status, 400);
    }

    #[test]
    fn bodies_and_globs() {
        let body = body_json(b"{\"b\":1,\"a\":[true]}");
        assert_eq!(body["json"], "{\n  \"b\": 1,\n  \"a\": [\n    true\n  ]\n}");
        assert_eq!(events_glob("deal.*").unwrap(), r#"*"type":"deal.*"*"#);
        assert_eq!(events_glob("a,b"), None);
        let binary = body_json(&[0xff, 0x00]);
        assert_eq!(binary["utf8"], false);
        assert_eq!(binary["head_base64"], "/wA=");
    }
}
