//! Success responses: stored JSON text sent as is, and id-keyed maps streamed.

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use futures_util::{StreamExt, stream};

use super::error::ApiError;
use crate::store::{DocumentStream, StoreError, StoredDocument};

/// A 200 response whose body is JSON text that is already serialized.
pub(super) fn json_text(text: String) -> Response {
    let mut response = Body::from(text).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// Most documents written to the socket in one chunk.
const DOCUMENTS_PER_CHUNK: usize = 256;

/// Streams documents as one JSON object keyed by id, in stream order: `{"<id>": <doc>, …}`.
///
/// The first document is read before the response starts, so a store that fails at once gets
/// an error status. A failure later in the stream is logged and ends the connection early,
/// which the client sees as a truncated body rather than as valid JSON. Documents that are
/// already waiting are written together, so a page of 100 events leaves in one or two writes.
pub(super) async fn id_map(mut documents: DocumentStream) -> Result<Response, ApiError> {
    let first = documents.next().await.transpose()?;
    let Some(first) = first else {
        return Ok(json_text("{}".into()));
    };
    let mut separator = '{';
    let body = stream::once(async move { Ok(first) })
        .chain(documents)
        .ready_chunks(DOCUMENTS_PER_CHUNK)
        .map(move |chunk| {
            let mut text = String::new();
            for item in chunk {
                let document = item.inspect_err(|error| {
                    tracing::error!(%error, "event stream failed mid-response");
                })?;
                push_entry(&mut text, &document, separator);
                separator = ',';
            }
            Ok::<_, StoreError>(Bytes::from(text))
        })
        .chain(stream::once(async { Ok(Bytes::from_static(b"}")) }));
    let mut response = Body::from_stream(body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Ok(response)
}

fn push_entry(text: &mut String, document: &StoredDocument, separator: char) {
    let key = serde_json::to_string(&document.id).expect("a string always serializes");
    text.reserve(key.len() + document.json.len() + 2);
    text.push(separator);
    text.push_str(&key);
    text.push(':');
    text.push_str(&document.json);
}
