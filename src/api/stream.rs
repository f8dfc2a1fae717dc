//! `GET /events/stream`: events as the server commits them, as server-sent events.
//!
//! Ingest handlers publish each newly committed document to an [`EventFeed`] (a
//! `tokio::sync::broadcast` channel). Each stream subscribes first, then sends the last
//! `backlog` matching events from the store, oldest first, then every new match, so no event
//! committed in between is missed. An event committed during that step is sent once. Filters:
//! `level`, `start_time`, `end_time` and `include_archived` as in `GET /events`, plus an
//! optional `selector` (a MongoDB filter as JSON text).
//!
//! Messages: `event: event` with the document as `data`; `event: lagged` with
//! `{"skipped": N}` when a slow reader fell more than the channel's capacity behind and N
//! events were dropped for it. A comment every 15 s keeps idle connections open.

use std::collections::HashSet;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{RawQuery, State};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::{Stream, StreamExt, stream};
use serde_json::{Value, json};
use tokio::sync::{broadcast, watch};

use super::AppState;
use super::body::{query_pairs, query_value};
use super::error::ApiError;
use super::params::QueryParams;
use crate::model::{NaiveZone, Timestamp};
use crate::query::Selector;
use crate::store::ListQuery;

/// Events a subscriber may fall behind before it misses some.
const FEED_CAPACITY: usize = 4096;

/// How often an idle stream sends a keep-alive comment.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Newly committed event documents, fanned out to the open streams.
#[derive(Clone)]
pub struct EventFeed {
    sender: broadcast::Sender<Arc<str>>,
    closing: Arc<watch::Sender<bool>>,
}

impl Default for EventFeed {
    fn default() -> Self {
        EventFeed {
            sender: broadcast::channel(FEED_CAPACITY).0,
            closing: Arc::new(watch::channel(false).0),
        }
    }
}

impl EventFeed {
    /// Publishes a committed document. Costs nothing when no stream is open.
    pub fn publish(&self, document: &str) {
        if self.sender.receiver_count() > 0 {
            // An error means the last stream closed meanwhile, so no subscriber is left.
            let _ = self.sender.send(Arc::from(document));
        }
    }

    /// Ends every open stream, so a graceful shutdown does not wait for them.
    pub fn close(&self) {
        self.closing.send_replace(true);
    }
}

/// Filter of one stream.
#[derive(Clone)]
struct StreamFilter {
    min_level: i64,
    start_micros: Option<i64>,
    end_micros: Option<i64>,
    include_archived: bool,
    selector: Option<Selector>,
    zone: NaiveZone,
}

impl StreamFilter {
    fn matches(&self, document: &Value) -> bool {
        let level = document.get("log_level").and_then(Value::as_i64).unwrap_or_default();
        let archived = document.get("archived").and_then(Value::as_bool).unwrap_or(false);
        if level < self.min_level || (archived && !self.include_archived) {
            return false;
        }
        let instant = |text: &str| Timestamp::parse(text).ok().map(|t| t.unix_micros(&self.zone));
        if self.start_micros.is_some() || self.end_micros.is_some() {
            let at = document.get("event_timestamp").and_then(Value::as_str).and_then(instant);
            let Some(at) = at else { return false };
            if self.start_micros.is_some_and(|start| at < start)
                || self.end_micros.is_some_and(|end| at > end)
            {
                return false;
            }
        }
        self.selector.as_ref().is_none_or(|selector| selector.matches(document, &instant))
    }
}

