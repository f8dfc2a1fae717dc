//! Reading request bodies and query strings into values, with FastAPI's error shapes.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use serde_json::{Value, json};

use super::error::ApiError;
use crate::model::FieldError;

/// Parses a JSON request body. An empty body is a missing body; bad JSON (including invalid
/// UTF-8, NaN, and nesting deeper than 128 levels) is a `json_invalid` error at its position.
pub(super) fn parse_json_body(
    body: Result<Bytes, BytesRejection>,
    limit: usize,
) -> Result<Value, ApiError> {
    let bytes = body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge { limit },
        _ => ApiError::BadRequest(format!("failed to read the request body: {rejection}")),
    })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(missing_body());
    }
    if let Some(number) = integer_out_of_range(&bytes) {
        let msg = format!(
            "the integer `{number}` is outside the 64-bit range and cannot be stored exactly: \
             send it as a string or a float"
        );
        let input = Value::String(number.to_owned());
        return Err(ApiError::field(FieldError::new("int_too_large", &["body"], msg, &input)));
    }
    serde_json::from_slice(&bytes).map_err(|error| {
        let position = error_position(&bytes, &error);
        let reason = error.to_string();
        let reason = reason.split(" at line ").next().unwrap_or(&reason).to_owned();
        ApiError::field(FieldError {
            kind: "json_invalid",
            loc: vec![json!("body"), json!(position)],
            msg: "JSON decode error".into(),
            input: json!({}),
            ctx: Some(json!({ "error": reason })),
        })
    })
}

/// The 422 FastAPI returns when a required body is absent.
pub(super) fn missing_body() -> ApiError {
    ApiError::field(FieldError::new("missing", &["body"], "Field required", &Value::Null))
}

/// The 0-based byte offset of a syntax error, placed as Python's `json` module reports it: at
/// the end of the input for a truncated document, at the start of a misspelled literal such as
/// `not`, and at the offending byte otherwise.
fn error_position(bytes: &[u8], error: &serde_json::Error) -> usize {
    if error.is_eof() {
        return bytes.len();
    }
    let line_start: usize = bytes
        .split(|byte| *byte == b'\n')
        .take(error.line().saturating_sub(1))
        .map(|line| line.len() + 1)
        .sum();
    let mut position = (line_start + error.column()).saturating_sub(1).min(bytes.len());
    if error.to_string().starts_with("expected ident") {
        while position > 0 && bytes[position - 1].is_ascii_alphabetic() {
            position -= 1;
        }
    }
    position
}

/// Finds an integer literal outside strings that does not fit in 64 bits. serde_json would turn
/// it into the nearest float and so change the stored value, where Python keeps it exact.
fn integer_out_of_range(bytes: &[u8]) -> Option<&str> {
    let mut in_string = false;
    let mut escaped = false;
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        if in_string {
            (in_string, escaped) = match (escaped, byte) {
                (true, _) => (true, false),
                (false, b'\\') => (true, true),
                (false, b'"') => (false, false),
                _ => (true, false),
            };
            index += 1;
            continue;
        }
        if byte == b'"' {
            in_string = true;
            index += 1;
            continue;
        }
        let start = if byte == b'-' { index + 1 } else { index };
        let digits = bytes[start..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            index += 1;
            continue;
        }
        let end = start + digits;
        let token_end = end + bytes[end..].iter().take_while(|b| is_number_tail(**b)).count();
        let text = std::str::from_utf8(&bytes[index..end]).unwrap_or_default();
        let is_integer = token_end == end;
        if is_integer
            && digits >= 19
            && text.parse::<i64>().is_err()
            && text.parse::<u64>().is_err()
        {
            return Some(text);
        }
        index = token_end;
    }
    None
}

/// Bytes that continue a number after its integer digits: fraction, exponent and their digits.
fn is_number_tail(byte: u8) -> bool {
    byte.is_ascii_digit() || matches!(byte, b'.' | b'e' | b'E' | b'+' | b'-')
}

/// The decoded pairs of a query string, in order.
pub(super) fn query_pairs(raw: Option<&str>) -> Vec<(String, String)> {
    url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes()).into_owned().collect()
}

/// The last value given for `name`, as FastAPI reads a scalar parameter.
pub(super) fn query_value<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().rev().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_integers_are_found() {
        assert_eq!(
            integer_out_of_range(b"{\"a\": 18446744073709551616}"),
            Some("18446744073709551616")
        );
        assert_eq!(integer_out_of_range(b"[-9223372036854775809]"), Some("-9223372036854775809"));
    }

    #[test]
    fn other_numbers_pass() {
        assert_eq!(integer_out_of_range(b"[18446744073709551615, -9223372036854775808]"), None);
        assert_eq!(integer_out_of_range(b"[0.12345678901234567890123, 1e300]"), None);
        assert_eq!(integer_out_of_range(b"[123456789012345678901234.5]"), None);
        assert_eq!(integer_out_of_range(b"[\"18446744073709551616\", \"\\\"\"]"), None);
    }
}
