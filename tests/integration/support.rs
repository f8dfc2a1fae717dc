//! The test harness: a real server process on an ephemeral port, per backend.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use madsci_events::config::Secret;
use madsci_events::model::NaiveZone;
use madsci_events::store::EventStore;
use madsci_events::store::mongo::{MongoConfig, MongoStore};
use madsci_events::store::sqlite::SqliteStore;
use serde_json::Value;
use tempfile::TempDir;

/// The storage backends every conformance test runs against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    /// The MongoDB-wire server at [`MONGODB_URL_VAR`], a new database per test.
    Mongo,
}

/// The variable holding the URL of the MongoDB-wire server (SecantusDB) that `scripts/test`
/// installs and starts.
pub const MONGODB_URL_VAR: &str = "MADSCI_TEST_MONGODB_URL";

/// Returns the URL of the test MongoDB server, or fails the test with the command that starts
/// one.
pub fn mongodb_url() -> String {
    if let Ok(url) = std::env::var(MONGODB_URL_VAR) {
        if !url.is_empty() {
            return url;
        }
    }
    let ci_note = if std::env::var("CI").is_ok_and(|value| value == "true") {
        " (CI=true: CI must run `scripts/test`, not `cargo test` directly)"
    } else {
        ""
    };
    panic!(
        "the MongoDB tests need a MongoDB-wire server, but `{MONGODB_URL_VAR}` is not set. Run \
         `scripts/test`, which installs and starts SecantusDB and sets it{ci_note}"
    );
}

/// Returns a database name that starts with the running test's name and is unique in this
/// run, so tests run in parallel on one server.
pub fn unique_database() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("test").rsplit("::").next().unwrap_or("test");
    let test: String = test
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .take(40)
        .collect();
    let serial = NEXT.fetch_add(1, Ordering::Relaxed);
    format!("{test}_{}_{serial}", std::process::id() % 100_000)
}

/// Opens a store of `backend` in process, in a fresh location under `dir` or a new database.
pub async fn open_store(backend: Backend, dir: &Path, zone: NaiveZone) -> Arc<dyn EventStore> {
    match backend {
        Backend::Sqlite => {
            Arc::new(SqliteStore::open(&dir.join("events.db"), zone).expect("open sqlite store"))
        }
        Backend::Mongo => {
            let config = MongoConfig {
                url: Secret::new(mongodb_url()),
                database: unique_database(),
                collection: "events".into(),
                zone,
                hard_delete_after: None,
            };
            Arc::new(MongoStore::open(config).await.expect("open mongodb store"))
        }
    }
}

/// The command-line flags that select where a server keeps its events.
#[derive(Clone, Debug)]
pub struct StoreArgs {
    pub args: Vec<String>,
    /// The MongoDB database, for [`Backend::Mongo`].
    pub database: Option<String>,
}

impl StoreArgs {
    /// Returns a new location of `backend`: `events.db` under `dir`, or a new MongoDB database.
    pub fn fresh(backend: Backend, dir: &Path) -> StoreArgs {
        match backend {
            Backend::Sqlite => {
                let url = format!("sqlite://{}", dir.join("events.db").display());
                StoreArgs { args: vec!["--db-url".into(), url], database: None }
            }
            Backend::Mongo => {
                let name = unique_database();
                let args = vec!["--db-url".into(), mongodb_url(), "--database".into(), name.clone()];
                StoreArgs { args, database: Some(name) }
            }
        }
    }
}

/// A running `madsci-events serve` with its own working directory and database.
pub struct TestServer {
    pub base: String,
    pub client: reqwest::Client,
    pub dir: TempDir,
    /// The MongoDB database of a [`Backend::Mongo`] server.
    pub database: Option<String>,
    child: Option<Child>,
    stderr_path: PathBuf,
}

/// Options for starting a server.
#[derive(Default)]
pub struct ServerOptions {
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
}

impl TestServer {
    /// Starts a server on `backend` with default options.
    pub async fn start(backend: Backend) -> TestServer {
        TestServer::start_with(backend, ServerOptions::default()).await
    }

    /// Starts a server with extra arguments and environment, and waits until `/health` responds.
    pub async fn start_with(backend: Backend, options: ServerOptions) -> TestServer {
        let dir = tempfile::tempdir().expect("create temp dir");
        let store = StoreArgs::fresh(backend, dir.path());
        TestServer::launch(dir, &store, options).await
    }

    /// Starts a server on the events of `store`, which another server may have used before.
    pub async fn start_on(store: &StoreArgs, options: ServerOptions) -> TestServer {
        let dir = tempfile::tempdir().expect("create temp dir");
        TestServer::launch(dir, store, options).await
    }

