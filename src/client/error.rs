//! Errors of talking to the event server.

use std::time::Duration;

/// Why a request to the event server failed.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The server URL cannot be used.
    #[error("invalid server URL `{url}`: {reason}; pass `--server http://HOST:PORT`")]
    InvalidUrl { url: String, reason: String },

    /// No HTTP response: connection refused, name not resolved, timed out, connection reset.
    #[error(
        "failed to reach the event server at `{server}` after {attempts} attempt(s): {reason}; \
         check that `madsci-events serve` runs there, or pass `--server URL`"
    )]
    Unreachable { server: String, attempts: u32, reason: String },

    /// The server returned an error status.
    #[error("the event server at `{server}` returned {status}: {detail}")]
    Status {
        server: String,
        status: u16,
        detail: String,
        /// The `Retry-After` delay the server asked for, if any.
        retry_after: Option<Duration>,
    },

    /// The server returned a body this client cannot read.
    #[error("invalid response from the event server at `{server}`: {reason}")]
    InvalidResponse { server: String, reason: String },
}

impl ClientError {
    /// Reports whether a later attempt may succeed: the server was unreachable, overloaded or
    /// unavailable. Rejected requests (4xx other than 408 and 429) are not transient.
    pub fn is_transient(&self) -> bool {
        match self {
            ClientError::Unreachable { .. } => true,
            ClientError::Status { status, .. } => is_transient_status(*status),
            ClientError::InvalidUrl { .. } | ClientError::InvalidResponse { .. } => false,
        }
    }

    /// Returns the HTTP status, when the server sent a response.
    pub fn status(&self) -> Option<u16> {
        match self {
            ClientError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }
}

/// Statuses worth retrying: request timeout, rate limit, and the 5xx that mean "try later".
pub fn is_transient_status(status: u16) -> bool {
    matches!(status, 408 | 429 | 500 | 502 | 503 | 504)
}
