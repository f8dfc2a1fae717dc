//! Where this server deliberately differs from upstream 0.8.1 to fix a defect: each test names
//! the behaviour it protects.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::http_common::{get_text, map_ids, post_event, post_many, post_text};
use crate::support::TestServer;

const NODE: &str = "01M90V2W7QHNBC810AP00DWNXW";

async fn conflicting_resend_not_echoed(server: &TestServer) {
    post_event(
        server,
        &json!({"_id": "dup", "event_data": {"first": true}}),
    )
    .await;
    let resend = json!({"_id": "dup", "event_data": {"rejected": "payload"}});
    let (status, text) = post_text(server, "/event", &resend).await;
    assert_eq!(status, 409, "conflicting re-send returned {text}");
    assert!(
        !text.contains("rejected"),
        "the 409 echoes the rejected payload: {text}"
    );
}

async fn archive_ids_beyond_batch_size(server: &TestServer) {
    let ids = ["a1", "a2", "a3", "a4", "a5"];
    for id in ids {
        post_event(server, &json!({"_id": id})).await;
    }
    let request = json!({"event_ids": ids, "batch_size": 2});
    let (status, body) = server.post_json("/events/archive", &request).await;
    assert_eq!(status, 200, "archive returned {body}");
    assert_eq!(
        body["archived_count"], 5,
        "archived count for 5 ids in batches of 2: {body}"
    );
    for id in ids {
        let (_, event) = server.get(&format!("/event/{id}")).await;
        assert_eq!(event["archived"], true, "event `{id}` was not archived");
    }
}

async fn negative_offset_422(server: &TestServer) {
    let (status, body) = server.get("/events?offset=-1").await;
    assert_eq!(status, 422, "offset=-1 returned {body}");
    assert_eq!(
        body["detail"][0]["loc"],
        json!(["query", "offset"]),
        "error loc in {body}"
    );
    assert_eq!(body["detail"][0]["input"], "-1", "error input in {body}");
}

async fn negative_archived_offset_422(server: &TestServer) {
    let (status, body) = server.get("/events/archived?offset=-5").await;
    assert_eq!(status, 422, "offset=-5 returned {body}");
    assert_eq!(
        body["detail"][0]["loc"],
        json!(["query", "offset"]),
        "error loc in {body}"
    );
}

async fn python_client_selector_form(server: &TestServer) {
    let event = json!({"_id": "by-node", "source": {"node_id": NODE}});
    post_event(server, &event).await;
    post_event(server, &json!({"_id": "other"})).await;
    // Exactly what upstream's `EventClient.query_events` sends: a Python repr in the query
    // string and an empty body without a content type.
    let path =
        "/events/query?selector=%7B%27source.node_id%27%3A+%2701M90V2W7QHNBC810AP00DWNXW%27%7D";
    let response = server
        .client
        .post(server.url(path))
        .header("content-length", "0")
        .send()
        .await
        .expect("POST /events/query");
    assert_eq!(
        response.status().as_u16(),
        200,
        "status of the client's selector form"
    );
    let body: serde_json::Value = response.json().await.expect("JSON body");
    assert_eq!(
        map_ids(&body),
        ["by-node"],
        "events matched by the client's selector"
    );
}

async fn python_literal_selector_operators(server: &TestServer) {
    post_event(
        server,
        &json!({"_id": "loud", "log_level": 40, "alert": true}),
    )
    .await;
    post_event(server, &json!({"_id": "quiet", "log_level": 40})).await;
    let literal = "{'log_level': {'$gte': 30}, 'alert': True, 'trace_id': None}";
    let response = server
        .client
        .post(server.url("/events/query"))
        .query(&[("selector", literal)])
        .send()
        .await
        .expect("POST /events/query");
    assert_eq!(
        response.status().as_u16(),
        200,
        "status for the selector {literal}"
    );
    let body: serde_json::Value = response.json().await.expect("JSON body");
    assert_eq!(map_ids(&body), ["loud"], "events matched by {literal}");
}

async fn bad_python_selector_400(server: &TestServer) {
    let response = server
        .client
        .post(server.url("/events/query"))
        .query(&[("selector", "{'log_level': ")])
        .send()
        .await
        .expect("POST /events/query");
    assert_eq!(
        response.status().as_u16(),
        400,
        "status for a truncated selector literal"
    );
}

async fn client_archived_at_purged(server: &TestServer) {
    let event = json!({"_id": "old", "archived": true, "archived_at": "2020-01-01T00:00:00Z"});
    post_event(server, &event).await;
    let (status, body) = server.delete("/events/archived?older_than_days=365").await;
    assert_eq!(status, 200, "purge returned {body}");
    assert_eq!(body["deleted_count"], 1, "deleted count in {body}");
    let (status, _) = server.get("/event/old").await;
    assert_eq!(status, 404, "the event archived in 2020 is still stored");
}

async fn client_naive_archived_at_purged(server: &TestServer) {
    let event = json!({"_id": "old", "archived": true, "archived_at": "2020-01-01T00:00:00"});
    post_event(server, &event).await;
    let (_, body) = server.delete("/events/archived?older_than_days=365").await;
    assert_eq!(
        body["deleted_count"], 1,
        "deleted count for a naive archived_at: {body}"
    );
}

async fn client_recent_archived_at_kept(server: &TestServer) {
    let recent = (chrono::Utc::now() - chrono::Duration::days(1)).to_rfc3339();
    let event = json!({"_id": "recent", "archived": true, "archived_at": recent});
    post_event(server, &event).await;
    let (_, body) = server.delete("/events/archived?older_than_days=365").await;
    assert_eq!(
        body["deleted_count"], 0,
        "an event archived yesterday was purged: {body}"
    );
}

async fn default_source_is_empty(server: &TestServer) {
    let (_, settings) = server.get("/settings").await;
    let manager_id = settings["settings"]["manager_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let posted = post_event(server, &json!({"_id": "anonymous"})).await;
    assert_eq!(
        posted["source"],
        json!({}),
        "default source in the echo: {posted}"
    );
    let (_, stored) = get_text(server, "/event/anonymous").await;
    assert!(
        stored.contains(r#""source":{}"#),
        "stored source is not empty: {stored}"
    );
    assert!(
        manager_id.is_empty() || !stored.contains(&manager_id),
        "the stored event carries the manager id {manager_id}: {stored}"
    );
}

async fn health_fast_during_writes(server: &TestServer) {
    let burst = post_many(server, "burst", 400, 32);
    let probe = async {
        let started = Instant::now();
        let (status, body) = server.get("/health").await;
        (status, body, started.elapsed())
    };
    let (_, (status, body, elapsed)) = tokio::join!(burst, probe);
    assert_eq!(status, 200, "GET /health returned {body}");
    assert!(
        elapsed < Duration::from_secs(2),
        "GET /health took {elapsed:?} during writes"
    );
}

crate::http_conformance!(
    conflicting_resend_not_echoed,
    archive_ids_beyond_batch_size,
    negative_offset_422,
    negative_archived_offset_422,
    python_client_selector_form,
    python_literal_selector_operators,
    bad_python_selector_400,
    client_archived_at_purged,
    client_naive_archived_at_purged,
    client_recent_archived_at_kept,
    default_source_is_empty,
    health_fast_during_writes,
);
