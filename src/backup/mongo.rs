//! MongoDB backups: dump with `mongodump` or the driver, and restore through a staging
//! database so the live one is only touched once the restored data is complete.
//!
//! A restore loads the backup into a staging database ([`staging_database`]), checks every collection's
//! document count against the backup's files, and only then moves each collection into the
//! target with `renameCollection` (`dropTarget: true`). A failed load or check leaves the
//! target untouched. Upstream instead drops every collection of the live database when
//! `mongorestore` fails.

use std::path::{Path, PathBuf};
use std::time::Duration;

use mongodb::bson::{Document, doc};
use mongodb::options::ClientOptions;
use mongodb::{Client, Database};
use sha2::{Digest, Sha256};

use super::bson_file::{collection_name, count_documents};
use super::mongodump::{
    DumpRequest, MONGODUMP, MONGORESTORE, RestoreRequest, ToolConfig, dump_args, on_path,
    restore_args, run_tool,
};
use super::native::{self, mongo_error};
use super::progress::Progress;
use super::{BackupError, DumpTool};
use crate::config::{Secret, redact_url, scrub_password};
use crate::schema::mongo::{DatabaseState, database_state};

/// How long the driver looks for a server, unless the URL sets `serverSelectionTimeoutMS`.
const SERVER_SELECTION_TIMEOUT: Duration = Duration::from_secs(10);

/// Connects a client for the database tools.
pub async fn connect(url: &Secret) -> Result<Client, BackupError> {
    let unreachable = |error: mongodb::error::Error| BackupError::Unreachable {
        url: redact_url(url.expose()),
        cause: scrub_password(&error.to_string(), url.expose()),
    };
    let mut options = ClientOptions::parse(url.expose()).await.map_err(unreachable)?;
    if options.server_selection_timeout.is_none() {
        options.server_selection_timeout = Some(SERVER_SELECTION_TIMEOUT);
    }
    options.app_name.get_or_insert_with(|| "madsci-events".to_owned());
    let client = Client::with_options(options).map_err(unreachable)?;
    client.database("admin").run_command(doc! {"ping": 1}).await.map_err(unreachable)?;
    Ok(client)
}

/// Chooses the dumper of a run, resolving [`DumpTool::Auto`]. Fails when the chosen tool is
/// not on `PATH`.
pub fn resolve_tool(tool: DumpTool, program: &str) -> Result<DumpTool, BackupError> {
    match tool {
        DumpTool::Tools if !on_path(program) => {
            Err(BackupError::ToolMissing { tool: program.to_owned() })
        }
        DumpTool::Auto if on_path(program) => Ok(DumpTool::Tools),
        DumpTool::Auto => Ok(DumpTool::Native),
        tool => Ok(tool),
    }
}

/// MongoDB's limit on database name length, in bytes.
const MAX_DATABASE_NAME_BYTES: usize = 63;

/// Names the staging database of a restore into `target`: `<target>_restore_staging`, or when
/// that is longer than MongoDB allows, the target's first 46 bytes, `_restore_` and 8 hex digits of
/// the target's SHA-256, so distinct targets keep distinct staging databases.
pub fn staging_database(target: &str) -> String {
    let plain = format!("{target}_restore_staging");
    if plain.len() <= MAX_DATABASE_NAME_BYTES {
        return plain;
    }
    let digest = format!("{:x}", Sha256::digest(target.as_bytes()));
    let mut end = MAX_DATABASE_NAME_BYTES - "_restore_".len() - 8;
    while !target.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}_restore_{}", &target[..end], &digest[..8])
}

/// The dump details recorded in the metadata.
pub(super) struct DumpDetails {
    pub(super) tool: DumpTool,
    pub(super) database_version: Option<String>,
}

/// Dumps `database` into `folder` (which exists and is empty).
pub(super) async fn dump(
    url: &Secret,
    database_name: &str,
    folder: &Path,
    options: &super::CreateOptions,
) -> Result<DumpDetails, BackupError> {
    let client = connect(url).await?;
    let database = client.database(database_name);
    let state = database_state(&database).await.map_err(mongo_error("read the schema version"))?;
    if state == DatabaseState::Fresh {
        return Err(BackupError::EmptyDatabase { database: database_name.to_owned() });
    }
    check_collections_exist(&database, &options.collections).await?;
    let tool = resolve_tool(options.tool, MONGODUMP)?;
    match tool {
        DumpTool::Native => {
            let out = folder.join(database_name);
            native::dump(&database, &out, &options.collections, options.gzip, options.progress)
                .await?;
        }
        _ => dump_with_tool(url, database_name, folder, options).await?,
    }
    let database_version = match state {
        DatabaseState::Versioned(version) => Some(version),
        _ => None,
    };
    Ok(DumpDetails { tool, database_version })
}

