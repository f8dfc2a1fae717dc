//! `madsci-events alert`: posting an alert through the server, and `--test` reporting each
//! notifier's result in plain words against real SMTP and HTTP servers on loopback.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::alert_support::{
    SmtpMode, SmtpOptions, SmtpServer, StalledServer, WebhookReceiver, new_id, run_cli, server_with,
};
use crate::support::free_port;

const USERNAME: &str = "alert-user";
const PASSWORD: &str = "smtp-pw-cli-4Kd9";
const TOKEN: &str = "hook-token-cli-77aa";

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test]
async fn alert_posts_an_alerting_event() {
    let receiver = WebhookReceiver::start(Vec::new()).await;
    let server =
        server_with(&[("EVENT_WEBHOOK_ALERTS__URL", format!("{}/hook", receiver.base))]).await;
    let node = new_id();

    let args = ["alert", "freezer door open", "--node-id", &node, "--data", r#"{"freezer": 2}"#];
    let output = run_cli(&args, &[("EVENT_SERVER_URL", server.base.clone())]).await;
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let id = stdout.trim();

    let (status, stored) = server.get(&format!("/event/{id}")).await;
    assert_eq!(status, 200, "{stored}");
    assert_eq!(stored["alert"], true);
    assert_eq!(stored["log_level"], 50);
    assert_eq!(stored["event_type"], "log_critical");
    assert_eq!(stored["source"], json!({"node_id": node}));
    assert_eq!(stored["event_data"], json!({"message": "freezer door open", "freezer": 2}));
    let hits = receiver.wait_for(1).await;
    assert_eq!(hits[0].body["event"]["_id"], id);
    assert_eq!(hits[0].body["subject"], "ALERT (CRITICAL): log_critical: freezer door open");
}

#[tokio::test]
async fn alert_test_reports_every_target() {
    let login = Some((USERNAME, PASSWORD));
    let options = SmtpOptions { login, refuse: vec!["gone@lab.test"], ..Default::default() };
    let smtp = SmtpServer::start(SmtpMode::StartTls, options);
    let receiver = WebhookReceiver::start(Vec::new()).await;
    let webhook =
        json!({"url": format!("{}/hooks/secret-path", receiver.base), "bearer_token": TOKEN});
    let env = [
        ("EVENT_EMAIL_ALERTS", smtp.email_alerts(&["ops@lab.test", "gone@lab.test"]).to_string()),
        ("EVENT_WEBHOOK_ALERTS", webhook.to_string()),
    ];

    let output = run_cli(&["alert", "--test"], &env).await;
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert_eq!(output.status.code(), Some(2), "one target fails:\n{stdout}\n{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert_eq!(lines[0], "email to ops@lab.test: sent");
    assert!(
        lines[1].starts_with("email to gone@lab.test: failed: recipient refused: `gone@lab.test`"),
        "{stdout}"
    );
    assert!(lines[1].contains("550"), "{stdout}");
    assert_eq!(lines[2], format!("webhook {}/***: sent", receiver.base));
    assert!(stderr.contains("1 of 3 notifier targets failed the test"), "{stderr}");
    for secret in [PASSWORD, TOKEN, "secret-path"] {
        assert!(!stdout.contains(secret), "`{secret}` was printed to stdout");
        assert!(!stderr.contains(secret), "`{secret}` was printed to stderr");
    }

    let messages = smtp.wait_for_accepted(1).await;
    assert_eq!(messages[0].header("Subject"), Some("madsci-events test alert"));
    assert_eq!(messages[0].header("X-MADSci-Event-ID"), None);
    let hits = receiver.wait_for(1).await;
    assert_eq!(hits[0].body["kind"], "test");
    assert_eq!(hits[0].authorization.as_deref(), Some(format!("Bearer {TOKEN}").as_str()));
}

#[tokio::test]
async fn alert_test_names_authentication_failure() {
    let options = SmtpOptions { login: Some((USERNAME, PASSWORD)), ..Default::default() };
    let smtp = SmtpServer::start(SmtpMode::StartTls, options);
    let mut config = smtp.email_alerts(&["ops@lab.test"]);
    config["smtp_password"] = json!("wrong-pw-3x9");

    let output = run_cli(&["alert", "--test"], &[("EVENT_EMAIL_ALERTS", config.to_string())]).await;
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stdout.starts_with("email to ops@lab.test: failed: authentication failed"), "{stdout}");
    assert!(stdout.contains("535"), "{stdout}");
    assert!(!stdout.contains("wrong-pw-3x9"), "{stdout}");
    assert!(!stderr.contains("wrong-pw-3x9"), "{stderr}");
    assert!(smtp.accepted().is_empty());
}

#[tokio::test]
async fn alert_test_names_tls_failure() {
    let smtp = SmtpServer::start(SmtpMode::Implicit, SmtpOptions::default());
    let mut config = smtp.email_alerts(&["ops@lab.test"]);
    // Without the test CA the server's certificate is not trusted.
    config.as_object_mut().expect("an object").remove("smtp_ca_file");

    let output = run_cli(&["alert", "--test"], &[("EVENT_EMAIL_ALERTS", config.to_string())]).await;
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    assert!(stdout.starts_with("email to ops@lab.test: failed: TLS handshake failed"), "{stdout}");
    assert!(stdout.contains("certificate"), "{stdout}");
}

#[tokio::test]
async fn alert_test_names_timeout() {
    let stalled = StalledServer::start().await;
    let env = [
        ("EVENT_EMAIL_ALERTS", stalled.email_alerts(&["ops@lab.test"]).to_string()),
        ("EVENT_ALERT_TIMEOUT_SECONDS", "1".to_owned()),
    ];
    let started = Instant::now();
    let output = run_cli(&["alert", "--test"], &env).await;
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    assert!(stdout.starts_with("email to ops@lab.test: failed: connection timed out"), "{stdout}");
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
}

#[tokio::test]
async fn alert_test_without_notifier_fails_clearly() {
    let output = run_cli(&["alert", "--test"], &[]).await;
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr.contains("no alert notifier is configured"), "{stderr}");
    assert!(stderr.contains("`email_alerts`"), "{stderr}");
    assert!(stderr.contains("`webhook_alerts`"), "{stderr}");
}

#[tokio::test]
async fn alert_rejects_unknown_level() {
    let output = run_cli(&["alert", "hi", "--level", "loud"], &[]).await;
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr.contains("'loud'"), "{stderr}");
    assert!(stderr.contains("critical"), "{stderr}");
}

#[tokio::test]
async fn alert_reports_unreachable_server() {
    let url = format!("http://127.0.0.1:{}", free_port());
    let output = run_cli(&["alert", "hi", "--server", &url, "--retries", "0"], &[]).await;
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr.contains("failed to send alert"), "{stderr}");
    assert!(stderr.contains(&url), "{stderr}");
    assert!(output.stdout.is_empty());
}
