//! Email alerts over SMTP with lettre: one message per recipient, each in its own SMTP session,
//! as upstream sends them, so one refused recipient does not stop the others.
//!
//! The session runs step by step (connect, STARTTLS, AUTH, MAIL, RCPT, DATA) so that a failure
//! names the step that failed: a timeout, a TLS handshake, the credentials, or the recipient.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use lettre::Message;
use lettre::message::Mailbox;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::transport::smtp::Error as SmtpError;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, Certificate, TlsParameters};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::ClientId;

use super::config::{AlertConfigError, Credential, EmailAlertsConfig, Importance, TlsMode};
use super::notifier::{DeliveryError, FailureKind, Notification, Target};

const EVENT_ID_HEADER: HeaderName = HeaderName::new_from_ascii_str("X-MADSci-Event-ID");
const IMPORTANCE_HEADER: HeaderName = HeaderName::new_from_ascii_str("Importance");
const X_PRIORITY_HEADER: HeaderName = HeaderName::new_from_ascii_str("X-Priority");

/// AUTH mechanisms tried, in order of preference.
const MECHANISMS: [Mechanism; 2] = [Mechanism::Plain, Mechanism::Login];

/// Sends alert emails through one SMTP server.
pub struct EmailNotifier {
    server: String,
    port: u16,
    mode: TlsMode,
    tls: Option<TlsParameters>,
    /// Username and password; upstream logs in only when both are set.
    login: Option<(Credential, Credential)>,
    sender: Mailbox,
    importance: Importance,
    hello: ClientId,
    /// Socket timeout of each SMTP step; the caller also bounds the whole attempt.
    timeout: Duration,
}

impl fmt::Debug for EmailNotifier {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("EmailNotifier")
            .field("server", &self.server)
            .field("port", &self.port)
            .field("mode", &self.mode)
            .field("login", &self.login.as_ref().map(|_| "***"))
            .field("sender", &self.sender.to_string())
            .finish()
    }
}

impl EmailNotifier {
    /// Checks the settings and prepares TLS; `timeout` bounds each SMTP step.
    pub fn new(config: &EmailAlertsConfig, timeout: Duration) -> Result<Self, AlertConfigError> {
        let sender = config.sender.parse::<Mailbox>().map_err(|error| {
            let reason = format!("{error}; write an address such as `alerts@lab.example`");
            AlertConfigError::new("email_alerts.sender", &config.sender, &reason)
        })?;
        if config.smtp_server.trim().is_empty() {
            let reason = "name the SMTP server host";
            return Err(AlertConfigError::new("email_alerts.smtp_server", "", reason));
        }
        let mode = config.effective_tls_mode();
        let tls = match mode {
            TlsMode::None => None,
            TlsMode::StartTls | TlsMode::Implicit => Some(tls_parameters(config)?),
        };
        let login = config.smtp_username.clone().zip(config.smtp_password.clone());
        Ok(EmailNotifier {
            server: config.smtp_server.trim().to_owned(),
            port: config.smtp_port,
            mode,
            tls,
            login,
            sender,
            importance: config.default_importance,
            hello: ClientId::default(),
            timeout,
        })
    }

    /// Creates one [`Target`] per address of `email_addresses`.
    pub fn targets(
        self: &Arc<Self>,
        config: &EmailAlertsConfig,
    ) -> Result<Vec<Arc<dyn Target>>, AlertConfigError> {
        let mut targets: Vec<Arc<dyn Target>> = Vec::new();
        for address in &config.email_addresses {
            let recipient = address.parse::<Mailbox>().map_err(|error| {
                let reason = format!("{error}; write an address such as `ops@lab.example`");
                AlertConfigError::new("email_alerts.email_addresses", address, &reason)
            })?;
            targets.push(Arc::new(EmailTarget { notifier: Arc::clone(self), recipient }));
        }
        Ok(targets)
    }

    /// Sends `notification` to `recipient` in one SMTP session.
    pub async fn send(
        &self,
        recipient: &Mailbox,
        notification: &Notification,
    ) -> Result<(), DeliveryError> {
        let message = self.message(recipient, notification)?;
        let mut connection = self.open().await?;
        let result = transfer(&mut connection, &message).await;
        match result {
            Ok(()) => {
                // The message is accepted once DATA succeeded; a failed QUIT changes nothing.
                let _ = connection.quit().await;
            }
            Err(_) => connection.abort().await,
        }
        result
    }

