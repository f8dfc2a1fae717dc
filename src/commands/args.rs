//! Option groups shared by the client subcommands, and the parsers that check their values.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, Utc};
use clap::Args;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use serde_json::{Map, Value};

use crate::client::settings::resolve_server_url;
use crate::client::spool::{Spool, SpoolError};
use crate::client::{Client, ClientOptions, RetryPolicy};
use crate::model::event_type::EVENT_TYPE_NAMES;
use crate::model::level::{is_enum_level, level_from_text};
use crate::model::ownership::{OWNERSHIP_FIELDS, is_valid_ulid};
use crate::model::{NaiveZone, Timestamp};
use crate::output::ColorChoice;
use crate::query::Selector;

/// How to reach the event server.
#[derive(Clone, Debug, Args)]
pub struct ServerArgs {
    /// Send requests to this server URL
    ///
    /// Default: `event_server_url` from the settings files, else http://127.0.0.1:8001.
    #[arg(long, env = "EVENT_SERVER_URL", hide_env_values = true, value_name = "URL")]
    pub server: Option<String>,

    /// Give up on one request after this many seconds
    #[arg(
        long,
        env = "EVENT_CLIENT_TIMEOUT_DEFAULT",
        hide_env_values = true,
        default_value = "10",
        value_parser = parse_seconds,
        value_name = "SECONDS"
    )]
    pub timeout: Duration,

    /// Retry a failed connection or a 408, 429 or 5xx response this many times
    #[arg(
        long,
        env = "EVENT_CLIENT_RETRY_TOTAL",
        hide_env_values = true,
        default_value_t = 3,
        value_name = "N"
    )]
    pub retries: u32,

    /// Wait this many seconds before the first retry, doubling each time
    #[arg(
        long,
        env = "EVENT_CLIENT_RETRY_BACKOFF_FACTOR",
        hide_env_values = true,
        default_value = "0.3",
        value_parser = parse_seconds_or_zero,
        value_name = "SECONDS"
    )]
    pub retry_backoff: Duration,
}

impl ServerArgs {
    /// Builds the connection options, reading the settings files only when no URL was given.
    pub fn options(&self) -> anyhow::Result<ClientOptions> {
        let server = resolve_server_url(self.server.clone())?;
        let retry = RetryPolicy {
            retries: self.retries,
            backoff: self.retry_backoff,
            ..RetryPolicy::default()
        };
        Ok(ClientOptions { server, timeout: self.timeout, retry })
    }

    /// Creates a client of the chosen server.
    pub fn connect(&self) -> anyhow::Result<Client> {
        Ok(Client::new(&self.options()?)?)
    }
}

/// Spool location for undeliverable events.
#[derive(Clone, Debug, Args)]
pub struct SpoolArgs {
    /// Keep undeliverable events in this directory
    ///
    /// Default: `event_client_spool_dir` from the settings files, else
    /// $XDG_STATE_HOME/madsci-events/spool (~/.local/state/madsci-events/spool).
    #[arg(long, env = "EVENT_CLIENT_SPOOL_DIR", hide_env_values = true, value_name = "DIR")]
    pub spool_dir: Option<PathBuf>,
}

impl SpoolArgs {
    /// Opens the spool: the flag or `EVENT_CLIENT_SPOOL_DIR`, else the settings files, else the
    /// user's state directory.
    pub fn spool(&self) -> Result<Spool, anyhow::Error> {
        if let Some(dir) = &self.spool_dir {
            return Ok(Spool::new(dir.clone()));
        }
        let files = crate::client::settings::read_settings_files()?;
        let dir = files.spool_dir.or_else(Spool::default_dir).ok_or(SpoolError::NoDirectory)?;
        Ok(Spool::new(dir))
    }
}

/// Display options of results for people.
#[derive(Clone, Debug, Args)]
pub struct DisplayArgs {
    /// Colour the output: auto, always or never (auto honours NO_COLOR)
    #[arg(long, value_enum, default_value_t, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Show times in UTC instead of the local time zone
    #[arg(long)]
    pub utc: bool,
}

impl DisplayArgs {
    /// Returns the display style for stdout.
    pub fn style(&self) -> crate::output::events::Style {
        crate::output::events::Style { utc: self.utc, color: self.color.for_stdout() }
    }
}

