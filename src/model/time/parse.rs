//! The parser of timestamp spellings: ISO 8601 text, zone offsets and unix times.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Offset, Utc};
use serde_json::Number;

use super::{MILLISECONDS_THRESHOLD, OFFSET_LIMIT_SECONDS, TimeErrorKind, Timestamp};

/// A read position in the text being parsed. It always sits on a character boundary because
/// only ASCII characters and the three-byte minus sign are consumed.
struct Cursor<'a> {
    text: &'a str,
    position: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Cursor { text, position: 0 }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.position).copied()
    }

    fn at_end(&self) -> bool {
        self.position == self.text.len()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let matched = self.peek() == Some(byte);
        if matched {
            self.position += 1;
        }
        matched
    }

    fn expect(&mut self, byte: u8, expected: &'static str) -> Result<(), TimeErrorKind> {
        if self.eat(byte) { Ok(()) } else { Err(self.error_expecting(expected)) }
    }

    /// Reads exactly `count` ASCII digits as a number.
    fn digits(&mut self, count: usize, expected: &'static str) -> Result<u32, TimeErrorKind> {
        let mut value = 0;
        for _ in 0..count {
            match self.peek() {
                Some(byte) if byte.is_ascii_digit() => value = value * 10 + u32::from(byte - b'0'),
                _ => return Err(self.error_expecting(expected)),
            }
            self.position += 1;
        }
        Ok(value)
    }

    fn next_char(&self) -> Option<char> {
        self.text[self.position..].chars().next()
    }

    fn error_expecting(&self, expected: &'static str) -> TimeErrorKind {
        TimeErrorKind::Expected { expected, at: self.position, found: self.next_char() }
    }
}

pub(super) fn parse_date_time(text: &str) -> Result<Timestamp, TimeErrorKind> {
    let mut cursor = Cursor::new(text);
    let date = parse_date(&mut cursor)?;
    if cursor.at_end() {
        return Ok(Timestamp { naive: date.and_time(NaiveTime::MIN), offset: None });
    }
    match cursor.peek() {
        Some(b'T' | b't' | b' ' | b'_') => cursor.position += 1,
        _ => return Err(cursor.error_expecting("`T` or a space after the date")),
    }
    let time = parse_time(&mut cursor)?;
    let offset = parse_offset(&mut cursor)?;
    if let Some(found) = cursor.next_char() {
        let at = cursor.position;
        return Err(TimeErrorKind::Unexpected { at, found });
    }
    Ok(Timestamp { naive: date.and_time(time), offset })
}

