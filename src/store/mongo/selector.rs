//! Raw selectors of `POST /events/query`, turned into MongoDB filters.
//!
//! The API validates a selector with [`crate::query::Selector::parse`] first, so server-side
//! JavaScript and unknown operators never reach here. This module converts the JSON to BSON
//! and decodes Extended JSON the way the embedded store's matcher reads it:
//!
//! - `$date` becomes a BSON date, `$numberLong` an `Int64`, `$numberInt` an `Int32`,
//!   `$numberDouble` and `$numberDecimal` a double, and `$regularExpression` or a lone
//!   `{"$regex", "$options"}` operand a BSON regular expression;
//! - `$oid` becomes its lowercase hex string, because event ids are stored as strings;
//! - a `$date` compared with `event_timestamp`, which is stored as a string, is compared with
//!   the instant field instead, so that it matches instants as the embedded store does.
//!
//! NOTE: only `event_timestamp` gets the instant comparison. A `$date` compared with another
//! string field (inside `event_data`, say) matches nothing here, while the embedded store
//! reads such strings as timestamps.

use chrono::DateTime;
use mongodb::bson::{Bson, Document, Regex};
use serde_json::{Map, Number, Value};

use super::documents::INSTANT_FIELD;

/// A converted filter, and whether it reads [`INSTANT_FIELD`].
#[derive(Debug, PartialEq)]
pub(super) struct Filter {
    pub(super) document: Document,
    pub(super) uses_instant: bool,
}

/// A selector that passed validation but still cannot be converted.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SelectorError {
    #[error("the selector is not a JSON object")]
    NotAnObject,
    #[error("invalid `{wrapper}` value `{value}`")]
    Wrapper { wrapper: String, value: String },
}

/// Wrappers that stand for one BSON value.
const WRAPPERS: [&str; 7] = [
    "$date",
    "$numberLong",
    "$numberInt",
    "$numberDouble",
    "$numberDecimal",
    "$oid",
    "$regularExpression",
];

/// Operators whose operand a `$date` compares with.
const COMPARISONS: [&str; 6] = ["$eq", "$ne", "$gt", "$gte", "$lt", "$lte"];

/// Converts a validated selector into a filter document.
pub(super) fn to_filter(selector: &Value) -> Result<Filter, SelectorError> {
    let Value::Object(map) = selector else {
        return Err(SelectorError::NotAnObject);
    };
    let mut uses_instant = false;
    let document = convert_filter(map, &mut uses_instant)?;
    Ok(Filter { document, uses_instant })
}

