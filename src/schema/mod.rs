//! Schema files and schema versions of the MongoDB database.
//!
//! A schema file (`schema.json`, upstream's format) names a database, its schema version (a
//! semantic version) and the collections and indexes the database must have. The one for the
//! events database is compiled in; `migrate --schema-file` reads another. [`mongo`] reads and
//! records versions in the `schema_versions` collection and applies a schema to a database.

pub mod mongo;

use std::path::{Path, PathBuf};

use semver::Version;
use serde::Deserialize;
use serde_json::{Map, Value};

/// The events database's schema file, as shipped with upstream 0.8.1.
const BUILTIN_SCHEMA: &str = include_str!("../../schema.json");

/// A parsed schema file.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemaFile {
    pub database: String,
    pub schema_version: Version,
    pub description: Option<String>,
    /// Collections in file order.
    pub collections: Vec<CollectionDefinition>,
}

/// One collection of a schema file.
#[derive(Clone, Debug, PartialEq)]
pub struct CollectionDefinition {
    pub name: String,
    pub description: Option<String>,
    pub indexes: Vec<IndexDefinition>,
}

/// One index of a schema file. `background` is kept for upstream's format only: servers since
/// MongoDB 4.2 ignore it.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexDefinition {
    pub name: String,
    /// Fields with direction `1` or `-1`, in key order.
    pub keys: Vec<(String, i32)>,
    pub unique: bool,
    pub background: bool,
    pub description: Option<String>,
}

/// Errors of reading a schema file.
#[derive(Debug, thiserror::Error)]
pub enum SchemaFileError {
    #[error("failed to read the schema file `{path}`: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("invalid schema file `{path}`: {reason}")]
    Invalid { path: PathBuf, reason: String },
}

#[derive(Deserialize)]
struct RawSchema {
    database: String,
    schema_version: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    collections: Option<Map<String, Value>>,
}

#[derive(Deserialize)]
struct RawCollection {
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    indexes: Option<Vec<RawIndex>>,
}

#[derive(Deserialize)]
struct RawIndex {
    keys: Vec<RawKey>,
    name: String,
    #[serde(default)]
    unique: bool,
    #[serde(default = "default_background")]
    background: bool,
    #[serde(default)]
    description: Option<String>,
}

/// An index key as `[field, direction]` or `{"field": …, "direction": …}`, the two spellings
/// upstream accepts.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawKey {
    Pair(Vec<Value>),
    Object { field: String, direction: Value },
}

fn default_background() -> bool {
    true
}

impl SchemaFile {
    /// Returns the compiled-in schema of the events database.
    pub fn builtin() -> SchemaFile {
        SchemaFile::parse(BUILTIN_SCHEMA).expect("the compiled-in schema.json is valid")
    }

    /// Reads and checks a schema file.
    pub fn load(path: &Path) -> Result<SchemaFile, SchemaFileError> {
        let text = std::fs::read_to_string(path)
            .map_err(|source| SchemaFileError::Read { path: path.to_path_buf(), source })?;
        SchemaFile::parse(&text)
            .map_err(|reason| SchemaFileError::Invalid { path: path.to_path_buf(), reason })
    }

    /// Parses schema-file text; the error is the reason it is invalid.
    pub fn parse(text: &str) -> Result<SchemaFile, String> {
        let raw: RawSchema = serde_json::from_str(text).map_err(|error| error.to_string())?;
        let schema_version = Version::parse(raw.schema_version.trim()).map_err(|error| {
            format!("`schema_version` `{}` is not a semantic version: {error}", raw.schema_version)
        })?;
        let mut collections = Vec::new();
        for (name, value) in raw.collections.unwrap_or_default() {
            collections.push(parse_collection(name, value)?);
        }
        Ok(SchemaFile {
            database: raw.database,
            schema_version,
            description: raw.description,
            collections,
        })
    }

    /// Finds the definition of one collection.
    pub fn collection(&self, name: &str) -> Option<&CollectionDefinition> {
        self.collections.iter().find(|collection| collection.name == name)
    }
}

fn parse_collection(name: String, value: Value) -> Result<CollectionDefinition, String> {
    let raw: RawCollection = match value {
        Value::Null => RawCollection { description: None, indexes: None },
        value => serde_json::from_value(value)
            .map_err(|error| format!("collection `{name}`: {error}"))?,
    };
    let mut indexes = Vec::new();
    for index in raw.indexes.unwrap_or_default() {
        indexes
            .push(parse_index(index).map_err(|reason| format!("collection `{name}`: {reason}"))?);
    }
    Ok(CollectionDefinition { name, description: raw.description, indexes })
}

