//! Alert settings: upstream's `EmailAlertsConfig`, the webhook notifier, and the delivery
//! policy (queue, timeout, retries, throttle) built from the server [`Settings`].
//!
//! Secrets (`smtp_username`, `smtp_password`, `bearer_token` and the webhook URL, which chat
//! tools use as a token) are [`Credential`] or [`WebhookUrl`] values: their `Debug` output and
//! their serialization, which `GET /settings` shows, never contain the secret.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use url::Url;

use crate::config::{REDACTED, Settings};
use crate::model::level::level_from_json;

/// Upstream's `EmailAlertsConfig` plus `tls_mode` and `smtp_ca_file`. Field names and defaults
/// are upstream's, so existing `EVENT_EMAIL_ALERTS` values keep working.
#[derive(Clone, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct EmailAlertsConfig {
    pub smtp_server: String,
    pub smtp_port: u16,
    pub smtp_username: Option<Credential>,
    pub smtp_password: Option<Credential>,
    /// Upstream's switch: `true` means STARTTLS (implicit TLS on port 465), `false` plain text.
    pub use_tls: bool,
    /// Overrides `use_tls` when set: `starttls`, `implicit` or `none`.
    pub tls_mode: Option<TlsMode>,
    /// A PEM file of extra CA certificates to trust, for a mail server with a private CA.
    pub smtp_ca_file: Option<PathBuf>,
    /// The `From` address.
    pub sender: String,
    pub default_importance: Importance,
    /// One message is sent to each address.
    pub email_addresses: Vec<String>,
}

impl Default for EmailAlertsConfig {
    fn default() -> Self {
        EmailAlertsConfig {
            smtp_server: "smtp.example.com".into(),
            smtp_port: 587,
            smtp_username: None,
            smtp_password: None,
            use_tls: true,
            tls_mode: None,
            smtp_ca_file: None,
            sender: "no-reply@example.com".into(),
            default_importance: Importance::Normal,
            email_addresses: Vec::new(),
        }
    }
}

impl EmailAlertsConfig {
    /// Returns the TLS mode in effect: `tls_mode` when set, else STARTTLS when `use_tls`
    /// (implicit TLS on port 465, where servers expect TLS before any SMTP), else none.
    pub fn effective_tls_mode(&self) -> TlsMode {
        match (self.tls_mode, self.use_tls, self.smtp_port) {
            (Some(mode), _, _) => mode,
            (None, true, 465) => TlsMode::Implicit,
            (None, true, _) => TlsMode::StartTls,
            (None, false, _) => TlsMode::None,
        }
    }
}

impl fmt::Debug for EmailAlertsConfig {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("EmailAlertsConfig")
            .field("smtp_server", &self.smtp_server)
            .field("smtp_port", &self.smtp_port)
            .field("smtp_username", &self.smtp_username)
            .field("smtp_password", &self.smtp_password)
            .field("tls_mode", &self.effective_tls_mode())
            .field("smtp_ca_file", &self.smtp_ca_file)
            .field("sender", &self.sender)
            .field("default_importance", &self.default_importance)
            .field("email_addresses", &self.email_addresses)
            .finish()
    }
}

/// The encryption of the SMTP connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TlsMode {
    /// Plain connection upgraded with STARTTLS, usually port 587. Fails if not offered.
    #[serde(alias = "STARTTLS", alias = "StartTLS", alias = "StartTls")]
    StartTls,
    /// TLS from the first byte, usually port 465.
    #[serde(alias = "IMPLICIT", alias = "tls", alias = "TLS")]
    Implicit,
    /// No encryption; only for a relay on a trusted network.
    #[serde(alias = "NONE")]
    None,
}

/// The `Importance` header value; `X-Priority` follows the usual mapping.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum Importance {
    #[serde(alias = "high", alias = "HIGH")]
    High,
    #[default]
    #[serde(alias = "normal", alias = "NORMAL")]
    Normal,
    #[serde(alias = "low", alias = "LOW")]
    Low,
}

impl Importance {
    /// Returns the header text, spelled as upstream sends it.
    pub fn as_str(self) -> &'static str {
        match self {
            Importance::High => "High",
            Importance::Normal => "Normal",
            Importance::Low => "Low",
        }
    }

    /// Returns the `X-Priority` value: 1 (highest), 3 (normal) or 5 (lowest). Upstream 0.8.1
    /// sends 3 for Low and 5 for Normal, but mail clients read 5 as lowest, so this uses the
    /// usual mapping.
    pub fn x_priority(self) -> &'static str {
        match self {
            Importance::High => "1",
            Importance::Normal => "3",
            Importance::Low => "5",
        }
    }
}