/// Reads `YYYY-MM-DD`. Range checks follow speedate's order: month, day, then year 0, which
/// speedate accepts and Python rejects.
fn parse_date(cursor: &mut Cursor<'_>) -> Result<NaiveDate, TimeErrorKind> {
    let year = cursor.digits(4, "a year digit")?;
    cursor.expect(b'-', "`-` after the year")?;
    let month = cursor.digits(2, "a month digit")?;
    cursor.expect(b'-', "`-` after the month")?;
    let day = cursor.digits(2, "a day digit")?;
    if !(1..=12).contains(&month) {
        return Err(TimeErrorKind::MonthOutOfRange);
    }
    let max = days_in_month(year, month);
    if !(1..=max).contains(&day) {
        return Err(TimeErrorKind::DayOutOfRange { max });
    }
    if year == 0 {
        return Err(TimeErrorKind::YearOutOfRange);
    }
    NaiveDate::from_ymd_opt(year as i32, month, day).ok_or(TimeErrorKind::YearOutOfRange)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Reads `HH:MM[:SS[(.|,)f…]]`. A fraction needs seconds before it and at least one digit.
fn parse_time(cursor: &mut Cursor<'_>) -> Result<NaiveTime, TimeErrorKind> {
    let hour = cursor.digits(2, "an hour digit")?;
    cursor.expect(b':', "`:` after the hour")?;
    let minute = cursor.digits(2, "a minute digit")?;
    if hour > 23 {
        return Err(TimeErrorKind::HourOutOfRange);
    }
    if minute > 59 {
        return Err(TimeErrorKind::MinuteOutOfRange);
    }
    let (mut second, mut micros) = (0, 0);
    if cursor.eat(b':') {
        second = cursor.digits(2, "a second digit")?;
        if second > 59 {
            return Err(TimeErrorKind::SecondOutOfRange);
        }
        if cursor.eat(b'.') || cursor.eat(b',') {
            micros = parse_fraction(cursor)?;
        }
    }
    NaiveTime::from_hms_micro_opt(hour, minute, second, micros)
        .ok_or(TimeErrorKind::SecondOutOfRange)
}

/// Reads one or more fraction digits and returns them as microseconds, dropping digits past
/// the sixth as pydantic does.
fn parse_fraction(cursor: &mut Cursor<'_>) -> Result<u32, TimeErrorKind> {
    let start = cursor.position;
    let mut micros = 0;
    let mut scale = 100_000;
    while let Some(byte) = cursor.peek().filter(u8::is_ascii_digit) {
        micros += u32::from(byte - b'0') * scale;
        scale /= 10;
        cursor.position += 1;
    }
    if cursor.position == start {
        return Err(cursor.error_expecting("a fraction digit"));
    }
    Ok(micros)
}

/// Reads an optional `Z`, `z` or signed offset. The minus sign may be ASCII `-` or U+2212.
fn parse_offset(cursor: &mut Cursor<'_>) -> Result<Option<FixedOffset>, TimeErrorKind> {
    let Some(found) = cursor.next_char() else {
        return Ok(None);
    };
    let sign = match found {
        'Z' | 'z' => {
            cursor.position += 1;
            return Ok(Some(Utc.fix()));
        }
        '+' => 1,
        '-' | '\u{2212}' => -1,
        _ => {
            let at = cursor.position;
            return Err(TimeErrorKind::Unexpected { at, found });
        }
    };
    cursor.position += found.len_utf8();
    let seconds = parse_offset_magnitude(cursor)?;
    let offset = FixedOffset::east_opt(sign * seconds as i32);
    offset.map(Some).ok_or(TimeErrorKind::OffsetOutOfRange)
}

/// Reads `HH:MM` or `HHMM` after an offset sign and returns the offset in seconds.
fn parse_offset_magnitude(cursor: &mut Cursor<'_>) -> Result<u32, TimeErrorKind> {
    let hours = cursor.digits(2, "an offset hour digit")?;
    cursor.eat(b':');
    let minutes = cursor.digits(2, "an offset minute digit")?;
    if minutes > 59 {
        return Err(TimeErrorKind::OffsetMinuteOutOfRange);
    }
    let seconds = hours * 3600 + minutes * 60;
    if seconds >= OFFSET_LIMIT_SECONDS {
        return Err(TimeErrorKind::OffsetOutOfRange);
    }
    Ok(seconds)
}

/// Parses a zone offset `±HH:MM`, `±HHMM` or `±HH:MM:SS`, the last so that every
/// [`FixedOffset`] that [`NaiveZone`] displays parses back.
pub(super) fn parse_zone_offset(text: &str) -> Option<FixedOffset> {
    let mut cursor = Cursor::new(text);
    let sign = match cursor.peek() {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => return None,
    };
    cursor.position += 1;
    let mut seconds = parse_offset_magnitude(&mut cursor).ok()?;
    if cursor.eat(b':') {
        seconds += cursor.digits(2, "an offset second digit").ok().filter(|s| *s <= 59)?;
    }
    if !cursor.at_end() || seconds >= OFFSET_LIMIT_SECONDS {
        return None;
    }
    FixedOffset::east_opt(sign * seconds as i32)
}

/// Parses `text` as a unix time when it is spelled as a number, the way speedate does: an
/// optional sign and digits, or an optional sign, digits, `.`, digits and an optional
/// exponent (`1.5e3` is accepted, `1e3` is not). Returns `None` for any other text.
pub(super) fn parse_unix_text(text: &str) -> Option<Result<Timestamp, TimeErrorKind>> {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let integer_digits = unsigned.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &unsigned[integer_digits..];
    if rest.is_empty() && integer_digits > 0 {
        let seconds = text.parse::<i64>();
        return Some(seconds.map_or(Err(TimeErrorKind::UnixOutOfRange), from_unix_integer));
    }
    let fraction = rest.strip_prefix('.')?;
    if !is_decimal_tail(fraction, integer_digits > 0) {
        return None;
    }
    let value = text.parse::<f64>().ok()?;
    if !value.is_finite() {
        return Some(Err(TimeErrorKind::UnixOutOfRange));
    }
    Some(from_unix_decimal_text(value))
}

/// Checks the part after the decimal point: digits, then an optional exponent `e`/`E`, an
/// optional sign and at least one digit. The number needs a digit on one side of the point.
fn is_decimal_tail(tail: &str, has_integer_digits: bool) -> bool {
    let fraction_digits = tail.bytes().take_while(u8::is_ascii_digit).count();
    if !has_integer_digits && fraction_digits == 0 {
        return false;
    }
    let exponent = &tail[fraction_digits..];
    if exponent.is_empty() {
        return true;
    }
    let Some(exponent) = exponent.strip_prefix(['e', 'E']) else {
        return false;
    };
    let exponent_digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    !exponent_digits.is_empty() && exponent_digits.bytes().all(|byte| byte.is_ascii_digit())
}

pub(super) fn from_json_number(number: &Number) -> Result<Timestamp, TimeErrorKind> {
    if let Some(integer) = number.as_i64() {
        from_unix_integer(integer)
    } else if number.is_u64() {
        Err(TimeErrorKind::UnixOutOfRange)
    } else {
        number.as_f64().map_or(Err(TimeErrorKind::UnixOutOfRange), from_unix_float)
    }
}

fn exceeds_seconds_range(value: f64) -> bool {
    value.abs() > MILLISECONDS_THRESHOLD as f64
}

fn from_unix_integer(value: i64) -> Result<Timestamp, TimeErrorKind> {
    let scale = if value.unsigned_abs() > MILLISECONDS_THRESHOLD { 1_000 } else { 1_000_000 };
    let micros = value.checked_mul(scale).ok_or(TimeErrorKind::UnixOutOfRange)?;
    from_unix_micros(micros)
}

/// Converts a JSON number, scaling the fraction of a millisecond value by 1000 microseconds.
///
/// NOTE: a negative number with a fraction becomes its true instant (`-1.25` is
/// 1969-12-31T23:59:58.750000Z). pydantic 2.13 adds the fraction's magnitude to the floor of a
/// JSON number instead and gives `…58.250000Z`.
pub(super) fn from_unix_float(value: f64) -> Result<Timestamp, TimeErrorKind> {
    if !value.is_finite() {
        return Err(TimeErrorKind::NotFinite);
    }
    let micros_per_unit = if exceeds_seconds_range(value) { 1_000 } else { 1_000_000 };
    from_unix_units(value, micros_per_unit)
}

/// Converts the value of a decimal string as speedate does for strings: a millisecond value is
/// divided to seconds before its fraction is rounded, which can round the last microsecond
/// differently from a JSON number with the same digits.
///
/// NOTE: speedate then reads a second count above 2e10 as milliseconds once more, so strings
/// above 2e13 such as `25000000000000.0` land in the 1970s. Here they count milliseconds once,
/// like the same digits without the fraction.
fn from_unix_decimal_text(value: f64) -> Result<Timestamp, TimeErrorKind> {
    let seconds = if exceeds_seconds_range(value) { value / 1_000.0 } else { value };
    from_unix_units(seconds, 1_000_000)
}

/// Splits `units` into whole units and a fraction rounded to the microsecond, so that large
/// values keep their microseconds.
fn from_unix_units(units: f64, micros_per_unit: i64) -> Result<Timestamp, TimeErrorKind> {
    let whole = units.floor();
    let fraction_micros = ((units - whole) * micros_per_unit as f64).round() as i64;
    // `as` saturates, so a huge `whole` overflows the checked multiplication below.
    let micros = (whole as i64)
        .checked_mul(micros_per_unit)
        .and_then(|micros| micros.checked_add(fraction_micros))
        .ok_or(TimeErrorKind::UnixOutOfRange)?;
    from_unix_micros(micros)
}

fn from_unix_micros(micros: i64) -> Result<Timestamp, TimeErrorKind> {
    let instant = DateTime::from_timestamp_micros(micros).ok_or(TimeErrorKind::UnixOutOfRange)?;
    if !(1..=9999).contains(&instant.year()) {
        return Err(TimeErrorKind::UnixOutOfRange);
    }
    Ok(Timestamp::from_utc(instant))
}
