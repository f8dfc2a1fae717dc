//! `madsci-events log`: what it sends, what it prints, and how it fails.

use std::time::Duration;

use serde_json::{Value, json};

use crate::cli_support::{Cli, assert_event_schema, canned_response, canned_server, ulid};
use crate::http_common::total_events;
use crate::support::{Backend, TestServer};

async fn stored(server: &TestServer, id: &str) -> Value {
    let (status, event) = server.get(&format!("/event/{id}")).await;
    assert_eq!(status, 200, "GET /event/{id}: {event}");
    event
}

#[tokio::test]
async fn log_prints_id_and_stores_event() {
    let server = TestServer::start(Backend::Sqlite).await;
    let node = ulid(1);
    let workcell = ulid(2);
    let output = Cli::with_server(&server)
        .args(["log", "disk 91% full", "--level", "warning", "--node-id", &node])
        .args(["--workcell-id", &workcell, "--data", r#"{"mount": "/data"}"#, "--alert"])
        .run();
    output.expect_code(0);
    let lines = output.lines();
    assert_eq!(lines.len(), 1, "one id line: {}", output.stdout);
    let event = stored(&server, lines[0]).await;
    assert_event_schema(&event);
    assert_eq!(event["event_type"], "log_warning");
    assert_eq!(event["log_level"], 30);
    assert_eq!(event["alert"], true);
    assert_eq!(event["source"], json!({"node_id": node, "workcell_id": workcell}));
    assert_eq!(event["event_data"], json!({"message": "disk 91% full", "mount": "/data"}));
    assert!(output.stderr.is_empty(), "stderr: {}", output.stderr);
}

#[tokio::test]
async fn log_sets_every_ownership_field() {
    let server = TestServer::start(Backend::Sqlite).await;
    let fields = [
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
    let mut cli = Cli::with_server(&server).args(["log", "owned"]);
    for (index, field) in fields.iter().enumerate() {
        let flag = format!("--{}", field.replace('_', "-"));
        cli = cli.args([flag, ulid(index as u8)]);
    }
    let output = cli.run();
    output.expect_code(0);
    let event = stored(&server, output.lines()[0]).await;
    for (index, field) in fields.iter().enumerate() {
        assert_eq!(event["source"][field], ulid(index as u8), "source.{field}");
    }
}

#[tokio::test]
async fn log_type_and_numeric_level() {
    let server = TestServer::start(Backend::Sqlite).await;
    let output = Cli::with_server(&server)
        .args(["log", "gripper jam", "-t", "NODE_ERROR", "-l", "40"])
        .run();
    output.expect_code(0);
    let event = stored(&server, output.lines()[0]).await;
    assert_eq!(event["event_type"], "node_error");
    assert_eq!(event["log_level"], 40);
}

#[tokio::test]
async fn log_reads_message_from_stdin() {
    let server = TestServer::start(Backend::Sqlite).await;
    let dash = Cli::with_server(&server).args(["log", "-"]).stdin("from dash\n").run();
    dash.expect_code(0);
    let flag = Cli::with_server(&server).args(["log", "--stdin"]).stdin("from flag\r\n").run();
    flag.expect_code(0);
    let first = stored(&server, dash.lines()[0]).await;
    let second = stored(&server, flag.lines()[0]).await;
    assert_eq!(first["event_data"]["message"], "from dash");
    assert_eq!(second["event_data"]["message"], "from flag");
}

#[tokio::test]
async fn log_lines_one_event_per_line() {
    let server = TestServer::start(Backend::Sqlite).await;
    let output = Cli::with_server(&server)
        .args(["log", "--lines", "--level", "error"])
        .stdin("first\n\nsecond\nthird")
        .run();
    output.expect_code(0);
    let ids = output.lines();
    assert_eq!(ids.len(), 3, "one id per non-empty line: {}", output.stdout);
    for (id, message) in ids.iter().zip(["first", "second", "third"]) {
        let event = stored(&server, id).await;
        assert_eq!(event["event_data"]["message"], message, "message of {id}");
        assert_eq!(event["log_level"], 40, "level of {id}");
    }
}

#[tokio::test]
async fn log_quiet_prints_nothing() {
    let server = TestServer::start(Backend::Sqlite).await;
    let output = Cli::with_server(&server).args(["log", "-q", "quiet one"]).run();
    output.expect_code(0);
    assert_eq!(output.stdout, "");
    assert_eq!(output.stderr, "");
    assert_eq!(total_events(&server).await, 1);
}

#[tokio::test]
async fn log_rejects_invalid_input() {
    let server = TestServer::start(Backend::Sqlite).await;
    let cases: [(&[&str], &str); 6] = [
        (&["log", "x", "--node-id", "abc"], "abc"),
        (&["log", "x", "--level", "loud"], "loud"),
        (&["log", "x", "--type", "bogus"], "bogus"),
        (&["log"], "nothing to log"),
        (&["log", "x", "--data", "[1]"], "--data"),
        (&["log", "x", "--data", "{"], "invalid JSON"),
    ];
    for (args, expected) in cases {
        let output = Cli::with_server(&server).args(args).run();
        assert_eq!(output.code, Some(2), "exit code of {args:?}; stderr: {}", output.stderr);
        assert!(output.stderr.contains(expected), "stderr of {args:?}: {}", output.stderr);
        assert_eq!(output.stdout, "", "stdout of {args:?}");
    }
    assert_eq!(total_events(&server).await, 0, "nothing stored");
}

#[tokio::test]
async fn log_same_id_and_time_is_idempotent() {
    let server = TestServer::start(Backend::Sqlite).await;
    let id = ulid(7);
    let args = ["log", "backup done", "--id", &id, "--timestamp", "2026-04-09T12:00:00Z"];
    Cli::with_server(&server).args(args).run().expect_code(0);
    let again = Cli::with_server(&server).args(args).run();
    again.expect_code(0);
    assert_eq!(again.lines(), [id.as_str()]);
    assert_eq!(total_events(&server).await, 1);
    let event = stored(&server, &id).await;
    assert_eq!(event["event_timestamp"], "2026-04-09T12:00:00Z");

    let other = Cli::with_server(&server)
        .args(["log", "other content", "--id", &id, "--timestamp", "2026-04-09T12:00:00Z"])
        .run();
    other.expect_code(2);
    assert!(other.stderr.contains("already exists"), "stderr: {}", other.stderr);
    assert!(other.stderr.contains(&id), "stderr names the id: {}", other.stderr);
}

#[tokio::test]
async fn log_conflict_is_not_spooled() {
    let server = TestServer::start(Backend::Sqlite).await;
    let id = ulid(8);
    Cli::with_server(&server).args(["log", "one", "--id", &id]).run().expect_code(0);
    let cli = Cli::with_server(&server).args(["log", "two", "--id", &id]);
    let spool = cli.spool_dir();
    let output = cli.run();
    output.expect_code(2);
    assert!(!spool.exists(), "a rejected event is never spooled");
}

#[tokio::test]
async fn log_source_from_environment() {
    let server = TestServer::start(Backend::Sqlite).await;
    let node = ulid(3);
    let output = Cli::with_server(&server)
        .env("EVENT_CLIENT_SOURCE__NODE_ID", &node)
        .args(["log", "from env", "--lab-id", &ulid(4)])
        .run();
    output.expect_code(0);
    let event = stored(&server, output.lines()[0]).await;
    assert_eq!(event["source"], json!({"node_id": node, "lab_id": ulid(4)}));

    let bad = Cli::with_server(&server)
        .env("EVENT_CLIENT_SOURCE__NODE_ID", "not-a-ulid")
        .args(["log", "bad env"])
        .run();
    bad.expect_code(2);
    assert!(bad.stderr.contains("EVENT_CLIENT_SOURCE__NODE_ID"), "stderr: {}", bad.stderr);
}

#[tokio::test]
async fn log_works_without_home() {
    let server = TestServer::start(Backend::Sqlite).await;
    // The builder's environment is empty: no HOME, no USER, no PATH. Without a spool setting
    // the spool is found through XDG_STATE_HOME, pointed into the test's directory so that
    // the user's real spool is never read.
    let cli = Cli::with_server(&server).without_env("EVENT_CLIENT_SPOOL_DIR").without_env("HOME");
    let state = cli.dir().join("state");
    let output =
        cli.env("XDG_STATE_HOME", state.to_str().expect("utf-8")).args(["log", "from cron"]).run();
    output.expect_code(0);
    assert_eq!(output.lines().len(), 1);
    assert_eq!(total_events(&server).await, 1);
}

#[tokio::test]
async fn log_server_from_settings_file() {
    let server = TestServer::start(Backend::Sqlite).await;
    let cli = Cli::new().args(["log", "found by settings"]);
    let settings = format!("event_server_url: \"{}\"\n", server.base);
    std::fs::write(cli.dir().join("settings.yaml"), settings).expect("write settings");
    let output = cli.run();
    output.expect_code(0);
    assert_eq!(total_events(&server).await, 1);
}

#[tokio::test]
async fn log_invalid_server_url() {
    let output = Cli::new().args(["log", "x", "--server", "ftp://user:hunter2@127.0.0.1/"]).run();
    output.expect_code(2);
    assert!(output.stderr.contains("invalid server URL"), "stderr: {}", output.stderr);
    assert!(!output.stderr.contains("hunter2"), "password shown: {}", output.stderr);
}

#[tokio::test]
async fn log_honours_retry_after() {
    let busy =
        canned_response("503 Service Unavailable", "retry-after: 1\r\n", r#"{"detail":"busy"}"#);
    let ok = canned_response("200 OK", "", "{}");
    let (url, arrivals) = canned_server(vec![busy, ok]);
    let output =
        Cli::new().args(["log", "patient", "--server", &url, "--retry-backoff", "0"]).run();
    output.expect_code(0);
    let first = arrivals.recv_timeout(Duration::from_secs(5)).expect("first request");
    let second = arrivals.recv_timeout(Duration::from_secs(5)).expect("second request");
    assert!(
        second.duration_since(first) >= Duration::from_millis(900),
        "the retry came {:?} after the 503, before Retry-After: 1 had passed",
        second.duration_since(first)
    );
}

#[tokio::test]
async fn log_spools_when_retry_after_too_long() {
    let busy = canned_response(
        "429 Too Many Requests",
        "retry-after: 120\r\n",
        r#"{"detail":"slow down"}"#,
    );
    let (url, arrivals) = canned_server(vec![busy]);
    let cli = Cli::new().args(["log", "later", "--server", &url]);
    let spool = cli.spool_dir();
    let output = cli.run();
    output.expect_code(3);
    assert!(output.stderr.contains("429"), "stderr: {}", output.stderr);
    assert!(arrivals.recv_timeout(Duration::from_secs(5)).is_ok(), "one request");
    assert!(arrivals.recv_timeout(Duration::from_millis(200)).is_err(), "no retry");
    let files = std::fs::read_dir(&spool).expect("spool exists").count();
    assert_eq!(files, 1, "one spooled event");
}
