//! `POST /events/batch`: one outcome per event, as `POST /event` would return it.

use serde_json::{Value, json};

use crate::http_common::total_events;
use crate::support::TestServer;

const NODE: &str = "01M90V2W7QHNBC810AP00DWNXW";

async fn batch_reports_each_outcome(server: &TestServer) {
    let taken = json!({"_id": "taken", "event_timestamp": "2026-01-01T00:00:00Z", "event_data": 1});
    let (status, _) = server.post_json("/event", &taken).await;
    assert_eq!(status, 200);
    let body = json!([
        {"_id": "new", "event_type": "LOG_ERROR", "log_level": "error",
         "source": {"node_id": NODE}},
        taken,
        {"_id": "taken", "event_timestamp": "2026-01-01T00:00:00Z", "event_data": 2},
        {"_id": "bad", "source": {"node_id": "abc"}},
        {"event_id": "by-event-id"},
    ]);
    let (status, reply) = server.post_json("/events/batch", &body).await;
    assert_eq!(status, 200, "{reply}");
    assert_eq!(reply["inserted"], 2, "{reply}");
    assert_eq!(reply["existing"], 1, "{reply}");
    assert_eq!(reply["conflicts"], 1, "{reply}");
    assert_eq!(reply["invalid"], 1, "{reply}");
    let results = reply["results"].as_array().expect("results");
    let summary: Vec<(Value, Value, Value)> = results
        .iter()
        .map(|result| (result["_id"].clone(), result["status"].clone(), result["outcome"].clone()))
        .collect();
    assert_eq!(
        summary,
        [
            (json!("new"), json!(200), json!("inserted")),
            (json!("taken"), json!(200), json!("existing")),
            (json!("taken"), json!(409), json!("conflict")),
            (json!("bad"), json!(422), json!("invalid")),
            (json!("by-event-id"), json!(200), json!("inserted")),
        ]
    );
    assert!(results[2]["detail"].as_str().expect("conflict detail").contains("already exists"));
    assert_eq!(results[3]["detail"][0]["loc"], json!(["body", 3, "source", "node_id"]));
    assert!(results[0].get("detail").is_none(), "no detail for a stored event");

    let (_, stored) = server.get("/event/new").await;
    assert_eq!(stored["event_type"], "log_error");
    assert_eq!(stored["log_level"], 40);
    let (_, kept) = server.get("/event/taken").await;
    assert_eq!(kept["event_data"], 1, "a conflict keeps the stored event");
    assert_eq!(total_events(server).await, 3);
}

async fn batch_stores_like_single_post(server: &TestServer) {
    let event = json!({"event_type": "test", "event_timestamp": "2026-04-09T14:47:11.482913+02:00",
                       "source": {"node_id": NODE}, "event_data": {"b": 1, "a": [2]}});
    let mut single = event.clone();
    single["_id"] = json!("single");
    let mut batched = event;
    batched["_id"] = json!("batched");
    let (_, echoed) = server.post_json("/event", &single).await;
    server.post_json("/events/batch", &json!([batched])).await;
    let (_, stored) = server.get("/event/batched").await;
    let mut expected = echoed;
    expected["_id"] = json!("batched");
    assert_eq!(stored, expected, "same document as POST /event stores");
}

async fn batch_body_errors(server: &TestServer) {
    let (status, reply) = server.post_json("/events/batch", &json!({"_id": "x"})).await;
    assert_eq!(status, 422, "{reply}");
    assert_eq!(reply["detail"][0]["type"], "list_type");
    let (status, reply) = server.post_raw("/events/batch", "[{").await;
    assert_eq!(status, 422, "{reply}");
    assert_eq!(reply["detail"][0]["type"], "json_invalid");
    let (status, reply) = server.post_json("/events/batch", &json!([])).await;
    assert_eq!(status, 200);
    assert_eq!(
        reply,
        json!({"inserted": 0, "existing": 0, "conflicts": 0, "invalid": 0, "results": []})
    );
    let too_many = Value::Array(vec![json!({}); 10_001]);
    let (status, reply) = server.post_json("/events/batch", &too_many).await;
    assert_eq!(status, 422, "{reply}");
    assert_eq!(reply["detail"][0]["type"], "too_long");
    assert_eq!(total_events(server).await, 0, "nothing stored from a rejected batch");
}

async fn batch_many_events(server: &TestServer) {
    let events: Vec<Value> =
        (0..2000).map(|index| json!({"event_data": {"index": index}})).collect();
    let (status, reply) = server.post_json("/events/batch", &Value::Array(events)).await;
    assert_eq!(status, 200);
    assert_eq!(reply["inserted"], 2000);
    let results = reply["results"].as_array().expect("results");
    let mut ids: Vec<&str> =
        results.iter().map(|result| result["_id"].as_str().expect("id")).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 2000, "each event got its own id");
    assert_eq!(total_events(server).await, 2000);
}

crate::http_conformance!(
    batch_reports_each_outcome,
    batch_stores_like_single_post,
    batch_body_errors,
    batch_many_events,
);
