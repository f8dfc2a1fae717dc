//! `madsci-events migrate`: bring a database to the schema version this build expects, with a
//! backup first and an automatic restore when the migration fails.
//!
//! The mode flags are upstream's migration tool's; when several are given, the first of
//! `--validate-schema`, `--check-version`, `--restore-from`, `--backup-only` wins, as upstream
//! orders them.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, anyhow, bail};
use clap::Args;
use semver::Version;

use super::check_version::{check, load_schema};
use super::database::{DatabaseArgs, Resolved, ToolArgs, block_on, parse_bool};
use super::exit::{NO_MATCH, SUCCESS, exit_code};
use super::restore::{describe_target, print_report};
use crate::backup::mongo::connect;
use crate::backup::progress::Progress;
use crate::backup::{CreateOptions, RestoreOptions, create, restore};
use crate::config::{Secret, StoreLocation};
use crate::model::NaiveZone;
use crate::output::prompt::confirm;
use crate::output::{ReportFormat, note, print_json, print_line, warn};
use crate::schema::mongo::{
    AppliedChanges, DatabaseState, SchemaDifferences, apply_schema, compare_schema, database_state,
    record_version,
};
use crate::schema::{SchemaFile, version_matches};
use crate::store::EventStore;
use crate::store::sqlite::{SCHEMA_VERSION, SqliteStore};

/// Migrate the database to this build's schema version
///
/// Backs the database up, creates the collections and indexes schema.json lists that are
/// missing, and records the version in schema_versions (MongoDB), or applies the embedded
/// store's pending migrations (SQLite). When a step fails, the backup is restored and both
/// errors are reported. A new, empty database is set up without a backup.
#[derive(Debug, Args)]
#[command(after_help = MIGRATE_EXIT_CODES)]
pub struct MigrateArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,

    #[command(flatten)]
    pub tool: ToolArgs,

    /// Only compare the database's schema version with the expected one
    #[arg(long, alias = "check_version", num_args = 0..=1, default_missing_value = "true",
          value_parser = parse_bool, value_name = "BOOL")]
    pub check_version: Option<bool>,

    /// Only compare the database's collections and indexes with the schema file
    #[arg(long, alias = "validate_schema", num_args = 0..=1, default_missing_value = "true",
          value_parser = parse_bool, value_name = "BOOL")]
    pub validate_schema: Option<bool>,

    /// Only take a backup
    #[arg(long, alias = "backup_only", num_args = 0..=1, default_missing_value = "true",
          value_parser = parse_bool, value_name = "BOOL")]
    pub backup_only: Option<bool>,

    /// Only restore this backup folder, after confirmation unless --yes
    #[arg(
        long,
        alias = "restore_from",
        env = "MONGODB_MIGRATION_RESTORE_FROM",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub restore_from: Option<PathBuf>,

    /// Read the expected collections, indexes and version from this schema file (MongoDB)
    #[arg(
        long,
        alias = "schema_file",
        alias = "MONGODB_SCHEMA_FILE",
        env = "MONGODB_SCHEMA_FILE",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub schema_file: Option<PathBuf>,

    /// Record this version instead of the schema file's (MongoDB; a semantic version)
    #[arg(
        long,
        alias = "target_version",
        env = "MONGODB_MIGRATION_TARGET_VERSION",
        hide_env_values = true,
        value_name = "VERSION"
    )]
    pub target_version: Option<String>,

    /// Restore without asking for confirmation (--restore-from)
    #[arg(short, long)]
    pub yes: bool,

    /// Print the result as text or json
    #[arg(short, long, value_enum, default_value_t, value_name = "FORMAT")]
    pub format: ReportFormat,
}

const MIGRATE_EXIT_CODES: &str = "\
Exit codes:
  0  done; or with --check-version, the database is current; or with --validate-schema,
     nothing the schema file lists is missing or different
  1  with --check-version, a migration is needed; with --validate-schema, something is
     missing or different
  2  error: invalid usage, unreachable database, failed backup, failed migration (the
     message says whether the backup was restored)";

/// Runs the chosen mode.
pub fn run(args: MigrateArgs) -> anyhow::Result<ExitCode> {
    let resolved = args.database.resolve()?;
    if args.validate_schema == Some(true) {
        return validate_schema(&resolved, &args);
    }
    if args.check_version == Some(true) {
        let schema = load_schema(args.schema_file.as_deref())?;
        let report = block_on(check(&resolved, &schema))??;
        report.print(args.format)?;
        return Ok(exit_code(if report.needs_migration { NO_MATCH } else { SUCCESS }));
    }
    if let Some(backup) = &args.restore_from {
        return restore_from(&resolved, backup, &args);
    }
    if args.backup_only == Some(true) {
        return backup_only(&resolved, &args);
    }
    migrate(&resolved, &args)
}

fn progress(format: ReportFormat) -> Progress {
    match format {
        ReportFormat::Json => Progress::hidden(),
        ReportFormat::Text => Progress::auto(),
    }
}

