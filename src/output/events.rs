//! Events in each output format: a table or text lines for people, JSON, NDJSON or CSV for
//! programs.
//!
//! `json` is an array of event documents, `ndjson` one document per line, exactly as the
//! server returned them (`_id` first, then upstream's key order). `csv` has one column per
//! document key in that order, with `source` and `event_data` as compact JSON.

use std::io::{self, Write};

use clap::ValueEnum;
use comfy_table::{Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table, presets};
use serde_json::Value;

use super::time::display_time;
use crate::model::level::level_name;

/// The keys of an event document, in the order the server writes them.
pub const EVENT_KEYS: [&str; 11] = [
    "_id",
    "event_type",
    "log_level",
    "alert",
    "event_timestamp",
    "source",
    "event_data",
    "trace_id",
    "span_id",
    "archived",
    "archived_at",
];

/// Maximum length of a message in a table cell or text line, in characters.
const MESSAGE_MAX_CHARS: usize = 500;

/// Formats of a list of events.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table that fits the terminal width
    #[default]
    Table,
    /// One JSON array of event documents
    Json,
    /// One event document per line
    Ndjson,
    /// Comma-separated values with a header row
    Csv,
}

/// Formats of events printed one at a time, as `tail` does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum LineFormat {
    /// One line per event for people
    #[default]
    Text,
    /// One event document per line
    Ndjson,
    /// Comma-separated values with a header row
    Csv,
}

/// Display options for times and levels.
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    /// Show times in UTC instead of the local zone.
    pub utc: bool,
    /// Colour the levels.
    pub color: bool,
}

/// Prints a list of events to stdout.
pub fn print_events(events: &[Value], format: ListFormat, style: Style) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    match format {
        // An empty table would be a header alone, and the exit code reports that nothing matched.
        ListFormat::Table if events.is_empty() => {}
        ListFormat::Table => writeln!(stdout, "{}", table(events, style))?,
        ListFormat::Json => {
            let text = serde_json::to_string_pretty(events).map_err(io::Error::other)?;
            writeln!(stdout, "{text}")?;
        }
        ListFormat::Ndjson => {
            for event in events {
                writeln!(stdout, "{event}")?;
            }
        }
        ListFormat::Csv => {
            stdout.write_all(&csv_row(&EVENT_KEYS.map(str::to_owned))?)?;
            for event in events {
                stdout.write_all(&csv_row(&csv_fields(event))?)?;
            }
        }
    }
    stdout.flush()
}

/// Prints events one at a time, flushing each, for a live stream.
pub struct LinePrinter {
    format: LineFormat,
    style: Style,
    header_done: bool,
}

impl LinePrinter {
    pub fn new(format: LineFormat, style: Style) -> LinePrinter {
        LinePrinter { format, style, header_done: false }
    }

    /// Prints one event.
    pub fn print(&mut self, event: &Value) -> io::Result<()> {
        let mut stdout = io::stdout().lock();
        match self.format {
            LineFormat::Text => writeln!(stdout, "{}", text_line(event, self.style))?,
            LineFormat::Ndjson => writeln!(stdout, "{event}")?,
            LineFormat::Csv => {
                if !self.header_done {
                    stdout.write_all(&csv_row(&EVENT_KEYS.map(str::to_owned))?)?;
                    self.header_done = true;
                }
                stdout.write_all(&csv_row(&csv_fields(event))?)?;
            }
        }
        stdout.flush()
    }
}

/// Builds a table of events: id, time, level, type, source and message.
fn table(events: &[Value], style: Style) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_HORIZONTAL_ONLY)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(["ID", "TIME", "LEVEL", "TYPE", "SOURCE", "MESSAGE"]);
    // Ids, times, levels and types stay on one line each, for copying; source and message wrap.
    for index in 0..4 {
        if let Some(column) = table.column_mut(index) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    if style.color {
        table.enforce_styling();
    }
    for event in events {
        table.add_row([
            Cell::new(text_of(event, "_id")),
            Cell::new(display_time(&text_of(event, "event_timestamp"), style.utc)),
            level_cell(event, style.color),
            Cell::new(text_of(event, "event_type")),
            Cell::new(source_text(event, "\n")),
            Cell::new(message_text(event)),
        ]);
    }
    table
}

fn level_cell(event: &Value, color: bool) -> Cell {
    let level = event.get("log_level").and_then(Value::as_i64).unwrap_or_default();
    let cell = Cell::new(level_label(level));
    if !color {
        return cell;
    }
    match level {
        ..20 => cell.fg(Color::DarkGrey),
        20..30 => cell,
        30..40 => cell.fg(Color::Yellow),
        40..50 => cell.fg(Color::Red),
        _ => cell.fg(Color::Red).add_attribute(Attribute::Bold),
    }
}

