//! The BSON type names and codes of `$type`, and which of them a JSON value has.
//!
//! A stored JSON integer counts as `int` when it fits in 32 bits and as `long` otherwise, which
//! is how pymongo writes Python integers. A JSON number with a fraction or an exponent counts as
//! `double`. Types that a JSON document cannot hold, such as `date`, `objectId` or `binData`,
//! are valid in a filter but never match.
//
// NOTE: `archived_at` is a BSON date in MongoDB but a string in the embedded store, so
// `{"archived_at": {"$type": "date"}}` matches archived events in MongoDB and none here.

use serde_json::Value;

/// A set of BSON types as a bit mask over the kinds a JSON value can have.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct TypeSet(u8);

const DOUBLE: u8 = 1;
const STRING: u8 = 1 << 1;
const OBJECT: u8 = 1 << 2;
const ARRAY: u8 = 1 << 3;
const BOOL: u8 = 1 << 4;
const NULL: u8 = 1 << 5;
const INT: u8 = 1 << 6;
const LONG: u8 = 1 << 7;
const NUMBER: u8 = DOUBLE | INT | LONG;
/// Bits of types that exist in BSON but never in a JSON document.
const NONE: u8 = 0;

impl TypeSet {
    /// Looks up a `$type` alias such as `"string"` or `"number"`. Aliases are case-sensitive.
    pub(super) fn from_alias(alias: &str) -> Option<TypeSet> {
        let bits = match alias {
            "double" => DOUBLE,
            "string" => STRING,
            "object" => OBJECT,
            "array" => ARRAY,
            "bool" => BOOL,
            "null" => NULL,
            "int" => INT,
            "long" => LONG,
            "number" => NUMBER,
            "binData"
            | "undefined"
            | "objectId"
            | "date"
            | "regex"
            | "dbPointer"
            | "javascript"
            | "symbol"
            | "javascriptWithScope"
            | "timestamp"
            | "decimal"
            | "minKey"
            | "maxKey" => NONE,
            _ => return None,
        };
        Some(TypeSet(bits))
    }

    /// Looks up a numeric BSON type code such as 2 for string.
    pub(super) fn from_code(code: i64) -> Option<TypeSet> {
        let bits = match code {
            1 => DOUBLE,
            2 => STRING,
            3 => OBJECT,
            4 => ARRAY,
            8 => BOOL,
            10 => NULL,
            16 => INT,
            18 => LONG,
            -1 | 5 | 6 | 7 | 9 | 11..=15 | 17 | 19 | 127 => NONE,
            _ => return None,
        };
        Some(TypeSet(bits))
    }

    /// Returns the union of two sets.
    pub(super) fn union(self, other: TypeSet) -> TypeSet {
        TypeSet(self.0 | other.0)
    }

    /// Reports whether `value` has one of the types in the set.
    pub(super) fn contains(self, value: &Value) -> bool {
        self.0 & type_bit(value) != 0
    }
}

fn type_bit(value: &Value) -> u8 {
    match value {
        Value::Null => NULL,
        Value::Bool(_) => BOOL,
        Value::Number(number) if number.is_f64() => DOUBLE,
        Value::Number(number) => match number.as_i64() {
            Some(int) if i32::try_from(int).is_ok() => INT,
            _ => LONG,
        },
        Value::String(_) => STRING,
        Value::Array(_) => ARRAY,
        Value::Object(_) => OBJECT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn alias(name: &str) -> TypeSet {
        TypeSet::from_alias(name).unwrap_or_else(|| panic!("alias `{name}` is unknown"))
    }

    #[test]
    fn aliases_match_json_kinds() {
        let cases = [
            ("double", json!(1.5), true),
            ("double", json!(1), false),
            ("int", json!(2_147_483_647), true),
            ("int", json!(2_147_483_648_i64), false),
            ("long", json!(2_147_483_648_i64), true),
            ("long", json!(u64::MAX), true),
            ("number", json!(-3), true),
            ("number", json!(0.5), true),
            ("number", json!("3"), false),
            ("string", json!("x"), true),
            ("object", json!({}), true),
            ("array", json!([]), true),
            ("bool", json!(false), true),
            ("null", json!(null), true),
            ("date", json!("2026-12-04T15:34:37Z"), false),
        ];
        for (name, value, expected) in cases {
            assert_eq!(alias(name).contains(&value), expected, "{name} on {value}");
        }
    }

    #[test]
    fn codes_match_aliases() {
        let pairs = [(1, "double"), (2, "string"), (3, "object"), (4, "array"), (8, "bool")];
        for (code, name) in pairs {
            assert_eq!(TypeSet::from_code(code), Some(alias(name)), "code {code}");
        }
        assert_eq!(TypeSet::from_code(10), Some(alias("null")));
        assert_eq!(TypeSet::from_code(16), Some(alias("int")));
        assert_eq!(TypeSet::from_code(18), Some(alias("long")));
        assert_eq!(TypeSet::from_code(9), Some(alias("date")));
    }

    #[test]
    fn unknown_aliases_and_codes() {
        assert_eq!(TypeSet::from_alias("String"), None);
        assert_eq!(TypeSet::from_alias("integer"), None);
        assert_eq!(TypeSet::from_code(0), None);
        assert_eq!(TypeSet::from_code(20), None);
    }

    #[test]
    fn union_combines_sets() {
        let set = alias("string").union(alias("null"));
        assert!(set.contains(&json!("x")));
        assert!(set.contains(&json!(null)));
        assert!(!set.contains(&json!(1)));
    }
}
