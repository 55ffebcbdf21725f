"""The dashboard as a coordinator sees it, in Debian Chromium, on the demo data: every results tab
at 1366×900 and at 390×844 (a phone), screenshots kept in test-output/app/dashboard/ to look at.

What each check guards (issue 12, "a dashboard that looks finished"): chart titles and legends
never overlap and no value label is cut, in the page as drawn; on a phone the characteristics are
bars (the radar is hidden) and Plotly's toolbar is gone; no English in the Dutch page ("Verbinden
(connecting)", Streamlit's "Select all"); no doubled kind in a title; "Door de tijd" on a first round
says there is nothing to compare yet; a decline shows a falling icon; the round page does not call
made links "sent"; the import page offers a template that imports back after filling in, and its
messages name no command-line flag.
"""

from __future__ import annotations

import csv
import io
import random
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from diagnose.responses import ROLE_CONSTRUCT
from diagnose.store import Store
from diagnose.store.demo import DEMO_EMAIL, DEMO_PASSWORD, build_demo
from diagnose.store.types import NetworkInfo, RoundInfo
from diagnose.synthetic import RoundSpec, generate_round
from tests.app.browser import (
    PHONE,
    AppServer,
    charts_drawn,
    screenshot,
    settle,
    wait_text,
)
from tests.app.helpers import OUTPUT

pytestmark = pytest.mark.browser

SHOTS = OUTPUT / "dashboard"
LAPTOP = {"width": 1366, "height": 900}
TABS = ("Samenvatting", "Scores", "Verschillen", "Door de tijd", "Alle bevindingen", "Open antwoorden")
ENGLISH = ("(connecting)", "(consulting)", "(catalysing)", "(coaching)", "Select all", "Verstuurde links")

