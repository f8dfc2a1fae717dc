//! The exit codes of the subcommands, grep-style, so `if madsci-events query …; then` works.

use std::process::ExitCode;

/// Success: delivered, found, healthy, done.
pub const SUCCESS: u8 = 0;
/// Nothing matched (`query`, `tail`, `get`), the server reports itself unhealthy (`health`), a
/// migration is needed (`check-version`), or a backup or schema is invalid (`backups validate`,
/// `migrate --validate-schema`).
pub const NO_MATCH: u8 = 1;
/// An error: invalid usage, an unreachable server, a rejected request, a missing `--yes`.
pub const ERROR: u8 = 2;
/// The server could not be reached and the events were spooled for later delivery (`log`,
/// `flush`); nothing was lost.
pub const SPOOLED: u8 = 3;

/// The exit codes as `--help` and the man pages show them.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  success
  1  nothing matched (query, tail, get), the server is unhealthy (health),
     a migration is needed (check-version) or a backup or schema is invalid
     (backups validate, migrate --validate-schema)
  2  error: invalid usage, unreachable server, rejected request, no --yes
  3  server unreachable: events were spooled and will be delivered later
     by the next log or by flush";

/// The exit code as the process returns it.
pub fn exit_code(code: u8) -> ExitCode {
    ExitCode::from(code)
}
