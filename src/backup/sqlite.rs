//! Backup and restore of the embedded store through SQLite's online backup API.
//!
//! A backup reads one consistent snapshot while the server keeps writing, and stores it as a
//! self-contained file (rollback journal, not WAL). A restore copies the backup to a staging
//! file beside the target and checks it. Then it copies the staging file into the target in
//! one backup step, which SQLite applies as one write transaction. Readers therefore see
//! either the old or the new database, and a failure leaves the old one in place.

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::BackupError;
use crate::store::sqlite::SCHEMA_VERSION;

/// How long a connection waits for the server's write lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Pause between retries while the database is busy.
const BUSY_PAUSE: Duration = Duration::from_millis(50);

fn sqlite_error(action: &'static str, path: &Path) -> impl Fn(rusqlite::Error) -> BackupError {
    let path = path.to_path_buf();
    move |source| BackupError::Sqlite { action, path: path.clone(), cause: source.to_string() }
}

fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    let connection = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    connection.busy_timeout(BUSY_TIMEOUT)?;
    Ok(connection)
}

/// Reads the schema version (`PRAGMA user_version`) of a database file. Returns `None` when
/// the file does not exist or has no tables yet.
pub fn schema_version(path: &Path) -> Result<Option<u32>, BackupError> {
    if !path.exists() {
        return Ok(None);
    }
    let failed = sqlite_error("read the schema version of", path);
    let connection = open_read_only(path).map_err(&failed)?;
    let tables: u32 = connection
        .query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table'", [], |row| row.get(0))
        .map_err(&failed)?;
    let version: u32 =
        connection.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(&failed)?;
    Ok((tables > 0 || version > 0).then_some(version))
}

/// Copies the live database at `source` into `destination` (a new file).
pub fn create(source: &Path, destination: &Path) -> Result<(), BackupError> {
    let failed = sqlite_error("back up", source);
    let from = open_read_only(source).map_err(&failed)?;
    let mut to = Connection::open(destination).map_err(&failed)?;
    copy_all(&from, &mut to).map_err(&failed)?;
    // The copy keeps the source's WAL flag; a rollback journal makes it one self-contained file.
    to.pragma_update(None, "journal_mode", "DELETE").map_err(&failed)?;
    Ok(())
}

/// Runs `PRAGMA integrity_check` and checks the schema version of a backup file. The error
/// describes the problem found.
pub fn check_integrity(file: &Path) -> Result<(), String> {
    let file_name = file.display();
    let connection = open_read_only(file).map_err(|error| format!("`{file_name}`: {error}"))?;
    let verdict: String = connection
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .map_err(|error| format!("`{file_name}`: {error}"))?;
    if verdict != "ok" {
        return Err(format!("`{file_name}` failed SQLite's integrity check: {verdict}"));
    }
    let version: u32 = connection
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(|error| format!("`{file_name}`: {error}"))?;
    if version > SCHEMA_VERSION {
        return Err(format!(
            "`{file_name}` has schema version {version}, newer than this build supports \
             ({SCHEMA_VERSION}): upgrade madsci-events"
        ));
    }
    Ok(())
}

/// Replaces the database at `target` (created when missing) with the backup file `backup`.
pub fn restore(backup: &Path, target: &Path) -> Result<(), BackupError> {
    let directory = target.parent().filter(|parent| !parent.as_os_str().is_empty());
    let directory = directory.unwrap_or(Path::new("."));
    std::fs::create_dir_all(directory).map_err(|source| BackupError::Io {
        action: "create the database folder",
        path: directory.to_path_buf(),
        source,
    })?;
    let staging = tempfile::Builder::new()
        .prefix(".restore-staging-")
        .suffix(".db")
        .tempfile_in(directory)
        .map_err(|source| BackupError::Io {
            action: "create a staging file",
            path: directory.to_path_buf(),
            source,
        })?;
    std::fs::copy(backup, staging.path()).map_err(|source| BackupError::Io {
        action: "copy the backup to a staging file",
        path: backup.to_path_buf(),
        source,
    })?;
    check_integrity(staging.path())
        .map_err(|reason| BackupError::NotABackup { path: backup.to_path_buf(), reason })?;
    let from = open_read_only(staging.path()).map_err(sqlite_error("read", staging.path()))?;
    let failed = sqlite_error("restore into", target);
    let mut to = Connection::open(target).map_err(&failed)?;
    to.busy_timeout(BUSY_TIMEOUT).map_err(&failed)?;
    copy_all(&from, &mut to).map_err(&failed)
}

/// Copies every page of `from` into `to` in one backup step, so the copy is one consistent
/// snapshot and is written in one transaction. While another connection holds a lock, the step
/// is retried for up to [`BUSY_TIMEOUT`].
fn copy_all(from: &Connection, to: &mut Connection) -> rusqlite::Result<()> {
    let backup = Backup::new(from, to)?;
    let deadline = Instant::now() + BUSY_TIMEOUT;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked if Instant::now() < deadline => {
                std::thread::sleep(BUSY_PAUSE);
            }
            _ => {
                return Err(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                    Some("the database stayed locked by another connection".into()),
                ));
            }
        }
    }
}

/// Counts the events of a database file, for restore reports.
pub fn count_events(path: &Path) -> Result<u64, BackupError> {
    let failed = sqlite_error("count the events of", path);
    let connection = open_read_only(path).map_err(&failed)?;
    connection.query_row("SELECT count(*) FROM events", [], |row| row.get(0)).map_err(&failed)
}
