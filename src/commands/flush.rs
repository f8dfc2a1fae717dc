//! `madsci-events flush`: deliver the events that `log` spooled while the server was away.

use std::process::ExitCode;

use clap::Args;
use serde_json::json;

use super::args::{ServerArgs, SpoolArgs};
use super::exit::{ERROR, SPOOLED, SUCCESS, exit_code};
use crate::client::deliver::{Delivery, FlushReport, flush_spool};
use crate::output::progress::progress_bar;
use crate::output::{ReportFormat, print_json, print_line, report_error, warn};

/// Deliver spooled events to the server
///
/// Sends every event in the spool, oldest first, with its original id; the server stores an
/// id it already has only once. Events the server rejects move to the spool's `rejected/`
/// folder with the reason beside them. Exit code 0 when the spool is empty afterwards, 3 when
/// the server could not be reached, 2 when events were rejected.
#[derive(Debug, Args)]
pub struct FlushArgs {
    /// Print the result as text or json
    #[arg(long, value_enum, default_value_t, value_name = "FORMAT")]
    pub format: ReportFormat,

    /// Print nothing but errors and hide the progress bar
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub server: ServerArgs,

    #[command(flatten)]
    pub spool: SpoolArgs,
}

/// Flushes the spool and reports what happened.
pub fn run(args: FlushArgs) -> anyhow::Result<ExitCode> {
    let spool = args.spool.spool()?;
    let client = args.server.connect()?;
    let delivery = Delivery::new(&client);
    let bar = progress_bar(None, "events", args.quiet);
    let report = flush_spool(&delivery, &spool, &mut |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    })?;
    bar.finish_and_clear();
    for (id, reason) in &report.rejected {
        report_error(&format!("spooled event `{id}` was rejected: {reason}"));
    }
    if let Some(error) = &report.stopped_by {
        warn(
            args.quiet,
            &format!("{error}\n{} events stay in `{}`", report.remaining, spool.dir().display()),
        );
    }
    print_report(&args, &report)?;
    let code = if report.stopped_by.is_some() {
        SPOOLED
    } else if report.rejected.is_empty() {
        SUCCESS
    } else {
        ERROR
    };
    Ok(exit_code(code))
}

fn print_report(args: &FlushArgs, report: &FlushReport) -> std::io::Result<()> {
    match args.format {
        ReportFormat::Json => print_json(&json!({
            "delivered": report.delivered,
            "rejected": report.rejected.len(),
            "remaining": report.remaining,
        })),
        ReportFormat::Text if args.quiet => Ok(()),
        ReportFormat::Text => print_line(&format!(
            "delivered {} spooled events ({} rejected, {} still spooled)",
            report.delivered,
            report.rejected.len(),
            report.remaining
        )),
    }
}