    /// Connects, upgrades to TLS as configured, and logs in.
    async fn open(&self) -> Result<AsyncSmtpConnection, DeliveryError> {
        let address = (self.server.as_str(), self.port);
        let wrapper = if self.mode == TlsMode::Implicit { self.tls.clone() } else { None };
        let mut connection = AsyncSmtpConnection::connect_tokio1(
            address,
            Some(self.timeout),
            &self.hello,
            wrapper,
            None,
        )
        .await
        .map_err(|error| self.failure(error, FailureKind::ConnectionFailed))?;
        if let (TlsMode::StartTls, Some(tls)) = (self.mode, &self.tls) {
            if !connection.can_starttls() {
                connection.abort().await;
                let detail = format!("{}: the server does not offer STARTTLS", self.endpoint());
                return Err(DeliveryError::new(FailureKind::TlsHandshakeFailed, detail, false));
            }
            connection
                .starttls(tls.clone(), &self.hello)
                .await
                .map_err(|error| self.failure(error, FailureKind::TlsHandshakeFailed))?;
        }
        if let Some((username, password)) = &self.login {
            self.log_in(&mut connection, username, password).await?;
        }
        Ok(connection)
    }

    async fn log_in(
        &self,
        connection: &mut AsyncSmtpConnection,
        username: &Credential,
        password: &Credential,
    ) -> Result<(), DeliveryError> {
        let credentials = Credentials::new(username.expose().into(), password.expose().into());
        let result = connection.auth(&MECHANISMS, &credentials).await;
        let Err(error) = result else { return Ok(()) };
        connection.abort().await;
        if error.is_client() {
            let detail = format!(
                "{}: the server offers neither AUTH PLAIN nor AUTH LOGIN (many servers offer \
                 AUTH only after STARTTLS; check `tls_mode`)",
                self.endpoint()
            );
            return Err(DeliveryError::new(FailureKind::AuthenticationFailed, detail, false));
        }
        Err(self.failure(error, FailureKind::AuthenticationFailed))
    }

    fn message(
        &self,
        recipient: &Mailbox,
        notification: &Notification,
    ) -> Result<Message, DeliveryError> {
        let mut builder = Message::builder()
            .from(self.sender.clone())
            .to(recipient.clone())
            .subject(notification.subject.clone())
            .message_id(None)
            .header(ContentType::TEXT_PLAIN)
            .raw_header(HeaderValue::new(IMPORTANCE_HEADER, self.importance.as_str().into()))
            .raw_header(HeaderValue::new(X_PRIORITY_HEADER, self.importance.x_priority().into()));
        if let Some(id) = &notification.event_id {
            // The id is any string a client sent; control characters must not end the header.
            let clean: String = id.chars().filter(|c| !c.is_control()).collect();
            builder = builder.raw_header(HeaderValue::new(EVENT_ID_HEADER, clean));
        }
        builder.body(notification.body.clone()).map_err(|error| {
            DeliveryError::new(FailureKind::InvalidMessage, error.to_string(), false)
        })
    }

    fn endpoint(&self) -> String {
        format!("{}:{}", self.server, self.port)
    }

    /// Names an SMTP error: timeouts and TLS errors by their kind, server replies by the step
    /// that got them (`reply_kind`), anything else as a lost connection.
    fn failure(&self, error: SmtpError, reply_kind: FailureKind) -> DeliveryError {
        if error.status().is_some() {
            let detail = format!("{}: {error}", self.endpoint());
            return DeliveryError::new(reply_kind, detail, error.is_transient());
        }
        let detail = format!("{}: {}", self.endpoint(), root_cause(&error));
        if error.is_timeout() {
            return DeliveryError::new(FailureKind::TimedOut, detail, true);
        }
        if error.is_tls() || is_tls_failure(&error) {
            return DeliveryError::new(FailureKind::TlsHandshakeFailed, detail, false);
        }
        DeliveryError::new(FailureKind::ConnectionFailed, detail, true)
    }
}

/// Returns the innermost error of a chain, which describes what happened on the wire.
fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = error;
    while let Some(source) = cause.source() {
        cause = source;
    }
    cause.to_string()
}

/// Reports whether a connection error came from TLS. lettre reports a failed handshake of
/// implicit TLS as a connection error, so its cause (from rustls) is read.
fn is_tls_failure(error: &SmtpError) -> bool {
    let cause = root_cause(error).to_ascii_lowercase();
    ["certificate", "tls", "handshake", "corrupt message", "alert received"]
        .iter()
        .any(|word| cause.contains(word))
}

