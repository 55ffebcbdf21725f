"""WCAG 2.1 AA in the real browser (issue 17): axe-core over the respondent flow, sign-in, the
results tabs and the report's edit page at 1366×900 and 390×844; a questionnaire completed with the
keyboard only; reflow at 320 CSS px and with text at 200 %; the document's language follows the
switch. Screenshots of focus states and of the reflowed pages go to test-output/app/accessibility/
(look at them); every violation found (also the allowed ones) to axe.json there, by page and rule.
"""

from __future__ import annotations

import itertools
import json
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest

from diagnose.questionnaire import DONT_KNOW, NOT_APPLICABLE, Item, Questionnaire
from diagnose.store import Store
from diagnose.store.types import NetworkInfo, RoundInfo
from netscan_app.answers import pages
from tests.app import axe
from tests.app.browser import (
    PHONE,
    AppServer,
    screenshot,
    settle,
    wait_text,
)
from tests.app.helpers import OUTPUT, PASSWORD, submit_responses, synthetic_answers

pytestmark = pytest.mark.browser

SHOTS = OUTPUT / "accessibility"
DESKTOP = {"width": 1366, "height": 900}
NARROW = {"width": 320, "height": 720}
ZOOMED = {"width": 683, "height": 450}
EMAIL = "toegankelijk@school.nl"
TABS = (
    "Samenvatting",
    "Scores",
    "Verschillen",
    "Door de tijd",
    "Afspraken",
    "Alle bevindingen",
    "Open antwoorden",
)
FOUND: list[axe.Violation] = []  # every scan of this module, for axe.json


@pytest.fixture(scope="module")
def world(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[AppServer, Store, NetworkInfo, RoundInfo]]:
    folder = tmp_path_factory.mktemp("accessibility")
    url = f"sqlite+pysqlite:///{folder / 'netwerkscan.sqlite'}"
    store = Store.open(url)
    store.ensure_schema()
    workspace = store.create_workspace("Regio Oost — netwerkadvies")
    store.add_user(EMAIL, PASSWORD, "Sanne Jansen", workspace_id=workspace.id, role="admin")
    net = store.create_network(workspace.id, "Lerend netwerk Zorg en Welzijn", {"size": 12})
    rnd = store.create_round(net.id, "2026 najaar", results_visible_to_respondents=True)
    q = store.bundle.questionnaire(rnd.questionnaire_id, rnd.questionnaire_version)
    submit_responses(store, rnd.id, synthetic_answers(q, 6, seed=17))
    with AppServer(url, SHOTS / "server.log") as app_server:
        yield app_server, store, net, rnd
    store.close()
    SHOTS.mkdir(parents=True, exist_ok=True)
    table: dict[str, dict[str, int]] = {}
    for v in FOUND:
        table.setdefault(v.where, {}).setdefault(v.rule + (" (allowed)" if v.allowed_by else ""), 0)
        table[v.where][v.rule + (" (allowed)" if v.allowed_by else "")] += 1
    (SHOTS / "axe.json").write_text(
        json.dumps(
            {"by_page": table, "violations": [v.__dict__ for v in FOUND]}, ensure_ascii=False, indent=1
        ),
        encoding="utf-8",
    )


def context(browser: Any, viewport: dict[str, int]) -> Any:
    phone = viewport["width"] < 500
    extra: dict[str, Any] = {"is_mobile": True, "has_touch": True, "device_scale_factor": 2} if phone else {}
    return browser.new_context(viewport=viewport, locale="nl-NL", timezone_id="Europe/Amsterdam", **extra)


# The page's headings as a screen reader lists them (hidden tab panels left out).
HEADINGS = """() => [...document.querySelectorAll('[data-testid="stMain"] :is(h1, h2, h3, h4, h5, h6)')]
  .filter(h => !h.closest('[hidden]') && h.getClientRects().length > 0)
  .map(h => [Number(h.tagName[1]), h.textContent.trim().slice(0, 50)])"""


