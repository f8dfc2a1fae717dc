//! Routing errors and bad input: every rejection is a JSON 4xx in FastAPI's shape, and a
//! rejected event is never stored.

use serde_json::{Value, json};

use crate::http_common::{client_without_redirects, total_events};
use crate::support::{Backend, ServerOptions, TestServer};

/// The 422 message for an unknown event type, listing every type in upstream's enum order.
const EVENT_TYPE_EXPECTED: &str = "'unknown', 'log', 'log_debug', 'log_info', 'log_warning', \
'log_error', 'log_critical', 'test', 'lab_create', 'lab_start', 'lab_stop', 'node_create', \
'node_start', 'node_stop', 'node_config_update', 'node_status_update', 'node_error', \
'workcell_create', 'workcell_start', 'workcell_stop', 'workcell_config_update', \
'workcell_status_update', 'workflow_create', 'workflow_start', 'workflow_complete', \
'workflow_abort', 'experiment_create', 'experiment_start', 'experiment_complete', \
'experiment_failed', 'experiment_cancelled', 'experiment_pause', 'experiment_continued', \
'campaign_create', 'campaign_start', 'campaign_complete', 'campaign_abort', \
'action_status_change', 'resource_create', 'resource_update', 'resource_delete', \
'resource_allocate', 'resource_release', 'location_create', 'location_update', \
'location_delete', 'attachment_create', 'attachment_delete', 'data_store', 'data_query', \
'data_export', 'manager_start', 'manager_stop', 'manager_error', 'manager_health_check', \
'workflow_step_start', 'workflow_step_complete', 'workflow_step_failed', 'action_start', \
'action_complete', 'action_failed', 'backup_create' or 'backup_restore'";

/// Sends a raw `POST /event` body and checks the status, that the body is JSON with a
/// `detail`, and that nothing was stored. Returns the parsed body.
async fn reject_raw(server: &TestServer, body: impl Into<reqwest::Body>, status: u16) -> Value {
    let before = total_events(server).await;
    let (actual, parsed) = server.post_raw("/event", body).await;
    assert_eq!(
        actual, status,
        "status of the rejected body, which returned {parsed}"
    );
    assert!(
        parsed.get("detail").is_some(),
        "rejection without a JSON `detail`: {parsed}"
    );
    assert_eq!(
        total_events(server).await,
        before,
        "a rejected event was stored"
    );
    parsed
}

async fn unknown_path_404(server: &TestServer) {
    for path in ["/definition", "/", "/events/nothing", "/utilization/users"] {
        let (status, body) = server.get(path).await;
        assert_eq!(status, 404, "GET {path} returned {body}");
        assert_eq!(
            body,
            json!({"detail": "Not Found"}),
            "404 body of GET {path}"
        );
    }
}

async fn wrong_method_405(server: &TestServer) {
    let cases = [
        (reqwest::Method::GET, "/event"),
        (reqwest::Method::DELETE, "/event/some-id"),
        (reqwest::Method::PUT, "/events"),
        (reqwest::Method::GET, "/events/query"),
        (reqwest::Method::GET, "/events/archive"),
        (reqwest::Method::POST, "/health"),
    ];
    for (method, path) in cases {
        let response = server
            .client
            .request(method.clone(), server.url(path))
            .send()
            .await;
        let response = response.expect("send request");
        let status = response.status().as_u16();
        let body: Value = response.json().await.unwrap_or(Value::Null);
        assert_eq!(status, 405, "{method} {path} returned {body}");
        assert_eq!(
            body,
            json!({"detail": "Method Not Allowed"}),
            "405 body of {method} {path}"
        );
    }
}

