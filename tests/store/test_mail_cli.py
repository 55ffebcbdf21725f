"""`netscan participants add/list`, `invite` and `remind` on a real database and a real SMTP server;
and the sender killed mid-batch (SIGKILL), restarted: every participant gets exactly one mail."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from diagnose.cli import main
from diagnose.store import Store
from diagnose.store.participants import NewParticipant
from tests.mailserver import Delivered, MailServer

ROOT = Path(__file__).resolve().parents[2]
SENDER = "netwerkscan@po-zuid.nl"


@pytest.fixture(autouse=True)
def mail_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETSCAN_LINK_KEY", "test-key-cli")
    monkeypatch.setenv("NETSCAN_MAIL_FROM", SENDER)
    monkeypatch.setenv("NETSCAN_PUBLIC_URL", "https://scan.example.nl")
    monkeypatch.delenv("NETSCAN_SMTP_URL", raising=False)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def where(db_url: str) -> list[str]:
    return [
        "--workspace",
        "Adviesbureau",
        "--network",
        "Netwerk A",
        "--round",
        "2025 voorjaar",
        "--database",
        db_url,
    ]


def test_participants_add_list_invite_and_remind(
    store: Store,
    rnd: Any,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    people = tmp_path / "deelnemers.csv"
    people.write_bytes(
        "\ufeffnaam;e-mail;rol\nJan Jansen;jan@school.nl;schoolleider\nEls de Wit;els@school.nl;gemeente\n".encode()
    )
    code, out, err = run(["participants", "add", str(people), *where(db_url)], capsys)
    assert (code, err) == (0, "") and "2 deelnemers" in out
    code, out, err = run(["invite", *where(db_url)], capsys)
    assert code == 2 and "e-mail is niet ingesteld" in err and out == ""
    assert store.mail_waiting(rnd.id) == 0  # nothing queued when nothing can be sent
    with MailServer(tmp_path) as server:
        monkeypatch.setenv("NETSCAN_SMTP_URL", server.url())
        code, out, err = run(["invite", *where(db_url)], capsys)
        assert code == 2 and "uiterste invuldatum" in err
        code, out, err = run(
            ["invite", *where(db_url), "--dry-run", "--deadline", "2026-12-15", "--sender-name", "Marieke"],
            capsys,
        )
        assert code == 0 and "Jan Jansen <jan@school.nl>" in out and "niets verstuurd" in out
        assert server.delivered == []
        code, out, err = run(["invite", *where(db_url)], capsys)
        assert (code, err) == (0, "") and "Verstuurd: 2." in out
        code, out, err = run(["invite", *where(db_url)], capsys)
        assert code == 0 and "Verstuurd: 0." in out  # run twice: nothing new
        assert len(server.delivered) == 2
        code, out, err = run(["remind", *where(db_url)], capsys)
        assert code == 0 and "In de wachtrij: 0 herinneringen." in out  # the invitation is too recent
        body = server.to("jan@school.nl")[0].message.get_body(("plain",))
        assert body is not None
        link = next(w for w in body.get_content().split() if w.startswith("https://scan.example.nl/?t="))
        opened = store.open_response(link.split("?t=")[1])
        assert opened.round is not None and opened.round.id == rnd.id
    code, out, err = run(["participants", "list", *where(db_url)], capsys)
    assert code == 0
    assert (
        "Jan Jansen" in out
        and "verstuurd" in out
        and "2 deelnemers, 2 uitgenodigd, 0 ingediend: respons 0%." in out
    )
    code, out, err = run(["participants", "list", *where(db_url), "--lang", "en"], capsys)
    assert "sent" in out and "response 0%" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"naam;rol\nJan;leraar\n", "deelnemers.csv:1: [participants-missing-column]"),
        (
            b"naam;e-mail\nJan;jan@school\n",
            "deelnemers.csv:2: [participant-email] e-mail: 'jan@school' is geen geldig e-mailadres",
        ),
        (b"naam;e-mail\nJan;jan@school.nl\nJan B;JAN@school.nl\n", "deelnemers.csv:3: [participant-twice]"),
    ],
)
def test_a_bad_participants_file_exits_2_with_the_row(
    rnd: Any, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "deelnemers.csv"
    path.write_bytes(content)
    code, _out, err = run(["participants", "add", str(path), *where(db_url)], capsys)
    assert code == 2 and message in err and "Traceback" not in err


def test_an_unknown_round_or_missing_file_exits_2(
    rnd: Any, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        ["participants", "list", "--network", "Netwerk A", "--round", "2030", "--database", db_url], capsys
    )
    assert code == 2 and "2030" in err
    code, _, err = run(["participants", "add", str(tmp_path / "weg.csv"), *where(db_url)], capsys)
    assert code == 2 and "weg.csv" in err and "[file-unreadable]" in err


def test_a_refused_login_exits_2_and_sends_nothing(
    store: Store,
    rnd: Any,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store.set_mail_settings(rnd.id, deadline=dt.date(2026, 12, 15), sender_name="Marieke")
    store.add_participants(rnd.id, [NewParticipant("Jan", "jan@school.nl")])
    with MailServer(tmp_path, login=("scan", "geheim")) as server:
        monkeypatch.setenv("NETSCAN_SMTP_URL", server.url("scan", "fout"))
        code, _out, err = run(["invite", *where(db_url)], capsys)
        assert code == 2 and "[mail-server-unusable]" in err and "535" in err and "fout" not in err
        assert server.delivered == []
    assert store.mail_waiting(rnd.id) == 1


# ---- killed mid-batch ------------------------------------------------------------------------

N = 12


def _sender(db_url: str, smtp_url: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "NETSCAN_SMTP_URL": smtp_url,
        "NETSCAN_MAIL_LEASE": "2",
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "diagnose", "invite", *where(db_url)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _prepare(store: Store, rnd: Any) -> list[str]:
    store.set_mail_settings(rnd.id, deadline=dt.date(2026, 12, 15), sender_name="Marieke")
    addresses = [f"lid{i:02d}@school.nl" for i in range(N)]
    store.add_participants(rnd.id, [NewParticipant(f"Lid {i}", a) for i, a in enumerate(addresses)])
    return addresses


def _kill_at(server: MailServer, number: int, *, accepted: bool) -> threading.Event:
    """SIGKILL the sender while the server holds mail `number`: before it accepted it (the sender
    dies mid-send) or just after (the one window no SMTP client can close)."""
    done = threading.Event()
    handler = server.handler

    def on_data(got: Delivered) -> None:
        if len(handler.delivered) == number and not done.is_set():
            handler.process.send_signal(signal.SIGKILL)
            handler.process.wait()
            if not accepted:
                with handler.lock:
                    handler.delivered.pop()  # the server never accepted it: the sender was gone
            done.set()

    handler.on_data = on_data
    return done


def _restart_until_done(db_url: str, server: MailServer, store: Store, rnd: Any) -> None:
    time.sleep(2.5)  # the dead sender's claim runs out (NETSCAN_MAIL_LEASE=2)
    again = _sender(db_url, server.url())
    _out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err.decode()
    assert store.mail_waiting(rnd.id) == 0


def test_a_sender_killed_mid_batch_mails_everyone_exactly_once_after_a_restart(
    store: Store, rnd: Any, db_url: str, tmp_path: Path
) -> None:
    addresses = _prepare(store, rnd)
    with MailServer(tmp_path) as server:
        done = _kill_at(server, 5, accepted=False)
        first = _sender(db_url, server.url())
        server.handler.process = first
        assert done.wait(120), first.communicate()[1].decode()
        assert first.wait(10) == -signal.SIGKILL
        assert len(server.delivered) == 4 and store.mail_waiting(rnd.id) == N - 4
        server.handler.on_data = None
        _restart_until_done(db_url, server, store, rnd)
        counts = {a: len(server.to(a)) for a in addresses}
    assert counts == dict.fromkeys(addresses, 1)
    assert [p.status for p in store.list_participants(rnd.id)] == ["sent"] * N


def test_killed_after_the_server_accepted_the_mail_goes_again_with_the_same_message_id(
    store: Store, rnd: Any, db_url: str, tmp_path: Path
) -> None:
    """The documented window (diagnose/store/mail_queue.py): accepted by the server, not yet marked.
    That one participant gets the mail twice with one Message-ID; everyone else exactly once."""
    addresses = _prepare(store, rnd)
    with MailServer(tmp_path) as server:
        done = _kill_at(server, 5, accepted=True)
        first = _sender(db_url, server.url())
        server.handler.process = first
        assert done.wait(120), first.communicate()[1].decode()
        server.handler.on_data = None
        _restart_until_done(db_url, server, store, rnd)
        twice = [a for a in addresses if len(server.to(a)) == 2]
        assert [a for a in addresses if len(server.to(a)) not in (1, 2)] == []
        assert len(twice) == 1
        ids = {d.message["Message-ID"] for d in server.to(twice[0])}
    assert len(ids) == 1
