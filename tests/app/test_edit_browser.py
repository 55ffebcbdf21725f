"""The consultant's edit in the real browser: a signed-in coordinator chooses the top three, leaves a
finding out with a reason, comments on another, writes an opening note, sets the cover (an SVG with
a script is refused, a PNG kept), sees "Aangepast door" on the results page with the computed order
one switch away, and downloads the summary, which holds the edit. Screenshots of the edit page on
desktop and phone go to test-output/app/."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from diagnose import cards as grouping
from diagnose.store import Store
from diagnose.store.round_view import round_view
from netscan_app import edit_form
from tests.app.browser import PHONE, AppServer, screenshot, settle, wait_text
from tests.app.helpers import OUTPUT, PASSWORD
from tests.report.helpers import pdf_text
from tests.store.test_edits import SVG, png

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
EMAIL = "adviseur@bureau.nl"
NOTE = "Besproken met de stuurgroep op 2 december; de punten hieronder zijn onze keuze."
COMMENT = "Dit zagen we ook in de gesprekken met de schoolleiders."
REASON = "Het bestuur is dit najaar vervangen."


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppServer, Store, int, int]]:
    folder = tmp_path_factory.mktemp("edit")
    url = f"sqlite+pysqlite:///{folder / 'netwerkscan.sqlite'}"
    store = Store.open(url)
    store.ensure_schema()
    workspace = store.create_workspace("Adviesbureau Noord")
    store.add_user(EMAIL, PASSWORD, "Jan de Vries", workspace_id=workspace.id, role="admin")
    result = store.import_bytes(
        (ROOT / "examples" / "den_bosch_jaar2.json").read_bytes(),
        "den_bosch_jaar2.json",
        workspace_id=workspace.id,
    )
    with AppServer(url, OUTPUT / "server-edit.log") as app_server:
        yield app_server, store, max(result.round_ids), workspace.id
    store.close()


def sign_in(page: Any, base: str) -> None:
    page.goto(base)
    wait_text(page, "Wachtwoord")
    page.get_by_label("E-mailadres").fill(EMAIL)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    wait_text(page, "Ingelogd als Jan de Vries")


def wait_for(check: Any, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError("the store did not change in time")


def choose(page: Any, rid: int, place: int, title: str) -> None:
    box = page.locator(f".st-key-edit_place_{rid}_{place}").get_by_role("combobox")
    box.click()
    box.fill(title[:40])
    page.get_by_role("option", name=title, exact=True).click()


def test_a_consultant_adapts_the_report_and_the_summary_download_holds_it(
    served: tuple[AppServer, Store, int, int], browser: Any
) -> None:
    app_server, store, rid, ws = served
    rnd = store.get_round(rid)
    base = app_server.url
    view = round_view(store, rid)
    assert view is not None and view.edit is not None
    rows = [r for r in edit_form.start(view.edit, store.bundle).rows if not r.card.is_strength]
    assert len(rows) >= 4
    titles = {r.key: r.card.lead.title.nl for r in rows}
    left_out, commented = rows[0], rows[1]
    chosen = [rows[3].key, rows[1].key, rows[2].key]  # not the order the scan computes

    page = browser.new_page(viewport={"width": 1366, "height": 900})
    sign_in(page, base)
    page.goto(f"{base}/aanpassen?netwerk={rnd.network_id}&meting={rid}")
    wait_text(page, "Nog niet aangepast")
    for place, key in enumerate(chosen, 1):
        choose(page, rid, place, titles[key])
    page.locator(f".st-key-edit_note_{rid} textarea").fill(NOTE)
    page.locator("summary").filter(has_text=titles[left_out.key]).first.click()  # open its expander
    page.locator(f".st-key-edit_hide_{rid}_{left_out.key}").get_by_text("Weglaten uit het rapport").click()
    page.locator(f".st-key-edit_reason_{rid}_{left_out.key} input").fill(REASON)
    page.locator("summary").filter(has_text=titles[commented.key]).first.click()
    page.locator(f".st-key-edit_comment_{rid}_{commented.key} textarea").fill(COMMENT)
    page.get_by_role("button", name="Aanpassing opslaan").click()
    wait_text(page, "De aanpassing is opgeslagen (versie 1)")
    wait_for(lambda: store.round_edit(rid).version == 1)
    saved = store.round_edit(rid)
    assert saved.by == "Jan de Vries"
    assert saved.edit.summary == tuple(chosen)
    assert set(saved.edit.hidden) == set(left_out.card.rules) and set(saved.edit.hidden.values()) == {REASON}
    assert saved.edit.comments == {commented.key: COMMENT}
    assert saved.edit.opening_note == NOTE

    # the cover: an SVG with a script is refused with what to do, nothing stored; a PNG is kept
    uploader = page.locator(".st-key-edit_logo_file input[type=file]")
    hostile = SVG.replace(b"</svg>", b"<script>alert(1)</script></svg>")
    uploader.set_input_files(files=[{"name": "logo.svg", "mimeType": "image/svg+xml", "buffer": hostile}])
    settle(page)
    page.get_by_role("button", name="Voorblad opslaan").click()
    wait_text(page, "het SVG-logo bevat een <script>-element")
    assert store.branding(ws).logo is None
    page.locator(".st-key-edit_branding_organisation input").fill("Adviesbureau Noord")
    uploader.set_input_files(files=[{"name": "logo.png", "mimeType": "image/png", "buffer": png(240, 80)}])
    settle(page)
    page.get_by_role("button", name="Voorblad opslaan").click()
    wait_text(page, "Het voorblad is opgeslagen.")
    wait_for(lambda: store.branding(ws).logo == png(240, 80))
    assert store.branding(ws).organisation == "Adviesbureau Noord"
    wait_text(page, "Aangepast door Jan de Vries")
    screenshot(page, OUTPUT / "50-edit-page.png")

    phone = browser.new_page(viewport=PHONE)
    sign_in(phone, base)
    phone.goto(f"{base}/aanpassen?netwerk={rnd.network_id}&meting={rid}")
    wait_text(phone, "Aangepast door Jan de Vries")
    screenshot(phone, OUTPUT / "51-edit-page-phone.png")

    # the results page: marked, the chosen top, the comment; the computed order one switch away
    page.goto(f"{base}/resultaten?netwerk={rnd.network_id}&meting={rid}")
    wait_text(page, "Aangepast door Jan de Vries")
    top = page.locator(".st-key-top_1").inner_text()
    assert titles[chosen[0]] in top
    wait_text(page, COMMENT)
    screenshot(page, OUTPUT / "52-results-edited.png")
    page.locator(".st-key-results_show_computed").get_by_text("Berekende volgorde tonen").click()
    wait_text(page, "Je ziet de berekende volgorde")
    computed = grouping.summary_cards(view.computed, store.bundle)
    assert computed[0].lead.title.nl in page.locator(".st-key-top_1").inner_text()
    page.locator(".st-key-results_show_computed").get_by_text("Berekende volgorde tonen").click()
    wait_text(page, COMMENT)

    # all findings: what was left out is listed with the reason, not among the findings
    page.get_by_role("tab", name="Alle bevindingen").click()
    wait_text(page, "Weggelaten bij het aanpassen")
    assert REASON in page.locator(".st-key-edit_omitted").inner_text()
    page.get_by_role("tab", name="Samenvatting").click()
    wait_text(page, COMMENT)

    # the summary download holds the edit
    with page.expect_download(timeout=180_000) as download_info:
        page.get_by_role("button", name="Adviessamenvatting (PDF)").click()
    target = OUTPUT / "advice-summary-edited.pdf"
    download_info.value.save_as(str(target))
    text = pdf_text(target.read_bytes())
    assert "Aangepast door Jan de Vries" in text
    assert NOTE in text and COMMENT in text
    assert "Adviesbureau Noord" in text
    assert text.index(titles[chosen[0]]) < text.index(titles[chosen[1]])

    # and the summary in Word, for the consultant who reworks it there
    page.get_by_role("button", name="Andere vormen").click()
    with page.expect_download(timeout=180_000) as word_info:
        page.get_by_role("button", name="Samenvatting in Word").click()
    word = OUTPUT / "advice-summary-edited.docx"
    word_info.value.save_as(str(word))
    doc = Document(str(word))
    paragraphs = "\n".join(p.text for p in doc.paragraphs)
    assert "Aangepast door Jan de Vries" in paragraphs and NOTE in paragraphs and COMMENT in paragraphs
