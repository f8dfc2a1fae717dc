//! Helpers shared by the HTTP conformance tests: posting fixtures and reading responses.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::support::TestServer;

/// The keys of a returned event, in the order upstream 0.8.1 writes them.
pub(crate) const EVENT_KEYS: [&str; 11] = [
    "_id",
    "event_type",
    "log_level",
    "alert",
    "event_timestamp",
    "source",
    "event_data",
    "trace_id",
    "span_id",
    "archived",
    "archived_at",
];

/// How often a fixture post is retried after a 503.
const UNAVAILABLE_RETRIES: u32 = 3;

/// Posts an event, fails the test unless the status is 200, and returns the echoed event.
///
/// A 503 ("retry later") is retried a few times, as any client of the API should: the MongoDB
/// stand-in answers slowly when the machine is busy, and these fixtures test what is stored,
/// not availability, which the outage tests cover.
pub(crate) async fn post_event(server: &TestServer, event: &Value) -> Value {
    let (mut status, mut body) = server.post_json("/event", event).await;
    for _ in 0..UNAVAILABLE_RETRIES {
        if status != 503 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        (status, body) = server.post_json("/event", event).await;
    }
    assert_eq!(status, 200, "POST /event {event} returned {body}");
    body
}

/// Posts an event with the given id, timestamp and level.
pub(crate) async fn post_at(server: &TestServer, id: &str, timestamp: &str, level: i64) {
    let event = json!({"event_id": id, "event_timestamp": timestamp, "log_level": level});
    post_event(server, &event).await;
}

/// Posts `count` events stamped one second apart from 2026-01-01T00:00:00Z, with ids
/// `{prefix}-0000`, `{prefix}-0001`, …, using `parallel` requests at a time.
pub(crate) async fn post_many(server: &TestServer, prefix: &str, count: usize, parallel: usize) {
    let indexes: Vec<usize> = (0..count).collect();
    for chunk in indexes.chunks(parallel) {
        let requests = chunk.iter().map(|index| {
            let seconds = *index as i64;
            let timestamp = chrono::DateTime::from_timestamp(1_767_225_600 + seconds, 0)
                .expect("timestamp in range")
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string();
            let event = json!({
                "event_id": format!("{prefix}-{index:04}"),
                "event_timestamp": timestamp,
                "event_data": {"index": index},
            });
            async move { post_event(server, &event).await }
        });
        futures_util::future::join_all(requests).await;
    }
}

/// Returns the `total_events` that `GET /health` reports.
pub(crate) async fn total_events(server: &TestServer) -> u64 {
    let (status, body) = server.get("/health").await;
    assert_eq!(status, 200, "GET /health returned {body}");
    body["total_events"].as_u64().unwrap_or_else(|| panic!("no total_events in {body}"))
}

/// GETs a path and returns the status and the body text unparsed.
pub(crate) async fn get_text(server: &TestServer, path: &str) -> (u16, String) {
    let response = server.client.get(server.url(path)).send().await.expect("GET");
    let status = response.status().as_u16();
    (status, response.text().await.expect("read body"))
}

/// POSTs a JSON value and returns the status and the body text unparsed.
pub(crate) async fn post_text(server: &TestServer, path: &str, body: &Value) -> (u16, String) {
    let response = server.client.post(server.url(path)).json(body).send().await.expect("POST");
    let status = response.status().as_u16();
    (status, response.text().await.expect("read body"))
}

/// Returns the keys of a JSON object in document order, which serde_json keeps here because
/// the crate enables its `preserve_order` feature.
pub(crate) fn keys(value: &Value) -> Vec<&str> {
    value
        .as_object()
        .unwrap_or_else(|| panic!("expected a JSON object, got {value}"))
        .keys()
        .map(String::as_str)
        .collect()
}

/// Returns the ids of an id-keyed map response, in response order.
pub(crate) fn map_ids(value: &Value) -> Vec<String> {
    keys(value).into_iter().map(str::to_owned).collect()
}

/// GETs a listing path and returns its ids in response order, failing unless the status is 200.
pub(crate) async fn listed_ids(server: &TestServer, path: &str) -> Vec<String> {
    let (status, body) = server.get(path).await;
    assert_eq!(status, 200, "GET {path} returned {body}");
    map_ids(&body)
}

/// Runs a raw selector through `POST /events/query` and returns the matching ids, sorted.
pub(crate) async fn query_ids(server: &TestServer, selector: &Value) -> BTreeSet<String> {
    let (status, body) = server.post_json("/events/query", selector).await;
    assert_eq!(status, 200, "POST /events/query {selector} returned {body}");
    map_ids(&body).into_iter().collect()
}

/// Builds a sorted set of ids, for comparing with [`query_ids`].
pub(crate) fn id_set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|id| (*id).to_owned()).collect()
}

/// Archives the given ids and returns `archived_count`.
pub(crate) async fn archive_ids(server: &TestServer, ids: &[&str]) -> u64 {
    let (status, body) = server.post_json("/events/archive", &json!({"event_ids": ids})).await;
    assert_eq!(status, 200, "archiving {ids:?} returned {body}");
    body["archived_count"].as_u64().unwrap_or_else(|| panic!("no archived_count in {body}"))
}

/// Builds a client that returns redirects instead of following them.
pub(crate) fn client_without_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("build HTTP client")
}

/// Returns the `loc` array of each `detail` entry of a 422 body.
pub(crate) fn error_locations(body: &Value) -> Vec<Value> {
    body["detail"]
        .as_array()
        .unwrap_or_else(|| panic!("expected a detail list, got {body}"))
        .iter()
        .map(|error| error["loc"].clone())
        .collect()
}
