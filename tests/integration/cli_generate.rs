//! The one clap definition: committed completions and man pages, help width, exit codes.

use std::collections::BTreeMap;
use std::path::Path;

use clap::CommandFactory;
use madsci_events::cli::Cli as Definition;

use crate::cli_support::Cli;

/// The files of `dir`, by name, without `.gitkeep`.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return BTreeMap::new();
    };
    entries
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.file_name().is_some_and(|name| name != ".gitkeep"))
        .map(|path| {
            let name = path.file_name().expect("file name").to_string_lossy().into_owned();
            (name, std::fs::read(&path).expect("read generated file"))
        })
        .collect()
}

#[test]
fn completions_and_man_pages_current() {
    let cli = Cli::new().args(["generate", "--out", "generated"]);
    let generated = cli.dir().join("generated");
    let output = cli.run();
    output.expect_code(0);
    let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
    for folder in ["completions", "man"] {
        let fresh = files(&generated.join(folder));
        let committed = files(&repository.join(folder));
        assert!(!fresh.is_empty(), "nothing generated in {folder}/");
        let fresh_names: Vec<&String> = fresh.keys().collect();
        let committed_names: Vec<&String> = committed.keys().collect();
        assert_eq!(
            committed_names, fresh_names,
            "{folder}/ is stale: run `cargo run -- generate` and commit the result"
        );
        for (name, content) in &fresh {
            assert!(
                committed[name] == *content,
                "{folder}/{name} is stale: run `cargo run -- generate` and commit the result"
            );
        }
    }
}

#[test]
fn generated_files_cover_every_shell_and_subcommand() {
    let cli = Cli::new().args(["generate", "--out", "."]);
    let dir = cli.dir().to_owned();
    let output = cli.run();
    output.expect_code(0);
    let completions = files(&dir.join("completions"));
    for name in [
        "madsci-events.bash",
        "_madsci-events",
        "madsci-events.fish",
        "_madsci-events.ps1",
        "madsci-events.elv",
    ] {
        assert!(
            completions.contains_key(name),
            "completions/{name} missing: {:?}",
            completions.keys()
        );
    }
    let pages = files(&dir.join("man"));
    assert!(pages.contains_key("madsci-events.1"), "main page: {:?}", pages.keys());
    for command in Definition::command().get_subcommands().filter(|command| !command.is_hide_set())
    {
        let page = format!("madsci-events-{}.1", command.get_name());
        assert!(pages.contains_key(&page), "{page} missing: {:?}", pages.keys());
    }
    assert!(pages.contains_key("madsci-events-config-init.1"), "nested page: {:?}", pages.keys());
    assert!(!pages.contains_key("madsci-events-generate.1"), "the hidden generator has no page");
}

/// Every subcommand's path, such as `["config", "init"]`.
fn command_paths() -> Vec<Vec<String>> {
    fn walk(command: &clap::Command, prefix: &[String], paths: &mut Vec<Vec<String>>) {
        for sub in command.get_subcommands() {
            let mut path = prefix.to_vec();
            path.push(sub.get_name().to_owned());
            paths.push(path.clone());
            walk(sub, &path, paths);
        }
    }
    let mut paths = vec![Vec::new()];
    walk(&Definition::command(), &[], &mut paths);
    paths
}

#[test]
fn help_fits_80_columns() {
    for path in command_paths() {
        for flag in ["-h", "--help"] {
            let output = Cli::new().args(&path).args([flag]).env("COLUMNS", "200").run();
            output.expect_code(0);
            for line in output.stdout.lines() {
                assert!(
                    line.chars().count() <= 80,
                    "`{} {flag}` has a line of {} columns: {line}",
                    path.join(" "),
                    line.chars().count()
                );
            }
        }
    }
}

#[test]
fn every_option_has_short_help() {
    fn check(command: &clap::Command, name: &str) {
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            if arg.is_hide_set() || id == "help" || id == "version" {
                continue;
            }
            let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
            assert!(!help.is_empty(), "`{name}` option `{id}` has no help");
            assert!(
                !help.ends_with('.'),
                "`{name}` option `{id}`: help ends with a period: {help}"
            );
        }
        for sub in command.get_subcommands() {
            check(sub, &format!("{name} {}", sub.get_name()));
        }
    }
    check(&Definition::command(), "madsci-events");
}

#[test]
fn help_documents_exit_codes() {
    let output = Cli::new().args(["--help"]).run();
    output.expect_code(0);
    for line in
        ["Exit codes:", "0  success", "1  nothing matched", "2  error", "3  server unreachable"]
    {
        assert!(output.stdout.contains(line), "--help lacks {line:?}:\n{}", output.stdout);
    }
}
