//! The event model: upstream's wire format, validation and time handling.

pub mod event;
pub mod event_type;
pub mod level;
pub mod ownership;
pub mod time;
pub mod validation;

pub use event::Event;
pub use event_type::EventType;
pub use ownership::Ownership;
pub use time::{NaiveZone, Timestamp};
pub use validation::FieldError;
