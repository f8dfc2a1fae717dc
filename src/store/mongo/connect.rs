//! Connecting to MongoDB: URL and name checks, client options, and errors that never show the
//! password.

use std::time::Duration;

use mongodb::bson::doc;
use mongodb::options::ClientOptions;
use mongodb::{Client, Database};

use super::schema::SchemaError;
use crate::config::{Secret, redact_url, scrub_password};

/// How long the driver looks for a reachable server, unless the URL sets
/// `serverSelectionTimeoutMS`. The driver's default of 30 s would hold every request that long
/// while the database is down.
const SERVER_SELECTION_TIMEOUT: Duration = Duration::from_secs(5);

/// How long opening a connection may take, unless the URL sets `connectTimeoutMS`.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Errors of opening the store.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("invalid {what} name `{name}`: {reason}")]
    InvalidName { what: &'static str, name: String, reason: &'static str },
    #[error("invalid MongoDB URL `{url}`: {cause}")]
    InvalidUrl { url: String, cause: String },
    #[error(
        "failed to reach MongoDB at `{url}`: {cause}. Check that the database server runs and \
         that the URL is right"
    )]
    Unreachable { url: String, cause: String },
    #[error(transparent)]
    Schema(#[from] SchemaError),
    #[error("failed to set the instants of events in `{collection}`: {cause}")]
    Instants { collection: String, cause: String },
}

pub(super) async fn connect(url: &Secret) -> Result<Client, OpenError> {
    let invalid = |error: mongodb::error::Error| OpenError::InvalidUrl {
        url: redact_url(url.expose()),
        cause: scrub_password(&error.to_string(), url.expose()),
    };
    let mut options = ClientOptions::parse(url.expose()).await.map_err(invalid)?;
    options.app_name.get_or_insert_with(|| "madsci-events".to_owned());
    options.server_selection_timeout.get_or_insert(SERVER_SELECTION_TIMEOUT);
    options.connect_timeout.get_or_insert(CONNECT_TIMEOUT);
    Client::with_options(options).map_err(invalid)
}

pub(super) async fn ping(database: &Database, url: &Secret) -> Result<(), OpenError> {
    let result = database.run_command(doc! {"ping": 1}).await;
    result.map(drop).map_err(|error| OpenError::Unreachable {
        url: redact_url(url.expose()),
        cause: scrub_password(&error.to_string(), url.expose()),
    })
}

pub(super) fn check_name(
    what: &'static str,
    name: &str,
    problem: fn(&str) -> Option<&'static str>,
) -> Result<(), OpenError> {
    match problem(name) {
        Some(reason) => Err(OpenError::InvalidName { what, name: name.to_owned(), reason }),
        None => Ok(()),
    }
}

/// Checks a database name against MongoDB's rules (1 to 63 bytes without `/\. "$` or NUL)
/// and returns what is wrong with it.
pub(super) fn database_name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() || name.len() > 63 {
        return Some("use 1 to 63 bytes");
    }
    let forbidden = |c: char| "/\\. \"$*<>:|?\0".contains(c);
    name.contains(forbidden).then_some("leave out `/\\. \"$*<>:|?` and NUL characters")
}

/// Checks a collection name against MongoDB's rules (not empty, no `$` or NUL, not under
/// `system.`) and returns what is wrong with it.
pub(super) fn collection_name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        return Some("the name is empty");
    }
    if name.contains(['$', '\0']) {
        return Some("leave out `$` and NUL characters");
    }
    name.starts_with("system.").then_some("names starting with `system.` are reserved")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_mongodb_rules() {
        assert_eq!(database_name_problem("madsci_events"), None);
        assert!(database_name_problem("a.b").is_some());
        assert!(database_name_problem("").is_some());
        assert!(database_name_problem(&"x".repeat(64)).is_some());
        assert_eq!(collection_name_problem("events"), None);
        assert!(collection_name_problem("system.events").is_some());
        assert!(collection_name_problem("a$b").is_some());
    }
}
