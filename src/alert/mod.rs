//! Alert notifications, kept off the request path.
//!
//! An accepted event alerts when its `alert` flag is set or its level is at least
//! `alert_level`, and a notifier is configured: email ([`email`], upstream's
//! `EmailAlertsConfig`) or a webhook ([`webhook`]). `POST /event` commits the event first and
//! then calls [`AlertQueue::offer`], which only tries to put it on a bounded queue. The
//! [`AlertService`] behind the queue throttles, renders and delivers ([`dispatch`]). A full
//! queue drops the alert, and the drop is logged and counted.

pub mod config;
mod dispatch;
pub mod email;
pub mod notifier;
pub mod render;
pub mod throttle;
pub mod webhook;

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use lettre::transport::smtp::extension::ClientId;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

pub use self::config::{
    AlertConfigError, AlertPolicy, Credential, EmailAlertsConfig, Importance, TlsMode,
    WebhookAlertsConfig, WebhookUrl,
};
use self::dispatch::AlertStats;
use self::email::EmailNotifier;
pub use self::notifier::{DeliveryError, FailureKind, Notification, NotificationKind, Target};
use self::webhook::WebhookNotifier;
use crate::config::Settings;
use crate::model::Event;

/// Bounds of the time shutdown waits for deliveries still in flight, which is one attempt
/// timeout within these bounds.
const MIN_SHUTDOWN_GRACE: Duration = Duration::from_secs(1);
const MAX_SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// Reports whether an accepted event alerts: its `alert` flag is set or its level is at least
/// `alert_level`.
pub fn triggers(event: &Event, alert_level: i64) -> bool {
    event.alert || event.log_level >= alert_level
}

/// Builds one target per email recipient and one for the webhook. An empty list means no
/// notifier is configured.
pub fn build_targets(
    settings: &Settings,
    policy: &AlertPolicy,
) -> Result<Vec<Arc<dyn Target>>, AlertConfigError> {
    let mut targets = Vec::new();
    if let Some(email) = &settings.email_alerts {
        let notifier = Arc::new(EmailNotifier::new(email, policy.attempt_timeout)?);
        targets.extend(notifier.targets(email)?);
        if email.email_addresses.is_empty() {
            tracing::warn!("`email_alerts` has no `email_addresses`: no alert emails are sent");
        }
    }
    if let Some(webhook) = &settings.webhook_alerts {
        targets.push(Arc::new(WebhookNotifier::new(webhook, policy.attempt_timeout)?));
    }
    Ok(targets)
}

/// The handle `POST /event` uses to queue alerts; cheap to clone. A disabled queue ignores
/// every event.
#[derive(Clone, Default)]
pub struct AlertQueue {
    inner: Option<Arc<QueueInner>>,
}

struct QueueInner {
    sender: mpsc::Sender<Arc<Event>>,
    alert_level: i64,
    stats: Arc<AlertStats>,
}

impl fmt::Debug for AlertQueue {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner {
            Some(inner) => formatter
                .debug_struct("AlertQueue")
                .field("alert_level", &inner.alert_level)
                .field("capacity", &inner.sender.max_capacity())
                .finish(),
            None => formatter.write_str("AlertQueue(disabled)"),
        }
    }
}

impl AlertQueue {
    /// Returns a queue that never alerts, for a server without notifiers and for tests.
    pub fn disabled() -> AlertQueue {
        AlertQueue { inner: None }
    }

    /// Reports whether `event` would be queued: a notifier is set and the event triggers.
    pub fn wants(&self, event: &Event) -> bool {
        self.inner.as_ref().is_some_and(|inner| triggers(event, inner.alert_level))
    }

    /// Queues an alert for `event` when it triggers, without waiting; returns whether it was
    /// queued. A full queue drops the alert, and the drop is logged and counted.
    pub fn offer(&self, event: Event) -> bool {
        let Some(inner) = &self.inner else { return false };
        if !triggers(&event, inner.alert_level) {
            return false;
        }
        let event_id = event.id.clone();
        match inner.sender.try_send(Arc::new(event)) {
            Ok(()) => true,
            Err(mpsc::error::TrySendError::Full(_)) => {
                inner.stats.record_drop("alert queue", &event_id);
                false
            }
            Err(mpsc::error::TrySendError::Closed(_)) => {
                tracing::debug!(%event_id, "alerts are shutting down; alert not sent");
                false
            }
        }
    }
}

/// The running alert pipeline.
pub struct AlertService {
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
    stats: Arc<AlertStats>,
    grace: Duration,
}