fn backup_only(resolved: &Resolved, args: &MigrateArgs) -> anyhow::Result<ExitCode> {
    let options = CreateOptions {
        tool: args.tool.tool(),
        max_count: resolved.settings.backup_max_count as usize,
        progress: progress(args.format),
        ..CreateOptions::default()
    };
    let created = block_on(create(&resolved.target, &resolved.backup_dir, &options))??;
    match args.format {
        ReportFormat::Json => print_json(&created)?,
        ReportFormat::Text => print_line(&created.path.display().to_string())?,
    }
    Ok(exit_code(SUCCESS))
}

fn restore_from(
    resolved: &Resolved,
    backup: &Path,
    args: &MigrateArgs,
) -> anyhow::Result<ExitCode> {
    let question = format!(
        "Replace the data of {} with backup `{}`? A safety backup is taken first",
        describe_target(resolved, None),
        backup.display()
    );
    if !confirm(&question, "restoring", args.yes)? {
        warn(false, "cancelled: nothing was changed");
        return Ok(exit_code(SUCCESS));
    }
    let options = restore_options(resolved, args);
    let report = block_on(restore(&resolved.target, backup, &options))??;
    print_report(&report, args.format, false)?;
    Ok(exit_code(SUCCESS))
}

fn restore_options(resolved: &Resolved, args: &MigrateArgs) -> RestoreOptions {
    RestoreOptions {
        tool: args.tool.tool(),
        backup_dir: resolved.backup_dir.clone(),
        progress: progress(args.format),
        ..RestoreOptions::default()
    }
}

fn validate_schema(resolved: &Resolved, args: &MigrateArgs) -> anyhow::Result<ExitCode> {
    let StoreLocation::Mongo(url) = &resolved.target.location else {
        let schema = load_schema(None)?;
        let report = block_on(check(resolved, &schema))??;
        report.print(args.format)?;
        return Ok(exit_code(if report.needs_migration { NO_MATCH } else { SUCCESS }));
    };
    let schema = load_schema(args.schema_file.as_deref())?;
    let differences = block_on(async {
        let client = connect(url).await?;
        let database = client.database(&resolved.target.database);
        compare_schema(&database, &schema)
            .await
            .context("failed to read the collections and indexes")
    })??;
    print_differences(&differences, args.format)?;
    Ok(exit_code(if differences.is_valid() { SUCCESS } else { NO_MATCH }))
}

fn print_differences(differences: &SchemaDifferences, format: ReportFormat) -> anyhow::Result<()> {
    if format == ReportFormat::Json {
        let report =
            serde_json::json!({"valid": differences.is_valid(), "differences": differences});
        return Ok(print_json(&report)?);
    }
    let verdict = if differences.is_valid() { "valid" } else { "INVALID" };
    print_line(&format!("schema: {verdict}"))?;
    print_names("missing collections", &differences.missing_collections)?;
    print_names("extra collections (allowed)", &differences.extra_collections)?;
    for collection in &differences.collection_differences {
        let name = &collection.collection;
        print_names(&format!("{name}: missing indexes"), &collection.missing_indexes)?;
        print_names(&format!("{name}: extra indexes (allowed)"), &collection.extra_indexes)?;
        for index in &collection.different_indexes {
            let (expected, actual) = (&index.expected, &index.actual);
            print_line(&format!(
                "{name}: index `{}` is {actual}, expected {expected}",
                index.name
            ))?;
        }
    }
    Ok(())
}

fn print_names(label: &str, names: &[String]) -> anyhow::Result<()> {
    if !names.is_empty() {
        print_line(&format!("{label}: {}", names.join(", ")))?;
    }
    Ok(())
}

fn migrate(resolved: &Resolved, args: &MigrateArgs) -> anyhow::Result<ExitCode> {
    match &resolved.target.location {
        StoreLocation::Sqlite(path) => {
            if args.schema_file.is_some() || args.target_version.is_some() {
                bail!(
                    "`--schema-file` and `--target-version` apply to MongoDB only: the embedded \
                     store `{}` migrates to the version built in ({SCHEMA_VERSION})",
                    path.display()
                );
            }
            block_on(migrate_sqlite(resolved, path, args))?
        }
        StoreLocation::Mongo(url) => {
            let schema = load_schema(args.schema_file.as_deref())?;
            let target = target_version(args.target_version.as_deref(), &schema)?;
            block_on(migrate_mongo(resolved, url, &schema, &target, args))?
        }
    }
}

fn target_version(text: Option<&str>, schema: &SchemaFile) -> anyhow::Result<Version> {
    let Some(text) = text else {
        return Ok(schema.schema_version.clone());
    };
    let version = Version::parse(text.trim()).map_err(|error| {
        anyhow!(
            "invalid `--target-version` `{text}`: {error}; write a semantic version such as `1.0.0`"
        )
    })?;
    if version != schema.schema_version {
        let expected = &schema.schema_version;
        warn(
            false,
            &format!(
                "recording version {version}, but the schema file says {expected}: a server of this \
             build refuses a database whose version differs from {expected}"
            ),
        );
    }
    Ok(version)
}

