//! `madsci-events health`: exit codes 0 (healthy), 1 (unhealthy), 2 (unreachable).

use crate::cli_support::{Cli, canned_response, canned_server};
use crate::support::{Backend, TestServer};

#[tokio::test]
async fn health_healthy_text_and_json() {
    let server = TestServer::start(Backend::Sqlite).await;
    let text = Cli::with_server(&server).args(["health"]).run();
    text.expect_code(0);
    assert!(text.stdout.contains("healthy"), "stdout: {}", text.stdout);
    assert!(text.stdout.contains("Event Manager is running normally"), "stdout: {}", text.stdout);
    assert!(text.stdout.contains(&server.base), "names the server: {}", text.stdout);

    let json = Cli::with_server(&server).args(["health", "--format", "json"]).run();
    json.expect_code(0);
    let health = json.json();
    let keys: Vec<&str> = health.as_object().expect("object").keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "healthy",
            "description",
            "version",
            "db_connected",
            "total_events",
            "otel_enabled",
            "otel_exporter_type",
            "otel_endpoint"
        ]
    );
    assert_eq!(health["healthy"], true);
    assert_eq!(health["total_events"], 0);
}

#[tokio::test]
async fn health_quiet_prints_nothing() {
    let server = TestServer::start(Backend::Sqlite).await;
    let output = Cli::with_server(&server).args(["health", "-q"]).run();
    output.expect_code(0);
    assert_eq!(output.stdout, "");
    assert_eq!(output.stderr, "");
}

#[tokio::test]
async fn health_unreachable_exits_2() {
    let mut server = TestServer::start(Backend::Sqlite).await;
    assert!(server.terminate());
    let output = Cli::with_server(&server).args(["health", "--retries", "0"]).run();
    output.expect_code(2);
    assert!(output.stderr.starts_with("error: failed to reach"), "stderr: {}", output.stderr);
    assert!(output.stderr.contains("--server"), "says what to do: {}", output.stderr);
}

/// The server cannot be made unhealthy on demand, so a one-request stand-in on 127.0.0.1
/// returns an unhealthy report in the server's shape.
#[tokio::test]
async fn health_unhealthy_exits_1() {
    let body = concat!(
        r#"{"healthy":false,"description":"Database connection failed: timed out","#,
        r#""version":"0.1.0","db_connected":false,"total_events":null}"#
    );
    let (url, _arrivals) = canned_server(vec![canned_response("200 OK", "", body)]);
    let output = Cli::new().args(["health", "--server", &url]).run();
    output.expect_code(1);
    assert!(output.stdout.contains("Database connection failed"), "stdout: {}", output.stdout);
}
