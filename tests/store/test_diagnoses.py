"""Diagnoses on SQLite and PostgreSQL: history, snapshots, re-diagnosis, rounds as the core sees them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from diagnose import Bundle, ValidationFailed, diagnose
from diagnose.questionnaire import Questionnaire
from diagnose.store import Store

from .conftest import scale_items
from .helpers import add_respondents


def test_diagnose_round_passes_the_previous_round_as_history(
    store: Store, bundle: Bundle, q: Questionnaire
) -> None:
    ws = store.create_workspace("W")
    net = store.create_network(ws.id, "N", {"size": 10})
    other = store.create_network(ws.id, "Other")
    r2026 = store.create_round(net.id, "2026", date=dt.date(2026, 3, 1))
    r2024 = store.create_round(net.id, "2024", date=dt.date(2024, 3, 1))
    r2025 = store.create_round(
        net.id, "2025", date=dt.date(2025, 3, 1)
    )  # created last, in the middle in time
    store.create_round(other.id, "2025b", date=dt.date(2025, 6, 1))
    add_respondents(store, r2024.id, q, 4, seed=1)
    add_respondents(store, r2026.id, q, 4, seed=3)
    first = store.diagnose_round(r2024.id).diagnosis()
    assert first.previous is None
    # 2025 has no submitted answers: 2026's history is 2024
    with pytest.raises(ValidationFailed) as empty:
        store.diagnose_round(r2025.id)
    assert empty.value.problems[0].code == "no-responses"
    snap = store.diagnose_round(r2026.id)
    d = snap.diagnosis()
    assert d.previous is not None and d.previous.label == "2024"
    expected = diagnose(
        bundle,
        q,
        store.round_as_core(r2026.id),
        [store.round_as_core(r2024.id)],
        store.network_as_core(net.id),
    )
    assert snap.data == expected.model_dump(mode="json")
    assert (snap.questionnaire_id, snap.questionnaire_version) == (q.id, q.version)
    assert (snap.ruleset_id, snap.ruleset_version) == (bundle.settings.id, bundle.settings.version)
    assert snap.respondents == 4


def test_history_from_a_round_with_another_questionnaire_uses_its_scores(
    store: Store, bundle: Bundle
) -> None:
    quick = bundle.questionnaire("quickscan")
    full = bundle.questionnaire("netwerkscan")
    ws = store.create_workspace("W")
    net = store.create_network(ws.id, "N")
    before = store.create_round(net.id, "2024", date=dt.date(2024, 1, 1), questionnaire_id="quickscan")
    after = store.create_round(net.id, "2025", date=dt.date(2025, 1, 1))
    add_respondents(store, before.id, quick, 3, seed=8)
    add_respondents(store, after.id, full, 3, seed=9)
    d = store.diagnose_round(after.id).diagnosis()
    assert d.previous is not None and d.previous.label == "2024"
    assert set(d.previous.scores) <= set(d.scores)


def test_rediagnosis_adds_snapshots_and_equals_diagnose_round(store: Store, q: Questionnaire) -> None:
    ws = store.create_workspace("W")
    rounds = []
    for n in range(2):
        net = store.create_network(ws.id, f"N{n}")
        for year in (2023, 2024, 2025):
            r = store.create_round(net.id, str(year), date=dt.date(year, 2, 1))
            add_respondents(store, r.id, q, 3, seed=year + n)
            rounds.append(r)
    singles = {r.id: store.diagnose_round(r.id) for r in rounds}
    report = store.rediagnose(workspace_id=ws.id)
    assert report.diagnosed == 6 and report.skipped == []
    for r in rounds:
        kept = store.snapshots(r.id)
        assert len(kept) == 2 and kept[0] == singles[r.id]  # the old one is kept, unchanged
        assert kept[1].data == singles[r.id].data
        assert store.latest_snapshot(r.id) == kept[1]
    empty = store.create_round(store.list_networks(ws.id)[0].id, "2026", date=dt.date(2026, 1, 1))
    report = store.rediagnose(round_id=empty.id)
    assert report.diagnosed == 0 and report.skipped[0][0] == empty.id


def test_network_history_for_trend_charts(store: Store, q: Questionnaire) -> None:
    ws = store.create_workspace("W")
    net = store.create_network(ws.id, "N")
    for year in (2024, 2025):
        r = store.create_round(net.id, str(year), date=dt.date(year, 1, 1))
        add_respondents(store, r.id, q, 3, seed=year)
        store.diagnose_round(r.id)
        store.diagnose_round(r.id)
    store.create_round(net.id, "2026", date=dt.date(2026, 1, 1))
    history = store.network_history(net.id)
    assert [h.round.label for h in history] == ["2024", "2025", "2026"]
    assert [h.counts.submitted for h in history] == [3, 3, 0]
    assert history[2].snapshot is None
    assert history[1].snapshot is not None and history[1].snapshot == store.latest_snapshot(
        history[1].round.id
    )
    assert history[1].snapshot.diagnosis().previous is not None


def test_round_as_core_with_drafts(store: Store, rnd: Any, q: Questionnaire) -> None:
    draft = store.open_response(store.create_invitations(rnd.id)[0].token).response
    assert draft is not None
    store.open_response(store.create_invitations(rnd.id)[0].token)  # no answers: left out
    store.save_answer(draft.id, scale_items(q)[0], 2)
    assert store.round_as_core(rnd.id).responses == []
    with_drafts = store.round_as_core(rnd.id, include_drafts=True)
    assert [r.answers for r in with_drafts.responses] == [{scale_items(q)[0]: 2}]


def test_history_round_names_the_round_diagnose_round_uses_as_history(store: Store, bundle: Bundle) -> None:
    quick = bundle.questionnaire("quickscan")
    full = bundle.questionnaire("netwerkscan")
    ws = store.create_workspace("W")
    net = store.create_network(ws.id, "N")
    r2023 = store.create_round(net.id, "2023", date=dt.date(2023, 3, 1))
    r2024 = store.create_round(net.id, "2024", date=dt.date(2024, 3, 1), questionnaire_id="quickscan")
    r2025 = store.create_round(net.id, "2025", date=dt.date(2025, 3, 1))
    r2026 = store.create_round(net.id, "2026", date=dt.date(2026, 3, 1))
    add_respondents(store, r2023.id, full, 3, seed=1)
    add_respondents(store, r2024.id, quick, 3, seed=2)
    add_respondents(store, r2026.id, full, 3, seed=3)
    assert store.history_round(r2023.id) is None
    assert store.history_round(r2024.id) == store.get_round(r2023.id)
    assert store.history_round(r2025.id) is None  # no submitted answers: not diagnosed
    history = store.history_round(r2026.id)
    assert history == store.get_round(r2024.id)  # another questionnaire, and 2025 has no answers
    previous = store.diagnose_round(r2026.id).diagnosis().previous
    assert previous is not None and previous.label == history.label
