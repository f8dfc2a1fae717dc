//! Progress bars for dump, restore and validation, drawn on stderr only when it is a terminal.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Whether progress is drawn. The default draws nothing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    visible: bool,
}

impl Progress {
    /// Draws when stderr is a terminal.
    pub fn auto() -> Progress {
        Progress { visible: std::io::stderr().is_terminal() }
    }

    /// Never draws; used by the server and tests.
    pub fn hidden() -> Progress {
        Progress { visible: false }
    }

    /// Creates a bar over `total` bytes.
    pub fn bytes(self, total: u64, message: &str) -> ProgressBar {
        let style = ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} ({eta})")
            .expect("the template is valid")
            .progress_chars("=> ");
        self.bar(total, message, style)
    }

    /// Creates a bar over `total` items such as documents.
    pub fn items(self, total: u64, message: &str) -> ProgressBar {
        let style = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({eta})")
            .expect("the template is valid")
            .progress_chars("=> ");
        self.bar(total, message, style)
    }

    /// Creates a spinner for work of unknown size, such as a running `mongodump`.
    pub fn spinner(self, message: &str) -> ProgressBar {
        if !self.visible {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::new_spinner().with_message(message.to_owned());
        bar.set_draw_target(ProgressDrawTarget::stderr());
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    }

    fn bar(self, total: u64, message: &str, style: ProgressStyle) -> ProgressBar {
        if !self.visible {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        bar.set_style(style);
        bar.set_message(message.to_owned());
        bar
    }
}
