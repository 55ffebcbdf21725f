"""A real SMTP server in the test process (aiosmtpd), keeping every delivered message to read back.

`MailServer(...)` listens on 127.0.0.1 on a free port. Options make it behave like the servers a
deployment meets: a login (over STARTTLS with a throwaway self-signed certificate, which the client
trusts through ?cafile=), recipients it refuses for good (550) or for now (451), and a pause before
it answers (for timeouts). `url` is what NETSCAN_SMTP_URL gets.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import ssl
import subprocess
import threading
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def self_signed(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@dataclass
class Delivered:
    sender: str
    recipients: list[str]
    message: EmailMessage
    raw: bytes


@dataclass
class Handler:
    refuse: dict[str, str] = field(default_factory=dict)  # address → "550 ..." or "451 ..."
    delay: float = 0.0
    delivered: list[Delivered] = field(default_factory=list)
    on_data: Any = None  # called with the Delivered before the reply (e.g. to kill the sender)
    process: Any = None  # the sender process a test may kill from on_data
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        reply = self.refuse.get(address.lower())
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.delay:
            await asyncio.sleep(self.delay)
        raw = bytes(envelope.original_content or envelope.content)
        message = email.message_from_bytes(raw, policy=email.policy.default)
        got = Delivered(envelope.mail_from, list(envelope.rcpt_tos), message, raw)  # type: ignore[arg-type]
        with self.lock:
            self.delivered.append(got)
        if self.on_data is not None:
            self.on_data(got)
        return "250 OK queued"


class MailServer:
    def __init__(
        self,
        tmp: Path,
        *,
        login: tuple[str, str] | None = None,
        refuse: dict[str, str] | None = None,
        delay: float = 0.0,
        timeout: float = 5.0,
        implicit_tls: bool = False,
    ) -> None:
        self.handler = Handler(refuse={k.lower(): v for k, v in (refuse or {}).items()}, delay=delay)
        self.port = free_port()
        self.login = login
        kwargs: dict[str, Any] = {}
        self.cafile = ""
        if login is not None and not implicit_tls:
            cert, key = self_signed(tmp)
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(cert, key)
            self.cafile = str(cert)
            kwargs = {
                "tls_context": context,
                "require_starttls": True,
                "authenticator": self._authenticate,
                "auth_require_tls": True,
            }
        self.scheme = "smtps" if implicit_tls else "smtp"
        if implicit_tls:  # smtps://: TLS from the first byte, a login over it
            cert, key = self_signed(tmp)
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(cert, key)
            self.cafile = str(cert)
            kwargs = {"ssl_context": context, "authenticator": self._authenticate, "auth_require_tls": False}
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, **kwargs)
        self.timeout = timeout

    def _authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login.decode(), data.password.decode()) == self.login
        return AuthResult(success=ok, handled=False)

    def url(self, user: str = "", password: str = "") -> str:
        auth = f"{user}:{password}@" if user else ""
        query = f"?timeout={self.timeout:g}" + (f"&cafile={self.cafile}" if self.cafile else "")
        return f"{self.scheme}://{auth}localhost:{self.port}{query}"

    def __enter__(self) -> MailServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()

    @property
    def delivered(self) -> list[Delivered]:
        with self.handler.lock:
            return list(self.handler.delivered)

    def to(self, address: str) -> list[Delivered]:
        return [d for d in self.delivered if address.lower() in (r.lower() for r in d.recipients)]

    def wait_for(self, count: int, timeout: float = 20.0) -> list[Delivered]:
        end = time.monotonic() + timeout
        while len(self.delivered) < count and time.monotonic() < end:
            time.sleep(0.02)
        return self.delivered
