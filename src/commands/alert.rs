//! `madsci-events alert`: post one alerting event through the server, or `--test` every
//! configured notifier directly.

use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::Local;
use clap::Args;
use serde_json::{Map, Value, json};
use ulid::Ulid;

use super::args::{OwnershipArgs, ServerArgs, event_type_parser, parse_event_level};
use super::exit::{ERROR, SUCCESS, exit_code};
use crate::alert::{TestOutcome, send_test};
use crate::config::{SettingsOverrides, load};
use crate::model::Event;
use crate::output::{print_line, report_error};

/// Send an alert through the server, or test the alert notifiers
///
/// `alert MESSAGE` posts one event with its alert flag set, so the server notifies every
/// configured notifier whatever its alert_level. The message becomes `event_data.message`;
/// the event id is printed. Unlike `log`, an alert is never spooled: when the server cannot
/// take it, the command fails (exit code 2) so a script can try another way.
///
/// `alert --test` reads the server's settings (EVENT_EMAIL_ALERTS, EVENT_WEBHOOK_ALERTS and the
/// settings files) and sends one test message through each notifier directly, without the
/// server. It prints one line per email recipient and webhook: `sent`, or why it failed
/// (authentication failed, TLS handshake failed, connection timed out, recipient refused…),
/// and exits with 2 when any failed.
#[derive(Debug, Args)]
pub struct AlertArgs {
    /// The alert message
    #[arg(value_name = "MESSAGE", required_unless_present = "test")]
    pub message: Option<String>,

    /// Send a test message through every configured notifier and report each result
    #[arg(long, conflicts_with_all = ["message", "event_type", "data"])]
    pub test: bool,

    /// Set the level: debug, info, warning, error, critical, or 0 to 50
    #[arg(short, long, default_value = "critical", value_parser = parse_event_level)]
    pub level: i64,

    /// Set the event type [default: log_<level>, such as log_critical]
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

    /// Attach this JSON object as event data besides the message
    #[arg(long, value_parser = parse_object, value_name = "JSON")]
    pub data: Option<Map<String, Value>>,

    /// Print nothing on success
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub server: ServerArgs,
}

/// Posts the alert, or runs `--test`; returns 0 on success.
pub fn run(args: AlertArgs) -> anyhow::Result<ExitCode> {
    if args.test {
        return run_test(args.quiet);
    }
    let Some(message) = args.message.clone() else {
        bail!("nothing to send: give a MESSAGE, or `--test` to test the notifiers");
    };
    let (id, event) = build_event(&args, message)?;
    let client = args.server.connect()?;
    client.post_event(&event).with_context(|| format!("failed to send alert `{id}`"))?;
    if !args.quiet {
        print_line(&id)?;
    }
    Ok(exit_code(SUCCESS))
}

/// Builds the alerting event; returns its id and its JSON text.
fn build_event(args: &AlertArgs, message: String) -> anyhow::Result<(String, String)> {
    let id = Ulid::new().to_string();
    let event_type = args.event_type.clone().unwrap_or_else(|| type_for_level(args.level).into());
    let mut data = Map::from_iter([("message".to_owned(), Value::from(message))]);
    if let Some(extra) = &args.data {
        data.extend(
            extra.iter().filter(|(key, _)| *key != "message").map(|(k, v)| (k.clone(), v.clone())),
        );
    }
    let body = json!({
        "_id": id,
        "event_type": event_type,
        "log_level": args.level,
        "alert": true,
        "event_timestamp": Local::now().format("%Y-%m-%dT%H:%M:%S%.6f%:z").to_string(),
        "source": Value::Object(args.owner.to_source()),
        "event_data": Value::Object(data),
    });
    let event = Event::from_json(body).map_err(|errors| {
        let reasons: Vec<String> = errors.iter().map(|error| error.msg.clone()).collect();
        anyhow::anyhow!("invalid alert: {}", reasons.join("; "))
    })?;
    Ok((id, event.to_json_string()))
}

/// `--test`: one attempt per notifier target, one report line each.
fn run_test(quiet: bool) -> anyhow::Result<ExitCode> {
    let settings = load(&SettingsOverrides::default())?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("failed to start the async runtime")?;
    let outcomes = runtime.block_on(send_test(&settings))?;
    if outcomes.is_empty() {
        bail!(
            "no alert notifier is configured: set `email_alerts` (with `email_addresses`) or \
             `webhook_alerts` in the settings, such as \
             EVENT_WEBHOOK_ALERTS='{{\"url\": \"https://chat.example/hooks/…\"}}'"
        );
    }
    let failed = report(&outcomes, quiet)?;
    if failed == 0 {
        return Ok(exit_code(SUCCESS));
    }
    report_error(&format!("{failed} of {} notifier targets failed the test", outcomes.len()));
    Ok(exit_code(ERROR))
}

/// Prints one line per target; returns how many failed.
fn report(outcomes: &[TestOutcome], quiet: bool) -> anyhow::Result<usize> {
    let mut failed = 0;
    for outcome in outcomes {
        match &outcome.result {
            Ok(()) if quiet => {}
            Ok(()) => print_line(&format!("{}: sent", outcome.label))?,
            Err(error) => {
                failed += 1;
                print_line(&format!("{}: failed: {error}", outcome.label))?;
            }
        }
    }
    Ok(failed)
}

/// Accepts a JSON object.
fn parse_object(text: &str) -> Result<Map<String, Value>, String> {
    match serde_json::from_str(text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err("expected a JSON object, such as '{\"freezer\": 2}'".to_owned()),
        Err(error) => Err(format!("invalid JSON: {error}")),
    }
}

/// Returns the event type that upstream's client gives an event of this level.
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

    #[test]
    fn data_objects_only() {
        assert!(parse_object(r#"{"freezer": 2}"#).is_ok());
        assert!(parse_object("[1]").unwrap_err().contains("JSON object"));
        assert!(parse_object("{").unwrap_err().starts_with("invalid JSON"));
    }

    #[test]
    fn types_follow_levels() {
        assert_eq!(type_for_level(50), "log_critical");
        assert_eq!(type_for_level(0), "log");
    }
}
