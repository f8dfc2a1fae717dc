//! Backups, restores and their integrity checks, for both backends.
//!
//! - [`layout`]: the folder format shared with upstream, and listing.
//! - [`checksum`], [`validate`] and [`rotation`]: integrity and retention of backups.
//! - [`mongodump`]: calling `mongodump`/`mongorestore` without exposing credentials.
//! - [`native`]: the same dump format through the driver, for hosts without the tools.
//! - [`mongo`] and [`sqlite`]: each backend's backup and safe restore.
//! - [`scheduler`]: scheduled backups of a running server.
//!
//! [`create`] and [`restore`] are the entry points.

pub mod bson_file;
pub mod checksum;
pub mod layout;
pub mod mongo;
pub mod mongodump;
pub mod native;
pub mod progress;
pub mod rotation;
pub mod scheduler;
pub mod service;
pub mod sqlite;
pub mod validate;

use std::path::{Path, PathBuf};

use serde::Serialize;

use self::layout::{BackupMetadata, SQLITE_FILE, folder_name, now_local, python_isoformat};
use self::progress::Progress;
use self::validate::Validation;
use crate::config::database::DatabaseUrlError;
use crate::config::{Settings, StoreLocation};

/// Errors of backing up, restoring and checking backups.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("failed to {action} `{}`: {source}", path.display())]
    Io { action: &'static str, path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    DatabaseUrl(#[from] DatabaseUrlError),
    #[error("invalid MongoDB URL `{url}`: write `mongodb://HOST[:PORT]/` or `mongodb+srv://HOST/`")]
    InvalidUrl { url: String },
    #[error(
        "`{tool}` not found on PATH: install the MongoDB Database Tools 100.3 or later \
         (https://www.mongodb.com/try/download/database-tools), or pass `--native` to dump and \
         restore through the driver"
    )]
    ToolMissing { tool: String },
    #[error("`{tool}` failed ({status}):\n{stderr}")]
    ToolFailed { tool: String, status: String, stderr: String },
    #[error("failed to reach MongoDB at `{url}`: {cause}")]
    Unreachable { url: String, cause: String },
    #[error("failed to {action} in MongoDB: {cause}")]
    Mongo { action: &'static str, cause: String },
    #[error("failed to {action} `{}`: {cause}", path.display())]
    Sqlite { action: &'static str, path: PathBuf, cause: String },
    #[error("database `{database}` has no collections, so there is nothing to back up")]
    EmptyDatabase { database: String },
    #[error("the database file `{}` does not exist, so there is nothing to back up", path.display())]
    NoDatabaseFile { path: PathBuf },
    #[error("collection `{collection}` not found in database `{database}`: check `--collection`")]
    UnknownCollection { collection: String, database: String },
    #[error("`{}` is not a usable backup: {reason}", path.display())]
    NotABackup { path: PathBuf, reason: String },
    #[error(
        "backup `{}` failed validation: {}; nothing was changed",
        path.display(),
        problems.join("; ")
    )]
    Invalid { path: PathBuf, problems: Vec<String> },
    #[error(
        "backup `{}` contains a {found} database but the target is {expected}: restore it with \
         `--db-url` pointing at a {found} database",
        path.display()
    )]
    WrongBackend { path: PathBuf, found: &'static str, expected: &'static str },
    #[error("restore into `{target}` failed and the target is unchanged: {cause}")]
    RestoreFailed { target: String, cause: Box<BackupError> },
    #[error(
        "restore into `{target}` failed after replacing {replaced}; {remaining} still hold the \
         old data: {cause}. Roll back with {rollback}"
    )]
    SwapFailed {
        target: String,
        replaced: String,
        remaining: String,
        cause: String,
        rollback: String,
    },
    #[error("the backup task failed: {0}")]
    Task(String),
}

/// The database a backup copies and a restore overwrites.
#[derive(Clone, Debug)]
pub struct BackupTarget {
    pub location: StoreLocation,
    /// The MongoDB database, and the folder-name prefix of backups of either backend.
    pub database: String,
}

impl BackupTarget {
    /// Returns the database the settings point at.
    pub fn from_settings(settings: &Settings) -> Result<BackupTarget, BackupError> {
        let location = StoreLocation::from_url(settings.document_db_url.as_ref())?;
        Ok(BackupTarget { location, database: settings.database_name.clone() })
    }

