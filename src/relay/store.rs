//! The relay's durable state in SQLite: which token owns which channel, and
//! the offline queue of requests waiting for their channel's client, with
//! its dead letters (requests that failed to deliver too often).
//!
//! A queued body is stored as rows of at most [`CHUNK`] bytes, written as it
//! arrives and read one row at a time as it is sent, so the relay never holds
//! a whole queued body in memory.

use super::protocol::{Headers, MAX_CHUNK};
use super::server::OfflineQueue;
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use std::path::Path;

/// The largest body row: one DATA frame.
pub const CHUNK: usize = MAX_CHUNK;

/// Where a stored request is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Its body is still arriving; never delivered, removed on restart.
    Receiving = 0,
    /// Waiting for its channel's client.
    Queued = 1,
    /// Failed to deliver `--queue-max-attempts` times; kept until retried or
    /// dropped.
    Dead = 2,
}

impl State {
    fn of(n: i64) -> State {
        match n {
            0 => State::Receiving,
            1 => State::Queued,
            _ => State::Dead,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            State::Receiving => "receiving",
            State::Queued => "queued",
            State::Dead => "dead",
        }
    }
}

/// A stored request without its body (read with [`Store::chunk`]).
#[derive(Debug, Clone)]
pub struct Item {
    pub id: u64,
    pub channel: String,
    /// When the relay received it (unix seconds).
    pub created_at: i64,
    pub method: Vec<u8>,
    pub target: Vec<u8>,
    pub headers: Headers,
    pub size: u64,
    pub state: State,
    pub attempts: u32,
    pub last_error: Option<String>,
}

/// What a channel, and the whole relay, has stored: counts exclude bodies
/// still arriving, bytes include them and the dead letters.
#[derive(Debug, Clone, Copy, Default)]
pub struct Usage {
    pub queued: u64,
    pub channel_bytes: u64,
    pub total_bytes: u64,
}

/// What a failed delivery attempt did to the item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failed {
    /// It stays queued, with this many attempts so far.
    Queued(u32),
    /// It reached the limit and is now a dead letter.
    Dead,
    /// It was not queued any more (dropped meanwhile).
    Gone,
}

pub struct Store {
    db: Connection,
    /// When expired requests were last removed (unix seconds).
    expired_at: i64,
}

