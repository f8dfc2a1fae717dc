//! A MongoDB outage under load: the stand-in stops and restarts while writers keep posting.
//! The server stays up, answers `/health` promptly, rejects writes with 503 while the database
//! is gone, reconnects by itself, and keeps every event it acknowledged.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::process::{Child, Command};
use tokio::sync::Mutex;

use crate::support::{ServerOptions, StoreArgs, TestServer, free_port};

/// The variable holding the SecantusDB daemon that `scripts/test` installs.
const SECANTUSD_VAR: &str = "MADSCI_TEST_SECANTUSD";

/// Concurrent writers during the test.
const WRITERS: usize = 8;

/// Maximum time for a write to fail while the database is down: the server's wait for a
/// reachable server plus slack.
const WRITE_FAILURE_BOUND: Duration = Duration::from_secs(15);

/// Maximum time for `GET /health`, which must return within 2 s even without a database.
const HEALTH_BOUND: Duration = Duration::from_secs(2);

/// A SecantusDB process on its own port and data directory.
struct StandIn {
    program: PathBuf,
    port: u16,
    data: PathBuf,
    child: Option<Child>,
}

impl StandIn {
    async fn start(program: PathBuf, port: u16, data: &Path) -> StandIn {
        let mut stand_in = StandIn { program, port, data: data.to_path_buf(), child: None };
        stand_in.restart().await;
        stand_in
    }

