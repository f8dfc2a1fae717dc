//! The database tools on MongoDB: the stand-in server that `scripts/test` starts, and a test
//! double for mongodump/mongorestore first on `PATH` that records its arguments and config
//! file.

use madsci_events::backup::mongo::staging_database;
use mongodb::bson::{Document, doc};
use serde_json::Value;

use crate::db_support::{
    ToolDouble, all_documents, cli_without_tools, expect_code, index_specs, mongo_args,
    mongo_client, printed_path, seed_events,
};
use crate::support::{mongodb_url, unique_database};

#[tokio::test]
async fn backup_uri_only_in_private_config() {
    let (client, database) = (mongo_client().await, unique_database());
    seed_events(&client, &database, 20).await;
    let backups = tempfile::tempdir().unwrap();
    let double = ToolDouble::new();
    let url = format!("{}&replicaSet=secantus&appName=lab", mongodb_url());

    let output = double
        .cli()
        .args(["backup", "--db-url", &url, "--database", &database, "--backup-dir"])
        .args([backups.path().display().to_string()])
        .run();
    expect_code(&output, 0);

    let runs = double.runs();
    assert_eq!(runs.len(), 1, "{runs:?}");
    let run = &runs[0];
    assert_eq!(run["tool"], "mongodump");
    let argv: Vec<&str> =
        run["argv"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    assert!(
        argv.iter().all(|arg| !arg.contains("mongodb://")),
        "no URI on the command line: {argv:?}"
    );
    assert!(argv.contains(&format!("--db={database}").as_str()), "{argv:?}");
    assert_eq!(run["config_mode"], "0o600");
    let config = run["config_text"].as_str().unwrap();
    assert!(config.starts_with("uri: \"mongodb://127.0.0.1:"), "{config}");
    assert!(config.contains("replicaSet=secantus"), "{config}");
    assert!(config.contains("appName=lab"), "{config}");
    let config_path = run["config_path"].as_str().unwrap();
    assert!(!std::path::Path::new(config_path).exists(), "the config file is removed afterwards");
}

#[tokio::test]
async fn backup_folder_matches_upstream_layout() {
    let (client, database) = (mongo_client().await, unique_database());
    seed_events(&client, &database, 30).await;
    let backups = tempfile::tempdir().unwrap();
    let double = ToolDouble::new();

    let output = double
        .cli()
        .args(["backup", "--suffix", "pre_migration"])
        .args(mongo_args(&database, backups.path()))
        .run();
    expect_code(&output, 0);
    let folder = printed_path(&output);
    let name = folder.file_name().unwrap().to_str().unwrap().to_owned();
    let prefix = format!("{database}_backup_");
    assert!(name.starts_with(&prefix), "{name}");
    let stamp = &name[prefix.len()..prefix.len() + 22];
    assert!(chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%d_%H%M%S_%6f").is_ok(), "{name}");
    assert!(name.ends_with("_pre_migration"), "{name}");

    let dump = folder.join(&database);
    let mut bson_files: Vec<_> = std::fs::read_dir(&dump)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "bson"))
        .collect();
    bson_files.sort();
    let mut hasher = <sha2::Sha256 as sha2::Digest>::new();
    for file in &bson_files {
        sha2::Digest::update(&mut hasher, std::fs::read(file).unwrap());
    }
    let expected = format!("{:x}", sha2::Digest::finalize(hasher));
    assert_eq!(std::fs::read_to_string(folder.join("backup.checksum")).unwrap(), expected);
    let metadata: Value = serde_json::from_str(
        &std::fs::read_to_string(folder.join("backup_metadata.json")).unwrap(),
    )
    .unwrap();
    for key in [
        "timestamp",
        "database_version",
        "backup_size",
        "checksum",
        "database_name",
        "collections_count",
    ] {
        assert!(metadata.get(key).is_some(), "metadata lacks `{key}`: {metadata}");
    }
    assert_eq!(metadata["collections_count"], 2);
    assert_eq!(metadata["database_name"], database.as_str());
    assert_eq!(metadata["tool"], "mongodump");
}

#[tokio::test]
async fn tool_round_trip_restores_documents_and_indexes() {
    let (client, database) = (mongo_client().await, unique_database());
    seed_events(&client, &database, 120).await;
    let before = all_documents(&client, &database, "events").await;
    let indexes_before = index_specs(&client, &database, "events").await;
    let backups = tempfile::tempdir().unwrap();
    let double = ToolDouble::new();
    let backup =
        double.cli().args(["backup", "--gzip"]).args(mongo_args(&database, backups.path())).run();
    expect_code(&backup, 0);
    let folder = printed_path(&backup);
    assert!(folder.join(&database).join("events.bson.gz").exists(), "--gzip reaches mongodump");

    client.database(&database).drop().await.unwrap();
    let output = double
        .cli()
        .args(["restore", &folder.display().to_string(), "--yes"])
        .args(mongo_args(&database, backups.path()))
        .run();
    expect_code(&output, 0);

    assert_eq!(all_documents(&client, &database, "events").await, before);
    assert_eq!(index_specs(&client, &database, "events").await, indexes_before);
    assert_eq!(all_documents(&client, &database, "notes").await.len(), 1);
    let restore_run = double.runs().into_iter().find(|run| run["tool"] == "mongorestore").unwrap();
    let argv = restore_run["argv"].to_string();
    assert!(argv.contains(&format!("--nsTo={}.*", staging_database(&database))), "{argv}");
    assert!(argv.contains("\"--gzip\""), "a gzip backup is restored with --gzip: {argv}");
    let staging = staging_database(&database);
    assert!(!client.list_database_names().await.unwrap().contains(&staging), "staging is dropped");
}

