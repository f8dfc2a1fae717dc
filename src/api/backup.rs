//! `POST /backup` and `GET /backup/status`, in upstream's shapes, for both backends.
//!
//! Upstream uses the request's `description` unchanged as part of a folder name; here it is
//! sanitized first ([`crate::backup::layout::sanitize_suffix`]).

use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::AppState;
use super::body::parse_json_body;
use super::error::ApiError;
use crate::backup::BackupError;
use crate::backup::service::BackupService;
use crate::model::FieldError;

/// The suffix upstream uses when the request has no description.
const DEFAULT_SUFFIX: &str = "manual_backup";

/// `POST /backup`: takes a backup now; the body `{"description": …}` is optional.
pub(super) async fn create(
    State(state): State<AppState>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let description = description(body, state.max_body_bytes)?;
    let suffix = description.as_deref().unwrap_or(DEFAULT_SUFFIX);
    let service = match BackupService::from_settings(&state.settings) {
        Ok(service) => service,
        Err(error) => return Ok(failure("Failed to create backup", &error)),
    };
    // On a task of its own, so a request that times out or a client that hangs up never cuts
    // a backup short: it still finishes, with its metadata and rotation.
    let suffix = suffix.to_owned();
    let task = tokio::spawn(async move { service.create(&suffix).await });
    match task.await {
        Ok(Ok(created)) => {
            let path = created.path.display().to_string();
            Ok(axum::Json(json!({"backup_path": path, "status": "completed"})).into_response())
        }
        Ok(Err(error)) => Ok(failure("Failed to create backup", &error)),
        Err(error) => Ok(failure("Failed to create backup", &BackupError::Task(error.to_string()))),
    }
}

/// `GET /backup/status`: whether backups are enabled, where they go, and each backup with its
/// checksum re-checked.
pub(super) async fn status(State(state): State<AppState>) -> Response {
    let service = match BackupService::from_settings(&state.settings) {
        Ok(service) => service,
        Err(error) => return failure("Failed to get backup status", &error),
    };
    match service.status().await {
        Ok(status) => axum::Json(status).into_response(),
        Err(error) => failure("Failed to get backup status", &error),
    }
}

/// The 500 upstream returns, `{"detail": "<prefix>: <error>"}`. The error is this program's
/// own message, which never contains a password.
fn failure(prefix: &str, error: &BackupError) -> Response {
    tracing::error!(%error, "{}", prefix.to_lowercase());
    let detail = format!("{prefix}: {error}");
    (StatusCode::INTERNAL_SERVER_ERROR, axum::Json(json!({"detail": detail}))).into_response()
}

/// Reads the optional body: nothing, `null`, or an object whose `description` is a string or
/// null.
fn description(
    body: Result<Bytes, BytesRejection>,
    limit: usize,
) -> Result<Option<String>, ApiError> {
    if body.as_ref().is_ok_and(|bytes| bytes.iter().all(u8::is_ascii_whitespace)) {
        return Ok(None);
    }
    let value = parse_json_body(body, limit)?;
    let description = match &value {
        Value::Null => return Ok(None),
        Value::Object(map) => map.get("description").cloned().unwrap_or(Value::Null),
        other => {
            let msg = "Input should be a valid dictionary or object to extract fields from";
            return Err(ApiError::field(FieldError::new(
                "model_attributes_type",
                &["body"],
                msg,
                other,
            )));
        }
    };
    match description {
        Value::Null => Ok(None),
        Value::String(text) => Ok(Some(text)),
        other => {
            let loc = ["body", "description"];
            Err(ApiError::field(FieldError::new(
                "string_type",
                &loc,
                "Input should be a valid string",
                &other,
            )))
        }
    }
}
