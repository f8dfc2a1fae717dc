//! Event timestamps: parsing, rendering and conversion to instants.
//!
//! [`Timestamp`] accepts the spellings that pydantic 2.13 accepts for a `datetime` field in lax
//! mode (pydantic-core 2.46, whose datetime parser is `speedate`). It keeps the wall-clock value
//! and the offset as the client wrote them. It renders them the way pydantic's JSON mode and
//! Python's `datetime.isoformat()` do. A timestamp without an offset becomes an instant only
//! through a [`NaiveZone`].

use std::fmt;
use std::str::FromStr;

use chrono::{
    DateTime, Datelike, FixedOffset, Local, MappedLocalTime, NaiveDate, NaiveDateTime, NaiveTime,
    Offset, TimeDelta, TimeZone, Timelike, Utc,
};
use chrono_tz::Tz;
use serde_json::{Number, Value};

/// Absolute unix time above which a number counts as milliseconds rather than seconds.
/// 2e10 seconds is 2603-10-11, 2e10 milliseconds is 1970-08-20.
const MILLISECONDS_THRESHOLD: u64 = 20_000_000_000;

/// Maximum number of input characters that an error message quotes.
const QUOTED_INPUT_MAX_CHARS: usize = 100;

/// Offsets must stay below this many seconds, as in Python's `timezone`.
const OFFSET_LIMIT_SECONDS: u32 = 24 * 3600;

/// A timestamp as a client wrote it: wall-clock date-time plus the offset, if any.
///
/// Equality compares the written form, so `12:00Z` equals `12:00+00:00` but not `14:00+02:00`.
/// Compare [`Timestamp::instant`] values to order timestamps in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timestamp {
    /// Wall-clock date-time at microsecond precision.
    naive: NaiveDateTime,
    /// Offset from UTC under 24 hours, or `None` for a naive timestamp.
    offset: Option<FixedOffset>,
}

impl Timestamp {
    /// Parses a string spelling: an ISO 8601 date-time, a date alone, or a unix time.
    ///
    /// The date-time form is `YYYY-MM-DD`, a separator (`T`, `t`, space or `_`), `HH:MM`,
    /// optional `:SS`, an optional fraction after `.` or `,` (digits past the sixth are
    /// dropped), then an optional `Z`, `z`, `±HH:MM` or `±HHMM`. A date alone is midnight
    /// without an offset. A plain integer or decimal number is a unix time as in
    /// [`Timestamp::from_unix`]. Surrounding spaces are rejected.
    pub fn parse(text: &str) -> Result<Timestamp, TimeError> {
        if text.is_empty() {
            return Err(TimeError::invalid(text, TimeErrorKind::Empty));
        }
        let date_time_error = match parse_date_time(text) {
            Ok(timestamp) => return Ok(timestamp),
            Err(kind) => kind,
        };
        match parse_unix_text(text) {
            Some(result) => result.map_err(|kind| TimeError::invalid(text, kind)),
            None => Err(TimeError::invalid(text, date_time_error)),
        }
    }

    /// Converts a unix time to a UTC timestamp.
    ///
    /// The number counts seconds, or milliseconds when its absolute value exceeds 2e10. The
    /// fraction is rounded to the nearest microsecond. NaN, infinities and instants outside
    /// years 1..=9999 are rejected.
    pub fn from_unix(seconds_or_millis: f64) -> Result<Timestamp, TimeError> {
        from_unix_float(seconds_or_millis)
            .map_err(|kind| TimeError::invalid(&format!("{seconds_or_millis:?}"), kind))
    }

    /// Converts a JSON string or number as [`Timestamp::parse`] or [`Timestamp::from_unix`] do.
    ///
    /// JSON integers are converted exactly, without a detour through `f64`. Other JSON types
    /// are rejected.
    pub fn from_json(value: &Value) -> Result<Timestamp, TimeError> {
        match value {
            Value::String(text) => Timestamp::parse(text),
            Value::Number(number) => from_json_number(number)
                .map_err(|kind| TimeError::invalid(&number.to_string(), kind)),
            other => Err(TimeError::WrongType { input: quote_input(&other.to_string()) }),
        }
    }

    /// Wraps a UTC instant as a timestamp with a zero offset, dropping digits past the
    /// microsecond. A leap second becomes the last microsecond of the second before it. Years
    /// outside 1..=9999 are kept, although pydantic would reject their rendering.
    pub fn from_utc(instant: DateTime<Utc>) -> Timestamp {
        Timestamp { naive: truncate_to_micros(instant.naive_utc()), offset: Some(Utc.fix()) }
    }

    /// Wraps a wall-clock date-time as a timestamp without an offset, dropping digits past the
    /// microsecond as [`Timestamp::from_utc`] does.
    pub fn from_naive(naive: NaiveDateTime) -> Timestamp {
        Timestamp { naive: truncate_to_micros(naive), offset: None }
    }

    /// Returns the wall-clock date-time as written, without its offset.
    pub fn naive(&self) -> NaiveDateTime {
        self.naive
    }

