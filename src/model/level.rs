//! Log levels: integers on the wire, names accepted on input.

use serde_json::Value;

/// The six levels of upstream's `EventLogLevel`, with their names.
pub const LOG_LEVELS: [(&str, i64); 6] =
    [("NOTSET", 0), ("DEBUG", 10), ("INFO", 20), ("WARNING", 30), ("ERROR", 40), ("CRITICAL", 50)];

/// The level of an event posted without one (INFO).
pub const DEFAULT_LOG_LEVEL: i64 = 20;

/// Reads a level name as upstream does: case-insensitive, with or without the
/// `EventLogLevel.` prefix (`warning`, `WARNING`, `EventLogLevel.WARNING`).
pub fn level_from_name(name: &str) -> Option<i64> {
    let bare = strip_prefix_ignore_case(name, "EventLogLevel.").unwrap_or(name);
    LOG_LEVELS
        .iter()
        .find(|(level_name, _)| level_name.eq_ignore_ascii_case(bare))
        .map(|(_, number)| *number)
}

/// The name of a level number, if it is one of the six.
pub fn level_name(level: i64) -> Option<&'static str> {
    LOG_LEVELS.iter().find(|(_, number)| *number == level).map(|(name, _)| *name)
}

/// Reports whether `level` is one of the six enum values.
pub fn is_enum_level(level: i64) -> bool {
    level_name(level).is_some()
}

/// Reads a level from a JSON value: an integer, an integral float, a numeric string or a name.
/// Any integer is returned; callers that need one of the six check [`is_enum_level`].
pub fn level_from_json(value: &Value) -> Option<i64> {
    match value {
        Value::Number(number) => number
            .as_i64()
            .or_else(|| number.as_f64().filter(|float| float.fract() == 0.0).map(|f| f as i64)),
        Value::String(text) => level_from_text(text),
        _ => None,
    }
}

/// Reads a level from text: an integer or a name.
pub fn level_from_text(text: &str) -> Option<i64> {
    text.trim().parse::<i64>().ok().or_else(|| level_from_name(text.trim()))
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_in_every_spelling() {
        assert_eq!(level_from_name("warning"), Some(30));
        assert_eq!(level_from_name("WARNING"), Some(30));
        assert_eq!(level_from_name("EventLogLevel.WARNING"), Some(30));
        assert_eq!(level_from_name("eventloglevel.error"), Some(40));
        assert_eq!(level_from_name("loud"), None);
    }

    #[test]
    fn json_values() {
        assert_eq!(level_from_json(&json!(40)), Some(40));
        assert_eq!(level_from_json(&json!(40.0)), Some(40));
        assert_eq!(level_from_json(&json!("40")), Some(40));
        assert_eq!(level_from_json(&json!("critical")), Some(50));
        assert_eq!(level_from_json(&json!(true)), None);
        assert_eq!(level_from_json(&json!(40.5)), None);
    }
}
