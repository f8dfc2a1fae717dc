//! The alert pipeline behind the queue.
//!
//! One dispatcher task reads alerting events from the bounded queue that `POST /event` feeds,
//! throttles identical ones into digests, renders each notification once, and hands it to one
//! worker per target without waiting. Each worker has its own bounded queue and runs up to
//! `max_concurrent_deliveries` deliveries, so a stalled mail server delays only its own
//! recipients. A delivery retries transient failures with doubling backoff; each attempt is
//! bounded by `attempt_timeout`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::sync::{Semaphore, mpsc, watch};
use tokio::task::{JoinHandle, JoinSet};
use tokio::time::{Instant, MissedTickBehavior};

use super::config::AlertPolicy;
use super::notifier::{DeliveryError, Notification, Target};
use super::render;
use super::throttle::{Admission, Throttle};
use crate::model::Event;

/// The shortest time between two warnings about dropped alerts.
const DROP_LOG_INTERVAL: Duration = Duration::from_secs(10);

/// Maximum time between two checks for ended throttle windows.
const MAX_TICK: Duration = Duration::from_secs(1);

/// Counters of the pipeline, logged when it stops.
#[derive(Debug)]
pub(super) struct AlertStats {
    pub sent: AtomicU64,
    pub failed: AtomicU64,
    pub dropped: AtomicU64,
    pub held_back: AtomicU64,
    /// Deliveries queued or running.
    pub pending: AtomicU64,
    started: std::time::Instant,
    /// Milliseconds after `started` of the last drop warning, `u64::MAX` before the first.
    last_drop_warning: AtomicU64,
}

impl AlertStats {
    pub(super) fn new() -> AlertStats {
        AlertStats {
            sent: AtomicU64::new(0),
            failed: AtomicU64::new(0),
            dropped: AtomicU64::new(0),
            held_back: AtomicU64::new(0),
            pending: AtomicU64::new(0),
            started: std::time::Instant::now(),
            last_drop_warning: AtomicU64::new(u64::MAX),
        }
    }

    /// Counts a dropped alert and warns, at most once per [`DROP_LOG_INTERVAL`].
    pub(super) fn record_drop(&self, queue: &str, event_id: &str) {
        let total = self.dropped.fetch_add(1, Ordering::Relaxed) + 1;
        let now = self.started.elapsed().as_millis() as u64;
        let last = self.last_drop_warning.load(Ordering::Relaxed);
        let due =
            last == u64::MAX || now.saturating_sub(last) >= DROP_LOG_INTERVAL.as_millis() as u64;
        let claimed = due
            && self
                .last_drop_warning
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok();
        if claimed {
            tracing::warn!(
                queue,
                event_id,
                dropped_total = total,
                "alert queue full: alert dropped ({total} dropped so far); raise \
                 `alert_queue_capacity` or check the notifier. Further drops are logged at \
                 most every 10 s"
            );
        }
    }
}

/// The sending end of one worker's queue, with the worker's label for logs.
struct Outlet {
    label: String,
    sender: mpsc::Sender<Arc<Notification>>,
}

/// Starts the dispatcher and one worker per target; returns their task handles.
pub(super) fn spawn(
    receiver: mpsc::Receiver<Arc<Event>>,
    targets: Vec<Arc<dyn Target>>,
    policy: Arc<AlertPolicy>,
    stats: Arc<AlertStats>,
    stop: watch::Receiver<bool>,
) -> Vec<JoinHandle<()>> {
    let mut handles = Vec::new();
    let mut outlets = Vec::new();
    for target in targets {
        let (sender, queue) = mpsc::channel(policy.queue_capacity);
        outlets.push(Outlet { label: target.label(), sender });
        let worker = run_worker(target, queue, Arc::clone(&policy), Arc::clone(&stats));
        handles.push(tokio::spawn(worker));
    }
    let throttle = Throttle::new(policy.throttle_window, policy.throttle_max_per_window);
    let tick = policy.throttle_window.min(MAX_TICK);
    let dispatcher = Dispatcher { receiver, outlets, throttle, stats };
    handles.push(tokio::spawn(dispatcher.run(stop, tick)));
    handles
}

