//! Reads on a pool of read-only connections, streamed through a bounded channel.
//!
//! Each read runs on a blocking thread and sends its rows one at a time into a channel of
//! [`STREAM_BUFFER`] documents, so a result of any size holds only that many in memory. When
//! the receiver goes away (the client hung up) the read stops.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, params_from_iter, types::Value as SqlValue};
use tokio::runtime::Handle;
use tokio::sync::{Semaphore, mpsc};
use tokio::time::timeout;
use tokio_stream::wrappers::ReceiverStream;

use super::open_reader;
use super::writer::backend;
use crate::model::{NaiveZone, Timestamp};
use crate::query::Selector;
use crate::store::{DocumentStream, ListQuery, StoreError, StoredDocument};

/// Documents buffered between a reading thread and the response.
const STREAM_BUFFER: usize = 256;

/// Most ids looked up by key for one selector; longer `$in` lists scan instead, because SQLite
/// limits the number of bound parameters of one statement (32,766 in the bundled build).
const MAX_PINNED_IDS: usize = 10_000;

/// Idle connections kept for reuse.
const MAX_IDLE: usize = 8;

/// Most streaming reads running at once. Each holds a blocking thread and a connection until
/// its client has read the result, so later reads wait for a slot instead of exhausting both.
const MAX_STREAMS: usize = 32;

/// How long a streaming read waits for a client that stopped reading before giving up.
const STALL_TIMEOUT: Duration = Duration::from_secs(30);

/// Read-only connections, opened on demand and kept up to [`MAX_IDLE`].
#[derive(Clone)]
pub(super) struct ReaderPool {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    zone: NaiveZone,
    idle: Mutex<Vec<Connection>>,
    streams: Arc<Semaphore>,
}

/// The sending end of a streaming read, used from its blocking thread.
struct Sender {
    channel: mpsc::Sender<Result<StoredDocument, StoreError>>,
    runtime: Handle,
}

impl Sender {
    /// Sends one item; false when the client went away or stopped reading for
    /// [`STALL_TIMEOUT`], in which case the read should stop.
    fn send(&self, item: Result<StoredDocument, StoreError>) -> bool {
        let sent = self.runtime.block_on(timeout(STALL_TIMEOUT, self.channel.send(item)));
        match sent {
            Ok(Ok(())) => true,
            Ok(Err(_)) => false,
            Err(_) => {
                tracing::warn!("stopped a streaming read: the client stopped reading");
                false
            }
        }
    }
}

impl ReaderPool {
    pub(super) fn new(path: PathBuf, zone: NaiveZone) -> ReaderPool {
        let streams = Arc::new(Semaphore::new(MAX_STREAMS));
        ReaderPool { inner: Arc::new(Inner { path, zone, idle: Mutex::new(Vec::new()), streams }) }
    }

    /// Runs `work` on a blocking thread with a pooled connection.
    async fn with_connection<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T, StoreError> {
        let inner = Arc::clone(&self.inner);
        tokio::task::spawn_blocking(move || inner.run(work))
            .await
            .map_err(|error| StoreError::Backend(format!("read task failed: {error}")))?
    }

    pub(super) async fn get(&self, id: String) -> Result<Option<StoredDocument>, StoreError> {
        self.with_connection(move |connection| {
            let mut select = connection.prepare_cached("SELECT doc FROM events WHERE id = ?1")?;
            let json: Option<String> = select.query_row([&id], |row| row.get(0)).optional()?;
            Ok(json.map(|json| StoredDocument { id, json }))
        })
        .await
    }

    pub(super) async fn count(&self) -> Result<u64, StoreError> {
        self.with_connection(|connection| {
            connection.query_row("SELECT count(*) FROM events", [], |row| row.get::<_, i64>(0))
        })
        .await
        .map(|count| count as u64)
    }

    pub(super) fn list(&self, query: ListQuery) -> DocumentStream {
        let mut sql = String::from("SELECT id, doc FROM events WHERE log_level >= ?");
        let mut args = vec![SqlValue::Integer(query.min_level)];
        if !query.include_archived {
            sql.push_str(" AND archived = 0");
        }
        if let Some(start) = query.start_micros {
            sql.push_str(" AND ts_micros >= ?");
            args.push(SqlValue::Integer(start));
        }
        if let Some(end) = query.end_micros {
            sql.push_str(" AND ts_micros <= ?");
            args.push(SqlValue::Integer(end));
        }
        sql.push_str(" ORDER BY ts_micros DESC, seq DESC");
        push_page(&mut sql, &mut args, query.limit, query.offset);
        self.stream_rows(sql, args)
    }

