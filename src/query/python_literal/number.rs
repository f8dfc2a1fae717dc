//! Python number literals: integers in any base with underscores, and floats.

use serde_json::{Number, Value};

use super::Parser;
use crate::query::error::SelectorError;

impl Parser<'_> {
    pub(super) fn signed_number(&mut self) -> Result<Value, SelectorError> {
        let start = self.position;
        let negative = self.bump() == Some('-');
        self.skip_whitespace();
        match self.peek() {
            Some(next) if next.is_ascii_digit() || next == '.' => self.number(start, negative),
            _ => Err(self.error_at(start, "expected a number after the sign")),
        }
    }

    /// Parses a number token at the current position, whose sign (if any) began at `start`.
    pub(super) fn number(&mut self, start: usize, negative: bool) -> Result<Value, SelectorError> {
        let token_start = self.position;
        let mut previous = '\0';
        while let Some(next) = self.peek() {
            let exponent_sign = matches!(next, '+' | '-') && matches!(previous, 'e' | 'E');
            let in_token =
                next.is_ascii_alphanumeric() || matches!(next, '_' | '.') || exponent_sign;
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

/// Converts a number token without underscores, or returns the reason it is invalid.
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
