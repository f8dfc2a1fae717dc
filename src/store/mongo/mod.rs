//! The MongoDB backend, through the official driver, on the database upstream uses.
//!
//! Documents keep upstream's shape ([`documents`]), so an upstream 0.8.1 server and this one
//! can share a database. Start-up checks the schema version and creates the indexes
//! ([`schema`]). Inserts are batched ([`writer`]). Raw selectors are converted to BSON
//! ([`selector`]). Documents written by upstream get their instant before time queries
//! ([`instants`]).
//!
//! Every driver call runs on a task of its own, and the caller waits at most
//! [`OPERATION_TIMEOUT`] for it. A request that times out or a client that hangs up therefore
//! never drops a driver future mid-flight, and an unreachable database gives a prompt
//! [`StoreError::Unavailable`].

mod connect;
mod documents;
mod instants;
mod schema;
mod selector;
mod writer;

use std::future::Future;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;
use mongodb::bson::{Bson, Document, doc};
use mongodb::error::ErrorKind;
use mongodb::options::{FindOptions, Hint};
use mongodb::{Client, Collection, Database};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use self::documents::{INSTANT_FIELD, bson_date, event_document, stored_document};
use self::writer::{Message, Pending};
use super::{
    ArchiveTarget, DocumentStream, EventStore, InsertOutcome, ListQuery, NewEvent, StoreError,
    StoredDocument,
};
use crate::config::Secret;
use crate::model::{NaiveZone, Timestamp};
use crate::query::Selector;

pub use self::connect::OpenError;
pub use self::documents::DocumentError;
pub use self::schema::{SchemaError, VERSIONS_COLLECTION};
pub use self::selector::SelectorError;

/// Maximum wait for one driver call before the store reports the database unavailable.
pub const OPERATION_TIMEOUT: Duration = Duration::from_secs(10);

/// Maximum wait for the next document of a listing. It is longer than [`OPERATION_TIMEOUT`]
/// because a large sort may take that long on a slow server. A database that is down fails
/// sooner, when the driver finds no server.
const READ_TIMEOUT: Duration = Duration::from_secs(60);

/// Documents buffered between a cursor and the response.
const STREAM_BUFFER: usize = 256;

/// Connection settings of [`MongoStore::open`].
#[derive(Clone, Debug)]
pub struct MongoConfig {
    /// `mongodb://…` or `mongodb+srv://…`, possibly with credentials.
    pub url: Secret,
    pub database: String,
    pub collection: String,
    /// The zone in which timestamps without an offset are read.
    pub zone: NaiveZone,
    /// With retention on: how long archived events live before the TTL index deletes them.
    pub hard_delete_after: Option<Duration>,
}

/// The MongoDB event store.
pub struct MongoStore {
    client: Client,
    database: Database,
    events: Collection<Document>,
    zone: NaiveZone,
    queue: mpsc::Sender<Message>,
    writer: Mutex<Option<JoinHandle<()>>>,
    closed: AtomicBool,
}

impl std::fmt::Debug for MongoStore {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("MongoStore")
            .field("database", &self.database.name())
            .field("collection", &self.events.name())
            .finish_non_exhaustive()
    }
}

impl MongoStore {
    /// Connects, checks the schema version (initialising a new database), creates the indexes
    /// and sets the instants that documents written by upstream lack.
    pub async fn open(config: MongoConfig) -> Result<MongoStore, OpenError> {
        connect::check_name("database", &config.database, connect::database_name_problem)?;
        connect::check_name("collection", &config.collection, connect::collection_name_problem)?;
        let client = connect::connect(&config.url).await?;
        let database = client.database(&config.database);
        connect::ping(&database, &config.url).await?;
        let hint = schema::migrate_hint(config.url.expose(), &config.database);
        schema::check_version(&database, &hint).await?;
        let events = database.collection::<Document>(&config.collection);
        schema::ensure_indexes(&events, config.hard_delete_after).await;
        let filled = instants::fill_missing(&database, &events, &config.zone).await;
        let filled = filled.map_err(|error| OpenError::Instants {
            collection: config.collection.clone(),
            cause: error.to_string(),
        })?;
        if filled > 0 {
            tracing::info!(count = filled, "set the instants of events written without them");
        }
        let (queue, writer) = writer::spawn(events.clone());
        Ok(MongoStore {
            client,
            database,
            events,
            zone: config.zone,
            queue,
            writer: Mutex::new(Some(writer)),
            closed: AtomicBool::new(false),
        })
    }

