//! The `EventStore` contract, checked in process against every backend.

use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use futures_util::StreamExt;
use madsci_events::model::{Event, NaiveZone};
use madsci_events::query::Selector;
use madsci_events::store::{
    ArchiveTarget, DocumentStream, EventStore, InsertOutcome, ListQuery, NewEvent, StoreError,
};
use serde_json::{Value, json};

/// Builds a new event from its wire form, reading naive timestamps as UTC.
fn new_event(wire: Value) -> NewEvent {
    let event = Event::from_json(wire.clone())
        .unwrap_or_else(|errors| panic!("invalid test event {wire}: {errors:?}"));
    NewEvent::new(event, &NaiveZone::Utc)
}

/// Builds an event with an id, a timestamp and a level.
fn event_at(id: &str, timestamp: &str, level: i64) -> NewEvent {
    new_event(json!({"_id": id, "event_timestamp": timestamp, "log_level": level}))
}

/// Inserts an event and fails unless it is new.
async fn insert(store: &Arc<dyn EventStore>, event: NewEvent) {
    let id = event.event.id.clone();
    let outcome = store
        .insert(event)
        .await
        .unwrap_or_else(|error| panic!("insert {id}: {error}"));
    assert_eq!(
        outcome,
        InsertOutcome::Inserted,
        "outcome of inserting `{id}`"
    );
}

/// Inserts `a`, `b`, `c` and `d` at 08:00Z, 08:10 (written +02:00), 08:20Z and 08:30 (naive),
/// with levels 20, 30, 40 and 50.
async fn insert_four(store: &Arc<dyn EventStore>) {
    insert(store, event_at("a", "2026-01-01T08:00:00Z", 20)).await;
    insert(store, event_at("b", "2026-01-01T10:10:00+02:00", 30)).await;
    insert(store, event_at("c", "2026-01-01T08:20:00Z", 40)).await;
    insert(store, event_at("d", "2026-01-01T08:30:00", 50)).await;
}

/// Collects a stream's ids in order, failing on a stream error.
async fn ids(stream: DocumentStream) -> Vec<String> {
    let documents: Vec<_> = stream.collect().await;
    documents
        .into_iter()
        .map(|document| document.expect("stream item").id)
        .collect()
}

async fn listed(store: &Arc<dyn EventStore>, query: ListQuery) -> Vec<String> {
    ids(store.list(query).await.expect("list")).await
}

fn utc(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, hour, minute, 0)
        .single()
        .expect("valid time")
}

fn micros(hour: u32, minute: u32) -> i64 {
    utc(hour, minute).timestamp_micros()
}

fn all_events() -> ListQuery {
    ListQuery {
        include_archived: true,
        ..ListQuery::default()
    }
}

async fn insert_then_get(store: Arc<dyn EventStore>) {
    let event = new_event(json!({"_id": "x", "event_data": {"k": [1, 2]}, "log_level": "error"}));
    let json = event.json.clone();
    insert(&store, event).await;
    let document = store.get("x").await.expect("get").expect("stored document");
    assert_eq!(document.id, "x", "id of the stored document");
    assert_eq!(document.json, json, "text of the stored document");
}

async fn get_missing_is_none(store: Arc<dyn EventStore>) {
    let document = store.get("missing").await.expect("get");
    assert_eq!(document, None, "document for an unknown id");
}

async fn duplicate_returns_existing(store: Arc<dyn EventStore>) {
    let original = new_event(json!({"_id": "x", "event_data": "first"}));
    let original_json = original.json.clone();
    insert(&store, original).await;
    let outcome = store
        .insert(new_event(json!({"_id": "x", "event_data": "second"})))
        .await;
    let Ok(InsertOutcome::Existing(document)) = outcome else {
        panic!("second insert of `x` returned {outcome:?}");
    };
    assert_eq!(
        document.json, original_json,
        "document returned for the duplicate"
    );
}

async fn duplicate_keeps_original(store: Arc<dyn EventStore>) {
    let original = new_event(json!({"_id": "x", "event_data": "first"}));
    let original_json = original.json.clone();
    insert(&store, original).await;
    let _ = store
        .insert(new_event(json!({"_id": "x", "event_data": "second"})))
        .await;
    let stored = store.get("x").await.expect("get").expect("stored document");
    assert_eq!(
        stored.json, original_json,
        "stored document after a duplicate insert"
    );
    assert_eq!(
        store.count().await.expect("count"),
        1,
        "documents after a duplicate insert"
    );
}

async fn list_newest_instant_first(store: Arc<dyn EventStore>) {
    insert_four(&store).await;
    let order = listed(&store, ListQuery::default()).await;
    assert_eq!(order, ["d", "c", "b", "a"], "list order by instant");
}

async fn list_level_filter(store: Arc<dyn EventStore>) {
    insert_four(&store).await;
    let query = ListQuery {
        min_level: 40,
        ..ListQuery::default()
    };
    assert_eq!(
        listed(&store, query).await,
        ["d", "c"],
        "list with min_level 40"
    );
}

