//! A builder that runs the built `madsci-events` binary as a user or a script would: args, env
//! and stdin in; stdout, stderr and exit status out.
//!
//! Every run starts from an empty environment (no `HOME`, no `EVENT_*` variables, `TZ=UTC`), in
//! its own working directory, with its own spool and settings directory, so nothing from the
//! machine leaks in and nothing is written outside the test's temporary directory. Stdin is
//! empty and not a terminal unless a test gives it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

use crate::http_common::EVENT_KEYS;
use crate::support::TestServer;

/// The longest any one run may take before it is killed and the test fails.
const RUN_TIMEOUT: Duration = Duration::from_secs(60);

/// A command line to run.
pub(crate) struct Cli {
    args: Vec<String>,
    env: Vec<(String, String)>,
    removed: Vec<String>,
    stdin: Option<Vec<u8>>,
    /// Working directory, spool and settings live here unless a test points elsewhere.
    home: TempDir,
}

/// What a run printed and how it ended.
#[derive(Debug)]
pub(crate) struct Output {
    pub(crate) stdout: String,
    pub(crate) stderr: String,
    /// The exit code; `None` when a signal ended the process.
    pub(crate) code: Option<i32>,
    /// The run's directory, kept until the output is dropped so tests can inspect its files.
    _home: TempDir,
}

impl Cli {
    /// A run with no server configured.
    pub(crate) fn new() -> Cli {
        let home = tempfile::tempdir().expect("create temp dir");
        let mut cli =
            Cli { args: Vec::new(), env: Vec::new(), removed: Vec::new(), stdin: None, home };
        let spool = cli.spool_dir();
        let settings = cli.dir().to_owned();
        cli = cli.env("EVENT_CLIENT_SPOOL_DIR", spool.to_str().expect("utf-8 path"));
        cli = cli.env("MADSCI_SETTINGS_DIR", settings.to_str().expect("utf-8 path"));
        cli.env("TZ", "UTC")
    }

    /// A run against `server`, named through `EVENT_SERVER_URL` (a 127.0.0.1 URL).
    pub(crate) fn with_server(server: &TestServer) -> Cli {
        Cli::new().env("EVENT_SERVER_URL", &server.base)
    }

    /// Appends arguments.
    pub(crate) fn args<I, S>(mut self, args: I) -> Cli
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.args.extend(args.into_iter().map(|arg| arg.as_ref().to_owned()));
        self
    }

    /// Sets an environment variable.
    pub(crate) fn env(mut self, name: &str, value: &str) -> Cli {
        self.env.retain(|(existing, _)| existing != name);
        self.env.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Leaves an environment variable unset.
    pub(crate) fn without_env(mut self, name: &str) -> Cli {
        self.env.retain(|(existing, _)| existing != name);
        self.removed.push(name.to_owned());
        self
    }

    /// Feeds standard input.
    pub(crate) fn stdin(mut self, input: impl Into<Vec<u8>>) -> Cli {
        self.stdin = Some(input.into());
        self
    }

    /// The run's working directory.
    pub(crate) fn dir(&self) -> &Path {
        self.home.path()
    }

    /// The spool directory the run uses by default.
    pub(crate) fn spool_dir(&self) -> PathBuf {
        self.home.path().join("spool")
    }

    fn command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_madsci-events"));
        command.env_clear().current_dir(self.home.path()).args(&self.args);
        for (name, value) in &self.env {
            command.env(name, value);
        }
        for name in &self.removed {
            command.env_remove(name);
        }
        command
    }

    /// Runs to completion and collects the output.
    pub(crate) fn run(self) -> Output {
        let mut command = self.command();
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        command.stdin(if self.stdin.is_some() { Stdio::piped() } else { Stdio::null() });
        let mut child = command.spawn().expect("spawn madsci-events");
        if let Some(input) = &self.stdin {
            let mut stdin = child.stdin.take().expect("stdin is piped");
            stdin.write_all(input).expect("write stdin");
        }
        let stdout = read_in_background(child.stdout.take().expect("stdout is piped"));
        let stderr = read_in_background(child.stderr.take().expect("stderr is piped"));
        let status = wait_with_deadline(&mut child, RUN_TIMEOUT);
        Output {
            stdout: stdout.recv().expect("stdout reader"),
            stderr: stderr.recv().expect("stderr reader"),
            code: status,
            _home: self.home,
        }
    }

    /// Runs, reads `bytes` of stdout, then closes stdout as `| head -c` would; returns the exit
    /// code and stderr.
    pub(crate) fn run_closing_stdout_after(self, bytes: usize) -> (Option<i32>, String) {
        let mut command = self.command();
        command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn().expect("spawn madsci-events");
        let stderr = read_in_background(child.stderr.take().expect("stderr is piped"));
        let mut stdout = child.stdout.take().expect("stdout is piped");
        let mut head = vec![0; bytes];
        stdout.read_exact(&mut head).expect("read the head of stdout");
        drop(stdout);
        let code = wait_with_deadline(&mut child, RUN_TIMEOUT);
        (code, stderr.recv().expect("stderr reader"))
    }

    /// Starts the command and returns it running, for `tail -f`; stdin is empty.
    pub(crate) fn spawn(self) -> Running {
        self.start(Stdio::null())
    }

    /// Starts the command with a pipe on stdin, for feeding `log --lines` one line at a time.
    pub(crate) fn spawn_piped(self) -> Running {
        self.start(Stdio::piped())
    }

    fn start(self, stdin: Stdio) -> Running {
        let mut command = self.command();
        command.stdin(stdin).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn().expect("spawn madsci-events");
        let lines = read_lines_in_background(child.stdout.take().expect("stdout is piped"));
        let stderr = read_in_background(child.stderr.take().expect("stderr is piped"));
        let stdin = child.stdin.take();
        Running { child, stdin, lines, stderr, _home: self.home }
    }
}

