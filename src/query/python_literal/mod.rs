//! Python literal text, the `repr()` of a dict, converted to JSON.
//!
//! The upstream Python `EventClient` 0.8.1 sends the selector of `query_events` as the query
//! parameter `selector` holding `repr(selector)`, such as
//! `{'source.node_id': '01M90V2W7QHNBC810AP00DWNXW'}`, instead of a JSON body. This parser reads
//! the literals `repr()` produces for such dicts: strings in single or double quotes with all
//! escapes (and the `r` and `u` prefixes), `True`, `False`, `None`, integers in any base,
//! floats, dicts, lists and tuples. Tuples become arrays and non-string dict keys become strings,
//! as Python's `json.dumps` does. A `datetime.datetime(...)` call, naive or with
//! `tzinfo=datetime.timezone.utc`, becomes `{"$date": "<UTC timestamp>"}`, reading a naive
//! value as UTC the way pymongo encodes it.

mod datetime;
mod number;
mod string;
#[cfg(test)]
mod tests;

use serde_json::{Map, Value};

use super::MAX_DEPTH;
use super::error::SelectorError;

/// Parses Python literal text into JSON.
///
/// # Errors
///
/// Returns [`SelectorError::PythonLiteral`] with the 1-based character position of the first
/// problem: a syntax error, a value JSON cannot hold (`inf`, `nan`, a set, bytes, a lone
/// surrogate, an integer beyond 64 bits), or nesting deeper than [`MAX_DEPTH`].
pub fn parse_python_literal(text: &str) -> Result<Value, SelectorError> {
    let mut parser = Parser { text, position: 0 };
    let value = parser.value(0)?;
    parser.skip_whitespace();
    if parser.position < text.len() {
        return Err(parser.error_here("unexpected text after the literal"));
    }
    Ok(value)
}

