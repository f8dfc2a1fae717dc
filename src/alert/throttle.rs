//! Throttling of identical alerts into a digest.
//!
//! Two alerts are identical when their event type, level, source and `event_data` are equal
//! (the id and timestamp may differ). The first alert of a kind opens a window of
//! `throttle_window`. Up to `throttle_max_per_window` alerts in it are sent as they come. The
//! rest are held back and counted, and when the window ends one [`Digest`] reports them.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

use crate::model::Event;

/// Most kinds of alert tracked at once. Alerts of further kinds are sent unthrottled, so a
/// flood of all-different alerts cannot grow memory without bound.
const MAX_TRACKED_KINDS: usize = 10_000;

/// Whether an alert goes out now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Admission {
    Send,
    HeldBack,
}

/// Identical alerts held back during one window.
#[derive(Clone, Debug)]
pub struct Digest {
    pub held_back: u32,
    pub first_id: String,
    pub first_timestamp: String,
    /// The last alert held back, which the digest shows in full.
    pub last: Arc<Event>,
    pub window: Duration,
}

struct Window {
    ends: Instant,
    sent: u32,
    digest: Option<Digest>,
}

/// The throttle state of the dispatcher.
pub struct Throttle {
    window: Duration,
    max_per_window: u32,
    windows: HashMap<String, Window>,
    /// Digests of windows that ended and were replaced before `take_due` collected them.
    ended: Vec<Digest>,
}

impl Throttle {
    /// Creates a throttle. A `max_per_window` of 0 lets every alert through.
    pub fn new(window: Duration, max_per_window: u32) -> Throttle {
        Throttle { window, max_per_window, windows: HashMap::new(), ended: Vec::new() }
    }

    /// Decides whether `event` is sent now or held back for a digest.
    pub fn admit(&mut self, event: &Arc<Event>, now: Instant) -> Admission {
        if self.max_per_window == 0 {
            return Admission::Send;
        }
        let key = kind_key(event);
        let open = self.windows.get(&key).is_some_and(|window| now < window.ends);
        if !open {
            if let Some(digest) = self.windows.remove(&key).and_then(|ended| ended.digest) {
                self.ended.push(digest);
            }
            if self.windows.len() >= MAX_TRACKED_KINDS {
                return Admission::Send;
            }
            let window = Window { ends: now + self.window, sent: 1, digest: None };
            self.windows.insert(key, window);
            return Admission::Send;
        }
        let window = self.windows.get_mut(&key).expect("window checked above");
        if window.sent < self.max_per_window {
            window.sent += 1;
            return Admission::Send;
        }
        hold_back(window, event, self.window);
        Admission::HeldBack
    }

    /// Removes the windows that ended by `now` and returns the digests of those that held
    /// alerts back.
    pub fn take_due(&mut self, now: Instant) -> Vec<Digest> {
        let ended: Vec<String> = self
            .windows
            .iter()
            .filter(|(_, window)| window.ends <= now)
            .map(|(key, _)| key.clone())
            .collect();
        let mut digests = std::mem::take(&mut self.ended);
        digests.extend(ended.into_iter().filter_map(|key| self.windows.remove(&key)?.digest));
        digests
    }

    /// Ends every window now, for shutdown.
    pub fn take_all(&mut self) -> Vec<Digest> {
        let mut digests = std::mem::take(&mut self.ended);
        digests.extend(self.windows.drain().filter_map(|(_, window)| window.digest));
        digests
    }
}

fn hold_back(window: &mut Window, event: &Arc<Event>, length: Duration) {
    match &mut window.digest {
        Some(digest) => {
            digest.held_back += 1;
            digest.last = Arc::clone(event);
        }
        None => {
            window.digest = Some(Digest {
                held_back: 1,
                first_id: event.id.clone(),
                first_timestamp: event.timestamp.to_pydantic_string(),
                last: Arc::clone(event),
                window: length,
            });
        }
    }
}

/// Returns what makes two alerts identical: everything but the id and the timestamp.
fn kind_key(event: &Event) -> String {
    let source = serde_json::to_string(&event.source).unwrap_or_default();
    format!(
        "{}\u{1f}{}\u{1f}{source}\u{1f}{}",
        event.event_type.as_str(),
        event.log_level,
        event.event_data
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event(id: &str, message: &str) -> Arc<Event> {
        let body = json!({"_id": id, "log_level": 40, "event_data": {"message": message}});
        Arc::new(Event::from_json(body).unwrap())
    }

    #[test]
    fn floods_collapse_into_one_digest_per_window() {
        let start = Instant::now();
        let mut throttle = Throttle::new(Duration::from_secs(60), 2);
        assert_eq!(throttle.admit(&event("a", "hot"), start), Admission::Send);
        assert_eq!(throttle.admit(&event("b", "hot"), start), Admission::Send);
        assert_eq!(throttle.admit(&event("c", "hot"), start), Admission::HeldBack);
        assert_eq!(throttle.admit(&event("d", "cold"), start), Admission::Send);
        assert_eq!(throttle.admit(&event("e", "hot"), start), Admission::HeldBack);
        assert!(throttle.take_due(start + Duration::from_secs(59)).is_empty());

        let digests = throttle.take_due(start + Duration::from_secs(60));
        assert_eq!(digests.len(), 1);
        assert_eq!(digests[0].held_back, 2);
        assert_eq!(digests[0].first_id, "c");
        assert_eq!(digests[0].last.id, "e");

        let later = start + Duration::from_secs(61);
        assert_eq!(throttle.admit(&event("f", "hot"), later), Admission::Send);
    }

    #[test]
    fn ended_window_keeps_its_digest_when_reopened() {
        let start = Instant::now();
        let mut throttle = Throttle::new(Duration::from_secs(10), 1);
        throttle.admit(&event("a", "hot"), start);
        assert_eq!(throttle.admit(&event("b", "hot"), start), Admission::HeldBack);
        let after = start + Duration::from_secs(11);
        assert_eq!(throttle.admit(&event("c", "hot"), after), Admission::Send);
        let digests = throttle.take_due(after);
        assert_eq!(digests.len(), 1);
        assert_eq!(digests[0].first_id, "b");
    }

    #[test]
    fn zero_limit_turns_throttling_off() {
        let mut throttle = Throttle::new(Duration::from_secs(60), 0);
        let now = Instant::now();
        for id in ["a", "b", "c"] {
            assert_eq!(throttle.admit(&event(id, "same"), now), Admission::Send);
        }
        assert!(throttle.take_all().is_empty());
    }

    #[test]
    fn shutdown_collects_open_digests() {
        let now = Instant::now();
        let mut throttle = Throttle::new(Duration::from_secs(60), 1);
        throttle.admit(&event("a", "x"), now);
        throttle.admit(&event("b", "x"), now);
        let digests = throttle.take_all();
        assert_eq!(digests.len(), 1);
        assert_eq!(digests[0].held_back, 1);
    }
}
