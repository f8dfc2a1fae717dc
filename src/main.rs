use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use madsci_events::cli::Cli;
use madsci_events::commands;
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.log_level.as_deref());
    match commands::dispatch(cli) {
        Ok(code) => code,
        // `| head` closed stdout on purpose: not an error.
        Err(error) if madsci_events::output::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Logs to stderr. `--log-level` wins over `RUST_LOG`; the default is `info`.
fn init_logging(level: Option<&str>) {
    let filter = level
        .map(EnvFilter::new)
        .or_else(|| EnvFilter::try_from_default_env().ok())
        .unwrap_or_else(|| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .init();
}
