//! Integration tests: the real binary over HTTP and the stores in process. One test binary,
//! one module per area.

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
mod store_conformance;