    /// Returns the written offset, or `None` for a naive timestamp.
    pub fn offset(&self) -> Option<FixedOffset> {
        self.offset
    }

    /// Renders the timestamp as pydantic's JSON mode does: a zero offset becomes `Z`.
    ///
    /// The form is `YYYY-MM-DDTHH:MM:SS`, then `.ffffff` only when the microseconds are not
    /// zero, then nothing for a naive timestamp, `Z`, or `±HH:MM`.
    pub fn to_pydantic_string(&self) -> String {
        self.render("Z")
    }

    /// Renders the timestamp as Python's `datetime.isoformat()` does: a zero offset becomes
    /// `+00:00`, and the rest matches [`Timestamp::to_pydantic_string`].
    pub fn to_isoformat_string(&self) -> String {
        self.render("+00:00")
    }

    /// Converts the timestamp to an instant, reading a naive timestamp in `zone`.
    ///
    /// A naive time that a forward transition skips maps to the instant the gap ends, and a
    /// naive time that a backward transition repeats maps to the earlier of its two instants.
    pub fn instant(&self, zone: &NaiveZone) -> DateTime<Utc> {
        match self.offset {
            Some(offset) => (self.naive - offset).and_utc(),
            None => zone.resolve(self.naive),
        }
    }

    /// Returns [`Timestamp::instant`] as microseconds since the unix epoch.
    pub fn unix_micros(&self, zone: &NaiveZone) -> i64 {
        self.instant(zone).timestamp_micros()
    }

    fn render(&self, zero_offset: &str) -> String {
        let mut text = self.naive.format("%Y-%m-%dT%H:%M:%S").to_string();
        let micros = self.naive.nanosecond() / 1_000;
        if micros != 0 {
            text.push_str(&format!(".{micros:06}"));
        }
        match self.offset {
            None => {}
            Some(offset) if offset.local_minus_utc() == 0 => text.push_str(zero_offset),
            Some(offset) => text.push_str(&format_offset(offset)),
        }
        text
    }
}

/// Returns the current server-local wall-clock time without an offset, at microsecond
/// precision, as Python's `datetime.now()` does.
pub fn local_now_naive() -> Timestamp {
    Timestamp::from_naive(Local::now().naive_local())
}

/// The zone in which timestamps without an offset are read.
///
/// The text form, used by [`FromStr`] and [`fmt::Display`], is `local`, `utc`, a fixed offset
/// such as `+02:00` or `-0530`, or an IANA name such as `Europe/Berlin`.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum NaiveZone {
    /// The process's local zone, which follows `TZ` and `/etc/localtime`.
    #[default]
    Local,
    /// Coordinated Universal Time.
    Utc,
    /// A fixed offset from UTC without daylight saving time.
    Fixed(FixedOffset),
    /// A zone of the IANA time zone database.
    Named(Tz),
}

impl NaiveZone {
    fn resolve(&self, naive: NaiveDateTime) -> DateTime<Utc> {
        match self {
            NaiveZone::Local => resolve_in_zone(&Local, naive),
            NaiveZone::Utc => naive.and_utc(),
            NaiveZone::Fixed(offset) => resolve_in_zone(offset, naive),
            NaiveZone::Named(tz) => resolve_in_zone(tz, naive),
        }
    }
}

impl FromStr for NaiveZone {
    type Err = TimeError;

    /// Parses `local` or `utc` in any case, `Z`, an offset `±HH:MM`, `±HHMM` or `±HH:MM:SS`,
    /// or a case-sensitive IANA name.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || TimeError::InvalidZone { input: quote_input(text) };
        if text.eq_ignore_ascii_case("local") {
            Ok(NaiveZone::Local)
        } else if text.eq_ignore_ascii_case("utc") || text.eq_ignore_ascii_case("z") {
            Ok(NaiveZone::Utc)
        } else if text.starts_with(['+', '-']) {
            parse_zone_offset(text).map(NaiveZone::Fixed).ok_or_else(invalid)
        } else {
            text.parse::<Tz>().map(NaiveZone::Named).map_err(|_| invalid())
        }
    }
}

impl fmt::Display for NaiveZone {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NaiveZone::Local => formatter.write_str("local"),
            NaiveZone::Utc => formatter.write_str("utc"),
            NaiveZone::Fixed(offset) => formatter.write_str(&format_offset(*offset)),
            NaiveZone::Named(tz) => formatter.write_str(tz.name()),
        }
    }
}

/// An error from parsing a timestamp or a zone.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
pub enum TimeError {
    /// A string or number that is no valid timestamp.
    #[error("invalid datetime `{input}`: {kind}")]
    Invalid {
        /// The input as written, cut to 100 characters.
        input: String,
        /// The reason it is invalid.
        kind: TimeErrorKind,
    },
    /// A JSON value that is neither a string nor a number.
    #[error("invalid datetime `{input}`: expected a string or a number")]
    WrongType {
        /// The value as compact JSON, cut to 100 characters.
        input: String,
    },
    /// A zone name that [`NaiveZone`] does not know.
    #[error(
        "invalid time zone `{input}`: expected `local`, `utc`, an offset such as `+02:00` \
         or an IANA name such as `Europe/Berlin`"
    )]
    InvalidZone {
        /// The name as written, cut to 100 characters.
        input: String,
    },
}

