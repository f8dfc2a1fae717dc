//! Retention: a background task that archives old events and deletes long-archived ones.
//!
//! With `retention_enabled`, the task runs a pass at start and then every
//! `retention_check_interval_hours`, with upstream's settings. A pass archives events whose
//! timestamp is more than `soft_delete_after_days` old, `archive_batch_size` at a time with a
//! short pause between batches and at most `max_batches_per_run` batches (0: no limit). It then
//! deletes archived events whose `archived_at` is more than `hard_delete_after_days` old. On
//! MongoDB a TTL index on `archived_at` also deletes them between passes, as upstream relies on.
//! A failed pass is logged and retried at the next interval; with `fail_on_retention_error`
//! the task stops instead, as upstream's does, and the server keeps running.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use tokio::task::JoinHandle;

use crate::config::Settings;
use crate::store::{ArchiveTarget, EventStore, StoreError};

/// The pause between two archive batches, which leaves room for other writes.
const BATCH_PAUSE: Duration = Duration::from_millis(100);

/// A setting outside its range.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("invalid setting `{name}` = `{value}`: must be at least 1")]
pub struct PolicyError {
    name: &'static str,
    value: u64,
}

/// The retention settings, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    soft_delete_after: TimeDelta,
    hard_delete_after: TimeDelta,
    interval: Duration,
    batch_size: u64,
    /// Archive batches per pass; 0 means no limit.
    max_batches: u64,
    fail_on_error: bool,
}

/// Counts of what one pass changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PassReport {
    pub archived: u64,
    pub deleted: u64,
}

impl Policy {
    /// Reads the retention settings; returns `None` when retention is off.
    pub fn from_settings(settings: &Settings) -> Result<Option<Policy>, PolicyError> {
        if !settings.retention_enabled {
            return Ok(None);
        }
        let soft = at_least_one("soft_delete_after_days", settings.soft_delete_after_days.into())?;
        let hard = at_least_one("hard_delete_after_days", settings.hard_delete_after_days.into())?;
        let hours = at_least_one(
            "retention_check_interval_hours",
            settings.retention_check_interval_hours.into(),
        )?;
        let batch_size = at_least_one("archive_batch_size", settings.archive_batch_size)?;
        Ok(Some(Policy {
            soft_delete_after: days(soft),
            hard_delete_after: days(hard),
            interval: Duration::from_secs(hours.saturating_mul(3600)),
            batch_size,
            max_batches: settings.max_batches_per_run,
            fail_on_error: settings.fail_on_retention_error,
        }))
    }

    /// Returns how long an archived event is kept before it is deleted.
    pub fn hard_delete_after(&self) -> Duration {
        self.hard_delete_after.to_std().unwrap_or(Duration::MAX)
    }
}

fn at_least_one(name: &'static str, value: u64) -> Result<u64, PolicyError> {
    if value == 0 { Err(PolicyError { name, value }) } else { Ok(value) }
}

fn days(count: u64) -> TimeDelta {
    TimeDelta::try_days(i64::try_from(count).unwrap_or(i64::MAX)).unwrap_or(TimeDelta::MAX)
}

/// Starts the retention task. Abort the handle to stop it.
pub fn spawn(store: Arc<dyn EventStore>, policy: Policy) -> JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match run_pass(store.as_ref(), &policy, Utc::now()).await {
                Ok(report) => log_pass(report),
                Err(error) if policy.fail_on_error => {
                    tracing::error!(%error, "retention failed; it stops until the next start");
                    return;
                }
                Err(error) => tracing::warn!(%error, "retention failed; it runs again later"),
            }
            tokio::time::sleep(policy.interval).await;
        }
    })
}

fn log_pass(report: PassReport) {
    if report == PassReport::default() {
        tracing::debug!("retention: nothing to archive or delete");
    } else {
        tracing::info!(archived = report.archived, deleted = report.deleted, "retention pass done");
    }
}

/// Runs one pass as of `now`: archives, then deletes.
pub async fn run_pass(
    store: &dyn EventStore,
    policy: &Policy,
    now: DateTime<Utc>,
) -> Result<PassReport, StoreError> {
    let archived = archive_old(store, policy, now).await?;
    let cutoff =
        now.checked_sub_signed(policy.hard_delete_after).unwrap_or(DateTime::<Utc>::MIN_UTC);
    let deleted = store.purge_archived(cutoff).await?;
    Ok(PassReport { archived, deleted })
}

async fn archive_old(
    store: &dyn EventStore,
    policy: &Policy,
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let cutoff =
        now.checked_sub_signed(policy.soft_delete_after).unwrap_or(DateTime::<Utc>::MIN_UTC);
    let target = ArchiveTarget::Before(cutoff.timestamp_micros());
    let mut archived = 0;
    let mut batches = 0;
    while policy.max_batches == 0 || batches < policy.max_batches {
        let changed = store.archive_batch(&target, policy.batch_size, now).await?;
        if changed == 0 {
            break;
        }
        archived += changed;
        batches += 1;
        tokio::time::sleep(BATCH_PAUSE).await;
    }
    Ok(archived)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enabled() -> Settings {
        Settings { retention_enabled: true, ..Settings::default() }
    }

    #[test]
    fn disabled_retention_has_no_policy() {
        assert_eq!(Policy::from_settings(&Settings::default()), Ok(None));
    }

    #[test]
    fn policy_reads_upstream_defaults() {
        let policy = Policy::from_settings(&enabled()).unwrap().expect("a policy");
        assert_eq!(policy.soft_delete_after, TimeDelta::days(90));
        assert_eq!(policy.hard_delete_after(), Duration::from_secs(365 * 86_400));
        assert_eq!(policy.interval, Duration::from_secs(24 * 3600));
        assert_eq!((policy.batch_size, policy.max_batches), (1000, 100));
    }

    #[test]
    fn zero_settings_are_rejected_by_name() {
        let settings = Settings { soft_delete_after_days: 0, ..enabled() };
        let error = Policy::from_settings(&settings).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid setting `soft_delete_after_days` = `0`: must be at least 1"
        );
        let settings = Settings { archive_batch_size: 0, ..enabled() };
        assert!(Policy::from_settings(&settings).is_err());
    }
}
