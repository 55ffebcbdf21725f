"""The standing rows read in SQL (store/standing.py: each network's newest rounds by `row_number()`,
the open check in Python after it) on SQLite and PostgreSQL: a network whose newest rounds are all
closed still shows its older open one, rounds with equal or missing dates keep the store's round
order (chronology.round_sort_key, the day a round was made taken in UTC), a network without rounds
has an empty row, and the benchmark counts such a network by its open round until it opts out."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text, update

from diagnose.questionnaire import Questionnaire
from diagnose.store import Store, models
from diagnose.store.chronology import round_sort_key
from diagnose.store.portfolio_view import portfolio_rows

from .helpers import add_respondents

pytestmark = pytest.mark.usefixtures("db_url")
TODAY = dt.date(2026, 11, 30)
UTC = dt.timezone.utc


def _round(store: Store, q: Questionnaire, network_id: int, label: str, date: dt.date | None, n: int) -> int:
    """A diagnosed round of `n` respondents (fewer than 3: its results stay closed)."""
    rnd = store.create_round(network_id, label, date=date)
    add_respondents(store, rnd.id, q, n, seed=len(label) + n)
    store.diagnose_round(rnd.id)
    return rnd.id


def _older_open_then_closed(store: Store, q: Questionnaire, network_id: int) -> tuple[int, int, int]:
    """Two open rounds (2021, 2022), then three whose results are closed (2023-2025, 2 of 3)."""
    first = _round(store, q, network_id, "2021", dt.date(2021, 3, 1), 3)
    second = _round(store, q, network_id, "2022", dt.date(2022, 3, 1), 3)
    for year in (2023, 2024):
        _round(store, q, network_id, str(year), dt.date(year, 3, 1), 2)
    newest = _round(store, q, network_id, "2025", dt.date(2025, 3, 1), 2)
    return first, second, newest


def test_newest_rounds_closed_an_older_one_open_and_a_network_without_rounds(
    store: Store, q: Questionnaire
) -> None:
    ws = store.create_workspace("Programmabureau")
    net = store.create_network(ws.id, "Netwerk Dicht", {"sector": "po"}).id
    empty = store.create_network(ws.id, "Netwerk Leeg", {"sector": "vo"}).id
    first, second, newest = _older_open_then_closed(store, q, net)
    store.close_round(newest)

    standings = store.latest_standings([net, empty], last=2)
    assert [s.round_id for s in standings[net]] == [second, first]
    assert [s.label for s in store.latest_standings([net], last=1)[net]] == ["2022"]
    assert standings[empty] == []
    assert set(standings[net][0].means) and all(m.respondents == 3 for m in standings[net][0].means.values())
    assert store.latest_open_means(questionnaire_id=q.id, version=q.version)[net].round_id == second
    assert store.latest_rounds([net, empty]) == {net: store.latest_rounds([net])[net]}

    rows = {r.name: r for r in portfolio_rows(store, ws.id, today=TODAY)}
    closed = rows["Netwerk Dicht"]
    assert closed.latest is not None and closed.latest.round_id == newest
    assert closed.status == "results_closed" and "low_response" in [x.code for x in closed.reasons]
    assert closed.measured is not None and closed.measured.round_id == second
    assert any(t.change is not None for t in closed.trends)  # 2022 against 2021, past the closed ones
    leeg = rows["Netwerk Leeg"]
    assert (leeg.status, leeg.latest, leeg.measured, leeg.trends) == ("none", None, None, ())
    assert leeg.reasons == ()  # made today: not yet a year without a round


def _set(store: Store, round_id: int, *, date: dt.date | None, created: dt.datetime) -> None:
    with store.db.write() as s:
        s.execute(
            update(models.Round).where(models.Round.id == round_id).values(date=date, created_at=created)
        )


def test_equal_and_missing_dates_keep_the_stores_round_order(
    store: Store, q: Questionnaire, backend: str
) -> None:
    if backend == "postgresql":  # a session zone ahead of UTC: the day a round was made stays UTC's
        with store.engine.begin() as conn:
            conn.execute(
                text(f"ALTER DATABASE \"{store.engine.url.database}\" SET timezone TO 'Europe/Amsterdam'")
            )
        store.engine.dispose()
    ws = store.create_workspace("Adviesbureau")
    net = store.create_network(ws.id, "Netwerk A", {"sector": "po"}).id
    ids = {label: _round(store, q, net, label, None, 3) for label in ("a", "b", "c", "d", "e", "f")}
    made = dt.datetime(2025, 1, 1, 9, 0, tzinfo=UTC)
    _set(store, ids["a"], date=dt.date(2025, 3, 1), created=made)
    _set(store, ids["b"], date=dt.date(2025, 3, 1), created=made + dt.timedelta(hours=1))  # same date, later
    # no date: made late on 1 March (UTC), 2 March in Amsterdam; "d" is dated 2 March
    _set(store, ids["c"], date=None, created=dt.datetime(2025, 3, 1, 23, 30, tzinfo=UTC))
    _set(store, ids["d"], date=dt.date(2025, 3, 2), created=made)
    _set(store, ids["e"], date=None, created=made)  # e and f: everything equal but the id
    _set(store, ids["f"], date=None, created=made)

    with store.db.read() as s:
        rows = list(s.scalars(select(models.Round).where(models.Round.network_id == net)))
    python_order = [r.id for r in sorted(rows, key=round_sort_key, reverse=True)]
    expected = [ids[x] for x in ("d", "c", "b", "a", "f", "e")]
    assert python_order == expected
    assert [s.round_id for s in store.latest_standings([net], last=6)[net]] == expected
    assert [s.round_id for s in store.latest_standings([net], last=2)[net]] == expected[:2]
    assert store.latest_rounds([net])[net].round_id == ids["d"]
    assert store.latest_open_means(questionnaire_id=q.id, version=q.version)[net].round_id == ids["d"]


def test_the_benchmark_counts_an_older_open_round_until_the_network_opts_out(
    store: Store, q: Questionnaire
) -> None:
    ws = store.create_workspace("Programmabureau")
    net = store.create_network(ws.id, "Netwerk Dicht", {"sector": "po"}).id
    _, second, _ = _older_open_then_closed(store, q, net)
    viewer = store.create_network(ws.id, "Kijker", {"sector": "po"}).id
    assert store.benchmark_peers(q.id, exclude_network_id=viewer) == []  # off by default

    store.set_benchmark_taking_part(net, True)
    peers = store.benchmark_peers(q.id, exclude_network_id=viewer)
    standing = store.latest_standings([net], last=1)[net][0]
    assert standing.round_id == second
    assert len(peers) == 1
    assert peers[0].means == {c: m.mean for c, m in standing.means.items() if m.mean is not None}

    store.set_benchmark_taking_part(net, False)
    assert store.benchmark_peers(q.id, exclude_network_id=viewer) == []
