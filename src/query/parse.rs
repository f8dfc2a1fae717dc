//! Compiling a filter document into a [`Filter`], with every check made here, never later.

use serde_json::{Map, Value};

use super::bson_type::TypeSet;
use super::compare::Comparison;
use super::descend;
use super::error::{SelectorError, excerpt};
use super::extended_json::{Operand, is_wrapper, parse_operand, parse_wrapper, whole_number};
use super::matcher::{Clause, Filter, Predicate, Test};
use super::path::Path;
use super::pattern::Pattern;

/// Operators that take a field's value as their subject.
const FIELD_OPERATORS: &[&str] = &[
    "$eq",
    "$ne",
    "$gt",
    "$gte",
    "$lt",
    "$lte",
    "$in",
    "$nin",
    "$exists",
    "$type",
    "$mod",
    "$regex",
    "$options",
    "$not",
    "$elemMatch",
    "$size",
    "$all",
];

/// Operators that combine whole filter documents.
const TOP_LEVEL_OPERATORS: &[&str] = &["$and", "$or", "$nor", "$comment"];

/// Operators that run JavaScript on the database server.
const JAVASCRIPT_OPERATORS: &[&str] = &["$where", "$function", "$accumulator"];

/// MongoDB query operators that this engine does not implement.
const UNSUPPORTED_OPERATORS: &[&str] = &[
    "$expr",
    "$text",
    "$jsonSchema",
    "$sampleRate",
    "$alwaysTrue",
    "$alwaysFalse",
    "$near",
    "$nearSphere",
    "$geoWithin",
    "$geoIntersects",
    "$within",
    "$maxDistance",
    "$minDistance",
    "$bitsAllSet",
    "$bitsAllClear",
    "$bitsAnySet",
    "$bitsAnyClear",
];

const FILTER_LIST_EXPECTED: &str = "a non-empty array of filter documents";
const VALUE_LIST_EXPECTED: &str = "an array of values without query operators";

/// Position of an operator in a filter, which selects the error that names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    TopLevel,
    Field,
}

/// Compiles a filter document found `depth` containers deep.
pub(super) fn parse_filter(value: &Value, depth: usize) -> Result<Filter, SelectorError> {
    let Value::Object(map) = value else {
        return Err(SelectorError::NotAnObject { found: excerpt(value) });
    };
    let depth = descend(depth)?;
    let mut clauses = Vec::with_capacity(map.len());
    for (key, operand) in map {
        if let Some(clause) = parse_entry(key, operand, depth)? {
            clauses.push(clause);
        }
    }
    Ok(Filter { clauses })
}

/// Compiles one top-level entry, or nothing for `$comment`.
fn parse_entry(key: &str, operand: &Value, depth: usize) -> Result<Option<Clause>, SelectorError> {
    if !key.starts_with('$') {
        let predicates = parse_condition(operand, depth)?;
        return Ok(Some(Clause::Field { path: Path::parse(key), predicates }));
    }
    let clause = match key {
        "$and" => Clause::And(parse_filter_list(key, operand, depth)?),
        "$or" => Clause::Or(parse_filter_list(key, operand, depth)?),
        "$nor" => Clause::Nor(parse_filter_list(key, operand, depth)?),
        "$comment" => return Ok(None),
        _ => return Err(reject_operator(key, Place::TopLevel)),
    };
    Ok(Some(clause))
}

fn parse_filter_list(
    operator: &str,
    operand: &Value,
    depth: usize,
) -> Result<Vec<Filter>, SelectorError> {
    let invalid = || SelectorError::operand(operator, FILTER_LIST_EXPECTED, operand);
    let Value::Array(items) = operand else {
        return Err(invalid());
    };
    if items.is_empty() || !items.iter().all(Value::is_object) {
        return Err(invalid());
    }
    let depth = descend(depth)?;
    items.iter().map(|item| parse_filter(item, depth)).collect()
}

