"""AppTest: the app when the database stalls, sign-in under guessing, and the smaller holes of
issue 19 (an expired link in an open page, a paste beyond a text's limit)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import update

from diagnose.store import Store, models
from netscan_app import pending
from netscan_app.answers import pages, widget_key
from netscan_app.main import PAGES
from tests.app.helpers import PASSWORD, World, app, no_exceptions, respondent, texts

NOT_SAVED = "Je antwoord is nog niet bewaard; we proberen het opnieuw"


@contextmanager
def write_locked(url: str) -> Iterator[None]:
    """Another process's writer holding SQLite's write lock (BEGIN IMMEDIATE) until released."""
    path = url.split("///", 1)[1]
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")
        conn.close()


def test_an_answer_given_while_the_database_is_locked_is_kept_and_saved_after(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETSCAN_SQLITE_BUSY_TIMEOUT_MS", "300")
    monkeypatch.setattr(pending, "RETRY_SECONDS", 0.0)
    at = respondent(world.tokens[0]).run()
    at.button(key="form_start").click().run()
    opened = world.store.open_response(world.tokens[0])
    assert opened.response is not None
    with write_locked(world.url):
        at.radio(key=widget_key("profiel_rol")).set_value("teacher").run()
        no_exceptions(at)
        assert NOT_SAVED in texts(at)
        assert at.radio(key=widget_key("profiel_rol")).value == "teacher", "the answer stays on the page"
        assert world.store.answers(opened.response.id) == {}
        at.run()  # another click while still locked: still kept, still said
        assert NOT_SAVED in texts(at)
    at.run()  # the next interaction after the lock is gone saves it
    no_exceptions(at)
    assert world.store.answers(opened.response.id) == {"profiel_rol": "teacher"}
    assert NOT_SAVED not in texts(at)
    assert "Antwoord bewaard" in texts(at)


def test_a_paste_longer_than_the_limit_keeps_what_fits_and_says_so(world: World) -> None:
    q = world.q
    text = next(i for i in q.items() if i.type == "text" and i.max_length)
    index = next(n for n, page in enumerate(pages(q, {})) if text in page.items)
    at = respondent(world.tokens[0])
    at.query_params["p"] = str(index)
    at.run()
    limit = int(text.max_length or 0)
    pasted = ("Een lange toelichting. " * 200)[: limit + 500]
    at.text_area(key=widget_key(text.id)).input(pasted).run()
    no_exceptions(at)
    opened = world.store.open_response(world.tokens[0])
    assert opened.response is not None
    assert world.store.answers(opened.response.id)[text.id] == pasted[:limit].strip()
    assert at.text_area(key=widget_key(text.id)).value == pasted[:limit]
    assert f"langer dan {limit} tekens" in texts(at)


def test_a_link_that_expires_while_its_page_is_open_stops_saving(world: World) -> None:
    at = respondent(world.tokens[0]).run()
    at.button(key="form_start").click().run()
    past = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=1)
    with world.store.db.write() as s:
        s.execute(update(models.Invitation).values(expires_at=past))
    at.radio(key=widget_key("profiel_rol")).set_value("teacher").run()
    at.run()
    no_exceptions(at)
    assert "Deze link is verlopen" in texts(at)
    opened = world.store.open_response(world.tokens[0])
    assert opened.status == "expired"
    with world.store.db.read() as s:
        assert s.query(models.Answer).count() == 0


def test_coordinator_pages_say_what_is_wrong_with_the_database(
    store: tuple[Store, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from netscan_app.resources import get_store

    monkeypatch.setenv("DATABASE_URL", "postgresql://netscan@127.0.0.1:1/netwerkscan")
    get_store.clear()
    at = app().run()
    no_exceptions(at)
    assert "De database is even niet beschikbaar" in texts(at)
    assert "De databaseserver is niet bereikbaar" in texts(at)
    assert "db_retry" in [b.key for b in at.button]


def test_a_read_only_data_folder_is_named_not_a_traceback(
    tmp_path: Path, store: tuple[Store, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from netscan_app.resources import get_store

    blocker = tmp_path / "niet-een-map"
    blocker.write_text("een bestand waar de gegevensmap had moeten staan")
    monkeypatch.setenv("DATABASE_URL", f"sqlite+pysqlite:///{blocker / 'data' / 'netwerkscan.sqlite'}")
    get_store.clear()
    at = app().run()
    no_exceptions(at)
    assert "alleen-lezen" in texts(at)
    respondent_at = respondent("een-token").run()
    no_exceptions(respondent_at)
    assert "Wat je al hebt ingevuld, blijft bewaard" in texts(respondent_at)


def _sign_in(at: object, email: str, password: str) -> None:
    at.text_input(key="sign_in_email").input(email)  # type: ignore[attr-defined]
    at.text_input(key="sign_in_password").input(password)  # type: ignore[attr-defined]
    at.button[0].click().run()  # type: ignore[attr-defined]


def test_guessing_meets_a_polite_wait_and_the_right_password_waits_too(world: World) -> None:
    at = app().run()
    for _ in range(3):
        _sign_in(at, world.user.email, "fout wachtwoord")
        assert "horen niet bij elkaar" in texts(at)
    _sign_in(at, world.user.email, PASSWORD)
    no_exceptions(at)
    assert "Wacht 1 seconden" in texts(at) or "Wacht 2 seconden" in texts(at), texts(at)
    assert "auth_user" not in at.session_state


def test_signing_out_elsewhere_ends_this_session_at_its_next_click(world: World) -> None:
    token = world.store.create_login_token(world.user.id)
    at = app(world, signed_in=True)
    at.session_state["auth_token"] = token
    at.run()
    no_exceptions(at)
    assert world.network.name in texts(at)
    world.store.revoke_login_token(token)  # sign-out in another tab, or of a copied cookie
    at.run()
    no_exceptions(at)
    assert world.network.name not in texts(at)
    assert "Je bent uitgelogd" in texts(at)
    at.switch_page(PAGES["results"].path).run()
    assert "Wachtwoord" in texts(at) or "Inloggen" in texts(at)


@pytest.mark.parametrize(
    ("asked", "sent_to"),
    [
        ("/resultaten?meting=3", "/resultaten?meting=3"),
        ("//evil.example/", "/"),
        ("https://evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("", "/"),
        (None, "/"),
    ],
)
def test_the_cookie_route_sends_the_browser_only_within_the_app(asked: str | None, sent_to: str) -> None:
    from netscan_app.session_routes import safe_next

    assert safe_next(asked) == sent_to


def test_the_cookie_is_secure_over_https_and_behind_a_trusted_proxy_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from netscan_app.session_routes import is_https

    forwarded = {"x-forwarded-proto": "https"}
    assert is_https("https", {}) and not is_https("http", {})
    monkeypatch.delenv("NETSCAN_TRUST_PROXY", raising=False)
    assert not is_https("http", forwarded), "a header anyone can send is not trusted by default"
    monkeypatch.setenv("NETSCAN_TRUST_PROXY", "1")
    assert is_https("http", forwarded)
