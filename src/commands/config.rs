//! `madsci-events config init`: write a settings file for the server and the client, by a
//! short interactive wizard or from flags alone.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use dialoguer::Input;
use dialoguer::console::Term;

use super::exit::{SUCCESS, exit_code};
use crate::client::check_server_url;
use crate::client::settings::DEFAULT_SERVER_URL;
use crate::client::spool::Spool;
use crate::config::database::DEFAULT_SQLITE_PATH;
use crate::config::{Secret, StoreLocation};
use crate::output::prompt::{confirm, has_terminal};
use crate::output::{note, print_line};

/// Manage settings files
#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub command: ConfigCommand,
}

/// The `config` subcommands.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    Init(InitArgs),
}

/// Write a settings file for the server and the client
///
/// Asks for the server URL, the database URL and the spool directory, offering the flags'
/// values as defaults, then writes a YAML settings file that `serve` and the client
/// subcommands read. With --yes it prompts for nothing and takes the flags and defaults. The
/// file is readable only by its owner, because a database URL may contain a password.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Write the settings to this file
    #[arg(long, default_value = "event.settings.yaml", value_name = "FILE")]
    pub path: PathBuf,

    /// Set the server URL: where clients send events and where the server listens
    #[arg(long, value_name = "URL")]
    pub server_url: Option<String>,

    /// Set the server's database: sqlite://PATH or mongodb://HOST
    #[arg(long, value_name = "URL")]
    pub db_url: Option<String>,

    /// Set where clients keep events while the server cannot be reached
    #[arg(long, value_name = "DIR")]
    pub spool_dir: Option<PathBuf>,

    /// Ask nothing: take the flags and defaults, and replace an existing file
    #[arg(short, long)]
    pub yes: bool,
}

/// The values written to the file.
struct Answers {
    server_url: String,
    db_url: String,
    spool_dir: Option<PathBuf>,
}

/// Runs the chosen `config` subcommand.
pub fn run(args: ConfigArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        ConfigCommand::Init(init) => run_init(init),
    }
}

fn run_init(args: InitArgs) -> anyhow::Result<ExitCode> {
    if !args.yes && !has_terminal() {
        bail!(
            "config init asks questions, but there is no terminal to ask on: pass `--yes` \
             with `--server-url`, `--db-url` and `--spool-dir` to write the file without questions"
        );
    }
    let answers = if args.yes { from_flags(&args)? } else { ask(&args)? };
    if args.path.exists() {
        let question = format!("Replace the existing `{}`?", args.path.display());
        if !confirm(&question, "replacing the settings file", args.yes)? {
            note(false, "cancelled: the settings file was not changed");
            return Ok(exit_code(SUCCESS));
        }
    }
    write_settings(&args.path, &answers)?;
    print_line(&args.path.display().to_string())?;
    Ok(exit_code(SUCCESS))
}

fn from_flags(args: &InitArgs) -> anyhow::Result<Answers> {
    let server_url = args.server_url.clone().unwrap_or_else(|| DEFAULT_SERVER_URL.to_owned());
    check_server_url(&server_url)?;
    let db_url = args.db_url.clone().unwrap_or_else(default_db_url);
    StoreLocation::from_url(Some(&Secret::new(db_url.clone())))?;
    Ok(Answers { server_url, db_url, spool_dir: args.spool_dir.clone() })
}

fn ask(args: &InitArgs) -> anyhow::Result<Answers> {
    let term = Term::stderr();
    let server_url: String = Input::new()
        .with_prompt("Event server URL (clients send here, the server listens here)")
        .default(args.server_url.clone().unwrap_or_else(|| DEFAULT_SERVER_URL.to_owned()))
        .validate_with(|url: &String| check_server_url(url).map(|_| ()).map_err(|e| e.to_string()))
        .interact_text_on(&term)?;
    let db_url: String = Input::new()
        .with_prompt("Database URL of the server (sqlite://PATH or mongodb://HOST)")
        .default(args.db_url.clone().unwrap_or_else(default_db_url))
        .validate_with(|url: &String| {
            StoreLocation::from_url(Some(&Secret::new(url.clone())))
                .map(|_| ())
                .map_err(|e| e.to_string())
        })
        .interact_text_on(&term)?;
    let default_spool =
        Spool::default_dir().map_or_else(String::new, |dir| dir.display().to_string());
    let spool: String = Input::new()
        .with_prompt(format!("Spool directory for undeliverable events (empty: {default_spool})"))
        .default(args.spool_dir.as_ref().map(|dir| dir.display().to_string()).unwrap_or_default())
        .show_default(args.spool_dir.is_some())
        .allow_empty(true)
        .interact_text_on(&term)?;
    let spool_dir = Some(spool.trim()).filter(|dir| !dir.is_empty()).map(PathBuf::from);
    Ok(Answers { server_url, db_url, spool_dir })
}

fn default_db_url() -> String {
    format!("sqlite://{DEFAULT_SQLITE_PATH}")
}

/// Writes the YAML file, readable by its owner only. Values are JSON strings, which YAML reads
/// as double-quoted scalars.
fn write_settings(path: &Path, answers: &Answers) -> anyhow::Result<()> {
    let quote = |text: &str| serde_json::Value::from(text).to_string();
    let mut text = String::from(
        "# madsci-events settings, read by `madsci-events serve` and the client subcommands.\n\
         # Written by `madsci-events config init`.\n\n\
         # Where clients send events, and the host and port the server listens on.\n",
    );
    text.push_str(&format!("event_server_url: {}\n", quote(&answers.server_url)));
    text.push_str("# The server's database: sqlite://PATH (embedded) or mongodb://HOST.\n");
    text.push_str(&format!("event_document_db_url: {}\n", quote(&answers.db_url)));
    if let Some(dir) = &answers.spool_dir {
        text.push_str("# Where clients keep events while the server cannot be reached.\n");
        text.push_str(&format!("event_client_spool_dir: {}\n", quote(&dir.display().to_string())));
    }
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file =
        options.open(path).with_context(|| format!("failed to write `{}`", path.display()))?;
    file.write_all(text.as_bytes()).with_context(|| format!("failed to write `{}`", path.display()))
}
