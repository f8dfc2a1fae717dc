//! Running `mongodump` and `mongorestore` (MongoDB Database Tools 100.3 or later).
//!
//! The connection string goes to the tools in a YAML `--config` file created with mode 0600
//! and removed when the run ends, never on the command line, so no password shows in the
//! process list. The whole URI is passed unchanged apart from its database path, so
//! percent-encoded passwords, `authSource`, `replicaSet`, TLS options and `mongodb+srv://`
//! reach the tools exactly as the driver reads them. Option values use the `--name=value`
//! form so a value starting with `-` is never read as an option.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::BackupError;
use super::progress::Progress;
use crate::config::{Secret, redact_url};

/// `mongodump`.
pub const MONGODUMP: &str = "mongodump";

/// `mongorestore`.
pub const MONGORESTORE: &str = "mongorestore";

/// How many trailing lines of a failed tool's stderr go into the error.
const STDERR_TAIL_LINES: usize = 8;

/// The parts of a MongoDB connection string that the tool invocation changes.
#[derive(Debug, PartialEq, Eq)]
struct UriParts<'a> {
    scheme: &'a str,
    authority: &'a str,
    database: &'a str,
    query: &'a str,
}

fn split_uri(uri: &str) -> Result<UriParts<'_>, BackupError> {
    let invalid = || BackupError::InvalidUrl { url: redact_url(uri) };
    let scheme_end = uri.find("://").ok_or_else(invalid)?;
    let scheme = &uri[..scheme_end];
    if scheme != "mongodb" && scheme != "mongodb+srv" {
        return Err(invalid());
    }
    let rest = &uri[scheme_end + 3..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    if authority.is_empty() || authority.ends_with('@') {
        return Err(invalid());
    }
    let tail = &rest[authority_end..];
    let (path, query) = match tail.split_once('?') {
        Some((path, query)) => (path, query),
        None => (tail, ""),
    };
    let database = path.strip_prefix('/').unwrap_or(path);
    Ok(UriParts { scheme, authority, database, query })
}

/// Builds the connection string for the tools: the URI without its database path, because
/// the tools reject a `--db` that differs from it. When the URI has credentials and no `authSource`, the
/// path database was the authentication database, so it becomes `authSource`.
pub fn tool_uri(uri: &str) -> Result<String, BackupError> {
    let parts = split_uri(uri.trim())?;
    let mut options: Vec<String> =
        parts.query.split('&').filter(|option| !option.is_empty()).map(str::to_owned).collect();
    let has_credentials = parts.authority.contains('@');
    let has_auth_source = options.iter().any(|option| {
        option.split('=').next().is_some_and(|key| key.eq_ignore_ascii_case("authSource"))
    });
    if has_credentials && !has_auth_source && !parts.database.is_empty() {
        options.push(format!("authSource={}", parts.database));
    }
    let mut result = format!("{}://{}/", parts.scheme, parts.authority);
    if !options.is_empty() {
        result.push('?');
        result.push_str(&options.join("&"));
    }
    Ok(result)
}

/// The tools' `--config` file, mode 0600, deleted on drop.
#[derive(Debug)]
pub struct ToolConfig {
    file: tempfile::NamedTempFile,
}

impl ToolConfig {
    /// Writes `uri: "<connection string>"` into a new private file.
    pub fn write(url: &Secret) -> Result<ToolConfig, BackupError> {
        let uri = tool_uri(url.expose())?;
        let io_error = |path: PathBuf| {
            move |source| BackupError::Io { action: "write the tool config file", path, source }
        };
        let mut file = tempfile::Builder::new()
            .prefix("madsci-events-tool-")
            .suffix(".yaml")
            .tempfile()
            .map_err(io_error(std::env::temp_dir()))?;
        restrict_permissions(file.path()).map_err(io_error(file.path().to_path_buf()))?;
        let text = format!("uri: {}\n", yaml_quote(&uri));
        file.write_all(text.as_bytes()).map_err(io_error(file.path().to_path_buf()))?;
        file.flush().map_err(io_error(file.path().to_path_buf()))?;
        Ok(ToolConfig { file })
    }

