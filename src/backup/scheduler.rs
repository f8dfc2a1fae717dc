//! Scheduled backups, run while `backup_enabled` is true. `backup_schedule` is a cron
//! expression in local time: five fields, or six with seconds first, and aliases such as
//! `@daily`. Upstream declares both settings but never runs a schedule.

use std::str::FromStr;

use chrono::{DateTime, Local};
use croner::Cron;
use tokio::task::JoinHandle;

use super::BackupError;
use super::service::BackupService;
use crate::config::Settings;

/// The folder-name suffix of scheduled backups.
pub const SCHEDULED_SUFFIX: &str = "scheduled";

/// A parsed `backup_schedule`.
#[derive(Clone, Debug)]
pub struct Schedule {
    cron: Cron,
    expression: String,
}

/// An unusable `backup_schedule`.
#[derive(Debug, thiserror::Error)]
#[error(
    "invalid backup_schedule `{expression}`: {reason}; write a cron expression such as \
     `0 3 * * *` (daily at 03:00 local time)"
)]
pub struct ScheduleError {
    pub expression: String,
    pub reason: String,
}

impl FromStr for Schedule {
    type Err = ScheduleError;

    fn from_str(expression: &str) -> Result<Schedule, ScheduleError> {
        let cron = Cron::from_str(expression.trim()).map_err(|error| ScheduleError {
            expression: expression.to_owned(),
            reason: error.to_string(),
        })?;
        Ok(Schedule { cron, expression: expression.trim().to_owned() })
    }
}

impl Schedule {
    /// Returns the first run strictly after `now`, or `None` when the expression never fires
    /// again.
    pub fn next_after(&self, now: &DateTime<Local>) -> Option<DateTime<Local>> {
        self.cron.find_next_occurrence(now, false).ok()
    }

    /// Returns the expression as written.
    pub fn expression(&self) -> &str {
        &self.expression
    }
}

/// Starts the schedule when `backup_enabled` is true and `backup_schedule` is set. An invalid
/// expression fails the start when backups are enabled, and is only logged otherwise.
pub fn start(settings: &Settings) -> anyhow::Result<Option<JoinHandle<()>>> {
    let Some(expression) = settings.backup_schedule.as_deref() else {
        return Ok(None);
    };
    let parsed = expression.parse::<Schedule>();
    if !settings.backup_enabled {
        match parsed {
            Ok(_) => tracing::info!(
                schedule = expression,
                "backup_schedule is set but backup_enabled is false: no scheduled backups"
            ),
            Err(error) => {
                tracing::warn!(%error, "backup_enabled is false, so the schedule is ignored")
            }
        }
        return Ok(None);
    }
    let schedule = parsed?;
    let service = BackupService::from_settings(settings)?;
    tracing::info!(
        schedule = schedule.expression(),
        backup_dir = %service.backup_dir().display(),
        "scheduled backups on"
    );
    Ok(Some(tokio::spawn(run(schedule, service))))
}

async fn run(schedule: Schedule, service: BackupService) {
    let mut after = Local::now();
    loop {
        let Some(next) = schedule.next_after(&after) else {
            tracing::warn!(
                schedule = schedule.expression(),
                "the backup schedule has no further runs"
            );
            return;
        };
        let wait = (next - Local::now()).to_std().unwrap_or_default();
        tokio::time::sleep(wait).await;
        // On a task of its own, so stopping the schedule never cuts a running backup short.
        let running = service.clone();
        let task = tokio::spawn(async move { running.create(SCHEDULED_SUFFIX).await });
        match task.await.unwrap_or_else(|error| Err(BackupError::Task(error.to_string()))) {
            Ok(created) => tracing::info!(
                path = %created.path.display(),
                rotated = created.rotated.len(),
                "scheduled backup created"
            ),
            Err(error) => tracing::error!(%error, "scheduled backup failed"),
        }
        // Never run twice for one slot, even when the backup finished within it.
        after = next.max(Local::now());
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn five_field_expression_finds_next_run() {
        let schedule: Schedule = "30 3 * * *".parse().unwrap();
        let now = Local.with_ymd_and_hms(2024, 5, 1, 4, 0, 0).unwrap();
        let next = schedule.next_after(&now).unwrap();
        assert_eq!(next, Local.with_ymd_and_hms(2024, 5, 2, 3, 30, 0).unwrap());
    }

    #[test]
    fn invalid_expression_names_the_value() {
        let error = "every day".parse::<Schedule>().unwrap_err().to_string();
        assert!(error.contains("`every day`"), "{error}");
        assert!(error.contains("0 3 * * *"), "{error}");
    }
}