# Every visible Plotly chart: do its title and legend overlap, and is any value or tick label cut?
GEOMETRY = """
() => {
  const bad = [];
  const box = (el) => el ? el.getBoundingClientRect() : null;
  const meet = (a, b) => a && b && Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5
                         && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    if (plot.offsetParent === null) continue;  // hidden (the phone's or the desktop's twin)
    const svg = box(plot.querySelector('.main-svg'));
    const title = box(plot.querySelector('.g-gtitle .gtitle'));
    const legend = box(plot.querySelector('.legend .bg'));
    const name = plot.querySelector('.gtitle') ? plot.querySelector('.gtitle').textContent : '?';
    if (meet(title, legend)) bad.push(name + ': title and legend overlap');
    for (const t of plot.querySelectorAll('.textpoint text, .bartext, .ytick text, .angularaxistick text')) {
      const r = box(t);
      if (r.width === 0) continue;
      if (r.left < svg.left - 0.5 || r.right > svg.right + 0.5 || r.top < svg.top - 0.5 || r.bottom > svg.bottom + 0.5)
        bad.push(name + ': label cut: ' + t.textContent);
    }
  }
  return bad;
}
"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppServer, Store]]:
    folder = tmp_path_factory.mktemp("dashboard")
    url = f"sqlite+pysqlite:///{folder / 'demo.sqlite'}"
    store = Store.open(url)
    store.ensure_schema()
    build_demo(store)
    with AppServer(url, SHOTS / "server.log") as server:
        yield server, store
    store.close()


def network(store: Store, starts: str) -> tuple[NetworkInfo, list[RoundInfo]]:
    workspace = store.list_workspaces()[0]
    found = next(n for n in store.list_networks(workspace.id) if n.name.startswith(starts))
    return found, store.list_rounds(found.id)


def signed_in(browser: Any, base: str, viewport: dict[str, int], phone: bool = False) -> Any:
    extra: dict[str, Any] = {"is_mobile": True, "has_touch": True, "device_scale_factor": 2} if phone else {}
    context = browser.new_context(viewport=viewport, locale="nl-NL", timezone_id="Europe/Amsterdam", **extra)
    page = context.new_page()
    page.goto(base)
    wait_text(page, "Wachtwoord")
    page.get_by_label("E-mailadres").fill(DEMO_EMAIL)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    wait_text(page, "Ingelogd als")
    return page


def results(page: Any, base: str, net: NetworkInfo, rnd: RoundInfo) -> None:
    page.goto(f"{base}/resultaten?netwerk={net.id}&meting={rnd.id}")
    wait_text(page, "De drie belangrijkste bevindingen")


def open_tab(page: Any, name: str, charts: int = 0) -> None:
    page.get_by_role("tab", name=name, exact=True).click()
    settle(page)
    deadline = time.monotonic() + 20
    while charts_drawn(page) < charts and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)  # Plotly's responsive redraw after the tab is shown


def page_text(page: Any) -> str:
    return str(page.locator('[data-testid="stMain"]').inner_text())


def walk(page: Any, tag: str) -> dict[str, str]:
    """Every results tab: screenshot, geometry checked, its text returned."""
    texts = {}
    for index, tab in enumerate(TABS):
        open_tab(page, tab, charts=1 if tab in ("Samenvatting", "Scores", "Verschillen") else 0)
        screenshot(page, SHOTS / f"{tag}-{index}-{tab.replace(' ', '_').lower()}.png")
        assert page.evaluate(GEOMETRY) == [], (tag, tab)
        texts[tab] = page_text(page)
        for word in ENGLISH:
            assert word not in texts[tab], (tag, tab, word)
    return texts


def test_every_tab_on_a_laptop(demo: tuple[AppServer, Store], browser: Any) -> None:
    server, store = demo
    page = signed_in(browser, server.url, LAPTOP)
    net, rounds = network(store, "Lerend netwerk Rivierenland")
    results(page, server.url, net, rounds[1])  # the second round: with a previous round
    texts = walk(page, "laptop-second-round")
    open_tab(page, "Samenvatting", charts=1)
    assert (
        "Verbinden" in texts["Samenvatting"]
        or "Coachen" in texts["Samenvatting"]
        or "onbekend" in texts["Samenvatting"]
    )
    assert page.locator(".st-key-chart_radar .js-plotly-plot").is_visible()
    assert not page.locator(".st-key-chart_radar_phone .js-plotly-plot").is_visible()
    for line in texts["Verschillen"].splitlines():  # never "Verschil van inzicht: X · Verschil van inzicht"
        assert not (line.startswith("Verschil van inzicht") and line.endswith("· Verschil van inzicht")), line

    results(page, server.url, net, rounds[0])  # the first round
    open_tab(page, "Door de tijd")
    screenshot(page, SHOTS / "laptop-first-round-door_de_tijd.png")
    assert "nog niets om mee te vergelijken" in page_text(page)
    assert "Er zijn nog geen eerdere metingen" not in page_text(page)  # the old empty frame's text


def test_a_decline_has_a_falling_icon(demo: tuple[AppServer, Store], browser: Any) -> None:
    """A decline that is a card of its own (one that belongs to a concern of the same construct is
    folded into that concern's card): the first demo round that has one is looked at."""
    server, store = demo
    page = signed_in(browser, server.url, LAPTOP)
    workspace = store.list_workspaces()[0]
    candidates = [(n, r) for n in store.list_networks(workspace.id) for r in store.list_rounds(n.id)[1:]]
    for net, rnd in candidates:
        results(page, server.url, net, rnd)
        open_tab(page, "Alle bevindingen")
        declines = page.locator('[data-testid="stExpander"] summary').filter(has_text="Achteruitgang")
        if declines.count():
            break
    else:
        raise AssertionError("no demo round shows a decline as a card of its own")
    screenshot(page, SHOTS / "laptop-decline-all-findings.png")
    for index in range(declines.count()):
        text = declines.nth(index).inner_text()
        assert "trending_down" in text and "trending_up" not in text, text
    ups = page.locator('[data-testid="stExpander"] summary').filter(has_text="Vooruitgang")
    for index in range(ups.count()):
        assert "trending_up" in ups.nth(index).inner_text()


def test_every_tab_on_a_phone(demo: tuple[AppServer, Store], browser: Any) -> None:
    server, store = demo
    page = signed_in(browser, server.url, PHONE, phone=True)
    net, rounds = network(store, "Regionale aanpak lerarentekort")
    results(page, server.url, net, rounds[1])
    walk(page, "phone")
    open_tab(page, "Samenvatting", charts=1)
    assert page.locator(".st-key-chart_radar_phone .js-plotly-plot").is_visible()
    assert not page.locator(".st-key-chart_radar .js-plotly-plot").is_visible()
    page.locator(".st-key-chart_radar_phone .js-plotly-plot").hover()
    time.sleep(0.3)
    assert (
        page.locator(".modebar-container").evaluate_all(
            "els => els.filter(e => e.offsetParent !== null).length"
        )
        == 0
    )


def test_no_select_all_and_links_are_made_not_sent(demo: tuple[AppServer, Store], browser: Any) -> None:
    server, store = demo
    page = signed_in(browser, server.url, LAPTOP)
    net, rounds = network(store, "Lerend netwerk Rivierenland")
    page.goto(f"{server.url}/meting?netwerk={net.id}&meting={rounds[-1].id}")
    wait_text(page, "Gemaakte links")
    assert "Verstuurde links" not in page_text(page)
    page.goto(f"{server.url}/netwerk?netwerk={net.id}")
    wait_text(page, "Naam en kenmerken wijzigen")
    page.get_by_text("Naam en kenmerken wijzigen").click()
    settle(page)
    field = page.locator('[data-testid="stMultiSelect"] input').locator("visible=true").first
    field.scroll_into_view_if_needed()
    field.click()
    try:
        page.locator('[role="option"]').first.wait_for(timeout=10_000)
    finally:
        screenshot(page, SHOTS / "laptop-profile-multiselect.png")
    options = page.locator('[role="option"]').all_inner_texts()
    assert options and not any("select" in o.casefold() for o in options), options


def fill_template(template: bytes, store: Store, rows: int) -> bytes:
    q = store.bundle.questionnaire("netwerkscan")
    lines = list(csv.reader(io.StringIO(template.decode("utf-8-sig"))))
    header = lines[0]
    generated = generate_round(q, RoundSpec(label="x", respondents=rows), random.Random(3))
    role = q.fact_item(ROLE_CONSTRUCT)
    assert role is not None
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows(lines[:2])  # the header and the row of explanations, kept
    for index, response in enumerate(generated.responses):
        answers = {**response.answers, role.id: ("schoolleider", "bestuurder", "leraar")[index % 3]}
        cells = {"respondent": f"R{index + 1}", **answers}
        writer.writerow(["; ".join(v) if isinstance(v := cells.get(c, ""), list) else v for c in header])
    return out.getvalue().encode("utf-8")


def test_import_page_template_round_trip_and_no_flags(
    demo: tuple[AppServer, Store], browser: Any, tmp_path: Path
) -> None:
    server, store = demo
    page = signed_in(browser, server.url, LAPTOP)
    page.goto(f"{server.url}/gegevens")
    wait_text(page, "Sjabloon om in te vullen")
    screenshot(page, SHOTS / "laptop-import-page.png")
    with page.expect_download() as info:
        page.get_by_role("button", name="Sjabloon (CSV)").click()
    template = tmp_path / "sjabloon.csv"
    info.value.save_as(str(template))
    assert info.value.suggested_filename.endswith(".csv")

    # without a network or a round name the app says what to do, in its own words
    filled = tmp_path / "ingevuld.csv"
    filled.write_bytes(fill_template(template.read_bytes(), store, 3))
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(filled))
    settle(page)
    page.get_by_role("button", name="Controleren en importeren").click()
    wait_text(page, "Er is niets geïmporteerd")
    screenshot(page, SHOTS / "laptop-import-no-target.png")
    message = page_text(page)
    assert "--" not in message and "netscan" not in message.casefold()

    page.get_by_role("textbox", name="Naam van het nieuwe netwerk").fill("Netwerk uit het sjabloon")
    page.get_by_role("textbox", name="Naam van de meting").fill("2026 sjabloon")
    page.get_by_role("button", name="Controleren en importeren").click()
    wait_text(page, "Geïmporteerd.")
    screenshot(page, SHOTS / "laptop-import-done.png")
    workspace = store.list_workspaces()[0]
    names = [n.name for n in store.list_networks(workspace.id)]
    assert "Netwerk uit het sjabloon" in names


