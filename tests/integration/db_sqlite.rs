//! The database tools on the embedded store: check-version, migrate, backup, backups
//! list/validate, restore, against real SQLite files and a running server.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::cli_support::{Cli, Output};
use crate::db_support::{expect_code, printed_path};
use crate::support::{Backend, TestServer};

fn sqlite_args(database: &Path, backup_dir: &Path) -> Vec<String> {
    vec![
        "--db-url".into(),
        format!("sqlite://{}", database.display()),
        "--backup-dir".into(),
        backup_dir.display().to_string(),
    ]
}

fn run(args: &[&str], database: &Path, backup_dir: &Path) -> Output {
    Cli::new().args(args).args(sqlite_args(database, backup_dir)).run()
}

async fn post_events(server: &TestServer, count: usize, tag: &str) {
    for i in 0..count {
        let body = json!({"event_type": "log_info", "event_data": {"tag": tag, "n": i}});
        let (status, reply) = server.post_json("/event", &body).await;
        assert_eq!(status, 200, "{reply}");
    }
}

async fn event_count(server: &TestServer) -> usize {
    let (status, body) = server.get("/events?number=100000").await;
    assert_eq!(status, 200, "{body}");
    body.as_object().expect("an id map").len()
}

fn server_database(server: &TestServer) -> PathBuf {
    server.dir.path().join("events.db")
}

fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

#[test]
fn check_version_reports_fresh_then_current() {
    let dir = tempfile::tempdir().unwrap();
    let (database, backups) = (dir.path().join("ev.db"), dir.path().join("backups"));

    let fresh = run(&["check-version"], &database, &backups);
    expect_code(&fresh, 1);
    assert!(fresh.stdout.contains("expected schema version: 1"), "{}", fresh.stdout);
    assert!(fresh.stdout.contains("migration needed: yes"), "{}", fresh.stdout);
    assert!(!database.exists(), "check-version must not create the database");

    let migrated = run(&["migrate"], &database, &backups);
    expect_code(&migrated, 0);
    assert!(migrated.stderr.contains("no backup needed"), "{}", migrated.stderr);

    let current = run(&["check-version", "--format", "json"], &database, &backups);
    expect_code(&current, 0);
    let report: Value = serde_json::from_str(&current.stdout).unwrap();
    assert_eq!(report["backend"], "sqlite");
    assert_eq!(report["expected_version"], "1");
    assert_eq!(report["database_version"], "1");
    assert_eq!(report["needs_migration"], false);
}

#[test]
fn upstream_flag_spellings_select_modes() {
    let dir = tempfile::tempdir().unwrap();
    let (database, backups) = (dir.path().join("ev.db"), dir.path().join("backups"));
    let url = format!("sqlite://{}", database.display());

    let check = Cli::new().args(["migrate", "--check_version", "true", "--db_url", &url]).run();
    expect_code(&check, 1);
    assert!(check.stdout.contains("migration needed: yes"), "{}", check.stdout);
    assert!(!database.exists(), "--check_version true must not migrate");

    let check_false = Cli::new()
        .args(["migrate", "--check_version", "false", "--db_url", &url, "--backup_dir"])
        .args([backups.display().to_string()])
        .run();
    expect_code(&check_false, 0);
    assert!(database.exists(), "--check_version false runs the migration");

    let backup = Cli::new()
        .args(["migrate", "--backup_only", "true", "--db_url", &url, "--backup_dir"])
        .args([backups.display().to_string()])
        .run();
    expect_code(&backup, 0);
    assert!(printed_path(&backup).join("backup_metadata.json").exists(), "{}", backup.stdout);
}

#[test]
fn bad_boolean_names_the_value() {
    let output = Cli::new().args(["migrate", "--check-version=perhaps"]).run();
    expect_code(&output, 2);
    assert!(output.stderr.contains("`perhaps` is not a boolean"), "{}", output.stderr);
}

