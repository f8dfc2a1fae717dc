//! Soft and hard deletion: `POST /events/archive`, `GET /events/archived`,
//! `DELETE /events/archived`.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use chrono::{Duration, Utc};
use serde_json::{Map, Value, json};

use super::AppState;
use super::body::{parse_json_body, query_pairs};
use super::error::ApiError;
use super::params::{QueryParams, limit_from_number};
use super::respond::id_map;
use crate::model::{FieldError, Timestamp};
use crate::store::ArchiveTarget;

/// `POST /events/archive`: archives the listed ids, or every event before a date.
///
/// Unlike upstream, which archives only the first batch of a long id list, every listed id is
/// archived, `batch_size` at a time. When ids are given, `before_date` is ignored, as upstream
/// does.
pub(super) async fn archive(
    State(state): State<AppState>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = parse_json_body(body, state.max_body_bytes)?;
    let request = ArchiveRequest::from_json(&body, &state.zone)?;
    let batch_size = request.batch_size.unwrap_or(state.settings.archive_batch_size);
    let now = Utc::now();
    let mut archived = 0;
    match request.target {
        ArchiveTarget::Ids(ids) => {
            for chunk in ids.chunks(usize::try_from(batch_size).unwrap_or(usize::MAX)) {
                let target = ArchiveTarget::Ids(chunk.to_vec());
                archived += state.store.archive_batch(&target, batch_size, now).await?;
            }
        }
        target @ ArchiveTarget::Before(_) => loop {
            let changed = state.store.archive_batch(&target, batch_size, now).await?;
            archived += changed;
            if changed == 0 {
                break;
            }
        },
    }
    let message = format!("Successfully archived {archived} events");
    Ok(axum::Json(json!({ "archived_count": archived, "message": message })).into_response())
}

struct ArchiveRequest {
    target: ArchiveTarget,
    batch_size: Option<u64>,
}

impl ArchiveRequest {
    fn from_json(body: &Value, zone: &crate::model::NaiveZone) -> Result<Self, ApiError> {
        let Value::Object(map) = body else {
            let msg = "Input should be a valid dictionary or object to extract fields from";
            return Err(ApiError::field(FieldError::new(
                "model_attributes_type",
                &["body"],
                msg,
                body,
            )));
        };
        let mut errors = Vec::new();
        let ids = read_ids(map, &mut errors);
        let before = read_before(map, zone, &mut errors);
        let batch_size = read_batch_size(map, &mut errors);
        if !errors.is_empty() {
            return Err(ApiError::Validation(errors));
        }
        let target = match (ids, before) {
            (Some(ids), _) if !ids.is_empty() => ArchiveTarget::Ids(without_repeats(ids)),
            (_, Some(before)) => ArchiveTarget::Before(before),
            _ => {
                let reason = "Either event_ids or before_date must be provided";
                return Err(ApiError::field(FieldError::value_error(&["body"], reason, body)));
            }
        };
        Ok(ArchiveRequest { target, batch_size })
    }
}

/// Drops repeated ids, keeping the first of each, so an id listed twice is archived and
/// counted once.
fn without_repeats(ids: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::with_capacity(ids.len());
    ids.into_iter().filter(|id| seen.insert(id.clone())).collect()
}

fn read_ids(map: &Map<String, Value>, errors: &mut Vec<FieldError>) -> Option<Vec<String>> {
    match map.get("event_ids")? {
        Value::Null => None,
        Value::Array(items) => {
            let mut ids = Vec::with_capacity(items.len());
            for (index, item) in items.iter().enumerate() {
                match item {
                    Value::String(id) => ids.push(id.clone()),
                    other => {
                        let mut error = FieldError::string_type(&["body", "event_ids"], other);
                        error.loc.push(json!(index));
                        errors.push(error);
                    }
                }
            }
            Some(ids)
        }
        other => {
            let msg = "Input should be a valid list";
            errors.push(FieldError::new("list_type", &["body", "event_ids"], msg, other));
            None
        }
    }
}

fn read_before(
    map: &Map<String, Value>,
    zone: &crate::model::NaiveZone,
    errors: &mut Vec<FieldError>,
) -> Option<i64> {
    let value = map.get("before_date").filter(|value| !value.is_null())?;
    match Timestamp::from_json(value) {
        Ok(timestamp) => Some(timestamp.unix_micros(zone)),
        Err(error) => {
            let msg = format!("Input should be a valid datetime, {error}");
            errors.push(FieldError::new("datetime_parsing", &["body", "before_date"], msg, value));
            None
        }
    }
}

fn read_batch_size(map: &Map<String, Value>, errors: &mut Vec<FieldError>) -> Option<u64> {
    let value = map.get("batch_size").filter(|value| !value.is_null())?;
    match value.as_i64() {
        // 0 falls back to the configured batch size, as upstream does.
        Some(0) => None,
        Some(size) if size > 0 => Some(size as u64),
        Some(_) => {
            let msg = "Input should be greater than 0";
            let error = FieldError::new("greater_than", &["body", "batch_size"], msg, value);
            errors.push(error.with_ctx(json!({ "gt": 0 })));
            None
        }
        None => {
            let msg = "Input should be a valid integer";
            errors.push(FieldError::new("int_type", &["body", "batch_size"], msg, value));
            None
        }
    }
}

/// `GET /events/archived`: archived events, most recently archived first.
pub(super) async fn list_archived(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let pairs = query_pairs(raw.as_deref());
    let mut params = QueryParams::new(&pairs);
    let limit = limit_from_number(params.non_negative("number", 100));
    let offset = params.non_negative("offset", 0);
    params.finish()?;
    id_map(state.store.list_archived(limit, offset).await?).await
}

/// `DELETE /events/archived`: permanently deletes events archived more than
/// `older_than_days` days ago (0: archived before now; negative: every archived event).
pub(super) async fn purge(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let pairs = query_pairs(raw.as_deref());
    let mut params = QueryParams::new(&pairs);
    let days = params.integer("older_than_days", 365);
    params.finish()?;
    let cutoff =
        Duration::try_days(days).and_then(|age| Utc::now().checked_sub_signed(age)).ok_or_else(
            || ApiError::BadRequest(format!("`older_than_days` = `{days}` is out of range")),
        )?;
    let deleted = state.store.purge_archived(cutoff).await?;
    let message = format!("Permanently deleted {deleted} archived events older than {days} days");
    Ok(axum::Json(json!({ "deleted_count": deleted, "message": message })).into_response())
}
