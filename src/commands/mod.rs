//! One module per subcommand, each with a `run` that returns the process exit code.

pub mod alert;
pub mod archive;
pub mod args;
pub mod backup;
pub mod check_version;
pub mod config;
pub mod database;
pub mod exit;
pub mod export;
pub mod filter;
pub mod flush;
pub mod generate;
pub mod get;
pub mod health;
pub mod import;
pub mod log;
pub mod migrate;
pub mod purge;
pub mod query;
pub mod restore;
pub mod serve;
pub mod tail;

use std::process::ExitCode;

use crate::cli::{Cli, Command};

/// Runs the chosen subcommand.
pub fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve(args) => serve::run(args),
        Command::Log(args) => log::run(args),
        Command::Alert(args) => alert::run(args),
        Command::Query(args) => query::run(args),
        Command::Get(args) => get::run(args),
        Command::Tail(args) => tail::run(args),
        Command::Health(args) => health::run(args),
        Command::Archive(args) => archive::run(args),
        Command::Purge(args) => purge::run(args),
        Command::Export(args) => export::run(args),
        Command::Import(args) => import::run(args),
        Command::Flush(args) => flush::run(args),
        Command::Config(args) => config::run(args),
        Command::Migrate(args) => migrate::run(args),
        Command::CheckVersion(args) => check_version::run(args),
        Command::Backup(args) => backup::run(args),
        Command::Backups(args) => backup::run_backups(args),
        Command::Restore(args) => restore::run(args),
        Command::Generate(args) => generate::run(args),
    }
}
