//! `madsci-events config init`: the settings file for the server and the client.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::cli_support::Cli;
use crate::support::free_port;

#[tokio::test]
async fn config_init_without_terminal_needs_yes() {
    let cli = Cli::new().args(["config", "init"]);
    let path = cli.dir().join("event.settings.yaml");
    let output = cli.run();
    output.expect_code(2);
    assert!(output.stderr.contains("`--yes`"), "names --yes: {}", output.stderr);
    assert!(!path.exists(), "no file written");
}

/// A `serve` process started in `dir` with nothing but the settings file to configure it.
struct ConfiguredServer(Child);

impl Drop for ConfiguredServer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn config_init_writes_file_both_sides_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dir_text = dir.path().to_str().expect("utf-8").to_owned();
    let spool = dir.path().join("spool");
    let url = format!("http://127.0.0.1:{}", free_port());
    let output = Cli::new()
        .args(["config", "init", "--yes", "--server-url", &url])
        .args(["--db-url", "sqlite://lab/events.db", "--spool-dir", spool.to_str().expect("utf-8")])
        .args(["--path", &format!("{dir_text}/event.settings.yaml")])
        .run();
    output.expect_code(0);
    let path = dir.path().join("event.settings.yaml");
    assert_eq!(output.stdout.trim(), path.to_str().expect("utf-8 path"), "prints the file");
    let text = std::fs::read_to_string(&path).expect("settings file");
    assert!(text.contains(&format!("event_server_url: \"{url}\"")), "{text}");
    assert!(text.contains("event_document_db_url: \"sqlite://lab/events.db\""), "{text}");
    assert!(text.contains("event_client_spool_dir:"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("metadata").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "only the owner reads a file that may contain a password");
    }

    // The server listens where the file says and opens the database it names.
    let server = Command::new(env!("CARGO_BIN_EXE_madsci-events"))
        .arg("serve")
        .env_clear()
        .env("MADSCI_SETTINGS_DIR", &dir_text)
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(ConfiguredServer)
        .expect("spawn madsci-events serve");
    // The client finds the same server through the same file.
    let health = || {
        Cli::new()
            .without_env("EVENT_CLIENT_SPOOL_DIR")
            .env("MADSCI_SETTINGS_DIR", &dir_text)
            .args(["health", "--retries", "0"])
            .run()
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut client = health();
    while client.code != Some(0) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
        client = health();
    }
    client.expect_code(0);
    assert!(client.stdout.contains(&url), "the client found the server: {}", client.stdout);
    assert!(
        dir.path().join("lab/events.db").is_file(),
        "the server opened the configured database"
    );
    drop(server);
}

#[tokio::test]
async fn config_init_defaults_and_replace() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("event.settings.yaml");
    let run = |extra: &[&str]| {
        Cli::new()
            .args(["config", "init", "--yes", "--path", path.to_str().expect("utf-8")])
            .args(extra)
            .run()
    };
    run(&[]).expect_code(0);
    let text = std::fs::read_to_string(&path).expect("settings file");
    assert!(text.contains("event_server_url: \"http://127.0.0.1:8001\""), "{text}");
    assert!(text.contains("event_document_db_url: \"sqlite://.madsci/events.db\""), "{text}");
    assert!(!text.contains("spool"), "no spool line without --spool-dir: {text}");
    run(&["--server-url", "http://127.0.0.1:9"]).expect_code(0);
    let replaced = std::fs::read_to_string(&path).expect("settings file");
    assert!(replaced.contains("http://127.0.0.1:9"), "{replaced}");
}

#[tokio::test]
async fn config_init_rejects_bad_urls() {
    let cases: [(&[&str], &str); 2] = [
        (&["--server-url", "ftp://127.0.0.1"], "ftp://127.0.0.1"),
        (&["--db-url", "postgres://u:hunter2@127.0.0.1/db"], "postgres"),
    ];
    for (args, expected) in cases {
        let cli = Cli::new().args(["config", "init", "--yes"]).args(args);
        let path = cli.dir().join("event.settings.yaml");
        let output = cli.run();
        assert_eq!(output.code, Some(2), "exit code of {args:?}");
        assert!(output.stderr.contains(expected), "stderr of {args:?}: {}", output.stderr);
        assert!(!output.stderr.contains("hunter2"), "password shown: {}", output.stderr);
        assert!(!path.exists(), "no file for {args:?}");
    }
}