/// The webhook notifier: each alert is POSTed as JSON to `url`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct WebhookAlertsConfig {
    pub url: WebhookUrl,
    /// Sent as `Authorization: Bearer TOKEN` when set.
    #[serde(default)]
    pub bearer_token: Option<Credential>,
}

/// A secret string such as a password or token. `Debug` shows `***`; serialization shows
/// [`REDACTED`]. [`Credential::expose`] returns the value.
#[derive(Clone, PartialEq, Eq)]
pub struct Credential(String);

impl Credential {
    pub fn new(value: impl Into<String>) -> Credential {
        Credential(value.into())
    }

    /// Returns the real value, for the code that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("Credential(***)")
    }
}

impl Serialize for Credential {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(REDACTED)
    }
}

impl<'de> Deserialize<'de> for Credential {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CredentialVisitor)
    }
}

/// Reads a credential from any scalar, because figment reads `EVENT_…__SMTP_PASSWORD=123456` as
/// a number; a type error would print the value.
struct CredentialVisitor;

impl Visitor<'_> for CredentialVisitor {
    type Value = Credential;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Credential, E> {
        Ok(Credential::new(text))
    }

    fn visit_i64<E: de::Error>(self, number: i64) -> Result<Credential, E> {
        Ok(Credential::new(number.to_string()))
    }

    fn visit_u64<E: de::Error>(self, number: u64) -> Result<Credential, E> {
        Ok(Credential::new(number.to_string()))
    }

    fn visit_f64<E: de::Error>(self, number: f64) -> Result<Credential, E> {
        Ok(Credential::new(number.to_string()))
    }

    fn visit_bool<E: de::Error>(self, flag: bool) -> Result<Credential, E> {
        Ok(Credential::new(flag.to_string()))
    }
}

/// A webhook URL. Chat tools (Slack, Mattermost, Teams, Discord) put the access token in the
/// path, so only the scheme, host and port are ever shown: `https://chat.example/***`.
#[derive(Clone, PartialEq, Eq)]
pub struct WebhookUrl(String);

impl WebhookUrl {
    pub fn new(value: impl Into<String>) -> WebhookUrl {
        WebhookUrl(value.into())
    }

    /// Returns the real URL, for the code that sends to it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Returns the URL without user info, path or query, which is safe to log.
    pub fn redacted(&self) -> String {
        match Url::parse(&self.0) {
            Ok(url) => {
                let host = url.host_str().unwrap_or_default();
                match url.port() {
                    Some(port) => format!("{}://{host}:{port}/***", url.scheme()),
                    None => format!("{}://{host}/***", url.scheme()),
                }
            }
            Err(_) => "***".to_owned(),
        }
    }
}

impl fmt::Debug for WebhookUrl {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "WebhookUrl({:?})", self.redacted())
    }
}

impl Serialize for WebhookUrl {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.redacted().replace("***", REDACTED))
    }
}

impl<'de> Deserialize<'de> for WebhookUrl {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(WebhookUrl)
    }
}

/// Reads an optional settings object given either as a map (settings files, `EVENT_X__KEY`
/// variables) or as JSON text (`EVENT_EMAIL_ALERTS='{"smtp_server": …}'`, as upstream reads
/// it). Empty text and `null` mean unset.
pub fn optional_object<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    deserializer.deserialize_any(ObjectVisitor(std::marker::PhantomData))
}

struct ObjectVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: DeserializeOwned> Visitor<'de> for ObjectVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an object, a JSON object as text, or null")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Some)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        let text = text.trim();
        if text.is_empty() || text.eq_ignore_ascii_case("null") {
            return Ok(None);
        }
        serde_json::from_str(text)
            .map(Some)
            .map_err(|error| E::custom(format_args!("expected a JSON object: {error}")))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// An alert setting that cannot work.
#[derive(Debug, thiserror::Error, PartialEq)]
#[error("invalid setting `{key}` = `{value}`: {reason}")]
pub struct AlertConfigError {
    pub key: &'static str,
    pub value: String,
    pub reason: String,
}

