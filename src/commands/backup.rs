//! `madsci-events backup` (take a backup) and `madsci-events backups list|validate`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use comfy_table::{Table, presets};
use serde::Serialize;

use super::database::{DatabaseArgs, ToolArgs, block_on};
use super::exit::{NO_MATCH, SUCCESS, exit_code};
use crate::backup::layout::{BackupEntry, list_backups, python_isoformat};
use crate::backup::progress::Progress;
use crate::backup::service::checksum_matches;
use crate::backup::validate::{Validation, validate};
use crate::backup::{CreateOptions, create};
use crate::output::{ReportFormat, note, print_json, print_line};

/// Back up the database
///
/// Writes <backup-dir>/<db>_backup_<YYYYMMDD_HHMMSS_ffffff>[_suffix]/ with
/// backup_metadata.json, backup.checksum and the data: mongodump's <db>/ folder for MongoDB,
/// <db>/events.db for the embedded store (a consistent copy taken while the server runs).
/// Then deletes this database's oldest backups beyond --max-count. Prints the new folder.
#[derive(Debug, Args)]
#[command(after_help = BACKUP_EXIT_CODES)]
pub struct BackupArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,

    #[command(flatten)]
    pub tool: ToolArgs,

    /// Append this to the folder name (letters, digits, - and _; others become _)
    #[arg(long, value_name = "TEXT")]
    pub suffix: Option<String>,

    /// Compress the MongoDB dump with gzip (*.bson.gz)
    #[arg(long)]
    pub gzip: bool,

    /// Back up only this MongoDB collection; repeat for several
    #[arg(long = "collection", value_name = "NAME")]
    pub collections: Vec<String>,

    /// Keep this many backups of the database, deleting older ones; 0 keeps all
    ///
    /// Default: backup_max_count from the settings (10).
    #[arg(long, value_name = "N")]
    pub max_count: Option<usize>,

    /// Re-read the new backup and check its checksum and every document before finishing
    #[arg(long)]
    pub validate: bool,

    /// Print the result as text or json
    #[arg(short, long, value_enum, default_value_t, value_name = "FORMAT")]
    pub format: ReportFormat,

    /// Print only the backup folder, no details or progress
    #[arg(short, long)]
    pub quiet: bool,
}

const BACKUP_EXIT_CODES: &str = "\
Exit codes:
  0  the backup was written (and passed --validate)
  2  error: nothing to back up, missing mongodump, failed dump or validation
     (a failed backup leaves no folder behind)";

/// Takes one backup and prints its folder.
pub fn run(args: BackupArgs) -> anyhow::Result<ExitCode> {
    let resolved = args.database.resolve()?;
    let options = CreateOptions {
        suffix: args.suffix.clone(),
        gzip: args.gzip,
        collections: args.collections.clone(),
        tool: args.tool.tool(),
        max_count: args.max_count.unwrap_or(resolved.settings.backup_max_count as usize),
        validate: args.validate,
        progress: if args.quiet { Progress::hidden() } else { Progress::auto() },
    };
    let created = block_on(create(&resolved.target, &resolved.backup_dir, &options))??;
    if args.format == ReportFormat::Json {
        print_json(&created)?;
        return Ok(exit_code(SUCCESS));
    }
    print_line(&created.path.display().to_string())?;
    let metadata = &created.metadata;
    let size = human_size(metadata.backup_size);
    let validated = if args.validate { ", validated" } else { "" };
    note(args.quiet, &format!("backup created: {size}, checksum {}{validated}", metadata.checksum));
    for path in &created.rotated {
        note(args.quiet, &format!("deleted old backup {}", path.display()));
    }
    Ok(exit_code(SUCCESS))
}

/// List or check backups
#[derive(Debug, Args)]
pub struct BackupsArgs {
    #[command(subcommand)]
    pub command: BackupsCommand,
}

/// The `backups` subcommands.
#[derive(Debug, Subcommand)]
pub enum BackupsCommand {
    /// List this database's backups, newest first, with their checksum status
    List(ListArgs),
    /// Check backups: layout, checksum, and every document read back
    #[command(after_help = VALIDATE_EXIT_CODES)]
    Validate(ValidateArgs),
}

/// Options of `backups list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,

    /// Print a table or json
    #[arg(short, long, value_enum, default_value_t, value_name = "FORMAT")]
    pub format: ReportFormat,
}

