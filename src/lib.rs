//! madsci-events: an event server and command-line toolkit that replaces the MADSci Event
//! Manager.
//!
//! - [`api`]: the HTTP API (axum), wire-compatible with upstream 0.8.1.
//! - [`store`]: the [`store::EventStore`] trait and its backends.
//! - [`model`]: the event and its validation.
//! - [`query`]: MongoDB selectors evaluated outside MongoDB.
//! - [`config`]: layered settings.
//! - [`alert`]: email and webhook alerts, sent off the request path.
//! - [`retention`]: the background task that archives and deletes old events.
//! - [`backup`] and [`schema`]: backups, restores, schema versions and migrations.
//! - [`cli`] and [`commands`]: the command line, one module per subcommand.
//! - [`client`] and [`output`]: the HTTP client and the printing of the client subcommands.

// Unit tests may unwrap: a panic there is a failure that carries its message.
#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod alert;
pub mod api;
pub mod backup;
pub mod cli;
pub mod client;
pub mod commands;
pub mod config;
pub mod model;
pub mod output;
pub mod query;
pub mod retention;
pub mod schema;
pub mod store;