/// `GET /events/stream`: the last `backlog` matching events, then new ones as committed.
pub(super) async fn stream_events(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let pairs = query_pairs(raw.as_deref());
    let mut params = QueryParams::new(&pairs);
    let mut filter = StreamFilter {
        min_level: params.level("level"),
        start_micros: params.instant("start_time", &state.zone),
        end_micros: params.instant("end_time", &state.zone),
        include_archived: params.boolean("include_archived", false),
        selector: None,
        zone: state.zone.clone(),
    };
    let backlog = params.non_negative("backlog", 0);
    params.finish()?;
    filter.selector = query_value(&pairs, "selector").map(parse_selector).transpose()?;
    let receiver = state.feed.sender.subscribe();
    let closing = state.feed.closing.subscribe();
    let recent = recent_matches(&state, &filter, backlog).await?;
    let seen: HashSet<String> = recent.iter().filter_map(|(id, _)| id.clone()).collect();
    let head = stream::iter(recent.into_iter().map(|(_, json)| event_message(&json)));
    let live = live_messages(Live { receiver, closing, filter, seen });
    let messages = head.chain(live).map(Ok::<_, Infallible>);
    Ok(Sse::new(messages).keep_alive(KeepAlive::new().interval(KEEP_ALIVE)).into_response())
}

fn parse_selector(text: &str) -> Result<Selector, ApiError> {
    let value: Value = serde_json::from_str(text).map_err(|error| {
        ApiError::BadRequest(format!("invalid `selector` query parameter: not JSON: {error}"))
    })?;
    Selector::parse(&value).map_err(|error| {
        ApiError::BadRequest(format!("invalid `selector` query parameter: {error}"))
    })
}

/// Fetches the last `backlog` matching documents, oldest first, with their ids.
async fn recent_matches(
    state: &AppState,
    filter: &StreamFilter,
    backlog: u64,
) -> Result<Vec<(Option<String>, String)>, ApiError> {
    if backlog == 0 {
        return Ok(Vec::new());
    }
    let query = ListQuery {
        min_level: filter.min_level,
        start_micros: filter.start_micros,
        end_micros: filter.end_micros,
        include_archived: filter.include_archived,
        // With a selector some listed documents are skipped, so the store cannot stop early.
        limit: if filter.selector.is_some() { None } else { Some(backlog) },
        offset: 0,
    };
    let mut documents = state.store.list(query).await?;
    let mut recent = Vec::new();
    while let Some(document) = documents.next().await {
        let document = document?;
        let value: Value = serde_json::from_str(&document.json).unwrap_or(Value::Null);
        if filter.matches(&value) {
            recent.push((Some(document.id), document.json));
            if recent.len() as u64 >= backlog {
                break;
            }
        }
    }
    recent.reverse();
    Ok(recent)
}

/// The state of a live stream between two messages.
struct Live {
    receiver: broadcast::Receiver<Arc<str>>,
    closing: watch::Receiver<bool>,
    filter: StreamFilter,
    /// Ids already sent as backlog.
    seen: HashSet<String>,
}

/// New matching documents until the feed closes.
fn live_messages(live: Live) -> impl Stream<Item = SseEvent> {
    stream::unfold(live, |mut live| async move {
        loop {
            let received = tokio::select! {
                received = live.receiver.recv() => received,
                _ = live.closing.wait_for(|closed| *closed) => return None,
            };
            let message = match received {
                Ok(json) => live_message(&json, &live.filter, &live.seen),
                Err(broadcast::error::RecvError::Lagged(skipped)) => {
                    let data = json!({ "skipped": skipped }).to_string();
                    Some(SseEvent::default().event("lagged").data(data))
                }
                Err(broadcast::error::RecvError::Closed) => return None,
            };
            if let Some(message) = message {
                return Some((message, live));
            }
        }
    })
}

fn live_message(json: &str, filter: &StreamFilter, seen: &HashSet<String>) -> Option<SseEvent> {
    let document: Value = serde_json::from_str(json).ok()?;
    let id = document.get("_id").and_then(Value::as_str).unwrap_or_default();
    if seen.contains(id) || !filter.matches(&document) {
        return None;
    }
    Some(event_message(json))
}

fn event_message(json: &str) -> SseEvent {
    SseEvent::default().event("event").data(json)
}