/// A cursor over the literal text, whose `position` is a byte offset on a character boundary.
struct Parser<'a> {
    text: &'a str,
    position: usize,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        self.text.get(self.position..).unwrap_or_default()
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let next = self.peek()?;
        self.position += next.len_utf8();
        Some(next)
    }

    fn eat(&mut self, expected: char) -> bool {
        let found = self.peek() == Some(expected);
        if found {
            self.position += expected.len_utf8();
        }
        found
    }

    fn skip_whitespace(&mut self) {
        while self.peek().is_some_and(|next| next.is_ascii_whitespace()) {
            self.position += 1;
        }
    }

    fn error_at(&self, byte: usize, reason: impl Into<String>) -> SelectorError {
        let before = self.text.get(..byte).unwrap_or(self.text);
        SelectorError::PythonLiteral { position: before.chars().count() + 1, reason: reason.into() }
    }

    fn error_here(&self, reason: impl Into<String>) -> SelectorError {
        self.error_at(self.position, reason)
    }

    fn descend(&self, depth: usize) -> Result<usize, SelectorError> {
        if depth >= MAX_DEPTH {
            let reason = format!("containers are nested more than {MAX_DEPTH} levels deep");
            return Err(self.error_here(reason));
        }
        Ok(depth + 1)
    }

    fn value(&mut self, depth: usize) -> Result<Value, SelectorError> {
        self.skip_whitespace();
        match self.peek() {
            None => Err(self.error_here("expected a value, found the end of the text")),
            Some('{') => self.dict(depth),
            Some('[') => self.list(depth),
            Some('(') => self.tuple(depth),
            Some('\'' | '"') => self.string(false).map(Value::String),
            Some('-' | '+') => self.signed_number(),
            Some(next) if next.is_ascii_digit() || next == '.' => self.number(self.position, false),
            Some(next) if next.is_alphabetic() || next == '_' => self.name(depth),
            Some(other) => Err(self.error_here(format!("unexpected character `{other}`"))),
        }
    }

    fn dict(&mut self, depth: usize) -> Result<Value, SelectorError> {
        let depth = self.descend(depth)?;
        self.position += 1;
        let mut map = Map::new();
        loop {
            self.skip_whitespace();
            if self.eat('}') {
                return Ok(Value::Object(map));
            }
            let (key, value) = self.dict_entry(depth, map.is_empty())?;
            map.insert(key, value);
            self.skip_whitespace();
            if !self.eat(',') && !matches!(self.peek(), Some('}')) {
                return Err(self.error_here("expected `,` or `}` in a dict"));
            }
        }
    }

    fn dict_entry(&mut self, depth: usize, first: bool) -> Result<(String, Value), SelectorError> {
        let key_start = self.position;
        let key = self.value(depth)?;
        self.skip_whitespace();
        if !self.eat(':') {
            let is_set = first && matches!(self.peek(), Some(',' | '}'));
            let reason = if is_set { "sets cannot be converted to JSON" } else { "expected `:`" };
            return Err(self.error_here(reason));
        }
        let Some(key) = json_key(key) else {
            let reason = "dict keys must be strings, numbers, True, False or None";
            return Err(self.error_at(key_start, reason));
        };
        Ok((key, self.value(depth)?))
    }

    fn list(&mut self, depth: usize) -> Result<Value, SelectorError> {
        let (items, _) = self.sequence(depth, ']')?;
        Ok(Value::Array(items))
    }

    /// Parses `(...)`: a tuple when empty or when it has a comma, otherwise a parenthesized
    /// value.
    fn tuple(&mut self, depth: usize) -> Result<Value, SelectorError> {
        let (mut items, has_comma) = self.sequence(depth, ')')?;
        if items.len() == 1 && !has_comma {
            if let Some(only) = items.pop() {
                return Ok(only);
            }
        }
        Ok(Value::Array(items))
    }

    /// Parses comma-separated values up to `close`, allowing a trailing comma, and reports
    /// whether any comma was seen.
    fn sequence(&mut self, depth: usize, close: char) -> Result<(Vec<Value>, bool), SelectorError> {
        let depth = self.descend(depth)?;
        self.position += 1;
        let mut items = Vec::new();
        let mut has_comma = false;
        loop {
            self.skip_whitespace();
            if self.eat(close) {
                return Ok((items, has_comma));
            }
            items.push(self.value(depth)?);
            self.skip_whitespace();
            if self.eat(',') {
                has_comma = true;
            } else if self.peek() != Some(close) {
                return Err(self.error_here(format!("expected `,` or `{close}`")));
            }
        }
    }

    /// Parses a name: `True`, `False`, `None`, a string prefix, or `datetime.datetime(...)`.
    fn name(&mut self, depth: usize) -> Result<Value, SelectorError> {
        let start = self.position;
        while self.peek().is_some_and(|next| next.is_alphanumeric() || next == '_') {
            self.bump();
        }
        let name = self.text.get(start..self.position).unwrap_or_default();
        if matches!(self.peek(), Some('\'' | '"')) {
            return self.prefixed_string(start, name);
        }
        match name {
            "True" => Ok(Value::Bool(true)),
            "False" => Ok(Value::Bool(false)),
            "None" => Ok(Value::Null),
            "inf" | "nan" => {
                Err(self.error_at(start, format!("`{name}` cannot be represented in JSON")))
            }
            "datetime" if self.rest().starts_with(".datetime(") => self.datetime(start, depth),
            _ => Err(self.error_at(
                start,
                format!(
                    "unexpected name `{name}`: only strings, numbers, True, False, None, dicts, \
                     lists, tuples and datetime.datetime values are allowed"
                ),
            )),
        }
    }

    fn prefixed_string(&mut self, start: usize, prefix: &str) -> Result<Value, SelectorError> {
        let lower = prefix.to_ascii_lowercase();
        match lower.as_str() {
            "u" => self.string(false).map(Value::String),
            "r" => self.string(true).map(Value::String),
            "b" | "br" | "rb" => {
                Err(self.error_at(start, "bytes literals cannot be converted to JSON"))
            }
            "f" | "fr" | "rf" => Err(self.error_at(start, "f-strings are not literals")),
            _ => Err(self.error_at(start, format!("unknown string prefix `{prefix}`"))),
        }
    }
}

/// Converts a parsed dict key to a JSON object key the way `json.dumps` does.
fn json_key(key: Value) -> Option<String> {
    match key {
        Value::String(text) => Some(text),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Null => Some("null".to_owned()),
        Value::Array(_) | Value::Object(_) => None,
    }
}
