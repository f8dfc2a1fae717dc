//! Success responses: stored JSON text sent as is, and id-keyed maps streamed.

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use futures_util::{StreamExt, stream};

use super::error::ApiError;
use crate::store::{DocumentStream, StoredDocument};

/// A 200 response whose body is JSON text that is already serialized.
pub(super) fn json_text(text: String) -> Response {
    let mut response = Body::from(text).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// Streams documents as one JSON object keyed by id, in stream order: `{"<id>": <doc>, …}`.
///
/// The first document is read before the response starts, so a store that fails at once gets
/// an error status. A failure later in the stream is logged and ends the connection early,
/// which the client sees as a truncated body rather than as valid JSON.
pub(super) async fn id_map(mut documents: DocumentStream) -> Result<Response, ApiError> {
    let first = documents.next().await.transpose()?;
    let Some(first) = first else {
        return Ok(json_text("{}".into()));
    };
    let head = stream::once(async move { Ok(entry(&first, '{')) });
    let rest = documents.map(|item| match item {
        Ok(document) => Ok(entry(&document, ',')),
        Err(error) => {
            tracing::error!(%error, "event stream failed mid-response");
            Err(error)
        }
    });
    let tail = stream::once(async { Ok(Bytes::from_static(b"}")) });
    let mut response = Body::from_stream(head.chain(rest).chain(tail)).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Ok(response)
}

fn entry(document: &StoredDocument, separator: char) -> Bytes {
    let key = serde_json::to_string(&document.id).expect("a string always serializes");
    let mut text = String::with_capacity(key.len() + document.json.len() + 2);
    text.push(separator);
    text.push_str(&key);
    text.push(':');
    text.push_str(&document.json);
    Bytes::from(text)
}