/// Picks the error for an operator that is not valid where it was found.
fn reject_operator(operator: &str, place: Place) -> SelectorError {
    let owned = operator.to_owned();
    if JAVASCRIPT_OPERATORS.contains(&operator) {
        return SelectorError::ServerSideJavaScript { operator: owned };
    }
    if place == Place::TopLevel && FIELD_OPERATORS.contains(&operator) {
        let hint = "apply it to a field, as in `{\"log_level\": {\"$gte\": 30}}`";
        return SelectorError::MisplacedOperator { operator: owned, hint };
    }
    if place == Place::Field && TOP_LEVEL_OPERATORS.contains(&operator) {
        let hint = "use it at the top level of a filter or of an `$elemMatch` document";
        return SelectorError::MisplacedOperator { operator: owned, hint };
    }
    if UNSUPPORTED_OPERATORS.contains(&operator) {
        return SelectorError::UnsupportedOperator { operator: owned };
    }
    SelectorError::UnknownOperator { operator: owned }
}

/// Compiles the value of a field entry: a document of operators, or a value to equal.
fn parse_condition(operand: &Value, depth: usize) -> Result<Vec<Predicate>, SelectorError> {
    match operand {
        Value::Object(map) if is_operator_document(map) => parse_operators(map, depth),
        _ => Ok(vec![equality(parse_operand(operand, depth)?)]),
    }
}

/// Reports whether `map` reads as operators, which MongoDB decides by its first key.
fn is_operator_document(map: &Map<String, Value>) -> bool {
    let first_is_operator = map.keys().next().is_some_and(|key| key.starts_with('$'));
    first_is_operator && !is_wrapper(map)
}

/// Builds the implicit-equality predicate, under which a regular expression matches as a
/// pattern.
fn equality(operand: Operand) -> Predicate {
    match operand {
        Operand::Regex(pattern) => Predicate::Leaf(Test::Regex(pattern)),
        other => Predicate::Leaf(Test::Compare(Comparison::Eq, other)),
    }
}

/// Compiles a document of operators such as `{"$gte": 1, "$lt": 5}`.
fn parse_operators(
    map: &Map<String, Value>,
    depth: usize,
) -> Result<Vec<Predicate>, SelectorError> {
    let depth = descend(depth)?;
    let mut predicates = Vec::with_capacity(map.len());
    for (key, operand) in map {
        if !key.starts_with('$') {
            return Err(SelectorError::FieldAmongOperators { key: key.clone() });
        }
        if key != "$regex" && key != "$options" {
            predicates.push(parse_operator(key, operand, depth)?);
        }
    }
    if let Some(pattern) = parse_regex_operator(map)? {
        predicates.push(Predicate::Leaf(Test::Regex(pattern)));
    }
    Ok(predicates)
}

fn parse_operator(key: &str, operand: &Value, depth: usize) -> Result<Predicate, SelectorError> {
    let predicate = match key {
        "$eq" => parse_comparison(key, Comparison::Eq, operand, depth)?,
        "$ne" => Predicate::Not(vec![parse_comparison(key, Comparison::Eq, operand, depth)?]),
        "$gt" => parse_comparison(key, Comparison::Gt, operand, depth)?,
        "$gte" => parse_comparison(key, Comparison::Gte, operand, depth)?,
        "$lt" => parse_comparison(key, Comparison::Lt, operand, depth)?,
        "$lte" => parse_comparison(key, Comparison::Lte, operand, depth)?,
        "$in" => Predicate::Leaf(Test::In(parse_value_list(key, operand, depth)?)),
        "$nin" => {
            let test = Test::In(parse_value_list(key, operand, depth)?);
            Predicate::Not(vec![Predicate::Leaf(test)])
        }
        "$exists" if is_true(operand) => Predicate::Leaf(Test::Exists),
        "$exists" => Predicate::Not(vec![Predicate::Leaf(Test::Exists)]),
        "$type" => Predicate::Leaf(Test::Type(parse_type_set(operand)?)),
        "$mod" => parse_mod(operand)?,
        "$not" => parse_not(operand, depth)?,
        "$elemMatch" => parse_elem_match(operand, depth)?,
        "$size" => Predicate::Size(parse_size(operand)?),
        "$all" => parse_all(operand, depth)?,
        _ => return Err(reject_operator(key, Place::Field)),
    };
    Ok(predicate)
}

/// Compiles `$eq`, `$ne`, `$gt`, `$gte`, `$lt` or `$lte`.
///
/// MongoDB would compare a regular expression operand with stored regular expressions, which
/// JSON documents never contain, so such a filter is rejected instead of matching nothing.
fn parse_comparison(
    key: &str,
    comparison: Comparison,
    operand: &Value,
    depth: usize,
) -> Result<Predicate, SelectorError> {
    const EXPECTED: &str =
        "a value other than a regular expression, because patterns go in `$regex`, `$in` or `$not`";
    match parse_operand(operand, depth)? {
        Operand::Regex(_) => Err(SelectorError::operand(key, EXPECTED, operand)),
        parsed => Ok(Predicate::Leaf(Test::Compare(comparison, parsed))),
    }
}

