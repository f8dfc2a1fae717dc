//! One MongoDB database shared by upstream's server (madsci-event-manager 0.8.1, installed by
//! `scripts/test` into `target/compat-venv`) and ours. Events upstream writes lack our instant
//! field and must still be found by our time filters; events we write must read back through
//! upstream unchanged.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tempfile::TempDir;
use tokio::process::{Child, Command};

use crate::http_common::{EVENT_KEYS, map_ids};
use crate::support::{Backend, ServerOptions, StoreArgs, TestServer, free_port, mongodb_url};

/// Upper bound for upstream's start, which imports for a few seconds.
const UPSTREAM_START_TIMEOUT: Duration = Duration::from_secs(90);

/// The field our server adds to each document, which upstream's raw reads show.
const INSTANT_FIELD: &str = "event_timestamp_micros";

/// Upstream's event manager on a database, with its working directory and log.
struct UpstreamServer {
    base: String,
    client: reqwest::Client,
    home: TempDir,
    _child: Child,
}

impl UpstreamServer {
    async fn start(database: &str) -> UpstreamServer {
        let python = upstream_python();
        let home = tempfile::tempdir().expect("temp dir");
        let port = free_port();
        let log = std::fs::File::create(home.path().join("upstream.log")).expect("log file");
        let mut command = Command::new(&python);
        clear_python_env(&mut command);
        command
            .args(["-m", "madsci.event_manager.event_server"])
            .current_dir(home.path())
            .env("HOME", home.path())
            .env("EVENT_SERVER_URL", format!("http://127.0.0.1:{port}/"))
            .env("DOCUMENT_DB_URL", mongodb_url())
            .env("EVENT_DATABASE_NAME", database)
            .stdout(Stdio::null())
            .stderr(log)
            .kill_on_drop(true);
        let child = command.spawn().expect("spawn upstream's event manager");
        let server = UpstreamServer {
            base: format!("http://127.0.0.1:{port}"),
            client: reqwest::Client::new(),
            home,
            _child: child,
        };
        server.wait_healthy().await;
        server
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.home.path().join("upstream.log")).unwrap_or_default()
    }

    async fn wait_healthy(&self) {
        let deadline = Instant::now() + UPSTREAM_START_TIMEOUT;
        while Instant::now() < deadline {
            let response = self.client.get(format!("{}/health", self.base)).send().await;
            if response.is_ok_and(|response| response.status().is_success()) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("upstream's event manager did not start; its log:\n{}", self.log());
    }

    async fn get(&self, path: &str) -> Value {
        let response = self.client.get(format!("{}{path}", self.base)).send().await;
        let response = response.unwrap_or_else(|error| panic!("upstream GET {path}: {error}"));
        assert_eq!(response.status().as_u16(), 200, "upstream GET {path}; log:\n{}", self.log());
        response.json().await.expect("upstream returns JSON")
    }

    async fn post(&self, path: &str, body: &Value) -> Value {
        let response = self.client.post(format!("{}{path}", self.base)).json(body).send().await;
        let response = response.unwrap_or_else(|error| panic!("upstream POST {path}: {error}"));
        assert_eq!(
            response.status().as_u16(),
            200,
            "upstream POST {path} {body}; log:\n{}",
            self.log()
        );
        response.json().await.expect("upstream returns JSON")
    }
}

/// Returns the virtualenv interpreter with upstream's server, or fails naming `scripts/test`.
fn upstream_python() -> PathBuf {
    let python = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/compat-venv/bin/python");
    if python.is_file() {
        return python;
    }
    let ci_note = if std::env::var("CI").is_ok_and(|value| value == "true") {
        " (CI=true: CI must run `scripts/test`, not `cargo test` directly)"
    } else {
        ""
    };
    panic!(
        "upstream's event manager is not installed: `{}` is missing. Run `scripts/test`, which \
         installs madsci-event-manager 0.8.1 and then runs all tests{ci_note}",
        python.display()
    );
}

/// Removes settings and proxies that would change what upstream reads or where it connects.
fn clear_python_env(command: &mut Command) {
    for (name, _) in std::env::vars_os() {
        let Some(name) = name.to_str() else { continue };
        let upper = name.to_ascii_uppercase();
        let remove = upper.starts_with("EVENT_")
            || upper.starts_with("MADSCI_")
            || upper.ends_with("DB_URL")
            || upper.ends_with("_PROXY")
            || upper == "PYTHONPATH"
            || upper == "PYTHONHOME";
        if remove {
            command.env_remove(name);
        }
    }
    command.env("NO_PROXY", "127.0.0.1,::1,localhost");
}

/// Our server on `database`, reading naive timestamps as UTC.
async fn ours_on(database: &str) -> TestServer {
    let args = vec!["--db-url".into(), mongodb_url(), "--database".into(), database.to_owned()];
    let store = StoreArgs { args, database: Some(database.to_owned()) };
    let options =
        ServerOptions { args: vec!["--naive-timezone".into(), "UTC".into()], env: vec![] };
    TestServer::start_on(&store, options).await
}

