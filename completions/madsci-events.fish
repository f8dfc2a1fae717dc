# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_madsci_events_global_optspecs
    string join \n log-level= h/help V/version
end

function __fish_madsci_events_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_madsci_events_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_madsci_events_using_subcommand
    set -l cmd (__fish_madsci_events_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c madsci-events -n "__fish_madsci_events_needs_command" -l log-level -d 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)' -r
complete -c madsci-events -n "__fish_madsci_events_needs_command" -s h -l help -d 'Print help'
complete -c madsci-events -n "__fish_madsci_events_needs_command" -s V -l version -d 'Print version'
complete -c madsci-events -n "__fish_madsci_events_needs_command" -f -a "serve" -d 'Serve the event HTTP API'
complete -c madsci-events -n "__fish_madsci_events_needs_command" -f -a "log" -d 'Send an event to the server and print its id'
complete -c madsci-events -n "__fish_madsci_events_needs_command" -f -a "alert" -d 'Send an alert through the server, or test the alert notifiers'
complete -c madsci-events -n "__fish_madsci_events_needs_command" -f -a "query" -d 'List events matching filters, newest first'
complete -c madsci-events -n "__fish_madsci_events_needs_command" -f -a "get" -d 'Show one event by id'
complete -c madsci-events -n "__fish_madsci_events_needs_command" -f -a "tail" -d 'Show the last events, and follow new ones with -f'
complete -c madsci-events -n "__fish_madsci_events_needs_command" -f -a "health" -d 'Check that the server and its database work'
complete -c madsci-events -n "__fish_madsci_events_needs_command" -f -a "archive" -d 'Archive events by id or by age'
complete -c madsci-events -n "__fish_madsci_events_needs_command" -f -a "purge" -d 'Permanently delete archived events'
complete -c madsci-events -n "__fish_madsci_events_needs_command" -f -a "export" -d 'Export events as NDJSON, one event per line'
complete -c madsci-events -n "__fish_madsci_events_needs_command" -f -a "import" -d 'Import events from NDJSON, one event per line'
complete -c madsci-events -n "__fish_madsci_events_needs_command" -f -a "flush" -d 'Deliver spooled events to the server'
complete -c madsci-events -n "__fish_madsci_events_needs_command" -f -a "config" -d 'Manage settings files'
complete -c madsci-events -n "__fish_madsci_events_needs_command" -f -a "migrate" -d 'Migrate the database to this build\'s schema version'
complete -c madsci-events -n "__fish_madsci_events_needs_command" -f -a "check-version" -d 'Check whether the database needs a migration'
complete -c madsci-events -n "__fish_madsci_events_needs_command" -f -a "backup" -d 'Back up the database'
complete -c madsci-events -n "__fish_madsci_events_needs_command" -f -a "backups" -d 'List or check backups'
complete -c madsci-events -n "__fish_madsci_events_needs_command" -f -a "restore" -d 'Restore a backup into the database'
complete -c madsci-events -n "__fish_madsci_events_needs_command" -f -a "generate" -d 'Write shell completions and man pages'
complete -c madsci-events -n "__fish_madsci_events_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand serve" -l listen -d 'Listen on this address, e.g. 127.0.0.1:8001 [default: host and port of server_url]' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand serve" -l db-url -d 'Store events here: sqlite://PATH or mongodb://HOST [default: sqlite://.madsci/events.db]' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand serve" -l database -d 'Use this MongoDB database name [default: madsci_events]' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand serve" -l collection -d 'Use this MongoDB collection name [default: events]' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand serve" -l naive-timezone -d 'Read timestamps without an offset in this zone: local, UTC, +02:00 or an IANA name' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand serve" -l log-level -d 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand serve" -s h -l help -d 'Print help'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -s l -l level -d 'Set the level: debug, info, warning, error, critical, or 0 to 50' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -s t -l type -d 'Set the event type [default: log_<level>, such as log_warning]' -r -f -a "unknown\t''
log\t''
log_debug\t''
log_info\t''
log_warning\t''
log_error\t''
log_critical\t''
test\t''
lab_create\t''
lab_start\t''
lab_stop\t''
node_create\t''
node_start\t''
node_stop\t''
node_config_update\t''
node_status_update\t''
node_error\t''
workcell_create\t''
workcell_start\t''
workcell_stop\t''
workcell_config_update\t''
workcell_status_update\t''
workflow_create\t''
workflow_start\t''
workflow_complete\t''
workflow_abort\t''
experiment_create\t''
experiment_start\t''
experiment_complete\t''
experiment_failed\t''
experiment_cancelled\t''
experiment_pause\t''
experiment_continued\t''
campaign_create\t''
campaign_start\t''
campaign_complete\t''
campaign_abort\t''
action_status_change\t''
resource_create\t''
resource_update\t''
resource_delete\t''
resource_allocate\t''
resource_release\t''
location_create\t''
location_update\t''
location_delete\t''
attachment_create\t''
attachment_delete\t''
data_store\t''
data_query\t''
data_export\t''
manager_start\t''
manager_stop\t''
manager_error\t''
manager_health_check\t''
workflow_step_start\t''
workflow_step_complete\t''
workflow_step_failed\t''
action_start\t''
action_complete\t''
action_failed\t''
backup_create\t''
backup_restore\t''"
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -l user-id -d 'Source user id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -l experiment-id -d 'Source experiment id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -l campaign-id -d 'Source campaign id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -l project-id -d 'Source project id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -l node-id -d 'Source node id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -l workcell-id -d 'Source workcell id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -l lab-id -d 'Source lab id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -l step-id -d 'Source workflow step id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -l workflow-id -d 'Source workflow id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -l manager-id -d 'Source manager id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -l data -d 'Attach this JSON as event data; a message is added to it as "message"' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -l id -d 'Use this event id instead of a new ULID' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -l timestamp -d 'Set the event time instead of now: RFC 3339, a date, or an age such as 5m' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -l server -d 'Send requests to this server URL' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -l timeout -d 'Give up on one request after this many seconds' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -l retries -d 'Retry a failed connection or a 408, 429 or 5xx response this many times' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -l retry-backoff -d 'Wait this many seconds before the first retry, doubling each time' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -l spool-dir -d 'Keep undeliverable events in this directory' -r -F
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -l log-level -d 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -l stdin -d 'Read the message from standard input'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -l lines -d 'Log each line of standard input as its own event'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -l alert -d 'Mark the event as an alert'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -l no-spool -d 'Exit with code 2 instead of spooling when the server cannot take the event'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -s q -l quiet -d 'Print nothing on success'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand log" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand alert" -s l -l level -d 'Set the level: debug, info, warning, error, critical, or 0 to 50' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand alert" -s t -l type -d 'Set the event type [default: log_<level>, such as log_critical]' -r -f -a "unknown\t''
log\t''
log_debug\t''
log_info\t''
log_warning\t''
log_error\t''
log_critical\t''
test\t''
lab_create\t''
lab_start\t''
lab_stop\t''
node_create\t''
node_start\t''
node_stop\t''
node_config_update\t''
node_status_update\t''
node_error\t''
workcell_create\t''
workcell_start\t''
workcell_stop\t''
workcell_config_update\t''
workcell_status_update\t''
workflow_create\t''
workflow_start\t''
workflow_complete\t''
workflow_abort\t''
experiment_create\t''
experiment_start\t''
experiment_complete\t''
experiment_failed\t''
experiment_cancelled\t''
experiment_pause\t''
experiment_continued\t''
campaign_create\t''
campaign_start\t''
campaign_complete\t''
campaign_abort\t''
action_status_change\t''
resource_create\t''
resource_update\t''
resource_delete\t''
resource_allocate\t''
resource_release\t''
location_create\t''
location_update\t''
location_delete\t''
attachment_create\t''
attachment_delete\t''
data_store\t''
data_query\t''
data_export\t''
manager_start\t''
manager_stop\t''
manager_error\t''
manager_health_check\t''
workflow_step_start\t''
workflow_step_complete\t''
workflow_step_failed\t''
action_start\t''
action_complete\t''
action_failed\t''
backup_create\t''
backup_restore\t''"
complete -c madsci-events -n "__fish_madsci_events_using_subcommand alert" -l user-id -d 'Source user id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand alert" -l experiment-id -d 'Source experiment id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand alert" -l campaign-id -d 'Source campaign id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand alert" -l project-id -d 'Source project id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand alert" -l node-id -d 'Source node id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand alert" -l workcell-id -d 'Source workcell id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand alert" -l lab-id -d 'Source lab id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand alert" -l step-id -d 'Source workflow step id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand alert" -l workflow-id -d 'Source workflow id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand alert" -l manager-id -d 'Source manager id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand alert" -l data -d 'Attach this JSON object as event data besides the message' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand alert" -l server -d 'Send requests to this server URL' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand alert" -l timeout -d 'Give up on one request after this many seconds' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand alert" -l retries -d 'Retry a failed connection or a 408, 429 or 5xx response this many times' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand alert" -l retry-backoff -d 'Wait this many seconds before the first retry, doubling each time' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand alert" -l log-level -d 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand alert" -l test -d 'Send a test message through every configured notifier and report each result'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand alert" -s q -l quiet -d 'Print nothing on success'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand alert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -l user-id -d 'Source user id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -l experiment-id -d 'Source experiment id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -l campaign-id -d 'Source campaign id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -l project-id -d 'Source project id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -l node-id -d 'Source node id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -l workcell-id -d 'Source workcell id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -l lab-id -d 'Source lab id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -l step-id -d 'Source workflow step id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -l workflow-id -d 'Source workflow id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -l manager-id -d 'Source manager id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -s t -l type -d 'Keep events of this type, such as node_error (repeat for several)' -r -f -a "unknown\t''
log\t''
log_debug\t''
log_info\t''
log_warning\t''
log_error\t''
log_critical\t''
test\t''
lab_create\t''
lab_start\t''
lab_stop\t''
node_create\t''
node_start\t''
node_stop\t''
node_config_update\t''
node_status_update\t''
node_error\t''
workcell_create\t''
workcell_start\t''
workcell_stop\t''
workcell_config_update\t''
workcell_status_update\t''
workflow_create\t''
workflow_start\t''
workflow_complete\t''
workflow_abort\t''
experiment_create\t''
experiment_start\t''
experiment_complete\t''
experiment_failed\t''
experiment_cancelled\t''
experiment_pause\t''
experiment_continued\t''
campaign_create\t''
campaign_start\t''
campaign_complete\t''
campaign_abort\t''
action_status_change\t''
resource_create\t''
resource_update\t''
resource_delete\t''
resource_allocate\t''
resource_release\t''
location_create\t''
location_update\t''
location_delete\t''
attachment_create\t''
attachment_delete\t''
data_store\t''
data_query\t''
data_export\t''
manager_start\t''
manager_stop\t''
manager_error\t''
manager_health_check\t''
workflow_step_start\t''
workflow_step_complete\t''
workflow_step_failed\t''
action_start\t''
action_complete\t''
action_failed\t''
backup_create\t''
backup_restore\t''"
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -s l -l level -d 'Keep events at or above this level: a name such as warning, or a number' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -l since -d 'Keep events at or after this time: RFC 3339, a date, or an age such as 15m, 2h, 7d' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -l until -d 'Keep events at or before this time, in the same forms as --since' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -l where -d 'Keep events matching this MongoDB selector, such as \'{"event_data.step": 3}\'' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -s n -l limit -d 'Show at most this many events (0: all)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -l offset -d 'Skip this many of the newest matching events' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -s f -l format -d 'Print as a table, json (an array), ndjson (one event per line) or csv' -r -f -a "table\t'A table that fits the terminal width'
json\t'One JSON array of event documents'
ndjson\t'One event document per line'
csv\t'Comma-separated values with a header row'"
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -l color -d 'Colour the output: auto, always or never (auto honours NO_COLOR)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour, even into a pipe'
never\t'Never colour'"
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -l server -d 'Send requests to this server URL' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -l timeout -d 'Give up on one request after this many seconds' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -l retries -d 'Retry a failed connection or a 408, 429 or 5xx response this many times' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -l retry-backoff -d 'Wait this many seconds before the first retry, doubling each time' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -l log-level -d 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -l include-archived -d 'Also show archived events'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -l archived -d 'Show only archived events'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -l utc -d 'Show times in UTC instead of the local time zone'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand query" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand get" -s f -l format -d 'Print as json (the stored document), a table, ndjson or csv' -r -f -a "table\t'A table that fits the terminal width'
json\t'One JSON array of event documents'
ndjson\t'One event document per line'
csv\t'Comma-separated values with a header row'"
complete -c madsci-events -n "__fish_madsci_events_using_subcommand get" -l color -d 'Colour the output: auto, always or never (auto honours NO_COLOR)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour, even into a pipe'
never\t'Never colour'"
complete -c madsci-events -n "__fish_madsci_events_using_subcommand get" -l server -d 'Send requests to this server URL' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand get" -l timeout -d 'Give up on one request after this many seconds' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand get" -l retries -d 'Retry a failed connection or a 408, 429 or 5xx response this many times' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand get" -l retry-backoff -d 'Wait this many seconds before the first retry, doubling each time' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand get" -l log-level -d 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand get" -l utc -d 'Show times in UTC instead of the local time zone'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -l user-id -d 'Source user id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -l experiment-id -d 'Source experiment id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -l campaign-id -d 'Source campaign id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -l project-id -d 'Source project id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -l node-id -d 'Source node id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -l workcell-id -d 'Source workcell id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -l lab-id -d 'Source lab id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -l step-id -d 'Source workflow step id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -l workflow-id -d 'Source workflow id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -l manager-id -d 'Source manager id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -s t -l type -d 'Keep events of this type, such as node_error (repeat for several)' -r -f -a "unknown\t''
log\t''
log_debug\t''
log_info\t''
log_warning\t''
log_error\t''
log_critical\t''
test\t''
lab_create\t''
lab_start\t''
lab_stop\t''
node_create\t''
node_start\t''
node_stop\t''
node_config_update\t''
node_status_update\t''
node_error\t''
workcell_create\t''
workcell_start\t''
workcell_stop\t''
workcell_config_update\t''
workcell_status_update\t''
workflow_create\t''
workflow_start\t''
workflow_complete\t''
workflow_abort\t''
experiment_create\t''
experiment_start\t''
experiment_complete\t''
experiment_failed\t''
experiment_cancelled\t''
experiment_pause\t''
experiment_continued\t''
campaign_create\t''
campaign_start\t''
campaign_complete\t''
campaign_abort\t''
action_status_change\t''
resource_create\t''
resource_update\t''
resource_delete\t''
resource_allocate\t''
resource_release\t''
location_create\t''
location_update\t''
location_delete\t''
attachment_create\t''
attachment_delete\t''
data_store\t''
data_query\t''
data_export\t''
manager_start\t''
manager_stop\t''
manager_error\t''
manager_health_check\t''
workflow_step_start\t''
workflow_step_complete\t''
workflow_step_failed\t''
action_start\t''
action_complete\t''
action_failed\t''
backup_create\t''
backup_restore\t''"
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -s l -l level -d 'Keep events at or above this level: a name such as warning, or a number' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -l since -d 'Keep events at or after this time: RFC 3339, a date, or an age such as 15m, 2h, 7d' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -l until -d 'Keep events at or before this time, in the same forms as --since' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -l where -d 'Keep events matching this MongoDB selector, such as \'{"event_data.step": 3}\'' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -s n -l lines -d 'Show this many of the latest events first' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -s o -l format -d 'Print as text lines, ndjson (one event per line) or csv' -r -f -a "text\t'One line per event for people'
ndjson\t'One event document per line'
csv\t'Comma-separated values with a header row'"
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -l color -d 'Colour the output: auto, always or never (auto honours NO_COLOR)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour, even into a pipe'
never\t'Never colour'"
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -l server -d 'Send requests to this server URL' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -l timeout -d 'Give up on one request after this many seconds' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -l retries -d 'Retry a failed connection or a 408, 429 or 5xx response this many times' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -l retry-backoff -d 'Wait this many seconds before the first retry, doubling each time' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -l log-level -d 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -s f -l follow -d 'Keep running and print new events as they arrive'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -l include-archived -d 'Also show archived events'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -l archived -d 'Show only archived events'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -s q -l quiet -d 'Print no warnings about skipped events'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -l utc -d 'Show times in UTC instead of the local time zone'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand tail" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand health" -s f -l format -d 'Print as text or json (the server\'s health document)' -r -f -a "text\t'Sentences or aligned fields for people'
json\t'One JSON object'"
complete -c madsci-events -n "__fish_madsci_events_using_subcommand health" -l server -d 'Send requests to this server URL' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand health" -l timeout -d 'Give up on one request after this many seconds' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand health" -l retries -d 'Retry a failed connection or a 408, 429 or 5xx response this many times' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand health" -l retry-backoff -d 'Wait this many seconds before the first retry, doubling each time' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand health" -l log-level -d 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand health" -s q -l quiet -d 'Print nothing, so only the exit code reports the result'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand health" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand archive" -l ids -d 'Archive these event ids, comma-separated or repeated; `-` reads one id per line from standard input' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand archive" -l before -d 'Archive every event older than this: RFC 3339, a date, or an age such as 30d' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand archive" -s f -l format -d 'Print the result as text or json' -r -f -a "text\t'Sentences or aligned fields for people'
json\t'One JSON object'"
complete -c madsci-events -n "__fish_madsci_events_using_subcommand archive" -l server -d 'Send requests to this server URL' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand archive" -l timeout -d 'Give up on one request after this many seconds' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand archive" -l retries -d 'Retry a failed connection or a 408, 429 or 5xx response this many times' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand archive" -l retry-backoff -d 'Wait this many seconds before the first retry, doubling each time' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand archive" -l log-level -d 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand archive" -s y -l yes -d 'Archive without asking for confirmation'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand archive" -s q -l quiet -d 'Print nothing but errors and hide the progress bar'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand archive" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand purge" -l older-than-days -d 'Delete events archived more than this many days ago (0: archived before now)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand purge" -s f -l format -d 'Print the result as text or json (the server\'s reply)' -r -f -a "text\t'Sentences or aligned fields for people'
json\t'One JSON object'"
complete -c madsci-events -n "__fish_madsci_events_using_subcommand purge" -l server -d 'Send requests to this server URL' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand purge" -l timeout -d 'Give up on one request after this many seconds' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand purge" -l retries -d 'Retry a failed connection or a 408, 429 or 5xx response this many times' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand purge" -l retry-backoff -d 'Wait this many seconds before the first retry, doubling each time' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand purge" -l log-level -d 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand purge" -s y -l yes -d 'Delete without asking for confirmation'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand purge" -s q -l quiet -d 'Print nothing but errors'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand purge" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand export" -l user-id -d 'Source user id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand export" -l experiment-id -d 'Source experiment id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand export" -l campaign-id -d 'Source campaign id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand export" -l project-id -d 'Source project id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand export" -l node-id -d 'Source node id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand export" -l workcell-id -d 'Source workcell id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand export" -l lab-id -d 'Source lab id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand export" -l step-id -d 'Source workflow step id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand export" -l workflow-id -d 'Source workflow id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand export" -l manager-id -d 'Source manager id (a ULID)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand export" -s t -l type -d 'Keep events of this type, such as node_error (repeat for several)' -r -f -a "unknown\t''
log\t''
log_debug\t''
log_info\t''
log_warning\t''
log_error\t''
log_critical\t''
test\t''
lab_create\t''
lab_start\t''
lab_stop\t''
node_create\t''
node_start\t''
node_stop\t''
node_config_update\t''
node_status_update\t''
node_error\t''
workcell_create\t''
workcell_start\t''
workcell_stop\t''
workcell_config_update\t''
workcell_status_update\t''
workflow_create\t''
workflow_start\t''
workflow_complete\t''
workflow_abort\t''
experiment_create\t''
experiment_start\t''
experiment_complete\t''
experiment_failed\t''
experiment_cancelled\t''
experiment_pause\t''
experiment_continued\t''
campaign_create\t''
campaign_start\t''
campaign_complete\t''
campaign_abort\t''
action_status_change\t''
resource_create\t''
resource_update\t''
resource_delete\t''
resource_allocate\t''
resource_release\t''
location_create\t''
location_update\t''
location_delete\t''
attachment_create\t''
attachment_delete\t''
data_store\t''
data_query\t''
data_export\t''
manager_start\t''
manager_stop\t''
manager_error\t''
manager_health_check\t''
workflow_step_start\t''
workflow_step_complete\t''
workflow_step_failed\t''
action_start\t''
action_complete\t''
action_failed\t''
backup_create\t''
backup_restore\t''"
complete -c madsci-events -n "__fish_madsci_events_using_subcommand export" -s l -l level -d 'Keep events at or above this level: a name such as warning, or a number' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand export" -l since -d 'Keep events at or after this time: RFC 3339, a date, or an age such as 15m, 2h, 7d' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand export" -l until -d 'Keep events at or before this time, in the same forms as --since' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand export" -l where -d 'Keep events matching this MongoDB selector, such as \'{"event_data.step": 3}\'' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand export" -s o -l output -d 'Write to this file instead of standard output' -r -F
complete -c madsci-events -n "__fish_madsci_events_using_subcommand export" -l server -d 'Send requests to this server URL' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand export" -l timeout -d 'Give up on one request after this many seconds' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand export" -l retries -d 'Retry a failed connection or a 408, 429 or 5xx response this many times' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand export" -l retry-backoff -d 'Wait this many seconds before the first retry, doubling each time' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand export" -l log-level -d 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand export" -l exclude-archived -d 'Leave archived events out'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand export" -l archived -d 'Export only archived events'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand export" -s q -l quiet -d 'Print nothing but errors and hide the progress bar'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand import" -l batch-size -d 'Send at most this many events per request' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand import" -s f -l format -d 'Print the result as text or json' -r -f -a "text\t'Sentences or aligned fields for people'
json\t'One JSON object'"
complete -c madsci-events -n "__fish_madsci_events_using_subcommand import" -l server -d 'Send requests to this server URL' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand import" -l timeout -d 'Give up on one request after this many seconds' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand import" -l retries -d 'Retry a failed connection or a 408, 429 or 5xx response this many times' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand import" -l retry-backoff -d 'Wait this many seconds before the first retry, doubling each time' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand import" -l log-level -d 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand import" -s q -l quiet -d 'Print nothing but errors and hide the progress bar'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand flush" -l format -d 'Print the result as text or json' -r -f -a "text\t'Sentences or aligned fields for people'
json\t'One JSON object'"
complete -c madsci-events -n "__fish_madsci_events_using_subcommand flush" -l server -d 'Send requests to this server URL' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand flush" -l timeout -d 'Give up on one request after this many seconds' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand flush" -l retries -d 'Retry a failed connection or a 408, 429 or 5xx response this many times' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand flush" -l retry-backoff -d 'Wait this many seconds before the first retry, doubling each time' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand flush" -l spool-dir -d 'Keep undeliverable events in this directory' -r -F
complete -c madsci-events -n "__fish_madsci_events_using_subcommand flush" -l log-level -d 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand flush" -s q -l quiet -d 'Print nothing but errors and hide the progress bar'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand flush" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand config; and not __fish_seen_subcommand_from init help" -l log-level -d 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand config; and not __fish_seen_subcommand_from init help" -s h -l help -d 'Print help'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand config; and not __fish_seen_subcommand_from init help" -f -a "init" -d 'Write a settings file for the server and the client'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand config; and not __fish_seen_subcommand_from init help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand config; and __fish_seen_subcommand_from init" -l path -d 'Write the settings to this file' -r -F
complete -c madsci-events -n "__fish_madsci_events_using_subcommand config; and __fish_seen_subcommand_from init" -l server-url -d 'Set the server URL: where clients send events and where the server listens' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand config; and __fish_seen_subcommand_from init" -l db-url -d 'Set the server\'s database: sqlite://PATH or mongodb://HOST' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand config; and __fish_seen_subcommand_from init" -l spool-dir -d 'Set where clients keep events while the server cannot be reached' -r -F
complete -c madsci-events -n "__fish_madsci_events_using_subcommand config; and __fish_seen_subcommand_from init" -l log-level -d 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand config; and __fish_seen_subcommand_from init" -s y -l yes -d 'Ask nothing: take the flags and defaults, and replace an existing file'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand config; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "init" -d 'Write a settings file for the server and the client'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand migrate" -l db-url -d 'Work on this database: sqlite://PATH, mongodb://HOST or mongodb+srv://HOST' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand migrate" -l database -d 'Use this MongoDB database; backup folders start with this name [default: madsci_events]' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand migrate" -l backup-dir -d 'Keep backups in this folder [default: backup_dir, .madsci/backups/events]' -r -F
complete -c madsci-events -n "__fish_madsci_events_using_subcommand migrate" -l check-version -d 'Only compare the database\'s schema version with the expected one' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand migrate" -l validate-schema -d 'Only compare the database\'s collections and indexes with the schema file' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand migrate" -l backup-only -d 'Only take a backup' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand migrate" -l restore-from -d 'Only restore this backup folder, after confirmation unless --yes' -r -F
complete -c madsci-events -n "__fish_madsci_events_using_subcommand migrate" -l schema-file -d 'Read the expected collections, indexes and version from this schema file (MongoDB)' -r -F
complete -c madsci-events -n "__fish_madsci_events_using_subcommand migrate" -l target-version -d 'Record this version instead of the schema file\'s (MongoDB; a semantic version)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand migrate" -s f -l format -d 'Print the result as text or json' -r -f -a "text\t'Sentences or aligned fields for people'
json\t'One JSON object'"
complete -c madsci-events -n "__fish_madsci_events_using_subcommand migrate" -l log-level -d 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand migrate" -l native -d 'Dump and restore through the driver instead of mongodump and mongorestore'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand migrate" -s y -l yes -d 'Restore without asking for confirmation (--restore-from)'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand migrate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand check-version" -l db-url -d 'Work on this database: sqlite://PATH, mongodb://HOST or mongodb+srv://HOST' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand check-version" -l database -d 'Use this MongoDB database; backup folders start with this name [default: madsci_events]' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand check-version" -l backup-dir -d 'Keep backups in this folder [default: backup_dir, .madsci/backups/events]' -r -F
complete -c madsci-events -n "__fish_madsci_events_using_subcommand check-version" -l schema-file -d 'Expect the version in this schema file instead of the built-in schema.json (MongoDB)' -r -F
complete -c madsci-events -n "__fish_madsci_events_using_subcommand check-version" -s f -l format -d 'Print the result as text or json' -r -f -a "text\t'Sentences or aligned fields for people'
json\t'One JSON object'"
complete -c madsci-events -n "__fish_madsci_events_using_subcommand check-version" -l log-level -d 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand check-version" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backup" -l db-url -d 'Work on this database: sqlite://PATH, mongodb://HOST or mongodb+srv://HOST' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backup" -l database -d 'Use this MongoDB database; backup folders start with this name [default: madsci_events]' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backup" -l backup-dir -d 'Keep backups in this folder [default: backup_dir, .madsci/backups/events]' -r -F
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backup" -l suffix -d 'Append this to the folder name (letters, digits, - and _; others become _)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backup" -l collection -d 'Back up only this MongoDB collection; repeat for several' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backup" -l max-count -d 'Keep this many backups of the database, deleting older ones; 0 keeps all' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backup" -s f -l format -d 'Print the result as text or json' -r -f -a "text\t'Sentences or aligned fields for people'
json\t'One JSON object'"
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backup" -l log-level -d 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backup" -l native -d 'Dump and restore through the driver instead of mongodump and mongorestore'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backup" -l gzip -d 'Compress the MongoDB dump with gzip (*.bson.gz)'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backup" -l validate -d 'Re-read the new backup and check its checksum and every document before finishing'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backup" -s q -l quiet -d 'Print only the backup folder, no details or progress'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backups; and not __fish_seen_subcommand_from list validate help" -l log-level -d 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backups; and not __fish_seen_subcommand_from list validate help" -s h -l help -d 'Print help'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backups; and not __fish_seen_subcommand_from list validate help" -f -a "list" -d 'List this database\'s backups, newest first, with their checksum status'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backups; and not __fish_seen_subcommand_from list validate help" -f -a "validate" -d 'Check backups: layout, checksum, and every document read back'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backups; and not __fish_seen_subcommand_from list validate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backups; and __fish_seen_subcommand_from list" -l db-url -d 'Work on this database: sqlite://PATH, mongodb://HOST or mongodb+srv://HOST' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backups; and __fish_seen_subcommand_from list" -l database -d 'Use this MongoDB database; backup folders start with this name [default: madsci_events]' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backups; and __fish_seen_subcommand_from list" -l backup-dir -d 'Keep backups in this folder [default: backup_dir, .madsci/backups/events]' -r -F
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backups; and __fish_seen_subcommand_from list" -s f -l format -d 'Print a table or json' -r -f -a "text\t'Sentences or aligned fields for people'
json\t'One JSON object'"
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backups; and __fish_seen_subcommand_from list" -l log-level -d 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backups; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backups; and __fish_seen_subcommand_from validate" -s f -l format -d 'Print the result as text or json' -r -f -a "text\t'Sentences or aligned fields for people'
json\t'One JSON object'"
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backups; and __fish_seen_subcommand_from validate" -l log-level -d 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backups; and __fish_seen_subcommand_from validate" -s q -l quiet -d 'Print nothing and report the result through the exit code only'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backups; and __fish_seen_subcommand_from validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backups; and __fish_seen_subcommand_from help" -f -a "list" -d 'List this database\'s backups, newest first, with their checksum status'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backups; and __fish_seen_subcommand_from help" -f -a "validate" -d 'Check backups: layout, checksum, and every document read back'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand backups; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand restore" -l db-url -d 'Work on this database: sqlite://PATH, mongodb://HOST or mongodb+srv://HOST' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand restore" -l database -d 'Use this MongoDB database; backup folders start with this name [default: madsci_events]' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand restore" -l backup-dir -d 'Keep backups in this folder [default: backup_dir, .madsci/backups/events]' -r -F
complete -c madsci-events -n "__fish_madsci_events_using_subcommand restore" -l target-database -d 'Restore beside the live database: a MongoDB database name, or for the embedded store a file (a bare NAME becomes NAME.db next to the live file)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand restore" -l collection -d 'Restore only this MongoDB collection; repeat for several' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand restore" -s f -l format -d 'Print the result as text or json' -r -f -a "text\t'Sentences or aligned fields for people'
json\t'One JSON object'"
complete -c madsci-events -n "__fish_madsci_events_using_subcommand restore" -l log-level -d 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand restore" -l native -d 'Dump and restore through the driver instead of mongodump and mongorestore'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand restore" -s y -l yes -d 'Restore without asking for confirmation'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand restore" -s q -l quiet -d 'Print nothing but errors'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand restore" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand generate" -l out -d 'Write into DIR/completions and DIR/man' -r -F
complete -c madsci-events -n "__fish_madsci_events_using_subcommand generate" -l log-level -d 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)' -r
complete -c madsci-events -n "__fish_madsci_events_using_subcommand generate" -s h -l help -d 'Print help'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand help; and not __fish_seen_subcommand_from serve log alert query get tail health archive purge export import flush config migrate check-version backup backups restore generate help" -f -a "serve" -d 'Serve the event HTTP API'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand help; and not __fish_seen_subcommand_from serve log alert query get tail health archive purge export import flush config migrate check-version backup backups restore generate help" -f -a "log" -d 'Send an event to the server and print its id'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand help; and not __fish_seen_subcommand_from serve log alert query get tail health archive purge export import flush config migrate check-version backup backups restore generate help" -f -a "alert" -d 'Send an alert through the server, or test the alert notifiers'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand help; and not __fish_seen_subcommand_from serve log alert query get tail health archive purge export import flush config migrate check-version backup backups restore generate help" -f -a "query" -d 'List events matching filters, newest first'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand help; and not __fish_seen_subcommand_from serve log alert query get tail health archive purge export import flush config migrate check-version backup backups restore generate help" -f -a "get" -d 'Show one event by id'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand help; and not __fish_seen_subcommand_from serve log alert query get tail health archive purge export import flush config migrate check-version backup backups restore generate help" -f -a "tail" -d 'Show the last events, and follow new ones with -f'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand help; and not __fish_seen_subcommand_from serve log alert query get tail health archive purge export import flush config migrate check-version backup backups restore generate help" -f -a "health" -d 'Check that the server and its database work'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand help; and not __fish_seen_subcommand_from serve log alert query get tail health archive purge export import flush config migrate check-version backup backups restore generate help" -f -a "archive" -d 'Archive events by id or by age'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand help; and not __fish_seen_subcommand_from serve log alert query get tail health archive purge export import flush config migrate check-version backup backups restore generate help" -f -a "purge" -d 'Permanently delete archived events'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand help; and not __fish_seen_subcommand_from serve log alert query get tail health archive purge export import flush config migrate check-version backup backups restore generate help" -f -a "export" -d 'Export events as NDJSON, one event per line'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand help; and not __fish_seen_subcommand_from serve log alert query get tail health archive purge export import flush config migrate check-version backup backups restore generate help" -f -a "import" -d 'Import events from NDJSON, one event per line'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand help; and not __fish_seen_subcommand_from serve log alert query get tail health archive purge export import flush config migrate check-version backup backups restore generate help" -f -a "flush" -d 'Deliver spooled events to the server'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand help; and not __fish_seen_subcommand_from serve log alert query get tail health archive purge export import flush config migrate check-version backup backups restore generate help" -f -a "config" -d 'Manage settings files'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand help; and not __fish_seen_subcommand_from serve log alert query get tail health archive purge export import flush config migrate check-version backup backups restore generate help" -f -a "migrate" -d 'Migrate the database to this build\'s schema version'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand help; and not __fish_seen_subcommand_from serve log alert query get tail health archive purge export import flush config migrate check-version backup backups restore generate help" -f -a "check-version" -d 'Check whether the database needs a migration'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand help; and not __fish_seen_subcommand_from serve log alert query get tail health archive purge export import flush config migrate check-version backup backups restore generate help" -f -a "backup" -d 'Back up the database'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand help; and not __fish_seen_subcommand_from serve log alert query get tail health archive purge export import flush config migrate check-version backup backups restore generate help" -f -a "backups" -d 'List or check backups'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand help; and not __fish_seen_subcommand_from serve log alert query get tail health archive purge export import flush config migrate check-version backup backups restore generate help" -f -a "restore" -d 'Restore a backup into the database'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand help; and not __fish_seen_subcommand_from serve log alert query get tail health archive purge export import flush config migrate check-version backup backups restore generate help" -f -a "generate" -d 'Write shell completions and man pages'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand help; and not __fish_seen_subcommand_from serve log alert query get tail health archive purge export import flush config migrate check-version backup backups restore generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "init" -d 'Write a settings file for the server and the client'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand help; and __fish_seen_subcommand_from backups" -f -a "list" -d 'List this database\'s backups, newest first, with their checksum status'
complete -c madsci-events -n "__fish_madsci_events_using_subcommand help; and __fish_seen_subcommand_from backups" -f -a "validate" -d 'Check backups: layout, checksum, and every document read back'
