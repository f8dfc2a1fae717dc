//! Reading request bodies and query strings into values, with FastAPI's error shapes.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use serde_json::{Value, json};

use super::error::ApiError;
use crate::model::FieldError;

/// Parses a JSON request body. An empty body is a missing body; bad JSON (including invalid
/// UTF-8, NaN, and nesting deeper than 128 levels) is a `json_invalid` error at its position.
pub(super) fn parse_json_body(body: Result<Bytes, BytesRejection>, limit: usize) -> Result<Value, ApiError> {
    let bytes = body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge { limit },
        _ => ApiError::BadRequest(format!("failed to read the request body: {rejection}")),
    })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(missing_body());
    }
    serde_json::from_slice(&bytes).map_err(|error| {
        let position = byte_position(&bytes, error.line(), error.column());
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

/// Turns serde_json's 1-based line and column into a 0-based byte offset.
fn byte_position(bytes: &[u8], line: usize, column: usize) -> usize {
    let line_start: usize = bytes
        .split(|byte| *byte == b'\n')
        .take(line.saturating_sub(1))
        .map(|line| line.len() + 1)
        .sum();
    (line_start + column).saturating_sub(1)
}

/// The decoded pairs of a query string, in order.
pub(super) fn query_pairs(raw: Option<&str>) -> Vec<(String, String)> {
    url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes()).into_owned().collect()
}

/// The last value given for `name`, as FastAPI reads a scalar parameter.
pub(super) fn query_value<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().rev().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
}
