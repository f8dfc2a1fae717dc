//! `madsci-events archive`: soft-delete events by id or by age.

use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::Args;
use serde_json::json;

use super::args::{ServerArgs, parse_time, read_stdin, time_param};
use super::exit::{SUCCESS, exit_code};
use crate::output::progress::progress_bar;
use crate::output::prompt::confirm;
use crate::output::time::display_time;
use crate::output::{ReportFormat, note, print_json, print_line};

/// Ids per archive request.
const IDS_PER_REQUEST: usize = 1000;

/// Archive events by id or by age
///
/// Archived events stay stored but leave listings unless asked for (--include-archived);
/// `purge` deletes them for good. Prompts for confirmation unless --yes is given. With no
/// terminal it never prompts and fails instead.
#[derive(Debug, Args)]
pub struct ArchiveArgs {
    /// Archive these event ids, comma-separated or repeated; `-` reads one id per line from
    /// standard input
    #[arg(
        long,
        value_delimiter = ',',
        num_args = 1..,
        required_unless_present = "before",
        conflicts_with = "before",
        value_name = "ID"
    )]
    pub ids: Vec<String>,

    /// Archive every event older than this: RFC 3339, a date, or an age such as 30d
    #[arg(long, value_parser = parse_time, value_name = "TIME")]
    pub before: Option<DateTime<Utc>>,

    /// Archive without asking for confirmation
    #[arg(short, long)]
    pub yes: bool,

    /// Print the result as text or json
    #[arg(short, long, value_enum, default_value_t, value_name = "FORMAT")]
    pub format: ReportFormat,

    /// Print nothing but errors and hide the progress bar
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub server: ServerArgs,
}

/// Archives after confirmation and prints how many events changed.
pub fn run(args: ArchiveArgs) -> anyhow::Result<ExitCode> {
    let ids = read_ids(&args.ids)?;
    let question = match (args.before, ids.len()) {
        (Some(before), _) => {
            let shown = display_time(&time_param(before), false);
            format!("Archive every event before {shown} (local time)?")
        }
        (None, 1) => format!("Archive event {}?", ids[0]),
        (None, count) => format!("Archive {count} events?"),
    };
    if !confirm(&question, "archiving", args.yes)? {
        note(false, "cancelled: nothing was archived");
        return Ok(exit_code(SUCCESS));
    }
    let client = args.server.connect()?;
    let archived = match args.before {
        Some(before) => {
            let bar = progress_bar(None, "requests", args.quiet);
            let reply = client.archive(&json!({ "before_date": time_param(before) }))?;
            bar.finish_and_clear();
            count_of(&reply)
        }
        None => archive_ids(&client, &ids, args.quiet)?,
    };
    print_report(&args, archived)?;
    Ok(exit_code(SUCCESS))
}

/// Collects the ids of the flag, reading standard input for `-` and skipping blank lines.
fn read_ids(given: &[String]) -> anyhow::Result<Vec<String>> {
    let mut ids = Vec::new();
    for id in given {
        if id == "-" {
            let text = read_stdin()?;
            ids.extend(text.lines().map(str::trim).filter(|id| !id.is_empty()).map(str::to_owned));
        } else if !id.trim().is_empty() {
            ids.push(id.trim().to_owned());
        }
    }
    if ids.is_empty() && given.iter().any(|id| id == "-") {
        anyhow::bail!("no event ids on standard input: give one id per line");
    }
    Ok(ids)
}

fn archive_ids(client: &crate::client::Client, ids: &[String], quiet: bool) -> anyhow::Result<u64> {
    let bar = progress_bar(Some(ids.len() as u64), "ids", quiet);
    let mut archived = 0;
    for chunk in ids.chunks(IDS_PER_REQUEST) {
        let reply = client.archive(&json!({ "event_ids": chunk }))?;
        archived += count_of(&reply);
        bar.inc(chunk.len() as u64);
    }
    bar.finish_and_clear();
    Ok(archived)
}

fn count_of(reply: &serde_json::Value) -> u64 {
    reply.get("archived_count").and_then(serde_json::Value::as_u64).unwrap_or(0)
}

fn print_report(args: &ArchiveArgs, archived: u64) -> std::io::Result<()> {
    match args.format {
        ReportFormat::Json => print_json(&json!({
            "archived_count": archived,
            "message": format!("Successfully archived {archived} events"),
        })),
        ReportFormat::Text if args.quiet => Ok(()),
        ReportFormat::Text => print_line(&format!("archived {archived} events")),
    }
}