async fn trailing_slash_redirects(server: &TestServer) {
    let client = client_without_redirects();
    let cases = [
        (reqwest::Method::GET, "/events/", "/events"),
        (
            reqwest::Method::GET,
            "/events/?number=1&level=30",
            "/events?number=1&level=30",
        ),
        (reqwest::Method::GET, "/health/", "/health"),
        (reqwest::Method::POST, "/event/", "/event"),
    ];
    for (method, path, target) in cases {
        let response = client
            .request(method.clone(), server.url(path))
            .send()
            .await;
        let response = response.expect("send request");
        assert_eq!(response.status().as_u16(), 307, "status of {method} {path}");
        let location = response
            .headers()
            .get("location")
            .and_then(|value| value.to_str().ok());
        let location = location.unwrap_or_default();
        assert!(
            location.ends_with(target),
            "{method} {path} redirects to `{location}`"
        );
    }
}

async fn malformed_json_422(server: &TestServer) {
    let body = reject_raw(server, "not json", 422).await;
    assert_eq!(
        body["detail"][0]["type"], "json_invalid",
        "error type in {body}"
    );
    assert_eq!(
        body["detail"][0]["msg"], "JSON decode error",
        "error msg in {body}"
    );
    assert_eq!(
        body["detail"][0]["input"],
        json!({}),
        "error input in {body}"
    );
}

