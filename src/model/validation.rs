//! Validation errors in the shape FastAPI returns with status 422.

use serde::Serialize;
use serde_json::{Value, json};

/// One entry of a 422 `detail` list: `{"type", "loc", "msg", "input", "ctx"?}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldError {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub loc: Vec<Value>,
    pub msg: String,
    pub input: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ctx: Option<Value>,
}

impl FieldError {
    /// An error at `loc` of the given pydantic error type.
    pub fn new(kind: &'static str, loc: &[&str], msg: impl Into<String>, input: &Value) -> Self {
        FieldError {
            kind,
            loc: loc.iter().map(|part| Value::from(*part)).collect(),
            msg: msg.into(),
            input: input.clone(),
            ctx: None,
        }
    }

    /// A `value_error` raised by a validator, which pydantic renders with an empty error context.
    pub fn value_error(loc: &[&str], reason: &str, input: &Value) -> Self {
        let mut error =
            FieldError::new("value_error", loc, format!("Value error, {reason}"), input);
        error.ctx = Some(json!({"error": {}}));
        error
    }

    /// Attaches a context object.
    pub fn with_ctx(mut self, ctx: Value) -> Self {
        self.ctx = Some(ctx);
        self
    }

    /// A string field that received another type.
    pub fn string_type(loc: &[&str], input: &Value) -> Self {
        FieldError::new("string_type", loc, "Input should be a valid string", input)
    }

    /// A boolean field that received a value it cannot read as one.
    pub fn bool_parsing(loc: &[&str], input: &Value) -> Self {
        match input {
            Value::String(_) | Value::Number(_) => FieldError::new(
                "bool_parsing",
                loc,
                "Input should be a valid boolean, unable to interpret input",
                input,
            ),
            _ => FieldError::new("bool_type", loc, "Input should be a valid boolean", input),
        }
    }
}

/// Reads a boolean the way pydantic's lax mode does.
pub fn lax_bool(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(flag) => Some(*flag),
        Value::Number(number) => match number.as_f64() {
            Some(0.0) => Some(false),
            Some(1.0) => Some(true),
            _ => None,
        },
        Value::String(text) => bool_from_text(text),
        _ => None,
    }
}

/// Reads a boolean from text: true/false, 1/0, yes/no, on/off, t/f, y/n, in any case.
pub fn bool_from_text(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" | "t" | "y" => Some(true),
        "false" | "0" | "no" | "off" | "f" | "n" => Some(false),
        _ => None,
    }
}
