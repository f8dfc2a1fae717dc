//! Progress bars on stderr for long jobs (import, export, archive, flush).

use std::io::{self, IsTerminal};

use indicatif::{ProgressBar, ProgressStyle};

/// A progress bar counting `unit`s towards `total` (a spinner with a count when the total is
/// unknown). It is hidden when `quiet` is set or stderr is not a terminal, so scripts and logs
/// never see it.
pub fn progress_bar(total: Option<u64>, unit: &str, quiet: bool) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let (bar, template) = match total {
        Some(total) => (
            ProgressBar::new(total),
            format!("{{wide_bar}} {{human_pos}}/{{human_len}} {unit} ({{eta}} left)"),
        ),
        None => (ProgressBar::new_spinner(), format!("{{spinner}} {{human_pos}} {unit}")),
    };
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar
}
