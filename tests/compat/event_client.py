"""Drive a madsci-events server with the upstream MADSci EventClient (madsci-client 0.8.1).

Usage: target/compat-venv/bin/python tests/compat/event_client.py BASE_URL

scripts/test creates that virtualenv. The script sends structured log calls, a legacy
`log(Event(...))` call and an alert, reads them back through the client's own parsing
(`get_events`, `get_event`, `query_events`), and prints one line per passed check. The last
line is `summary: <json>` with the id, type, level and source of every event sent, so that
tests/integration/compat.rs can compare them with what the server stored.

Exits 0 when every check passes, and 1 with a message on stderr at the first failed check.
"""

import ipaddress
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from madsci.client.event_client import EventClient
from madsci.common.types.auth_types import OwnershipInfo
from madsci.common.types.event_types import Event, EventClientConfig, EventLogLevel, EventType
from madsci.common.utils import new_ulid_str

# The client posts each event from its own background thread, so reads poll until the
# events appear. Ten seconds is far above the few milliseconds a local server needs.
VISIBLE_TIMEOUT_SECONDS = 10.0
POLL_INTERVAL_SECONDS = 0.05


class CheckFailed(Exception):
    """A compatibility check whose result differs from what the client expects."""


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


def passed(message):
    print(f"ok: {message}", flush=True)


def parse_base_url(argv):
    """Return the server base URL from the command line, rejecting non-loopback hosts."""
    if len(argv) != 2:
        raise SystemExit(f"usage: {argv[0]} BASE_URL   (for example http://127.0.0.1:8001)")
    url = argv[1]
    host = urlsplit(url).hostname or ""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise SystemExit(
            f"error: base URL `{url}` is not on a loopback address: this script writes test "
            "events, so point it at a server on 127.0.0.1 or [::1]"
        )
    return url


def make_client(base_url, work_dir, source):
    """Build an EventClient configured by these arguments rather than by settings files.

    EVENT_CLIENT_* environment variables still apply to the fields not set here.
    """
    # EventClientConfig is a pydantic-settings class that walks up from the working
    # directory looking for settings files and stops at a `.madsci/` directory, so an
    # empty `.madsci/` in a fresh directory keeps stray settings files out.
    madsci_dir = work_dir / ".madsci"
    (madsci_dir / "logs").mkdir(parents=True)
    os.chdir(work_dir)
    os.environ["MADSCI_SETTINGS_DIR"] = str(work_dir)
    config = EventClientConfig(
        name="compat_probe",
        event_server_url=base_url,
        log_dir=madsci_dir / "logs",
        log_level=EventLogLevel.INFO,
        source=source,
        fail_on_error=True,
        # The console format colours its output even into a pipe; JSON lines read better in
        # a test log. The format changes only the local output, not what is sent.
        log_output_format="json",
    )
    return EventClient(config=config)


def message_of(event):
    return event.event_data.get("message") if isinstance(event.event_data, dict) else None


def wait_for_events(client, message_counts, event_ids):
    """Poll `get_events` until each message appears as often as expected and each id appears.

    Returns the last `get_events` result.
    """
    deadline = time.monotonic() + VISIBLE_TIMEOUT_SECONDS
    while True:
        events = client.get_events(number=100)
        counts = {}
        for event in events.values():
            counts[message_of(event)] = counts.get(message_of(event), 0) + 1
        missing = [
            f"  message {message!r}: expected {count}, got {counts.get(message, 0)}"
            for message, count in message_counts.items()
            if counts.get(message, 0) != count
        ]
        missing += [
            f"  event id {event_id}: absent" for event_id in event_ids if event_id not in events
        ]
        if not missing:
            return events
        if time.monotonic() > deadline:
            raise CheckFailed(
                f"events not visible through get_events after {VISIBLE_TIMEOUT_SECONDS:.0f} s "
                f"({len(events)} events returned):\n" + "\n".join(missing)
            )
        time.sleep(POLL_INTERVAL_SECONDS)


def find_by_message(events, message):
    return [event for event in events.values() if message_of(event) == message]


def check_same_event(actual, expected, context):
    """Compare every Event field, naming each one that differs."""
    differences = []
    for field in Event.model_fields:
        got = getattr(actual, field)
        want = getattr(expected, field)
        if got != want:
            differences.append(f"  {field}: expected {want!r}, got {got!r}")
    check(not differences, f"{context}: fields differ:\n" + "\n".join(differences))


def check_log_event(event, expected):
    context = f"event {event.event_id} ({expected['message']!r})"
    for field in ("event_type", "log_level", "alert", "source", "event_data"):
        got = getattr(event, field)
        want = expected[field]
        check(got == want, f"{context}: {field} is {got!r}, expected {want!r}")
    check(not event.archived, f"{context}: archived is {event.archived!r}")
    check(event.archived_at is None, f"{context}: archived_at is {event.archived_at!r}")


def summary_entry(event_id, event_type, log_level, alert, source):
    return {
        "id": event_id,
        "event_type": event_type.value,
        "log_level": int(log_level),
        "alert": alert,
        "source": source.model_dump(mode="json", exclude_none=True),
    }


