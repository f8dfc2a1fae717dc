
use builtin;
use str;

set edit:completion:arg-completer[madsci-events] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'madsci-events'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'madsci-events'= {
            cand --log-level 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand serve 'Serve the event HTTP API'
            cand log 'Send an event to the server and print its id'
            cand alert 'Send an alert through the server, or test the alert notifiers'
            cand query 'List events matching filters, newest first'
            cand get 'Show one event by id'
            cand tail 'Show the last events, and follow new ones with -f'
            cand health 'Check that the server and its database work'
            cand archive 'Archive events by id or by age'
            cand purge 'Permanently delete archived events'
            cand export 'Export events as NDJSON, one event per line'
            cand import 'Import events from NDJSON, one event per line'
            cand flush 'Deliver spooled events to the server'
            cand config 'Manage settings files'
            cand migrate 'Migrate the database to this build''s schema version'
            cand check-version 'Check whether the database needs a migration'
            cand backup 'Back up the database'
            cand backups 'List or check backups'
            cand restore 'Restore a backup into the database'
            cand generate 'Write shell completions and man pages'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'madsci-events;serve'= {
            cand --listen 'Listen on this address, e.g. 127.0.0.1:8001 [default: host and port of server_url]'
            cand --db-url 'Store events here: sqlite://PATH or mongodb://HOST [default: sqlite://.madsci/events.db]'
            cand --database 'Use this MongoDB database name [default: madsci_events]'
            cand --collection 'Use this MongoDB collection name [default: events]'
            cand --naive-timezone 'Read timestamps without an offset in this zone: local, UTC, +02:00 or an IANA name'
            cand --log-level 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'madsci-events;log'= {
            cand -l 'Set the level: debug, info, warning, error, critical, or 0 to 50'
            cand --level 'Set the level: debug, info, warning, error, critical, or 0 to 50'
            cand -t 'Set the event type [default: log_<level>, such as log_warning]'
            cand --type 'Set the event type [default: log_<level>, such as log_warning]'
            cand --user-id 'Source user id (a ULID)'
            cand --experiment-id 'Source experiment id (a ULID)'
            cand --campaign-id 'Source campaign id (a ULID)'
            cand --project-id 'Source project id (a ULID)'
            cand --node-id 'Source node id (a ULID)'
            cand --workcell-id 'Source workcell id (a ULID)'
            cand --lab-id 'Source lab id (a ULID)'
            cand --step-id 'Source workflow step id (a ULID)'
            cand --workflow-id 'Source workflow id (a ULID)'
            cand --manager-id 'Source manager id (a ULID)'
            cand --data 'Attach this JSON as event data; a message is added to it as "message"'
            cand --id 'Use this event id instead of a new ULID'
            cand --timestamp 'Set the event time instead of now: RFC 3339, a date, or an age such as 5m'
            cand --server 'Send requests to this server URL'
            cand --timeout 'Give up on one request after this many seconds'
            cand --retries 'Retry a failed connection or a 408, 429 or 5xx response this many times'
            cand --retry-backoff 'Wait this many seconds before the first retry, doubling each time'
            cand --spool-dir 'Keep undeliverable events in this directory'
            cand --log-level 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)'
            cand --stdin 'Read the message from standard input'
            cand --lines 'Log each line of standard input as its own event'
            cand --alert 'Mark the event as an alert'
            cand --no-spool 'Exit with code 2 instead of spooling when the server cannot take the event'
            cand -q 'Print nothing on success'
            cand --quiet 'Print nothing on success'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'madsci-events;alert'= {
            cand -l 'Set the level: debug, info, warning, error, critical, or 0 to 50'
            cand --level 'Set the level: debug, info, warning, error, critical, or 0 to 50'
            cand -t 'Set the event type [default: log_<level>, such as log_critical]'
            cand --type 'Set the event type [default: log_<level>, such as log_critical]'
            cand --user-id 'Source user id (a ULID)'
            cand --experiment-id 'Source experiment id (a ULID)'
            cand --campaign-id 'Source campaign id (a ULID)'
            cand --project-id 'Source project id (a ULID)'
            cand --node-id 'Source node id (a ULID)'
            cand --workcell-id 'Source workcell id (a ULID)'
            cand --lab-id 'Source lab id (a ULID)'
            cand --step-id 'Source workflow step id (a ULID)'
            cand --workflow-id 'Source workflow id (a ULID)'
            cand --manager-id 'Source manager id (a ULID)'
            cand --data 'Attach this JSON object as event data besides the message'
            cand --server 'Send requests to this server URL'
            cand --timeout 'Give up on one request after this many seconds'
            cand --retries 'Retry a failed connection or a 408, 429 or 5xx response this many times'
            cand --retry-backoff 'Wait this many seconds before the first retry, doubling each time'
            cand --log-level 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)'
            cand --test 'Send a test message through every configured notifier and report each result'
            cand -q 'Print nothing on success'
            cand --quiet 'Print nothing on success'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'madsci-events;query'= {
            cand --user-id 'Source user id (a ULID)'
            cand --experiment-id 'Source experiment id (a ULID)'
            cand --campaign-id 'Source campaign id (a ULID)'
            cand --project-id 'Source project id (a ULID)'
            cand --node-id 'Source node id (a ULID)'
            cand --workcell-id 'Source workcell id (a ULID)'
            cand --lab-id 'Source lab id (a ULID)'
            cand --step-id 'Source workflow step id (a ULID)'
            cand --workflow-id 'Source workflow id (a ULID)'
            cand --manager-id 'Source manager id (a ULID)'
            cand -t 'Keep events of this type, such as node_error (repeat for several)'
            cand --type 'Keep events of this type, such as node_error (repeat for several)'
            cand -l 'Keep events at or above this level: a name such as warning, or a number'
            cand --level 'Keep events at or above this level: a name such as warning, or a number'
            cand --since 'Keep events at or after this time: RFC 3339, a date, or an age such as 15m, 2h, 7d'
            cand --until 'Keep events at or before this time, in the same forms as --since'
            cand --where 'Keep events matching this MongoDB selector, such as ''{"event_data.step": 3}'''
            cand -n 'Show at most this many events (0: all)'
            cand --limit 'Show at most this many events (0: all)'
            cand --offset 'Skip this many of the newest matching events'
            cand -f 'Print as a table, json (an array), ndjson (one event per line) or csv'
            cand --format 'Print as a table, json (an array), ndjson (one event per line) or csv'
            cand --color 'Colour the output: auto, always or never (auto honours NO_COLOR)'
            cand --server 'Send requests to this server URL'
            cand --timeout 'Give up on one request after this many seconds'
            cand --retries 'Retry a failed connection or a 408, 429 or 5xx response this many times'
            cand --retry-backoff 'Wait this many seconds before the first retry, doubling each time'
            cand --log-level 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)'
            cand --include-archived 'Also show archived events'
            cand --archived 'Show only archived events'
            cand --utc 'Show times in UTC instead of the local time zone'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'madsci-events;get'= {
            cand -f 'Print as json (the stored document), a table, ndjson or csv'
            cand --format 'Print as json (the stored document), a table, ndjson or csv'
            cand --color 'Colour the output: auto, always or never (auto honours NO_COLOR)'
            cand --server 'Send requests to this server URL'
            cand --timeout 'Give up on one request after this many seconds'
            cand --retries 'Retry a failed connection or a 408, 429 or 5xx response this many times'
            cand --retry-backoff 'Wait this many seconds before the first retry, doubling each time'
            cand --log-level 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)'
            cand --utc 'Show times in UTC instead of the local time zone'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'madsci-events;tail'= {
            cand --user-id 'Source user id (a ULID)'
            cand --experiment-id 'Source experiment id (a ULID)'
            cand --campaign-id 'Source campaign id (a ULID)'
            cand --project-id 'Source project id (a ULID)'
            cand --node-id 'Source node id (a ULID)'
            cand --workcell-id 'Source workcell id (a ULID)'
            cand --lab-id 'Source lab id (a ULID)'
            cand --step-id 'Source workflow step id (a ULID)'
            cand --workflow-id 'Source workflow id (a ULID)'
            cand --manager-id 'Source manager id (a ULID)'
            cand -t 'Keep events of this type, such as node_error (repeat for several)'
            cand --type 'Keep events of this type, such as node_error (repeat for several)'
            cand -l 'Keep events at or above this level: a name such as warning, or a number'
            cand --level 'Keep events at or above this level: a name such as warning, or a number'
            cand --since 'Keep events at or after this time: RFC 3339, a date, or an age such as 15m, 2h, 7d'
            cand --until 'Keep events at or before this time, in the same forms as --since'
            cand --where 'Keep events matching this MongoDB selector, such as ''{"event_data.step": 3}'''
            cand -n 'Show this many of the latest events first'
            cand --lines 'Show this many of the latest events first'
            cand -o 'Print as text lines, ndjson (one event per line) or csv'
            cand --format 'Print as text lines, ndjson (one event per line) or csv'
            cand --color 'Colour the output: auto, always or never (auto honours NO_COLOR)'
            cand --server 'Send requests to this server URL'
            cand --timeout 'Give up on one request after this many seconds'
            cand --retries 'Retry a failed connection or a 408, 429 or 5xx response this many times'
            cand --retry-backoff 'Wait this many seconds before the first retry, doubling each time'
            cand --log-level 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)'
            cand -f 'Keep running and print new events as they arrive'
            cand --follow 'Keep running and print new events as they arrive'
            cand --include-archived 'Also show archived events'
            cand --archived 'Show only archived events'
            cand -q 'Print no warnings about skipped events'
            cand --quiet 'Print no warnings about skipped events'
            cand --utc 'Show times in UTC instead of the local time zone'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'madsci-events;health'= {
            cand -f 'Print as text or json (the server''s health document)'
            cand --format 'Print as text or json (the server''s health document)'
            cand --server 'Send requests to this server URL'
            cand --timeout 'Give up on one request after this many seconds'
            cand --retries 'Retry a failed connection or a 408, 429 or 5xx response this many times'
            cand --retry-backoff 'Wait this many seconds before the first retry, doubling each time'
            cand --log-level 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)'
            cand -q 'Print nothing, so only the exit code reports the result'
            cand --quiet 'Print nothing, so only the exit code reports the result'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'madsci-events;archive'= {
            cand --ids 'Archive these event ids, comma-separated or repeated; `-` reads one id per line from standard input'
            cand --before 'Archive every event older than this: RFC 3339, a date, or an age such as 30d'
            cand -f 'Print the result as text or json'
            cand --format 'Print the result as text or json'
            cand --server 'Send requests to this server URL'
            cand --timeout 'Give up on one request after this many seconds'
            cand --retries 'Retry a failed connection or a 408, 429 or 5xx response this many times'
            cand --retry-backoff 'Wait this many seconds before the first retry, doubling each time'
            cand --log-level 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)'
            cand -y 'Archive without asking for confirmation'
            cand --yes 'Archive without asking for confirmation'
            cand -q 'Print nothing but errors and hide the progress bar'
            cand --quiet 'Print nothing but errors and hide the progress bar'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'madsci-events;purge'= {
            cand --older-than-days 'Delete events archived more than this many days ago (0: archived before now)'
            cand -f 'Print the result as text or json (the server''s reply)'
            cand --format 'Print the result as text or json (the server''s reply)'
            cand --server 'Send requests to this server URL'
            cand --timeout 'Give up on one request after this many seconds'
            cand --retries 'Retry a failed connection or a 408, 429 or 5xx response this many times'
            cand --retry-backoff 'Wait this many seconds before the first retry, doubling each time'
            cand --log-level 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)'
            cand -y 'Delete without asking for confirmation'
            cand --yes 'Delete without asking for confirmation'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'madsci-events;export'= {
            cand --user-id 'Source user id (a ULID)'
            cand --experiment-id 'Source experiment id (a ULID)'
            cand --campaign-id 'Source campaign id (a ULID)'
            cand --project-id 'Source project id (a ULID)'
            cand --node-id 'Source node id (a ULID)'
            cand --workcell-id 'Source workcell id (a ULID)'
            cand --lab-id 'Source lab id (a ULID)'
            cand --step-id 'Source workflow step id (a ULID)'
            cand --workflow-id 'Source workflow id (a ULID)'
            cand --manager-id 'Source manager id (a ULID)'
            cand -t 'Keep events of this type, such as node_error (repeat for several)'
            cand --type 'Keep events of this type, such as node_error (repeat for several)'
            cand -l 'Keep events at or above this level: a name such as warning, or a number'
            cand --level 'Keep events at or above this level: a name such as warning, or a number'
            cand --since 'Keep events at or after this time: RFC 3339, a date, or an age such as 15m, 2h, 7d'
            cand --until 'Keep events at or before this time, in the same forms as --since'
            cand --where 'Keep events matching this MongoDB selector, such as ''{"event_data.step": 3}'''
            cand -o 'Write to this file instead of standard output'
            cand --output 'Write to this file instead of standard output'
            cand --server 'Send requests to this server URL'
            cand --timeout 'Give up on one request after this many seconds'
            cand --retries 'Retry a failed connection or a 408, 429 or 5xx response this many times'
            cand --retry-backoff 'Wait this many seconds before the first retry, doubling each time'
            cand --log-level 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)'
            cand --exclude-archived 'Leave archived events out'
            cand --archived 'Export only archived events'
            cand -q 'Print nothing but errors and hide the progress bar'
            cand --quiet 'Print nothing but errors and hide the progress bar'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'madsci-events;import'= {
            cand --batch-size 'Send at most this many events per request'
            cand -f 'Print the result as text or json'
            cand --format 'Print the result as text or json'
            cand --server 'Send requests to this server URL'
            cand --timeout 'Give up on one request after this many seconds'
            cand --retries 'Retry a failed connection or a 408, 429 or 5xx response this many times'
            cand --retry-backoff 'Wait this many seconds before the first retry, doubling each time'
            cand --log-level 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)'
            cand -q 'Print nothing but errors and hide the progress bar'
            cand --quiet 'Print nothing but errors and hide the progress bar'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'madsci-events;flush'= {
            cand --format 'Print the result as text or json'
            cand --server 'Send requests to this server URL'
            cand --timeout 'Give up on one request after this many seconds'
            cand --retries 'Retry a failed connection or a 408, 429 or 5xx response this many times'
            cand --retry-backoff 'Wait this many seconds before the first retry, doubling each time'
            cand --spool-dir 'Keep undeliverable events in this directory'
            cand --log-level 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)'
            cand -q 'Print nothing but errors and hide the progress bar'
            cand --quiet 'Print nothing but errors and hide the progress bar'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'madsci-events;config'= {
            cand --log-level 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand init 'Write a settings file for the server and the client'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'madsci-events;config;init'= {
            cand --path 'Write the settings to this file'
            cand --server-url 'Set the server URL: where clients send events and where the server listens'
            cand --db-url 'Set the server''s database: sqlite://PATH or mongodb://HOST'
            cand --spool-dir 'Set where clients keep events while the server cannot be reached'
            cand --log-level 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)'
            cand -y 'Ask nothing: take the flags and defaults, and replace an existing file'
            cand --yes 'Ask nothing: take the flags and defaults, and replace an existing file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'madsci-events;config;help'= {
            cand init 'Write a settings file for the server and the client'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'madsci-events;config;help;init'= {
        }
        &'madsci-events;config;help;help'= {
        }
        &'madsci-events;migrate'= {
            cand --db-url 'Work on this database: sqlite://PATH, mongodb://HOST or mongodb+srv://HOST'
            cand --database 'Use this MongoDB database; backup folders start with this name [default: madsci_events]'
            cand --backup-dir 'Keep backups in this folder [default: backup_dir, .madsci/backups/events]'
            cand --check-version 'Only compare the database''s schema version with the expected one'
            cand --validate-schema 'Only compare the database''s collections and indexes with the schema file'
            cand --backup-only 'Only take a backup'
            cand --restore-from 'Only restore this backup folder, after confirmation unless --yes'
            cand --schema-file 'Read the expected collections, indexes and version from this schema file (MongoDB)'
            cand --target-version 'Record this version instead of the schema file''s (MongoDB; a semantic version)'
            cand -f 'Print the result as text or json'
            cand --format 'Print the result as text or json'
            cand --log-level 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)'
            cand --native 'Dump and restore through the driver instead of mongodump and mongorestore'
            cand -y 'Restore without asking for confirmation (--restore-from)'
            cand --yes 'Restore without asking for confirmation (--restore-from)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'madsci-events;check-version'= {
            cand --db-url 'Work on this database: sqlite://PATH, mongodb://HOST or mongodb+srv://HOST'
            cand --database 'Use this MongoDB database; backup folders start with this name [default: madsci_events]'
            cand --backup-dir 'Keep backups in this folder [default: backup_dir, .madsci/backups/events]'
            cand --schema-file 'Expect the version in this schema file instead of the built-in schema.json (MongoDB)'
            cand -f 'Print the result as text or json'
            cand --format 'Print the result as text or json'
            cand --log-level 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'madsci-events;backup'= {
            cand --db-url 'Work on this database: sqlite://PATH, mongodb://HOST or mongodb+srv://HOST'
            cand --database 'Use this MongoDB database; backup folders start with this name [default: madsci_events]'
            cand --backup-dir 'Keep backups in this folder [default: backup_dir, .madsci/backups/events]'
            cand --suffix 'Append this to the folder name (letters, digits, - and _; others become _)'
            cand --collection 'Back up only this MongoDB collection; repeat for several'
            cand --max-count 'Keep this many backups of the database, deleting older ones; 0 keeps all'
            cand -f 'Print the result as text or json'
            cand --format 'Print the result as text or json'
            cand --log-level 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)'
            cand --native 'Dump and restore through the driver instead of mongodump and mongorestore'
            cand --gzip 'Compress the MongoDB dump with gzip (*.bson.gz)'
            cand --validate 'Re-read the new backup and check its checksum and every document before finishing'
            cand -q 'Print only the backup folder, no details or progress'
            cand --quiet 'Print only the backup folder, no details or progress'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'madsci-events;backups'= {
            cand --log-level 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List this database''s backups, newest first, with their checksum status'
            cand validate 'Check backups: layout, checksum, and every document read back'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'madsci-events;backups;list'= {
            cand --db-url 'Work on this database: sqlite://PATH, mongodb://HOST or mongodb+srv://HOST'
            cand --database 'Use this MongoDB database; backup folders start with this name [default: madsci_events]'
            cand --backup-dir 'Keep backups in this folder [default: backup_dir, .madsci/backups/events]'
            cand -f 'Print a table or json'
            cand --format 'Print a table or json'
            cand --log-level 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'madsci-events;backups;validate'= {
            cand -f 'Print the result as text or json'
            cand --format 'Print the result as text or json'
            cand --log-level 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)'
            cand -q 'Print nothing and report the result through the exit code only'
            cand --quiet 'Print nothing and report the result through the exit code only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'madsci-events;backups;help'= {
            cand list 'List this database''s backups, newest first, with their checksum status'
            cand validate 'Check backups: layout, checksum, and every document read back'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'madsci-events;backups;help;list'= {
        }
        &'madsci-events;backups;help;validate'= {
        }
        &'madsci-events;backups;help;help'= {
        }
        &'madsci-events;restore'= {
            cand --db-url 'Work on this database: sqlite://PATH, mongodb://HOST or mongodb+srv://HOST'
            cand --database 'Use this MongoDB database; backup folders start with this name [default: madsci_events]'
            cand --backup-dir 'Keep backups in this folder [default: backup_dir, .madsci/backups/events]'
            cand --target-database 'Restore beside the live database: a MongoDB database name, or for the embedded store a file (a bare NAME becomes NAME.db next to the live file)'
            cand --collection 'Restore only this MongoDB collection; repeat for several'
            cand -f 'Print the result as text or json'
            cand --format 'Print the result as text or json'
            cand --log-level 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)'
            cand --native 'Dump and restore through the driver instead of mongodump and mongorestore'
            cand -y 'Restore without asking for confirmation'
            cand --yes 'Restore without asking for confirmation'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'madsci-events;generate'= {
            cand --out 'Write into DIR/completions and DIR/man'
            cand --log-level 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'madsci-events;help'= {
            cand serve 'Serve the event HTTP API'
            cand log 'Send an event to the server and print its id'
            cand alert 'Send an alert through the server, or test the alert notifiers'
            cand query 'List events matching filters, newest first'
            cand get 'Show one event by id'
            cand tail 'Show the last events, and follow new ones with -f'
            cand health 'Check that the server and its database work'
            cand archive 'Archive events by id or by age'
            cand purge 'Permanently delete archived events'
            cand export 'Export events as NDJSON, one event per line'
            cand import 'Import events from NDJSON, one event per line'
            cand flush 'Deliver spooled events to the server'
            cand config 'Manage settings files'
            cand migrate 'Migrate the database to this build''s schema version'
            cand check-version 'Check whether the database needs a migration'
            cand backup 'Back up the database'
            cand backups 'List or check backups'
            cand restore 'Restore a backup into the database'
            cand generate 'Write shell completions and man pages'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'madsci-events;help;serve'= {
        }
        &'madsci-events;help;log'= {
        }
        &'madsci-events;help;alert'= {
        }
        &'madsci-events;help;query'= {
        }
        &'madsci-events;help;get'= {
        }
        &'madsci-events;help;tail'= {
        }
        &'madsci-events;help;health'= {
        }
        &'madsci-events;help;archive'= {
        }
        &'madsci-events;help;purge'= {
        }
        &'madsci-events;help;export'= {
        }
        &'madsci-events;help;import'= {
        }
        &'madsci-events;help;flush'= {
        }
        &'madsci-events;help;config'= {
            cand init 'Write a settings file for the server and the client'
        }
        &'madsci-events;help;config;init'= {
        }
        &'madsci-events;help;migrate'= {
        }
        &'madsci-events;help;check-version'= {
        }
        &'madsci-events;help;backup'= {
        }
        &'madsci-events;help;backups'= {
            cand list 'List this database''s backups, newest first, with their checksum status'
            cand validate 'Check backups: layout, checksum, and every document read back'
        }
        &'madsci-events;help;backups;list'= {
        }
        &'madsci-events;help;backups;validate'= {
        }
        &'madsci-events;help;restore'= {
        }
        &'madsci-events;help;generate'= {
        }
        &'madsci-events;help;help'= {
        }
    ]
    $completions[$command]
}
