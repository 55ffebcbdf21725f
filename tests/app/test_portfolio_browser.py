"""The portfolio page in Debian Chromium on the demo's programme office (30 networks): the table,
a filter, a sort, a network opened, the filtered table downloaded as XLSX and read back.
Screenshots at 1366×900 and 390×844 (a phone) in test-output/app/portfolio/ to look at."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from diagnose.regions import REGIONS
from diagnose.store import Store
from diagnose.store.demo import DEMO_EMAIL, DEMO_PASSWORD, build_demo
from diagnose.store.demo_programme import PROGRAMME_NAME
from diagnose.store.portfolio_view import portfolio_rows
from tests.app.browser import (
    PHONE,
    AppServer,
    screenshot,
    settle,
    wait_text,
)
from tests.app.helpers import OUTPUT

pytestmark = pytest.mark.browser

SHOTS = OUTPUT / "portfolio"
LAPTOP = {"width": 1366, "height": 900}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppServer, Store]]:
    folder = tmp_path_factory.mktemp("portfolio")
    url = f"sqlite+pysqlite:///{folder / 'demo.sqlite'}"
    store = Store.open(url)
    store.ensure_schema()
    build_demo(store)
    with AppServer(url, SHOTS / "server.log") as server:
        yield server, store
    store.close()


def signed_in_programme(browser: Any, base: str, viewport: dict[str, int], phone: bool = False) -> Any:
    extra: dict[str, Any] = {"is_mobile": True, "has_touch": True, "device_scale_factor": 2} if phone else {}
    context = browser.new_context(
        viewport=viewport, locale="nl-NL", timezone_id="Europe/Amsterdam", accept_downloads=True, **extra
    )
    page = context.new_page()
    page.goto(base)
    wait_text(page, "Wachtwoord")
    page.get_by_label("E-mailadres").fill(DEMO_EMAIL)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    wait_text(page, "Ingelogd als")
    if phone:  # the sidebar is folded away on a phone
        page.locator(
            '[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"] button'
        ).first.click()
        settle(page)
    choose(
        page,
        page.locator('[data-testid="stSidebar"]').get_by_label("Werkruimte", exact=False).first,
        PROGRAMME_NAME,
    )
    wait_text(page, "aandacht vragen")
    if phone:  # fold the sidebar away again to see the page
        page.locator(
            '[data-testid="stSidebarCollapseButton"] button, [data-testid="stSidebarCollapseButton"]'
        ).first.click()
        settle(page)
    return page


def choose(page: Any, field: Any, option: str) -> None:
    field.click()
    field.press_sequentially(option[:6])  # long lists draw only what is in view: narrow it first
    try:
        page.get_by_role("option", name=option, exact=True).first.click(timeout=15_000)
    except Exception:
        screenshot(page, SHOTS / "choose-failed.png")
        raise
    settle(page)


def widget(page: Any, testid: str, label: str) -> Any:
    """The input of the Streamlit widget with this label."""
    return page.locator(f'[data-testid="{testid}"]').filter(has_text=label).locator("input").first


def main_text(page: Any) -> str:
    return str(page.locator('[data-testid="stMain"]').inner_text())


def grid_rows(page: Any) -> list[str]:
    """The table's rows as the grid's accessible cells give them (the first column: the name)."""
    return [
        str(t).strip()
        for t in page.locator(
            '[data-testid="stDataFrame"] [role="row"] [role="gridcell"]:first-child'
        ).all_inner_texts()
    ]


def test_the_programme_office_portfolio(demo: tuple[AppServer, Store], browser: Any) -> None:
    server, store = demo
    ws = store.workspace_by_name(PROGRAMME_NAME)
    assert ws is not None
    rows = portfolio_rows(store, ws.id)
    attention = [r for r in rows if r.needs_attention]
    codes = {x.code for r in attention for x in r.reasons}
    assert len(rows) == 30 and len(attention) >= 8
    assert codes == {"new_concern", "decline", "low_response", "no_recent_round", "overdue"}

    page = signed_in_programme(browser, server.url, LAPTOP)
    text = main_text(page)
    assert f"30 netwerken, waarvan {len(attention)} aandacht vragen" in text
    screenshot(page, SHOTS / "laptop-portfolio.png")
    names = grid_rows(page)  # the rows the grid has drawn (it draws what is in view)
    assert len(names) >= 10
    assert names == [r.name for r in rows][: len(names)]  # attention first, in the core's order
    assert names[: len(attention)] == [r.name for r in attention][: len(names)]

    # filter: one region; the table and the count follow
    region = next(r.region for r in rows if r.region)
    assert region is not None
    in_region = sorted(
        (r for r in rows if r.region == region),
        key=lambda r: (not r.needs_attention, -len(r.reasons), r.name.casefold()),
    )
    choose(page, widget(page, "stMultiSelect", "Regio"), REGIONS[region].nl)
    wait_text(page, f"{len(in_region)} van de 30 netwerken")
    assert grid_rows(page) == [r.name for r in in_region]
    # sort by name
    choose(page, widget(page, "stSelectbox", "Volgorde"), "Naam (A–Z)")
    by_name = sorted((r.name for r in in_region), key=str.casefold)
    assert grid_rows(page) == by_name
    screenshot(page, SHOTS / "laptop-portfolio-filtered.png")

    # download what the table shows, read it back: the same rows, the same columns, no ids
    with page.expect_download(timeout=60_000) as download_info:
        page.get_by_role("button", name="Tabel downloaden (Excel)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(f"{dt.date.today().isoformat()}.xlsx")
    target = SHOTS / "portfolio.xlsx"
    download.save_as(str(target))
    sheet = load_workbook(io.BytesIO(Path(target).read_bytes()), read_only=True).worksheets[0]
    table = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert list(table[0][:3]) == ["Netwerk", "Aandacht nodig", "Laatste meting"]
    assert [row[0] for row in table[1:]] == by_name
    assert all(isinstance(row[6], str) for row in table[1:] if row[6] is not None)  # the headline, words

    # open a network from the table
    choose(
        page, widget(page.locator('[data-testid="stMain"]'), "stSelectbox", "Kies een netwerk"), by_name[0]
    )
    page.get_by_role("button", name="Netwerk openen").click()
    page.get_by_role("heading", name="Kenmerken van het netwerk").first.wait_for(timeout=30_000)
    settle(page)
    assert by_name[0] in main_text(page)
    assert REGIONS[region].nl in main_text(page)  # the region is part of the profile shown

    phone = signed_in_programme(browser, server.url, PHONE, phone=True)
    screenshot(phone, SHOTS / "phone-portfolio.png")
    drawn = grid_rows(phone)
    assert len(drawn) >= 5 and drawn == [r.name for r in rows][: len(drawn)]
    assert f"30 netwerken, waarvan {len(attention)} aandacht vragen" in main_text(phone)
