//! Backups taken by a running server, for `POST /backup`, `GET /backup/status` and the
//! schedule. One backup runs at a time per process.

use std::path::{Path, PathBuf};

use serde::Serialize;
use tokio::sync::Mutex;

use super::layout::{BackupEntry, list_backups, python_isoformat};
use super::progress::Progress;
use super::{BackupError, BackupTarget, CreateOptions, CreatedBackup, DumpTool, checksum};
use crate::config::Settings;

/// Serializes the server's backups: the schedule and `POST /backup` never dump at once.
static BACKUP_LOCK: Mutex<()> = Mutex::const_new(());

/// The server's backup settings, resolved.
#[derive(Clone, Debug)]
pub struct BackupService {
    target: BackupTarget,
    backup_dir: PathBuf,
    max_count: usize,
    enabled: bool,
}

/// One entry of `GET /backup/status`, in upstream's shape.
#[derive(Clone, Debug, Serialize)]
pub struct BackupSummary {
    pub path: String,
    /// Local time in Python's `isoformat()` text.
    pub created_at: String,
    pub size_bytes: u64,
    pub is_valid: bool,
}

/// `GET /backup/status`, in upstream's shape.
#[derive(Clone, Debug, Serialize)]
pub struct BackupStatus {
    pub backup_enabled: bool,
    pub backup_dir: String,
    pub available_backups: Vec<BackupSummary>,
}

impl BackupService {
    /// Reads the target and backup folder from the settings; `~` in `backup_dir` is the home
    /// directory, and a relative folder is taken against the working directory.
    pub fn from_settings(settings: &Settings) -> Result<BackupService, BackupError> {
        Ok(BackupService {
            target: BackupTarget::from_settings(settings)?,
            backup_dir: absolute(&expand_home(&settings.backup_dir)),
            max_count: settings.backup_max_count as usize,
            enabled: settings.backup_enabled,
        })
    }

    /// Takes a backup with `suffix`, rotating and validating as upstream's endpoint does. For
    /// MongoDB it uses `mongodump` when it is on `PATH` and the driver otherwise.
    pub async fn create(&self, suffix: &str) -> Result<CreatedBackup, BackupError> {
        let _running = BACKUP_LOCK.lock().await;
        let options = CreateOptions {
            suffix: Some(suffix.to_owned()),
            tool: DumpTool::Auto,
            max_count: self.max_count,
            validate: true,
            progress: Progress::hidden(),
            ..CreateOptions::default()
        };
        super::create(&self.target, &self.backup_dir, &options).await
    }

    /// Lists this database's backups, newest first, re-checking each checksum.
    pub async fn status(&self) -> Result<BackupStatus, BackupError> {
        let (dir, database) = (self.backup_dir.clone(), self.target.database.clone());
        let backups = tokio::task::spawn_blocking(move || summarize(&dir, &database))
            .await
            .map_err(|error| BackupError::Task(error.to_string()))??;
        Ok(BackupStatus {
            backup_enabled: self.enabled,
            backup_dir: self.backup_dir.display().to_string(),
            available_backups: backups,
        })
    }

    /// The folder backups go to.
    pub fn backup_dir(&self) -> &Path {
        &self.backup_dir
    }
}

fn summarize(dir: &Path, database: &str) -> Result<Vec<BackupSummary>, BackupError> {
    let backups = list_backups(dir, database)?;
    Ok(backups.iter().map(summary).collect())
}

fn summary(backup: &BackupEntry) -> BackupSummary {
    BackupSummary {
        path: backup.path.display().to_string(),
        created_at: python_isoformat(backup.created_at),
        size_bytes: backup.metadata.backup_size,
        is_valid: checksum_matches(backup),
    }
}

/// Whether the stored checksum matches the data files.
pub fn checksum_matches(backup: &BackupEntry) -> bool {
    let database_dir = backup.path.join(&backup.metadata.database_name);
    let Ok(files) = checksum::data_files(&database_dir) else {
        return false;
    };
    let Ok(Some(stored)) = checksum::read(&backup.path) else {
        return false;
    };
    let computed = checksum::compute(&files, &indicatif::ProgressBar::hidden());
    !files.is_empty() && computed.is_ok_and(|computed| computed == stored)
}

/// Replaces a leading `~` with the home directory.
pub fn expand_home(path: &Path) -> PathBuf {
    let Ok(rest) = path.strip_prefix("~") else {
        return path.to_path_buf();
    };
    dirs::home_dir().map_or_else(|| path.to_path_buf(), |home| home.join(rest))
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
