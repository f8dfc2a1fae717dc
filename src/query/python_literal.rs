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

use chrono::NaiveDate;
use serde_json::{Map, Number, Value};

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

/// A cursor over the literal text; `position` is a byte offset on a character boundary.
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
            "inf" | "nan" => Err(self.error_at(start, format!("`{name}` cannot be represented in JSON"))),
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
            "b" | "br" | "rb" => Err(self.error_at(start, "bytes literals cannot be converted to JSON")),
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

// Strings.
impl Parser<'_> {
    /// Parses a single- or double-quoted string; `raw` keeps backslashes as `r'...'` does.
    fn string(&mut self, raw: bool) -> Result<String, SelectorError> {
        let start = self.position;
        let quote = self.bump();
        let mut text = String::new();
        loop {
            let Some(next) = self.bump() else {
                return Err(self.error_at(start, "unterminated string"));
            };
            match next {
                _ if Some(next) == quote => return Ok(text),
                '\n' | '\r' => return Err(self.error_at(start, "unterminated string")),
                '\\' if raw => {
                    text.push('\\');
                    match self.bump() {
                        Some(escaped) => text.push(escaped),
                        None => return Err(self.error_at(start, "unterminated string")),
                    }
                }
                '\\' => self.escape(start, &mut text)?,
                other => text.push(other),
            }
        }
    }

    /// Decodes the escape after a backslash into `text`, following Python 3's `str` rules.
    fn escape(&mut self, start: usize, text: &mut String) -> Result<(), SelectorError> {
        let escape_start = self.position - 1;
        let Some(kind) = self.bump() else {
            return Err(self.error_at(start, "unterminated string"));
        };
        let decoded = match kind {
            '\n' => return Ok(()),
            '\r' => {
                self.eat('\n');
                return Ok(());
            }
            '\\' | '\'' | '"' => kind,
            'a' => '\u{7}',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\u{b}',
            '0'..='7' => self.octal_escape(kind, escape_start)?,
            'x' => self.hex_escape(2, escape_start)?,
            'u' => self.hex_escape(4, escape_start)?,
            'U' => self.hex_escape(8, escape_start)?,
            'N' => return Err(self.error_at(escape_start, "named escapes `\\N{...}` are not supported")),
            other => {
                text.push('\\');
                other
            }
        };
        text.push(decoded);
        Ok(())
    }

    /// Decodes up to three octal digits, the first of which is `first`.
    fn octal_escape(&mut self, first: char, escape_start: usize) -> Result<char, SelectorError> {
        let mut code = first.to_digit(8).unwrap_or_default();
        for _ in 0..2 {
            match self.peek().and_then(|next| next.to_digit(8)) {
                Some(digit) => {
                    code = code * 8 + digit;
                    self.position += 1;
                }
                None => break,
            }
        }
        self.scalar(code, escape_start)
    }

    /// Decodes exactly `digits` hex digits.
    fn hex_escape(&mut self, digits: usize, escape_start: usize) -> Result<char, SelectorError> {
        let hex = self.rest().get(..digits).unwrap_or_default();
        let code = match hex.len() == digits && hex.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            true => u32::from_str_radix(hex, 16).ok(),
            false => None,
        };
        let Some(code) = code else {
            let reason = format!("truncated escape: expected {digits} hex digits");
            return Err(self.error_at(escape_start, reason));
        };
        self.position += digits;
        self.scalar(code, escape_start)
    }

    fn scalar(&self, code: u32, escape_start: usize) -> Result<char, SelectorError> {
        char::from_u32(code).ok_or_else(|| {
            let reason = format!(
                "escape for U+{code:04X} is not a Unicode scalar value: lone surrogates and code \
                 points past U+10FFFF are not supported"
            );
            self.error_at(escape_start, reason)
        })
    }
}

