//! `madsci-events generate` (hidden): write the shell completions and man pages from the one
//! clap definition, into `completions/` and `man/`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::exit::{SUCCESS, exit_code};
use crate::cli::Cli;

/// The shells that get a completion script.
pub const SHELLS: [Shell; 5] =
    [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::PowerShell, Shell::Elvish];

/// Write shell completions and man pages
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Write into DIR/completions and DIR/man
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub out: PathBuf,
}

/// Writes every file and lists them on stdout.
pub fn run(args: GenerateArgs) -> anyhow::Result<ExitCode> {
    for path in generate(&args.out)? {
        crate::output::print_line(&path.display().to_string())?;
    }
    Ok(exit_code(SUCCESS))
}

/// Writes the completion scripts into `out/completions` and one man page per visible
/// subcommand (plus the main page) into `out/man`; returns the files written.
pub fn generate(out: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let completions = out.join("completions");
    let man = out.join("man");
    for dir in [&completions, &man] {
        fs::create_dir_all(dir).with_context(|| format!("failed to create `{}`", dir.display()))?;
    }
    let mut written = Vec::new();
    for shell in SHELLS {
        let mut command = Cli::command();
        let path = clap_complete::generate_to(shell, &mut command, "madsci-events", &completions)
            .with_context(|| format!("failed to write the {shell} completions"))?;
        written.push(path);
    }
    clap_mangen::generate_to(Cli::command(), &man).context("failed to write the man pages")?;
    let mut pages: Vec<PathBuf> = fs::read_dir(&man)
        .with_context(|| format!("failed to list `{}`", man.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|extension| extension == "1"))
        .collect();
    pages.sort();
    written.extend(pages);
    Ok(written)
}
