//! Retention on every backend: a server started with `retention_enabled` archives old events
//! and deletes long-archived ones in its first pass.

use std::process::Stdio;
use std::time::{Duration, Instant};

use chrono::Utc;
use serde_json::json;

use crate::http_common::post_event;
use crate::support::{Backend, ServerOptions, StoreArgs, TestServer, free_port};

fn retention_options() -> ServerOptions {
    let env = [
        ("EVENT_RETENTION_ENABLED", "true"),
        ("EVENT_SOFT_DELETE_AFTER_DAYS", "30"),
        ("EVENT_HARD_DELETE_AFTER_DAYS", "30"),
    ];
    let env = env.iter().map(|(name, value)| (name.to_string(), value.to_string())).collect();
    ServerOptions { args: vec!["--naive-timezone".into(), "UTC".into()], env }
}

/// Posts four events on a server without retention, then starts one with retention on the
/// same events and checks what its first pass did.
async fn first_pass_archives_and_deletes(backend: Backend) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = StoreArgs::fresh(backend, dir.path());
    let mut seeding = TestServer::start_on(&store, ServerOptions::default()).await;
    let yesterday = (Utc::now() - chrono::Duration::days(1)).to_rfc3339();
    let events = [
        json!({"_id": "old", "event_timestamp": "2020-01-01T00:00:00Z"}),
        json!({"_id": "recent", "event_timestamp": yesterday}),
        json!({"_id": "long_archived", "event_timestamp": "2020-01-01T00:00:00Z",
               "archived": true, "archived_at": "2020-02-01T00:00:00Z"}),
        json!({"_id": "just_archived", "event_timestamp": "2020-01-01T00:00:00Z",
               "archived": true, "archived_at": yesterday}),
    ];
    for event in &events {
        post_event(&seeding, event).await;
    }
    assert!(seeding.terminate(), "the seeding server exits cleanly");

    let server = TestServer::start_on(&store, retention_options()).await;
    // The first pass archives, then deletes; wait until both steps show.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (_, old) = server.get("/event/old").await;
        let (deleted, _) = server.get("/event/long_archived").await;
        if old["archived"] == true && deleted == 404 {
            break;
        }
        let stderr = server.stderr();
        assert!(Instant::now() < deadline, "retention did not run: old = {old}\n{stderr}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (status, body) = server.get("/event/just_archived").await;
    assert_eq!(status, 200, "an event archived yesterday was deleted: {body}");
    let (_, recent) = server.get("/event/recent").await;
    assert_eq!(recent["archived"], false, "an event from yesterday was archived: {recent}");
    let (_, old) = server.get("/event/old").await;
    let archived_at = old["archived_at"].as_str().expect("archived_at is set");
    assert!(
        archived_at.starts_with(&Utc::now().format("%Y-%m-%d").to_string()),
        "archived_at of `old` is not today: {archived_at}"
    );
}

#[tokio::test]
async fn first_pass_sqlite() {
    first_pass_archives_and_deletes(Backend::Sqlite).await;
}

#[tokio::test]
async fn first_pass_mongo() {
    first_pass_archives_and_deletes(Backend::Mongo).await;
}

#[tokio::test]
async fn zero_days_rejected_at_start() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_madsci-events"))
        .current_dir(dir.path())
        .args(["serve", "--listen", &format!("127.0.0.1:{}", free_port())])
        .env("MADSCI_SETTINGS_DIR", dir.path())
        .env("EVENT_RETENTION_ENABLED", "true")
        .env("EVENT_SOFT_DELETE_AFTER_DAYS", "0")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .output();
    let output = tokio::time::timeout(Duration::from_secs(30), output).await;
    let output = output.expect("a refused start ends").expect("run madsci-events serve");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "exit status; stderr:\n{stderr}");
    assert!(
        stderr.contains("invalid setting `soft_delete_after_days` = `0`: must be at least 1"),
        "stderr:\n{stderr}"
    );
}
