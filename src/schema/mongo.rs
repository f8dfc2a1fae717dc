//! Schema versions and schema changes of a MongoDB database, as upstream's migration tool
//! keeps them.
//!
//! Versions live in the `schema_versions` collection, one document per version:
//! `{version, applied_at (BSON date), migration_notes}`. The database's version is the one
//! applied most recently (newest `applied_at`), not the highest.

use std::collections::BTreeSet;

use chrono::Utc;
use futures_util::TryStreamExt;
use mongodb::bson::{Bson, Document, doc};
use mongodb::options::IndexOptions;
use mongodb::{Database, IndexModel};
use serde::Serialize;

use super::{IndexDefinition, SchemaFile};
use crate::store::mongo::VERSIONS_COLLECTION;

/// The schema state a database records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DatabaseState {
    /// No collections at all: a new database.
    Fresh,
    /// Collections but no `schema_versions` record (upstream reports `0.0.0`).
    Untracked,
    /// The version of the most recently applied record.
    Versioned(String),
}

impl DatabaseState {
    /// The version text shown to people.
    pub fn describe(&self) -> String {
        match self {
            DatabaseState::Fresh => "none (the database has no collections)".into(),
            DatabaseState::Untracked => {
                "untracked (collections exist but `schema_versions` has no record)".into()
            }
            DatabaseState::Versioned(version) => version.clone(),
        }
    }

    /// The version as upstream writes it in migration notes.
    fn notes_label(&self) -> &str {
        match self {
            DatabaseState::Fresh => "unversioned",
            DatabaseState::Untracked => "0.0.0",
            DatabaseState::Versioned(version) => version,
        }
    }
}

/// Reads the schema state of `database`.
pub async fn database_state(database: &Database) -> mongodb::error::Result<DatabaseState> {
    let names = database.list_collection_names().await?;
    if names.is_empty() {
        return Ok(DatabaseState::Fresh);
    }
    if !names.iter().any(|name| name == VERSIONS_COLLECTION) {
        return Ok(DatabaseState::Untracked);
    }
    let versions = database.collection::<Document>(VERSIONS_COLLECTION);
    let newest = versions.find_one(doc! {}).sort(doc! {"applied_at": -1}).await?;
    Ok(match newest.and_then(|record| record.get("version").cloned()) {
        Some(Bson::String(version)) => DatabaseState::Versioned(version),
        Some(other) => DatabaseState::Versioned(other.to_string()),
        None => DatabaseState::Untracked,
    })
}

/// Records `version` as applied now, replacing an earlier record of the same version.
pub async fn record_version(
    database: &Database,
    version: &str,
    from: &DatabaseState,
) -> mongodb::error::Result<()> {
    let notes = format!("MongoDB schema migration from {} to {version}", from.notes_label());
    write_version_record(database, version, &notes).await
}

/// Writes the `schema_versions` record of `version`, applied now, with `notes`. The write is
/// keyed on the version, so a repeated write, or two servers initialising one database at
/// once, leave one record.
pub async fn write_version_record(
    database: &Database,
    version: &str,
    notes: &str,
) -> mongodb::error::Result<()> {
    let record = doc! {
        "version": version,
        "applied_at": mongodb::bson::DateTime::from_millis(Utc::now().timestamp_millis()),
        "migration_notes": notes,
    };
    let versions = database.collection::<Document>(VERSIONS_COLLECTION);
    versions.replace_one(doc! {"version": version}, record).upsert(true).await?;
    Ok(())
}

/// The collections and indexes [`apply_schema`] created.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AppliedChanges {
    pub created_collections: Vec<String>,
    /// `collection.index` names.
    pub created_indexes: Vec<String>,
}

