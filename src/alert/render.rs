//! Turns an alerting event, a digest or a test into a [`Notification`]: a subject and body a
//! person can read at a glance, and the JSON body of a webhook.
//!
//! The email body names the id `Event ID` and the webhook JSON carries the event as the API
//! returns it (`_id` first), so a reader can paste the id into `GET /event/{id}`.

use serde_json::{Value, json};

use super::notifier::{Notification, NotificationKind};
use super::throttle::Digest;
use crate::model::Event;
use crate::model::level::level_name;

/// Maximum length of the message excerpt in a subject, in characters.
const SUBJECT_MESSAGE_CHARS: usize = 100;

/// Renders one alerting event.
pub fn alert(event: &Event) -> Notification {
    let level = level_label(event.log_level);
    let event_type = event.event_type.as_str();
    let message = message_of(event);
    let subject = match &message {
        Some(text) => format!("ALERT ({level}): {event_type}: {}", one_line(text)),
        None => format!("ALERT ({level}): {event_type}"),
    };
    let reason = if event.alert {
        "the event has its alert flag set"
    } else {
        "its level is at or above the alert level"
    };
    let mut body = format!("{level} alert from the MADSci event manager ({reason}).\n\n");
    body.push_str(&details(event, message.as_deref()));
    let text = format!("{subject}\n{}", summary_line(event));
    let payload = json!({
        "kind": "alert",
        "text": text,
        "subject": subject,
        "level_name": level,
        "event": event,
    });
    let event_id = Some(event.id.clone());
    Notification { kind: NotificationKind::Alert, subject, body, event_id, payload }
}

/// Renders a digest of identical alerts that the throttle held back.
pub fn digest(digest: &Digest) -> Notification {
    let event = &digest.last;
    let level = level_label(event.log_level);
    let subject = digest_subject(digest, &level);

    let window = digest.window.as_secs_f64();
    let count = digest.held_back;
    let mut body = format!(
        "{count} more alert(s) identical to an alert already sent arrived within {window} s \
         and were held back to avoid a flood of messages.\n\n\
         First held back: {} at {}\n\
         Last held back:  {} at {}\n\n\
         The last one:\n",
        digest.first_id,
        digest.first_timestamp,
        event.id,
        event.timestamp.to_pydantic_string(),
    );
    body.push_str(&details(event, message_of(event).as_deref()));

    let payload = json!({
        "kind": "digest",
        "text": format!("{subject}\n{}", summary_line(event)),
        "subject": subject,
        "level_name": level,
        "held_back": count,
        "window_seconds": window,
        "first_event_id": digest.first_id,
        "first_event_timestamp": digest.first_timestamp,
        "event": event.as_ref(),
    });
    let event_id = Some(event.id.clone());
    Notification { kind: NotificationKind::Digest, subject, body, event_id, payload }
}

fn digest_subject(digest: &Digest, level: &str) -> String {
    let event_type = digest.last.event_type.as_str();
    let count = digest.held_back;
    let noun = if count == 1 { "alert" } else { "alerts" };
    let head = format!("ALERT DIGEST ({level}): {count} more {event_type} {noun}");
    match message_of(&digest.last) {
        Some(text) => format!("{head}: {}", one_line(&text)),
        None => head,
    }
}

/// Renders the message of `alert --test`.
pub fn test(host: &str) -> Notification {
    let subject = "madsci-events test alert".to_owned();
    let body = format!(
        "This is a test message from `madsci-events alert --test` on {host}.\n\n\
         If you can read it, alerts from the MADSci event manager reach you through this \
         notifier.\n"
    );
    let payload =
        json!({ "kind": "test", "text": format!("{subject} from {host}"), "subject": subject });
    Notification { kind: NotificationKind::Test, subject, body, event_id: None, payload }
}