    async fn launch(dir: TempDir, store: &StoreArgs, options: ServerOptions) -> TestServer {
        let port = free_port();
        let mut command = Command::new(env!("CARGO_BIN_EXE_madsci-events"));
        command
            .current_dir(dir.path())
            .arg("serve")
            .arg("--listen")
            .arg(format!("127.0.0.1:{port}"));
        command.args(&store.args);
        let database = store.database.clone();
        command.args(&options.args);
        clear_settings_env(&mut command);
        command.env("MADSCI_SETTINGS_DIR", dir.path());
        command.envs(options.env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let stderr_path = dir.path().join("server.stderr");
        let stderr = std::fs::File::create(&stderr_path).expect("create stderr file");
        command.stdout(Stdio::null()).stderr(stderr);
        let child = command.spawn().expect("spawn madsci-events serve");
        let server = TestServer {
            base: format!("http://127.0.0.1:{port}"),
            client: reqwest::Client::new(),
            dir,
            database,
            child: Some(child),
            stderr_path,
        };
        server.wait_healthy().await;
        server
    }

    /// The full URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// What the server wrote to stderr so far.
    pub fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr_path).unwrap_or_default()
    }

    async fn wait_healthy(&self) {
        // Generous: on a busy machine a MongoDB-backed server waits for the stand-in to set up
        // its indexes before it listens.
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if let Ok(response) = self.client.get(self.url("/health")).send().await {
                if response.status().is_success() {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("server did not become healthy; stderr:\n{}", self.stderr());
    }

    /// POSTs a JSON value and returns status and parsed body (`Value::Null` when not JSON).
    pub async fn post_json(&self, path: &str, body: &Value) -> (u16, Value) {
        let response = self.client.post(self.url(path)).json(body).send().await.expect("POST");
        read(response).await
    }

    /// POSTs raw bytes with a JSON content type.
    pub async fn post_raw(&self, path: &str, body: impl Into<reqwest::Body>) -> (u16, Value) {
        let response = self
            .client
            .post(self.url(path))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("POST");
        read(response).await
    }

    /// GETs a path (with its query string).
    pub async fn get(&self, path: &str) -> (u16, Value) {
        read(self.client.get(self.url(path)).send().await.expect("GET")).await
    }

    /// DELETEs a path.
    pub async fn delete(&self, path: &str) -> (u16, Value) {
        read(self.client.delete(self.url(path)).send().await.expect("DELETE")).await
    }

    /// Sends SIGTERM and waits for the process to exit; returns whether it exited cleanly.
    pub fn terminate(&mut self) -> bool {
        let Some(mut child) = self.child.take() else { return false };
        let _ = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = child.kill();
        false
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

async fn read(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let text = response.text().await.expect("read body");
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// A port that was free a moment ago.
pub fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind port 0");
    listener.local_addr().expect("local addr").port()
}

/// Removes settings that the developer's environment might carry into a test server.
fn clear_settings_env(command: &mut Command) {
    for (name, _) in std::env::vars() {
        let upper = name.to_ascii_uppercase();
        if upper.starts_with("EVENT_") || upper.ends_with("DB_URL") || upper == "RUST_LOG" {
            command.env_remove(&name);
        }
    }
}

/// Generates one test per backend for each listed async function taking `&TestServer`.
#[macro_export]
macro_rules! http_conformance {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    let server = $crate::support::TestServer::start($crate::support::Backend::Sqlite).await;
                    super::$name(&server).await;
                }
            )*
        }
        mod mongo {
            $(
                #[tokio::test]
                async fn $name() {
                    let server = $crate::support::TestServer::start($crate::support::Backend::Mongo).await;
                    super::$name(&server).await;
                }
            )*
        }
    };
}

/// Generates one test per backend for each listed async function taking `Arc<dyn EventStore>`.
#[macro_export]
macro_rules! store_conformance {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    let dir = tempfile::tempdir().expect("temp dir");
                    let store = $crate::support::open_store(
                        $crate::support::Backend::Sqlite,
                        dir.path(),
                        madsci_events::model::NaiveZone::Utc,
                    )
                    .await;
                    super::$name(store.clone()).await;
                    store.close().await;
                }
            )*
        }
        mod mongo {
            $(
                #[tokio::test]
                async fn $name() {
                    let dir = tempfile::tempdir().expect("temp dir");
                    let store = $crate::support::open_store(
                        $crate::support::Backend::Mongo,
                        dir.path(),
                        madsci_events::model::NaiveZone::Utc,
                    )
                    .await;
                    super::$name(store.clone()).await;
                    store.close().await;
                }
            )*
        }
    };
}
