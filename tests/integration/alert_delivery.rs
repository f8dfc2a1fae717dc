//! Alert delivery off the request path: a stalled mail server, a full queue, and retries with
//! backoff against a real SMTP server.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::alert_support::{
    SmtpMode, SmtpOptions, SmtpServer, StalledServer, new_id, server_with, wait_for_log,
};

/// The per-attempt timeout of the stalled-server test. POST /event must respond far sooner.
const ATTEMPT_TIMEOUT_SECONDS: u64 = 5;

#[tokio::test]
async fn stalled_smtp_server_does_not_slow_ingest() {
    let stalled = StalledServer::start().await;
    let config = stalled.email_alerts(&["ops@lab.test", "chief@lab.test"]);
    let server = server_with(&[
        ("EVENT_EMAIL_ALERTS", config.to_string()),
        ("EVENT_ALERT_TIMEOUT_SECONDS", ATTEMPT_TIMEOUT_SECONDS.to_string()),
        ("EVENT_ALERT_MAX_ATTEMPTS", "1".to_owned()),
    ])
    .await;

    let mut slowest = Duration::ZERO;
    for number in 0..20 {
        let event =
            json!({"_id": new_id(), "log_level": 50, "event_data": format!("fire {number}")});
        let started = Instant::now();
        let (status, _) = server.post_json("/event", &event).await;
        slowest = slowest.max(started.elapsed());
        assert_eq!(status, 200);
    }
    let started = Instant::now();
    assert_eq!(server.get("/health").await.0, 200);
    slowest = slowest.max(started.elapsed());

    assert!(stalled.accepted() >= 1, "no SMTP connection was attempted");
    assert!(
        slowest < Duration::from_secs(1),
        "a request took {slowest:?} while the mail server stalled (attempt timeout \
         {ATTEMPT_TIMEOUT_SECONDS} s)"
    );
    let log = wait_for_log(&server, "alert not delivered").await;
    assert!(log.contains("connection timed out"), "{log}");
}

#[tokio::test]
async fn full_queue_drops_and_counts_alerts() {
    let stalled = StalledServer::start().await;
    let config = stalled.email_alerts(&["ops@lab.test"]);
    let mut server = server_with(&[
        ("EVENT_EMAIL_ALERTS", config.to_string()),
        // Long enough for all posts to arrive while the first delivery still hangs.
        ("EVENT_ALERT_TIMEOUT_SECONDS", "4".to_owned()),
        ("EVENT_ALERT_MAX_ATTEMPTS", "1".to_owned()),
        ("EVENT_ALERT_QUEUE_CAPACITY", "2".to_owned()),
        ("EVENT_ALERT_MAX_CONCURRENT_DELIVERIES", "1".to_owned()),
    ])
    .await;

    for number in 0..10 {
        let event =
            json!({"_id": new_id(), "log_level": 40, "event_data": format!("leak {number}")});
        let started = Instant::now();
        assert_eq!(server.post_json("/event", &event).await.0, 200);
        assert!(started.elapsed() < Duration::from_secs(1), "POST /event waited for the queue");
    }

    let log = wait_for_log(&server, "alert queue full").await;
    assert_eq!(
        log.matches("alert queue full").count(),
        1,
        "drop warnings are not rate-limited:\n{log}"
    );
    assert!(log.contains("alert_queue_capacity"), "{log}");
    // One delivery hangs on the stalled server and two wait in its queue; the other seven drop.
    assert!(server.terminate(), "the server did not stop cleanly:\n{}", server.stderr());
    let log = server.stderr();
    assert!(log.contains("alerts stopped"), "{log}");
    assert!(log.contains("dropped=7"), "{log}");
}

#[tokio::test]
async fn transient_smtp_failures_are_retried_with_backoff() {
    let options = SmtpOptions { fail_first: 2, ..Default::default() };
    let smtp = SmtpServer::start(SmtpMode::Plain, options);
    let server = server_with(&[
        ("EVENT_EMAIL_ALERTS", smtp.email_alerts(&["ops@lab.test"]).to_string()),
        ("EVENT_ALERT_RETRY_BACKOFF_SECONDS", "0.3".to_owned()),
        ("EVENT_ALERT_MAX_ATTEMPTS", "3".to_owned()),
    ])
    .await;

    let id = new_id();
    let event = json!({"_id": id, "log_level": 50, "event_data": "retry me"});
    assert_eq!(server.post_json("/event", &event).await.0, 200);

    let accepted = smtp.wait_for_accepted(1).await;
    assert_eq!(accepted[0].header("X-MADSci-Event-ID"), Some(id.as_str()));
    let attempts = smtp.received();
    assert_eq!(attempts.len(), 3, "{attempts:?}");
    let first_wait = attempts[1].at - attempts[0].at;
    let second_wait = attempts[2].at - attempts[1].at;
    assert!(first_wait >= 0.3, "retried after {first_wait} s, before the 0.3 s backoff");
    assert!(second_wait >= 0.6, "second retry after {second_wait} s: the backoff did not double");
    let log = wait_for_log(&server, "alert sent").await;
    assert_eq!(log.matches("will retry").count(), 2, "{log}");
    assert!(log.contains("451"), "{log}");
}

#[tokio::test]
async fn invalid_alert_settings_stop_serve() {
    let stalled = StalledServer::start().await;
    let mut config = stalled.email_alerts(&["ops@lab.test"]);
    config["sender"] = json!("not an address");
    let output = crate::alert_support::run_cli(
        &["serve", "--listen", "127.0.0.1:0", "--db-url", "sqlite://events.db"],
        &[("EVENT_EMAIL_ALERTS", config.to_string())],
    )
    .await;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("invalid setting `email_alerts.sender` = `not an address`"),
        "{stderr}"
    );
}
