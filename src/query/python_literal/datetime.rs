//! `datetime.datetime(...)` calls, as `repr()` writes them, converted to `$date` values.

use chrono::NaiveDate;
use serde_json::Value;

use super::Parser;
use crate::query::error::SelectorError;

impl Parser<'_> {
    /// Parses `datetime.datetime(year, month, day[, hour[, minute[, second[, microsecond]]]])`
    /// with an optional `tzinfo=datetime.timezone.utc`, after the leading `datetime`.
    pub(super) fn datetime(&mut self, start: usize, depth: usize) -> Result<Value, SelectorError> {
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

    /// Accepts `tzinfo=datetime.timezone.utc`, given `rest`, the text after `tzinfo`.
    fn utc_argument(&mut self, rest: &str) -> Result<(), SelectorError> {
        let argument = rest.trim_start().strip_prefix('=').map(str::trim_start);
        let Some(after) = argument.and_then(|text| text.strip_prefix("datetime.timezone.utc"))
        else {
            let reason =
                "only `tzinfo=datetime.timezone.utc` is supported in datetime.datetime(...)";
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