fn parse_index(raw: RawIndex) -> Result<IndexDefinition, String> {
    if raw.keys.is_empty() {
        return Err(format!("index `{}` has no keys", raw.name));
    }
    let mut keys = Vec::new();
    for key in raw.keys {
        keys.push(parse_key(key).map_err(|reason| format!("index `{}`: {reason}", raw.name))?);
    }
    Ok(IndexDefinition {
        name: raw.name,
        keys,
        unique: raw.unique,
        background: raw.background,
        description: raw.description,
    })
}

fn parse_key(key: RawKey) -> Result<(String, i32), String> {
    let (field, direction) = match key {
        RawKey::Object { field, direction } => (field, direction),
        RawKey::Pair(pair) => match <[Value; 2]>::try_from(pair) {
            Ok([Value::String(field), direction]) => (field, direction),
            Ok(_) => return Err("a key must be `[field, direction]` with a string field".into()),
            Err(pair) => {
                return Err(format!("a key must have 2 elements, this one has {}", pair.len()));
            }
        },
    };
    match direction.as_i64() {
        Some(1) => Ok((field, 1)),
        Some(-1) => Ok((field, -1)),
        _ => Err(format!("the direction of `{field}` must be 1 or -1, not `{direction}`")),
    }
}

/// Whether a stored version string names `expected`, ignoring build metadata after `+` as
/// upstream's semantic-version comparison does. A stored string that is not a semantic version
/// never matches.
pub fn version_matches(stored: &str, expected: &Version) -> bool {
    Version::parse(stored.trim())
        .is_ok_and(|stored| stored.cmp_precedence(expected) == std::cmp::Ordering::Equal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_schema_lists_both_collections() {
        let schema = SchemaFile::builtin();
        assert_eq!(schema.database, "madsci_events");
        assert_eq!(schema.schema_version, Version::new(1, 0, 0));
        let names: Vec<&str> = schema.collections.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["events", "schema_versions"]);
        let versions = schema.collection("schema_versions").unwrap();
        assert_eq!(versions.indexes[0].keys, [("version".to_owned(), 1)]);
        assert!(versions.indexes[0].unique);
        assert_eq!(versions.indexes[1].keys, [("applied_at".to_owned(), -1)]);
    }

    #[test]
    fn keys_accept_both_spellings() {
        let text = r#"{"database": "d", "schema_version": "2.1.0-rc1", "collections": {
            "c": {"indexes": [{"name": "i", "keys": [["a", 1], {"field": "b", "direction": -1}]}]},
            "empty": null}}"#;
        let schema = SchemaFile::parse(text).unwrap();
        let index = &schema.collections[0].indexes[0];
        assert_eq!(index.keys, [("a".to_owned(), 1), ("b".to_owned(), -1)]);
        assert!(index.background);
        assert!(schema.collections[1].indexes.is_empty());
    }

    #[test]
    fn bad_directions_and_versions_are_rejected() {
        let bad_direction = r#"{"database": "d", "schema_version": "1.0.0",
            "collections": {"c": {"indexes": [{"name": "i", "keys": [["a", 2]]}]}}}"#;
        let error = SchemaFile::parse(bad_direction).unwrap_err();
        assert!(error.contains("must be 1 or -1"), "{error}");
        let bad_version = r#"{"database": "d", "schema_version": "one"}"#;
        let error = SchemaFile::parse(bad_version).unwrap_err();
        assert!(error.contains("`one`"), "{error}");
        let short_key = r#"{"database": "d", "schema_version": "1.0.0",
            "collections": {"c": {"indexes": [{"name": "i", "keys": [["a"]]}]}}}"#;
        assert!(SchemaFile::parse(short_key).unwrap_err().contains("2 elements"));
    }

    #[test]
    fn versions_match_without_build_metadata() {
        let expected = Version::new(1, 0, 0);
        assert!(version_matches("1.0.0", &expected));
        assert!(version_matches("1.0.0+build.7", &expected));
        assert!(!version_matches("1.0.1", &expected));
        assert!(!version_matches("1.0.0-rc1", &expected));
        assert!(!version_matches("not a version", &expected));
    }
}
