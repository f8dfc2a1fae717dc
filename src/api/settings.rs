//! `GET /settings`: the effective settings with secrets replaced.

use axum::Json;
use axum::extract::{RawQuery, State};
use serde_json::{Map, Value, json};

use super::AppState;
use super::body::query_pairs;
use super::error::ApiError;
use super::params::QueryParams;
use crate::config::REDACTED;
use crate::config::Settings;

/// Keys of `email_alerts` that are secrets, redacted even when null, as upstream does. The
/// secrets of `webhook_alerts` redact themselves when serialized ([`crate::alert::WebhookUrl`],
/// [`crate::alert::Credential`]).
const EMAIL_SECRETS: [&str; 2] = ["smtp_username", "smtp_password"];

/// Returns `{"settings": {…}}`; `include_defaults=false` keeps only values that differ from the
/// defaults, and `include_schema=true` adds a JSON Schema of the settings.
pub(super) async fn settings(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let pairs = query_pairs(raw.as_deref());
    let mut params = QueryParams::new(&pairs);
    let include_defaults = params.boolean("include_defaults", true);
    let include_schema = params.boolean("include_schema", false);
    params.finish()?;
    let mut current = redacted(&state.settings, &state.manager_id);
    if !include_defaults {
        let defaults = redacted(&Settings::default(), "");
        current.retain(|key, value| defaults.get(key) != Some(value));
    }
    let mut body = json!({ "settings": current });
    if include_schema {
        body["schema"] = schema(&Settings::default());
        body["schema_title"] = json!("EventManagerSettings");
    }
    Ok(Json(body))
}

fn redacted(settings: &Settings, manager_id: &str) -> Map<String, Value> {
    let mut map = match serde_json::to_value(settings) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    if !manager_id.is_empty() {
        map.insert("manager_id".into(), json!(manager_id));
    }
    if let Some(Value::Object(email)) = map.get_mut("email_alerts") {
        for key in EMAIL_SECRETS {
            email.insert(key.into(), json!(REDACTED));
        }
    }
    if let Ok(absolute) = std::path::absolute(&settings.backup_dir) {
        map.insert("backup_dir".into(), json!(absolute));
    }
    map
}

/// A JSON Schema listing each setting with its type and default.
fn schema(defaults: &Settings) -> Value {
    let properties: Map<String, Value> = redacted(defaults, "")
        .into_iter()
        .map(|(key, default)| {
            let kind = match &default {
                Value::Bool(_) => json!("boolean"),
                Value::Number(number) if number.is_f64() => json!("number"),
                Value::Number(_) => json!("integer"),
                Value::String(_) => json!("string"),
                _ => json!(["string", "object", "null"]),
            };
            (key, json!({ "type": kind, "default": default }))
        })
        .collect();
    json!({ "title": "EventManagerSettings", "type": "object", "properties": properties })
}
