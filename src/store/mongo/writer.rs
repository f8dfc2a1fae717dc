//! Batched inserts: concurrent `POST /event` requests share unordered `insert_many` calls.
//!
//! One task takes every insert waiting in the queue (up to [`MAX_BATCH`]) and writes them with
//! one unordered `insert_many` on a task of its own, so up to [`MAX_IN_FLIGHT`] batches are in
//! flight at once. With one client each event is still written and acknowledged on its own.
//! An unordered write reports a duplicate id per document and still inserts the other
//! documents of the batch. Each driver call runs to completion on its task, even when the
//! request that queued the event has given up.

use std::collections::HashMap;
use std::sync::Arc;

use futures_util::TryStreamExt;
use mongodb::Collection;
use mongodb::bson::{Document, doc};
use mongodb::error::{ErrorKind, IndexedWriteError};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc, oneshot};
use tokio::task::JoinHandle;

use super::documents::stored_document;
use super::store_error;
use crate::store::{InsertOutcome, StoreError, StoredDocument};

/// Maximum number of events in one `insert_many`.
const MAX_BATCH: usize = 512;

/// Batches written at the same time.
const MAX_IN_FLIGHT: usize = 4;

/// Inserts allowed to wait in the queue before senders wait too.
const QUEUE_CAPACITY: usize = 8192;

/// MongoDB's error code for a duplicate key.
const DUPLICATE_KEY: i32 = 11000;

type Reply = oneshot::Sender<Result<InsertOutcome, StoreError>>;

/// An event waiting to be written.
pub(super) struct Pending {
    pub(super) id: String,
    pub(super) document: Document,
    pub(super) reply: Reply,
}

/// A request to the writer task.
pub(super) enum Message {
    Insert(Pending),
    /// Writes what was queued before it, waits for the batches in flight, then stops.
    Shutdown,
}

/// Starts the writer task; returns its queue and its handle.
pub(super) fn spawn(events: Collection<Document>) -> (mpsc::Sender<Message>, JoinHandle<()>) {
    let (queue, receiver) = mpsc::channel(QUEUE_CAPACITY);
    (queue, tokio::spawn(run(events, receiver)))
}

async fn run(events: Collection<Document>, mut receiver: mpsc::Receiver<Message>) {
    let slots = Arc::new(Semaphore::new(MAX_IN_FLIGHT));
    let mut stopping = false;
    while !stopping {
        let Some(Message::Insert(first)) = receiver.recv().await else { break };
        // Waiting for a free slot lets more inserts queue up for this batch.
        let Ok(permit) = Arc::clone(&slots).acquire_owned().await else { break };
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match receiver.try_recv() {
                Ok(Message::Insert(pending)) => batch.push(pending),
                Ok(Message::Shutdown) => {
                    stopping = true;
                    break;
                }
                Err(_) => break,
            }
        }
        tokio::spawn(write_batch(events.clone(), batch, permit));
    }
    // Inserts queued after the shutdown get no reply, which their senders see as unavailable.
    receiver.close();
    let _ = slots.acquire_many(MAX_IN_FLIGHT as u32).await;
    tracing::debug!("mongodb writer stopped");
}

async fn write_batch(
    events: Collection<Document>,
    batch: Vec<Pending>,
    _slot: OwnedSemaphorePermit,
) {
    let result =
        events.insert_many(batch.iter().map(|pending| &pending.document)).ordered(false).await;
    let Err(error) = result else {
        for pending in batch {
            let _ = pending.reply.send(Ok(InsertOutcome::Inserted));
        }
        return;
    };
    let ErrorKind::InsertMany(failure) = error.kind.as_ref() else {
        let error = store_error(&error);
        for pending in batch {
            let _ = pending.reply.send(Err(error.clone()));
        }
        return;
    };
    let errors: HashMap<usize, &IndexedWriteError> =
        failure.write_errors.iter().flatten().map(|error| (error.index, error)).collect();
    if let Some(concern) = &failure.write_concern_error {
        tracing::warn!(code = concern.code, message = %concern.message, "write concern failed");
    }
    let unconfirmed = failure.write_concern_error.is_some();
    answer_batch(&events, batch, &errors, unconfirmed).await;
}

/// Replies to each event of a batch that failed in part. New events are inserted, unless the
/// write concern failed, because then they may not be durable. Duplicates get the stored
/// document, and any other per-document error is a rejection.
async fn answer_batch(
    events: &Collection<Document>,
    batch: Vec<Pending>,
    errors: &HashMap<usize, &IndexedWriteError>,
    unconfirmed: bool,
) {
    let duplicates: Vec<&str> = batch
        .iter()
        .enumerate()
        .filter(|(index, _)| errors.get(index).is_some_and(|e| e.code == DUPLICATE_KEY))
        .map(|(_, pending)| pending.id.as_str())
        .collect();
    let stored = match duplicates.is_empty() {
        true => Ok(HashMap::new()),
        false => find_stored(events, &duplicates).await,
    };
    for (index, pending) in batch.into_iter().enumerate() {
        let outcome = match errors.get(&index) {
            None if unconfirmed => Err(StoreError::Unavailable("the write concern failed".into())),
            None => Ok(InsertOutcome::Inserted),
            Some(error) if error.code == DUPLICATE_KEY => existing(&stored, &pending.id),
            Some(error) => Err(rejected(&pending.id, error)),
        };
        let _ = pending.reply.send(outcome);
    }
}

/// Fetches the stored documents of `ids`, keyed by id.
async fn find_stored(
    events: &Collection<Document>,
    ids: &[&str],
) -> Result<HashMap<String, StoredDocument>, StoreError> {
    let cursor = events.find(doc! {"_id": {"$in": ids}}).await.map_err(|e| store_error(&e))?;
    let documents: Vec<Document> = cursor.try_collect().await.map_err(|e| store_error(&e))?;
    let stored = documents.into_iter().map(stored_document);
    Ok(stored.map(|document| (document.id.clone(), document)).collect())
}

fn existing(
    stored: &Result<HashMap<String, StoredDocument>, StoreError>,
    id: &str,
) -> Result<InsertOutcome, StoreError> {
    match stored {
        Ok(found) => match found.get(id) {
            Some(document) => Ok(InsertOutcome::Existing(document.clone())),
            // Deleted between the insert and the lookup: the client may send it again.
            None => Err(StoreError::Unavailable(format!("event `{id}` changed during the write"))),
        },
        Err(error) => Err(error.clone()),
    }
}

fn rejected(id: &str, error: &IndexedWriteError) -> StoreError {
    let (code, message) = (error.code, &error.message);
    tracing::warn!(id, code, %message, "the database rejected an event");
    StoreError::Rejected(format!(
        "the database rejected event `{id}` with error code {code}: the server log has the \
         reason; change the event before sending it again"
    ))
}
