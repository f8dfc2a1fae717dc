//! Ingest and reading: `POST /event`, `GET /event/{id}`, `GET /events`, `POST /events/query`.

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, RawQuery, State};
use axum::http::Uri;
use axum::response::Response;
use serde_json::Value;

use super::AppState;
use super::body::{missing_body, parse_json_body, query_pairs, query_value};
use super::error::ApiError;
use super::params::{QueryParams, limit_from_number};
use super::respond::{id_map, json_text};
use crate::model::Event;
use crate::query::{Selector, parse_python_literal};
use crate::store::{InsertOutcome, ListQuery, NewEvent, StoredDocument};

/// `POST /event`: validates and commits one event, then echoes the stored document.
///
/// A re-send of a stored id with the same content gets 200 and the stored document. The same
/// id with different content gets 409, and the stored event stays as it was. A new alerting
/// event is handed to the alert queue after the commit, without waiting ([`crate::alert`]).
pub(super) async fn create(
    State(state): State<AppState>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let value = parse_json_body(body, state.max_body_bytes)?;
    let event = Event::from_json(value).map_err(ApiError::Validation)?;
    let alert = state.alerts.wants(&event).then(|| event.clone());
    let new = NewEvent::new(event, &state.zone);
    let submitted = new.json.clone();
    match state.store.insert(new).await? {
        InsertOutcome::Inserted => {
            // Committed: alert without waiting. A re-send of a stored event never alerts again.
            if let Some(event) = alert {
                state.alerts.offer(event);
            }
            state.feed.publish(&submitted);
            Ok(json_text(submitted))
        }
        InsertOutcome::Existing(stored) if same_content(&stored, &submitted) => {
            Ok(json_text(stored.json))
        }
        InsertOutcome::Existing(stored) => Err(ApiError::Conflict(format!(
            "event `{}` already exists with different content; the stored event was kept. \
             Send a new event id for a new event",
            stored.id
        ))),
    }
}

/// Compares two documents, ignoring `archived` and `archived_at`, which the server changes
/// after the first write.
pub(super) fn same_content(stored: &StoredDocument, submitted: &str) -> bool {
    let parse = |text: &str| -> Option<Value> {
        let mut value: Value = serde_json::from_str(text).ok()?;
        let map = value.as_object_mut()?;
        map.remove("archived");
        map.remove("archived_at");
        Some(value)
    };
    match (parse(&stored.json), parse(submitted)) {
        (Some(stored), Some(submitted)) => stored == submitted,
        _ => false,
    }
}

/// `GET /event/{event_id}`: one stored document, archived or not.
pub(super) async fn get_one(
    State(state): State<AppState>,
    uri: Uri,
    event_id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    // An id that is not valid UTF-8 after percent-decoding cannot be stored, so it is not found.
    let event_id = match event_id {
        Ok(Path(event_id)) => event_id,
        Err(_) => {
            let raw = uri.path().trim_start_matches("/event/");
            return Err(ApiError::NotFound(format!("Event with ID {raw} not found")));
        }
    };
    match state.store.get(&event_id).await? {
        Some(document) => Ok(json_text(document.json)),
        None => Err(ApiError::NotFound(format!("Event with ID {event_id} not found"))),
    }
}

/// `GET /events`: recent events, newest first, as a map from id to event.
pub(super) async fn list(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let pairs = query_pairs(raw.as_deref());
    let mut params = QueryParams::new(&pairs);
    let query = ListQuery {
        limit: limit_from_number(params.non_negative("number", 100)),
        offset: params.non_negative("offset", 0),
        min_level: params.level("level"),
        start_micros: params.instant("start_time", &state.zone),
        end_micros: params.instant("end_time", &state.zone),
        include_archived: params.boolean("include_archived", false),
    };
    params.finish()?;
    id_map(state.store.list(query).await?).await
}

/// `POST /events/query`: documents matching a raw MongoDB selector, archived included.
///
/// The body is the selector. The upstream Python client sends no body and puts a Python
/// `repr()` of the selector in the `selector` query parameter instead; that form is read too.
/// An optional `number` parameter caps the result (0 or absent: no cap).
pub(super) async fn query(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let pairs = query_pairs(raw.as_deref());
    let mut params = QueryParams::new(&pairs);
    let limit = limit_from_number(params.non_negative("number", 0));
    params.finish()?;
    let filter = match parse_json_body(body, state.max_body_bytes) {
        Err(ApiError::Validation(errors)) if is_missing(&errors) => {
            let literal = query_value(&pairs, "selector").ok_or_else(missing_body)?;
            parse_python_literal(literal).map_err(|error| {
                ApiError::BadRequest(format!("invalid `selector` query parameter: {error}"))
            })?
        }
        other => other?,
    };
    let selector = Selector::parse(&filter)
        .map_err(|error| ApiError::BadRequest(format!("invalid selector: {error}")))?;
    id_map(state.store.query(selector, limit).await?).await
}

fn is_missing(errors: &[crate::model::FieldError]) -> bool {
    errors.len() == 1 && errors[0].kind == "missing"
}
