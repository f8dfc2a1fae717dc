//! A blocking HTTP client of the event API, for the command-line subcommands.
//!
//! It is blocking (ureq) and reads no server settings, so a one-shot command such as
//! `madsci-events log` starts in milliseconds. Every request is retried on connection
//! failures and on 408, 429, 500, 502, 503 and 504 with exponential backoff, honouring
//! `Retry-After`; all requests it sends are idempotent on this server (`POST /event` is
//! idempotent by event id). [`spool`] keeps events that could not be delivered.

pub mod deliver;
pub mod documents;
mod error;
pub mod retry;
pub mod settings;
pub mod spool;
pub mod sse;

use std::io::Read;
use std::time::{Duration, SystemTime};

use serde_json::Value;
use ureq::Agent;
use ureq::http::Response;
use url::Url;

pub use self::error::{ClientError, is_transient_status};
pub use self::retry::RetryPolicy;
use self::retry::parse_retry_after;
use self::sse::EventStream;
use crate::config::redact_url;

/// The most of an error body read to build a message, in bytes.
const ERROR_BODY_LIMIT: u64 = 64 * 1024;

/// How a [`Client`] connects.
#[derive(Clone, Debug)]
pub struct ClientOptions {
    /// The server's base URL, such as `http://127.0.0.1:8001`.
    pub server: String,
    /// The longest one request may take, connection included.
    pub timeout: Duration,
    pub retry: RetryPolicy,
}

/// A connection to one event server.
pub struct Client {
    agent: Agent,
    /// The base URL without a trailing slash.
    base: String,
    /// The base URL with any password hidden, for messages.
    display: String,
    retry: RetryPolicy,
}