impl TimeError {
    fn invalid(input: &str, kind: TimeErrorKind) -> TimeError {
        TimeError::Invalid { input: quote_input(input), kind }
    }
}

/// The reason a timestamp is invalid. Byte positions count from 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeErrorKind {
    /// The string is empty.
    Empty,
    /// A required character is missing or wrong.
    Expected {
        /// The expected part, such as "a month digit".
        expected: &'static str,
        /// Byte position of the wrong character or of the end.
        at: usize,
        /// The character found there, or `None` at the end of the input.
        found: Option<char>,
    },
    /// A character follows a complete timestamp.
    Unexpected {
        /// Byte position of the character.
        at: usize,
        /// The character.
        found: char,
    },
    /// The year is 0.
    YearOutOfRange,
    /// The month is outside 1..=12.
    MonthOutOfRange,
    /// The day does not exist in that month.
    DayOutOfRange {
        /// The last day of the month.
        max: u32,
    },
    /// The hour is above 23.
    HourOutOfRange,
    /// The minute is above 59.
    MinuteOutOfRange,
    /// The second is above 59. pydantic rejects leap seconds too.
    SecondOutOfRange,
    /// The minutes of an offset are above 59.
    OffsetMinuteOutOfRange,
    /// The offset is 24 hours or more.
    OffsetOutOfRange,
    /// The unix time is NaN or infinite.
    NotFinite,
    /// The unix time falls outside years 1..=9999.
    UnixOutOfRange,
}

impl fmt::Display for TimeErrorKind {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Empty => formatter.write_str("the value is empty"),
            Self::Expected { expected, at, found } => match found {
                Some(found) => {
                    write!(formatter, "expected {expected} at byte {at}, found `{found}`")
                }
                None => write!(
                    formatter,
                    "expected {expected} at byte {at}, found the end of the input"
                ),
            },
            Self::Unexpected { at, found } => {
                write!(formatter, "unexpected `{found}` at byte {at}")
            }
            Self::YearOutOfRange => formatter.write_str("year must be in 1..=9999"),
            Self::MonthOutOfRange => formatter.write_str("month must be in 1..=12"),
            Self::DayOutOfRange { max } => {
                write!(formatter, "day must be in 1..={max} for this month")
            }
            Self::HourOutOfRange => formatter.write_str("hour must be in 0..=23"),
            Self::MinuteOutOfRange => formatter.write_str("minute must be in 0..=59"),
            Self::SecondOutOfRange => formatter.write_str("second must be in 0..=59"),
            Self::OffsetMinuteOutOfRange => formatter.write_str("offset minute must be in 0..=59"),
            Self::OffsetOutOfRange => formatter.write_str("offset must be less than 24 hours"),
            Self::NotFinite => formatter.write_str("unix time must be a finite number"),
            Self::UnixOutOfRange => formatter.write_str("unix time must fall in years 1..=9999"),
        }
    }
}

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

