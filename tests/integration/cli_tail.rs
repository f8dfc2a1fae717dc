//! `madsci-events tail`: the last events, and `-f` following the server-sent event stream.

use std::time::Duration;

use serde_json::{Value, json};

use crate::cli_support::{Cli, seed_events, ulid};
use crate::support::{Backend, TestServer};

const WAIT: Duration = Duration::from_secs(10);

fn event(id: &str, minute: u32, extra: Value) -> Value {
    let mut event = json!({"_id": id, "event_timestamp": format!("2026-01-01T00:{minute:02}:00Z"),
                           "event_data": {"message": format!("message {id}")}});
    if let (Some(map), Value::Object(extra)) = (event.as_object_mut(), extra) {
        map.extend(extra);
    }
    event
}

fn id_of(line: &str) -> String {
    let event: Value = serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}"));
    event["_id"].as_str().expect("_id").to_owned()
}

#[tokio::test]
async fn tail_last_events_oldest_first() {
    let server = TestServer::start(Backend::Sqlite).await;
    let events = (1..=5).map(|n| event(&format!("e{n}"), n, json!({}))).collect();
    seed_events(&server, events).await;
    let ndjson = Cli::with_server(&server).args(["tail", "-n", "3", "-o", "ndjson"]).run();
    ndjson.expect_code(0);
    let ids: Vec<String> = ndjson.lines().into_iter().map(id_of).collect();
    assert_eq!(ids, ["e3", "e4", "e5"]);

    let text = Cli::with_server(&server).args(["tail", "-n", "2", "--utc"]).run();
    text.expect_code(0);
    let lines = text.lines();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("2026-01-01 00:04:00.000Z  INFO"), "{}", lines[0]);
    assert!(lines[1].ends_with("message e5"), "{}", lines[1]);
}

#[tokio::test]
async fn tail_nothing_exits_1() {
    let server = TestServer::start(Backend::Sqlite).await;
    let output = Cli::with_server(&server).args(["tail"]).run();
    output.expect_code(1);
    assert_eq!(output.stdout, "");
}

#[tokio::test]
async fn tail_follow_prints_new_events() {
    let server = TestServer::start(Backend::Sqlite).await;
    seed_events(&server, vec![event("old", 1, json!({})), event("latest", 2, json!({}))]).await;
    let running = Cli::with_server(&server).args(["tail", "-f", "-n", "1", "-o", "ndjson"]).spawn();
    let first = running.next_line(WAIT).expect("the backlog event");
    assert_eq!(id_of(&first), "latest");

    let (status, _) = server.post_json("/event", &event("posted", 3, json!({}))).await;
    assert_eq!(status, 200);
    let live = running.next_line(WAIT).expect("the posted event");
    assert_eq!(id_of(&live), "posted");

    seed_events(&server, vec![event("batched", 4, json!({}))]).await;
    let batched = running.next_line(WAIT).expect("the batched event");
    assert_eq!(id_of(&batched), "batched");
    let document: Value = serde_json::from_str(&batched).expect("JSON");
    let (_, stored) = server.get("/event/batched").await;
    assert_eq!(document, stored, "the stream sends the stored document");
}

#[tokio::test]
async fn tail_follow_applies_filters() {
    let server = TestServer::start(Backend::Sqlite).await;
    let node = json!({"source": {"node_id": ulid(1)}, "log_level": 40});
    seed_events(&server, vec![event("seen", 1, node.clone())]).await;
    let running = Cli::with_server(&server)
        .args([
            "tail",
            "-f",
            "-n",
            "5",
            "-o",
            "ndjson",
            "--node-id",
            &ulid(1),
            "--level",
            "warning",
        ])
        .spawn();
    assert_eq!(id_of(&running.next_line(WAIT).expect("backlog")), "seen");

    let other_node = json!({"source": {"node_id": ulid(2)}, "log_level": 40});
    let too_low = json!({"source": {"node_id": ulid(1)}, "log_level": 20});
    let skipped = vec![event("other-node", 2, other_node), event("too-low", 3, too_low)];
    seed_events(&server, skipped).await;
    seed_events(&server, vec![event("match", 4, node)]).await;
    assert_eq!(id_of(&running.next_line(WAIT).expect("the match")), "match");
    assert_eq!(running.next_line(Duration::from_millis(300)), None, "nothing else");
}

#[tokio::test]
async fn tail_follow_ends_with_server() {
    let mut server = TestServer::start(Backend::Sqlite).await;
    seed_events(&server, vec![event("only", 1, json!({}))]).await;
    let running = Cli::with_server(&server).args(["tail", "--follow", "-o", "ndjson"]).spawn();
    assert_eq!(id_of(&running.next_line(WAIT).expect("backlog")), "only");
    assert!(server.terminate(), "the server stops although a stream is open");
    let (code, stderr) = running.wait(WAIT);
    assert_eq!(code, Some(2), "stderr: {stderr}");
    assert!(stderr.contains("ended"), "stderr: {stderr}");
}
