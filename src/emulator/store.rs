//! The emulator's state in SQLite (WAL): webhooks, triggered events,
//! deliveries with their next attempt, and the attempt log. A write is
//! committed before the API answers, so nothing accepted is lost, and a
//! restarted emulator resumes every delivery that is still pending.

use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;
use std::path::Path;
use std::sync::Mutex;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS webhooks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    public_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    secret TEXT,
    signed INTEGER NOT NULL,
    extra TEXT NOT NULL,
    state TEXT NOT NULL,
    reason TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    type TEXT NOT NULL,
    msg_id TEXT NOT NULL,
    body BLOB NOT NULL,
    headers TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id INTEGER NOT NULL,
    state TEXT NOT NULL,
    event_type TEXT NOT NULL,
    msg_id TEXT NOT NULL,
    body BLOB,
    headers TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    first_at INTEGER,
    next_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (state, next_at);
CREATE TABLE IF NOT EXISTS batch_events (
    delivery_id INTEGER NOT NULL,
    event_id INTEGER NOT NULL,
    PRIMARY KEY (delivery_id, event_id)
);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id INTEGER NOT NULL,
    webhook_id INTEGER NOT NULL,
    event_type TEXT NOT NULL,
    msg_id TEXT NOT NULL,
    url TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    of INTEGER NOT NULL,
    status INTEGER,
    error TEXT,
    latency_ms INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    next_at INTEGER,
    duplicate INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS attempts_webhook ON attempts (webhook_id, id);
";

/// A webhook's delivery state, as `hooksStatus.state` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Active,
    Disabled,
    Paused,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Active => "active",
            State::Disabled => "disabled",
            State::Paused => "paused",
        }
    }

    fn parse(s: &str) -> State {
        match s {
            "disabled" => State::Disabled,
            "paused" => State::Paused,
            _ => State::Active,
        }
    }
}

/// One subscription.
#[derive(Debug, Clone)]
pub struct Webhook {
    pub id: i64,
    /// The id the provider's API shows: an integer (WebWork, the emulator
    /// API) or a UUID (awork).
    pub public_id: String,
    pub name: String,
    pub url: String,
    pub events: Vec<String>,
    /// The webhook's own secret (WebWork token, awork `authentication`);
    /// None signs with the emulator's secret.
    pub secret: Option<String>,
    /// False when the webhook asked for no authentication (awork `none`).
    pub signed: bool,
    /// Provider-specific fields kept as given (awork `language`, …).
    pub extra: Value,
    pub state: State,
    pub reason: Option<String>,
    /// Failed attempts since the last success.
    pub failures: i64,
    pub created_at: String,
    pub updated_at: String,
}

/// What to create or change in a webhook.
#[derive(Debug, Clone)]
pub struct WebhookInput {
    pub public_id: String,
    pub name: String,
    pub url: String,
    pub events: Vec<String>,
    pub secret: Option<String>,
    pub signed: bool,
    pub extra: Value,
}

/// A delivery of one event (or one batch) to one webhook.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub id: i64,
    pub webhook_id: i64,
    /// `collecting` (a batch window is open), `pending`, `held` (the webhook
    /// is not active), `delivered`, `failed`.
    pub state: String,
    pub event_type: String,
    pub msg_id: String,
    pub body: Option<Vec<u8>>,
    pub headers: Vec<(String, String)>,
    pub attempts: u32,
    pub max_attempts: u32,
    pub first_at: Option<i64>,
    pub next_at: i64,
}

/// A triggered event, as stored.
#[derive(Debug, Clone)]
pub struct StoredEvent {
    pub event_type: String,
    pub msg_id: String,
    pub body: Vec<u8>,
    pub headers: Vec<(String, String)>,
}

/// Where a new event goes: which webhook, and how.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    pub webhook_id: i64,
    pub max_attempts: u32,
    /// Milliseconds a batch window stays open; None sends each event alone.
    pub batch_window_ms: Option<i64>,
    /// When the first attempt (or the window's close) is due.
    pub first_due: i64,
}

/// One attempt as logged.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub delivery_id: i64,
    pub webhook_id: i64,
    pub event_type: String,
    pub msg_id: String,
    pub url: String,
    pub attempt: u32,
    pub of: u32,
    pub status: Option<u16>,
    pub error: Option<String>,
    pub latency_ms: i64,
    pub started_at: i64,
    pub next_at: Option<i64>,
    pub duplicate: bool,
}