/// The ten `OwnershipInfo` ids of an event's source, each a ULID.
#[derive(Clone, Debug, Default, Args)]
pub struct OwnershipArgs {
    /// Source user id (a ULID)
    #[arg(long, value_parser = parse_ulid, value_name = "ULID")]
    pub user_id: Option<String>,
    /// Source experiment id (a ULID)
    #[arg(long, value_parser = parse_ulid, value_name = "ULID")]
    pub experiment_id: Option<String>,
    /// Source campaign id (a ULID)
    #[arg(long, value_parser = parse_ulid, value_name = "ULID")]
    pub campaign_id: Option<String>,
    /// Source project id (a ULID)
    #[arg(long, value_parser = parse_ulid, value_name = "ULID")]
    pub project_id: Option<String>,
    /// Source node id (a ULID)
    #[arg(long, value_parser = parse_ulid, value_name = "ULID")]
    pub node_id: Option<String>,
    /// Source workcell id (a ULID)
    #[arg(long, value_parser = parse_ulid, value_name = "ULID")]
    pub workcell_id: Option<String>,
    /// Source lab id (a ULID)
    #[arg(long, value_parser = parse_ulid, value_name = "ULID")]
    pub lab_id: Option<String>,
    /// Source workflow step id (a ULID)
    #[arg(long, value_parser = parse_ulid, value_name = "ULID")]
    pub step_id: Option<String>,
    /// Source workflow id (a ULID)
    #[arg(long, value_parser = parse_ulid, value_name = "ULID")]
    pub workflow_id: Option<String>,
    /// Source manager id (a ULID)
    #[arg(long, value_parser = parse_ulid, value_name = "ULID")]
    pub manager_id: Option<String>,
}

impl OwnershipArgs {
    /// Returns the ids given, as `(field, id)` in upstream's field order.
    pub fn ids(&self) -> Vec<(&'static str, &str)> {
        let values = [
            &self.user_id,
            &self.experiment_id,
            &self.campaign_id,
            &self.project_id,
            &self.node_id,
            &self.workcell_id,
            &self.lab_id,
            &self.step_id,
            &self.workflow_id,
            &self.manager_id,
        ];
        OWNERSHIP_FIELDS
            .iter()
            .zip(values)
            .filter_map(|(field, value)| value.as_deref().map(|id| (*field, id)))
            .collect()
    }

    /// Returns the ids as an `OwnershipInfo` object.
    pub fn to_source(&self) -> Map<String, Value> {
        self.ids().into_iter().map(|(field, id)| (field.to_owned(), Value::from(id))).collect()
    }
}

/// The filters of `query`, `tail` and `export`.
#[derive(Clone, Debug, Default, Args)]
pub struct FilterArgs {
    #[command(flatten)]
    pub owner: OwnershipArgs,

    /// Keep events of this type, such as node_error (repeat for several)
    #[arg(
        short = 't',
        long = "type",
        value_name = "TYPE",
        value_parser = event_type_parser(),
        ignore_case = true,
        hide_possible_values = true
    )]
    pub types: Vec<String>,

    /// Keep events at or above this level: a name such as warning, or a number
    #[arg(short, long, value_parser = parse_min_level, value_name = "LEVEL")]
    pub level: Option<i64>,

    /// Keep events at or after this time: RFC 3339, a date, or an age such as 15m, 2h, 7d
    #[arg(long, value_parser = parse_time, value_name = "TIME")]
    pub since: Option<DateTime<Utc>>,

    /// Keep events at or before this time, in the same forms as --since
    #[arg(long, value_parser = parse_time, value_name = "TIME")]
    pub until: Option<DateTime<Utc>>,

    /// Keep events matching this MongoDB selector, such as '{"event_data.step": 3}'
    #[arg(long = "where", value_parser = parse_selector, value_name = "JSON")]
    pub selector: Option<Value>,
}

/// Parses seconds as a positive decimal number.
pub fn parse_seconds(text: &str) -> Result<Duration, String> {
    match parse_seconds_or_zero(text)? {
        Duration::ZERO => Err("must be more than 0 seconds".to_owned()),
        duration => Ok(duration),
    }
}

/// Parses seconds as a decimal number of at least 0.
pub fn parse_seconds_or_zero(text: &str) -> Result<Duration, String> {
    let seconds: f64 =
        text.trim().parse().map_err(|_| "expected a number of seconds, such as 2.5".to_owned())?;
    Duration::try_from_secs_f64(seconds)
        .map_err(|_| "expected a number of seconds of at least 0".to_owned())
}

/// Accepts a ULID as upstream validates `OwnershipInfo` ids.
pub fn parse_ulid(text: &str) -> Result<String, String> {
    if is_valid_ulid(text) {
        Ok(text.to_owned())
    } else {
        Err("not a ULID: expected 26 Crockford base32 characters starting with 0-7, such as \
             01JRG5ZK3W8D7E6F5G4H3J2K1M"
            .to_owned())
    }
}

