//! Reading an id-keyed map of events (`{"<id>": {…}, …}`) one entry at a time.
//!
//! `GET /events` and `POST /events/query` respond with one JSON object keyed by event id. An
//! export can hold millions of events, so [`for_each_document`] hands each document to a
//! callback as soon as it is parsed, and never holds the whole map.

use std::fmt;
use std::io::{self, Read};

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// Why reading the documents stopped.
#[derive(Debug, thiserror::Error)]
pub enum DocumentsError {
    /// The body is not an id-keyed JSON object, or the connection failed mid-body.
    #[error("failed to read the events from the server: {0}")]
    Read(serde_json::Error),
    /// The callback failed, for example writing to a closed pipe.
    #[error(transparent)]
    Callback(io::Error),
}

/// Calls `each` with the JSON text of every document of an id-keyed map, in order, and returns
/// how many there were.
pub fn for_each_document<R, F>(reader: R, each: F) -> Result<u64, DocumentsError>
where
    R: Read,
    F: FnMut(&RawValue) -> io::Result<()>,
{
    let mut deserializer = serde_json::Deserializer::from_reader(io::BufReader::new(reader));
    let mut seed = EachDocument { each, count: 0, failure: None };
    let outcome = (&mut deserializer).deserialize_map(&mut seed).and_then(|()| deserializer.end());
    if let Some(failure) = seed.failure.take() {
        return Err(DocumentsError::Callback(failure));
    }
    outcome.map_err(DocumentsError::Read)?;
    Ok(seed.count)
}

struct EachDocument<F> {
    each: F,
    count: u64,
    /// The callback's error, kept whole because serde errors carry only text.
    failure: Option<io::Error>,
}

impl<'de, F> Visitor<'de> for &mut EachDocument<F>
where
    F: FnMut(&RawValue) -> io::Result<()>,
{
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an object mapping event ids to events")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(_id) = map.next_key::<de::IgnoredAny>()? {
            let document: Box<RawValue> = map.next_value()?;
            if let Err(error) = (self.each)(&document) {
                self.failure = Some(error);
                return Err(de::Error::custom("stopped by the output"));
            }
            self.count += 1;
        }
        Ok(())
    }
}

impl<'de, F> DeserializeSeed<'de> for &mut EachDocument<F>
where
    F: FnMut(&RawValue) -> io::Result<()>,
{
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_come_in_order() {
        let body = br#"{"b": {"_id": "b", "n": 1}, "a": {"_id": "a", "n": [2]}}"#;
        let mut seen = Vec::new();
        let count = for_each_document(&body[..], |document| {
            seen.push(document.get().to_owned());
            Ok(())
        })
        .unwrap();
        assert_eq!(count, 2);
        assert_eq!(seen, [r#"{"_id": "b", "n": 1}"#, r#"{"_id": "a", "n": [2]}"#]);
    }

    #[test]
    fn callback_error_is_kept() {
        let body = br#"{"a": {}, "b": {}}"#;
        let error =
            for_each_document(&body[..], |_| Err(io::ErrorKind::BrokenPipe.into())).unwrap_err();
        assert!(
            matches!(error, DocumentsError::Callback(e) if e.kind() == io::ErrorKind::BrokenPipe)
        );
    }

    #[test]
    fn truncated_body_is_an_error() {
        let body = br#"{"a": {"_id": "a"}, "b": {"_id""#;
        assert!(matches!(for_each_document(&body[..], |_| Ok(())), Err(DocumentsError::Read(_))));
    }
}
