//! The delivery store: every delivery and every forward attempt, in SQLite
//! in the data directory.
//!
//! Durability: WAL with `synchronous=NORMAL`. A transaction is in the WAL
//! file when `COMMIT` returns, so a process that is killed (kill -9, a
//! panic, Ctrl-C) loses nothing committed; only a power loss or OS crash can
//! lose the last transactions. The pipeline commits a delivery before the
//! sender is answered, and a forwarded delivery's attempt before the sender
//! hears the app's answer, so whatever a sender saw is on disk.
//! Commits are grouped on one writer thread so that their cost is shared by
//! deliveries that arrive together.
//!
//! Checkpoints (copying the WAL back into the database, with two fsyncs
//! that take milliseconds each on a real disk) run on a thread of their own
//! with its own connection, so a delivery never waits for one; see
//! [`checkpoint_loop`].

use super::{recorders, Delivery, Source};
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Deliveries kept by default; older ones are deleted as new ones arrive.
pub const DEFAULT_RETENTION: u64 = 10_000;

/// The most deliveries past the retention that wait to be deleted together.
/// Deleting one row per commit rewrites the oldest page of each table and
/// of the index, and the freelist, in every commit; deleting a batch frees
/// whole pages at once, so that per delivery it costs a few WAL frames less.
const PRUNE_BATCH: u64 = 32;

const SCHEMA_VERSION: i64 = 1;

/// The most jobs committed in one transaction.
const MAX_GROUP: usize = 512;

/// How often the checkpoint thread looks for new commits to checkpoint.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(200);

/// The WAL size past which it is started over. The checkpoint thread copies
/// the WAL into the database without making the writer wait, but the WAL
/// only starts over once it has been checkpointed with no commit in
/// between, which a steady stream of deliveries never allows. So when a
/// checkpoint leaves the WAL past this size, the writer restarts it between
/// two commits, which then costs it only the frames committed since that
/// checkpoint and a sync: one short wait per 64 MiB written.
const WAL_LIMIT_BYTES: u64 = 64 << 20;

/// How many group commits pass between two looks of the writer at the size
/// of the WAL file: past 4 times the limit (the checkpoint thread is not
/// keeping up), it truncates the WAL on its own.
const WAL_LOOK_EVERY: u64 = 64;

/// What the writer and the checkpoint thread tell each other.
#[derive(Default)]
struct Progress {
    /// Groups committed so far (the checkpoint thread's cue).
    commits: AtomicU64,
    /// Set by the checkpoint thread when the WAL is past its limit.
    restart: AtomicBool,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    received_at_ms INTEGER NOT NULL,
    source TEXT NOT NULL,
    remote TEXT,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    headers BLOB NOT NULL,
    body BLOB NOT NULL,
    oversized INTEGER,
    provider TEXT,
    verification TEXT NOT NULL,
    reason TEXT,
    events TEXT NOT NULL,
    outcome TEXT NOT NULL,
    status INTEGER
);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY,
    delivery_id INTEGER NOT NULL,
    at_ms INTEGER NOT NULL,
    url TEXT NOT NULL,
    status INTEGER,
    headers BLOB,
    body BLOB,
    latency_ms REAL,
    error TEXT
);
CREATE INDEX IF NOT EXISTS attempts_by_delivery ON attempts(delivery_id);
";

/// Columns added after version 1, added to older stores on open (an older
/// hooks reads such a store unchanged, so the version stays).
const ADDED_COLUMNS: [(&str, &str); 3] = [
    ("replay_of", "INTEGER"),
    ("recorder", "TEXT"),
    ("origin", "TEXT"),
];

/// The outcome of a delivery whose forward was cut off: its recorder died
/// before the app answered. Set when the store is next opened.
pub const INTERRUPTED: &str = "interrupted";

/// What the pipeline learned about a delivery, stored with it.
#[derive(Debug, Clone)]
pub struct Facts {
    pub provider: Option<String>,
    pub verification: String,
    pub reason: Option<String>,
    /// `published` or `outside`: the caller's address against the
    /// provider's published ranges when the delivery arrived (see
    /// [`super::origin`]); null when there was nothing to say, and for
    /// deliveries recorded before hooks judged origins.
    pub origin: Option<String>,
    /// `[{"type":…,"id":…}]`
    pub events: serde_json::Value,
    pub outcome: String,
    pub status: Option<u16>,
    /// The delivery this one replays (the inspector's Replay button).
    pub replay_of: Option<i64>,
}

/// One forward attempt.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub at: SystemTime,
    pub url: String,
    pub status: Option<u16>,
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: bytes::Bytes,
    pub latency: Duration,
    pub error: Option<String>,
}

/// The pipeline's side of the store: a writer thread that commits deliveries
/// and attempts in groups and tells each caller once its row is committed.
#[derive(Clone)]
pub struct Writer {
    tx: std::sync::mpsc::Sender<Job>,
    path: PathBuf,
}

enum Job {
    Insert {
        delivery: Arc<Delivery>,
        facts: Facts,
        done: tokio::sync::oneshot::Sender<Result<i64>>,
    },
    Finish {
        id: i64,
        attempt: Option<Attempt>,
        outcome: String,
        status: u16,
        done: tokio::sync::oneshot::Sender<Result<i64>>,
    },
    Flush {
        done: tokio::sync::oneshot::Sender<Result<i64>>,
    },
}