const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS channels (
        name TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        created_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS queue_items (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        channel TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        queued_at INTEGER NOT NULL,
        method BLOB NOT NULL,
        target BLOB NOT NULL,
        headers TEXT NOT NULL,
        size INTEGER NOT NULL DEFAULT 0,
        state INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT);
    CREATE INDEX IF NOT EXISTS queue_items_channel ON queue_items(channel, state, id);
    CREATE TABLE IF NOT EXISTS queue_chunks (
        item INTEGER NOT NULL REFERENCES queue_items(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (item, seq)) WITHOUT ROWID;";

/// Moves requests queued by an older build (one row with the whole body)
/// into the chunked tables, keeping their ids and order.
const MIGRATE: &str = "
    INSERT INTO queue_items (id, channel, created_at, queued_at, method, target, headers, size, state)
        SELECT id, channel, created_at, created_at, method, target, headers, length(body), 1 FROM queue;
    WITH RECURSIVE split(id, seq, off) AS (
        SELECT id, 0, 1 FROM queue WHERE length(body) > 0
        UNION ALL
        SELECT s.id, s.seq + 1, s.off + 65536 FROM split s JOIN queue q ON q.id = s.id
            WHERE s.off + 65536 <= length(q.body))
    INSERT INTO queue_chunks (item, seq, data)
        SELECT s.id, s.seq, substr(q.body, s.off, 65536) FROM split s JOIN queue q ON q.id = s.id;
    DROP TABLE queue;";

impl Store {
    /// Opens (creating) the relay's database; requests whose body was still
    /// arriving when the relay stopped are removed (their callers never got
    /// 202).
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
        let store = Store::connect(&path).map_err(|e| fail(&e))?;
        store
            .db
            .execute("DELETE FROM queue_items WHERE state = 0", [])
            .map_err(|e| fail(&e))?;
        Ok(store)
    }

    /// Opens an existing relay database, e.g. for `hooks relay queue`, while
    /// the relay may be running (WAL lets both read and write).
    pub fn open_existing(dir: &Path) -> Result<Store> {
        let path = dir.join("relay.sqlite");
        if !path.is_file() {
            return Err(Error::usage(format!(
                "no relay database in {} (relay.sqlite)",
                dir.display()
            ))
            .with_hint("pass the --data-dir that `hooks relay serve` uses"));
        }
        Store::connect(&path).map_err(|e| {
            Error::usage(format!(
                "cannot open the relay database {}: {e}",
                path.display()
            ))
        })
    }

    fn connect(path: &Path) -> rusqlite::Result<Store> {
        let db = Connection::open(path)?;
        // WAL survives a killed process; FULL also survives a power cut,
        // which matters because a queued request was already answered 202.
        // The busy timeout lets `hooks relay queue` and the relay share it.
        db.busy_timeout(std::time::Duration::from_secs(10))?;
        db.execute_batch(
            "PRAGMA journal_mode=WAL;
             PRAGMA synchronous=FULL;
             PRAGMA foreign_keys=ON;",
        )?;
        db.execute_batch(SCHEMA)?;
        let old: bool = db.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'queue')",
            [],
            |r| r.get(0),
        )?;
        if old {
            db.execute_batch(&format!("BEGIN IMMEDIATE; {MIGRATE} COMMIT;"))?;
        }
        Ok(Store { db, expired_at: 0 })
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

    /// Gives `channel` to `owner` unless it has an owner, or `owner` has
    /// `max` channels already: one statement, so that connections claiming
    /// at once cannot pass the bound together.
    pub fn claim(&self, channel: &str, owner: &str, max: Option<u64>) -> rusqlite::Result<()> {
        self.db.execute(
            "INSERT OR IGNORE INTO channels (name, owner, created_at)
             SELECT ?1, ?2, ?3
             WHERE ?4 IS NULL OR (SELECT COUNT(*) FROM channels WHERE owner = ?2) < ?4",
            params![channel, owner, now(), max.map(|m| m as i64)],
        )?;
        Ok(())
    }

    /// Drops queued requests older than `ttl_secs` (not dead letters, which
    /// are kept until dropped); looks at most once a second. Returns how many.
    pub fn expire(&mut self, ttl_secs: i64) -> rusqlite::Result<usize> {
        let now = now();
        if now == self.expired_at {
            return Ok(0);
        }
        self.expired_at = now;
        self.db.execute(
            "DELETE FROM queue_items WHERE state = 1 AND queued_at < ?1",
            [now - ttl_secs],
        )
    }

    /// Requests of a channel waiting for delivery.
    pub fn depth(&self, channel: &str) -> rusqlite::Result<u64> {
        self.db.query_row(
            "SELECT COUNT(*) FROM queue_items WHERE channel = ?1 AND state = 1",
            [channel],
            |r| r.get(0),
        )
    }

    /// Requests waiting for delivery, and dead letters, on the whole relay.
    pub fn totals(&self) -> rusqlite::Result<(u64, u64, u64)> {
        self.db.query_row(
            "SELECT COUNT(*) FILTER (WHERE state = 1), COUNT(*) FILTER (WHERE state = 2),
                    COALESCE(SUM(size), 0) FROM queue_items",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
    }

    /// Dead letters per channel that has any.
    pub fn dead_by_channel(&self) -> rusqlite::Result<Vec<(String, u64)>> {
        let mut q = self.db.prepare_cached(
            "SELECT channel, COUNT(*) FROM queue_items WHERE state = 2
             GROUP BY channel ORDER BY channel",
        )?;
        let rows = q.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect()
    }

    pub fn usage(&self, channel: &str) -> rusqlite::Result<Usage> {
        self.db.query_row(
            "SELECT COUNT(*) FILTER (WHERE channel = ?1 AND state = 1),
                    COALESCE(SUM(size) FILTER (WHERE channel = ?1), 0),
                    COALESCE(SUM(size), 0)
             FROM queue_items",
            [channel],
            |r| {
                Ok(Usage {
                    queued: r.get(0)?,
                    channel_bytes: r.get(1)?,
                    total_bytes: r.get(2)?,
                })
            },
        )
    }

    /// Stores a request whose body is still arriving, with its first body
    /// bytes; returns its id. [`Store::append`] adds the rest and
    /// [`Store::commit`] queues it. With `complete`, the body is all there
    /// and the request is queued at once (one transaction).
    pub fn begin(
        &mut self,
        channel: &str,
        method: &[u8],
        target: &[u8],
        headers: &Headers,
        body: &[u8],
        complete: bool,
    ) -> rusqlite::Result<u64> {
        let headers = serde_json::to_string(
            &headers
                .iter()
                .map(|(n, v)| (hex::encode(n), hex::encode(v)))
                .collect::<Vec<_>>(),
        )
        .unwrap_or_default();
        let state = if complete {
            State::Queued
        } else {
            State::Receiving
        };
        let tx = self.db.transaction()?;
        let now = now();
        tx.execute(
            "INSERT INTO queue_items (channel, created_at, queued_at, method, target, headers, size, state)
             VALUES (?1, ?2, ?2, ?3, ?4, ?5, 0, ?6)",
            params![channel, now, method, target, headers, state as i64],
        )?;
        let id = tx.last_insert_rowid() as u64;
        write_chunks(&tx, id, 0, body)?;
        tx.commit()?;
        Ok(id)
    }

    /// Adds body bytes to a request that is still arriving.
    pub fn append(&mut self, id: u64, body: &[u8]) -> rusqlite::Result<()> {
        let tx = self.db.transaction()?;
        let next: i64 = tx.query_row(
            "SELECT COALESCE(MAX(seq) + 1, 0) FROM queue_chunks WHERE item = ?1",
            [id as i64],
            |r| r.get(0),
        )?;
        write_chunks(&tx, id, next, body)?;
        tx.commit()
    }

    /// The body has arrived: the request joins the end of its queue.
    pub fn commit(&self, id: u64) -> rusqlite::Result<()> {
        self.db.execute(
            "UPDATE queue_items SET state = 1, queued_at = ?2 WHERE id = ?1",
            params![id as i64, now()],
        )?;
        Ok(())
    }

    /// Forgets a request whose body never completed.
    pub fn abandon(&self, id: u64) -> rusqlite::Result<()> {
        self.db
            .execute("DELETE FROM queue_items WHERE id = ?1", [id as i64])?;
        Ok(())
    }

    /// Up to `limit` queued requests of a channel after `after`, oldest first.
    pub fn next(&self, channel: &str, after: u64, limit: usize) -> rusqlite::Result<Vec<Item>> {
        let mut q = self.db.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM queue_items
             WHERE channel = ?1 AND state = 1 AND id > ?2 ORDER BY id LIMIT ?3"
        ))?;
        let rows = q.query_map(params![channel, after as i64, limit as i64], item)?;
        rows.collect()
    }

    /// Body row `seq` of a request (`None` past its end, or if it is gone).
    pub fn chunk(&self, id: u64, seq: u64) -> rusqlite::Result<Option<Vec<u8>>> {
        self.db
            .prepare_cached("SELECT data FROM queue_chunks WHERE item = ?1 AND seq = ?2")?
            .query_row(params![id as i64, seq as i64], |r| r.get(0))
            .optional()
    }

    /// Forgets delivered requests, in one transaction.
    pub fn remove(&mut self, ids: &[u64]) -> rusqlite::Result<()> {
        let tx = self.db.transaction()?;
        {
            let mut q = tx.prepare_cached("DELETE FROM queue_items WHERE id = ?1")?;
            for id in ids {
                q.execute([*id as i64])?;
            }
        }
        tx.commit()
    }

    /// Counts a failed delivery attempt; at `max_attempts` the request
    /// becomes a dead letter.
    pub fn failed(&self, id: u64, error: &str, max_attempts: u32) -> rusqlite::Result<Failed> {
        let attempts: Option<u32> = self
            .db
            .query_row(
                "UPDATE queue_items SET attempts = attempts + 1, last_error = ?2,
                     state = CASE WHEN attempts + 1 >= ?3 THEN 2 ELSE 1 END
                 WHERE id = ?1 AND state = 1 RETURNING attempts",
                params![id as i64, error, max_attempts],
                |r| r.get(0),
            )
            .optional()?;
        Ok(match attempts {
            None => Failed::Gone,
            Some(n) if n >= max_attempts => Failed::Dead,
            Some(n) => Failed::Queued(n),
        })
    }

    /// Queued requests and dead letters (`dead_only`), of one channel or all,
    /// oldest first.
    pub fn list(&self, channel: Option<&str>, dead_only: bool) -> rusqlite::Result<Vec<Item>> {
        let mut q = self.db.prepare(&format!(
            "SELECT {COLUMNS} FROM queue_items
             WHERE state >= ?1 AND (?2 IS NULL OR channel = ?2) ORDER BY channel, id"
        ))?;
        let min = if dead_only { 2 } else { 1 };
        let rows = q.query_map(params![min, channel], item)?;
        rows.collect()
    }

    pub fn get(&self, id: u64) -> rusqlite::Result<Option<Item>> {
        self.db
            .query_row(
                &format!("SELECT {COLUMNS} FROM queue_items WHERE id = ?1"),
                [id as i64],
                item,
            )
            .optional()
    }

    /// Moves a dead letter to the end of its channel's queue with no
    /// attempts counted; returns its new id (ids give the order).
    pub fn retry(&mut self, id: u64) -> rusqlite::Result<u64> {
        let tx = self.db.transaction()?;
        tx.execute(
            "INSERT INTO queue_items (channel, created_at, queued_at, method, target, headers, size, state, attempts, last_error)
             SELECT channel, created_at, ?2, method, target, headers, size, 1, 0, last_error
             FROM queue_items WHERE id = ?1 AND state = 2",
            params![id as i64, now()],
        )?;
        let new = tx.last_insert_rowid() as u64;
        tx.execute(
            "UPDATE queue_chunks SET item = ?2 WHERE item = ?1",
            params![id as i64, new as i64],
        )?;
        tx.execute("DELETE FROM queue_items WHERE id = ?1", [id as i64])?;
        tx.commit()?;
        Ok(new)
    }

    /// Deletes a dead letter and its body.
    pub fn drop_dead(&self, id: u64) -> rusqlite::Result<bool> {
        Ok(self.db.execute(
            "DELETE FROM queue_items WHERE id = ?1 AND state = 2",
            [id as i64],
        )? > 0)
    }
}

