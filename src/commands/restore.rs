//! `madsci-events restore`: replace a database's data with a backup, safely.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::database::{DatabaseArgs, Resolved, ToolArgs, block_on};
use super::exit::{SUCCESS, exit_code};
use crate::backup::progress::Progress;
use crate::backup::{RestoreOptions, RestoreReport, restore, sqlite_target};
use crate::config::StoreLocation;
use crate::output::prompt::confirm;
use crate::output::{ReportFormat, note, print_json, print_line, warn};

/// Restore a backup into the database
///
/// Checks the backup (layout, checksum, every document) before touching anything, takes a
/// safety backup of the target when it contains data, then replaces the target's data as a
/// whole. MongoDB backups are loaded into a staging database and verified there first, so a
/// failed load leaves the target unchanged. Prompts for confirmation unless --yes is given.
/// Without a terminal it shows no prompt and fails instead.
#[derive(Debug, Args)]
#[command(after_help = RESTORE_EXIT_CODES)]
pub struct RestoreArgs {
    /// The backup folder (<db>_backup_<timestamp>[_suffix])
    #[arg(value_name = "PATH")]
    pub backup: PathBuf,

    #[command(flatten)]
    pub database: DatabaseArgs,

    #[command(flatten)]
    pub tool: ToolArgs,

    /// Restore beside the live database: a MongoDB database name, or for the embedded store a
    /// file (a bare NAME becomes NAME.db next to the live file)
    #[arg(long, value_name = "NAME")]
    pub target_database: Option<String>,

    /// Restore only this MongoDB collection; repeat for several
    #[arg(long = "collection", value_name = "NAME")]
    pub collections: Vec<String>,

    /// Restore without asking for confirmation
    #[arg(short, long)]
    pub yes: bool,

    /// Print the result as text or json
    #[arg(short, long, value_enum, default_value_t, value_name = "FORMAT")]
    pub format: ReportFormat,

    /// Print nothing but errors
    #[arg(short, long)]
    pub quiet: bool,
}

const RESTORE_EXIT_CODES: &str = "\
Exit codes:
  0  restored, or cancelled at the prompt (nothing changed)
  2  error: invalid backup, no --yes without a terminal, failed restore (the message says
     whether the target changed and how to roll back)";

/// Restores after confirmation and prints what was restored.
pub fn run(args: RestoreArgs) -> anyhow::Result<ExitCode> {
    let resolved = args.database.resolve()?;
    let question = format!(
        "Replace the data of {} with backup `{}`? A safety backup is taken first",
        describe_target(&resolved, args.target_database.as_deref()),
        args.backup.display()
    );
    if !confirm(&question, "restoring", args.yes)? {
        warn(false, "cancelled: nothing was changed");
        return Ok(exit_code(SUCCESS));
    }
    let progress = if args.quiet { Progress::hidden() } else { Progress::auto() };
    let report = run_restore(&resolved, &args.backup, &args, progress)?;
    print_report(&report, args.format, args.quiet)?;
    Ok(exit_code(SUCCESS))
}

fn run_restore(
    resolved: &Resolved,
    backup: &Path,
    args: &RestoreArgs,
    progress: Progress,
) -> anyhow::Result<RestoreReport> {
    let options = RestoreOptions {
        target_database: args.target_database.clone(),
        collections: args.collections.clone(),
        tool: args.tool.tool(),
        backup_dir: resolved.backup_dir.clone(),
        progress,
    };
    Ok(block_on(restore(&resolved.target, backup, &options))??)
}

/// Names the database a restore overwrites, for the prompt.
pub fn describe_target(resolved: &Resolved, target_database: Option<&str>) -> String {
    match &resolved.target.location {
        StoreLocation::Sqlite(live) => {
            format!("the database file `{}`", sqlite_target(live, target_database).display())
        }
        StoreLocation::Mongo(_) => {
            let database = target_database.unwrap_or(&resolved.target.database);
            format!("MongoDB database `{database}`")
        }
    }
}

/// Prints a restore report: the target on stdout, the details on stderr.
pub fn print_report(
    report: &RestoreReport,
    format: ReportFormat,
    quiet: bool,
) -> anyhow::Result<()> {
    if format == ReportFormat::Json {
        print_json(report)?;
        return Ok(());
    }
    if !quiet {
        print_line(&format!("restored into {}", report.target))?;
    }
    for (collection, count) in &report.collections {
        note(quiet, &format!("  {collection}: {count} documents"));
    }
    if let Some(path) = &report.safety_backup {
        note(quiet, &format!("safety backup of the previous data: {}", path.display()));
    }
    Ok(())
}