/// Creates the collections and indexes of `schema` that `database` lacks, matching indexes by
/// name, then the two `schema_versions` indexes. Nothing is dropped or altered: an index with
/// the right name but other keys stays as it is and shows up in [`compare_schema`].
pub async fn apply_schema(
    database: &Database,
    schema: &SchemaFile,
) -> mongodb::error::Result<AppliedChanges> {
    let mut changes = AppliedChanges::default();
    let existing: BTreeSet<String> = database.list_collection_names().await?.into_iter().collect();
    for collection in &schema.collections {
        if !existing.contains(&collection.name) {
            database.create_collection(&collection.name).await?;
            changes.created_collections.push(collection.name.clone());
        }
        let handle = database.collection::<Document>(&collection.name);
        let present: BTreeSet<String> = handle.list_index_names().await?.into_iter().collect();
        for index in &collection.indexes {
            if !present.contains(&index.name) {
                handle.create_index(index_model(index)).await?;
                changes.created_indexes.push(format!("{}.{}", collection.name, index.name));
            }
        }
    }
    ensure_versions_indexes(database).await?;
    Ok(changes)
}

/// Creates upstream's two `schema_versions` indexes when missing.
pub async fn ensure_versions_indexes(database: &Database) -> mongodb::error::Result<()> {
    let versions = database.collection::<Document>(VERSIONS_COLLECTION);
    let present: BTreeSet<String> = match versions.list_index_names().await {
        Ok(names) => names.into_iter().collect(),
        // The collection does not exist yet; creating an index creates it.
        Err(_) => BTreeSet::new(),
    };
    for index in versions_indexes() {
        if !present.contains(&index.name) {
            versions.create_index(index_model(&index)).await?;
        }
    }
    Ok(())
}

fn versions_indexes() -> [IndexDefinition; 2] {
    let index = |name: &str, field: &str, direction, unique| IndexDefinition {
        name: name.to_owned(),
        keys: vec![(field.to_owned(), direction)],
        unique,
        background: true,
        description: None,
    };
    [index("version_unique", "version", 1, true), index("applied_at_desc", "applied_at", -1, false)]
}

fn index_model(index: &IndexDefinition) -> IndexModel {
    let keys: Document = index
        .keys
        .iter()
        .map(|(field, direction)| (field.clone(), Bson::Int32(*direction)))
        .collect();
    let mut options = IndexOptions::builder().name(index.name.clone()).build();
    if index.unique {
        options.unique = Some(true);
    }
    IndexModel::builder().keys(keys).options(options).build()
}

/// The differences between a database and a schema file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SchemaDifferences {
    pub missing_collections: Vec<String>,
    pub extra_collections: Vec<String>,
    pub collection_differences: Vec<CollectionDifferences>,
}

/// The differences between one collection's indexes and the schema file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CollectionDifferences {
    pub collection: String,
    pub missing_indexes: Vec<String>,
    pub extra_indexes: Vec<String>,
    /// Indexes whose name matches but whose keys or uniqueness differ.
    pub different_indexes: Vec<IndexDifference>,
}

/// An index whose definition differs from the schema file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IndexDifference {
    pub name: String,
    pub expected: String,
    pub actual: String,
}

impl SchemaDifferences {
    /// Reports whether the database has every collection and index the schema lists. Extra
    /// collections and extra indexes do not count, because the server itself creates indexes
    /// that `schema.json` does not list, and upstream's check fails on every live events
    /// database for that reason.
    pub fn is_valid(&self) -> bool {
        self.missing_collections.is_empty()
            && self.collection_differences.iter().all(|collection| {
                collection.missing_indexes.is_empty() && collection.different_indexes.is_empty()
            })
    }
}

/// Compares the live collections and indexes of `database` with `schema`. `system.*`
/// collections and the `_id_` index are left out.
pub async fn compare_schema(
    database: &Database,
    schema: &SchemaFile,
) -> mongodb::error::Result<SchemaDifferences> {
    let live: BTreeSet<String> = database
        .list_collection_names()
        .await?
        .into_iter()
        .filter(|name| !name.starts_with("system."))
        .collect();
    let expected: BTreeSet<String> = schema.collections.iter().map(|c| c.name.clone()).collect();
    let mut differences = SchemaDifferences {
        missing_collections: expected.difference(&live).cloned().collect(),
        extra_collections: live.difference(&expected).cloned().collect(),
        collection_differences: Vec::new(),
    };
    for collection in schema.collections.iter().filter(|c| live.contains(&c.name)) {
        let live_indexes = live_indexes(database, &collection.name).await?;
        let compared = compare_indexes(&collection.name, &collection.indexes, &live_indexes);
        let empty = compared.missing_indexes.is_empty()
            && compared.extra_indexes.is_empty()
            && compared.different_indexes.is_empty();
        if !empty {
            differences.collection_differences.push(compared);
        }
    }
    Ok(differences)
}

