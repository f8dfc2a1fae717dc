//! madsci-events: an event server and command-line toolkit that replaces the MADSci Event
//! Manager.
//!
//! - [`api`]: the HTTP API (axum), wire-compatible with upstream 0.8.1.
//! - [`store`]: the [`store::EventStore`] trait and its backends.
//! - [`model`]: the event and its validation.
//! - [`query`]: MongoDB selectors evaluated outside MongoDB.
//! - [`config`]: layered settings.
//! - [`cli`] and [`commands`]: the command line, one module per subcommand.

pub mod api;
pub mod cli;
pub mod commands;
pub mod config;
pub mod model;
pub mod query;
pub mod store;
