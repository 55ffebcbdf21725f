"""The SMTP connection: NETSCAN_SMTP_URL and NETSCAN_MAIL_FROM, and what a server's answer means.

    smtp://user:password@host:587     STARTTLS (required when a password is given)
    smtps://user:password@host:465    TLS from the first byte
    ?timeout=30                       seconds to wait for the server (default 30)
    ?cafile=/path/ca.pem              trust this certificate authority as well (a private relay)

A server's answer is sorted into three kinds, because each asks for something else:
- `Temporary` (4xx, a timeout, a dropped connection): the mail goes back in the queue and is tried
  again later, with growing pauses;
- `Rejected` (5xx for this recipient or this message): the mail is not tried again; the server's
  reply is kept with the participant so the coordinator can see what was wrong;
- `Unusable` (a refused login, no STARTTLS, a server that cannot be reached at all): nothing in the
  batch can be sent; the batch stops and every mail stays queued, untouched.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from types import TracebackType
from urllib.parse import parse_qs, unquote, urlsplit

from diagnose.mail.addresses import clean_address

DEFAULT_TIMEOUT = 30.0


class MailError(Exception):
    """The server's own words, kept for the coordinator."""

    def __init__(self, reply: str):
        super().__init__(reply)
        self.reply = reply[:900]


class Temporary(MailError):
    pass


class Rejected(MailError):
    pass


class Unusable(MailError):
    pass


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    tls: bool  # smtps: TLS from the start
    user: str
    password: str
    sender: str
    timeout: float = DEFAULT_TIMEOUT
    cafile: str = ""

    @property
    def shown(self) -> str:
        """Where mail goes, without the password: for messages and `netscan invite`."""
        scheme = "smtps" if self.tls else "smtp"
        user = f"{self.user}@" if self.user else ""
        return f"{scheme}://{user}{self.host}:{self.port}"


class ConfigError(ValueError):
    """NETSCAN_SMTP_URL or NETSCAN_MAIL_FROM is set but cannot be used; the text says which."""


def config_from_env(env: dict[str, str] | None = None) -> SmtpConfig | None:
    """The configuration, or None when NETSCAN_SMTP_URL is not set (e-mail not configured)."""
    values = os.environ if env is None else env
    url = values.get("NETSCAN_SMTP_URL", "").strip()
    if not url:
        return None
    return parse(url, values.get("NETSCAN_MAIL_FROM", ""))


def parse(url: str, sender: str) -> SmtpConfig:
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps"):
        raise ConfigError("NETSCAN_SMTP_URL: begin met smtp:// of smtps:// / begin with smtp:// or smtps://")
    if not parts.hostname:
        raise ConfigError("NETSCAN_SMTP_URL: de servernaam ontbreekt / the host name is missing")
    try:
        port = parts.port or (465 if parts.scheme == "smtps" else 587)
    except ValueError as exc:
        raise ConfigError("NETSCAN_SMTP_URL: de poort is geen getal / the port is not a number") from exc
    query = parse_qs(parts.query)
    try:
        timeout = float(query.get("timeout", [DEFAULT_TIMEOUT])[0])
    except ValueError as exc:
        raise ConfigError("NETSCAN_SMTP_URL: timeout is geen getal / timeout is not a number") from exc
    address = clean_address(sender)
    if address is None:
        raise ConfigError(
            "NETSCAN_MAIL_FROM: geef het afzenderadres, bijv. netwerkscan@school.nl / "
            "give the sender's address, e.g. netwerkscan@school.nl"
        )
    return SmtpConfig(
        host=parts.hostname,
        port=port,
        tls=parts.scheme == "smtps",
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        sender=address,
        timeout=timeout,
        cafile=query.get("cafile", [""])[0],
    )


def _reply(code: int, text: bytes | str) -> str:
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {' '.join(words.split())}"


class Connection:
    """One SMTP session for a batch: `with Connection(config) as c: c.send(msg)`. Connects on the
    first send, so a batch with nothing to send never opens a connection."""

    def __init__(self, config: SmtpConfig):
        self.config = config
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Connection:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None

    def _context(self) -> ssl.SSLContext:
        context = ssl.create_default_context()
        if self.config.cafile:
            context.load_verify_locations(cafile=self.config.cafile)
        return context

    def _connect(self) -> smtplib.SMTP:
        c = self.config
        try:
            smtp: smtplib.SMTP
            if c.tls:
                smtp = smtplib.SMTP_SSL(c.host, c.port, timeout=c.timeout, context=self._context())
            else:
                smtp = smtplib.SMTP(c.host, c.port, timeout=c.timeout)
                smtp.ehlo()
                if smtp.has_extn("starttls"):
                    smtp.starttls(context=self._context())
                    smtp.ehlo()
                elif c.user:
                    smtp.close()
                    raise Unusable("the server offers no STARTTLS: the password would travel unencrypted")
            if c.user:
                smtp.login(c.user, c.password)
        except smtplib.SMTPAuthenticationError as exc:
            raise Unusable(_reply(exc.smtp_code, exc.smtp_error)) from exc
        except TimeoutError as exc:
            raise Temporary(f"timeout after {c.timeout:g} s ({c.host}:{c.port})") from exc
        except ssl.SSLError as exc:
            raise Unusable(f"TLS: {exc.reason or exc}") from exc
        except smtplib.SMTPResponseException as exc:
            kind = Temporary if 400 <= exc.smtp_code < 500 else Unusable
            raise kind(_reply(exc.smtp_code, exc.smtp_error)) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise Unusable(f"{c.host}:{c.port}: {exc}") from exc
        return smtp

    def send(self, msg: EmailMessage, recipient: str) -> str:
        """Hand the mail to the server; returns its reply (e.g. '250 OK queued as ...')."""
        if self._smtp is None:
            self._smtp = self._connect()
        smtp = self._smtp
        try:
            refused = smtp.send_message(msg, from_addr=self.config.sender, to_addrs=[recipient])
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = exc.recipients.get(recipient, (550, b"recipient refused"))
            self._after_error(code)
            raise (Temporary if 400 <= code < 500 else Rejected)(_reply(code, text)) from exc
        except smtplib.SMTPResponseException as exc:
            self._after_error(exc.smtp_code)
            kind = Temporary if 400 <= exc.smtp_code < 500 else Rejected
            raise kind(_reply(exc.smtp_code, exc.smtp_error)) from exc
        except TimeoutError as exc:
            self._drop()
            raise Temporary(f"timeout after {self.config.timeout:g} s") from exc
        except (smtplib.SMTPException, OSError) as exc:
            self._drop()
            if isinstance(exc.__context__, TimeoutError) or "timed out" in str(exc):
                raise Temporary(f"timeout after {self.config.timeout:g} s") from exc
            raise Temporary(str(exc) or type(exc).__name__) from exc
        if refused:
            code, text = refused[recipient]
            raise Rejected(_reply(code, text))
        return "250 OK"

    def _after_error(self, code: int) -> None:
        """After a refused message the session may be mid-transaction: reset it, or start over."""
        if self._smtp is None:
            return
        try:
            self._smtp.rset()
        except (smtplib.SMTPException, OSError):
            self._drop()

    def _drop(self) -> None:
        if self._smtp is not None:
            self._smtp.close()
            self._smtp = None
