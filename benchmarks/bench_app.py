"""Benchmark the app in a real browser (Debian Chromium via Playwright) against a real server.

    .venv/bin/python benchmarks/bench_app.py [--runs 20] [--json test-output/app/bench.json]

Measured on this machine, on the demo data (four networks, three rounds each):
- page:    the respondent clicks "Volgende" → the next questionnaire page is drawn and ready
           (its first answer widget visible, the script run finished);
- save:    the respondent clicks an answer → the answer is committed in the database
           (the store polled every few ms; the click's own round trip is included);
- results: the coordinator clicks "Resultaten" in the sidebar → the dashboard is ready with every
           chart of its first tab drawn (Plotly's SVG present); "scores tab" adds the switch to the
           tab with four bar charts;
- first results page after a cold server start: a new server process is started and a signed-in
           coordinator (login cookie kept from an earlier session) opens a round's results page as
           soon as the server answers; measured from the start of the process to the first tab's
           charts drawn, over --cold-starts new processes. The same-run baseline is the server's
           own start: the time until it answers /_stcore/health;
- first summary PDF after a cold start: in the same session, once the page is drawn and the
           report's warm-up has had a few seconds, the click on the summary download until the file
           is in the browser.
Targets (issue 5): page ≤ 1.0 s, save ≤ 150 ms, results ≤ 1.5 s (median and p95 reported);
(issue 16) first results page ≤ 3 s after the server starts, on a quiet machine.
Every figure is also recorded for `benchmarks/table.py` (benchmarks/figures.py).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from diagnose.store import Store  # noqa: E402
from diagnose.store.demo import DEMO_EMAIL, DEMO_PASSWORD, build_demo  # noqa: E402
from diagnose.synthetic import RoundSpec, generate_round  # noqa: E402
from netscan_app.answers import pages  # noqa: E402
from tests.app.browser import DESKTOP, PHONE, AppServer, charts_drawn, free_port, launch_chromium, settle  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from figures import Figure, figure, record  # noqa: E402

TARGETS = {"page": 1.0, "save": 0.150, "results": 1.5, "first results": 3.0}
FIRST_ITEM = ".st-key-form_items [data-testid='stElementContainer']"


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(math.ceil(0.95 * len(ordered)) - 1, 0)]


def until(check: Callable[[], bool], timeout: float = 30.0, step: float = 0.005) -> None:
    deadline = time.perf_counter() + timeout
    while not check():
        if time.perf_counter() > deadline:
            raise TimeoutError("condition not met")
        time.sleep(step)


def ready(page: Any) -> bool:
    return bool(
        page.evaluate(
            """() => document.querySelector('[data-testid="stApp"]')?.dataset.testScriptState === 'notRunning'
                 && !document.querySelector('[data-stale="true"]')"""
        )
    )


def prepare(store: Store) -> tuple[str, int, list[str]]:
    """The demo data, plus one respondent in the first network's open round with most answers given."""
    import random

    build_demo(store)
    workspace = store.list_workspaces()[0]
    network = store.list_networks(workspace.id)[0]
    rnd = store.list_rounds(network.id)[-1]
    q = store.bundle.questionnaire(rnd.questionnaire_id, rnd.questionnaire_version)
    token = store.create_invitations(rnd.id, 1)[0].token
    opened = store.open_response(token)
    assert opened.response is not None
    answers = generate_round(q, RoundSpec(label="b", respondents=1, roles={"teacher": 1}), random.Random(1))
    for item_id, value in answers.responses[0].answers.items():
        store.save_answer(opened.response.id, item_id, value)
    asked = pages(q, answers.responses[0].answers)  # the pages this respondent sees; p=2 is the third
    scale_items = [i.id for i in asked[2].items if i.type == "scale"]
    return token, opened.response.id, scale_items


