//! `madsci-events query`: filters, paging, output formats and exit codes.

use chrono::{Duration, Utc};
use serde_json::{Value, json};

use crate::cli_support::{Cli, assert_event_schema, seed_events, ulid};
use crate::http_common::EVENT_KEYS;
use crate::support::{Backend, TestServer};

/// Ids of the seeded events.
struct Seeded {
    /// 2026-01-01T00:00:00Z, node 1, log_info, level 20, step 1.
    a: &'static str,
    /// 2026-01-01T01:00:00+02:00 (the earliest), node 2, node_error, level 40, step 2.
    b: &'static str,
    /// 2026-01-01T02:00:00Z (the latest), workflow 5, workflow_start, level 30, step 3.
    c: &'static str,
    /// 2026-01-01T03:00:00Z, node 1, node_error, level 50, archived.
    d: &'static str,
}

async fn seed(server: &TestServer) -> Seeded {
    let events = vec![
        json!({"_id": "A", "event_type": "log_info", "log_level": 20,
               "event_timestamp": "2026-01-01T00:00:00Z", "source": {"node_id": ulid(1)},
               "event_data": {"message": "alpha", "step": 1}}),
        json!({"_id": "B", "event_type": "node_error", "log_level": 40,
               "event_timestamp": "2026-01-01T01:00:00+02:00", "source": {"node_id": ulid(2)},
               "event_data": {"message": "beta", "step": 2}}),
        json!({"_id": "C", "event_type": "workflow_start", "log_level": 30,
               "event_timestamp": "2026-01-01T02:00:00Z", "source": {"workflow_id": ulid(5)},
               "event_data": {"message": "gamma", "step": 3}}),
        json!({"_id": "D", "event_type": "node_error", "log_level": 50,
               "event_timestamp": "2026-01-01T03:00:00Z", "source": {"node_id": ulid(1)},
               "event_data": {"message": "delta", "step": 4}}),
    ];
    let ids = seed_events(server, events).await;
    let (status, reply) = server.post_json("/events/archive", &json!({"event_ids": ["D"]})).await;
    assert_eq!(status, 200, "archive D: {reply}");
    assert_eq!(ids, ["A", "B", "C", "D"]);
    Seeded { a: "A", b: "B", c: "C", d: "D" }
}

/// Runs `query --format json` with `args` and returns the ids in output order.
fn ids(server: &TestServer, args: &[&str]) -> Vec<String> {
    let output = Cli::with_server(server).args(["query", "--format", "json"]).args(args).run();
    assert!(
        output.code == Some(0) || output.code == Some(1),
        "exit code of {args:?}: {:?}; stderr: {}",
        output.code,
        output.stderr
    );
    let events = output.json();
    let events = events.as_array().expect("json format prints an array");
    events.iter().map(|event| event["_id"].as_str().expect("_id").to_owned()).collect()
}

#[tokio::test]
async fn query_json_schema_and_order() {
    let server = TestServer::start(Backend::Sqlite).await;
    let seeded = seed(&server).await;
    let output = Cli::with_server(&server).args(["query", "--format", "json"]).run();
    output.expect_code(0);
    let events = output.json();
    let events = events.as_array().expect("an array");
    for event in events {
        assert_event_schema(event);
    }
    let order: Vec<&str> = events.iter().map(|event| event["_id"].as_str().expect("_id")).collect();
    assert_eq!(order, [seeded.c, seeded.a, seeded.b], "newest first, archived left out");
}

#[tokio::test]
async fn query_filters_by_source_type_level() {
    let server = TestServer::start(Backend::Sqlite).await;
    let s = seed(&server).await;
    let node_1 = ulid(1);
    assert_eq!(ids(&server, &["--node-id", &node_1]), [s.a]);
    assert_eq!(ids(&server, &["--node-id", &node_1, "--include-archived"]), [s.d, s.a]);
    assert_eq!(ids(&server, &["--archived"]), [s.d]);
    assert_eq!(ids(&server, &["--workflow-id", &ulid(5)]), [s.c]);
    assert_eq!(ids(&server, &["-t", "node_error", "--type", "WORKFLOW_START"]), [s.c, s.b]);
    assert_eq!(ids(&server, &["--level", "warning"]), [s.c, s.b]);
    assert_eq!(ids(&server, &["--level", "40"]), [s.b]);
    assert_eq!(ids(&server, &["--level", "40", "--node-id", &ulid(2)]), [s.b]);
}

