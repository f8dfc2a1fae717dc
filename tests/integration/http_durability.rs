//! Durability: an event acknowledged with a 2xx status is on disk, even when SIGTERM or SIGKILL
//! ends the server in the middle of a burst of writes, and a restarted server on the same file
//! returns it.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::http_common::map_ids;
use crate::support::free_port;

/// Concurrent writers in the burst.
const WRITERS: usize = 16;

/// Acknowledged events to wait for before sending SIGTERM.
const ACKNOWLEDGED_BEFORE_STOP: usize = 300;

/// A `madsci-events serve` process on `events.db` in a directory that outlives it.
///
/// `TestServer` always passes its own `--db-url`, and the command line rejects a second one, so
/// a restart on the same file needs its own launcher.
struct DurableServer {
    base: String,
    client: reqwest::Client,
    child: Option<Child>,
}

impl DurableServer {
    async fn start(dir: &Path) -> DurableServer {
        let port = free_port();
        let mut command = Command::new(env!("CARGO_BIN_EXE_madsci-events"));
        command
            .current_dir(dir)
            .arg("serve")
            .arg("--listen")
            .arg(format!("127.0.0.1:{port}"))
            .arg("--db-url")
            .arg(format!("sqlite://{}", dir.join("events.db").display()));
        for (name, _) in std::env::vars() {
            let upper = name.to_ascii_uppercase();
            if upper.starts_with("EVENT_") || upper.ends_with("DB_URL") || upper == "RUST_LOG" {
                command.env_remove(&name);
            }
        }
        command
            .env("MADSCI_SETTINGS_DIR", dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let child = command.spawn().expect("spawn madsci-events serve");
        let server = DurableServer {
            base: format!("http://127.0.0.1:{port}"),
            client: reqwest::Client::new(),
            child: Some(child),
        };
        server.wait_healthy().await;
        server
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    async fn wait_healthy(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            let response = self.client.get(self.url("/health")).send().await;
            if response.is_ok_and(|response| response.status().is_success()) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("server on {} did not become healthy", self.base);
    }

    async fn get(&self, path: &str) -> (u16, Value) {
        let response = self.client.get(self.url(path)).send().await.expect("GET");
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    async fn post_json(&self, path: &str, body: &Value) -> (u16, Value) {
        let response = self
            .client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("POST");
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    async fn post_at(&self, id: &str, timestamp: &str) {
        let event = json!({"event_id": id, "event_timestamp": timestamp});
        let (status, body) = self.post_json("/event", &event).await;
        assert_eq!(status, 200, "POST of `{id}` returned {body}");
    }

    /// Sends SIGKILL, as a crash or power loss would end the process, and waits for the exit.
    async fn kill(mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        tokio::task::spawn_blocking(move || {
            let _ = child.kill();
            let _ = child.wait();
        })
        .await
        .expect("join kill");
    }

    /// Sends SIGTERM and waits on a blocking thread, so other tasks keep running meanwhile;
    /// returns whether the process exited with status 0.
    async fn terminate(mut self) -> bool {
        let Some(mut child) = self.child.take() else {
            return false;
        };
        tokio::task::spawn_blocking(move || {
            let pid = child.id().to_string();
            let _ = Command::new("kill").arg("-TERM").arg(pid).status();
            let deadline = Instant::now() + Duration::from_secs(20);
            while Instant::now() < deadline {
                if let Ok(Some(status)) = child.try_wait() {
                    return status.success();
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = child.kill();
            let _ = child.wait();
            false
        })
        .await
        .expect("join terminate")
    }
}

impl Drop for DurableServer {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Returns every stored id, archived or not.
async fn stored_ids(server: &DurableServer) -> BTreeSet<String> {
    let (status, body) = server.post_json("/events/query", &json!({})).await;
    assert_eq!(status, 200, "POST /events/query returned {body}");
    map_ids(&body).into_iter().collect()
}

/// Posts events until a request fails, recording the ids acknowledged with a 2xx status.
async fn write_until_stopped(
    client: reqwest::Client,
    url: String,
    writer: usize,
    acknowledged: Arc<Mutex<Vec<String>>>,
) {
    for sequence in 0..100_000 {
        let id = format!("burst-{writer:02}-{sequence:06}");
        let event = json!({"event_id": id, "event_data": {"writer": writer, "sequence": sequence}});
        match client.post(&url).json(&event).send().await {
            Ok(response) if response.status().is_success() => {
                acknowledged.lock().expect("lock").push(id);
            }
            Ok(_) => {}
            Err(_) => return,
        }
    }
}

async fn wait_for_acknowledged(acknowledged: &Mutex<Vec<String>>, count: usize) {
    for _ in 0..2000 {
        if acknowledged.lock().expect("lock").len() >= count {
            return;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    panic!("fewer than {count} events were acknowledged within 10 seconds");
}

/// How a burst of writes is ended.
#[derive(Clone, Copy, PartialEq)]
enum Stop {
    Terminate,
    Kill,
}

/// Runs a burst of concurrent writes, stops the server with `stop` in the middle of it,
/// restarts on the same file, and returns the acknowledged ids missing after the restart.
async fn burst_then_stop(stop: Stop) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = DurableServer::start(dir.path()).await;
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let writers: Vec<_> = (0..WRITERS)
        .map(|writer| {
            let client = reqwest::Client::new();
            let task =
                write_until_stopped(client, server.url("/event"), writer, acknowledged.clone());
            tokio::spawn(task)
        })
        .collect();
    wait_for_acknowledged(&acknowledged, ACKNOWLEDGED_BEFORE_STOP).await;
    match stop {
        Stop::Terminate => {
            let clean = server.terminate().await;
            assert!(
                clean,
                "the server did not exit cleanly on SIGTERM during a burst"
            );
        }
        Stop::Kill => server.kill().await,
    }
    for writer in writers {
        writer.await.expect("writer task");
    }

    let restarted = DurableServer::start(dir.path()).await;
    let stored = stored_ids(&restarted).await;
    let acknowledged = acknowledged.lock().expect("lock").clone();
    acknowledged
        .into_iter()
        .filter(|id| !stored.contains(id))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_events_survive_sigterm() {
    let lost = burst_then_stop(Stop::Terminate).await;
    assert!(
        lost.is_empty(),
        "{} acknowledged events lost, e.g. {:?}",
        lost.len(),
        &lost[..lost.len().min(5)]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_events_survive_sigkill() {
    let lost = burst_then_stop(Stop::Kill).await;
    assert!(
        lost.is_empty(),
        "{} acknowledged events lost, e.g. {:?}",
        lost.len(),
        &lost[..lost.len().min(5)]
    );
}

#[tokio::test]
async fn documents_unchanged_after_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = DurableServer::start(dir.path()).await;
    server
        .post_at("kept-offset", "2026-01-01T10:00:00+02:00")
        .await;
    server
        .post_at("kept-naive", "2026-01-01T08:00:00.250")
        .await;
    let (_, before) = server.post_json("/events/query", &json!({})).await;
    assert!(
        server.terminate().await,
        "the server did not exit cleanly on SIGTERM"
    );

    let restarted = DurableServer::start(dir.path()).await;
    let (_, after) = restarted.post_json("/events/query", &json!({})).await;
    assert_eq!(after, before, "stored documents changed across a restart");
}

#[tokio::test]
async fn archive_state_survives_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = DurableServer::start(dir.path()).await;
    server.post_at("archived", "2026-01-01T08:00:00Z").await;
    server.post_at("live", "2026-01-01T08:10:00Z").await;
    let (status, _) = server
        .post_json("/events/archive", &json!({"event_ids": ["archived"]}))
        .await;
    assert_eq!(status, 200, "archive status");
    assert!(
        server.terminate().await,
        "the server did not exit cleanly on SIGTERM"
    );

    let restarted = DurableServer::start(dir.path()).await;
    let (_, listed) = restarted.get("/events").await;
    assert_eq!(map_ids(&listed), ["live"], "live events after restart");
    let (_, archived) = restarted.get("/events/archived").await;
    assert_eq!(
        map_ids(&archived),
        ["archived"],
        "archived events after restart"
    );
}

#[tokio::test]
async fn events_survive_clean_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = DurableServer::start(dir.path()).await;
    server.post_at("marker", "2026-01-01T08:00:00Z").await;
    assert!(
        server.terminate().await,
        "the server did not exit cleanly on SIGTERM"
    );
    let file = dir.path().join("events.db");
    assert!(file.is_file(), "no database at {}", file.display());

    let restarted = DurableServer::start(dir.path()).await;
    let (status, body): (u16, Value) = restarted.get("/event/marker").await;
    assert_eq!(status, 200, "the event written before the restart: {body}");
}