impl Client {
    /// Checks the server URL and prepares a connection pool; nothing is sent yet.
    pub fn new(options: &ClientOptions) -> Result<Client, ClientError> {
        let base = check_server_url(&options.server)?;
        let config = Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(options.timeout))
            .user_agent(concat!("madsci-events/", env!("CARGO_PKG_VERSION")))
            .build();
        Ok(Client {
            agent: Agent::new_with_config(config),
            display: redact_url(&base),
            base,
            retry: options.retry,
        })
    }

    /// The server URL with any password hidden.
    pub fn server(&self) -> &str {
        &self.display
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// `POST /event` with one event document.
    pub fn post_event(&self, json: &str) -> Result<(), ClientError> {
        let url = self.url("/event");
        self.send(|| self.agent.post(&url).content_type("application/json").send(json))?;
        Ok(())
    }

    /// `POST /events/batch` with a JSON array of events. Returns `None` when the server has no
    /// batch endpoint (404 or 405, as upstream's server returns).
    pub fn post_batch(&self, json_array: &str) -> Result<Option<Value>, ClientError> {
        let url = self.url("/events/batch");
        let sent =
            self.send(|| self.agent.post(&url).content_type("application/json").send(json_array));
        match sent {
            Ok(response) => self.read_json(response).map(Some),
            Err(error) if matches!(error.status(), Some(404 | 405)) => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// `GET /event/{id}`; `None` when the server has no such event.
    pub fn get_event(&self, id: &str) -> Result<Option<Value>, ClientError> {
        let mut url = Url::parse(&self.url("/event")).map_err(|error| self.invalid_url(error))?;
        url.path_segments_mut().map_err(|()| self.invalid_url("cannot carry a path"))?.push(id);
        match self.send(|| self.agent.get(url.as_str()).call()) {
            Ok(response) => self.read_json(response).map(Some),
            Err(error) if error.status() == Some(404) => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// `GET /events` with query parameters; the events in the server's order (newest first).
    pub fn list_events(&self, params: &[(&str, String)]) -> Result<Vec<Value>, ClientError> {
        let url = self.url("/events");
        let response = self.send(|| self.agent.get(&url).query_pairs(pairs(params)).call())?;
        self.read_documents(response)
    }

    /// `POST /events/query` with a raw selector; the matching events in insertion order.
    pub fn query(&self, selector: &Value) -> Result<Vec<Value>, ClientError> {
        self.read_documents(self.send_query(selector)?)
    }

    /// `POST /events/query`, returning the response for [`documents::for_each_document`], so
    /// that a large result is never held in memory.
    pub fn send_query(&self, selector: &Value) -> Result<Response<ureq::Body>, ClientError> {
        let url = self.url("/events/query");
        let body = selector.to_string();
        self.send(|| self.agent.post(&url).content_type("application/json").send(&body))
    }

    /// `POST /events/archive` with an `ArchiveEventsRequest` body.
    pub fn archive(&self, body: &Value) -> Result<Value, ClientError> {
        let url = self.url("/events/archive");
        let body = body.to_string();
        let response =
            self.send(|| self.agent.post(&url).content_type("application/json").send(&body))?;
        self.read_json(response)
    }

    /// `DELETE /events/archived?older_than_days=N`.
    pub fn purge(&self, older_than_days: i64) -> Result<Value, ClientError> {
        let url = self.url("/events/archived");
        let days = older_than_days.to_string();
        let response =
            self.send(|| self.agent.delete(&url).query("older_than_days", &days).call())?;
        self.read_json(response)
    }

    /// `GET /health`.
    pub fn health(&self) -> Result<Value, ClientError> {
        let url = self.url("/health");
        let response = self.send(|| self.agent.get(&url).call())?;
        self.read_json(response)
    }

    /// `GET /events/stream`: opens the server-sent event stream. The stream has no overall
    /// timeout; the server's keep-alive comments keep it from looking idle.
    pub fn stream(&self, params: &[(&str, String)]) -> Result<EventStream, ClientError> {
        let url = self.url("/events/stream");
        let response = self.send(|| {
            self.agent
                .get(&url)
                .query_pairs(pairs(params))
                .header("accept", "text/event-stream")
                .config()
                .timeout_global(None)
                .build()
                .call()
        })?;
        Ok(EventStream::new(response.into_body().into_reader()))
    }

    /// Sends a request, retrying transient failures, and returns a 2xx response or the error.
    fn send<F>(&self, request: F) -> Result<Response<ureq::Body>, ClientError>
    where
        F: Fn() -> Result<Response<ureq::Body>, ureq::Error>,
    {
        let mut retry = 0;
        loop {
            let (error, retry_after) = match request() {
                Ok(response) if response.status().is_success() => return Ok(response),
                Ok(response) => {
                    let error = self.status_error(response);
                    if !error.is_transient() {
                        return Err(error);
                    }
                    let retry_after = match &error {
                        ClientError::Status { retry_after, .. } => *retry_after,
                        _ => None,
                    };
                    (error, retry_after)
                }
                Err(error) => (self.transport_error(error, retry + 1)?, None),
            };
            retry += 1;
            let Some(wait) = self.retry.wait_before(retry, retry_after) else {
                return Err(error);
            };
            tracing::debug!(server = %self.display, %error, ?wait, retry, "retrying");
            std::thread::sleep(wait);
        }
    }

    /// Classifies a failure without an HTTP response. Transport failures become
    /// [`ClientError::Unreachable`]; anything else is returned at once as `Err`.
    fn transport_error(
        &self,
        error: ureq::Error,
        attempts: u32,
    ) -> Result<ClientError, ClientError> {
        let server = self.display.clone();
        match error {
            ureq::Error::Io(_)
            | ureq::Error::ConnectionFailed
            | ureq::Error::HostNotFound
            | ureq::Error::Timeout(_)
            | ureq::Error::Protocol(_) => {
                Ok(ClientError::Unreachable { server, attempts, reason: error.to_string() })
            }
            ureq::Error::BadUri(reason) => Err(ClientError::InvalidUrl { url: server, reason }),
            other => Err(ClientError::InvalidResponse { server, reason: other.to_string() }),
        }
    }

    fn status_error(&self, mut response: Response<ureq::Body>) -> ClientError {
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|value| value.to_str().ok())
            .and_then(|value| parse_retry_after(value, SystemTime::now()));
        let mut text = String::new();
        let reader = response.body_mut().as_reader().take(ERROR_BODY_LIMIT);
        let _ = std::io::BufReader::new(reader).read_to_string(&mut text);
        ClientError::Status {
            server: self.display.clone(),
            status,
            detail: error_detail(&text),
            retry_after,
        }
    }

    fn read_json(&self, response: Response<ureq::Body>) -> Result<Value, ClientError> {
        let reader = std::io::BufReader::new(response.into_body().into_reader());
        serde_json::from_reader(reader).map_err(|error| self.bad_body(&error))
    }

    fn read_documents(&self, response: Response<ureq::Body>) -> Result<Vec<Value>, ClientError> {
        let reader = std::io::BufReader::new(response.into_body().into_reader());
        let map: serde_json::Map<String, Value> =
            serde_json::from_reader(reader).map_err(|error| self.bad_body(&error))?;
        Ok(map.into_iter().map(|(_, document)| document).collect())
    }

    fn bad_body(&self, error: &serde_json::Error) -> ClientError {
        let reason = format!("the body is not the expected JSON: {error}");
        ClientError::InvalidResponse { server: self.display.clone(), reason }
    }

    fn invalid_url(&self, reason: impl std::fmt::Display) -> ClientError {
        ClientError::InvalidUrl { url: self.display.clone(), reason: reason.to_string() }
    }
}

fn pairs<'a>(params: &'a [(&'a str, String)]) -> impl Iterator<Item = (&'a str, &'a str)> {
    params.iter().map(|(name, value)| (*name, value.as_str()))
}

/// Checks that `server` is an `http` or `https` URL with a host, and returns it without a
/// trailing slash, so paths can be appended.
pub fn check_server_url(server: &str) -> Result<String, ClientError> {
    let invalid = |reason: &str| ClientError::InvalidUrl {
        url: redact_url(server),
        reason: reason.to_owned(),
    };
    let url = Url::parse(server.trim()).map_err(|error| invalid(&error.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid("the scheme must be `http` or `https`"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("the URL has no host"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("the URL must not have a query or a fragment"));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

/// Turns an error body into one line: FastAPI's `{"detail": "…"}`, the messages of a 422
/// list, or the start of the raw text.
fn error_detail(text: &str) -> String {
    let detail = serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|mut body| body.get_mut("detail").map(Value::take));
    match detail {
        Some(detail) => error_detail_value(&detail),
        None if text.trim().is_empty() => "no details given".to_owned(),
        None => text.trim().chars().take(200).collect(),
    }
}

/// Turns a `detail` value into one line: a string as is, a list of validation errors as
/// `loc: msg` joined with `; `.
pub(crate) fn error_detail_value(detail: &Value) -> String {
    match detail {
        Value::String(detail) => detail.clone(),
        Value::Array(errors) => errors.iter().map(field_error_line).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    }
}

/// `loc.path: msg` for one FastAPI validation error.
fn field_error_line(error: &Value) -> String {
    let location: Vec<String> = error
        .get("loc")
        .and_then(Value::as_array)
        .map(|loc| {
            loc.iter()
                .map(|part| part.as_str().map_or_else(|| part.to_string(), str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let message = error.get("msg").and_then(Value::as_str).unwrap_or("invalid");
    if location.is_empty() {
        message.to_owned()
    } else {
        format!("{}: {message}", location.join("."))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_urls_are_checked() {
        assert_eq!(check_server_url("http://127.0.0.1:8001/").unwrap(), "http://127.0.0.1:8001");
        assert_eq!(check_server_url("http://h:1/api/").unwrap(), "http://h:1/api");
        assert!(check_server_url("ftp://h").is_err());
        assert!(check_server_url("127.0.0.1:8001").is_err());
        assert!(check_server_url("http://h/?x=1").is_err());
    }

    #[test]
    fn invalid_url_hides_the_password() {
        let error = check_server_url("ftp://user:hunter2@h/").unwrap_err();
        assert!(!error.to_string().contains("hunter2"), "{error}");
    }

    #[test]
    fn error_details_are_one_line() {
        assert_eq!(
            error_detail(r#"{"detail":"Event with ID x not found"}"#),
            "Event with ID x not found"
        );
        let validation =
            r#"{"detail":[{"loc":["body","source","node_id"],"msg":"Value error, Invalid ULID"}]}"#;
        assert_eq!(error_detail(validation), "body.source.node_id: Value error, Invalid ULID");
        assert_eq!(error_detail("Internal Server Error"), "Internal Server Error");
        assert_eq!(error_detail(""), "no details given");
    }
}