impl AlertConfigError {
    pub(crate) fn new(key: &'static str, value: impl fmt::Display, reason: &str) -> Self {
        AlertConfigError { key, value: value.to_string(), reason: reason.to_owned() }
    }
}

/// The queue, retry and throttle settings of alert delivery.
#[derive(Clone, Debug, PartialEq)]
pub struct AlertPolicy {
    /// Events at or above this level alert.
    pub alert_level: i64,
    /// Capacity of the alert queue and of each target's queue. Alerts beyond it are dropped
    /// and counted.
    pub queue_capacity: usize,
    /// Maximum time one delivery attempt may take, connection and TLS included.
    pub attempt_timeout: Duration,
    /// Attempts per delivery, the first included.
    pub max_attempts: u32,
    /// The wait before the first retry; it doubles for each later one, up to [`MAX_BACKOFF`].
    pub retry_backoff: Duration,
    /// Deliveries in flight at once for each target (one email recipient, or the webhook).
    pub max_concurrent_deliveries: usize,
    /// Identical alerts within one window beyond `throttle_max_per_window` go into a digest
    /// sent when the window ends.
    pub throttle_window: Duration,
    /// 0 turns throttling off.
    pub throttle_max_per_window: u32,
}

/// Maximum wait between two attempts.
pub const MAX_BACKOFF: Duration = Duration::from_secs(300);

impl AlertPolicy {
    /// Reads and checks the alert settings.
    pub fn from_settings(settings: &Settings) -> Result<AlertPolicy, AlertConfigError> {
        let alert_level = level_from_json(&settings.alert_level).ok_or_else(|| {
            AlertConfigError::new(
                "alert_level",
                &settings.alert_level,
                "use a level name or number",
            )
        })?;
        Ok(AlertPolicy {
            alert_level,
            queue_capacity: at_least_one("alert_queue_capacity", settings.alert_queue_capacity)?,
            attempt_timeout: seconds("alert_timeout_seconds", settings.alert_timeout_seconds)?,
            max_attempts: at_least_one("alert_max_attempts", settings.alert_max_attempts)?,
            retry_backoff: seconds(
                "alert_retry_backoff_seconds",
                settings.alert_retry_backoff_seconds,
            )?,
            max_concurrent_deliveries: at_least_one(
                "alert_max_concurrent_deliveries",
                settings.alert_max_concurrent_deliveries,
            )?,
            throttle_window: seconds(
                "alert_throttle_window_seconds",
                settings.alert_throttle_window_seconds,
            )?,
            throttle_max_per_window: settings.alert_throttle_max_per_window,
        })
    }

    /// Returns the wait after failed attempt number `attempt` (1-based).
    pub fn backoff_after(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1));
        self.retry_backoff.saturating_mul(factor).min(MAX_BACKOFF)
    }
}

fn at_least_one<T: PartialOrd + From<u8> + fmt::Display>(
    key: &'static str,
    value: T,
) -> Result<T, AlertConfigError> {
    if value < T::from(1) {
        return Err(AlertConfigError::new(key, value, "must be at least 1"));
    }
    Ok(value)
}

