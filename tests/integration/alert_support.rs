//! Real servers for the alert tests: an SMTP server (aiosmtpd, run from
//! `tests/alert/smtp_server.py` in the virtualenv that `scripts/test` creates), a webhook
//! receiver (axum), and a TCP server that accepts connections and never sends a byte. All
//! listen on 127.0.0.1 only.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::{Value, json};
use tempfile::TempDir;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::support::{Backend, ServerOptions, TestServer};

/// How long a test waits for something that normally takes well under a second.
pub(crate) const PATIENCE: Duration = Duration::from_secs(15);

/// How the SMTP server encrypts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SmtpMode {
    StartTls,
    Implicit,
    Plain,
}

impl SmtpMode {
    fn flag(self) -> &'static str {
        match self {
            SmtpMode::StartTls => "starttls",
            SmtpMode::Implicit => "implicit",
            SmtpMode::Plain => "none",
        }
    }
}

/// Behaviour of the SMTP server.
#[derive(Clone, Debug, Default)]
pub(crate) struct SmtpOptions {
    /// Username and password that AUTH accepts; when set, mail without AUTH is rejected.
    pub(crate) login: Option<(&'static str, &'static str)>,
    /// Recipients rejected with 550.
    pub(crate) refuse: Vec<&'static str>,
    /// How many DATA commands, from the first, are rejected with 451.
    pub(crate) fail_first: u32,
}

/// One DATA command the SMTP server received.
#[derive(Clone, Debug, Deserialize)]
pub(crate) struct Received {
    pub(crate) accepted: bool,
    /// Seconds since the Unix epoch.
    pub(crate) at: f64,
    pub(crate) rcpt_tos: Vec<String>,
    #[serde(default)]
    pub(crate) mail_from: Option<String>,
    #[serde(default)]
    pub(crate) tls: bool,
    #[serde(default)]
    pub(crate) login: Option<String>,
    #[serde(default)]
    pub(crate) headers: HashMap<String, String>,
    #[serde(default)]
    pub(crate) body: String,
}

impl Received {
    /// Returns a header by name, ignoring case.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// A running `tests/alert/smtp_server.py`.
pub(crate) struct SmtpServer {
    pub(crate) port: u16,
    pub(crate) mode: SmtpMode,
    /// The PEM file of the CA that signed the server certificate.
    pub(crate) ca_file: PathBuf,
    options: SmtpOptions,
    record: PathBuf,
    stderr: PathBuf,
    child: Child,
    _dir: TempDir,
}

impl SmtpServer {
    /// Starts the server and waits until it listens.
    pub(crate) fn start(mode: SmtpMode, options: SmtpOptions) -> SmtpServer {
        let python = smtp_python();
        let dir = tempfile::tempdir().expect("create temp dir for the SMTP server");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/alert/smtp_server.py");
        let (record, ca_file) = (dir.path().join("received.jsonl"), dir.path().join("ca.pem"));
        let stderr = dir.path().join("smtp.stderr");
        let mode_name = if mode == SmtpMode::Plain { "plain" } else { mode.flag() };
        let mut command = Command::new(&python);
        command.arg(&script).args(["--mode", mode_name]).arg("--record").arg(&record);
        command
            .arg("--ca-out")
            .arg(&ca_file)
            .arg("--fail-first")
            .arg(options.fail_first.to_string());
        for address in &options.refuse {
            command.args(["--refuse", address]);
        }
        if let Some((username, password)) = options.login {
            command.env("SMTP_TEST_USERNAME", username).env("SMTP_TEST_PASSWORD", password);
        }
        let stderr_file = std::fs::File::create(&stderr).expect("create SMTP stderr file");
        command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(stderr_file);
        let mut child = command
            .spawn()
            .unwrap_or_else(|error| panic!("failed to start `{}`: {error}", python.display()));
        let port = read_port(&mut child, &stderr);
        SmtpServer { port, mode, ca_file, options, record, stderr, child, _dir: dir }
    }

