"""AppTest: every page renders, signed-out visitors go to sign-in, the language switch, the catalogue."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from diagnose.problems import ValidationFailed
from netscan_app.backend import load_demo
from netscan_app.i18n import placeholders
from netscan_app.main import PAGES
from netscan_app.messages import MESSAGES
from tests.app.helpers import (
    ROOT,
    World,
    app,
    no_exceptions,
    respondent,
    submit_responses,
    synthetic_answers,
    texts,
)

PROTECTED = [name for name in PAGES if name not in ("sign_in", "questionnaire")]


# --- the catalogue ----------------------------------------------------------------------------


def test_every_message_has_dutch_and_english_with_the_same_placeholders() -> None:
    for key, entry in MESSAGES.items():
        assert set(entry.model_dump()) == {"nl", "en"}, key
        assert entry.nl.strip() and entry.en.strip(), key
        assert placeholders(entry.nl) == placeholders(entry.en), key


def _code_files() -> list[Path]:
    return [ROOT / "app.py", *sorted((ROOT / "netscan_app").rglob("*.py"))]


def test_every_key_the_code_uses_is_in_the_catalogue() -> None:
    literal = re.compile(
        r"""\bt\(\s*["']([a-z_.0-9]+)["']|_key=\s*"([a-z_.0-9]+)"|"([a-z_]+\.[a-z_.0-9]+)"\s*[,)]"""
    )
    plural = re.compile(r"""\btn\(\s*["']([a-z_.0-9]+)["']""")
    prefix = re.compile(r"""\bt\(\s*f["']([a-z_.0-9]+)\{""")
    used: set[str] = set()
    prefixes: set[str] = set()
    for path in _code_files():
        source = path.read_text(encoding="utf-8")
        for match in literal.finditer(source):
            key = next(g for g in match.groups() if g)
            if key.split(".")[0] in {k.split(".")[0] for k in MESSAGES}:
                used.add(key)
        prefixes.update(prefix.findall(source))
        for key in plural.findall(source):
            used.update({f"{key}.one", f"{key}.other"})
    missing = sorted(
        k for k in used if k not in MESSAGES and f"{k}.one" not in MESSAGES and not k.endswith(("py", "css"))
    )
    assert not missing, missing
    for start in prefixes:
        assert any(k.startswith(start) for k in MESSAGES), start
    for page in PAGES.values():
        assert page.title_key in MESSAGES


def test_no_gettext_and_no_unsafe_html_in_the_app() -> None:
    for path in _code_files():
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import gettext|from gettext)", source, re.M), path
        assert "unsafe_allow_html=True" not in source, path


def test_the_core_does_not_import_streamlit() -> None:
    for path in (ROOT / "diagnose").rglob("*.py"):
        assert not re.search(r"^\s*(import|from)\s+streamlit", path.read_text(encoding="utf-8"), re.M), path


# --- every page -------------------------------------------------------------------------------


def test_sign_in_page_renders(world: World) -> None:
    at = app(world).run()
    no_exceptions(at)
    assert at.text_input(key="sign_in_email") is not None
    assert "Inloggen" in texts(at)


@pytest.mark.parametrize("page", PROTECTED)
def test_every_protected_page_renders_signed_in(world: World, page: str) -> None:
    submit_responses(world.store, world.round.id, synthetic_answers(world.q, 3))
    at = app(world, signed_in=True).run()
    no_exceptions(at)
    at.switch_page(PAGES[page].path).run()
    no_exceptions(at)
    assert at.title or at.markdown, page
    assert "sign_in_email" not in [w.key for w in at.text_input], page


@pytest.mark.parametrize("page", PROTECTED)
def test_every_protected_page_renders_with_nothing_selected(world: World, page: str) -> None:
    at = app(world, signed_in=True, network=False, round_=False).run()
    at.switch_page(PAGES[page].path).run()
    no_exceptions(at)


def test_questionnaire_page_renders_for_a_token(world: World) -> None:
    at = respondent(world.tokens[0]).run()
    no_exceptions(at)
    assert world.network.name in texts(at)
    assert at.button(key="form_start").label == "Beginnen"


@pytest.mark.parametrize("page", PROTECTED)
def test_results_and_other_protected_pages_send_a_signed_out_visitor_to_sign_in(
    world: World, page: str
) -> None:
    submit_responses(world.store, world.round.id, synthetic_answers(world.q, 3))
    at = app(world).run()
    at.switch_page(PAGES[page].path).run()
    no_exceptions(at)
    assert at.text_input(key="sign_in_email").value == ""
    shown = texts(at)
    assert "Verschillen" not in shown and "De drie belangrijkste" not in shown
    assert not at.get("plotly_chart")


def test_signing_in_goes_to_the_page_that_was_asked_for(world: World) -> None:
    submit_responses(world.store, world.round.id, synthetic_answers(world.q, 3))
    at = app(world)
    at.query_params["netwerk"] = str(world.network.id)  # a bookmarked results URL
    at.query_params["meting"] = str(world.round.id)
    at.run()
    at.switch_page(PAGES["results"].path).run()
    at.switch_page(PAGES["sign_in"].path)  # the browser's URL is /aanmelden now (AppTest keeps the page)
    at.text_input(key="sign_in_email").input(world.user.email)
    at.text_input(key="sign_in_password").input("wrong password")
    at.button[0].click().run()
    assert "horen niet bij elkaar" in texts(at)
    at.text_input(key="sign_in_password").input("correct horse battery")
    at.button[0].click().run()
    no_exceptions(at)
    assert "auth_user" in at.session_state
    assert at.session_state["auth_cookie_action"] == "set"
    assert at.get("plotly_chart"), "signed in, the results page asked for is shown"


def test_sign_out_forgets_the_user_and_revokes_the_login_token(world: World) -> None:
    token = world.store.create_login_token(world.user.id)
    at = app(world, signed_in=True)
    at.session_state["auth_token"] = token
    at.run()
    at.button(key="sign_out").click().run()
    no_exceptions(at)
    assert at.text_input(key="sign_in_email") is not None
    assert world.store.user_for_login_token(token) is None


def test_language_switch_to_english(world: World) -> None:
    at = respondent(world.tokens[0]).run()
    at.segmented_control(key="lang_switch_respondent").set_value("en").run()
    no_exceptions(at)
    assert at.button(key="form_start").label == "Start"
    assert "You have been invited" in texts(at)


def test_empty_database_offers_the_demo_data_only_when_the_server_was_started_for_it(
    store: tuple, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = app().run()
    no_exceptions(at)
    assert not any(b.key == "load_demo" for b in at.button), "the demo is offered without NETSCAN_DEMO=1"
    assert "netscan user add" in "".join(c.value for c in at.code)
    assert "Er is nog niemand die kan inloggen" in texts(at)
    with pytest.raises(ValidationFailed, match="does not offer the demo data"):
        load_demo(store[0])
    assert store[0].is_empty()

    monkeypatch.setenv("NETSCAN_DEMO", "1")
    at = app().run()
    no_exceptions(at)
    at.button(key="load_demo").click().run()
    no_exceptions(at)
    assert "demo@netwerkscan.nl" in texts(at)
    at.text_input(key="sign_in_email").input("demo@netwerkscan.nl")
    at.text_input(key="sign_in_password").input("demo")
    at.button[0].click().run()
    no_exceptions(at)
    assert "fictief" in texts(at)
