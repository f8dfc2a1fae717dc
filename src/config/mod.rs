//! Settings: flags, then environment, then settings files, then defaults.
//!
//! The names are upstream's (`EVENT_*` variables, `settings.yaml`, `event.settings.yaml`,
//! `events.settings.yaml` and their toml/json twins), so an existing MADSci lab configuration
//! keeps working. [`sources`] finds and layers them; [`database`] reads the database URL.

pub mod database;
mod secret;
pub mod sources;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::alert::config::{EmailAlertsConfig, WebhookAlertsConfig};

pub use self::database::StoreLocation;
pub use self::secret::{REDACTED, Secret, redact_url, scrub_password, without_user_info};
pub use self::sources::{ConfigError, SettingsOverrides, load};

/// Every server setting, by upstream's field names where upstream has one.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct Settings {
    /// The URL the server listens on (host and port are used).
    pub server_url: String,
    /// The id of this event manager; a new ULID is generated at start when unset.
    pub manager_id: Option<String>,
    pub manager_type: String,
    pub manager_name: Option<String>,
    pub manager_description: Option<String>,
    /// The database URL: `mongodb://…` selects MongoDB, `sqlite://PATH` or nothing the
    /// embedded store.
    pub document_db_url: Option<Secret>,
    pub database_name: String,
    pub collection_name: String,
    /// Events at or above this level alert (an integer or a level name).
    pub alert_level: Value,
    /// Email alerts (upstream's `EmailAlertsConfig`); unset sends no email. Also read from JSON
    /// text, as upstream reads `EVENT_EMAIL_ALERTS`.
    #[serde(deserialize_with = "crate::alert::config::optional_object")]
    pub email_alerts: Option<EmailAlertsConfig>,
    /// Webhook alerts: each alert is POSTed as JSON to this URL; unset sends none.
    #[serde(deserialize_with = "crate::alert::config::optional_object")]
    pub webhook_alerts: Option<WebhookAlertsConfig>,
    /// Alerts waiting to be sent, in the queue and in each notifier's queue; more are dropped
    /// and counted.
    pub alert_queue_capacity: usize,
    /// The longest one delivery attempt may take, connection and TLS included, in seconds.
    pub alert_timeout_seconds: f64,
    /// Attempts per alert and notifier, the first included.
    pub alert_max_attempts: u32,
    /// The wait before the first retry, in seconds; it doubles for each later retry.
    pub alert_retry_backoff_seconds: f64,
    /// Deliveries in flight at once per notifier target.
    pub alert_max_concurrent_deliveries: usize,
    /// Identical alerts (same type, level, source and data) beyond
    /// `alert_throttle_max_per_window` within this many seconds go into one digest.
    pub alert_throttle_window_seconds: f64,
    /// Identical alerts sent individually per window; 0 turns throttling off.
    pub alert_throttle_max_per_window: u32,
    pub retention_enabled: bool,
    pub soft_delete_after_days: u32,
    pub hard_delete_after_days: u32,
    pub retention_check_interval_hours: u32,
    pub archive_batch_size: u64,
    pub max_batches_per_run: u64,
    pub backup_enabled: bool,
    pub backup_schedule: Option<String>,
    pub backup_dir: PathBuf,
    pub backup_max_count: u32,
    pub fail_on_retention_error: bool,
    /// The zone in which timestamps without an offset are read: `local`, `UTC`, an offset such
    /// as `+02:00`, or an IANA name such as `Europe/Berlin`.
    pub naive_timezone: String,
    /// The largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Maximum time a request may take before the server returns 408, in seconds.
    pub request_timeout_seconds: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            server_url: "http://127.0.0.1:8001/".into(),
            manager_id: None,
            manager_type: "event_manager".into(),
            manager_name: None,
            manager_description: None,
            document_db_url: None,
            database_name: "madsci_events".into(),
            collection_name: "events".into(),
            alert_level: Value::from(40),
            email_alerts: None,
            webhook_alerts: None,
            alert_queue_capacity: 1000,
            alert_timeout_seconds: 10.0,
            alert_max_attempts: 4,
            alert_retry_backoff_seconds: 2.0,
            alert_max_concurrent_deliveries: 4,
            alert_throttle_window_seconds: 60.0,
            alert_throttle_max_per_window: 3,
            retention_enabled: false,
            soft_delete_after_days: 90,
            hard_delete_after_days: 365,
            retention_check_interval_hours: 24,
            archive_batch_size: 1000,
            max_batches_per_run: 100,
            backup_enabled: false,
            backup_schedule: None,
            backup_dir: PathBuf::from(".madsci/backups/events"),
            backup_max_count: 10,
            fail_on_retention_error: false,
            naive_timezone: "local".into(),
            max_body_bytes: 4 * 1024 * 1024,
            request_timeout_seconds: 60,
        }
    }
}
