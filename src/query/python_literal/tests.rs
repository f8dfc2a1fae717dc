//! Python literal parsing: every literal kind, escapes, limits and error messages.

use super::*;
use serde_json::json;

fn parsed(text: &str) -> Value {
    parse_python_literal(text).unwrap_or_else(|error| panic!("{text:?}: {error}"))
}

fn error(text: &str) -> String {
    match parse_python_literal(text) {
        Ok(value) => panic!("{text:?} was accepted as {value}"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn client_selector_repr() {
    let value = parsed("{'source.node_id': '01M90V2W7QHNBC810AP00DWNXW'}");
    assert_eq!(value, json!({"source.node_id": "01M90V2W7QHNBC810AP00DWNXW"}));
}

#[test]
fn scalars() {
    assert_eq!(parsed("True"), json!(true));
    assert_eq!(parsed("False"), json!(false));
    assert_eq!(parsed("None"), json!(null));
    assert_eq!(parsed("  42  "), json!(42));
    assert_eq!(parsed("-7"), json!(-7));
    assert_eq!(parsed("+7"), json!(7));
    assert_eq!(parsed("1.5"), json!(1.5));
    assert_eq!(parsed("-0.25"), json!(-0.25));
    assert_eq!(parsed("1e-05"), json!(1e-5));
    assert_eq!(parsed("2.5E+3"), json!(2500.0));
    assert_eq!(parsed(".5"), json!(0.5));
    assert_eq!(parsed("5."), json!(5.0));
}

#[test]
fn integer_forms() {
    assert_eq!(parsed("0x1F"), json!(31));
    assert_eq!(parsed("0o17"), json!(15));
    assert_eq!(parsed("0b101"), json!(5));
    assert_eq!(parsed("1_000_000"), json!(1_000_000));
    assert_eq!(parsed("000"), json!(0));
    assert_eq!(parsed("-9223372036854775808"), json!(i64::MIN));
    assert_eq!(parsed("18446744073709551615"), json!(u64::MAX));
}

#[test]
fn floats_keep_their_kind() {
    assert!(parsed("1.0").is_f64());
    assert!(parsed("1").is_i64());
}

#[test]
fn number_errors() {
    assert_eq!(
        error("18446744073709551616"),
        "invalid Python literal at character 1: invalid number `18446744073709551616`: the \
         integer does not fit in 64 bits"
    );
    assert!(error("-18446744073709551615").contains("does not fit in 64 bits"));
    assert!(error("012").contains("leading zeros"));
    assert!(error("1e999").contains("out of range"));
    assert!(error("3j").contains("complex numbers"));
    assert!(error("0xZZ").contains("not an integer"));
    assert!(error("1.2.3").contains("not a float"));
    assert!(error("- x").contains("expected a number after the sign"));
}

#[test]
fn quotes_and_simple_escapes() {
    assert_eq!(parsed(r#""it's""#), json!("it's"));
    assert_eq!(parsed(r"'say \'hi\''"), json!("say 'hi'"));
    assert_eq!(parsed(r#"'a\"b'"#), json!("a\"b"));
    assert_eq!(parsed(r"'back\\slash'"), json!("back\\slash"));
    assert_eq!(parsed(r"'\n\r\t\a\b\f\v'"), json!("\n\r\t\u{7}\u{8}\u{c}\u{b}"));
}

#[test]
fn numeric_escapes() {
    assert_eq!(parsed(r"'\x41\x7e'"), json!("A~"));
    assert_eq!(parsed(r"'\u00e9\U0001F600'"), json!("é😀"));
    assert_eq!(parsed(r"'\101\0\1010'"), json!("A\u{0}A0"));
    assert_eq!(parsed(r"'\777'"), json!("\u{1ff}"));
}

#[test]
fn unknown_escape_keeps_backslash() {
    assert_eq!(parsed(r"'\d+\.txt'"), json!("\\d+\\.txt"));
}

#[test]
fn line_continuation_escape() {
    assert_eq!(parsed("'ab\\\ncd'"), json!("abcd"));
    assert_eq!(parsed("'ab\\\r\ncd'"), json!("abcd"));
}

#[test]
fn non_ascii_text_passes_through() {
    assert_eq!(parsed("{'név': 'Ωmega 😀'}"), json!({"név": "Ωmega 😀"}));
}

#[test]
fn string_prefixes() {
    assert_eq!(parsed(r"r'\d+'"), json!("\\d+"));
    assert_eq!(parsed(r"R'a\'b'"), json!("a\\'b"));
    assert_eq!(parsed("u'x'"), json!("x"));
    assert!(error("b'x'").contains("bytes literals"));
    assert!(error("f'x'").contains("f-strings"));
    assert!(error("z'x'").contains("unknown string prefix `z`"));
}

#[test]
fn string_errors() {
    assert_eq!(error("'abc"), "invalid Python literal at character 1: unterminated string");
    assert!(error("'a\nb'").contains("unterminated string"));
    assert!(error(r"'\x4'").contains("truncated escape: expected 2 hex digits"));
    assert!(error(r"'\u12'").contains("expected 4 hex digits"));
    assert!(error(r"'\U0011ffff'").contains("U+11FFFF is not a Unicode scalar value"));
    assert!(error(r"'\ud800'").contains("U+D800 is not a Unicode scalar value"));
    assert!(error(r"'\N{BULLET}'").contains("named escapes"));
}

#[test]
fn nested_structures() {
    let text = "{'$or': [{'log_level': {'$gte': 30}}, {'event_type': {'$in': ('a', 'b')}}], \
                'event_data.count': (1,), 'empty': (), 'grouped': (5), 'list': [[], {}],}";
    let expected = json!({
        "$or": [{"log_level": {"$gte": 30}}, {"event_type": {"$in": ["a", "b"]}}],
        "event_data.count": [1],
        "empty": [],
        "grouped": 5,
        "list": [[], {}],
    });
    assert_eq!(parsed(text), expected);
}

#[test]
fn dict_keys_follow_json_dumps() {
    let value = parsed("{1: 'a', 2.5: 'b', True: 'c', None: 'd', 'e': 'f'}");
    let keys: Vec<&String> = value.as_object().map(|map| map.keys().collect()).unwrap_or_default();
    assert_eq!(keys, ["1", "2.5", "true", "null", "e"]);
    assert!(error("{(1, 2): 'a'}").contains("dict keys must be strings"));
}

#[test]
fn duplicate_keys_follow_python_dicts() {
    let value = parsed("{'a': 1, 'b': 2, 'a': 3}");
    assert_eq!(serde_json::to_string(&value).unwrap_or_default(), r#"{"a":3,"b":2}"#);
}

#[test]
fn structural_errors() {
    assert_eq!(
        error("{'a': 1"),
        "invalid Python literal at character 8: expected `,` or `}` in a dict"
    );
    assert!(error("{'a' 1}").contains("expected `:`"));
    assert!(error("{1, 2}").contains("sets cannot be converted to JSON"));
    assert!(error("[1 2]").contains("expected `,` or `]`"));
    assert!(error("(1 2)").contains("expected `,` or `)`"));
    assert!(error("{'a': 1} x").contains("unexpected text after the literal"));
    assert!(error("").contains("found the end of the text"));
    assert!(error("[1,,2]").contains("unexpected character `,`"));
    assert!(error("{'a': inf}").contains("`inf` cannot be represented in JSON"));
    assert!(error("{'a': nan}").contains("`nan` cannot be represented in JSON"));
    assert!(error("{'a': foo}").contains("unexpected name `foo`"));
    assert!(error("{'a': @}").contains("unexpected character `@`"));
}

#[test]
fn error_position_counts_characters() {
    assert_eq!(
        error("{'é': @}"),
        "invalid Python literal at character 7: unexpected character `@`"
    );
}

#[test]
fn nesting_limit() {
    let deep_ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(parse_python_literal(&deep_ok).is_ok());
    let too_deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
    assert!(error(&too_deep).contains("nested more than 100 levels deep"));
    let very_deep = "(".repeat(100_000);
    assert!(error(&very_deep).contains("nested more than 100 levels deep"));
}

#[test]
fn datetimes_become_dates() {
    let value =
        parsed("{'event_timestamp': {'$gte': datetime.datetime(2026, 12, 4, 15, 34, 37, 529985)}}");
    let expected = json!({"event_timestamp": {"$gte": {"$date": "2026-12-04T15:34:37.529985Z"}}});
    assert_eq!(value, expected);
    let utc = parsed("datetime.datetime(2026, 1, 2, tzinfo=datetime.timezone.utc)");
    assert_eq!(utc, json!({"$date": "2026-01-02T00:00:00.000000Z"}));
}

#[test]
fn datetime_errors() {
    assert!(error("datetime.datetime(2026, 13, 1)").contains("invalid datetime.datetime"));
    assert!(error("datetime.datetime(2026)").contains("invalid datetime.datetime"));
    assert!(error("datetime.datetime(2026, 1, 'x')").contains("fields must be integers"));
    let zoned = "datetime.datetime(2026, 1, 1, \
                 tzinfo=datetime.timezone(datetime.timedelta(seconds=3600)))";
    assert!(error(zoned).contains("only `tzinfo=datetime.timezone.utc` is supported"));
    assert!(error("datetime.date(2026, 1, 1)").contains("unexpected name `datetime`"));
}

#[test]
fn never_panics_on_prefixes_of_valid_text() {
    let text = "{'a': [1, -2.5e3, 'x\\'y\\u00e9', (True, None)], 'b': {'$in': [0x1f]}, \
                'c': datetime.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=datetime.timezone.utc)}";
    assert!(parse_python_literal(text).is_ok());
    for (cut, _) in text.char_indices() {
        let _ = parse_python_literal(&text[..cut]);
        let _ = parse_python_literal(&text[cut..]);
    }
}
