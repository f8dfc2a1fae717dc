//! Compatibility with the upstream Python client: `tests/compat/event_client.py` drives our
//! server with `EventClient` from madsci-client 0.8.1, then this test reads back over HTTP
//! what the server stored. `scripts/test` installs that client into `target/compat-venv`.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::process::Command;

use crate::support::{Backend, TestServer};

/// Upper bound for the whole Python run, which normally takes a few seconds.
const PYTHON_TIMEOUT: Duration = Duration::from_secs(120);

/// The line prefix under which the Python script prints the events it sent.
const SUMMARY_PREFIX: &str = "summary: ";

#[tokio::test]
async fn python_event_client_round_trip() {
    let python = compat_python();
    let server = TestServer::start(Backend::Sqlite).await;

    let output = run_python(&python, &server.base).await;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "tests/compat/event_client.py failed with {}\n--- stdout ---\n{stdout}\n--- stderr ---\n\
         {stderr}\n--- server stderr ---\n{}",
        output.status,
        server.stderr(),
    );

    let sent = summary_events(&stdout);
    assert_sent_kinds(&sent);
    for event in &sent {
        assert_stored_as_sent(&server, event).await;
    }
    assert_listed(&server, &sent).await;
}

/// Returns the virtualenv interpreter, or fails with the command that creates it.
fn compat_python() -> PathBuf {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/compat-venv");
    let python = venv.join("bin/python");
    if python.is_file() {
        return python;
    }
    let ci_note = if std::env::var("CI").is_ok_and(|value| value == "true") {
        " (CI=true: CI must run `scripts/test`, not `cargo test` directly)"
    } else {
        ""
    };
    panic!(
        "the upstream Python client is not installed: `{}` is missing. Run `scripts/test`, \
         which creates the virtualenv with madsci-client 0.8.1 and then runs all tests{ci_note}",
        python.display()
    );
}

async fn run_python(python: &Path, base_url: &str) -> Output {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/compat/event_client.py");
    let work_dir = tempfile::tempdir().expect("create temp dir for the Python client");
    let mut command = Command::new(python);
    command
        .arg(&script)
        .arg(base_url)
        .current_dir(work_dir.path())
        .kill_on_drop(true);
    clear_client_env(&mut command);

    let result = tokio::time::timeout(PYTHON_TIMEOUT, command.output()).await;
    let output = result.unwrap_or_else(|_| {
        panic!("tests/compat/event_client.py did not finish within {PYTHON_TIMEOUT:?}")
    });
    output.unwrap_or_else(|error| panic!("failed to run `{}`: {error}", python.display()))
}

/// Removes variables that would change what the client reads or where it connects: MADSci
/// settings, a foreign Python path, and proxies, which httpx honours even for 127.0.0.1.
fn clear_client_env(command: &mut Command) {
    for (name, _) in std::env::vars_os() {
        let Some(name) = name.to_str() else { continue };
        let upper = name.to_ascii_uppercase();
        let remove = upper.starts_with("EVENT_")
            || upper.starts_with("MADSCI_")
            || upper.ends_with("_PROXY")
            || upper == "PYTHONPATH"
            || upper == "PYTHONHOME";
        if remove {
            command.env_remove(name);
        }
    }
    command.env("NO_PROXY", "127.0.0.1,::1,localhost");
}

/// Parses the events the script reports having sent.
fn summary_events(stdout: &str) -> Vec<Value> {
    let line = stdout
        .lines()
        .find_map(|line| line.strip_prefix(SUMMARY_PREFIX))
        .unwrap_or_else(|| panic!("no `{SUMMARY_PREFIX}` line in the script output:\n{stdout}"));
    let summary: Value = serde_json::from_str(line).expect("summary line is JSON");
    summary["events"]
        .as_array()
        .expect("summary has an `events` array")
        .clone()
}

/// Checks that the script sent what the calls promise: one event per log call, two for the
/// alert, and the legacy `log(Event)` call with its own type.
fn assert_sent_kinds(sent: &[Value]) {
    let mut kinds: Vec<(String, i64, bool)> = sent
        .iter()
        .map(|event| {
            let event_type = event["event_type"].as_str().expect("event_type").to_owned();
            let level = event["log_level"].as_i64().expect("log_level");
            let alert = event["alert"].as_bool().expect("alert");
            (event_type, level, alert)
        })
        .collect();
    kinds.sort();
    let expected = [
        ("log_critical", 50, true),
        ("log_critical", 50, true),
        ("log_error", 40, false),
        ("log_info", 20, false),
        ("log_warning", 30, false),
        ("node_create", 20, false),
    ]
    .map(|(event_type, level, alert)| (event_type.to_owned(), level, alert));
    assert_eq!(kinds, expected);

    // The log calls carry the client's configured source, which has only a workcell id. The
    // legacy event carries its own source, which has only a node id.
    let log_source = &sent[0]["source"];
    for event in sent {
        let source = &event["source"];
        let keys: Vec<&String> = source
            .as_object()
            .expect("source is an object")
            .keys()
            .collect();
        if event["event_type"] == "node_create" {
            assert_eq!(keys, ["node_id"], "node event source: {source}");
        } else {
            assert_eq!(keys, ["workcell_id"], "log event source: {source}");
            assert_eq!(source, log_source, "log events share one source");
        }
    }
}

async fn assert_stored_as_sent(server: &TestServer, sent: &Value) {
    let id = sent["id"].as_str().expect("summary event id");
    let (status, stored) = server.get(&format!("/event/{id}")).await;
    assert_eq!(status, 200, "GET /event/{id}: {stored}");

    let keys: Vec<&String> = stored
        .as_object()
        .expect("event is an object")
        .keys()
        .collect();
    assert_eq!(
        keys.first().map(|key| key.as_str()),
        Some("_id"),
        "GET /event/{id} keys"
    );
    assert_eq!(stored["_id"], json!(id));
    assert_eq!(
        stored["event_type"], sent["event_type"],
        "event_type of {id}"
    );
    assert_eq!(stored["log_level"], sent["log_level"], "log_level of {id}");
    assert_eq!(stored["alert"], sent["alert"], "alert of {id}");
    assert_eq!(stored["source"], sent["source"], "source of {id}");
}

async fn assert_listed(server: &TestServer, sent: &[Value]) {
    let (status, listed) = server.get("/events?number=100&level=0").await;
    assert_eq!(status, 200, "GET /events: {listed}");
    let listed = listed.as_object().expect("GET /events returns an object");
    for event in sent {
        let id = event["id"].as_str().expect("summary event id");
        assert!(
            listed.contains_key(id),
            "GET /events lacks {id}: {listed:?}"
        );
    }
}
