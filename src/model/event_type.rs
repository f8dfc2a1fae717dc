//! The 63 MADSci event types, in the order upstream's schema lists them.
//!
//! The order matters only for the text of the validation error, which enumerates every value the
//! way pydantic does.

use std::fmt;

/// Every event type name as it appears on the wire (lowercase).
pub const EVENT_TYPE_NAMES: [&str; 63] = [
    "unknown",
    "log",
    "log_debug",
    "log_info",
    "log_warning",
    "log_error",
    "log_critical",
    "test",
    "lab_create",
    "lab_start",
    "lab_stop",
    "node_create",
    "node_start",
    "node_stop",
    "node_config_update",
    "node_status_update",
    "node_error",
    "workcell_create",
    "workcell_start",
    "workcell_stop",
    "workcell_config_update",
    "workcell_status_update",
    "workflow_create",
    "workflow_start",
    "workflow_complete",
    "workflow_abort",
    "experiment_create",
    "experiment_start",
    "experiment_complete",
    "experiment_failed",
    "experiment_cancelled",
    "experiment_pause",
    "experiment_continued",
    "campaign_create",
    "campaign_start",
    "campaign_complete",
    "campaign_abort",
    "action_status_change",
    "resource_create",
    "resource_update",
    "resource_delete",
    "resource_allocate",
    "resource_release",
    "location_create",
    "location_update",
    "location_delete",
    "attachment_create",
    "attachment_delete",
    "data_store",
    "data_query",
    "data_export",
    "manager_start",
    "manager_stop",
    "manager_error",
    "manager_health_check",
    "workflow_step_start",
    "workflow_step_complete",
    "workflow_step_failed",
    "action_start",
    "action_complete",
    "action_failed",
    "backup_create",
    "backup_restore",
];

/// One of the 63 event types, stored as its index in [`EVENT_TYPE_NAMES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EventType(u8);

impl EventType {
    /// The type of an event posted without one.
    pub const UNKNOWN: EventType = EventType(0);

    /// Looks a type up by name, ignoring ASCII case as upstream does (`LOG_INFO` is `log_info`).
    pub fn from_name(name: &str) -> Option<EventType> {
        EVENT_TYPE_NAMES
            .iter()
            .position(|candidate| candidate.eq_ignore_ascii_case(name))
            .map(|index| EventType(index as u8))
    }

    /// The lowercase wire name.
    pub fn as_str(self) -> &'static str {
        EVENT_TYPE_NAMES[usize::from(self.0)]
    }

    /// The list of accepted values in pydantic's wording: `'a', 'b' or 'c'`.
    pub fn expected_list() -> String {
        let quoted: Vec<String> = EVENT_TYPE_NAMES.iter().map(|name| format!("'{name}'")).collect();
        let (last, rest) = quoted.split_last().expect("the list is not empty");
        format!("{} or {last}", rest.join(", "))
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_ignores_case() {
        assert_eq!(EventType::from_name("LOG_INFO").map(EventType::as_str), Some("log_info"));
        assert_eq!(EventType::from_name("Node_Error").map(EventType::as_str), Some("node_error"));
        assert_eq!(EventType::from_name("not_a_type"), None);
    }

    #[test]
    fn expected_list_reads_like_pydantic() {
        let list = EventType::expected_list();
        assert!(list.starts_with("'unknown', 'log', 'log_debug'"));
        assert!(list.ends_with("'backup_create' or 'backup_restore'"));
    }
}