def check(page: Any, where: str, problems: list[axe.Violation]) -> None:
    """axe over the page as it is now; what is ours is collected in ``problems``. The headings
    start at h1 and never skip a level going down (1.3.1; axe counts this a best practice only)."""
    settle(page)
    size = "phone" if page.viewport_size["width"] < 500 else "desktop"
    found = axe.scan_all(page, f"{size}: {where}")
    FOUND.extend(found)
    problems.extend(v for v in found if v.allowed_by is None)
    headings = page.evaluate(HEADINGS)
    deadline = time.monotonic() + 5
    while not headings and time.monotonic() < deadline:  # a rerun can be redrawing the page
        time.sleep(0.1)
        headings = page.evaluate(HEADINGS)
    assert headings and headings[0][0] == 1, (where, "the page does not start with an h1", headings)
    for (before, _), (level, text) in itertools.pairwise(headings):
        assert level <= before + 1, (where, f"h{before} is followed by h{level} {text!r}", headings)


def invitation(store: Store, rnd: RoundInfo, base: str) -> tuple[str, int]:
    token = store.create_invitations(rnd.id, 1)[0].token
    opened = store.open_response(token)
    assert opened.response is not None
    return f"{base}/?t={token}", opened.response.id


def questionnaire(store: Store, rnd: RoundInfo) -> Questionnaire:
    return store.bundle.questionnaire(rnd.questionnaire_id, rnd.questionnaire_version)


# --- keyboard only ------------------------------------------------------------------------------

# The focused element: what it is, where it sits in the page, and the ring drawn for it (on the label
# of a visually hidden radio or check box input, where the ring is drawn).
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const box = el.closest('[class*="st-key-"]');
  const keys = box ? [...box.classList].filter(c => c.startsWith('st-key-')) : [];
  const hidden = el.tagName === 'INPUT' && ['radio', 'checkbox'].includes(el.type);
  const ringed = hidden ? el.closest('label') : el;
  const style = getComputedStyle(ringed);
  const main = document.querySelector('[data-testid="stMain"]');
  // where the previously focused control stands now, in the same layout as this one: a rerun that
  // removes a warning above both shifts them together, and only their order is compared
  const prev = document.querySelector('[data-kb-focus]');
  const prevTop = prev ? prev.getBoundingClientRect().top + (main ? main.scrollTop : 0) : null;
  if (prev) prev.removeAttribute('data-kb-focus');
  el.setAttribute('data-kb-focus', '');
  return {prevTop: prevTop, tag: el.tagName, role: el.getAttribute('role') || '', name: (el.getAttribute('aria-label') ||
          el.innerText || el.value || '').trim().slice(0, 120), type: el.getAttribute('type') || '',
          key: keys.join(' '), checked: el.getAttribute('aria-checked') || String(el.checked),
          inMain: !!(main && main.contains(el)),
          top: el.getBoundingClientRect().top + (main ? main.scrollTop : 0),
          ring: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth),
          ringColor: style.outlineColor};
}"""
CONTROLS = ("BUTTON", "INPUT", "TEXTAREA", "A")
RING = "rgb(27, 94, 140)"  # #1B5E8C: 6.9:1 on white


class Keyboard:
    """A person with a keyboard only: Tab, arrows, Space, Enter and typing; never a click. Checks on
    the way that every control reached shows the focus ring and that focus moves down the page."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.last_top: float | None = None
        self.shots: set[str] = set()

    def tab_to(self, wanted: Any, what: str, limit: int = 120) -> dict[str, Any]:
        seen = []
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            focused = self.page.evaluate(FOCUSED)
            self.follow(focused)
            if focused is not None and wanted(focused):
                return dict(focused)
            seen.append(focused)
        raise AssertionError(f"Tab never reached {what}; focus went: {seen[-12:]}")

    def follow(self, focused: dict[str, Any] | None) -> None:
        """Visible focus (2.4.7) and a tab order that follows the reading order (2.4.3)."""
        if focused is None or not focused["inMain"]:
            self.last_top = None  # past the end of the page, round to the top again
            return
        if focused["tag"] in CONTROLS:
            assert focused["ring"] >= 2 and focused["ringColor"] == RING, ("no visible focus", focused)
        if self.last_top is not None and focused["prevTop"] is not None:
            # against the previous control where it stands now (the page may have shifted since);
            # a previous control that a rerun replaced has no position left to compare with
            assert focused["top"] >= focused["prevTop"] - 4, ("focus moved up the page", focused)
        self.last_top = focused["top"]

    def in_group(self, focused: dict[str, Any]) -> None:
        """Arrow keys inside a radio group (one tab stop): the focus ring still shows, but the order
        is the group's own and the page may have shifted under it (a rerun that removed a warning),
        so where it stands becomes the new reference instead of being compared with the last."""
        assert focused["ring"] >= 2 and focused["ringColor"] == RING, ("no visible focus", focused)
        self.last_top = focused["top"] if focused["inMain"] else None

    def page_changed(self) -> None:
        self.last_top = None

    def shot(self, name: str) -> None:
        """The focus state as seen (once per kind of control), kept to look at."""
        if name not in self.shots:
            self.shots.add(name)
            SHOTS.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(SHOTS / f"focus-{name}.png"))


