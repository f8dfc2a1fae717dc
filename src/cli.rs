//! The command-line definition. One clap tree drives `--help`, the man pages and the shell
//! completions.

use clap::{Args, Parser, Subcommand};

/// Event server and toolkit for MADSci labs, compatible with the MADSci Event Manager.
#[derive(Debug, Parser)]
#[command(
    name = "madsci-events",
    version,
    max_term_width = 80,
    after_help = crate::commands::exit::EXIT_CODES_HELP
)]
pub struct Cli {
    /// Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)
    #[arg(long, global = true, value_name = "LEVEL")]
    pub log_level: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the event HTTP API
    Serve(ServeArgs),
    Log(crate::commands::log::LogArgs),
    Alert(crate::commands::alert::AlertArgs),
    Query(crate::commands::query::QueryArgs),
    Get(crate::commands::get::GetArgs),
    Tail(crate::commands::tail::TailArgs),
    Health(crate::commands::health::HealthArgs),
    Archive(crate::commands::archive::ArchiveArgs),
    Purge(crate::commands::purge::PurgeArgs),
    Export(crate::commands::export::ExportArgs),
    Import(crate::commands::import::ImportArgs),
    Flush(crate::commands::flush::FlushArgs),
    Config(crate::commands::config::ConfigArgs),
    Migrate(crate::commands::migrate::MigrateArgs),
    CheckVersion(crate::commands::check_version::CheckVersionArgs),
    Backup(crate::commands::backup::BackupArgs),
    Backups(crate::commands::backup::BackupsArgs),
    Restore(crate::commands::restore::RestoreArgs),
    #[command(hide = true)]
    Generate(crate::commands::generate::GenerateArgs),
}

/// Options of `serve`; each has a settings-file and `EVENT_*` environment twin.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Listen on this address, e.g. 127.0.0.1:8001 [default: host and port of server_url]
    #[arg(long, value_name = "HOST:PORT")]
    pub listen: Option<String>,

    /// Store events here: sqlite://PATH or mongodb://HOST [default: sqlite://.madsci/events.db]
    #[arg(long, value_name = "URL")]
    pub db_url: Option<String>,

    /// Use this MongoDB database name [default: madsci_events]
    #[arg(long, value_name = "NAME")]
    pub database: Option<String>,

    /// Use this MongoDB collection name [default: events]
    #[arg(long, value_name = "NAME")]
    pub collection: Option<String>,

    /// Read timestamps without an offset in this zone: local, UTC, +02:00 or an IANA name
    #[arg(long, value_name = "ZONE")]
    pub naive_timezone: Option<String>,
}
