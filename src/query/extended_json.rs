//! Operand values of a filter: plain JSON plus the MongoDB Extended JSON wrappers.
//!
//! A driver would turn `{"$date": …}` or `{"$numberLong": …}` into BSON values before sending a
//! filter. Here the wrappers become [`Operand`] variants once, at compile time, so matching
//! never looks at wrapper keys again.

use chrono::DateTime;
use serde_json::{Map, Number, Value};

use super::descend;
use super::error::SelectorError;
use super::pattern::Pattern;

/// Wrapper keys decoded into operands, apart from the legacy `$regex` form.
const SUPPORTED_WRAPPERS: &[&str] = &[
    "$date",
    "$numberLong",
    "$numberInt",
    "$numberDouble",
    "$numberDecimal",
    "$oid",
    "$regularExpression",
];

/// Wrapper keys whose BSON types cannot occur in documents stored as JSON.
const UNSUPPORTED_WRAPPERS: &[&str] = &[
    "$binary",
    "$uuid",
    "$timestamp",
    "$symbol",
    "$code",
    "$dbPointer",
    "$undefined",
    "$minKey",
    "$maxKey",
];

const DATE_EXPECTED: &str = "an RFC 3339 timestamp with a zone such as `2026-12-04T15:34:37Z`, \
     milliseconds since the Unix epoch, or `{\"$numberLong\": \"<milliseconds>\"}`";

/// A number as MongoDB compares it: integers exactly, doubles as IEEE 754 values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Num {
    /// Any JSON integer, widened so that every `i64` and `u64` from `serde_json` fits.
    Int(i128),
    /// A JSON number with a fraction or exponent, or a `$numberDouble` operand.
    Double(f64),
}

impl Num {
    /// Converts a `serde_json` number without losing integer precision.
    pub(super) fn from_json(number: &Number) -> Num {
        if let Some(value) = number.as_i64() {
            Num::Int(value.into())
        } else if let Some(value) = number.as_u64() {
            Num::Int(value.into())
        } else {
            Num::Double(number.as_f64().unwrap_or(f64::NAN))
        }
    }

    /// Reports whether the number is a NaN double.
    pub(super) fn is_nan(self) -> bool {
        matches!(self, Num::Double(value) if value.is_nan())
    }
}

/// A compiled operand value.
#[derive(Debug, Clone)]
pub(super) enum Operand {
    Null,
    Bool(bool),
    Number(Num),
    String(String),
    /// A `$date` instant in microseconds since the Unix epoch.
    ///
    /// A BSON date keeps milliseconds, but an RFC 3339 string operand keeps its microseconds here
    /// so that it compares exactly with the microsecond timestamps that events carry.
    Date(i64),
    Regex(Pattern),
    Array(Vec<Operand>),
    /// An embedded document, whose field order matters as in BSON.
    Document(Vec<(String, Operand)>),
}

/// Compiles a JSON value into an operand, decoding Extended JSON wrappers at any depth.
pub(super) fn parse_operand(value: &Value, depth: usize) -> Result<Operand, SelectorError> {
    match value {
        Value::Null => Ok(Operand::Null),
        Value::Bool(flag) => Ok(Operand::Bool(*flag)),
        Value::Number(number) => Ok(Operand::Number(Num::from_json(number))),
        Value::String(text) => Ok(Operand::String(text.clone())),
        Value::Array(items) => {
            let depth = descend(depth)?;
            let operands = items.iter().map(|item| parse_operand(item, depth));
            Ok(Operand::Array(operands.collect::<Result<_, _>>()?))
        }
        Value::Object(map) => match parse_wrapper(map)? {
            Some(operand) => Ok(operand),
            None => parse_document(map, depth),
        },
    }
}

fn parse_document(map: &Map<String, Value>, depth: usize) -> Result<Operand, SelectorError> {
    let depth = descend(depth)?;
    let mut fields = Vec::with_capacity(map.len());
    for (key, item) in map {
        fields.push((key.clone(), parse_operand(item, depth)?));
    }
    Ok(Operand::Document(fields))
}