    /// Returns the file's path, for `--config`.
    pub fn path(&self) -> &Path {
        self.file.path()
    }
}

#[cfg(unix)]
fn restrict_permissions(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn restrict_permissions(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Quotes `text` as a YAML double-quoted scalar.
fn yaml_quote(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04x}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// One `mongodump` run.
#[derive(Clone, Debug)]
pub struct DumpRequest<'a> {
    pub database: &'a str,
    /// The backup folder; the tool writes `<out>/<database>/`.
    pub out: &'a Path,
    pub gzip: bool,
    /// One collection, or `None` for all. mongodump honours only one `--collection`, so
    /// several collections take one run each.
    pub collection: Option<&'a str>,
}

/// Builds the arguments of a `mongodump` run.
pub fn dump_args(config: &Path, request: &DumpRequest<'_>) -> Vec<OsString> {
    let mut args = vec![option("--config=", config.as_os_str())];
    args.push(format!("--db={}", request.database).into());
    args.push(option("--out=", request.out.as_os_str()));
    if request.gzip {
        args.push("--gzip".into());
    }
    if let Some(collection) = request.collection {
        args.push(format!("--collection={collection}").into());
    }
    args
}

/// One `mongorestore` run from a backup folder.
#[derive(Clone, Debug)]
pub struct RestoreRequest<'a> {
    /// The backup folder (the parent of `<source_database>/`).
    pub dir: &'a Path,
    pub source_database: &'a str,
    pub target_database: &'a str,
    pub gzip: bool,
    /// Collections to restore; empty restores all.
    pub collections: &'a [String],
    /// Drop each restored collection in the target first.
    pub drop: bool,
}

/// Builds the arguments of a `mongorestore` run. Namespaces are chosen with `--nsInclude` and renamed
/// with `--nsFrom`/`--nsTo`, which replace the deprecated `--db` for directory restores.
pub fn restore_args(config: &Path, request: &RestoreRequest<'_>) -> Vec<OsString> {
    let source = escape_namespace(request.source_database);
    let mut args =
        vec![option("--config=", config.as_os_str()), option("--dir=", request.dir.as_os_str())];
    if request.collections.is_empty() {
        args.push(format!("--nsInclude={source}.*").into());
    }
    for collection in request.collections {
        args.push(format!("--nsInclude={source}.{}", escape_namespace(collection)).into());
    }
    if request.source_database != request.target_database {
        args.push(format!("--nsFrom={source}.*").into());
        args.push(format!("--nsTo={}.*", escape_namespace(request.target_database)).into());
    }
    if request.gzip {
        args.push("--gzip".into());
    }
    if request.drop {
        args.push("--drop".into());
    }
    args
}

/// Escapes `*` and `\` in a literal namespace part, as the tools' namespace patterns require.
fn escape_namespace(name: &str) -> String {
    name.replace('\\', "\\\\").replace('*', "\\*")
}

fn option(name: &str, value: &std::ffi::OsStr) -> OsString {
    let mut option = OsString::from(name);
    option.push(value);
    option
}

/// Runs `program` with `args`, showing a spinner, and fails with the end of its stderr when it
/// exits non-zero. A program missing from `PATH` gives [`BackupError::ToolMissing`].
pub fn run_tool(program: &str, args: &[OsString], progress: Progress) -> Result<(), BackupError> {
    let spinner = progress.spinner(&format!("running {program}"));
    let output = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output();
    spinner.finish_and_clear();
    let output = match output {
        Ok(output) => output,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(BackupError::ToolMissing { tool: program.to_owned() });
        }
        Err(source) => {
            let path = PathBuf::from(program);
            return Err(BackupError::Io { action: "start the tool", path, source });
        }
    };
    if output.status.success() {
        return Ok(());
    }
    Err(BackupError::ToolFailed {
        tool: program.to_owned(),
        status: output.status.to_string(),
        stderr: stderr_tail(&output.stderr),
    })
}