    /// Runs a driver call on its own task and waits at most [`OPERATION_TIMEOUT`] for it.
    async fn run<T, F>(&self, call: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: Future<Output = mongodb::error::Result<T>> + Send + 'static,
    {
        if self.closed.load(Ordering::Acquire) {
            return Err(closed());
        }
        let task = tokio::spawn(call);
        match tokio::time::timeout(OPERATION_TIMEOUT, task).await {
            Ok(Ok(Ok(value))) => Ok(value),
            Ok(Ok(Err(error))) => Err(store_error(&error)),
            Ok(Err(join_error)) => {
                Err(StoreError::Backend(format!("database task failed: {join_error}")))
            }
            Err(_) => Err(timed_out()),
        }
    }

    /// Sets missing instants before a read that filters or sorts by time.
    async fn fill_instants(&self) -> Result<(), StoreError> {
        let events = self.events.clone();
        if !self.run(async move { instants::any_missing(&events).await }).await? {
            return Ok(());
        }
        let (database, events, zone) =
            (self.database.clone(), self.events.clone(), self.zone.clone());
        let filled =
            self.run(async move { instants::fill_missing(&database, &events, &zone).await });
        let count = filled.await?;
        tracing::debug!(count, "set the instants of events written without them");
        Ok(())
    }

    /// Streams the documents of a `find`, read on a task of its own.
    fn stream(&self, filter: Document, options: FindOptions) -> DocumentStream {
        let (sender, receiver) = mpsc::channel(STREAM_BUFFER);
        let events = self.events.clone();
        tokio::spawn(async move {
            if let Err(error) = feed(&events, filter, options, &sender).await {
                let _ = sender.send(Err(store_error(&error))).await;
            }
        });
        receive_with_timeout(receiver)
    }
}

/// Sends the documents of a `find` into `sender` until the cursor ends or the receiver is gone.
/// The cursor is dropped between calls, never during one.
async fn feed(
    events: &Collection<Document>,
    filter: Document,
    options: FindOptions,
    sender: &mpsc::Sender<Result<StoredDocument, StoreError>>,
) -> mongodb::error::Result<()> {
    let mut cursor = events.find(filter).with_options(options).await?;
    while let Some(document) = cursor.try_next().await? {
        if sender.send(Ok(stored_document(document))).await.is_err() {
            break;
        }
    }
    Ok(())
}

/// Turns a receiver into a stream that ends with [`StoreError::Unavailable`] when no document
/// arrives within [`READ_TIMEOUT`].
fn receive_with_timeout(
    receiver: mpsc::Receiver<Result<StoredDocument, StoreError>>,
) -> DocumentStream {
    let stream = futures_util::stream::unfold(Some(receiver), |receiver| async move {
        let mut receiver = receiver?;
        match tokio::time::timeout(READ_TIMEOUT, receiver.recv()).await {
            Ok(Some(item)) => Some((item, Some(receiver))),
            Ok(None) => None,
            Err(_) => {
                let reason = format!("no document from MongoDB within {READ_TIMEOUT:?}");
                Some((Err(StoreError::Unavailable(reason)), None))
            }
        }
    });
    Box::pin(stream)
}

/// Maps a driver error: an unreachable server or a server shutting down or stepping down is
/// [`StoreError::Unavailable`], anything else [`StoreError::Backend`].
pub(super) fn store_error(error: &mongodb::error::Error) -> StoreError {
    /// Codes of a server that is shutting down, stepping down or not reachable.
    const STATE_CHANGE_CODES: [i32; 11] =
        [6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435];
    let unreachable = matches!(
        error.kind.as_ref(),
        ErrorKind::Io(_)
            | ErrorKind::ConnectionPoolCleared { .. }
            | ErrorKind::ServerSelection { .. }
            | ErrorKind::DnsResolve { .. }
            | ErrorKind::Shutdown
    );
    let state_change = match error.kind.as_ref() {
        ErrorKind::Command(command) => STATE_CHANGE_CODES.contains(&command.code),
        _ => false,
    };
    if unreachable || state_change || error.contains_label("RetryableWriteError") {
        StoreError::Unavailable(error.to_string())
    } else {
        StoreError::Backend(error.to_string())
    }
}

fn closed() -> StoreError {
    StoreError::Unavailable("the database connection is closed".into())
}

fn timed_out() -> StoreError {
    StoreError::Unavailable(format!("no reply from MongoDB within {OPERATION_TIMEOUT:?}"))
}

fn find_options(sort: Document, limit: Option<u64>, offset: u64) -> FindOptions {
    let mut options = FindOptions::default();
    options.sort = Some(sort);
    options.skip = (offset > 0).then_some(offset);
    options.limit = limit.map(|limit| i64::try_from(limit).unwrap_or(i64::MAX));
    options
}

#[async_trait]
impl EventStore for MongoStore {
    async fn insert(&self, event: NewEvent) -> Result<InsertOutcome, StoreError> {
        let document =
            event_document(&event).map_err(|error| StoreError::Rejected(error.to_string()))?;
        if self.closed.load(Ordering::Acquire) {
            return Err(closed());
        }
        let (reply, answer) = tokio::sync::oneshot::channel();
        let pending = Pending { id: event.event.id, document, reply };
        let queued = self.queue.send(Message::Insert(pending));
        match tokio::time::timeout(OPERATION_TIMEOUT, queued).await {
            Ok(Ok(())) => {}
            Ok(Err(_)) => return Err(closed()),
            Err(_) => return Err(timed_out()),
        }
        match tokio::time::timeout(OPERATION_TIMEOUT, answer).await {
            Ok(Ok(outcome)) => outcome,
            Ok(Err(_)) => Err(closed()),
            Err(_) => Err(timed_out()),
        }
    }