/// Formats one line: time, level, type, source and message, separated by two spaces.
pub fn text_line(event: &Value, style: Style) -> String {
    let level = event.get("log_level").and_then(Value::as_i64).unwrap_or_default();
    let label = format!("{:<8}", level_label(level));
    let label = if style.color { paint(&label, level) } else { label };
    let mut line = format!(
        "{}  {label}  {}",
        display_time(&text_of(event, "event_timestamp"), style.utc),
        text_of(event, "event_type"),
    );
    let source = source_text(event, " ");
    if !source.is_empty() {
        line.push_str("  ");
        line.push_str(&source);
    }
    line.push_str("  ");
    line.push_str(&message_text(event).replace('\n', " "));
    line
}

fn paint(text: &str, level: i64) -> String {
    let code = match level {
        ..20 => "2",
        20..30 => return text.to_owned(),
        30..40 => "33",
        40..50 => "31",
        _ => "1;31",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

fn level_label(level: i64) -> String {
    level_name(level).map_or_else(|| level.to_string(), str::to_owned)
}

/// Renders a string field as text, other values as JSON and a missing field as nothing.
fn text_of(event: &Value, key: &str) -> String {
    match event.get(key) {
        Some(Value::String(text)) => text.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// Formats the ownership ids as `node 01J…`, joined by `separator`.
fn source_text(event: &Value, separator: &str) -> String {
    let Some(Value::Object(source)) = event.get("source") else {
        return String::new();
    };
    let parts: Vec<String> = source
        .iter()
        .filter(|(_, value)| !value.is_null())
        .map(|(key, value)| {
            let name = key.strip_suffix("_id").unwrap_or(key);
            let value = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
            format!("{name} {value}")
        })
        .collect();
    parts.join(separator)
}

/// Returns `event_data.message` when it is a string, followed by the other data as compact
/// JSON, or else the whole `event_data` as compact JSON, cut at [`MESSAGE_MAX_CHARS`].
fn message_text(event: &Value) -> String {
    let text = match event.get("event_data") {
        Some(Value::Object(data)) => match data.get("message") {
            Some(Value::String(message)) if data.len() == 1 => message.clone(),
            Some(Value::String(message)) => {
                let mut rest = data.clone();
                rest.shift_remove("message");
                format!("{message} {}", Value::Object(rest))
            }
            _ if data.is_empty() => String::new(),
            _ => Value::Object(data.clone()).to_string(),
        },
        Some(Value::String(text)) => text.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    };
    if text.chars().count() <= MESSAGE_MAX_CHARS {
        return text;
    }
    let mut cut: String = text.chars().take(MESSAGE_MAX_CHARS).collect();
    cut.push('…');
    cut
}

fn csv_fields(event: &Value) -> [String; 11] {
    EVENT_KEYS.map(|key| text_of(event, key))
}

/// Encodes one CSV record with its line end.
fn csv_row(fields: &[String]) -> io::Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(fields).map_err(io::Error::other)?;
    writer.into_inner().map_err(|error| io::Error::other(error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event() -> Value {
        json!({
            "_id": "01JRG6Q8Y5T3X9K2M4N7P1V0AB", "event_type": "log_warning", "log_level": 30,
            "alert": false, "event_timestamp": "2026-04-09T12:47:11.482913Z",
            "source": {"node_id": "01JRG5ZK3W8D7E6F5G4H3J2K1M"},
            "event_data": {"message": "disk 91% full", "mount": "/data"},
            "trace_id": null, "span_id": null, "archived": false, "archived_at": null,
        })
    }

    #[test]
    fn text_line_without_color() {
        let line = text_line(&event(), Style { utc: true, color: false });
        assert_eq!(
            line,
            "2026-04-09 12:47:11.482Z  WARNING   log_warning  node 01JRG5ZK3W8D7E6F5G4H3J2K1M  \
             disk 91% full {\"mount\":\"/data\"}"
        );
    }

    #[test]
    fn csv_quotes_json_fields() {
        let row = String::from_utf8(csv_row(&csv_fields(&event())).unwrap()).unwrap();
        assert!(row.starts_with("01JRG6Q8Y5T3X9K2M4N7P1V0AB,log_warning,30,false,"), "{row}");
        assert!(row.contains(r#""{""node_id"":""01JRG5ZK3W8D7E6F5G4H3J2K1M""}""#), "{row}");
        assert!(row.ends_with(",,,false,\n"), "{row}");
    }

    #[test]
    fn long_messages_are_cut() {
        let long = json!({"event_data": {"message": "x".repeat(600)}});
        assert_eq!(message_text(&long).chars().count(), MESSAGE_MAX_CHARS + 1);
    }
}
