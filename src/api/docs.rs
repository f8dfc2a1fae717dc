//! The API description: `GET /openapi.json` and a page that renders it at `/docs` and `/redoc`.
//!
//! Both files are compiled into the binary, so the page works without internet access.

use axum::http::header;
use axum::response::{Html, IntoResponse, Response};

const OPENAPI: &str = include_str!("openapi.json");
const PAGE: &str = include_str!("docs.html");

/// `GET /openapi.json`.
pub(super) async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// `GET /docs` and `GET /redoc`.
pub(super) async fn page() -> Html<&'static str> {
    Html(PAGE)
}
