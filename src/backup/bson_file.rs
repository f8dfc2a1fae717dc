//! Reading and writing mongodump's data files: BSON documents back to back in `<coll>.bson`,
//! or the same gzip-compressed in `<coll>.bson.gz`.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::Path;

use flate2::Compression;
use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;
use mongodb::bson::RawDocumentBuf;

/// The largest document accepted when reading, in bytes: MongoDB's 16 MiB limit plus the
/// 16 KiB of headroom the server allows internally.
const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024 + 16 * 1024;

/// Errors of reading a data file.
#[derive(Debug, thiserror::Error)]
pub enum BsonFileError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("document {index} is corrupt: {reason}")]
    Corrupt { index: u64, reason: String },
}

/// Reports whether a data file name is gzip-compressed.
pub fn is_gzip(path: &Path) -> bool {
    path.extension().is_some_and(|extension| extension == "gz")
}

/// Returns the collection of a data file: its name without `.bson` or `.bson.gz`.
pub fn collection_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".gz").unwrap_or(name);
    stem.strip_suffix(".bson").map(str::to_owned)
}

/// Reads the documents of a data file one by one.
pub struct DocumentReader {
    input: Box<dyn Read + Send>,
    index: u64,
}

impl DocumentReader {
    /// Opens a `.bson` or `.bson.gz` file.
    pub fn open(path: &Path) -> std::io::Result<DocumentReader> {
        let file = BufReader::new(File::open(path)?);
        let input: Box<dyn Read + Send> = match is_gzip(path) {
            true => Box::new(BufReader::new(MultiGzDecoder::new(file))),
            false => Box::new(file),
        };
        Ok(DocumentReader { input, index: 0 })
    }

    /// Reads the next document, or `None` at the end of the file. Each document's elements are
    /// walked, so a truncated or corrupt document is an error.
    pub fn next_document(&mut self) -> Result<Option<RawDocumentBuf>, BsonFileError> {
        let mut length_bytes = [0_u8; 4];
        match read_full(&mut self.input, &mut length_bytes)? {
            0 => return Ok(None),
            4 => {}
            _ => return Err(self.corrupt("the file ends inside a document length".into())),
        }
        let length = i32::from_le_bytes(length_bytes);
        let length = usize::try_from(length).unwrap_or(0);
        if !(5..=MAX_DOCUMENT_BYTES).contains(&length) {
            return Err(self.corrupt(format!("invalid document length {length}")));
        }
        let mut bytes = vec![0_u8; length];
        bytes[..4].copy_from_slice(&length_bytes);
        if read_full(&mut self.input, &mut bytes[4..])? != length - 4 {
            return Err(self.corrupt("the file ends inside a document".into()));
        }
        let document =
            RawDocumentBuf::from_bytes(bytes).map_err(|error| self.corrupt(error.to_string()))?;
        for element in document.iter() {
            element.map_err(|error| self.corrupt(error.to_string()))?;
        }
        self.index += 1;
        Ok(Some(document))
    }

    fn corrupt(&self, reason: String) -> BsonFileError {
        BsonFileError::Corrupt { index: self.index, reason }
    }
}

/// Reads until `buffer` is full or the input ends; returns the bytes read.
fn read_full(input: &mut dyn Read, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match input.read(&mut buffer[filled..])? {
            0 => break,
            count => filled += count,
        }
    }
    Ok(filled)
}

/// Counts the documents of a data file, checking each one.
pub fn count_documents(path: &Path) -> Result<u64, BsonFileError> {
    let mut reader = DocumentReader::open(path)?;
    let mut count = 0;
    while reader.next_document()?.is_some() {
        count += 1;
    }
    Ok(count)
}

/// Creates a data file, gzip-compressed when `gzip` is set.
pub fn create_writer(path: &Path, gzip: bool) -> std::io::Result<Box<dyn Write + Send>> {
    let file = BufWriter::new(File::create(path)?);
    Ok(match gzip {
        true => Box::new(GzEncoder::new(file, Compression::default())),
        false => Box::new(file),
    })
}

#[cfg(test)]
mod tests {
    use mongodb::bson::{doc, to_vec};

    use super::*;

    #[test]
    fn documents_round_trip_plain_and_gzip() {
        let dir = tempfile::tempdir().unwrap();
        for (name, gzip) in [("a.bson", false), ("a.bson.gz", true)] {
            let path = dir.path().join(name);
            let mut writer = create_writer(&path, gzip).unwrap();
            for i in 0..3 {
                writer.write_all(&to_vec(&doc! {"_id": i, "x": "y"}).unwrap()).unwrap();
            }
            drop(writer);
            assert_eq!(count_documents(&path).unwrap(), 3, "{name}");
            assert_eq!(collection_name(&path).as_deref(), Some("a"));
        }
    }

    #[test]
    fn truncated_file_is_corrupt() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.bson");
        let mut bytes = to_vec(&doc! {"_id": 1}).unwrap();
        bytes.extend_from_slice(&to_vec(&doc! {"_id": 2, "long": "text"}).unwrap()[..9]);
        std::fs::write(&path, bytes).unwrap();
        let error = count_documents(&path).unwrap_err().to_string();
        assert!(error.contains("document 1"), "{error}");
    }
}
