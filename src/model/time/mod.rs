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
    DateTime, FixedOffset, Local, MappedLocalTime, NaiveDateTime, Offset, TimeDelta, TimeZone,
    Timelike, Utc,
};
use chrono_tz::Tz;
use serde_json::Value;

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

mod parse;

use self::parse::{
    from_json_number, from_unix_float, parse_date_time, parse_unix_text, parse_zone_offset,
};
#[cfg(test)]
mod tests;