// Numbers.
impl Parser<'_> {
    fn signed_number(&mut self) -> Result<Value, SelectorError> {
        let start = self.position;
        let negative = self.bump() == Some('-');
        self.skip_whitespace();
        match self.peek() {
            Some(next) if next.is_ascii_digit() || next == '.' => self.number(start, negative),
            _ => Err(self.error_at(start, "expected a number after the sign")),
        }
    }

    /// Parses a number token at the current position; `start` is where its sign began.
    fn number(&mut self, start: usize, negative: bool) -> Result<Value, SelectorError> {
        let token_start = self.position;
        let mut previous = '\0';
        while let Some(next) = self.peek() {
            let exponent_sign = matches!(next, '+' | '-') && matches!(previous, 'e' | 'E');
            let in_token = next.is_ascii_alphanumeric() || matches!(next, '_' | '.') || exponent_sign;
            let is_hex = self.text.get(token_start..self.position).is_some_and(is_hex_prefixed);
            if !in_token || (exponent_sign && is_hex) {
                break;
            }
            previous = next;
            self.position += 1;
        }
        let token = self.text.get(token_start..self.position).unwrap_or_default();
        let digits = token.replace('_', "");
        let parsed = parse_number(&digits, negative);
        parsed.map_err(|reason| self.error_at(start, format!("invalid number `{token}`: {reason}")))
    }
}

fn is_hex_prefixed(token: &str) -> bool {
    token.starts_with("0x") || token.starts_with("0X")
}

/// Converts a number token without underscores; the error is the reason it is invalid.
fn parse_number(digits: &str, negative: bool) -> Result<Value, &'static str> {
    let lower = digits.to_ascii_lowercase();
    let radix = match lower.get(..2) {
        Some("0x") => Some(16),
        Some("0o") => Some(8),
        Some("0b") => Some(2),
        _ => None,
    };
    if let Some(radix) = radix {
        let magnitude = i128::from_str_radix(lower.get(2..).unwrap_or_default(), radix);
        return integer(magnitude.map_err(|_| "not an integer")?, negative);
    }
    if lower.ends_with('j') {
        return Err("complex numbers cannot be converted to JSON");
    }
    if lower.contains(['.', 'e']) {
        return float(&lower, negative);
    }
    if lower.len() > 1 && lower.starts_with('0') && lower.bytes().any(|byte| byte != b'0') {
        return Err("leading zeros are not allowed in decimal integers");
    }
    let magnitude = lower.parse::<i128>().map_err(|_| "not an integer, or too long")?;
    integer(magnitude, negative)
}

fn integer(magnitude: i128, negative: bool) -> Result<Value, &'static str> {
    let value = if negative { -magnitude } else { magnitude };
    if let Ok(small) = i64::try_from(value) {
        return Ok(Value::Number(small.into()));
    }
    u64::try_from(value)
        .map(|large| Value::Number(large.into()))
        .map_err(|_| "the integer does not fit in 64 bits")
}

fn float(digits: &str, negative: bool) -> Result<Value, &'static str> {
    let Ok(magnitude) = digits.parse::<f64>() else {
        return Err("not a float");
    };
    let value = if negative { -magnitude } else { magnitude };
    Number::from_f64(value).map(Value::Number).ok_or("the float is out of range")
}

