//! Integration tests: the real binary over HTTP and the stores in process. One test binary,
//! one module per area.

// Tests may unwrap, and their helpers are `pub` across modules of this one test crate.
#![allow(clippy::unwrap_used, unreachable_pub)]

mod support;
mod compat;
mod http_archive;
mod http_common;
mod http_divergence;
mod http_durability;
mod http_errors;
mod http_idempotency;
mod http_ingest;
mod http_listing;
mod http_query;
mod http_service;
mod http_time;
mod mongo_documents;
mod mongo_outage;
mod mongo_startup;
mod mongo_upstream;
mod retention;
mod store_conformance;
mod alert_support;
mod alert_cli;
mod alert_delivery;
mod alert_email;
mod alert_webhook;
mod cli_support;
mod cli_archive;
mod cli_config;
mod cli_export;
mod cli_flush;
mod cli_generate;
mod cli_get;
mod cli_health;
mod cli_import;
mod cli_log;
mod cli_purge;
mod cli_query;
mod cli_tail;
mod http_batch;
mod http_stream;
mod db_support;
mod db_sqlite;
mod db_mongo;
mod db_migrate;
mod db_server;
mod db_upstream;
mod db_real_tools;
mod db_auth;