/// Options of `backups validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The backup folders to check
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Print the result as text or json
    #[arg(short, long, value_enum, default_value_t, value_name = "FORMAT")]
    pub format: ReportFormat,

    /// Print nothing and report the result through the exit code only
    #[arg(short, long)]
    pub quiet: bool,
}

const VALIDATE_EXIT_CODES: &str = "\
Exit codes:
  0  every backup is valid
  1  at least one backup is invalid (each problem is printed)
  2  error: invalid usage";

/// Runs `backups list` or `backups validate`.
pub fn run_backups(args: BackupsArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        BackupsCommand::List(args) => list(args),
        BackupsCommand::Validate(args) => validate_all(args),
    }
}

/// One row of `backups list --format json`.
#[derive(Debug, Serialize)]
struct ListedBackup {
    path: String,
    created_at: String,
    size_bytes: u64,
    backup_type: String,
    tool: Option<String>,
    database_version: Option<String>,
    is_valid: bool,
}

fn listed(backup: &BackupEntry) -> ListedBackup {
    ListedBackup {
        path: backup.path.display().to_string(),
        created_at: python_isoformat(backup.created_at),
        size_bytes: backup.metadata.backup_size,
        backup_type: backup.metadata.backup_type.clone().unwrap_or_else(|| "mongodb".into()),
        tool: backup.metadata.tool.clone(),
        database_version: backup.metadata.database_version.clone(),
        is_valid: checksum_matches(backup),
    }
}

fn list(args: ListArgs) -> anyhow::Result<ExitCode> {
    let resolved = args.database.resolve()?;
    let backups = list_backups(&resolved.backup_dir, &resolved.target.database)?;
    let rows: Vec<ListedBackup> = backups.iter().map(listed).collect();
    if args.format == ReportFormat::Json {
        print_json(&rows)?;
        return Ok(exit_code(SUCCESS));
    }
    if rows.is_empty() {
        let (database, folder) = (&resolved.target.database, resolved.backup_dir.display());
        note(false, &format!("no backups of `{database}` in `{folder}`"));
        return Ok(exit_code(SUCCESS));
    }
    print_line(&table(&rows).to_string())?;
    Ok(exit_code(SUCCESS))
}

fn table(rows: &[ListedBackup]) -> Table {
    let mut table = Table::new();
    table.load_preset(presets::NOTHING);
    table.set_header(["BACKUP", "CREATED", "SIZE", "TYPE", "VERSION", "VALID"]);
    for row in rows {
        let name = PathBuf::from(&row.path)
            .file_name()
            .map_or_else(|| row.path.clone(), |name| name.to_string_lossy().into_owned());
        table.add_row([
            name,
            row.created_at.replace('T', " ").chars().take(19).collect(),
            human_size(row.size_bytes),
            row.backup_type.clone(),
            row.database_version.clone().unwrap_or_else(|| "-".into()),
            if row.is_valid { "yes".into() } else { "NO".into() },
        ]);
    }
    table
}

fn validate_all(args: ValidateArgs) -> anyhow::Result<ExitCode> {
    let progress = if args.quiet { Progress::hidden() } else { Progress::auto() };
    let results: Vec<Validation> = args.paths.iter().map(|path| validate(path, progress)).collect();
    if args.format == ReportFormat::Json {
        print_json(&results)?;
    } else if !args.quiet {
        for result in &results {
            print_validation(result)?;
        }
    }
    let all_valid = results.iter().all(Validation::is_valid);
    Ok(exit_code(if all_valid { SUCCESS } else { NO_MATCH }))
}

fn print_validation(result: &Validation) -> anyhow::Result<()> {
    let path = result.path.display();
    if result.is_valid() {
        let (files, documents) = (result.data_files, result.documents);
        print_line(&format!("valid: {path} ({files} data files, {documents} documents)"))?;
        return Ok(());
    }
    print_line(&format!("INVALID: {path}"))?;
    for problem in &result.problems {
        print_line(&format!("  - {problem}"))?;
    }
    Ok(())
}

/// Renders a byte count in binary units with one decimal, e.g. `1.5 MiB`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    match unit {
        0 => format!("{bytes} B"),
        _ => format!("{value:.1} {}", UNITS[unit]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_use_binary_units() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(10 * 1024 * 1024), "10.0 MiB");
    }
}
