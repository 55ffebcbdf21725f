"""The benchmark's room on SQLite and PostgreSQL: off by default, only an administrator switches it,
switching off takes the network out at once, closed rounds never count, the latest open round of
each network counts, other workspaces' networks count as the viewer cannot see them, and exports
and reference sets hold only anonymised means."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest

from diagnose.benchmark import Scope
from diagnose.diagnosis import Diagnosis
from diagnose.problems import ValidationFailed
from diagnose.questionnaire import Questionnaire
from diagnose.store import Store

from .conftest import full_answers, role_values

pytestmark = pytest.mark.usefixtures("db_url")


def _round(store: Store, q: Questionnaire, network_id: int, label: str, seed: int, n: int = 3) -> int:
    """A round of `n` group answers (filled in together: open with any number), diagnosed."""
    rnd = store.create_round(network_id, label, date=dt.date(2025, 1, 1) + dt.timedelta(days=seed))
    rng = random.Random(seed)
    for i in range(n):
        answers = full_answers(q, rng, role=rng.choice(role_values(q)))
        store.add_group_response(rnd.id, answers, respondent=f"groep {i}")
    store.diagnose_round(rnd.id)
    return rnd.id


def _diagnosis(store: Store, round_id: int) -> Diagnosis:
    snapshot = store.latest_snapshot(round_id)
    assert snapshot is not None
    return snapshot.diagnosis()


@pytest.fixture
def setup(store: Store, q: Questionnaire) -> tuple[int, int, list[int]]:
    """Our network (own workspace) and six networks of another workspace, each with one round."""
    ours = store.create_workspace("Adviesbureau")
    theirs = store.create_workspace("Programmabureau")
    net = store.create_network(ours.id, "Eigen netwerk", {"sector": "po"}).id
    own_round = _round(store, q, net, "2025", seed=100)
    others = []
    for i in range(6):
        other = store.create_network(theirs.id, f"Netwerk {i}", {"sector": "po" if i % 2 else "vo"}).id
        _round(store, q, other, "2025", seed=i)
        others.append(other)
    return net, own_round, others


def test_taking_part_is_off_by_default_and_the_benchmark_needs_five_others(
    store: Store, setup: tuple[int, int, list[int]]
) -> None:
    net, own_round, others = setup
    d = _diagnosis(store, own_round)
    assert not store.benchmark_taking_part(net)
    for other in others:
        store.set_benchmark_taking_part(other, True)
    assert store.benchmark_for(own_round, d) is None  # our network does not take part itself
    assert store.set_benchmark_taking_part(net, True) is True
    assert store.set_benchmark_taking_part(net, True) is False  # already on
    result = store.benchmark_for(own_round, d)
    assert result is not None and result.networks == 6
    assert all(5 <= b.networks <= 6 for b in result.bands)  # a construct some rounds did not score
    assert max(b.networks for b in result.bands) == 6
    for b in result.bands:  # the own figure is the round's visible mean, rounded
        assert b.own == round(d.visible_scores()[b.construct], 1)

    store.set_benchmark_taking_part(others[0], False)  # 5 others: still shown
    assert store.benchmark_for(own_round, d) is not None
    store.set_benchmark_taking_part(others[1], False)  # 4 others: nothing, at once
    assert store.benchmark_for(own_round, d) is None
    assert store.benchmark_peers("netwerkscan", exclude_network_id=net) != []


def test_only_an_administrator_of_the_networks_workspace_switches_it(
    store: Store, setup: tuple[int, int, list[int]]
) -> None:
    net, _, _ = setup
    ours = store.get_network(net).workspace_id
    admin = store.add_user("beheer@adviesbureau.nl", "een lang wachtwoord 1", workspace_id=ours, role="admin")
    member = store.add_user("lid@adviesbureau.nl", "een lang wachtwoord 2", workspace_id=ours, role="member")
    other_ws = store.create_workspace("Elders")
    stranger = store.add_user(
        "beheer@elders.nl", "een lang wachtwoord 3", workspace_id=other_ws.id, role="admin"
    )
    for who in (member.id, stranger.id):
        with pytest.raises(ValidationFailed) as refused:
            store.set_benchmark_taking_part(net, True, user_id=who)
        assert refused.value.problems[0].code == "benchmark-not-admin"
        assert not store.benchmark_taking_part(net)
    assert store.set_benchmark_taking_part(net, True, user_id=admin.id)
    assert next(e.action for e in store.audit_events(ours, limit=5)) == "benchmark_on"


def test_closed_rounds_never_count_and_each_network_counts_with_its_latest_open_round(
    store: Store, q: Questionnaire, setup: tuple[int, int, list[int]]
) -> None:
    net, own_round, others = setup
    store.set_benchmark_taking_part(net, True)
    for other in others[:5]:
        store.set_benchmark_taking_part(other, True)
    # a newer round of one network with two respondents: below the anonymity minimum, not counted
    newer = store.create_round(others[0], "2026", date=dt.date(2026, 1, 1))
    from .helpers import add_respondents

    add_respondents(store, newer.id, q, 2, seed=7)
    store.diagnose_round(newer.id)
    peers = store.benchmark_peers("netwerkscan", exclude_network_id=net)
    assert len(peers) == 5
    first = store.latest_standings([others[0]])[others[0]][0]
    assert first.label == "2025"  # the closed 2026 round is not its latest open one
    # a newer open round replaces the older one: still one entry per network
    newest = _round(store, q, others[0], "2027", seed=50)
    peers = store.benchmark_peers("netwerkscan", exclude_network_id=net)
    assert len(peers) == 5
    newest_means = {c: m.mean for c, m in store.latest_standings([others[0]])[others[0]][0].means.items()}
    assert store.latest_standings([others[0]])[others[0]][0].round_id == newest
    assert any(all(p.means.get(c) == v for c, v in newest_means.items() if c in p.means) for p in peers)
    # our own round's results closed: nothing
    d = _diagnosis(store, own_round)
    closed = d.with_response_rate(invited=10, rate_minimum=80)  # 3 of 10 invited: closed
    assert not closed.results_allowed
    assert store.benchmark_for(own_round, closed) is None


def test_networks_of_ones_own_workspace_count_but_cannot_be_subtracted(
    store: Store, q: Questionnaire, setup: tuple[int, int, list[int]]
) -> None:
    """Five networks of our own workspace and one of another: that one would be derivable."""
    net, own_round, others = setup
    ws = store.get_network(net).workspace_id
    store.set_benchmark_taking_part(net, True)
    for i in range(5):
        mine = store.create_network(ws, f"Klant {i}").id
        _round(store, q, mine, "2025", seed=200 + i)
        store.set_benchmark_taking_part(mine, True)
    d = _diagnosis(store, own_round)
    assert store.benchmark_for(own_round, d) is not None  # only our own: we see them anyway
    store.set_benchmark_taking_part(others[0], True)
    assert store.benchmark_for(own_round, d) is None  # one stranger among them: refused
    for other in others[1:5]:
        store.set_benchmark_taking_part(other, True)
    result = store.benchmark_for(own_round, d)
    assert result is not None and result.networks == 10


def test_a_deleted_network_leaves_the_benchmark_with_its_rows(
    store: Store, setup: tuple[int, int, list[int]]
) -> None:
    net, own_round, others = setup
    for n in (net, *others):
        store.set_benchmark_taking_part(n, True)
    store.delete_network(others[0])
    store.delete_network(others[1])
    assert store.benchmark_for(own_round, _diagnosis(store, own_round)) is None


def test_export_then_import_elsewhere_is_a_reference_set_and_holds_no_names(
    store: Store, other_store: Store, q: Questionnaire, setup: tuple[int, int, list[int]], tmp_path: Path
) -> None:
    _, _, others = setup
    with pytest.raises(ValidationFailed) as too_few:
        store.benchmark_export()
    assert too_few.value.problems[0].code == "benchmark-too-few"
    for n in others:
        store.set_benchmark_taking_part(n, True)
    exported = store.benchmark_export(today=dt.date(2026, 11, 30))
    assert len(exported.networks) == 6
    text = json.dumps(exported.model_dump(mode="json"))
    for name in ("Netwerk", "Programmabureau", "Adviesbureau", "2025"):
        assert name not in text
    for n in exported.networks:
        assert all(round(v, 1) == v for v in n.means.values())
        # sector only where at least five share it: three po and three vo here, so none
        assert n.sector is None and n.network_type is None
    path = tmp_path / "referentie.json"
    from diagnose.benchmark_file import dumps

    path.write_text(dumps(exported), encoding="utf-8")

    other_ws = other_store.create_workspace("Elders")
    lone = other_store.create_network(other_ws.id, "Alleen", {"sector": "po"}).id
    lone_round = _round(other_store, q, lone, "2025", seed=300)
    other_store.set_benchmark_taking_part(lone, True)
    d = _diagnosis(other_store, lone_round)
    assert other_store.benchmark_for(lone_round, d) is None
    info = other_store.import_benchmark(path, name="Regio Oost 2026")
    assert (info.networks, info.created) == (6, dt.date(2026, 11, 30))
    result = other_store.benchmark_for(lone_round, d)
    assert result is not None and result.networks == 6
    assert result.scope == Scope()
    with pytest.raises(ValidationFailed) as again:
        other_store.import_benchmark(path, name="nog eens")
    assert again.value.problems[0].code == "benchmark-imported"
    assert [r.name for r in other_store.benchmark_references()] == ["Regio Oost 2026"]
    # a reference set is never passed on by the next export
    with pytest.raises(ValidationFailed):
        other_store.benchmark_export()
    other_store.remove_benchmark_reference(info.id)
    assert other_store.benchmark_for(lone_round, d) is None
    assert other_store.benchmark_references() == []


def test_the_filters_follow_the_sector_and_type_each_round_answered(store: Store, q: Questionnaire) -> None:
    """Ten others: five answered our sector and five another: 'zelfde sector' is offered and counts
    the five; the network type as answered gives no filter when all answered alike."""
    sector, kind = q.fact_item("sector"), q.fact_item("network_type")
    assert sector is not None and kind is not None
    ours = store.create_workspace("Adviesbureau")
    theirs = store.create_workspace("Programmabureau")

    def answered(ws: int, name: str, seed: int, value: str) -> tuple[int, int]:
        net = store.create_network(ws, name).id
        rnd = store.create_round(net, "2025")
        rng = random.Random(seed)
        for i in range(3):
            answers = full_answers(q, rng, role=rng.choice(role_values(q)))
            answers |= {sector.id: value, kind.id: "learning"}
            store.add_group_response(rnd.id, answers, respondent=f"groep {i}")
        store.diagnose_round(rnd.id)
        store.set_benchmark_taking_part(net, True)
        return net, rnd.id

    _, own_round = answered(ours.id, "Eigen", 99, "po")
    for i in range(10):
        answered(theirs.id, f"Netwerk {i}", i, "po" if i < 5 else "vo")
    d = _diagnosis(store, own_round)
    result = store.benchmark_for(own_round, d)
    assert result is not None and result.networks == 10
    assert result.offered == (Scope(), Scope(sector=True))  # all answered 'learning': no type filter
    same = store.benchmark_for(own_round, d, Scope(sector=True))
    assert same is not None and same.networks == 5
    assert "zelfde sector: Primair onderwijs" in same.heading_in(q).nl