    fn backend(&self) -> &'static str {
        match self.location {
            StoreLocation::Sqlite(_) => "SQLite",
            StoreLocation::Mongo(_) => "MongoDB",
        }
    }
}

/// The program that dumps and loads MongoDB data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DumpTool {
    /// `mongodump`/`mongorestore`; fails when they are not on `PATH`.
    #[default]
    Tools,
    /// The driver ([`native`]).
    Native,
    /// The tools when on `PATH`, else the driver.
    Auto,
}

/// Options of [`create`].
#[derive(Clone, Debug, Default)]
pub struct CreateOptions {
    /// Appended to the folder name after sanitizing ([`layout::sanitize_suffix`]).
    pub suffix: Option<String>,
    pub gzip: bool,
    /// MongoDB collections to back up; empty backs up all.
    pub collections: Vec<String>,
    pub tool: DumpTool,
    /// Backups of this database to keep after this one; 0 keeps all.
    pub max_count: usize,
    /// Re-read the new backup and check it before reporting success.
    pub validate: bool,
    pub progress: Progress,
}

/// A backup that [`create`] wrote.
#[derive(Clone, Debug, Serialize)]
pub struct CreatedBackup {
    pub path: PathBuf,
    pub metadata: BackupMetadata,
    /// Old backups that rotation deleted.
    pub rotated: Vec<PathBuf>,
}

/// Backs up `target` into a new folder under `backup_dir`. A failure removes the partial
/// folder.
pub async fn create(
    target: &BackupTarget,
    backup_dir: &Path,
    options: &CreateOptions,
) -> Result<CreatedBackup, BackupError> {
    let suffix = options.suffix.as_deref().and_then(layout::sanitize_suffix);
    let created_at = now_local();
    let folder = backup_dir.join(folder_name(&target.database, created_at, suffix.as_deref()));
    create_folder(backup_dir, &folder)?;
    let written = write_backup(target, &folder, created_at, options).await;
    let metadata = match written {
        Ok(metadata) => metadata,
        Err(error) => {
            if let Err(cleanup) = std::fs::remove_dir_all(&folder) {
                let path = folder.display();
                tracing::warn!(%path, error = %cleanup, "failed to remove a partial backup");
            }
            return Err(error);
        }
    };
    // The backup is complete at this point, so a failed rotation is logged, not returned.
    let rotated = rotation::rotate(backup_dir, &target.database, options.max_count)
        .unwrap_or_else(|error| {
            tracing::warn!(%error, "failed to rotate old backups; the new backup is complete");
            Vec::new()
        });
    tracing::debug!(path = %folder.display(), "backup created");
    Ok(CreatedBackup { path: folder, metadata, rotated })
}

fn create_folder(backup_dir: &Path, folder: &Path) -> Result<(), BackupError> {
    let io_error = |action, path: &Path| {
        let path = path.to_path_buf();
        move |source| BackupError::Io { action, path, source }
    };
    std::fs::create_dir_all(backup_dir)
        .map_err(io_error("create the backup folder", backup_dir))?;
    std::fs::create_dir(folder).map_err(io_error("create the backup", folder))
}

async fn write_backup(
    target: &BackupTarget,
    folder: &Path,
    created_at: chrono::NaiveDateTime,
    options: &CreateOptions,
) -> Result<BackupMetadata, BackupError> {
    let mut metadata = BackupMetadata {
        timestamp: python_isoformat(created_at),
        database_version: None,
        backup_size: 0,
        checksum: String::new(),
        database_name: target.database.clone(),
        collections_count: 0,
        backup_type: None,
        tool: None,
        gzip: false,
        collections: Vec::new(),
    };
    match &target.location {
        StoreLocation::Sqlite(path) => {
            let version = backup_sqlite(path, &folder.join(&target.database), options).await?;
            metadata.database_version = Some(version.to_string());
            metadata.backup_type = Some("sqlite".into());
            metadata.tool = Some("sqlite".into());
        }
        StoreLocation::Mongo(url) => {
            let details = mongo::dump(url, &target.database, folder, options).await?;
            metadata.tool = Some(details.tool_name().into());
            metadata.database_version = details.database_version;
            metadata.backup_type = Some("mongodb".into());
            metadata.gzip = options.gzip;
            metadata.collections = options.collections.clone();
        }
    }
    // Hashing and validating read every data file, so they run off the async workers.
    let (folder, options) = (folder.to_path_buf(), options.clone());
    tokio::task::spawn_blocking(move || finish(&folder, metadata, &options))
        .await
        .map_err(|error| BackupError::Task(error.to_string()))?
}

