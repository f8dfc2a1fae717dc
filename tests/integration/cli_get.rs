//! `madsci-events get`: one event by id.

use serde_json::json;

use crate::cli_support::{Cli, assert_event_schema, seed_events};
use crate::support::{Backend, TestServer};

#[tokio::test]
async fn get_prints_stored_document() {
    let server = TestServer::start(Backend::Sqlite).await;
    let event = json!({"_id": "get-me", "event_type": "test", "log_level": 30,
                       "event_timestamp": "2026-01-01T00:00:00Z", "event_data": {"message": "hi"}});
    seed_events(&server, vec![event]).await;
    let output = Cli::with_server(&server).args(["get", "get-me"]).run();
    output.expect_code(0);
    let printed = output.json();
    assert_event_schema(&printed);
    let (_, stored) = server.get("/event/get-me").await;
    assert_eq!(printed, stored, "the document as the server stores it");
}

#[tokio::test]
async fn get_other_formats() {
    let server = TestServer::start(Backend::Sqlite).await;
    seed_events(&server, vec![json!({"_id": "x/y z", "event_data": {"message": "odd id"}})]).await;
    let table = Cli::with_server(&server).args(["get", "x/y z", "--format", "table"]).run();
    table.expect_code(0);
    assert!(table.stdout.contains("odd id"), "table:\n{}", table.stdout);
    let ndjson = Cli::with_server(&server).args(["get", "x/y z", "-f", "ndjson"]).run();
    ndjson.expect_code(0);
    assert_eq!(ndjson.ndjson().len(), 1);
    assert_eq!(ndjson.ndjson()[0]["_id"], "x/y z", "ids with `/` and spaces are escaped");
}

#[tokio::test]
async fn get_missing_exits_1() {
    let server = TestServer::start(Backend::Sqlite).await;
    let output = Cli::with_server(&server).args(["get", "01JRG5ZK3W8D7E6F5G4H3J2K99"]).run();
    output.expect_code(1);
    assert_eq!(output.stdout, "");
    assert!(
        output.stderr.contains("`01JRG5ZK3W8D7E6F5G4H3J2K99` not found"),
        "stderr: {}",
        output.stderr
    );
}

#[tokio::test]
async fn get_requires_id() {
    let output = Cli::new().args(["get"]).run();
    output.expect_code(2);
    assert!(output.stderr.contains("<ID>"), "usage names the argument: {}", output.stderr);
}
