//! Helpers of the database-tool tests: the mongodump/mongorestore test double on `PATH`, the
//! Python interpreter that runs it, and seeding MongoDB through the driver.

use std::path::{Path, PathBuf};

use mongodb::bson::{Document, doc};
use mongodb::options::IndexOptions;
use mongodb::{Client, IndexModel};
use serde_json::Value;
use tempfile::TempDir;

use crate::cli_support::{Cli, Output};

/// Returns the interpreter of the virtualenv that `scripts/test` creates, which has pymongo.
pub fn test_python() -> PathBuf {
    let python = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/compat-venv/bin/python");
    assert!(
        python.exists(),
        "the mongodump/mongorestore test double needs `{}` with pymongo: run `scripts/test`, \
         which creates it",
        python.display()
    );
    python
}

/// A folder holding `mongodump` and `mongorestore` wrappers that run the test double, plus the
/// log file every run appends to.
pub struct ToolDouble {
    dir: TempDir,
}

impl ToolDouble {
    /// Writes the two wrappers.
    pub fn new() -> ToolDouble {
        let dir = tempfile::tempdir().expect("create temp dir");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/mongotool_double.py");
        let python = test_python();
        for tool in ["mongodump", "mongorestore"] {
            let path = dir.path().join(tool);
            let text = format!(
                "#!/bin/sh\nexec '{}' '{}' {tool} \"$@\"\n",
                python.display(),
                script.display()
            );
            std::fs::write(&path, text).expect("write wrapper");
            make_executable(&path);
        }
        ToolDouble { dir }
    }

    /// Returns a `PATH` with the double first, then the system folders `/bin/sh` needs.
    pub fn path_var(&self) -> String {
        format!("{}:/usr/bin:/bin", self.dir.path().display())
    }

    /// Reads the runs recorded so far, one JSON object each.
    pub fn runs(&self) -> Vec<Value> {
        let text = std::fs::read_to_string(self.log()).unwrap_or_default();
        text.lines().map(|line| serde_json::from_str(line).expect("log line is JSON")).collect()
    }

    fn log(&self) -> PathBuf {
        self.dir.path().join("runs.jsonl")
    }

    /// Creates a command line with the double on `PATH` and its log enabled.
    pub fn cli(&self) -> Cli {
        let log = self.log();
        Cli::new()
            .env("PATH", &self.path_var())
            .env("MADSCI_TEST_TOOL_LOG", log.to_str().expect("utf-8 path"))
    }
}

#[cfg(unix)]
fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

/// Creates a command line whose `PATH` has neither the double nor the real tools.
pub fn cli_without_tools() -> Cli {
    Cli::new().env("PATH", "/nonexistent-bin")
}

/// Fails with the command line's output unless it exited with `code`.
pub fn expect_code(output: &Output, code: i32) {
    assert_eq!(
        output.code,
        Some(code),
        "expected exit code {code}\nstdout:\n{}\nstderr:\n{}",
        output.stdout,
        output.stderr
    );
}

/// Returns the first line of stdout as a path.
pub fn printed_path(output: &Output) -> PathBuf {
    let line = output.stdout.lines().next().expect("a printed path");
    PathBuf::from(line.trim())
}

/// Connects a driver client to the test server.
pub async fn mongo_client() -> Client {
    Client::with_uri_str(crate::support::mongodb_url()).await.expect("connect to the test server")
}

/// Fills `database` with `count` events, half of them archived, a TTL index with a partial
/// filter (as retention creates it), a unique partial index and a plain one, and a second
/// collection.
pub async fn seed_events(client: &Client, database: &str, count: usize) {
    let db = client.database(database);
    let events = db.collection::<Document>("events");
    let documents: Vec<Document> = (0..count)
        .map(|i| {
            doc! {
                "_id": format!("01HZ{i:022}"),
                "event_type": "log_info",
                "log_level": 20,
                "event_timestamp": format!("2024-01-01T00:00:{:02}", i % 60),
                "archived": i % 2 == 0,
                "archived_at": mongodb::bson::DateTime::from_millis(1_704_067_200_000),
                "event_data": {"n": i as i64, "text": "caf\u{e9} \u{1f9ea}"},
            }
        })
        .collect();
    events.insert_many(documents).await.expect("insert events");
    let ttl = IndexOptions::builder()
        .name("archived_at_1".to_owned())
        .expire_after(std::time::Duration::from_secs(86_400))
        .partial_filter_expression(doc! {"archived": true})
        .build();
    let unique_partial = IndexOptions::builder()
        .name("n_unique_partial".to_owned())
        .unique(true)
        .partial_filter_expression(doc! {"archived": false})
        .build();
    let plain = IndexOptions::builder().name("log_level_1".to_owned()).build();
    let models = [
        IndexModel::builder().keys(doc! {"archived_at": 1}).options(ttl).build(),
        IndexModel::builder().keys(doc! {"event_data.n": 1}).options(unique_partial).build(),
        IndexModel::builder().keys(doc! {"log_level": 1}).options(plain).build(),
    ];
    events.create_indexes(models).await.expect("create indexes");
    db.collection::<Document>("notes")
        .insert_one(doc! {"_id": 1, "text": "x"})
        .await
        .expect("insert");
}

/// Reads the documents of a collection sorted by `_id`, for comparing databases.
pub async fn all_documents(client: &Client, database: &str, collection: &str) -> Vec<Document> {
    use futures_util::TryStreamExt;
    let collection = client.database(database).collection::<Document>(collection);
    let cursor = collection.find(doc! {}).sort(doc! {"_id": 1}).await.expect("find");
    cursor.try_collect().await.expect("read documents")
}

/// Reads the index specifications of a collection without `v` and `ns`, sorted by name.
pub async fn index_specs(client: &Client, database: &str, collection: &str) -> Vec<Document> {
    use futures_util::TryStreamExt;
    let command = doc! {"listIndexes": collection};
    let cursor = client.database(database).run_cursor_command(command).await.expect("listIndexes");
    let mut specs: Vec<Document> = cursor.try_collect().await.expect("read indexes");
    for spec in &mut specs {
        spec.remove("v");
        spec.remove("ns");
    }
    specs.sort_by(|a, b| a.get_str("name").unwrap_or("").cmp(b.get_str("name").unwrap_or("")));
    specs
}

/// Builds the `--db-url`, `--database` and `--backup-dir` arguments for a test database.
pub fn mongo_args(database: &str, backup_dir: &Path) -> Vec<String> {
    vec![
        "--db-url".into(),
        crate::support::mongodb_url(),
        "--database".into(),
        database.into(),
        "--backup-dir".into(),
        backup_dir.display().to_string(),
    ]
}