/// Reads a positive number of seconds of at most one day.
fn seconds(key: &'static str, value: f64) -> Result<Duration, AlertConfigError> {
    if !(value > 0.0 && value <= 86_400.0) {
        return Err(AlertConfigError::new(
            key,
            value,
            "use a number of seconds above 0, at most 86400",
        ));
    }
    Ok(Duration::from_secs_f64(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tls_mode_follows_use_tls_and_port() {
        let mut config = EmailAlertsConfig::default();
        assert_eq!(config.effective_tls_mode(), TlsMode::StartTls);
        config.smtp_port = 465;
        assert_eq!(config.effective_tls_mode(), TlsMode::Implicit);
        config.use_tls = false;
        assert_eq!(config.effective_tls_mode(), TlsMode::None);
        config.tls_mode = Some(TlsMode::StartTls);
        assert_eq!(config.effective_tls_mode(), TlsMode::StartTls);
    }

    #[test]
    fn debug_and_serialize_hide_credentials() {
        let config: EmailAlertsConfig = serde_json::from_value(json!({
            "smtp_username": "lab-user-77",
            "smtp_password": "pw-hunter2",
        }))
        .unwrap();
        let debug = format!("{config:?}");
        assert!(!debug.contains("lab-user-77"), "{debug}");
        assert!(!debug.contains("pw-hunter2"), "{debug}");
        let text = serde_json::to_string(&config).unwrap();
        assert!(!text.contains("pw-hunter2"), "{text}");
        assert_eq!(config.smtp_password.unwrap().expose(), "pw-hunter2");
    }

    #[test]
    fn numeric_credentials_are_read_as_text() {
        let config: EmailAlertsConfig =
            serde_json::from_value(json!({"smtp_password": 123456, "smtp_username": true}))
                .unwrap();
        assert_eq!(config.smtp_password.unwrap().expose(), "123456");
        assert_eq!(config.smtp_username.unwrap().expose(), "true");
    }

    #[test]
    fn settings_debug_hides_every_alert_secret() {
        let settings = Settings {
            email_alerts: Some(EmailAlertsConfig {
                smtp_password: Some(Credential::new("pw-hunter2")),
                ..EmailAlertsConfig::default()
            }),
            webhook_alerts: Some(WebhookAlertsConfig {
                url: WebhookUrl::new("https://chat.example/hooks/url-tok3n"),
                bearer_token: Some(Credential::new("bearer-tok3n")),
            }),
            ..Settings::default()
        };
        let debug = format!("{settings:?}");
        for secret in ["pw-hunter2", "url-tok3n", "bearer-tok3n"] {
            assert!(!debug.contains(secret), "{debug}");
        }
    }

    #[test]
    fn webhook_url_shows_only_its_origin() {
        let url = WebhookUrl::new("https://hooks.example:8443/services/T0/B0/tok3n?x=1");
        assert_eq!(url.redacted(), "https://hooks.example:8443/***");
        assert!(!format!("{url:?}").contains("tok3n"));
        let text = serde_json::to_string(&url).unwrap();
        assert_eq!(text, "\"https://hooks.example:8443/***REDACTED***\"");
        assert_eq!(WebhookUrl::new("not a url tok3n").redacted(), "***");
    }

    #[test]
    fn importance_maps_to_x_priority() {
        assert_eq!(Importance::High.x_priority(), "1");
        assert_eq!(Importance::Normal.x_priority(), "3");
        assert_eq!(Importance::Low.x_priority(), "5");
        let parsed: Importance = serde_json::from_value(json!("low")).unwrap();
        assert_eq!(parsed, Importance::Low);
    }

    #[derive(Debug, Deserialize)]
    struct Holder {
        #[serde(default, deserialize_with = "optional_object")]
        email: Option<EmailAlertsConfig>,
    }

    #[test]
    fn object_reads_from_map_json_text_and_null() {
        let from_map: Holder = serde_json::from_value(json!({"email": {"smtp_port": 25}})).unwrap();
        assert_eq!(from_map.email.unwrap().smtp_port, 25);
        let text = json!({"email": "{\"smtp_port\": 2525, \"sender\": \"lab@x.org\"}"});
        let from_text: Holder = serde_json::from_value(text).unwrap();
        assert_eq!(from_text.email.unwrap().smtp_port, 2525);
        for unset in [json!({"email": "null"}), json!({"email": null}), json!({})] {
            let holder: Holder = serde_json::from_value(unset).unwrap();
            assert!(holder.email.is_none());
        }
        let error = serde_json::from_value::<Holder>(json!({"email": "{oops"})).unwrap_err();
        assert!(error.to_string().contains("expected a JSON object"), "{error}");
    }

    #[test]
    fn policy_rejects_zero_and_doubles_backoff() {
        let mut settings = Settings::default();
        let policy = AlertPolicy::from_settings(&settings).unwrap();
        assert_eq!(policy.alert_level, 40);
        assert_eq!(policy.backoff_after(1), policy.retry_backoff);
        assert_eq!(policy.backoff_after(3), policy.retry_backoff * 4);
        assert_eq!(policy.backoff_after(40), MAX_BACKOFF);
        settings.alert_timeout_seconds = 0.0;
        let error = AlertPolicy::from_settings(&settings).unwrap_err();
        assert_eq!(error.key, "alert_timeout_seconds");
        settings = Settings::default();
        settings.alert_queue_capacity = 0;
        let error = AlertPolicy::from_settings(&settings).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid setting `alert_queue_capacity` = `0`: must be at least 1"
        );
    }
}