/// Sends the envelope and the message on an open connection.
async fn transfer(
    connection: &mut AsyncSmtpConnection,
    message: &Message,
) -> Result<(), DeliveryError> {
    let envelope = message.envelope();
    let reply = |kind: FailureKind, subject: String| {
        move |error: SmtpError| {
            let detail = format!("{subject}: {error}");
            if error.status().is_some() {
                DeliveryError::new(kind, detail, error.is_transient())
            } else if error.is_timeout() {
                DeliveryError::new(FailureKind::TimedOut, detail, true)
            } else {
                DeliveryError::new(FailureKind::ConnectionFailed, detail, true)
            }
        }
    };
    let from = envelope.from().cloned();
    let sender = from.as_ref().map(ToString::to_string).unwrap_or_default();
    connection
        .command(Mail::new(from, Vec::new()))
        .await
        .map_err(reply(FailureKind::SenderRefused, format!("`{sender}`")))?;
    for to in envelope.to() {
        connection
            .command(Rcpt::new(to.clone(), Vec::new()))
            .await
            .map_err(reply(FailureKind::RecipientRefused, format!("`{to}`")))?;
    }
    let rejected = || reply(FailureKind::MessageRejected, "DATA".to_owned());
    connection.command(Data).await.map_err(rejected())?;
    connection.message(&message.formatted()).await.map_err(rejected())?;
    Ok(())
}

fn tls_parameters(config: &EmailAlertsConfig) -> Result<TlsParameters, AlertConfigError> {
    let mut builder = TlsParameters::builder(config.smtp_server.trim().to_owned());
    if let Some(path) = &config.smtp_ca_file {
        let display_path = path.display();
        let pem = std::fs::read(path).map_err(|error| {
            let reason = format!("failed to read the file: {error}");
            AlertConfigError::new("email_alerts.smtp_ca_file", &display_path, &reason)
        })?;
        let certificate = Certificate::from_pem(&pem).map_err(|error| {
            let reason = format!("not a PEM certificate file: {error}");
            AlertConfigError::new("email_alerts.smtp_ca_file", &display_path, &reason)
        })?;
        builder = builder.add_root_certificate(certificate);
    }
    builder.build_rustls().map_err(|error| {
        let reason = format!("failed to set up TLS: {error}");
        AlertConfigError::new("email_alerts.smtp_server", &config.smtp_server, &reason)
    })
}

/// One recipient of an [`EmailNotifier`].
struct EmailTarget {
    notifier: Arc<EmailNotifier>,
    recipient: Mailbox,
}

#[async_trait]
impl Target for EmailTarget {
    fn label(&self) -> String {
        format!("email to {}", self.recipient.email)
    }

    async fn deliver(&self, notification: &Notification) -> Result<(), DeliveryError> {
        self.notifier.send(&self.recipient, notification).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alert::render;
    use serde_json::json;

    fn notifier(importance: Importance) -> EmailNotifier {
        let config = EmailAlertsConfig {
            smtp_server: "127.0.0.1".into(),
            default_importance: importance,
            ..EmailAlertsConfig::default()
        };
        EmailNotifier::new(&config, Duration::from_secs(1)).unwrap()
    }

    fn formatted(importance: Importance, id: &str) -> String {
        let event = crate::model::Event::from_json(json!({"_id": id, "log_level": 40})).unwrap();
        let recipient: Mailbox = "ops@lab.example".parse().unwrap();
        let message = notifier(importance).message(&recipient, &render::alert(&event)).unwrap();
        String::from_utf8(message.formatted()).unwrap()
    }

    #[test]
    fn headers_carry_importance_and_event_id() {
        let text = formatted(Importance::High, "01JRG6Q8Y5T3X9K2M4N7P1V0AB");
        assert!(text.contains("Importance: High\r\n"), "{text}");
        assert!(text.contains("X-Priority: 1\r\n"), "{text}");
        assert!(text.contains("X-MADSci-Event-ID: 01JRG6Q8Y5T3X9K2M4N7P1V0AB\r\n"), "{text}");
        assert!(text.contains("Subject: ALERT (ERROR): unknown\r\n"), "{text}");
        assert!(formatted(Importance::Normal, "a").contains("X-Priority: 3\r\n"));
        assert!(formatted(Importance::Low, "a").contains("X-Priority: 5\r\n"));
    }

    #[test]
    fn event_id_cannot_inject_headers() {
        let text = formatted(Importance::Normal, "abc\r\nBcc: thief@evil.example");
        let (headers, _body) = text.split_once("\r\n\r\n").unwrap();
        assert!(!headers.contains("\r\nBcc:"), "{headers}");
        assert!(headers.contains("X-MADSci-Event-ID: abcBcc: thief@evil.example"), "{headers}");
    }

    #[test]
    fn invalid_addresses_name_the_setting() {
        let config = EmailAlertsConfig { sender: "not an address".into(), ..Default::default() };
        let error = EmailNotifier::new(&config, Duration::from_secs(1)).unwrap_err();
        assert_eq!(error.key, "email_alerts.sender");
        let config = EmailAlertsConfig {
            email_addresses: vec!["ops@".into()],
            ..EmailAlertsConfig::default()
        };
        let notifier = Arc::new(EmailNotifier::new(&config, Duration::from_secs(1)).unwrap());
        let error = notifier.targets(&config).err().unwrap();
        assert_eq!(error.key, "email_alerts.email_addresses");
        assert_eq!(error.value, "ops@");
    }
}
