//! The HTTP API, wire-compatible with the MADSci Event Manager 0.8.1.
//!
//! [`router`] builds the whole service, so tests can drive it without a socket. Handlers live
//! by resource: [`events`] (ingest and reads), [`archive`], [`health`], [`settings`], [`docs`].

mod archive;
mod backup;
mod batch;
mod body;
mod docs;
mod error;
mod events;
mod health;
mod params;
mod respond;
mod server;
mod settings;
mod stream;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::{HeaderName, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde_json::json;
use tower_http::cors::{Any, CorsLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use self::error::ApiError;
pub use self::server::serve_connections;
pub use self::stream::EventFeed;
use crate::alert::AlertQueue;
use crate::config::Settings;
use crate::model::NaiveZone;
use crate::store::EventStore;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn EventStore>,
    pub settings: Arc<Settings>,
    /// Reads timestamps that carry no offset.
    pub zone: NaiveZone,
    /// This manager's id, from the settings or generated at start.
    pub manager_id: String,
    pub max_body_bytes: usize,
    /// Where `POST /event` queues alerts; [`AlertQueue::disabled`] when no notifier is set.
    pub alerts: AlertQueue,
    /// Newly committed events, for `GET /events/stream`.
    pub feed: EventFeed,
}

/// Paths served, for redirecting a trailing-slash spelling to them as upstream does.
const PATHS: [&str; 12] = [
    "/event",
    "/events",
    "/openapi.json",
    "/redoc",
    "/events/query",
    "/events/archive",
    "/events/archived",
    "/health",
    "/settings",
    "/docs",
    "/backup",
    "/backup/status",
];

/// Builds the service with all routes and layers.
pub fn router(state: AppState) -> Router {
    let timeout = Duration::from_secs(state.settings.request_timeout_seconds);
    let body_limit = state.max_body_bytes;
    Router::new()
        .route("/event", post(events::create))
        .route("/event/{event_id}", get(events::get_one))
        .route("/events", get(events::list))
        .route("/events/query", post(events::query))
        .route("/events/archive", post(archive::archive))
        .route("/events/archived", get(archive::list_archived).delete(archive::purge))
        .route("/events/batch", post(batch::create_batch))
        .route("/events/stream", get(stream::stream_events))
        .route("/backup", post(backup::create))
        .route("/backup/status", get(backup::status))
        .route("/health", get(health::health))
        .route("/settings", get(settings::settings))
        .route("/openapi.json", get(docs::openapi))
        .route("/docs", get(docs::page))
        .route("/redoc", get(docs::page))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, timeout))
        .layer(cors())
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
}

/// Any origin, any method, any header, no credentials: what the MADSci dashboard expects.
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods(Any)
        .allow_headers(Any)
        .max_age(Duration::from_secs(600))
}

/// One span per request, keyed on the route template. Only the method, route and request id
/// are recorded: never bodies, query strings or headers that may carry secrets.
fn request_span(request: &Request) -> tracing::Span {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str)
        .to_owned();
    let request_id = request
        .headers()
        .get(HeaderName::from_static("x-request-id"))
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .chars()
        .take(64)
        .collect::<String>();
    if route == "/health" {
        tracing::debug_span!("request", method = %request.method(), route, request_id)
    } else {
        tracing::info_span!("request", method = %request.method(), route, request_id)
    }
}

async fn not_found(method: Method, uri: Uri) -> Response {
    let path = uri.path();
    let trimmed = path.strip_suffix('/').unwrap_or(path);
    if trimmed != path && is_served_path(trimmed) && method != Method::OPTIONS {
        let target = match uri.query() {
            Some(query) => format!("{trimmed}?{query}"),
            None => trimmed.to_owned(),
        };
        return Redirect::temporary(&target).into_response();
    }
    (StatusCode::NOT_FOUND, axum::Json(json!({ "detail": "Not Found" }))).into_response()
}

/// Reports whether a path without its trailing slash is one of the routes, as Starlette
/// checks before redirecting.
fn is_served_path(path: &str) -> bool {
    let single_segment = |prefix: &str| {
        path.strip_prefix(prefix).is_some_and(|rest| !rest.is_empty() && !rest.contains('/'))
    };
    PATHS.contains(&path) || single_segment("/event/")
}

async fn method_not_allowed() -> Response {
    let body = axum::Json(json!({ "detail": "Method Not Allowed" }));
    let mut response = (StatusCode::METHOD_NOT_ALLOWED, body).into_response();
    response.headers_mut().remove(header::ALLOW);
    response
}
