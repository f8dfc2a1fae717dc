//! `madsci-events export`: write events as NDJSON, one stored document per line.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use serde_json::Value;
use serde_json::value::RawValue;

use super::args::{FilterArgs, ServerArgs};
use super::exit::{SUCCESS, exit_code};
use super::filter::Archived;
use crate::client::documents::for_each_document;
use crate::output::note;
use crate::output::progress::progress_bar;

/// Export events as NDJSON, one event per line
///
/// Writes every matching event, archived ones included unless --exclude-archived, in the
/// order the server stored them. `madsci-events import` reads the file back; importing it
/// twice stores each event once.
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub filters: FilterArgs,

    /// Leave archived events out
    #[arg(long, conflicts_with = "archived")]
    pub exclude_archived: bool,

    /// Export only archived events
    #[arg(long)]
    pub archived: bool,

    /// Write to this file instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Print nothing but errors and hide the progress bar
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub server: ServerArgs,
}

/// Streams the events to the output and reports how many were written.
pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let archived = match (args.exclude_archived, args.archived) {
        (_, true) => Archived::Only,
        (true, false) => Archived::Exclude,
        (false, false) => Archived::Include,
    };
    let client = args.server.connect()?;
    let bar = progress_bar(None, "events", args.quiet);
    if !bar.is_hidden() {
        // The total is an estimate for the bar: every stored event, before filtering.
        let total = client.health().ok().and_then(|health| health["total_events"].as_u64());
        if let Some(total) = total {
            bar.set_length(total);
        }
    }
    let response = client.send_query(&args.filters.selector(archived))?;
    let body = response.into_body().into_reader();
    let count = match &args.output {
        Some(path) => write_file(path, |out| copy_events(body, out, &bar))?,
        None => copy_events(body, &mut BufWriter::new(io::stdout().lock()), &bar)?,
    };
    bar.finish_and_clear();
    if let Some(path) = &args.output {
        note(args.quiet, &format!("exported {count} events to `{}`", path.display()));
    }
    Ok(exit_code(SUCCESS))
}

/// Copies the documents of an id-keyed map as NDJSON lines.
fn copy_events(
    body: impl io::Read,
    out: &mut impl Write,
    bar: &indicatif::ProgressBar,
) -> anyhow::Result<u64> {
    let count = for_each_document(body, |document| {
        write_line(out, document)?;
        bar.inc(1);
        Ok(())
    })?;
    out.flush()?;
    Ok(count)
}

/// Writes one document on one line; a document that spans lines is compacted first.
fn write_line(out: &mut impl Write, document: &RawValue) -> io::Result<()> {
    let text = document.get();
    if text.contains('\n') {
        let value: Value = serde_json::from_str(text).map_err(io::Error::other)?;
        writeln!(out, "{value}")
    } else {
        writeln!(out, "{text}")
    }
}

/// Writes through a temporary file next to `path`, renamed into place only when complete.
fn write_file(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> anyhow::Result<u64>,
) -> anyhow::Result<u64> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let file = File::create(&partial)
        .with_context(|| format!("failed to create `{}`", partial.display()))?;
    let mut out = BufWriter::new(file);
    let written = write(&mut out).and_then(|count| {
        out.into_inner().map_err(|error| error.into_error())?.sync_all()?;
        Ok(count)
    });
    match written {
        Ok(count) => {
            fs::rename(&partial, path)
                .with_context(|| format!("failed to write `{}`", path.display()))?;
            Ok(count)
        }
        Err(error) => {
            let _ = fs::remove_file(&partial);
            Err(error.context(format!("failed to export to `{}`", path.display())))
        }
    }
}