impl Job {
    fn reply(self, result: Result<i64>) {
        let done = match self {
            Job::Insert { done, .. } | Job::Finish { done, .. } | Job::Flush { done } => done,
        };
        // Nobody waits for queued attempts (and a sender may have hung up):
        // a failure then still gets reported.
        if let Err(Err(e)) = done.send(result) {
            crate::output::warn(&e.message);
        }
    }
}

impl Writer {
    /// Commits a delivery (and applies retention); returns its id once the
    /// row is committed. A shared delivery is kept, not copied, until then.
    pub async fn insert(&self, delivery: impl Into<Arc<Delivery>>, facts: Facts) -> Result<i64> {
        let (done, wait) = tokio::sync::oneshot::channel();
        self.submit(
            Job::Insert {
                delivery: delivery.into(),
                facts,
                done,
            },
            wait,
        )
        .await
    }

    /// Waits until everything queued before it is committed.
    pub async fn flush(&self) -> Result<()> {
        let (done, wait) = tokio::sync::oneshot::channel();
        self.submit(Job::Flush { done }, wait).await.map(|_| ())
    }

    /// Commits a forward attempt and the delivery's final outcome.
    pub async fn finish(
        &self,
        id: i64,
        attempt: Option<Attempt>,
        outcome: &str,
        status: u16,
    ) -> Result<()> {
        let (done, wait) = tokio::sync::oneshot::channel();
        let job = Job::Finish {
            id,
            attempt,
            outcome: outcome.to_string(),
            status,
            done,
        };
        self.submit(job, wait).await.map(|_| ())
    }

    async fn submit(
        &self,
        job: Job,
        wait: tokio::sync::oneshot::Receiver<Result<i64>>,
    ) -> Result<i64> {
        let gone = || {
            Error::usage(format!(
                "the delivery store {} stopped writing",
                self.path.display()
            ))
        };
        self.tx.send(job).map_err(|_| gone())?;
        wait.await.map_err(|_| gone())?
    }
}

/// A delivery read back from the store.
#[derive(Debug, Clone)]
pub struct Record {
    pub id: i64,
    pub delivery: Delivery,
    pub facts: Facts,
    pub attempts: Vec<Attempt>,
}

/// A handle on the store, shareable between tasks; calls block briefly, so
/// async code runs them with `spawn_blocking`.
#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
    path: PathBuf,
    retention: u64,
    checkpoint_every: Duration,
    wal_limit: u64,
    /// This process's recorder id, on the writer's copy of the store.
    recorder: Option<String>,
}

impl Store {
    /// The store's file in a data directory.
    pub fn path_in(data_dir: &Path) -> PathBuf {
        data_dir.join("deliveries.db")
    }

