//! The compiled form of a filter and its evaluation against one document.
//!
//! Each operator on a field is tested on its own, over every candidate the path reaches, so
//! `{"a": {"$gt": 1, "$lt": 5}}` matches `{"a": [0, 10]}` as it does in MongoDB. Negated
//! operators (`$ne`, `$nin`, `$not`, `$exists: false`) negate the whole path test, which is why
//! they match documents that lack the field.

use serde_json::Value;

use super::bson_type::TypeSet;
use super::compare::{Comparison, Context, compare_candidate};
use super::extended_json::Operand;
use super::path::{Candidate, LeafArrays, Path};
use super::pattern::Pattern;

/// A filter document: every clause must match.
#[derive(Debug, Clone, Default)]
pub(super) struct Filter {
    pub(super) clauses: Vec<Clause>,
}

/// One top-level entry of a filter document.
#[derive(Debug, Clone)]
pub(super) enum Clause {
    /// A field path with the predicates that all must hold on it.
    Field {
        path: Path,
        predicates: Vec<Predicate>,
    },
    And(Vec<Filter>),
    Or(Vec<Filter>),
    Nor(Vec<Filter>),
}

/// A condition on the values one path reaches.
#[derive(Debug, Clone)]
pub(super) enum Predicate {
    /// A predicate that matches nothing, compiled from `$all: []`.
    Never,
    /// Holds when any candidate passes the test, with leaf arrays expanded.
    Leaf(Test),
    /// `$size`: holds when an array the path reaches has exactly this length.
    Size(usize),
    /// `$elemMatch` with a filter: holds when an object or array element matches it.
    ElemMatchDocument(Filter),
    /// `$elemMatch` with operators: holds when one element passes all of them.
    ElemMatchValue(Vec<Predicate>),
    /// Holds unless all inner predicates hold.
    Not(Vec<Predicate>),
    /// Holds when all inner predicates hold, each tested on its own, as `$all` requires.
    All(Vec<Predicate>),
}

/// A test on a single candidate value.
#[derive(Debug, Clone)]
pub(super) enum Test {
    Compare(Comparison, Operand),
    /// `$in`, where a regular expression in the list matches strings and any other operand
    /// tests equality.
    In(Vec<Operand>),
    Regex(Pattern),
    Exists,
    Type(TypeSet),
    Mod {
        divisor: i64,
        remainder: i64,
    },
}

impl Filter {
    /// Reports whether `document` matches every clause.
    ///
    /// `document` is an array only for an element tested by `$elemMatch`.
    pub(super) fn matches(&self, document: &Value, context: &Context<'_>) -> bool {
        self.clauses.iter().all(|clause| clause.matches(document, context))
    }
}

impl Clause {
    fn matches(&self, document: &Value, context: &Context<'_>) -> bool {
        match self {
            Clause::Field { path, predicates } => {
                predicates.iter().all(|predicate| predicate.matches_path(document, path, context))
            }
            Clause::And(filters) => filters.iter().all(|filter| filter.matches(document, context)),
            Clause::Or(filters) => filters.iter().any(|filter| filter.matches(document, context)),
            Clause::Nor(filters) => !filters.iter().any(|filter| filter.matches(document, context)),
        }
    }
}

impl Predicate {
    /// Tests the predicate on the values `path` reaches in `document`.
    fn matches_path(&self, document: &Value, path: &Path, context: &Context<'_>) -> bool {
        match self {
            Predicate::Never => false,
            Predicate::Leaf(test) => path.any(document, LeafArrays::Expand, &mut |candidate| {
                test.matches(candidate, context)
            }),
            Predicate::Size(_) | Predicate::ElemMatchDocument(_) | Predicate::ElemMatchValue(_) => {
                path.any(document, LeafArrays::Whole, &mut |candidate| match candidate {
                    Candidate::Missing => false,
                    Candidate::Value(value) => self.matches_value(value, context),
                })
            }
            Predicate::Not(inner) => {
                !inner.iter().all(|predicate| predicate.matches_path(document, path, context))
            }
            Predicate::All(inner) => {
                inner.iter().all(|predicate| predicate.matches_path(document, path, context))
            }
        }
    }

    /// Tests the predicate on one value without expanding arrays, as `$elemMatch` does with
    /// each element.
    fn matches_value(&self, value: &Value, context: &Context<'_>) -> bool {
        match self {
            Predicate::Never => false,
            Predicate::Leaf(test) => test.matches(Candidate::Value(value), context),
            Predicate::Size(length) => value.as_array().is_some_and(|items| items.len() == *length),
            Predicate::ElemMatchDocument(filter) => value.as_array().is_some_and(|items| {
                items.iter().any(|item| {
                    (item.is_object() || item.is_array()) && filter.matches(item, context)
                })
            }),
            Predicate::ElemMatchValue(inner) => value.as_array().is_some_and(|items| {
                items.iter().any(|item| {
                    inner.iter().all(|predicate| predicate.matches_value(item, context))
                })
            }),
            Predicate::Not(inner) => {
                !inner.iter().all(|predicate| predicate.matches_value(value, context))
            }
            Predicate::All(inner) => {
                inner.iter().all(|predicate| predicate.matches_value(value, context))
            }
        }
    }
}

impl Test {
    fn matches(&self, candidate: Candidate<'_>, context: &Context<'_>) -> bool {
        match self {
            Test::Compare(comparison, operand) => {
                compare_candidate(candidate, *comparison, operand, context)
            }
            Test::In(operands) => operands.iter().any(|operand| match operand {
                Operand::Regex(pattern) => regex_matches(candidate, pattern),
                _ => compare_candidate(candidate, Comparison::Eq, operand, context),
            }),
            Test::Regex(pattern) => regex_matches(candidate, pattern),
            Test::Exists => matches!(candidate, Candidate::Value(_)),
            Test::Type(types) => {
                matches!(candidate, Candidate::Value(value) if types.contains(value))
            }
            Test::Mod { divisor, remainder } => match candidate {
                Candidate::Missing => false,
                Candidate::Value(value) => mod_matches(value, *divisor, *remainder),
            },
        }
    }
}

fn regex_matches(candidate: Candidate<'_>, pattern: &Pattern) -> bool {
    matches!(candidate, Candidate::Value(Value::String(text)) if pattern.is_match(text))
}

/// Tests `value % divisor == remainder`, truncating a double toward zero first. The remainder
/// takes the sign of the dividend.
fn mod_matches(value: &Value, divisor: i64, remainder: i64) -> bool {
    let Value::Number(number) = value else {
        return false;
    };
    let dividend = if let Some(int) = number.as_i64() {
        i128::from(int)
    } else if let Some(int) = number.as_u64() {
        i128::from(int)
    } else {
        match number.as_f64() {
            Some(double) if double.is_finite() && double.abs() < 9.2e18 => double.trunc() as i128,
            _ => return false,
        }
    };
    dividend.checked_rem(i128::from(divisor)) == Some(i128::from(remainder))
}
