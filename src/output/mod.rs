//! What the command-line client prints: events and reports in each `--format`, colour,
//! progress bars and confirmation prompts.
//!
//! Data goes to stdout and messages to stderr. Machine formats (`json`, `ndjson`, `csv`) are
//! built from the documents the server sent, so their fields are the API's. Tables and text
//! lines are for people. A closed stdout (`| head`) surfaces as an `io::Error` of kind
//! `BrokenPipe`, which `main` turns into a quiet exit.

pub mod events;
pub mod progress;
pub mod prompt;
pub mod time;

use std::io::{self, IsTerminal, Write};

use clap::ValueEnum;
use serde::Serialize;

/// When to colour the output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is unset
    #[default]
    Auto,
    /// Always colour, even into a pipe
    Always,
    /// Never colour
    Never,
}

impl ColorChoice {
    /// Decides for stdout: `auto` colours a terminal unless `NO_COLOR` is set to a non-empty
    /// value or `TERM` is `dumb`.
    pub fn for_stdout(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => io::stdout().is_terminal() && !color_disabled_by_env(),
        }
    }
}

fn color_disabled_by_env() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    no_color || std::env::var_os("TERM").is_some_and(|term| term == "dumb")
}

/// Output format of a report (the result of `health`, `archive`, `purge`, `import`, `flush`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Sentences or aligned fields for people
    #[default]
    Text,
    /// One JSON object
    Json,
}

/// Writes one JSON value and a newline to stdout.
pub fn print_json(value: &impl Serialize) -> io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    let mut stdout = io::stdout().lock();
    writeln!(stdout, "{text}")?;
    stdout.flush()
}

/// Writes one line to stdout.
pub fn print_line(line: &str) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    writeln!(stdout, "{line}")?;
    stdout.flush()
}

/// Writes a warning to stderr unless `quiet`. A failing stderr is ignored: there is nowhere
/// left to report it.
pub fn warn(quiet: bool, message: &str) {
    if !quiet {
        let _ = writeln!(io::stderr().lock(), "warning: {message}");
    }
}

/// Writes an informational line to stderr unless `quiet`.
pub fn note(quiet: bool, message: &str) {
    if !quiet {
        let _ = writeln!(io::stderr().lock(), "{message}");
    }
}

/// Writes an error line to stderr for a failure that does not stop the command.
pub fn report_error(message: &str) {
    let _ = writeln!(io::stderr().lock(), "error: {message}");
}

/// Reports whether an error chain ends in a closed pipe, which is not an error for a command
/// whose output was cut short on purpose (`| head`).
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
