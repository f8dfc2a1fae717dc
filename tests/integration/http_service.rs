//! Service endpoints: `/health`, `/settings`, `/openapi.json`, `/docs`, and CORS.

use serde_json::{Value, json};

use crate::http_common::{archive_ids, get_text, keys, post_at};
use crate::support::{Backend, ServerOptions, TestServer};

const REDACTED: &str = "***REDACTED***";

/// The paths upstream 0.8.1 serves for events, health and settings.
const API_PATHS: [&str; 8] = [
    "/event",
    "/event/{event_id}",
    "/events",
    "/events/query",
    "/events/archive",
    "/events/archived",
    "/health",
    "/settings",
];

async fn health_keys_in_order(server: &TestServer) {
    let (status, body) = server.get("/health").await;
    assert_eq!(status, 200, "GET /health returned {body}");
    let expected = [
        "healthy",
        "description",
        "version",
        "db_connected",
        "total_events",
        "otel_enabled",
        "otel_exporter_type",
        "otel_endpoint",
    ];
    assert_eq!(keys(&body), expected, "keys of {body}");
}

async fn health_reports_running(server: &TestServer) {
    let (_, body) = server.get("/health").await;
    assert_eq!(body["healthy"], true, "healthy in {body}");
    assert_eq!(body["db_connected"], true, "db_connected in {body}");
    assert_eq!(
        body["description"], "Event Manager is running normally",
        "description in {body}"
    );
    assert!(
        body["version"].is_string(),
        "version is not a string in {body}"
    );
}

async fn health_counts_archived(server: &TestServer) {
    post_at(server, "a", "2026-01-01T08:00:00Z", 20).await;
    post_at(server, "b", "2026-01-01T08:10:00Z", 20).await;
    archive_ids(server, &["a"]).await;
    let (_, body) = server.get("/health").await;
    assert_eq!(
        body["total_events"], 2,
        "total_events counts archived events too: {body}"
    );
}

async fn settings_shape(server: &TestServer) {
    let (status, body) = server.get("/settings").await;
    assert_eq!(status, 200, "GET /settings returned {body}");
    assert_eq!(keys(&body), ["settings"], "top-level keys of {body}");
    let settings = &body["settings"];
    // A MongoDB test server runs on a database of its own; others keep the default name.
    let database = server.database.as_deref().unwrap_or("madsci_events");
    assert_eq!(settings["database_name"], database, "database_name in {body}");
    assert_eq!(
        settings["collection_name"], "events",
        "collection_name in {body}"
    );
    assert_eq!(settings["alert_level"], 40, "alert_level in {body}");
    assert_eq!(
        settings["archive_batch_size"], 1000,
        "archive_batch_size in {body}"
    );
    assert_eq!(
        settings["email_alerts"],
        Value::Null,
        "email_alerts in {body}"
    );
    assert_eq!(
        settings["manager_type"], "event_manager",
        "manager_type in {body}"
    );
}

async fn settings_manager_id_is_ulid(server: &TestServer) {
    let (_, first) = server.get("/settings").await;
    let manager_id = first["settings"]["manager_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        ulid::Ulid::from_string(&manager_id).is_ok(),
        "manager_id `{manager_id}`"
    );
    let (_, second) = server.get("/settings").await;
    assert_eq!(
        second["settings"]["manager_id"],
        json!(manager_id),
        "manager_id changed"
    );
}

async fn settings_redact_database_url(server: &TestServer) {
    let (_, body) = server.get("/settings").await;
    assert_eq!(
        body["settings"]["document_db_url"], REDACTED,
        "document_db_url in {body}"
    );
}

async fn settings_backup_dir_absolute(server: &TestServer) {
    let (_, body) = server.get("/settings").await;
    let backup_dir = body["settings"]["backup_dir"].as_str().unwrap_or_default();
    assert!(
        backup_dir.starts_with('/'),
        "backup_dir `{backup_dir}` is not absolute"
    );
}

