//! Integrity checks of a backup folder: the layout, the checksum, and every data file read
//! through (each BSON document walked, or SQLite's `integrity_check` on the embedded store).

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::bson_file::count_documents;
use super::checksum;
use super::layout::{BackupMetadata, SQLITE_FILE, read_metadata};
use super::progress::Progress;

/// The result of checking one backup.
#[derive(Clone, Debug, Serialize)]
pub struct Validation {
    pub path: PathBuf,
    #[serde(skip)]
    pub metadata: Option<BackupMetadata>,
    /// Documents read from the BSON files (0 for the embedded store).
    pub documents: u64,
    pub data_files: usize,
    /// The problems found; empty when the backup is valid.
    pub problems: Vec<String>,
}

impl Validation {
    /// Reports whether no problem was found.
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks a backup folder. Problems are collected, not returned as errors, so one run reports
/// all of them.
pub fn validate(backup: &Path, progress: Progress) -> Validation {
    let mut result = Validation {
        path: backup.to_path_buf(),
        metadata: None,
        documents: 0,
        data_files: 0,
        problems: Vec::new(),
    };
    if !backup.is_dir() {
        result.problems.push(format!("`{}` is not a folder", backup.display()));
        return result;
    }
    let metadata = match read_metadata(backup) {
        Ok(metadata) => metadata,
        Err(error) => {
            result.problems.push(error.to_string());
            return result;
        }
    };
    let database_dir = backup.join(&metadata.database_name);
    let files = match checksum::data_files(&database_dir) {
        Ok(files) if files.is_empty() => {
            let folder = database_dir.display();
            result.problems.push(format!("`{folder}` contains no data files"));
            Vec::new()
        }
        Ok(files) => files,
        Err(error) => {
            result.problems.push(error.to_string());
            Vec::new()
        }
    };
    result.data_files = files.len();
    check_checksum(backup, &metadata, &files, progress, &mut result.problems);
    read_through(&files, &metadata, &mut result);
    result.metadata = Some(metadata);
    result
}

fn check_checksum(
    backup: &Path,
    metadata: &BackupMetadata,
    files: &[PathBuf],
    progress: Progress,
    problems: &mut Vec<String>,
) {
    let stored = match checksum::read(backup) {
        Ok(Some(stored)) => stored,
        Ok(None) => {
            problems.push(format!("`{}` is missing", super::layout::CHECKSUM_FILE));
            return;
        }
        Err(error) => {
            problems.push(error.to_string());
            return;
        }
    };
    if !metadata.checksum.is_empty() && metadata.checksum != stored {
        problems.push(format!(
            "the metadata's checksum `{}` differs from `backup.checksum` `{stored}`",
            metadata.checksum
        ));
    }
    let bar = progress.bytes(checksum::total_size(files), "verifying checksum");
    let computed = checksum::compute(files, &bar);
    bar.finish_and_clear();
    match computed {
        Ok(computed) if computed == stored => {}
        Ok(computed) => problems.push(format!(
            "checksum mismatch: `backup.checksum` has `{stored}` but the data files hash to \
             `{computed}`"
        )),
        Err(error) => problems.push(error.to_string()),
    }
}

fn read_through(files: &[PathBuf], metadata: &BackupMetadata, result: &mut Validation) {
    for file in files {
        let name = file.file_name().and_then(|name| name.to_str()).unwrap_or_default();
        if metadata.is_sqlite() || name == SQLITE_FILE {
            if let Err(problem) = super::sqlite::check_integrity(file) {
                result.problems.push(problem);
            }
            continue;
        }
        match count_documents(file) {
            Ok(count) => result.documents += count,
            Err(error) => result.problems.push(format!("`{}`: {error}", file.display())),
        }
    }
}
