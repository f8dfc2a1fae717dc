//! `madsci-events log`: send one event, or one per input line.
//!
//! An event the server cannot take now (unreachable, 408, 429, 5xx after the retries) goes to
//! the spool with its id, and is delivered by the next successful `log` or by `flush`. Only a
//! failure to write the spool itself (exit code 2) loses it.

use std::io::{self, BufRead};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use chrono::{DateTime, Local, Utc};
use clap::Args;
use serde_json::{Map, Value};
use ulid::Ulid;

use super::args::{
    OwnershipArgs, ServerArgs, SpoolArgs, event_type_parser, parse_event_level, parse_json,
    parse_time, parse_ulid, read_stdin,
};
use super::exit::{ERROR, SPOOLED, SUCCESS, exit_code};
use crate::client::deliver::{Delivery, flush_spool};
use crate::client::{Client, ClientError, RetryPolicy};
use crate::model::Event;
use crate::model::ownership::OWNERSHIP_FIELDS;
use crate::output::{print_line, warn};

/// After the server was found unreachable, `--lines` spools without trying for this long.
const OFFLINE_PAUSE: Duration = Duration::from_secs(5);

/// Send an event to the server and print its id
///
/// The message becomes `event_data.message`, as the MADSci Python client sends it. When the
/// server cannot be reached, the event is kept in a local spool and delivered, with the same
/// id, by the next `log` that reaches the server or by `madsci-events flush` (exit code 3).
/// Source ids not given as flags come from EVENT_CLIENT_SOURCE__NODE_ID and the like.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// The message; `-` reads it from standard input
    #[arg(value_name = "MESSAGE")]
    pub message: Option<String>,

    /// Read the message from standard input
    #[arg(long, conflicts_with = "message")]
    pub stdin: bool,

    /// Log each line of standard input as its own event
    #[arg(long, conflicts_with_all = ["message", "stdin", "id"])]
    pub lines: bool,

    /// Set the level: debug, info, warning, error, critical, or 0 to 50
    #[arg(short, long, default_value = "info", value_parser = parse_event_level)]
    pub level: i64,

    /// Set the event type [default: log_<level>, such as log_warning]
    #[arg(
        short = 't',
        long = "type",
        value_name = "TYPE",
        value_parser = event_type_parser(),
        ignore_case = true,
        hide_possible_values = true
    )]
    pub event_type: Option<String>,

    #[command(flatten)]
    pub owner: OwnershipArgs,

    /// Attach this JSON as event data; a message is added to it as "message"
    #[arg(long, value_parser = parse_json, value_name = "JSON")]
    pub data: Option<Value>,

    /// Mark the event as an alert
    #[arg(long)]
    pub alert: bool,

    /// Use this event id instead of a new ULID
    ///
    /// With --timestamp too, a re-run sends the same event, which the server stores once. A
    /// re-run with other content fails with exit code 2 because the id is taken.
    #[arg(long, value_parser = parse_ulid, value_name = "ULID")]
    pub id: Option<String>,

    /// Set the event time instead of now: RFC 3339, a date, or an age such as 5m
    #[arg(long, value_parser = parse_time, value_name = "TIME")]
    pub timestamp: Option<DateTime<Utc>>,

    /// Exit with code 2 instead of spooling when the server cannot take the event
    #[arg(long)]
    pub no_spool: bool,

    /// Print nothing on success
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub server: ServerArgs,

    #[command(flatten)]
    pub spool: SpoolArgs,
}

/// Sends the event (or the lines) and returns 0 when delivered, 3 when spooled.
pub fn run(args: LogArgs) -> anyhow::Result<ExitCode> {
    let source = source_ids(&args.owner)?;
    let client = args.server.connect()?;
    if args.lines {
        return run_lines(&args, &source, &client);
    }
    let message = match args.message.as_deref() {
        Some("-") => Some(read_stdin()?.trim_end_matches(['\n', '\r']).to_owned()),
        _ if args.stdin => Some(read_stdin()?.trim_end_matches(['\n', '\r']).to_owned()),
        other => other.map(str::to_owned),
    };
    let (id, event) = build_event(&args, &source, message, args.id.clone())?;
    let code = send_or_spool(&args, &client, &id, &event)?;
    if code == SUCCESS {
        deliver_spool(&args, &client);
    }
    Ok(exit_code(code))
}

