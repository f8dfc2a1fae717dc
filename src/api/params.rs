//! Query parameters of the listing endpoints, checked the way FastAPI checks them.

use serde_json::{Value, json};

use super::body::query_value;
use super::error::ApiError;
use crate::model::level::level_from_text;
use crate::model::validation::bool_from_text;
use crate::model::{FieldError, NaiveZone, Timestamp};

/// Collects the errors of every parameter, so one 422 names them all.
pub(super) struct QueryParams<'a> {
    pairs: &'a [(String, String)],
    errors: Vec<FieldError>,
}

impl<'a> QueryParams<'a> {
    pub(super) fn new(pairs: &'a [(String, String)]) -> Self {
        QueryParams { pairs, errors: Vec::new() }
    }

    /// An integer of at least 0, or `default` when absent.
    pub(super) fn non_negative(&mut self, name: &'static str, default: u64) -> u64 {
        let Some(text) = query_value(self.pairs, name) else {
            return default;
        };
        let input = Value::from(text);
        match text.trim().parse::<i64>() {
            Ok(number) if number >= 0 => number as u64,
            Ok(_) => {
                let msg = "Input should be greater than or equal to 0";
                let error = FieldError::new("greater_than_equal", &["query", name], msg, &input);
                self.errors.push(error.with_ctx(json!({ "ge": 0 })));
                default
            }
            Err(_) => {
                let msg = "Input should be a valid integer, unable to parse string as an integer";
                self.errors.push(FieldError::new("int_parsing", &["query", name], msg, &input));
                default
            }
        }
    }

    /// Any integer, or `default` when absent.
    pub(super) fn integer(&mut self, name: &'static str, default: i64) -> i64 {
        let Some(text) = query_value(self.pairs, name) else {
            return default;
        };
        text.trim().parse().unwrap_or_else(|_| {
            let msg = "Input should be a valid integer, unable to parse string as an integer";
            let input = Value::from(text);
            self.errors.push(FieldError::new("int_parsing", &["query", name], msg, &input));
            default
        })
    }

    /// A minimum log level: an integer or a level name.
    pub(super) fn level(&mut self, name: &'static str) -> i64 {
        let Some(text) = query_value(self.pairs, name) else {
            return 0;
        };
        level_from_text(text).unwrap_or_else(|| {
            let msg = "Input should be a valid integer or a level name: NOTSET, DEBUG, INFO, \
                       WARNING, ERROR or CRITICAL";
            let input = Value::from(text);
            self.errors.push(FieldError::new("int_parsing", &["query", name], msg, &input));
            0
        })
    }

    /// A boolean such as `true`, `0` or `yes`.
    pub(super) fn boolean(&mut self, name: &'static str, default: bool) -> bool {
        let Some(text) = query_value(self.pairs, name) else {
            return default;
        };
        bool_from_text(text).unwrap_or_else(|| {
            self.errors.push(FieldError::bool_parsing(&["query", name], &Value::from(text)));
            default
        })
    }

    /// A date-time as microseconds since the epoch, naive values read in `zone`.
    pub(super) fn instant(&mut self, name: &'static str, zone: &NaiveZone) -> Option<i64> {
        let text = query_value(self.pairs, name)?;
        match Timestamp::parse(text) {
            Ok(timestamp) => Some(timestamp.unix_micros(zone)),
            Err(error) => {
                let msg = format!("Input should be a valid datetime, {error}");
                let input = Value::from(text);
                self.errors.push(FieldError::new(
                    "datetime_parsing",
                    &["query", name],
                    msg,
                    &input,
                ));
                None
            }
        }
    }

    /// Fails with every error collected so far.
    pub(super) fn finish(self) -> Result<(), ApiError> {
        if self.errors.is_empty() { Ok(()) } else { Err(ApiError::Validation(self.errors)) }
    }
}

/// `number` as a limit: 0 means no limit, as upstream reads it.
pub(super) fn limit_from_number(number: u64) -> Option<u64> {
    (number > 0).then_some(number)
}
