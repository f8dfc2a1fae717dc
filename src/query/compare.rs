//! Ordering of stored JSON values against operands, as MongoDB orders BSON values.
//!
//! Inside arrays and documents, values of different types order by canonical type: null, then
//! numbers, strings, documents, arrays, booleans, dates and regular expressions. At the top of a
//! comparison operator, values of different types do not match at all ("type bracketing"), so
//! `{"$gt": 1}` never matches a string. A string meets a `$date` operand as a date when the
//! caller's instant function reads it as a timestamp.

use std::cmp::Ordering;

use serde_json::{Map, Value};

use super::extended_json::{Num, Operand};
use super::path::Candidate;

/// Everything matching needs besides the document and the compiled filter.
pub(super) struct Context<'a> {
    /// Turns a timestamp string into microseconds since the Unix epoch.
    pub(super) instant: &'a dyn Fn(&str) -> Option<i64>,
}

/// A comparison operator. `$ne` compiles to a negated [`Comparison::Eq`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Comparison {
    Eq,
    Gt,
    Gte,
    Lt,
    Lte,
}

impl Comparison {
    fn accepts(self, ordering: Ordering) -> bool {
        match self {
            Comparison::Eq => ordering.is_eq(),
            Comparison::Gt => ordering.is_gt(),
            Comparison::Gte => ordering.is_ge(),
            Comparison::Lt => ordering.is_lt(),
            Comparison::Lte => ordering.is_le(),
        }
    }
}

/// Canonical BSON type order, leaving out types that JSON cannot hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    Null,
    Number,
    String,
    Document,
    Array,
    Bool,
    Date,
    Regex,
}

impl Class {
    fn of_value(value: &Value) -> Class {
        match value {
            Value::Null => Class::Null,
            Value::Bool(_) => Class::Bool,
            Value::Number(_) => Class::Number,
            Value::String(_) => Class::String,
            Value::Array(_) => Class::Array,
            Value::Object(_) => Class::Document,
        }
    }

    fn of_operand(operand: &Operand) -> Class {
        match operand {
            Operand::Null => Class::Null,
            Operand::Bool(_) => Class::Bool,
            Operand::Number(_) => Class::Number,
            Operand::String(_) => Class::String,
            Operand::Date(_) => Class::Date,
            Operand::Regex(_) => Class::Regex,
            Operand::Array(_) => Class::Array,
            Operand::Document(_) => Class::Document,
        }
    }
}

/// Applies a comparison operator to one candidate with MongoDB's type bracketing.
///
/// A missing field compares as null, so `$eq`, `$gte` and `$lte` with a null operand match it.
/// NaN equals only NaN, and `$gt` or `$lt` involving NaN never match.
pub(super) fn compare_candidate(
    candidate: Candidate<'_>,
    comparison: Comparison,
    operand: &Operand,
    context: &Context<'_>,
) -> bool {
    match candidate {
        Candidate::Missing => compare_value(&Value::Null, comparison, operand, context),
        Candidate::Value(value) => compare_value(value, comparison, operand, context),
    }
}

fn compare_value(
    value: &Value,
    comparison: Comparison,
    operand: &Operand,
    context: &Context<'_>,
) -> bool {
    if let (Value::Number(number), Operand::Number(right)) = (value, operand) {
        let left = Num::from_json(number);
        if left.is_nan() || right.is_nan() {
            let both = left.is_nan() && right.is_nan();
            return both
                && matches!(comparison, Comparison::Eq | Comparison::Gte | Comparison::Lte);
        }
    }
    bracketed(value, operand, context).is_some_and(|ordering| comparison.accepts(ordering))
}

/// Orders `value` against `operand` when both have the same type, and returns `None` otherwise.
fn bracketed(value: &Value, operand: &Operand, context: &Context<'_>) -> Option<Ordering> {
    if let (Value::String(text), Operand::Date(date)) = (value, operand) {
        return (context.instant)(text).map(|instant| instant.cmp(date));
    }
    if Class::of_value(value) != Class::of_operand(operand) {
        return None;
    }
    Some(compare_same_class(value, operand, context))
}

/// Orders `value` against `operand` in MongoDB's total order across types.
fn compare(value: &Value, operand: &Operand, context: &Context<'_>) -> Ordering {
    if let (Value::String(text), Operand::Date(date)) = (value, operand) {
        if let Some(instant) = (context.instant)(text) {
            return instant.cmp(date);
        }
    }
    let (left, right) = (Class::of_value(value), Class::of_operand(operand));
    if left != right {
        return left.cmp(&right);
    }
    compare_same_class(value, operand, context)
}