    async fn get(&self, id: &str) -> Result<Option<StoredDocument>, StoreError> {
        let (events, id) = (self.events.clone(), id.to_owned());
        let found = self.run(async move { events.find_one(doc! {"_id": id}).await }).await?;
        Ok(found.map(stored_document))
    }

    async fn list(&self, query: ListQuery) -> Result<DocumentStream, StoreError> {
        self.fill_instants().await?;
        let mut filter = doc! {"log_level": {"$gte": query.min_level}};
        if !query.include_archived {
            filter.insert("archived", doc! {"$ne": true});
        }
        let mut range = Document::new();
        if let Some(start) = query.start_micros {
            range.insert("$gte", start);
        }
        if let Some(end) = query.end_micros {
            range.insert("$lte", end);
        }
        if !range.is_empty() {
            filter.insert(INSTANT_FIELD, range);
        }
        let sort = doc! {INSTANT_FIELD: -1, "_id": -1};
        Ok(self.stream(filter, find_options(sort, query.limit, query.offset)))
    }

    async fn list_archived(
        &self,
        limit: Option<u64>,
        offset: u64,
    ) -> Result<DocumentStream, StoreError> {
        let sort = doc! {"archived_at": -1, "_id": -1};
        Ok(self.stream(doc! {"archived": true}, find_options(sort, limit, offset)))
    }

    async fn query(
        &self,
        selector: Selector,
        limit: Option<u64>,
    ) -> Result<DocumentStream, StoreError> {
        let filter = selector::to_filter(selector.as_json())
            .map_err(|error| StoreError::Rejected(format!("invalid selector: {error}")))?;
        if filter.uses_instant {
            self.fill_instants().await?;
        }
        // Natural order is insertion order, which the embedded store returns too. It makes
        // MongoDB scan the collection even when an index could serve the filter.
        // NOTE: on a large collection a selective raw query is slower than upstream's, which
        // lets the planner pick an index and returns documents in that index's order.
        let mut options = FindOptions::default();
        options.hint = Some(Hint::Keys(doc! {"$natural": 1}));
        options.limit = limit.map(|limit| i64::try_from(limit).unwrap_or(i64::MAX));
        Ok(self.stream(filter.document, options))
    }

    async fn archive_batch(
        &self,
        target: &ArchiveTarget,
        batch_size: u64,
        now: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        let ids = match target {
            ArchiveTarget::Ids(ids) => {
                let count = usize::try_from(batch_size).unwrap_or(usize::MAX);
                ids.iter().take(count).map(|id| Bson::String(id.clone())).collect()
            }
            ArchiveTarget::Before(micros) => self.ids_before(*micros, batch_size).await?,
        };
        if ids.is_empty() {
            return Ok(0);
        }
        let events = self.events.clone();
        let filter = doc! {"_id": {"$in": ids}, "archived": {"$ne": true}};
        let update = doc! {"$set": {"archived": true, "archived_at": bson_date(now)}};
        let result = self.run(async move { events.update_many(filter, update).await }).await?;
        Ok(result.modified_count)
    }

