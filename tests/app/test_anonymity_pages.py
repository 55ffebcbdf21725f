"""Anonymity in the app: the welcome page says whether a round is anonymous or named before the
first question; the round page sets it and the response-rate threshold; results stay closed below
the threshold; answers per respondent and backups are an owner's deliberate, logged choice."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from diagnose.store import Store
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

ANONYMOUS = "Deze meting is anoniem"
NAMED = "Deze meting is op naam"


def welcome(token: str) -> AppTest:
    at = respondent(token).run()
    no_exceptions(at)
    return at


def test_the_welcome_page_says_anonymous_or_named_before_the_first_question(world: World) -> None:
    at = welcome(world.tokens[0])
    shown = texts(at)
    assert ANONYMOUS in shown and NAMED not in shown
    assert "ook de coördinator niet" in shown and "minstens 3 mensen" in shown
    assert not at.get("radio") and not at.get("slider"), "no question is on the welcome page"
    assert at.button(key="form_start"), "the notice stands above the start button"
    named = world.store.create_round(world.network.id, "Stuurgroep op naam", identity="named")
    token = world.store.create_invitations(named.id, 1)[0].token
    shown = texts(welcome(token))
    assert NAMED in shown and ANONYMOUS not in shown
    assert "welke rol je kiest" in shown and "nooit met je naam" in shown
    at = welcome(token)
    at.segmented_control(key="lang_switch_respondent").set_value("en").run()
    no_exceptions(at)
    assert "This round is named" in texts(at) and NAMED not in texts(at)


def test_the_round_page_sets_named_and_a_threshold_and_refuses_named_once_answered(world: World) -> None:
    s = world.store
    at = app(world, signed_in=True).run()
    at.switch_page(PAGES["round"].path).run()
    no_exceptions(at)
    at.radio(key=f"identity_{world.round.id}").set_value("named").run()
    no_exceptions(at)
    assert s.get_round(world.round.id).named
    at.number_input(key=f"threshold_{world.round.id}").set_value(60).run()
    no_exceptions(at)
    assert s.get_round(world.round.id).response_rate_minimum == 60
    at.number_input(key=f"threshold_{world.round.id}").set_value(0).run()
    assert s.get_round(world.round.id).response_rate_minimum is None
    # back to anonymous, a respondent answers: the round can no longer become named
    at.radio(key=f"identity_{world.round.id}").set_value("anonymous").run()
    assert not s.get_round(world.round.id).named
    submit_responses(s, world.round.id, synthetic_answers(world.q, 1))
    at = app(world, signed_in=True).run()
    at.switch_page(PAGES["round"].path).run()
    at.radio(key=f"identity_{world.round.id}").set_value("named").run()
    no_exceptions(at)
    assert "kan niet meer 'op naam' worden" in texts(at)
    assert not s.get_round(world.round.id).named


def test_a_named_round_shows_the_role_per_link_and_an_anonymous_one_does_not(world: World) -> None:
    s = world.store
    named = s.create_round(world.network.id, "Stuurgroep op naam", identity="named")
    for rnd in (world.round, named):
        s.create_invitations(rnd.id, labels=["Jan Jansen (directeur)"])
    at = app(world, signed_in=True).run()
    at.switch_page(PAGES["round"].path).run()
    table = at.dataframe[0].value
    assert "Rol" not in table.columns and "op naam" not in texts(at)
    at.session_state["selected_meting"] = named.id
    at.switch_page(PAGES["round"].path).run()
    no_exceptions(at)
    assert "Rol" in at.dataframe[0].value.columns
    assert "Deze meting is op naam: je ziet per link de rol" in texts(at)


def test_results_stay_closed_below_the_threshold_and_open_at_it(world: World) -> None:
    s = world.store
    s.update_round(world.round.id, response_rate_minimum=50)
    s.create_invitations(world.round.id, 5)  # 3 + 5 = 8 links; the next submissions add their own
    submit_responses(s, world.round.id, synthetic_answers(world.q, 3))  # 3 of 11 links: 27 %
    at = app(world, signed_in=True).run()
    at.switch_page(PAGES["results"].path).run()
    no_exceptions(at)
    shown = texts(at)
    assert "responsdrempel van 50%" in shown and "3 van de 11" in shown
    assert not at.get("tab"), "no results tabs while closed"
    submit_responses(s, world.round.id, synthetic_answers(world.q, 3, seed=8))  # 6 of 14: 43 %
    at.switch_page(PAGES["results"].path).run()
    assert "responsdrempel" in texts(at)
    unused = [i for i in s.list_invitations(world.round.id) if i.responses == 0]
    for invitation in unused[:2]:
        s.revoke_invitation(invitation.id)  # two links never used are withdrawn: 6 of 12 is 50 %
    assert s.round_counts(world.round.id).invited == 12
    at.switch_page(PAGES["results"].path).run()
    no_exceptions(at)
    assert "responsdrempel" not in texts(at) and at.get("tab")


def test_only_an_owner_exports_answers_per_respondent_after_confirming(store: tuple[Store, str]) -> None:
    s, url = store
    world = make_world(s, url)
    submit_responses(s, world.round.id, synthetic_answers(world.q, 2))
    member = s.add_user("lid@school.nl", PASSWORD, "Lid", workspace_id=world.workspace.id, role="member")
    as_member = app(world, signed_in=True)
    as_member.session_state["auth_user"] = member
    as_member.run()
    as_member.switch_page(PAGES["data"].path).run()
    no_exceptions(as_member)
    assert "Alleen een eigenaar van deze werkruimte" in texts(as_member)
    assert not [c for c in as_member.get("checkbox") if c.key == "export_owner_sure"]
    assert len([b for b in as_member.get("download_button") if b.key.startswith("export_")]) == 3, (
        "results: workspace, network, round"
    )

    at = app(world, signed_in=True).run()
    at.switch_page(PAGES["data"].path).run()
    assert len([b for b in at.get("download_button") if b.key.startswith("export_")]) == 3, (
        "nothing per respondent before the owner confirms"
    )
    at.checkbox(key="export_owner_sure").check().run()
    no_exceptions(at)
    keys = [b.key for b in at.get("download_button")]
    assert "export_round_rows" not in keys, "2 respondents: the round is not offered per respondent"
    assert "minder dan 3 respondenten" in texts(at)
    assert {"export_network_rows", "export_backup"} <= set(keys)
    submit_responses(s, world.round.id, synthetic_answers(world.q, 1, seed=9))
    at.run()
    assert "export_round_rows" in [b.key for b in at.get("download_button")]
    # what the buttons hand over is the store's export, logged with the owner's address
    from diagnose.store.types import ExportBy

    s.export_round(world.round.id, "xlsx", by=ExportBy(world.user.id, "app"))
    at.run()
    log = at.dataframe[0].value
    assert list(log["Door"]) == ["coordinator@school.nl"]