fn compare_same_class(value: &Value, operand: &Operand, context: &Context<'_>) -> Ordering {
    match (value, operand) {
        (Value::Bool(left), Operand::Bool(right)) => left.cmp(right),
        (Value::Number(left), Operand::Number(right)) => {
            compare_numbers(Num::from_json(left), *right)
        }
        (Value::String(left), Operand::String(right)) => left.as_bytes().cmp(right.as_bytes()),
        (Value::Array(left), Operand::Array(right)) => compare_arrays(left, right, context),
        (Value::Object(left), Operand::Document(right)) => compare_documents(left, right, context),
        // Only two nulls reach this arm, because a JSON value is never a date or a regular
        // expression.
        _ => Ordering::Equal,
    }
}

fn compare_arrays(left: &[Value], right: &[Operand], context: &Context<'_>) -> Ordering {
    for (value, operand) in left.iter().zip(right) {
        let ordering = compare(value, operand, context);
        if ordering.is_ne() {
            return ordering;
        }
    }
    left.len().cmp(&right.len())
}

/// Compares documents element by element: first the type of each value, then the field name,
/// then the value, as BSON does.
fn compare_documents(
    left: &Map<String, Value>,
    right: &[(String, Operand)],
    context: &Context<'_>,
) -> Ordering {
    for ((left_key, value), (right_key, operand)) in left.iter().zip(right) {
        let ordering = element_class(value, operand, context)
            .cmp(&Class::of_operand(operand))
            .then_with(|| left_key.as_bytes().cmp(right_key.as_bytes()))
            .then_with(|| compare(value, operand, context));
        if ordering.is_ne() {
            return ordering;
        }
    }
    left.len().cmp(&right.len())
}

/// Returns the class `value` has when compared with `operand`: a timestamp string counts as a
/// date against a date.
fn element_class(value: &Value, operand: &Operand, context: &Context<'_>) -> Class {
    match (value, operand) {
        (Value::String(text), Operand::Date(_)) if (context.instant)(text).is_some() => Class::Date,
        _ => Class::of_value(value),
    }
}

/// Compares numbers by value. NaN equals NaN and sorts below every other number.
pub(super) fn compare_numbers(left: Num, right: Num) -> Ordering {
    match (left, right) {
        (Num::Int(left), Num::Int(right)) => left.cmp(&right),
        (Num::Int(left), Num::Double(right)) => compare_int_double(left, right),
        (Num::Double(left), Num::Int(right)) => compare_int_double(right, left).reverse(),
        (Num::Double(left), Num::Double(right)) => compare_doubles(left, right),
    }
}

fn compare_doubles(left: f64, right: f64) -> Ordering {
    match (left.is_nan(), right.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        (false, false) => left.partial_cmp(&right).unwrap_or(Ordering::Equal),
    }
}