#[tokio::test]
async fn backup_of_running_server_is_consistent_and_checksummed() {
    let server = TestServer::start(Backend::Sqlite).await;
    post_events(&server, 40, "before").await;
    let backups = server.dir.path().join("backups");

    let output = run(
        &["backup", "--validate", "--suffix", "nightly run"],
        &server_database(&server),
        &backups,
    );
    expect_code(&output, 0);
    let folder = printed_path(&output);
    let name = folder.file_name().unwrap().to_str().unwrap();
    assert!(name.starts_with("madsci_events_backup_"), "{name}");
    assert!(name.ends_with("_nightly_run"), "{name}");

    let metadata: Value = serde_json::from_str(
        &std::fs::read_to_string(folder.join("backup_metadata.json")).unwrap(),
    )
    .unwrap();
    let data = std::fs::read(folder.join("madsci_events/events.db")).unwrap();
    let checksum = std::fs::read_to_string(folder.join("backup.checksum")).unwrap();
    assert_eq!(checksum, sha256_hex(&data), "checksum is SHA-256 of the data file, no newline");
    assert_eq!(metadata["checksum"], checksum.as_str());
    assert_eq!(metadata["database_name"], "madsci_events");
    assert_eq!(metadata["backup_type"], "sqlite");
    assert_eq!(metadata["collections_count"], 1);
    assert_eq!(metadata["backup_size"], data.len() as u64);
    assert_eq!(metadata["database_version"], "1");

    let copy = rusqlite::Connection::open(folder.join("madsci_events/events.db")).unwrap();
    let count: i64 = copy.query_row("SELECT count(*) FROM events", [], |row| row.get(0)).unwrap();
    assert_eq!(count, 40);
}

#[tokio::test]
async fn restore_replaces_data_and_keeps_safety_backup() {
    let server = TestServer::start(Backend::Sqlite).await;
    let (database, backups) = (server_database(&server), server.dir.path().join("backups"));
    post_events(&server, 10, "old").await;
    let backup = printed_path(&run(&["backup"], &database, &backups));
    post_events(&server, 5, "new").await;
    assert_eq!(event_count(&server).await, 15);

    let arg = backup.display().to_string();
    let output = run(&["restore", &arg, "--yes"], &database, &backups);
    expect_code(&output, 0);
    assert!(output.stderr.contains("events: 10 documents"), "{}", output.stderr);

    assert_eq!(event_count(&server).await, 10, "the running server sees the restored data");
    let safety = std::fs::read_dir(&backups)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.to_string_lossy().ends_with("_pre_restore"))
        .expect("a safety backup");
    let copy = rusqlite::Connection::open(safety.join("madsci_events/events.db")).unwrap();
    let count: i64 = copy.query_row("SELECT count(*) FROM events", [], |row| row.get(0)).unwrap();
    assert_eq!(count, 15, "the safety backup holds the data that was replaced");
    post_events(&server, 1, "after").await;
    assert_eq!(event_count(&server).await, 11, "the server keeps writing after a restore");
}

#[tokio::test]
async fn restore_without_terminal_requires_yes() {
    let server = TestServer::start(Backend::Sqlite).await;
    let (database, backups) = (server_database(&server), server.dir.path().join("backups"));
    post_events(&server, 3, "x").await;
    let backup = printed_path(&run(&["backup"], &database, &backups));
    post_events(&server, 2, "y").await;

    let output = run(&["restore", &backup.display().to_string()], &database, &backups);
    expect_code(&output, 2);
    assert!(output.stderr.contains("`--yes`"), "{}", output.stderr);
    assert_eq!(event_count(&server).await, 5, "nothing was restored");
}

#[tokio::test]
async fn tampered_backup_fails_validation_and_restore() {
    let server = TestServer::start(Backend::Sqlite).await;
    let (database, backups) = (server_database(&server), server.dir.path().join("backups"));
    post_events(&server, 4, "x").await;
    let backup = printed_path(&run(&["backup"], &database, &backups));
    let data_file = backup.join("madsci_events/events.db");
    let mut bytes = std::fs::read(&data_file).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&data_file, bytes).unwrap();

    let validation =
        Cli::new().args(["backups", "validate"]).args([backup.display().to_string()]).run();
    expect_code(&validation, 1);
    assert!(validation.stdout.contains("INVALID"), "{}", validation.stdout);
    assert!(validation.stdout.contains("checksum mismatch"), "{}", validation.stdout);

    let restore = run(&["restore", &backup.display().to_string(), "--yes"], &database, &backups);
    expect_code(&restore, 2);
    assert!(restore.stderr.contains("nothing was changed"), "{}", restore.stderr);
    assert_eq!(event_count(&server).await, 4);
}

#[test]
fn restore_of_missing_folder_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let (database, backups) = (dir.path().join("ev.db"), dir.path().join("backups"));
    let output = run(&["restore", "/no/such/backup", "--yes"], &database, &backups);
    expect_code(&output, 2);
    assert!(output.stderr.contains("`/no/such/backup` is not a folder"), "{}", output.stderr);
    assert!(!database.exists(), "a failed restore creates nothing");
}