#[tokio::test]
async fn native_round_trip_keeps_ttl_and_partial_indexes() {
    let (client, database) = (mongo_client().await, unique_database());
    seed_events(&client, &database, 300).await;
    let before = all_documents(&client, &database, "events").await;
    let indexes_before = index_specs(&client, &database, "events").await;
    let backups = tempfile::tempdir().unwrap();

    let backup = cli_without_tools()
        .args(["backup", "--native", "--gzip", "--validate"])
        .args(mongo_args(&database, backups.path()))
        .run();
    expect_code(&backup, 0);
    let folder = printed_path(&backup);
    assert!(folder.join(&database).join("events.bson.gz").exists());
    assert!(folder.join(&database).join("events.metadata.json.gz").exists());

    client.database(&database).drop().await.unwrap();
    let restore = cli_without_tools()
        .args(["restore", &folder.display().to_string(), "--native", "--yes"])
        .args(mongo_args(&database, backups.path()))
        .run();
    expect_code(&restore, 0);

    assert_eq!(all_documents(&client, &database, "events").await, before);
    let indexes_after = index_specs(&client, &database, "events").await;
    assert_eq!(indexes_after, indexes_before);
    let ttl =
        indexes_after.iter().find(|spec| spec.get_str("name") == Ok("archived_at_1")).unwrap();
    assert_eq!(
        ttl.get("expireAfterSeconds").and_then(|v| v.as_i64().or(v.as_i32().map(i64::from))),
        Some(86_400)
    );
    assert_eq!(ttl.get_document("partialFilterExpression").unwrap(), &doc! {"archived": true});
    let unique =
        indexes_after.iter().find(|spec| spec.get_str("name") == Ok("n_unique_partial")).unwrap();
    assert_eq!(unique.get_bool("unique"), Ok(true));
}

#[tokio::test]
async fn native_dump_is_restorable_by_mongorestore() {
    let (client, database) = (mongo_client().await, unique_database());
    seed_events(&client, &database, 50).await;
    let before = all_documents(&client, &database, "events").await;
    let backups = tempfile::tempdir().unwrap();
    let folder = printed_path(
        &cli_without_tools()
            .args(["backup", "--native"])
            .args(mongo_args(&database, backups.path()))
            .run(),
    );
    let copy = format!("{database}_copy");

    let double = ToolDouble::new();
    let output = double
        .cli()
        .args(["restore", &folder.display().to_string(), "--yes", "--target-database", &copy])
        .args(mongo_args(&database, backups.path()))
        .run();
    expect_code(&output, 0);
    assert_eq!(all_documents(&client, &copy, "events").await, before);
    assert_eq!(
        index_specs(&client, &copy, "events").await,
        index_specs(&client, &database, "events").await
    );
}

#[tokio::test]
async fn failed_mongorestore_leaves_live_data_untouched() {
    let (client, database) = (mongo_client().await, unique_database());
    seed_events(&client, &database, 40).await;
    let backups = tempfile::tempdir().unwrap();
    let double = ToolDouble::new();
    let folder = printed_path(
        &double.cli().args(["backup"]).args(mongo_args(&database, backups.path())).run(),
    );
    let events = client.database(&database).collection::<Document>("events");
    events.insert_one(doc! {"_id": "written-after-backup"}).await.unwrap();
    let live = all_documents(&client, &database, "events").await;

    let output = double
        .cli()
        .env("MADSCI_TEST_TOOL_FAIL", "mongorestore")
        .args(["restore", &folder.display().to_string(), "--yes"])
        .args(mongo_args(&database, backups.path()))
        .run();
    expect_code(&output, 2);
    assert!(output.stderr.contains("failed and the target is unchanged"), "{}", output.stderr);
    assert!(output.stderr.contains("simulated mongorestore failure"), "{}", output.stderr);
    assert_eq!(all_documents(&client, &database, "events").await, live);
    let staging = staging_database(&database);
    assert!(!client.list_database_names().await.unwrap().contains(&staging), "staging is dropped");
}