/// Compiles the operand array of `$in` or `$nin`.
fn parse_value_list(
    key: &str,
    operand: &Value,
    depth: usize,
) -> Result<Vec<Operand>, SelectorError> {
    let Value::Array(items) = operand else {
        return Err(SelectorError::operand(key, VALUE_LIST_EXPECTED, operand));
    };
    let depth = descend(depth)?;
    items.iter().map(|item| parse_list_element(key, item, operand, depth)).collect()
}

/// Compiles one element of `$in`, `$nin` or `$all`, where MongoDB allows a regular expression
/// but no query operator.
fn parse_list_element(
    key: &str,
    item: &Value,
    list: &Value,
    depth: usize,
) -> Result<Operand, SelectorError> {
    let parsed = parse_operand(item, depth)?;
    if let Operand::Document(fields) = &parsed {
        if fields.first().is_some_and(|(name, _)| name.starts_with('$')) {
            return Err(SelectorError::operand(key, VALUE_LIST_EXPECTED, list));
        }
    }
    Ok(parsed)
}

/// Reads a `$exists` operand as MongoDB does: false, 0 and null mean false, anything else true.
fn is_true(operand: &Value) -> bool {
    match operand {
        Value::Null => false,
        Value::Bool(flag) => *flag,
        Value::Number(number) => number.as_f64().is_some_and(|value| value != 0.0),
        _ => true,
    }
}

fn parse_type_set(operand: &Value) -> Result<TypeSet, SelectorError> {
    const EXPECTED: &str =
        "a BSON type alias such as `\"string\"`, a type code such as 2, or an array of them";
    let invalid = || SelectorError::operand("$type", EXPECTED, operand);
    let Value::Array(items) = operand else {
        return single_type(operand).ok_or_else(invalid);
    };
    items.iter().try_fold(TypeSet::default(), |set, item| {
        single_type(item).map(|one| set.union(one)).ok_or_else(invalid)
    })
}

fn single_type(value: &Value) -> Option<TypeSet> {
    match value {
        Value::String(alias) => TypeSet::from_alias(alias),
        Value::Number(number) => whole_number(number).and_then(TypeSet::from_code),
        _ => None,
    }
}

/// Compiles `$mod: [divisor, remainder]`, truncating doubles toward zero as MongoDB does.
fn parse_mod(operand: &Value) -> Result<Predicate, SelectorError> {
    const EXPECTED: &str =
        "an array of two numbers, `[divisor, remainder]`, with a non-zero divisor";
    let invalid = || SelectorError::operand("$mod", EXPECTED, operand);
    let Some([divisor, remainder]) = operand.as_array().map(Vec::as_slice) else {
        return Err(invalid());
    };
    match (truncated(divisor), truncated(remainder)) {
        (Some(divisor), Some(remainder)) if divisor != 0 => {
            Ok(Predicate::Leaf(Test::Mod { divisor, remainder }))
        }
        _ => Err(invalid()),
    }
}

fn truncated(value: &Value) -> Option<i64> {
    let number = value.as_number()?;
    if let Some(int) = number.as_i64() {
        return Some(int);
    }
    let double = number.as_f64()?;
    let in_range = double.is_finite() && double.abs() < 9.2e18;
    in_range.then_some(double.trunc() as i64)
}

/// Compiles `$not`, whose operand is a regular expression or a document of operators.
fn parse_not(operand: &Value, depth: usize) -> Result<Predicate, SelectorError> {
    const EXPECTED: &str = "a regular expression or a non-empty document of query operators";
    let invalid = || SelectorError::operand("$not", EXPECTED, operand);
    let Value::Object(map) = operand else {
        return Err(invalid());
    };
    match parse_wrapper(map)? {
        Some(Operand::Regex(pattern)) => {
            return Ok(Predicate::Not(vec![Predicate::Leaf(Test::Regex(pattern))]));
        }
        Some(_) => return Err(invalid()),
        None => {}
    }
    if !is_operator_document(map) {
        return Err(invalid());
    }
    Ok(Predicate::Not(parse_operators(map, depth)?))
}

