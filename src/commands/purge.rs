//! `madsci-events purge`: permanently delete events archived long ago.

use std::process::ExitCode;

use clap::Args;
use serde_json::Value;

use super::args::ServerArgs;
use super::exit::{SUCCESS, exit_code};
use crate::output::prompt::confirm;
use crate::output::{ReportFormat, note, print_json, print_line};

/// Permanently delete archived events
///
/// Deletes events that were archived more than --older-than-days days ago; events that are not
/// archived are never touched. This cannot be undone. Prompts for confirmation unless --yes is
/// given. With no terminal it never prompts and fails instead.
#[derive(Debug, Args)]
pub struct PurgeArgs {
    /// Delete events archived more than this many days ago (0: archived before now)
    #[arg(long, value_parser = clap::value_parser!(i64).range(0..), value_name = "DAYS")]
    pub older_than_days: i64,

    /// Delete without asking for confirmation
    #[arg(short, long)]
    pub yes: bool,

    /// Print the result as text or json (the server's reply)
    #[arg(short, long, value_enum, default_value_t, value_name = "FORMAT")]
    pub format: ReportFormat,

    /// Print nothing but errors
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub server: ServerArgs,
}

/// Purges after confirmation and prints how many events were deleted.
pub fn run(args: PurgeArgs) -> anyhow::Result<ExitCode> {
    let days = args.older_than_days;
    let question = format!(
        "Permanently delete every event archived more than {days} days ago? This cannot be undone"
    );
    if !confirm(&question, "purging", args.yes)? {
        note(false, "cancelled: nothing was deleted");
        return Ok(exit_code(SUCCESS));
    }
    let client = args.server.connect()?;
    let reply = client.purge(days)?;
    match args.format {
        ReportFormat::Json => print_json(&reply)?,
        ReportFormat::Text if args.quiet => {}
        ReportFormat::Text => {
            let deleted = reply.get("deleted_count").and_then(Value::as_u64).unwrap_or(0);
            print_line(&format!("deleted {deleted} archived events"))?;
        }
    }
    Ok(exit_code(SUCCESS))
}