/// A running command whose stdout is read line by line.
pub(crate) struct Running {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: mpsc::Receiver<String>,
    stderr: mpsc::Receiver<String>,
    _home: TempDir,
}

impl Running {
    /// Waits for the next stdout line; `None` after `timeout` or at the end of the output.
    pub(crate) fn next_line(&self, timeout: Duration) -> Option<String> {
        self.lines.recv_timeout(timeout).ok()
    }

    /// Writes one line to the process's stdin.
    pub(crate) fn write_line(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("started with spawn_piped");
        writeln!(stdin, "{line}").expect("write stdin");
        stdin.flush().expect("flush stdin");
    }

    /// Closes stdin, so the process sees the end of its input.
    pub(crate) fn close_stdin(&mut self) {
        self.stdin = None;
    }

    /// Waits for the process to end on its own and returns its exit code and stderr.
    pub(crate) fn wait(mut self, timeout: Duration) -> (Option<i32>, String) {
        let code = wait_with_deadline(&mut self.child, timeout);
        (code, self.stderr.recv().unwrap_or_default())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_in_background(mut source: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = source.read_to_end(&mut bytes);
        let _ = sender.send(String::from_utf8_lossy(&bytes).into_owned());
    });
    receiver
}

fn read_lines_in_background(source: ChildStdout) -> mpsc::Receiver<String> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(source).lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    receiver
}

/// Waits for the child, killing it after `timeout`; returns its exit code.
fn wait_with_deadline(child: &mut Child, timeout: Duration) -> Option<i32> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(status) = child.try_wait().expect("wait for madsci-events") {
            return status.code();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("madsci-events ran longer than {timeout:?} and was killed");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

impl Output {
    /// Asserts the exit code, showing both streams when it differs.
    pub(crate) fn expect_code(&self, code: i32) -> &Output {
        assert_eq!(
            self.code,
            Some(code),
            "exit code; stdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// Stdout parsed as one JSON value.
    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|error| panic!("stdout is not JSON ({error}):\n{}", self.stdout))
    }

    /// Stdout parsed as one JSON value per line.
    pub(crate) fn ndjson(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|line| {
                serde_json::from_str(line)
                    .unwrap_or_else(|error| panic!("line is not JSON ({error}): {line}"))
            })
            .collect()
    }

    /// The non-empty stdout lines.
    pub(crate) fn lines(&self) -> Vec<&str> {
        self.stdout.lines().filter(|line| !line.is_empty()).collect()
    }
}

/// Asserts that `event` is an event document: exactly the eleven keys, in order, each of its
/// JSON type.
pub(crate) fn assert_event_schema(event: &Value) {
    let map = event.as_object().unwrap_or_else(|| panic!("event is not an object: {event}"));
    let keys: Vec<&str> = map.keys().map(String::as_str).collect();
    assert_eq!(keys, EVENT_KEYS, "keys of {event}");
    assert!(map["_id"].is_string(), "_id is a string in {event}");
    assert!(map["event_type"].is_string(), "event_type is a string in {event}");
    assert!(map["log_level"].is_i64(), "log_level is an integer in {event}");
    assert!(map["alert"].is_boolean(), "alert is a boolean in {event}");
    assert!(map["event_timestamp"].is_string(), "event_timestamp is a string in {event}");
    assert!(map["source"].is_object(), "source is an object in {event}");
    assert!(map["archived"].is_boolean(), "archived is a boolean in {event}");
    for key in ["trace_id", "span_id", "archived_at"] {
        assert!(map[key].is_null() || map[key].is_string(), "{key} is null or a string in {event}");
    }
}

/// Stores events through `POST /events/batch` and returns their ids.
pub(crate) async fn seed_events(server: &TestServer, events: Vec<Value>) -> Vec<String> {
    let (status, reply) = server.post_json("/events/batch", &Value::Array(events)).await;
    assert_eq!(status, 200, "batch status: {reply}");
    reply["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|result| result["_id"].as_str().expect("id").to_owned())
        .collect()
}

/// A valid ULID that is fixed per `n`, for source ids.
pub(crate) fn ulid(n: u8) -> String {
    format!("01JRG5ZK3W8D7E6F5G4H3J2K{:02}", n % 100)
}

/// A one-off HTTP server on 127.0.0.1 that answers each request with the next canned response
/// and reports when each request arrived. It stands in for states the real server cannot be
/// put in on demand (overloaded, unhealthy) and for a server without the batch endpoint.
pub(crate) fn canned_server(responses: Vec<String>) -> (String, mpsc::Receiver<Instant>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for response in responses {
            let Ok((stream, _)) = listener.accept() else { return };
            let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            let _ = std::io::Read::read_exact(&mut reader, &mut body);
            let _ = sender.send(Instant::now());
            let mut stream = stream;
            let _ = stream.write_all(response.as_bytes());
        }
    });
    (format!("http://{address}"), receiver)
}

pub(crate) fn canned_response(status: &str, headers: &str, body: &str) -> String {
    format!(
        "HTTP/1.1 {status}\r\n{headers}content-type: application/json\r\ncontent-length: {}\r\n\
         connection: close\r\n\r\n{body}",
        body.len()
    )
}