async fn list_time_bounds(store: Arc<dyn EventStore>) {
    insert_four(&store).await;
    let query = ListQuery {
        start_micros: Some(micros(8, 10)),
        end_micros: Some(micros(8, 20)),
        ..ListQuery::default()
    };
    assert_eq!(
        listed(&store, query).await,
        ["c", "b"],
        "list between 08:10 and 08:20 inclusive"
    );
}

async fn list_limit_offset(store: Arc<dyn EventStore>) {
    insert_four(&store).await;
    let query = ListQuery {
        limit: Some(2),
        offset: 1,
        ..ListQuery::default()
    };
    assert_eq!(
        listed(&store, query).await,
        ["c", "b"],
        "list with limit 2 and offset 1"
    );
}

async fn list_hides_archived(store: Arc<dyn EventStore>) {
    insert_four(&store).await;
    let target = ArchiveTarget::Ids(vec!["b".into()]);
    store
        .archive_batch(&target, 10, utc(9, 0))
        .await
        .expect("archive");
    assert_eq!(
        listed(&store, ListQuery::default()).await,
        ["d", "c", "a"],
        "live events"
    );
    assert_eq!(
        listed(&store, all_events()).await,
        ["d", "c", "b", "a"],
        "all events"
    );
}

async fn archive_by_ids(store: Arc<dyn EventStore>) {
    insert_four(&store).await;
    let target = ArchiveTarget::Ids(vec!["a".into(), "c".into(), "missing".into()]);
    let changed = store
        .archive_batch(&target, 10, utc(9, 0))
        .await
        .expect("archive");
    assert_eq!(changed, 2, "events archived by id");
    let again = store
        .archive_batch(&target, 10, utc(9, 5))
        .await
        .expect("archive again");
    assert_eq!(again, 0, "events archived by id a second time");
}

async fn archive_batch_size_caps(store: Arc<dyn EventStore>) {
    insert_four(&store).await;
    let target = ArchiveTarget::Ids(vec!["a".into(), "b".into(), "c".into(), "d".into()]);
    let changed = store
        .archive_batch(&target, 2, utc(9, 0))
        .await
        .expect("archive");
    assert_eq!(changed, 2, "events archived with batch size 2");
}

async fn archive_before_instant(store: Arc<dyn EventStore>) {
    insert_four(&store).await;
    let target = ArchiveTarget::Before(micros(8, 20));
    let changed = store
        .archive_batch(&target, 10, utc(9, 0))
        .await
        .expect("archive");
    assert_eq!(changed, 2, "events strictly before 08:20Z");
    assert_eq!(
        listed(&store, ListQuery::default()).await,
        ["d", "c"],
        "live events"
    );
}

async fn archive_sets_fields(store: Arc<dyn EventStore>) {
    insert_four(&store).await;
    let now = utc(9, 0) + chrono::Duration::milliseconds(123);
    store
        .archive_batch(&ArchiveTarget::Ids(vec!["a".into()]), 10, now)
        .await
        .expect("archive");
    let document = store.get("a").await.expect("get").expect("stored document");
    let value: Value = serde_json::from_str(&document.json).expect("document is JSON");
    assert_eq!(value["archived"], true, "archived in {value}");
    assert_eq!(
        value["archived_at"], "2026-01-01T09:00:00.123000",
        "archived_at in {value}"
    );
}

async fn list_archived_newest_first(store: Arc<dyn EventStore>) {
    insert_four(&store).await;
    for (id, minute) in [("c", 0), ("a", 10), ("d", 5)] {
        let target = ArchiveTarget::Ids(vec![id.into()]);
        store
            .archive_batch(&target, 10, utc(9, minute))
            .await
            .expect("archive");
    }
    let order = ids(store.list_archived(None, 0).await.expect("list archived")).await;
    assert_eq!(
        order,
        ["a", "d", "c"],
        "archived events, most recently archived first"
    );
    let page = ids(store
        .list_archived(Some(1), 1)
        .await
        .expect("list archived"))
    .await;
    assert_eq!(page, ["d"], "archived events with limit 1 and offset 1");
}

async fn purge_before_cutoff(store: Arc<dyn EventStore>) {
    insert_four(&store).await;
    store
        .archive_batch(&ArchiveTarget::Ids(vec!["a".into()]), 10, utc(9, 0))
        .await
        .expect("a");
    store
        .archive_batch(&ArchiveTarget::Ids(vec!["b".into()]), 10, utc(10, 0))
        .await
        .expect("b");
    let deleted = store.purge_archived(utc(9, 30)).await.expect("purge");
    assert_eq!(deleted, 1, "events archived before 09:30");
    assert_eq!(store.get("a").await.expect("get"), None, "purged event `a`");
    assert!(
        store.get("b").await.expect("get").is_some(),
        "event `b` archived at 10:00 is gone"
    );
    assert_eq!(
        store.count().await.expect("count"),
        3,
        "documents after the purge"
    );
}

