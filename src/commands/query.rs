//! `madsci-events query`: list events matching filters, newest first.

use std::process::ExitCode;

use clap::Args;
use serde_json::Value;

use super::args::{DisplayArgs, FilterArgs, ServerArgs};
use super::exit::{NO_MATCH, SUCCESS, exit_code};
use super::filter::{Archived, newest_first};
use crate::client::Client;
use crate::output::events::{ListFormat, print_events};

/// List events matching filters, newest first
///
/// Exit code 0 when at least one event matched, 1 when none did, 2 on error, so that
/// `if madsci-events query --node-id … --since 1h; then …` works in scripts.
#[derive(Debug, Args)]
pub struct QueryArgs {
    #[command(flatten)]
    pub filters: FilterArgs,

    /// Show at most this many events (0: all)
    #[arg(short = 'n', long, default_value_t = 100, value_name = "N")]
    pub limit: u64,

    /// Skip this many of the newest matching events
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: u64,

    /// Also show archived events
    #[arg(long, conflicts_with = "archived")]
    pub include_archived: bool,

    /// Show only archived events
    #[arg(long)]
    pub archived: bool,

    /// Print as a table, json (an array), ndjson (one event per line) or csv
    #[arg(short, long, value_enum, default_value_t, value_name = "FORMAT")]
    pub format: ListFormat,

    #[command(flatten)]
    pub display: DisplayArgs,

    #[command(flatten)]
    pub server: ServerArgs,
}

/// Prints the matching events; exit code 1 when there are none.
pub fn run(args: QueryArgs) -> anyhow::Result<ExitCode> {
    let client = args.server.connect()?;
    let archived = Archived::from_flags(args.include_archived, args.archived);
    let events = fetch_newest(&client, &args.filters, archived, args.limit, args.offset)?;
    print_events(&events, args.format, args.display.style())?;
    Ok(exit_code(if events.is_empty() { NO_MATCH } else { SUCCESS }))
}

/// The newest matching events, newest first: through `GET /events` when its filters suffice,
/// else through a selector, sorted and paged here.
pub fn fetch_newest(
    client: &Client,
    filters: &FilterArgs,
    archived: Archived,
    limit: u64,
    offset: u64,
) -> anyhow::Result<Vec<Value>> {
    if filters.needs_selector(archived) {
        let events = client.query(&filters.selector(archived))?;
        return Ok(newest_first(events, limit, offset));
    }
    Ok(client.list_events(&filters.list_params(archived, limit, offset))?)
}