def test_every_chart_has_its_text_and_its_table(demo: tuple[AppServer, Store], browser: Any) -> None:
    """Issue 17: under every chart what it shows for this round (diagnose.charts.describe), and
    the table of its values one click away, a real table with header cells."""
    from diagnose import charts, load_bundle
    from diagnose.charts.describe import describe
    from diagnose.store.round_view import round_view

    server, store = demo
    page = signed_in(browser, server.url, LAPTOP)
    net, rounds = network(store, "Lerend netwerk Rivierenland")
    results(page, server.url, net, rounds[1])
    seen = 0
    for tab in ("Samenvatting", "Scores", "Verschillen", "Door de tijd"):
        open_tab(page, tab, charts=1)
        for box in page.locator('[class*="st-key-chart_"]').all():
            if not box.locator(".js-plotly-plot").is_visible():
                continue  # the phone's twin of the radar
            seen += 1
            caption = box.locator('[data-testid="stCaptionContainer"]')
            assert caption.count() == 1 and re.search(r"\d,\d", caption.inner_text()), tab  # a number, Dutch
            assert (
                box.locator('[data-testid="stExpander"] summary')
                .filter(has_text="Tabel bij deze grafiek")
                .count()
                == 1
            )
    assert seen >= 8, seen  # radar; four bars; spread and roles; trend and comparison

    # the pitfalls: the words and the table are those of the chart drawn for this round
    view = round_view(store, rounds[1].id)
    assert view is not None
    expected = describe(charts.pitfall_bars(view.diagnosis, load_bundle(), "nl"), "nl")
    assert expected.table is not None
    open_tab(page, "Scores", charts=1)
    box = page.locator(".st-key-chart_pitfalls")
    assert box.locator('[data-testid="stCaptionContainer"]').inner_text().strip() == expected.summary
    box.locator('[data-testid="stExpander"] summary').click()
    settle(page)
    table = box.locator("table")
    screenshot(page, SHOTS / "laptop-chart-table.png")
    assert table.locator("th").all_inner_texts()[: len(expected.table.columns)] == list(
        expected.table.columns
    )
    rows = [
        [cell.strip() for cell in row.locator("td").all_inner_texts()]
        for row in table.locator("tbody tr").all()
    ]
    assert rows == [list(row) for row in expected.table.rows]