def bench_respondent(
    browser: Any, base: str, token: str, response_id: int, store: Store, runs: int, scale_items: list[str]
) -> dict[str, list[float]]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{base}/?t={token}&p=2")
    page.get_by_text("Deel 3 van").first.wait_for()
    settle(page)
    results: dict[str, list[float]] = {"page": [], "save": []}
    # answer saved: alternate two answers on the items of this page
    labels = ("Oneens", "Eens")
    for run in range(runs + 2):
        item = scale_items[run % len(scale_items)]
        label = labels[run % 2]
        value = 2 if label == "Oneens" else 4
        if store.answers(response_id).get(item) == value:
            label, value = labels[(run + 1) % 2], (4 if value == 2 else 2)
        button = page.locator(f".st-key-q__{item}").get_by_role("radio", name=label, exact=True)
        button.wait_for()
        start = time.perf_counter()
        button.evaluate("el => el.click()")  # the click itself, without Playwright's actionability waits
        until(lambda item=item, value=value: store.answers(response_id).get(item) == value)
        elapsed = time.perf_counter() - start
        if run >= 2:
            results["save"].append(elapsed)
        settle(page)
    # next page ready: forward and back through the questionnaire
    for run in range(runs + 2):
        forward = run % 2 == 0
        name = "Volgende" if forward else "Vorige"
        expected = "Deel 4 van" if forward else "Deel 3 van"
        button = page.get_by_role("button", name=name)
        button.wait_for()
        start = time.perf_counter()
        button.evaluate("el => el.click()")
        until(
            lambda expected=expected: (
                page.get_by_text(expected).count() > 0
                and ready(page)
                and page.locator(FIRST_ITEM).first.is_visible()
            )
        )
        elapsed = time.perf_counter() - start
        if run >= 2:
            results["page"].append(elapsed)
    context.close()
    return results


def bench_results(browser: Any, base: str, runs: int) -> dict[str, list[float]]:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(base)
    page.get_by_label("E-mailadres").fill(DEMO_EMAIL)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_text("Ingelogd als").first.wait_for()
    settle(page)
    page.get_by_role("button", name="Resultaten").first.click()  # selects the first network's latest round
    page.get_by_text("De drie belangrijkste bevindingen").first.wait_for(timeout=60_000)
    settle(page)
    results: dict[str, list[float]] = {"results": [], "scores tab": []}
    for run in range(runs + 2):
        page.get_by_role("link", name="Overzicht").click()
        page.get_by_text("netwerken in deze werkruimte").first.wait_for()
        settle(page)
        link = page.get_by_role("link", name="Resultaten")
        link.wait_for()
        start = time.perf_counter()
        link.evaluate("el => el.click()")
        until(
            lambda: (
                page.get_by_text("De drie belangrijkste bevindingen").count() > 0
                and ready(page)
                and charts_drawn(page) >= 1
            )
        )
        elapsed = time.perf_counter() - start
        tab_button = page.get_by_role("tab", name="Scores")
        tab_button.wait_for()
        start = time.perf_counter()
        tab_button.evaluate("el => el.click()")
        until(
            lambda: (
                ready(page)
                and charts_drawn(page) >= 4
                and page.get_by_text("De drie belangrijkste bevindingen").count() == 0
            )
        )
        tab = time.perf_counter() - start
        if run >= 2:
            results["results"].append(elapsed)
            results["scores tab"].append(tab)
        page.get_by_role("tab", name="Samenvatting").click()
        settle(page)
    context.close()
    return results


def results_page(page: Any) -> bool:
    """The results page's first tab is drawn: its heading, the script run finished, a chart's SVG."""
    return (
        page.get_by_text("De drie belangrijkste bevindingen").count() > 0
        and ready(page)
        and charts_drawn(page) >= 1
    )


def signed_in(browser: Any, url: str, log: Path) -> tuple[dict[str, Any], str]:
    """A coordinator's login cookie and the address of a round's results page (from a first server)."""
    with AppServer(url, log) as server:
        context = browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        page.goto(server.url)
        page.get_by_label("E-mailadres").fill(DEMO_EMAIL)
        page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        page.get_by_text("Ingelogd als").first.wait_for(timeout=60_000)
        settle(page)
        page.get_by_role("button", name="Resultaten").first.click()
        until(lambda: results_page(page), timeout=120)
        state: dict[str, Any] = context.storage_state()
        address = page.url.removeprefix(server.url)
        context.close()
    return state, address


