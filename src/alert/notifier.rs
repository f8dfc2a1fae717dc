//! The parts every notifier shares: the [`Notification`] it sends, the [`Target`] trait (one email
//! recipient or one webhook), and [`DeliveryError`], which names the failure in plain words.

use std::fmt;

use async_trait::async_trait;
use serde_json::Value;

/// The reason a notification is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotificationKind {
    /// One alerting event.
    Alert,
    /// A summary of identical alerts held back by the throttle.
    Digest,
    /// `madsci-events alert --test`.
    Test,
}

impl NotificationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::Alert => "alert",
            NotificationKind::Digest => "digest",
            NotificationKind::Test => "test",
        }
    }
}

/// A rendered notification, the same for every target.
#[derive(Clone, Debug, PartialEq)]
pub struct Notification {
    pub kind: NotificationKind,
    /// The email subject and the first line of a chat message.
    pub subject: String,
    /// The plain-text body for a person.
    pub body: String,
    /// The event the notification is about (for a digest, the last one held back).
    pub event_id: Option<String>,
    /// The JSON body of a webhook.
    pub payload: Value,
}

/// One destination: an email recipient or a webhook.
#[async_trait]
pub trait Target: Send + Sync {
    /// Returns a name for logs and `alert --test`, with no secret in it.
    fn label(&self) -> String;

    /// Makes one delivery attempt. The caller bounds its time and retries transient failures.
    async fn deliver(&self, notification: &Notification) -> Result<(), DeliveryError>;
}

/// The kinds of delivery failure, worded for the person reading the log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKind {
    TimedOut,
    ConnectionFailed,
    TlsHandshakeFailed,
    AuthenticationFailed,
    SenderRefused,
    RecipientRefused,
    MessageRejected,
    HttpStatus,
    InvalidMessage,
}

impl fmt::Display for FailureKind {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            FailureKind::TimedOut => "connection timed out",
            FailureKind::ConnectionFailed => "connection failed",
            FailureKind::TlsHandshakeFailed => "TLS handshake failed",
            FailureKind::AuthenticationFailed => "authentication failed",
            FailureKind::SenderRefused => "sender refused",
            FailureKind::RecipientRefused => "recipient refused",
            FailureKind::MessageRejected => "message rejected",
            FailureKind::HttpStatus => "webhook returned an error status",
            FailureKind::InvalidMessage => "invalid message",
        })
    }
}

/// A failed delivery attempt.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{kind}: {detail}")]
pub struct DeliveryError {
    pub kind: FailureKind,
    /// The server's reply or the network error, never a credential.
    pub detail: String,
    /// Whether a later attempt may succeed (timeouts, lost connections, 4xx SMTP replies,
    /// HTTP 5xx and 429).
    pub transient: bool,
}

impl DeliveryError {
    pub fn new(kind: FailureKind, detail: impl Into<String>, transient: bool) -> DeliveryError {
        DeliveryError { kind, detail: detail.into(), transient }
    }

    /// Creates the error of an attempt that timed out as a whole.
    pub fn timed_out(limit: std::time::Duration) -> DeliveryError {
        let detail = format!("no complete reply within {:.1} s", limit.as_secs_f64());
        DeliveryError::new(FailureKind::TimedOut, detail, true)
    }
}