async fn json_error_positions(server: &TestServer) {
    // The character offsets that Python's `json` module, and so upstream, reports.
    let cases = [
        ("not json", 0),
        (r#"{"event_type": "log""#, 20),
        (r#"{"a": 1,}"#, 8),
        (r#"{"a" 1}"#, 5),
        ("   x", 3),
    ];
    for (text, position) in cases {
        let body = reject_raw(server, text, 422).await;
        let loc = &body["detail"][0]["loc"];
        assert_eq!(
            loc,
            &json!(["body", position]),
            "error loc for the body {text:?}"
        );
    }
}

async fn lone_surrogate_rejected(server: &TestServer) {
    let body = reject_raw(server, r#"{"event_data": {"m": "\ud800"}}"#, 422).await;
    assert_eq!(
        body["detail"][0]["type"], "json_invalid",
        "error type in {body}"
    );
}

async fn truncated_json_422(server: &TestServer) {
    let body = reject_raw(server, r#"{"event_type": "log""#, 422).await;
    assert_eq!(
        body["detail"][0]["type"], "json_invalid",
        "error type in {body}"
    );
}

async fn wrong_field_types_422(server: &TestServer) {
    let cases = [
        (json!({"log_level": "loud"}), json!(["body", "log_level"])),
        (json!({"alert": "maybe"}), json!(["body", "alert"])),
        (json!({"source": "x"}), json!(["body", "source"])),
        (
            json!({"source": {"node_id": 5}}),
            json!(["body", "source", "node_id"]),
        ),
        (json!({"event_type": 5}), json!(["body", "event_type"])),
        (
            json!({"event_timestamp": "soon"}),
            json!(["body", "event_timestamp"]),
        ),
        (
            json!({"event_timestamp": true}),
            json!(["body", "event_timestamp"]),
        ),
        (
            json!({"event_timestamp": null}),
            json!(["body", "event_timestamp"]),
        ),
        (
            json!({"event_timestamp": "2026-02-30T00:00:00"}),
            json!(["body", "event_timestamp"]),
        ),
        (
            json!({"event_timestamp": "2026-01-01T25:00:00"}),
            json!(["body", "event_timestamp"]),
        ),
        (json!({"trace_id": 5}), json!(["body", "trace_id"])),
        (json!({"_id": 5}), json!(["body", "_id"])),
        (
            json!({"archived": "sometimes"}),
            json!(["body", "archived"]),
        ),
    ];
    for (event, loc) in cases {
        let body = reject_raw(server, event.to_string(), 422).await;
        assert_eq!(
            body["detail"][0]["loc"], loc,
            "error loc for {event}: {body}"
        );
    }
}

async fn every_bad_field_reported(server: &TestServer) {
    let event = json!({"log_level": "loud", "alert": "maybe", "source": "x"});
    let body = reject_raw(server, event.to_string(), 422).await;
    let locations = crate::http_common::error_locations(&body);
    assert_eq!(
        locations.len(),
        3,
        "errors reported for three bad fields: {body}"
    );
}

async fn unknown_event_type_422(server: &TestServer) {
    let body = reject_raw(server, r#"{"event_type":"not_a_type"}"#, 422).await;
    let expected = json!({"detail": [{
        "type": "enum",
        "loc": ["body", "event_type"],
        "msg": format!("Input should be {EVENT_TYPE_EXPECTED}"),
        "input": "not_a_type",
        "ctx": {"expected": EVENT_TYPE_EXPECTED},
    }]});
    assert_eq!(body, expected, "422 body for an unknown event type");
}

async fn invalid_ulid_422(server: &TestServer) {
    let event = r#"{"event_type":"log_info","source":{"node_id":"not-a-ulid"}}"#;
    let body = reject_raw(server, event, 422).await;
    let expected = json!({"detail": [{
        "type": "value_error",
        "loc": ["body", "source", "node_id"],
        "msg": "Value error, Invalid ULID not-a-ulid for field node_id",
        "input": "not-a-ulid",
        "ctx": {"error": {}},
    }]});
    assert_eq!(body, expected, "422 body for an invalid ULID");
}

async fn ulid_outside_range_422(server: &TestServer) {
    // A first character above 7 does not fit in 128 bits; `I` is not in the alphabet.
    for id in [
        "81M90V2W7QHNBC810AP00DWNXW",
        "01M90V2W7QHNBC810AP00DWNXI",
        "01M90V2W7QHN",
    ] {
        let event = json!({"source": {"workflow_id": id}});
        let body = reject_raw(server, event.to_string(), 422).await;
        let msg = format!("Value error, Invalid ULID {id} for field workflow_id");
        assert_eq!(body["detail"][0]["msg"], msg, "error msg for `{id}`");
    }
}

async fn deep_nesting_rejected(server: &TestServer) {
    let depth = 10_000;
    let body = format!(
        r#"{{"event_data": {}{}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let parsed = reject_raw(server, body, 422).await;
    assert_eq!(
        parsed["detail"][0]["type"], "json_invalid",
        "error type in {parsed}"
    );
    let (status, _) = server.get("/health").await;
    assert_eq!(status, 200, "server unhealthy after a deeply nested body");
}

async fn non_finite_numbers_rejected(server: &TestServer) {
    for literal in ["NaN", "Infinity", "-Infinity"] {
        let body = format!(r#"{{"event_data": {{"value": {literal}}}}}"#);
        let parsed = reject_raw(server, body, 422).await;
        assert_eq!(
            parsed["detail"][0]["type"], "json_invalid",
            "error type for {literal}"
        );
    }
}

async fn invalid_utf8_rejected(server: &TestServer) {
    let mut body = br#"{"event_data": {"message": "bad "#.to_vec();
    body.extend_from_slice(&[0xff, 0xfe, 0xc3]);
    body.extend_from_slice(br#""}}"#);
    let parsed = reject_raw(server, body, 422).await;
    assert_eq!(
        parsed["detail"][0]["type"], "json_invalid",
        "error type in {parsed}"
    );
}

async fn array_body_rejected(server: &TestServer) {
    let body = reject_raw(server, r#"[{"event_type": "log"}]"#, 422).await;
    assert_eq!(
        body["detail"][0]["loc"],
        json!(["body"]),
        "error loc in {body}"
    );
}

async fn scalar_body_rejected(server: &TestServer) {
    for text in [r#""event""#, "5", "null", "true"] {
        let body = reject_raw(server, text, 422).await;
        assert_eq!(
            body["detail"][0]["loc"],
            json!(["body"]),
            "error loc for body {text}"
        );
    }
}

async fn empty_body_422(server: &TestServer) {
    for text in ["", "   \n"] {
        let body = reject_raw(server, text, 422).await;
        let expected = json!({"detail": [{
            "type": "missing", "loc": ["body"], "msg": "Field required", "input": null,
        }]});
        assert_eq!(body, expected, "422 body for the body {text:?}");
    }
}

async fn errors_are_json(server: &TestServer) {
    let response = server
        .client
        .post(server.url("/event"))
        .body("not json")
        .send()
        .await;
    let response = response.expect("POST /event");
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok());
    assert_eq!(
        content_type,
        Some("application/json"),
        "content type of a 422"
    );
}

async fn start_with_small_body_limit() -> TestServer {
    let env = vec![("EVENT_MAX_BODY_BYTES".to_owned(), "1024".to_owned())];
    TestServer::start_with(
        Backend::Sqlite,
        ServerOptions {
            args: Vec::new(),
            env,
        },
    )
    .await
}

fn oversized_event() -> String {
    json!({"event_type": "log", "event_data": {"blob": "x".repeat(2000)}}).to_string()
}

#[tokio::test]
async fn oversized_body_413() {
    let server = start_with_small_body_limit().await;
    let body = reject_raw(&server, oversized_event(), 413).await;
    assert!(
        body["detail"].is_string(),
        "413 detail is not a string: {body}"
    );
}

/// Builds a chunked body, so the server learns its size only while reading it.
fn chunked_oversized_event() -> reqwest::Body {
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = oversized_event()
        .into_bytes()
        .chunks(100)
        .map(|chunk| Ok(chunk.to_vec()))
        .collect();
    reqwest::Body::wrap_stream(futures_util::stream::iter(chunks))
}

/// Sends an oversized `POST /event` on a client of its own, so a connection that the server
/// closes afterwards is never reused, and returns the response.
async fn post_oversized(server: &TestServer, body: reqwest::Body) -> reqwest::Response {
    let client = reqwest::Client::new();
    let request = client
        .post(server.url("/event"))
        .header("content-type", "application/json");
    request.body(body).send().await.expect("POST /event")
}

#[tokio::test]
async fn oversized_chunked_body_413() {
    let server = start_with_small_body_limit().await;
    let before = total_events(&server).await;
    let response = post_oversized(&server, chunked_oversized_event()).await;
    assert_eq!(
        response.status().as_u16(),
        413,
        "status of an oversized chunked body"
    );
    let body: Value = response.json().await.unwrap_or(Value::Null);
    assert!(
        body["detail"].is_string(),
        "413 detail is not a string: {body}"
    );
    assert_eq!(
        total_events(&server).await,
        before,
        "an oversized event was stored"
    );
}

#[tokio::test]
async fn oversized_chunked_body_closes_connection() {
    // The server rejects a chunked body before reading all of it and then drops the
    // connection. Without `connection: close` on the 413, a client reuses the connection and
    // its next request fails with an incomplete message.
    let server = start_with_small_body_limit().await;
    let response = post_oversized(&server, chunked_oversized_event()).await;
    let connection = response
        .headers()
        .get("connection")
        .and_then(|v| v.to_str().ok());
    assert_eq!(
        connection,
        Some("close"),
        "connection header on the 413 for a chunked body"
    );
}

#[tokio::test]
async fn small_body_under_limit_accepted() {
    let server = start_with_small_body_limit().await;
    let (status, body) = server
        .post_json("/event", &json!({"event_data": {"ok": true}}))
        .await;
    assert_eq!(status, 200, "a small event returned {body}");
}

#[tokio::test]
async fn oversized_query_413() {
    let server = start_with_small_body_limit().await;
    let selector = json!({"event_data.blob": "x".repeat(2000)});
    let (status, body) = server.post_json("/events/query", &selector).await;
    assert_eq!(status, 413, "an oversized selector returned {body}");
}

crate::http_conformance!(
    unknown_path_404,
    wrong_method_405,
    trailing_slash_redirects,
    malformed_json_422,
    json_error_positions,
    lone_surrogate_rejected,
    truncated_json_422,
    wrong_field_types_422,
    every_bad_field_reported,
    unknown_event_type_422,
    invalid_ulid_422,
    ulid_outside_range_422,
    deep_nesting_rejected,
    non_finite_numbers_rejected,
    invalid_utf8_rejected,
    array_body_rejected,
    scalar_body_rejected,
    empty_body_422,
    errors_are_json,
);
