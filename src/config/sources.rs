//! Finding and layering the settings sources with figment.
//!
//! Precedence, highest first: command-line flags, `EVENT_*` environment variables (and the
//! upstream aliases of the database URL), JSON files, TOML files, YAML files, defaults. Within
//! each format, `events.settings.*` beats `event.settings.*`, which beats `settings.*`.

use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Json, Serialized, Toml, Yaml};
use figment::value::{Dict, Value as FigmentValue};
use serde::Serialize;

use super::Settings;
use crate::model::NaiveZone;
use crate::model::level::{is_enum_level, level_from_json};

/// The settings file names upstream reads, lowest precedence first.
const FILE_NAMES: [&str; 3] = ["settings", "event.settings", "events.settings"];

/// Environment variables naming the database URL, first set wins. The first two are the
/// 0.8.1 names, the rest the older aliases upstream still reads.
const DATABASE_URL_VARIABLES: [&str; 6] = [
    "EVENT_DOCUMENT_DB_URL",
    "DOCUMENT_DB_URL",
    "MONGO_DB_URL",
    "EVENT_DB_URL",
    "DB_URL",
    "EVENT_MONGO_DB_URL",
];

/// Keys that name the database URL in settings files, besides `document_db_url`.
const DATABASE_URL_ALIASES: [&str; 2] = ["mongo_db_url", "db_url"];

/// How many parent directories the file search climbs at most.
const MAX_SEARCH_DEPTH: usize = 10;

/// Values given on the command line; `None` leaves the setting to the other sources.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SettingsOverrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_db_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collection_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub naive_timezone: Option<String>,
}

/// Errors of reading the settings.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// A source could not be read or a value has the wrong type. The figment error is part
    /// of the message, not a separate cause, so it is printed once.
    #[error("failed to read settings: {0}")]
    Figment(Box<figment::Error>),
    #[error("invalid setting `{key}` = `{value}`: {reason}")]
    Invalid { key: &'static str, value: String, reason: String },
}

impl From<Box<figment::Error>> for ConfigError {
    fn from(error: Box<figment::Error>) -> Self {
        ConfigError::Figment(error)
    }
}

/// Reads the settings from every source, starting the file search in `MADSCI_SETTINGS_DIR` or
/// the working directory.
pub fn load(overrides: &SettingsOverrides) -> Result<Settings, ConfigError> {
    let start = std::env::var_os("MADSCI_SETTINGS_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."));
    let mut figment = Figment::from(Serialized::defaults(Settings::default()));
    for extension in ["yaml", "toml", "json"] {
        for name in FILE_NAMES {
            if let Some(path) = find_settings_file(&start, &format!("{name}.{extension}")) {
                figment = figment.merge(Serialized::defaults(read_file(&path, extension)?));
            }
        }
    }
    let env = Env::prefixed("EVENT_").split("__").ignore(&["db_url", "mongo_db_url"]);
    figment = figment.merge(env);
    if let Some(url) = database_url_from_env() {
        figment = figment.merge(Serialized::default("document_db_url", url));
    }
    let settings: Settings =
        figment.merge(Serialized::defaults(overrides)).extract().map_err(Box::new)?;
    validate(&settings)?;
    Ok(settings)
}

/// Looks for `name` in `start` and its parents, stopping at a directory that holds `.madsci` or
/// `.git`, at the home directory, or after [`MAX_SEARCH_DEPTH`] levels; then tries
/// `managers/NAME` and `config/NAME` under `start`.
pub fn find_settings_file(start: &Path, name: &str) -> Option<PathBuf> {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    for dir in start.ancestors().take(MAX_SEARCH_DEPTH) {
        let candidate = dir.join(name);
        if candidate.is_file() {
            return Some(candidate);
        }
        let is_root = dir.join(".madsci").is_dir() || dir.join(".git").exists();
        if is_root || home.as_deref() == Some(dir) {
            break;
        }
    }
    ["managers", "config"].iter().map(|sub| start.join(sub).join(name)).find(|p| p.is_file())
}

