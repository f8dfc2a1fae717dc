//! `madsci-events import`: send NDJSON events in batches, idempotent by id.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use indicatif::ProgressBar;
use serde::Serialize;
use serde_json::Value;

use super::args::ServerArgs;
use super::exit::{ERROR, SUCCESS, exit_code};
use crate::client::deliver::{Delivery, Outcome};
use crate::output::progress::progress_bar;
use crate::output::{ReportFormat, print_json, print_line, report_error};

/// Bytes of events per request at most; a request also ends at --batch-size events.
const BATCH_BYTES: usize = 1024 * 1024;

/// Import events from NDJSON, one event per line
///
/// Sends the events in batches through POST /events/batch (one POST /event per event on a
/// server without it). An id that is already stored with the same content counts as present
/// and is not stored twice, so an import can be re-run after a failure. Each rejected line is
/// reported and the import carries on; exit code 2 at the end when any line was rejected.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Read events from this NDJSON file; `-` or nothing reads standard input
    #[arg(value_name = "FILE")]
    pub input: Option<PathBuf>,

    /// Send at most this many events per request
    #[arg(
        long,
        default_value_t = 500,
        value_parser = clap::value_parser!(u16).range(1..=10_000),
        value_name = "N"
    )]
    pub batch_size: u16,

    /// Print the result as text or json
    #[arg(short, long, value_enum, default_value_t, value_name = "FORMAT")]
    pub format: ReportFormat,

    /// Print nothing but errors and hide the progress bar
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub server: ServerArgs,
}

/// Counts of an import.
#[derive(Debug, Default, Serialize)]
pub struct ImportReport {
    /// Stored by this import.
    pub inserted: u64,
    /// Already stored with the same content.
    pub existing: u64,
    /// Stored now or before, by a server that does not say which.
    pub accepted: u64,
    /// Already stored with different content; the stored event was kept.
    pub conflicts: u64,
    /// Not an event: bad JSON or rejected by the server's validation.
    pub invalid: u64,
}

/// A line waiting in the current batch.
struct Pending {
    line: u64,
    text: String,
}

/// Imports every line and reports the counts.
pub fn run(args: ImportArgs) -> anyhow::Result<ExitCode> {
    let (reader, size) = open_input(args.input.as_ref())?;
    let client = args.server.connect()?;
    let delivery = Delivery::new(&client);
    let bar = progress_bar(size, "bytes", args.quiet);
    let mut importer = Importer { delivery, report: ImportReport::default(), batch: Vec::new() };
    let mut batch_bytes = 0;
    for (index, line) in BufReader::new(reader).lines().enumerate() {
        let line = line.with_context(|| format!("failed to read line {}", index + 1))?;
        bar.inc(line.len() as u64 + 1);
        let Some(text) = importer.accept_line(index as u64 + 1, line) else {
            continue;
        };
        batch_bytes += text;
        if importer.batch.len() >= usize::from(args.batch_size) || batch_bytes >= BATCH_BYTES {
            importer.send(&bar)?;
            batch_bytes = 0;
        }
    }
    importer.send(&bar)?;
    bar.finish_and_clear();
    print_report(&args, &importer.report)?;
    let rejected = importer.report.conflicts + importer.report.invalid;
    Ok(exit_code(if rejected > 0 { ERROR } else { SUCCESS }))
}

fn open_input(path: Option<&PathBuf>) -> anyhow::Result<(Box<dyn Read>, Option<u64>)> {
    match path.filter(|path| path.as_os_str() != "-") {
        Some(path) => {
            let file =
                File::open(path).with_context(|| format!("failed to open `{}`", path.display()))?;
            let size = file.metadata().ok().map(|metadata| metadata.len());
            Ok((Box::new(file), size))
        }
        None => Ok((Box::new(io::stdin()), None)),
    }
}

struct Importer<'a> {
    delivery: Delivery<'a>,
    report: ImportReport,
    batch: Vec<Pending>,
}

impl Importer<'_> {
    /// Queues a line that contains a JSON object and returns its length. Any other non-blank
    /// line is reported as invalid.
    fn accept_line(&mut self, line: u64, text: String) -> Option<usize> {
        if text.trim().is_empty() {
            return None;
        }
        match serde_json::from_str::<Value>(&text) {
            Ok(Value::Object(_)) => {
                let length = text.len();
                self.batch.push(Pending { line, text });
                Some(length)
            }
            Ok(_) => self.reject(line, "not a JSON object"),
            Err(error) => self.reject(line, &format!("invalid JSON: {error}")),
        }
    }

    fn reject(&mut self, line: u64, reason: &str) -> Option<usize> {
        report_error(&format!("line {line}: {reason}"));
        self.report.invalid += 1;
        None
    }

    /// Sends the queued lines and counts their outcomes. Fails when the server cannot take
    /// them; lines sent before stay stored, and a re-run skips them.
    fn send(&mut self, bar: &ProgressBar) -> anyhow::Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let texts: Vec<&str> = self.batch.iter().map(|pending| pending.text.as_str()).collect();
        let outcomes = self.delivery.send(&texts).with_context(|| {
            format!(
                "failed to import the events from line {}: re-run the same import to finish, \
                 events already stored are skipped",
                self.batch[0].line
            )
        })?;
        let lines: Vec<u64> = self.batch.drain(..).map(|pending| pending.line).collect();
        for (line, outcome) in lines.into_iter().zip(outcomes) {
            self.count(line, outcome, bar);
        }
        Ok(())
    }

    fn count(&mut self, line: u64, outcome: Outcome, bar: &ProgressBar) {
        match outcome {
            Outcome::Inserted => self.report.inserted += 1,
            Outcome::Existing => self.report.existing += 1,
            Outcome::Accepted => self.report.accepted += 1,
            Outcome::Conflict(reason) => {
                bar.suspend(|| report_error(&format!("line {line}: {reason}")));
                self.report.conflicts += 1;
            }
            Outcome::Invalid(reason) => {
                bar.suspend(|| report_error(&format!("line {line}: {reason}")));
                self.report.invalid += 1;
            }
        }
    }
}

fn print_report(args: &ImportArgs, report: &ImportReport) -> io::Result<()> {
    match args.format {
        ReportFormat::Json => print_json(report),
        ReportFormat::Text if args.quiet => Ok(()),
        ReportFormat::Text => print_line(&report_text(report)),
    }
}

/// `imported 5 events: 3 new, 2 already present`, then any other counts that are not zero.
fn report_text(report: &ImportReport) -> String {
    let stored = report.inserted + report.existing + report.accepted;
    let mut text = format!(
        "imported {stored} events: {} new, {} already present",
        report.inserted, report.existing
    );
    let others = [
        (report.accepted, "stored by a server that did not say whether they were new"),
        (report.conflicts, "conflicting with stored events"),
        (report.invalid, "invalid"),
    ];
    for (count, what) in others {
        if count > 0 {
            text.push_str(&format!(", {count} {what}"));
        }
    }
    text
}
