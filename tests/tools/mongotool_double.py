"""Test double for mongodump and mongorestore (MongoDB Database Tools 100.x).

Run as `mongotool_double.py mongodump ARGS...` or `mongotool_double.py mongorestore ARGS...`;
the tests put two small wrapper scripts named `mongodump` and `mongorestore` first on PATH.

It implements the options madsci-events passes, with the real tools' directory layout
(`<out>/<db>/<coll>.bson[.gz]` plus `<coll>.metadata.json[.gz]` in canonical Extended JSON
with the index specifications), and rejects every other option as the real tools do.

Environment:
  MADSCI_TEST_TOOL_LOG   append one JSON line per run: the tool, its arguments, the config
                         file's text and mode
  MADSCI_TEST_TOOL_FAIL  `mongodump` or `mongorestore`: that tool fails (mongorestore after
                         loading half of the first collection), to test failure handling
"""

import gzip
import json
import os
import re
import stat
import sys

import bson
from bson import json_util
from pymongo import MongoClient

CANONICAL = json_util.CANONICAL_JSON_OPTIONS


def fail(message, code=1):
    print(f"Failed: {message}", file=sys.stderr)
    sys.exit(code)


def parse_args(tool, argv):
    """Parses `--name=value`, `--name value` and flags into a dict of lists."""
    flags = {"--gzip", "--drop"}
    valued = {
        "mongodump": {"--config", "--db", "--out", "--collection", "--uri"},
        "mongorestore": {"--config", "--dir", "--nsInclude", "--nsFrom", "--nsTo", "--uri", "--db"},
    }[tool] | {"--host", "--username", "--password", "--authenticationDatabase"}
    options, positional = {}, []
    index = 0
    while index < len(argv):
        arg = argv[index]
        index += 1
        if not arg.startswith("--"):
            positional.append(arg)
            continue
        name, has_value, value = arg.partition("=")
        if name in flags and not has_value:
            options.setdefault(name, []).append(True)
        elif name in valued:
            if not has_value:
                if index >= len(argv):
                    fail(f"error parsing command line options: expected argument for flag `{name}'", 3)
                value = argv[index]
                index += 1
            options.setdefault(name, []).append(value)
        else:
            fail(f"error parsing command line options: unknown option \"{name[2:]}\"", 3)
    return options, positional


def read_config(path):
    """Reads the YAML keys the real tools accept in --config: password, uri, sslPEMKeyPassword."""
    config = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            key, _, raw = line.partition(":")
            key, raw = key.strip(), raw.strip()
            if key not in {"password", "uri", "sslPEMKeyPassword"}:
                fail(f"error parsing config file: unknown key {key}", 3)
            config[key] = json.loads(raw) if raw.startswith('"') else raw
    return config


def record(tool, argv, options):
    log = os.environ.get("MADSCI_TEST_TOOL_LOG")
    if not log:
        return
    entry = {"tool": tool, "argv": argv}
    if "--config" in options:
        path = options["--config"][0]
        entry["config_path"] = path
        entry["config_mode"] = oct(stat.S_IMODE(os.stat(path).st_mode))
        with open(path, encoding="utf-8") as handle:
            entry["config_text"] = handle.read()
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry) + "\n")


def connection_uri(options):
    uri = options.get("--uri", [None])[0]
    if uri is None and "--host" in options:
        # Upstream's tools pass --host/--username/--password instead of a URI.
        credentials = ""
        if "--username" in options:
            credentials = options["--username"][0] + ":" + options.get("--password", [""])[0] + "@"
        uri = f"mongodb://{credentials}{options['--host'][0]}/?retryWrites=false"
    if "--config" in options:
        uri = read_config(options["--config"][0]).get("uri", uri)
    if not uri:
        fail("no connection string: pass --uri or a --config file with uri")
    return uri


def uri_database(uri):
    """The database path of a connection string ('' when none)."""
    rest = uri.split("://", 1)[1]
    hosts_end = len(rest)
    for separator in "/?":
        position = rest.find(separator)
        if position != -1:
            hosts_end = min(hosts_end, position)
    path = rest[hosts_end:]
    if not path.startswith("/"):
        return ""
    return path[1:].split("?", 1)[0]


def open_file(path, mode, compressed):
    return gzip.open(path, mode) if compressed else open(path, mode)


def mongodump(options):
    uri = connection_uri(options)
    database = options.get("--db", [None])[0]
    out = options.get("--out", ["dump"])[0]
    if database is None:
        fail("this double needs --db")
    named = uri_database(uri)
    if named and named != database:
        fail(f"illegal argument combination: cannot specify --db and --uri with database {named}", 3)

    compressed = "--gzip" in options
    client = MongoClient(uri, serverSelectionTimeoutMS=5000)
    db = client[database]
    wanted = options.get("--collection", [])
    if len(wanted) > 1:
        wanted = wanted[-1:]  # the real mongodump keeps only the last --collection
    target = os.path.join(out, database)
    os.makedirs(target, exist_ok=True)

    extension = ".gz" if compressed else ""
    for spec in db.list_collections():
        name = spec["name"]
        if name.startswith("system.") or spec.get("type", "collection") != "collection":
            continue
        if wanted and name not in wanted:
            continue
        indexes = list(db[name].list_indexes())
        for index in indexes:
            index.pop("ns", None)
        metadata = {
            "options": spec.get("options", {}),
            "indexes": indexes,
            "uuid": spec.get("info", {}).get("uuid").hex() if spec.get("info", {}).get("uuid") else "",
            "collectionName": name,
            "type": "collection",
        }
        with open_file(os.path.join(target, f"{name}.metadata.json{extension}"), "wb", compressed) as handle:
            handle.write(json_util.dumps(metadata, json_options=CANONICAL).encode())
        count = 0
        with open_file(os.path.join(target, f"{name}.bson{extension}"), "wb", compressed) as handle:
            for document in db[name].find({}).sort("$natural", 1):
                handle.write(bson.encode(document))
                count += 1
        print(f"done dumping {database}.{name} ({count} documents)", file=sys.stderr)
    if os.environ.get("MADSCI_TEST_TOOL_FAIL") == "mongodump":
        fail("simulated mongodump failure")


