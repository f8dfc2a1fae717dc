//! `madsci-events purge`: confirmation and permanent deletion of archived events.

use serde_json::json;

use crate::cli_support::{Cli, seed_events};
use crate::http_common::total_events;
use crate::support::{Backend, TestServer};

async fn seed_archived(server: &TestServer) {
    seed_events(server, vec![json!({"_id": "old"}), json!({"_id": "kept"})]).await;
    let (status, _) = server.post_json("/events/archive", &json!({"event_ids": ["old"]})).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn purge_without_terminal_needs_yes() {
    let server = TestServer::start(Backend::Sqlite).await;
    seed_archived(&server).await;
    let output = Cli::with_server(&server).args(["purge", "--older-than-days", "0"]).run();
    output.expect_code(2);
    assert!(output.stderr.contains("`--yes`"), "names --yes: {}", output.stderr);
    assert!(!output.stderr.contains("[y/N]"), "no prompt shown: {}", output.stderr);
    assert_eq!(total_events(&server).await, 2, "nothing deleted");
}

#[tokio::test]
async fn purge_deletes_only_archived() {
    let server = TestServer::start(Backend::Sqlite).await;
    seed_archived(&server).await;
    let young = Cli::with_server(&server).args(["purge", "--older-than-days", "30", "--yes"]).run();
    young.expect_code(0);
    assert_eq!(young.stdout, "deleted 0 archived events\n");
    let output = Cli::with_server(&server)
        .args(["purge", "--older-than-days", "0", "--yes", "--format", "json"])
        .run();
    output.expect_code(0);
    assert_eq!(
        output.json(),
        json!({
            "deleted_count": 1,
            "message": "Permanently deleted 1 archived events older than 0 days"
        })
    );
    assert_eq!(total_events(&server).await, 1);
    let (status, _) = server.get("/event/kept").await;
    assert_eq!(status, 200, "the event that was not archived is kept");
}

#[tokio::test]
async fn purge_usage_errors() {
    let cases: [(&[&str], &str); 2] = [
        (&["purge", "--yes"], "--older-than-days"),
        (&["purge", "--older-than-days", "-1", "--yes"], "-1"),
    ];
    for (args, expected) in cases {
        let output = Cli::new().args(args).run();
        assert_eq!(output.code, Some(2), "exit code of {args:?}");
        assert!(output.stderr.contains(expected), "stderr of {args:?}: {}", output.stderr);
    }
}
