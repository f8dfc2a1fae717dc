//! Dotted field paths and MongoDB's implicit traversal of arrays along them.
//!
//! Walking `a.b` through an array of objects visits `b` in every object element. A numeric
//! component such as `a.0` both selects element 0 of an array and looks up a field named `"0"`
//! in the array's object elements. Arrays nested directly in arrays are not entered, except
//! through such a numeric component. A component that cannot be resolved in an object or a
//! scalar yields [`Candidate::Missing`], which is how `{"a.b": null}` comes to match `{"a": 4}`.

use serde_json::Value;

/// One value reached by a path, or the absence of the field along one branch.
#[derive(Debug, Clone, Copy)]
pub(super) enum Candidate<'a> {
    Missing,
    Value(&'a Value),
}

/// Whether an array found at the end of a path is also visited element by element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LeafArrays {
    /// Visits every element, then the array itself, as comparison operators need.
    Expand,
    /// Visits only the array itself, as `$size` and `$elemMatch` need.
    Whole,
}

/// A compiled dotted path such as `event_data.samples.0.value`.
#[derive(Debug, Clone)]
pub(super) struct Path {
    parts: Vec<Part>,
}

#[derive(Debug, Clone)]
struct Part {
    name: String,
    /// The array position this component selects, when it is a canonical decimal number.
    index: Option<usize>,
}

impl Path {
    /// Splits `text` at dots. An empty component is kept and matches a field named `""`.
    pub(super) fn parse(text: &str) -> Path {
        let parts = text
            .split('.')
            .map(|name| Part { name: name.to_owned(), index: array_index(name) })
            .collect();
        Path { parts }
    }

    /// Reports whether the path is the single top-level field `name`.
    pub(super) fn is_field(&self, name: &str) -> bool {
        matches!(self.parts.as_slice(), [only] if only.name == name)
    }

    /// Calls `visit` on each candidate the path reaches in `document` until `visit` returns
    /// true, and returns whether it did.
    ///
    /// `document` may be an array when it is an element tested by `$elemMatch`. Such an array
    /// reads as a document whose field names are its positions, so only a numeric first
    /// component resolves in it.
    pub(super) fn any<'a>(
        &self,
        document: &'a Value,
        leaf: LeafArrays,
        visit: &mut dyn FnMut(Candidate<'a>) -> bool,
    ) -> bool {
        let (Value::Array(items), Some((first, rest))) = (document, self.parts.split_first())
        else {
            return walk(document, &self.parts, leaf, visit);
        };
        match first.index.and_then(|position| items.get(position)) {
            Some(item) => walk(item, rest, leaf, visit),
            None => visit(Candidate::Missing),
        }
    }
}

/// Returns the position named by `name` when it is written as MongoDB writes array positions:
/// decimal digits without a leading zero.
fn array_index(name: &str) -> Option<usize> {
    let canonical = !name.is_empty()
        && name.bytes().all(|byte| byte.is_ascii_digit())
        && (name == "0" || !name.starts_with('0'));
    if canonical { name.parse().ok() } else { None }
}

fn walk<'a>(
    value: &'a Value,
    parts: &[Part],
    leaf: LeafArrays,
    visit: &mut dyn FnMut(Candidate<'a>) -> bool,
) -> bool {
    let Some((first, rest)) = parts.split_first() else {
        return visit_leaf(value, leaf, visit);
    };
    match value {
        Value::Object(map) => match map.get(&first.name) {
            Some(child) => walk(child, rest, leaf, visit),
            None => visit(Candidate::Missing),
        },
        Value::Array(items) => walk_array(items, first, parts, leaf, visit),
        _ => visit(Candidate::Missing),
    }
}

/// Continues `parts` (which starts with `first`) into every object element of `items`, and the
/// rest of the path into the element that `first` selects by position.
fn walk_array<'a>(
    items: &'a [Value],
    first: &Part,
    parts: &[Part],
    leaf: LeafArrays,
    visit: &mut dyn FnMut(Candidate<'a>) -> bool,
) -> bool {
    let rest = parts.get(1..).unwrap_or_default();
    for (position, item) in items.iter().enumerate() {
        if item.is_object() && walk(item, parts, leaf, visit) {
            return true;
        }
        if first.index == Some(position) && walk(item, rest, leaf, visit) {
            return true;
        }
    }
    false
}

