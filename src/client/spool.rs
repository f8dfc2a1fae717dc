//! Events that could not be delivered, kept on disk until the server is back.
//!
//! Each event is one file, `<ULID>.json`, holding the exact request body, so a later delivery
//! sends the same id and content. The server returns 200 for a repeated id with the same content,
//! so delivering an entry twice (two `flush` runs at once, or a crash between delivery
//! and removal) is harmless. Files are written under a temporary name and renamed, so no
//! reader sees half an event. Entries the server rejects move to `rejected/`, next to a
//! `.reason` file, and are never sent again.
//!
//! The directory is private to the user (mode 0700 on Unix): events may carry lab data.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde_json::Value;
use ulid::{Generator, Ulid};

/// The folder of rejected entries, inside the spool.
const REJECTED_DIR: &str = "rejected";

/// Errors of reading or writing the spool.
#[derive(Debug, thiserror::Error)]
pub enum SpoolError {
    #[error(
        "no spool directory: the home directory is unknown; set `EVENT_CLIENT_SPOOL_DIR` or \
         pass `--spool-dir DIR`"
    )]
    NoDirectory,
    #[error("failed to create the spool directory `{path}`: {source}")]
    Create { path: PathBuf, source: io::Error },
    #[error("failed to write the spool file `{path}`: {source}")]
    Write { path: PathBuf, source: io::Error },
    #[error("failed to read the spool `{path}`: {source}")]
    Read { path: PathBuf, source: io::Error },
}

/// One spooled event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpoolEntry {
    pub path: PathBuf,
    /// The request body, as first sent.
    pub json: String,
    /// The event id, or `None` when the file is not an event.
    pub id: Option<String>,
}

/// A spool directory.
#[derive(Clone, Debug)]
pub struct Spool {
    dir: PathBuf,
}

impl Spool {
    /// A spool in `dir`, which is created when the first event is written.
    pub fn new(dir: PathBuf) -> Spool {
        Spool { dir }
    }

    /// The user's spool: `$XDG_STATE_HOME/madsci-events/spool` (by default
    /// `~/.local/state/madsci-events/spool`) on Linux, the local data folder elsewhere. Without
    /// `HOME`, the home directory comes from the user database.
    pub fn default_dir() -> Option<PathBuf> {
        let base = dirs::state_dir().or_else(dirs::data_local_dir)?;
        Some(base.join("madsci-events").join("spool"))
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes an event and returns its file.
    pub fn push(&self, json: &str) -> Result<PathBuf, SpoolError> {
        create_private_dir(&self.dir)?;
        let name = next_name().to_string();
        let temporary = self.dir.join(format!(".{name}.tmp"));
        let path = self.dir.join(format!("{name}.json"));
        let write = |target: &Path| -> io::Result<()> {
            let mut file = private_file(target)?;
            file.write_all(json.as_bytes())?;
            file.sync_all()
        };
        let failed = |source| SpoolError::Write { path: path.clone(), source };
        write(&temporary).map_err(failed)?;
        fs::rename(&temporary, &path).map_err(failed)?;
        Ok(path)
    }

    /// The spooled event files, oldest first. A missing directory is an empty spool.
    pub fn pending(&self) -> Result<Vec<PathBuf>, SpoolError> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => return Err(SpoolError::Read { path: self.dir.clone(), source }),
        };
        let mut paths = Vec::new();
        for entry in entries {
            let entry =
                entry.map_err(|source| SpoolError::Read { path: self.dir.clone(), source })?;
            let path = entry.path();
            let is_event = path.extension().is_some_and(|extension| extension == "json")
                && !entry.file_name().to_string_lossy().starts_with('.');
            if is_event && path.is_file() {
                paths.push(path);
            }
        }
        // ULID names sort by creation time: exactly within one process, to the millisecond
        // across processes.
        paths.sort();
        Ok(paths)
    }

    /// Reads one entry; `None` when another process delivered it meanwhile.
    pub fn read(&self, path: &Path) -> Result<Option<SpoolEntry>, SpoolError> {
        let json = match fs::read_to_string(path) {
            Ok(json) => json,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(SpoolError::Read { path: path.to_owned(), source }),
        };
        let id = serde_json::from_str::<Value>(&json)
            .ok()
            .and_then(|event| event.get("_id").and_then(Value::as_str).map(str::to_owned));
        Ok(Some(SpoolEntry { path: path.to_owned(), json, id }))
    }

    /// Removes a delivered entry. An entry already removed by another process is fine.
    pub fn remove(&self, entry: &SpoolEntry) -> Result<(), SpoolError> {
        match fs::remove_file(&entry.path) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => {
                Err(SpoolError::Write { path: entry.path.clone(), source: error })
            }
            _ => Ok(()),
        }
    }

    /// Moves an entry the server rejected to `rejected/`, with the reason in a `.reason` file
    /// beside it; returns the new path.
    pub fn reject(&self, entry: &SpoolEntry, reason: &str) -> Result<PathBuf, SpoolError> {
        let folder = self.dir.join(REJECTED_DIR);
        create_private_dir(&folder)?;
        let name = entry.path.file_name().map(PathBuf::from).unwrap_or_default();
        let target = folder.join(&name);
        let failed = |source| SpoolError::Write { path: target.clone(), source };
        fs::rename(&entry.path, &target).map_err(failed)?;
        fs::write(target.with_extension("reason"), format!("{reason}\n")).map_err(failed)?;
        Ok(target)
    }
}

/// Names entries with ULIDs that increase within this process, even inside one millisecond,
/// where plain ULIDs are random and would deliver events out of order.
fn next_name() -> Ulid {
    static GENERATOR: Mutex<Generator> = Mutex::new(Generator::new());
    let generated = GENERATOR.lock().ok().and_then(|mut generator| generator.generate().ok());
    // The generator fails only when 2^80 names were made in one millisecond.
    generated.unwrap_or_else(Ulid::new)
}

fn create_private_dir(dir: &Path) -> Result<(), SpoolError> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|source| SpoolError::Create { path: dir.to_owned(), source })
}

fn private_file(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_read_remove() {
        let dir = tempfile::tempdir().unwrap();
        let spool = Spool::new(dir.path().join("spool"));
        assert!(spool.pending().unwrap().is_empty());
        let first = spool.push(r#"{"_id":"A"}"#).unwrap();
        let second = spool.push(r#"{"_id":"B"}"#).unwrap();
        assert_eq!(spool.pending().unwrap(), [first.clone(), second]);
        let entry = spool.read(&first).unwrap().unwrap();
        assert_eq!(entry.id.as_deref(), Some("A"));
        spool.remove(&entry).unwrap();
        spool.remove(&entry).unwrap();
        assert_eq!(spool.pending().unwrap().len(), 1);
    }

    #[test]
    fn rejected_entries_leave_the_queue() {
        let dir = tempfile::tempdir().unwrap();
        let spool = Spool::new(dir.path().to_owned());
        let path = spool.push("not json").unwrap();
        let entry = spool.read(&path).unwrap().unwrap();
        assert_eq!(entry.id, None);
        let moved = spool.reject(&entry, "invalid").unwrap();
        assert!(spool.pending().unwrap().is_empty());
        assert_eq!(fs::read_to_string(moved.with_extension("reason")).unwrap(), "invalid\n");
    }

    #[cfg(unix)]
    #[test]
    fn spool_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let spool = Spool::new(dir.path().join("private"));
        let path = spool.push("{}").unwrap();
        let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(spool.dir()), 0o700);
        assert_eq!(mode(&path), 0o600);
    }
}
