"""AppTest: the coordinator's work — a network, a round, invitation links, a live group answer, data."""

from __future__ import annotations

import datetime as dt
import re

from diagnose.store import Store
from diagnose.store.types import ExportBy
from netscan_app.answers import pages, widget_key
from netscan_app.main import PAGES
from tests.app.helpers import (
    World,
    app,
    make_world,
    no_exceptions,
    submit_responses,
    synthetic_answers,
    texts,
)
from tests.app.test_respondent import answer_section, keys, next_page


def test_create_a_network_and_a_round_and_invitation_links(store: tuple[Store, str]) -> None:
    s, _ = store
    workspace = s.create_workspace("Adviesbureau Test")
    user = s.add_user("adviseur@bureau.nl", "correct horse battery", "Adviseur", workspace_id=workspace.id)
    at = app()
    at.session_state["auth_user"] = user
    at.run()
    no_exceptions(at)
    at.text_input(key="new_network_name").input("Samenwerkingsverband VO Zuid")
    at.selectbox(key="new_network_sector").set_value("vo")
    at.number_input(key="new_network_size").set_value(14)
    submit = next(b for b in at.button if "Netwerk toevoegen" in b.label)
    submit.click().run()
    no_exceptions(at)
    network = s.list_networks(workspace.id)[0]
    assert network.name == "Samenwerkingsverband VO Zuid"
    assert network.profile == {"sector": "vo", "size": 14}
    assert "Netwerk ‘Samenwerkingsverband VO Zuid’ is toegevoegd." in texts(at)

    at.text_input(key="new_round_label").input("Nulmeting 2026")
    at.radio(key="new_round_questionnaire").set_value("quickscan")
    # the network's facts, asked of the coordinator once: shown with the new round to confirm
    assert "de deelnemers krijgen deze vragen niet" in texts(at)
    assert at.selectbox(key=f"new_round_{network.id}_sector").value == "vo"
    assert at.number_input(key=f"new_round_{network.id}_size").value == 14
    at.selectbox(key=f"new_round_{network.id}_overlap").set_value("high")
    next(b for b in at.button if b.label == "Meting starten").click().run()
    no_exceptions(at)
    rnd = s.list_rounds(network.id)[0]
    assert (rnd.label, rnd.questionnaire_id, rnd.is_open) == ("Nulmeting 2026", "quickscan", True)
    assert s.get_network(network.id).profile == {"sector": "vo", "size": 14, "overlap": "high"}

    at.text_area(key="new_link_labels").input("Bestuurder Stichting A\nSchoolleider B\n")
    next(b for b in at.button if b.label == "Links maken").click().run()
    no_exceptions(at)
    links = re.findall(r"http://[^ ]+/\?t=[A-Za-z0-9_-]+", at.get("code")[0].value)
    assert len(links) == 2
    assert [i.label for i in s.list_invitations(rnd.id)] == ["Bestuurder Stichting A", "Schoolleider B"]
    token = links[0].split("?t=")[1]
    assert s.open_response(token).status == "new"
    assert at.get("download_button"), "the links can be downloaded as a list"

    at.button(key="make_shared").click().run()
    assert any(i.kind == "shared" for i in s.list_invitations(rnd.id))

    at.multiselect(key="revoke_pick").set_value([s.list_invitations(rnd.id)[1].id])
    next(b for b in at.button if b.label == "Intrekken").click().run()
    assert s.list_invitations(rnd.id)[1].revoked_at is not None

    at.toggle(key=f"visible_{rnd.id}").set_value(True).run()
    assert s.get_round(rnd.id).results_visible_to_respondents
    at.button(key="close_round").click().run()
    assert not s.get_round(rnd.id).is_open
    assert "De meting is afgesloten." in texts(at)
    at.button(key="reopen_round").click().run()
    assert s.get_round(rnd.id).is_open