#[tokio::test]
async fn missing_tools_error_names_tool_and_native() {
    let (client, database) = (mongo_client().await, unique_database());
    seed_events(&client, &database, 2).await;
    let backups = tempfile::tempdir().unwrap();
    let output =
        cli_without_tools().args(["backup"]).args(mongo_args(&database, backups.path())).run();
    expect_code(&output, 2);
    assert!(output.stderr.contains("`mongodump` not found on PATH"), "{}", output.stderr);
    assert!(output.stderr.contains("`--native`"), "{}", output.stderr);
    assert_eq!(std::fs::read_dir(backups.path()).unwrap().count(), 0, "no partial folder");
}

#[tokio::test]
async fn corrupt_dump_is_reported_before_any_change() {
    let (client, database) = (mongo_client().await, unique_database());
    seed_events(&client, &database, 10).await;
    let backups = tempfile::tempdir().unwrap();
    let folder = printed_path(
        &cli_without_tools()
            .args(["backup", "--native"])
            .args(mongo_args(&database, backups.path()))
            .run(),
    );
    let data = folder.join(&database).join("events.bson");
    let bytes = std::fs::read(&data).unwrap();
    std::fs::write(&data, &bytes[..bytes.len() - 7]).unwrap();

    let validate =
        cli_without_tools().args(["backups", "validate", &folder.display().to_string()]).run();
    expect_code(&validate, 1);
    assert!(validate.stdout.contains("checksum mismatch"), "{}", validate.stdout);
    assert!(validate.stdout.contains("the file ends inside a document"), "{}", validate.stdout);
    let count_before = all_documents(&client, &database, "events").await.len();
    let restore = cli_without_tools()
        .args(["restore", &folder.display().to_string(), "--native", "--yes"])
        .args(mongo_args(&database, backups.path()))
        .run();
    expect_code(&restore, 2);
    assert_eq!(all_documents(&client, &database, "events").await.len(), count_before);
}

#[tokio::test]
async fn chosen_collections_dump_and_restore_alone() {
    let (client, database) = (mongo_client().await, unique_database());
    seed_events(&client, &database, 10).await;
    let backups = tempfile::tempdir().unwrap();
    let double = ToolDouble::new();
    let output = double
        .cli()
        .args(["backup", "--collection", "events", "--collection", "notes"])
        .args(mongo_args(&database, backups.path()))
        .run();
    expect_code(&output, 0);
    let dumps: Vec<String> = double.runs().iter().map(|run| run["argv"].to_string()).collect();
    assert_eq!(dumps.len(), 2, "mongodump honours one --collection, so one run each: {dumps:?}");
    assert!(dumps[0].contains("--collection=events"), "{dumps:?}");
    assert!(dumps[1].contains("--collection=notes"), "{dumps:?}");

    let folder = printed_path(&output);
    client.database(&database).collection::<Document>("notes").drop().await.unwrap();
    let restore = double
        .cli()
        .args(["restore", &folder.display().to_string(), "--collection", "notes", "--yes"])
        .args(mongo_args(&database, backups.path()))
        .run();
    expect_code(&restore, 0);
    let restore_argv = double.runs().last().unwrap()["argv"].to_string();
    assert!(restore_argv.contains(&format!("--nsInclude={database}.notes")), "{restore_argv}");
    assert_eq!(all_documents(&client, &database, "notes").await.len(), 1);
    assert_eq!(all_documents(&client, &database, "events").await.len(), 10);

    let unknown = double
        .cli()
        .args(["backup", "--collection", "nope"])
        .args(mongo_args(&database, backups.path()))
        .run();
    expect_code(&unknown, 2);
    assert!(unknown.stderr.contains("collection `nope` not found"), "{}", unknown.stderr);
}

#[tokio::test]
async fn empty_database_cannot_be_backed_up() {
    let database = unique_database();
    let backups = tempfile::tempdir().unwrap();
    let output = cli_without_tools()
        .args(["backup", "--native"])
        .args(mongo_args(&database, backups.path()))
        .run();
    expect_code(&output, 2);
    assert!(
        output.stderr.contains("has no collections, so there is nothing to back up"),
        "{}",
        output.stderr
    );
    assert_eq!(std::fs::read_dir(backups.path()).unwrap().count(), 0);
}

#[test]
fn invalid_database_name_is_a_usage_error() {
    let output = cli_without_tools()
        .args(["check-version", "--db-url", "mongodb://127.0.0.1:1/", "--database", "bad.name"])
        .run();
    expect_code(&output, 2);
    assert!(output.stderr.contains("invalid database name `bad.name`"), "{}", output.stderr);
}

#[test]
fn unreachable_server_error_hides_the_password() {
    let url = "mongodb://lab:s3cr%40t@127.0.0.1:1/?serverSelectionTimeoutMS=300";
    let output = cli_without_tools().args(["check-version", "--db-url", url]).run();
    expect_code(&output, 2);
    assert!(output.stderr.contains("failed to reach MongoDB"), "{}", output.stderr);
    assert!(!output.stderr.contains("s3cr"), "{}", output.stderr);
}
