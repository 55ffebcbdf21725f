"""One mail as it leaves: multipart/alternative (plain text first, then HTML made from the same
text), UTF-8, From with the sender's name, Reply-To, a Message-ID that stays the same when the
mail is sent again after a crash (so a mail program that has it already shows it once).

Headers cannot be injected: names and subjects are folded to one line before they get here (the
store refuses control characters, line breaks become spaces), and `email.headerregistry` encodes
what remains; `header_safe` folds once more so no caller can slip a CR or LF into a header.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from diagnose.mail.templates import Template

_URL = re.compile(r"https?://[^\s<>\"]+")
_FOLD = re.compile(r"[\x00-\x1f\x7f]+")


def header_safe(text: str) -> str:
    """One line: every control character (CR and LF too) becomes a space."""
    return " ".join(_FOLD.sub(" ", text).split())


@dataclass(frozen=True)
class Envelope:
    sender: str  # NETSCAN_MAIL_FROM: the address mail is sent from
    sender_name: str
    reply_to: str  # "" when replies go to the sender
    to_name: str
    to_address: str
    message_id: str  # without the angle brackets: "<queue id>.<random>@<sender's domain>"


def _address(name: str, address: str) -> Address:
    local, domain = address.rsplit("@", 1)
    return Address(display_name=header_safe(name), username=local, domain=domain)


def body_html(text: str) -> str:
    """The plain text as simple HTML: paragraphs, line breaks, links clickable; nothing else."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    parts = []
    for paragraph in paragraphs:
        escaped = html.escape(paragraph)
        linked = _URL.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped)
        parts.append("<p>" + linked.replace("\n", "<br>\n") + "</p>")
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head>\n'
        '<body style="font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.5; '
        'color: #1f2933; max-width: 640px;">\n' + "\n".join(parts) + "\n</body></html>\n"
    )


def message(envelope: Envelope, filled: Template, *, when: dt.datetime) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = _address(envelope.sender_name, envelope.sender)
    msg["To"] = _address(envelope.to_name, envelope.to_address)
    if envelope.reply_to:
        msg["Reply-To"] = _address(envelope.sender_name, envelope.reply_to)
    msg["Subject"] = header_safe(filled.subject)
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = f"<{header_safe(envelope.message_id)}>"
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(filled.body, charset="utf-8")
    msg.add_alternative(body_html(filled.body), subtype="html", charset="utf-8")
    return msg