// Datetimes.
impl Parser<'_> {
    /// Parses `datetime.datetime(year, month, day[, hour[, minute[, second[, microsecond]]]])`
    /// with an optional `tzinfo=datetime.timezone.utc`, after the leading `datetime`.
    fn datetime(&mut self, start: usize, depth: usize) -> Result<Value, SelectorError> {
        self.position += ".datetime(".len();
        let mut fields = Vec::new();
        loop {
            self.skip_whitespace();
            if self.eat(')') {
                break;
            }
            if let Some(rest) = self.rest().strip_prefix("tzinfo") {
                self.utc_argument(rest)?;
            } else {
                fields.push(self.datetime_field(depth)?);
            }
            self.skip_whitespace();
            if !self.eat(',') && self.peek() != Some(')') {
                return Err(self.error_here("expected `,` or `)` in datetime.datetime(...)"));
            }
        }
        utc_timestamp(&fields)
            .map(|text| serde_json::json!({ "$date": text }))
            .ok_or_else(|| self.error_at(start, "invalid datetime.datetime(...) fields"))
    }

    fn datetime_field(&mut self, depth: usize) -> Result<i64, SelectorError> {
        let field_start = self.position;
        let value = self.value(depth)?;
        value.as_i64().ok_or_else(|| {
            self.error_at(field_start, "datetime.datetime(...) fields must be integers")
        })
    }

    /// Accepts `tzinfo=datetime.timezone.utc`; `rest` is the text after `tzinfo`.
    fn utc_argument(&mut self, rest: &str) -> Result<(), SelectorError> {
        let argument = rest.trim_start().strip_prefix('=').map(str::trim_start);
        let Some(after) = argument.and_then(|text| text.strip_prefix("datetime.timezone.utc")) else {
            let reason = "only `tzinfo=datetime.timezone.utc` is supported in datetime.datetime(...)";
            return Err(self.error_here(reason));
        };
        self.position = self.text.len() - after.len();
        Ok(())
    }
}

