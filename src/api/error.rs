//! Error responses in FastAPI's shapes: `{"detail": "…"}` or a 422 list of field errors.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::model::FieldError;
use crate::store::StoreError;

/// Seconds a client should wait before retrying while the store is unavailable.
const RETRY_AFTER_SECONDS: &str = "5";

/// Every non-success response a handler can return.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("request validation failed")]
    Validation(Vec<FieldError>),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("request body is larger than {limit} bytes")]
    PayloadTooLarge { limit: usize },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ApiError {
    /// One validation error.
    pub fn field(error: FieldError) -> ApiError {
        ApiError::Validation(vec![error])
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = match &self {
            ApiError::Validation(errors) => {
                (StatusCode::UNPROCESSABLE_ENTITY, json!({ "detail": errors }))
            }
            ApiError::BadRequest(detail) => (StatusCode::BAD_REQUEST, json!({ "detail": detail })),
            ApiError::NotFound(detail) => (StatusCode::NOT_FOUND, json!({ "detail": detail })),
            ApiError::Conflict(detail) => (StatusCode::CONFLICT, json!({ "detail": detail })),
            ApiError::PayloadTooLarge { limit } => {
                let detail = format!(
                    "request body is larger than the limit of {limit} bytes: send smaller \
                     events or raise max_body_bytes"
                );
                let mut response =
                    (StatusCode::PAYLOAD_TOO_LARGE, axum::Json(json!({ "detail": detail })))
                        .into_response();
                // The rest of the body was not read, so the connection cannot carry another
                // request; saying so lets the client open a new one instead of failing.
                response
                    .headers_mut()
                    .insert(header::CONNECTION, HeaderValue::from_static("close"));
                return response;
            }
            ApiError::Store(StoreError::Unavailable(reason)) => {
                tracing::warn!(%reason, "event store unavailable");
                let detail = "event store unavailable: retry later";
                let mut response =
                    (StatusCode::SERVICE_UNAVAILABLE, axum::Json(json!({ "detail": detail })))
                        .into_response();
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER_SECONDS));
                return response;
            }
            ApiError::Store(StoreError::Rejected(detail)) => {
                (StatusCode::BAD_REQUEST, json!({ "detail": detail }))
            }
            ApiError::Store(StoreError::Backend(reason)) => {
                tracing::error!(%reason, "event store failed");
                let detail = "internal error in the event store; the server log has the cause";
                (StatusCode::INTERNAL_SERVER_ERROR, json!({ "detail": detail }))
            }
        };
        (status, axum::Json(body)).into_response()
    }
}
