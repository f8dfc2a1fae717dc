//! Starting on MongoDB: the schema-version gate, the indexes, and credentials that stay out
//! of logs, errors, `/settings` and the process list.

use std::process::Stdio;
use std::time::Duration;

use futures_util::TryStreamExt;
use mongodb::bson::{Bson, Document, doc};
use mongodb::{Client, Database};
use tokio::process::Command;

use crate::support::{
    Backend, ServerOptions, StoreArgs, TestServer, free_port, mongodb_url, unique_database,
};

/// Maximum time for a rejected start: the server selection timeout plus slack.
const START_TIMEOUT: Duration = Duration::from_secs(60);

async fn database(name: &str) -> Database {
    let client = Client::with_uri_str(mongodb_url()).await.expect("connect to the test MongoDB");
    client.database(name)
}

async fn index_names(database: &Database, collection: &str) -> Vec<String> {
    let cursor = database.collection::<Document>(collection).list_index_names().await;
    cursor.unwrap_or_else(|error| panic!("list the indexes of `{collection}`: {error}"))
}

async fn index(database: &Database, collection: &str, name: &str) -> Option<mongodb::IndexModel> {
    let mut cursor =
        database.collection::<Document>(collection).list_indexes().await.expect("list indexes");
    while let Some(index) = cursor.try_next().await.expect("read an index") {
        if index.options.as_ref().and_then(|options| options.name.as_deref()) == Some(name) {
            return Some(index);
        }
    }
    None
}

/// Runs `madsci-events serve` on `database` and returns its exit status and stderr, failing
/// the test when it keeps running.
async fn failed_start(database: &str, url: &str) -> (i32, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut command = Command::new(env!("CARGO_BIN_EXE_madsci-events"));
    command
        .current_dir(dir.path())
        .args(["serve", "--listen", &format!("127.0.0.1:{}", free_port())])
        .args(["--database", database])
        .env("EVENT_DB_URL", url)
        .env("MADSCI_SETTINGS_DIR", dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let output = tokio::time::timeout(START_TIMEOUT, command.output()).await;
    let output = output.expect("a refused start ends").expect("run madsci-events serve");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code().unwrap_or(-1), stderr)
}

#[tokio::test]
async fn fresh_database_is_initialised() {
    let server = TestServer::start(Backend::Mongo).await;
    let name = server.database.clone().expect("a MongoDB server has a database");
    let database = database(&name).await;
    let versions = database.collection::<Document>("schema_versions");
    let records: Vec<Document> =
        versions.find(doc! {}).await.expect("find").try_collect().await.expect("read");
    assert_eq!(records.len(), 1, "schema_versions records: {records:?}");
    let record = &records[0];
    assert_eq!(record.get_str("version"), Ok("1.0.0"), "version in {record}");
    assert!(matches!(record.get("applied_at"), Some(Bson::DateTime(_))), "applied_at in {record}");
    assert_eq!(
        record.get_str("migration_notes"),
        Ok("Auto-initialized schema version 1.0.0"),
        "migration_notes in {record}"
    );
    let unique =
        index(&database, "schema_versions", "version_unique").await.expect("version_unique");
    assert_eq!(unique.keys, doc! {"version": 1}, "keys of version_unique");
    assert_eq!(unique.options.and_then(|o| o.unique), Some(true), "version_unique is unique");
    let newest =
        index(&database, "schema_versions", "applied_at_desc").await.expect("applied_at_desc");
    assert_eq!(newest.keys, doc! {"applied_at": -1}, "keys of applied_at_desc");
}

#[tokio::test]
async fn upstream_indexes_are_created() {
    let server = TestServer::start(Backend::Mongo).await;
    let database = database(server.database.as_deref().expect("database")).await;
    let names = index_names(&database, "events").await;
    for name in [
        "event_timestamp_1",
        "log_level_1",
        "archived_1",
        "archived_1_archived_at_1",
        "event_timestamp_micros_-1__id_-1",
    ] {
        assert!(names.iter().any(|found| found == name), "index `{name}` missing from {names:?}");
    }
    assert!(
        !names.iter().any(|found| found == "archived_at_1"),
        "TTL index created although retention is off: {names:?}"
    );
    let compound = index(&database, "events", "archived_1_archived_at_1").await.expect("index");
    assert_eq!(compound.keys, doc! {"archived": 1, "archived_at": 1}, "compound index keys");
}

fn retention_env(hard_delete_days: u32) -> ServerOptions {
    let env = vec![
        ("EVENT_RETENTION_ENABLED".to_owned(), "true".to_owned()),
        ("EVENT_HARD_DELETE_AFTER_DAYS".to_owned(), hard_delete_days.to_string()),
    ];
    ServerOptions { args: Vec::new(), env }
}

async fn ttl_seconds(database: &Database) -> Option<u64> {
    let ttl = index(database, "events", "archived_at_1").await?;
    let options = ttl.options.expect("TTL index options");
    assert_eq!(ttl.keys, doc! {"archived_at": 1}, "TTL index keys");
    assert_eq!(
        options.partial_filter_expression,
        Some(doc! {"archived": true}),
        "TTL index partial filter"
    );
    options.expire_after.map(|after| after.as_secs())
}

