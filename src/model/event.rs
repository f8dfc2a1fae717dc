//! The event: validation of the wire form and its document form in upstream's key order.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};
use ulid::Ulid;

use super::event_type::EventType;
use super::level::{DEFAULT_LOG_LEVEL, LOG_LEVELS, is_enum_level, level_from_json};
use super::ownership::Ownership;
use super::time::{Timestamp, local_now_naive};
use super::validation::{FieldError, lax_bool};

/// A validated event.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// The id, sent as `_id` or `event_id`; any string, generated as a ULID when absent.
    pub id: String,
    pub event_type: EventType,
    /// One of 0, 10, 20, 30, 40, 50.
    pub log_level: i64,
    pub alert: bool,
    pub timestamp: Timestamp,
    pub source: Ownership,
    pub event_data: Value,
    pub trace_id: Option<String>,
    pub span_id: Option<String>,
    pub archived: bool,
    pub archived_at: Option<Timestamp>,
}

impl Event {
    /// Validates a request body. Every field is checked, so the error list names all bad fields
    /// at once, as FastAPI does. Unknown top-level keys are ignored.
    pub fn from_json(body: Value) -> Result<Event, Vec<FieldError>> {
        let Value::Object(mut map) = body else {
            let msg = "Input should be a valid dictionary or object to extract fields from";
            return Err(vec![FieldError::new("model_attributes_type", &["body"], msg, &body)]);
        };
        let mut errors = Vec::new();
        let event = Event {
            id: read_id(&map, &mut errors),
            event_type: read_event_type(&map, &mut errors),
            log_level: read_log_level(&map, &mut errors),
            alert: read_bool(&map, "alert", &mut errors),
            timestamp: read_timestamp(&map, "event_timestamp", &mut errors)
                .unwrap_or_else(local_now_naive),
            source: map.get("source").map_or_else(Ownership::default, |source| {
                Ownership::from_json(source, &mut errors)
            }),
            event_data: map.remove("event_data").unwrap_or_else(|| Value::Object(Map::new())),
            trace_id: read_optional_string(&map, "trace_id", &mut errors),
            span_id: read_optional_string(&map, "span_id", &mut errors),
            archived: read_bool(&map, "archived", &mut errors),
            archived_at: read_timestamp(&map, "archived_at", &mut errors),
        };
        if errors.is_empty() { Ok(event) } else { Err(errors) }
    }

    /// The document as stored and returned: `_id` first, then upstream's key order.
    pub fn to_json_string(&self) -> String {
        serde_json::to_string(self).expect("an event always serializes")
    }
}

impl Serialize for Event {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(11))?;
        map.serialize_entry("_id", &self.id)?;
        map.serialize_entry("event_type", self.event_type.as_str())?;
        map.serialize_entry("log_level", &self.log_level)?;
        map.serialize_entry("alert", &self.alert)?;
        map.serialize_entry("event_timestamp", &self.timestamp.to_pydantic_string())?;
        map.serialize_entry("source", &self.source)?;
        map.serialize_entry("event_data", &self.event_data)?;
        map.serialize_entry("trace_id", &self.trace_id)?;
        map.serialize_entry("span_id", &self.span_id)?;
        map.serialize_entry("archived", &self.archived)?;
        let archived_at = self.archived_at.map(|at| at.to_pydantic_string());
        map.serialize_entry("archived_at", &archived_at)?;
        map.end()
    }
}

/// Reads the id: `_id` wins over `event_id`; neither means a new ULID.
fn read_id(map: &Map<String, Value>, errors: &mut Vec<FieldError>) -> String {
    let (key, value) = match (map.get("_id"), map.get("event_id")) {
        (Some(value), _) => ("_id", value),
        (None, Some(value)) => ("event_id", value),
        (None, None) => return Ulid::new().to_string(),
    };
    match value {
        Value::String(id) => id.clone(),
        other => {
            errors.push(FieldError::string_type(&["body", key], other));
            String::new()
        }
    }
}

fn read_event_type(map: &Map<String, Value>, errors: &mut Vec<FieldError>) -> EventType {
    let Some(value) = map.get("event_type") else {
        return EventType::UNKNOWN;
    };
    if let Some(event_type) = value.as_str().and_then(EventType::from_name) {
        return event_type;
    }
    let expected = EventType::expected_list();
    let msg = format!("Input should be {expected}");
    let ctx = serde_json::json!({ "expected": expected });
    errors.push(FieldError::new("enum", &["body", "event_type"], msg, value).with_ctx(ctx));
    EventType::UNKNOWN
}

