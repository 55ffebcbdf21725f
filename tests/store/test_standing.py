"""Rounds' standing rows (store/standing.py) on SQLite and PostgreSQL: they appear after a
diagnosis, follow a re-diagnosis without re-reading unchanged scores, vanish with the round, and
closed results are never handed out."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from diagnose.questionnaire import Questionnaire
from diagnose.store import Store, models

from .helpers import add_respondents, statements

pytestmark = pytest.mark.usefixtures("db_url")


def _network(store: Store, name: str = "Netwerk A", workspace: str = "Adviesbureau") -> int:
    ws = store.workspace_by_name(workspace) or store.create_workspace(workspace)
    return store.create_network(ws.id, name, {"sector": "po"}).id


def _diagnosed_round(
    store: Store, q: Questionnaire, network_id: int, label: str, date: dt.date, n: int = 3, seed: int = 1
) -> int:
    rnd = store.create_round(network_id, label, date=date)
    add_respondents(store, rnd.id, q, n, seed)
    store.diagnose_round(rnd.id)
    return rnd.id


def _rows(store: Store, table: type[models.Base]) -> int:
    with store.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def test_a_diagnosed_round_has_its_means_and_a_rediagnosis_reads_no_scores_again(
    store: Store, q: Questionnaire
) -> None:
    net = _network(store)
    first = _diagnosed_round(store, q, net, "2024", dt.date(2024, 3, 1), seed=1)
    second = _diagnosed_round(store, q, net, "2025", dt.date(2025, 3, 1), seed=2)

    standings = store.latest_standings([net])[net]
    assert [s.round_id for s in standings] == [second, first]  # newest first
    snapshot = store.latest_snapshot(second)
    assert snapshot is not None
    scores = snapshot.diagnosis().scores
    assert standings[0].respondents == 3
    assert set(standings[0].means) == set(scores)
    for cid, score in scores.items():
        assert standings[0].means[cid].mean == pytest.approx(score.mean)
        assert standings[0].means[cid].respondents == score.n
    assert store.latest_standings([net], last=1)[net][0].round_id == second

    # a re-diagnosis (same answers, same scoring inputs): only the snapshot ids move on
    store.rediagnose(network_id=net)
    with statements(store) as seen:
        assert store.refresh_standings([net]) == 0
    assert not any("diagnosis_snapshot.scores," in q for q in seen if q.startswith("SELECT"))
    with store.db.read() as s:
        kept = dict(s.execute(select(models.RoundStanding.round_id, models.RoundStanding.snapshot_id)).all())
    latest = store.latest_snapshot(second)
    assert latest is not None and kept[second] == latest.id
    assert store.refresh_standings([net]) == 0  # up to date: nothing to do at all

    # a new answer changes the scores: the row is filled again from the new snapshot
    add_respondents(store, second, q, 1, seed=9)
    store.diagnose_round(second)
    assert store.refresh_standings([net]) == 1
    now = store.latest_standings([net])[net][0]
    assert now.respondents == 4
    fresh = store.latest_snapshot(second)
    assert fresh is not None
    for cid, score in fresh.diagnosis().scores.items():
        assert now.means[cid].mean == pytest.approx(score.mean)


def test_rows_vanish_with_the_round_and_the_network(store: Store, q: Questionnaire) -> None:
    net = _network(store)
    first = _diagnosed_round(store, q, net, "2024", dt.date(2024, 3, 1), seed=1)
    _diagnosed_round(store, q, net, "2025", dt.date(2025, 3, 1), seed=2)
    store.refresh_standings()
    assert _rows(store, models.RoundStanding) == 2
    store.delete_round(first)
    assert _rows(store, models.RoundStanding) == 1
    assert [s.label for s in store.latest_standings([net])[net]] == ["2025"]
    store.delete_network(net)
    assert _rows(store, models.RoundStanding) == 0
    assert _rows(store, models.RoundConstructMean) == 0


def test_closed_results_are_never_handed_out(store: Store, q: Questionnaire) -> None:
    net = _network(store)
    open_round = _diagnosed_round(store, q, net, "2023", dt.date(2023, 3, 1), seed=1)
    # below the anonymity minimum (2 of 3): diagnosed, but its results are closed
    few = store.create_round(net, "2024", date=dt.date(2024, 3, 1))
    add_respondents(store, few.id, q, 2, seed=2)
    store.diagnose_round(few.id)
    assert [s.round_id for s in store.latest_standings([net], last=5)[net]] == [open_round]

    # a threshold met when diagnosed (3 of 4 links), missed once more links are issued afterwards
    rate = store.create_round(net, "2025", date=dt.date(2025, 3, 1), response_rate_minimum=70)
    add_respondents(store, rate.id, q, 3, seed=3)
    store.create_invitations(rate.id, 1)
    store.diagnose_round(rate.id)
    assert [s.round_id for s in store.latest_standings([net], last=5)[net]] == [rate.id, open_round]
    store.create_invitations(rate.id, 6)
    assert [s.round_id for s in store.latest_standings([net], last=5)[net]] == [open_round]
    other = _network(store, "Netwerk B")
    means = store.latest_open_means(questionnaire_id=q.id, version=q.version, exclude_network_id=other)
    assert [m.round_id for m in means.values()] == [open_round]


def test_latest_open_means_spans_workspaces_per_questionnaire_version(store: Store, q: Questionnaire) -> None:
    own = _network(store, "Eigen netwerk")
    ours = _diagnosed_round(store, q, own, "2025", dt.date(2025, 3, 1), seed=1)
    elsewhere = _network(store, "Netwerk elders", workspace="Programmabureau")
    _diagnosed_round(store, q, elsewhere, "2024", dt.date(2024, 3, 1), seed=2)
    newest = _diagnosed_round(store, q, elsewhere, "2025", dt.date(2025, 3, 1), seed=3)
    empty = _network(store, "Zonder ronde")

    means = store.latest_open_means(questionnaire_id=q.id, version=q.version, exclude_network_id=own)
    assert set(means) == {elsewhere}
    assert means[elsewhere].round_id == newest
    assert means[elsewhere].means and all(m.respondents > 0 for m in means[elsewhere].means.values())
    both = store.latest_open_means(questionnaire_id=q.id, version=q.version)
    assert {nid: m.round_id for nid, m in both.items()} == {own: ours, elsewhere: newest}
    assert store.latest_open_means(questionnaire_id=q.id, version="0.1") == {}
    assert store.latest_standings([empty]) == {empty: []}