async fn post_ours(server: &TestServer, event: Value) -> Value {
    let (status, body) = server.post_json("/event", &event).await;
    assert_eq!(status, 200, "POST /event {event} returned {body}");
    body
}

async fn get_ours(server: &TestServer, path: &str) -> Value {
    let (status, body) = server.get(path).await;
    assert_eq!(status, 200, "GET {path} returned {body}");
    body
}

/// A raw document as upstream's `GET /event/{id}` returns it, without our instant field.
fn without_instant(mut document: Value) -> Value {
    document.as_object_mut().expect("a document").remove(INSTANT_FIELD);
    document
}

fn keys(value: &Value) -> Vec<&str> {
    value.as_object().expect("an object").keys().map(String::as_str).collect()
}

#[tokio::test]
async fn upstream_events_found_by_time() {
    let dir = tempfile::tempdir().expect("temp dir");
    let database = StoreArgs::fresh(Backend::Mongo, dir.path()).database.expect("database");
    let ours = ours_on(&database).await;
    let upstream = UpstreamServer::start(&database).await;

    for (id, timestamp) in [
        ("u1", "2026-01-01T08:00:00Z"),
        ("u2", "2026-01-01T10:10:00+02:00"),
        ("u3", "2026-01-01T08:20:00"),
        ("u4", "2026-01-01T09:30:00+02:00"),
    ] {
        upstream.post("/event", &json!({"_id": id, "event_timestamp": timestamp})).await;
    }
    for (id, timestamp) in [("o1", "2026-01-01T08:05:00Z"), ("o2", "2026-01-01T08:15:00Z")] {
        post_ours(&ours, json!({"_id": id, "event_timestamp": timestamp})).await;
    }

    // u4 is 07:30Z: outside the range, although its text sorts after "08:".
    let range = "start_time=2026-01-01T08:00:00Z&end_time=2026-01-01T08:20:00Z";
    let listed = get_ours(&ours, &format!("/events?{range}")).await;
    assert_eq!(map_ids(&listed), ["u3", "o2", "u2", "o1", "u1"], "our listing by instant");

    let selector = json!({"event_timestamp": {"$lt": {"$date": "2026-01-01T08:00:00Z"}}});
    let (status, queried) = ours.post_json("/events/query", &selector).await;
    assert_eq!(status, 200, "query returned {queried}");
    assert_eq!(map_ids(&queried), ["u4"], "events before 08:00Z by a raw selector");

    let before = json!({"before_date": "2026-01-01T08:02:00Z"});
    let (status, archived) = ours.post_json("/events/archive", &before).await;
    assert_eq!(status, 200, "archive returned {archived}");
    assert_eq!(archived["archived_count"], 2, "u1 and u4 archived: {archived}");

    for id in ["u1", "u2"] {
        let mine = get_ours(&ours, &format!("/event/{id}")).await;
        let theirs = without_instant(upstream.get(&format!("/event/{id}")).await);
        assert_eq!(keys(&mine), EVENT_KEYS, "key order of {mine}");
        assert_eq!(mine, theirs, "GET /event/{id} from ours and from upstream");
    }
}

#[tokio::test]
async fn our_events_read_by_upstream() {
    let dir = tempfile::tempdir().expect("temp dir");
    let database = StoreArgs::fresh(Backend::Mongo, dir.path()).database.expect("database");
    let upstream = UpstreamServer::start(&database).await;
    let ours = ours_on(&database).await;

    for (id, minute) in [("o1", 0), ("o2", 10), ("o3", 20)] {
        let event = json!({
            "_id": id, "event_type": "log_warning", "log_level": 30,
            "event_timestamp": format!("2026-01-01T08:{minute:02}:00.250000"),
            "event_data": {"step": minute, "ratio": 0.5, "tags": ["a", "b"]},
        });
        post_ours(&ours, event).await;
    }

    let theirs = upstream.get("/events?number=10").await;
    let mine = get_ours(&ours, "/events?number=10").await;
    assert_eq!(map_ids(&theirs), ["o3", "o2", "o1"], "upstream's listing of our events");
    assert_eq!(theirs, mine, "GET /events from upstream and from ours");

    let range = "start_time=2026-01-01T08:05:00&end_time=2026-01-01T08:15:00";
    let filtered = upstream.get(&format!("/events?{range}")).await;
    assert_eq!(map_ids(&filtered), ["o2"], "upstream's time filter on our events");

    upstream.post("/events/archive", &json!({"event_ids": ["o1"]})).await;
    let (status, body) = ours.post_json("/events/archive", &json!({"event_ids": ["o2"]})).await;
    assert_eq!(status, 200, "our archive returned {body}");
    for id in ["o1", "o2", "o3"] {
        let mine = get_ours(&ours, &format!("/event/{id}")).await;
        let theirs = without_instant(upstream.get(&format!("/event/{id}")).await);
        assert_eq!(mine, theirs, "GET /event/{id} from ours and from upstream");
    }
    let theirs = upstream.get("/events/archived").await;
    let mine = get_ours(&ours, "/events/archived").await;
    assert_eq!(map_ids(&mine), ["o2", "o1"], "our archived listing, newest archive first");
    assert_eq!(theirs, mine, "GET /events/archived from upstream and from ours");
}
