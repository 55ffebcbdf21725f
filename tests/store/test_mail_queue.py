"""The mail queue against a real SMTP server (aiosmtpd, in this process): what arrives, read back;
reminders; refused recipients, refused logins, timeouts and temporary failures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from diagnose.mail.smtp import Connection, SmtpConfig, parse
from diagnose.problems import ValidationFailed
from diagnose.store import Store
from diagnose.store.mail_queue import MAX_ATTEMPTS, backoff
from diagnose.store.participants import NewParticipant
from tests.mailserver import MailServer

BASE = "https://scan.example.nl"
SENDER = "netwerkscan@po-zuid.nl"


@pytest.fixture(autouse=True)
def link_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETSCAN_LINK_KEY", "test-key-mail")


@pytest.fixture
def ready(store: Store, rnd: Any) -> Any:
    store.set_mail_settings(
        rnd.id,
        deadline=dt.date(2026, 12, 15),
        sender_name="Marieke de Vries",
        reply_to="m.devries@po-zuid.nl",
    )
    store.add_participants(
        rnd.id,
        [
            NewParticipant("Jan Jansen", "jan@school.nl", "schoolleider"),
            NewParticipant("Élodie Bakker", "elodie@school.nl", "leraar", "en"),
            NewParticipant("Piet Klaassen", "piet@school.nl"),
        ],
    )
    return rnd


def send(store: Store, config: SmtpConfig, **kwargs: Any) -> Any:
    with Connection(config) as connection:
        return store.send_queued(connection, config, **kwargs)


def test_invitations_arrive_multipart_utf8_with_the_link_that_opens_the_round(
    store: Store, ready: Any, tmp_path: Path
) -> None:
    with MailServer(tmp_path, login=("scan", "geheim")) as server:
        config = parse(server.url("scan", "geheim"), SENDER)
        queued = store.queue_invitations(ready.id, BASE)
        assert [p.name for p in queued] == ["Jan Jansen", "Élodie Bakker", "Piet Klaassen"]
        report = send(store, config)
        assert (report.sent, report.rejected, report.stopped) == (3, [], "")
        (jan,) = server.to("jan@school.nl")
        (elodie,) = server.to("elodie@school.nl")
    msg = jan.message
    assert jan.sender == SENDER
    assert msg["From"] == f"Marieke de Vries <{SENDER}>"
    assert msg["Reply-To"] == "Marieke de Vries <m.devries@po-zuid.nl>"
    assert msg["To"] == "Jan Jansen <jan@school.nl>"
    assert msg["Subject"] == "Uitnodiging: netwerkscan Netwerk A (2025 voorjaar)"
    assert msg["Message-ID"].endswith("@po-zuid.nl>")
    assert msg.get_content_type() == "multipart/alternative"
    text, html = part(msg, "plain"), part(msg, "html")
    assert text.startswith("Beste Jan Jansen,") and "vóór 15 december 2026" in text
    assert "Met vriendelijke groet,\nMarieke de Vries" in text
    link = next(line for line in text.splitlines() if line.startswith(BASE))
    assert f'<a href="{link}">{link}</a>' in html and "vóór 15 december 2026" in html
    opened = store.open_response(link.split("?t=")[1])
    assert opened.status == "new" and opened.round is not None and opened.round.id == ready.id
    assert elodie.message["Subject"] == "Invitation: network scan Netwerk A (2025 voorjaar)"
    assert str(elodie.message["To"]) == "Élodie Bakker <elodie@school.nl>"
    assert b"=?utf-8?" in elodie.raw.split(b"\r\n\r\n")[0]  # the header is encoded, not raw UTF-8
    assert "before 15 December 2026" in part(elodie.message, "plain")
    assert [p.status for p in store.list_participants(ready.id)] == ["opened", "sent", "sent"]


def test_invite_twice_sends_nothing_new(store: Store, ready: Any, tmp_path: Path) -> None:
    with MailServer(tmp_path) as server:
        config = parse(server.url(), SENDER)
        store.queue_invitations(ready.id, BASE)
        send(store, config)
        assert store.queue_invitations(ready.id, BASE) == []
        assert send(store, config).sent == 0
        store.add_participants(ready.id, [NewParticipant("Nieuw Lid", "nieuw@school.nl")])
        assert [p.name for p in store.queue_invitations(ready.id, BASE, dry_run=True)] == ["Nieuw Lid"]
        assert [p.name for p in store.queue_invitations(ready.id, BASE)] == ["Nieuw Lid"]
        assert send(store, config).sent == 1
        assert len(server.delivered) == 4


def test_reminders_go_only_to_those_not_submitted_and_not_twice_within_n_days(
    store: Store, ready: Any, tmp_path: Path
) -> None:
    store.set_mail_settings(ready.id, reminder_days=5)
    with MailServer(tmp_path) as server:
        config = parse(server.url(), SENDER)
        store.queue_invitations(ready.id, BASE)
        send(store, config)
        jan = store.list_participants(ready.id)[0]
        token = store.participant_link(jan.id, BASE).split("?t=")[1]
        response = store.open_response(token).response
        assert response is not None
        for item in store.bundle.questionnaire("netwerkscan").items():
            if item.required:
                store.save_answer(response.id, item.id, 3 if item.type == "scale" else _any(item))
        assert store.submit(response.id) == []
        now = dt.datetime.now(dt.timezone.utc)
        assert store.queue_reminders(ready.id, BASE, now=now + dt.timedelta(days=4)) == []  # too soon
        due = store.queue_reminders(ready.id, BASE, now=now + dt.timedelta(days=6))
        assert [p.name for p in due] == ["Élodie Bakker", "Piet Klaassen"]
        assert store.queue_reminders(ready.id, BASE, now=now + dt.timedelta(days=6)) == []  # already queued
        assert send(store, config, clock=lambda: now + dt.timedelta(days=6)).sent == 2
        assert (
            store.queue_reminders(ready.id, BASE, now=now + dt.timedelta(days=10)) == []
        )  # reminded 4 days ago
        reminders = [
            d for d in server.delivered if d.message["Subject"].startswith(("Herinnering", "Reminder"))
        ]
        assert sorted(r.recipients[0] for r in reminders) == ["elodie@school.nl", "piet@school.nl"]
        first_link = _link(server.to("piet@school.nl")[0])
        assert _link(server.to("piet@school.nl")[1]) == first_link  # the same personal link
    assert [(p.status, p.reminders) for p in store.list_participants(ready.id)] == [
        ("submitted", 0),
        ("sent", 1),
        ("sent", 1),
    ]


def _any(item: Any) -> Any:
    if item.type == "single":
        return item.option_values[0]
    if item.type == "multi":
        return [item.option_values[0]]
    if item.type == "number":
        return int(item.min or 1)
    return "tekst"


def part(msg: Any, kind: str) -> str:
    return str(msg.get_body((kind,)).get_content()).replace("\r\n", "\n")


def _link(delivered: Any) -> str:
    text = part(delivered.message, "plain")
    return str(next(line for line in text.splitlines() if line.startswith(BASE)))


def test_one_refused_recipient_is_recorded_as_bounced_with_the_reply_and_the_rest_goes_on(
    store: Store, ready: Any, tmp_path: Path
) -> None:
    with MailServer(
        tmp_path, refuse={"elodie@school.nl": "550 5.1.1 <elodie@school.nl>: user unknown"}
    ) as server:
        config = parse(server.url(), SENDER)
        store.queue_invitations(ready.id, BASE)
        report = send(store, config)
        assert report.sent == 2
        assert report.rejected == [("Élodie Bakker", "550 5.1.1 <elodie@school.nl>: user unknown")]
        assert sorted(d.recipients[0] for d in server.delivered) == ["jan@school.nl", "piet@school.nl"]
    people = store.list_participants(ready.id)
    assert [(p.status, p.reply) for p in people] == [
        ("sent", ""),
        ("bounced", "550 5.1.1 <elodie@school.nl>: user unknown"),
        ("sent", ""),
    ]
    assert store.participant_progress(ready.id).invited == 2
    assert store.queue_invitations(ready.id, BASE) == []  # not mailed again to an address that bounced


def test_a_temporary_failure_is_retried_later_with_growing_pauses(
    store: Store, ready: Any, tmp_path: Path
) -> None:
    refuse = {"piet@school.nl": "451 4.7.1 greylisted, try again later"}
    with MailServer(tmp_path, refuse=refuse) as server:
        config = parse(server.url(), SENDER)
        store.queue_invitations(ready.id, BASE)
        now = dt.datetime.now(dt.timezone.utc)
        report = send(store, config, clock=lambda: now)
        assert (report.sent, report.retrying) == (2, 1)
        piet = store.list_participants(ready.id)[2]
        assert (piet.status, piet.reply) == ("not_sent", "451 4.7.1 greylisted, try again later")
        assert send(store, config, clock=lambda: now + dt.timedelta(seconds=30)).sent == 0  # not due yet
        server.handler.refuse.clear()
        assert send(store, config, clock=lambda: now + backoff(1) + dt.timedelta(seconds=1)).sent == 1
        assert len(server.to("piet@school.nl")) == 1
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 9)] == [60, 120, 240, 7200]
    assert store.list_participants(ready.id)[2].status == "sent"


def test_a_temporary_failure_that_never_ends_is_given_up_after_the_last_try(
    store: Store, ready: Any, tmp_path: Path
) -> None:
    with MailServer(tmp_path, refuse={"piet@school.nl": "421 4.3.2 system not accepting"}) as server:
        config = parse(server.url(), SENDER)
        store.queue_invitations(ready.id, BASE)
        moment = dt.datetime.now(dt.timezone.utc)
        for _ in range(MAX_ATTEMPTS):
            send(store, config, clock=lambda m=moment: m)
            moment += dt.timedelta(hours=3)
    piet = store.list_participants(ready.id)[2]
    assert (piet.status, piet.reply) == ("bounced", "421 4.3.2 system not accepting")
    assert store.mail_waiting(ready.id) == 0


def test_a_refused_login_stops_the_batch_and_leaves_every_mail_queued(
    store: Store, ready: Any, tmp_path: Path
) -> None:
    with MailServer(tmp_path, login=("scan", "geheim")) as server:
        config = parse(server.url("scan", "fout"), SENDER)
        store.queue_invitations(ready.id, BASE)
        report = send(store, config)
        assert report.sent == 0 and report.stopped.startswith("535")
        assert server.delivered == []
        assert store.mail_waiting(ready.id) == 3
        assert {p.reply for p in store.list_participants(ready.id)} == {report.stopped, ""}
        good = parse(server.url("scan", "geheim"), SENDER)
        assert send(store, good).sent == 3  # fixed: everything goes, once
        assert len(server.delivered) == 3


def test_a_server_that_does_not_answer_in_time_is_a_temporary_failure(
    store: Store, ready: Any, tmp_path: Path
) -> None:
    with MailServer(tmp_path, delay=2.5, timeout=1) as server:
        config = parse(server.url(), SENDER)
        store.queue_invitations(ready.id, BASE)
        report = send(store, config, limit=1)
        assert (report.sent, report.retrying) == (0, 1)
        (jan, *_) = store.list_participants(ready.id)
        assert jan.status == "not_sent" and "timeout" in jan.reply
        assert store.mail_waiting(ready.id) == 3


def test_queueing_needs_a_deadline_and_a_sender_and_an_open_round(store: Store, rnd: Any) -> None:
    store.add_participants(rnd.id, [NewParticipant("Jan", "jan@school.nl")])
    with pytest.raises(ValidationFailed) as exc:
        store.queue_invitations(rnd.id, BASE)
    assert [p.code for p in exc.value.problems] == ["mail-no-deadline", "mail-no-sender"]
    store.set_mail_settings(rnd.id, deadline=dt.date(2026, 12, 1), sender_name="Marieke")
    store.close_round(rnd.id)
    with pytest.raises(ValidationFailed) as exc:
        store.queue_invitations(rnd.id, BASE)
    assert [p.code for p in exc.value.problems] == ["round-closed"]
    assert store.mail_waiting(rnd.id) == 0


def test_a_sender_with_another_link_key_mails_no_link_that_would_not_work(
    store: Store, ready: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with MailServer(tmp_path) as server:
        config = parse(server.url(), SENDER)
        store.queue_invitations(ready.id, BASE)
        monkeypatch.setenv("NETSCAN_LINK_KEY", "another-key")
        with pytest.raises(ValidationFailed) as exc:
            send(store, config)
        assert exc.value.problems[0].code == "mail-link-key"
        assert server.delivered == []
        monkeypatch.setenv("NETSCAN_LINK_KEY", "test-key-mail")
        assert send(store, config).sent == 3


def test_smtps_sends_over_tls_from_the_first_byte(store: Store, ready: Any, tmp_path: Path) -> None:
    with MailServer(tmp_path, login=("scan", "geheim"), implicit_tls=True) as server:
        config = parse(server.url("scan", "geheim"), SENDER)
        assert config.tls and server.url().startswith("smtps://")
        store.queue_invitations(ready.id, BASE)
        assert send(store, config).sent == 3
        assert len(server.delivered) == 3