/// Converts one filter document, recursing through `$and`, `$or` and `$nor`.
fn convert_filter(
    map: &Map<String, Value>,
    uses_instant: &mut bool,
) -> Result<Document, SelectorError> {
    let mut document = Document::new();
    let mut extra = Vec::new();
    for (key, value) in map {
        match (key.as_str(), value) {
            ("$and" | "$or" | "$nor", Value::Array(filters)) => {
                let converted = filters
                    .iter()
                    .map(|filter| match filter {
                        Value::Object(map) => convert_filter(map, uses_instant).map(Bson::Document),
                        other => value_to_bson(other),
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                document.insert(key.clone(), converted);
            }
            ("event_timestamp", _) => {
                let split = split_timestamp_condition(value)?;
                *uses_instant |= split.instant.is_some() || !split.extra.is_empty();
                if let Some(condition) = split.string {
                    document.insert(key.clone(), condition);
                }
                if let Some(condition) = split.instant {
                    document.insert(INSTANT_FIELD, condition);
                }
                extra.extend(split.extra);
            }
            _ => {
                document.insert(key.clone(), value_to_bson(value)?);
            }
        }
    }
    if !extra.is_empty() {
        append_and(&mut document, extra);
    }
    Ok(document)
}

/// Adds clauses to the filter's `$and`, creating it when missing.
fn append_and(document: &mut Document, clauses: Vec<Document>) {
    let clauses = clauses.into_iter().map(Bson::Document);
    match document.get_mut("$and") {
        Some(Bson::Array(existing)) => existing.extend(clauses),
        _ => {
            document.insert("$and", clauses.collect::<Vec<_>>());
        }
    }
}

/// A condition on `event_timestamp` split into the part on the stored string, the part on the
/// instant, and clauses that need both fields.
#[derive(Default)]
struct SplitCondition {
    string: Option<Bson>,
    instant: Option<Bson>,
    extra: Vec<Document>,
}

fn split_timestamp_condition(value: &Value) -> Result<SplitCondition, SelectorError> {
    let mut split = SplitCondition::default();
    if let Some(micros) = date_micros(value)? {
        split.instant = Some(Bson::Int64(micros));
        return Ok(split);
    }
    let Value::Object(operators) = value else {
        split.string = Some(value_to_bson(value)?);
        return Ok(split);
    };
    if !operators.keys().all(|key| key.starts_with('$')) || is_lone_regex(operators) {
        split.string = Some(value_to_bson(value)?);
        return Ok(split);
    }
    let mut on_string = Document::new();
    let mut on_instant = Document::new();
    for (operator, operand) in operators {
        split_operator(operator, operand, &mut on_string, &mut on_instant, &mut split.extra)?;
    }
    split.string = (!on_string.is_empty()).then_some(Bson::Document(on_string));
    split.instant = (!on_instant.is_empty()).then_some(Bson::Document(on_instant));
    Ok(split)
}

/// Sorts one operator of an `event_timestamp` condition onto the string or the instant.
fn split_operator(
    operator: &str,
    operand: &Value,
    on_string: &mut Document,
    on_instant: &mut Document,
    extra: &mut Vec<Document>,
) -> Result<(), SelectorError> {
    if COMPARISONS.contains(&operator) {
        if let Some(micros) = date_micros(operand)? {
            on_instant.insert(operator, Bson::Int64(micros));
            return Ok(());
        }
    }
    if let ("$in" | "$nin", Value::Array(items)) = (operator, operand) {
        let (dates, others) = partition_dates(items)?;
        if !dates.is_empty() {
            place_set(operator, dates, others, on_string, on_instant, extra);
            return Ok(());
        }
    }
    if let ("$not", Value::Object(inner)) = (operator, operand) {
        let split = split_timestamp_condition(operand)?;
        if split.instant.is_some() && split.string.is_none() && split.extra.is_empty() {
            on_instant.insert("$not", split.instant.unwrap_or(Bson::Null));
            return Ok(());
        }
        if split.instant.is_some() || !split.extra.is_empty() {
            // A negated mix of string and instant conditions: negate their conjunction.
            let both = convert_filter(
                &single("event_timestamp", Value::Object(inner.clone())),
                &mut false,
            )?;
            extra.push(single_document("$nor", vec![Bson::Document(both)]));
            return Ok(());
        }
    }
    on_string.insert(operator, value_to_bson(operand)?);
    Ok(())
}

/// Places a `$in` or `$nin` whose values include dates: dates on the instant, the rest on the
/// string. A mixed `$in` matches either part; a mixed `$nin` must hold on both.
fn place_set(
    operator: &str,
    dates: Vec<Bson>,
    others: Vec<Bson>,
    on_string: &mut Document,
    on_instant: &mut Document,
    extra: &mut Vec<Document>,
) {
    if others.is_empty() {
        on_instant.insert(operator, dates);
    } else if operator == "$nin" {
        on_instant.insert("$nin", dates);
        on_string.insert("$nin", others);
    } else {
        let by_instant = single_document(INSTANT_FIELD, single_document("$in", dates));
        let by_string = single_document("event_timestamp", single_document("$in", others));
        extra.push(single_document("$or", vec![by_instant, by_string]));
    }
}

fn partition_dates(items: &[Value]) -> Result<(Vec<Bson>, Vec<Bson>), SelectorError> {
    let mut dates = Vec::new();
    let mut others = Vec::new();
    for item in items {
        match date_micros(item)? {
            Some(micros) => dates.push(Bson::Int64(micros)),
            None => others.push(value_to_bson(item)?),
        }
    }
    Ok((dates, others))
}

fn single(key: &str, value: Value) -> Map<String, Value> {
    let mut map = Map::new();
    map.insert(key.to_owned(), value);
    map
}

fn single_document(key: &str, value: impl Into<Bson>) -> Document {
    let mut document = Document::new();
    document.insert(key, value);
    document
}

/// Converts any selector value, decoding Extended JSON wrappers at every depth.
fn value_to_bson(value: &Value) -> Result<Bson, SelectorError> {
    let bson = match value {
        Value::Null => Bson::Null,
        Value::Bool(flag) => Bson::Boolean(*flag),
        Value::Number(number) => number_to_bson(number),
        Value::String(text) => Bson::String(text.clone()),
        Value::Array(items) => {
            Bson::Array(items.iter().map(value_to_bson).collect::<Result<_, _>>()?)
        }
        Value::Object(map) => match wrapper_to_bson(map)? {
            Some(bson) => bson,
            None => {
                let mut document = Document::new();
                for (key, item) in map {
                    document.insert(key.clone(), value_to_bson(item)?);
                }
                Bson::Document(document)
            }
        },
    };
    Ok(bson)
}

fn number_to_bson(number: &Number) -> Bson {
    match number.as_i64() {
        Some(integer) => i32::try_from(integer).map_or(Bson::Int64(integer), Bson::Int32),
        None => Bson::Double(number.as_f64().unwrap_or(f64::NAN)),
    }
}

/// Decodes `map` when it is one Extended JSON value or a lone regular expression operand.
fn wrapper_to_bson(map: &Map<String, Value>) -> Result<Option<Bson>, SelectorError> {
    if is_lone_regex(map) {
        let pattern = map.get("$regex").and_then(Value::as_str).unwrap_or_default();
        let options = map.get("$options").and_then(Value::as_str).unwrap_or_default();
        return Ok(Some(Bson::RegularExpression(regex(pattern, options))));
    }
    let Some((key, value)) = map.iter().next().filter(|_| map.len() == 1) else {
        return Ok(None);
    };
    if !WRAPPERS.contains(&key.as_str()) {
        return Ok(None);
    }
    let invalid = || SelectorError::Wrapper { wrapper: key.clone(), value: value.to_string() };
    let bson = match key.as_str() {
        "$date" => date_micros(&Value::Object(single("$date", value.clone())))?.map(|micros| {
            Bson::DateTime(mongodb::bson::DateTime::from_millis(micros.div_euclid(1000)))
        }),
        "$numberLong" => value.as_str().and_then(|text| text.parse().ok()).map(Bson::Int64),
        "$numberInt" => value.as_str().and_then(|text| text.parse().ok()).map(Bson::Int32),
        "$numberDouble" | "$numberDecimal" => {
            value.as_str().and_then(|text| text.parse().ok()).map(Bson::Double)
        }
        "$oid" => value.as_str().map(|hex| Bson::String(hex.to_ascii_lowercase())),
        _ => regular_expression(value),
    };
    bson.map(Some).ok_or_else(invalid)
}

/// Builds a BSON regular expression with its options sorted, as BSON requires.
fn regex(pattern: &str, options: &str) -> Regex {
    let mut options: Vec<char> = options.chars().collect();
    options.sort_unstable();
    Regex { pattern: pattern.to_owned(), options: options.into_iter().collect() }
}

/// Reports whether `map` is `{"$regex": "…"}` or `{"$regex": "…", "$options": "…"}`.
fn is_lone_regex(map: &Map<String, Value>) -> bool {
    let pattern = matches!(map.get("$regex"), Some(Value::String(_)));
    match map.get("$options") {
        None => pattern && map.len() == 1,
        Some(Value::String(_)) => pattern && map.len() == 2,
        Some(_) => false,
    }
}

fn regular_expression(value: &Value) -> Option<Bson> {
    let Value::Object(map) = value else { return None };
    let pattern = map.get("pattern")?.as_str()?;
    let options = map.get("options").map_or(Some(""), Value::as_str)?;
    Some(Bson::RegularExpression(regex(pattern, options)))
}

/// Returns the instant of a `{"$date": …}` value in microseconds, or `None` when the value is
/// not a `$date` wrapper. The operand is an RFC 3339 string (microseconds kept), milliseconds
/// since the epoch, or `{"$numberLong": "<milliseconds>"}`.
fn date_micros(value: &Value) -> Result<Option<i64>, SelectorError> {
    let Value::Object(map) = value else { return Ok(None) };
    let Some(operand) = map.get("$date").filter(|_| map.len() == 1) else {
        return Ok(None);
    };
    let millis_to_micros = |millis: i64| millis.checked_mul(1000);
    let micros = match operand {
        Value::String(text) => {
            DateTime::parse_from_rfc3339(text).ok().map(|instant| instant.timestamp_micros())
        }
        Value::Number(number) => whole_number(number).and_then(millis_to_micros),
        Value::Object(long) if long.len() == 1 => long
            .get("$numberLong")
            .and_then(Value::as_str)
            .and_then(|text| text.parse().ok())
            .and_then(millis_to_micros),
        _ => None,
    };
    micros.map(Some).ok_or_else(|| SelectorError::Wrapper {
        wrapper: "$date".into(),
        value: operand.to_string(),
    })
}

/// Returns the value of an integer, or of a double without a fraction.
fn whole_number(number: &Number) -> Option<i64> {
    if let Some(integer) = number.as_i64() {
        return Some(integer);
    }
    let double = number.as_f64()?;
    (double.fract() == 0.0 && double.abs() < 9.2e18).then_some(double as i64)
}

#[cfg(test)]
mod tests {
    use mongodb::bson::doc;
    use serde_json::json;

    use super::*;

    fn filter(selector: Value) -> Filter {
        to_filter(&selector).unwrap_or_else(|error| panic!("{selector} failed: {error}"))
    }

    #[test]
    fn plain_selectors_pass_through() {
        let converted = filter(json!({"log_level": {"$gte": 20}, "source.node_id": "n"}));
        assert_eq!(converted.document, doc! {"log_level": {"$gte": 20}, "source.node_id": "n"});
        assert!(!converted.uses_instant);
    }

    #[test]
    fn extended_json_is_decoded() {
        let converted = filter(json!({
            "a": {"$numberLong": "5"}, "b": {"$oid": "65A1B2C3D4E5F60718293A4B"},
            "c": {"$in": [{"$regex": "^x", "$options": "i"}]},
            "d": {"$regularExpression": {"pattern": "y", "options": "m"}},
            "e": {"$gt": {"$date": "2026-01-01T00:00:00Z"}},
        }));
        let date = mongodb::bson::DateTime::from_millis(1_767_225_600_000);
        let expected = doc! {
            "a": 5_i64, "b": "65a1b2c3d4e5f60718293a4b",
            "c": {"$in": [regex("^x", "i")]}, "d": regex("y", "m"),
            "e": {"$gt": date},
        };
        assert_eq!(converted.document, expected);
    }

    #[test]
    fn timestamp_dates_compare_instants() {
        let converted = filter(json!({"event_timestamp": {
            "$gte": {"$date": "2026-01-01T00:00:00.000001Z"},
            "$lt": {"$date": 1_767_225_601_000_i64},
            "$regex": "^2026",
        }}));
        let expected = doc! {
            "event_timestamp": {"$regex": "^2026"},
            INSTANT_FIELD: {"$gte": 1_767_225_600_000_001_i64, "$lt": 1_767_225_601_000_000_i64},
        };
        assert_eq!(converted.document, expected);
        assert!(converted.uses_instant);
    }

    #[test]
    fn timestamp_equality_and_sets() {
        let equal = filter(json!({"event_timestamp": {"$date": {"$numberLong": "1000"}}}));
        assert_eq!(equal.document, doc! {INSTANT_FIELD: 1_000_000_i64});
        let mixed = filter(json!({"$and": [{"log_level": 20}],
            "event_timestamp": {"$in": [{"$date": 1000}, "2026-01-01T00:00:00"]}}));
        let expected = doc! {"$and": [{"log_level": 20}, {"$or": [
            {INSTANT_FIELD: {"$in": [1_000_000_i64]}},
            {"event_timestamp": {"$in": ["2026-01-01T00:00:00"]}},
        ]}]};
        assert_eq!(mixed.document, expected);
    }

    #[test]
    fn negated_timestamp_dates() {
        let negated = filter(json!({"event_timestamp": {"$not": {"$lt": {"$date": 1000}}}}));
        assert_eq!(negated.document, doc! {INSTANT_FIELD: {"$not": {"$lt": 1_000_000_i64}}});
        let nested = filter(json!({"$or": [{"event_timestamp": {"$date": 0}}, {"alert": true}]}));
        assert_eq!(nested.document, doc! {"$or": [{INSTANT_FIELD: 0_i64}, {"alert": true}]});
        assert!(nested.uses_instant);
    }
}
