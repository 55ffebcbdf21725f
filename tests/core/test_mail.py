"""diagnose.mail without a server: addresses, the SMTP URL, the message's headers and parts."""

from __future__ import annotations

import datetime as dt
import email
import email.policy

import pytest

from diagnose.mail import compose, templates
from diagnose.mail.addresses import clean_address
from diagnose.mail.smtp import ConfigError, config_from_env, parse


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Jan.Jansen@School.NL ", "jan.jansen@school.nl"),
        ("j.o'brien+scan@bs-de-bron.nl", "j.o'brien+scan@bs-de-bron.nl"),
        ("jan@school", None),
        ("jan school@school.nl", None),
        ("jan@school.nl, piet@school.nl", None),
        ("jan@@school.nl", None),
        ("jan.@school.nl", None),
        ("jan@school.nl\r\nBcc: x@evil.example", None),
        ("", None),
    ],
)
def test_addresses(given: str, expected: str | None) -> None:
    assert clean_address(given) == expected


def test_the_smtp_url_and_sender() -> None:
    c = parse("smtp://scan%40school.nl:ge%3Aheim@smtp.school.nl?timeout=12", "Netwerkscan@School.nl")
    assert (c.host, c.port, c.tls, c.user, c.password, c.sender, c.timeout) == (
        "smtp.school.nl",
        587,
        False,
        "scan@school.nl",
        "ge:heim",
        "netwerkscan@school.nl",
        12.0,
    )
    assert c.shown == "smtp://scan@school.nl@smtp.school.nl:587" and "heim" not in c.shown
    assert parse("smtps://mail.example.org", "a@example.org").port == 465
    assert config_from_env({}) is None
    for url, sender in (
        ("http://x", "a@b.nl"),
        ("smtp://", "a@b.nl"),
        ("smtp://x:poort", "a@b.nl"),
        ("smtp://x?timeout=snel", "a@b.nl"),
        ("smtp://x", "geen adres"),
    ):
        with pytest.raises(ConfigError):
            parse(url, sender)


def _message(name: str, subject: str, body: str = "Beste {naam},\n{link}") -> email.message.EmailMessage:
    envelope = compose.Envelope(
        "scan@po-zuid.nl", "Marieke <de Vries>", "", name, "jan@school.nl", "m.1.ab@po-zuid.nl"
    )
    filled = templates.fill(templates.Template(subject, body), {"naam": name, "link": "https://x.nl/?t=abc"})
    raw = compose.message(
        envelope, filled, when=dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.timezone.utc)
    ).as_bytes()
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(parsed, email.message.EmailMessage)
    return parsed


def test_no_header_can_be_injected_through_a_name_or_a_subject() -> None:
    msg = _message("Jan\r\nBcc: x@evil.example", "Welkom {naam}\nBcc: y@evil.example")
    assert msg["Bcc"] is None
    assert msg["To"] == '"Jan Bcc: x@evil.example" <jan@school.nl>'
    assert msg["Subject"] == "Welkom Jan Bcc: x@evil.example Bcc: y@evil.example"
    assert msg["From"] == '"Marieke <de Vries>" <scan@po-zuid.nl>'


def test_the_html_part_escapes_what_the_text_holds_and_links_only_the_link() -> None:
    msg = _message("<script>alert(1)</script>", "Hallo")
    html = msg.get_body(("html",))
    assert html is not None
    content = html.get_content()
    assert "<script>" not in content and "&lt;script&gt;" in content
    assert '<a href="https://x.nl/?t=abc">https://x.nl/?t=abc</a>' in content
    assert msg["Message-ID"] == "<m.1.ab@po-zuid.nl>"
