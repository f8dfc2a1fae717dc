//! Rotation: keep the newest `max_count` backups of one database.
//!
//! Unlike upstream, which deletes every file and folder in the backup folder by modification
//! time, only folders that [`list_backups`] recognises as this database's backups are
//! candidates, ordered by the time recorded in their metadata.

use std::path::{Path, PathBuf};

use super::BackupError;
use super::layout::list_backups;

/// Deletes the oldest backups of `database` in `backup_dir` beyond the newest `max_count`.
/// `max_count` 0 keeps everything. Returns the deleted folders; a folder that cannot be deleted
/// is logged and skipped.
pub fn rotate(
    backup_dir: &Path,
    database: &str,
    max_count: usize,
) -> Result<Vec<PathBuf>, BackupError> {
    if max_count == 0 {
        return Ok(Vec::new());
    }
    let mut deleted = Vec::new();
    for backup in list_backups(backup_dir, database)?.into_iter().skip(max_count) {
        match std::fs::remove_dir_all(&backup.path) {
            Ok(()) => {
                tracing::info!(path = %backup.path.display(), "deleted an old backup");
                deleted.push(backup.path);
            }
            Err(error) => {
                tracing::warn!(path = %backup.path.display(), %error, "failed to delete an old backup");
            }
        }
    }
    Ok(deleted)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::backup::layout::{BackupMetadata, folder_name, python_isoformat, write_metadata};

    fn make_backup(dir: &Path, database: &str, day: u32) -> PathBuf {
        let at = NaiveDate::from_ymd_opt(2024, 1, day).unwrap().and_hms_opt(12, 0, 0).unwrap();
        let path = dir.join(folder_name(database, at, None));
        std::fs::create_dir_all(path.join(database)).unwrap();
        let metadata = BackupMetadata {
            timestamp: python_isoformat(at),
            database_version: None,
            backup_size: 0,
            checksum: String::new(),
            database_name: database.to_owned(),
            collections_count: 0,
            backup_type: None,
            tool: None,
            gzip: false,
            collections: Vec::new(),
        };
        write_metadata(&path, &metadata).unwrap();
        path
    }

    #[test]
    fn rotation_keeps_newest_and_touches_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let ours: Vec<PathBuf> =
            (1..=4).map(|day| make_backup(dir.path(), "events", day)).collect();
        let other = make_backup(dir.path(), "events_archive", 1);
        let stray_dir = dir.path().join("notes");
        std::fs::create_dir(&stray_dir).unwrap();
        let stray_file = dir.path().join("old.dump");
        std::fs::write(&stray_file, b"x").unwrap();

        let deleted = rotate(dir.path(), "events", 2).unwrap();

        assert_eq!(deleted, [ours[1].clone(), ours[0].clone()]);
        assert!(ours[2].exists());
        assert!(ours[3].exists());
        assert!(other.exists());
        assert!(stray_dir.exists());
        assert!(stray_file.exists());
    }

    #[test]
    fn zero_keeps_everything() {
        let dir = tempfile::tempdir().unwrap();
        let backup = make_backup(dir.path(), "events", 1);
        assert!(rotate(dir.path(), "events", 0).unwrap().is_empty());
        assert!(backup.exists());
    }
}