    pub fn open(path: &Path, retention: u64) -> Result<Store> {
        let fail = |e: &dyn std::fmt::Display| {
            Error::usage(format!(
                "cannot open the delivery store {}: {e}",
                path.display()
            ))
            .with_hint("set HOOKS_DATA_DIR to a writable directory, or pass --no-record")
        };
        crate::private::prepare_database(path).map_err(|e| fail(&e))?;
        let conn = Connection::open(path).map_err(|e| fail(&e))?;
        conn.busy_timeout(Duration::from_secs(10))
            .map_err(|e| fail(&e))?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| fail(&e))?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| fail(&e))?;
        // A larger page cache (16 MiB) and reads through a memory map take
        // page reads off a commit's path (the retained deliveries outgrow
        // SQLite's 2 MiB default cache), at the cost of a larger RSS.
        conn.pragma_update(None, "cache_size", -16384)
            .map_err(|e| fail(&e))?;
        conn.pragma_update(None, "mmap_size", 256 << 20)
            .map_err(|e| fail(&e))?;
        conn.execute_batch(SCHEMA).map_err(|e| fail(&e))?;
        add_columns(&conn).map_err(|e| fail(&e))?;
        plain_attempt_ids(&conn).map_err(|e| fail(&e))?;
        let version: Option<i64> = conn
            .query_row("SELECT MAX(version) FROM schema_version", [], |r| r.get(0))
            .map_err(|e| fail(&e))?;
        match version {
            None => {
                conn.execute(
                    "INSERT INTO schema_version (version) VALUES (?1)",
                    [SCHEMA_VERSION],
                )
                .map_err(|e| fail(&e))?;
            }
            Some(v) if v > SCHEMA_VERSION => {
                return Err(Error::usage(format!(
                    "the delivery store {} has schema version {v}, newer than this hooks understands ({SCHEMA_VERSION})",
                    path.display()
                ))
                .with_hint("upgrade hooks, or point HOOKS_DATA_DIR elsewhere"))
            }
            Some(_) => {}
        }
        mark_interrupted(&conn, &recorders_dir(path));
        Ok(Store {
            conn: Arc::new(Mutex::new(conn)),
            path: path.to_path_buf(),
            retention: retention.max(1),
            checkpoint_every: CHECKPOINT_EVERY,
            wal_limit: WAL_LIMIT_BYTES,
            recorder: None,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written
        // (transactions roll back), so a poisoned lock is still usable.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn error(&self, e: rusqlite::Error) -> Error {
        Error::usage(format!(
            "the delivery store {} failed: {e}",
            self.path.display()
        ))
        .with_hint("check the disk and the file's permissions, or pass --no-record")
    }

    /// Starts the thread that writes for the pipeline (see [`Writer`]) and
    /// the one that checkpoints behind it (see [`checkpoint_loop`]).
    pub fn writer(&self) -> Writer {
        let (tx, rx) = std::sync::mpsc::channel();
        let progress = Arc::new(Progress::default());
        // The checkpoint thread stops when the writer thread drops this.
        let (running, stopped) = std::sync::mpsc::channel::<()>();
        let checkpointer = match Connection::open(&self.path)
            .and_then(|c| c.busy_timeout(Duration::from_secs(1)).map(|()| c))
        {
            Ok(conn) => {
                let (every, limit, seen) =
                    (self.checkpoint_every, self.wal_limit, progress.clone());
                std::thread::Builder::new()
                    .name("hooks-checkpoint".into())
                    .spawn(move || checkpoint_loop(&conn, limit, &seen, &stopped, every))
                    .is_ok()
            }
            Err(_) => false,
        };
        if checkpointer {
            // Ignored if it fails: the writer then checkpoints as SQLite
            // does by default.
            let _ = self.conn().pragma_update(None, "wal_autocheckpoint", 0);
        }
        let mut store = self.clone();
        // Held by the writer thread: while it runs, no other process takes
        // this one's unfinished deliveries for interrupted ones.
        let registration = match recorders::register(&recorders_dir(&self.path)) {
            Ok(r) => Some(r),
            Err(e) => {
                crate::output::warn(format!(
                    "cannot register as a recorder of {} ({e}): another hooks process opening it may mark this one's unfinished forwards interrupted",
                    self.path.display()
                ));
                None
            }
        };
        store.recorder = registration.as_ref().map(|r| r.id.clone());
        std::thread::Builder::new()
            .name("hooks-store".into())
            .spawn(move || {
                store.write_loop(rx, &progress);
                drop(registration);
                drop(running);
            })
            .expect("a thread can be started");
        Writer {
            tx,
            path: self.path.clone(),
        }
    }

    /// Commits jobs in groups: whatever queued up while the previous group
    /// was committing goes into the next transaction, so the cost of a
    /// commit is shared when deliveries arrive together.
    fn write_loop(&self, rx: std::sync::mpsc::Receiver<Job>, progress: &Progress) {
        // The cutoff of the last deletion (ids at or below it are gone).
        let mut pruned = 0;
        while let Ok(first) = rx.recv() {
            let mut jobs = vec![first];
            while jobs.len() < MAX_GROUP {
                match rx.try_recv() {
                    Ok(job) => jobs.push(job),
                    Err(_) => break,
                }
            }
            let conn = self.conn();
            let done = in_transaction(&conn, || {
                let results: Vec<rusqlite::Result<i64>> =
                    jobs.iter().map(|job| self.apply(&conn, job)).collect();
                let newest = results.iter().filter_map(|r| r.as_ref().ok()).max();
                let cut = match newest {
                    Some(newest) => self.retain(&conn, *newest, pruned)?,
                    None => None,
                };
                Ok((results, cut))
            });
            drop(conn);
            match done {
                Ok((results, cut)) => {
                    pruned = cut.unwrap_or(pruned);
                    for (job, result) in jobs.into_iter().zip(results) {
                        job.reply(result.map_err(|e| self.error(e)));
                    }
                }
                Err(e) => {
                    let message = e.to_string();
                    for job in jobs {
                        job.reply(Err(
                            self.error(rusqlite::Error::InvalidParameterName(message.clone()))
                        ));
                    }
                }
            }
            // Starting the WAL over comes after the answers, so that no
            // delivery waits for it (only one that arrives meanwhile might).
            // RESTART keeps the file's size and writes it over from its
            // start, which is cheaper than growing it again; TRUNCATE is the
            // backstop. A failed checkpoint is left for the next time:
            // nothing is lost by it, the WAL still holds everything.
            let commits = progress.commits.fetch_add(1, Ordering::Relaxed) + 1;
            let mode = if progress.restart.swap(false, Ordering::Relaxed) {
                Some("RESTART")
            } else {
                (commits.is_multiple_of(WAL_LOOK_EVERY)
                    && wal_size(&self.path) > 4 * self.wal_limit)
                    .then_some("TRUNCATE")
            };
            if let Some(mode) = mode {
                let _ = self.conn().query_row(
                    &format!("PRAGMA wal_checkpoint({mode})"),
                    [],
                    |_| Ok(()),
                );
            }
        }
    }

    /// Runs one job; returns the delivery's id.
    fn apply(&self, tx: &Connection, job: &Job) -> rusqlite::Result<i64> {
        match job {
            Job::Insert {
                delivery: d, facts, ..
            } => {
                tx.prepare_cached(
                    "INSERT INTO deliveries (received_at_ms, source, remote, method, path, headers, body,
                        oversized, provider, verification, reason, events, outcome, status, replay_of, recorder, origin)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                )?
                .execute(params![
                        super::unix_millis(d.received_at),
                        d.source.as_str(),
                        d.remote,
                        d.method,
                        d.path,
                        encode_headers(&d.headers),
                        &d.body[..],
                        d.oversized.map(|n| n as i64),
                        facts.provider,
                        facts.verification,
                        facts.reason,
                        facts.events.to_string(),
                        facts.outcome,
                        facts.status,
                        facts.replay_of,
                        self.recorder,
                        facts.origin,
                ])?;
                Ok(tx.last_insert_rowid())
            }
            Job::Finish {
                id,
                attempt,
                outcome,
                status,
                ..
            } => {
                if let Some(a) = attempt {
                    tx.prepare_cached(
                        "INSERT INTO attempts (delivery_id, at_ms, url, status, headers, body, latency_ms, error)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    )?
                    .execute(params![
                            id,
                            super::unix_millis(a.at),
                            a.url,
                            a.status,
                            encode_headers(&a.headers),
                            &a.body[..],
                            a.latency.as_secs_f64() * 1000.0,
                            a.error,
                    ])?;
                }
                tx.prepare_cached("UPDATE deliveries SET outcome = ?2, status = ?3 WHERE id = ?1")?
                    .execute(params![id, outcome, status])?;
                Ok(*id)
            }
            Job::Flush { .. } => Ok(0),
        }
    }

    /// Ids only grow and only the oldest are ever deleted, so the newest N
    /// are exactly the ids above newest - N. They are deleted once a batch
    /// of them is due (see [`PRUNE_BATCH`]; a 64th of the retention when
    /// that is smaller, so a small retention stays exact); returns the new
    /// cutoff when it deleted.
    fn retain(&self, tx: &Connection, newest: i64, pruned: i64) -> rusqlite::Result<Option<i64>> {
        let cutoff = newest - self.retention as i64;
        let batch = (self.retention / 64).clamp(1, PRUNE_BATCH) as i64;
        if cutoff <= 0 || cutoff - pruned < batch {
            return Ok(None);
        }
        tx.prepare_cached("DELETE FROM deliveries WHERE id <= ?1")?
            .execute([cutoff])?;
        tx.prepare_cached("DELETE FROM attempts WHERE delivery_id <= ?1")?
            .execute([cutoff])?;
        Ok(Some(cutoff))
    }

    /// The newest deliveries first (without their attempts).
    pub fn list(&self, limit: usize, event: Option<&str>) -> Result<Vec<Record>> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare(&format!(
                "SELECT {COLUMNS} FROM deliveries ORDER BY id DESC"
            ))
            .map_err(|e| self.error(e))?;
        let rows = stmt
            .query_map([], row_to_record)
            .map_err(|e| self.error(e))?;
        let mut out = Vec::new();
        for row in rows {
            let record = row.map_err(|e| self.error(e))?;
            if let Some(pattern) = event {
                if !super::pattern::any_matches(&[pattern.to_string()], &record.event_types()) {
                    continue;
                }
            }
            out.push(record);
            if out.len() >= limit {
                break;
            }
        }
        Ok(out)
    }

    /// One delivery with its attempts.
    pub fn get(&self, id: i64) -> Result<Option<Record>> {
        let conn = self.conn();
        let record = conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM deliveries WHERE id = ?1"),
                [id],
                row_to_record,
            )
            .optional()
            .map_err(|e| self.error(e))?;
        let Some(mut record) = record else {
            return Ok(None);
        };
        let mut stmt = conn
            .prepare(
                "SELECT at_ms, url, status, headers, body, latency_ms, error
                 FROM attempts WHERE delivery_id = ?1 ORDER BY id",
            )
            .map_err(|e| self.error(e))?;
        let attempts = stmt
            .query_map([id], |r| {
                let headers: Option<Vec<u8>> = r.get(3)?;
                let latency: Option<f64> = r.get(5)?;
                Ok(Attempt {
                    at: from_millis(r.get(0)?),
                    url: r.get(1)?,
                    status: r.get(2)?,
                    headers: decode_headers(&headers.unwrap_or_default()),
                    body: r.get::<_, Option<Vec<u8>>>(4)?.unwrap_or_default().into(),
                    latency: Duration::from_secs_f64(latency.unwrap_or(0.0).max(0.0) / 1000.0),
                    error: r.get(6)?,
                })
            })
            .map_err(|e| self.error(e))?;
        for a in attempts {
            record.attempts.push(a.map_err(|e| self.error(e))?);
        }
        Ok(Some(record))
    }

    /// The ids of the newest `n` deliveries, oldest first.
    pub fn last_ids(&self, n: usize) -> Result<Vec<i64>> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare("SELECT id FROM deliveries ORDER BY id DESC LIMIT ?1")
            .map_err(|e| self.error(e))?;
        let mut ids = stmt
            .query_map([n as i64], |r| r.get(0))
            .map_err(|e| self.error(e))?
            .collect::<rusqlite::Result<Vec<i64>>>()
            .map_err(|e| self.error(e))?;
        ids.reverse();
        Ok(ids)
    }

    pub fn count(&self) -> Result<u64> {
        self.conn()
            .query_row("SELECT COUNT(*) FROM deliveries", [], |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| n as u64)
            .map_err(|e| self.error(e))
    }

    /// Deletes every delivery; returns how many there were.
    pub fn clear(&self) -> Result<u64> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(|e| self.error(e))?;
        let n = tx
            .execute("DELETE FROM deliveries", [])
            .map_err(|e| self.error(e))?;
        tx.execute("DELETE FROM attempts", [])
            .map_err(|e| self.error(e))?;
        tx.commit().map_err(|e| self.error(e))?;
        Ok(n as u64)
    }
}

