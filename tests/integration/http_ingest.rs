//! `POST /event`: the event model, its defaults, normalization and response shape.

use serde_json::{Value, json};

use crate::http_common::{EVENT_KEYS, keys, post_event, post_text};
use crate::support::TestServer;

/// Request and response bodies exchanged with upstream 0.8.1, byte for byte.
const UPSTREAM_EXCHANGES: [(&str, &str); 4] = [
    (
        r#"{"event_id":"01M90V2W6S1Q00DSQBMHFBVJMK","event_type":"log_info","log_level":20,"alert":false,"event_timestamp":"2026-12-04T15:34:37.529985","source":{},"event_data":{"message":"peer probe: hello info"},"trace_id":null,"span_id":null,"archived":false,"archived_at":null}"#,
        r#"{"_id":"01M90V2W6S1Q00DSQBMHFBVJMK","event_type":"log_info","log_level":20,"alert":false,"event_timestamp":"2026-12-04T15:34:37.529985","source":{},"event_data":{"message":"peer probe: hello info"},"trace_id":null,"span_id":null,"archived":false,"archived_at":null}"#,
    ),
    (
        r#"{"event_id":"01M90V2W7GJ5NKQS7AC9D61MEX","event_type":"log_info","log_level":20,"alert":false,"event_timestamp":"2026-12-04T15:34:37.552391","source":{},"event_data":{"message":"peer probe: structured info","step":1,"total":3},"trace_id":null,"span_id":null,"archived":false,"archived_at":null}"#,
        r#"{"_id":"01M90V2W7GJ5NKQS7AC9D61MEX","event_type":"log_info","log_level":20,"alert":false,"event_timestamp":"2026-12-04T15:34:37.552391","source":{},"event_data":{"message":"peer probe: structured info","step":1,"total":3},"trace_id":null,"span_id":null,"archived":false,"archived_at":null}"#,
    ),
    (
        r#"{"event_id":"01M90V2W7QHNBC810AP00DWNXX","event_type":"node_create","log_level":20,"alert":false,"event_timestamp":"2026-12-04T15:34:37.559173","source":{"node_id":"01M90V2W7QHNBC810AP00DWNXW"},"event_data":{"node_name":"peer_test_node","node_url":"http://127.0.0.1:2000/"},"trace_id":null,"span_id":null,"archived":false,"archived_at":null}"#,
        r#"{"_id":"01M90V2W7QHNBC810AP00DWNXX","event_type":"node_create","log_level":20,"alert":false,"event_timestamp":"2026-12-04T15:34:37.559173","source":{"node_id":"01M90V2W7QHNBC810AP00DWNXW"},"event_data":{"node_name":"peer_test_node","node_url":"http://127.0.0.1:2000/"},"trace_id":null,"span_id":null,"archived":false,"archived_at":null}"#,
    ),
    (
        r#"{"event_id":"01KZULUTIMESTAMPTEST00000A","event_type":"log_error","log_level":40,"alert":true,"event_timestamp":"2026-12-04T15:34:37.529985Z","source":{"workcell_id":"01M90V2W7QHNBC810AP00DWNXW"},"event_data":"plain string payload"}"#,
        r#"{"_id":"01KZULUTIMESTAMPTEST00000A","event_type":"log_error","log_level":40,"alert":true,"event_timestamp":"2026-12-04T15:34:37.529985Z","source":{"workcell_id":"01M90V2W7QHNBC810AP00DWNXW"},"event_data":"plain string payload","trace_id":null,"span_id":null,"archived":false,"archived_at":null}"#,
    ),
];

/// The ten `OwnershipInfo` fields in upstream's order.
const OWNERSHIP_FIELDS: [&str; 10] = [
    "user_id",
    "experiment_id",
    "campaign_id",
    "project_id",
    "node_id",
    "workcell_id",
    "lab_id",
    "step_id",
    "workflow_id",
    "manager_id",
];

/// Every event type upstream 0.8.1 accepts.
const EVENT_TYPES: [&str; 63] = [
    "unknown",
    "log",
    "log_debug",
    "log_info",
    "log_warning",
    "log_error",
    "log_critical",
    "test",
    "lab_create",
    "lab_start",
    "lab_stop",
    "node_create",
    "node_start",
    "node_stop",
    "node_config_update",
    "node_status_update",
    "node_error",
    "workcell_create",
    "workcell_start",
    "workcell_stop",
    "workcell_config_update",
    "workcell_status_update",
    "workflow_create",
    "workflow_start",
    "workflow_complete",
    "workflow_abort",
    "experiment_create",
    "experiment_start",
    "experiment_complete",
    "experiment_failed",
    "experiment_cancelled",
    "experiment_pause",
    "experiment_continued",
    "campaign_create",
    "campaign_start",
    "campaign_complete",
    "campaign_abort",
    "action_status_change",
    "resource_create",
    "resource_update",
    "resource_delete",
    "resource_allocate",
    "resource_release",
    "location_create",
    "location_update",
    "location_delete",
    "attachment_create",
    "attachment_delete",
    "data_store",
    "data_query",
    "data_export",
    "manager_start",
    "manager_stop",
    "manager_error",
    "manager_health_check",
    "workflow_step_start",
    "workflow_step_complete",
    "workflow_step_failed",
    "action_start",
    "action_complete",
    "action_failed",
    "backup_create",
    "backup_restore",
];

