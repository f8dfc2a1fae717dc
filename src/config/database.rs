//! The database URL and the backend it selects.

use std::path::PathBuf;

use super::secret::{Secret, redact_url};

/// Where the default embedded database lives, relative to the working directory.
pub const DEFAULT_SQLITE_PATH: &str = ".madsci/events.db";

/// The backend chosen by the database URL.
#[derive(Clone, Debug, PartialEq)]
pub enum StoreLocation {
    /// The embedded SQLite file.
    Sqlite(PathBuf),
    /// A MongoDB deployment (`mongodb://` or `mongodb+srv://`).
    Mongo(Secret),
}

/// An unusable database URL.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum DatabaseUrlError {
    #[error(
        "unsupported database URL scheme `{scheme}` in `{url}`: use `sqlite://PATH` for the \
         embedded store or `mongodb://HOST` for MongoDB"
    )]
    UnknownScheme { scheme: String, url: String },
    #[error("the database URL `{0}` names no file: write `sqlite://PATH`")]
    EmptySqlitePath(String),
}

impl StoreLocation {
    /// Reads a database URL; `None` selects the embedded store at [`DEFAULT_SQLITE_PATH`].
    /// `sqlite://events.db` is relative to the working directory, `sqlite:///var/x.db`
    /// absolute; a plain path without a scheme is a SQLite file too.
    pub fn from_url(url: Option<&Secret>) -> Result<StoreLocation, DatabaseUrlError> {
        let Some(url) = url else {
            return Ok(StoreLocation::Sqlite(PathBuf::from(DEFAULT_SQLITE_PATH)));
        };
        let text = url.expose().trim();
        if text.starts_with("mongodb://") || text.starts_with("mongodb+srv://") {
            return Ok(StoreLocation::Mongo(url.clone()));
        }
        let path = match text.split_once("://") {
            Some(("sqlite", path)) => path,
            Some((scheme, _)) => {
                let (scheme, url) = (scheme.to_owned(), redact_url(text));
                return Err(DatabaseUrlError::UnknownScheme { scheme, url });
            }
            None => text.strip_prefix("sqlite:").unwrap_or(text),
        };
        if path.is_empty() {
            return Err(DatabaseUrlError::EmptySqlitePath(text.to_owned()));
        }
        Ok(StoreLocation::Sqlite(PathBuf::from(path)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn location(url: &str) -> Result<StoreLocation, DatabaseUrlError> {
        StoreLocation::from_url(Some(&Secret::new(url)))
    }

    #[test]
    fn schemes_select_backends() {
        assert_eq!(
            StoreLocation::from_url(None),
            Ok(StoreLocation::Sqlite(PathBuf::from(".madsci/events.db")))
        );
        assert_eq!(location("sqlite://a/b.db"), Ok(StoreLocation::Sqlite("a/b.db".into())));
        assert_eq!(location("sqlite:///var/b.db"), Ok(StoreLocation::Sqlite("/var/b.db".into())));
        assert_eq!(location("events.db"), Ok(StoreLocation::Sqlite("events.db".into())));
        assert!(matches!(location("mongodb://h:27017"), Ok(StoreLocation::Mongo(_))));
        assert!(matches!(location("mongodb+srv://c.example"), Ok(StoreLocation::Mongo(_))));
    }

    #[test]
    fn unknown_scheme_names_it_without_the_password() {
        let error = location("postgres://u:secret@h/db").unwrap_err();
        let message = error.to_string();
        assert!(message.contains("`postgres`"), "{message}");
        assert!(!message.contains("secret"), "{message}");
    }
}