async fn purge_keeps_live(store: Arc<dyn EventStore>) {
    insert_four(&store).await;
    let deleted = store.purge_archived(utc(23, 0)).await.expect("purge");
    assert_eq!(deleted, 0, "live events purged");
}

async fn count_includes_archived(store: Arc<dyn EventStore>) {
    insert_four(&store).await;
    store
        .archive_batch(&ArchiveTarget::Ids(vec!["a".into()]), 10, utc(9, 0))
        .await
        .expect("a");
    assert_eq!(
        store.count().await.expect("count"),
        4,
        "documents, archived included"
    );
}

async fn query_with_selector(store: Arc<dyn EventStore>) {
    insert_four(&store).await;
    let selector = Selector::parse(&json!({"log_level": {"$in": [20, 40]}})).expect("selector");
    let matched = ids(store.query(selector, None).await.expect("query")).await;
    assert_eq!(matched, ["a", "c"], "ids matched in insertion order");
}

async fn query_limit(store: Arc<dyn EventStore>) {
    insert_four(&store).await;
    let selector = Selector::parse(&json!({})).expect("selector");
    let matched = ids(store.query(selector, Some(3)).await.expect("query")).await;
    assert_eq!(
        matched,
        ["a", "b", "c"],
        "first three ids in insertion order"
    );
}

async fn query_includes_archived(store: Arc<dyn EventStore>) {
    insert_four(&store).await;
    store
        .archive_batch(&ArchiveTarget::Ids(vec!["a".into()]), 10, utc(9, 0))
        .await
        .expect("a");
    let selector = Selector::parse(&json!({"log_level": 20})).expect("selector");
    let matched = ids(store.query(selector, None).await.expect("query")).await;
    assert_eq!(matched, ["a"], "archived events matched by a query");
}

async fn query_date_reads_offsets(store: Arc<dyn EventStore>) {
    insert_four(&store).await;
    let filter = json!({"event_timestamp": {"$gte": {"$date": "2026-01-01T08:10:00Z"}}});
    let selector = Selector::parse(&filter).expect("selector");
    let matched = ids(store.query(selector, None).await.expect("query")).await;
    assert_eq!(matched, ["b", "c", "d"], "events at or after 08:10Z");
}

async fn ping_answers(store: Arc<dyn EventStore>) {
    assert!(store.ping().await.is_ok(), "ping of an open store failed");
}

async fn closed_store_unavailable(store: Arc<dyn EventStore>) {
    store.close().await;
    let result = store
        .insert(event_at("late", "2026-01-01T08:00:00Z", 20))
        .await;
    assert!(
        matches!(result, Err(StoreError::Unavailable(_))),
        "insert after close returned {result:?}"
    );
}

async fn closed_store_rejects_archive(store: Arc<dyn EventStore>) {
    insert_four(&store).await;
    store.close().await;
    let result = store
        .archive_batch(&ArchiveTarget::Before(i64::MAX), 10, utc(9, 0))
        .await;
    assert!(
        matches!(result, Err(StoreError::Unavailable(_))),
        "archive after close returned {result:?}"
    );
}

async fn concurrent_inserts_all_land(store: Arc<dyn EventStore>) {
    let tasks: Vec<_> = (0..64)
        .map(|task| {
            let store = Arc::clone(&store);
            tokio::spawn(async move {
                for index in 0..50 {
                    let id = format!("t{task:02}-{index:02}");
                    let event = event_at(&id, "2026-01-01T08:00:00Z", 20);
                    let outcome = store.insert(event).await.expect("insert");
                    assert_eq!(
                        outcome,
                        InsertOutcome::Inserted,
                        "outcome of inserting `{id}`"
                    );
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("insert task");
    }
    assert_eq!(
        store.count().await.expect("count"),
        3200,
        "documents after 64 x 50 inserts"
    );
    let stored = listed(&store, ListQuery::default()).await;
    assert_eq!(
        stored.len(),
        3200,
        "documents listed after concurrent inserts"
    );
}

crate::store_conformance!(
    insert_then_get,
    get_missing_is_none,
    duplicate_returns_existing,
    duplicate_keeps_original,
    list_newest_instant_first,
    list_level_filter,
    list_time_bounds,
    list_limit_offset,
    list_hides_archived,
    archive_by_ids,
    archive_batch_size_caps,
    archive_before_instant,
    archive_sets_fields,
    list_archived_newest_first,
    purge_before_cutoff,
    purge_keeps_live,
    count_includes_archived,
    query_with_selector,
    query_limit,
    query_includes_archived,
    query_date_reads_offsets,
    ping_answers,
    closed_store_unavailable,
    closed_store_rejects_archive,
    concurrent_inserts_all_land,
);
