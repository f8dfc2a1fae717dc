//! `POST /backup`, `GET /backup/status` and the backup schedule of a running server.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::cli_support::Cli;
use crate::db_support::{ToolDouble, expect_code, mongo_client, seed_events};
use crate::support::{Backend, ServerOptions, StoreArgs, TestServer};

fn backup_env(dir: &std::path::Path) -> Vec<(String, String)> {
    vec![("EVENT_BACKUP_DIR".into(), dir.join("backups").display().to_string())]
}

#[tokio::test]
async fn post_backup_creates_and_status_lists_it() {
    let dir = tempfile::tempdir().unwrap();
    let options = ServerOptions { env: backup_env(dir.path()), ..ServerOptions::default() };
    let server = TestServer::start_with(Backend::Sqlite, options).await;
    let (status, _) = server.post_json("/event", &json!({"event_type": "log_info"})).await;
    assert_eq!(status, 200);

    let (status, body) =
        server.post_json("/backup", &json!({"description": "before upgrade/../x"})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "completed");
    let path = PathBuf::from(body["backup_path"].as_str().unwrap());
    let name = path.file_name().unwrap().to_str().unwrap();
    assert!(name.ends_with("_before_upgrade_x"), "the description is sanitized: {name}");
    assert_eq!(path.parent().unwrap(), dir.path().join("backups"));
    assert!(path.join("madsci_events/events.db").exists());

    let (status, body) = server.post_raw("/backup", "").await;
    assert_eq!(status, 200, "an omitted body is allowed: {body}");
    assert!(body["backup_path"].as_str().unwrap().ends_with("_manual_backup"), "{body}");

    let (status, body) = server.get("/backup/status").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["backup_enabled"], false);
    assert_eq!(body["backup_dir"], dir.path().join("backups").display().to_string());
    let available = body["available_backups"].as_array().unwrap();
    assert_eq!(available.len(), 2);
    for backup in available {
        assert_eq!(backup["is_valid"], true, "{backup}");
        assert!(backup["size_bytes"].as_u64().unwrap() > 0, "{backup}");
        let created = backup["created_at"].as_str().unwrap();
        assert!(
            chrono::NaiveDateTime::parse_from_str(created, "%Y-%m-%dT%H:%M:%S%.f").is_ok(),
            "{created}"
        );
    }
    assert!(available[0]["path"].as_str().unwrap().ends_with("_manual_backup"), "newest first");
}

#[tokio::test]
async fn post_backup_rejects_non_string_description() {
    let server = TestServer::start(Backend::Sqlite).await;
    let (status, body) = server.post_json("/backup", &json!({"description": 5})).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["detail"][0]["type"], "string_type");
    assert_eq!(body["detail"][0]["loc"], json!(["body", "description"]));
    let (status, body) = server.post_raw("/backup", "{not json").await;
    assert_eq!(status, 422, "{body}");
}

#[tokio::test]
async fn status_of_missing_folder_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    let options = ServerOptions { env: backup_env(dir.path()), ..ServerOptions::default() };
    let server = TestServer::start_with(Backend::Sqlite, options).await;
    let (status, body) = server.get("/backup/status").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["available_backups"], json!([]));
}

#[tokio::test]
async fn post_backup_mongodb_runs_mongodump() {
    let (client, store) =
        (mongo_client().await, StoreArgs::fresh(Backend::Mongo, std::path::Path::new(".")));
    let database = store.database.clone().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let double = ToolDouble::new();
    let mut env = backup_env(dir.path());
    env.push(("PATH".into(), double.path_var()));
    let log = dir.path().join("tool-runs.jsonl");
    env.push(("MADSCI_TEST_TOOL_LOG".into(), log.display().to_string()));
    let server =
        TestServer::start_on(&store, ServerOptions { env, ..ServerOptions::default() }).await;
    // Seeded after the start, because the server initialises only a database without collections.
    seed_events(&client, &database, 5).await;

    let (status, body) = server.post_json("/backup", &json!({})).await;
    assert_eq!(status, 200, "{body}; stderr: {}", server.stderr());
    let path = PathBuf::from(body["backup_path"].as_str().unwrap());
    assert!(path.join(&database).join("events.bson").exists());
    let runs = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(runs.contains("\"mongodump\""), "the server ran mongodump: {runs}");
}

#[tokio::test]
async fn schedule_takes_backups_while_serving() {
    let dir = tempfile::tempdir().unwrap();
    let mut env = backup_env(dir.path());
    env.push(("EVENT_BACKUP_ENABLED".into(), "true".into()));
    env.push(("EVENT_BACKUP_SCHEDULE".into(), "* * * * * *".into()));
    env.push(("EVENT_BACKUP_MAX_COUNT".into(), "2".into()));
    let server =
        TestServer::start_with(Backend::Sqlite, ServerOptions { env, ..ServerOptions::default() })
            .await;
    server.post_json("/event", &json!({"event_type": "log_info"})).await;

    let deadline = Instant::now() + Duration::from_secs(20);
    let mut scheduled = Vec::new();
    while Instant::now() < deadline && scheduled.len() < 3 {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let (_, body) = server.get("/backup/status").await;
        let listed: Vec<Value> = body["available_backups"].as_array().cloned().unwrap_or_default();
        for backup in listed {
            let path = backup["path"].as_str().unwrap_or_default().to_owned();
            if path.ends_with("_scheduled") && !scheduled.contains(&path) {
                scheduled.push(path);
            }
        }
    }
    assert!(
        scheduled.len() >= 3,
        "the schedule ran 3 times: {scheduled:?}; stderr: {}",
        server.stderr()
    );
    let (_, body) = server.get("/backup/status").await;
    assert_eq!(body["backup_enabled"], true);
    assert!(
        body["available_backups"].as_array().unwrap().len() <= 2,
        "rotation keeps backup_max_count"
    );
}

#[test]
fn invalid_schedule_stops_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let output = Cli::new()
        .env("EVENT_BACKUP_ENABLED", "true")
        .env("EVENT_BACKUP_SCHEDULE", "every night")
        .args(["serve", "--listen", "127.0.0.1:0", "--db-url"])
        .args([format!("sqlite://{}", dir.path().join("ev.db").display())])
        .run();
    expect_code(&output, 2);
    assert!(output.stderr.contains("invalid backup_schedule `every night`"), "{}", output.stderr);
}