/// Formats datetime fields as an RFC 3339 UTC timestamp with microseconds.
fn utc_timestamp(fields: &[i64]) -> Option<String> {
    if !(3..=7).contains(&fields.len()) {
        return None;
    }
    let field = |index: usize| u32::try_from(fields.get(index).copied().unwrap_or_default()).ok();
    let year = field(0).filter(|year| (1..=9999).contains(year))?;
    let microsecond = field(6).filter(|micros| *micros < 1_000_000)?;
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, field(1)?, field(2)?)?;
    let time = date.and_hms_micro_opt(field(3)?, field(4)?, field(5)?, microsecond)?;
    Some(time.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parsed(text: &str) -> Value {
        parse_python_literal(text).unwrap_or_else(|error| panic!("{text:?}: {error}"))
    }

    fn error(text: &str) -> String {
        match parse_python_literal(text) {
            Ok(value) => panic!("{text:?} was accepted as {value}"),
            Err(error) => error.to_string(),
        }
    }

    #[test]
    fn client_selector_repr() {
        let value = parsed("{'source.node_id': '01M90V2W7QHNBC810AP00DWNXW'}");
        assert_eq!(value, json!({"source.node_id": "01M90V2W7QHNBC810AP00DWNXW"}));
    }

    #[test]
    fn scalars() {
        assert_eq!(parsed("True"), json!(true));
        assert_eq!(parsed("False"), json!(false));
        assert_eq!(parsed("None"), json!(null));
        assert_eq!(parsed("  42  "), json!(42));
        assert_eq!(parsed("-7"), json!(-7));
        assert_eq!(parsed("+7"), json!(7));
        assert_eq!(parsed("1.5"), json!(1.5));
        assert_eq!(parsed("-0.25"), json!(-0.25));
        assert_eq!(parsed("1e-05"), json!(1e-5));
        assert_eq!(parsed("2.5E+3"), json!(2500.0));
        assert_eq!(parsed(".5"), json!(0.5));
        assert_eq!(parsed("5."), json!(5.0));
    }

    #[test]
    fn integer_forms() {
        assert_eq!(parsed("0x1F"), json!(31));
        assert_eq!(parsed("0o17"), json!(15));
        assert_eq!(parsed("0b101"), json!(5));
        assert_eq!(parsed("1_000_000"), json!(1_000_000));
        assert_eq!(parsed("000"), json!(0));
        assert_eq!(parsed("-9223372036854775808"), json!(i64::MIN));
        assert_eq!(parsed("18446744073709551615"), json!(u64::MAX));
    }

    #[test]
    fn floats_keep_their_kind() {
        assert!(parsed("1.0").is_f64());
        assert!(parsed("1").is_i64());
    }

    #[test]
    fn number_errors() {
        assert_eq!(
            error("18446744073709551616"),
            "invalid Python literal at character 1: invalid number `18446744073709551616`: the \
             integer does not fit in 64 bits"
        );
        assert!(error("-18446744073709551615").contains("does not fit in 64 bits"));
        assert!(error("012").contains("leading zeros"));
        assert!(error("1e999").contains("out of range"));
        assert!(error("3j").contains("complex numbers"));
        assert!(error("0xZZ").contains("not an integer"));
        assert!(error("1.2.3").contains("not a float"));
        assert!(error("- x").contains("expected a number after the sign"));
    }

    #[test]
    fn quotes_and_simple_escapes() {
        assert_eq!(parsed(r#""it's""#), json!("it's"));
        assert_eq!(parsed(r"'say \'hi\''"), json!("say 'hi'"));
        assert_eq!(parsed(r#"'a\"b'"#), json!("a\"b"));
        assert_eq!(parsed(r"'back\\slash'"), json!("back\\slash"));
        assert_eq!(parsed(r"'\n\r\t\a\b\f\v'"), json!("\n\r\t\u{7}\u{8}\u{c}\u{b}"));
    }

    #[test]
    fn numeric_escapes() {
        assert_eq!(parsed(r"'\x41\x7e'"), json!("A~"));
        assert_eq!(parsed(r"'\u00e9\U0001F600'"), json!("é😀"));
        assert_eq!(parsed(r"'\101\0\1010'"), json!("A\u{0}A0"));
        assert_eq!(parsed(r"'\777'"), json!("\u{1ff}"));
    }

    #[test]
    fn unknown_escape_keeps_backslash() {
        assert_eq!(parsed(r"'\d+\.txt'"), json!("\\d+\\.txt"));
    }

    #[test]
    fn line_continuation_escape() {
        assert_eq!(parsed("'ab\\\ncd'"), json!("abcd"));
        assert_eq!(parsed("'ab\\\r\ncd'"), json!("abcd"));
    }

    #[test]
    fn non_ascii_text_passes_through() {
        assert_eq!(parsed("{'név': 'Ωmega 😀'}"), json!({"név": "Ωmega 😀"}));
    }

    #[test]
    fn string_prefixes() {
        assert_eq!(parsed(r"r'\d+'"), json!("\\d+"));
        assert_eq!(parsed(r"R'a\'b'"), json!("a\\'b"));
        assert_eq!(parsed("u'x'"), json!("x"));
        assert!(error("b'x'").contains("bytes literals"));
        assert!(error("f'x'").contains("f-strings"));
        assert!(error("z'x'").contains("unknown string prefix `z`"));
    }

    #[test]
    fn string_errors() {
        assert_eq!(error("'abc"), "invalid Python literal at character 1: unterminated string");
        assert!(error("'a\nb'").contains("unterminated string"));
        assert!(error(r"'\x4'").contains("truncated escape: expected 2 hex digits"));
        assert!(error(r"'\u12'").contains("expected 4 hex digits"));
        assert!(error(r"'\U0011ffff'").contains("U+11FFFF is not a Unicode scalar value"));
        assert!(error(r"'\ud800'").contains("U+D800 is not a Unicode scalar value"));
        assert!(error(r"'\N{BULLET}'").contains("named escapes"));
    }

    #[test]
    fn nested_structures() {
        let text = "{'$or': [{'log_level': {'$gte': 30}}, {'event_type': {'$in': ('a', 'b')}}], \
                    'event_data.count': (1,), 'empty': (), 'grouped': (5), 'list': [[], {}],}";
        let expected = json!({
            "$or": [{"log_level": {"$gte": 30}}, {"event_type": {"$in": ["a", "b"]}}],
            "event_data.count": [1],
            "empty": [],
            "grouped": 5,
            "list": [[], {}],
        });
        assert_eq!(parsed(text), expected);
    }

    #[test]
    fn dict_keys_follow_json_dumps() {
        let value = parsed("{1: 'a', 2.5: 'b', True: 'c', None: 'd', 'e': 'f'}");
        let keys: Vec<&String> = value.as_object().map(|map| map.keys().collect()).unwrap_or_default();
        assert_eq!(keys, ["1", "2.5", "true", "null", "e"]);
        assert!(error("{(1, 2): 'a'}").contains("dict keys must be strings"));
    }

    #[test]
    fn duplicate_keys_keep_first_position_and_last_value() {
        let value = parsed("{'a': 1, 'b': 2, 'a': 3}");
        assert_eq!(serde_json::to_string(&value).unwrap_or_default(), r#"{"a":3,"b":2}"#);
    }

    #[test]
    fn structural_errors() {
        assert_eq!(
            error("{'a': 1"),
            "invalid Python literal at character 8: expected `,` or `}` in a dict"
        );
        assert!(error("{'a' 1}").contains("expected `:`"));
        assert!(error("{1, 2}").contains("sets cannot be converted to JSON"));
        assert!(error("[1 2]").contains("expected `,` or `]`"));
        assert!(error("(1 2)").contains("expected `,` or `)`"));
        assert!(error("{'a': 1} x").contains("unexpected text after the literal"));
        assert!(error("").contains("found the end of the text"));
        assert!(error("[1,,2]").contains("unexpected character `,`"));
        assert!(error("{'a': inf}").contains("`inf` cannot be represented in JSON"));
        assert!(error("{'a': nan}").contains("`nan` cannot be represented in JSON"));
        assert!(error("{'a': foo}").contains("unexpected name `foo`"));
        assert!(error("{'a': @}").contains("unexpected character `@`"));
    }

    #[test]
    fn error_position_counts_characters() {
        assert_eq!(
            error("{'é': @}"),
            "invalid Python literal at character 7: unexpected character `@`"
        );
    }

    #[test]
    fn nesting_limit() {
        let deep_ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse_python_literal(&deep_ok).is_ok());
        let too_deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(error(&too_deep).contains("nested more than 100 levels deep"));
        let very_deep = "(".repeat(100_000);
        assert!(error(&very_deep).contains("nested more than 100 levels deep"));
    }

    #[test]
    fn datetimes_become_dates() {
        let value = parsed(
            "{'event_timestamp': {'$gte': datetime.datetime(2026, 12, 4, 15, 34, 37, 529985)}}",
        );
        let expected = json!({"event_timestamp": {"$gte": {"$date": "2026-12-04T15:34:37.529985Z"}}});
        assert_eq!(value, expected);
        let utc = parsed("datetime.datetime(2026, 1, 2, tzinfo=datetime.timezone.utc)");
        assert_eq!(utc, json!({"$date": "2026-01-02T00:00:00.000000Z"}));
    }

    #[test]
    fn datetime_errors() {
        assert!(error("datetime.datetime(2026, 13, 1)").contains("invalid datetime.datetime"));
        assert!(error("datetime.datetime(2026)").contains("invalid datetime.datetime"));
        assert!(error("datetime.datetime(2026, 1, 'x')").contains("fields must be integers"));
        let zoned = "datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(seconds=3600)))";
        assert!(error(zoned).contains("only `tzinfo=datetime.timezone.utc` is supported"));
        assert!(error("datetime.date(2026, 1, 1)").contains("unexpected name `datetime`"));
    }

    #[test]
    fn never_panics_on_prefixes_of_valid_text() {
        let text = "{'a': [1, -2.5e3, 'x\\'y\\u00e9', (True, None)], 'b': {'$in': [0x1f]}, \
                    'c': datetime.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=datetime.timezone.utc)}";
        assert!(parse_python_literal(text).is_ok());
        for (cut, _) in text.char_indices() {
            let _ = parse_python_literal(&text[..cut]);
            let _ = parse_python_literal(&text[cut..]);
        }
    }
}
