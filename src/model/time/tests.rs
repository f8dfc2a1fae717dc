//! Tests of timestamp parsing, rendering and zones.

use super::*;
use chrono::NaiveDate;

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
        ("2026-12-04T24:00:00", "invalid datetime `2026-12-04T24:00:00`: hour must be in 0..=23"),
        ("2026-12-04T23:60", "invalid datetime `2026-12-04T23:60`: minute must be in 0..=59"),
        ("2026-12-04T12:00:60", "invalid datetime `2026-12-04T12:00:60`: second must be in 0..=59"),
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
        ("2026-12-04T12:00.5", "invalid datetime `2026-12-04T12:00.5`: unexpected `.` at byte 16"),
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
    let expected =
        TimeError::Invalid { input: "2026-13-01".to_owned(), kind: TimeErrorKind::MonthOutOfRange };
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
    for input in ["", "Mars/Base", "europe/berlin", "+24:00", "+2", "+02:60", "+02:00x", "-+02:00"]
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
