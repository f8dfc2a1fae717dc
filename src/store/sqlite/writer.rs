//! The single writer thread and its group commit.
//!
//! SQLite allows one writer at a time, and a durable commit costs an fsync. All writes therefore
//! go through one thread that takes every request waiting in its queue, applies them in one
//! transaction and commits once, then replies to each request. Under load many events share an
//! fsync; with one client each event still gets its own commit before it is acknowledged.

use std::thread::JoinHandle;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::Value;
use tokio::sync::{mpsc, oneshot};

use super::archived_at_json;
use crate::store::{ArchiveTarget, InsertOutcome, NewEvent, StoreError, StoredDocument};

/// Most operations applied in one transaction.
const MAX_BATCH: usize = 1024;

/// Pending operations allowed before senders wait.
const QUEUE_CAPACITY: usize = 8192;

type Reply<T> = oneshot::Sender<Result<T, StoreError>>;

/// A write request for the writer thread.
pub(super) enum WriteOp {
    Insert(Box<NewEvent>, Reply<InsertOutcome>),
    Archive {
        target: ArchiveTarget,
        batch_size: u64,
        now: DateTime<Utc>,
        reply: Reply<u64>,
    },
    Purge {
        cutoff_micros: i64,
        reply: Reply<u64>,
    },
    /// Stops the thread after the operations queued before it are committed.
    Shutdown,
}

/// The writer thread, joined on shutdown.
pub(super) struct Writer {
    thread: JoinHandle<()>,
}

impl Writer {
    /// Starts the writer thread on `connection` and returns it with the queue that feeds it.
    pub(super) fn spawn(
        connection: Connection,
    ) -> std::io::Result<(Writer, mpsc::Sender<WriteOp>)> {
        let (queue, receiver) = mpsc::channel(QUEUE_CAPACITY);
        let thread = std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || run(connection, receiver))?;
        Ok((Writer { thread }, queue))
    }

    /// Waits for the thread, which ends after a [`WriteOp::Shutdown`] or when every queue
    /// sender is gone.
    pub(super) fn join(self) {
        if self.thread.join().is_err() {
            tracing::error!("the sqlite writer thread panicked");
        }
    }
}

fn run(mut connection: Connection, mut receiver: mpsc::Receiver<WriteOp>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    let mut stopping = false;
    while !stopping {
        let Some(first) = receiver.blocking_recv() else {
            break;
        };
        batch.push(first);
        while batch.len() < MAX_BATCH {
            match receiver.try_recv() {
                Ok(op) => batch.push(op),
                Err(_) => break,
            }
        }
        stopping = batch.iter().any(|op| matches!(op, WriteOp::Shutdown));
        apply_batch(&mut connection, &mut batch);
    }
    // Requests still queued get no reply, which their senders report as unavailable.
    receiver.close();
    tracing::debug!("sqlite writer stopped");
}

/// A finished operation whose reply waits for the commit.
enum Done {
    Insert(Reply<InsertOutcome>, Result<InsertOutcome, StoreError>),
    Count(Reply<u64>, Result<u64, StoreError>),
}

fn apply_batch(connection: &mut Connection, batch: &mut Vec<WriteOp>) {
    let transaction = match connection.transaction() {
        Ok(transaction) => transaction,
        Err(error) => return fail_all(batch.drain(..), &error),
    };
    let done: Vec<Done> = batch.drain(..).filter_map(|op| apply(&transaction, op)).collect();
    match transaction.commit() {
        Ok(()) => done.into_iter().for_each(Done::send),
        Err(error) => {
            tracing::error!(%error, "failed to commit a write batch");
            for item in done {
                item.send_error(&error);
            }
        }
    }
}

fn apply(transaction: &Transaction<'_>, op: WriteOp) -> Option<Done> {
    let done = match op {
        WriteOp::Insert(event, reply) => Done::Insert(reply, insert(transaction, &event)),
        WriteOp::Archive { target, batch_size, now, reply } => {
            Done::Count(reply, archive(transaction, &target, batch_size, now))
        }
        WriteOp::Purge { cutoff_micros, reply } => {
            Done::Count(reply, purge(transaction, cutoff_micros))
        }
        WriteOp::Shutdown => return None,
    };
    Some(done)
}

impl Done {
    fn send(self) {
        // A requester that gave up (its connection closed) no longer listens; the write stands.
        match self {
            Done::Insert(reply, result) => drop(reply.send(result)),
            Done::Count(reply, result) => drop(reply.send(result)),
        }
    }

    fn send_error(self, error: &rusqlite::Error) {
        match self {
            Done::Insert(reply, _) => drop(reply.send(Err(backend(error)))),
            Done::Count(reply, _) => drop(reply.send(Err(backend(error)))),
        }
    }
}

