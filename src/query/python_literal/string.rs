//! Python string literals: quotes, prefixes and backslash escapes.

use super::Parser;
use crate::query::error::SelectorError;

impl Parser<'_> {
    /// Parses a single- or double-quoted string. `raw` keeps backslashes as `r'...'` does.
    pub(super) fn string(&mut self, raw: bool) -> Result<String, SelectorError> {
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
            'N' => {
                return Err(
                    self.error_at(escape_start, "named escapes `\\N{...}` are not supported")
                );
            }
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
