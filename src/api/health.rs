//! `GET /health`: always 200, returned within [`HEALTH_TIMEOUT`] even when the store hangs.

use std::time::Duration;

use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use super::AppState;

/// Maximum time the health check waits for the store.
const HEALTH_TIMEOUT: Duration = Duration::from_millis(1500);

/// Reports whether the store responds and how many events it contains, in upstream's key order.
pub(super) async fn health(State(state): State<AppState>) -> Json<Value> {
    let count = tokio::time::timeout(HEALTH_TIMEOUT, state.store.count()).await;
    let (healthy, description, total) = match count {
        Ok(Ok(total)) => (true, "Event Manager is running normally".to_owned(), Some(total)),
        Ok(Err(error)) => (false, format!("Database connection failed: {error}"), None),
        Err(_) => (false, "Database connection failed: timed out".to_owned(), None),
    };
    Json(json!({
        "healthy": healthy,
        "description": description,
        "version": env!("CARGO_PKG_VERSION"),
        "db_connected": healthy,
        "total_events": total,
        "otel_enabled": null,
        "otel_exporter_type": null,
        "otel_endpoint": null,
    }))
}