impl mongo::DumpDetails {
    fn tool_name(&self) -> &'static str {
        match self.tool {
            DumpTool::Native => "native",
            _ => "mongodump",
        }
    }
}

async fn backup_sqlite(
    path: &Path,
    database_dir: &Path,
    options: &CreateOptions,
) -> Result<u32, BackupError> {
    let Some(version) = sqlite::schema_version(path)? else {
        return Err(BackupError::NoDatabaseFile { path: path.to_path_buf() });
    };
    std::fs::create_dir(database_dir).map_err(|source| BackupError::Io {
        action: "create the backup",
        path: database_dir.to_path_buf(),
        source,
    })?;
    let (source, destination) = (path.to_path_buf(), database_dir.join(SQLITE_FILE));
    let spinner = options.progress.spinner("copying the database");
    let copied = tokio::task::spawn_blocking(move || sqlite::create(&source, &destination)).await;
    spinner.finish_and_clear();
    copied.map_err(|error| BackupError::Task(error.to_string()))??;
    Ok(version)
}

/// Writes the checksum and metadata of a dumped folder, then validates it when asked.
fn finish(
    folder: &Path,
    mut metadata: BackupMetadata,
    options: &CreateOptions,
) -> Result<BackupMetadata, BackupError> {
    let database_dir = folder.join(&metadata.database_name);
    let files = checksum::data_files(&database_dir)?;
    if files.is_empty() {
        let reason = format!("the dump wrote no data files into `{}`", database_dir.display());
        return Err(BackupError::NotABackup { path: folder.to_path_buf(), reason });
    }
    metadata.backup_size = layout::directory_size(folder);
    metadata.collections_count = files.len();
    let bar = options.progress.bytes(checksum::total_size(&files), "computing checksum");
    metadata.checksum = checksum::compute(&files, &bar)?;
    bar.finish_and_clear();
    if metadata.collections.is_empty() && !metadata.is_sqlite() {
        metadata.collections = mongo::dumped_collections(&database_dir);
    }
    checksum::write(folder, &metadata.checksum)?;
    layout::write_metadata(folder, &metadata)?;
    if options.validate {
        let validation = validate::validate(folder, options.progress);
        if !validation.is_valid() {
            let problems = validation.problems;
            return Err(BackupError::Invalid { path: folder.to_path_buf(), problems });
        }
    }
    Ok(metadata)
}

/// Options of [`restore`].
#[derive(Clone, Debug, Default)]
pub struct RestoreOptions {
    /// Restore beside the live database: a MongoDB database name, or for the embedded store a
    /// file (a bare name becomes `NAME.db` beside the live file).
    pub target_database: Option<String>,
    /// MongoDB collections to restore; empty restores all.
    pub collections: Vec<String>,
    pub tool: DumpTool,
    /// The folder of the target's safety backup.
    pub backup_dir: PathBuf,
    pub progress: Progress,
}

/// The result of [`restore`].
#[derive(Clone, Debug, Serialize)]
pub struct RestoreReport {
    /// The database restored into: a MongoDB database name or a SQLite file.
    pub target: String,
    /// The backup taken of the target before it was overwritten, if it held data.
    pub safety_backup: Option<PathBuf>,
    /// Each restored collection with its documents (`events` for the embedded store).
    pub collections: Vec<(String, u64)>,
}

/// Restores `backup` into `target` (or beside it). Validates the backup, takes a safety backup
/// of a target that contains data, then replaces the target's data as a whole.
pub async fn restore(
    target: &BackupTarget,
    backup: &Path,
    options: &RestoreOptions,
) -> Result<RestoreReport, BackupError> {
    let validation = check_before_restore(backup, options.progress).await?;
    let metadata = validation.metadata.expect("a valid backup has metadata");
    match &target.location {
        StoreLocation::Sqlite(live) if metadata.is_sqlite() => {
            let file = sqlite_target(live, options.target_database.as_deref());
            restore_sqlite(target, backup, &metadata, &file, options).await
        }
        StoreLocation::Mongo(url) if !metadata.is_sqlite() => {
            let database =
                options.target_database.clone().unwrap_or_else(|| target.database.clone());
            restore_mongo(target, url, backup, &metadata, &database, options).await
        }
        _ => Err(BackupError::WrongBackend {
            path: backup.to_path_buf(),
            found: if metadata.is_sqlite() { "SQLite" } else { "MongoDB" },
            expected: target.backend(),
        }),
    }
}