/// Formats the labelled fields of an event, one per line, then its data.
fn details(event: &Event, message: Option<&str>) -> String {
    let level = level_label(event.log_level);
    let mut text = String::new();
    if let Some(message) = message {
        text.push_str(&format!("Message:    {message}\n"));
    }
    text.push_str(&format!("Level:      {level} ({})\n", event.log_level));
    text.push_str(&format!("Event type: {}\n", event.event_type.as_str()));
    text.push_str(&format!("Source:     {}\n", source_text(event)));
    text.push_str(&format!("Time:       {}\n", event.timestamp.to_pydantic_string()));
    text.push_str(&format!("Event ID:   {}\n", event.id));
    let data = serde_json::to_string_pretty(&event.event_data).unwrap_or_default();
    text.push_str(&format!("\nEvent data:\n{data}\n"));
    text
}

fn summary_line(event: &Event) -> String {
    format!(
        "Source: {} | Time: {} | Event ID: {}",
        source_text(event),
        event.timestamp.to_pydantic_string(),
        event.id
    )
}

/// Returns the level name (`ERROR`), or `level N` for a number that has none.
pub fn level_label(level: i64) -> String {
    level_name(level).map_or_else(|| format!("level {level}"), str::to_owned)
}

/// Returns the event's message: `event_data` itself when it is text, else its `message` field.
pub fn message_of(event: &Event) -> Option<String> {
    match &event.event_data {
        Value::String(text) => Some(text.clone()),
        Value::Object(map) => map.get("message").and_then(Value::as_str).map(str::to_owned),
        _ => None,
    }
    .filter(|text| !text.trim().is_empty())
}

fn source_text(event: &Event) -> String {
    let fields: Vec<String> =
        event.source.iter().map(|(field, value)| format!("{field} {value}")).collect();
    if fields.is_empty() { "not given".to_owned() } else { fields.join(", ") }
}

/// Returns the first line of `text`, cut to [`SUBJECT_MESSAGE_CHARS`] characters.
fn one_line(text: &str) -> String {
    let line = text.lines().find(|line| !line.trim().is_empty()).unwrap_or_default().trim();
    if line.chars().count() <= SUBJECT_MESSAGE_CHARS {
        return line.to_owned();
    }
    let cut: String = line.chars().take(SUBJECT_MESSAGE_CHARS - 1).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(body: Value) -> Event {
        Event::from_json(body).expect("valid event")
    }

    #[test]
    fn alert_subject_and_body_name_every_field() {
        let event = event(json!({
            "_id": "01JRG6Q8Y5T3X9K2M4N7P1V0AB",
            "event_type": "node_error",
            "log_level": 50,
            "event_timestamp": "2026-04-09T14:47:11.482913",
            "source": {"node_id": "01JRG5ZK3W8D7E6F5G4H3J2K1M"},
            "event_data": {"message": "pump 3 overheated\nsecond line", "celsius": 96},
        }));
        let note = alert(&event);
        assert_eq!(note.subject, "ALERT (CRITICAL): node_error: pump 3 overheated");
        assert!(note.body.contains("Level:      CRITICAL (50)"), "{}", note.body);
        assert!(note.body.contains("Source:     node_id 01JRG5ZK3W8D7E6F5G4H3J2K1M"));
        assert!(note.body.contains("Time:       2026-04-09T14:47:11.482913"));
        assert!(note.body.contains("Event ID:   01JRG6Q8Y5T3X9K2M4N7P1V0AB"));
        assert!(note.body.contains("\"celsius\": 96"));
        assert_eq!(note.payload["event"]["_id"], "01JRG6Q8Y5T3X9K2M4N7P1V0AB");
        assert_eq!(note.payload["kind"], "alert");
        assert_eq!(note.event_id.as_deref(), Some("01JRG6Q8Y5T3X9K2M4N7P1V0AB"));
    }

    #[test]
    fn subject_without_message_and_with_long_message() {
        let quiet = event(json!({"event_type": "workcell_start", "log_level": 40}));
        assert_eq!(alert(&quiet).subject, "ALERT (ERROR): workcell_start");
        let long = event(json!({"log_level": 40, "event_data": "x".repeat(300)}));
        let subject = alert(&long).subject;
        assert!(subject.ends_with('…'), "{subject}");
        assert_eq!(subject.chars().count(), "ALERT (ERROR): unknown: ".len() + 100);
    }
}
