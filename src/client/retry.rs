//! When and how long to wait before trying a request again.

use std::time::{Duration, SystemTime};

/// How often and how patiently a request is retried.
///
/// The defaults follow the upstream Python client: 3 retries with a backoff factor of 0.3 s.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 sends each request once.
    pub retries: u32,
    /// The wait before the first retry; each later retry waits twice as long as the one before.
    pub backoff: Duration,
    /// The longest `Retry-After` delay honoured. A server that asks for more is not retried,
    /// so `log` spools the event instead of blocking a script.
    pub max_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            retries: 3,
            backoff: Duration::from_millis(300),
            max_wait: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// The backoff before retry number `retry` (1 for the first retry).
    pub fn backoff_for(&self, retry: u32) -> Duration {
        let doublings = retry.saturating_sub(1).min(16);
        self.backoff.saturating_mul(1 << doublings)
    }

    /// The wait before retry number `retry`, or `None` when the request should not be retried:
    /// the retries are used up, or the server asked for a longer wait than [`Self::max_wait`].
    pub fn wait_before(&self, retry: u32, retry_after: Option<Duration>) -> Option<Duration> {
        if retry > self.retries {
            return None;
        }
        match retry_after {
            Some(wait) if wait > self.max_wait => None,
            Some(wait) => Some(wait),
            None => Some(self.backoff_for(retry)),
        }
    }
}

/// Reads a `Retry-After` header: a number of seconds or an HTTP date.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.backoff_for(1), Duration::from_millis(300));
        assert_eq!(policy.backoff_for(2), Duration::from_millis(600));
        assert_eq!(policy.backoff_for(3), Duration::from_millis(1200));
    }

    #[test]
    fn retry_after_wins_until_max_wait() {
        let policy = RetryPolicy::default();
        assert_eq!(
            policy.wait_before(1, Some(Duration::from_secs(2))),
            Some(Duration::from_secs(2))
        );
        assert_eq!(policy.wait_before(1, Some(Duration::from_secs(31))), None);
        assert_eq!(policy.wait_before(4, None), None);
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        assert_eq!(parse_retry_after(" 5 ", now), Some(Duration::from_secs(5)));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(7));
        assert_eq!(parse_retry_after(&later, now), Some(Duration::from_secs(7)));
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(7));
        assert_eq!(parse_retry_after(&earlier, now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
    }
}
