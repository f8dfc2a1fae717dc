//! `madsci-events archive`: confirmation, ids, dates and the report.

use serde_json::json;

use crate::cli_support::{Cli, seed_events};
use crate::support::{Backend, TestServer};

async fn seed(server: &TestServer) {
    let events = (1..=5)
        .map(|n| {
            let timestamp = format!("2026-01-0{n}T00:00:00Z");
            json!({"_id": format!("e{n}"), "event_timestamp": timestamp})
        })
        .collect();
    seed_events(server, events).await;
}

async fn archived_ids(server: &TestServer) -> Vec<String> {
    let (status, listed) = server.get("/events/archived?number=0").await;
    assert_eq!(status, 200);
    let mut ids: Vec<String> = listed.as_object().expect("map").keys().cloned().collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn archive_without_terminal_needs_yes() {
    let server = TestServer::start(Backend::Sqlite).await;
    seed(&server).await;
    let output = Cli::with_server(&server).args(["archive", "--ids", "e1"]).run();
    output.expect_code(2);
    assert!(output.stderr.contains("`--yes`"), "names --yes: {}", output.stderr);
    assert!(output.stderr.contains("no terminal"), "says why: {}", output.stderr);
    assert!(!output.stderr.contains("[y/N]"), "no prompt shown: {}", output.stderr);
    assert_eq!(output.stdout, "");
    assert!(archived_ids(&server).await.is_empty(), "nothing archived");
}

#[tokio::test]
async fn archive_ids_every_way() {
    let server = TestServer::start(Backend::Sqlite).await;
    seed(&server).await;
    let output = Cli::with_server(&server)
        .args(["archive", "--yes", "--ids", "e1,e2", "--ids", "e3", "--ids", "missing"])
        .run();
    output.expect_code(0);
    assert_eq!(output.stdout, "archived 3 events\n");
    let piped = Cli::with_server(&server)
        .args(["archive", "-y", "--ids", "-", "--format", "json"])
        .stdin("e4\n\ne1\n")
        .run();
    piped.expect_code(0);
    assert_eq!(
        piped.json(),
        json!({"archived_count": 1, "message": "Successfully archived 1 events"}),
        "e1 was already archived"
    );
    assert_eq!(archived_ids(&server).await, ["e1", "e2", "e3", "e4"]);
}

#[tokio::test]
async fn archive_before_date() {
    let server = TestServer::start(Backend::Sqlite).await;
    seed(&server).await;
    let output = Cli::with_server(&server)
        .args(["archive", "--before", "2026-01-03T00:00:00Z", "--yes", "-q"])
        .run();
    output.expect_code(0);
    assert_eq!(output.stdout, "", "quiet");
    assert_eq!(archived_ids(&server).await, ["e1", "e2"]);
}

#[tokio::test]
async fn archive_before_age() {
    let server = TestServer::start(Backend::Sqlite).await;
    let now = chrono::Utc::now();
    let two_hours_ago = (now - chrono::Duration::hours(2)).to_rfc3339();
    let a_minute_ago = (now - chrono::Duration::minutes(1)).to_rfc3339();
    let events = vec![
        json!({"_id": "two-hours", "event_timestamp": two_hours_ago}),
        json!({"_id": "a-minute", "event_timestamp": a_minute_ago}),
    ];
    seed_events(&server, events).await;
    let output = Cli::with_server(&server).args(["archive", "--before", "1h", "--yes"]).run();
    output.expect_code(0);
    assert_eq!(output.stdout, "archived 1 events\n");
    assert_eq!(archived_ids(&server).await, ["two-hours"]);
}

#[tokio::test]
async fn archive_usage_errors() {
    let cases: [(&[&str], &str); 3] = [
        (&["archive", "--yes"], "--ids"),
        (&["archive", "--ids", "a", "--before", "1d", "--yes"], "--before"),
        (&["archive", "--before", "someday", "--yes"], "someday"),
    ];
    for (args, expected) in cases {
        let output = Cli::new().args(args).run();
        assert_eq!(output.code, Some(2), "exit code of {args:?}");
        assert!(output.stderr.contains(expected), "stderr of {args:?}: {}", output.stderr);
    }
}