/// Compiles `$elemMatch`: operators test each element itself, while a filter document tests
/// the fields of object elements.
fn parse_elem_match(operand: &Value, depth: usize) -> Result<Predicate, SelectorError> {
    const EXPECTED: &str = "a document of query operators or a filter document";
    let Value::Object(map) = operand else {
        return Err(SelectorError::operand("$elemMatch", EXPECTED, operand));
    };
    let first = map.keys().next().map(String::as_str).unwrap_or_default();
    let applies_to_values = first.starts_with('$')
        && !TOP_LEVEL_OPERATORS.contains(&first)
        && !JAVASCRIPT_OPERATORS.contains(&first)
        && !UNSUPPORTED_OPERATORS.contains(&first);
    if applies_to_values {
        Ok(Predicate::ElemMatchValue(parse_operators(map, depth)?))
    } else {
        Ok(Predicate::ElemMatchDocument(parse_filter(operand, depth)?))
    }
}

fn parse_size(operand: &Value) -> Result<usize, SelectorError> {
    let length = operand.as_number().and_then(whole_number);
    length
        .and_then(|length| usize::try_from(length).ok())
        .ok_or_else(|| SelectorError::operand("$size", "a non-negative whole number", operand))
}

/// Compiles `$all`: every listed value must be matched as an implicit equality would, or every
/// listed `$elemMatch` must match. An empty list matches nothing.
fn parse_all(operand: &Value, depth: usize) -> Result<Predicate, SelectorError> {
    const EXPECTED: &str =
        "an array of values, or an array of `$elemMatch` documents, but not both kinds";
    let invalid = || SelectorError::operand("$all", EXPECTED, operand);
    let Value::Array(items) = operand else {
        return Err(invalid());
    };
    if items.is_empty() {
        return Ok(Predicate::Never);
    }
    let depth = descend(depth)?;
    let elem_matches: Vec<&Value> = items.iter().filter_map(elem_match_operand).collect();
    let predicates = if elem_matches.len() == items.len() {
        elem_matches
            .into_iter()
            .map(|inner| parse_elem_match(inner, descend(depth)?))
            .collect::<Result<_, _>>()?
    } else if elem_matches.is_empty() {
        items
            .iter()
            .map(|item| parse_list_element("$all", item, operand, depth).map(equality))
            .collect::<Result<_, _>>()?
    } else {
        return Err(invalid());
    };
    Ok(Predicate::All(predicates))
}

/// Returns the operand of an `{"$elemMatch": …}` element of `$all`.
fn elem_match_operand(item: &Value) -> Option<&Value> {
    match item {
        Value::Object(map) if map.len() == 1 => map.get("$elemMatch"),
        _ => None,
    }
}

/// Compiles the `$regex` and `$options` entries of one operator document, if there are any.
fn parse_regex_operator(map: &Map<String, Value>) -> Result<Option<Pattern>, SelectorError> {
    let options = match map.get("$options") {
        None => None,
        Some(Value::String(options)) => Some(options.as_str()),
        Some(other) => {
            let expected = "a string of regex options such as `\"i\"`";
            return Err(SelectorError::operand("$options", expected, other));
        }
    };
    let Some(source) = map.get("$regex") else {
        return match options {
            Some(_) => Err(SelectorError::OptionsWithoutRegex),
            None => Ok(None),
        };
    };
    let invalid = || {
        let expected = "a string or a `$regularExpression` value";
        SelectorError::operand("$regex", expected, source)
    };
    match source {
        Value::String(text) => Pattern::compile(text, options.unwrap_or_default()).map(Some),
        Value::Object(wrapper) => match parse_wrapper(wrapper)? {
            Some(Operand::Regex(pattern)) => merge_options(pattern, options).map(Some),
            _ => Err(invalid()),
        },
        _ => Err(invalid()),
    }
}

/// Applies `$options` to a regular expression value, unless that value has options of its own.
fn merge_options(pattern: Pattern, options: Option<&str>) -> Result<Pattern, SelectorError> {
    match options {
        None | Some("") => Ok(pattern),
        Some(separate) if pattern.options().is_empty() => {
            Pattern::compile(pattern.source(), separate)
        }
        Some(separate) => Err(SelectorError::ConflictingRegexOptions {
            inline: pattern.options().to_owned(),
            separate: separate.to_owned(),
        }),
    }
}