def run_checks(client, log_source):
    """Send the events, check them through the client, and return the summary entries."""
    tag = new_ulid_str()
    # One row per structured log call: message suffix, call, keyword arguments, and what the
    # client must send for it. The apostrophe makes Python's repr() quote the alert message
    # with double quotes, which the server has to read back from `query_events`.
    log_calls = [
        (
            "info", client.info, {"step": 1, "total": 3},
            EventType.LOG_INFO, EventLogLevel.INFO, False, 1,
        ),
        (
            "warning", client.warning, {},
            EventType.LOG_WARNING, EventLogLevel.WARNING, False, 1,
        ),
        (
            "error", client.error, {"device": "pipette"},
            EventType.LOG_ERROR, EventLogLevel.ERROR, False, 1,
        ),
        # In 0.8.1 `alert(str)` posts two events with distinct ids, both critical, both alerts.
        (
            "operator's alert", client.alert, {},
            EventType.LOG_CRITICAL, EventLogLevel.CRITICAL, True, 2,
        ),
    ]
    expected_logs = []
    for suffix, method, extra, event_type, log_level, alert, count in log_calls:
        message = f"compat {tag}: {suffix}"
        method(message, **extra)
        expected_logs.append(
            {
                "message": message,
                "count": count,
                "event_type": event_type,
                "log_level": log_level,
                "alert": alert,
                "source": log_source,
                "event_data": {"message": message, **extra},
            }
        )

    node_id = new_ulid_str()
    node_event = Event(
        event_type=EventType.NODE_CREATE,
        log_level=EventLogLevel.INFO,
        source=OwnershipInfo(node_id=node_id),
        event_data={"node_name": f"compat_node_{tag}", "node_url": "http://127.0.0.1:2000/"},
    )
    client.log(node_event)
    passed("info, warning, error, alert and log(Event) calls returned")

    message_counts = {expected["message"]: expected["count"] for expected in expected_logs}
    events = wait_for_events(client, message_counts, [node_event.event_id])
    passed(f"get_events returned all {sum(message_counts.values()) + 1} events")

    for key, event in events.items():
        check(key == event.event_id, f"get_events key {key} maps to event {event.event_id}")
    timestamps = [event.event_timestamp for event in events.values()]
    check(
        timestamps == sorted(timestamps, reverse=True),
        f"get_events is not newest first: {[str(t) for t in timestamps]}",
    )
    passed("get_events keys are event ids, newest first")

    summary = []
    for expected in expected_logs:
        for event in find_by_message(events, expected["message"]):
            check_log_event(event, expected)
            summary.append(
                summary_entry(
                    event.event_id,
                    expected["event_type"],
                    expected["log_level"],
                    expected["alert"],
                    expected["source"],
                )
            )
    alert_ids = sorted(entry["id"] for entry in summary if entry["alert"])
    check(len(set(alert_ids)) == 2, f"the two alert events share one id: {alert_ids}")
    passed("log events carry the expected type, level, alert flag, source and data")

    check_same_event(events[node_event.event_id], node_event, "get_events entry of log(Event)")
    fetched = client.get_event(node_event.event_id)
    check(fetched is not None, f"get_event({node_event.event_id}) returned None")
    check_same_event(fetched, node_event, f"get_event({node_event.event_id})")
    passed(f"get_event round-trips the {EventType.NODE_CREATE.value} event field by field")
    summary.append(
        summary_entry(
            node_event.event_id,
            node_event.event_type,
            node_event.log_level,
            node_event.alert,
            node_event.source,
        )
    )

    missing_id = new_ulid_str()
    try:
        client.get_event(missing_id)
    except httpx.HTTPStatusError as error:
        check(
            error.response.status_code == 404,
            f"get_event of an unknown id gave status {error.response.status_code}",
        )
    else:
        raise CheckFailed(f"get_event({missing_id}) of an unknown id did not raise")
    passed("get_event of an unknown id raises HTTPStatusError 404")

    by_node = client.query_events({"source.node_id": node_id})
    check(
        list(by_node) == [node_event.event_id],
        f"query_events by source.node_id returned {list(by_node)}, "
        f"expected [{node_event.event_id}]",
    )
    check_same_event(by_node[node_event.event_id], node_event, "query_events result")
    passed("query_events({'source.node_id': ...}) returns the node event")

    alert_message = expected_logs[-1]["message"]
    by_alert = client.query_events(
        {"event_data.message": alert_message, "alert": True, "log_level": {"$gte": 50}}
    )
    check(
        sorted(by_alert) == alert_ids,
        f"query_events with True and $gte returned {sorted(by_alert)}, expected {alert_ids}",
    )
    passed("query_events with a boolean, an operator and a quoted string returns both alerts")
    return summary


def join_sender_threads():
    """Wait for the client's background senders, which write to the log files in the temp dir."""
    deadline = time.monotonic() + VISIBLE_TIMEOUT_SECONDS
    for thread in threading.enumerate():
        if thread is not threading.current_thread():
            thread.join(max(0.0, deadline - time.monotonic()))


def main():
    base_url = parse_base_url(sys.argv)
    # pydantic-settings in madsci parses sys.argv for `--field=value` overrides, so the
    # URL argument is removed before any settings object is built.
    del sys.argv[1:]

    original_cwd = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="madsci-compat-") as work_dir:
        log_source = OwnershipInfo(workcell_id=new_ulid_str())
        client = make_client(base_url, Path(work_dir), log_source)
        try:
            summary = run_checks(client, log_source)
        except CheckFailed as failure:
            print(f"FAILED: {failure}", file=sys.stderr, flush=True)
            return 1
        except httpx.HTTPStatusError as error:
            print(
                f"FAILED: {error.request.method} {error.request.url} returned "
                f"{error.response.status_code}: {error.response.text}",
                file=sys.stderr,
                flush=True,
            )
            return 1
        except httpx.TransportError as error:
            print(
                f"FAILED: {error.request.method} {error.request.url} failed: "
                f"{type(error).__name__}: {error}",
                file=sys.stderr,
                flush=True,
            )
            return 1
        finally:
            join_sender_threads()
            client.close()
            os.chdir(original_cwd)

    print("summary: " + json.dumps({"base_url": base_url, "events": summary}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
