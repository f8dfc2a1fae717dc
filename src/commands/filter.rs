//! Turning the filter flags into requests: `GET /events` parameters when the server can filter
//! and sort that way, a MongoDB selector for `POST /events/query` when it cannot, and the
//! parameters of `GET /events/stream`.
//!
//! `GET /events` filters only by level, time and archived state, but sorts newest first and
//! pages on the server, and upstream's server has it too. Source ids, types, `--where` and
//! `--archived` need a selector. `POST /events/query` neither sorts nor skips, so those results
//! are sorted and paged here.

use std::cmp::Reverse;

use serde_json::{Map, Value, json};

use super::args::{FilterArgs, time_param};
use crate::output::time::instant_micros;

/// Archived state filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Archived {
    Exclude,
    Include,
    Only,
}

impl Archived {
    /// Reads the `--include-archived` and `--archived` flags.
    pub fn from_flags(include: bool, only: bool) -> Archived {
        match (include, only) {
            (_, true) => Archived::Only,
            (true, false) => Archived::Include,
            (false, false) => Archived::Exclude,
        }
    }
}

impl FilterArgs {
    /// Reports whether `GET /events` cannot express the filters, so a selector is needed.
    pub fn needs_selector(&self, archived: Archived) -> bool {
        !self.owner.ids().is_empty()
            || !self.types.is_empty()
            || self.selector.is_some()
            || archived == Archived::Only
    }

    /// Builds one MongoDB selector over the stored documents from the filters.
    pub fn selector(&self, archived: Archived) -> Value {
        let mut selector = Map::new();
        for (field, id) in self.owner.ids() {
            selector.insert(format!("source.{field}"), Value::from(id));
        }
        if !self.types.is_empty() {
            selector.insert("event_type".into(), json!({ "$in": self.types }));
        }
        if let Some(level) = self.level {
            selector.insert("log_level".into(), json!({ "$gte": level }));
        }
        let mut time = Map::new();
        if let Some(since) = self.since {
            time.insert("$gte".into(), json!({ "$date": time_param(since) }));
        }
        if let Some(until) = self.until {
            time.insert("$lte".into(), json!({ "$date": time_param(until) }));
        }
        if !time.is_empty() {
            selector.insert("event_timestamp".into(), Value::Object(time));
        }
        match archived {
            Archived::Exclude => selector.insert("archived".into(), json!({ "$ne": true })),
            Archived::Only => selector.insert("archived".into(), Value::Bool(true)),
            Archived::Include => None,
        };
        match &self.selector {
            Some(raw) if selector.is_empty() => raw.clone(),
            Some(raw) => json!({ "$and": [Value::Object(selector), raw] }),
            None => Value::Object(selector),
        }
    }

    /// Builds the level, time and archived parameters of `GET /events` and the stream.
    fn common_params(&self, archived: Archived) -> Vec<(&'static str, String)> {
        let mut params = Vec::new();
        if let Some(level) = self.level {
            params.push(("level", level.to_string()));
        }
        if let Some(since) = self.since {
            params.push(("start_time", time_param(since)));
        }
        if let Some(until) = self.until {
            params.push(("end_time", time_param(until)));
        }
        if archived != Archived::Exclude {
            params.push(("include_archived", "true".to_owned()));
        }
        params
    }

    /// Builds the parameters of `GET /events`. A `limit` of 0 means no limit to the server.
    pub fn list_params(
        &self,
        archived: Archived,
        limit: u64,
        offset: u64,
    ) -> Vec<(&'static str, String)> {
        let mut params = self.common_params(archived);
        params.push(("number", limit.to_string()));
        if offset > 0 {
            params.push(("offset", offset.to_string()));
        }
        params
    }

    /// Builds the parameters of `GET /events/stream`, which sends the last `backlog` matching
    /// events first. Filters beyond level, time and archived state go in the `selector` parameter.
    pub fn stream_params(&self, archived: Archived, backlog: u64) -> Vec<(&'static str, String)> {
        let mut params = self.common_params(archived);
        if self.needs_selector(archived) {
            params.push(("selector", self.selector(archived).to_string()));
        }
        params.push(("backlog", backlog.to_string()));
        params
    }
}

/// Sorts events newest first by the instant of their timestamp (naive ones read as local
/// time), ties by id, then skips `offset` and keeps `limit` (0: all).
pub fn newest_first(mut events: Vec<Value>, limit: u64, offset: u64) -> Vec<Value> {
    events.sort_by_cached_key(|event| {
        let time = event.get("event_timestamp").and_then(Value::as_str).and_then(instant_micros);
        let id = event.get("_id").and_then(Value::as_str).unwrap_or_default().to_owned();
        Reverse((time.unwrap_or(i64::MIN), id))
    });
    let skip = usize::try_from(offset).unwrap_or(usize::MAX);
    let take = if limit == 0 { usize::MAX } else { usize::try_from(limit).unwrap_or(usize::MAX) };
    events.into_iter().skip(skip).take(take).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_filters_use_the_listing() {
        let filters = FilterArgs { level: Some(30), ..FilterArgs::default() };
        assert!(!filters.needs_selector(Archived::Exclude));
        assert!(filters.needs_selector(Archived::Only));
        let params = filters.list_params(Archived::Include, 10, 5);
        let expected =
            [("level", "30"), ("include_archived", "true"), ("number", "10"), ("offset", "5")];
        let expected: Vec<(&str, String)> =
            expected.iter().map(|(name, value)| (*name, (*value).to_owned())).collect();
        assert_eq!(params, expected);
    }

    #[test]
    fn selector_combines_every_filter() {
        let mut filters = FilterArgs {
            types: vec!["node_error".into()],
            level: Some(40),
            selector: Some(json!({"event_data.step": 3})),
            ..FilterArgs::default()
        };
        filters.owner.node_id = Some("01JRG5ZK3W8D7E6F5G4H3J2K1M".into());
        let selector = filters.selector(Archived::Exclude);
        assert_eq!(
            selector,
            json!({"$and": [
                {"source.node_id": "01JRG5ZK3W8D7E6F5G4H3J2K1M",
                 "event_type": {"$in": ["node_error"]}, "log_level": {"$gte": 40},
                 "archived": {"$ne": true}},
                {"event_data.step": 3}
            ]})
        );
    }

    #[test]
    fn sorting_compares_instants() {
        let events = vec![
            json!({"_id": "a", "event_timestamp": "2026-01-01T10:00:00+02:00"}),
            json!({"_id": "b", "event_timestamp": "2026-01-01T09:30:00Z"}),
            json!({"_id": "c", "event_timestamp": "2026-01-01T09:00:00Z"}),
        ];
        let ids = |events: Vec<Value>| -> Vec<String> {
            events.iter().map(|event| event["_id"].as_str().unwrap().to_owned()).collect()
        };
        assert_eq!(ids(newest_first(events.clone(), 0, 0)), ["b", "c", "a"]);
        assert_eq!(ids(newest_first(events, 1, 1)), ["c"]);
    }
}