/// Sends one event; spools it when the server cannot take it now. Returns the exit code.
fn send_or_spool(args: &LogArgs, client: &Client, id: &str, event: &str) -> anyhow::Result<u8> {
    match client.post_event(event) {
        Ok(()) => {
            print_id(args, id)?;
            Ok(SUCCESS)
        }
        Err(error) if error.is_transient() && !args.no_spool => {
            spool_event(args, id, event, &error)?;
            print_id(args, id)?;
            Ok(SPOOLED)
        }
        Err(error) => Err(error).with_context(|| format!("failed to log event `{id}`")),
    }
}

fn spool_event(args: &LogArgs, id: &str, event: &str, error: &ClientError) -> anyhow::Result<()> {
    let spooled = args.spool.spool().and_then(|spool| {
        spool.push(event)?;
        Ok(spool)
    });
    let spool = spooled
        .with_context(|| format!("event `{id}` was neither delivered ({error}) nor spooled"))?;
    let dir = spool.dir().display();
    warn(
        args.quiet,
        &format!(
            "{error}\nevent `{id}` was spooled in `{dir}`; the next `log` that reaches the \
             server or `madsci-events flush` delivers it"
        ),
    );
    Ok(())
}

fn print_id(args: &LogArgs, id: &str) -> io::Result<()> {
    if args.quiet { Ok(()) } else { print_line(id) }
}

/// Delivers what earlier runs spooled, after this run reached the server. Failures here only
/// warn: this run's own event was delivered.
fn deliver_spool(args: &LogArgs, client: &Client) {
    let Ok(spool) = args.spool.spool() else {
        return;
    };
    if spool.pending().map_or(true, |pending| pending.is_empty()) {
        return;
    }
    match flush_spool(&Delivery::new(client), &spool, &mut |_, _| {}) {
        Ok(report) => {
            for (id, reason) in &report.rejected {
                warn(args.quiet, &format!("spooled event `{id}` was rejected: {reason}"));
            }
            if let Some(error) = report.stopped_by {
                warn(
                    args.quiet,
                    &format!("{} spooled events still wait: {error}", report.remaining),
                );
            }
        }
        Err(error) => warn(args.quiet, &format!("failed to deliver the spool: {error}")),
    }
}

/// `--lines`: one event per non-empty input line, sent as each line arrives.
fn run_lines(
    args: &LogArgs,
    source: &Map<String, Value>,
    client: &Client,
) -> anyhow::Result<ExitCode> {
    let probe = Client::new(&args.server.options().map(|mut options| {
        options.retry = RetryPolicy { retries: 0, ..options.retry };
        options
    })?)?;
    let mut state = LinesState::default();
    for (number, line) in io::stdin().lock().lines().enumerate() {
        let line = line.context("failed to read standard input")?;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let (id, event) = build_event(args, source, Some(line.to_owned()), None)?;
        let sender = if state.offline_since.is_some() { &probe } else { client };
        state.send_line(args, sender, number + 1, &id, &event)?;
    }
    if state.delivered_after_outage {
        deliver_spool(args, client);
    }
    let code = if state.failed > 0 {
        ERROR
    } else if state.spooled > 0 {
        SPOOLED
    } else {
        SUCCESS
    };
    Ok(exit_code(code))
}

#[derive(Default)]
struct LinesState {
    spooled: u64,
    failed: u64,
    /// When the server was last found unreachable; lines are spooled without trying until
    /// [`OFFLINE_PAUSE`] has passed.
    offline_since: Option<Instant>,
    delivered_after_outage: bool,
}

impl LinesState {
    fn send_line(
        &mut self,
        args: &LogArgs,
        client: &Client,
        number: usize,
        id: &str,
        event: &str,
    ) -> anyhow::Result<()> {
        let paused = self.offline_since.is_some_and(|since| since.elapsed() < OFFLINE_PAUSE);
        if paused && !args.no_spool {
            args.spool
                .spool()?
                .push(event)
                .with_context(|| format!("failed to spool event `{id}`"))?;
            self.spooled += 1;
            return print_id(args, id).map_err(Into::into);
        }
        match client.post_event(event) {
            Ok(()) => {
                if self.offline_since.take().is_some() {
                    self.delivered_after_outage = true;
                }
                print_id(args, id)?;
            }
            Err(error) if error.is_transient() && !args.no_spool => {
                spool_event(args, id, event, &error)?;
                self.offline_since = Some(Instant::now());
                self.spooled += 1;
                print_id(args, id)?;
            }
            Err(error) => {
                warn(false, &format!("line {number}: failed to log event `{id}`: {error}"));
                self.failed += 1;
            }
        }
        Ok(())
    }
}

