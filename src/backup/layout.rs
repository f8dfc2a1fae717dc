//! The backup folder format, shared with upstream's tools so each side reads the other's
//! backups.
//!
//! ```text
//! <backup_dir>/<db>_backup_<YYYYMMDD_HHMMSS_ffffff>[_<suffix>]/
//!     backup_metadata.json   what, when, how big, which checksum
//!     backup.checksum        SHA-256 hex of the data files (no newline)
//!     <db>/                  mongodump's files (`<coll>.bson`, `<coll>.metadata.json`), or
//!                            `events.db` for the embedded store
//! ```
//!
//! The timestamp is local time, as upstream writes it.

use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::BackupError;

/// The metadata file inside a backup folder.
pub const METADATA_FILE: &str = "backup_metadata.json";

/// The checksum file inside a backup folder.
pub const CHECKSUM_FILE: &str = "backup.checksum";

/// The file name of the embedded database inside `<db>/`.
pub const SQLITE_FILE: &str = "events.db";

/// The maximum suffix length kept, in characters.
const MAX_SUFFIX_CHARS: usize = 64;

/// `backup_metadata.json`. The first six fields are upstream's; the others are ours, optional
/// on read so upstream's backups parse.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct BackupMetadata {
    /// Local time of the backup, in Python's `isoformat()` text.
    pub timestamp: String,
    /// The schema version of the database when it was backed up (upstream writes null).
    pub database_version: Option<String>,
    /// Bytes of the data files, before the metadata and checksum were written.
    pub backup_size: u64,
    pub checksum: String,
    pub database_name: String,
    /// The number of data files (one per collection for MongoDB).
    pub collections_count: usize,
    /// `mongodb` or `sqlite`; upstream's backups leave it out and are MongoDB backups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_type: Option<String>,
    /// `mongodump`, `native` or `sqlite`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool: Option<String>,
    /// Whether the data files are gzip-compressed (`*.bson.gz`).
    #[serde(default)]
    pub gzip: bool,
    /// The collections chosen with `--collection`; empty means all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collections: Vec<String>,
}

impl BackupMetadata {
    /// Reports whether the backup contains the embedded store.
    pub fn is_sqlite(&self) -> bool {
        self.backup_type.as_deref() == Some("sqlite")
    }
}

/// One backup found in a backup folder.
#[derive(Clone, Debug)]
pub struct BackupEntry {
    pub path: PathBuf,
    pub metadata: BackupMetadata,
    /// From the metadata, or the folder name when the metadata's timestamp is unreadable.
    pub created_at: NaiveDateTime,
}

/// Renders a time as Python's `datetime.isoformat()` does: microseconds only when non-zero.
pub fn python_isoformat(time: NaiveDateTime) -> String {
    match time.and_utc().timestamp_subsec_micros() {
        0 => time.format("%Y-%m-%dT%H:%M:%S").to_string(),
        _ => time.format("%Y-%m-%dT%H:%M:%S%.6f").to_string(),
    }
}

/// Returns the current local time, truncated to microseconds.
pub fn now_local() -> NaiveDateTime {
    let now = Local::now().naive_local();
    let micros = now.and_utc().timestamp_micros();
    chrono::DateTime::from_timestamp_micros(micros).map_or(now, |time| time.naive_utc())
}

/// `<db>_backup_<YYYYMMDD_HHMMSS_ffffff>[_<suffix>]`.
pub fn folder_name(database: &str, at: NaiveDateTime, suffix: Option<&str>) -> String {
    let stamp = at.format("%Y%m%d_%H%M%S_%6f");
    match suffix {
        Some(suffix) => format!("{database}_backup_{stamp}_{suffix}"),
        None => format!("{database}_backup_{stamp}"),
    }
}

/// Makes a suffix safe for a folder name: characters other than ASCII letters, digits, `-` and
/// `_` become `_`, runs of `_` become one, and it is cut to 64 characters. An empty result is
/// `None`.
pub fn sanitize_suffix(text: &str) -> Option<String> {
    let cleaned: String = text
        .trim()
        .chars()
        .take(MAX_SUFFIX_CHARS)
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .collect();
    let mut collapsed = String::with_capacity(cleaned.len());
    for c in cleaned.chars() {
        if !(c == '_' && collapsed.ends_with('_')) {
            collapsed.push(c);
        }
    }
    let collapsed = collapsed.trim_matches('_').to_owned();
    (!collapsed.is_empty()).then_some(collapsed)
}

/// Parses the time out of a backup folder name of `database`. Returns `None` when the name is
/// not one.
pub fn parse_folder_name(name: &str, database: &str) -> Option<NaiveDateTime> {
    let rest = name.strip_prefix(database)?.strip_prefix("_backup_")?;
    let stamp = rest.get(..22)?;
    let after = &rest[22..];
    if !(after.is_empty() || after.starts_with('_')) {
        return None;
    }
    NaiveDateTime::parse_from_str(stamp, "%Y%m%d_%H%M%S_%6f").ok()
}

