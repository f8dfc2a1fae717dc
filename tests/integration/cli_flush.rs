//! The spool: `log` keeps events while the server is away, and the next `log` or `flush`
//! delivers them with their original ids.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::json;
use tempfile::TempDir;

use crate::cli_support::{Cli, ulid};
use crate::http_common::total_events;
use crate::support::{Backend, TestServer};

/// A spool directory shared by several runs.
fn shared_spool() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let spool = dir.path().join("spool");
    (dir, spool)
}

/// A run against `server` (stopped or not) using the shared spool and fast retries.
fn cli(server: &TestServer, spool: &Path) -> Cli {
    Cli::with_server(server)
        .env("EVENT_CLIENT_SPOOL_DIR", spool.to_str().expect("utf-8"))
        .env("EVENT_CLIENT_RETRY_BACKOFF_FACTOR", "0.01")
}

fn spooled_files(spool: &Path) -> usize {
    match std::fs::read_dir(spool) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .filter(|entry| entry.path().extension().is_some_and(|extension| extension == "json"))
            .count(),
        Err(_) => 0,
    }
}

async fn message_of(server: &TestServer, id: &str) -> String {
    let (status, event) = server.get(&format!("/event/{id}")).await;
    assert_eq!(status, 200, "GET /event/{id} on the new server: {event}");
    event["event_data"]["message"].as_str().expect("message").to_owned()
}

#[tokio::test]
async fn spool_survives_server_stop_mid_run() {
    let (_dir, spool) = shared_spool();
    let mut first = TestServer::start(Backend::Sqlite).await;
    let mut running = cli(&first, &spool).args(["log", "--lines"]).spawn_piped();
    running.write_line("delivered");
    let delivered = running.next_line(Duration::from_secs(10)).expect("id of the first line");

    assert!(first.terminate(), "the server stopped cleanly");
    running.write_line("while down 1");
    let down_1 = running.next_line(Duration::from_secs(10)).expect("id of a spooled line");
    running.write_line("while down 2");
    let down_2 = running.next_line(Duration::from_secs(10)).expect("id of a spooled line");
    running.close_stdin();
    let (code, stderr) = running.wait(Duration::from_secs(20));
    assert_eq!(code, Some(3), "exit code 3 says events were spooled; stderr: {stderr}");
    assert!(stderr.contains("spooled"), "stderr: {stderr}");
    assert_eq!(spooled_files(&spool), 2, "the two lines sent while down are spooled");

    let second = TestServer::start(Backend::Sqlite).await;
    let flush = cli(&second, &spool).args(["flush"]).run();
    flush.expect_code(0);
    assert!(flush.stdout.contains("delivered 2 spooled events"), "stdout: {}", flush.stdout);
    assert_eq!(message_of(&second, &down_1).await, "while down 1");
    assert_eq!(message_of(&second, &down_2).await, "while down 2");
    let (status, _) = second.get(&format!("/event/{delivered}")).await;
    assert_eq!(status, 404, "the first line went to the first server only");
    assert_eq!(spooled_files(&spool), 0, "the spool is empty");
}

#[tokio::test]
async fn next_log_delivers_spool() {
    let (_dir, spool) = shared_spool();
    let mut first = TestServer::start(Backend::Sqlite).await;
    assert!(first.terminate());
    let down = cli(&first, &spool).args(["log", "while down", "--level", "error"]).run();
    down.expect_code(3);
    let id = down.lines()[0].to_owned();
    assert!(down.stderr.contains("flush"), "stderr says how it gets delivered: {}", down.stderr);
    assert_eq!(spooled_files(&spool), 1);

    let second = TestServer::start(Backend::Sqlite).await;
    let after = cli(&second, &spool).args(["log", "server is back"]).run();
    after.expect_code(0);
    assert_eq!(message_of(&second, &id).await, "while down");
    let (_, event) = second.get(&format!("/event/{id}")).await;
    assert_eq!(event["log_level"], 40, "the spooled event keeps its content");
    assert_eq!(total_events(&second).await, 2);
    assert_eq!(spooled_files(&spool), 0);
}

