//! Confirmation before destructive work, asked on the terminal with dialoguer.

use std::io::{self, IsTerminal};

use dialoguer::Confirm;
use dialoguer::console::Term;

/// Failure to obtain a confirmation.
#[derive(Debug, thiserror::Error)]
pub enum PromptError {
    /// No terminal to ask on: cron jobs, pipes and CI never see a prompt.
    #[error(
        "{action} needs confirmation, but there is no terminal to ask on: pass `--yes` to go ahead"
    )]
    NoTerminal { action: String },
    #[error("failed to read the answer: {0}")]
    Read(#[from] dialoguer::Error),
}

/// Asks a yes/no `question` (default no) before `action`. With `assume_yes` (`--yes`) it returns
/// yes without asking. Without a terminal on stdin and stderr it fails instead of waiting.
pub fn confirm(question: &str, action: &str, assume_yes: bool) -> Result<bool, PromptError> {
    if assume_yes {
        return Ok(true);
    }
    if !has_terminal() {
        return Err(PromptError::NoTerminal { action: action.to_owned() });
    }
    let answer = Confirm::new().with_prompt(question).default(false).interact_on(&Term::stderr())?;
    Ok(answer)
}

/// Reports whether prompts can be shown and answered: stdin and stderr are terminals.
pub fn has_terminal() -> bool {
    io::stdin().is_terminal() && io::stderr().is_terminal()
}
