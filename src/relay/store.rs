//! The relay's durable state in SQLite: which token owns which channel, and
//! the offline queue of requests waiting for their channel's client.

use super::protocol::Headers;
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use std::path::Path;

/// A queued public request, exactly as it arrived.
#[derive(Debug, Clone)]
pub struct Queued {
    pub id: u64,
    pub method: Vec<u8>,
    pub target: Vec<u8>,
    pub headers: Headers,
    pub body: Vec<u8>,
}

pub struct Store {
    db: Connection,
}

impl Store {
    pub fn open(dir: &Path) -> Result<Store> {
        let path = dir.join("relay.sqlite");
        let fail = |e: &dyn std::fmt::Display| {
            Error::usage(format!(
                "cannot open the relay database {}: {e}",
                path.display()
            ))
            .with_hint("pass a writable --data-dir")
        };
        crate::private::prepare_database(&path).map_err(|e| fail(&e))?;
        let db = Connection::open(&path).map_err(|e| fail(&e))?;
        // WAL survives a killed process; FULL also survives a power cut,
        // which matters because a queued request was already answered 202.
        db.execute_batch(
            "PRAGMA journal_mode=WAL;
             PRAGMA synchronous=FULL;
             CREATE TABLE IF NOT EXISTS channels (
                 name TEXT PRIMARY KEY,
                 owner TEXT NOT NULL,
                 created_at INTEGER NOT NULL);
             CREATE TABLE IF NOT EXISTS queue (
                 id INTEGER PRIMARY KEY AUTOINCREMENT,
                 channel TEXT NOT NULL,
                 created_at INTEGER NOT NULL,
                 method BLOB NOT NULL,
                 target BLOB NOT NULL,
                 headers TEXT NOT NULL,
                 body BLOB NOT NULL);
             CREATE INDEX IF NOT EXISTS queue_channel ON queue(channel, id);",
        )
        .map_err(|e| fail(&e))?;
        Ok(Store { db })
    }

    /// The owner of a channel, if any token claimed it.
    pub fn owner(&self, channel: &str) -> rusqlite::Result<Option<String>> {
        self.db
            .query_row(
                "SELECT owner FROM channels WHERE name = ?1",
                [channel],
                |r| r.get(0),
            )
            .optional()
    }

    pub fn claim(&self, channel: &str, owner: &str) -> rusqlite::Result<()> {
        self.db.execute(
            "INSERT OR IGNORE INTO channels (name, owner, created_at) VALUES (?1, ?2, ?3)",
            params![channel, owner, now()],
        )?;
        Ok(())
    }

    /// Drops requests older than `ttl_secs`; returns how many.
    pub fn expire(&self, ttl_secs: i64) -> rusqlite::Result<usize> {
        self.db.execute(
            "DELETE FROM queue WHERE created_at < ?1",
            [now() - ttl_secs],
        )
    }

    pub fn depth(&self, channel: &str) -> rusqlite::Result<u64> {
        self.db.query_row(
            "SELECT COUNT(*) FROM queue WHERE channel = ?1",
            [channel],
            |r| r.get(0),
        )
    }

    pub fn total_depth(&self) -> rusqlite::Result<u64> {
        self.db
            .query_row("SELECT COUNT(*) FROM queue", [], |r| r.get(0))
    }

    pub fn push(
        &self,
        channel: &str,
        method: &[u8],
        target: &[u8],
        headers: &Headers,
        body: &[u8],
    ) -> rusqlite::Result<u64> {
        let headers = serde_json::to_string(
            &headers
                .iter()
                .map(|(n, v)| (hex::encode(n), hex::encode(v)))
                .collect::<Vec<_>>(),
        )
        .unwrap_or_default();
        self.db.execute(
            "INSERT INTO queue (channel, created_at, method, target, headers, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![channel, now(), method, target, headers, body],
        )?;
        Ok(self.db.last_insert_rowid() as u64)
    }

    /// The oldest queued request of a channel.
    pub fn first(&self, channel: &str) -> rusqlite::Result<Option<Queued>> {
        self.db
            .query_row(
                "SELECT id, method, target, headers, body FROM queue
                 WHERE channel = ?1 ORDER BY id LIMIT 1",
                [channel],
                |r| {
                    let headers: String = r.get(3)?;
                    let pairs: Vec<(String, String)> =
                        serde_json::from_str(&headers).unwrap_or_default();
                    Ok(Queued {
                        id: r.get::<_, i64>(0)? as u64,
                        method: r.get(1)?,
                        target: r.get(2)?,
                        headers: pairs
                            .into_iter()
                            .map(|(n, v)| {
                                (
                                    hex::decode(n).unwrap_or_default().into(),
                                    hex::decode(v).unwrap_or_default().into(),
                                )
                            })
                            .collect(),
                        body: r.get(4)?,
                    })
                },
            )
            .optional()
    }

    pub fn remove(&self, id: u64) -> rusqlite::Result<()> {
        self.db
            .execute("DELETE FROM queue WHERE id = ?1", [id as i64])?;
        Ok(())
    }
}

fn now() -> i64 {
    crate::commands::unix_now()
}
