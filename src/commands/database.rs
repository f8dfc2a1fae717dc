//! Options shared by the database tools (`migrate`, `check-version`, `backup`, `backups`,
//! `restore`), and the boolean flag syntax upstream's migration tool uses.
//!
//! Upstream's spellings (`--db_url`, `--schema_file`, `--check_version true`) are accepted as
//! hidden aliases so existing scripts keep working.

use std::future::Future;
use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::Args;

use crate::backup::service::expand_home;
use crate::backup::{BackupTarget, DumpTool};
use crate::config::{Settings, SettingsOverrides, StoreLocation, load};

/// Which database to work on and where its backups go.
#[derive(Clone, Debug, Args)]
pub struct DatabaseArgs {
    /// Work on this database: sqlite://PATH, mongodb://HOST or mongodb+srv://HOST
    ///
    /// Default: the server's database URL from the settings files and EVENT_* variables, else
    /// sqlite://.madsci/events.db.
    #[arg(
        long,
        alias = "db_url",
        alias = "mongo_db_url",
        alias = "MONGODB_URL",
        alias = "MONGO_URL",
        alias = "DATABASE_URL",
        value_name = "URL"
    )]
    pub db_url: Option<String>,

    /// Use this MongoDB database; backup folders start with this name [default: madsci_events]
    #[arg(long, env = "MONGODB_MIGRATION_DATABASE", hide_env_values = true, value_name = "NAME")]
    pub database: Option<String>,

    /// Keep backups in this folder [default: backup_dir, .madsci/backups/events]
    #[arg(
        long,
        alias = "backup_dir",
        env = "MONGODB_MIGRATION_BACKUP_DIR",
        hide_env_values = true,
        value_name = "DIR"
    )]
    pub backup_dir: Option<PathBuf>,
}

/// The settings and targets the database tools work with.
#[derive(Clone, Debug)]
pub struct Resolved {
    pub settings: Settings,
    pub target: BackupTarget,
    /// The backup folder with `~` expanded.
    pub backup_dir: PathBuf,
}

impl DatabaseArgs {
    /// Loads the settings with these options on top and checks the database name.
    pub fn resolve(&self) -> anyhow::Result<Resolved> {
        let overrides = SettingsOverrides {
            document_db_url: self.db_url.clone(),
            database_name: self.database.clone(),
            ..SettingsOverrides::default()
        };
        let mut settings = load(&overrides)?;
        if let Some(dir) = &self.backup_dir {
            settings.backup_dir = dir.clone();
        }
        let target = BackupTarget::from_settings(&settings)?;
        if matches!(target.location, StoreLocation::Mongo(_)) {
            check_database_name(&target.database)?;
        }
        let backup_dir = expand_home(&settings.backup_dir);
        Ok(Resolved { settings, target, backup_dir })
    }
}

/// Rejects names MongoDB does not accept for a database.
fn check_database_name(name: &str) -> anyhow::Result<()> {
    if name.is_empty() {
        bail!("the database name is empty: pass `--database NAME`");
    }
    if let Some(bad) = name.chars().find(|c| "/\\. \"$\0".contains(*c)) {
        bail!(
            "invalid database name `{name}`: MongoDB database names cannot contain `{}`; pass \
             another `--database`",
            bad.escape_default()
        );
    }
    if name.len() > 63 {
        bail!("invalid database name `{name}`: MongoDB allows at most 63 bytes");
    }
    Ok(())
}

/// How MongoDB data is dumped and restored.
#[derive(Clone, Copy, Debug, Args)]
pub struct ToolArgs {
    /// Dump and restore through the driver instead of mongodump and mongorestore
    ///
    /// The output has the same layout and is restorable by mongorestore.
    #[arg(long)]
    pub native: bool,
}

impl ToolArgs {
    /// The dumper chosen.
    pub fn tool(self) -> DumpTool {
        match self.native {
            true => DumpTool::Native,
            false => DumpTool::Tools,
        }
    }
}

/// Parses a boolean as upstream's settings do: true/false, yes/no, on/off, 1/0, t/f, y/n, in
/// any case.
pub fn parse_bool(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" | "1" | "t" | "y" => Ok(true),
        "false" | "no" | "off" | "0" | "f" | "n" => Ok(false),
        _ => Err(format!("`{text}` is not a boolean: use true or false")),
    }
}

/// Runs `future` to completion on a new runtime.
pub fn block_on<F: Future>(future: F) -> anyhow::Result<F::Output> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("failed to start the async runtime")?;
    Ok(runtime.block_on(future))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans_accept_upstream_spellings() {
        for text in ["true", "True", "YES", "1", "on", "t"] {
            assert_eq!(parse_bool(text), Ok(true), "{text}");
        }
        for text in ["false", "No", "0", "off", "f"] {
            assert_eq!(parse_bool(text), Ok(false), "{text}");
        }
        assert!(parse_bool("maybe").unwrap_err().contains("`maybe`"));
    }

    #[test]
    fn database_names_are_checked() {
        assert!(check_database_name("madsci_events").is_ok());
        let error = check_database_name("a.b").unwrap_err().to_string();
        assert!(error.contains("`a.b`") && error.contains("`.`"), "{error}");
        assert!(check_database_name("").is_err());
        assert!(check_database_name(&"x".repeat(64)).is_err());
    }
}
