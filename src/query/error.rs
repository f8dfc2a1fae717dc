//! Errors raised while compiling a filter or reading a Python literal.

use serde_json::Value;

/// Maximum number of characters of an offending value quoted in an error message.
const EXCERPT_CHARS: usize = 60;

/// A rejected filter, or a rejected Python literal that was meant to hold one.
///
/// Each message is complete on its own because the HTTP API returns it to the client as the
/// body of a 400 response.
#[derive(Debug, thiserror::Error)]
pub enum SelectorError {
    /// The filter, or a document inside `$and`, `$or` or `$nor`, is not a JSON object.
    #[error(
        "invalid filter `{found}`: expected a JSON object such as \
         `{{\"event_type\": \"log_error\"}}`"
    )]
    NotAnObject { found: String },

    /// The filter uses `$where`, `$function` or `$accumulator`.
    #[error(
        "operator `{operator}` runs server-side JavaScript, which is not supported: \
         express the condition with query operators"
    )]
    ServerSideJavaScript { operator: String },

    /// A MongoDB query operator that this engine does not implement, such as `$text`.
    #[error(
        "query operator `{operator}` is not supported by this server: \
         use comparison, element, array or logical operators"
    )]
    UnsupportedOperator { operator: String },

    /// A `$` key that is no MongoDB query operator.
    #[error("unknown query operator `{operator}`")]
    UnknownOperator { operator: String },

    /// A known operator in a place where MongoDB does not allow it.
    #[error("operator `{operator}` is not allowed here: {hint}")]
    MisplacedOperator { operator: String, hint: &'static str },

    /// A condition such as `{"$gt": 1, "b": 2}` that mixes operators and field names.
    #[error(
        "field name `{key}` is mixed with query operators in one condition: \
         wrap a literal document in `$eq` or move the field to its own condition"
    )]
    FieldAmongOperators { key: String },

    /// An operator whose operand has the wrong shape or value.
    #[error("invalid `{operator}` operand `{found}`: expected {expected}")]
    InvalidOperand { operator: String, expected: &'static str, found: String },

    /// `$options` without a `$regex` next to it.
    #[error("`$options` needs a `$regex` in the same condition")]
    OptionsWithoutRegex,

    /// Regex options given both inside a regular expression value and in `$options`.
    #[error(
        "regex options `{inline}` and `{separate}` are both set: \
         keep either the options of the regular expression or `$options`"
    )]
    ConflictingRegexOptions { inline: String, separate: String },

    /// A pattern that the `regex` crate cannot compile.
    #[error("invalid regular expression `{pattern}`: {reason}")]
    InvalidRegex { pattern: String, reason: String },

    /// A regex option letter other than `i`, `m`, `s`, `x` or `u`.
    #[error("invalid regex option `{option}`: expected some of `i`, `m`, `s`, `x` and `u`")]
    InvalidRegexOption { option: char },

    /// An Extended JSON wrapper such as `$date` whose value has the wrong shape.
    #[error("invalid extended JSON `{wrapper}` value `{found}`: expected {expected}")]
    InvalidExtendedJson { wrapper: String, expected: &'static str, found: String },

    /// An Extended JSON type that documents stored as JSON can never contain, such as `$binary`.
    #[error(
        "extended JSON type `{wrapper}` is not supported in filters: use a string, number, \
         boolean, null, `$date`, `$oid`, `$numberLong` or `$regularExpression` value"
    )]
    UnsupportedExtendedJson { wrapper: String },

    /// A filter whose arrays and objects nest deeper than the limit.
    #[error("filter nests arrays and objects more than {limit} levels deep: flatten it")]
    TooDeep { limit: usize },

    /// Text that is not a Python literal of the supported kinds.
    #[error("invalid Python literal at character {position}: {reason}")]
    PythonLiteral { position: usize, reason: String },
}

impl SelectorError {
    /// Builds a [`SelectorError::InvalidOperand`] that quotes the start of `found`.
    pub(super) fn operand(operator: &str, expected: &'static str, found: &Value) -> SelectorError {
        SelectorError::InvalidOperand {
            operator: operator.to_owned(),
            expected,
            found: excerpt(found),
        }
    }

    /// Builds a [`SelectorError::InvalidExtendedJson`] that quotes the start of `found`.
    pub(super) fn extended_json(
        wrapper: &str,
        expected: &'static str,
        found: &Value,
    ) -> SelectorError {
        SelectorError::InvalidExtendedJson {
            wrapper: wrapper.to_owned(),
            expected,
            found: excerpt(found),
        }
    }
}

/// Renders `value` as compact JSON, cut after [`EXCERPT_CHARS`] characters with `...`.
///
/// The renderer stops as soon as the budget is spent, so a huge or deeply nested value costs
/// no more than a short one and cannot exhaust the stack.
pub(super) fn excerpt(value: &Value) -> String {
    let mut text = String::new();
    write_excerpt(value, &mut text);
    truncate_chars(text)
}

fn write_excerpt(value: &Value, out: &mut String) {
    if out.len() > EXCERPT_CHARS {
        return;
    }
    match value {
        Value::String(text) => write_string(text, out),
        Value::Array(items) => {
            let entries = items.iter().map(|item| (None, item));
            write_entries(('[', ']'), entries, out);
        }
        Value::Object(map) => {
            let entries = map.iter().map(|(key, item)| (Some(key.as_str()), item));
            write_entries(('{', '}'), entries, out);
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// Writes array items or object entries between `brackets`, stopping once the budget is spent.
fn write_entries<'a>(
    brackets: (char, char),
    entries: impl Iterator<Item = (Option<&'a str>, &'a Value)>,
    out: &mut String,
) {
    out.push(brackets.0);
    for (position, (key, item)) in entries.enumerate() {
        if position > 0 {
            out.push(',');
        }
        if let Some(key) = key {
            write_string(key, out);
            out.push(':');
        }
        write_excerpt(item, out);
        if out.len() > EXCERPT_CHARS {
            return;
        }
    }
    out.push(brackets.1);
}

/// Writes the start of `text` as a JSON string, without copying a long string whole.
fn write_string(text: &str, out: &mut String) {
    let head: String = text.chars().take(EXCERPT_CHARS + 1).collect();
    out.push_str(&Value::String(head).to_string());
}

fn truncate_chars(text: String) -> String {
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn excerpt_keeps_short_values() {
        assert_eq!(excerpt(&json!({"a": [1, "x"]})), r#"{"a":[1,"x"]}"#);
        assert_eq!(excerpt(&json!(null)), "null");
    }

    #[test]
    fn excerpt_cuts_long_values() {
        let long = "é".repeat(500);
        let text = excerpt(&json!([long]));
        assert!(text.ends_with("..."), "{text}");
        assert_eq!(text.chars().count(), EXCERPT_CHARS + 3);
    }

    #[test]
    fn excerpt_handles_deep_nesting() {
        let mut value = json!(1);
        for _ in 0..5000 {
            value = Value::Array(vec![value]);
        }
        let text = excerpt(&value);
        assert!(text.starts_with("[[[["), "{text}");
        assert!(text.ends_with("..."), "{text}");
    }

    #[test]
    fn operand_error_message() {
        let error = SelectorError::operand("$in", "an array", &json!(5));
        assert_eq!(error.to_string(), "invalid `$in` operand `5`: expected an array");
    }
}
