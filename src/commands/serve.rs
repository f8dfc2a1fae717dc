//! `madsci-events serve`: open the store, serve the API, shut down cleanly.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::net::TcpListener;
use ulid::Ulid;
use url::Url;

use crate::alert::AlertService;
use crate::api::{AppState, EventFeed, router, serve_connections};
use crate::cli::ServeArgs;
use crate::config::{Settings, SettingsOverrides, StoreLocation, load, redact_url};
use crate::model::NaiveZone;
use crate::retention::{self, Policy};
use crate::store::EventStore;
use crate::store::mongo::{MongoConfig, MongoStore};
use crate::store::sqlite::SqliteStore;

/// Loads the settings, then serves until SIGINT or SIGTERM.
pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let overrides = SettingsOverrides {
        // `/settings` then shows the address the server really listens on.
        server_url: args.listen.as_ref().map(|address| format!("http://{address}/")),
        document_db_url: args.db_url,
        database_name: args.database,
        collection_name: args.collection,
        naive_timezone: args.naive_timezone,
    };
    let settings = load(&overrides)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("failed to start the async runtime")?;
    runtime.block_on(serve(settings, args.listen))?;
    Ok(ExitCode::SUCCESS)
}

async fn serve(settings: Settings, listen: Option<String>) -> anyhow::Result<()> {
    let zone: NaiveZone = settings.naive_timezone.parse()?;
    let retention_policy = Policy::from_settings(&settings)?;
    let hard_delete_after = retention_policy.as_ref().map(Policy::hard_delete_after);
    let store = open_store(&settings, zone.clone(), hard_delete_after).await?;

    let retention_task =
        retention_policy.map(|policy| retention::spawn(Arc::clone(&store), policy));
    let backup_task = crate::backup::scheduler::start(&settings)?;

    let address = listen.map_or_else(|| listen_address(&settings.server_url), Ok)?;
    let listener = TcpListener::bind(&address)
        .await
        .with_context(|| format!("failed to listen on `{address}`"))?;
    let local: SocketAddr = listener.local_addr().context("failed to read the bound address")?;

    let manager_id = settings.manager_id.clone().unwrap_or_else(|| Ulid::new().to_string());
    let (alerts, alert_service) = AlertService::start(&settings)?;
    let feed = EventFeed::default();
    let state = AppState {
        store: Arc::clone(&store),
        max_body_bytes: settings.max_body_bytes,
        settings: Arc::new(settings),
        zone,
        manager_id,
        alerts,
        feed: feed.clone(),
    };
    tracing::info!(address = %local, "listening on http://{local}");
    serve_connections(listener, router(state), stop(feed), SHUTDOWN_GRACE).await;

    if let Some(task) = retention_task {
        task.abort();
    }
    // NOTE: a scheduled backup still running when the process exits leaves a folder without
    // metadata, which listing and rotation ignore.
    if let Some(task) = backup_task {
        task.abort();
    }
    // Requests have finished, or were dropped after the grace period without an
    // acknowledgement, so commit what is still queued before exiting.
    store.close().await;
    if let Some(service) = alert_service {
        service.shutdown().await;
    }
    tracing::info!("stopped");
    Ok(())
}

/// Maximum wait for in-flight requests after SIGINT or SIGTERM. A client that stops reading
/// a streamed response must not keep the process alive.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// Opens the backend that the database URL selects. `hard_delete_after` is set when retention
/// is on; MongoDB then gets a TTL index on `archived_at`.
async fn open_store(
    settings: &Settings,
    zone: NaiveZone,
    hard_delete_after: Option<std::time::Duration>,
) -> anyhow::Result<Arc<dyn EventStore>> {
    match StoreLocation::from_url(settings.document_db_url.as_ref())? {
        StoreLocation::Sqlite(path) => {
            let store = SqliteStore::open(&path, zone)?;
            tracing::info!(path = %path.display(), "using the embedded store");
            Ok(Arc::new(store))
        }
        StoreLocation::Mongo(url) => {
            let redacted = redact_url(url.expose());
            let config = MongoConfig {
                url,
                database: settings.database_name.clone(),
                collection: settings.collection_name.clone(),
                zone,
                hard_delete_after,
            };
            let (database, collection) = (config.database.clone(), config.collection.clone());
            let store = MongoStore::open(config).await?;
            tracing::info!(url = %redacted, database, collection, "using MongoDB");
            Ok(Arc::new(store))
        }
    }
}

/// The `host:port` of the server URL, defaulting the port to 8001 as upstream does.
fn listen_address(server_url: &str) -> anyhow::Result<String> {
    let url = Url::parse(server_url)
        .with_context(|| format!("invalid server_url `{}`", redact_url(server_url)))?;
    let host = url.host_str().context("server_url has no host: write http://HOST:PORT/")?;
    let port = url.port().unwrap_or(8001);
    Ok(format!("{host}:{port}"))
}

/// Waits for SIGINT or SIGTERM, then ends the open event streams, which would otherwise keep
/// the graceful shutdown waiting.
async fn stop(feed: EventFeed) {
    shutdown_signal().await;
    feed.close();
}

async fn shutdown_signal() {
    let interrupt = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "failed to listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "failed to listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    tracing::info!("shutting down: finishing in-flight requests");
}