fn parse_date_time(text: &str) -> Result<Timestamp, TimeErrorKind> {
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
fn parse_zone_offset(text: &str) -> Option<FixedOffset> {
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
fn parse_unix_text(text: &str) -> Option<Result<Timestamp, TimeErrorKind>> {
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

fn from_json_number(number: &Number) -> Result<Timestamp, TimeErrorKind> {
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
fn from_unix_float(value: f64) -> Result<Timestamp, TimeErrorKind> {
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

/// Maps a wall-clock time in `zone` to the first instant whose wall-clock time is at or past
/// it. That is the earlier instant of a repeated time, and the transition for a skipped time.
///
/// Each candidate from `from_local_datetime` is checked against `offset_from_utc_datetime`,
/// because chrono 0.4.45's `Local` on Linux lists the two instants of a repeated time latest
/// first and also reports the first wall-clock time after the repeat as repeated.
fn resolve_in_zone<Z: TimeZone>(zone: &Z, naive: NaiveDateTime) -> DateTime<Utc> {
    let (first, second) = match zone.from_local_datetime(&naive) {
        MappedLocalTime::Single(only) => (Some(only), None),
        MappedLocalTime::Ambiguous(one, other) => (Some(one), Some(other)),
        MappedLocalTime::None => (None, None),
    };
    let is_real = |candidate: &DateTime<Z>| {
        zone.offset_from_utc_datetime(&candidate.naive_utc()).fix() == candidate.offset().fix()
    };
    [first, second]
        .into_iter()
        .flatten()
        .filter(is_real)
        .map(|candidate| candidate.to_utc())
        .min()
        .unwrap_or_else(|| end_of_gap(zone, naive))
}

/// Finds the instant a forward transition ends by bisection over the 50 hours around `naive`,
/// read as UTC. Every offset is under 24 hours, so the wall-clock time 25 hours before that
/// window's middle is before `naive` and 25 hours after it is past `naive`. The search steps in
/// whole microseconds and ends after about 38 steps.
fn end_of_gap<Z: TimeZone>(zone: &Z, naive: NaiveDateTime) -> DateTime<Utc> {
    let start = naive - TimeDelta::hours(25);
    let utc_at = |micros: i64| start + TimeDelta::microseconds(micros);
    let reaches = |utc: NaiveDateTime| utc + zone.offset_from_utc_datetime(&utc).fix() >= naive;
    let (mut before, mut after) = (0, TimeDelta::hours(50).num_microseconds().unwrap_or(i64::MAX));
    while after - before > 1 {
        let middle = before + (after - before) / 2;
        if reaches(utc_at(middle)) {
            after = middle;
        } else {
            before = middle;
        }
    }
    utc_at(after).and_utc()
}

/// Formats an offset as `±HH:MM`, or `±HH:MM:SS` when it has seconds, as Python does.
fn format_offset(offset: FixedOffset) -> String {
    let seconds = offset.local_minus_utc();
    let sign = if seconds < 0 { '-' } else { '+' };
    let magnitude = seconds.unsigned_abs();
    let (hours, minutes) = (magnitude / 3600, magnitude / 60 % 60);
    match magnitude % 60 {
        0 => format!("{sign}{hours:02}:{minutes:02}"),
        rest => format!("{sign}{hours:02}:{minutes:02}:{rest:02}"),
    }
}

/// Drops nanoseconds past the microsecond and folds a leap second into the second before it.
fn truncate_to_micros(naive: NaiveDateTime) -> NaiveDateTime {
    let nanos = naive.nanosecond().min(999_999_999) / 1_000 * 1_000;
    naive.with_nanosecond(nanos).unwrap_or(naive)
}

/// Cuts `text` to [`QUOTED_INPUT_MAX_CHARS`] characters for an error message.
fn quote_input(text: &str) -> String {
    match text.char_indices().nth(QUOTED_INPUT_MAX_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap_or_else(|error| panic!("`{text}` should parse: {error}"))
    }

    fn rejection(text: &str) -> String {
        match Timestamp::parse(text) {
            Ok(timestamp) => panic!("`{text}` parsed as {}", timestamp.to_pydantic_string()),
            Err(error) => error.to_string(),
        }
    }

    fn from_number(value: f64) -> Timestamp {
        Timestamp::from_unix(value).unwrap_or_else(|error| panic!("{value} should parse: {error}"))
    }

    fn from_json_text(json: &str) -> Result<Timestamp, TimeError> {
        let value: Value = serde_json::from_str(json).expect("test JSON is valid");
        Timestamp::from_json(&value)
    }

    fn utc(rfc3339: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(rfc3339).expect("test instant is valid").to_utc()
    }

    fn berlin() -> NaiveZone {
        NaiveZone::Named(chrono_tz::Europe::Berlin)
    }

    fn instant_in(text: &str, zone: &NaiveZone) -> DateTime<Utc> {
        parsed(text).instant(zone)
    }

    #[test]
    fn parse_date_time_spellings() {
        let cases = [
            ("2026-12-04T15:34:37.529985Z", "2026-12-04T15:34:37.529985Z"),
            ("2026-12-04T12:00:00.123Z", "2026-12-04T12:00:00.123000Z"),
            ("2026-12-04T12:00:00+00:00", "2026-12-04T12:00:00Z"),
            ("2026-12-04T12:00:00-00:00", "2026-12-04T12:00:00Z"),
            ("2026-12-04T12:00:00z", "2026-12-04T12:00:00Z"),
            ("2026-12-04T12:00:00.000000", "2026-12-04T12:00:00"),
            ("2026-12-04T12:00:00-05:00", "2026-12-04T12:00:00-05:00"),
            ("2026-12-04T12:00:00+0530", "2026-12-04T12:00:00+05:30"),
            ("2026-12-04T12:00:00\u{2212}05:00", "2026-12-04T12:00:00-05:00"),
            ("2026-12-04T12:00:00+23:59", "2026-12-04T12:00:00+23:59"),
            ("2026-12-04T17:34:37+02:00", "2026-12-04T17:34:37+02:00"),
            ("2026-12-04T12:00:00.5+02:00", "2026-12-04T12:00:00.500000+02:00"),
            ("2026-12-04 12:00", "2026-12-04T12:00:00"),
            ("2026-12-04t12:00", "2026-12-04T12:00:00"),
            ("2026-12-04_12:00", "2026-12-04T12:00:00"),
            ("2026-12-04T12:00Z", "2026-12-04T12:00:00Z"),
            ("2026-12-04T12:00:00,5", "2026-12-04T12:00:00.500000"),
            ("2026-12-04T12:00:00.1234567899", "2026-12-04T12:00:00.123456"),
            ("2026-04-09T14:47:11.482913", "2026-04-09T14:47:11.482913"),
            ("2024-02-29T10:00", "2024-02-29T10:00:00"),
            ("0001-01-01T00:00", "0001-01-01T00:00:00"),
            ("9999-12-31T23:59:59.999999-05:00", "9999-12-31T23:59:59.999999-05:00"),
        ];
        for (input, expected) in cases {
            assert_eq!(parsed(input).to_pydantic_string(), expected, "input `{input}`");
        }
    }

    #[test]
    fn parse_date_alone_is_naive_midnight() {
        let timestamp = parsed("2026-12-04");
        assert_eq!(timestamp.to_pydantic_string(), "2026-12-04T00:00:00");
        assert_eq!(timestamp.offset(), None);
    }

    #[test]
    fn parse_number_strings() {
        let cases = [
            ("1700000000", "2023-11-14T22:13:20Z"),
            ("+1700000000", "2023-11-14T22:13:20Z"),
            ("-1700000000", "1916-02-18T01:46:40Z"),
            ("0", "1970-01-01T00:00:00Z"),
            ("-0", "1970-01-01T00:00:00Z"),
            ("1700000000.5", "2023-11-14T22:13:20.500000Z"),
            ("1700000000.1234567", "2023-11-14T22:13:20.123457Z"),
            ("1700000000123", "2023-11-14T22:13:20.123000Z"),
            ("1700000000123.456", "2023-11-14T22:13:20.123456Z"),
            ("849705534305.0365", "1996-12-04T13:18:54.305037Z"),
            ("-1.25", "1969-12-31T23:59:58.750000Z"),
            ("-.5", "1969-12-31T23:59:59.500000Z"),
            (".5", "1970-01-01T00:00:00.500000Z"),
            ("5.", "1970-01-01T00:00:05Z"),
            ("1.5e3", "1970-01-01T00:25:00Z"),
            ("1.e3", "1970-01-01T00:16:40Z"),
        ];
        for (input, expected) in cases {
            assert_eq!(parsed(input).to_pydantic_string(), expected, "input `{input}`");
        }
    }

    #[test]
    fn parse_keeps_written_form() {
        assert_eq!(parsed("2026-12-04T12:00:00Z"), parsed("2026-12-04T12:00:00+00:00"));
        assert_ne!(parsed("2026-12-04T12:00:00Z"), parsed("2026-12-04T14:00:00+02:00"));
        assert_ne!(parsed("2026-12-04T12:00:00Z"), parsed("2026-12-04T12:00:00"));
        let offset = parsed("2026-12-04T17:34:37+02:00").offset();
        assert_eq!(offset, FixedOffset::east_opt(7200));
        let naive = NaiveDate::from_ymd_opt(2026, 12, 4).and_then(|d| d.and_hms_opt(17, 34, 37));
        assert_eq!(Some(parsed("2026-12-04T17:34:37+02:00").naive()), naive);
    }

    #[test]
    fn parse_rejections_name_input_and_problem() {
        let cases = [
            ("", "invalid datetime ``: the value is empty"),
            ("2026-13-01", "invalid datetime `2026-13-01`: month must be in 1..=12"),
            ("2026-00-01", "invalid datetime `2026-00-01`: month must be in 1..=12"),
            ("2026-02-30", "invalid datetime `2026-02-30`: day must be in 1..=28 for this month"),
            (
                "2026-02-29T10:00",
                "invalid datetime `2026-02-29T10:00`: day must be in 1..=28 for this month",
            ),
            ("2026-04-31", "invalid datetime `2026-04-31`: day must be in 1..=30 for this month"),
            ("2026-01-00", "invalid datetime `2026-01-00`: day must be in 1..=31 for this month"),
            ("0000-01-01", "invalid datetime `0000-01-01`: year must be in 1..=9999"),
            (
                "2026-12-04T24:00:00",
                "invalid datetime `2026-12-04T24:00:00`: hour must be in 0..=23",
            ),
            ("2026-12-04T23:60", "invalid datetime `2026-12-04T23:60`: minute must be in 0..=59"),
            (
                "2026-12-04T12:00:60",
                "invalid datetime `2026-12-04T12:00:60`: second must be in 0..=59",
            ),
            (
                "2026-12-04T12:00:00+24:00",
                "invalid datetime `2026-12-04T12:00:00+24:00`: offset must be less than 24 hours",
            ),
            (
                "2026-12-04T12:00:00+23:60",
                "invalid datetime `2026-12-04T12:00:00+23:60`: offset minute must be in 0..=59",
            ),
            (
                "2026-12-04T12:00:00+05",
                "invalid datetime `2026-12-04T12:00:00+05`: expected an offset minute digit \
                 at byte 22, found the end of the input",
            ),
            (
                "2026-12-04T12:00:00.",
                "invalid datetime `2026-12-04T12:00:00.`: expected a fraction digit at byte 20, \
                 found the end of the input",
            ),
            (
                "2026-12-04T12:00.5",
                "invalid datetime `2026-12-04T12:00.5`: unexpected `.` at byte 16",
            ),
            (
                " 2026-12-04T12:00:00Z",
                "invalid datetime ` 2026-12-04T12:00:00Z`: expected a year digit at byte 0, \
                 found ` `",
            ),
            (
                "2026-12-04T12:00:00Z ",
                "invalid datetime `2026-12-04T12:00:00Z `: unexpected ` ` at byte 20",
            ),
            (
                "2026-12-04 ",
                "invalid datetime `2026-12-04 `: expected an hour digit at byte 11, \
                 found the end of the input",
            ),
            (
                "2026/12/04",
                "invalid datetime `2026/12/04`: expected `-` after the year at byte 4, found `/`",
            ),
            (
                "2026-12-04x12:00",
                "invalid datetime `2026-12-04x12:00`: expected `T` or a space after the date \
                 at byte 10, found `x`",
            ),
            (
                "2026-12-04T12-00",
                "invalid datetime `2026-12-04T12-00`: expected `:` after the hour at byte 13, \
                 found `-`",
            ),
            ("abc", "invalid datetime `abc`: expected a year digit at byte 0, found `a`"),
            ("1e3", "invalid datetime `1e3`: expected a year digit at byte 1, found `e`"),
            ("nan", "invalid datetime `nan`: expected a year digit at byte 0, found `n`"),
            (
                "99999999999999999999",
                "invalid datetime `99999999999999999999`: unix time must fall in years 1..=9999",
            ),
            (
                "253402300800000",
                "invalid datetime `253402300800000`: unix time must fall in years 1..=9999",
            ),
            (
                "-62135596800001",
                "invalid datetime `-62135596800001`: unix time must fall in years 1..=9999",
            ),
            ("1.5e400", "invalid datetime `1.5e400`: unix time must fall in years 1..=9999"),
        ];
        for (input, expected) in cases {
            assert_eq!(rejection(input), expected, "input `{input}`");
        }
    }

    #[test]
    fn parse_rejection_cuts_long_input() {
        let input = "x".repeat(150);
        let expected = format!("invalid datetime `{}…`: ", "x".repeat(100));
        assert!(rejection(&input).starts_with(&expected), "{}", rejection(&input));
    }

    #[test]
    fn parse_rejection_kind_is_structured() {
        let error = Timestamp::parse("2026-13-01").expect_err("month 13 is invalid");
        let expected = TimeError::Invalid {
            input: "2026-13-01".to_owned(),
            kind: TimeErrorKind::MonthOutOfRange,
        };
        assert_eq!(error, expected);
    }

    #[test]
    fn isoformat_writes_zero_offset_as_digits() {
        let cases = [
            ("2026-12-04T15:34:37.529985Z", "2026-12-04T15:34:37.529985+00:00"),
            ("2026-12-04T12:00:00.123Z", "2026-12-04T12:00:00.123000+00:00"),
            ("2026-12-04T12:00:00-05:00", "2026-12-04T12:00:00-05:00"),
            ("2026-12-04T12:00:00.000", "2026-12-04T12:00:00"),
            ("2026-12-04", "2026-12-04T00:00:00"),
            ("1700000000", "2023-11-14T22:13:20+00:00"),
        ];
        for (input, expected) in cases {
            assert_eq!(parsed(input).to_isoformat_string(), expected, "input `{input}`");
        }
    }

    #[test]
    fn unix_number_millis_cutoff() {
        let cases = [
            (2e10, "2603-10-11T11:33:20Z"),
            (20_000_000_001.0, "1970-08-20T11:33:20.001000Z"),
            (-2e10, "1336-03-23T12:26:40Z"),
            (-20_000_000_001.0, "1969-05-14T12:26:39.999000Z"),
            (1_700_000_000.5, "2023-11-14T22:13:20.500000Z"),
            (1_700_000_000_123.456, "2023-11-14T22:13:20.123456Z"),
            (-0.5, "1969-12-31T23:59:59.500000Z"),
            (253_402_300_799_999.0, "9999-12-31T23:59:59.999000Z"),
            (-62_135_596_800_000.0, "0001-01-01T00:00:00Z"),
        ];
        for (input, expected) in cases {
            assert_eq!(from_number(input).to_pydantic_string(), expected, "input {input}");
        }
    }

    #[test]
    fn unix_string_cutoff_matches_numbers() {
        assert_eq!(parsed("20000000000").to_pydantic_string(), "2603-10-11T11:33:20Z");
        assert_eq!(parsed("20000000001").to_pydantic_string(), "1970-08-20T11:33:20.001000Z");
        assert_eq!(parsed("-20000000001").to_pydantic_string(), "1969-05-14T12:26:39.999000Z");
    }

    #[test]
    fn unix_has_utc_offset() {
        assert_eq!(from_number(0.0).offset(), Some(Utc.fix()));
        assert_eq!(parsed("0").offset(), Some(Utc.fix()));
    }

    #[test]
    fn unix_rejections() {
        let cases = [
            (f64::NAN, "invalid datetime `NaN`: unix time must be a finite number"),
            (f64::INFINITY, "invalid datetime `inf`: unix time must be a finite number"),
            (f64::NEG_INFINITY, "invalid datetime `-inf`: unix time must be a finite number"),
            (1e300, "invalid datetime `1e300`: unix time must fall in years 1..=9999"),
            (
                253_402_300_800_000.0,
                "invalid datetime `253402300800000.0`: unix time must fall in years 1..=9999",
            ),
            (
                -62_135_596_800_001.0,
                "invalid datetime `-62135596800001.0`: unix time must fall in years 1..=9999",
            ),
        ];
        for (input, expected) in cases {
            let error = Timestamp::from_unix(input).expect_err("number is out of range");
            assert_eq!(error.to_string(), expected, "input {input}");
        }
    }

    #[test]
    fn json_strings_and_numbers() {
        let cases = [
            (r#""2026-12-04T12:00:00+00:00""#, "2026-12-04T12:00:00Z"),
            ("1700000000", "2023-11-14T22:13:20Z"),
            ("1700000000.5", "2023-11-14T22:13:20.500000Z"),
            ("20000000000", "2603-10-11T11:33:20Z"),
            ("20000000001", "1970-08-20T11:33:20.001000Z"),
            ("253402300799999", "9999-12-31T23:59:59.999000Z"),
            ("-62135596800000", "0001-01-01T00:00:00Z"),
        ];
        for (input, expected) in cases {
            let timestamp = from_json_text(input).expect("JSON value is a valid timestamp");
            assert_eq!(timestamp.to_pydantic_string(), expected, "input {input}");
        }
    }

    #[test]
    fn json_rejections() {
        let cases = [
            ("true", "invalid datetime `true`: expected a string or a number"),
            ("null", "invalid datetime `null`: expected a string or a number"),
            ("[1]", "invalid datetime `[1]`: expected a string or a number"),
            (r#"{"a":1}"#, r#"invalid datetime `{"a":1}`: expected a string or a number"#),
            (r#""""#, "invalid datetime ``: the value is empty"),
            (
                "253402300800000",
                "invalid datetime `253402300800000`: unix time must fall in years 1..=9999",
            ),
            (
                "18446744073709551615",
                "invalid datetime `18446744073709551615`: unix time must fall in years 1..=9999",
            ),
        ];
        for (input, expected) in cases {
            let error = from_json_text(input).expect_err("JSON value is rejected");
            assert_eq!(error.to_string(), expected, "input {input}");
        }
    }

    #[test]
    fn from_utc_truncates_to_micros() {
        let timestamp = Timestamp::from_utc(utc("2026-01-01T00:00:00.123456789Z"));
        assert_eq!(timestamp.to_pydantic_string(), "2026-01-01T00:00:00.123456Z");
        assert_eq!(timestamp.offset(), Some(Utc.fix()));
    }

    #[test]
    fn from_naive_has_no_offset() {
        let naive = utc("2026-01-01T00:00:00.123456789Z").naive_utc();
        let timestamp = Timestamp::from_naive(naive);
        assert_eq!(timestamp.to_isoformat_string(), "2026-01-01T00:00:00.123456");
        assert_eq!(timestamp.offset(), None);
    }

    #[test]
    fn local_now_is_naive_micros() {
        let before = Local::now().naive_local() - TimeDelta::seconds(1);
        let now = local_now_naive();
        let after = Local::now().naive_local() + TimeDelta::seconds(1);
        assert_eq!(now.offset(), None);
        assert_eq!(now.naive().nanosecond() % 1_000, 0);
        assert!(before <= now.naive(), "{now:?}");
        assert!(now.naive() <= after, "{now:?}");
    }

    #[test]
    fn instant_orders_across_offsets() {
        let plus_two = instant_in("2026-01-01T10:00:00+02:00", &NaiveZone::Utc);
        let zulu = instant_in("2026-01-01T09:30:00Z", &NaiveZone::Utc);
        assert_eq!(plus_two, utc("2026-01-01T08:00:00Z"));
        assert!(plus_two < zulu);
        let offset_event = instant_in("2026-12-04T17:34:37+02:00", &NaiveZone::Utc);
        let later_event = instant_in("2026-12-04T15:34:37.529985Z", &NaiveZone::Utc);
        assert!(offset_event < later_event);
        let minus_five = instant_in("2026-12-04T12:00:00-05:00", &berlin());
        assert_eq!(minus_five, utc("2026-12-04T17:00:00Z"));
    }

    #[test]
    fn instant_ignores_zone_when_offset_written() {
        let timestamp = parsed("2026-07-01T12:00:00+05:30");
        let expected = utc("2026-07-01T06:30:00Z");
        for zone in [NaiveZone::Local, NaiveZone::Utc, berlin()] {
            assert_eq!(timestamp.instant(&zone), expected, "zone {zone}");
        }
    }

    #[test]
    fn instant_reads_naive_in_zone() {
        let winter = "2026-01-15T12:00:00";
        let summer = "2026-07-15T12:00:00";
        assert_eq!(instant_in(winter, &NaiveZone::Utc), utc("2026-01-15T12:00:00Z"));
        let fixed = NaiveZone::Fixed(FixedOffset::west_opt(5 * 3600).expect("valid offset"));
        assert_eq!(instant_in(winter, &fixed), utc("2026-01-15T17:00:00Z"));
        assert_eq!(instant_in(winter, &berlin()), utc("2026-01-15T11:00:00Z"));
        assert_eq!(instant_in(summer, &berlin()), utc("2026-07-15T10:00:00Z"));
    }

    #[test]
    fn instant_in_local_zone_follows_chrono() {
        let timestamp = parsed("2026-01-15T12:00:00");
        let expected = Local.from_local_datetime(&timestamp.naive()).earliest();
        assert_eq!(Some(timestamp.instant(&NaiveZone::Local)), expected.map(|t| t.to_utc()));
    }

    #[test]
    fn instant_in_dst_gap_is_gap_end() {
        // Berlin skips 02:00..03:00 on 2026-03-29, so the gap ends at 01:00 UTC.
        let cases = [
            ("2026-03-29T01:59:59.999999", "2026-03-29T00:59:59.999999Z"),
            ("2026-03-29T02:00:00", "2026-03-29T01:00:00Z"),
            ("2026-03-29T02:30:00", "2026-03-29T01:00:00Z"),
            ("2026-03-29T02:59:59.999999", "2026-03-29T01:00:00Z"),
            ("2026-03-29T03:00:00", "2026-03-29T01:00:00Z"),
            ("2026-03-29T03:00:00.000001", "2026-03-29T01:00:00.000001Z"),
        ];
        for (input, expected) in cases {
            assert_eq!(instant_in(input, &berlin()), utc(expected), "input `{input}`");
        }
    }

    #[test]
    fn instant_in_day_long_gap_is_gap_end() {
        // Samoa skipped 2011-12-30 when it moved from -10:00 to +14:00.
        let apia = NaiveZone::Named(chrono_tz::Pacific::Apia);
        let instant = instant_in("2011-12-30T12:00:00", &apia);
        assert_eq!(instant, utc("2011-12-30T10:00:00Z"));
    }

    #[test]
    fn instant_in_dst_overlap_is_earlier() {
        // Berlin repeats 02:00..03:00 on 2026-10-25, first at +02:00 and then at +01:00.
        let cases = [
            ("2026-10-25T01:59:59", "2026-10-24T23:59:59Z"),
            ("2026-10-25T02:00:00", "2026-10-25T00:00:00Z"),
            ("2026-10-25T02:30:00", "2026-10-25T00:30:00Z"),
            ("2026-10-25T03:00:00", "2026-10-25T02:00:00Z"),
        ];
        for (input, expected) in cases {
            assert_eq!(instant_in(input, &berlin()), utc(expected), "input `{input}`");
        }
    }

    #[test]
    fn unix_micros_counts_from_epoch() {
        assert_eq!(parsed("1970-01-01T00:00:01.5Z").unix_micros(&NaiveZone::Utc), 1_500_000);
        assert_eq!(parsed("1970-01-01T01:00:00").unix_micros(&berlin()), 0);
        assert_eq!(parsed("1969-12-31T23:59:59Z").unix_micros(&berlin()), -1_000_000);
    }

    #[test]
    fn zone_parses_names_and_offsets() {
        let cases = [
            ("local", NaiveZone::Local),
            ("LOCAL", NaiveZone::Local),
            ("utc", NaiveZone::Utc),
            ("UTC", NaiveZone::Utc),
            ("Utc", NaiveZone::Utc),
            ("Z", NaiveZone::Utc),
            ("+02:00", NaiveZone::Fixed(FixedOffset::east_opt(7200).expect("valid"))),
            ("-0530", NaiveZone::Fixed(FixedOffset::west_opt(19_800).expect("valid"))),
            ("+01:00:30", NaiveZone::Fixed(FixedOffset::east_opt(3630).expect("valid"))),
            ("Europe/Berlin", berlin()),
            ("Etc/UTC", NaiveZone::Named(chrono_tz::Etc::UTC)),
        ];
        for (input, expected) in cases {
            assert_eq!(input.parse::<NaiveZone>(), Ok(expected), "input `{input}`");
        }
    }

    #[test]
    fn zone_rejects_unknown_names() {
        for input in
            ["", "Mars/Base", "europe/berlin", "+24:00", "+2", "+02:60", "+02:00x", "-+02:00"]
        {
            let expected = format!(
                "invalid time zone `{input}`: expected `local`, `utc`, an offset such as \
                 `+02:00` or an IANA name such as `Europe/Berlin`"
            );
            let error = input.parse::<NaiveZone>().expect_err("zone is invalid");
            assert_eq!(error.to_string(), expected);
        }
    }

    #[test]
    fn zone_display_round_trips() {
        let zones = [
            NaiveZone::Local,
            NaiveZone::Utc,
            NaiveZone::Fixed(FixedOffset::east_opt(0).expect("valid")),
            NaiveZone::Fixed(FixedOffset::west_opt(19_800).expect("valid")),
            NaiveZone::Fixed(FixedOffset::east_opt(3661).expect("valid")),
            berlin(),
        ];
        for zone in zones {
            let text = zone.to_string();
            assert_eq!(text.parse::<NaiveZone>(), Ok(zone), "text `{text}`");
        }
        assert_eq!(berlin().to_string(), "Europe/Berlin");
        assert_eq!(NaiveZone::default(), NaiveZone::Local);
    }
}