#[test]
fn backup_of_missing_database_fails_without_leftovers() {
    let dir = tempfile::tempdir().unwrap();
    let (database, backups) = (dir.path().join("ev.db"), dir.path().join("backups"));
    let output = run(&["backup"], &database, &backups);
    expect_code(&output, 2);
    assert!(
        output.stderr.contains("does not exist, so there is nothing to back up"),
        "{}",
        output.stderr
    );
    let leftovers: Vec<_> =
        std::fs::read_dir(&backups).map(|dir| dir.count()).into_iter().collect();
    assert_eq!(leftovers, [0], "no partial backup folder stays behind");
}

#[tokio::test]
async fn restore_beside_live_database_leaves_it_alone() {
    let server = TestServer::start(Backend::Sqlite).await;
    let (database, backups) = (server_database(&server), server.dir.path().join("backups"));
    post_events(&server, 6, "x").await;
    let backup = printed_path(&run(&["backup"], &database, &backups));
    post_events(&server, 1, "y").await;

    let arg = backup.display().to_string();
    let output = run(&["restore", &arg, "--yes", "--target-database", "copy"], &database, &backups);
    expect_code(&output, 0);
    let copy = rusqlite::Connection::open(server.dir.path().join("copy.db")).unwrap();
    let count: i64 = copy.query_row("SELECT count(*) FROM events", [], |row| row.get(0)).unwrap();
    assert_eq!(count, 6);
    assert_eq!(event_count(&server).await, 7, "the live database is untouched");
    assert!(!output.stderr.contains("safety backup"), "a new target needs no safety backup");
}

#[tokio::test]
async fn rotation_keeps_newest_and_ignores_other_files() {
    let server = TestServer::start(Backend::Sqlite).await;
    let (database, backups) = (server_database(&server), server.dir.path().join("backups"));
    post_events(&server, 1, "x").await;
    std::fs::create_dir_all(backups.join("other_db_backup_20200101_000000_000000/other_db"))
        .unwrap();
    std::fs::write(backups.join("notes.txt"), "keep me").unwrap();
    std::fs::write(backups.join("old.dump"), "keep me").unwrap();

    let mut created = Vec::new();
    for _ in 0..4 {
        let output = run(&["backup", "--max-count", "2"], &database, &backups);
        expect_code(&output, 0);
        created.push(printed_path(&output));
    }

    assert!(!created[0].exists());
    assert!(!created[1].exists());
    assert!(created[2].exists());
    assert!(created[3].exists());
    assert!(backups.join("other_db_backup_20200101_000000_000000").exists());
    assert!(backups.join("notes.txt").exists());
    assert!(backups.join("old.dump").exists());

    let listed = run(&["backups", "list", "--format", "json"], &database, &backups);
    expect_code(&listed, 0);
    let rows: Value = serde_json::from_str(&listed.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["path"], created[3].display().to_string(), "newest first");
    assert_eq!(rows[0]["is_valid"], true);
    assert_eq!(rows[0]["backup_type"], "sqlite");
}

#[test]
fn backups_list_table_has_a_header() {
    let dir = tempfile::tempdir().unwrap();
    let (database, backups) = (dir.path().join("ev.db"), dir.path().join("backups"));
    expect_code(&run(&["migrate"], &database, &backups), 0);
    expect_code(&run(&["backup"], &database, &backups), 0);
    let listed = run(&["backups", "list"], &database, &backups);
    expect_code(&listed, 0);
    let header = listed.stdout.lines().next().unwrap_or_default();
    for column in ["BACKUP", "CREATED", "SIZE", "TYPE", "VERSION", "VALID"] {
        assert!(header.contains(column), "{header}");
    }
    assert!(listed.stdout.contains("madsci_events_backup_"), "{}", listed.stdout);
}

#[test]
fn restore_rejects_a_sqlite_backup_for_mongodb() {
    let dir = tempfile::tempdir().unwrap();
    let (database, backups) = (dir.path().join("ev.db"), dir.path().join("backups"));
    expect_code(&run(&["migrate"], &database, &backups), 0);
    let backup = printed_path(&run(&["backup"], &database, &backups));
    let output = Cli::new()
        .args(["restore", &backup.display().to_string(), "--yes"])
        .args(["--db-url", "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200"])
        .run();
    expect_code(&output, 2);
    assert!(
        output.stderr.contains("contains a SQLite database but the target is MongoDB"),
        "{}",
        output.stderr
    );
}
