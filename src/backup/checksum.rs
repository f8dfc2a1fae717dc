//! The backup checksum: SHA-256 over the bytes of the data files of `<db>/`, concatenated in
//! sorted file-name order, as lowercase hex.
//!
//! Upstream hashes `*.bson` only. Gzip-compressed backups (`*.bson.gz`, which upstream never
//! writes) hash their compressed files, and backups of the embedded store hash `events.db`.
//! Metadata files are never part of the checksum.

use std::io::Read;
use std::path::{Path, PathBuf};

use indicatif::ProgressBar;
use sha2::{Digest, Sha256};

use super::BackupError;
use super::layout::CHECKSUM_FILE;

/// Lists the data files of a backup's `<db>/` folder, sorted by file name.
pub fn data_files(database_dir: &Path) -> Result<Vec<PathBuf>, BackupError> {
    let entries = std::fs::read_dir(database_dir).map_err(|source| BackupError::Io {
        action: "list the backup's data files",
        path: database_dir.to_path_buf(),
        source,
    })?;
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.is_file() && is_data_file(path))
        .collect();
    files.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(files)
}

fn is_data_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|name| name.to_str()).unwrap_or_default();
    name.ends_with(".bson") || name.ends_with(".bson.gz") || name == super::layout::SQLITE_FILE
}

/// Hashes `files` in the given order, advancing `progress` by the bytes read.
pub fn compute(files: &[PathBuf], progress: &ProgressBar) -> Result<String, BackupError> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0_u8; 1 << 16];
    for path in files {
        let read_error =
            |source| BackupError::Io { action: "read a backup file", path: path.clone(), source };
        let mut file = std::fs::File::open(path).map_err(read_error)?;
        loop {
            let count = file.read(&mut buffer).map_err(read_error)?;
            if count == 0 {
                break;
            }
            hasher.update(&buffer[..count]);
            progress.inc(count as u64);
        }
    }
    Ok(format!("{:x}", hasher.finalize()))
}

/// Writes `backup.checksum`: the hex string without a newline.
pub fn write(backup: &Path, checksum: &str) -> Result<(), BackupError> {
    let path = backup.join(CHECKSUM_FILE);
    std::fs::write(&path, checksum).map_err(|source| BackupError::Io {
        action: "write the backup checksum",
        path,
        source,
    })
}

/// Reads `backup.checksum`, trimmed; `None` when the file is absent.
pub fn read(backup: &Path) -> Result<Option<String>, BackupError> {
    let path = backup.join(CHECKSUM_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some(text.trim().to_owned())),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(BackupError::Io { action: "read the backup checksum", path, source }),
    }
}

/// Adds up the size in bytes of `files`.
pub fn total_size(files: &[PathBuf]) -> u64 {
    files.iter().filter_map(|path| path.metadata().ok()).map(|metadata| metadata.len()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_covers_sorted_bson_files_only() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.bson"), b"world").unwrap();
        std::fs::write(dir.path().join("a.bson"), b"hello ").unwrap();
        std::fs::write(dir.path().join("a.metadata.json"), b"{}").unwrap();
        let files = data_files(dir.path()).unwrap();
        let names: Vec<_> = files.iter().map(|f| f.file_name().unwrap().to_owned()).collect();
        assert_eq!(names, ["a.bson", "b.bson"]);
        let checksum = compute(&files, &ProgressBar::hidden()).unwrap();
        // sha256("hello world")
        assert_eq!(checksum, "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
    }

    #[test]
    fn checksum_file_is_trimmed_on_read() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read(dir.path()).unwrap(), None);
        std::fs::write(dir.path().join(CHECKSUM_FILE), "abc\n").unwrap();
        assert_eq!(read(dir.path()).unwrap(), Some("abc".into()));
    }
}
