//! The documents the MongoDB backend writes, read with the driver: upstream's fields, types
//! and key order, plus the instant field at the end.

use mongodb::bson::{Bson, Document, doc};
use mongodb::{Client, Collection};
use serde_json::json;

use crate::http_common::{EVENT_KEYS, get_text, post_event, post_text};
use crate::support::{Backend, TestServer, mongodb_url};

async fn events(server: &TestServer) -> Collection<Document> {
    let client = Client::with_uri_str(mongodb_url()).await.expect("connect to the test MongoDB");
    let database = server.database.as_deref().expect("a MongoDB server has a database");
    client.database(database).collection("events")
}

async fn stored(server: &TestServer, id: &str) -> Document {
    let found = events(server).await.find_one(doc! {"_id": id}).await.expect("find_one");
    found.unwrap_or_else(|| panic!("no document `{id}`"))
}

#[tokio::test]
async fn document_has_upstream_shape() {
    let server = TestServer::start(Backend::Mongo).await;
    let event = json!({
        "event_id": "shape", "event_timestamp": "2026-01-01T10:00:00.5+02:00",
        "source": {"node_id": "01M90V2W7QHNBC810AP00DWNXW"}, "event_data": {"n": 7, "x": 1.5},
    });
    post_event(&server, &event).await;

    let document = stored(&server, "shape").await;
    let keys: Vec<&str> = document.keys().map(String::as_str).collect();
    let mut expected = EVENT_KEYS.to_vec();
    expected.push("event_timestamp_micros");
    assert_eq!(keys, expected, "keys of the stored document");
    assert_eq!(document.get("_id"), Some(&Bson::String("shape".into())), "_id");
    assert_eq!(
        document.get_str("event_timestamp"),
        Ok("2026-01-01T10:00:00.500000+02:00"),
        "event_timestamp is upstream's ISO text"
    );
    assert_eq!(document.get("log_level"), Some(&Bson::Int32(20)), "log_level");
    assert_eq!(document.get("archived_at"), Some(&Bson::Null), "archived_at before archiving");
    assert_eq!(
        document.get_document("event_data").expect("event_data"),
        &doc! {"n": 7, "x": 1.5},
        "event_data"
    );
    assert_eq!(
        document.get("event_timestamp_micros"),
        Some(&Bson::Int64(1_767_254_400_500_000)),
        "instant of 08:00:00.5Z in microseconds"
    );
}

#[tokio::test]
async fn archived_at_is_a_bson_date() {
    let server = TestServer::start(Backend::Mongo).await;
    post_event(&server, &json!({"_id": "arch"})).await;
    let (status, body) = server.post_json("/events/archive", &json!({"event_ids": ["arch"]})).await;
    assert_eq!(status, 200, "archive returned {body}");

    let document = stored(&server, "arch").await;
    assert_eq!(document.get("archived"), Some(&Bson::Boolean(true)), "archived");
    let Some(Bson::DateTime(date)) = document.get("archived_at") else {
        panic!("archived_at is not a BSON date in {document}");
    };
    let keys: Vec<&str> = document.keys().map(String::as_str).collect();
    assert_eq!(&keys[..11], EVENT_KEYS, "key order after archiving");
    let (_, text) = get_text(&server, "/event/arch").await;
    let millis = date.timestamp_millis();
    let rendered = chrono::DateTime::from_timestamp_millis(millis)
        .expect("a date in range")
        .format("%Y-%m-%dT%H:%M:%S%.6f")
        .to_string();
    let rendered = rendered.trim_end_matches(".000000");
    assert!(text.contains(&format!("\"archived_at\":\"{rendered}\"")), "{rendered} in {text}");
}

#[tokio::test]
async fn unusual_values_round_trip() {
    let server = TestServer::start(Backend::Mongo).await;
    let event = json!({"_id": "odd", "event_data": {
        "max": 18_446_744_073_709_551_615_u64, "min": -9_223_372_036_854_775_808_i64,
        "$dollar": {"a.b": [1.0, null, true]}, "unicode": "\u{1F600} \u{00e9}",
    }});
    let (status, echoed) = post_text(&server, "/event", &event).await;
    assert_eq!(status, 200, "POST /event returned {echoed}");
    let (status, fetched) = get_text(&server, "/event/odd").await;
    assert_eq!(status, 200, "GET /event/odd returned {fetched}");
    assert_eq!(fetched, echoed, "the stored text differs from the echo");
}

#[tokio::test]
async fn nul_in_key_rejected() {
    let server = TestServer::start(Backend::Mongo).await;
    let body = r#"{"_id": "nul", "event_data": {"a\u0000b": 1}}"#;
    let (status, response) = server.post_raw("/event", body).await;
    assert_eq!(status, 400, "an event with a NUL in a key returned {response}");
    let detail = response["detail"].as_str().expect("a detail message");
    assert!(detail.contains("invalid key `a\\u0000b`"), "detail: {detail}");
    let (status, _) = server.get("/event/nul").await;
    assert_eq!(status, 404, "the rejected event was stored");
}
