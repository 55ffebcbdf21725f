"""AppTest: what a token, a URL parameter or a free-text answer can and cannot reach."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from diagnose.store import Store
from netscan_app.answers import widget_key
from netscan_app.main import PAGES
from tests.app.helpers import (
    PASSWORD,
    World,
    app,
    make_world,
    no_exceptions,
    respondent,
    submit_responses,
    synthetic_answers,
    texts,
)

HOSTILE = (
    '<script>window.__xss=1</script><img src=x onerror="window.__xss=2"> **vet** [klik](javascript:alert(1))'
)


def test_a_token_for_round_a_reaches_only_its_own_draft_in_round_a(world: World) -> None:
    store = world.store
    other = store.create_network(world.workspace.id, "Ander netwerk B")
    round_b = store.create_round(other.id, "Meting B")
    draft_b = store.open_response(store.create_invitations(round_b.id, 1)[0].token)
    assert draft_b.response is not None
    store.save_answer(draft_b.response.id, "profiel_rol", "board")

    at = respondent(world.tokens[0])
    # parameters a curious respondent might add to the link change nothing
    at.query_params["meting"] = str(round_b.id)
    at.query_params["netwerk"] = str(other.id)
    at.query_params["antwoord"] = str(draft_b.response.id)
    at.run()
    no_exceptions(at)
    shown = texts(at)
    assert world.network.name in shown and "Ander netwerk B" not in shown
    at.button(key="form_start").click().run()
    assert at.radio(key=widget_key("profiel_rol")).value is None, "B's answer is not shown to A"
    at.radio(key=widget_key("profiel_rol")).set_value("teacher").run()
    mine = store.open_response(world.tokens[0]).response
    assert mine is not None and mine.round_id == world.round.id
    assert store.answers(mine.id) == {"profiel_rol": "teacher"}
    assert store.answers(draft_b.response.id) == {"profiel_rol": "board"}
    assert [r.id for r in store.list_responses(round_b.id)] == [draft_b.response.id]


@pytest.mark.parametrize("page", [n for n in PAGES if n != "questionnaire"])
def test_a_respondent_session_cannot_open_any_other_page(world: World, page: str) -> None:
    at = respondent(world.tokens[0]).run()
    with pytest.raises(ValueError, match=r"not a registered page|Could not find"):
        at.switch_page(PAGES[page].path)


def test_closed_round_says_so_politely(world: World) -> None:
    world.store.close_round(world.round.id)
    at = respondent(world.tokens[0]).run()
    no_exceptions(at)
    assert "De meting is afgesloten" in texts(at)
    assert not [w for w in at.get("button_group") if str(w.key).startswith("q__")]


def test_revoked_link_says_so_politely(world: World) -> None:
    invitation = world.store.list_invitations(world.round.id)[0]
    world.store.revoke_invitation(invitation.id)
    at = respondent(world.tokens[0]).run()
    assert "Deze uitnodiging is ingetrokken" in texts(at)
    assert "form_start" not in [b.key for b in at.button]


def test_expired_link_says_so_politely(world: World) -> None:
    past = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1)
    token = world.store.create_invitations(world.round.id, 1, expires_at=past)[0].token
    at = respondent(token).run()
    assert "Deze link is verlopen" in texts(at)


def test_unknown_token_says_so_politely(world: World) -> None:
    at = respondent("niet-een-echte-token").run()
    no_exceptions(at)
    assert "Deze link werkt niet" in texts(at)


def test_revoking_a_link_mid_questionnaire_stops_saving_and_says_why(world: World) -> None:
    at = respondent(world.tokens[0]).run()
    at.button(key="form_start").click().run()
    invitation = world.store.list_invitations(world.round.id)[0]
    world.store.revoke_invitation(invitation.id)
    at.radio(key=widget_key("profiel_rol")).set_value("teacher").run()
    at.run()
    no_exceptions(at)
    assert "Deze uitnodiging is ingetrokken" in texts(at)


def test_free_text_with_html_and_script_is_shown_as_plain_text(world: World) -> None:
    answers = synthetic_answers(world.q, 3)
    answers[0]["open_volgend_jaar_anders"] = HOSTILE
    submit_responses(world.store, world.round.id, answers)
    at = app(world, signed_in=True)
    at.session_state["results_tab"] = "Open antwoorden"
    at.run()
    at.switch_page(PAGES["results"].path).run()
    no_exceptions(at)
    plain = [e.value for e in at.get("text")]
    assert HOSTILE in plain, "shown exactly as written, by st.text"
    for kind in ("markdown", "caption", "html"):  # the app's own static scripts (widgets.py) aside
        assert not any("__xss" in str(e.value) or "onerror" in str(e.value) for e in at.get(kind)), kind


def test_network_names_are_not_read_as_markdown(store: tuple[Store, str]) -> None:
    world = make_world(*store, network="**Vet** [link](https://example.org) <b>x</b>")
    at = app(world, signed_in=True).run()
    no_exceptions(at)
    headings = [str(e.value) for e in at.get("markdown")]
    assert any(r"\*\*Vet\*\* \[link\]\(https\://example\.org\) \<b\>x\</b\>" in h for h in headings), headings


def test_below_the_anonymity_minimum_no_aggregates_are_shown(world: World) -> None:
    submit_responses(world.store, world.round.id, synthetic_answers(world.q, 2))
    at = app(world, signed_in=True).run()
    at.switch_page(PAGES["results"].path).run()
    no_exceptions(at)
    assert "tonen we uitkomsten pas vanaf 3" in texts(at)
    assert not at.get("plotly_chart")
    assert not at.get("download_button")


def test_a_respondent_sees_results_only_from_the_minimum(world: World) -> None:
    submit_responses(world.store, world.round.id, synthetic_answers(world.q, 1))
    person = synthetic_answers(world.q, 1, seed=11)[0]
    opened = world.store.open_response(world.tokens[0])
    assert opened.response is not None
    for item_id, value in person.items():
        world.store.save_answer(opened.response.id, item_id, value)
    world.store.submit(opened.response.id)
    at = respondent(world.tokens[0]).run()
    assert "zodra minstens 3 mensen" in texts(at)
    assert not at.get("plotly_chart")
    submit_responses(world.store, world.round.id, synthetic_answers(world.q, 1, seed=12))
    at = respondent(world.tokens[0]).run()
    no_exceptions(at)
    assert at.get("plotly_chart"), "3 answers: the round's results are shown to respondents"


def everything(at: AppTest) -> str:
    """Every element the page sends to the browser, serialised (texts, charts' data, widgets)."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(parts)


def test_the_thank_you_page_shows_no_colleague_s_own_answers(world: World) -> None:
    """Aggregates of the round, yes; what a colleague wrote in a free-text answer, never."""
    q = world.q
    free = [i.id for i in q.items() if i.type == "text"]
    assert free, "the questionnaire has free-text items to test with"
    colleagues = synthetic_answers(q, 3, seed=21)
    for n, person in enumerate(colleagues):
        for item_id in free:
            person[item_id] = f"COLLEAGUE{n}SECRET{item_id}"
    submit_responses(world.store, world.round.id, colleagues)
    mine = synthetic_answers(q, 1, seed=22)[0]
    opened = world.store.open_response(world.tokens[0])
    assert opened.response is not None
    for item_id, value in mine.items():
        world.store.save_answer(opened.response.id, item_id, value)
    assert world.store.submit(opened.response.id) == []
    at = respondent(world.tokens[0]).run()
    no_exceptions(at)
    assert at.get("plotly_chart"), "4 answers: the round's results are shown, so the check means something"
    shown = everything(at)
    assert "SECRET" not in shown, "a colleague's free text reached a respondent's page"
    for person in colleagues:
        assert person.get(free[0]) not in shown


def test_a_single_group_answer_shows_its_results(world: World) -> None:
    answers = synthetic_answers(world.q, 1, seed=2)[0]
    world.store.add_group_response(world.round.id, answers, respondent="Intake met de stuurgroep")
    at = app(world, signed_in=True).run()
    at.switch_page(PAGES["results"].path).run()
    no_exceptions(at)
    assert "één groepsantwoord" in texts(at)
    assert at.get("plotly_chart")


def test_a_workspace_is_visible_only_to_its_members(store: tuple[Store, str]) -> None:
    first = make_world(*store)
    second = make_world(*store, email="adviseur@bureau.nl", network="Netwerk van een ander")
    submit_responses(first.store, first.round.id, synthetic_answers(first.q, 3))
    at = app(second, signed_in=True, network=False, round_=False)
    at.query_params["netwerk"] = str(first.network.id)
    at.query_params["meting"] = str(first.round.id)
    at.run()
    for page in ("network", "round", "results", "group"):
        at.switch_page(PAGES[page].path).run()
        no_exceptions(at)
        shown = texts(at)
        assert first.network.name not in shown, page
        assert not at.get("plotly_chart"), page
    assert second.store.verify_password(second.user.email, PASSWORD) is not None


def test_group_draft_of_another_workspace_cannot_be_opened(store: tuple[Store, str]) -> None:
    first = make_world(*store)
    second = make_world(*store, email="adviseur@bureau.nl", network="Netwerk van een ander")
    draft = first.store.start_group_response(first.round.id, "Groepsantwoord intake")
    at = app(second, signed_in=True)
    at.query_params["antwoord"] = str(draft.id)
    at.run()
    at.switch_page(PAGES["group"].path).run()
    no_exceptions(at)
    assert "form_next" not in [b.key for b in at.button]
    assert first.network.name not in texts(at)
