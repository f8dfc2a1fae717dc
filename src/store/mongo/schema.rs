//! The schema-version gate and the indexes of a MongoDB database.
//!
//! `schema.json` (upstream's schema file, compiled in) names the expected version and the
//! indexes of `schema_versions`. At start a database without collections is initialised with
//! a `schema_versions` record of that version. A database whose newest record is missing or
//! different stops the start with a message naming both versions and the `migrate` command,
//! because upstream 0.8.1 refuses the same database.

use std::time::Duration;

use futures_util::TryStreamExt;
use mongodb::bson::{Document, doc};
use mongodb::options::IndexOptions;
use mongodb::{Collection, Database, IndexModel};

use super::documents::INSTANT_FIELD;
use crate::config::without_user_info;
use crate::schema::mongo::{
    DatabaseState, database_state, ensure_versions_indexes, write_version_record,
};
use crate::schema::{SchemaFile, version_matches};

/// The collection that records applied schema versions.
pub const VERSIONS_COLLECTION: &str = "schema_versions";

/// Errors of the start-up checks.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error(
        "database `{database}` has collections but no schema version record, and this build \
         expects schema version `{expected}`: back up the database, then run {hint}"
    )]
    Untracked { database: String, expected: String, hint: String },
    #[error(
        "database `{database}` has schema version `{found}`, but this build expects schema \
         version `{expected}`: back up the database, then run {hint}"
    )]
    Mismatch { database: String, found: String, expected: String, hint: String },
    #[error("failed to {action} in database `{database}`: {source}")]
    Database { action: &'static str, database: String, source: mongodb::error::Error },
}

/// Checks the database's schema version against the compiled-in `schema.json`, initialising
/// a database without collections.
///
/// `hint` is the [`migrate_hint`] shown when the version differs.
pub(super) async fn check_version(database: &Database, hint: &str) -> Result<(), SchemaError> {
    let expected_version = SchemaFile::builtin().schema_version;
    let expected = expected_version.to_string();
    let state = database_state(database).await.map_err(|source| SchemaError::Database {
        action: "read the schema version",
        database: database.name().to_owned(),
        source,
    })?;
    let (name, hint) = (database.name().to_owned(), hint.to_owned());
    match state {
        DatabaseState::Fresh => initialize(database, &expected).await,
        DatabaseState::Untracked => Err(SchemaError::Untracked { database: name, expected, hint }),
        DatabaseState::Versioned(found) if !version_matches(&found, &expected_version) => {
            Err(SchemaError::Mismatch { database: name, found, expected, hint })
        }
        DatabaseState::Versioned(_) => Ok(()),
    }
}

/// Creates `schema_versions` with its indexes and records the expected version, with the
/// notes upstream's server writes when it initialises a database.
async fn initialize(database: &Database, expected: &str) -> Result<(), SchemaError> {
    let failed = |source| SchemaError::Database {
        action: "initialise the schema version",
        database: database.name().to_owned(),
        source,
    };
    ensure_versions_indexes(database).await.map_err(failed)?;
    let notes = format!("Auto-initialized schema version {expected}");
    write_version_record(database, expected, &notes).await.map_err(failed)?;
    tracing::info!(database = database.name(), version = expected, "initialised a new database");
    Ok(())
}

/// Creates the events indexes: upstream's four, the listing index on the instant, and with
/// `ttl` the TTL index that hard-deletes archived events. Failures are logged and skipped, as
/// upstream does, because the server works without them, only slower.
pub(super) async fn ensure_indexes(events: &Collection<Document>, ttl: Option<Duration>) {
    let indexes = [
        ("event_timestamp_1", doc! {"event_timestamp": 1}),
        ("log_level_1", doc! {"log_level": 1}),
        ("archived_1", doc! {"archived": 1}),
        ("archived_1_archived_at_1", doc! {"archived": 1, "archived_at": 1}),
        (LISTING_INDEX, doc! {INSTANT_FIELD: -1, "_id": -1}),
    ];
    for (name, keys) in indexes {
        let options = IndexOptions::builder().name(name.to_owned()).build();
        let model = IndexModel::builder().keys(keys).options(options).build();
        if let Err(error) = events.create_index(model).await {
            tracing::warn!(index = name, %error, "failed to create an index");
        }
    }
    if let Some(ttl) = ttl {
        if let Err(error) = ensure_ttl_index(events, ttl).await {
            tracing::warn!(index = TTL_INDEX, %error, "failed to create the TTL index");
        }
    }
}

/// The index that serves `GET /events`: newest instant first, then the id.
const LISTING_INDEX: &str = "event_timestamp_micros_-1__id_-1";

/// Upstream's name for the TTL index on `archived_at`.
const TTL_INDEX: &str = "archived_at_1";

/// Creates the TTL index, replacing one whose `expireAfterSeconds` differs.
async fn ensure_ttl_index(
    events: &Collection<Document>,
    ttl: Duration,
) -> mongodb::error::Result<()> {
    let seconds = ttl.as_secs();
    let mut existing = events.list_indexes().await?;
    while let Some(index) = existing.try_next().await? {
        let options = index.options.unwrap_or_default();
        if options.name.as_deref() != Some(TTL_INDEX) {
            continue;
        }
        if options.expire_after.map(|after| after.as_secs()) == Some(seconds) {
            return Ok(());
        }
        tracing::info!(index = TTL_INDEX, seconds, "replacing the TTL index with a new expiry");
        events.drop_index(TTL_INDEX).await?;
        break;
    }
    let options = IndexOptions::builder()
        .name(TTL_INDEX.to_owned())
        .expire_after(ttl)
        .partial_filter_expression(doc! {"archived": true})
        .build();
    events
        .create_index(IndexModel::builder().keys(doc! {"archived_at": 1}).options(options).build())
        .await?;
    Ok(())
}

/// Formats the advice to run `madsci-events migrate` on this database, the command in
/// backticks. The URL loses its user name and password so that the message can be logged,
/// and a note tells the reader to add them back.
pub(super) fn migrate_hint(url: &str, database: &str) -> String {
    let (url, had_credentials) = without_user_info(url);
    let command = format!(
        "madsci-events migrate --db-url {} --database {}",
        shell_word(&url),
        shell_word(database)
    );
    match had_credentials {
        true => format!("`{command}` with the user name and password added to the URL"),
        false => format!("`{command}`"),
    }
}

/// Quotes a word for a POSIX shell when it contains anything but plain URL characters.
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-./:,@%+=".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        return word.to_owned();
    }
    format!("'{}'", word.replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrate_hint_leaves_out_credentials() {
        let hint = migrate_hint("mongodb://lab:s3cret@db1,db2:27017/?authSource=admin&w=1", "ev");
        assert_eq!(
            hint,
            "`madsci-events migrate --db-url 'mongodb://db1,db2:27017/?authSource=admin&w=1' \
             --database ev` with the user name and password added to the URL"
        );
        let plain = migrate_hint("mongodb://127.0.0.1:27017/", "madsci_events");
        assert_eq!(
            plain,
            "`madsci-events migrate --db-url mongodb://127.0.0.1:27017/ --database madsci_events`"
        );
    }
}
