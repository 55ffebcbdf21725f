"""The real thing under attack and under a stalled database (issue 19), Debian Chromium against
a server these tests start: a SQLite file write-locked by another process for longer than the busy
timeout while a respondent answers; a login cookie the page's JavaScript cannot read, and a
sign-out that ends the session in another tab and for a copied cookie; a bookmarked /overzicht.

Every answer given during the lock stays on the page with a calm message, and once the lock is
gone the page saves them by itself (its retry timer), without a click: the database then holds
every answer. Screenshots: test-output/app/stall-*.png.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from typing import Any

import pytest

from diagnose.store import Store
from netscan_app.answers import pages
from tests.app.browser import PHONE, AppServer, settle, wait_text
from tests.app.helpers import OUTPUT, PASSWORD, synthetic_answers

# `browser` is test_browser's module-scoped fixture (Chromium, or why it cannot start)
from tests.app.test_browser import answer, shot

pytestmark = pytest.mark.browser

BUSY_TIMEOUT_MS = 1500
LOCKED_FOR = 6.0  # seconds: four times the busy timeout
NOT_SAVED = "nog niet bewaard; we proberen het opnieuw"
EMAIL = "coordinator@school.nl"


@pytest.fixture(scope="module")
def stalled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppServer, Store, str]]:
    folder = tmp_path_factory.mktemp("stall")
    path = folder / "netwerkscan.sqlite"
    url = f"sqlite+pysqlite:///{path}"
    store = Store.open(url)
    store.ensure_schema()
    workspace = store.create_workspace("Regio Noord")
    store.add_user(EMAIL, PASSWORD, "Marieke de Vries", workspace_id=workspace.id, role="admin")
    network = store.create_network(workspace.id, "Netwerk Techniek Oost")
    rnd = store.create_round(network.id, "2026 najaar")
    token = store.create_invitations(rnd.id, 1)[0].token
    env = {"NETSCAN_SQLITE_BUSY_TIMEOUT_MS": str(BUSY_TIMEOUT_MS)}
    with AppServer(url, OUTPUT / "server-stall.log", extra_env=env) as app_server:
        yield app_server, store, token
    store.close()


def test_answers_given_while_the_database_is_locked_are_all_stored_after(
    stalled: tuple[AppServer, Store, str],
    browser: Any,
) -> None:
    chromium = browser
    app_server, store, token = stalled
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{app_server.url}/?t={token}")
    wait_text(page, "Beginnen")
    opened = store.open_response(token)
    assert opened.response is not None
    response_id = opened.response.id
    rnd = store.get_round(opened.response.round_id)
    q = store.bundle.questionnaire(rnd.questionnaire_id, rnd.questionnaire_version)
    wanted = synthetic_answers(q, 1, seed=5)[0]
    index, shown = next(
        (n, p) for n, p in enumerate(pages(q, {})) if sum(i.type == "scale" for i in p.items) >= 3
    )
    items = [i for i in shown.items if i.type == "scale" and i.id in wanted][:4]
    page.goto(f"{app_server.url}/?t={token}&p={index}")  # the page with scale questions
    wait_text(page, f"Deel {index + 1} van")

    first, during = items[0], items[1:]
    answer(page, q, first, wanted[first.id])
    settle(page)
    assert store.answers(response_id) == {first.id: wanted[first.id]}

    locker = sqlite3.connect(app_server.database_url.split("///", 1)[1], isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    locked_at = time.monotonic()
    try:
        for item in during:
            answer(page, q, item, wanted[item.id])
            settle(page, timeout=BUSY_TIMEOUT_MS / 1000 * 4 + 30)
        wait_text(page, NOT_SAVED)
        shot(page, "stall-1-answers-kept-while-locked")
        assert store.answers(response_id) == {first.id: wanted[first.id]}, "nothing got through the lock"
        time.sleep(max(0.0, LOCKED_FOR - (time.monotonic() - locked_at)))
    finally:
        locker.execute("ROLLBACK")
        locker.close()

    expected = {i.id: wanted[i.id] for i in items}
    deadline = time.monotonic() + 30  # the page's timer tries again every few seconds, no click
    while time.monotonic() < deadline and store.answers(response_id) != expected:
        time.sleep(0.2)
    assert store.answers(response_id) == expected, "every answer given during the lock is stored"
    page.get_by_text(NOT_SAVED).first.wait_for(state="hidden", timeout=15_000)
    settle(page)
    shot(page, "stall-2-all-saved-after-release")
    context.close()


def test_a_bookmarked_overview_opens_when_signed_in(
    stalled: tuple[AppServer, Store, str],
    browser: Any,
) -> None:
    """/overzicht is the overview's address signed out and signed in alike (it said "Page not
    found" when the overview, as the default page, lived at "/" only)."""
    chromium = browser
    app_server, _store, _token = stalled
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{app_server.url}/overzicht")
    wait_text(page, "Wachtwoord")
    page.get_by_label("E-mailadres").fill(EMAIL)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    wait_text(page, "Ingelogd als Marieke de Vries")
    for path in ("/overzicht", "/", "/resultaten"):
        page.goto(f"{app_server.url}{path}")
        wait_text(page, "Ingelogd als Marieke de Vries")
        time.sleep(0.5)
        settle(page)
        assert page.get_by_text("Page not found").count() == 0, path
    page.goto(f"{app_server.url}/overzicht")
    wait_text(page, "Ingelogd als Marieke de Vries")
    assert page.url.endswith("/overzicht")
    context.close()


def _sign_in(page: Any, base: str) -> None:
    page.goto(base)
    wait_text(page, "Wachtwoord")
    page.get_by_label("E-mailadres").fill(EMAIL)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    wait_text(page, "Ingelogd als Marieke de Vries")


def test_the_login_cookie_is_httponly_and_sign_out_ends_every_copy(
    stalled: tuple[AppServer, Store, str],
    browser: Any,
) -> None:
    chromium = browser
    app_server, _store, _token = stalled
    base = app_server.url
    first = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="nl-NL")
    tab = first.new_page()
    _sign_in(tab, base)
    cookie = next(c for c in first.cookies() if c["name"] == "netscan_login")
    assert cookie["httpOnly"] is True and cookie["sameSite"] == "Strict"
    assert "netscan_login" not in tab.evaluate("() => document.cookie"), "the page's scripts cannot read it"

    other_tab = first.new_page()  # another tab of the same browser
    other_tab.goto(f"{base}/resultaten")
    wait_text(other_tab, "Ingelogd als Marieke de Vries")
    copied = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="nl-NL")
    copied.add_cookies([{k: cookie[k] for k in ("name", "value", "domain", "path", "httpOnly", "sameSite")}])
    thief = copied.new_page()  # the cookie copied to another machine
    thief.goto(f"{base}/overzicht")
    wait_text(thief, "Ingelogd als Marieke de Vries")

    tab.get_by_role("button", name="Uitloggen").click()
    wait_text(tab, "Wachtwoord")
    deadline = time.monotonic() + 10
    while any(c["name"] == "netscan_login" for c in first.cookies()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(c["name"] == "netscan_login" for c in first.cookies()), "the server deleted the cookie"

    other_tab.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Overzicht").click()  # next click
    wait_text(other_tab, "Wachtwoord")
    assert other_tab.get_by_text("Ingelogd als").count() == 0
    thief.reload()
    wait_text(thief, "Wachtwoord")
    assert thief.get_by_text("Ingelogd als").count() == 0
    shot(thief, "session-ended-copied-cookie")
    first.close()
    copied.close()
