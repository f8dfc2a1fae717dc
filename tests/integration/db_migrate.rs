//! `migrate` and `check-version` on MongoDB, against the stand-in server.

use mongodb::bson::{Document, doc};
use serde_json::Value;

use crate::db_support::{
    ToolDouble, cli_without_tools, expect_code, mongo_args, mongo_client, seed_events,
};
use crate::support::unique_database;

async fn version_records(client: &mongodb::Client, database: &str) -> Vec<Document> {
    crate::db_support::all_documents(client, database, "schema_versions").await
}

#[tokio::test]
async fn empty_database_is_migrated_without_backup() {
    let (client, database) = (mongo_client().await, unique_database());
    let backups = tempfile::tempdir().unwrap();

    let check = cli_without_tools()
        .args(["check-version"])
        .args(mongo_args(&database, backups.path()))
        .run();
    expect_code(&check, 1);
    assert!(check.stdout.contains("none (the database is new or empty)"), "{}", check.stdout);

    let migrate =
        cli_without_tools().args(["migrate"]).args(mongo_args(&database, backups.path())).run();
    expect_code(&migrate, 0);
    assert!(migrate.stderr.contains("no backup needed"), "{}", migrate.stderr);
    assert_eq!(std::fs::read_dir(backups.path()).map(|d| d.count()).unwrap_or(0), 0);

    let records = version_records(&client, &database).await;
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].get_str("version"), Ok("1.0.0"));
    assert_eq!(
        records[0].get_str("migration_notes"),
        Ok("MongoDB schema migration from unversioned to 1.0.0")
    );
    assert!(matches!(records[0].get("applied_at"), Some(mongodb::bson::Bson::DateTime(_))));
    let names = client.database(&database).list_collection_names().await.unwrap();
    assert!(names.contains(&"events".to_owned()), "{names:?}");

    let again = cli_without_tools()
        .args(["check-version", "--format", "json"])
        .args(mongo_args(&database, backups.path()))
        .run();
    expect_code(&again, 0);
    let report: Value = serde_json::from_str(&again.stdout).unwrap();
    assert_eq!(report["database_version"], "1.0.0");
    assert_eq!(report["needs_migration"], false);
}

#[tokio::test]
async fn untracked_database_is_backed_up_then_migrated() {
    let (client, database) = (mongo_client().await, unique_database());
    seed_events(&client, &database, 25).await;
    let backups = tempfile::tempdir().unwrap();
    let double = ToolDouble::new();

    let check = double
        .cli()
        .args(["migrate", "--check-version"])
        .args(mongo_args(&database, backups.path()))
        .run();
    expect_code(&check, 1);
    assert!(check.stdout.contains("untracked"), "{}", check.stdout);

    let migrate = double.cli().args(["migrate"]).args(mongo_args(&database, backups.path())).run();
    expect_code(&migrate, 0);
    let folders: Vec<String> = std::fs::read_dir(backups.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(folders.len(), 1, "{folders:?}");
    assert!(folders[0].ends_with("_pre_migration"), "{folders:?}");
    let records = version_records(&client, &database).await;
    assert_eq!(
        records[0].get_str("migration_notes"),
        Ok("MongoDB schema migration from 0.0.0 to 1.0.0")
    );

    let validate = double
        .cli()
        .args(["migrate", "--validate_schema", "true"])
        .args(mongo_args(&database, backups.path()))
        .run();
    expect_code(&validate, 0);
    assert!(validate.stdout.contains("schema: valid"), "{}", validate.stdout);
    assert!(validate.stdout.contains("extra indexes (allowed)"), "{}", validate.stdout);

    let noop = double.cli().args(["migrate"]).args(mongo_args(&database, backups.path())).run();
    expect_code(&noop, 0);
    assert!(noop.stdout.contains("nothing to do"), "{}", noop.stdout);
}

#[tokio::test]
async fn schema_file_adds_indexes_and_validation_reports_conflicts() {
    let (client, database) = (mongo_client().await, unique_database());
    seed_events(&client, &database, 5).await;
    let backups = tempfile::tempdir().unwrap();
    let schema = backups.path().join("schema.json");
    std::fs::write(
        &schema,
        r#"{"database": "madsci_events", "schema_version": "1.0.0", "collections": {
            "events": {"indexes": [{"keys": [["event_type", 1], ["log_level", -1]], "name": "type_level"},
                                   {"keys": [["log_level", -1]], "name": "log_level_1"}]},
            "schema_versions": {"indexes": []}}}"#,
    )
    .unwrap();
    let schema_arg = schema.display().to_string();

    let migrate = cli_without_tools()
        .args(["migrate", "--native", "--schema_file", &schema_arg])
        .args(mongo_args(&database, backups.path()))
        .run();
    expect_code(&migrate, 0);
    assert!(migrate.stderr.contains("created events.type_level"), "{}", migrate.stderr);
    let names = client
        .database(&database)
        .collection::<Document>("events")
        .list_index_names()
        .await
        .unwrap();
    assert!(names.contains(&"type_level".to_owned()), "{names:?}");

    let validate = cli_without_tools()
        .args(["migrate", "--validate-schema", "--schema-file", &schema_arg, "--format", "json"])
        .args(mongo_args(&database, backups.path()))
        .run();
    expect_code(&validate, 1);
    let report: Value = serde_json::from_str(&validate.stdout).unwrap();
    assert_eq!(report["valid"], false);
    let different = &report["differences"]["collection_differences"][0]["different_indexes"][0];
    assert_eq!(different["name"], "log_level_1");
    assert_eq!(different["expected"], "{log_level: -1}");
    assert_eq!(different["actual"], "{log_level: 1}");
}

#[tokio::test]
async fn failed_migration_restores_the_backup() {
    let (client, database) = (mongo_client().await, unique_database());
    seed_events(&client, &database, 6).await;
    let events = client.database(&database).collection::<Document>("events");
    events
        .insert_many([doc! {"_id": "dup-1", "code": 7}, doc! {"_id": "dup-2", "code": 7}])
        .await
        .unwrap();
    let backups = tempfile::tempdir().unwrap();
    let schema = backups.path().join("schema.json");
    std::fs::write(
        &schema,
        r#"{"database": "madsci_events", "schema_version": "1.0.0", "collections": {
            "events": {"indexes": [{"keys": [["code", 1]], "name": "code_unique", "unique": true}]}}}"#,
    )
    .unwrap();

    let migrate = cli_without_tools()
        .args(["migrate", "--native", "--schema-file", &schema.display().to_string()])
        .args(mongo_args(&database, backups.path()))
        .run();
    expect_code(&migrate, 2);
    assert!(migrate.stderr.contains("schema migration failed"), "{}", migrate.stderr);
    assert!(migrate.stderr.contains("the database was restored from"), "{}", migrate.stderr);
    assert!(version_records(&client, &database).await.is_empty(), "no version was recorded");
    assert_eq!(crate::db_support::all_documents(&client, &database, "events").await.len(), 8);
}

#[tokio::test]
async fn target_version_must_be_semantic() {
    let database = unique_database();
    let backups = tempfile::tempdir().unwrap();
    let output = cli_without_tools()
        .args(["migrate", "--target-version", "latest"])
        .args(mongo_args(&database, backups.path()))
        .run();
    expect_code(&output, 2);
    assert!(output.stderr.contains("invalid `--target-version` `latest`"), "{}", output.stderr);
}