const COLUMNS: &str =
    "id, channel, created_at, method, target, headers, size, state, attempts, last_error";

fn item(r: &rusqlite::Row<'_>) -> rusqlite::Result<Item> {
    let headers: String = r.get(5)?;
    let pairs: Vec<(String, String)> = serde_json::from_str(&headers).unwrap_or_default();
    Ok(Item {
        id: r.get::<_, i64>(0)? as u64,
        channel: r.get(1)?,
        created_at: r.get(2)?,
        method: r.get(3)?,
        target: r.get(4)?,
        headers: pairs
            .into_iter()
            .map(|(n, v)| {
                (
                    hex::decode(n).unwrap_or_default().into(),
                    hex::decode(v).unwrap_or_default().into(),
                )
            })
            .collect(),
        size: r.get(6)?,
        state: State::of(r.get(7)?),
        attempts: r.get(8)?,
        last_error: r.get(9)?,
    })
}

/// Stores `body` as rows of at most [`CHUNK`] bytes from row `seq` on, and
/// adds its length to the item's size.
fn write_chunks(
    tx: &rusqlite::Transaction<'_>,
    id: u64,
    seq: i64,
    body: &[u8],
) -> rusqlite::Result<()> {
    let mut q =
        tx.prepare_cached("INSERT INTO queue_chunks (item, seq, data) VALUES (?1, ?2, ?3)")?;
    for (i, chunk) in body.chunks(CHUNK).enumerate() {
        q.execute(params![id as i64, seq + i as i64, chunk])?;
    }
    tx.execute(
        "UPDATE queue_items SET size = size + ?2 WHERE id = ?1",
        params![id as i64, body.len() as i64],
    )?;
    Ok(())
}