fn visit_leaf<'a>(
    value: &'a Value,
    leaf: LeafArrays,
    visit: &mut dyn FnMut(Candidate<'a>) -> bool,
) -> bool {
    if let (LeafArrays::Expand, Value::Array(items)) = (leaf, value) {
        if items.iter().any(|item| visit(Candidate::Value(item))) {
            return true;
        }
    }
    visit(Candidate::Value(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Renders every candidate as text, `missing` for an absent field.
    fn candidates(path: &str, document: &Value, leaf: LeafArrays) -> Vec<String> {
        let mut seen = Vec::new();
        Path::parse(path).any(document, leaf, &mut |candidate| {
            seen.push(match candidate {
                Candidate::Missing => "missing".to_owned(),
                Candidate::Value(value) => value.to_string(),
            });
            false
        });
        seen
    }

    #[test]
    fn nested_object_field() {
        let document = json!({"a": {"b": {"c": 5}}});
        assert_eq!(candidates("a.b.c", &document, LeafArrays::Expand), ["5"]);
    }

    #[test]
    fn missing_field_and_scalar_parent() {
        assert_eq!(candidates("a.b", &json!({"x": 1}), LeafArrays::Expand), ["missing"]);
        assert_eq!(candidates("a.b", &json!({"a": 4}), LeafArrays::Expand), ["missing"]);
        assert_eq!(candidates("a.b", &json!({"a": null}), LeafArrays::Expand), ["missing"]);
    }

    #[test]
    fn leaf_array_expands_then_whole() {
        let document = json!({"a": [1, [2]]});
        assert_eq!(candidates("a", &document, LeafArrays::Expand), ["1", "[2]", "[1,[2]]"]);
        assert_eq!(candidates("a", &document, LeafArrays::Whole), ["[1,[2]]"]);
    }

    #[test]
    fn array_of_objects_fans_out() {
        let document = json!({"a": [{"b": 1}, {"c": 2}, 7, [{"b": 3}]]});
        assert_eq!(candidates("a.b", &document, LeafArrays::Expand), ["1", "missing"]);
    }

    #[test]
    fn empty_array_yields_nothing() {
        assert!(candidates("a.b", &json!({"a": []}), LeafArrays::Expand).is_empty());
    }

    #[test]
    fn numeric_component_indexes_and_looks_up() {
        let document = json!({"a": [{"0": "field"}, "second"]});
        let seen = candidates("a.0", &document, LeafArrays::Expand);
        assert_eq!(seen, ["\"field\"", "{\"0\":\"field\"}"]);
        assert_eq!(candidates("a.1", &document, LeafArrays::Expand), ["missing", "\"second\""]);
    }

    #[test]
    fn numeric_component_enters_nested_array() {
        let document = json!({"a": [[{"b": 1}]]});
        assert_eq!(candidates("a.0.b", &document, LeafArrays::Expand), ["1"]);
    }

    #[test]
    fn non_canonical_numbers_are_names() {
        let document = json!({"a": [10, 20], "b": {"01": "x"}});
        assert!(candidates("a.01", &document, LeafArrays::Expand).is_empty());
        assert_eq!(candidates("b.01", &document, LeafArrays::Expand), ["\"x\""]);
    }

    #[test]
    fn array_document_resolves_positions_only() {
        let element = json!([{"b": 1}, 5]);
        assert_eq!(candidates("1", &element, LeafArrays::Expand), ["5"]);
        assert_eq!(candidates("b", &element, LeafArrays::Expand), ["missing"]);
        assert_eq!(candidates("0.b", &element, LeafArrays::Expand), ["1"]);
    }

    #[test]
    fn visit_stops_at_first_true() {
        let document = json!({"a": [1, 2, 3]});
        let mut calls = 0;
        let found = Path::parse("a").any(&document, LeafArrays::Expand, &mut |_| {
            calls += 1;
            calls == 2
        });
        assert!(found);
        assert_eq!(calls, 2);
    }

    #[test]
    fn single_field_check() {
        assert!(Path::parse("_id").is_field("_id"));
        assert!(!Path::parse("_id.x").is_field("_id"));
    }
}
