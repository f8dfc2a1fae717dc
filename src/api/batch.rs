//! `POST /events/batch`: many events in one request, each treated as `POST /event` would treat
//! it, with one result per event.
//!
//! The body is a JSON array of events. The response is 200 whenever the array could be read,
//! with the counts and one result per event in request order:
//!
//! ```json
//! {"inserted": 1, "existing": 1, "conflicts": 1, "invalid": 1, "results": [
//!   {"_id": "01J…A", "status": 200, "outcome": "inserted"},
//!   {"_id": "01J…B", "status": 200, "outcome": "existing"},
//!   {"_id": "01J…C", "status": 409, "outcome": "conflict", "detail": "event `01J…C` …"},
//!   {"_id": null, "status": 422, "outcome": "invalid", "detail": [{"loc": ["body", 3, …]}]}
//! ]}
//! ```
//!
//! `status` is what `POST /event` would have answered for that event. The inserts are issued
//! concurrently, so the store's group commit writes them in as few transactions as it can.
//! When the store fails, the whole request fails (503 or 500) after the events committed so
//! far are published; re-sending the batch is safe, as those come back as `existing`.

use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::response::{IntoResponse, Response};
use futures_util::future::join_all;
use serde_json::{Value, json};

use super::AppState;
use super::body::parse_json_body;
use super::error::ApiError;
use super::events::same_content;
use crate::model::{Event, FieldError};
use crate::store::{InsertOutcome, NewEvent, StoreError};

/// Maximum number of events in one batch.
pub(super) const MAX_BATCH_EVENTS: usize = 10_000;

/// One event's result.
struct BatchResult {
    id: Option<String>,
    status: u16,
    outcome: &'static str,
    detail: Option<Value>,
}

/// `POST /events/batch`.
pub(super) async fn create_batch(
    State(state): State<AppState>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let items = read_items(parse_json_body(body, state.max_body_bytes)?)?;
    let mut results: Vec<Option<BatchResult>> = Vec::with_capacity(items.len());
    let mut valid = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        let id = raw_id(&item);
        match Event::from_json(item) {
            Ok(event) => {
                valid.push((index, event));
                results.push(None);
            }
            Err(errors) => results.push(Some(invalid(id, index, errors))),
        }
    }
    let inserted = insert_all(&state, valid).await;
    let mut failure = None;
    for (index, outcome) in inserted {
        match outcome {
            Ok(result) => results[index] = Some(result),
            Err(error) => failure = failure.or(Some(error)),
        }
    }
    if let Some(error) = failure {
        return Err(ApiError::Store(error));
    }
    Ok(axum::Json(reply(results.into_iter().flatten().collect())).into_response())
}

fn read_items(body: Value) -> Result<Vec<Value>, ApiError> {
    let Value::Array(items) = body else {
        let msg = "Input should be a valid list";
        return Err(ApiError::field(FieldError::new("list_type", &["body"], msg, &body)));
    };
    if items.len() > MAX_BATCH_EVENTS {
        let msg = format!(
            "List should have at most {MAX_BATCH_EVENTS} items after validation, not {}",
            items.len()
        );
        let error = FieldError::new("too_long", &["body"], msg, &Value::Null);
        let ctx = json!({
            "field_type": "List",
            "max_length": MAX_BATCH_EVENTS,
            "actual_length": items.len(),
        });
        return Err(ApiError::field(error.with_ctx(ctx)));
    }
    Ok(items)
}

/// Returns the id the client sent, for reporting an invalid event.
fn raw_id(item: &Value) -> Option<String> {
    let id = item.get("_id").or_else(|| item.get("event_id"))?;
    id.as_str().map(str::to_owned)
}

fn invalid(id: Option<String>, index: usize, mut errors: Vec<FieldError>) -> BatchResult {
    for error in &mut errors {
        error.loc.insert(1.min(error.loc.len()), json!(index));
    }
    let detail = serde_json::to_value(&errors).unwrap_or(Value::Null);
    BatchResult { id, status: 422, outcome: "invalid", detail: Some(detail) }
}

/// Inserts every event concurrently; returns each result by request index.
async fn insert_all(
    state: &AppState,
    events: Vec<(usize, Event)>,
) -> Vec<(usize, Result<BatchResult, StoreError>)> {
    let inserts = events.into_iter().map(|(index, event)| {
        let alert = state.alerts.wants(&event).then(|| event.clone());
        let new = NewEvent::new(event, &state.zone);
        let (id, submitted) = (new.event.id.clone(), new.json.clone());
        async move {
            let outcome = state.store.insert(new).await;
            (index, outcome.map(|outcome| settle(state, id, &submitted, outcome, alert)))
        }
    });
    join_all(inserts).await
}

/// Publishes and alerts a new event; compares a stored one with what was sent.
fn settle(
    state: &AppState,
    id: String,
    submitted: &str,
    outcome: InsertOutcome,
    alert: Option<Event>,
) -> BatchResult {
    match outcome {
        InsertOutcome::Inserted => {
            if let Some(event) = alert {
                state.alerts.offer(event);
            }
            state.feed.publish(submitted);
            BatchResult { id: Some(id), status: 200, outcome: "inserted", detail: None }
        }
        InsertOutcome::Existing(stored) if same_content(&stored, submitted) => {
            BatchResult { id: Some(id), status: 200, outcome: "existing", detail: None }
        }
        InsertOutcome::Existing(_) => {
            let detail = format!(
                "event `{id}` already exists with different content; the stored event was \
                 kept. Send a new event id for a new event"
            );
            BatchResult {
                id: Some(id),
                status: 409,
                outcome: "conflict",
                detail: Some(detail.into()),
            }
        }
    }
}

fn reply(results: Vec<BatchResult>) -> Value {
    let count = |outcome: &str| results.iter().filter(|result| result.outcome == outcome).count();
    let listed: Vec<Value> = results
        .iter()
        .map(|result| {
            let mut entry =
                json!({ "_id": result.id, "status": result.status, "outcome": result.outcome });
            if let Some(detail) = &result.detail {
                entry["detail"] = detail.clone();
            }
            entry
        })
        .collect();
    json!({
        "inserted": count("inserted"),
        "existing": count("existing"),
        "conflicts": count("conflict"),
        "invalid": count("invalid"),
        "results": listed,
    })
}