#[tokio::test]
async fn query_time_bounds() {
    let server = TestServer::start(Backend::Sqlite).await;
    let s = seed(&server).await;
    let range = ["--since", "2026-01-01T00:00:00Z", "--until", "2026-01-01T02:00:00Z"];
    assert_eq!(ids(&server, &range), [s.c, s.a]);
    let with_types =
        [&range[..], &["-t", "log_info", "-t", "workflow_start", "-t", "node_error"]].concat();
    assert_eq!(ids(&server, &with_types), [s.c, s.a], "the selector path compares instants too");
    assert_eq!(ids(&server, &["--until", "2026-01-01"]), [s.a, s.b], "a date is local midnight");

    let now = Utc::now();
    let recent = vec![
        json!({"_id": "two-hours", "event_timestamp": (now - Duration::hours(2)).to_rfc3339()}),
        json!({"_id": "five-minutes",
               "event_timestamp": (now - Duration::minutes(5)).to_rfc3339()}),
    ];
    seed_events(&server, recent).await;
    assert_eq!(ids(&server, &["--since", "15m"]), ["five-minutes"]);
    assert_eq!(ids(&server, &["--since", "3h"]), ["five-minutes", "two-hours"]);
    assert_eq!(ids(&server, &["--since", "3h", "--until", "1h"]), ["two-hours"]);
}

#[tokio::test]
async fn query_limit_and_offset() {
    let server = TestServer::start(Backend::Sqlite).await;
    let s = seed(&server).await;
    assert_eq!(ids(&server, &["--limit", "1"]), [s.c]);
    assert_eq!(ids(&server, &["-n", "1", "--offset", "1"]), [s.a]);
    assert_eq!(ids(&server, &["--limit", "0"]).len(), 3, "0 means all");
    let types = ["-t", "log_info", "-t", "workflow_start", "-t", "node_error"];
    assert_eq!(
        ids(&server, &[&types[..], &["--limit", "2", "--offset", "1"]].concat()),
        [s.a, s.b]
    );
}

