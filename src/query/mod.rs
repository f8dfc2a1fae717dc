//! Raw MongoDB `find()` filters, compiled once and matched against stored event documents.
//!
//! `POST /events/query` takes a MongoDB filter as its body. The embedded SQLite store has no
//! MongoDB to run it, so it parses each stored event into a `serde_json::Value` and calls
//! [`Selector::matches`] on it. Matching follows MongoDB 7:
//!
//! - implicit equality, `$eq`, `$ne`, `$gt`, `$gte`, `$lt`, `$lte`, `$in` and `$nin`, with
//!   type bracketing, numbers compared across integers and doubles, strings compared bytewise,
//!   and `null` matching a missing field;
//! - `$exists`, `$type`, `$mod`, `$regex` with `$options`, `$not`;
//! - `$and`, `$or`, `$nor` and `$comment` at the top level;
//! - `$elemMatch`, `$size` and `$all` on arrays;
//! - dotted paths that fan out over arrays of objects, where a numeric component also selects
//!   an array position;
//! - Extended JSON operands: `$date`, `$numberLong`, `$numberInt`, `$numberDouble`,
//!   `$numberDecimal`, `$oid` and `$regularExpression`. A `$date` meets a string field as a
//!   date when the caller's instant function reads the string as a timestamp.
//!
//! All validation happens in [`Selector::parse`]: server-side JavaScript, unknown operators,
//! malformed operands and filters nested deeper than [`MAX_DEPTH`] are rejected there, and
//! matching never fails or panics.

mod bson_type;
mod compare;
mod error;
mod extended_json;
mod matcher;
mod parse;
mod path;
mod pattern;
mod python_literal;
#[cfg(test)]
mod tests;

use serde_json::Value;

use self::compare::{Comparison, Context};
use self::extended_json::Operand;
use self::matcher::{Clause, Filter, Predicate, Test};

pub use self::error::SelectorError;
pub use self::python_literal::parse_python_literal;

/// Maximum nesting of arrays and objects in a filter or in a Python literal.
///
/// The compiler and the matcher recurse once per level, so the limit keeps a hostile filter from
/// exhausting the stack.
pub const MAX_DEPTH: usize = 100;

/// Returns the depth one container further in, or an error past [`MAX_DEPTH`].
fn descend(depth: usize) -> Result<usize, SelectorError> {
    let deeper = depth + 1;
    if deeper > MAX_DEPTH {
        return Err(SelectorError::TooDeep { limit: MAX_DEPTH });
    }
    Ok(deeper)
}

/// A compiled MongoDB filter, ready to be matched against many documents.
///
/// Regular expressions and Extended JSON operands are decoded once by [`Selector::parse`], and
/// [`Selector::matches`] reads the document in place without cloning it.
#[derive(Debug, Clone)]
pub struct Selector {
    filter: Filter,
    pinned_ids: Option<Vec<String>>,
    /// The filter document as the client sent it, for backends that run it themselves.
    source: Value,
}

impl Selector {
    /// Compiles a filter document. Validation happens here, never during matching.
    ///
    /// # Errors
    ///
    /// Returns a [`SelectorError`] whose message names the offending operator or value when
    /// the filter is not an object, uses server-side JavaScript or an unknown operator, has an
    /// operand of the wrong shape, or nests deeper than [`MAX_DEPTH`].
    pub fn parse(filter: &Value) -> Result<Selector, SelectorError> {
        let compiled = parse::parse_filter(filter, 0)?;
        let pinned_ids = find_pinned_ids(&compiled);
        Ok(Selector { filter: compiled, pinned_ids, source: filter.clone() })
    }

    /// Returns the filter document as it was parsed, for a backend that runs it itself.
    pub fn as_json(&self) -> &Value {
        &self.source
    }

    /// Reports whether `doc` matches.
    ///
    /// `instant` turns a timestamp string into microseconds since the Unix epoch, or returns
    /// `None` when the string is not a timestamp. It is called when a `$date` operand meets a
    /// string field such as `event_timestamp`, so that time filters compare instants.
    pub fn matches(&self, doc: &Value, instant: &dyn Fn(&str) -> Option<i64>) -> bool {
        self.filter.matches(doc, &Context { instant })
    }

    /// Returns the `_id` values the filter pins down when its top level has `_id: "x"`,
    /// `_id: {"$eq": "x"}` or `_id: {"$in": [...]}` with only strings, so a store can fetch
    /// those rows by key instead of scanning. Returns `None` otherwise.
    ///
    /// Every matching document has one of these ids, but not every document with one of them
    /// matches: the other conditions still need [`Selector::matches`].
    pub fn pinned_ids(&self) -> Option<Vec<String>> {
        self.pinned_ids.clone()
    }
}

/// Finds the ids a top-level `_id` condition allows, without duplicates, in filter order.
fn find_pinned_ids(filter: &Filter) -> Option<Vec<String>> {
    let predicates = filter.clauses.iter().find_map(|clause| match clause {
        Clause::Field { path, predicates } if path.is_field("_id") => Some(predicates),
        _ => None,
    })?;
    let mut ids = predicates.iter().find_map(ids_of_predicate)?;
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(id.clone()));
    Some(ids)
}

fn ids_of_predicate(predicate: &Predicate) -> Option<Vec<String>> {
    match predicate {
        Predicate::Leaf(Test::Compare(Comparison::Eq, Operand::String(id))) => {
            Some(vec![id.clone()])
        }
        Predicate::Leaf(Test::In(operands)) => operands
            .iter()
            .map(|operand| match operand {
                Operand::String(id) => Some(id.clone()),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}
