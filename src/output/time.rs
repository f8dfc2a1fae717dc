//! Timestamps as people read them: local time by default, UTC with `--utc`.

use chrono::{DateTime, Local, Utc};

use crate::model::{NaiveZone, Timestamp};

/// Renders an event timestamp for a table or a text line, to the millisecond:
/// `2026-04-09 14:47:11.482` in the local zone, or `2026-04-09 12:47:11.482Z` in UTC.
///
/// A timestamp without an offset is read as local time of this machine, which is what the
/// upstream Python client writes. Text that is not a timestamp is shown as it is.
pub fn display_time(text: &str, utc: bool) -> String {
    let Ok(timestamp) = Timestamp::parse(text) else {
        return text.to_owned();
    };
    let instant: DateTime<Utc> = timestamp.instant(&NaiveZone::Local);
    if utc {
        instant.format("%Y-%m-%d %H:%M:%S%.3fZ").to_string()
    } else {
        instant.with_timezone(&Local).format("%Y-%m-%d %H:%M:%S%.3f").to_string()
    }
}

/// Converts an event timestamp to microseconds since the Unix epoch, for sorting. Naive
/// timestamps are read as local time. Returns `None` when the text is not a timestamp.
pub fn instant_micros(text: &str) -> Option<i64> {
    Timestamp::parse(text).ok().map(|timestamp| timestamp.unix_micros(&NaiveZone::Local))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_display() {
        assert_eq!(
            display_time("2026-04-09T14:47:11.482913+02:00", true),
            "2026-04-09 12:47:11.482Z"
        );
        assert_eq!(display_time("2026-04-09T12:00:00Z", true), "2026-04-09 12:00:00.000Z");
        assert_eq!(display_time("not a time", true), "not a time");
    }

    #[test]
    fn instants_order_across_offsets() {
        let earlier = instant_micros("2026-01-01T10:00:00+02:00").unwrap();
        let later = instant_micros("2026-01-01T09:30:00Z").unwrap();
        assert!(earlier < later);
    }
}