fn fail_all(ops: impl Iterator<Item = WriteOp>, error: &rusqlite::Error) {
    tracing::error!(%error, "failed to begin a write transaction");
    for op in ops {
        match op {
            WriteOp::Insert(_, reply) => drop(reply.send(Err(backend(error)))),
            WriteOp::Archive { reply, .. } | WriteOp::Purge { reply, .. } => {
                drop(reply.send(Err(backend(error))));
            }
            WriteOp::Shutdown => {}
        }
    }
}

pub(super) fn backend(error: &rusqlite::Error) -> StoreError {
    StoreError::Backend(error.to_string())
}

fn insert(transaction: &Transaction<'_>, new: &NewEvent) -> Result<InsertOutcome, StoreError> {
    let mut statement = transaction
        .prepare_cached(
            "INSERT INTO events (id, event_type, log_level, ts_micros, archived,
                                 archived_at_micros, doc)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id) DO NOTHING",
        )
        .map_err(|e| backend(&e))?;
    let event = &new.event;
    let changed = statement
        .execute(params![
            event.id,
            event.event_type.as_str(),
            event.log_level,
            new.timestamp_micros,
            event.archived,
            new.archived_at_micros,
            new.json,
        ])
        .map_err(|e| backend(&e))?;
    if changed == 1 {
        return Ok(InsertOutcome::Inserted);
    }
    let json: String = transaction
        .prepare_cached("SELECT doc FROM events WHERE id = ?1")
        .and_then(|mut select| select.query_row([&event.id], |row| row.get(0)))
        .map_err(|e| backend(&e))?;
    Ok(InsertOutcome::Existing(StoredDocument { id: event.id.clone(), json }))
}

fn archive(
    transaction: &Transaction<'_>,
    target: &ArchiveTarget,
    batch_size: u64,
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let rows = select_to_archive(transaction, target, batch_size).map_err(|e| backend(&e))?;
    let archived_at = archived_at_json(now);
    let now_micros = now.timestamp_micros();
    let mut update = transaction
        .prepare_cached(
            "UPDATE events SET archived = 1, archived_at_micros = ?2, doc = ?3 WHERE seq = ?1",
        )
        .map_err(|e| backend(&e))?;
    for (seq, json) in &rows {
        let doc = mark_archived(json, &archived_at)?;
        update.execute(params![seq, now_micros, doc]).map_err(|e| backend(&e))?;
    }
    Ok(rows.len() as u64)
}

fn select_to_archive(
    transaction: &Transaction<'_>,
    target: &ArchiveTarget,
    batch_size: u64,
) -> rusqlite::Result<Vec<(i64, String)>> {
    let limit = i64::try_from(batch_size).unwrap_or(i64::MAX);
    match target {
        ArchiveTarget::Before(micros) => {
            let mut select = transaction.prepare_cached(
                "SELECT seq, doc FROM events WHERE archived = 0 AND ts_micros < ?1
                 ORDER BY ts_micros LIMIT ?2",
            )?;
            let rows =
                select.query_map(params![micros, limit], |row| Ok((row.get(0)?, row.get(1)?)))?;
            rows.collect()
        }
        ArchiveTarget::Ids(ids) => {
            let mut select = transaction
                .prepare_cached("SELECT seq, doc FROM events WHERE id = ?1 AND archived = 0")?;
            let mut rows = Vec::new();
            for id in ids.iter().take(usize::try_from(batch_size).unwrap_or(usize::MAX)) {
                if let Some(row) =
                    select.query_row([id], |row| Ok((row.get(0)?, row.get(1)?))).optional()?
                {
                    rows.push(row);
                }
            }
            Ok(rows)
        }
    }
}

/// Sets `archived` and `archived_at` in a stored document, keeping every other byte's meaning
/// and the key order.
fn mark_archived(json: &str, archived_at: &Value) -> Result<String, StoreError> {
    let mut doc: Value = serde_json::from_str(json)
        .map_err(|e| StoreError::Backend(format!("stored document is not valid JSON: {e}")))?;
    if let Value::Object(map) = &mut doc {
        map.insert("archived".into(), Value::Bool(true));
        map.insert("archived_at".into(), archived_at.clone());
    }
    Ok(doc.to_string())
}

fn purge(transaction: &Transaction<'_>, cutoff_micros: i64) -> Result<u64, StoreError> {
    transaction
        .prepare_cached("DELETE FROM events WHERE archived = 1 AND archived_at_micros < ?1")
        .and_then(|mut delete| delete.execute([cutoff_micros]))
        .map(|count| count as u64)
        .map_err(|e| backend(&e))
}
