//! Re-sent events. The same id with the same content succeeds again without a second copy.
//! The same id with other content is a conflict, and the stored event stays as it was.

use serde_json::{Value, json};

use crate::http_common::{archive_ids, post_event, total_events};
use crate::support::TestServer;

const ID: &str = "01M90V2W6S1Q00DSQBMHFBVJMK";

/// Builds an event as the upstream Python client sends it, with every field set.
fn client_event() -> Value {
    json!({
        "event_id": ID,
        "event_type": "log_info",
        "log_level": 20,
        "alert": false,
        "event_timestamp": "2026-12-04T15:34:37.529985",
        "source": {},
        "event_data": {"message": "peer probe: hello info"},
        "trace_id": null,
        "span_id": null,
        "archived": false,
        "archived_at": null,
    })
}

async fn identical_resend_succeeds(server: &TestServer) {
    let first = post_event(server, &client_event()).await;
    let (status, second) = server.post_json("/event", &client_event()).await;
    assert_eq!(status, 200, "identical re-send returned {second}");
    assert_eq!(second, first, "identical re-send echoed another document");
}

async fn identical_resend_stores_once(server: &TestServer) {
    post_event(server, &client_event()).await;
    post_event(server, &client_event()).await;
    post_event(server, &client_event()).await;
    assert_eq!(
        total_events(server).await,
        1,
        "events stored after three identical sends"
    );
}

async fn resend_with_other_id_key_succeeds(server: &TestServer) {
    post_event(server, &client_event()).await;
    let mut resend = client_event();
    let map = resend.as_object_mut().expect("object");
    map.remove("event_id");
    map.insert("_id".into(), json!(ID));
    let (status, body) = server.post_json("/event", &resend).await;
    assert_eq!(status, 200, "re-send under `_id` returned {body}");
}

async fn resend_with_equal_timestamp_spelling_succeeds(server: &TestServer) {
    let event = json!({"event_id": ID, "event_timestamp": "2026-12-04T15:34:37+00:00"});
    post_event(server, &event).await;
    let resend = json!({"event_id": ID, "event_timestamp": "2026-12-04T15:34:37Z"});
    let (status, body) = server.post_json("/event", &resend).await;
    assert_eq!(
        status, 200,
        "re-send with `Z` in place of `+00:00` returned {body}"
    );
}

async fn other_content_conflicts(server: &TestServer) {
    post_event(server, &client_event()).await;
    let mut changed = client_event();
    changed["event_data"] = json!({"message": "a different event"});
    let (status, body) = server.post_json("/event", &changed).await;
    assert_eq!(status, 409, "re-send with other content returned {body}");
    let detail = body["detail"].as_str().unwrap_or_default();
    assert!(
        detail.contains(ID),
        "conflict detail does not name the id: {body}"
    );
}

async fn conflict_keeps_original(server: &TestServer) {
    let original = post_event(server, &client_event()).await;
    let mut changed = client_event();
    changed["log_level"] = json!(40);
    let (status, _) = server.post_json("/event", &changed).await;
    assert_eq!(status, 409, "re-send with another log_level");
    let (status, stored) = server.get(&format!("/event/{ID}")).await;
    assert_eq!(status, 200, "GET after the conflict returned {stored}");
    assert_eq!(
        stored, original,
        "the stored event changed after a conflict"
    );
}

async fn conflict_stores_nothing(server: &TestServer) {
    post_event(server, &client_event()).await;
    let mut changed = client_event();
    changed["event_type"] = json!("log_error");
    let (status, _) = server.post_json("/event", &changed).await;
    assert_eq!(status, 409, "re-send with another event_type");
    assert_eq!(
        total_events(server).await,
        1,
        "events stored after a conflict"
    );
}

async fn archived_resend_succeeds(server: &TestServer) {
    post_event(server, &client_event()).await;
    assert_eq!(archive_ids(server, &[ID]).await, 1, "archived count");
    let (status, body) = server.post_json("/event", &client_event()).await;
    assert_eq!(status, 200, "re-send of an archived event returned {body}");
}

async fn archived_resend_stays_archived(server: &TestServer) {
    post_event(server, &client_event()).await;
    archive_ids(server, &[ID]).await;
    post_event(server, &client_event()).await;
    let (_, stored) = server.get(&format!("/event/{ID}")).await;
    assert_eq!(
        stored["archived"], true,
        "re-send un-archived the event: {stored}"
    );
    assert_eq!(
        total_events(server).await,
        1,
        "events stored after re-sending an archived one"
    );
}

async fn concurrent_identical_sends_store_once(server: &TestServer) {
    let event = client_event();
    let sends = (0..32).map(|_| server.post_json("/event", &event));
    let results = futures_util::future::join_all(sends).await;
    for (status, body) in &results {
        assert_eq!(*status, 200, "a concurrent identical send returned {body}");
    }
    assert_eq!(
        total_events(server).await,
        1,
        "events stored after 32 concurrent sends"
    );
}

async fn concurrent_conflicting_sends_one_wins(server: &TestServer) {
    let events: Vec<Value> = (0..16)
        .map(|variant| {
            let mut event = client_event();
            event["event_data"] = json!({"variant": variant});
            event
        })
        .collect();
    let results =
        futures_util::future::join_all(events.iter().map(|e| server.post_json("/event", e))).await;
    let accepted = results.iter().filter(|(status, _)| *status == 200).count();
    let conflicts = results.iter().filter(|(status, _)| *status == 409).count();
    assert_eq!(accepted, 1, "concurrent sends of 16 variants accepted");
    assert_eq!(
        conflicts, 15,
        "concurrent sends of 16 variants rejected as conflicts"
    );
    let winner = results
        .iter()
        .find(|(status, _)| *status == 200)
        .map(|(_, body)| body.clone());
    let (_, stored) = server.get(&format!("/event/{ID}")).await;
    assert_eq!(
        Some(stored),
        winner,
        "the stored event is not the accepted variant"
    );
}

crate::http_conformance!(
    identical_resend_succeeds,
    identical_resend_stores_once,
    resend_with_other_id_key_succeeds,
    resend_with_equal_timestamp_spelling_succeeds,
    other_content_conflicts,
    conflict_keeps_original,
    conflict_stores_nothing,
    archived_resend_succeeds,
    archived_resend_stays_archived,
    concurrent_identical_sends_store_once,
    concurrent_conflicting_sends_one_wins,
);