async fn migrate_mongo(
    resolved: &Resolved,
    url: &Secret,
    schema: &SchemaFile,
    target: &Version,
    args: &MigrateArgs,
) -> anyhow::Result<ExitCode> {
    let client = connect(url).await?;
    let database = client.database(&resolved.target.database);
    let state = database_state(&database).await.context("failed to read the schema version")?;
    let differences =
        compare_schema(&database, schema).await.context("failed to read the indexes")?;
    let current = matches!(&state, DatabaseState::Versioned(v) if version_matches(v, target));
    if current && differences.is_valid() {
        let name = database.name();
        print_line(&format!("database `{name}` is at schema version {target}; nothing to do"))?;
        return Ok(exit_code(SUCCESS));
    }

    note(false, &format!("migrating `{}` from {} to {target}", database.name(), state.describe()));
    let backup = pre_migration_backup(resolved, &state, args).await?;
    let applied = async {
        let changes = apply_schema(&database, schema).await.context("schema migration failed")?;
        let version = target.to_string();
        let recorded = record_version(&database, &version, &state).await;
        recorded.context("failed to record the version")?;
        anyhow::Ok(changes)
    }
    .await;
    let changes = match applied {
        Ok(changes) => changes,
        Err(error) => return Err(roll_back(resolved, args, backup.as_deref(), error).await),
    };

    print_migration(database.name(), target, &changes, backup.as_deref(), args.format)?;
    Ok(exit_code(SUCCESS))
}

fn print_migration(
    database: &str,
    target: &Version,
    changes: &AppliedChanges,
    backup: Option<&Path>,
    format: ReportFormat,
) -> anyhow::Result<()> {
    if format == ReportFormat::Json {
        let version = target.to_string();
        let report = serde_json::json!({"version": version, "changes": changes, "backup": backup});
        return Ok(print_json(&report)?);
    }
    for name in changes.created_collections.iter().chain(&changes.created_indexes) {
        note(false, &format!("created {name}"));
    }
    print_line(&format!("database `{database}` is at schema version {target}"))?;
    Ok(())
}

/// Backs up a database that contains data. A new database needs no backup.
async fn pre_migration_backup(
    resolved: &Resolved,
    state: &DatabaseState,
    args: &MigrateArgs,
) -> anyhow::Result<Option<PathBuf>> {
    if *state == DatabaseState::Fresh {
        note(false, "the database is empty: no backup needed");
        return Ok(None);
    }
    let options = CreateOptions {
        suffix: Some("pre_migration".into()),
        tool: args.tool.tool(),
        progress: progress(args.format),
        ..CreateOptions::default()
    };
    let created = create(&resolved.target, &resolved.backup_dir, &options)
        .await
        .context("the backup before the migration failed, so nothing was changed")?;
    note(false, &format!("backup before the migration: {}", created.path.display()));
    Ok(Some(created.path))
}

/// Restores the pre-migration backup after a failed migration and returns the error to show.
async fn roll_back(
    resolved: &Resolved,
    args: &MigrateArgs,
    backup: Option<&Path>,
    error: anyhow::Error,
) -> anyhow::Error {
    let Some(backup) = backup else {
        return error.context("the migration failed on a new database; nothing to restore");
    };
    warn(false, &format!("the migration failed: {error:#}; restoring {}", backup.display()));
    match restore(&resolved.target, backup, &restore_options(resolved, args)).await {
        Ok(_) => error.context(format!(
            "the migration failed and the database was restored from `{}`",
            backup.display()
        )),
        Err(restore_error) => anyhow!(
            "the migration failed: {error:#}; restoring the backup `{}` failed too: \
             {restore_error}",
            backup.display()
        ),
    }
}

async fn migrate_sqlite(
    resolved: &Resolved,
    path: &Path,
    args: &MigrateArgs,
) -> anyhow::Result<ExitCode> {
    let found = crate::backup::sqlite::schema_version(path)?;
    if let Some(newer) = found.filter(|version| *version > SCHEMA_VERSION) {
        bail!(
            "database `{}` has schema version {newer}, newer than this build supports \
             ({SCHEMA_VERSION}): upgrade madsci-events",
            path.display()
        );
    }
    if found == Some(SCHEMA_VERSION) {
        let file_name = path.display();
        print_line(&format!(
            "database `{file_name}` is at schema version {SCHEMA_VERSION}; nothing to do"
        ))?;
        return Ok(exit_code(SUCCESS));
    }
    let state = match found {
        Some(version) => DatabaseState::Versioned(version.to_string()),
        None => DatabaseState::Fresh,
    };
    let backup = pre_migration_backup(resolved, &state, args).await?;
    let migrated = async {
        let store = SqliteStore::open(path, NaiveZone::Utc)?;
        store.close().await;
        anyhow::Ok(())
    }
    .await;
    if let Err(error) = migrated {
        return Err(roll_back(resolved, args, backup.as_deref(), error).await);
    }
    print_line(&format!("database `{}` is at schema version {SCHEMA_VERSION}", path.display()))?;
    Ok(exit_code(SUCCESS))
}