# --- benchmark (b15): the scores tab's "Vergelijking met andere netwerken", on this module's server


def _benchmark_peers(store: Store, count: int) -> list[int]:
    """`count` networks of another workspace, each with a round of three group answers."""
    from diagnose.bundle import load_bundle
    from tests.store.conftest import full_answers, role_values

    q = load_bundle().questionnaire("netwerkscan")
    ws = store.workspace_by_name("Programmabureau") or store.create_workspace("Programmabureau")
    made = []
    for i in range(count):
        net = store.create_network(ws.id, f"Netwerk {len(made) + i}-{random.random():.6f}")
        rnd = store.create_round(net.id, "2026")
        rng = random.Random(i)
        for j in range(3):
            answers = full_answers(q, rng, role=rng.choice(role_values(q)))
            store.add_group_response(rnd.id, answers, respondent=f"g{j}")
        store.diagnose_round(rnd.id)
        made.append(net.id)
    return made


def test_the_benchmark_section_on_the_scores_tab(demo: tuple[AppServer, Store], browser: Any) -> None:
    server, store = demo
    net, rounds = network(store, "Lerend netwerk Rivierenland")
    page = signed_in(browser, server.url, LAPTOP)
    results(page, server.url, net, rounds[-1])
    open_tab(page, "Scores", charts=1)
    section = page.locator(".st-key-benchmark_section")
    assert "Vergelijking met andere netwerken" in section.inner_text()
    assert "standaard uit" in section.inner_text()
    page.get_by_role("button", name="Laat dit netwerk meedoen").click()
    wait_text(page, "te weinig andere netwerken")
    assert store.benchmark_taking_part(net.id)
    peers = _benchmark_peers(store, 5)
    for peer in peers[:4]:
        store.set_benchmark_taking_part(peer, True)
    page.reload()
    open_tab(page, "Scores", charts=1)
    wait_text(page, "te weinig andere netwerken")  # four others: nothing, and no count
    assert "hoger dan" not in section.inner_text() and "4" not in section.inner_text()
    store.set_benchmark_taking_part(peers[4], True)
    page.reload()
    open_tab(page, "Scores", charts=2)
    wait_text(page, "Vergeleken met 5 andere netwerken")
    section.scroll_into_view_if_needed()
    assert section.locator(".js-plotly-plot").count() == 1
    page.get_by_text("Vergelijking als tabel").click()
    wait_text(page, "hoger dan")
    screenshot(page, SHOTS / "laptop-benchmark.png")
    section.screenshot(path=str(SHOTS / "laptop-benchmark-section.png"))
    assert page.evaluate(GEOMETRY) == []
    phone = signed_in(browser, server.url, PHONE, phone=True)
    results(phone, server.url, net, rounds[-1])
    open_tab(phone, "Scores", charts=2)
    phone.locator(".st-key-benchmark_section").scroll_into_view_if_needed()
    phone.locator(".st-key-benchmark_section").screenshot(path=str(SHOTS / "phone-benchmark-section.png"))
    assert phone.evaluate(GEOMETRY) == []
    page.get_by_role("button", name="Stop met meedoen").click()
    wait_text(page, "Laat dit netwerk meedoen")
    assert not store.benchmark_taking_part(net.id)