/// Reports whether `map` is an Extended JSON wrapper rather than a document of query operators.
///
/// The legacy `{"$regex": …, "$options": …}` form is left out because it reads the same either
/// way.
pub(super) fn is_wrapper(map: &Map<String, Value>) -> bool {
    let Some(first) = map.keys().next() else {
        return false;
    };
    let supported = SUPPORTED_WRAPPERS.contains(&first.as_str()) && map.len() == 1;
    supported || UNSUPPORTED_WRAPPERS.contains(&first.as_str())
}

/// Decodes `map` when it is an Extended JSON wrapper, or returns `None` for an ordinary
/// document.
pub(super) fn parse_wrapper(map: &Map<String, Value>) -> Result<Option<Operand>, SelectorError> {
    if let Some(operand) = parse_legacy_regex(map)? {
        return Ok(Some(operand));
    }
    let Some((key, value)) = map.iter().next() else {
        return Ok(None);
    };
    if UNSUPPORTED_WRAPPERS.contains(&key.as_str()) {
        return Err(SelectorError::UnsupportedExtendedJson { wrapper: key.clone() });
    }
    if map.len() != 1 {
        return Ok(None);
    }
    let operand = match key.as_str() {
        "$date" => parse_date(value)?,
        "$numberLong" => parse_long(value)?,
        "$numberInt" => parse_int(value)?,
        "$numberDouble" => parse_double(key, value)?,
        // NOTE: a decimal is compared as the nearest double, so digits past about 16 are lost.
        "$numberDecimal" => parse_double(key, value)?,
        "$oid" => parse_object_id(value)?,
        "$regularExpression" => parse_regular_expression(value)?,
        _ => return Ok(None),
    };
    Ok(Some(operand))
}

/// Decodes `{"$regex": "<pattern>"}` with an optional `"$options"` string.
fn parse_legacy_regex(map: &Map<String, Value>) -> Result<Option<Operand>, SelectorError> {
    let Some(Value::String(source)) = map.get("$regex") else {
        return Ok(None);
    };
    let options = match map.get("$options") {
        None => "",
        Some(Value::String(options)) => options.as_str(),
        Some(_) => return Ok(None),
    };
    let expected_len = if map.contains_key("$options") { 2 } else { 1 };
    if map.len() != expected_len {
        return Ok(None);
    }
    Ok(Some(Operand::Regex(Pattern::compile(source, options)?)))
}

fn parse_date(value: &Value) -> Result<Operand, SelectorError> {
    let micros = match value {
        Value::String(text) => {
            DateTime::parse_from_rfc3339(text).ok().map(|instant| instant.timestamp_micros())
        }
        Value::Number(number) => whole_number(number).and_then(millis_to_micros),
        Value::Object(map) if map.len() == 1 => match map.get("$numberLong") {
            Some(Value::String(text)) => text.parse().ok().and_then(millis_to_micros),
            _ => None,
        },
        _ => None,
    };
    micros
        .map(Operand::Date)
        .ok_or_else(|| SelectorError::extended_json("$date", DATE_EXPECTED, value))
}

/// Returns the value of an integer, or of a double without a fraction, as an `i64`.
pub(super) fn whole_number(number: &Number) -> Option<i64> {
    if let Some(value) = number.as_i64() {
        return Some(value);
    }
    let value = number.as_f64()?;
    let in_range = value.fract() == 0.0 && value.abs() < 9.2e18;
    in_range.then_some(value as i64)
}

fn millis_to_micros(millis: i64) -> Option<i64> {
    millis.checked_mul(1000)
}

fn parse_long(value: &Value) -> Result<Operand, SelectorError> {
    let parsed = value.as_str().and_then(|text| text.parse::<i64>().ok());
    parsed.map(|long| Operand::Number(Num::Int(long.into()))).ok_or_else(|| {
        SelectorError::extended_json("$numberLong", "a string holding a 64-bit integer", value)
    })
}

fn parse_int(value: &Value) -> Result<Operand, SelectorError> {
    let parsed = value.as_str().and_then(|text| text.parse::<i32>().ok());
    parsed.map(|int| Operand::Number(Num::Int(int.into()))).ok_or_else(|| {
        SelectorError::extended_json("$numberInt", "a string holding a 32-bit integer", value)
    })
}

