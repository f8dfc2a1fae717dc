"""A real SMTP server on 127.0.0.1 for the alert tests (aiosmtpd 1.4, trustme).

The test starts this script, reads one JSON line from stdout ({"port": N}), sends mail to
that port, and reads what arrived from the record file: one JSON line per DATA command,
with the decoded headers and body. The server stops when its stdin closes.

Modes:
  starttls  plain connection that offers STARTTLS and requires it; AUTH only after TLS
  implicit  TLS from the first byte (SMTPS)
  plain     no TLS at all

The certificate is made at start by a throwaway CA for 127.0.0.1 and localhost; --ca-out
receives the CA certificate in PEM so the client under test can trust it. The username and
password for AUTH come from SMTP_TEST_USERNAME and SMTP_TEST_PASSWORD, so they never appear
in the process list. When they are set, MAIL without a successful AUTH is rejected.
"""

import argparse
import asyncio
import json
import os
import ssl
import sys
import time
from email import message_from_bytes
from email import policy

import trustme
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["starttls", "implicit", "plain"], required=True)
    parser.add_argument("--record", required=True, help="append one JSON line per message here")
    parser.add_argument("--ca-out", help="write the CA certificate (PEM) here")
    parser.add_argument("--refuse", action="append", default=[],
                        help="answer RCPT TO for this address with 550 (repeatable)")
    parser.add_argument("--fail-first", type=int, default=0,
                        help="answer the first N DATA commands with 451")
    return parser.parse_args()


class Recorder:
    """The aiosmtpd handler: refuses listed recipients, fails the first DATA commands on
    request, and records every message."""

    def __init__(self, record_path, refused, fail_first):
        self.record_path = record_path
        self.refused = {address.lower() for address in refused}
        self.failures_left = fail_first

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refused:
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.failures_left > 0:
            self.failures_left -= 1
            self.write({"accepted": False, "at": time.time(), "rcpt_tos": envelope.rcpt_tos})
            return "451 4.3.0 temporary failure, try again later"
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        login = None
        if isinstance(session.auth_data, LoginPassword):
            login = session.auth_data.login.decode()
        transport = server.transport
        tls = session.ssl is not None or (
            transport is not None and transport.get_extra_info("ssl_object") is not None)
        self.write({
            "accepted": True,
            "at": time.time(),
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": tls,
            "login": login,
            "headers": {name: str(value) for name, value in message.items()},
            "body": message.get_content(),
        })
        return "250 OK: queued"

    def write(self, record):
        with open(self.record_path, "a", encoding="utf-8") as record_file:
            record_file.write(json.dumps(record) + "\n")


def make_authenticator(username, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        valid = (isinstance(auth_data, LoginPassword)
                 and auth_data.login.decode() == username
                 and auth_data.password.decode() == password)
        return AuthResult(success=valid, handled=False, auth_data=auth_data if valid else None)
    return authenticate


def tls_context(ca_out):
    authority = trustme.CA()
    certificate = authority.issue_cert("127.0.0.1", "localhost")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    certificate.configure_cert(context)
    if ca_out:
        authority.cert_pem.write_to_path(ca_out)
    return context


async def serve(args):
    username = os.environ.get("SMTP_TEST_USERNAME")
    password = os.environ.get("SMTP_TEST_PASSWORD")
    handler = Recorder(args.record, args.refuse, args.fail_first)
    context = tls_context(args.ca_out) if args.mode != "plain" else None
    options = {"hostname": "smtp.test"}
    if username and password:
        options.update(authenticator=make_authenticator(username, password), auth_required=True,
                       # Implicit TLS encrypts before SMTP starts, which aiosmtpd does not see.
                       auth_require_tls=args.mode == "starttls")
    if args.mode == "starttls":
        options.update(tls_context=context, require_starttls=True)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, **options), host="127.0.0.1", port=0,
        ssl=context if args.mode == "implicit" else None)
    port = server.sockets[0].getsockname()[1]
    print(json.dumps({"port": port}), flush=True)
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


def main():
    asyncio.run(serve(parse_args()))


if __name__ == "__main__":
    main()
