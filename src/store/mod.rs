//! Event storage behind the [`EventStore`] trait, one module per backend.
//!
//! Every backend stores the document exactly as [`Event`] serializes it (upstream's shape and key
//! order) plus the instants needed to filter and sort by time, and passes the same conformance
//! suite in `tests/`.

pub mod mongo;
pub mod sqlite;

use std::pin::Pin;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use futures_util::Stream;

use crate::model::{Event, NaiveZone};
use crate::query::Selector;

/// A stored document: the id and the JSON text returned to clients.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredDocument {
    pub id: String,
    pub json: String,
}

/// Documents streamed from a store, so large results never sit in memory at once.
pub type DocumentStream = Pin<Box<dyn Stream<Item = Result<StoredDocument, StoreError>> + Send>>;

/// An event ready to be written: its document text and its instants.
#[derive(Clone, Debug)]
pub struct NewEvent {
    pub event: Event,
    pub json: String,
    /// `event_timestamp` as microseconds since the Unix epoch.
    pub timestamp_micros: i64,
    /// `archived_at` as microseconds since the Unix epoch, when the client set it.
    pub archived_at_micros: Option<i64>,
}

impl NewEvent {
    /// Renders the document and resolves naive timestamps in `zone`.
    pub fn new(event: Event, zone: &NaiveZone) -> NewEvent {
        NewEvent {
            json: event.to_json_string(),
            timestamp_micros: event.timestamp.unix_micros(zone),
            archived_at_micros: event.archived_at.map(|at| at.unix_micros(zone)),
            event,
        }
    }
}

/// What happened to an insert.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InsertOutcome {
    /// The event was committed.
    Inserted,
    /// An event with the same id was already stored; this is its document, unchanged.
    Existing(StoredDocument),
}

/// The filter of `GET /events`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    /// Minimum `log_level`.
    pub min_level: i64,
    /// Inclusive bounds on `event_timestamp`, in microseconds since the Unix epoch.
    pub start_micros: Option<i64>,
    pub end_micros: Option<i64>,
    pub include_archived: bool,
    /// `None` returns every match.
    pub limit: Option<u64>,
    pub offset: u64,
}

/// Which events an archive request selects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArchiveTarget {
    /// These ids, when stored and not yet archived.
    Ids(Vec<String>),
    /// Events whose timestamp is strictly before this instant (microseconds since the epoch).
    Before(i64),
}

/// Errors of every backend.
#[derive(Clone, Debug, thiserror::Error)]
pub enum StoreError {
    /// The database cannot be reached or is shutting down; the request may be retried.
    #[error("event store unavailable: {0}")]
    Unavailable(String),
    /// The database cannot hold this input, such as a document key with a NUL character in
    /// MongoDB. Sending it again fails again.
    #[error("{0}")]
    Rejected(String),
    /// Any other database failure.
    #[error("event store failed: {0}")]
    Backend(String),
}

/// The operations the HTTP API needs from a backend.
#[async_trait]
pub trait EventStore: Send + Sync + 'static {
    /// Commits a new event durably, or returns the stored document when the id exists.
    async fn insert(&self, event: NewEvent) -> Result<InsertOutcome, StoreError>;

    /// Fetches one document by id, archived or not.
    async fn get(&self, id: &str) -> Result<Option<StoredDocument>, StoreError>;

    /// Streams events newest first by instant, then skips `offset` and stops after `limit`.
    async fn list(&self, query: ListQuery) -> Result<DocumentStream, StoreError>;

    /// Streams archived events, most recently archived first.
    async fn list_archived(
        &self,
        limit: Option<u64>,
        offset: u64,
    ) -> Result<DocumentStream, StoreError>;

    /// Streams the documents matching a raw selector in insertion order, archived included.
    async fn query(
        &self,
        selector: Selector,
        limit: Option<u64>,
    ) -> Result<DocumentStream, StoreError>;

    /// Archives at most `batch_size` not-yet-archived events of `target`, stamping `archived_at`
    /// with `now`; returns how many changed. Callers loop until it returns 0.
    async fn archive_batch(
        &self,
        target: &ArchiveTarget,
        batch_size: u64,
        now: DateTime<Utc>,
    ) -> Result<u64, StoreError>;

    /// Deletes archived events whose `archived_at` is before `cutoff`; returns how many.
    async fn purge_archived(&self, cutoff: DateTime<Utc>) -> Result<u64, StoreError>;

    /// Counts all documents, archived included.
    async fn count(&self) -> Result<u64, StoreError>;

    /// Checks that the database responds.
    async fn ping(&self) -> Result<(), StoreError>;

    /// Finishes pending writes and releases the database. Later calls fail as unavailable.
    async fn close(&self);
}