def in_item(item: Item, extra: str = "") -> Any:
    key = f"st-key-q__{item.id}{extra}"
    return lambda f: any(k == key for k in f["key"].split())


def scale_label(q: Questionnaire, item: Item, value: Any) -> str:
    scale = q.scales[item.scale or ""]
    if value == DONT_KNOW:
        assert scale.dont_know is not None
        return scale.dont_know.nl
    if value == NOT_APPLICABLE:
        assert scale.not_applicable is not None
        return scale.not_applicable.nl
    return next(p.label.nl for p in scale.points if p.value == value)


def key_answer(kb: Keyboard, q: Questionnaire, item: Item, value: Any) -> None:
    """Answer one question with the keyboard only: Tab to it, then Space, arrows or typing."""
    page = kb.page
    if item.type == "scale":
        label = scale_label(q, item, value)
        focused = kb.tab_to(in_item(item), f"{item.id}: the answer chips")  # one tab stop: a radio group
        for _ in range(len(q.scales[item.scale or ""].points) + 2):
            if focused["name"] == label:
                break
            page.keyboard.press("ArrowRight")
            focused = page.evaluate(FOCUSED)
        assert focused["name"] == label, (item.id, focused)
        kb.in_group(focused)
        kb.shot("scale-answer")
        if focused["checked"] != "true":
            page.keyboard.press("Space")
    elif item.type == "single":
        labels = [o.value for o in item.options or []]
        kb.tab_to(lambda f: in_item(item)(f) and f["type"] == "radio", f"{item.id}: radio group")
        kb.shot("radio-option")
        for _ in range(labels.index(value)):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
    elif item.type == "number":
        kb.tab_to(lambda f: in_item(item)(f) and f["tag"] == "INPUT", f"{item.id}: number")
        kb.shot("number")
        page.keyboard.type(str(value))
        page.keyboard.press("Enter")
    elif item.type == "text":
        kb.tab_to(lambda f: in_item(item)(f) and f["tag"] == "TEXTAREA", f"{item.id}: text")
        kb.shot("text")
        page.keyboard.type(str(value))
        page.keyboard.press("Tab")  # leaving the field saves it
        page.keyboard.press("Shift+Tab")
    else:
        for option in value:
            kb.tab_to(in_item(item, f"__{option}"), f"{item.id}: {option}")
            kb.shot("check-box")
            page.keyboard.press("Space")
    settle(page, quiet=2)


def press_button(kb: Keyboard, name: str) -> None:
    kb.tab_to(lambda f: f["tag"] == "BUTTON" and f["name"].endswith(name), f"the button {name}")
    kb.shot("button-" + name.lower().replace(" ", "-"))
    kb.page.keyboard.press("Enter")
    settle(kb.page)
    kb.page_changed()


def focus_on_heading(page: Any, tag: str, text: str) -> None:
    """After a move to another page the focus is on its heading, so reading starts there."""
    deadline = time.monotonic() + 10
    focused = None
    while time.monotonic() < deadline:
        focused = page.evaluate("() => [document.activeElement.tagName, document.activeElement.innerText]")
        if focused[0] == tag and text in focused[1]:
            return
        time.sleep(0.05)
    raise AssertionError(f"the focus is not on the {tag} {text!r} but on {focused}")


