//! Dump and load through the driver, for hosts without the MongoDB Database Tools.
//!
//! The dump writes mongodump's directory format: `<coll>.bson` with the documents back to back
//! and `<coll>.metadata.json` with the collection options and the full index specifications
//! (TTL, partial, unique and other options kept) in canonical Extended JSON, so `mongorestore`
//! reads it. `--gzip` compresses both files as mongodump does.
//!
//! NOTE: views and time-series collections are skipped, and `system.*` collections are never
//! dumped.

use std::io::Write;
use std::path::Path;

use futures_util::TryStreamExt;
use mongodb::bson::{Bson, Document, RawDocumentBuf, doc};
use mongodb::{Collection, Database};
use serde_json::{Map, Value};

use super::BackupError;
use super::bson_file::{DocumentReader, collection_name, create_writer, is_gzip};
use super::progress::Progress;

/// Documents per `insert_many` when loading, at most.
const INSERT_BATCH_DOCUMENTS: usize = 1000;

/// Bytes per `insert_many` when loading, at most (the driver splits larger batches anyway).
const INSERT_BATCH_BYTES: usize = 8 * 1024 * 1024;

/// A collection as `listCollections` reports it.
struct CollectionInfo {
    name: String,
    options: Document,
    uuid: Option<String>,
}

/// Dumps the collections of `database` (all, or `only`) into `out` (the `<db>/` folder);
/// returns the collection names dumped.
pub async fn dump(
    database: &Database,
    out: &Path,
    only: &[String],
    gzip: bool,
    progress: Progress,
) -> Result<Vec<String>, BackupError> {
    std::fs::create_dir_all(out).map_err(|source| BackupError::Io {
        action: "create the dump folder",
        path: out.to_path_buf(),
        source,
    })?;
    let mut dumped = Vec::new();
    for info in list_collections(database).await? {
        if !only.is_empty() && !only.contains(&info.name) {
            continue;
        }
        dump_collection(database, &info, out, gzip, progress).await?;
        dumped.push(info.name);
    }
    if let Some(missing) = only.iter().find(|name| !dumped.contains(name)) {
        return Err(BackupError::UnknownCollection {
            collection: missing.clone(),
            database: database.name().to_owned(),
        });
    }
    Ok(dumped)
}

