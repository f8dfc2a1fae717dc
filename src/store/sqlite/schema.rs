//! Schema of the embedded store, applied as append-only migrations.
//!
//! `PRAGMA user_version` records how many migrations ran. A shipped migration is never edited:
//! changes go in a new entry at the end of [`MIGRATIONS`].

use rusqlite::Connection;

/// Each entry moves the schema from version `index` to `index + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: the events table. `doc` is the document text as returned to clients; the other
    // columns copy the fields that filters and sorting need, with times as microseconds
    // since the Unix epoch so that comparisons are between instants.
    "CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        event_type TEXT NOT NULL,
        log_level INTEGER NOT NULL,
        ts_micros INTEGER NOT NULL,
        archived INTEGER NOT NULL DEFAULT 0,
        archived_at_micros INTEGER,
        doc TEXT NOT NULL
    );
    CREATE INDEX events_live_by_time ON events (archived, ts_micros);
    CREATE INDEX events_by_time ON events (ts_micros);
    CREATE INDEX events_by_archived_at ON events (archived_at_micros) WHERE archived = 1;",
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Errors of opening the schema.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error(
        "database schema version {found} is newer than this build supports ({SCHEMA_VERSION}): \
         upgrade madsci-events"
    )]
    TooNew { found: u32 },
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

/// Applies the migrations the database has not seen yet, each in its own transaction.
pub(super) fn migrate(connection: &mut Connection) -> Result<u32, SchemaError> {
    let found: u32 = connection.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(SchemaError::TooNew { found });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let transaction = connection.transaction()?;
        transaction.execute_batch(sql)?;
        transaction.pragma_update(None, "user_version", index as u32 + 1)?;
        transaction.commit()?;
    }
    Ok(SCHEMA_VERSION)
}