fn now() -> i64 {
    crate::signature::unix_now()
}

impl OfflineQueue for Store {
    fn owner(&self, channel: &str) -> rusqlite::Result<Option<String>> {
        Store::owner(self, channel)
    }
    fn claim(&self, channel: &str, owner: &str, max: Option<u64>) -> rusqlite::Result<()> {
        Store::claim(self, channel, owner, max)
    }
    fn expire(&mut self, ttl_secs: i64) -> rusqlite::Result<usize> {
        Store::expire(self, ttl_secs)
    }
    fn depth(&self, channel: &str) -> rusqlite::Result<u64> {
        Store::depth(self, channel)
    }
    fn totals(&self) -> rusqlite::Result<(u64, u64, u64)> {
        Store::totals(self)
    }
    fn dead_by_channel(&self) -> rusqlite::Result<Vec<(String, u64)>> {
        Store::dead_by_channel(self)
    }
    fn usage(&self, channel: &str) -> rusqlite::Result<Usage> {
        Store::usage(self, channel)
    }
    fn begin(
        &mut self,
        channel: &str,
        method: &[u8],
        target: &[u8],
        headers: &Headers,
        body: &[u8],
        complete: bool,
    ) -> rusqlite::Result<u64> {
        Store::begin(self, channel, method, target, headers, body, complete)
    }
    fn append(&mut self, id: u64, body: &[u8]) -> rusqlite::Result<()> {
        Store::append(self, id, body)
    }
    fn commit(&self, id: u64) -> rusqlite::Result<()> {
        Store::commit(self, id)
    }
    fn abandon(&self, id: u64) -> rusqlite::Result<()> {
        Store::abandon(self, id)
    }
    fn next(&self, channel: &str, after: u64, limit: usize) -> rusqlite::Result<Vec<Item>> {
        Store::next(self, channel, after, limit)
    }
    fn chunk(&self, id: u64, seq: u64) -> rusqlite::Result<Option<Vec<u8>>> {
        Store::chunk(self, id, seq)
    }
    fn remove(&mut self, ids: &[u64]) -> rusqlite::Result<()> {
        Store::remove(self, ids)
    }
    fn failed(&self, id: u64, error: &str, max_attempts: u32) -> rusqlite::Result<Failed> {
        Store::failed(self, id, error, max_attempts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A queue written by an older build (whole bodies in one row) is moved
    /// into body rows of 64 KiB, ids and bytes kept.
    #[test]
    fn an_old_queue_is_migrated_into_chunks() {
        let dir = tempfile::tempdir().unwrap();
        let body: Vec<u8> = (0..150_000u32).map(|i| (i % 251) as u8).collect();
        {
            let db = Connection::open(dir.path().join("relay.sqlite")).unwrap();
            db.execute_batch(
                "CREATE TABLE queue (id INTEGER PRIMARY KEY AUTOINCREMENT, channel TEXT NOT NULL,
                 created_at INTEGER NOT NULL, method BLOB NOT NULL, target BLOB NOT NULL,
                 headers TEXT NOT NULL, body BLOB NOT NULL);",
            )
            .unwrap();
            for b in [&body[..], b"", b"hi"] {
                db.execute(
                    "INSERT INTO queue (channel, created_at, method, target, headers, body)
                     VALUES ('c', ?1, x'504f5354', x'2f', '[]', ?2)",
                    params![now(), b],
                )
                .unwrap();
            }
        }
        let store = Store::open(dir.path()).unwrap();
        let items = store.next("c", 0, 10).unwrap();
        assert_eq!(
            items.iter().map(|i| (i.id, i.size)).collect::<Vec<_>>(),
            [(1, 150_000), (2, 0), (3, 2)]
        );
        let mut read = Vec::new();
        let mut seq = 0;
        while let Some(chunk) = store.chunk(1, seq).unwrap() {
            assert!(chunk.len() <= CHUNK);
            read.extend_from_slice(&chunk);
            seq += 1;
        }
        assert_eq!(seq, 3);
        assert_eq!(read, body);
        assert_eq!(store.chunk(2, 0).unwrap(), None);
        assert_eq!(store.chunk(3, 0).unwrap().as_deref(), Some(&b"hi"[..]));
    }

    /// After the limit of failed attempts a request is a dead letter; a
    /// retry puts it at the end of the queue with its body.
    #[test]
    fn failures_dead_letter_and_retry_requeues_at_the_end() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let a = store
            .begin("c", b"POST", b"/a", &vec![], b"aa", true)
            .unwrap();
        let b = store
            .begin("c", b"POST", b"/b", &vec![], b"bb", true)
            .unwrap();
        assert_eq!(store.failed(a, "no", 2).unwrap(), Failed::Queued(1));
        assert_eq!(store.failed(a, "no", 2).unwrap(), Failed::Dead);
        assert_eq!(store.failed(a, "no", 2).unwrap(), Failed::Gone);
        assert_eq!(store.next("c", 0, 10).unwrap()[0].id, b);
        let again = store.retry(a).unwrap();
        assert!(again > b);
        let ids: Vec<u64> = store
            .next("c", 0, 10)
            .unwrap()
            .iter()
            .map(|i| i.id)
            .collect();
        assert_eq!(ids, [b, again]);
        assert_eq!(store.get(again).unwrap().unwrap().attempts, 0);
        assert_eq!(store.chunk(again, 0).unwrap().as_deref(), Some(&b"aa"[..]));
        assert_eq!(store.chunk(a, 0).unwrap(), None);
    }
}
