//! The BSON shape of an event document and its conversion from and to JSON text.
//!
//! A document keeps upstream's keys in upstream's order (`_id` to `archived_at`), with
//! `event_timestamp` as the ISO string the API renders. One field is added at the end:
//! [`INSTANT_FIELD`], the instant of `event_timestamp` in microseconds since the Unix epoch.
//! It is an `Int64` rather than a BSON date because Python clients stamp events with
//! microseconds and a BSON date keeps only milliseconds, which would misorder events written
//! within one millisecond. Reading drops the field, so a document renders as the same JSON text
//! the embedded store returns.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use mongodb::bson::{self, Bson, Document};
use serde_json::{Map, Number, Value};

use crate::model::{NaiveZone, Timestamp};
use crate::store::{NewEvent, StoredDocument};

/// The instant of `event_timestamp` in microseconds since the Unix epoch (`Int64`), or BSON
/// `MinKey` when the stored `event_timestamp` is not a timestamp.
pub(super) const INSTANT_FIELD: &str = "event_timestamp_micros";

/// An event that cannot be stored as a BSON document.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DocumentError {
    #[error(
        "invalid key `{0}` in the event: MongoDB keys cannot contain a NUL character; rename \
         the key"
    )]
    NulInKey(String),
}

/// Builds the document of a new event: upstream's fields, then [`INSTANT_FIELD`].
pub(super) fn event_document(event: &NewEvent) -> Result<Document, DocumentError> {
    let value = serde_json::to_value(&event.event).expect("an event always serializes");
    let Value::Object(map) = value else {
        unreachable!("an event serializes to a JSON object");
    };
    let mut document = json_object_to_bson(&map)?;
    document.insert(INSTANT_FIELD, Bson::Int64(event.timestamp_micros));
    Ok(document)
}

fn json_object_to_bson(map: &Map<String, Value>) -> Result<Document, DocumentError> {
    let mut document = Document::new();
    for (key, value) in map {
        if key.contains('\0') {
            return Err(DocumentError::NulInKey(key.replace('\0', "\\u0000")));
        }
        document.insert(key.clone(), json_to_bson(value)?);
    }
    Ok(document)
}

/// Converts a stored JSON value as pymongo stores the same Python value: integers as `Int32`
/// when they fit, else `Int64`.
fn json_to_bson(value: &Value) -> Result<Bson, DocumentError> {
    let bson = match value {
        Value::Null => Bson::Null,
        Value::Bool(flag) => Bson::Boolean(*flag),
        Value::Number(number) => number_to_bson(number),
        Value::String(text) => Bson::String(text.clone()),
        Value::Array(items) => {
            Bson::Array(items.iter().map(json_to_bson).collect::<Result<_, _>>()?)
        }
        Value::Object(map) => Bson::Document(json_object_to_bson(map)?),
    };
    Ok(bson)
}

/// Converts a JSON number. An integer above `i64::MAX` becomes a `Decimal128`, which reads back
/// as the same integer, because a double would lose its digits.
fn number_to_bson(number: &Number) -> Bson {
    if let Some(integer) = number.as_i64() {
        return match i32::try_from(integer) {
            Ok(small) => Bson::Int32(small),
            Err(_) => Bson::Int64(integer),
        };
    }
    if number.is_u64() {
        if let Ok(decimal) = bson::Decimal128::from_str(&number.to_string()) {
            return Bson::Decimal128(decimal);
        }
    }
    Bson::Double(number.as_f64().unwrap_or(f64::NAN))
}

/// Renders a stored document as the JSON text clients get, without [`INSTANT_FIELD`].
pub(super) fn stored_document(document: Document) -> StoredDocument {
    let id = document.get("_id").map_or_else(String::new, id_text);
    let mut map = Map::with_capacity(document.len());
    for (key, value) in document {
        if key != INSTANT_FIELD {
            map.insert(key, bson_to_json(value));
        }
    }
    let json = serde_json::to_string(&Value::Object(map)).expect("a JSON value always serializes");
    StoredDocument { id, json }
}

/// Returns the `_id` as the string that keys `GET /events` maps. Documents written by old
/// upstream versions have ObjectId ids, which upstream's model turns into their hex string.
fn id_text(id: &Bson) -> String {
    match id {
        Bson::String(text) => text.clone(),
        Bson::ObjectId(object_id) => object_id.to_hex(),
        other => bson_to_json(other.clone()).to_string(),
    }
}

/// Converts a stored value to JSON as upstream's response encoder does: dates as naive UTC
/// ISO text, ObjectIds as hex strings.
fn bson_to_json(value: Bson) -> Value {
    match value {
        Bson::Null | Bson::Undefined => Value::Null,
        Bson::Boolean(flag) => Value::Bool(flag),
        Bson::Int32(integer) => Value::from(integer),
        Bson::Int64(integer) => Value::from(integer),
        Bson::Double(double) => Number::from_f64(double).map_or(Value::Null, Value::Number),
        Bson::String(text) => Value::String(text),
        Bson::Array(items) => Value::Array(items.into_iter().map(bson_to_json).collect()),
        Bson::Document(document) => {
            Value::Object(document.into_iter().map(|(k, v)| (k, bson_to_json(v))).collect())
        }
        Bson::DateTime(date) => Value::String(naive_utc_text(date)),
        Bson::ObjectId(object_id) => Value::String(object_id.to_hex()),
        Bson::Decimal128(decimal) => decimal_to_json(decimal),
        other => other.into_relaxed_extjson(),
    }
}

