//! The real MongoDB Database Tools, when they are installed.
//!
//! No package registry this project installs from ships mongodump or mongorestore, so
//! `scripts/test` cannot provide them and CI runs without them. Then this test checks the
//! missing-tool errors instead and reports that on stderr, and `scripts/test` prints the same
//! fact. Where the real tools are on `PATH`, it runs a full backup and restore through them
//! against the stand-in server.

use std::path::PathBuf;
use std::process::Command;

use crate::cli_support::Cli;
use crate::db_support::{
    all_documents, cli_without_tools, expect_code, index_specs, mongo_args, mongo_client,
    printed_path, seed_events,
};
use crate::support::unique_database;

/// The folder of the real `mongodump` and `mongorestore`, when both are on `PATH` and report
/// a MongoDB Database Tools version.
fn real_tools_dir() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find(|dir| {
        ["mongodump", "mongorestore"].iter().all(|tool| {
            let output = Command::new(dir.join(tool)).arg("--version").output();
            output.is_ok_and(|output| {
                output.status.success()
                    && String::from_utf8_lossy(&output.stdout).contains(&format!("{tool} version"))
            })
        })
    })
}

#[tokio::test]
async fn real_tools_round_trip_or_missing_tool_error() {
    let (client, database) = (mongo_client().await, unique_database());
    seed_events(&client, &database, 40).await;
    let backups = tempfile::tempdir().unwrap();

    let Some(tools) = real_tools_dir() else {
        eprintln!(
            "NOTE: the real mongodump/mongorestore are not installed, so this test checked the \
             missing-tool errors instead; install MongoDB Database Tools 100.3+ to run the real \
             round trip"
        );
        let backup =
            cli_without_tools().args(["backup"]).args(mongo_args(&database, backups.path())).run();
        expect_code(&backup, 2);
        assert!(backup.stderr.contains("`mongodump` not found on PATH"), "{}", backup.stderr);
        assert!(backup.stderr.contains("install the MongoDB Database Tools"), "{}", backup.stderr);
        let native = cli_without_tools()
            .args(["backup", "--native"])
            .args(mongo_args(&database, backups.path()))
            .run();
        expect_code(&native, 0);

        let folder = printed_path(&native).display().to_string();
        let restore = cli_without_tools()
            .args(["restore", &folder, "--yes"])
            .args(mongo_args(&database, backups.path()))
            .run();
        expect_code(&restore, 2);
        assert!(restore.stderr.contains("`mongorestore` not found on PATH"), "{}", restore.stderr);
        return;
    };

    let path = format!("{}:/usr/bin:/bin", tools.display());
    let before = all_documents(&client, &database, "events").await;
    let indexes = index_specs(&client, &database, "events").await;
    let backup = Cli::new()
        .env("PATH", &path)
        .args(["backup", "--gzip", "--validate"])
        .args(mongo_args(&database, backups.path()))
        .run();
    expect_code(&backup, 0);
    let folder = printed_path(&backup);

    client.database(&database).drop().await.unwrap();
    let restore = Cli::new()
        .env("PATH", &path)
        .args(["restore", &folder.display().to_string(), "--yes"])
        .args(mongo_args(&database, backups.path()))
        .run();
    expect_code(&restore, 0);
    assert_eq!(all_documents(&client, &database, "events").await, before);
    assert_eq!(index_specs(&client, &database, "events").await, indexes);
}