async fn check_before_restore(
    backup: &Path,
    progress: Progress,
) -> Result<Validation, BackupError> {
    let path = backup.to_path_buf();
    let validation = tokio::task::spawn_blocking(move || validate::validate(&path, progress))
        .await
        .map_err(|error| BackupError::Task(error.to_string()))?;
    match validation.is_valid() {
        true => Ok(validation),
        false => {
            Err(BackupError::Invalid { path: backup.to_path_buf(), problems: validation.problems })
        }
    }
}

/// Returns the file a SQLite restore writes: the live file, or `--target-database`.
pub fn sqlite_target(live: &Path, target_database: Option<&str>) -> PathBuf {
    let Some(name) = target_database else {
        return live.to_path_buf();
    };
    if name.contains(std::path::MAIN_SEPARATOR) || name.ends_with(".db") {
        return PathBuf::from(name);
    }
    live.with_file_name(format!("{name}.db"))
}

/// Takes the safety backup of a target before it is overwritten. Rotation is off for it, so
/// it can never delete the backup being restored.
async fn safety_backup(
    target: BackupTarget,
    options: &RestoreOptions,
) -> Result<PathBuf, BackupError> {
    let safety_options = CreateOptions {
        suffix: Some("pre_restore".into()),
        tool: options.tool,
        progress: options.progress,
        ..CreateOptions::default()
    };
    let created = create(&target, &options.backup_dir, &safety_options).await?;
    tracing::debug!(path = %created.path.display(), "safety backup created before the restore");
    Ok(created.path)
}

async fn restore_sqlite(
    target: &BackupTarget,
    backup: &Path,
    metadata: &BackupMetadata,
    file: &Path,
    options: &RestoreOptions,
) -> Result<RestoreReport, BackupError> {
    let safety = match sqlite::schema_version(file)? {
        Some(_) => {
            let location = StoreLocation::Sqlite(file.to_path_buf());
            let target = BackupTarget { location, database: target.database.clone() };
            Some(safety_backup(target, options).await?)
        }
        None => None,
    };
    let source = backup.join(&metadata.database_name).join(SQLITE_FILE);
    let destination = file.to_path_buf();
    let spinner = options.progress.spinner("restoring the database");
    let restored = tokio::task::spawn_blocking(move || {
        sqlite::restore(&source, &destination)?;
        sqlite::count_events(&destination)
    })
    .await;
    spinner.finish_and_clear();
    let count =
        restored.map_err(|error| BackupError::Task(error.to_string()))?.map_err(|cause| {
            BackupError::RestoreFailed {
                target: file.display().to_string(),
                cause: Box::new(cause),
            }
        })?;
    Ok(RestoreReport {
        target: file.display().to_string(),
        safety_backup: safety,
        collections: vec![("events".into(), count)],
    })
}

async fn restore_mongo(
    target: &BackupTarget,
    url: &crate::config::Secret,
    backup: &Path,
    metadata: &BackupMetadata,
    database: &str,
    options: &RestoreOptions,
) -> Result<RestoreReport, BackupError> {
    // Both tools are checked before anything happens, so a host without them fails at once.
    mongo::resolve_tool(options.tool, mongodump::MONGORESTORE)?;
    mongo::resolve_tool(options.tool, mongodump::MONGODUMP)?;
    let safety = match mongo::has_collections(url, database).await? {
        true => {
            let target =
                BackupTarget { location: target.location.clone(), database: database.into() };
            Some(safety_backup(target, options).await?)
        }
        false => None,
    };
    let request = mongo::MongoRestore {
        url,
        backup,
        source_database: &metadata.database_name,
        target_database: database,
        gzip: metadata.gzip,
        collections: &options.collections,
        tool: options.tool,
        progress: options.progress,
        safety_backup: safety.as_deref(),
    };
    let collections = mongo::restore(&request).await?;
    Ok(RestoreReport { target: database.to_owned(), safety_backup: safety, collections })
}