impl Record {
    pub fn event_types(&self) -> Vec<String> {
        event_field(&self.facts.events, "type")
    }

    pub fn event_ids(&self) -> Vec<String> {
        event_field(&self.facts.events, "id")
    }
}

fn event_field(events: &serde_json::Value, key: &str) -> Vec<String> {
    events
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| e.get(key).and_then(|t| t.as_str()).map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

const COLUMNS: &str = "id, received_at_ms, source, remote, method, path, headers, body, oversized,
    provider, verification, reason, events, outcome, status, replay_of, origin";

/// Where the recorders of the store at `path` hold their locks.
fn recorders_dir(path: &Path) -> PathBuf {
    let mut dir = path.as_os_str().to_owned();
    dir.push(".recorders");
    PathBuf::from(dir)
}

/// Marks interrupted every delivery still waiting for the app's answer
/// (recorded as `received` with no status) whose recorder is gone, and
/// removes the gone recorders' lock files. A store that cannot be written
/// now is left for the next open.
fn mark_interrupted(conn: &Connection, dir: &Path) {
    let unfinished = conn
        .prepare("SELECT DISTINCT recorder FROM deliveries WHERE outcome = 'received' AND status IS NULL")
        .and_then(|mut stmt| {
            stmt.query_map([], |r| r.get::<_, Option<String>>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .unwrap_or_default();
    for recorder in unfinished {
        // Deliveries recorded before recorders were (no id) have no
        // process left that could finish them.
        if recorder
            .as_deref()
            .is_some_and(|id| recorders::alive(dir, id))
        {
            continue;
        }
        let _ = conn.execute(
            "UPDATE deliveries SET outcome = ?1
             WHERE outcome = 'received' AND status IS NULL AND recorder IS ?2",
            params![INTERRUPTED, recorder],
        );
    }
    recorders::remove_stale(dir);
}

fn add_columns(conn: &Connection) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info('deliveries')")?;
    let have = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (name, kind) in ADDED_COLUMNS {
        if !have.iter().any(|h| h == name) {
            // Another hooks process opening the store at the same moment
            // may have added it first.
            match conn.execute_batch(&format!("ALTER TABLE deliveries ADD COLUMN {name} {kind}")) {
                Err(e) if e.to_string().contains("duplicate column") => {}
                other => other?,
            }
        }
    }
    Ok(())
}

/// Stores made before this version numbered attempts with AUTOINCREMENT,
/// which makes every attempt's commit also rewrite the `sqlite_sequence`
/// page (one WAL frame in three of that commit's). Attempt ids are never
/// shown and only order a delivery's attempts, which plain rowids (one more
/// than the largest) do as well, so such a store's attempts table is
/// rebuilt without it, once, on open. The columns are the same, so an older
/// hooks reads and writes the rebuilt table unchanged.
fn plain_attempt_ids(conn: &Connection) -> rusqlite::Result<()> {
    let autoincrement = |conn: &Connection| {
        conn.query_row(
            "SELECT sql LIKE '%AUTOINCREMENT%' FROM sqlite_master WHERE type = 'table' AND name = 'attempts'",
            [],
            |r| r.get::<_, bool>(0),
        )
    };
    if !autoincrement(conn)? {
        return Ok(());
    }
    // Immediate: another hooks opening the store at the same moment waits,
    // then finds the table already rebuilt.
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let rebuilt = (|| {
        if autoincrement(conn)? {
            conn.execute_batch(
                "CREATE TABLE attempts_rebuilt (
                    id INTEGER PRIMARY KEY,
                    delivery_id INTEGER NOT NULL,
                    at_ms INTEGER NOT NULL,
                    url TEXT NOT NULL,
                    status INTEGER,
                    headers BLOB,
                    body BLOB,
                    latency_ms REAL,
                    error TEXT
                );
                INSERT INTO attempts_rebuilt
                    SELECT id, delivery_id, at_ms, url, status, headers, body, latency_ms, error
                    FROM attempts;
                DROP TABLE attempts;
                ALTER TABLE attempts_rebuilt RENAME TO attempts;
                CREATE INDEX attempts_by_delivery ON attempts(delivery_id);
                DELETE FROM sqlite_sequence WHERE name = 'attempts';",
            )?;
        }
        conn.execute_batch("COMMIT")
    })();
    if rebuilt.is_err() {
        let _ = conn.execute_batch("ROLLBACK");
    }
    rebuilt
}

fn row_to_record(r: &rusqlite::Row) -> rusqlite::Result<Record> {
    let headers: Vec<u8> = r.get(6)?;
    let body: Vec<u8> = r.get(7)?;
    let events: String = r.get(12)?;
    Ok(Record {
        id: r.get(0)?,
        delivery: Delivery {
            received_at: from_millis(r.get(1)?),
            source: Source::parse(&r.get::<_, String>(2)?),
            remote: r.get(3)?,
            forwarding: None,
            method: r.get(4)?,
            path: r.get(5)?,
            headers: decode_headers(&headers),
            body: body.into(),
            oversized: r.get::<_, Option<i64>>(8)?.map(|n| n as u64),
        },
        facts: Facts {
            provider: r.get(9)?,
            verification: r.get(10)?,
            reason: r.get(11)?,
            events: serde_json::from_str(&events).unwrap_or(serde_json::Value::Null),
            outcome: r.get(13)?,
            status: r.get(14)?,
            replay_of: r.get(15)?,
            origin: r.get(16)?,
        },
        attempts: vec![],
    })
}

/// Checkpoints what the writer committed, every `every` while there is
/// anything new, until `stop` hangs up. A passive checkpoint never makes
/// the writer wait, and its fsyncs (milliseconds each on a real disk)
/// happen here rather than between a delivery and its answer. When the WAL
/// holds more than `limit` bytes of pages, asks the writer to restart it
/// (see [`WAL_LIMIT_BYTES`]). A failed checkpoint is retried on the next round;
/// nothing is lost by one (the WAL still holds it all).
fn checkpoint_loop(
    conn: &Connection,
    limit: u64,
    progress: &Progress,
    stop: &std::sync::mpsc::Receiver<()>,
    every: Duration,
) {
    let page: u64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap_or(4096);
    let mut seen = 0;
    while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = stop.recv_timeout(every) {
        let now = progress.commits.load(Ordering::Relaxed);
        if now != seen {
            seen = now;
            // The second column is the number of pages in the WAL.
            let pages =
                conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get::<_, u64>(1));
            if pages.is_ok_and(|n| n * page > limit) {
                progress.restart.store(true, Ordering::Relaxed);
            }
        }
    }
}

/// The size of the WAL file next to the store at `path` (0 if there is none).
fn wal_size(path: &Path) -> u64 {
    std::fs::metadata(path.with_extension("db-wal")).map_or(0, |m| m.len())
}

/// Runs `work` in one transaction, with BEGIN and COMMIT as cached
/// statements: rusqlite's `transaction()` parses them anew each time, and
/// the writer runs one transaction per group of deliveries.
fn in_transaction<T>(
    conn: &Connection,
    work: impl FnOnce() -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    conn.prepare_cached("BEGIN")?.execute([])?;
    let result = work().and_then(|t| conn.prepare_cached("COMMIT")?.execute([]).map(|_| t));
    if result.is_err() && !conn.is_autocommit() {
        // The error is what the callers hear about; a failed rollback
        // leaves nothing more to report.
        let _ = conn.execute_batch("ROLLBACK");
    }
    result
}

fn from_millis(ms: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(ms.max(0) as u64)
}

/// Headers as `Name: value\r\n` lines: byte-exact, since a header name
/// never holds ':' and a value never holds CR or LF.
fn encode_headers(headers: &[(String, Vec<u8>)]) -> Vec<u8> {
    let size = headers.iter().map(|(n, v)| n.len() + v.len() + 4).sum();
    let mut out = Vec::with_capacity(size);
    for (name, value) in headers {
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value);
        out.extend_from_slice(b"\r\n");
    }
    out
}

