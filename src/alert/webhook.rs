//! Webhook alerts: each notification is POSTed as JSON to one URL, so a lab can reach a chat
//! tool without email. The body carries `text` (which Slack- and Mattermost-style incoming
//! webhooks display), `kind`, `subject` and the event as the API returns it.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use async_trait::async_trait;
use reqwest::StatusCode;
use reqwest::redirect::Policy;
use url::Url;

use super::config::{AlertConfigError, Credential, WebhookAlertsConfig, WebhookUrl};
use super::notifier::{DeliveryError, FailureKind, Notification, Target};

/// Most characters of a webhook's error reply kept in the error message.
const REPLY_EXCERPT_CHARS: usize = 200;

/// Posts notifications to one webhook URL.
pub struct WebhookNotifier {
    client: reqwest::Client,
    url: WebhookUrl,
    bearer_token: Option<Credential>,
}

impl fmt::Debug for WebhookNotifier {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("WebhookNotifier")
            .field("url", &self.url)
            .field("bearer_token", &self.bearer_token)
            .finish()
    }
}

impl WebhookNotifier {
    /// Checks the URL and builds the HTTP client; `timeout` bounds each request.
    pub fn new(config: &WebhookAlertsConfig, timeout: Duration) -> Result<Self, AlertConfigError> {
        let redacted = config.url.redacted();
        let url = Url::parse(config.url.expose()).map_err(|error| {
            let reason = format!("{error}; write a URL such as `https://chat.example/hooks/…`");
            AlertConfigError::new("webhook_alerts.url", &redacted, &reason)
        })?;
        if !matches!(url.scheme(), "http" | "https") {
            let reason = "use an http:// or https:// URL";
            return Err(AlertConfigError::new("webhook_alerts.url", &redacted, reason));
        }
        // Redirects are not followed: a redirected POST turns into a GET on most servers.
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .redirect(Policy::none())
            .user_agent(concat!("madsci-events/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|error| {
                let reason = format!("failed to set up the HTTP client: {error}");
                AlertConfigError::new("webhook_alerts.url", &redacted, &reason)
            })?;
        Ok(WebhookNotifier {
            client,
            url: config.url.clone(),
            bearer_token: config.bearer_token.clone(),
        })
    }

    fn reply_failure(&self, status: StatusCode, reply: &str) -> DeliveryError {
        let excerpt: String = reply.trim().chars().take(REPLY_EXCERPT_CHARS).collect();
        let excerpt = self.hide_secrets(&excerpt);
        let detail = if excerpt.is_empty() {
            format!("HTTP {status}")
        } else {
            format!("HTTP {status}: {excerpt}")
        };
        let transient = status.is_server_error()
            || status == StatusCode::TOO_MANY_REQUESTS
            || status == StatusCode::REQUEST_TIMEOUT;
        DeliveryError::new(FailureKind::HttpStatus, detail, transient)
    }

    /// Removes the token and the URL from text a server sent back.
    fn hide_secrets(&self, text: &str) -> String {
        let mut text = text.replace(self.url.expose(), &self.url.redacted());
        if let Some(token) = &self.bearer_token {
            if !token.expose().is_empty() {
                text = text.replace(token.expose(), "***");
            }
        }
        text
    }
}

#[async_trait]
impl Target for WebhookNotifier {
    fn label(&self) -> String {
        format!("webhook {}", self.url.redacted())
    }

    async fn deliver(&self, notification: &Notification) -> Result<(), DeliveryError> {
        let mut request = self.client.post(self.url.expose()).json(&notification.payload);
        if let Some(token) = &self.bearer_token {
            request = request.bearer_auth(token.expose());
        }
        let response = request.send().await.map_err(request_failure)?;
        let status = response.status();
        if status.is_success() {
            return Ok(());
        }
        let reply = response.text().await.unwrap_or_default();
        Err(self.reply_failure(status, &reply))
    }
}

/// Names a failed request. The URL is removed first because it may contain a token.
fn request_failure(error: reqwest::Error) -> DeliveryError {
    let error = error.without_url();
    let detail = error_chain(&error);
    if error.is_timeout() {
        return DeliveryError::new(FailureKind::TimedOut, detail, true);
    }
    let lower = detail.to_ascii_lowercase();
    if lower.contains("certificate") || lower.contains("tls") || lower.contains("handshake") {
        return DeliveryError::new(FailureKind::TlsHandshakeFailed, detail, false);
    }
    DeliveryError::new(FailureKind::ConnectionFailed, detail, true)
}

/// Joins the error and its sources with `: `.
fn error_chain(error: &dyn StdError) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notifier(url: &str, token: Option<&str>) -> Result<WebhookNotifier, AlertConfigError> {
        let config = WebhookAlertsConfig {
            url: WebhookUrl::new(url),
            bearer_token: token.map(Credential::new),
        };
        WebhookNotifier::new(&config, Duration::from_secs(1))
    }

    #[test]
    fn bad_urls_are_rejected_without_showing_them() {
        let error = notifier("ftp://host/hooks/s3cret", None).unwrap_err();
        assert_eq!(error.key, "webhook_alerts.url");
        assert!(!error.to_string().contains("s3cret"), "{error}");
        let error = notifier("no scheme s3cret", None).unwrap_err();
        assert!(!error.to_string().contains("s3cret"), "{error}");
    }

    #[test]
    fn error_replies_are_classified_and_scrubbed() {
        let hook = notifier("http://127.0.0.1:9/hooks/s3cret", Some("t0ken")).unwrap();
        let error = hook.reply_failure(StatusCode::SERVICE_UNAVAILABLE, "busy");
        assert!(error.transient);
        assert_eq!(
            error.to_string(),
            "webhook returned an error status: HTTP 503 Service Unavailable: busy"
        );
        let echo = "bad token t0ken for http://127.0.0.1:9/hooks/s3cret";
        let error = hook.reply_failure(StatusCode::UNAUTHORIZED, echo);
        assert!(!error.transient);
        assert!(!error.detail.contains("t0ken"), "{error}");
        assert!(!error.detail.contains("s3cret"), "{error}");
        assert!(hook.reply_failure(StatusCode::TOO_MANY_REQUESTS, "").transient);
    }
}