/// Converts a `Decimal128` that contains an integer, as [`number_to_bson`] writes it, to that
/// JSON number, and any other decimal to its text.
fn decimal_to_json(decimal: bson::Decimal128) -> Value {
    let text = decimal.to_string();
    match text.parse::<u64>() {
        Ok(integer) => Value::from(integer),
        Err(_) => Value::String(text),
    }
}

/// Renders a BSON date as upstream renders `archived_at`: UTC without an offset, with the
/// fraction in microseconds and omitted when zero.
pub(super) fn naive_utc_text(date: bson::DateTime) -> String {
    let instant = DateTime::from_timestamp_millis(date.timestamp_millis()).unwrap_or_default();
    Timestamp::from_naive(instant.naive_utc()).to_isoformat_string()
}

/// Converts a UTC instant to a BSON date, dropping digits past the millisecond.
pub(super) fn bson_date(instant: DateTime<Utc>) -> Bson {
    Bson::DateTime(bson::DateTime::from_millis(instant.timestamp_millis()))
}

/// Computes the [`INSTANT_FIELD`] value of a stored `event_timestamp`: an ISO string read as
/// the API reads it (naive ones in `zone`), or a BSON date. Anything else gets `MinKey`, which
/// no time filter matches and which sorts after every instant in a newest-first listing.
pub(super) fn instant_of(timestamp: Option<&Bson>, zone: &NaiveZone) -> Bson {
    match timestamp {
        Some(Bson::String(text)) => match Timestamp::parse(text) {
            Ok(timestamp) => Bson::Int64(timestamp.unix_micros(zone)),
            Err(_) => Bson::MinKey,
        },
        Some(Bson::DateTime(date)) => Bson::Int64(date.timestamp_millis().saturating_mul(1000)),
        _ => Bson::MinKey,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::model::Event;

    fn new_event(wire: Value) -> NewEvent {
        NewEvent::new(Event::from_json(wire).expect("valid event"), &NaiveZone::Utc)
    }

    #[test]
    fn document_keeps_upstream_order_then_instant() {
        let event = new_event(json!({"_id": "a", "event_timestamp": "2026-01-01T00:00:00Z"}));
        let document = event_document(&event).expect("document");
        let keys: Vec<&str> = document.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "_id",
                "event_type",
                "log_level",
                "alert",
                "event_timestamp",
                "source",
                "event_data",
                "trace_id",
                "span_id",
                "archived",
                "archived_at",
                INSTANT_FIELD
            ]
        );
        assert_eq!(document.get_str("event_timestamp"), Ok("2026-01-01T00:00:00Z"));
        assert_eq!(document.get_i64(INSTANT_FIELD), Ok(1_767_225_600_000_000));
    }

    #[test]
    fn round_trip_renders_the_same_text() {
        let data = json!({"i": 1, "big": 5_000_000_000_i64, "f": 1.0, "g": 0.1, "n": null,
                          "huge": 18_446_744_073_709_551_615_u64, "a": [{"$x": "y"}]});
        let event = new_event(json!({"_id": "r", "event_data": data, "archived_at": "2026-01-01"}));
        let document = event_document(&event).expect("document");
        assert_eq!(document.get_document("event_data").unwrap().get("i"), Some(&Bson::Int32(1)));
        let stored = stored_document(document);
        assert_eq!(stored.id, "r");
        assert_eq!(stored.json, event.json);
    }

    #[test]
    fn nul_in_key_is_rejected() {
        let event = new_event(json!({"event_data": {"a\u{0}b": 1}}));
        assert_eq!(event_document(&event), Err(DocumentError::NulInKey("a\\u0000b".into())));
    }

    #[test]
    fn dates_render_naive_with_microsecond_digits() {
        let date = bson::DateTime::from_millis(1_796_399_585_116);
        assert_eq!(naive_utc_text(date), "2026-12-04T15:53:05.116000");
        assert_eq!(
            naive_utc_text(bson::DateTime::from_millis(1_796_399_585_000)),
            "2026-12-04T15:53:05"
        );
    }

    #[test]
    fn instants_of_stored_timestamps() {
        let zone = NaiveZone::Fixed(chrono::FixedOffset::east_opt(3600).unwrap());
        let naive = Bson::String("2026-01-01T01:00:00".into());
        assert_eq!(instant_of(Some(&naive), &zone), Bson::Int64(1_767_225_600_000_000));
        let date = Bson::DateTime(bson::DateTime::from_millis(1_000));
        assert_eq!(instant_of(Some(&date), &zone), Bson::Int64(1_000_000));
        assert_eq!(instant_of(Some(&Bson::String("soon".into())), &zone), Bson::MinKey);
        assert_eq!(instant_of(None, &zone), Bson::MinKey);
    }
}