const NODE_ID: &str = "01M90V2W7QHNBC810AP00DWNXW";

async fn response_bytes_match_upstream(server: &TestServer) {
    for (request, expected) in UPSTREAM_EXCHANGES {
        let response = server
            .client
            .post(server.url("/event"))
            .header("content-type", "application/json")
            .body(request)
            .send()
            .await
            .expect("POST /event");
        assert_eq!(
            response.status().as_u16(),
            200,
            "status for request {request}"
        );
        let text = response.text().await.expect("read body");
        assert_eq!(text, expected, "response body for request {request}");
    }
}

async fn event_id_key_accepted(server: &TestServer) {
    let body = post_event(server, &json!({"event_id": "01KZULUTIMESTAMPTEST00000A"})).await;
    assert_eq!(
        body["_id"], "01KZULUTIMESTAMPTEST00000A",
        "echoed id of {body}"
    );
    assert!(
        body.get("event_id").is_none(),
        "response names the id `event_id`: {body}"
    );
}

async fn underscore_id_wins(server: &TestServer) {
    let body = post_event(
        server,
        &json!({"event_id": "from-event-id", "_id": "from-underscore"}),
    )
    .await;
    assert_eq!(
        body["_id"], "from-underscore",
        "`_id` must win over `event_id`: {body}"
    );
}

async fn missing_id_becomes_ulid(server: &TestServer) {
    let body = post_event(server, &json!({"event_type": "log"})).await;
    let id = body["_id"]
        .as_str()
        .unwrap_or_else(|| panic!("no `_id` string in {body}"));
    assert!(
        ulid::Ulid::from_string(id).is_ok(),
        "generated id `{id}` is not a ULID"
    );
    assert_eq!(
        id,
        id.to_ascii_uppercase(),
        "generated ULID `{id}` is not upper case"
    );
}

async fn empty_object_gets_defaults(server: &TestServer) {
    let body = post_event(server, &json!({})).await;
    assert_eq!(
        body["event_type"], "unknown",
        "default event_type in {body}"
    );
    assert_eq!(body["log_level"], 20, "default log_level in {body}");
    assert_eq!(body["alert"], false, "default alert in {body}");
    assert_eq!(
        body["event_data"],
        json!({}),
        "default event_data in {body}"
    );
    assert_eq!(body["source"], json!({}), "default source in {body}");
    assert_eq!(body["trace_id"], Value::Null, "default trace_id in {body}");
    assert_eq!(body["span_id"], Value::Null, "default span_id in {body}");
    assert_eq!(body["archived"], false, "default archived in {body}");
    assert_eq!(
        body["archived_at"],
        Value::Null,
        "default archived_at in {body}"
    );
}