struct Dispatcher {
    receiver: mpsc::Receiver<Arc<Event>>,
    outlets: Vec<Outlet>,
    throttle: Throttle,
    stats: Arc<AlertStats>,
}

impl Dispatcher {
    /// Runs until `stop` changes or every queue handle is gone, then hands on what is queued
    /// and the open digests. Dropping the outlets afterwards lets the workers finish.
    async fn run(mut self, mut stop: watch::Receiver<bool>, tick: Duration) {
        let mut ticker = tokio::time::interval(tick);
        ticker.set_missed_tick_behavior(MissedTickBehavior::Skip);
        loop {
            tokio::select! {
                _ = stop.changed() => break,
                received = self.receiver.recv() => match received {
                    Some(event) => self.admit(&event),
                    None => break,
                },
                _ = ticker.tick() => self.publish_due_digests(Instant::now()),
            }
        }
        self.receiver.close();
        while let Ok(event) = self.receiver.try_recv() {
            self.admit(&event);
        }
        for digest in self.throttle.take_all() {
            self.publish(render::digest(&digest));
        }
    }

    fn admit(&mut self, event: &Arc<Event>) {
        let now = Instant::now();
        self.publish_due_digests(now);
        match self.throttle.admit(event, now) {
            Admission::Send => self.publish(render::alert(event)),
            Admission::HeldBack => {
                self.stats.held_back.fetch_add(1, Ordering::Relaxed);
                tracing::debug!(event_id = %event.id, "alert held back for a digest");
            }
        }
    }

    fn publish_due_digests(&mut self, now: Instant) {
        for digest in self.throttle.take_due(now) {
            tracing::info!(held_back = digest.held_back, "sending an alert digest");
            self.publish(render::digest(&digest));
        }
    }

    /// Hands `notification` to every worker without waiting; a full worker queue drops it.
    fn publish(&self, notification: Notification) {
        let notification = Arc::new(notification);
        let event_id = notification.event_id.as_deref().unwrap_or("-");
        for outlet in &self.outlets {
            match outlet.sender.try_send(Arc::clone(&notification)) {
                Ok(()) => {
                    self.stats.pending.fetch_add(1, Ordering::Relaxed);
                }
                Err(mpsc::error::TrySendError::Full(_)) => {
                    self.stats.record_drop(&outlet.label, event_id);
                }
                Err(mpsc::error::TrySendError::Closed(_)) => {
                    tracing::error!(target_label = %outlet.label, event_id, "alert worker stopped");
                }
            }
        }
    }
}

/// Delivers the notifications of one target, at most `max_concurrent_deliveries` at once.
async fn run_worker(
    target: Arc<dyn Target>,
    mut queue: mpsc::Receiver<Arc<Notification>>,
    policy: Arc<AlertPolicy>,
    stats: Arc<AlertStats>,
) {
    let permits = Arc::new(Semaphore::new(policy.max_concurrent_deliveries));
    let mut deliveries = JoinSet::new();
    loop {
        // Taking the permit first leaves the notification in the bounded queue while all
        // deliveries are busy, so the queue capacity is what limits the backlog.
        let Ok(permit) = Arc::clone(&permits).acquire_owned().await else { break };
        while deliveries.try_join_next().is_some() {}
        let Some(notification) = queue.recv().await else { break };
        let target = Arc::clone(&target);
        let (policy, stats) = (Arc::clone(&policy), Arc::clone(&stats));
        deliveries.spawn(async move {
            deliver(target.as_ref(), &notification, &policy, &stats).await;
            drop(permit);
        });
    }
    while deliveries.join_next().await.is_some() {}
}

