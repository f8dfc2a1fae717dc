//! `madsci-events check-version`: compare the database's schema version with this build's.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use serde::Serialize;

use super::database::{DatabaseArgs, Resolved, block_on};
use super::exit::{NO_MATCH, SUCCESS, exit_code};
use crate::backup::mongo::connect;
use crate::backup::sqlite::schema_version;
use crate::config::StoreLocation;
use crate::output::{ReportFormat, print_json, print_line};
use crate::schema::mongo::{DatabaseState, database_state};
use crate::schema::{SchemaFile, version_matches};
use crate::store::sqlite::SCHEMA_VERSION;

/// Check whether the database needs a migration
///
/// Prints the schema version this build expects and the one the database records. MongoDB
/// versions come from schema.json and the schema_versions collection; the embedded store's
/// from its migration count (PRAGMA user_version). Nothing is changed.
#[derive(Debug, Args)]
#[command(after_help = CHECK_EXIT_CODES)]
pub struct CheckVersionArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,

    /// Expect the version in this schema file instead of the built-in schema.json (MongoDB)
    #[arg(long, alias = "schema_file", env = "MONGODB_SCHEMA_FILE", value_name = "PATH")]
    pub schema_file: Option<PathBuf>,

    /// Print the result as text or json
    #[arg(short, long, value_enum, default_value_t, value_name = "FORMAT")]
    pub format: ReportFormat,
}

/// The exit codes of a version check, for `--help`.
pub const CHECK_EXIT_CODES: &str = "\
Exit codes:
  0  the database is at the expected schema version
  1  a migration is needed (including a new, empty database)
  2  error: invalid usage, unreachable database, unreadable schema file";

/// The outcome of a version check.
#[derive(Clone, Debug, Serialize)]
pub struct VersionReport {
    /// `sqlite` or `mongodb`.
    pub backend: &'static str,
    /// The MongoDB database name or the SQLite file.
    pub database: String,
    pub expected_version: String,
    /// `None` for a database without data or without a version record.
    pub database_version: Option<String>,
    /// `fresh`, `untracked` or `versioned`.
    pub state: &'static str,
    pub needs_migration: bool,
}

impl VersionReport {
    fn describe_found(&self) -> String {
        match (self.state, &self.database_version) {
            ("fresh", _) => "none (the database is new or empty)".to_owned(),
            ("untracked", _) => {
                "untracked (collections exist but `schema_versions` has no record)".to_owned()
            }
            (_, Some(version)) => version.clone(),
            (_, None) => "unknown".to_owned(),
        }
    }

    /// Prints the report in `format`.
    pub fn print(&self, format: ReportFormat) -> anyhow::Result<()> {
        if format == ReportFormat::Json {
            return Ok(print_json(self)?);
        }
        print_line(&format!("expected schema version: {}", self.expected_version))?;
        print_line(&format!("database schema version: {}", self.describe_found()))?;
        let needed = if self.needs_migration { "yes" } else { "no" };
        print_line(&format!("migration needed: {needed}"))?;
        Ok(())
    }
}

/// Checks the version and exits 0 (current), 1 (migration needed) or 2 (error).
pub fn run(args: CheckVersionArgs) -> anyhow::Result<ExitCode> {
    let resolved = args.database.resolve()?;
    let schema = load_schema(args.schema_file.as_deref())?;
    let report = block_on(check(&resolved, &schema))??;
    report.print(args.format)?;
    Ok(exit_code(if report.needs_migration { NO_MATCH } else { SUCCESS }))
}

/// Reads `--schema-file`, or the built-in schema.
pub fn load_schema(path: Option<&std::path::Path>) -> anyhow::Result<SchemaFile> {
    match path {
        Some(path) => Ok(SchemaFile::load(path)?),
        None => Ok(SchemaFile::builtin()),
    }
}

/// Compares the database's version with the expected one.
pub async fn check(resolved: &Resolved, schema: &SchemaFile) -> anyhow::Result<VersionReport> {
    match &resolved.target.location {
        StoreLocation::Sqlite(path) => check_sqlite(path),
        StoreLocation::Mongo(url) => {
            let client = connect(url).await?;
            let database = client.database(&resolved.target.database);
            let state = database_state(&database).await.with_context(|| {
                format!("failed to read the schema version of `{}`", database.name())
            })?;
            Ok(mongo_report(database.name(), schema, state))
        }
    }
}

fn check_sqlite(path: &std::path::Path) -> anyhow::Result<VersionReport> {
    let found = schema_version(path)?;
    let expected = SCHEMA_VERSION.to_string();
    Ok(VersionReport {
        backend: "sqlite",
        database: path.display().to_string(),
        needs_migration: found != Some(SCHEMA_VERSION),
        database_version: found.map(|version| version.to_string()),
        state: if found.is_some() { "versioned" } else { "fresh" },
        expected_version: expected,
    })
}

fn mongo_report(database: &str, schema: &SchemaFile, state: DatabaseState) -> VersionReport {
    let (label, found) = match state {
        DatabaseState::Fresh => ("fresh", None),
        DatabaseState::Untracked => ("untracked", None),
        DatabaseState::Versioned(version) => ("versioned", Some(version)),
    };
    let current =
        found.as_deref().is_some_and(|found| version_matches(found, &schema.schema_version));
    VersionReport {
        backend: "mongodb",
        database: database.to_owned(),
        expected_version: schema.schema_version.to_string(),
        database_version: found,
        state: label,
        needs_migration: !current,
    }
}