/// Decodes `$numberDouble` and `$numberDecimal`, including `"Infinity"`, `"-Infinity"` and
/// `"NaN"`.
fn parse_double(wrapper: &str, value: &Value) -> Result<Operand, SelectorError> {
    let parsed = value.as_str().and_then(|text| text.parse::<f64>().ok());
    parsed.map(|double| Operand::Number(Num::Double(double))).ok_or_else(|| {
        SelectorError::extended_json(wrapper, "a string holding a decimal number", value)
    })
}

/// Decodes `$oid` into its lowercase hex string, because event ids are stored as strings.
fn parse_object_id(value: &Value) -> Result<Operand, SelectorError> {
    match value.as_str() {
        Some(hex) if hex.len() == 24 && hex.bytes().all(|byte| byte.is_ascii_hexdigit()) => {
            Ok(Operand::String(hex.to_ascii_lowercase()))
        }
        _ => Err(SelectorError::extended_json("$oid", "a string of 24 hex digits", value)),
    }
}

fn parse_regular_expression(value: &Value) -> Result<Operand, SelectorError> {
    const EXPECTED: &str = "`{\"pattern\": \"<regex>\", \"options\": \"<letters>\"}`";
    let Value::Object(map) = value else {
        return Err(SelectorError::extended_json("$regularExpression", EXPECTED, value));
    };
    let source = map.get("pattern").and_then(Value::as_str);
    let options = match map.get("options") {
        None => Some(""),
        Some(options) => options.as_str(),
    };
    let allowed_keys = map.keys().all(|key| key == "pattern" || key == "options");
    match (source, options, allowed_keys) {
        (Some(source), Some(options), true) => {
            Ok(Operand::Regex(Pattern::compile(source, options)?))
        }
        _ => Err(SelectorError::extended_json("$regularExpression", EXPECTED, value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn operand(value: Value) -> Operand {
        match parse_operand(&value, 0) {
            Ok(operand) => operand,
            Err(error) => panic!("operand {value} was rejected: {error}"),
        }
    }

    fn error_message(value: Value) -> String {
        match parse_operand(&value, 0) {
            Ok(operand) => panic!("operand {value} was accepted as {operand:?}"),
            Err(error) => error.to_string(),
        }
    }

    fn date(value: Value) -> i64 {
        match operand(value) {
            Operand::Date(micros) => micros,
            other => panic!("expected a date, got {other:?}"),
        }
    }

    #[test]
    fn date_from_rfc3339_string() {
        assert_eq!(date(json!({"$date": "1970-01-01T00:00:01Z"})), 1_000_000);
        assert_eq!(date(json!({"$date": "1970-01-01T02:00:00.000001+02:00"})), 1);
    }

    #[test]
    fn date_from_milliseconds() {
        assert_eq!(date(json!({"$date": 1500})), 1_500_000);
        assert_eq!(date(json!({"$date": -1})), -1000);
        assert_eq!(date(json!({"$date": 2000.0})), 2_000_000);
        assert_eq!(date(json!({"$date": {"$numberLong": "1764860077529"}})), 1_764_860_077_529_000);
    }

    #[test]
    fn date_rejects_bad_values() {
        for bad in [
            json!({"$date": "2026-12-04T15:34:37"}),
            json!({"$date": "yesterday"}),
            json!({"$date": 1.5}),
            json!({"$date": i64::MAX}),
            json!({"$date": {"$numberLong": 5}}),
            json!({"$date": true}),
        ] {
            let message = error_message(bad.clone());
            assert!(message.starts_with("invalid extended JSON `$date` value"), "{bad}: {message}");
        }
    }

    #[test]
    fn date_error_message() {
        assert_eq!(
            error_message(json!({"$date": "soon"})),
            "invalid extended JSON `$date` value `\"soon\"`: expected an RFC 3339 timestamp with a \
             zone such as `2026-12-04T15:34:37Z`, milliseconds since the Unix epoch, or \
             `{\"$numberLong\": \"<milliseconds>\"}`"
        );
    }

    #[test]
    fn number_wrappers() {
        let cases = [
            (json!({"$numberLong": "-9223372036854775808"}), Num::Int(i64::MIN.into())),
            (json!({"$numberInt": "42"}), Num::Int(42)),
            (json!({"$numberDouble": "2.5"}), Num::Double(2.5)),
            (json!({"$numberDouble": "-Infinity"}), Num::Double(f64::NEG_INFINITY)),
            (json!({"$numberDecimal": "0.1"}), Num::Double(0.1)),
        ];
        for (value, expected) in cases {
            match operand(value.clone()) {
                Operand::Number(number) => assert_eq!(number, expected, "{value}"),
                other => panic!("{value} became {other:?}"),
            }
        }
    }

    #[test]
    fn number_double_nan() {
        let parsed = operand(json!({"$numberDouble": "NaN"}));
        assert!(matches!(parsed, Operand::Number(number) if number.is_nan()));
    }

    #[test]
    fn number_wrappers_reject_bad_values() {
        let cases = [
            (json!({"$numberLong": 5}), "$numberLong"),
            (json!({"$numberLong": "9223372036854775808"}), "$numberLong"),
            (json!({"$numberInt": "2147483648"}), "$numberInt"),
            (json!({"$numberDouble": "abc"}), "$numberDouble"),
            (json!({"$numberDecimal": 1}), "$numberDecimal"),
        ];
        for (value, wrapper) in cases {
            let message = error_message(value.clone());
            let prefix = format!("invalid extended JSON `{wrapper}` value");
            assert!(message.starts_with(&prefix), "{value}: {message}");
        }
    }

    #[test]
    fn object_id_becomes_lowercase_string() {
        let parsed = operand(json!({"$oid": "65A0B1C2D3E4F5061728394A"}));
        assert!(matches!(parsed, Operand::String(text) if text == "65a0b1c2d3e4f5061728394a"));
    }

    #[test]
    fn object_id_rejects_bad_hex() {
        assert_eq!(
            error_message(json!({"$oid": "xyz"})),
            "invalid extended JSON `$oid` value `\"xyz\"`: expected a string of 24 hex digits"
        );
    }

    #[test]
    fn regular_expression_wrapper() {
        let parsed = operand(json!({"$regularExpression": {"pattern": "^ab", "options": "i"}}));
        let Operand::Regex(pattern) = parsed else { panic!("expected a regex") };
        assert!(pattern.is_match("ABC"));
        assert_eq!(pattern.options(), "i");
    }

    #[test]
    fn regular_expression_rejects_bad_shape() {
        for bad in [
            json!({"$regularExpression": "^ab"}),
            json!({"$regularExpression": {"options": "i"}}),
            json!({"$regularExpression": {"pattern": "a", "flags": "i"}}),
        ] {
            let message = error_message(bad.clone());
            assert!(
                message.starts_with("invalid extended JSON `$regularExpression` value"),
                "{bad}: {message}"
            );
        }
    }

    #[test]
    fn legacy_regex_wrapper() {
        let parsed = operand(json!({"$regex": "^ab", "$options": "i"}));
        assert!(matches!(parsed, Operand::Regex(pattern) if pattern.is_match("AB")));
    }

    #[test]
    fn unsupported_wrappers_are_rejected() {
        assert_eq!(
            error_message(json!({"$binary": {"base64": "", "subType": "00"}})),
            "extended JSON type `$binary` is not supported in filters: use a string, number, \
             boolean, null, `$date`, `$oid`, `$numberLong` or `$regularExpression` value"
        );
        let message = error_message(json!({"$code": "function() {}", "$scope": {}}));
        assert!(message.starts_with("extended JSON type `$code`"), "{message}");
    }

    #[test]
    fn documents_keep_field_order() {
        let Operand::Document(fields) = operand(json!({"b": 1, "a": {"$numberLong": "2"}})) else {
            panic!("expected a document")
        };
        let keys: Vec<&str> = fields.iter().map(|(key, _)| key.as_str()).collect();
        assert_eq!(keys, ["b", "a"]);
        assert!(matches!(fields[1].1, Operand::Number(Num::Int(2))));
    }

    #[test]
    fn documents_with_extra_keys_stay_documents() {
        let parsed = operand(json!({"$date": 5, "note": "x"}));
        assert!(matches!(parsed, Operand::Document(fields) if fields.len() == 2));
    }

    #[test]
    fn numbers_keep_integer_precision() {
        assert_eq!(Num::from_json(&Number::from(u64::MAX)), Num::Int(u64::MAX.into()));
        assert_eq!(Num::from_json(&Number::from(-5_i64)), Num::Int(-5));
        let double = Number::from_f64(1.5).map(|number| Num::from_json(&number));
        assert_eq!(double, Some(Num::Double(1.5)));
    }
}
