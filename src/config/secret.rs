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
    let Some((authority_start, at)) = user_info_span(text) else {
        return text.to_owned();
    };
    let user_info = &text[authority_start..at];
    let user = user_info.split(':').next().unwrap_or_default();
    let hidden = if user_info.contains(':') { format!("{user}:***") } else { "***".to_owned() };
    format!("{}{hidden}{}", &text[..authority_start], &text[at..])
}

/// Removes `user:password@` from a URL and returns the URL with whether it had user-info.
pub fn without_user_info(text: &str) -> (String, bool) {
    match user_info_span(text) {
        Some((authority_start, at)) => {
            (format!("{}{}", &text[..authority_start], &text[at + 1..]), true)
        }
        None => (text.to_owned(), false),
    }
}

/// Finds a URL's user-info: the byte offset where the authority starts and the offset of the
/// `@` that ends the user-info, or `None` when the text is no URL or has no user-info.
fn user_info_span(text: &str) -> Option<(usize, usize)> {
    let authority_start = text.find("://")? + 3;
    let rest = &text[authority_start..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let at = rest[..authority_end].rfind('@')?;
    Some((authority_start, authority_start + at))
}

/// Replaces the password of `url`, as written and percent-decoded, with `***` in `text`, such
/// as an error message from the MongoDB driver, should the driver ever repeat it.
pub fn scrub_password(text: &str, url: &str) -> String {
    let Some(password) = password_of(url) else {
        return text.to_owned();
    };
    let mut text = text.replace(password, "***");
    let decoded = percent_decode(password);
    if !decoded.is_empty() {
        text = text.replace(&decoded, "***");
    }
    text
}

/// Returns the password of a URL's user-info, when it has a non-empty one.
fn password_of(url: &str) -> Option<&str> {
    let (authority_start, at) = user_info_span(url)?;
    let user_info = &url[authority_start..at];
    user_info.split_once(':').map(|(_, password)| password).filter(|p| !p.is_empty())
}

/// Decodes `%XX` escapes, keeping anything that is not one as written.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let escape = bytes.get(index + 1..index + 3).and_then(|hex| {
            std::str::from_utf8(hex).ok().and_then(|hex| u8::from_str_radix(hex, 16).ok())
        });
        match (bytes[index], escape) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                index += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
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
    fn passwords_are_scrubbed_from_driver_text() {
        let url = "mongodb://lab:p%40ss@db:27017/";
        assert_eq!(scrub_password("auth p%40ss and p@ss failed", url), "auth *** and *** failed");
        assert_eq!(password_of("mongodb://db:27017/"), None);
    }

    #[test]
    fn debug_and_serialize_never_show_the_password() {
        let secret = Secret::new("mongodb://u:hunter2@h/");
        assert!(!format!("{secret:?}").contains("hunter2"));
        assert!(!secret.to_string().contains("hunter2"));
        assert_eq!(serde_json::to_string(&secret).unwrap(), "\"***REDACTED***\"");
    }
}
