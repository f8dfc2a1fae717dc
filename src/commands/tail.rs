//! `madsci-events tail`: the last events, oldest first, and with `-f` new ones as they arrive.

use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Args;
use serde_json::Value;

use super::args::{DisplayArgs, FilterArgs, ServerArgs};
use super::exit::{NO_MATCH, SUCCESS, exit_code};
use super::filter::Archived;
use super::query::fetch_newest;
use crate::client::Client;
use crate::output::events::{LineFormat, LinePrinter};
use crate::output::warn;

/// Show the last events, and follow new ones with -f
///
/// Prints the last N matching events, oldest first. With --follow it keeps running and prints
/// each new matching event as the server commits it (through the server-sent event stream
/// GET /events/stream) until interrupted. Without --follow, exit code 1 means nothing matched.
#[derive(Debug, Args)]
pub struct TailArgs {
    #[command(flatten)]
    pub filters: FilterArgs,

    /// Show this many of the latest events first
    #[arg(short = 'n', long, default_value_t = 10, value_name = "N")]
    pub lines: u64,

    /// Keep running and print new events as they arrive
    #[arg(short, long)]
    pub follow: bool,

    /// Also show archived events
    #[arg(long, conflicts_with = "archived")]
    pub include_archived: bool,

    /// Show only archived events
    #[arg(long)]
    pub archived: bool,

    /// Print as text lines, ndjson (one event per line) or csv
    #[arg(short = 'o', long, value_enum, default_value_t, value_name = "FORMAT")]
    pub format: LineFormat,

    /// Print no warnings about skipped events
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub display: DisplayArgs,

    #[command(flatten)]
    pub server: ServerArgs,
}

/// Prints the last events, then follows the stream when asked.
pub fn run(args: TailArgs) -> anyhow::Result<ExitCode> {
    let client = args.server.connect()?;
    let archived = Archived::from_flags(args.include_archived, args.archived);
    let mut printer = LinePrinter::new(args.format, args.display.style());
    if args.follow {
        return follow(&args, &client, archived, &mut printer);
    }
    let events = fetch_newest(&client, &args.filters, archived, args.lines, 0)?;
    for event in events.iter().rev() {
        printer.print(event)?;
    }
    Ok(exit_code(if events.is_empty() { NO_MATCH } else { SUCCESS }))
}

/// Streams events until the server closes the stream, which is an error: a follower is meant
/// to run until it is interrupted.
fn follow(
    args: &TailArgs,
    client: &Client,
    archived: Archived,
    printer: &mut LinePrinter,
) -> anyhow::Result<ExitCode> {
    let mut stream = client.stream(&args.filters.stream_params(archived, args.lines))?;
    loop {
        let message = stream
            .next_message()
            .with_context(|| format!("the event stream from `{}` failed", client.server()))?;
        let Some(message) = message else {
            bail!(
                "the event stream from `{}` ended: the server closed it; run `tail -f` again \
                 when the server is back",
                client.server()
            );
        };
        match message.event.as_str() {
            "event" => {
                let event: Value = serde_json::from_str(&message.data).with_context(|| {
                    format!("invalid event in the stream from `{}`", client.server())
                })?;
                printer.print(&event)?;
            }
            "lagged" => warn(args.quiet, &lagged_text(&message.data)),
            _ => {}
        }
    }
}

fn lagged_text(data: &str) -> String {
    let skipped = serde_json::from_str::<Value>(data)
        .ok()
        .and_then(|value| value.get("skipped").and_then(Value::as_u64))
        .map_or_else(|| "some".to_owned(), |count| count.to_string());
    format!("{skipped} events were skipped because this reader fell behind the server")
}
