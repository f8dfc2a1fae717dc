//! `madsci-events export`: every event as NDJSON, to stdout or a file.

use serde_json::{Value, json};

use crate::cli_support::{Cli, assert_event_schema, seed_events};
use crate::support::{Backend, TestServer};

async fn seed(server: &TestServer) {
    let events = vec![
        json!({"_id": "e1", "event_type": "test", "event_data": {"message": "one"}}),
        json!({"_id": "e2", "event_type": "node_error", "log_level": 40}),
        json!({"_id": "e3", "event_data": "plain text\nwith a newline"}),
    ];
    seed_events(server, events).await;
    let (status, _) = server.post_json("/events/archive", &json!({"event_ids": ["e2"]})).await;
    assert_eq!(status, 200);
}

fn exported_ids(events: &[Value]) -> Vec<&str> {
    events.iter().map(|event| event["_id"].as_str().expect("_id")).collect()
}

#[tokio::test]
async fn export_writes_stored_documents() {
    let server = TestServer::start(Backend::Sqlite).await;
    seed(&server).await;
    let output = Cli::with_server(&server).args(["export"]).run();
    output.expect_code(0);
    let events = output.ndjson();
    assert_eq!(exported_ids(&events), ["e1", "e2", "e3"], "archived events included");
    for event in &events {
        assert_event_schema(event);
        let (_, stored) =
            server.get(&format!("/event/{}", event["_id"].as_str().expect("_id"))).await;
        assert_eq!(event, &stored, "exported as stored");
    }
    assert_eq!(output.lines().len(), 3, "one line per event");
}

#[tokio::test]
async fn export_filters() {
    let server = TestServer::start(Backend::Sqlite).await;
    seed(&server).await;
    let active = Cli::with_server(&server).args(["export", "--exclude-archived"]).run();
    assert_eq!(exported_ids(&active.ndjson()), ["e1", "e3"]);
    let archived = Cli::with_server(&server).args(["export", "--archived"]).run();
    assert_eq!(exported_ids(&archived.ndjson()), ["e2"]);
    let typed =
        Cli::with_server(&server).args(["export", "--type", "test", "--type", "unknown"]).run();
    assert_eq!(exported_ids(&typed.ndjson()), ["e1", "e3"]);
}

#[tokio::test]
async fn export_to_file() {
    let server = TestServer::start(Backend::Sqlite).await;
    seed(&server).await;
    let cli = Cli::with_server(&server).args(["export", "--output", "events.ndjson"]);
    let path = cli.dir().join("events.ndjson");
    let partial = cli.dir().join("events.ndjson.partial");
    let output = cli.run();
    output.expect_code(0);
    assert_eq!(output.stdout, "");
    assert!(output.stderr.contains("exported 3 events to `events.ndjson`"), "{}", output.stderr);
    let text = std::fs::read_to_string(&path).expect("the file");
    assert_eq!(text.lines().count(), 3);
    assert!(!partial.exists(), "no partial file left");
}

#[tokio::test]
async fn export_import_round_trip() {
    let source = TestServer::start(Backend::Sqlite).await;
    seed(&source).await;
    let exported = Cli::with_server(&source).args(["export"]).run();
    exported.expect_code(0);

    let target = TestServer::start(Backend::Sqlite).await;
    let imported = Cli::with_server(&target).args(["import"]).stdin(exported.stdout.clone()).run();
    imported.expect_code(0);
    assert_eq!(imported.stdout, "imported 3 events: 3 new, 0 already present\n");
    for event in exported.ndjson() {
        let id = event["_id"].as_str().expect("_id");
        let (_, stored) = target.get(&format!("/event/{id}")).await;
        assert_eq!(stored, event, "event {id} arrived unchanged");
    }

    let again = Cli::with_server(&target)
        .args(["import", "-", "--format", "json"])
        .stdin(exported.stdout.clone())
        .run();
    again.expect_code(0);
    assert_eq!(
        again.json(),
        json!({"inserted": 0, "existing": 3, "accepted": 0, "conflicts": 0, "invalid": 0})
    );
}