    async fn purge_archived(&self, cutoff: DateTime<Utc>) -> Result<u64, StoreError> {
        let events = self.events.clone();
        let filter = doc! {"archived": true, "archived_at": {"$lt": bson_date(cutoff)}};
        let dated = self.run(async move { events.delete_many(filter).await }).await?;
        let written = self.purge_written_archive_times(cutoff).await?;
        Ok(dated.deleted_count + written)
    }

    /// Counts with `estimatedDocumentCount`, which reads collection metadata instead of
    /// scanning, so `GET /health` stays fast on a large collection.
    async fn count(&self) -> Result<u64, StoreError> {
        let events = self.events.clone();
        self.run(async move { events.estimated_document_count().await }).await
    }

    async fn ping(&self) -> Result<(), StoreError> {
        let database = self.database.clone();
        self.run(async move { database.run_command(doc! {"ping": 1}).await.map(drop) }).await
    }

    async fn close(&self) {
        let writer = self.writer.lock().ok().and_then(|mut slot| slot.take());
        let Some(writer) = writer else { return };
        let _ = self.queue.send(Message::Shutdown).await;
        let _ = writer.await;
        self.closed.store(true, Ordering::Release);
        let client = self.client.clone();
        let shutdown = tokio::spawn(async move { client.shutdown().immediate(true).await });
        let _ = tokio::time::timeout(OPERATION_TIMEOUT, shutdown).await;
    }
}

impl MongoStore {
    /// Finds the ids of at most `batch_size` unarchived events before `micros`, oldest first.
    async fn ids_before(&self, micros: i64, batch_size: u64) -> Result<Vec<Bson>, StoreError> {
        self.fill_instants().await?;
        let events = self.events.clone();
        let filter = doc! {"archived": {"$ne": true}, INSTANT_FIELD: {"$lt": micros}};
        let mut options = find_options(doc! {INSTANT_FIELD: 1}, Some(batch_size), 0);
        options.projection = Some(doc! {"_id": 1});
        let found = self.run(async move {
            let cursor = events.find(filter).with_options(options).await?;
            cursor.try_collect::<Vec<Document>>().await
        });
        let documents = found.await?;
        Ok(documents.into_iter().filter_map(|mut document| document.remove("_id")).collect())
    }

    /// Deletes archived events whose `archived_at` is a string the client wrote (upstream
    /// stores those as written) and whose instant is before `cutoff`.
    async fn purge_written_archive_times(&self, cutoff: DateTime<Utc>) -> Result<u64, StoreError> {
        let events = self.events.clone();
        let filter = doc! {"archived": true, "archived_at": {"$type": "string"}};
        let projection = doc! {"archived_at": 1};
        let found = self.run(async move {
            let cursor = events.find(filter).projection(projection).await?;
            cursor.try_collect::<Vec<Document>>().await
        });
        let zone = self.zone.clone();
        let expired: Vec<Bson> = found
            .await?
            .into_iter()
            .filter(|document| {
                let text = document.get_str("archived_at").unwrap_or_default();
                Timestamp::parse(text).is_ok_and(|at| at.instant(&zone) < cutoff)
            })
            .filter_map(|mut document| document.remove("_id"))
            .collect();
        if expired.is_empty() {
            return Ok(0);
        }
        let events = self.events.clone();
        let filter = doc! {"_id": {"$in": expired}, "archived": true};
        let deleted = self.run(async move { events.delete_many(filter).await }).await?;
        Ok(deleted.deleted_count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_debug_hides_the_password() {
        let config = MongoConfig {
            url: Secret::new("mongodb://lab:hunter2@db:27017/"),
            database: "madsci_events".into(),
            collection: "events".into(),
            zone: NaiveZone::Utc,
            hard_delete_after: None,
        };
        let debug = format!("{config:?}");
        assert!(!debug.contains("hunter2"), "{debug}");
        assert!(debug.contains("mongodb://lab:***@db:27017/"), "{debug}");
    }
}