/// Returns the last lines of a tool's stderr, with any URL password replaced.
fn stderr_tail(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let lines: Vec<&str> = text.lines().filter(|line| !line.trim().is_empty()).collect();
    let start = lines.len().saturating_sub(STDERR_TAIL_LINES);
    lines[start..]
        .iter()
        .map(|line| line.split(' ').map(redact_url).collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reports whether `program` is found on `PATH`.
pub fn on_path(program: &str) -> bool {
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    std::env::split_paths(&path).any(|dir| is_executable(&dir.join(program)))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|metadata| metadata.is_file() && metadata.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tool_uri_path_becomes_auth_source() {
        assert_eq!(
            tool_uri("mongodb://lab:p%40ss%2Fw0rd@db1:27017,db2/admin?replicaSet=rs0").unwrap(),
            "mongodb://lab:p%40ss%2Fw0rd@db1:27017,db2/?replicaSet=rs0&authSource=admin"
        );
        assert_eq!(
            tool_uri("mongodb://u:p@h/x?authSource=other&tls=true").unwrap(),
            "mongodb://u:p@h/?authSource=other&tls=true"
        );
        assert_eq!(tool_uri("mongodb://h:27017/madsci_events").unwrap(), "mongodb://h:27017/");
        assert_eq!(
            tool_uri("mongodb+srv://u:p@cluster.example.net/?retryWrites=true").unwrap(),
            "mongodb+srv://u:p@cluster.example.net/?retryWrites=true"
        );
        assert_eq!(tool_uri("mongodb://h").unwrap(), "mongodb://h/");
    }

    #[test]
    fn tool_uri_rejects_other_schemes() {
        let error = tool_uri("postgres://u:hunter2@h/db").unwrap_err().to_string();
        assert!(!error.contains("hunter2"), "{error}");
        assert!(tool_uri("mongodb://").is_err());
    }

    #[test]
    fn config_file_is_private_and_quoted() {
        let secret = Secret::new("mongodb://u:a%22b\\c@h/db");
        let config = ToolConfig::write(&secret).unwrap();
        let text = std::fs::read_to_string(config.path()).unwrap();
        assert_eq!(text, "uri: \"mongodb://u:a%22b\\\\c@h/?authSource=db\"\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = config.path().metadata().unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let path = config.path().to_path_buf();
        drop(config);
        assert!(!path.exists());
    }

    #[test]
    fn dump_arguments_carry_no_secret() {
        let request = DumpRequest {
            database: "madsci_events",
            out: Path::new("/b/x"),
            gzip: true,
            collection: Some("events"),
        };
        let args = dump_args(Path::new("/tmp/c.yaml"), &request);
        assert_eq!(
            args,
            [
                "--config=/tmp/c.yaml",
                "--db=madsci_events",
                "--out=/b/x",
                "--gzip",
                "--collection=events"
            ]
        );
    }

    #[test]
    fn restore_arguments_rename_and_choose_collections() {
        let collections = vec!["events".to_owned(), "odd*name".to_owned()];
        let request = RestoreRequest {
            dir: Path::new("/b/x"),
            source_database: "madsci_events",
            target_database: "staging",
            gzip: false,
            collections: &collections,
            drop: true,
        };
        let args = restore_args(Path::new("/tmp/c.yaml"), &request);
        assert_eq!(
            args,
            [
                "--config=/tmp/c.yaml",
                "--dir=/b/x",
                "--nsInclude=madsci_events.events",
                "--nsInclude=madsci_events.odd\\*name",
                "--nsFrom=madsci_events.*",
                "--nsTo=staging.*",
                "--drop",
            ]
        );
    }

    #[test]
    fn stderr_tail_hides_passwords() {
        let stderr = b"line 1\nfailed to connect to mongodb://u:hunter2@h:1/ now\n";
        let tail = stderr_tail(stderr);
        assert!(!tail.contains("hunter2"), "{tail}");
        assert!(tail.contains("mongodb://u:***@h:1/"), "{tail}");
    }
}
