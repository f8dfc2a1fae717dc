
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'madsci-events' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'madsci-events'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'madsci-events' {
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the event HTTP API')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Send an event to the server and print its id')
            [CompletionResult]::new('alert', 'alert', [CompletionResultType]::ParameterValue, 'Send an alert through the server, or test the alert notifiers')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'List events matching filters, newest first')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one event by id')
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Show the last events, and follow new ones with -f')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Check that the server and its database work')
            [CompletionResult]::new('archive', 'archive', [CompletionResultType]::ParameterValue, 'Archive events by id or by age')
            [CompletionResult]::new('purge', 'purge', [CompletionResultType]::ParameterValue, 'Permanently delete archived events')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export events as NDJSON, one event per line')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import events from NDJSON, one event per line')
            [CompletionResult]::new('flush', 'flush', [CompletionResultType]::ParameterValue, 'Deliver spooled events to the server')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Manage settings files')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Migrate the database to this build''s schema version')
            [CompletionResult]::new('check-version', 'check-version', [CompletionResultType]::ParameterValue, 'Check whether the database needs a migration')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Back up the database')
            [CompletionResult]::new('backups', 'backups', [CompletionResultType]::ParameterValue, 'List or check backups')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Restore a backup into the database')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write shell completions and man pages')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'madsci-events;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Listen on this address, e.g. 127.0.0.1:8001 [default: host and port of server_url]')
            [CompletionResult]::new('--db-url', '--db-url', [CompletionResultType]::ParameterName, 'Store events here: sqlite://PATH or mongodb://HOST [default: sqlite://.madsci/events.db]')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Use this MongoDB database name [default: madsci_events]')
            [CompletionResult]::new('--collection', '--collection', [CompletionResultType]::ParameterName, 'Use this MongoDB collection name [default: events]')
            [CompletionResult]::new('--naive-timezone', '--naive-timezone', [CompletionResultType]::ParameterName, 'Read timestamps without an offset in this zone: local, UTC, +02:00 or an IANA name')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'madsci-events;log' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Set the level: debug, info, warning, error, critical, or 0 to 50')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Set the level: debug, info, warning, error, critical, or 0 to 50')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Set the event type [default: log_<level>, such as log_warning]')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Set the event type [default: log_<level>, such as log_warning]')
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'Source user id (a ULID)')
            [CompletionResult]::new('--experiment-id', '--experiment-id', [CompletionResultType]::ParameterName, 'Source experiment id (a ULID)')
            [CompletionResult]::new('--campaign-id', '--campaign-id', [CompletionResultType]::ParameterName, 'Source campaign id (a ULID)')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Source project id (a ULID)')
            [CompletionResult]::new('--node-id', '--node-id', [CompletionResultType]::ParameterName, 'Source node id (a ULID)')
            [CompletionResult]::new('--workcell-id', '--workcell-id', [CompletionResultType]::ParameterName, 'Source workcell id (a ULID)')
            [CompletionResult]::new('--lab-id', '--lab-id', [CompletionResultType]::ParameterName, 'Source lab id (a ULID)')
            [CompletionResult]::new('--step-id', '--step-id', [CompletionResultType]::ParameterName, 'Source workflow step id (a ULID)')
            [CompletionResult]::new('--workflow-id', '--workflow-id', [CompletionResultType]::ParameterName, 'Source workflow id (a ULID)')
            [CompletionResult]::new('--manager-id', '--manager-id', [CompletionResultType]::ParameterName, 'Source manager id (a ULID)')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'Attach this JSON as event data; a message is added to it as "message"')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'Use this event id instead of a new ULID')
            [CompletionResult]::new('--timestamp', '--timestamp', [CompletionResultType]::ParameterName, 'Set the event time instead of now: RFC 3339, a date, or an age such as 5m')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Send requests to this server URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on one request after this many seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry a failed connection or a 408, 429 or 5xx response this many times')
            [CompletionResult]::new('--retry-backoff', '--retry-backoff', [CompletionResultType]::ParameterName, 'Wait this many seconds before the first retry, doubling each time')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Keep undeliverable events in this directory')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)')
            [CompletionResult]::new('--stdin', '--stdin', [CompletionResultType]::ParameterName, 'Read the message from standard input')
            [CompletionResult]::new('--lines', '--lines', [CompletionResultType]::ParameterName, 'Log each line of standard input as its own event')
            [CompletionResult]::new('--alert', '--alert', [CompletionResultType]::ParameterName, 'Mark the event as an alert')
            [CompletionResult]::new('--no-spool', '--no-spool', [CompletionResultType]::ParameterName, 'Exit with code 2 instead of spooling when the server cannot take the event')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'madsci-events;alert' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Set the level: debug, info, warning, error, critical, or 0 to 50')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Set the level: debug, info, warning, error, critical, or 0 to 50')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Set the event type [default: log_<level>, such as log_critical]')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Set the event type [default: log_<level>, such as log_critical]')
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'Source user id (a ULID)')
            [CompletionResult]::new('--experiment-id', '--experiment-id', [CompletionResultType]::ParameterName, 'Source experiment id (a ULID)')
            [CompletionResult]::new('--campaign-id', '--campaign-id', [CompletionResultType]::ParameterName, 'Source campaign id (a ULID)')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Source project id (a ULID)')
            [CompletionResult]::new('--node-id', '--node-id', [CompletionResultType]::ParameterName, 'Source node id (a ULID)')
            [CompletionResult]::new('--workcell-id', '--workcell-id', [CompletionResultType]::ParameterName, 'Source workcell id (a ULID)')
            [CompletionResult]::new('--lab-id', '--lab-id', [CompletionResultType]::ParameterName, 'Source lab id (a ULID)')
            [CompletionResult]::new('--step-id', '--step-id', [CompletionResultType]::ParameterName, 'Source workflow step id (a ULID)')
            [CompletionResult]::new('--workflow-id', '--workflow-id', [CompletionResultType]::ParameterName, 'Source workflow id (a ULID)')
            [CompletionResult]::new('--manager-id', '--manager-id', [CompletionResultType]::ParameterName, 'Source manager id (a ULID)')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'Attach this JSON object as event data besides the message')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Send requests to this server URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on one request after this many seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry a failed connection or a 408, 429 or 5xx response this many times')
            [CompletionResult]::new('--retry-backoff', '--retry-backoff', [CompletionResultType]::ParameterName, 'Wait this many seconds before the first retry, doubling each time')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)')
            [CompletionResult]::new('--test', '--test', [CompletionResultType]::ParameterName, 'Send a test message through every configured notifier and report each result')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'madsci-events;query' {
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'Source user id (a ULID)')
            [CompletionResult]::new('--experiment-id', '--experiment-id', [CompletionResultType]::ParameterName, 'Source experiment id (a ULID)')
            [CompletionResult]::new('--campaign-id', '--campaign-id', [CompletionResultType]::ParameterName, 'Source campaign id (a ULID)')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Source project id (a ULID)')
            [CompletionResult]::new('--node-id', '--node-id', [CompletionResultType]::ParameterName, 'Source node id (a ULID)')
            [CompletionResult]::new('--workcell-id', '--workcell-id', [CompletionResultType]::ParameterName, 'Source workcell id (a ULID)')
            [CompletionResult]::new('--lab-id', '--lab-id', [CompletionResultType]::ParameterName, 'Source lab id (a ULID)')
            [CompletionResult]::new('--step-id', '--step-id', [CompletionResultType]::ParameterName, 'Source workflow step id (a ULID)')
            [CompletionResult]::new('--workflow-id', '--workflow-id', [CompletionResultType]::ParameterName, 'Source workflow id (a ULID)')
            [CompletionResult]::new('--manager-id', '--manager-id', [CompletionResultType]::ParameterName, 'Source manager id (a ULID)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Keep events of this type, such as node_error (repeat for several)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Keep events of this type, such as node_error (repeat for several)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Keep events at or above this level: a name such as warning, or a number')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Keep events at or above this level: a name such as warning, or a number')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Keep events at or after this time: RFC 3339, a date, or an age such as 15m, 2h, 7d')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Keep events at or before this time, in the same forms as --since')
            [CompletionResult]::new('--where', '--where', [CompletionResultType]::ParameterName, 'Keep events matching this MongoDB selector, such as ''{"event_data.step": 3}''')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most this many events (0: all)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most this many events (0: all)')
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Skip this many of the newest matching events')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Print as a table, json (an array), ndjson (one event per line) or csv')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Print as a table, json (an array), ndjson (one event per line) or csv')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour the output: auto, always or never (auto honours NO_COLOR)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Send requests to this server URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on one request after this many seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry a failed connection or a 408, 429 or 5xx response this many times')
            [CompletionResult]::new('--retry-backoff', '--retry-backoff', [CompletionResultType]::ParameterName, 'Wait this many seconds before the first retry, doubling each time')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)')
            [CompletionResult]::new('--include-archived', '--include-archived', [CompletionResultType]::ParameterName, 'Also show archived events')
            [CompletionResult]::new('--archived', '--archived', [CompletionResultType]::ParameterName, 'Show only archived events')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Show times in UTC instead of the local time zone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'madsci-events;get' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Print as json (the stored document), a table, ndjson or csv')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Print as json (the stored document), a table, ndjson or csv')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour the output: auto, always or never (auto honours NO_COLOR)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Send requests to this server URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on one request after this many seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry a failed connection or a 408, 429 or 5xx response this many times')
            [CompletionResult]::new('--retry-backoff', '--retry-backoff', [CompletionResultType]::ParameterName, 'Wait this many seconds before the first retry, doubling each time')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Show times in UTC instead of the local time zone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'madsci-events;tail' {
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'Source user id (a ULID)')
            [CompletionResult]::new('--experiment-id', '--experiment-id', [CompletionResultType]::ParameterName, 'Source experiment id (a ULID)')
            [CompletionResult]::new('--campaign-id', '--campaign-id', [CompletionResultType]::ParameterName, 'Source campaign id (a ULID)')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Source project id (a ULID)')
            [CompletionResult]::new('--node-id', '--node-id', [CompletionResultType]::ParameterName, 'Source node id (a ULID)')
            [CompletionResult]::new('--workcell-id', '--workcell-id', [CompletionResultType]::ParameterName, 'Source workcell id (a ULID)')
            [CompletionResult]::new('--lab-id', '--lab-id', [CompletionResultType]::ParameterName, 'Source lab id (a ULID)')
            [CompletionResult]::new('--step-id', '--step-id', [CompletionResultType]::ParameterName, 'Source workflow step id (a ULID)')
            [CompletionResult]::new('--workflow-id', '--workflow-id', [CompletionResultType]::ParameterName, 'Source workflow id (a ULID)')
            [CompletionResult]::new('--manager-id', '--manager-id', [CompletionResultType]::ParameterName, 'Source manager id (a ULID)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Keep events of this type, such as node_error (repeat for several)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Keep events of this type, such as node_error (repeat for several)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Keep events at or above this level: a name such as warning, or a number')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Keep events at or above this level: a name such as warning, or a number')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Keep events at or after this time: RFC 3339, a date, or an age such as 15m, 2h, 7d')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Keep events at or before this time, in the same forms as --since')
            [CompletionResult]::new('--where', '--where', [CompletionResultType]::ParameterName, 'Keep events matching this MongoDB selector, such as ''{"event_data.step": 3}''')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show this many of the latest events first')
            [CompletionResult]::new('--lines', '--lines', [CompletionResultType]::ParameterName, 'Show this many of the latest events first')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Print as text lines, ndjson (one event per line) or csv')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Print as text lines, ndjson (one event per line) or csv')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour the output: auto, always or never (auto honours NO_COLOR)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Send requests to this server URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on one request after this many seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry a failed connection or a 408, 429 or 5xx response this many times')
            [CompletionResult]::new('--retry-backoff', '--retry-backoff', [CompletionResultType]::ParameterName, 'Wait this many seconds before the first retry, doubling each time')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep running and print new events as they arrive')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep running and print new events as they arrive')
            [CompletionResult]::new('--include-archived', '--include-archived', [CompletionResultType]::ParameterName, 'Also show archived events')
            [CompletionResult]::new('--archived', '--archived', [CompletionResultType]::ParameterName, 'Show only archived events')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no warnings about skipped events')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no warnings about skipped events')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Show times in UTC instead of the local time zone')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'madsci-events;health' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Print as text or json (the server''s health document)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Print as text or json (the server''s health document)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Send requests to this server URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on one request after this many seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry a failed connection or a 408, 429 or 5xx response this many times')
            [CompletionResult]::new('--retry-backoff', '--retry-backoff', [CompletionResultType]::ParameterName, 'Wait this many seconds before the first retry, doubling each time')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing, so only the exit code reports the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing, so only the exit code reports the result')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'madsci-events;archive' {
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'Archive these event ids, comma-separated or repeated; `-` reads one id per line from standard input')
            [CompletionResult]::new('--before', '--before', [CompletionResultType]::ParameterName, 'Archive every event older than this: RFC 3339, a date, or an age such as 30d')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Print the result as text or json')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Print the result as text or json')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Send requests to this server URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on one request after this many seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry a failed connection or a 408, 429 or 5xx response this many times')
            [CompletionResult]::new('--retry-backoff', '--retry-backoff', [CompletionResultType]::ParameterName, 'Wait this many seconds before the first retry, doubling each time')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Archive without asking for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Archive without asking for confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and hide the progress bar')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and hide the progress bar')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'madsci-events;purge' {
            [CompletionResult]::new('--older-than-days', '--older-than-days', [CompletionResultType]::ParameterName, 'Delete events archived more than this many days ago (0: archived before now)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Print the result as text or json (the server''s reply)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Print the result as text or json (the server''s reply)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Send requests to this server URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on one request after this many seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry a failed connection or a 408, 429 or 5xx response this many times')
            [CompletionResult]::new('--retry-backoff', '--retry-backoff', [CompletionResultType]::ParameterName, 'Wait this many seconds before the first retry, doubling each time')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete without asking for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete without asking for confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'madsci-events;export' {
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'Source user id (a ULID)')
            [CompletionResult]::new('--experiment-id', '--experiment-id', [CompletionResultType]::ParameterName, 'Source experiment id (a ULID)')
            [CompletionResult]::new('--campaign-id', '--campaign-id', [CompletionResultType]::ParameterName, 'Source campaign id (a ULID)')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Source project id (a ULID)')
            [CompletionResult]::new('--node-id', '--node-id', [CompletionResultType]::ParameterName, 'Source node id (a ULID)')
            [CompletionResult]::new('--workcell-id', '--workcell-id', [CompletionResultType]::ParameterName, 'Source workcell id (a ULID)')
            [CompletionResult]::new('--lab-id', '--lab-id', [CompletionResultType]::ParameterName, 'Source lab id (a ULID)')
            [CompletionResult]::new('--step-id', '--step-id', [CompletionResultType]::ParameterName, 'Source workflow step id (a ULID)')
            [CompletionResult]::new('--workflow-id', '--workflow-id', [CompletionResultType]::ParameterName, 'Source workflow id (a ULID)')
            [CompletionResult]::new('--manager-id', '--manager-id', [CompletionResultType]::ParameterName, 'Source manager id (a ULID)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Keep events of this type, such as node_error (repeat for several)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Keep events of this type, such as node_error (repeat for several)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Keep events at or above this level: a name such as warning, or a number')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Keep events at or above this level: a name such as warning, or a number')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Keep events at or after this time: RFC 3339, a date, or an age such as 15m, 2h, 7d')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Keep events at or before this time, in the same forms as --since')
            [CompletionResult]::new('--where', '--where', [CompletionResultType]::ParameterName, 'Keep events matching this MongoDB selector, such as ''{"event_data.step": 3}''')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to this file instead of standard output')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to this file instead of standard output')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Send requests to this server URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on one request after this many seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry a failed connection or a 408, 429 or 5xx response this many times')
            [CompletionResult]::new('--retry-backoff', '--retry-backoff', [CompletionResultType]::ParameterName, 'Wait this many seconds before the first retry, doubling each time')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)')
            [CompletionResult]::new('--exclude-archived', '--exclude-archived', [CompletionResultType]::ParameterName, 'Leave archived events out')
            [CompletionResult]::new('--archived', '--archived', [CompletionResultType]::ParameterName, 'Export only archived events')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and hide the progress bar')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and hide the progress bar')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'madsci-events;import' {
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Send at most this many events per request')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Print the result as text or json')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Print the result as text or json')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Send requests to this server URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on one request after this many seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry a failed connection or a 408, 429 or 5xx response this many times')
            [CompletionResult]::new('--retry-backoff', '--retry-backoff', [CompletionResultType]::ParameterName, 'Wait this many seconds before the first retry, doubling each time')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and hide the progress bar')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and hide the progress bar')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'madsci-events;flush' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Print the result as text or json')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Send requests to this server URL')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on one request after this many seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry a failed connection or a 408, 429 or 5xx response this many times')
            [CompletionResult]::new('--retry-backoff', '--retry-backoff', [CompletionResultType]::ParameterName, 'Wait this many seconds before the first retry, doubling each time')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Keep undeliverable events in this directory')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and hide the progress bar')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and hide the progress bar')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'madsci-events;config' {
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a settings file for the server and the client')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'madsci-events;config;init' {
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Write the settings to this file')
            [CompletionResult]::new('--server-url', '--server-url', [CompletionResultType]::ParameterName, 'Set the server URL: where clients send events and where the server listens')
            [CompletionResult]::new('--db-url', '--db-url', [CompletionResultType]::ParameterName, 'Set the server''s database: sqlite://PATH or mongodb://HOST')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Set where clients keep events while the server cannot be reached')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Ask nothing: take the flags and defaults, and replace an existing file')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Ask nothing: take the flags and defaults, and replace an existing file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'madsci-events;config;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a settings file for the server and the client')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'madsci-events;config;help;init' {
            break
        }
        'madsci-events;config;help;help' {
            break
        }
        'madsci-events;migrate' {
            [CompletionResult]::new('--db-url', '--db-url', [CompletionResultType]::ParameterName, 'Work on this database: sqlite://PATH, mongodb://HOST or mongodb+srv://HOST')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Use this MongoDB database; backup folders start with this name [default: madsci_events]')
            [CompletionResult]::new('--backup-dir', '--backup-dir', [CompletionResultType]::ParameterName, 'Keep backups in this folder [default: backup_dir, .madsci/backups/events]')
            [CompletionResult]::new('--check-version', '--check-version', [CompletionResultType]::ParameterName, 'Only compare the database''s schema version with the expected one')
            [CompletionResult]::new('--validate-schema', '--validate-schema', [CompletionResultType]::ParameterName, 'Only compare the database''s collections and indexes with the schema file')
            [CompletionResult]::new('--backup-only', '--backup-only', [CompletionResultType]::ParameterName, 'Only take a backup')
            [CompletionResult]::new('--restore-from', '--restore-from', [CompletionResultType]::ParameterName, 'Only restore this backup folder, after confirmation unless --yes')
            [CompletionResult]::new('--schema-file', '--schema-file', [CompletionResultType]::ParameterName, 'Read the expected collections, indexes and version from this schema file (MongoDB)')
            [CompletionResult]::new('--target-version', '--target-version', [CompletionResultType]::ParameterName, 'Record this version instead of the schema file''s (MongoDB; a semantic version)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Print the result as text or json')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Print the result as text or json')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)')
            [CompletionResult]::new('--native', '--native', [CompletionResultType]::ParameterName, 'Dump and restore through the driver instead of mongodump and mongorestore')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Restore without asking for confirmation (--restore-from)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Restore without asking for confirmation (--restore-from)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'madsci-events;check-version' {
            [CompletionResult]::new('--db-url', '--db-url', [CompletionResultType]::ParameterName, 'Work on this database: sqlite://PATH, mongodb://HOST or mongodb+srv://HOST')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Use this MongoDB database; backup folders start with this name [default: madsci_events]')
            [CompletionResult]::new('--backup-dir', '--backup-dir', [CompletionResultType]::ParameterName, 'Keep backups in this folder [default: backup_dir, .madsci/backups/events]')
            [CompletionResult]::new('--schema-file', '--schema-file', [CompletionResultType]::ParameterName, 'Expect the version in this schema file instead of the built-in schema.json (MongoDB)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Print the result as text or json')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Print the result as text or json')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'madsci-events;backup' {
            [CompletionResult]::new('--db-url', '--db-url', [CompletionResultType]::ParameterName, 'Work on this database: sqlite://PATH, mongodb://HOST or mongodb+srv://HOST')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Use this MongoDB database; backup folders start with this name [default: madsci_events]')
            [CompletionResult]::new('--backup-dir', '--backup-dir', [CompletionResultType]::ParameterName, 'Keep backups in this folder [default: backup_dir, .madsci/backups/events]')
            [CompletionResult]::new('--suffix', '--suffix', [CompletionResultType]::ParameterName, 'Append this to the folder name (letters, digits, - and _; others become _)')
            [CompletionResult]::new('--collection', '--collection', [CompletionResultType]::ParameterName, 'Back up only this MongoDB collection; repeat for several')
            [CompletionResult]::new('--max-count', '--max-count', [CompletionResultType]::ParameterName, 'Keep this many backups of the database, deleting older ones; 0 keeps all')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Print the result as text or json')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Print the result as text or json')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)')
            [CompletionResult]::new('--native', '--native', [CompletionResultType]::ParameterName, 'Dump and restore through the driver instead of mongodump and mongorestore')
            [CompletionResult]::new('--gzip', '--gzip', [CompletionResultType]::ParameterName, 'Compress the MongoDB dump with gzip (*.bson.gz)')
            [CompletionResult]::new('--validate', '--validate', [CompletionResultType]::ParameterName, 'Re-read the new backup and check its checksum and every document before finishing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the backup folder, no details or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the backup folder, no details or progress')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'madsci-events;backups' {
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List this database''s backups, newest first, with their checksum status')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check backups: layout, checksum, and every document read back')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'madsci-events;backups;list' {
            [CompletionResult]::new('--db-url', '--db-url', [CompletionResultType]::ParameterName, 'Work on this database: sqlite://PATH, mongodb://HOST or mongodb+srv://HOST')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Use this MongoDB database; backup folders start with this name [default: madsci_events]')
            [CompletionResult]::new('--backup-dir', '--backup-dir', [CompletionResultType]::ParameterName, 'Keep backups in this folder [default: backup_dir, .madsci/backups/events]')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Print a table or json')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Print a table or json')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'madsci-events;backups;validate' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Print the result as text or json')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Print the result as text or json')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing and report the result through the exit code only')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing and report the result through the exit code only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'madsci-events;backups;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List this database''s backups, newest first, with their checksum status')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check backups: layout, checksum, and every document read back')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'madsci-events;backups;help;list' {
            break
        }
        'madsci-events;backups;help;validate' {
            break
        }
        'madsci-events;backups;help;help' {
            break
        }
        'madsci-events;restore' {
            [CompletionResult]::new('--db-url', '--db-url', [CompletionResultType]::ParameterName, 'Work on this database: sqlite://PATH, mongodb://HOST or mongodb+srv://HOST')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Use this MongoDB database; backup folders start with this name [default: madsci_events]')
            [CompletionResult]::new('--backup-dir', '--backup-dir', [CompletionResultType]::ParameterName, 'Keep backups in this folder [default: backup_dir, .madsci/backups/events]')
            [CompletionResult]::new('--target-database', '--target-database', [CompletionResultType]::ParameterName, 'Restore beside the live database: a MongoDB database name, or for the embedded store a file (a bare NAME becomes NAME.db next to the live file)')
            [CompletionResult]::new('--collection', '--collection', [CompletionResultType]::ParameterName, 'Restore only this MongoDB collection; repeat for several')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Print the result as text or json')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Print the result as text or json')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)')
            [CompletionResult]::new('--native', '--native', [CompletionResultType]::ParameterName, 'Dump and restore through the driver instead of mongodump and mongorestore')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Restore without asking for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Restore without asking for confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'madsci-events;generate' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write into DIR/completions and DIR/man')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Set the log level: error, warn, info, debug or trace (or a RUST_LOG filter)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'madsci-events;help' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the event HTTP API')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Send an event to the server and print its id')
            [CompletionResult]::new('alert', 'alert', [CompletionResultType]::ParameterValue, 'Send an alert through the server, or test the alert notifiers')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'List events matching filters, newest first')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one event by id')
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Show the last events, and follow new ones with -f')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Check that the server and its database work')
            [CompletionResult]::new('archive', 'archive', [CompletionResultType]::ParameterValue, 'Archive events by id or by age')
            [CompletionResult]::new('purge', 'purge', [CompletionResultType]::ParameterValue, 'Permanently delete archived events')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export events as NDJSON, one event per line')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import events from NDJSON, one event per line')
            [CompletionResult]::new('flush', 'flush', [CompletionResultType]::ParameterValue, 'Deliver spooled events to the server')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Manage settings files')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Migrate the database to this build''s schema version')
            [CompletionResult]::new('check-version', 'check-version', [CompletionResultType]::ParameterValue, 'Check whether the database needs a migration')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Back up the database')
            [CompletionResult]::new('backups', 'backups', [CompletionResultType]::ParameterValue, 'List or check backups')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Restore a backup into the database')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write shell completions and man pages')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'madsci-events;help;serve' {
            break
        }
        'madsci-events;help;log' {
            break
        }
        'madsci-events;help;alert' {
            break
        }
        'madsci-events;help;query' {
            break
        }
        'madsci-events;help;get' {
            break
        }
        'madsci-events;help;tail' {
            break
        }
        'madsci-events;help;health' {
            break
        }
        'madsci-events;help;archive' {
            break
        }
        'madsci-events;help;purge' {
            break
        }
        'madsci-events;help;export' {
            break
        }
        'madsci-events;help;import' {
            break
        }
        'madsci-events;help;flush' {
            break
        }
        'madsci-events;help;config' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a settings file for the server and the client')
            break
        }
        'madsci-events;help;config;init' {
            break
        }
        'madsci-events;help;migrate' {
            break
        }
        'madsci-events;help;check-version' {
            break
        }
        'madsci-events;help;backup' {
            break
        }
        'madsci-events;help;backups' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List this database''s backups, newest first, with their checksum status')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check backups: layout, checksum, and every document read back')
            break
        }
        'madsci-events;help;backups;list' {
            break
        }
        'madsci-events;help;backups;validate' {
            break
        }
        'madsci-events;help;restore' {
            break
        }
        'madsci-events;help;generate' {
            break
        }
        'madsci-events;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