/// Delivers one notification to one target, retrying transient failures.
async fn deliver(
    target: &dyn Target,
    notification: &Notification,
    policy: &AlertPolicy,
    stats: &AlertStats,
) {
    let label = target.label();
    let event_id = notification.event_id.as_deref().unwrap_or("-");
    let kind = notification.kind.as_str();
    for attempt in 1..=policy.max_attempts {
        let outcome = attempt_once(target, notification, policy.attempt_timeout).await;
        match outcome {
            Ok(()) => {
                stats.sent.fetch_add(1, Ordering::Relaxed);
                tracing::info!(target_label = %label, event_id, kind, attempt, "alert sent");
                break;
            }
            Err(error) if error.transient && attempt < policy.max_attempts => {
                let wait = policy.backoff_after(attempt);
                tracing::warn!(
                    target_label = %label,
                    event_id,
                    kind,
                    attempt,
                    retry_in_ms = wait.as_millis() as u64,
                    "alert delivery failed, will retry: {error}"
                );
                tokio::time::sleep(wait).await;
            }
            Err(error) => {
                stats.failed.fetch_add(1, Ordering::Relaxed);
                tracing::error!(
                    target_label = %label,
                    event_id,
                    kind,
                    attempts = attempt,
                    "alert not delivered: {error}"
                );
                break;
            }
        }
    }
    stats.pending.fetch_sub(1, Ordering::Relaxed);
}

/// Makes one attempt, bounded by `limit`.
pub(super) async fn attempt_once(
    target: &dyn Target,
    notification: &Notification,
    limit: Duration,
) -> Result<(), DeliveryError> {
    match tokio::time::timeout(limit, target.deliver(notification)).await {
        Ok(result) => result,
        Err(_) => Err(DeliveryError::timed_out(limit)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alert::notifier::FailureKind;
    use crate::config::Settings;
    use async_trait::async_trait;
    use serde_json::json;
    use std::sync::Mutex;

    /// A target that fails transiently a set number of times, recording attempt instants.
    struct Flaky {
        failures_left: Mutex<u32>,
        attempts: Mutex<Vec<Instant>>,
    }

    #[async_trait]
    impl Target for Flaky {
        fn label(&self) -> String {
            "flaky".into()
        }

        async fn deliver(&self, _: &Notification) -> Result<(), DeliveryError> {
            self.attempts.lock().unwrap().push(Instant::now());
            let mut left = self.failures_left.lock().unwrap();
            if *left == 0 {
                return Ok(());
            }
            *left -= 1;
            Err(DeliveryError::new(FailureKind::ConnectionFailed, "refused", true))
        }
    }

    fn policy() -> AlertPolicy {
        let settings = Settings {
            alert_retry_backoff_seconds: 0.05,
            alert_max_attempts: 3,
            ..Settings::default()
        };
        AlertPolicy::from_settings(&settings).unwrap()
    }

    fn notification() -> Notification {
        let event = Event::from_json(json!({"log_level": 50})).unwrap();
        render::alert(&event)
    }

    #[tokio::test]
    async fn retries_back_off_then_succeed() {
        let target = Flaky { failures_left: Mutex::new(2), attempts: Mutex::new(Vec::new()) };
        let stats = AlertStats::new();
        stats.pending.store(1, Ordering::Relaxed);
        deliver(&target, &notification(), &policy(), &stats).await;
        let attempts = target.attempts.lock().unwrap().clone();
        assert_eq!(attempts.len(), 3);
        let (first_wait, second_wait) = (attempts[1] - attempts[0], attempts[2] - attempts[1]);
        assert!(first_wait >= Duration::from_millis(50), "{first_wait:?}");
        assert!(second_wait >= Duration::from_millis(100), "{second_wait:?}");
        assert_eq!(stats.sent.load(Ordering::Relaxed), 1);
        assert_eq!(stats.pending.load(Ordering::Relaxed), 0);
    }

    #[tokio::test]
    async fn gives_up_after_max_attempts() {
        let target = Flaky { failures_left: Mutex::new(10), attempts: Mutex::new(Vec::new()) };
        let stats = AlertStats::new();
        stats.pending.store(1, Ordering::Relaxed);
        deliver(&target, &notification(), &policy(), &stats).await;
        assert_eq!(target.attempts.lock().unwrap().len(), 3);
        assert_eq!(stats.failed.load(Ordering::Relaxed), 1);
        assert_eq!(stats.sent.load(Ordering::Relaxed), 0);
    }

    #[test]
    fn drops_are_counted_every_time() {
        let stats = AlertStats::new();
        for _ in 0..5 {
            stats.record_drop("alert queue", "01ABC");
        }
        assert_eq!(stats.dropped.load(Ordering::Relaxed), 5);
    }
}
