//! Delivering many events: `POST /events/batch`, falling back to one `POST /event` per event
//! on a server without the batch endpoint (such as upstream's), and flushing the spool.

use std::cell::Cell;

use serde_json::Value;

use super::spool::{Spool, SpoolEntry, SpoolError};
use super::{Client, ClientError, error_detail_value};

/// Events per request when the spool is flushed.
pub const FLUSH_BATCH_SIZE: usize = 100;

/// Result of delivering one event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Stored now.
    Inserted,
    /// Already stored with the same content.
    Existing,
    /// Stored now or before; a server without the batch endpoint does not say which.
    Accepted,
    /// The id is stored with different content; the stored event was kept.
    Conflict(String),
    /// The server rejected the event as invalid.
    Invalid(String),
}

impl Outcome {
    /// Reports whether the event is on the server.
    pub fn is_stored(&self) -> bool {
        matches!(self, Outcome::Inserted | Outcome::Existing | Outcome::Accepted)
    }

    /// Returns the reason of a rejection.
    pub fn rejection(&self) -> Option<&str> {
        match self {
            Outcome::Conflict(reason) | Outcome::Invalid(reason) => Some(reason),
            _ => None,
        }
    }
}

/// Sends events in batches, remembering whether the server has the batch endpoint.
pub struct Delivery<'a> {
    client: &'a Client,
    has_batch_endpoint: Cell<bool>,
}

