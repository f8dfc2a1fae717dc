//! Reading a server-sent event stream (`text/event-stream`), as `GET /events/stream` sends it.
//!
//! Only the fields this server sends are kept: `event` and `data` (several `data` lines join
//! with a newline). Comment lines, which carry the keep-alives, and `id` and `retry` fields are
//! skipped.

use std::io::{self, BufRead, BufReader, Read};

/// One message of the stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The `event` field; `message` when the server sent none.
    pub event: String,
    pub data: String,
}

/// A stream of [`Message`]s read from an HTTP body.
pub struct EventStream {
    reader: BufReader<Box<dyn Read>>,
}

impl EventStream {
    /// Reads messages from `body`.
    pub fn new(body: impl Read + 'static) -> EventStream {
        EventStream { reader: BufReader::new(Box::new(body)) }
    }

    /// Waits for the next message; `None` when the server closed the stream.
    pub fn next_message(&mut self) -> io::Result<Option<Message>> {
        let mut event = None;
        let mut data: Option<String> = None;
        let mut line = String::new();
        loop {
            line.clear();
            if self.reader.read_line(&mut line)? == 0 {
                return Ok(None);
            }
            let line = line.trim_end_matches(['\n', '\r']);
            if line.is_empty() {
                if let Some(data) = data.take() {
                    let event = event.take().unwrap_or_else(|| "message".to_owned());
                    return Ok(Some(Message { event, data }));
                }
                event = None;
                continue;
            }
            let (field, value) = split_field(line);
            match field {
                "event" => event = Some(value.to_owned()),
                "data" => match &mut data {
                    Some(text) => {
                        text.push('\n');
                        text.push_str(value);
                    }
                    None => data = Some(value.to_owned()),
                },
                _ => {}
            }
        }
    }
}

/// Splits `field: value`, dropping one space after the colon; a comment has an empty field.
fn split_field(line: &str) -> (&str, &str) {
    match line.split_once(':') {
        Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
        None => (line, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_comments() {
        let text = ": keep-alive\n\nevent: event\nid: 1\ndata: {\"a\":1}\n\ndata:x\ndata: y\n\n";
        let mut stream = EventStream::new(io::Cursor::new(text.as_bytes().to_vec()));
        let first = stream.next_message().unwrap().unwrap();
        assert_eq!(first, Message { event: "event".into(), data: "{\"a\":1}".into() });
        let second = stream.next_message().unwrap().unwrap();
        assert_eq!(second, Message { event: "message".into(), data: "x\ny".into() });
        assert_eq!(stream.next_message().unwrap(), None);
    }

    #[test]
    fn crlf_lines() {
        let text = "event: lagged\r\ndata: {\"skipped\":3}\r\n\r\n";
        let mut stream = EventStream::new(io::Cursor::new(text.as_bytes().to_vec()));
        let message = stream.next_message().unwrap().unwrap();
        assert_eq!(message.event, "lagged");
        assert_eq!(message.data, "{\"skipped\":3}");
    }
}
