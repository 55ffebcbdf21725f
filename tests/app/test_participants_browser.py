"""Participants and e-mail in the real browser, with a real SMTP server: the coordinator pastes two
participants, writes the sender's name and the deadline, sends; the invitation arrives; a
participant opens the link FROM THE DELIVERED MAIL in a second browser (a phone), answers every
question and submits; the coordinator's page shows the status change to submitted. Screenshots of
the participants page, desktop and phone, go to test-output/app/."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Any

import pytest

from diagnose.store import Store
from netscan_app.answers import pages
from tests.app.browser import PHONE, AppServer, screenshot, settle, wait_text
from tests.app.helpers import OUTPUT, PASSWORD, synthetic_answers
from tests.app.test_browser import answer_section
from tests.mailserver import MailServer

pytestmark = pytest.mark.browser

EMAIL = "coordinator@po-zuid.nl"
SENDER = "netwerkscan@po-zuid.nl"
KEY = "browser-test-link-key"


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppServer, Store, MailServer, Any]]:
    folder = tmp_path_factory.mktemp("participants")
    url = f"sqlite+pysqlite:///{folder / 'netwerkscan.sqlite'}"
    before = os.environ.get("NETSCAN_LINK_KEY")
    os.environ["NETSCAN_LINK_KEY"] = KEY  # the test's store makes the same links as the app
    store = Store.open(url)
    store.ensure_schema()
    workspace = store.create_workspace("Samenwerkingsverband PO Zuid")
    store.add_user(EMAIL, PASSWORD, "Marieke de Vries", workspace_id=workspace.id, role="admin")
    network = store.create_network(workspace.id, "Samenwerkingsverband PO Zuid", {})
    rnd = store.create_round(network.id, "2026 najaar")
    with MailServer(folder) as mail:
        env = {"NETSCAN_SMTP_URL": mail.url(), "NETSCAN_MAIL_FROM": SENDER, "NETSCAN_LINK_KEY": KEY}
        with AppServer(url, OUTPUT / "server-participants.log", extra_env=env) as app_server:
            yield app_server, store, mail, rnd
    store.close()
    if before is None:
        os.environ.pop("NETSCAN_LINK_KEY", None)
    else:
        os.environ["NETSCAN_LINK_KEY"] = before


def wait_for(check: Any, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError("not in time")


def test_invite_by_mail_answer_from_the_mail_and_see_submitted(
    setup: tuple[AppServer, Store, MailServer, Any], browser: Any
) -> None:
    app_server, store, mail, rnd = setup
    base = app_server.url
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, locale="nl-NL", timezone_id="Europe/Amsterdam"
    )
    page = context.new_page()
    page.goto(base)
    wait_text(page, "Wachtwoord")
    page.get_by_label("E-mailadres").fill(EMAIL)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    wait_text(page, "Ingelogd als Marieke de Vries")

    page.goto(f"{base}/deelnemers?netwerk={rnd.network_id}&meting={rnd.id}")
    wait_text(page, "Deelnemers van 2026 najaar")
    wait_text(page, "E-mail gaat via smtp://")

    # a bad paste adds nobody and names the row
    page.get_by_role("textbox", name="Plak de lijst").fill("Jan Jansen; jan@school\n")
    page.locator(".st-key-add_pasted button").click()
    wait_text(page, "regel 1: 'jan@school' is geen geldig e-mailadres")
    assert store.list_participants(rnd.id) == []

    page.get_by_role("textbox", name="Plak de lijst").fill(
        "Jan Jansen; jan.jansen@bs-debron.nl; schoolleider\nFatima el Amrani; f.elamrani@kbs-sterrenwacht.nl; leraar\n"
    )
    page.locator(".st-key-add_pasted button").click()
    wait_text(page, "2 deelnemers toegevoegd.")
    assert [p.name for p in store.list_participants(rnd.id)] == ["Jan Jansen", "Fatima el Amrani"]

    # sending needs a deadline and a sender: the page says so and sends nothing
    page.get_by_role("button", name="Uitnodigingen versturen").click()
    wait_text(page, "de ronde heeft nog geen uiterste invuldatum")
    assert store.mail_waiting(rnd.id) == 0

    day = page.locator(".st-key-mail_deadline").get_by_role("spinbutton", name="day, Uiterste invuldatum")
    day.click()
    page.keyboard.type("15122026", delay=40)  # day, month, year: each part moves on to the next
    page.keyboard.press("Tab")
    page.get_by_label("Afzender (naam onder de mail)").fill("Marieke de Vries")
    page.get_by_role("textbox", name="Antwoorden naar (e-mailadres)").fill("m.devries@po-zuid.nl")
    page.locator(".st-key-save_mail_settings button").click()
    wait_text(page, "Opgeslagen.")
    settings = store.mail_settings(rnd.id)
    assert (settings.deadline.isoformat() if settings.deadline else None, settings.sender_name) == (
        "2026-12-15",
        "Marieke de Vries",
    )

    page.get_by_text("Voorbeeld").click()
    wait_text(page, "Zo ziet Jan Jansen het bericht:")
    settle(page)
    preview = page.locator(".st-key-mail_preview").inner_text()
    assert "Beste Jan Jansen," in preview and "15 december 2026" in preview

    page.get_by_role("button", name="Uitnodigingen versturen").click()
    wait_text(page, "2 mails staan klaar en worden nu verstuurd.")
    wait_for(lambda: len(mail.delivered) == 2)
    (delivered,) = mail.to("f.elamrani@kbs-sterrenwacht.nl")
    assert (
        delivered.message["Subject"] == "Uitnodiging: netwerkscan Samenwerkingsverband PO Zuid (2026 najaar)"
    )
    assert delivered.message["Reply-To"] == "Marieke de Vries <m.devries@po-zuid.nl>"
    body = delivered.message.get_body(("plain",))
    assert body is not None
    link = next(word for word in body.get_content().split() if "/?t=" in word)
    assert link.startswith(base + "/?t=")
    page.locator(".st-key-refresh_status button").click()
    wait_text(page, "Respons: 0 van 2 uitgenodigden (0%)")
    assert [p.status for p in store.list_participants(rnd.id)] == ["sent", "sent"]
    settle(page)
    screenshot(page, OUTPUT / "50-participants-sent.png")

    # the participant opens the link from the mail on a phone, answers everything, submits
    phone = browser.new_context(
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
    )
    mobile = phone.new_page()
    mobile.goto(link)
    wait_text(mobile, "Beginnen")
    wait_text(mobile, "Vul de vragenlijst graag in vóór")  # the round's deadline, as in the mail
    assert "15 december 2026" in mobile.locator("body").inner_text()
    screenshot(mobile, OUTPUT / "53-phone-welcome-deadline.png")
    mobile.get_by_role("button", name="Beginnen").click()
    wait_text(mobile, "Deel 1 van")
    opened = store.open_response(link.split("?t=")[1])
    assert opened.response is not None
    q = store.bundle.questionnaire(rnd.questionnaire_id, rnd.questionnaire_version)
    answers = synthetic_answers(q, 1, seed=31)[0]
    shown = pages(q, answers)  # the pages this respondent's role is asked (never the coordinator's)
    for index in range(len(shown)):
        answer_section(mobile, store, opened.response.id, q, index, answers)
        mobile.get_by_role(
            "button", name="Naar controleren" if index == len(shown) - 1 else "Volgende"
        ).click()
        settle(mobile)
    wait_text(mobile, "Alle verplichte vragen zijn beantwoord.")
    mobile.get_by_role("button", name="Insturen").click()
    wait_text(mobile, "Dank je wel!")
    phone.close()

    page.locator(".st-key-refresh_status button").click()
    wait_text(page, "Respons: 1 van 2 uitgenodigden (50%)")
    assert [p.status for p in store.list_participants(rnd.id)] == ["sent", "submitted"]
    settle(page)
    screenshot(page, OUTPUT / "51-participants-submitted.png")
    page.set_viewport_size(PHONE)
    settle(page)
    screenshot(page, OUTPUT / "52-participants-phone.png")
    context.close()