def test_live_group_answer_is_autosaved_and_shows_results(world: World) -> None:
    q = world.q
    answers = synthetic_answers(q, 1, seed=9)[0]
    at = app(world, signed_in=True).run()
    at.switch_page(PAGES["group"].path).run()
    no_exceptions(at)
    at.button(key="group_start").click().run()
    no_exceptions(at)
    draft_id = at.session_state["selected_antwoord"]
    assert world.store.get_response(draft_id).group
    shown = pages(q, answers)  # the pages for the role the group answer gives
    for index in range(len(shown)):
        answer_section(at, q, index, answers)
        assert world.store.answers(draft_id).keys() >= {i.id for i in shown[index].items if i.id in answers}
        next_page(at)
    assert "form_submit" in keys(at)
    at.button(key="form_submit").click().run()
    no_exceptions(at)
    response = world.store.get_response(draft_id)
    assert response.status == "submitted" and response.group
    at.switch_page(PAGES["results"].path).run()
    assert "één groepsantwoord" in texts(at)
    assert at.get("plotly_chart")


def test_a_group_draft_survives_a_refresh(world: World) -> None:
    at = app(world, signed_in=True).run()
    at.switch_page(PAGES["group"].path).run()
    at.button(key="group_start").click().run()
    draft_id = at.session_state["selected_antwoord"]
    at.radio(key=widget_key("profiel_rol")).set_value("school_leader").run()
    fresh = app(world, signed_in=True).run()  # a refresh of /groepsantwoord?antwoord=<id>: a new session
    fresh.query_params["antwoord"] = str(draft_id)
    fresh.switch_page(PAGES["group"].path).run()
    no_exceptions(fresh)
    assert "Deel 3 van" in texts(fresh), "resumes at the first page with open required questions"
    while widget_key("profiel_rol") not in [r.key for r in fresh.radio]:
        fresh.button(key="form_previous").click().run()
    assert fresh.radio(key=widget_key("profiel_rol")).value == "school_leader"


def test_results_dashboard_tabs_all_render(world: World) -> None:
    s = world.store
    earlier = s.create_round(world.network.id, "2025 voorjaar", date=dt.date(2025, 3, 1))
    submit_responses(s, earlier.id, synthetic_answers(world.q, 4, seed=1))
    s.close_round(earlier.id)
    s.diagnose_round(earlier.id)
    submit_responses(
        s, world.round.id, synthetic_answers(world.q, 5, seed=2, roles={"teacher": 3, "board": 2})
    )
    names = ["Samenvatting", "Scores", "Verschillen", "Door de tijd", "Alle bevindingen", "Open antwoorden"]
    # the summary draws the radar and, for a phone, the same scores as bars (style.css shows one)
    charts = {"Samenvatting": 2, "Scores": 4, "Verschillen": 2, "Door de tijd": 2}
    for name in names:
        at = app(world, signed_in=True)
        at.session_state["results_tab"] = name
        at.run()
        at.switch_page(PAGES["results"].path).run()
        no_exceptions(at)
        assert len(at.get("plotly_chart")) == charts.get(name, 0), name
    assert s.list_rounds(world.network.id)[0].label == "2025 voorjaar"


def test_results_in_english(world: World) -> None:
    submit_responses(world.store, world.round.id, synthetic_answers(world.q, 3))
    at = app(world, signed_in=True)
    at.session_state["lang"] = "en"
    at.run()
    at.switch_page(PAGES["results"].path).run()
    no_exceptions(at)
    shown = texts(at)
    assert "The three most important findings" in shown
    assert "De drie belangrijkste" not in shown


def test_data_page_offers_exports_and_imports_what_it_exports(store: tuple[Store, str]) -> None:
    s, url = store
    world = make_world(s, url)
    submit_responses(s, world.round.id, synthetic_answers(world.q, 3))
    at = app(world, signed_in=True).run()
    at.switch_page(PAGES["data"].path).run()
    no_exceptions(at)
    keys = [b.key for b in at.get("download_button")]
    assert keys == [
        "template_xlsx",
        "template_csv",
        "export_workspace",
        "export_network_button",
        "export_round_button",
    ]
    assert [u.key for u in at.get("file_uploader")] == ["import_file"], "the page offers the import"
    # AppTest cannot upload a file: the page's import is the store call below, into another workspace
    other = make_world(s, url, email="tweede@school.nl", network="Ander netwerk")
    result = s.import_bytes(
        s.export_round(world.round.id, "xlsx", by=ExportBy(world.user.id, "app")),
        "antwoorden.xlsx",
        workspace_id=other.workspace.id,
    )
    assert result.responses == 3
