//! The embedded backend: one SQLite file in WAL mode.
//!
//! Writes go through one writer thread with group commit ([`writer`]); reads use a small pool of
//! read-only connections on blocking threads and stream their rows ([`reader`]).

mod reader;
mod schema;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, SubsecRound, Utc};
use rusqlite::{Connection, OpenFlags};
use serde_json::Value;
use tokio::sync::{mpsc, oneshot};

use self::reader::ReaderPool;
use self::writer::{WriteOp, Writer};
use super::{
    ArchiveTarget, DocumentStream, EventStore, InsertOutcome, ListQuery, NewEvent, StoreError,
    StoredDocument,
};
use crate::model::{NaiveZone, Timestamp};
use crate::query::Selector;

pub use self::schema::SCHEMA_VERSION;

/// How long a connection waits for a lock held by another process before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Errors of opening the database file.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("failed to create the directory `{path}`: {source}")]
    CreateDir { path: PathBuf, source: std::io::Error },
    #[error("failed to open the database `{path}`: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error("failed to prepare the database `{path}`: {source}")]
    Schema { path: PathBuf, source: schema::SchemaError },
    #[error("failed to start the writer thread: {0}")]
    Thread(std::io::Error),
}

/// The SQLite event store.
pub struct SqliteStore {
    path: PathBuf,
    queue: mpsc::Sender<WriteOp>,
    writer: Mutex<Option<Writer>>,
    readers: ReaderPool,
}

impl SqliteStore {
    /// Opens (creating when missing) the database file and its directory, and brings its schema
    /// up to date. `zone` reads timestamps without an offset in raw selectors.
    pub fn open(path: &Path, zone: NaiveZone) -> Result<SqliteStore, OpenError> {
        if let Some(parent) = path.parent().filter(|parent| !parent.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|source| OpenError::CreateDir { path: parent.to_path_buf(), source })?;
        }
        let open_error = |source| OpenError::Open { path: path.to_path_buf(), source };
        let mut connection = open_writer(path).map_err(open_error)?;
        schema::migrate(&mut connection)
            .map_err(|source| OpenError::Schema { path: path.to_path_buf(), source })?;
        let (writer, queue) = Writer::spawn(connection).map_err(OpenError::Thread)?;
        Ok(SqliteStore {
            path: path.to_path_buf(),
            queue,
            writer: Mutex::new(Some(writer)),
            readers: ReaderPool::new(path.to_path_buf(), zone),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    async fn send<T>(
        &self,
        make: impl FnOnce(oneshot::Sender<Result<T, StoreError>>) -> WriteOp,
    ) -> Result<T, StoreError> {
        let (reply, answer) = oneshot::channel();
        self.queue.send(make(reply)).await.map_err(|_| closed())?;
        answer.await.map_err(|_| closed())?
    }
}

fn closed() -> StoreError {
    StoreError::Unavailable("the database is closed".into())
}

fn open_writer(path: &Path) -> rusqlite::Result<Connection> {
    let connection = Connection::open(path)?;
    connection.busy_timeout(BUSY_TIMEOUT)?;
    // WAL lets readers run beside the writer; FULL makes every commit durable before the
    // event is acknowledged.
    connection.pragma_update(None, "journal_mode", "WAL")?;
    connection.pragma_update(None, "synchronous", "FULL")?;
    // Negative: KiB. Keeps the hot top of the indexes in memory under sustained ingest.
    connection.pragma_update(None, "cache_size", -16384)?;
    Ok(connection)
}

fn open_reader(path: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let connection = Connection::open_with_flags(path, flags)?;
    connection.busy_timeout(BUSY_TIMEOUT)?;
    Ok(connection)
}

/// `archived_at` as upstream renders a server-set value: UTC without an offset, millisecond
/// precision (MongoDB stores dates in milliseconds).
fn archived_at_json(now: DateTime<Utc>) -> Value {
    Value::String(Timestamp::from_naive(now.naive_utc()).to_isoformat_string())
}

/// Truncates to milliseconds, the precision upstream keeps for `archived_at`.
pub(crate) fn archive_clock(now: DateTime<Utc>) -> DateTime<Utc> {
    now.trunc_subsecs(3)
}

#[async_trait]
impl EventStore for SqliteStore {
    async fn insert(&self, event: NewEvent) -> Result<InsertOutcome, StoreError> {
        self.send(|reply| WriteOp::Insert(Box::new(event), reply)).await
    }

    async fn get(&self, id: &str) -> Result<Option<StoredDocument>, StoreError> {
        self.readers.get(id.to_owned()).await
    }

    async fn list(&self, query: ListQuery) -> Result<DocumentStream, StoreError> {
        Ok(self.readers.list(query))
    }

    async fn list_archived(
        &self,
        limit: Option<u64>,
        offset: u64,
    ) -> Result<DocumentStream, StoreError> {
        Ok(self.readers.list_archived(limit, offset))
    }

    async fn query(
        &self,
        selector: Selector,
        limit: Option<u64>,
    ) -> Result<DocumentStream, StoreError> {
        Ok(self.readers.query(selector, limit))
    }

    async fn archive_batch(
        &self,
        target: &ArchiveTarget,
        batch_size: u64,
        now: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        let target = target.clone();
        let now = archive_clock(now);
        self.send(|reply| WriteOp::Archive { target, batch_size, now, reply }).await
    }

    async fn purge_archived(&self, cutoff: DateTime<Utc>) -> Result<u64, StoreError> {
        let cutoff_micros = cutoff.timestamp_micros();
        self.send(|reply| WriteOp::Purge { cutoff_micros, reply }).await
    }

    async fn count(&self) -> Result<u64, StoreError> {
        self.readers.count().await
    }

    async fn ping(&self) -> Result<(), StoreError> {
        self.readers.count().await.map(drop)
    }

    async fn close(&self) {
        let writer = self.writer.lock().ok().and_then(|mut slot| slot.take());
        if let Some(writer) = writer {
            // The queue is open, so this only waits for room behind earlier requests.
            let _ = self.queue.send(WriteOp::Shutdown).await;
            let _ = tokio::task::spawn_blocking(move || writer.join()).await;
        }
    }
}