async fn check_collections_exist(
    database: &Database,
    wanted: &[String],
) -> Result<(), BackupError> {
    if wanted.is_empty() {
        return Ok(());
    }
    let names =
        database.list_collection_names().await.map_err(mongo_error("list the collections"))?;
    match wanted.iter().find(|name| !names.contains(name)) {
        Some(missing) => Err(BackupError::UnknownCollection {
            collection: missing.clone(),
            database: database.name().to_owned(),
        }),
        None => Ok(()),
    }
}

async fn dump_with_tool(
    url: &Secret,
    database: &str,
    folder: &Path,
    options: &super::CreateOptions,
) -> Result<(), BackupError> {
    let config = ToolConfig::write(url)?;
    let collections: Vec<Option<&str>> = match options.collections.is_empty() {
        true => vec![None],
        false => options.collections.iter().map(|name| Some(name.as_str())).collect(),
    };
    for collection in collections {
        let request = DumpRequest { database, out: folder, gzip: options.gzip, collection };
        let args = dump_args(config.path(), &request);
        let progress = options.progress;
        tokio::task::spawn_blocking(move || run_tool(MONGODUMP, &args, progress)).await.map_err(
            |error| BackupError::Mongo { action: "run mongodump", cause: error.to_string() },
        )??;
    }
    if !folder.join(database).is_dir() {
        return Err(BackupError::NotABackup {
            path: folder.to_path_buf(),
            reason: format!("`{MONGODUMP}` exited successfully but wrote no `{database}` folder"),
        });
    }
    Ok(())
}

/// The source, target and method of a restore.
pub(super) struct MongoRestore<'a> {
    pub(super) url: &'a Secret,
    pub(super) backup: &'a Path,
    pub(super) source_database: &'a str,
    pub(super) target_database: &'a str,
    pub(super) gzip: bool,
    pub(super) collections: &'a [String],
    pub(super) tool: DumpTool,
    pub(super) progress: Progress,
    /// Shown in the roll-back advice when the final step fails.
    pub(super) safety_backup: Option<&'a Path>,
}

/// Loads the backup into a staging database, checks it, then moves its collections into the
/// target. Returns each restored collection with its document count.
pub(super) async fn restore(request: &MongoRestore<'_>) -> Result<Vec<(String, u64)>, BackupError> {
    let expected = expected_counts(request)?;
    let tool = resolve_tool(request.tool, MONGORESTORE)?;
    let client = connect(request.url).await?;
    let staging_name = staging_database(request.target_database);
    let staging = client.database(&staging_name);
    staging.drop().await.map_err(mongo_error("clear the staging database"))?;
    let loaded = load_and_check(request, tool, &staging, &expected).await;
    if let Err(cause) = loaded {
        let _ = staging.drop().await;
        return Err(BackupError::RestoreFailed {
            target: request.target_database.to_owned(),
            cause: Box::new(cause),
        });
    }
    swap_into_target(&client, request, &staging_name, &expected).await?;
    if let Err(error) = staging.drop().await {
        tracing::warn!(database = %staging_name, %error, "failed to drop the empty staging database");
    }
    Ok(expected)
}

/// Counts the documents of each collection file the restore loads.
fn expected_counts(request: &MongoRestore<'_>) -> Result<Vec<(String, u64)>, BackupError> {
    let source = request.backup.join(request.source_database);
    let mut counts = Vec::new();
    for file in super::checksum::data_files(&source)? {
        let Some(name) = collection_name(&file) else { continue };
        if !request.collections.is_empty() && !request.collections.contains(&name) {
            continue;
        }
        let count = count_documents(&file).map_err(|error| BackupError::NotABackup {
            path: file.clone(),
            reason: error.to_string(),
        })?;
        counts.push((name, count));
    }
    if let Some(missing) = request.collections.iter().find(|c| !counts.iter().any(|(n, _)| n == *c))
    {
        return Err(BackupError::NotABackup {
            path: request.backup.to_path_buf(),
            reason: format!("it contains no collection `{missing}`"),
        });
    }
    Ok(counts)
}

