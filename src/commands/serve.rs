//! `madsci-events serve`: open the store, serve the API, shut down cleanly.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, bail};
use tokio::net::TcpListener;
use ulid::Ulid;
use url::Url;

use crate::api::{AppState, router};
use crate::cli::ServeArgs;
use crate::config::{Settings, SettingsOverrides, StoreLocation, load, redact_url};
use crate::model::NaiveZone;
use crate::store::EventStore;
use crate::store::sqlite::SqliteStore;

/// Loads the settings, then serves until SIGINT or SIGTERM.
pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let overrides = SettingsOverrides {
        server_url: None,
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
    let store = open_store(&settings, zone.clone())?;
    let address = listen.map_or_else(|| listen_address(&settings.server_url), Ok)?;
    let listener = TcpListener::bind(&address)
        .await
        .with_context(|| format!("failed to listen on `{address}`"))?;
    let local: SocketAddr = listener.local_addr().context("failed to read the bound address")?;
    let manager_id = settings.manager_id.clone().unwrap_or_else(|| Ulid::new().to_string());
    let state = AppState {
        store: Arc::clone(&store),
        max_body_bytes: settings.max_body_bytes,
        settings: Arc::new(settings),
        zone,
        manager_id,
    };
    tracing::info!(address = %local, "listening on http://{local}");
    let served =
        axum::serve(listener, router(state)).with_graceful_shutdown(shutdown_signal()).await;
    // In-flight requests have finished; commit anything still queued before exiting.
    store.close().await;
    tracing::info!("stopped");
    served.context("the server failed")
}

fn open_store(settings: &Settings, zone: NaiveZone) -> anyhow::Result<Arc<dyn EventStore>> {
    match StoreLocation::from_url(settings.document_db_url.as_ref())? {
        StoreLocation::Sqlite(path) => {
            let store = SqliteStore::open(&path, zone)?;
            tracing::info!(path = %path.display(), "using the embedded store");
            Ok(Arc::new(store))
        }
        StoreLocation::Mongo(url) => bail!(
            "the MongoDB backend is not available in this build (database URL `{}`): \
             use `--db-url sqlite://PATH` or leave the URL unset for the embedded store",
            redact_url(url.expose())
        ),
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
