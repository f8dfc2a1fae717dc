//! In-process benchmarks: event validation, selector matching, and SQLite group commit.
//!
//! Run with `cargo bench --bench store`. HTTP figures come from `scripts/bench-http`.

#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use madsci_events::model::{Event, NaiveZone};
use madsci_events::query::Selector;
use madsci_events::store::sqlite::SqliteStore;
use madsci_events::store::{EventStore, ListQuery, NewEvent};
use serde_json::{Value, json};

/// A body shaped like the Python EventClient's.
fn sample_body(step: u64) -> Value {
    json!({
        "event_type": "log_info", "log_level": 20, "alert": false,
        "event_timestamp": "2026-12-04T15:34:37.529985",
        "source": {"node_id": "01M90V2W7QHNBC810AP00DWNXW"},
        "event_data": {"message": "benchmark event", "step": step},
        "trace_id": null, "span_id": null, "archived": false, "archived_at": null,
    })
}

fn validation(criterion: &mut Criterion) {
    let text = sample_body(1).to_string();
    criterion.bench_function("event/parse_and_validate", |bench| {
        bench.iter(|| {
            let value: Value = serde_json::from_str(&text).expect("valid JSON");
            Event::from_json(value).expect("valid event")
        });
    });
}

fn selectors(criterion: &mut Criterion) {
    let filter = json!({"$or": [{"event_data.step": {"$gte": 10}}, {"source.node_id": {"$in": ["x"]}}],
                        "event_type": {"$regex": "^log_", "$options": "i"}});
    let selector = Selector::parse(&filter).expect("valid selector");
    let event = Event::from_json(sample_body(42)).expect("valid event");
    let doc: Value = serde_json::from_str(&event.to_json_string()).expect("valid JSON");
    criterion.bench_function("selector/match", |bench| {
        bench.iter(|| selector.matches(&doc, &|_| None));
    });
}

/// Inserts `count` events from `tasks` concurrent tasks and returns the elapsed time.
async fn insert_concurrently(store: &Arc<SqliteStore>, tasks: u64, count: u64) -> Duration {
    let start = Instant::now();
    let handles: Vec<_> = (0..tasks)
        .map(|task| {
            let store = Arc::clone(store);
            tokio::spawn(async move {
                for step in 0..count / tasks {
                    let event = Event::from_json(sample_body(task * 1_000_000 + step)).unwrap();
                    store.insert(NewEvent::new(event, &NaiveZone::Utc)).await.unwrap();
                }
            })
        })
        .collect();
    for handle in handles {
        handle.await.expect("insert task");
    }
    start.elapsed()
}

fn group_commit(criterion: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Arc::new(SqliteStore::open(&dir.path().join("events.db"), NaiveZone::Utc).unwrap());
    let mut group = criterion.benchmark_group("sqlite/insert");
    group.sample_size(10);
    for tasks in [1_u64, 8, 64] {
        let per_iteration = 64 * tasks.max(8);
        group.throughput(Throughput::Elements(per_iteration));
        group.bench_function(format!("concurrency_{tasks}"), |bench| {
            bench.iter_custom(|iterations| {
                runtime.block_on(async {
                    let mut total = Duration::ZERO;
                    for _ in 0..iterations {
                        total += insert_concurrently(&store, tasks, per_iteration).await;
                    }
                    total
                })
            });
        });
    }
    group.finish();
    let query = ListQuery { min_level: 20, limit: Some(100), ..ListQuery::default() };
    criterion.bench_function("sqlite/list_100_newest", |bench| {
        bench.iter(|| {
            runtime.block_on(async {
                use futures_util::StreamExt;
                let stream = store.list(query.clone()).await.expect("list");
                stream.count().await
            })
        });
    });
    runtime.block_on(store.close());
}

criterion_group!(benches, validation, selectors, group_commit);
criterion_main!(benches);