def wait_saved(store: Store, response_id: int, item_id: str, value: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if store.answers(response_id).get(item_id) == value:
            return
        time.sleep(0.03)
    raise AssertionError(f"{item_id}={value!r} was not saved within {timeout} s by the keyboard")


def test_a_questionnaire_by_keyboard_only_and_axe_on_every_page_at_desktop(
    world: tuple[AppServer, Store, NetworkInfo, RoundInfo], browser: Any
) -> None:
    server, store, _, rnd = world
    q = questionnaire(store, rnd)
    answers = synthetic_answers(q, 1, seed=71)[0]
    shown = pages(q, answers)
    link, response_id = invitation(store, rnd, server.url)
    ctx = context(browser, DESKTOP)
    page = ctx.new_page()
    page.goto(link)
    wait_text(page, "Beginnen")
    problems: list[axe.Violation] = []
    kb = Keyboard(page)
    check(page, "welcome", problems)
    press_button(kb, "Beginnen")
    wait_text(page, f"Deel 1 van {len(shown)}")
    focus_on_heading(page, "H2", shown[0].section.title.nl)
    for index, section in enumerate(shown):
        if index == 0:  # Next with questions open: the warnings, tied to their questions
            press_button(kb, "Volgende")
            page.get_by_role("alert").filter(has_text="Deze vraag is nog niet beantwoord.").first.wait_for()
            settle(page)
            check(page, "section 1, questions left open", problems)
            # the problem is part of the question's name, heard on the control itself
            named = page.get_by_role(
                "radiogroup", name=re.compile(r"\(verplicht\)\. Deze vraag is nog niet beantwoord\.$")
            )
            assert named.count() >= 1
            screenshot(page, SHOTS / "desktop-questions-left-open.png")
        for item in section.items:
            if item.type == "scale":  # required announced by the radio group itself, and only then
                group = page.locator(f".st-key-q__{item.id} [role='radiogroup']")
                required = group.get_attribute("aria-required")
                assert (required == "true") == item.required, (item.id, required)
            if item.id in answers and (item.required or item.type == "text"):
                key_answer(kb, q, item, answers[item.id])
                wait_saved(store, response_id, item.id, answers[item.id])
        check(page, f"section {index + 1}", problems)
        if index == 0:  # the autosave status: a polite live region that says the answer is kept
            status = page.locator(".st-key-save_status")
            assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
            assert "Antwoord bewaard" in status.inner_text()
        last = index == len(shown) - 1
        press_button(kb, "Naar controleren" if last else "Volgende")
        wait_text(page, "Alle verplichte vragen zijn beantwoord." if last else f"Deel {index + 2} van")
        focus_on_heading(page, "H2", "Controleren en insturen" if last else shown[index + 1].section.title.nl)
    check(page, "check page", problems)
    screenshot(page, SHOTS / "desktop-check.png")
    press_button(kb, "Insturen")
    wait_text(page, "Dank je wel!")
    assert store.get_response(response_id).status == "submitted"
    focus_on_heading(page, "H1", "Dank je wel!")
    check(page, "thank-you", problems)
    ctx.close()
    assert not problems, axe.report(problems)


def test_axe_on_the_respondent_pages_on_a_phone(
    world: tuple[AppServer, Store, NetworkInfo, RoundInfo], browser: Any
) -> None:
    server, store, _, rnd = world
    q = questionnaire(store, rnd)
    answers = synthetic_answers(q, 1, seed=72)[0]
    shown = pages(q, answers)
    link, response_id = invitation(store, rnd, server.url)
    ctx = context(browser, PHONE)
    page = ctx.new_page()
    problems: list[axe.Violation] = []
    page.goto(link)
    wait_text(page, "Beginnen")
    check(page, "welcome", problems)
    for item_id, value in answers.items():
        store.save_answer(response_id, item_id, value)
    for index in range(len(shown) + 1):  # every section, then the check page: the page is in the URL
        page.goto(f"{link}&p={index}")
        wait_text(page, f"Deel {index + 1} van" if index < len(shown) else "Controleren en insturen")
        check(page, f"section {index + 1}" if index < len(shown) else "check page", problems)
    page.get_by_role("button", name="Insturen").click()
    wait_text(page, "Dank je wel!")
    check(page, "thank-you", problems)
    ctx.close()
    assert not problems, axe.report(problems)


def test_axe_on_sign_in_results_and_report_pages(
    world: tuple[AppServer, Store, NetworkInfo, RoundInfo], browser: Any
) -> None:
    server, _, net, rnd = world
    problems: list[axe.Violation] = []
    for viewport in (DESKTOP, PHONE):
        ctx = context(browser, viewport)
        page = ctx.new_page()
        page.goto(server.url)
        wait_text(page, "Wachtwoord")
        check(page, "sign-in", problems)
        page.get_by_label("E-mailadres").fill(EMAIL)
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        wait_text(page, "Ingelogd als")
        page.goto(f"{server.url}/resultaten?netwerk={net.id}&meting={rnd.id}")
        wait_text(page, "De drie belangrijkste bevindingen")
        for tab in TABS:
            page.get_by_role("tab", name=tab, exact=True).click()
            settle(page)
            time.sleep(0.5)  # Plotly's redraw
            check(page, f"results: {tab}", problems)
        page.goto(f"{server.url}/aanpassen?netwerk={net.id}&meting={rnd.id}")
        wait_text(page, "Aanpassing opslaan")
        check(page, "report: edit", problems)
        ctx.close()
    assert not problems, axe.report(problems)


# --- reflow, text size, language ----------------------------------------------------------------

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const main = document.querySelector('[data-testid="stMain"]');
  const out = [];
  if (document.documentElement.scrollWidth > width) out.push('document ' + document.documentElement.scrollWidth);
  if (main && main.scrollWidth > main.clientWidth + 1) out.push('main ' + main.scrollWidth);
  for (const el of (main ? main.querySelectorAll('p, h1, h2, h3, label, button, input, textarea') : [])) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > width + 1) out.push(el.tagName + ' ' + (el.innerText || '').slice(0, 40) + ' ends at ' + Math.round(r.right));
  }
  return out.slice(0, 8);
}"""


def no_horizontal_scroll(page: Any, where: str) -> None:
    """1.4.10 Reflow / 1.4.4 Resize text: all fits the width, nothing to scroll sideways."""
    settle(page)
    time.sleep(0.3)
    screenshot(page, SHOTS / f"{where}.png")
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), where
    assert page.evaluate(OVERFLOW) == [], where


def test_pages_reflow_at_320_px_and_with_text_at_200_percent(
    world: tuple[AppServer, Store, NetworkInfo, RoundInfo], browser: Any
) -> None:
    server, store, net, rnd = world
    q = questionnaire(store, rnd)
    answers = synthetic_answers(q, 1, seed=73)[0]
    shown = pages(q, answers)
    link, response_id = invitation(store, rnd, server.url)
    for item_id, value in answers.items():
        store.save_answer(response_id, item_id, value)
    scale_page = next(n for n, p in enumerate(shown) if any(i.type == "scale" for i in p.items))
    # 320 CSS px (1.4.10); a 1366 px window zoomed to 200 % (1.4.4 by the browser's zoom, G142): 683
    # CSS px at two device pixels each; and the respondent's pages with only the text at 200 %.
    for viewport, scale, text, tag in (
        (NARROW, 2, "100%", "320px"),
        (ZOOMED, 2, "100%", "zoom-200"),
        (DESKTOP, 1, "200%", "text-200"),
    ):
        ctx = browser.new_context(
            viewport=viewport, device_scale_factor=scale, locale="nl-NL", timezone_id="Europe/Amsterdam"
        )
        page = ctx.new_page()
        for url, wait, name in (
            (f"{link}&p=-1", "Verdergaan", "welcome"),
            (f"{link}&p=0", "Deel 1 van", "section-1"),
            (f"{link}&p={scale_page}", f"Deel {scale_page + 1} van", "scale-section"),
            (f"{link}&p={len(shown)}", "Controleren en insturen", "check"),
            (server.url, "Wachtwoord", "sign-in"),
        ):
            page.goto(url)
            wait_text(page, wait)
            # text at 200 %: the root font size doubled, as a browser's text-only zoom does
            page.evaluate(f"() => {{ document.documentElement.style.fontSize = '{text}'; }}")
            no_horizontal_scroll(page, f"{tag}-{name}")
        if text != "100%":
            # the results with only the text doubled keep their desktop columns, too narrow for it
            # (zoom reflows them; text-only on the dashboard is left open in issue 17's closing note)
            ctx.close()
            continue
        page.get_by_label("E-mailadres").fill(EMAIL)
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        wait_text(page, "Ingelogd als")
        page.goto(f"{server.url}/resultaten?netwerk={net.id}&meting={rnd.id}")
        wait_text(page, "De drie belangrijkste bevindingen")
        for tab in ("Samenvatting", "Scores", "Alle bevindingen"):
            page.get_by_role("tab", name=tab, exact=True).click()
            settle(page)
            time.sleep(0.5)  # Plotly's redraw
            page.evaluate(f"() => {{ document.documentElement.style.fontSize = '{text}'; }}")
            no_horizontal_scroll(page, f"{tag}-results-{tab.replace(' ', '-').lower()}")
        ctx.close()


# Streamlit's words a screen reader hears: the skip link, the progress bar's name, and how many
# icons in text are read out by name ("visibility icon") instead of being hidden as decoration.
WORDS = """() => {
  const skip = [...document.querySelectorAll('a[href^="#"]')].find(a => a.children.length === 0);
  const bar = document.querySelector('[role="progressbar"]');
  const icons = [...document.querySelectorAll('span[role="img"], [data-testid="stIconMaterial"]')]
    .filter(i => i.getAttribute('aria-hidden') !== 'true' && !i.closest('[aria-hidden="true"]'));
  return {skip: skip ? skip.textContent.trim() : null, progress: bar ? bar.getAttribute('aria-label') : null,
          icons: icons.length};
}"""


def streamlit_words(page: Any) -> dict[str, Any]:
    deadline = time.monotonic() + 5
    words: dict[str, Any] = page.evaluate(WORDS)
    while words["icons"] and time.monotonic() < deadline:  # the observer runs on the next frame
        time.sleep(0.1)
        words = page.evaluate(WORDS)
    return words


def test_the_document_language_follows_the_switch(
    world: tuple[AppServer, Store, NetworkInfo, RoundInfo], browser: Any
) -> None:
    server, store, _, rnd = world
    link, _ = invitation(store, rnd, server.url)
    ctx = context(browser, DESKTOP)
    page = ctx.new_page()
    page.goto(server.url)
    wait_text(page, "Wachtwoord")
    assert page.evaluate("() => document.documentElement.lang") == "nl"
    page.goto(link)
    wait_text(page, "Beginnen")
    assert page.evaluate("() => document.documentElement.lang") == "nl"
    assert streamlit_words(page) == {"skip": "Naar de inhoud", "progress": "Voortgang", "icons": 0}
    # a button is named by its words only, not by its icon's name ("arrow_forward Beginnen")
    assert page.get_by_role("button", name="Beginnen", exact=True).count() == 1
    kb = Keyboard(page)
    kb.tab_to(lambda f: "st-key-lang_switch_respondent" in f["key"], "the language switch")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    page.get_by_role("button", name="Start", exact=True).wait_for()
    settle(page)
    assert page.evaluate("() => document.documentElement.lang") == "en"
    assert streamlit_words(page) == {"skip": "Skip to main content", "progress": "Progress", "icons": 0}
    page.reload()  # the language travels in the URL
    page.get_by_role("button", name="Start", exact=True).wait_for()
    settle(page)
    assert page.evaluate("() => document.documentElement.lang") == "en"
    page.get_by_role("radio", name="NL").click()
    wait_text(page, "Beginnen")
    assert page.evaluate("() => document.documentElement.lang") == "nl"
    ctx.close()


def test_the_axe_harness_finds_ours_and_allows_only_streamlits(browser: Any) -> None:
    """The harness can fail: a missing alt text and grey text are found; the same list markup is
    allowed inside Streamlit's navigation and found outside it."""
    ctx = browser.new_context(viewport=DESKTOP)
    page = ctx.new_page()
    page.set_content(
        '<html lang="nl"><body><main><h1>Proef</h1><img src="data:,">'
        '<p style="color:#aaaaaa">Grijze tekst</p>'
        '<ul data-testid="stSidebarNavItems"><div><li>Streamlit</li></div></ul>'
        "<ul><div><li>Van ons</li></div></ul></main></body></html>"
    )
    found = axe.scan_all(page, "proef")
    ours = axe.scan(page, "proef")
    ctx.close()
    assert {"image-alt", "color-contrast", "list", "listitem"} <= {v.rule for v in ours}
    allowed = [v for v in found if v.allowed_by is not None]
    assert {v.rule for v in allowed} == {"list", "listitem"}
    assert all("stSidebarNavItems" in v.html or v.rule == "listitem" for v in allowed)
    assert len(found) == len(ours) + len(allowed)