fn decode_headers(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut rest = bytes;
    while !rest.is_empty() {
        let end = rest
            .windows(2)
            .position(|w| w == b"\r\n")
            .unwrap_or(rest.len());
        let line = &rest[..end];
        rest = rest.get(end + 2..).unwrap_or(&[]);
        if let Some(colon) = line.iter().position(|b| *b == b':') {
            let name = String::from_utf8_lossy(&line[..colon]).into_owned();
            let value = line[colon + 1..]
                .strip_prefix(b" ")
                .unwrap_or(&line[colon + 1..]);
            out.push((name, value.to_vec()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delivery(body: &[u8]) -> Arc<Delivery> {
        Arc::new(Delivery {
            method: "POST".into(),
            path: "/hooks?x=1".into(),
            headers: vec![
                ("Content-Type".into(), b"application/json".to_vec()),
                ("X-Dup".into(), b"a".to_vec()),
                ("X-Dup".into(), b"b\xff".to_vec()),
                ("X-Empty".into(), vec![]),
            ],
            body: body.to_vec().into(),
            received_at: SystemTime::now(),
            source: Source::Local,
            remote: Some("127.0.0.1:5000".into()),
            forwarding: None,
            oversized: None,
        })
    }

    fn facts() -> Facts {
        Facts {
            provider: Some("workestra".into()),
            verification: "valid".into(),
            reason: None,
            origin: Some("outside".into()),
            events: serde_json::json!([{"type": "contact.created", "id": "evt_1"}]),
            outcome: "received".into(),
            status: None,
            replay_of: None,
        }
    }

    #[test]
    fn round_trips_bytes_and_applies_retention() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&Store::path_in(dir.path()), 3).unwrap();
        let writer = store.writer();
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let mut ids = vec![];
        for i in 0..5u8 {
            ids.push(
                rt.block_on(writer.insert(delivery(&[i, 0, 255]), facts()))
                    .unwrap(),
            );
        }
        rt.block_on(writer.finish(ids[4], None, "acknowledged", 200))
            .unwrap();
        assert_eq!(store.count().unwrap(), 3);
        let got = store.get(ids[4]).unwrap().unwrap();
        assert_eq!(got.facts.status, Some(200));
        assert_eq!(got.facts.origin.as_deref(), Some("outside"));
        assert_eq!(&got.delivery.body[..], &[4, 0, 255]);
        assert_eq!(got.delivery.headers, delivery(&[]).headers);
        assert!(store.get(ids[0]).unwrap().is_none());
        assert_eq!(store.last_ids(2).unwrap(), vec![ids[3], ids[4]]);
        assert_eq!(store.list(10, Some("contact.*")).unwrap().len(), 3);
        assert_eq!(store.list(10, Some("deal.*")).unwrap().len(), 0);
        assert_eq!(store.clear().unwrap(), 3);
        // A reopened store keeps its schema version and numbering.
        let again = Store::open(&Store::path_in(dir.path()), 3)
            .unwrap()
            .writer();
        assert!(rt.block_on(again.insert(delivery(b"x"), facts())).unwrap() > ids[4]);
    }

    /// A retention past 64 deletes in batches: never more than a batch
    /// beyond it, never fewer than it, and the newest are always kept.
    #[test]
    fn retention_deletes_in_batches_within_one_batch_of_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&Store::path_in(dir.path()), 128).unwrap();
        let writer = store.writer();
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let mut counts = vec![];
        for i in 0..140u8 {
            let id = rt.block_on(writer.insert(delivery(&[i]), facts())).unwrap();
            counts.push(store.count().unwrap());
            assert_eq!(store.last_ids(1).unwrap(), vec![id]);
        }
        assert_eq!(counts[127], 128);
        // A 64th of 128: two at a time.
        assert_eq!(&counts[128..134], &[129, 128, 129, 128, 129, 128]);
    }

    /// The schema of the first stores (version 1, before `replay_of` and
    /// `recorder`, attempts numbered with AUTOINCREMENT), written out as it
    /// was rather than derived from [`SCHEMA`].
    const OLD_SCHEMA: &str = "
        CREATE TABLE schema_version (version INTEGER NOT NULL);
        CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            received_at_ms INTEGER NOT NULL,
            source TEXT NOT NULL,
            remote TEXT,
            method TEXT NOT NULL,
            path TEXT NOT NULL,
            headers BLOB NOT NULL,
            body BLOB NOT NULL,
            oversized INTEGER,
            provider TEXT,
            verification TEXT NOT NULL,
            reason TEXT,
            events TEXT NOT NULL,
            outcome TEXT NOT NULL,
            status INTEGER
        );
        CREATE TABLE attempts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            delivery_id INTEGER NOT NULL,
            at_ms INTEGER NOT NULL,
            url TEXT NOT NULL,
            status INTEGER,
            headers BLOB,
            body BLOB,
            latency_ms REAL,
            error TEXT
        );
        CREATE INDEX attempts_by_delivery ON attempts(delivery_id);
        INSERT INTO schema_version VALUES (1);
    ";

    /// A store made by the old schema gets plain attempt ids on open, once,
    /// and keeps every delivery and attempt as it was; new attempts are
    /// numbered after the old ones (even past ids AUTOINCREMENT had already
    /// used for deleted rows) and come last in their delivery.
    #[test]
    fn an_older_store_keeps_its_data_and_takes_new_attempts_without_autoincrement() {
        let dir = tempfile::tempdir().unwrap();
        let path = Store::path_in(dir.path());
        let old = Connection::open(&path).unwrap();
        old.execute_batch(OLD_SCHEMA).unwrap();
        old.execute_batch(
            "INSERT INTO deliveries (received_at_ms, source, remote, method, path, headers, body,
                 provider, verification, events, outcome, status)
                 VALUES (1000, 'local', '127.0.0.1:5000', 'POST', '/a', x'583a20310d0a', x'7b7d',
                     'github', 'verified', '[]', 'forwarded', 201),
                 (2000, 'relay', NULL, 'PUT', '/b?x=1', x'', x'00ff', NULL, 'unsigned', '[]',
                     'failed', 502);
             INSERT INTO attempts (delivery_id, at_ms, url, status, headers, body, latency_ms, error)
                 VALUES (1, 1001, 'http://127.0.0.1:1/a', 201, x'593a20320d0a', x'6f6b', 1.5, NULL),
                 (2, 2001, 'http://127.0.0.1:1/b', NULL, NULL, NULL, 3.0, 'refused'),
                 (2, 2002, 'http://127.0.0.1:1/b', 502, NULL, x'6e6f', 2.0, NULL),
                 (2, 2003, 'http://127.0.0.1:1/b', 500, NULL, NULL, 1.0, NULL);
             -- The newest attempt deleted: AUTOINCREMENT would never give id 4 again.
             DELETE FROM attempts WHERE id = 4;",
        )
        .unwrap();
        let used: i64 = old
            .query_row(
                "SELECT seq FROM sqlite_sequence WHERE name = 'attempts'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(used, 4);
        drop(old);
        let attempts_sql = |store: &Store| -> String {
            store
                .conn()
                .query_row(
                    "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'attempts'",
                    [],
                    |r| r.get(0),
                )
                .unwrap()
        };
        let attempt_ids = |store: &Store| -> Vec<(i64, i64)> {
            let conn = store.conn();
            let mut stmt = conn
                .prepare("SELECT id, delivery_id FROM attempts ORDER BY id")
                .unwrap();
            let ids = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .collect::<rusqlite::Result<Vec<_>>>()
                .unwrap();
            ids
        };

        let store = Store::open(&path, 10).unwrap();
        let sql = attempts_sql(&store);
        assert!(!sql.contains("AUTOINCREMENT"), "{sql}");
        assert_eq!(attempt_ids(&store), vec![(1, 1), (2, 2), (3, 2)]);
        let index: i64 = store
            .conn()
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'attempts_by_delivery'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(index, 1);
        assert_eq!(store.count().unwrap(), 2);

        let first = store.get(1).unwrap().unwrap();
        assert_eq!(first.delivery.path, "/a");
        assert_eq!(first.delivery.remote.as_deref(), Some("127.0.0.1:5000"));
        assert_eq!(
            first.delivery.headers,
            vec![("X".to_string(), b"1".to_vec())]
        );
        assert_eq!(&first.delivery.body[..], b"{}");
        assert_eq!(first.facts.provider.as_deref(), Some("github"));
        assert_eq!(first.facts.origin, None, "not judged before the column");
        assert_eq!(
            (first.facts.outcome.as_str(), first.facts.status),
            ("forwarded", Some(201))
        );
        assert_eq!(first.attempts.len(), 1);
        let a = &first.attempts[0];
        assert_eq!(a.url, "http://127.0.0.1:1/a");
        assert_eq!(a.status, Some(201));
        assert_eq!(a.headers, vec![("Y".to_string(), b"2".to_vec())]);
        assert_eq!(&a.body[..], b"ok");
        assert_eq!(a.latency, Duration::from_micros(1500));
        assert_eq!(a.at, from_millis(1001));

        let second = store.get(2).unwrap().unwrap();
        assert_eq!(&second.delivery.body[..], b"\x00\xff");
        let seen: Vec<_> = second
            .attempts
            .iter()
            .map(|a| (a.status, a.error.clone()))
            .collect();
        assert_eq!(
            seen,
            vec![(None, Some("refused".to_string())), (Some(502), None)]
        );

        // New attempts, on an old delivery and on a new one.
        let writer = store.writer();
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let mut retry = second.attempts[1].clone();
        retry.status = Some(200);
        rt.block_on(writer.finish(2, Some(retry), "forwarded", 200))
            .unwrap();
        let id = rt.block_on(writer.insert(delivery(b"x"), facts())).unwrap();
        assert_eq!(id, 3);
        rt.block_on(writer.finish(id, Some(a.clone()), "forwarded", 201))
            .unwrap();
        drop(writer);
        assert_eq!(
            attempt_ids(&store),
            vec![(1, 1), (2, 2), (3, 2), (4, 2), (5, 3)]
        );
        let second = store.get(2).unwrap().unwrap();
        assert_eq!(second.attempts.len(), 3);
        assert_eq!(second.attempts[2].status, Some(200));
        assert_eq!(second.facts.status, Some(200));
        let third = store.get(id).unwrap().unwrap();
        assert_eq!(third.attempts.len(), 1);
        assert_eq!(&third.attempts[0].body[..], b"ok");
        drop(store);

        // Opening it again leaves the rebuilt table and its rows alone.
        let again = Store::open(&path, 10).unwrap();
        assert_eq!(attempts_sql(&again), sql);
        assert_eq!(
            attempt_ids(&again),
            vec![(1, 1), (2, 2), (3, 2), (4, 2), (5, 3)]
        );
        assert_eq!(again.count().unwrap(), 3);
    }

    /// Commits never checkpoint on their own (the checkpoint thread does),
    /// yet the WAL stays bounded while deliveries keep coming, however far
    /// behind the checkpoint thread is (here it never runs, and the limit is
    /// lowered so that a few thousand deliveries cross it many times over).
    #[test]
    fn checkpoints_keep_the_wal_bounded_under_steady_writes() {
        let dir = tempfile::tempdir().unwrap();
        let path = Store::path_in(dir.path());
        let mut store = Store::open(&path, 100).unwrap();
        store.checkpoint_every = Duration::from_secs(3600);
        store.wal_limit = 256 << 10;
        let writer = store.writer();
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let body = vec![b'x'; 1024];
        let (mut largest, mut last) = (0, 0);
        for i in 0..3000 {
            last = rt
                .block_on(writer.insert(delivery(&body), facts()))
                .unwrap();
            if i % 50 == 0 {
                largest = largest.max(wal_size(&path));
            }
        }
        // Without checkpoints, 3,000 commits of a 1 KiB body (each writing
        // several 4 KiB pages) make a WAL of tens of MiB.
        assert!(
            largest < 8 << 20,
            "the WAL grew to {largest} bytes; checkpoints are not keeping up"
        );
        assert_eq!(store.count().unwrap(), 100);
        assert!(store.get(last).unwrap().is_some());
    }

    /// Concurrent callers' jobs are grouped by the writer thread; every job
    /// is committed exactly once and answered (a job left behind would hang
    /// here until the timeout).
    #[test]
    fn concurrent_inserts_and_finishes_are_all_committed() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&Store::path_in(dir.path()), 10_000).unwrap();
        let writer = store.writer();
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_time()
            .build()
            .unwrap();
        let ids = rt.block_on(async {
            let tasks: Vec<_> = (0..500u16)
                .map(|i| {
                    let writer = writer.clone();
                    tokio::spawn(async move {
                        let id = writer
                            .insert(delivery(&i.to_be_bytes()), facts())
                            .await
                            .unwrap();
                        writer.finish(id, None, "acknowledged", 200).await.unwrap();
                        id
                    })
                })
                .collect();
            let all = async {
                let mut ids = vec![];
                for t in tasks {
                    ids.push(t.await.unwrap());
                }
                ids
            };
            tokio::time::timeout(Duration::from_secs(60), all)
                .await
                .expect("every job is answered")
        });
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 500);
        assert_eq!(store.count().unwrap(), 500);
        for id in ids {
            assert_eq!(store.get(id).unwrap().unwrap().facts.status, Some(200));
        }
    }
}
