//! `madsci-events get ID`: show one event, archived or not.

use std::process::ExitCode;

use clap::Args;

use super::args::{DisplayArgs, ServerArgs};
use super::exit::{NO_MATCH, SUCCESS, exit_code};
use crate::output::events::{ListFormat, print_events};
use crate::output::{print_json, report_error};

/// Show one event by id
///
/// Exit code 0 when the event exists, 1 when the server has no event with that id.
#[derive(Debug, Args)]
pub struct GetArgs {
    /// The event id
    #[arg(value_name = "ID")]
    pub id: String,

    /// Print as json (the stored document), a table, ndjson or csv
    #[arg(short, long, value_enum, default_value = "json", value_name = "FORMAT")]
    pub format: ListFormat,

    #[command(flatten)]
    pub display: DisplayArgs,

    #[command(flatten)]
    pub server: ServerArgs,
}

/// Prints the event, or reports that it does not exist.
pub fn run(args: GetArgs) -> anyhow::Result<ExitCode> {
    let client = args.server.connect()?;
    let Some(event) = client.get_event(&args.id)? else {
        report_error(&format!(
            "event `{}` not found on `{}`; `madsci-events query` lists recent event ids",
            args.id,
            client.server()
        ));
        return Ok(exit_code(NO_MATCH));
    };
    match args.format {
        ListFormat::Json => print_json(&event)?,
        format => print_events(&[event], format, args.display.style())?,
    }
    Ok(exit_code(SUCCESS))
}