/// Collects the source ids: the flags, then `EVENT_CLIENT_SOURCE__<FIELD>` for the others.
fn source_ids(owner: &OwnershipArgs) -> anyhow::Result<Map<String, Value>> {
    let mut source = owner.to_source();
    for field in OWNERSHIP_FIELDS {
        if source.contains_key(field) {
            continue;
        }
        let variable = format!("EVENT_CLIENT_SOURCE__{}", field.to_ascii_uppercase());
        let Ok(value) = std::env::var(&variable) else {
            continue;
        };
        if value.is_empty() {
            continue;
        }
        let id = parse_ulid(&value)
            .map_err(|reason| anyhow::anyhow!("invalid `{variable}` = `{value}`: {reason}"))?;
        source.insert(field.to_owned(), Value::from(id));
    }
    Ok(source)
}

/// Builds and validates the event; returns its id and its JSON text.
fn build_event(
    args: &LogArgs,
    source: &Map<String, Value>,
    message: Option<String>,
    id: Option<String>,
) -> anyhow::Result<(String, String)> {
    let id = id.unwrap_or_else(|| Ulid::new().to_string());
    let event_type = args.event_type.clone().unwrap_or_else(|| type_for_level(args.level).into());
    let at = args.timestamp.map_or_else(Local::now, |at| at.with_timezone(&Local));
    let timestamp = at.format("%Y-%m-%dT%H:%M:%S%.6f%:z").to_string();
    let mut body = Map::new();
    body.insert("_id".into(), Value::from(id.clone()));
    body.insert("event_type".into(), Value::from(event_type));
    body.insert("log_level".into(), Value::from(args.level));
    body.insert("alert".into(), Value::from(args.alert));
    body.insert("event_timestamp".into(), Value::from(timestamp));
    body.insert("source".into(), Value::Object(source.clone()));
    body.insert("event_data".into(), event_data(message, args.data.clone())?);
    let event = Event::from_json(Value::Object(body)).map_err(|errors| {
        let reasons: Vec<String> = errors.iter().map(|error| error.msg.clone()).collect();
        anyhow::anyhow!("invalid event: {}", reasons.join("; "))
    })?;
    Ok((id, event.to_json_string()))
}

/// `{"message": …}` merged with `--data`, as the Python client builds `event_data`.
fn event_data(message: Option<String>, data: Option<Value>) -> anyhow::Result<Value> {
    match (message, data) {
        (None, None) => {
            bail!("nothing to log: give a MESSAGE, `-`, `--stdin`, `--lines` or `--data`")
        }
        (None, Some(data)) => Ok(data),
        (Some(message), None) => {
            Ok(Value::Object(Map::from_iter([("message".into(), message.into())])))
        }
        (Some(message), Some(Value::Object(data))) => {
            let mut merged = Map::from_iter([("message".to_owned(), Value::from(message))]);
            merged.extend(data.into_iter().filter(|(key, _)| key != "message"));
            Ok(Value::Object(merged))
        }
        (Some(_), Some(other)) => bail!(
            "invalid `--data` `{other}`: with a message it must be a JSON object, such as \
             '{{\"step\": 3}}'"
        ),
    }
}

/// Returns the event type that upstream's client uses for a level.
fn type_for_level(level: i64) -> &'static str {
    match level {
        10 => "log_debug",
        20 => "log_info",
        30 => "log_warning",
        40 => "log_error",
        50 => "log_critical",
        _ => "log",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn message_goes_first_in_event_data() {
        let data = event_data(Some("hi".into()), Some(json!({"b": 1, "message": "x"}))).unwrap();
        assert_eq!(data.to_string(), r#"{"message":"hi","b":1}"#);
        assert_eq!(event_data(None, Some(json!([1]))).unwrap(), json!([1]));
        assert!(event_data(Some("hi".into()), Some(json!([1]))).is_err());
        assert!(event_data(None, None).is_err());
    }

    #[test]
    fn types_follow_levels() {
        assert_eq!(type_for_level(30), "log_warning");
        assert_eq!(type_for_level(0), "log");
    }
}
