//! Webhook alerts against a loopback HTTP receiver: the JSON body, the bearer token, retries,
//! rejections, and throttling of identical alerts into a digest.

use std::time::Duration;

use serde_json::json;

use crate::alert_support::{WebhookReceiver, new_id, server_with, wait_for_log};

const TOKEN: &str = "hook-token-5e1a-secret";
const URL_SECRET: &str = "T0/B0/url-secret-91x";

#[tokio::test]
async fn webhook_receives_alert_json_with_bearer_token() {
    let receiver = WebhookReceiver::start(Vec::new()).await;
    let url = format!("{}/hooks/{URL_SECRET}", receiver.base);
    let config = json!({"url": url, "bearer_token": TOKEN});
    let server = server_with(&[("EVENT_WEBHOOK_ALERTS", config.to_string())]).await;

    let (id, node) = (new_id(), new_id());
    let event = json!({
        "_id": id,
        "event_type": "node_error",
        "log_level": 50,
        "source": {"node_id": node},
        "event_data": {"message": "arm collision"},
    });
    assert_eq!(server.post_json("/event", &event).await.0, 200);

    let hits = receiver.wait_for(1).await;
    let body = &hits[0].body;
    assert_eq!(hits[0].authorization.as_deref(), Some(format!("Bearer {TOKEN}").as_str()));
    assert_eq!(body["kind"], "alert");
    assert_eq!(body["subject"], "ALERT (CRITICAL): node_error: arm collision");
    assert_eq!(body["level_name"], "CRITICAL");
    assert_eq!(body["event"]["_id"], id);
    assert_eq!(body["event"]["source"]["node_id"], node);
    let text = body["text"].as_str().unwrap_or_default();
    assert!(text.starts_with("ALERT (CRITICAL): node_error: arm collision\n"), "{text}");
    assert!(text.contains(&id), "{text}");

    let (_, settings) = server.get("/settings").await;
    let webhook = &settings["settings"]["webhook_alerts"];
    assert_eq!(webhook["url"], format!("{}/***REDACTED***", receiver.base));
    assert_eq!(webhook["bearer_token"], "***REDACTED***");
    let settings_text = settings.to_string();
    assert!(!settings_text.contains(TOKEN) && !settings_text.contains(URL_SECRET), "{settings}");
    let log = wait_for_log(&server, "alert sent").await;
    assert!(!log.contains(TOKEN) && !log.contains(URL_SECRET), "a secret reached the log:\n{log}");
}

#[tokio::test]
async fn webhook_server_errors_are_retried_with_backoff() {
    let receiver = WebhookReceiver::start(vec![503, 429]).await;
    let server = server_with(&[
        ("EVENT_WEBHOOK_ALERTS__URL", format!("{}/hook", receiver.base)),
        ("EVENT_ALERT_RETRY_BACKOFF_SECONDS", "0.3".to_owned()),
    ])
    .await;

    let event = json!({"_id": new_id(), "log_level": 40, "event_data": "retry"});
    assert_eq!(server.post_json("/event", &event).await.0, 200);

    let hits = receiver.wait_for(3).await;
    let first_wait = hits[1].at - hits[0].at;
    let second_wait = hits[2].at - hits[1].at;
    assert!(first_wait >= Duration::from_millis(300), "first retry after {first_wait:?}");
    assert!(second_wait >= Duration::from_millis(600), "second retry after {second_wait:?}");
    let log = wait_for_log(&server, "alert sent").await;
    assert!(log.contains("HTTP 503 Service Unavailable"), "{log}");
    assert!(log.contains("HTTP 429 Too Many Requests"), "{log}");
}

#[tokio::test]
async fn webhook_client_error_is_not_retried() {
    let receiver = WebhookReceiver::start(vec![400]).await;
    let server = server_with(&[
        ("EVENT_WEBHOOK_ALERTS__URL", format!("{}/hook", receiver.base)),
        ("EVENT_ALERT_RETRY_BACKOFF_SECONDS", "0.1".to_owned()),
    ])
    .await;

    let event = json!({"_id": new_id(), "log_level": 40, "event_data": "bad"});
    assert_eq!(server.post_json("/event", &event).await.0, 200);

    let log = wait_for_log(&server, "alert not delivered").await;
    assert!(log.contains("webhook returned an error status: HTTP 400 Bad Request"), "{log}");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(receiver.hits().len(), 1, "a 400 was retried");
}

#[tokio::test]
async fn identical_alerts_are_throttled_into_one_digest() {
    let receiver = WebhookReceiver::start(Vec::new()).await;
    let server = server_with(&[
        ("EVENT_WEBHOOK_ALERTS", json!({"url": format!("{}/hook", receiver.base)}).to_string()),
        ("EVENT_ALERT_THROTTLE_WINDOW_SECONDS", "1.5".to_owned()),
        ("EVENT_ALERT_THROTTLE_MAX_PER_WINDOW", "1".to_owned()),
    ])
    .await;

    let ids: Vec<String> = (0..5).map(|_| new_id()).collect();
    for id in &ids {
        let event = json!({"_id": id, "log_level": 50, "event_data": {"message": "vacuum lost"}});
        assert_eq!(server.post_json("/event", &event).await.0, 200);
    }
    let other = json!({"_id": new_id(), "log_level": 50, "event_data": {"message": "other"}});
    assert_eq!(server.post_json("/event", &other).await.0, 200);

    let hits = receiver.wait_for(3).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let hits = if receiver.hits().len() > hits.len() { receiver.hits() } else { hits };
    assert_eq!(hits.len(), 3, "expected two alerts and one digest: {hits:?}");
    let alerts: Vec<_> = hits.iter().filter(|hit| hit.body["kind"] == "alert").collect();
    assert_eq!(alerts.len(), 2);
    assert!(alerts.iter().any(|hit| hit.body["event"]["_id"] == ids[0]));
    let digest = &hits.iter().find(|hit| hit.body["kind"] == "digest").expect("a digest").body;
    assert_eq!(digest["held_back"], 4);
    assert_eq!(digest["first_event_id"], ids[1]);
    assert_eq!(digest["event"]["_id"], ids[4]);
    let subject = digest["subject"].as_str().unwrap_or_default();
    assert_eq!(subject, "ALERT DIGEST (CRITICAL): 4 more unknown alerts: vacuum lost");
}
