//! `OwnershipInfo`, the `source` of an event: ten optional ULID fields.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

use super::validation::FieldError;

/// The field names of `OwnershipInfo` in upstream's order.
pub const OWNERSHIP_FIELDS: [&str; 10] = [
    "user_id",
    "experiment_id",
    "campaign_id",
    "project_id",
    "node_id",
    "workcell_id",
    "lab_id",
    "step_id",
    "workflow_id",
    "manager_id",
];

/// Who emitted an event. Fields left unset are omitted on output, as upstream does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ownership {
    ids: [Option<String>; 10],
}

impl Ownership {
    /// Validates a `source` object. Unknown keys are ignored; nulls count as unset.
    pub fn from_json(value: &Value, errors: &mut Vec<FieldError>) -> Ownership {
        let Value::Object(map) = value else {
            errors.push(FieldError::new(
                "model_type",
                &["body", "source"],
                "Input should be a valid dictionary or instance of OwnershipInfo",
                value,
            ));
            return Ownership::default();
        };
        let mut ownership = Ownership::default();
        for (slot, field) in ownership.ids.iter_mut().zip(OWNERSHIP_FIELDS) {
            *slot = read_id(map, field, errors);
        }
        ownership
    }

    /// The value of one field by name.
    pub fn get(&self, field: &str) -> Option<&str> {
        let index = OWNERSHIP_FIELDS.iter().position(|name| *name == field)?;
        self.ids[index].as_deref()
    }

    /// The fields that are set, in upstream's order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> {
        OWNERSHIP_FIELDS
            .iter()
            .zip(&self.ids)
            .filter_map(|(name, id)| id.as_deref().map(|id| (*name, id)))
    }
}

fn read_id(
    map: &Map<String, Value>,
    field: &'static str,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    let loc = ["body", "source", field];
    match map.get(field)? {
        Value::Null => None,
        Value::String(text) if is_valid_ulid(text) => Some(text.clone()),
        Value::String(text) => {
            let reason = format!("Invalid ULID {text} for field {field}");
            errors.push(FieldError::value_error(&loc, &reason, &Value::String(text.clone())));
            None
        }
        other => {
            errors.push(FieldError::string_type(&loc, other));
            None
        }
    }
}

/// Checks a ULID the way upstream 0.8.1 does: 26 Crockford base32 characters in either case
/// (`I`, `L`, `O` and `U` are not part of the alphabet) and a first character of `0` to `7`, so
/// the value fits in 128 bits.
pub fn is_valid_ulid(text: &str) -> bool {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let bytes = text.as_bytes();
    bytes.len() == 26
        && (b'0'..=b'7').contains(&bytes[0])
        && bytes.iter().all(|byte| ALPHABET.contains(&byte.to_ascii_uppercase()))
}

impl Serialize for Ownership {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (name, id) in self.iter() {
            map.serialize_entry(name, id)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ulid_check() {
        assert!(is_valid_ulid("01M90V2W7QHNBC810AP00DWNXW"));
        assert!(is_valid_ulid("01m90v2w7qhnbc810ap00dwnxw"));
        assert!(!is_valid_ulid("81M90V2W7QHNBC810AP00DWNXW"));
        assert!(!is_valid_ulid("01M90V2W7QHNBC810AP00DWNXI"));
        assert!(!is_valid_ulid("01M90V2W7QHNBC810AP00DWNX"));
        assert!(!is_valid_ulid("not-a-ulid"));
    }

    #[test]
    fn nulls_and_unknown_keys_are_dropped() {
        let mut errors = Vec::new();
        let input = json!({"node_id": "01M90V2W7QHNBC810AP00DWNXW", "lab_id": null, "extra": 1});
        let ownership = Ownership::from_json(&input, &mut errors);
        assert!(errors.is_empty());
        let output = serde_json::to_value(&ownership).unwrap();
        assert_eq!(output, json!({"node_id": "01M90V2W7QHNBC810AP00DWNXW"}));
    }

    #[test]
    fn invalid_ulid_is_a_value_error() {
        let mut errors = Vec::new();
        Ownership::from_json(&json!({"node_id": "not-a-ulid"}), &mut errors);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].msg, "Value error, Invalid ULID not-a-ulid for field node_id");
        assert_eq!(errors[0].loc, vec![json!("body"), json!("source"), json!("node_id")]);
    }
}
