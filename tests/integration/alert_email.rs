//! Email alerts against a real SMTP server on loopback: what arrives, to whom, with which
//! headers, and which events alert at all.

use std::collections::BTreeSet;
use std::time::Duration;

use serde_json::{Value, json};

use crate::alert_support::{SmtpMode, SmtpOptions, SmtpServer, new_id, server_with, wait_for_log};

const USERNAME: &str = "alert-user";
const PASSWORD: &str = "smtp-pw-7Hq2-secret";

#[tokio::test]
async fn starttls_auth_sends_one_message_per_recipient() {
    let login = Some((USERNAME, PASSWORD));
    let options = SmtpOptions { login, refuse: vec!["refused@lab.test"], ..Default::default() };
    let smtp = SmtpServer::start(SmtpMode::StartTls, options);
    let mut config = smtp.email_alerts(&["ops@lab.test", "refused@lab.test", "chief@lab.test"]);
    config["default_importance"] = json!("High");
    let server = server_with(&[("EVENT_EMAIL_ALERTS", config.to_string())]).await;

    let (id, node) = (new_id(), new_id());
    let event = json!({
        "_id": id,
        "event_type": "node_error",
        "log_level": 40,
        "event_timestamp": "2026-04-09T14:47:11.482913Z",
        "source": {"node_id": node},
        "event_data": {"message": "pump 3 overheated", "celsius": 96},
    });
    let (status, _) = server.post_json("/event", &event).await;
    assert_eq!(status, 200);

    let messages = smtp.wait_for_accepted(2).await;
    let recipients: BTreeSet<&str> =
        messages.iter().flat_map(|m| m.rcpt_tos.iter().map(String::as_str)).collect();
    assert_eq!(recipients, BTreeSet::from(["chief@lab.test", "ops@lab.test"]));
    for message in &messages {
        assert_eq!(message.rcpt_tos.len(), 1, "one recipient per message: {message:?}");
        assert!(message.tls, "sent without STARTTLS: {message:?}");
        assert_eq!(message.login.as_deref(), Some(USERNAME));
        assert_eq!(message.mail_from.as_deref(), Some("alerts@lab.test"));
        assert_eq!(message.header("To"), Some(message.rcpt_tos[0].as_str()));
        assert_eq!(message.header("X-MADSci-Event-ID"), Some(id.as_str()));
        assert_eq!(message.header("Importance"), Some("High"));
        assert_eq!(message.header("X-Priority"), Some("1"));
        assert_eq!(message.header("Subject"), Some("ALERT (ERROR): node_error: pump 3 overheated"));
        assert!(message.body.contains("Message:    pump 3 overheated"), "{}", message.body);
        assert!(message.body.contains("Level:      ERROR (40)"), "{}", message.body);
        assert!(message.body.contains(&format!("Source:     node_id {node}")), "{}", message.body);
        assert!(
            message.body.contains("Time:       2026-04-09T14:47:11.482913Z"),
            "{}",
            message.body
        );
        assert!(message.body.contains(&format!("Event ID:   {id}")), "{}", message.body);
        assert!(message.body.contains("\"celsius\": 96"), "{}", message.body);
    }

    let log = wait_for_log(&server, "recipient refused").await;
    assert!(log.contains("refused@lab.test"), "{log}");
    assert!(!log.contains(PASSWORD), "the password reached the log:\n{log}");
    assert!(!log.contains(USERNAME), "the username reached the log:\n{log}");
    let (_, settings) = server.get("/settings").await;
    let email = &settings["settings"]["email_alerts"];
    assert_eq!(email["smtp_password"], "***REDACTED***");
    assert_eq!(email["smtp_username"], "***REDACTED***");
    assert_eq!(email["smtp_port"], smtp.port);
    assert!(!settings.to_string().contains(PASSWORD));
    assert!(!settings.to_string().contains(USERNAME));
}

#[tokio::test]
async fn implicit_tls_delivers_with_normal_importance() {
    let options = SmtpOptions { login: Some((USERNAME, PASSWORD)), ..Default::default() };
    let smtp = SmtpServer::start(SmtpMode::Implicit, options);
    let config = smtp.email_alerts(&["ops@lab.test"]);
    let server = server_with(&[("EVENT_EMAIL_ALERTS", config.to_string())]).await;

    let id = new_id();
    let event = json!({"_id": id, "log_level": 20, "alert": true, "event_data": "door open"});
    assert_eq!(server.post_json("/event", &event).await.0, 200);

    let messages = smtp.wait_for_accepted(1).await;
    assert!(messages[0].tls);
    assert_eq!(messages[0].login.as_deref(), Some(USERNAME));
    assert_eq!(messages[0].header("Importance"), Some("Normal"));
    assert_eq!(messages[0].header("X-Priority"), Some("3"));
    assert_eq!(messages[0].header("Subject"), Some("ALERT (INFO): unknown: door open"));
    assert!(messages[0].body.contains("alert flag set"), "{}", messages[0].body);
}

#[tokio::test]
async fn alerts_follow_level_and_flag_once_per_event() {
    let smtp = SmtpServer::start(SmtpMode::Plain, SmtpOptions::default());
    let mut config = smtp.email_alerts(&["ops@lab.test"]);
    config["default_importance"] = json!("low");
    let server = server_with(&[
        ("EVENT_EMAIL_ALERTS", config.to_string()),
        ("EVENT_ALERT_LEVEL", "error".to_owned()),
    ])
    .await;

    let event = |level: Value, alert: bool, message: &str| {
        json!({
            "_id": new_id(),
            "log_level": level,
            "alert": alert,
            "event_timestamp": "2026-04-09T14:47:11Z",
            "event_data": message,
        })
    };
    let quiet = event(json!(30), false, "below the level");
    let flagged = event(json!(10), true, "flag");
    let loud = event(json!(50), false, "critical");
    let at_level = event(json!("ERROR"), false, "at the level");
    // `loud` twice: the re-send is stored once and must not alert again.
    for event in [&quiet, &flagged, &loud, &loud, &at_level] {
        let (status, _) = server.post_json("/event", event).await;
        assert_eq!(status, 200, "{event}");
    }

    let messages = smtp.wait_for_accepted(3).await;
    // Deliveries run concurrently; give a wrong fourth message time to arrive.
    tokio::time::sleep(Duration::from_millis(800)).await;
    let messages = if smtp.accepted().len() > messages.len() { smtp.accepted() } else { messages };
    let ids: BTreeSet<String> = messages
        .iter()
        .map(|message| message.header("X-MADSci-Event-ID").unwrap_or_default().to_owned())
        .collect();
    let expected: BTreeSet<String> =
        [&flagged, &loud, &at_level].iter().map(|event| id_of(event)).collect();
    assert_eq!(ids, expected);
    assert_eq!(messages.len(), 3, "a re-sent event alerted twice: {messages:?}");
    assert!(messages.iter().all(|message| !message.tls));
    assert!(messages.iter().all(|message| message.header("X-Priority") == Some("5")));
}

fn id_of(event: &Value) -> String {
    event["_id"].as_str().expect("an id").to_owned()
}