#[tokio::test]
async fn query_where_selector() {
    let server = TestServer::start(Backend::Sqlite).await;
    let s = seed(&server).await;
    let selector = r#"{"event_data.step": {"$gte": 2}}"#;
    assert_eq!(ids(&server, &["--where", selector]), [s.c, s.b]);
    assert_eq!(ids(&server, &["--where", selector, "--level", "40"]), [s.b]);
    let rejected = Cli::with_server(&server).args(["query", "--where", r#"{"$where": "1"}"#]).run();
    rejected.expect_code(2);
    assert!(rejected.stderr.contains("$where"), "stderr: {}", rejected.stderr);
}

#[tokio::test]
async fn query_nothing_matched_exits_1() {
    let server = TestServer::start(Backend::Sqlite).await;
    seed(&server).await;
    let table = Cli::with_server(&server).args(["query", "--node-id", &ulid(42)]).run();
    table.expect_code(1);
    assert_eq!(table.stdout, "", "no table for no events");
    let json = Cli::with_server(&server).args(["query", "--level", "50", "-f", "json"]).run();
    json.expect_code(1);
    assert_eq!(json.json(), json!([]));
}

#[tokio::test]
async fn query_ndjson_and_csv() {
    let server = TestServer::start(Backend::Sqlite).await;
    let s = seed(&server).await;
    let ndjson = Cli::with_server(&server).args(["query", "--format", "ndjson"]).run();
    ndjson.expect_code(0);
    let events = ndjson.ndjson();
    assert_eq!(events.len(), 3);
    for event in &events {
        assert_event_schema(event);
    }
    assert_eq!(events[0]["_id"], s.c);

    let csv = Cli::with_server(&server).args(["query", "--format", "csv"]).run();
    csv.expect_code(0);
    let lines = csv.lines();
    assert_eq!(lines[0], EVENT_KEYS.join(","), "csv header");
    assert_eq!(lines.len(), 4, "header and three rows:\n{}", csv.stdout);
    assert!(lines[1].starts_with(&format!("{},workflow_start,30,false,", s.c)), "{}", lines[1]);
    assert!(lines[1].contains(r#""{""message"":""gamma"",""step"":3}""#), "{}", lines[1]);
}

#[tokio::test]
async fn query_table_local_and_utc_times() {
    let server = TestServer::start(Backend::Sqlite).await;
    let s = seed(&server).await;
    let local = Cli::with_server(&server).env("TZ", "Europe/Berlin").args(["query"]).run();
    local.expect_code(0);
    assert!(local.stdout.contains(s.a), "table lists ids:\n{}", local.stdout);
    assert!(local.stdout.contains("WARNING"), "level names:\n{}", local.stdout);
    assert!(local.stdout.contains("node 01JRG5ZK3W8D7E6F5G4H3J2K01"), "sources:\n{}", local.stdout);
    assert!(local.stdout.contains("alpha"), "messages:\n{}", local.stdout);
    assert!(local.stdout.contains("2026-01-01 01:00:00.000"), "Berlin time:\n{}", local.stdout);
    let utc = Cli::with_server(&server).env("TZ", "Europe/Berlin").args(["query", "--utc"]).run();
    assert!(utc.stdout.contains("2026-01-01 00:00:00.000Z"), "UTC time:\n{}", utc.stdout);
}

#[tokio::test]
async fn query_color_choices() {
    let server = TestServer::start(Backend::Sqlite).await;
    seed(&server).await;
    let run = |color: &str, no_color: bool| {
        let mut cli = Cli::with_server(&server).args(["query", "--color", color]);
        if no_color {
            cli = cli.env("NO_COLOR", "1");
        }
        let output = cli.run();
        output.expect_code(0);
        output.stdout.contains('\u{1b}')
    };
    assert!(run("always", false), "--color always colours a pipe");
    assert!(run("always", true), "--color always wins over NO_COLOR");
    assert!(!run("never", false), "--color never");
    assert!(!run("auto", false), "auto does not colour a pipe");
}

#[tokio::test]
async fn query_broken_pipe_exits_quietly() {
    let server = TestServer::start(Backend::Sqlite).await;
    let padding = "x".repeat(1000);
    let events: Vec<Value> =
        (0..400).map(|index| json!({"event_data": {"index": index, "padding": padding}})).collect();
    seed_events(&server, events).await;
    let cli = Cli::with_server(&server).args(["query", "--format", "ndjson", "--limit", "0"]);
    let (code, stderr) = cli.run_closing_stdout_after(100);
    assert_eq!(code, Some(0), "a closed pipe is not an error; stderr: {stderr}");
    assert_eq!(stderr, "", "nothing on stderr");
}

#[tokio::test]
async fn query_rejects_bad_flags() {
    let server = TestServer::start(Backend::Sqlite).await;
    let cases: [(&[&str], &str); 4] = [
        (&["query", "--since", "yesterday"], "yesterday"),
        (&["query", "--level", "loud"], "loud"),
        (&["query", "--format", "xml"], "xml"),
        (&["query", "--archived", "--include-archived"], "--include-archived"),
    ];
    for (args, expected) in cases {
        let output = Cli::with_server(&server).args(args).run();
        assert_eq!(output.code, Some(2), "exit code of {args:?}");
        assert!(output.stderr.contains(expected), "stderr of {args:?}: {}", output.stderr);
    }
}

#[tokio::test]
async fn query_unreachable_server() {
    let mut server = TestServer::start(Backend::Sqlite).await;
    assert!(server.terminate());
    let output = Cli::with_server(&server).args(["query", "--retries", "0"]).run();
    output.expect_code(2);
    assert!(output.stderr.contains("failed to reach"), "stderr: {}", output.stderr);
    assert!(output.stderr.contains(&server.base), "stderr names the server: {}", output.stderr);
}
