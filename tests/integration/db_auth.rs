//! Backups of a MongoDB server that requires authentication, with a password full of URL
//! special characters: a SecantusDB started with `--auth` on its own port.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use mongodb::Client;
use mongodb::bson::{Document, doc};

use crate::db_support::{ToolDouble, all_documents, expect_code, printed_path};
use crate::support::free_port;

/// The password, before percent-encoding: `@`, `:`, `/`, `%`, a space and a quote.
const PASSWORD: &str = "p@ss:w/o%rd \"x";

/// The same password percent-encoded for a connection string.
const ENCODED_PASSWORD: &str = "p%40ss%3Aw%2Fo%25rd%20%22x";

/// A SecantusDB process on its own port and data folder, stopped on drop.
struct AuthServer {
    child: Child,
}

impl AuthServer {
    /// Starts the daemon that `scripts/test` installs, with or without `--auth`.
    fn start(port: u16, data: &Path, auth: bool) -> AuthServer {
        let program = std::env::var_os("MADSCI_TEST_SECANTUSD").map(PathBuf::from);
        let program = program.unwrap_or_else(|| {
            panic!(
                "`MADSCI_TEST_SECANTUSD` is not set: run `scripts/test`, which installs SecantusDB"
            )
        });
        let mut command = Command::new(program);
        command.args(["--host", "127.0.0.1", "--port", &port.to_string(), "--storage-path"]);
        command.arg(data).stdout(Stdio::null()).stderr(Stdio::null());
        if auth {
            command.arg("--auth");
        }
        let child = command.spawn().expect("start SecantusDB");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "SecantusDB did not listen on port {port}");
            std::thread::sleep(Duration::from_millis(50));
        }
        AuthServer { child }
    }

    /// Sends SIGTERM and waits for the exit, so the data folder can be reopened.
    fn stop(mut self) {
        let _ = Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
        let _ = self.child.wait();
    }
}

impl Drop for AuthServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Creates the user `lab` with [`PASSWORD`] without auth, then restarts with `--auth`.
async fn start_with_user(port: u16, data: &Path) -> AuthServer {
    let open = AuthServer::start(port, data, false);
    let client = Client::with_uri_str(format!("mongodb://127.0.0.1:{port}/?retryWrites=false"))
        .await
        .expect("connect");
    let command = doc! {"createUser": "lab", "pwd": PASSWORD, "roles": ["root"]};
    client.database("admin").run_command(command).await.expect("create the user");
    drop(client);
    open.stop();
    AuthServer::start(port, data, true)
}

#[tokio::test]
async fn special_character_password_round_trips() {
    let data = tempfile::tempdir().unwrap();
    let port = free_port();
    let _server = start_with_user(port, &data.path().join("db")).await;
    let url = format!("mongodb://lab:{ENCODED_PASSWORD}@127.0.0.1:{port}/admin?retryWrites=false");
    let client = Client::with_uri_str(&url).await.unwrap();
    let events = client.database("lab_events").collection::<Document>("events");
    events.insert_many((0..12).map(|i| doc! {"_id": i, "n": i})).await.unwrap();
    let before = all_documents(&client, "lab_events", "events").await;
    let backups = tempfile::tempdir().unwrap();
    let double = ToolDouble::new();
    let database_args = ["--db-url", &url, "--database", "lab_events", "--backup-dir"];
    let backup_dir = backups.path().display().to_string();

    let backup = double.cli().args(["backup"]).args(database_args).args([&backup_dir]).run();
    expect_code(&backup, 0);
    let folder = printed_path(&backup).display().to_string();
    let restore = double
        .cli()
        .args(["restore", &folder, "--yes", "--target-database", "lab_copy"])
        .args(database_args)
        .args([&backup_dir])
        .run();
    expect_code(&restore, 0);

    assert_eq!(all_documents(&client, "lab_copy", "events").await, before);
    for run in double.runs() {
        let argv = run["argv"].to_string();
        assert!(!argv.contains("p%40ss"), "{argv}");
        assert!(!argv.contains("p@ss"), "{argv}");
        let config = run["config_text"].as_str().unwrap();
        let expected = format!("lab:{ENCODED_PASSWORD}@127.0.0.1:{port}/?retryWrites=false");
        assert!(config.contains(&expected), "the URI reaches the tool unchanged: {config}");
        assert!(
            config.contains("authSource=admin"),
            "the path database is the auth source: {config}"
        );
    }
    for output in [&backup, &restore] {
        assert!(!output.stderr.contains("p%40ss"), "{}", output.stderr);
    }
}

#[tokio::test]
async fn wrong_password_fails_without_showing_it() {
    let data = tempfile::tempdir().unwrap();
    let port = free_port();
    let _server = start_with_user(port, &data.path().join("db")).await;
    let url = format!("mongodb://lab:wr%40ng-secret@127.0.0.1:{port}/admin?retryWrites=false");
    let backups = tempfile::tempdir().unwrap();

    let output = ToolDouble::new()
        .cli()
        .args(["backup", "--db-url", &url, "--database", "lab_events", "--backup-dir"])
        .args([backups.path().display().to_string()])
        .run();
    expect_code(&output, 2);
    assert!(output.stderr.contains("failed to reach MongoDB"), "{}", output.stderr);
    assert!(!output.stderr.contains("wr%40ng-secret"), "{}", output.stderr);
    assert!(!output.stderr.contains("wr@ng-secret"), "{}", output.stderr);
    assert_eq!(std::fs::read_dir(backups.path()).map(|dir| dir.count()).unwrap_or(0), 0);
}