    pub(super) fn list_archived(&self, limit: Option<u64>, offset: u64) -> DocumentStream {
        let mut sql = String::from(
            "SELECT id, doc FROM events INDEXED BY events_by_archived_at WHERE archived = 1
             ORDER BY archived_at_micros DESC, seq DESC",
        );
        let mut args = Vec::new();
        push_page(&mut sql, &mut args, limit, offset);
        self.stream_rows(sql, args)
    }

    /// Streams rows of a statement whose columns are `id, doc`.
    fn stream_rows(&self, sql: String, args: Vec<SqlValue>) -> DocumentStream {
        self.stream(move |connection, sender| {
            let mut statement = connection.prepare_cached(&sql)?;
            let mut rows = statement.query(params_from_iter(args))?;
            while let Some(row) = rows.next()? {
                let document = StoredDocument { id: row.get(0)?, json: row.get(1)? };
                if !sender.send(Ok(document)) {
                    break;
                }
            }
            Ok(())
        })
    }

    /// Streams the documents a selector matches, in insertion order.
    pub(super) fn query(&self, selector: Selector, limit: Option<u64>) -> DocumentStream {
        let zone = self.inner.zone.clone();
        self.stream(move |connection, sender| {
            let instant = |text: &str| Timestamp::parse(text).ok().map(|t| t.unix_micros(&zone));
            let (sql, args) = match selector.pinned_ids() {
                Some(ids) if ids.len() <= MAX_PINNED_IDS => pinned_select(ids),
                _ => ("SELECT id, doc FROM events ORDER BY seq".to_owned(), Vec::new()),
            };
            let mut statement = connection.prepare(&sql)?;
            let mut rows = statement.query(params_from_iter(args))?;
            let mut remaining = limit.unwrap_or(u64::MAX);
            while remaining > 0 {
                let Some(row) = rows.next()? else { break };
                let json: String = row.get(1)?;
                let Ok(doc) = serde_json::from_str::<serde_json::Value>(&json) else {
                    tracing::warn!(id = ?row.get::<_, String>(0).ok(), "skipped an unreadable document");
                    continue;
                };
                if !selector.matches(&doc, &instant) {
                    continue;
                }
                remaining -= 1;
                if !sender.send(Ok(StoredDocument { id: row.get(0)?, json })) {
                    break;
                }
            }
            Ok(())
        })
    }

    /// Starts `work` on a blocking thread and returns the stream it feeds. An error ends the
    /// stream with that error as its last item.
    fn stream(
        &self,
        work: impl FnOnce(&Connection, &Sender) -> rusqlite::Result<()> + Send + 'static,
    ) -> DocumentStream {
        let (channel, receiver) = mpsc::channel(STREAM_BUFFER);
        let sender = Sender { channel, runtime: Handle::current() };
        let inner = Arc::clone(&self.inner);
        tokio::spawn(async move {
            let Ok(permit) = Arc::clone(&inner.streams).acquire_owned().await else { return };
            tokio::task::spawn_blocking(move || {
                let _permit = permit;
                if let Err(error) = inner.run(|connection| work(connection, &sender)) {
                    sender.send(Err(error));
                }
            });
        });
        Box::pin(ReceiverStream::new(receiver))
    }
}

impl Inner {
    fn run<T>(
        &self,
        work: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        let pooled = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let connection = match pooled {
            Some(connection) => connection,
            None => open_reader(&self.path).map_err(|e| unavailable(&e))?,
        };
        let result = work(&connection).map_err(|e| backend(&e));
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < MAX_IDLE {
                idle.push(connection);
            }
        }
        result
    }
}

fn unavailable(error: &rusqlite::Error) -> StoreError {
    StoreError::Unavailable(error.to_string())
}

fn push_page(sql: &mut String, args: &mut Vec<SqlValue>, limit: Option<u64>, offset: u64) {
    let limit = limit.map_or(-1, |limit| i64::try_from(limit).unwrap_or(i64::MAX));
    sql.push_str(" LIMIT ? OFFSET ?");
    args.push(SqlValue::Integer(limit));
    args.push(SqlValue::Integer(i64::try_from(offset).unwrap_or(i64::MAX)));
}

fn pinned_select(ids: Vec<String>) -> (String, Vec<SqlValue>) {
    let placeholders = vec!["?"; ids.len()].join(", ");
    let sql = format!("SELECT id, doc FROM events WHERE id IN ({placeholders}) ORDER BY seq");
    (sql, ids.into_iter().map(SqlValue::Text).collect())
}