async fn settings_schema_on_request(server: &TestServer) {
    let (status, body) = server.get("/settings?include_schema=true").await;
    assert_eq!(status, 200, "include_schema=true returned {body}");
    assert_eq!(
        body["schema_title"], "EventManagerSettings",
        "schema_title in {body}"
    );
    assert!(
        body["schema"].is_object(),
        "schema is not an object in {body}"
    );
}

async fn settings_without_defaults(server: &TestServer) {
    let (status, body) = server.get("/settings?include_defaults=false").await;
    assert_eq!(status, 200, "include_defaults=false returned {body}");
    let settings = &body["settings"];
    // A MongoDB test server runs on a database of its own, which is not the default.
    match server.database.as_deref() {
        None => assert!(
            settings.get("database_name").is_none(),
            "default database_name listed: {body}"
        ),
        Some(database) => assert_eq!(
            settings["database_name"], database,
            "database_name in {body}"
        ),
    }
    assert_eq!(
        settings["document_db_url"], REDACTED,
        "document_db_url in {body}"
    );
}

async fn openapi_lists_paths(server: &TestServer) {
    let response = server
        .client
        .get(server.url("/openapi.json"))
        .send()
        .await
        .expect("GET");
    assert_eq!(response.status().as_u16(), 200, "status of /openapi.json");
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok());
    assert_eq!(
        content_type,
        Some("application/json"),
        "content type of /openapi.json"
    );
    let document: Value = response.json().await.expect("/openapi.json is JSON");
    assert_eq!(document["info"]["title"], "EventManager", "info.title");
    for path in API_PATHS {
        assert!(
            document["paths"].get(path).is_some(),
            "/openapi.json lacks the path {path}"
        );
    }
}

async fn docs_pages_self_contained(server: &TestServer) {
    for path in ["/docs", "/redoc"] {
        let response = server
            .client
            .get(server.url(path))
            .send()
            .await
            .expect("GET");
        assert_eq!(response.status().as_u16(), 200, "status of {path}");
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok());
        let content_type = content_type.unwrap_or_default().to_owned();
        assert!(
            content_type.starts_with("text/html"),
            "content type of {path}: {content_type}"
        );
        let page = response.text().await.expect("read page");
        assert!(
            !page.contains("http://"),
            "{path} refers to an http:// address"
        );
        assert!(
            !page.contains("https://"),
            "{path} refers to an https:// address"
        );
    }
}

async fn cors_preflight_allows_any_origin(server: &TestServer) {
    let response = server
        .client
        .request(reqwest::Method::OPTIONS, server.url("/event"))
        .header("origin", "http://example.test")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .expect("OPTIONS /event");
    assert_eq!(response.status().as_u16(), 200, "status of the preflight");
    let header = |name: &str| {
        let value = response
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok());
        value.unwrap_or_default().to_ascii_lowercase()
    };
    assert_eq!(header("access-control-allow-origin"), "*", "allowed origin");
    let methods = header("access-control-allow-methods");
    assert!(
        methods == "*" || methods.contains("post"),
        "allowed methods `{methods}`"
    );
    assert!(
        header("access-control-allow-credentials") != "true",
        "credentials are allowed"
    );
}

async fn cors_header_on_responses(server: &TestServer) {
    let response = server
        .client
        .get(server.url("/events"))
        .header("origin", "http://dashboard.test")
        .send()
        .await
        .expect("GET /events");
    let origin = response.headers().get("access-control-allow-origin");
    assert_eq!(
        origin.and_then(|v| v.to_str().ok()),
        Some("*"),
        "allowed origin on GET /events"
    );
}

async fn cors_header_on_errors(server: &TestServer) {
    for path in ["/events?number=abc", "/event/missing", "/no/such/path"] {
        let request = server
            .client
            .get(server.url(path))
            .header("origin", "http://dashboard.test");
        let response = request.send().await.expect("GET");
        let origin = response.headers().get("access-control-allow-origin");
        assert_eq!(
            origin.and_then(|v| v.to_str().ok()),
            Some("*"),
            "allowed origin on GET {path}"
        );
    }
}