#[tokio::test]
async fn flush_reports_and_is_idempotent() {
    let (_dir, spool) = shared_spool();
    let mut first = TestServer::start(Backend::Sqlite).await;
    assert!(first.terminate());
    let mut ids = Vec::new();
    for message in ["a", "b"] {
        let output = cli(&first, &spool).args(["log", message, "--retries", "0"]).run();
        output.expect_code(3);
        ids.push(output.lines()[0].to_owned());
    }

    let down = cli(&first, &spool).args(["flush", "--format", "json", "--retries", "0"]).run();
    down.expect_code(3);
    assert_eq!(down.json(), json!({"delivered": 0, "rejected": 0, "remaining": 2}));
    assert_eq!(spooled_files(&spool), 2, "nothing is lost while the server is down");

    let second = TestServer::start(Backend::Sqlite).await;
    let flushed = cli(&second, &spool).args(["flush", "--format", "json"]).run();
    flushed.expect_code(0);
    assert_eq!(flushed.json(), json!({"delivered": 2, "rejected": 0, "remaining": 0}));
    assert_eq!(message_of(&second, &ids[0]).await, "a");
    assert_eq!(message_of(&second, &ids[1]).await, "b");

    let empty = cli(&second, &spool).args(["flush", "--format", "json"]).run();
    empty.expect_code(0);
    assert_eq!(empty.json(), json!({"delivered": 0, "rejected": 0, "remaining": 0}));
}

#[tokio::test]
async fn flush_sets_rejected_events_aside() {
    let (_dir, spool) = shared_spool();
    let mut first = TestServer::start(Backend::Sqlite).await;
    assert!(first.terminate());
    let id = ulid(9);
    cli(&first, &spool)
        .args(["log", "spooled", "--id", &id, "--retries", "0"])
        .run()
        .expect_code(3);

    let second = TestServer::start(Backend::Sqlite).await;
    let (status, _) = second.post_json("/event", &json!({"_id": id, "event_data": "other"})).await;
    assert_eq!(status, 200);
    let flush = cli(&second, &spool).args(["flush"]).run();
    flush.expect_code(2);
    assert!(flush.stderr.contains(&id), "stderr names the event: {}", flush.stderr);
    assert!(flush.stderr.contains("already exists"), "stderr: {}", flush.stderr);
    assert_eq!(spooled_files(&spool), 0, "the rejected event left the queue");
    let rejected: Vec<String> = std::fs::read_dir(spool.join("rejected"))
        .expect("rejected folder")
        .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(rejected.len(), 2, "the event and its reason: {rejected:?}");
    assert!(rejected.iter().any(|name| name.ends_with(".reason")), "{rejected:?}");

    let again = cli(&second, &spool).args(["flush"]).run();
    again.expect_code(0);
}

#[tokio::test]
async fn no_spool_fails_instead() {
    let (_dir, spool) = shared_spool();
    let mut server = TestServer::start(Backend::Sqlite).await;
    assert!(server.terminate());
    let output = cli(&server, &spool).args(["log", "lost?", "--no-spool", "--retries", "1"]).run();
    output.expect_code(2);
    assert!(output.stderr.contains("failed to reach"), "stderr: {}", output.stderr);
    assert!(output.stderr.contains(&server.base), "stderr names the server: {}", output.stderr);
    assert_eq!(output.stdout, "");
    assert_eq!(spooled_files(&spool), 0);
}

#[cfg(unix)]
#[tokio::test]
async fn spool_is_private_to_user() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, spool) = shared_spool();
    let mut server = TestServer::start(Backend::Sqlite).await;
    assert!(server.terminate());
    cli(&server, &spool).args(["log", "secret lab data", "--retries", "0"]).run().expect_code(3);
    let mode = std::fs::metadata(&spool).expect("spool").permissions().mode() & 0o777;
    assert_eq!(mode, 0o700, "spool directory mode");
}
