//! Backups shared with upstream's tools (madsci 0.8.1 `DocumentDBBackupTool`, run from the
//! virtualenv `scripts/test` creates): each side lists, validates and restores the other's.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::db_support::{
    ToolDouble, all_documents, expect_code, mongo_args, mongo_client, printed_path, seed_events,
    test_python,
};
use crate::support::{mongodb_url, unique_database};

const UPSTREAM_SCRIPT: &str = r#"
import json, sys
from pathlib import Path
from madsci.common.types.backup_types import DocumentDBBackupSettings
from madsci.common.backup_tools.document_db_backup import DocumentDBBackupTool
url, database, backup_dir, mode = sys.argv[1:5]
settings = DocumentDBBackupSettings(document_db_url=url, database=database, backup_dir=Path(backup_dir))
tool = DocumentDBBackupTool(settings)
if mode == "list":
    backups = tool.list_available_backups()
    print(json.dumps([{"path": str(b.backup_path), "valid": b.is_valid} for b in backups]))
else:
    print(tool.create_backup("upstream"))
"#;

/// Runs upstream's backup tool; returns its last stdout line.
fn upstream(double: &ToolDouble, database: &str, backup_dir: &Path, mode: &str) -> String {
    let home = tempfile::tempdir().unwrap();
    let output = Command::new(test_python())
        .args([
            "-c",
            UPSTREAM_SCRIPT,
            &mongodb_url(),
            database,
            &backup_dir.display().to_string(),
            mode,
        ])
        .env("PATH", double.path_var())
        .env("HOME", home.path())
        .env_remove("EVENT_SERVER_URL")
        .output()
        .expect("run python");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "upstream's tool failed\nstdout:\n{stdout}\nstderr:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout.lines().last().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn upstream_lists_our_backups_as_valid() {
    let (client, database) = (mongo_client().await, unique_database());
    seed_events(&client, &database, 15).await;
    let backups = tempfile::tempdir().unwrap();
    let double = ToolDouble::new();
    let ours = printed_path(
        &double.cli().args(["backup"]).args(mongo_args(&database, backups.path())).run(),
    );
    let native = printed_path(
        &double
            .cli()
            .args(["backup", "--native"])
            .args(mongo_args(&database, backups.path()))
            .run(),
    );

    let listed: Value =
        serde_json::from_str(&upstream(&double, &database, backups.path(), "list")).unwrap();
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 2, "{listed:?}");
    for path in [ours, native] {
        let entry = listed.iter().find(|entry| entry["path"] == path.display().to_string());
        assert_eq!(entry.map(|entry| &entry["valid"]), Some(&Value::Bool(true)), "{listed:?}");
    }
}

#[tokio::test]
async fn upstream_backup_validates_and_restores_here() {
    let (client, database) = (mongo_client().await, unique_database());
    seed_events(&client, &database, 15).await;
    let before = all_documents(&client, &database, "events").await;
    let backups = tempfile::tempdir().unwrap();
    let double = ToolDouble::new();
    let folder = upstream(&double, &database, backups.path(), "create");
    assert!(folder.ends_with("_upstream"), "{folder}");

    let validate = double.cli().args(["backups", "validate", &folder]).run();
    expect_code(&validate, 0);
    let copy = format!("{database}_from_upstream");
    let restore = double
        .cli()
        .args(["restore", &folder, "--yes", "--target-database", &copy])
        .args(mongo_args(&database, backups.path()))
        .run();
    expect_code(&restore, 0);
    assert_eq!(all_documents(&client, &copy, "events").await, before);
}