async fn post_event_answers_200(server: &TestServer) {
    let (status, text) = crate::http_common::post_text(server, "/event", &json!({})).await;
    assert_eq!(status, 200, "POST /event must answer 200, not 201: {text}");
}

async fn events_content_type_json(server: &TestServer) {
    for path in [
        "/events",
        "/event/missing",
        "/events/archived",
        "/health",
        "/settings",
    ] {
        let response = server
            .client
            .get(server.url(path))
            .send()
            .await
            .expect("GET");
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok());
        assert_eq!(
            content_type,
            Some("application/json"),
            "content type of GET {path}"
        );
    }
}

#[tokio::test]
async fn settings_hide_smtp_password() {
    let env = vec![
        (
            "EVENT_EMAIL_ALERTS__SMTP_SERVER".to_owned(),
            "127.0.0.1".to_owned(),
        ),
        (
            "EVENT_EMAIL_ALERTS__SMTP_USERNAME".to_owned(),
            "lab-alerts".to_owned(),
        ),
        (
            "EVENT_EMAIL_ALERTS__SMTP_PASSWORD".to_owned(),
            "hunter2".to_owned(),
        ),
    ];
    let args = vec!["--log-level".to_owned(), "trace".to_owned()];
    let server = TestServer::start_with(Backend::Sqlite, ServerOptions { args, env }).await;
    let (status, text) = get_text(&server, "/settings").await;
    assert_eq!(status, 200, "GET /settings returned {text}");
    assert!(
        !text.contains("hunter2"),
        "/settings shows the SMTP password: {text}"
    );
    let body: Value = serde_json::from_str(&text).expect("settings are JSON");
    let email = &body["settings"]["email_alerts"];
    assert_eq!(
        email["smtp_server"], "127.0.0.1",
        "the SMTP settings were not read: {text}"
    );
    assert_eq!(email["smtp_password"], REDACTED, "smtp_password in {text}");
    assert_eq!(email["smtp_username"], REDACTED, "smtp_username in {text}");
}

#[tokio::test]
async fn logs_hide_smtp_password() {
    let env = vec![
        (
            "EVENT_EMAIL_ALERTS__SMTP_SERVER".to_owned(),
            "127.0.0.1".to_owned(),
        ),
        (
            "EVENT_EMAIL_ALERTS__SMTP_PORT".to_owned(),
            crate::support::free_port().to_string(),
        ),
        (
            "EVENT_EMAIL_ALERTS__SMTP_PASSWORD".to_owned(),
            "hunter2".to_owned(),
        ),
        (
            "EVENT_EMAIL_ALERTS__EMAIL_ADDRESSES".to_owned(),
            "[\"ops@lab.test\"]".to_owned(),
        ),
    ];
    let args = vec!["--log-level".to_owned(), "trace".to_owned()];
    let mut server = TestServer::start_with(Backend::Sqlite, ServerOptions { args, env }).await;
    let alert = json!({"event_type": "log_error", "log_level": 50, "alert": true});
    let (status, body) = server.post_json("/event", &alert).await;
    assert_eq!(status, 200, "alert event returned {body}");
    server.get("/settings").await;
    server.terminate();
    let stderr = server.stderr();
    assert!(
        stderr.contains("listening"),
        "the server logged nothing: {stderr}"
    );
    assert!(
        !stderr.contains("hunter2"),
        "the server log shows the SMTP password: {stderr}"
    );
}

crate::http_conformance!(
    health_keys_in_order,
    health_reports_running,
    health_counts_archived,
    settings_shape,
    settings_manager_id_is_ulid,
    settings_redact_database_url,
    settings_backup_dir_absolute,
    settings_schema_on_request,
    settings_without_defaults,
    openapi_lists_paths,
    docs_pages_self_contained,
    cors_preflight_allows_any_origin,
    cors_header_on_responses,
    cors_header_on_errors,
    post_event_answers_200,
    events_content_type_json,
);