impl AlertService {
    /// Checks the alert settings and starts the pipeline when a notifier is configured.
    /// Without one, returns a disabled queue and no service. Call inside a Tokio runtime.
    pub fn start(
        settings: &Settings,
    ) -> Result<(AlertQueue, Option<AlertService>), AlertConfigError> {
        let policy = AlertPolicy::from_settings(settings)?;
        let targets = build_targets(settings, &policy)?;
        if targets.is_empty() {
            return Ok((AlertQueue::disabled(), None));
        }
        let labels: Vec<String> = targets.iter().map(|target| target.label()).collect();
        tracing::info!(
            alert_level = policy.alert_level,
            queue_capacity = policy.queue_capacity,
            "alerts go to: {}",
            labels.join(", ")
        );
        let (sender, receiver) = mpsc::channel(policy.queue_capacity);
        let (stop, stopped) = watch::channel(false);
        let stats = Arc::new(AlertStats::new());
        let grace = policy.attempt_timeout.clamp(MIN_SHUTDOWN_GRACE, MAX_SHUTDOWN_GRACE);
        let alert_level = policy.alert_level;
        let tasks =
            dispatch::spawn(receiver, targets, Arc::new(policy), Arc::clone(&stats), stopped);
        let inner = QueueInner { sender, alert_level, stats: Arc::clone(&stats) };
        let queue = AlertQueue { inner: Some(Arc::new(inner)) };
        Ok((queue, Some(AlertService { stop, tasks, stats, grace })))
    }

    /// Stops taking alerts, gives queued and running deliveries one attempt timeout (at least
    /// 1 s, at most 10 s) to finish, abandons the rest, and logs the counters.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        let aborts: Vec<_> = self.tasks.iter().map(JoinHandle::abort_handle).collect();
        let finished = tokio::time::timeout(self.grace, futures_util::future::join_all(self.tasks));
        if finished.await.is_err() {
            aborts.iter().for_each(tokio::task::AbortHandle::abort);
        }
        let stats = &self.stats;
        tracing::info!(
            sent = stats.sent.load(Ordering::Relaxed),
            failed = stats.failed.load(Ordering::Relaxed),
            dropped = stats.dropped.load(Ordering::Relaxed),
            held_back = stats.held_back.load(Ordering::Relaxed),
            abandoned = stats.pending.load(Ordering::Relaxed),
            "alerts stopped"
        );
    }
}

/// The result of `alert --test` for one target.
#[derive(Debug)]
pub struct TestOutcome {
    pub label: String,
    pub result: Result<(), DeliveryError>,
}

/// Sends one test message through every configured target at once, one attempt each,
/// without queue, retries or throttle. An empty result means no notifier is configured.
pub async fn send_test(settings: &Settings) -> Result<Vec<TestOutcome>, AlertConfigError> {
    let policy = AlertPolicy::from_settings(settings)?;
    let targets = build_targets(settings, &policy)?;
    let notification = render::test(&ClientId::default().to_string());
    let attempts = targets.iter().map(|target| {
        let notification = &notification;
        async move {
            let result =
                dispatch::attempt_once(target.as_ref(), notification, policy.attempt_timeout).await;
            TestOutcome { label: target.label(), result }
        }
    });
    Ok(futures_util::future::join_all(attempts).await)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event(body: serde_json::Value) -> Event {
        Event::from_json(body).unwrap()
    }

    #[test]
    fn trigger_rule() {
        assert!(!triggers(&event(json!({"log_level": 30})), 40));
        assert!(triggers(&event(json!({"log_level": 40})), 40));
        assert!(triggers(&event(json!({"log_level": 10, "alert": true})), 40));
        assert!(triggers(&event(json!({"log_level": 0})), 0));
    }

    #[test]
    fn disabled_queue_ignores_everything() {
        let queue = AlertQueue::disabled();
        assert!(!queue.wants(&event(json!({"log_level": 50, "alert": true}))));
        assert!(!queue.offer(event(json!({"log_level": 50, "alert": true}))));
        assert_eq!(format!("{queue:?}"), "AlertQueue(disabled)");
    }

    #[tokio::test]
    async fn no_notifier_starts_nothing() {
        let (queue, service) = AlertService::start(&Settings::default()).unwrap();
        assert!(service.is_none());
        assert!(!queue.offer(event(json!({"log_level": 50}))));
    }

    #[tokio::test]
    async fn full_queue_drops_and_counts() {
        let (sender, _receiver) = mpsc::channel(1);
        let stats = Arc::new(AlertStats::new());
        let inner = QueueInner { sender, alert_level: 40, stats: Arc::clone(&stats) };
        let queue = AlertQueue { inner: Some(Arc::new(inner)) };
        assert!(queue.offer(event(json!({"log_level": 50}))));
        assert!(!queue.offer(event(json!({"log_level": 50}))));
        assert!(!queue.offer(event(json!({"log_level": 50}))));
        assert!(!queue.offer(event(json!({"log_level": 20}))));
        assert_eq!(stats.dropped.load(Ordering::Relaxed), 2);
    }
}