def answers_health(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=1) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def bench_cold(browser: Any, url: str, folder: Path, starts: int) -> dict[str, list[float]]:
    """First results page (and first summary PDF) after a cold server start, `starts` times."""
    state, address = signed_in(browser, url, folder / "server-login.log")
    results: dict[str, list[float]] = {"server health": [], "first results": [], "first pdf": []}
    # the coordinator's own browser: one profile on one address, so Streamlit's scripts come from
    # its cache after the first start (as they would for someone who used the app before)
    port = free_port()
    context = browser.new_context(viewport=DESKTOP, storage_state=state)
    page = context.new_page()
    for run in range(starts + 1):  # the first start fills the browser's cache and is not counted
        server = AppServer(url, folder / f"server-cold-{run}.log")
        server.port, server.url = port, f"http://localhost:{port}"
        page.goto("about:blank")
        start = time.perf_counter()
        starting = threading.Thread(target=server.__enter__)  # starts the process, polls every 0.2 s
        starting.start()
        until(lambda server=server: answers_health(server.url), timeout=120, step=0.02)
        health = time.perf_counter() - start
        page.goto(server.url + address)
        until(lambda page=page: results_page(page), timeout=120, step=0.02)
        drawn = time.perf_counter() - start
        starting.join()
        try:
            settle(page)
            time.sleep(5)  # someone reads the page before asking for the report
            button = page.get_by_role("button", name="Adviessamenvatting (PDF)")
            button.wait_for()
            with page.expect_download(timeout=120_000) as download:
                clicked = time.perf_counter()
                button.evaluate("el => el.click()")
            download.value.path()
            pdf = time.perf_counter() - clicked
        finally:
            server.__exit__(None, None, None)
        print(f"cold start {run}: health {health:.2f} s, results drawn {drawn:.2f} s, PDF {pdf:.2f} s")
        if run == 0:
            continue
        results["server health"].append(health)
        results["first results"].append(drawn)
        results["first pdf"].append(pdf)
    context.close()
    return results


def figures_of(measured: dict[str, list[float]]) -> list[Figure]:
    names = {
        "page": ("next questionnaire page ready (phone)", "≤ 1.0 s"),
        "save": ("answer saved in the database", "≤ 0.15 s"),
        "results": ("results page from the sidebar, charts drawn", "≤ 1.5 s"),
        "scores tab": ("scores tab, four charts drawn", None),
        "first pdf": ("first summary PDF after a cold server start (click to file)", "≤ 3 s"),
    }
    out = [
        figure(name, measured[key], target=target) for key, (name, target) in names.items() if key in measured
    ]
    if "first results" in measured:
        out.insert(
            0,
            figure(
                "first results page after a cold server start (charts drawn)",
                measured["first results"],
                baseline="server answers /_stcore/health",
                baseline_values=measured["server health"],
                target="≤ 3 s quiet machine",
            ),
        )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    quick = bool(os.environ.get("BENCH_QUICK"))  # make bench-quick
    parser.add_argument(
        "--runs", type=int, default=5 if quick else 20, help="clicks per warm measure (0: none)"
    )
    parser.add_argument(
        "--cold-starts", type=int, default=3 if quick else 5, help="new server processes (0: none)"
    )
    parser.add_argument("--json", type=Path, default=ROOT / "test-output" / "app" / "bench.json")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+pysqlite:///{Path(folder) / 'netwerkscan.sqlite'}"
        store = Store.open(url)
        store.ensure_schema()
        token, response_id, scale_items = prepare(store)
        measured: dict[str, list[float]] = {}
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            if args.runs:
                with AppServer(url, Path(folder) / "server.log") as server:
                    measured.update(
                        bench_respondent(
                            browser, server.url, token, response_id, store, args.runs, scale_items
                        )
                    )
                    measured.update(bench_results(browser, server.url, args.runs))
            if args.cold_starts:  # one server at a time: the warm one above has stopped
                measured.update(bench_cold(browser, url, Path(folder), args.cold_starts))
            browser.close()
        store.close()
    record("bench_app", figures_of(measured))
    rows = []
    ok = True
    for name, values in measured.items():
        if name == "server health":
            continue
        median, high = statistics.median(values), p95(values)
        target = TARGETS.get(name)
        passed = target is None or (median <= target and high <= target)
        ok = ok and passed
        rows.append(
            {
                "measure": name,
                "runs": len(values),
                "median_ms": round(median * 1000),
                "p95_ms": round(high * 1000),
                "target_ms": round(target * 1000) if target else None,
                "met": passed,
            }
        )
    print(f"{'measure':<12} {'runs':>4} {'median':>9} {'p95':>9} {'target':>9}  met")
    for row in rows:
        target = f"{row['target_ms']} ms" if row["target_ms"] else "–"
        print(
            f"{row['measure']:<12} {row['runs']:>4} {row['median_ms']:>6} ms {row['p95_ms']:>6} ms "
            f"{target:>9}  {'yes' if row['met'] else 'NO'}"
        )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"rows": rows, "raw_s": measured}, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
