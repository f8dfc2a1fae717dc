//! A string that never shows itself in `Debug` output or logs.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The text `GET /settings` shows in place of a secret, as upstream does.
pub const REDACTED: &str = "***REDACTED***";

/// A secret value such as a database URL with a password. `Debug` and `Display` show it with
/// any password replaced; serialization shows [`REDACTED`]. [`Secret::expose`] gives the value.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The real value, for the code that connects with it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "Secret({:?})", redact_url(&self.0))
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&redact_url(&self.0))
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(REDACTED)
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret)
    }
}

/// Replaces the password of a URL's user-info (`scheme://user:password@host`) with `***`.
/// Text that is not a URL with user-info comes back unchanged.
pub fn redact_url(text: &str) -> String {
    let Some(scheme_end) = text.find("://") else {
        return text.to_owned();
    };
    let authority_start = scheme_end + 3;
    let rest = &text[authority_start..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
        return text.to_owned();
    };
    let user_info = &rest[..at];
    let user = user_info.split(':').next().unwrap_or_default();
    let hidden = if user_info.contains(':') { format!("{user}:***") } else { "***".to_owned() };
    format!("{}{hidden}{}", &text[..authority_start], &rest[at..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_hidden() {
        assert_eq!(
            redact_url("mongodb://lab:p%40ss:w0rd@db.example:27017/x?authSource=admin"),
            "mongodb://lab:***@db.example:27017/x?authSource=admin"
        );
        assert_eq!(redact_url("mongodb://token@host/"), "mongodb://***@host/");
        assert_eq!(redact_url("mongodb://host:27017/a@b"), "mongodb://host:27017/a@b");
        assert_eq!(redact_url("sqlite://events.db"), "sqlite://events.db");
    }

    #[test]
    fn debug_and_serialize_never_show_the_password() {
        let secret = Secret::new("mongodb://u:hunter2@h/");
        assert!(!format!("{secret:?}").contains("hunter2"));
        assert!(!secret.to_string().contains("hunter2"));
        assert_eq!(serde_json::to_string(&secret).unwrap(), "\"***REDACTED***\"");
    }
}
