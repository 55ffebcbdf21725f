"""Rounds of two questionnaire versions in one network, on a real SQLite file: a stored 1.0 round
keeps its version and is re-diagnosed with it after 2.0 arrives, and the 2.0 round's view shows
the 1.0 round only on the constructs the mapping declares comparable."""

from __future__ import annotations

from pathlib import Path

import pytest

from diagnose.bundle import Bundle, build_bundle, discover
from diagnose.comparability import version_change
from diagnose.store import Store
from diagnose.store.round_view import round_view
from tests.core.test_versions import MINI, two_versions

OLD = {"rol": "teacher", "trust_a": 5, "trust_b": 1, "decide_a": 5}
NEW = {"rol": "board", "trust_a": 3, "trust_b": 3, "trust_c": 3, "decide_a": 1, "decide_b": 1}


@pytest.fixture
def versions(tmp_path: Path) -> Bundle:
    return build_bundle(discover([two_versions(tmp_path / "content")]))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'netwerkscan.sqlite'}"


def answered_round(
    store: Store, network_id: int, label: str, version: str | None, answers: dict[str, object]
) -> int:
    rnd = store.create_round(network_id, label, questionnaire_id="mini", questionnaire_version=version)
    for _ in range(3):
        opened = store.open_response(store.create_invitations(rnd.id)[0].token)
        assert opened.response is not None
        for item_id, value in answers.items():
            store.save_answer(opened.response.id, item_id, value)
        assert store.submit(opened.response.id) == []
    return rnd.id


def test_a_stored_round_keeps_its_version_and_is_rediagnosed_with_it(
    sqlite_url: str, versions: Bundle
) -> None:
    # before 2.0: only version 1.0 exists, and a round is answered with it
    only_old = build_bundle(discover([MINI]))
    store = Store.open(sqlite_url, bundle=only_old)
    store.ensure_schema()
    ws = store.create_workspace("Adviesbureau")
    net = store.create_network(ws.id, "Netwerk Oost")
    old_id = answered_round(store, net.id, "2026", None, OLD)
    before = store.diagnose_round(old_id).diagnosis()
    store.close()
    assert before.questionnaire.version == "1.0"

    # 2.0 arrives (1.0 moved to earlier/): the stored round still loads, as 1.0, and re-diagnoses
    store = Store.open(sqlite_url, bundle=versions)
    try:
        assert store.get_round(old_id).questionnaire_version == "1.0"
        again = store.diagnose_round(old_id).diagnosis()
        assert again.questionnaire.version == "1.0"
        assert again.scores == before.scores
        assert [f.rule for f in again.findings] == [f.rule for f in before.findings]
        report = store.rediagnose()
        assert report.skipped == []

        # a new round uses 2.0 and is compared with the 1.0 round on the mapped construct only
        new_id = answered_round(store, net.id, "2027", None, NEW)
        assert store.get_round(new_id).questionnaire_version == "2.0"
        view = round_view(store, new_id)
        assert view is not None
        d = view.diagnosis
        assert d.questionnaire.version == "2.0"
        assert d.previous is not None and d.previous.scores == {"lnc4_trust": 5.0}
        assert [(h.label, h.scores) for h in view.history] == [("2026", {"lnc4_trust": 5.0})]
        assert d.finding("trust_declined") is not None
        change = version_change(store.bundle, d, list(view.history))
        assert change is not None and change.left_out == ("joint_decision",)
        # the old round's own view is unchanged by the new version
        old_view = round_view(store, old_id)
        assert old_view is not None and old_view.diagnosis.questionnaire.version == "1.0"
    finally:
        store.close()


def test_a_respondent_is_held_only_to_the_required_questions_asked_of_them(
    sqlite_url: str, versions: Bundle
) -> None:
    """A board-only required item does not block a teacher; the coordinator's facts (required or
    not) never block a respondent; a board member must answer the board's item."""
    store = Store.open(sqlite_url, bundle=versions)
    store.ensure_schema()
    try:
        net = store.create_network(store.create_workspace("W").id, "Netwerk Zuid")
        rnd = store.create_round(net.id, "2027", questionnaire_id="mini")
        teacher, board = (store.open_response(i.token) for i in store.create_invitations(rnd.id, 2))
        assert teacher.response is not None and board.response is not None
        for response, role in ((teacher.response, "teacher"), (board.response, "board")):
            store.save_answer(response.id, "rol", role)
            store.save_answer(response.id, "trust_a", 4)
        assert store.submit(teacher.response.id) == []
        assert store.submit(board.response.id) == ["decide_a"]
        store.save_answer(board.response.id, "decide_a", "na")
        assert store.submit(board.response.id) == []
    finally:
        store.close()


def test_the_demo_network_that_switched_says_so_on_its_trend_and_in_its_report(
    sqlite_url: str, tmp_path: Path
) -> None:
    """The demo's network with two 1.0 rounds and a 2.0 round: its trend and comparison charts and
    its report (Markdown, and the PDF read back) name the version change and what is not compared."""
    from diagnose import charts
    from diagnose.report import input_from_view, render_report
    from diagnose.store.demo import build_demo
    from tests.report.helpers import pdf_text, squash

    store = Store.open(sqlite_url)
    store.ensure_schema()
    try:
        result = build_demo(store)
        switched = next(
            net
            for net in store.list_networks(result.workspace.id)
            if len({h.round.questionnaire_version for h in store.network_history(net.id)}) > 1
        )
        latest = store.network_history(switched.id)[-1].round
        view = round_view(store, latest.id)
        assert view is not None
        d, bundle = view.diagnosis, store.bundle
        change = version_change(bundle, d, list(view.history))
        assert change is not None and change.version == bundle.questionnaire("netwerkscan").version
        mapping = bundle.questionnaire("netwerkscan").comparison_with("1.0")
        assert mapping is not None
        for earlier in view.history:
            assert set(earlier.scores) <= set(mapping.constructs), earlier.label
        assert change.left_out and not set(change.left_out) & set(mapping.constructs)
        sentence = change.text({c.id: c.label for c in bundle.constructs.constructs})
        assert sentence.nl.startswith(f"Vanaf ‘{latest.label}’ gemeten met vragenlijst")
        assert "niet vergelijkbaar met eerdere metingen" in sentence.nl

        for figure in (
            charts.trend_chart(d, bundle, "nl", view.history),
            charts.comparison_chart(d, bundle, "nl"),
        ):
            notes = [a.text for a in figure.layout.annotations if a.text and a.text.startswith("Vanaf")]
            assert len(notes) == 1 and "niet vergelijkbaar" in notes[0]

        inp = input_from_view(view, bundle)
        markdown = render_report(inp, "nl", "md").content.decode("utf-8")
        assert sentence.nl in markdown
        english = render_report(inp, "en", "md").content.decode("utf-8")
        assert sentence.en in english
        assert markdown.count(sentence.nl) == 1
        pdf = render_report(inp, "nl", "pdf").content
        assert pdf_text(pdf).count(squash(sentence.nl)[:80]) == 1  # in the text, not again on the chart
        (tmp_path / "switched.pdf").write_bytes(pdf)
    finally:
        store.close()
