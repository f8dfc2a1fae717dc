//! `madsci-events health`: ask the server whether it and its database work.

use std::process::ExitCode;

use clap::Args;
use comfy_table::{ContentArrangement, Table, presets};
use serde_json::Value;

use super::args::ServerArgs;
use super::exit::{NO_MATCH, SUCCESS, exit_code};
use crate::output::{ReportFormat, print_json, print_line};

/// Check that the server and its database work
///
/// Exit code 0 when the server reports itself healthy, 1 when it answers but is unhealthy
/// (for example its database is down), 2 when it cannot be reached.
#[derive(Debug, Args)]
pub struct HealthArgs {
    /// Print as text or json (the server's health document)
    #[arg(short, long, value_enum, default_value_t, value_name = "FORMAT")]
    pub format: ReportFormat,

    /// Print nothing, so only the exit code reports the result
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub server: ServerArgs,
}

/// Prints the health report; exit code 1 when the server is unhealthy.
pub fn run(args: HealthArgs) -> anyhow::Result<ExitCode> {
    let client = args.server.connect()?;
    let health = client.health()?;
    let healthy = health.get("healthy").and_then(Value::as_bool).unwrap_or(false);
    match args.format {
        _ if args.quiet => {}
        ReportFormat::Json => print_json(&health)?,
        ReportFormat::Text => print_line(&health_table(&health, client.server()).to_string())?,
    }
    Ok(exit_code(if healthy { SUCCESS } else { NO_MATCH }))
}

/// Builds aligned `name  value` rows of the health fields, the server first.
fn health_table(health: &Value, server: &str) -> Table {
    let mut table = Table::new();
    table.load_preset(presets::NOTHING).set_content_arrangement(ContentArrangement::Dynamic);
    table.add_row(["server", server]);
    if let Some(fields) = health.as_object() {
        for (name, value) in fields {
            let text = match value {
                Value::String(text) => text.clone(),
                Value::Bool(true) => "yes".to_owned(),
                Value::Bool(false) => "no".to_owned(),
                Value::Null => "-".to_owned(),
                other => other.to_string(),
            };
            table.add_row([name.as_str(), text.as_str()]);
        }
    }
    table
}