impl Attempt {
    /// `latency_ms` as every JSON output shows it: a number, null when
    /// there was no answer (docs/json-output.md).
    pub fn json_latency_ms(&self) -> Option<f64> {
        self.status.map(|_| self.latency_ms as f64)
    }
}

/// How an attempt changes its delivery and webhook.
#[derive(Debug, Clone)]
pub enum Outcome {
    Delivered,
    Retry {
        next_at: i64,
    },
    /// The last attempt failed; `webhook` is the state the webhook goes to.
    Exhausted {
        webhook: Option<(State, String)>,
    },
}

pub struct Store {
    conn: Mutex<Connection>,
}

fn db_error(e: rusqlite::Error) -> Error {
    Error::usage(format!("emulator state database: {e}"))
        .with_hint("check the --data-dir directory; remove emulator.db there to start afresh")
}

fn headers_json(headers: &[(String, String)]) -> String {
    serde_json::to_string(headers).expect("headers serialise")
}

fn parse_headers(text: &str) -> Vec<(String, String)> {
    serde_json::from_str(text).unwrap_or_default()
}

const WEBHOOK_COLUMNS: &str = "id, public_id, name, url, events, secret, signed, extra, state, reason, failures, created_at, updated_at";

fn webhook_row(row: &rusqlite::Row) -> rusqlite::Result<Webhook> {
    let events: String = row.get(4)?;
    let extra: String = row.get(7)?;
    let state: String = row.get(8)?;
    Ok(Webhook {
        id: row.get(0)?,
        public_id: row.get(1)?,
        name: row.get(2)?,
        url: row.get(3)?,
        events: serde_json::from_str(&events).unwrap_or_default(),
        secret: row.get(5)?,
        signed: row.get::<_, i64>(6)? != 0,
        extra: serde_json::from_str(&extra).unwrap_or(Value::Null),
        state: State::parse(&state),
        reason: row.get(9)?,
        failures: row.get(10)?,
        created_at: row.get(11)?,
        updated_at: row.get(12)?,
    })
}

const DELIVERY_COLUMNS: &str = "id, webhook_id, state, event_type, msg_id, body, headers, attempts, max_attempts, first_at, next_at";

fn delivery_row(row: &rusqlite::Row) -> rusqlite::Result<Delivery> {
    let headers: String = row.get(6)?;
    Ok(Delivery {
        id: row.get(0)?,
        webhook_id: row.get(1)?,
        state: row.get(2)?,
        event_type: row.get(3)?,
        msg_id: row.get(4)?,
        body: row.get(5)?,
        headers: parse_headers(&headers),
        attempts: row.get(7)?,
        max_attempts: row.get(8)?,
        first_at: row.get(9)?,
        next_at: row.get(10)?,
    })
}

const ATTEMPT_COLUMNS: &str = "delivery_id, webhook_id, event_type, msg_id, url, attempt, of, status, error, latency_ms, started_at, next_at, duplicate";

fn attempt_row(row: &rusqlite::Row) -> rusqlite::Result<Attempt> {
    Ok(Attempt {
        delivery_id: row.get(0)?,
        webhook_id: row.get(1)?,
        event_type: row.get(2)?,
        msg_id: row.get(3)?,
        url: row.get(4)?,
        attempt: row.get(5)?,
        of: row.get(6)?,
        status: row.get(7)?,
        error: row.get(8)?,
        latency_ms: row.get(9)?,
        started_at: row.get(10)?,
        next_at: row.get(11)?,
        duplicate: row.get::<_, i64>(12)? != 0,
    })
}

impl Store {
    pub fn open(path: &Path) -> Result<Store> {
        crate::private::prepare_database(path).map_err(|e| {
            Error::usage(format!("cannot create {}: {e}", path.display()))
                .with_hint("pass --data-dir with a writable directory")
        })?;
        let conn = Connection::open(path).map_err(db_error)?;
        // WAL + NORMAL: a committed write survives the process being killed.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(db_error)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(db_error)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(db_error)?;
        conn.execute_batch(SCHEMA).map_err(db_error)?;
        Ok(Store {
            conn: Mutex::new(conn),
        })
    }