fn read_log_level(map: &Map<String, Value>, errors: &mut Vec<FieldError>) -> i64 {
    let Some(value) = map.get("log_level") else {
        return DEFAULT_LOG_LEVEL;
    };
    match level_from_json(value).filter(|level| is_enum_level(*level)) {
        Some(level) => level,
        None => {
            let numbers: Vec<String> = LOG_LEVELS.iter().map(|(_, n)| n.to_string()).collect();
            let (last, rest) = numbers.split_last().expect("six levels");
            let expected = format!("{} or {last}", rest.join(", "));
            let msg = format!("Input should be {expected}");
            let ctx = serde_json::json!({ "expected": expected });
            errors.push(FieldError::new("enum", &["body", "log_level"], msg, value).with_ctx(ctx));
            DEFAULT_LOG_LEVEL
        }
    }
}

fn read_bool(map: &Map<String, Value>, key: &'static str, errors: &mut Vec<FieldError>) -> bool {
    let Some(value) = map.get(key) else {
        return false;
    };
    lax_bool(value).unwrap_or_else(|| {
        errors.push(FieldError::bool_parsing(&["body", key], value));
        false
    })
}

fn read_timestamp(
    map: &Map<String, Value>,
    key: &'static str,
    errors: &mut Vec<FieldError>,
) -> Option<Timestamp> {
    let value = map.get(key)?;
    if value.is_null() && key == "archived_at" {
        return None;
    }
    match Timestamp::from_json(value) {
        Ok(timestamp) => Some(timestamp),
        Err(error) if value.is_string() || value.is_number() => {
            let msg = format!("Input should be a valid datetime, {error}");
            errors.push(FieldError::new("datetime_parsing", &["body", key], msg, value));
            None
        }
        Err(_) => {
            let msg = "Input should be a valid datetime";
            errors.push(FieldError::new("datetime_type", &["body", key], msg, value));
            None
        }
    }
}

fn read_optional_string(
    map: &Map<String, Value>,
    key: &'static str,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    match map.get(key)? {
        Value::Null => None,
        Value::String(text) => Some(text.clone()),
        other => {
            errors.push(FieldError::string_type(&["body", key], other));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn underscore_id_wins_over_event_id() {
        let event = Event::from_json(json!({"_id": "A", "event_id": "B"})).unwrap();
        assert_eq!(event.id, "A");
    }

    #[test]
    fn missing_id_becomes_a_ulid() {
        let event = Event::from_json(json!({})).unwrap();
        assert!(Ulid::from_string(&event.id).is_ok());
        assert_eq!(event.event_type.as_str(), "unknown");
        assert_eq!(event.log_level, 20);
        assert_eq!(event.event_data, json!({}));
    }

    #[test]
    fn document_key_order_matches_upstream() {
        let event = Event::from_json(json!({
            "archived_at": null, "event_data": {"b": 1, "a": 2}, "event_id": "X",
            "event_timestamp": "2026-12-04T15:34:37.529985", "event_type": "LOG_INFO",
        }))
        .unwrap();
        assert_eq!(
            event.to_json_string(),
            r#"{"_id":"X","event_type":"log_info","log_level":20,"alert":false,"event_timestamp":"2026-12-04T15:34:37.529985","source":{},"event_data":{"b":1,"a":2},"trace_id":null,"span_id":null,"archived":false,"archived_at":null}"#
        );
    }

    #[test]
    fn every_bad_field_is_reported() {
        let errors = Event::from_json(json!({
            "event_type": "bogus", "log_level": 25, "alert": "maybe", "event_timestamp": "soon",
            "source": {"node_id": "abc"}, "trace_id": 5,
        }))
        .unwrap_err();
        let fields: Vec<&Value> = errors.iter().map(|error| &error.loc[1]).collect();
        assert_eq!(
            fields,
            ["event_type", "log_level", "alert", "event_timestamp", "source", "trace_id"]
        );
    }

    #[test]
    fn level_names_are_accepted() {
        let event = Event::from_json(json!({"log_level": "EventLogLevel.WARNING"})).unwrap();
        assert_eq!(event.log_level, 30);
    }
}