/// Reads one settings file and maps upstream's key spellings onto ours: `event_`-prefixed
/// keys count unless the unprefixed key is also present, and the database URL aliases become
/// `document_db_url`.
fn read_file(path: &Path, extension: &str) -> Result<Dict, ConfigError> {
    let figment = match extension {
        "yaml" => Figment::from(Yaml::file(path)),
        "toml" => Figment::from(Toml::file(path)),
        _ => Figment::from(Json::file(path)),
    };
    let raw: Dict = figment.extract().map_err(Box::new)?;
    Ok(normalize_keys(raw))
}

fn normalize_keys(raw: Dict) -> Dict {
    let mut keys = Dict::new();
    for (key, value) in &raw {
        if let Some(bare) = key.strip_prefix("event_") {
            if !raw.contains_key(bare) {
                keys.insert(bare.to_owned(), value.clone());
            }
        } else {
            keys.insert(key.clone(), value.clone());
        }
    }
    if !keys.contains_key("document_db_url") {
        let alias = DATABASE_URL_ALIASES.iter().find_map(|alias| keys.get(*alias).cloned());
        if let Some(url) = alias {
            keys.insert("document_db_url".to_owned(), url);
        }
    }
    for alias in DATABASE_URL_ALIASES {
        keys.remove(alias);
    }
    keys
}

fn database_url_from_env() -> Option<FigmentValue> {
    DATABASE_URL_VARIABLES
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|value| !value.is_empty()))
        .map(FigmentValue::from)
}

fn validate(settings: &Settings) -> Result<(), ConfigError> {
    if let Err(reason) = settings.naive_timezone.parse::<NaiveZone>() {
        let value = settings.naive_timezone.clone();
        return Err(ConfigError::Invalid {
            key: "naive_timezone",
            value,
            reason: reason.to_string(),
        });
    }
    if !level_from_json(&settings.alert_level).is_some_and(is_enum_level) {
        return Err(ConfigError::Invalid {
            key: "alert_level",
            value: settings.alert_level.to_string(),
            reason: "use 0, 10, 20, 30, 40, 50 or a level name such as `error`".into(),
        });
    }
    let positive = [
        ("soft_delete_after_days", u64::from(settings.soft_delete_after_days)),
        ("hard_delete_after_days", u64::from(settings.hard_delete_after_days)),
        ("retention_check_interval_hours", u64::from(settings.retention_check_interval_hours)),
        ("archive_batch_size", settings.archive_batch_size),
        ("backup_max_count", u64::from(settings.backup_max_count)),
        ("max_body_bytes", settings.max_body_bytes as u64),
        ("request_timeout_seconds", settings.request_timeout_seconds),
    ];
    for (key, value) in positive {
        if value == 0 {
            let reason = "must be at least 1".to_owned();
            return Err(ConfigError::Invalid { key, value: "0".into(), reason });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixed_keys_count_unless_unprefixed_present() {
        let mut raw = Dict::new();
        raw.insert("event_database_name".into(), "prefixed".into());
        raw.insert("event_collection_name".into(), "only_prefixed".into());
        raw.insert("database_name".into(), "plain".into());
        raw.insert("event_mongo_db_url".into(), "mongodb://h".into());
        let keys = normalize_keys(raw);
        assert_eq!(keys.get("database_name").and_then(FigmentValue::as_str), Some("plain"));
        assert_eq!(
            keys.get("collection_name").and_then(FigmentValue::as_str),
            Some("only_prefixed")
        );
        assert_eq!(keys.get("document_db_url").and_then(FigmentValue::as_str), Some("mongodb://h"));
        assert!(!keys.contains_key("mongo_db_url"));
    }

    #[test]
    fn search_stops_at_project_root() {
        let root = tempfile::tempdir().unwrap();
        let project = root.path().join("project");
        let nested = project.join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::create_dir(project.join(".madsci")).unwrap();
        std::fs::write(root.path().join("settings.yaml"), "x: 1").unwrap();
        assert_eq!(find_settings_file(&nested, "settings.yaml"), None);
        std::fs::write(project.join("settings.yaml"), "x: 1").unwrap();
        assert_eq!(
            find_settings_file(&nested, "settings.yaml"),
            Some(project.join("settings.yaml"))
        );
    }
}