    fn with<T>(&self, f: impl FnOnce(&mut Connection) -> rusqlite::Result<T>) -> Result<T> {
        let mut conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut conn).map_err(db_error)
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        self.with(|c| {
            c.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
                .optional()
        })
    }

    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.with(|c| {
            c.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
            .map(|_| ())
        })
    }

    /// The next integer id, for providers whose ids are integers.
    pub fn next_webhook_number(&self) -> Result<i64> {
        self.with(|c| {
            c.query_row(
                "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'webhooks'), 0) + 1",
                [],
                |r| r.get(0),
            )
        })
    }

    pub fn insert_webhook(&self, w: &WebhookInput, now: &str) -> Result<Webhook> {
        self.with(|c| {
            c.execute(
                "INSERT INTO webhooks (public_id, name, url, events, secret, signed, extra, state, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'active', ?8, ?8)",
                params![
                    w.public_id,
                    w.name,
                    w.url,
                    serde_json::to_string(&w.events).expect("events serialise"),
                    w.secret,
                    w.signed as i64,
                    w.extra.to_string(),
                    now
                ],
            )?;
            let id = c.last_insert_rowid();
            c.query_row(
                &format!("SELECT {WEBHOOK_COLUMNS} FROM webhooks WHERE id = ?1"),
                [id],
                webhook_row,
            )
        })
    }

    pub fn update_webhook(&self, id: i64, w: &WebhookInput, now: &str) -> Result<()> {
        self.with(|c| {
            c.execute(
                "UPDATE webhooks SET name = ?2, url = ?3, events = ?4, secret = ?5, signed = ?6, extra = ?7, updated_at = ?8
                 WHERE id = ?1",
                params![
                    id,
                    w.name,
                    w.url,
                    serde_json::to_string(&w.events).expect("events serialise"),
                    w.secret,
                    w.signed as i64,
                    w.extra.to_string(),
                    now
                ],
            )
            .map(|_| ())
        })
    }

    pub fn webhooks(&self) -> Result<Vec<Webhook>> {
        self.with(|c| {
            let mut stmt = c.prepare(&format!(
                "SELECT {WEBHOOK_COLUMNS} FROM webhooks ORDER BY id"
            ))?;
            let rows = stmt.query_map([], webhook_row)?;
            rows.collect()
        })
    }

    pub fn webhook(&self, public_id: &str) -> Result<Option<Webhook>> {
        self.with(|c| {
            c.query_row(
                &format!("SELECT {WEBHOOK_COLUMNS} FROM webhooks WHERE public_id = ?1"),
                [public_id],
                webhook_row,
            )
            .optional()
        })
    }

    pub fn webhook_by_id(&self, id: i64) -> Result<Option<Webhook>> {
        self.with(|c| {
            c.query_row(
                &format!("SELECT {WEBHOOK_COLUMNS} FROM webhooks WHERE id = ?1"),
                [id],
                webhook_row,
            )
            .optional()
        })
    }

    /// Deletes a webhook and every delivery still waiting for it.
    pub fn delete_webhook(&self, id: i64) -> Result<()> {
        self.with(|c| {
            let tx = c.transaction()?;
            tx.execute("DELETE FROM webhooks WHERE id = ?1", [id])?;
            tx.execute(
                "DELETE FROM batch_events WHERE delivery_id IN
                 (SELECT id FROM deliveries WHERE webhook_id = ?1 AND state IN ('collecting','pending','held'))",
                [id],
            )?;
            tx.execute(
                "DELETE FROM deliveries WHERE webhook_id = ?1 AND state IN ('collecting','pending','held')",
                [id],
            )?;
            tx.commit()
        })
    }

    /// Sets a webhook active again: its failure count restarts and its held
    /// deliveries get a fresh schedule starting now.
    pub fn activate(&self, id: i64, now_ms: i64, now: &str) -> Result<()> {
        self.with(|c| {
            let tx = c.transaction()?;
            tx.execute(
                "UPDATE webhooks SET state = 'active', reason = NULL, failures = 0, updated_at = ?2 WHERE id = ?1",
                params![id, now],
            )?;
            tx.execute(
                "UPDATE deliveries SET state = 'pending', attempts = 0, first_at = NULL, next_at = ?2
                 WHERE webhook_id = ?1 AND state = 'held'",
                params![id, now_ms],
            )?;
            tx.commit()
        })
    }

    /// Sets a webhook inactive on request (`isActive: false`).
    pub fn deactivate(&self, id: i64, state: State, reason: &str, now: &str) -> Result<()> {
        self.with(|c| {
            let tx = c.transaction()?;
            set_inactive(&tx, id, state, reason, now)?;
            tx.commit()
        })
    }

    /// Stores `events` and queues a delivery of each to every target, in one
    /// transaction: when this returns, the events are accepted.
    pub fn add_events(
        &self,
        events: &[StoredEvent],
        targets: &[Target],
        now_ms: i64,
    ) -> Result<()> {
        self.with(|c| {
            let tx = c.transaction()?;
            for event in events {
                tx.execute(
                    "INSERT INTO events (type, msg_id, body, headers, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![event.event_type, event.msg_id, event.body, headers_json(&event.headers), now_ms],
                )?;
                let event_id = tx.last_insert_rowid();
                for t in targets {
                    match t.batch_window_ms {
                        Some(window) => {
                            let open: Option<i64> = tx
                                .query_row(
                                    "SELECT id FROM deliveries WHERE webhook_id = ?1 AND state = 'collecting'
                                     ORDER BY id DESC LIMIT 1",
                                    [t.webhook_id],
                                    |r| r.get(0),
                                )
                                .optional()?;
                            let delivery = match open {
                                Some(id) => id,
                                None => {
                                    tx.execute(
                                        "INSERT INTO deliveries (webhook_id, state, event_type, msg_id, headers, max_attempts, next_at, created_at)
                                         VALUES (?1, 'collecting', '', '', '[]', ?2, ?3, ?4)",
                                        params![t.webhook_id, t.max_attempts, t.first_due + window, now_ms],
                                    )?;
                                    tx.last_insert_rowid()
                                }
                            };
                            tx.execute(
                                "INSERT INTO batch_events (delivery_id, event_id) VALUES (?1, ?2)",
                                [delivery, event_id],
                            )?;
                        }
                        None => {
                            tx.execute(
                                "INSERT INTO deliveries (webhook_id, state, event_type, msg_id, body, headers, max_attempts, next_at, created_at)
                                 VALUES (?1, 'pending', ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                params![
                                    t.webhook_id,
                                    event.event_type,
                                    event.msg_id,
                                    event.body,
                                    headers_json(&event.headers),
                                    t.max_attempts,
                                    t.first_due,
                                    now_ms
                                ],
                            )?;
                        }
                    }
                }
            }
            tx.commit()
        })
    }

    /// Deliveries waiting (pending, or a batch window), earliest first:
    /// `(id, next_at)`.
    pub fn waiting(&self, limit: usize) -> Result<Vec<(i64, i64)>> {
        self.with(|c| {
            let mut stmt = c.prepare(
                "SELECT id, next_at FROM deliveries WHERE state IN ('collecting','pending')
                 ORDER BY next_at, id LIMIT ?1",
            )?;
            let rows = stmt.query_map([limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        })
    }

    pub fn delivery(&self, id: i64) -> Result<Option<Delivery>> {
        self.with(|c| {
            c.query_row(
                &format!("SELECT {DELIVERY_COLUMNS} FROM deliveries WHERE id = ?1"),
                [id],
                delivery_row,
            )
            .optional()
        })
    }

    /// The events in a batch, in the order they were triggered.
    pub fn batch_events(&self, delivery_id: i64) -> Result<Vec<StoredEvent>> {
        self.with(|c| {
            let mut stmt = c.prepare(
                "SELECT e.type, e.msg_id, e.body, e.headers FROM batch_events b JOIN events e ON e.id = b.event_id
                 WHERE b.delivery_id = ?1 ORDER BY e.id",
            )?;
            let rows = stmt.query_map([delivery_id], |r| {
                let headers: String = r.get(3)?;
                Ok(StoredEvent {
                    event_type: r.get(0)?,
                    msg_id: r.get(1)?,
                    body: r.get(2)?,
                    headers: parse_headers(&headers),
                })
            })?;
            rows.collect()
        })
    }

    /// Closes a batch window: the batch's body is fixed from now on, so every
    /// retry sends the same bytes.
    pub fn close_batch(&self, id: i64, event: &StoredEvent) -> Result<()> {
        self.with(|c| {
            c.execute(
                "UPDATE deliveries SET state = 'pending', event_type = ?2, msg_id = ?3, body = ?4, headers = ?5
                 WHERE id = ?1 AND body IS NULL",
                params![id, event.event_type, event.msg_id, event.body, headers_json(&event.headers)],
            )
            .map(|_| ())
        })
    }

    /// Parks a delivery whose webhook is not active.
    pub fn hold(&self, id: i64) -> Result<()> {
        self.with(|c| {
            c.execute(
                "UPDATE deliveries SET state = 'held' WHERE id = ?1 AND state IN ('collecting','pending')",
                [id],
            )
            .map(|_| ())
        })
    }

    /// Drops a delivery whose webhook was deleted.
    pub fn drop_delivery(&self, id: i64) -> Result<()> {
        self.with(|c| {
            c.execute("DELETE FROM deliveries WHERE id = ?1", [id])
                .map(|_| ())
        })
    }

    /// Logs an attempt and applies its outcome, in one transaction.
    pub fn record(&self, a: &Attempt, outcome: &Outcome, now: &str) -> Result<()> {
        self.with(|c| {
            let tx = c.transaction()?;
            insert_attempt(&tx, a)?;
            let first_at = if a.attempt == 1 { Some(a.started_at) } else { None };
            match outcome {
                Outcome::Delivered => {
                    tx.execute(
                        "UPDATE deliveries SET state = 'delivered', attempts = ?2, first_at = COALESCE(first_at, ?3) WHERE id = ?1",
                        params![a.delivery_id, a.attempt, first_at],
                    )?;
                    tx.execute(
                        "UPDATE webhooks SET failures = 0 WHERE id = ?1",
                        [a.webhook_id],
                    )?;
                }
                Outcome::Retry { next_at } => {
                    tx.execute(
                        "UPDATE deliveries SET attempts = ?2, first_at = COALESCE(first_at, ?3), next_at = ?4 WHERE id = ?1",
                        params![a.delivery_id, a.attempt, first_at, next_at],
                    )?;
                    tx.execute(
                        "UPDATE webhooks SET failures = failures + 1 WHERE id = ?1",
                        [a.webhook_id],
                    )?;
                }
                Outcome::Exhausted { webhook } => {
                    tx.execute(
                        "UPDATE deliveries SET state = 'failed', attempts = ?2, first_at = COALESCE(first_at, ?3) WHERE id = ?1",
                        params![a.delivery_id, a.attempt, first_at],
                    )?;
                    tx.execute(
                        "UPDATE webhooks SET failures = failures + 1 WHERE id = ?1",
                        [a.webhook_id],
                    )?;
                    if let Some((state, reason)) = webhook {
                        set_inactive(&tx, a.webhook_id, *state, reason, now)?;
                    }
                }
            }
            tx.commit()
        })
    }

    /// Logs an extra attempt that does not change the delivery (a duplicate).
    pub fn log_attempt(&self, a: &Attempt) -> Result<()> {
        self.with(|c| insert_attempt(c, a))
    }

    /// The attempt log, oldest first, optionally for one webhook.
    pub fn attempts(&self, webhook_id: Option<i64>, limit: usize) -> Result<Vec<Attempt>> {
        self.with(|c| {
            let mut stmt = c.prepare(&format!(
                "SELECT {ATTEMPT_COLUMNS} FROM attempts WHERE (?1 IS NULL OR webhook_id = ?1)
                 ORDER BY id DESC LIMIT ?2"
            ))?;
            let rows = stmt.query_map(params![webhook_id, limit as i64], attempt_row)?;
            let mut out: Vec<Attempt> = rows.collect::<rusqlite::Result<_>>()?;
            out.reverse();
            Ok(out)
        })
    }

    /// Deliveries by state, for the emulator's summary.
    pub fn delivery_counts(&self) -> Result<Vec<(String, i64)>> {
        self.with(|c| {
            let mut stmt =
                c.prepare("SELECT state, COUNT(*) FROM deliveries GROUP BY state ORDER BY state")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        })
    }
}

fn insert_attempt(c: &Connection, a: &Attempt) -> rusqlite::Result<()> {
    c.execute(
        &format!("INSERT INTO attempts ({ATTEMPT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"),
        params![
            a.delivery_id,
            a.webhook_id,
            a.event_type,
            a.msg_id,
            a.url,
            a.attempt,
            a.of,
            a.status,
            a.error,
            a.latency_ms,
            a.started_at,
            a.next_at,
            a.duplicate as i64
        ],
    )
    .map(|_| ())
}

/// Disables or pauses a webhook; its waiting deliveries are held until it is
/// active again.
fn set_inactive(
    c: &Connection,
    id: i64,
    state: State,
    reason: &str,
    now: &str,
) -> rusqlite::Result<()> {
    c.execute(
        "UPDATE webhooks SET state = ?2, reason = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, state.as_str(), reason, now],
    )?;
    c.execute(
        "UPDATE deliveries SET state = 'held' WHERE webhook_id = ?1 AND state IN ('collecting','pending')",
        [id],
    )?;
    Ok(())
}