#[tokio::test]
async fn retention_creates_and_updates_ttl_index() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = StoreArgs::fresh(Backend::Mongo, dir.path());
    let mut first = TestServer::start_on(&store, retention_env(2)).await;
    let database = database(store.database.as_deref().expect("database")).await;
    assert_eq!(ttl_seconds(&database).await, Some(2 * 86_400), "TTL after the first start");
    assert!(first.terminate(), "first server exits cleanly");
    let _second = TestServer::start_on(&store, retention_env(3)).await;
    assert_eq!(ttl_seconds(&database).await, Some(3 * 86_400), "TTL after a new setting");
}

#[tokio::test]
async fn other_schema_version_refuses_start() {
    let name = unique_database();
    let database = database(&name).await;
    database.collection::<Document>("events").insert_one(doc! {"_id": "old"}).await.expect("seed");
    let record = doc! {"version": "0.9.0", "applied_at": mongodb::bson::DateTime::now()};
    database.collection::<Document>("schema_versions").insert_one(record).await.expect("seed");

    let url = mongodb_url();
    let (status, stderr) = failed_start(&name, &url).await;
    assert_eq!(status, 2, "exit status of a refused start; stderr:\n{stderr}");
    let expected = format!(
        "error: database `{name}` has schema version `0.9.0`, but this build expects schema \
         version `1.0.0`: back up the database, then run `madsci-events migrate --db-url \
         '{url}' --database {name}`"
    );
    assert!(stderr.contains(&expected), "stderr lacks\n{expected}\nin\n{stderr}");
}

#[tokio::test]
async fn untracked_database_refuses_start() {
    let name = unique_database();
    let database = database(&name).await;
    database.collection::<Document>("events").insert_one(doc! {"_id": "old"}).await.expect("seed");

    let (status, stderr) = failed_start(&name, &mongodb_url()).await;
    assert_eq!(status, 2, "exit status of a refused start; stderr:\n{stderr}");
    let expected = format!(
        "database `{name}` has collections but no schema version record, and this build \
         expects schema version `1.0.0`"
    );
    assert!(stderr.contains(&expected), "stderr lacks\n{expected}\nin\n{stderr}");
    assert!(stderr.contains("madsci-events migrate --db-url"), "no migrate command in {stderr}");
}

/// Creates a user and returns a URL with its name and a password full of URL delimiters.
async fn url_with_credentials(user: &str, password: &str) -> String {
    let admin = database("admin").await;
    let create = doc! {"createUser": user, "pwd": password, "roles": ["root"]};
    admin.run_command(create).await.expect("create a test user");
    let escaped: String = url::form_urlencoded::byte_serialize(password.as_bytes())
        .collect::<String>()
        .replace('+', "%20");
    let base = mongodb_url();
    let (scheme, rest) = base.split_once("://").expect("a URL with a scheme");
    let separator = if rest.contains('?') { '&' } else { '?' };
    format!("{scheme}://{user}:{escaped}@{rest}{separator}authSource=admin")
}

#[tokio::test]
async fn credentials_never_shown() {
    const PASSWORD: &str = "s3cret/pa ss@word";
    let user = unique_database();
    let url = url_with_credentials(&user, PASSWORD).await;
    let name = unique_database();
    let store = StoreArgs { args: vec!["--database".into(), name.clone()], database: Some(name) };
    let env = vec![("EVENT_DB_URL".to_owned(), url.clone())];
    let server = TestServer::start_on(&store, ServerOptions { args: Vec::new(), env }).await;

    let (status, body) = server.post_json("/event", &serde_json::json!({"_id": "c1"})).await;
    assert_eq!(status, 200, "POST /event through an authenticated connection returned {body}");
    let (_, settings) = server.get("/settings").await;
    assert_eq!(settings["settings"]["document_db_url"], "***REDACTED***", "/settings: {settings}");
    let escaped = url.split('@').next().and_then(|head| head.rsplit(':').next()).expect("password");
    for secret in [PASSWORD, escaped] {
        assert!(
            !server.stderr().contains(secret),
            "the log shows the password:\n{}",
            server.stderr()
        );
        assert!(!settings.to_string().contains(secret), "/settings shows the password");
    }
}

#[tokio::test]
async fn failed_start_hides_credentials() {
    const PASSWORD: &str = "hunter2:secret";
    let user = unique_database();
    let url = url_with_credentials(&user, PASSWORD).await;
    let name = unique_database();
    let database = database(&name).await;
    database.collection::<Document>("events").insert_one(doc! {"_id": "old"}).await.expect("seed");

    let (status, stderr) = failed_start(&name, &url).await;
    assert_eq!(status, 2, "exit status of a refused start; stderr:\n{stderr}");
    assert!(!stderr.contains("hunter2"), "the error shows the password:\n{stderr}");
    assert!(!stderr.contains(&user), "the migrate command shows the user name:\n{stderr}");
    assert!(
        stderr.contains("with the user name and password added to the URL"),
        "no note about the left-out credentials in:\n{stderr}"
    );
}

#[tokio::test]
async fn unreachable_database_refuses_start() {
    let url =
        format!("mongodb://lab:topsecret@127.0.0.1:{}/?serverSelectionTimeoutMS=500", free_port());
    let (status, stderr) = failed_start("madsci_events", &url).await;
    assert_eq!(status, 2, "exit status without a database; stderr:\n{stderr}");
    assert!(
        stderr.contains("error: failed to reach MongoDB at `mongodb://lab:***@127.0.0.1:"),
        "{stderr}"
    );
    assert!(!stderr.contains("topsecret"), "the error shows the password:\n{stderr}");
}