    /// Returns every DATA command so far, in order.
    pub(crate) fn received(&self) -> Vec<Received> {
        let text = std::fs::read_to_string(&self.record).unwrap_or_default();
        text.lines().map(|line| serde_json::from_str(line).expect("record line")).collect()
    }

    /// Returns the accepted messages so far.
    pub(crate) fn accepted(&self) -> Vec<Received> {
        self.received().into_iter().filter(|message| message.accepted).collect()
    }

    /// Waits until `count` messages were accepted and returns them.
    pub(crate) async fn wait_for_accepted(&self, count: usize) -> Vec<Received> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let accepted = self.accepted();
            if accepted.len() >= count {
                return accepted;
            }
            if Instant::now() > deadline {
                panic!(
                    "the SMTP server accepted {} of {count} messages within {PATIENCE:?}; \
                     its stderr:\n{}",
                    accepted.len(),
                    std::fs::read_to_string(&self.stderr).unwrap_or_default()
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// `email_alerts` for this server: trusts its CA, logs in when it requires AUTH.
    pub(crate) fn email_alerts(&self, addresses: &[&str]) -> Value {
        let mut config = json!({
            "smtp_server": "127.0.0.1",
            "smtp_port": self.port,
            "tls_mode": self.mode.flag(),
            "smtp_ca_file": self.ca_file,
            "sender": "MADSci Alerts <alerts@lab.test>",
            "email_addresses": addresses,
        });
        if let Some((username, password)) = self.options.login {
            config["smtp_username"] = json!(username);
            config["smtp_password"] = json!(password);
        }
        config
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads the `{"port": N}` line the script prints once it listens.
fn read_port(child: &mut Child, stderr: &Path) -> u16 {
    let stdout = child.stdout.take().expect("piped stdout");
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = sender.send(line);
    });
    let line = receiver.recv_timeout(PATIENCE).unwrap_or_default();
    let port = serde_json::from_str::<Value>(&line).ok().and_then(|value| value["port"].as_u64());
    let Some(port) = port else {
        let _ = child.kill();
        panic!(
            "tests/alert/smtp_server.py did not report its port (stdout: {line:?}); stderr:\n{}",
            std::fs::read_to_string(stderr).unwrap_or_default()
        );
    };
    u16::try_from(port).expect("a TCP port")
}

/// Returns the interpreter of the SMTP virtualenv, or fails naming the script that makes it.
fn smtp_python() -> PathBuf {
    let python = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/smtp-venv/bin/python");
    if python.is_file() {
        return python;
    }
    panic!(
        "the SMTP test server is not installed: `{}` is missing. Run `scripts/test`, which \
         creates target/smtp-venv with aiosmtpd and trustme and then runs all tests",
        python.display()
    );
}

/// One request the webhook receiver got.
#[derive(Clone, Debug)]
pub(crate) struct Hit {
    pub(crate) at: Instant,
    pub(crate) authorization: Option<String>,
    pub(crate) body: Value,
}

struct ReceiverState {
    hits: Mutex<Vec<Hit>>,
    /// The status of the n-th request; 200 after the list.
    statuses: Vec<u16>,
    count: AtomicUsize,
}

/// A loopback HTTP server that records webhook requests.
pub(crate) struct WebhookReceiver {
    /// The base URL, `http://127.0.0.1:PORT`; any path is accepted.
    pub(crate) base: String,
    state: Arc<ReceiverState>,
    task: JoinHandle<()>,
}

impl WebhookReceiver {
    /// Starts a receiver that answers the n-th request with `statuses[n]`, then 200.
    pub(crate) async fn start(statuses: Vec<u16>) -> WebhookReceiver {
        let state = Arc::new(ReceiverState {
            hits: Mutex::new(Vec::new()),
            statuses,
            count: AtomicUsize::new(0),
        });
        let app = axum::Router::new().fallback(record_hit).with_state(Arc::clone(&state));
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind webhook receiver");
        let port = listener.local_addr().expect("receiver address").port();
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("webhook receiver");
        });
        WebhookReceiver { base: format!("http://127.0.0.1:{port}"), state, task }
    }