/// Reads `backup_metadata.json` of a backup folder.
pub fn read_metadata(backup: &Path) -> Result<BackupMetadata, BackupError> {
    let path = backup.join(METADATA_FILE);
    let text = std::fs::read_to_string(&path).map_err(|source| BackupError::Io {
        action: "read the backup metadata",
        path: path.clone(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|error| BackupError::NotABackup {
        path: backup.to_path_buf(),
        reason: format!("`{METADATA_FILE}` is invalid: {error}"),
    })
}

/// Writes `backup_metadata.json` with 2-space indentation, as upstream does.
pub fn write_metadata(backup: &Path, metadata: &BackupMetadata) -> Result<(), BackupError> {
    let path = backup.join(METADATA_FILE);
    let text = serde_json::to_string_pretty(metadata).expect("metadata always serializes");
    std::fs::write(&path, text).map_err(|source| BackupError::Io {
        action: "write the backup metadata",
        path,
        source,
    })
}

/// Lists the backups of `database` in `backup_dir`, newest first. Only folders whose name follows
/// the layout for `database` and whose metadata names `database` count, so other databases'
/// backups and unrelated files sharing the folder are never listed, rotated or deleted.
pub fn list_backups(backup_dir: &Path, database: &str) -> Result<Vec<BackupEntry>, BackupError> {
    let entries = match std::fs::read_dir(backup_dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            let path = backup_dir.to_path_buf();
            return Err(BackupError::Io { action: "list the backup folder", path, source });
        }
    };
    let mut backups = Vec::new();
    for entry in entries.flatten() {
        if let Some(backup) = read_entry(&entry.path(), database) {
            backups.push(backup);
        }
    }
    backups.sort_by(|a, b| b.created_at.cmp(&a.created_at).then_with(|| b.path.cmp(&a.path)));
    Ok(backups)
}

fn read_entry(path: &Path, database: &str) -> Option<BackupEntry> {
    let name = path.file_name()?.to_str()?;
    let named_at = parse_folder_name(name, database)?;
    if !path.is_dir() {
        return None;
    }
    let metadata = match read_metadata(path) {
        Ok(metadata) => metadata,
        Err(error) => {
            tracing::warn!(path = %path.display(), %error, "skipping a backup with unreadable metadata");
            return None;
        }
    };
    if metadata.database_name != database {
        return None;
    }
    let created_at = parse_python_isoformat(&metadata.timestamp).unwrap_or(named_at);
    Some(BackupEntry { path: path.to_path_buf(), metadata, created_at })
}

fn parse_python_isoformat(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f").ok()
}

/// Adds up the size in bytes of the files under `path`.
pub fn directory_size(path: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(path) else {
        return 0;
    };
    entries
        .flatten()
        .map(|entry| match entry.file_type() {
            Ok(kind) if kind.is_dir() => directory_size(&entry.path()),
            Ok(_) => entry.metadata().map_or(0, |metadata| metadata.len()),
            Err(_) => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn time(micro: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2024, 1, 2).unwrap().and_hms_micro_opt(3, 4, 5, micro).unwrap()
    }

    #[test]
    fn folder_names_round_trip() {
        let name = folder_name("madsci_events", time(7), Some("pre_migration"));
        assert_eq!(name, "madsci_events_backup_20240102_030405_000007_pre_migration");
        assert_eq!(parse_folder_name(&name, "madsci_events"), Some(time(7)));
        let plain = folder_name("madsci_events", time(0), None);
        assert_eq!(plain, "madsci_events_backup_20240102_030405_000000");
        assert_eq!(parse_folder_name(&plain, "madsci_events"), Some(time(0)));
    }

    #[test]
    fn other_databases_folders_do_not_parse() {
        let name = folder_name("madsci_events", time(1), None);
        assert_eq!(parse_folder_name(&name, "madsci"), None);
        assert_eq!(parse_folder_name(&name, "madsci_event"), None);
        assert_eq!(parse_folder_name("madsci_events_backup_2024", "madsci_events"), None);
        assert_eq!(
            parse_folder_name("madsci_events_backup_20240102_030405_000007x", "madsci_events"),
            None
        );
    }

    #[test]
    fn suffixes_are_made_safe() {
        assert_eq!(sanitize_suffix("nightly run"), Some("nightly_run".into()));
        assert_eq!(sanitize_suffix("../../etc/passwd"), Some("etc_passwd".into()));
        assert_eq!(sanitize_suffix("before upgrade/../x"), Some("before_upgrade_x".into()));
        assert_eq!(sanitize_suffix("  "), None);
        assert_eq!(sanitize_suffix(&"x".repeat(100)).map(|s| s.len()), Some(64));
    }

    #[test]
    fn isoformat_matches_python() {
        assert_eq!(python_isoformat(time(0)), "2024-01-02T03:04:05");
        assert_eq!(python_isoformat(time(120)), "2024-01-02T03:04:05.000120");
        assert_eq!(parse_python_isoformat("2024-01-02T03:04:05.000120"), Some(time(120)));
        assert_eq!(parse_python_isoformat("2024-01-02T03:04:05"), Some(time(0)));
    }
}
