//! `madsci-events import`: batches, idempotency and per-line failures.

use serde_json::json;

use crate::cli_support::{Cli, canned_response, canned_server, ulid};
use crate::http_common::total_events;
use crate::support::{Backend, TestServer};

#[tokio::test]
async fn import_reports_bad_lines_and_continues() {
    let server = TestServer::start(Backend::Sqlite).await;
    let (status, _) = server.post_json("/event", &json!({"_id": "taken", "event_data": 1})).await;
    assert_eq!(status, 200);
    let lines = [
        json!({"_id": "first", "event_type": "test"}).to_string(),
        "not json".to_owned(),
        "[1, 2]".to_owned(),
        json!({"_id": "bad-source", "source": {"node_id": "abc"}}).to_string(),
        json!({"_id": "taken", "event_data": 2}).to_string(),
        String::new(),
        json!({"_id": "last", "source": {"node_id": ulid(1)}}).to_string(),
    ];
    let output = Cli::with_server(&server)
        .args(["import", "--format", "json"])
        .stdin(lines.join("\n"))
        .run();
    output.expect_code(2);
    assert_eq!(
        output.json(),
        json!({"inserted": 2, "existing": 0, "accepted": 0, "conflicts": 1, "invalid": 3})
    );
    for expected in [
        "line 2: invalid JSON",
        "line 3: not a JSON object",
        "line 4: source.node_id: Value error, Invalid ULID abc",
        "line 5: event `taken` already exists",
    ] {
        assert!(output.stderr.contains(expected), "stderr lacks {expected:?}:\n{}", output.stderr);
    }
    assert_eq!(total_events(&server).await, 3);
    let (_, taken) = server.get("/event/taken").await;
    assert_eq!(taken["event_data"], 1, "the stored event was kept");
}

#[tokio::test]
async fn import_small_batches() {
    let server = TestServer::start(Backend::Sqlite).await;
    let lines: Vec<String> = (0..7)
        .map(|index| json!({"_id": format!("e{index}"), "event_data": index}).to_string())
        .collect();
    let output = Cli::with_server(&server)
        .args(["import", "--batch-size", "2"])
        .stdin(lines.join("\n") + "\n")
        .run();
    output.expect_code(0);
    assert_eq!(output.stdout, "imported 7 events: 7 new, 0 already present\n");
    assert_eq!(total_events(&server).await, 7);
}

#[tokio::test]
async fn import_file_errors() {
    let missing = Cli::new().args(["import", "no-such-file.ndjson"]).run();
    missing.expect_code(2);
    assert!(missing.stderr.contains("failed to open `no-such-file.ndjson`"), "{}", missing.stderr);
    let too_big = Cli::new().args(["import", "--batch-size", "0"]).run();
    too_big.expect_code(2);
    assert!(too_big.stderr.contains("--batch-size"), "{}", too_big.stderr);
}

#[tokio::test]
async fn import_unreachable_says_rerun() {
    let mut server = TestServer::start(Backend::Sqlite).await;
    assert!(server.terminate());
    let output = Cli::with_server(&server)
        .args(["import", "--retries", "0"])
        .stdin(json!({"_id": "a"}).to_string())
        .run();
    output.expect_code(2);
    assert!(output.stderr.contains("re-run the same import"), "stderr: {}", output.stderr);
}

/// A server without `POST /events/batch` (upstream's answers 404) gets one `POST /event` per
/// event.
#[tokio::test]
async fn import_without_batch_endpoint() {
    let not_found = canned_response("404 Not Found", "", r#"{"detail":"Not Found"}"#);
    let ok = canned_response("200 OK", "", "{}");
    let (url, arrivals) = canned_server(vec![not_found, ok.clone(), ok]);
    let lines = format!("{}\n{}\n", json!({"_id": "a"}), json!({"_id": "b"}));
    let output =
        Cli::new().args(["import", "--server", &url, "--format", "json"]).stdin(lines).run();
    output.expect_code(0);
    assert_eq!(
        output.json(),
        json!({"inserted": 0, "existing": 0, "accepted": 2, "conflicts": 0, "invalid": 0})
    );
    assert_eq!(arrivals.try_iter().count(), 3, "one batch request, then one per event");
}