/// Accepts an event type in any case and returns its lowercase wire name.
pub fn event_type_parser() -> impl TypedValueParser<Value = String> {
    PossibleValuesParser::new(EVENT_TYPE_NAMES).map(|name| name.to_ascii_lowercase())
}

/// Accepts a minimum level: a level name or any integer of at least 0.
pub fn parse_min_level(text: &str) -> Result<i64, String> {
    match level_from_text(text) {
        Some(level) if level >= 0 => Ok(level),
        _ => Err(LEVEL_EXPECTED.to_owned()),
    }
}

/// Accepts the level of a new event: one of the six levels, by name or number.
pub fn parse_event_level(text: &str) -> Result<i64, String> {
    level_from_text(text).filter(|level| is_enum_level(*level)).ok_or_else(|| {
        "expected debug, info, warning, error, critical or notset, or 0, 10, 20, 30, 40 or 50"
            .to_owned()
    })
}

const LEVEL_EXPECTED: &str =
    "expected a level name (debug, info, warning, error, critical) or a number such as 30";

/// Parses a point in time: an age (`15m`, `2h`, `7d`, `1h 30m`) counted back from now, or a
/// timestamp (RFC 3339, `YYYY-MM-DDTHH:MM[:SS]`, or a date) where a missing offset means
/// local time.
pub fn parse_time(text: &str) -> Result<DateTime<Utc>, String> {
    parse_time_at(text, Utc::now())
}

fn parse_time_at(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    if let Ok(age) = humantime::parse_duration(text) {
        let age = chrono::Duration::from_std(age).map_err(|_| "the age is too long".to_owned())?;
        return now.checked_sub_signed(age).ok_or_else(|| "the age is too long".to_owned());
    }
    match Timestamp::parse(text) {
        Ok(timestamp) => Ok(timestamp.instant(&NaiveZone::Local)),
        Err(_) => Err("expected an age such as 15m, 2h or 7d, or a time such as \
                       2026-04-09T14:00:00Z or 2026-04-09"
            .to_owned()),
    }
}

/// Renders an instant as the server expects a time parameter: RFC 3339 in UTC.
pub fn time_param(instant: DateTime<Utc>) -> String {
    Timestamp::from_utc(instant).to_pydantic_string()
}

/// Accepts any JSON value.
pub fn parse_json(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|error| format!("invalid JSON: {error}"))
}

/// Accepts a MongoDB selector that the server would accept.
pub fn parse_selector(text: &str) -> Result<Value, String> {
    let value = parse_json(text)?;
    Selector::parse(&value).map_err(|error| format!("invalid selector: {error}"))?;
    Ok(value)
}

/// Reads standard input to the end, for `-` arguments.
pub fn read_stdin() -> anyhow::Result<String> {
    let mut text = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
        .context("failed to read standard input")?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_count_back_from_now() {
        let now = "2026-04-09T12:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let at = |text| parse_time_at(text, now).unwrap().to_rfc3339();
        assert_eq!(at("15m"), "2026-04-09T11:45:00+00:00");
        assert_eq!(at("2h"), "2026-04-09T10:00:00+00:00");
        assert_eq!(at("7d"), "2026-04-02T12:00:00+00:00");
        assert_eq!(at("2026-04-01T00:00:00+02:00"), "2026-03-31T22:00:00+00:00");
        assert!(parse_time_at("yesterday", now).is_err());
    }

    #[test]
    fn levels_by_name_or_number() {
        assert_eq!(parse_min_level("warning"), Ok(30));
        assert_eq!(parse_min_level("25"), Ok(25));
        assert!(parse_min_level("-1").is_err());
        assert_eq!(parse_event_level("ERROR"), Ok(40));
        assert!(parse_event_level("25").is_err());
    }

    #[test]
    fn seconds() {
        assert_eq!(parse_seconds("2.5"), Ok(Duration::from_millis(2500)));
        assert!(parse_seconds("0").is_err());
        assert_eq!(parse_seconds_or_zero("0"), Ok(Duration::ZERO));
        assert!(parse_seconds("-1").is_err());
        assert!(parse_seconds("soon").is_err());
    }

    #[test]
    fn selectors_are_checked_early() {
        assert!(parse_selector(r#"{"event_data.step": {"$gte": 3}}"#).is_ok());
        assert!(parse_selector(r#"{"$where": "1"}"#).is_err());
        assert!(parse_selector("{").is_err());
    }
}