async fn default_timestamp_is_naive(server: &TestServer) {
    let body = post_event(server, &json!({})).await;
    let timestamp = body["event_timestamp"].as_str().unwrap_or_default();
    let pattern = regex::Regex::new(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?$")
        .expect("valid pattern");
    assert!(
        pattern.is_match(timestamp),
        "default timestamp `{timestamp}` is not naive ISO 8601"
    );
}

async fn event_type_case_insensitive(server: &TestServer) {
    for (sent, expected) in [("LOG_INFO", "log_info"), ("Node_Create", "node_create")] {
        let body = post_event(server, &json!({"event_type": sent})).await;
        assert_eq!(body["event_type"], expected, "event_type sent as `{sent}`");
    }
}

async fn every_event_type_accepted(server: &TestServer) {
    for event_type in EVENT_TYPES {
        let body = post_event(server, &json!({"event_type": event_type})).await;
        assert_eq!(
            body["event_type"], event_type,
            "echo of event_type `{event_type}`"
        );
    }
}

async fn log_level_names_accepted(server: &TestServer) {
    let cases = [
        (json!("warning"), 30),
        (json!("WARNING"), 30),
        (json!("EventLogLevel.WARNING"), 30),
        (json!("critical"), 50),
        (json!("NOTSET"), 0),
        (json!(10), 10),
        (json!(40), 40),
    ];
    for (sent, expected) in cases {
        let body = post_event(server, &json!({"log_level": sent})).await;
        assert_eq!(body["log_level"], expected, "log_level sent as {sent}");
    }
}

async fn log_level_outside_enum_rejected(server: &TestServer) {
    let (status, body) = server.post_json("/event", &json!({"log_level": 25})).await;
    assert_eq!(status, 422, "log_level 25 returned {body}");
    assert_eq!(body["detail"][0]["type"], "enum", "error type in {body}");
    assert_eq!(
        body["detail"][0]["loc"],
        json!(["body", "log_level"]),
        "error loc in {body}"
    );
}

async fn ownership_fields_in_upstream_order(server: &TestServer) {
    let mut source = serde_json::Map::new();
    for (index, field) in OWNERSHIP_FIELDS.iter().enumerate().rev() {
        source.insert(
            (*field).to_owned(),
            json!(format!("01M90V2W7QHNBC810AP00DWN{index:02}")),
        );
    }
    let body = post_event(server, &json!({"source": source})).await;
    assert_eq!(
        keys(&body["source"]),
        OWNERSHIP_FIELDS,
        "source key order in {body}"
    );
}

async fn lowercase_ulid_accepted(server: &TestServer) {
    let lowercase = NODE_ID.to_ascii_lowercase();
    let (status, body) = server
        .post_json("/event", &json!({"source": {"node_id": lowercase}}))
        .await;
    assert_eq!(status, 200, "lowercase ULID returned {body}");
    let echoed = body["source"]["node_id"].as_str().unwrap_or_default();
    assert!(
        echoed.eq_ignore_ascii_case(NODE_ID),
        "echoed node_id `{echoed}`"
    );
}

async fn null_source_fields_dropped(server: &TestServer) {
    let source = json!({"node_id": NODE_ID, "lab_id": null, "user_id": null});
    let body = post_event(server, &json!({"source": source})).await;
    assert_eq!(
        body["source"],
        json!({"node_id": NODE_ID}),
        "source in {body}"
    );
}

async fn unknown_source_keys_dropped(server: &TestServer) {
    let source = json!({"node_id": NODE_ID, "robot_arm": "left"});
    let body = post_event(server, &json!({"source": source})).await;
    assert_eq!(
        body["source"],
        json!({"node_id": NODE_ID}),
        "source in {body}"
    );
}

async fn unknown_top_level_keys_dropped(server: &TestServer) {
    let body = post_event(server, &json!({"priority": "high", "event_type": "log"})).await;
    assert_eq!(keys(&body), EVENT_KEYS, "keys of {body}");
}

async fn event_data_keeps_any_json(server: &TestServer) {
    let cases = [
        json!("plain string payload"),
        json!([1, 2, 3]),
        json!({"nested": {"list": [{"a": 1}, null, true], "float": 12.5}}),
        json!(42),
        json!(false),
        json!(null),
        json!({"unicode": "Ω ≈ 5 µL", "emoji": "🧪"}),
    ];
    for data in cases {
        let body = post_event(server, &json!({"event_data": data})).await;
        assert_eq!(body["event_data"], data, "echo of event_data {data}");
    }
}

async fn event_data_numbers_never_altered(server: &TestServer) {
    let cases = [
        ("i64-max", "9223372036854775807"),
        ("i64-min", "-9223372036854775808"),
        ("u64-max", "18446744073709551615"),
        ("beyond-u64", "18446744073709551616"),
        ("beyond-i64-negative", "-9223372036854775809"),
        ("decimal", "0.1"),
        ("fraction", "12.5"),
    ];
    for (id, literal) in cases {
        let request = format!(r#"{{"event_id": "{id}", "event_data": {{"x": {literal}}}}}"#);
        let response = server.client.post(server.url("/event")).body(request);
        let response = response
            .header("content-type", "application/json")
            .send()
            .await;
        let response = response.expect("POST /event");
        let status = response.status().as_u16();
        let text = response.text().await.expect("read body");
        if (400..500).contains(&status) {
            continue;
        }
        assert_eq!(status, 200, "the number {literal} returned {text}");
        let expected = format!(r#""event_data":{{"x":{literal}}}"#);
        assert!(
            text.contains(&expected),
            "the number {literal} was stored altered: {text}"
        );
    }
}

async fn megabyte_event_accepted(server: &TestServer) {
    let blob = "x".repeat(1024 * 1024);
    let event = json!({"event_id": "large", "event_data": {"blob": blob}});
    let (status, _) = post_text(server, "/event", &event).await;
    assert_eq!(status, 200, "a 1 MiB event under the default body limit");
    let (_, stored) = server.get("/event/large").await;
    let length = stored["event_data"]["blob"].as_str().map_or(0, str::len);
    assert_eq!(length, 1024 * 1024, "length of the stored 1 MiB string");
}

async fn event_data_key_order_kept(server: &TestServer) {
    let event =
        json!({"event_id": "ordered", "event_data": {"z": 1, "a": {"y": 2, "b": 3}, "m": 4}});
    let (status, text) = post_text(server, "/event", &event).await;
    assert_eq!(status, 200, "POST returned {text}");
    let expected = r#""event_data":{"z":1,"a":{"y":2,"b":3},"m":4}"#;
    assert!(
        text.contains(expected),
        "event_data order changed in {text}"
    );
}

async fn optional_fields_round_trip(server: &TestServer) {
    let event = json!({
        "alert": true,
        "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736",
        "span_id": "00f067aa0ba902b7",
    });
    let body = post_event(server, &event).await;
    assert_eq!(body["alert"], true, "alert in {body}");
    assert_eq!(
        body["trace_id"], "4bf92f3577b34da6a3ce929d0e0e4736",
        "trace_id in {body}"
    );
    assert_eq!(body["span_id"], "00f067aa0ba902b7", "span_id in {body}");
}

async fn timestamp_spellings_rendered(server: &TestServer) {
    let cases = [
        (json!("2026-01-01T10:00:00Z"), "2026-01-01T10:00:00Z"),
        (
            json!("2026-01-01T10:00:00+02:00"),
            "2026-01-01T10:00:00+02:00",
        ),
        (
            json!("2026-01-01T10:00:00-05:00"),
            "2026-01-01T10:00:00-05:00",
        ),
        (json!("2026-01-01T10:00:00+00:00"), "2026-01-01T10:00:00Z"),
        (json!("2026-01-01 10:00:00"), "2026-01-01T10:00:00"),
        (
            json!("2026-01-01T10:00:00.123Z"),
            "2026-01-01T10:00:00.123000Z",
        ),
        (json!("2026-01-01T10:00:00.5"), "2026-01-01T10:00:00.500000"),
        (json!("2026-01-01T10:00:00.000000"), "2026-01-01T10:00:00"),
        (
            json!("2026-01-01T10:00:00.529985"),
            "2026-01-01T10:00:00.529985",
        ),
        (json!("2026-01-01"), "2026-01-01T00:00:00"),
        (json!(1_767_225_600), "2026-01-01T00:00:00Z"),
        (json!(1_767_225_600.5), "2026-01-01T00:00:00.500000Z"),
    ];
    for (sent, expected) in cases {
        let (status, body) = server
            .post_json("/event", &json!({"event_timestamp": sent}))
            .await;
        assert_eq!(status, 200, "event_timestamp {sent} returned {body}");
        assert_eq!(
            body["event_timestamp"], expected,
            "rendering of event_timestamp {sent}"
        );
    }
}

async fn responses_put_id_first(server: &TestServer) {
    let event =
        json!({"event_data": {"k": 1}, "source": {"node_id": NODE_ID}, "event_id": "first"});
    let posted = post_event(server, &event).await;
    assert_eq!(keys(&posted), EVENT_KEYS, "key order of the POST response");
    let (_, fetched) = server.get("/event/first").await;
    assert_eq!(keys(&fetched), EVENT_KEYS, "key order of GET /event/first");
    let (_, listed) = server.get("/events").await;
    assert_eq!(
        keys(&listed["first"]),
        EVENT_KEYS,
        "key order in GET /events"
    );
    let (_, queried) = server.post_json("/events/query", &json!({})).await;
    assert_eq!(
        keys(&queried["first"]),
        EVENT_KEYS,
        "key order in POST /events/query"
    );
}

async fn get_returns_posted_document(server: &TestServer) {
    let event =
        json!({"event_id": "same-text", "event_timestamp": "2026-01-01T10:00:00.123+02:00"});
    let (_, posted) = post_text(server, "/event", &event).await;
    let (status, fetched) = crate::http_common::get_text(server, "/event/same-text").await;
    assert_eq!(status, 200, "GET /event/same-text returned {fetched}");
    assert_eq!(
        fetched, posted,
        "stored document differs from the POST echo"
    );
}

crate::http_conformance!(
    response_bytes_match_upstream,
    event_id_key_accepted,
    underscore_id_wins,
    missing_id_becomes_ulid,
    empty_object_gets_defaults,
    default_timestamp_is_naive,
    event_type_case_insensitive,
    every_event_type_accepted,
    log_level_names_accepted,
    log_level_outside_enum_rejected,
    ownership_fields_in_upstream_order,
    lowercase_ulid_accepted,
    null_source_fields_dropped,
    unknown_source_keys_dropped,
    unknown_top_level_keys_dropped,
    event_data_keeps_any_json,
    event_data_numbers_never_altered,
    megabyte_event_accepted,
    event_data_key_order_kept,
    optional_fields_round_trip,
    timestamp_spellings_rendered,
    responses_put_id_first,
    get_returns_posted_document,
);