async fn load_and_check(
    request: &MongoRestore<'_>,
    tool: DumpTool,
    staging: &Database,
    expected: &[(String, u64)],
) -> Result<(), BackupError> {
    match tool {
        DumpTool::Native => {
            let source = request.backup.join(request.source_database);
            native::load(staging, &source, request.collections, request.progress).await?;
        }
        _ => load_with_tool(request, staging.name()).await?,
    }
    for (name, count) in expected {
        let collection = staging.collection::<Document>(name);
        let found =
            collection.count_documents(doc! {}).await.map_err(mongo_error("count documents"))?;
        if found != *count {
            return Err(BackupError::NotABackup {
                path: request.backup.to_path_buf(),
                reason: format!(
                    "collection `{name}` has {count} documents in the backup but {found} were \
                     restored"
                ),
            });
        }
    }
    Ok(())
}

async fn load_with_tool(request: &MongoRestore<'_>, staging: &str) -> Result<(), BackupError> {
    let config = ToolConfig::write(request.url)?;
    let args = restore_args(
        config.path(),
        &RestoreRequest {
            dir: request.backup,
            source_database: request.source_database,
            target_database: staging,
            gzip: request.gzip,
            collections: request.collections,
            drop: true,
        },
    );
    let progress = request.progress;
    tokio::task::spawn_blocking(move || run_tool(MONGORESTORE, &args, progress)).await.map_err(
        |error| BackupError::Mongo { action: "run mongorestore", cause: error.to_string() },
    )?
}

async fn swap_into_target(
    client: &Client,
    request: &MongoRestore<'_>,
    staging: &str,
    collections: &[(String, u64)],
) -> Result<(), BackupError> {
    let admin = client.database("admin");
    let mut replaced: Vec<String> = Vec::new();
    for (name, _) in collections {
        let command = doc! {
            "renameCollection": format!("{staging}.{name}"),
            "to": format!("{}.{name}", request.target_database),
            "dropTarget": true,
        };
        if let Err(error) = admin.run_command(command).await {
            let remaining =
                collections.iter().map(|(n, _)| n.clone()).filter(|n| !replaced.contains(n));
            return Err(BackupError::SwapFailed {
                target: request.target_database.to_owned(),
                replaced: list_or_none(&replaced),
                remaining: list_or_none(&remaining.collect::<Vec<_>>()),
                cause: error.to_string(),
                rollback: rollback_advice(request),
            });
        }
        replaced.push(name.clone());
    }
    Ok(())
}

fn list_or_none(names: &[String]) -> String {
    match names.is_empty() {
        true => "none".to_owned(),
        false => names.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", "),
    }
}

fn rollback_advice(request: &MongoRestore<'_>) -> String {
    match request.safety_backup {
        Some(path) => format!(
            "`madsci-events restore {} --database {} --yes` (the safety backup taken before this \
             restore)",
            shell_path(path),
            request.target_database
        ),
        None => "no safety backup, because the target had no collections before the restore".into(),
    }
}

fn shell_path(path: &Path) -> String {
    let text = path.display().to_string();
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-./".contains(c);
    match text.chars().all(plain) {
        true => text,
        false => format!("'{}'", text.replace('\'', "'\\''")),
    }
}

/// Reports whether `database` has any collection, in which case a restore takes a safety
/// backup of it first.
pub(super) async fn has_collections(url: &Secret, database: &str) -> Result<bool, BackupError> {
    let client = connect(url).await?;
    let names = client.database(database).list_collection_names().await;
    Ok(!names.map_err(mongo_error("list the collections"))?.is_empty())
}

/// Lists the collections of a backup's `<db>/` folder, for the metadata.
pub(super) fn dumped_collections(database_dir: &Path) -> Vec<String> {
    let files: Vec<PathBuf> = super::checksum::data_files(database_dir).unwrap_or_default();
    files.iter().filter_map(|file| collection_name(file)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staging_names_fit_mongodb_limit() {
        assert_eq!(staging_database("madsci_events"), "madsci_events_restore_staging");
        let long = "a".repeat(60);
        let staging = staging_database(&long);
        assert_eq!(staging.len(), MAX_DATABASE_NAME_BYTES);
        assert!(staging.starts_with(&"a".repeat(46)), "{staging}");
        assert_ne!(staging, staging_database(&"a".repeat(61)));
    }
}