/// Compares an integer with a double exactly, without rounding the integer to a double.
fn compare_int_double(int: i128, double: f64) -> Ordering {
    // Integers from JSON lie within ±2^64, so every double beyond that is larger or smaller.
    const BEYOND_INTEGERS: f64 = 18_446_744_073_709_551_616.0;
    if double.is_nan() {
        return Ordering::Greater;
    }
    if double >= BEYOND_INTEGERS {
        return Ordering::Less;
    }
    if double <= -BEYOND_INTEGERS {
        return Ordering::Greater;
    }
    let whole = double.trunc();
    let fraction = double - whole;
    int.cmp(&(whole as i128))
        .then_with(|| 0.0_f64.partial_cmp(&fraction).unwrap_or(Ordering::Equal))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::extended_json::parse_operand;
    use serde_json::json;

    fn no_instant(_: &str) -> Option<i64> {
        None
    }

    /// Reads `"t<n>"` as the instant `n` microseconds.
    fn test_instant(text: &str) -> Option<i64> {
        text.strip_prefix('t')?.parse().ok()
    }

    fn operand(value: Value) -> Operand {
        parse_operand(&value, 0).unwrap_or_else(|error| panic!("{value}: {error}"))
    }

    fn check(value: Value, comparison: Comparison, operand_value: Value) -> bool {
        let context = Context { instant: &test_instant };
        let candidate = Candidate::Value(&value);
        compare_candidate(candidate, comparison, &operand(operand_value), &context)
    }

    #[test]
    fn integers_and_doubles_compare_exactly() {
        assert_eq!(compare_numbers(Num::Int(1), Num::Double(1.0)), Ordering::Equal);
        assert_eq!(compare_numbers(Num::Int(1), Num::Double(1.5)), Ordering::Less);
        assert_eq!(compare_numbers(Num::Int(-1), Num::Double(-1.5)), Ordering::Greater);
        let big = (1_i128 << 53) + 1;
        assert_eq!(
            compare_numbers(Num::Int(big), Num::Double(9_007_199_254_740_992.0)),
            Ordering::Greater
        );
        assert_eq!(compare_numbers(Num::Int(u64::MAX.into()), Num::Double(1e30)), Ordering::Less);
        assert_eq!(
            compare_numbers(Num::Int(i64::MIN.into()), Num::Double(f64::NEG_INFINITY)),
            Ordering::Greater
        );
        assert_eq!(compare_numbers(Num::Double(2.0), Num::Int(1)), Ordering::Greater);
    }

    #[test]
    fn nan_orders_below_numbers() {
        assert_eq!(compare_numbers(Num::Double(f64::NAN), Num::Double(f64::NAN)), Ordering::Equal);
        assert_eq!(compare_numbers(Num::Double(f64::NAN), Num::Int(i128::MIN)), Ordering::Less);
        assert_eq!(compare_numbers(Num::Int(0), Num::Double(f64::NAN)), Ordering::Greater);
    }

    #[test]
    fn nan_operand_matches_nothing_stored() {
        let nan = json!({"$numberDouble": "NaN"});
        for comparison in [Comparison::Eq, Comparison::Gt, Comparison::Gte, Comparison::Lt] {
            assert!(!check(json!(1), comparison, nan.clone()), "{comparison:?}");
        }
    }

    #[test]
    fn type_bracketing_blocks_cross_type_ordering() {
        assert!(!check(json!("5"), Comparison::Gt, json!(1)));
        assert!(!check(json!(5), Comparison::Lt, json!("a")));
        assert!(!check(json!(null), Comparison::Lt, json!(0)));
        assert!(!check(json!(true), Comparison::Gt, json!(0)));
        assert!(check(json!(true), Comparison::Gt, json!(false)));
    }

    #[test]
    fn strings_compare_bytewise() {
        assert!(check(json!("b"), Comparison::Gt, json!("a")));
        assert!(check(json!("B"), Comparison::Lt, json!("a")));
        assert!(check(json!("é"), Comparison::Gt, json!("z")));
    }

    #[test]
    fn missing_compares_as_null() {
        let context = Context { instant: &no_instant };
        let null = Operand::Null;
        for (comparison, expected) in [
            (Comparison::Eq, true),
            (Comparison::Gte, true),
            (Comparison::Lte, true),
            (Comparison::Gt, false),
            (Comparison::Lt, false),
        ] {
            let matched = compare_candidate(Candidate::Missing, comparison, &null, &context);
            assert_eq!(matched, expected, "{comparison:?}");
        }
        let matched = compare_candidate(
            Candidate::Missing,
            Comparison::Lt,
            &Operand::Number(Num::Int(1)),
            &context,
        );
        assert!(!matched);
    }

    #[test]
    fn dates_compare_with_timestamp_strings() {
        let date = json!({"$date": 1});
        assert!(check(json!("t1000"), Comparison::Eq, date.clone()));
        assert!(check(json!("t1001"), Comparison::Gt, date.clone()));
        assert!(check(json!("t999"), Comparison::Lt, date.clone()));
        assert!(!check(json!("noon"), Comparison::Lt, date.clone()));
        assert!(!check(json!("noon"), Comparison::Gt, date.clone()));
        assert!(!check(json!(1000), Comparison::Eq, date));
    }

    #[test]
    fn arrays_compare_elementwise() {
        assert!(check(json!([1, 2]), Comparison::Eq, json!([1, 2.0])));
        assert!(check(json!([1, 3]), Comparison::Gt, json!([1, 2, 9])));
        assert!(check(json!([1]), Comparison::Lt, json!([1, 0])));
        assert!(check(json!([1, "a"]), Comparison::Gt, json!([1, 5])));
    }

    #[test]
    fn documents_compare_in_field_order() {
        assert!(check(json!({"a": 1, "b": 2}), Comparison::Eq, json!({"a": 1, "b": 2})));
        assert!(!check(json!({"b": 2, "a": 1}), Comparison::Eq, json!({"a": 1, "b": 2})));
        assert!(check(json!({"a": 1}), Comparison::Lt, json!({"a": 1, "b": 0})));
        assert!(check(json!({"a": "x"}), Comparison::Gt, json!({"a": 5})));
        assert!(check(json!({"b": 1}), Comparison::Gt, json!({"a": 1})));
    }

    #[test]
    fn nested_dates_compare_as_instants() {
        assert!(check(json!({"at": "t5000"}), Comparison::Eq, json!({"at": {"$date": 5}})));
        assert!(check(json!(["t7000"]), Comparison::Gt, json!([{"$date": 5}])));
        assert!(check(json!(["noon"]), Comparison::Lt, json!([{"$date": 5}])));
    }

    #[test]
    fn equality_across_number_kinds() {
        assert!(check(json!(3), Comparison::Eq, json!(3.0)));
        assert!(check(json!(3), Comparison::Eq, json!({"$numberLong": "3"})));
        assert!(!check(json!("3"), Comparison::Eq, json!(3)));
        assert!(check(json!(null), Comparison::Eq, json!(null)));
    }
}