    pub(crate) fn hits(&self) -> Vec<Hit> {
        self.state.hits.lock().expect("hits").clone()
    }

    /// Waits until `count` requests arrived and returns them.
    pub(crate) async fn wait_for(&self, count: usize) -> Vec<Hit> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let hits = self.hits();
            if hits.len() >= count {
                return hits;
            }
            assert!(
                Instant::now() < deadline,
                "the webhook receiver got {} of {count} requests within {PATIENCE:?}",
                hits.len()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for WebhookReceiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn record_hit(
    State(state): State<Arc<ReceiverState>>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let authorization =
        headers.get("authorization").and_then(|value| value.to_str().ok()).map(str::to_owned);
    let body = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let hit = Hit { at: Instant::now(), authorization, body };
    state.hits.lock().expect("hits").push(hit);
    let index = state.count.fetch_add(1, Ordering::SeqCst);
    let status = state.statuses.get(index).copied().unwrap_or(200);
    StatusCode::from_u16(status).expect("a valid status")
}

/// A TCP server on 127.0.0.1 that accepts connections and never sends a byte, like a mail
/// server that hangs.
pub(crate) struct StalledServer {
    pub(crate) port: u16,
    accepted: Arc<AtomicUsize>,
    task: JoinHandle<()>,
}

impl StalledServer {
    pub(crate) async fn start() -> StalledServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind stalled server");
        let port = listener.local_addr().expect("stalled server address").port();
        let accepted = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&accepted);
        let task = tokio::spawn(async move {
            let mut open = Vec::new();
            while let Ok((stream, _)) = listener.accept().await {
                counter.fetch_add(1, Ordering::SeqCst);
                open.push(stream);
            }
        });
        StalledServer { port, accepted, task }
    }

    /// Connections accepted so far.
    pub(crate) fn accepted(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
    }

    /// `email_alerts` pointing at this server, without TLS.
    pub(crate) fn email_alerts(&self, addresses: &[&str]) -> Value {
        json!({
            "smtp_server": "127.0.0.1",
            "smtp_port": self.port,
            "tls_mode": "none",
            "sender": "alerts@lab.test",
            "email_addresses": addresses,
        })
    }
}

impl Drop for StalledServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Starts `serve` with these `EVENT_*` variables.
pub(crate) async fn server_with(env: &[(&str, String)]) -> TestServer {
    let env = env.iter().map(|(name, value)| ((*name).to_owned(), value.clone())).collect();
    TestServer::start_with(Backend::Sqlite, ServerOptions { args: Vec::new(), env }).await
}

/// Waits until the server's stderr contains `needle`, and returns the stderr.
pub(crate) async fn wait_for_log(server: &TestServer, needle: &str) -> String {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let stderr = server.stderr();
        if stderr.contains(needle) {
            return stderr;
        }
        assert!(Instant::now() < deadline, "no `{needle}` in the server log:\n{stderr}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Returns a new ULID to use as an event id.
pub(crate) fn new_id() -> String {
    ulid::Ulid::new().to_string()
}

/// Runs the built binary with `args` and exactly these settings variables, in an empty
/// working directory so no settings file is found.
pub(crate) async fn run_cli(args: &[&str], env: &[(&str, String)]) -> Output {
    let dir = tempfile::tempdir().expect("create temp dir for the CLI");
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_madsci-events"));
    command.args(args).current_dir(dir.path()).env("MADSCI_SETTINGS_DIR", dir.path());
    for (name, _) in std::env::vars() {
        let upper = name.to_ascii_uppercase();
        if upper.starts_with("EVENT_") || upper.ends_with("DB_URL") || upper == "RUST_LOG" {
            command.env_remove(&name);
        }
    }
    command.envs(env.iter().map(|(name, value)| (*name, value.as_str())));
    command.stdin(Stdio::null()).kill_on_drop(true);
    let output = tokio::time::timeout(Duration::from_secs(60), command.output()).await;
    output.expect("madsci-events did not finish within 60 s").expect("run madsci-events")
}