impl<'a> Delivery<'a> {
    pub fn new(client: &'a Client) -> Delivery<'a> {
        Delivery { client, has_batch_endpoint: Cell::new(true) }
    }

    /// Delivers events (JSON objects as text) and returns one outcome per event, in order.
    /// Fails only when the server cannot take any of them now.
    pub fn send(&self, events: &[&str]) -> Result<Vec<Outcome>, ClientError> {
        if self.has_batch_endpoint.get() {
            let body = format!("[{}]", events.join(","));
            match self.client.post_batch(&body)? {
                Some(reply) => return self.read_reply(&reply, events.len()),
                None => self.has_batch_endpoint.set(false),
            }
        }
        events.iter().map(|event| self.send_one(event)).collect()
    }

    fn send_one(&self, event: &str) -> Result<Outcome, ClientError> {
        match self.client.post_event(event) {
            Ok(()) => Ok(Outcome::Accepted),
            Err(ClientError::Status { status: 409, detail, .. }) => Ok(Outcome::Conflict(detail)),
            Err(error) if error.status().is_some() && !error.is_transient() => {
                Ok(Outcome::Invalid(error.to_string()))
            }
            Err(error) => Err(error),
        }
    }

    fn read_reply(&self, reply: &Value, expected: usize) -> Result<Vec<Outcome>, ClientError> {
        let results = reply.get("results").and_then(Value::as_array);
        let outcomes: Option<Vec<Outcome>> =
            results.map(|results| results.iter().map(outcome_of).collect());
        match outcomes {
            Some(outcomes) if outcomes.len() == expected => Ok(outcomes),
            _ => Err(ClientError::InvalidResponse {
                server: self.client.server().to_owned(),
                reason: format!("the batch reply does not list one result per event ({expected})"),
            }),
        }
    }
}

fn outcome_of(result: &Value) -> Outcome {
    let detail = || result.get("detail").map(event_detail).unwrap_or_default();
    match result.get("outcome").and_then(Value::as_str) {
        Some("inserted") => Outcome::Inserted,
        Some("existing") => Outcome::Existing,
        Some("conflict") => Outcome::Conflict(detail()),
        _ => Outcome::Invalid(detail()),
    }
}

/// Formats the `detail` of a batch result as one line. Validation errors are located in the batch
/// (`body.3.source.node_id`); the `body.3.` part is dropped, since the caller knows which
/// event it sent third.
fn event_detail(detail: &Value) -> String {
    let Value::Array(errors) = detail else {
        return error_detail_value(detail);
    };
    let local: Vec<Value> = errors
        .iter()
        .map(|error| {
            let mut error = error.clone();
            if let Some(Value::Array(loc)) = error.get_mut("loc") {
                let prefix = loc.iter().take(2).take_while(|part| part == &"body" || part.is_u64());
                let skip = prefix.count();
                loc.drain(..skip);
            }
            error
        })
        .collect();
    error_detail_value(&Value::Array(local))
}

/// Counts of a spool flush.
#[derive(Debug, Default)]
pub struct FlushReport {
    pub delivered: u64,
    /// Entries the server rejected, with the event id (or file) and the reason; they were moved
    /// to the spool's `rejected/` folder.
    pub rejected: Vec<(String, String)>,
    /// Entries still waiting because the server could not take them.
    pub remaining: u64,
    /// Error that stopped delivery early, if any.
    pub stopped_by: Option<ClientError>,
}

/// Delivers every spooled event, oldest first, `FLUSH_BATCH_SIZE` per request. Calls
/// `progress` with the number of entries handled so far.
pub fn flush_spool(
    delivery: &Delivery<'_>,
    spool: &Spool,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<FlushReport, SpoolError> {
    let paths = spool.pending()?;
    let total = paths.len() as u64;
    let mut report = FlushReport::default();
    let mut handled = 0;
    for chunk in paths.chunks(FLUSH_BATCH_SIZE) {
        let entries: Vec<SpoolEntry> = chunk
            .iter()
            .filter_map(|path| spool.read(path).transpose())
            .collect::<Result<_, _>>()?;
        if let Err(error) = deliver_entries(delivery, spool, &entries, &mut report) {
            report.remaining = total - handled;
            report.stopped_by = Some(error);
            return Ok(report);
        }
        handled += chunk.len() as u64;
        progress(handled, total);
    }
    Ok(report)
}

fn deliver_entries(
    delivery: &Delivery<'_>,
    spool: &Spool,
    entries: &[SpoolEntry],
    report: &mut FlushReport,
) -> Result<(), ClientError> {
    let (events, broken): (Vec<&SpoolEntry>, Vec<&SpoolEntry>) =
        entries.iter().partition(|entry| entry.id.is_some());
    for entry in broken {
        reject(spool, entry, "the file is not an event with an `_id`", report);
    }
    if events.is_empty() {
        return Ok(());
    }
    let bodies: Vec<&str> = events.iter().map(|entry| entry.json.as_str()).collect();
    let outcomes = delivery.send(&bodies)?;
    for (entry, outcome) in events.into_iter().zip(outcomes) {
        match outcome.rejection() {
            Some(reason) => reject(spool, entry, reason, report),
            None => {
                if let Err(error) = spool.remove(entry) {
                    tracing::warn!(%error, "failed to remove a delivered spool entry");
                }
                report.delivered += 1;
            }
        }
    }
    Ok(())
}

fn reject(spool: &Spool, entry: &SpoolEntry, reason: &str, report: &mut FlushReport) {
    let name = entry.id.clone().unwrap_or_else(|| entry.path.display().to_string());
    if let Err(error) = spool.reject(entry, reason) {
        tracing::warn!(%error, "failed to move a rejected spool entry");
    }
    report.rejected.push((name, reason.to_owned()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn batch_details_drop_the_batch_position() {
        let result = json!({"outcome": "invalid", "detail": [
            {"loc": ["body", 3, "source", "node_id"], "msg": "Value error, Invalid ULID"}
        ]});
        assert_eq!(
            outcome_of(&result),
            Outcome::Invalid("source.node_id: Value error, Invalid ULID".into())
        );
        let conflict = json!({"outcome": "conflict", "detail": "event `A` already exists"});
        assert_eq!(outcome_of(&conflict), Outcome::Conflict("event `A` already exists".into()));
        assert_eq!(outcome_of(&json!({"outcome": "existing"})), Outcome::Existing);
    }
}
