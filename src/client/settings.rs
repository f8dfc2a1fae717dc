//! The client's part of the settings files: where the server is and where to spool events.
//!
//! The command line and the environment come first (clap reads `EVENT_SERVER_URL` and
//! `EVENT_CLIENT_SPOOL_DIR`); only when they leave a value open are the settings files read,
//! and only for these keys, so a client command never pays for the server's settings.
//!
//! Files, lowest precedence first, each searched like the server's settings files (from
//! `MADSCI_SETTINGS_DIR` or the working directory upwards): `settings`, `event.settings`,
//! `events.settings` and `event_client`, as `.yaml`, then `.toml`, then `.json`. Keys:
//!
//! - `event_server_url` in any of them (the key MADSci labs put in a shared `settings.yaml`);
//!   `server_url` in `event.settings.*`, `events.settings.*` and `event_client.*`;
//! - `event_client_spool_dir` in any of them; `spool_dir` in `event_client.*`.

use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Format, Json, Toml, Yaml};
use serde::Deserialize;

use crate::config::sources::find_settings_file;

/// The server a client talks to when nothing else names one: upstream's port on this host.
pub const DEFAULT_SERVER_URL: &str = "http://127.0.0.1:8001";

/// Settings file names read by the client, lowest precedence first.
const FILE_STEMS: [&str; 4] = ["settings", "event.settings", "events.settings", "event_client"];

/// File formats, lowest precedence first.
const EXTENSIONS: [&str; 3] = ["yaml", "toml", "json"];

/// An unreadable settings file.
#[derive(Debug, thiserror::Error)]
#[error("failed to read the settings file `{path}`: {reason}; fix or remove it")]
pub struct SettingsFileError {
    pub path: PathBuf,
    pub reason: String,
}

/// What the settings files say about the client.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientFileSettings {
    pub server_url: Option<String>,
    pub spool_dir: Option<PathBuf>,
}

#[derive(Default, Deserialize)]
struct FileKeys {
    event_server_url: Option<String>,
    server_url: Option<String>,
    event_client_spool_dir: Option<PathBuf>,
    spool_dir: Option<PathBuf>,
}

/// Reads the client keys of every settings file found from `MADSCI_SETTINGS_DIR` or the
/// working directory.
pub fn read_settings_files() -> Result<ClientFileSettings, SettingsFileError> {
    let start = std::env::var_os("MADSCI_SETTINGS_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."));
    let mut settings = ClientFileSettings::default();
    for extension in EXTENSIONS {
        for stem in FILE_STEMS {
            let Some(path) = find_settings_file(&start, &format!("{stem}.{extension}")) else {
                continue;
            };
            let keys = read_keys(&path, extension)?;
            apply(&mut settings, keys, stem);
        }
    }
    Ok(settings)
}

fn read_keys(path: &Path, extension: &str) -> Result<FileKeys, SettingsFileError> {
    let figment = match extension {
        "yaml" => Figment::from(Yaml::file(path)),
        "toml" => Figment::from(Toml::file(path)),
        _ => Figment::from(Json::file(path)),
    };
    figment
        .extract()
        .map_err(|error| SettingsFileError { path: path.to_owned(), reason: error.to_string() })
}

/// Lets the keys of one file override what earlier files set.
fn apply(settings: &mut ClientFileSettings, keys: FileKeys, stem: &str) {
    let event_specific = stem != "settings";
    let server = keys.event_server_url.or(keys.server_url.filter(|_| event_specific));
    if server.is_some() {
        settings.server_url = server;
    }
    let spool = keys.event_client_spool_dir.or(keys.spool_dir.filter(|_| stem == "event_client"));
    if spool.is_some() {
        settings.spool_dir = spool;
    }
}

/// The server URL: the flag or `EVENT_SERVER_URL` when given, else the settings files, else
/// [`DEFAULT_SERVER_URL`].
pub fn resolve_server_url(given: Option<String>) -> Result<String, SettingsFileError> {
    if let Some(url) = given.filter(|url| !url.trim().is_empty()) {
        return Ok(url);
    }
    let files = read_settings_files()?;
    Ok(files.server_url.unwrap_or_else(|| DEFAULT_SERVER_URL.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(server: Option<&str>, plain: Option<&str>) -> FileKeys {
        FileKeys {
            event_server_url: server.map(str::to_owned),
            server_url: plain.map(str::to_owned),
            ..FileKeys::default()
        }
    }

    #[test]
    fn shared_file_needs_the_prefixed_key() {
        let mut settings = ClientFileSettings::default();
        apply(&mut settings, keys(None, Some("http://other:8000")), "settings");
        assert_eq!(settings.server_url, None);
        apply(&mut settings, keys(Some("http://lab:8001"), None), "settings");
        assert_eq!(settings.server_url.as_deref(), Some("http://lab:8001"));
    }

    #[test]
    fn event_files_accept_server_url() {
        let mut settings = ClientFileSettings::default();
        apply(&mut settings, keys(Some("http://lab:8001"), None), "settings");
        apply(&mut settings, keys(None, Some("http://events:8001")), "event.settings");
        assert_eq!(settings.server_url.as_deref(), Some("http://events:8001"));
    }
}