    async fn restart(&mut self) {
        let log = std::fs::File::options()
            .create(true)
            .append(true)
            .open(self.data.with_extension("log"))
            .expect("stand-in log");
        let mut command = Command::new(&self.program);
        command
            .args(["--host", "127.0.0.1", "--port", &self.port.to_string()])
            .arg("--storage-path")
            .arg(&self.data)
            .args(["--cache-size", "128M"])
            .stdout(Stdio::null())
            .stderr(log)
            .kill_on_drop(true);
        self.child = Some(command.spawn().expect("start SecantusDB"));
        let deadline = Instant::now() + Duration::from_secs(30);
        while tokio::net::TcpStream::connect(("127.0.0.1", self.port)).await.is_err() {
            assert!(Instant::now() < deadline, "SecantusDB did not listen on port {}", self.port);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Stops the daemon with SIGTERM and waits for it to exit.
    async fn stop(&mut self) {
        let mut child = self.child.take().expect("a running stand-in");
        let pid = child.id().expect("stand-in pid").to_string();
        let _ = std::process::Command::new("kill").args(["-TERM", &pid]).status();
        let exited = tokio::time::timeout(Duration::from_secs(30), child.wait()).await;
        if exited.is_err() {
            let _ = child.kill().await;
        }
    }
}

fn secantusd() -> PathBuf {
    let program = std::env::var_os(SECANTUSD_VAR).map(PathBuf::from);
    if let Some(program) = program.filter(|program| program.is_file()) {
        return program;
    }
    let ci_note = if std::env::var("CI").is_ok_and(|value| value == "true") {
        " (CI=true: CI must run `scripts/test`, not `cargo test` directly)"
    } else {
        ""
    };
    panic!(
        "the outage test starts its own SecantusDB, but `{SECANTUSD_VAR}` does not name the \
         daemon. Run `scripts/test`, which installs SecantusDB and sets it{ci_note}"
    );
}

/// What the writers saw.
#[derive(Default)]
struct Outcomes {
    acknowledged: Vec<String>,
    unavailable: usize,
    slowest_failure: Duration,
    unexpected: Vec<String>,
}

/// Posts events with fresh ids until `stop` is set.
async fn write_until(
    server: Arc<TestServer>,
    writer: usize,
    stop: Arc<AtomicBool>,
    seen: Arc<Mutex<Outcomes>>,
) {
    let mut index = 0;
    while !stop.load(Ordering::Relaxed) {
        let id = format!("w{writer}-{index:05}");
        index += 1;
        let event = json!({"_id": id, "event_timestamp": "2026-01-01T08:00:00Z"});
        let started = Instant::now();
        let response = server.client.post(server.url("/event")).json(&event).send().await;
        let elapsed = started.elapsed();
        let mut seen = seen.lock().await;
        match response {
            Ok(response) if response.status().is_success() => seen.acknowledged.push(id),
            Ok(response) if response.status().as_u16() == 503 => {
                let body: Value = response.json().await.unwrap_or(Value::Null);
                if !body["detail"].is_string() {
                    seen.unexpected.push(format!("503 without a JSON detail: {body}"));
                }
                seen.unavailable += 1;
                seen.slowest_failure = seen.slowest_failure.max(elapsed);
            }
            Ok(response) => seen.unexpected.push(format!("{id}: status {}", response.status())),
            Err(error) => seen.unexpected.push(format!("{id}: {error}")),
        }
    }
}

async fn health(server: &TestServer) -> (Duration, Value) {
    let started = Instant::now();
    let (status, body) = server.get("/health").await;
    assert_eq!(status, 200, "GET /health returned {body}");
    (started.elapsed(), body)
}

/// Polls `/health` until `db_connected` is `connected`, checking each answer's speed.
async fn wait_for_health(server: &TestServer, connected: bool, within: Duration) {
    let deadline = Instant::now() + within;
    loop {
        let (elapsed, body) = health(server).await;
        assert!(elapsed <= HEALTH_BOUND, "GET /health took {elapsed:?}: {body}");
        if body["db_connected"] == connected {
            return;
        }
        assert!(Instant::now() < deadline, "db_connected never became {connected}: {body}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn outage_under_load_loses_nothing() {
    let data_dir = tempfile::tempdir().expect("temp dir");
    let port = free_port();
    let mut stand_in = StandIn::start(secantusd(), port, &data_dir.path().join("db")).await;
    let url = format!("mongodb://127.0.0.1:{port}/");
    let store = StoreArgs {
        args: vec!["--db-url".into(), url, "--database".into(), "outage".into()],
        database: Some("outage".into()),
    };
    let server = Arc::new(TestServer::start_on(&store, ServerOptions::default()).await);

    let stop = Arc::new(AtomicBool::new(false));
    let seen = Arc::new(Mutex::new(Outcomes::default()));
    let writers: Vec<_> = (0..WRITERS)
        .map(|writer| tokio::spawn(write_until(server.clone(), writer, stop.clone(), seen.clone())))
        .collect();
    tokio::time::sleep(Duration::from_secs(1)).await;

    stand_in.stop().await;
    wait_for_health(&server, false, Duration::from_secs(10)).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    wait_for_health(&server, false, Duration::ZERO).await;
    let acknowledged_before_restart = seen.lock().await.acknowledged.len();

    stand_in.restart().await;
    wait_for_health(&server, true, Duration::from_secs(30)).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    stop.store(true, Ordering::Relaxed);
    for writer in writers {
        writer.await.expect("writer task");
    }

    let seen = seen.lock().await;
    eprintln!(
        "outage: {} acknowledged ({acknowledged_before_restart} before the restart), {} refused, \
         slowest refusal {:?}",
        seen.acknowledged.len(),
        seen.unavailable,
        seen.slowest_failure
    );
    assert!(seen.unexpected.is_empty(), "unexpected answers: {:?}", seen.unexpected);
    assert!(seen.unavailable > 0, "no write was refused while the database was down");
    assert!(
        seen.slowest_failure <= WRITE_FAILURE_BOUND,
        "a refused write took {:?}",
        seen.slowest_failure
    );
    assert!(
        seen.acknowledged.len() > acknowledged_before_restart,
        "no write succeeded after the restart; server log:\n{}",
        server.stderr()
    );
    let missing = missing_events(&server, &seen.acknowledged).await;
    assert!(missing.is_empty(), "acknowledged events lost: {missing:?}");
}

/// Returns the acknowledged ids that the server no longer has.
async fn missing_events(server: &TestServer, acknowledged: &[String]) -> Vec<String> {
    let mut missing = Vec::new();
    for chunk in acknowledged.chunks(500) {
        let (status, body) =
            server.post_json("/events/query", &json!({"_id": {"$in": chunk}})).await;
        assert_eq!(status, 200, "query of acknowledged ids returned {body}");
        let found = body.as_object().expect("an id map");
        missing.extend(chunk.iter().filter(|id| !found.contains_key(id.as_str())).cloned());
    }
    missing
}