/// Lists the indexes of one live collection as name, rendered keys and uniqueness.
async fn live_indexes(
    database: &Database,
    collection: &str,
) -> mongodb::error::Result<Vec<(String, String, bool)>> {
    let handle = database.collection::<Document>(collection);
    let models: Vec<IndexModel> = handle.list_indexes().await?.try_collect().await?;
    Ok(models
        .into_iter()
        .filter_map(|model| {
            let options = model.options.unwrap_or_default();
            let name = options.name?;
            (name != "_id_").then(|| (name, render_keys(&model.keys), options.unique == Some(true)))
        })
        .collect())
}

fn compare_indexes(
    collection: &str,
    expected: &[IndexDefinition],
    live: &[(String, String, bool)],
) -> CollectionDifferences {
    let mut result =
        CollectionDifferences { collection: collection.to_owned(), ..Default::default() };
    for index in expected {
        let wanted = render_definition(index);
        match live.iter().find(|(name, _, _)| *name == index.name) {
            None => result.missing_indexes.push(index.name.clone()),
            Some((_, keys, unique)) => {
                let actual = render_live(keys, *unique);
                if actual != wanted {
                    let name = index.name.clone();
                    result.different_indexes.push(IndexDifference {
                        name,
                        expected: wanted,
                        actual,
                    });
                }
            }
        }
    }
    for (name, _, _) in live {
        if !expected.iter().any(|index| index.name == *name) {
            result.extra_indexes.push(name.clone());
        }
    }
    result.missing_indexes.sort();
    result.extra_indexes.sort();
    result
}

fn render_definition(index: &IndexDefinition) -> String {
    let keys: Vec<String> =
        index.keys.iter().map(|(field, direction)| format!("{field}: {direction}")).collect();
    render_live(&keys.join(", "), index.unique)
}

fn render_live(keys: &str, unique: bool) -> String {
    match unique {
        true => format!("{{{keys}}} unique"),
        false => format!("{{{keys}}}"),
    }
}

/// Renders index keys as `field: direction` pairs; numeric directions of any BSON number type
/// print as integers, other kinds (`"text"`, `"2dsphere"`) as their string.
fn render_keys(keys: &Document) -> String {
    let pairs: Vec<String> = keys
        .iter()
        .map(|(field, value)| {
            let direction = match value {
                Bson::Int32(number) => number.to_string(),
                Bson::Int64(number) => number.to_string(),
                Bson::Double(number) => format!("{}", *number as i64),
                Bson::String(kind) => format!("{kind:?}"),
                other => other.to_string(),
            };
            format!("{field}: {direction}")
        })
        .collect();
    pairs.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_comparison_finds_each_kind_of_difference() {
        let expected = versions_indexes();
        let live = vec![
            ("version_unique".to_owned(), "version: 1".to_owned(), false),
            ("event_timestamp_1".to_owned(), "event_timestamp: 1".to_owned(), false),
        ];
        let result = compare_indexes("schema_versions", &expected, &live);
        assert_eq!(result.missing_indexes, ["applied_at_desc"]);
        assert_eq!(result.extra_indexes, ["event_timestamp_1"]);
        assert_eq!(result.different_indexes.len(), 1);
        assert_eq!(result.different_indexes[0].expected, "{version: 1} unique");
        assert_eq!(result.different_indexes[0].actual, "{version: 1}");
    }

    #[test]
    fn extra_indexes_alone_are_valid() {
        let mut differences = SchemaDifferences::default();
        differences.extra_collections.push("other".into());
        differences.collection_differences.push(CollectionDifferences {
            collection: "events".into(),
            extra_indexes: vec!["log_level_1".into()],
            ..Default::default()
        });
        assert!(differences.is_valid());
        differences.missing_collections.push("events".into());
        assert!(!differences.is_valid());
    }

    #[test]
    fn keys_render_every_number_type_as_an_integer() {
        let keys = doc! {"a": 1_i32, "b": -1_i64, "c": 1.0, "d": "text"};
        assert_eq!(render_keys(&keys), "a: 1, b: -1, c: 1, d: \"text\"");
    }
}