def pattern_regex(pattern):
    """Turns a namespace pattern (`*` wildcard, backslash escapes) into a regex."""
    parts, index = [], 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            parts.append(re.escape(pattern[index + 1]))
            index += 2
            continue
        parts.append("(.*?)" if char == "*" else re.escape(char))
        index += 1
    return re.compile("^" + "".join(parts) + "$")


def rename(namespace, sources, targets):
    for source, target in zip(sources, targets):
        match = pattern_regex(source).match(namespace)
        if match:
            groups = iter(match.groups())
            return re.sub(r"(?<!\\)\*", lambda _: next(groups), target).replace("\\*", "*")
    return namespace


def mongorestore(options, positional):
    uri = connection_uri(options)
    directory = options.get("--dir", positional[:1] or ["dump"])[0]
    compressed = "--gzip" in options
    includes = [pattern_regex(p) for p in options.get("--nsInclude", ["*"])]
    sources, targets = options.get("--nsFrom", []), options.get("--nsTo", [])
    if len(sources) != len(targets):
        fail("--nsFrom and --nsTo arguments must be specified an equal number of times", 3)
    client = MongoClient(uri, serverSelectionTimeoutMS=5000)
    suffix = ".bson.gz" if compressed else ".bson"
    restored = 0

    if "--db" in options:
        # The deprecated form upstream uses: `--db NAME <dump>/<db>`.
        path, target_db = positional[0] if positional else directory, options["--db"][0]
        for file_name in sorted(os.listdir(path)):
            if file_name.endswith(suffix):
                collection = file_name[: -len(suffix)]
                restored += restore_collection(client, path, collection, target_db, collection,
                                               compressed, "--drop" in options)
        print(f"{restored} document(s) restored successfully. 0 document(s) failed to restore.",
              file=sys.stderr)
        return

    for entry in sorted(os.listdir(directory)):
        path = os.path.join(directory, entry)
        if not os.path.isdir(path):
            print(f"don't know what to do with file \"{path}\", skipping...", file=sys.stderr)
            continue
        for file_name in sorted(os.listdir(path)):
            if not file_name.endswith(suffix):
                continue
            collection = file_name[: -len(suffix)]
            namespace = f"{entry}.{collection}"
            if not any(include.match(namespace) for include in includes):
                continue
            target_db, _, target_collection = rename(namespace, sources, targets).partition(".")
            restored += restore_collection(client, path, collection, target_db, target_collection,
                                           compressed, "--drop" in options)
    print(f"{restored} document(s) restored successfully. 0 document(s) failed to restore.",
          file=sys.stderr)


def restore_collection(client, path, collection, target_db, target_collection, compressed, drop):
    extension = ".gz" if compressed else ""
    metadata = {}
    metadata_path = os.path.join(path, f"{collection}.metadata.json{extension}")
    if os.path.exists(metadata_path):
        with open_file(metadata_path, "rb", compressed) as handle:
            metadata = json_util.loads(handle.read().decode())
    db = client[target_db]
    if drop:
        db.drop_collection(target_collection)
    if target_collection not in db.list_collection_names():
        db.create_collection(target_collection, **metadata.get("options", {}))
    with open_file(os.path.join(path, f"{collection}.bson{extension}"), "rb", compressed) as handle:
        documents = list(bson.decode_file_iter(handle))
    if os.environ.get("MADSCI_TEST_TOOL_FAIL") == "mongorestore":
        half = documents[: len(documents) // 2]
        if half:
            db[target_collection].insert_many(half)
        fail(f"simulated mongorestore failure after {len(half)} documents of {target_db}.{target_collection}")
    if documents:
        db[target_collection].insert_many(documents)
    indexes = [index for index in metadata.get("indexes", []) if index.get("name") != "_id_"]
    if indexes:
        db.command({"createIndexes": target_collection, "indexes": indexes})
    return len(documents)


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in {"mongodump", "mongorestore"}:
        fail("usage: mongotool_double.py mongodump|mongorestore ARGS...", 3)
    tool, argv = sys.argv[1], sys.argv[2:]
    options, positional = parse_args(tool, argv)
    record(tool, argv, options)
    try:
        if tool == "mongodump":
            mongodump(options)
        else:
            mongorestore(options, positional)
    except SystemExit:
        raise
    except Exception as error:  # the real tools print one line and exit 1
        fail(str(error))


if __name__ == "__main__":
    main()