async fn list_collections(database: &Database) -> Result<Vec<CollectionInfo>, BackupError> {
    let failed = mongo_error("list the collections");
    let cursor = database.run_cursor_command(doc! {"listCollections": 1}).await.map_err(&failed)?;
    let specs: Vec<Document> = cursor.try_collect().await.map_err(&failed)?;
    let mut collections = Vec::new();
    for spec in specs {
        let name = spec.get_str("name").unwrap_or_default().to_owned();
        let kind = spec.get_str("type").unwrap_or("collection");
        if name.is_empty() || name.starts_with("system.") || kind != "collection" {
            continue;
        }
        let options = spec.get_document("options").cloned().unwrap_or_default();
        let uuid = spec.get_document("info").ok().and_then(|info| match info.get("uuid") {
            Some(Bson::Binary(binary)) => Some(hex(&binary.bytes)),
            _ => None,
        });
        collections.push(CollectionInfo { name, options, uuid });
    }
    collections.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(collections)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

async fn dump_collection(
    database: &Database,
    info: &CollectionInfo,
    out: &Path,
    gzip: bool,
    progress: Progress,
) -> Result<(), BackupError> {
    let extension = if gzip { ".gz" } else { "" };
    let metadata_path = out.join(format!("{}.metadata.json{extension}", info.name));
    let metadata = collection_metadata(database, info).await?;
    write_file(&metadata_path, gzip, metadata.to_string().as_bytes())?;

    let data_path = out.join(format!("{}.bson{extension}", info.name));
    let collection: Collection<RawDocumentBuf> = database.collection(&info.name);
    let total = collection.estimated_document_count().await.unwrap_or(0);
    let bar = progress.items(total, &format!("dumping {}", info.name));
    let write_error =
        |source| BackupError::Io { action: "write a dump file", path: data_path.clone(), source };
    let mut writer = create_writer(&data_path, gzip).map_err(write_error)?;
    let mut cursor = collection.find(doc! {}).await.map_err(mongo_error("read the documents"))?;
    while let Some(document) = cursor.try_next().await.map_err(mongo_error("read the documents"))? {
        writer.write_all(document.as_bytes()).map_err(write_error)?;
        bar.inc(1);
    }
    writer.flush().map_err(write_error)?;
    drop(writer);
    bar.finish_and_clear();
    Ok(())
}

/// mongodump's `<coll>.metadata.json`: options, index specifications, uuid, name and type.
async fn collection_metadata(
    database: &Database,
    info: &CollectionInfo,
) -> Result<Value, BackupError> {
    let failed = mongo_error("list the indexes");
    let cursor =
        database.run_cursor_command(doc! {"listIndexes": &info.name}).await.map_err(&failed)?;
    let mut indexes: Vec<Document> = cursor.try_collect().await.map_err(&failed)?;
    for index in &mut indexes {
        index.remove("ns");
    }
    let mut metadata = Map::new();
    metadata
        .insert("options".into(), Bson::Document(info.options.clone()).into_canonical_extjson());
    let indexes = indexes.into_iter().map(|index| Bson::Document(index).into_canonical_extjson());
    metadata.insert("indexes".into(), Value::Array(indexes.collect()));
    if let Some(uuid) = &info.uuid {
        metadata.insert("uuid".into(), Value::String(uuid.clone()));
    }
    metadata.insert("collectionName".into(), Value::String(info.name.clone()));
    metadata.insert("type".into(), Value::String("collection".into()));
    Ok(Value::Object(metadata))
}

fn write_file(path: &Path, gzip: bool, bytes: &[u8]) -> Result<(), BackupError> {
    let write_error =
        |source| BackupError::Io { action: "write a dump file", path: path.to_path_buf(), source };
    let mut writer = create_writer(path, gzip).map_err(write_error)?;
    writer.write_all(bytes).map_err(write_error)?;
    writer.flush().map_err(write_error)
}

/// Loads the data files of `source` (a `<db>/` folder) into `database`, which should be empty:
/// creates each collection with its dumped options, inserts the documents, then creates the
/// dumped indexes. Returns each collection with the number of documents loaded.
pub async fn load(
    database: &Database,
    source: &Path,
    only: &[String],
    progress: Progress,
) -> Result<Vec<(String, u64)>, BackupError> {
    let mut loaded = Vec::new();
    for file in super::checksum::data_files(source)? {
        let Some(name) = collection_name(&file) else { continue };
        if !only.is_empty() && !only.contains(&name) {
            continue;
        }
        let metadata = read_collection_metadata(source, &name, is_gzip(&file))?;
        let count = load_collection(database, &name, &file, &metadata, progress).await?;
        loaded.push((name, count));
    }
    Ok(loaded)
}

fn read_collection_metadata(
    source: &Path,
    name: &str,
    gzip: bool,
) -> Result<Document, BackupError> {
    let extension = if gzip { ".gz" } else { "" };
    let path = source.join(format!("{name}.metadata.json{extension}"));
    if !path.exists() {
        return Ok(Document::new());
    }
    let read_error = |source| BackupError::Io {
        action: "read a collection's metadata",
        path: path.clone(),
        source,
    };
    let mut text = String::new();
    let mut reader: Box<dyn std::io::Read> = match gzip {
        true => Box::new(flate2::read::MultiGzDecoder::new(
            std::fs::File::open(&path).map_err(read_error)?,
        )),
        false => Box::new(std::fs::File::open(&path).map_err(read_error)?),
    };
    reader.read_to_string(&mut text).map_err(read_error)?;
    let invalid = |reason: String| BackupError::NotABackup { path: path.clone(), reason };
    let value: Value = serde_json::from_str(&text).map_err(|error| invalid(error.to_string()))?;
    match Bson::try_from(value).map_err(|error| invalid(error.to_string()))? {
        Bson::Document(document) => Ok(document),
        _ => Err(invalid("the metadata is not a JSON object".into())),
    }
}

async fn load_collection(
    database: &Database,
    name: &str,
    file: &Path,
    metadata: &Document,
    progress: Progress,
) -> Result<u64, BackupError> {
    let mut create = doc! {"create": name};
    if let Ok(options) = metadata.get_document("options") {
        create.extend(options.clone());
    }
    database.run_command(create).await.map_err(mongo_error("create a collection"))?;

    let collection: Collection<RawDocumentBuf> = database.collection(name);
    let bar = progress.spinner(&format!("loading {name}"));
    let count = insert_all(&collection, file, &bar).await?;
    bar.finish_and_clear();

    let indexes: Vec<Bson> = metadata
        .get_array("indexes")
        .map(|indexes| indexes.iter().filter(|index| !is_id_index(index)).cloned().collect())
        .unwrap_or_default();
    if !indexes.is_empty() {
        let command = doc! {"createIndexes": name, "indexes": indexes};
        database.run_command(command).await.map_err(mongo_error("create the indexes"))?;
    }
    Ok(count)
}

fn is_id_index(index: &Bson) -> bool {
    index.as_document().and_then(|spec| spec.get_str("name").ok()) == Some("_id_")
}

async fn insert_all(
    collection: &Collection<RawDocumentBuf>,
    file: &Path,
    bar: &indicatif::ProgressBar,
) -> Result<u64, BackupError> {
    let path = file.to_path_buf();
    let mut reader = DocumentReader::open(file).map_err(|source| BackupError::Io {
        action: "read a dump file",
        path: path.clone(),
        source,
    })?;
    let (mut batch, mut batch_bytes, mut count) = (Vec::new(), 0, 0_u64);
    loop {
        let next = reader.next_document().map_err(|error| corrupt(&path, error))?;
        let done = next.is_none();
        if let Some(document) = next {
            batch_bytes += document.as_bytes().len();
            batch.push(document);
        }
        let full = batch.len() >= INSERT_BATCH_DOCUMENTS || batch_bytes >= INSERT_BATCH_BYTES;
        if (full || done) && !batch.is_empty() {
            collection.insert_many(&batch).await.map_err(mongo_error("insert documents"))?;
            count += batch.len() as u64;
            bar.set_message(format!("loading {}: {count} documents", collection.name()));
            (batch, batch_bytes) = (Vec::new(), 0);
        }
        if done {
            return Ok(count);
        }
    }
}

fn corrupt(path: &Path, error: super::bson_file::BsonFileError) -> BackupError {
    BackupError::NotABackup { path: path.to_path_buf(), reason: error.to_string() }
}

/// Maps a driver error to [`BackupError::Mongo`] with the action that failed.
pub(super) fn mongo_error(action: &'static str) -> impl Fn(mongodb::error::Error) -> BackupError {
    move |source| BackupError::Mongo { action, cause: source.to_string() }
}
