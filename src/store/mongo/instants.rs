//! Instants for documents written without one.
//!
//! Upstream servers sharing the database write events without [`INSTANT_FIELD`]. Before every
//! read that filters or sorts by time, the store looks for such documents through the listing
//! index (one indexed probe when there are none) and sets the field from `event_timestamp`.
//! Upstream ignores the extra field, so both servers keep working on the same documents.

use futures_util::TryStreamExt;
use mongodb::bson::{Bson, Document, doc};
use mongodb::{Collection, Database};

use super::documents::{INSTANT_FIELD, instant_of};
use crate::model::NaiveZone;

/// Documents updated per `update` command.
const FILL_BATCH: i64 = 1000;

/// Reports whether any document lacks [`INSTANT_FIELD`]. Equality with `null` uses the index
/// on the field, where `$exists: false` may scan the collection.
pub(super) async fn any_missing(events: &Collection<Document>) -> mongodb::error::Result<bool> {
    let probe = events.find_one(doc! {INSTANT_FIELD: Bson::Null}).projection(doc! {"_id": 1});
    Ok(probe.await?.is_some())
}

/// Sets [`INSTANT_FIELD`] on every document that lacks it; returns how many were set.
pub(super) async fn fill_missing(
    database: &Database,
    events: &Collection<Document>,
    zone: &NaiveZone,
) -> mongodb::error::Result<u64> {
    let mut filled = 0;
    loop {
        let missing = events
            .find(doc! {INSTANT_FIELD: Bson::Null})
            .projection(doc! {"event_timestamp": 1})
            .limit(FILL_BATCH)
            .await?;
        let batch: Vec<Document> = missing.try_collect().await?;
        if batch.is_empty() {
            return Ok(filled);
        }
        let modified = set_instants(database, events.name(), &batch, zone).await?;
        if modified == 0 {
            // Nothing changed although documents lack the field: stop rather than loop.
            tracing::warn!(count = batch.len(), "failed to set the instant of events");
            return Ok(filled);
        }
        filled += modified;
    }
}

/// Sets the instants of `batch` with one `update` command of one statement per document. The
/// statements match only documents still without the field, so a concurrent fill is harmless.
async fn set_instants(
    database: &Database,
    collection: &str,
    batch: &[Document],
    zone: &NaiveZone,
) -> mongodb::error::Result<u64> {
    let updates: Vec<Document> = batch
        .iter()
        .map(|document| {
            let instant = instant_of(document.get("event_timestamp"), zone);
            let id = document.get("_id").cloned().unwrap_or(Bson::Null);
            doc! {
                "q": {"_id": id, INSTANT_FIELD: Bson::Null},
                "u": {"$set": {INSTANT_FIELD: instant}},
            }
        })
        .collect();
    let command = doc! {"update": collection, "updates": updates, "ordered": false};
    let reply = database.run_command(command).await?;
    let modified = match reply.get("nModified") {
        Some(Bson::Int32(count)) => i64::from(*count),
        Some(Bson::Int64(count)) => *count,
        _ => 0,
    };
    Ok(u64::try_from(modified).unwrap_or_default())
}
