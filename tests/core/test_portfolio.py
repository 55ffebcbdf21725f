"""The portfolio's pure core (diagnose/portfolio.py): each "needs attention" reason, the trend per
construct group (across questionnaire versions as diagnose.comparability says), sort, filter, page."""

from __future__ import annotations

import datetime as dt

import pytest

from diagnose import Bundle
from diagnose.portfolio import (
    STALE_AFTER,
    Filter,
    LatestRound,
    Measured,
    NetworkFacts,
    filtered,
    page,
    portfolio,
    row,
    sort_rows,
)
from diagnose.scores import Reference

TODAY = dt.date(2026, 11, 30)


def _banded(bundle: Bundle, group: str) -> list[str]:
    """Banded constructs of a group that questionnaire 2.0 measures."""
    measured = _steady(bundle)
    return [c.id for c in bundle.constructs.constructs if c.id in measured and c.group == group]


def _measured(
    bundle: Bundle,
    label: str,
    date: dt.date,
    means: dict[str, float],
    *,
    version: str = "2.0",
) -> Measured:
    concern = bundle.settings.thresholds["concern"]
    strength = bundle.settings.thresholds["strength"]
    bands = {
        cid: "concern" if m < concern else "strength" if m >= strength else "attention"
        for cid, m in means.items()
    }
    return Measured(label, date, Reference(id="netwerkscan", version=version), dict(means), bands)


def _steady(bundle: Bundle, value: float = 3.6, version: str = "2.0") -> dict[str, float]:
    q = bundle.questionnaire("netwerkscan", version)
    return {
        cid: value
        for cid in q.items_by_construct
        if cid in bundle.constructs.by_id and bundle.constructs.by_id[cid].kind == "score"
    }


def _latest(label: str = "2026", date: dt.date = dt.date(2026, 3, 1), **kw: object) -> LatestRound:
    values: dict[str, object] = {
        "label": label,
        "date": date,
        "created": date,
        "is_open": False,
        "invited": 10,
        "submitted": 8,
    }
    values.update(kw)
    return LatestRound(**values)  # type: ignore[arg-type]


def _facts(
    measured: list[Measured], latest: LatestRound | None = None, name: str = "Netwerk", **profile: str
) -> NetworkFacts:
    return NetworkFacts(
        network_id=1,
        name=name,
        profile=profile,
        created=dt.date(2024, 1, 1),
        latest=latest if latest is not None else _latest(),
        measured=measured,
    )


def test_a_steady_network_needs_no_attention(bundle: Bundle) -> None:
    before = _measured(bundle, "2025", dt.date(2025, 3, 1), _steady(bundle))
    now = _measured(bundle, "2026", dt.date(2026, 3, 1), _steady(bundle))
    r = row(bundle, _facts([now, before]), TODAY)
    assert not r.needs_attention and r.reasons == ()
    assert r.status == "closed" and r.response_rate == 80
    assert [t.group for t in r.trends] == bundle.constructs.trend_groups
    assert all(t.arrow == "＝" and t.change == 0 for t in r.trends)


def test_a_new_concern_and_a_decline_are_reasons_with_their_constructs(bundle: Bundle) -> None:
    trust_like = _banded(bundle, "characteristic")[0]
    other = _banded(bundle, "building_block")[0]
    concern = bundle.settings.thresholds["concern"]
    change = bundle.settings.thresholds["change"]
    before_means = _steady(bundle)
    now_means = dict(before_means)
    now_means[trust_like] = concern - 0.2  # a concern now, attention before; also a fall > change
    now_means[other] = before_means[other] - change  # exactly the threshold: a decline
    before = _measured(bundle, "2025", dt.date(2025, 3, 1), before_means)
    now = _measured(bundle, "2026", dt.date(2026, 3, 1), now_means)
    r = row(bundle, _facts([now, before]), TODAY)
    codes = [x.code for x in r.reasons]
    assert codes == ["new_concern", "decline"]
    assert r.reasons[0].params["constructs"] == [trust_like]
    decline = r.reasons[1].params
    assert set(decline["constructs"]) == {trust_like, other}
    assert decline["constructs"][0] == trust_like  # the steepest fall first
    assert decline["previous"] == "2025"
    characteristic = next(t for t in r.trends if t.group == "characteristic")
    assert characteristic.arrow == "▼" and characteristic.change is not None and characteristic.change < 0

    # a fall just short of the threshold is no decline; a concern that was one already is not new
    now_means[other] = before_means[other] - change + 0.05
    before_means[trust_like] = concern - 0.1
    r = row(
        bundle,
        _facts(
            [
                _measured(bundle, "2026", dt.date(2026, 3, 1), now_means),
                _measured(bundle, "2025", dt.date(2025, 3, 1), before_means),
            ]
        ),
        TODAY,
    )
    assert r.reasons == ()


def test_the_concerns_of_a_first_round_are_new(bundle: Bundle) -> None:
    means = _steady(bundle)
    weak = _banded(bundle, "pitfall")[0]
    means[weak] = 1.5
    r = row(bundle, _facts([_measured(bundle, "2026", dt.date(2026, 3, 1), means)]), TODAY)
    assert [x.code for x in r.reasons] == ["new_concern"]
    assert all(t.arrow == "" and t.change is None for t in r.trends)


@pytest.mark.parametrize("why", ["none", "minimum", "response_rate"])
def test_results_closed_by_low_response_is_a_reason(bundle: Bundle, why: str) -> None:
    latest = _latest(closed=why, submitted=2)
    r = row(bundle, _facts([], latest), TODAY)
    assert r.status == "results_closed"
    assert [(x.code, x.params["reason"]) for x in r.reasons] == [("low_response", why)]
    # while the round is still open, a low count is no reason yet
    assert row(bundle, _facts([], _latest(closed=why, is_open=True)), TODAY).reasons == ()


def test_no_round_for_over_a_year(bundle: Bundle) -> None:
    old = TODAY - STALE_AFTER - dt.timedelta(days=1)
    r = row(bundle, _facts([], _latest(date=old)), TODAY)
    assert [x.code for x in r.reasons] == ["no_recent_round"]
    assert r.reasons[0].params == {"date": old, "has_round": True}
    assert row(bundle, _facts([], _latest(date=TODAY - STALE_AFTER)), TODAY).reasons == ()
    # an undated round counts from when it was made
    undated = _latest(date=None, created=old)  # type: ignore[arg-type]
    assert [x.code for x in row(bundle, _facts([], undated), TODAY).reasons] == ["no_recent_round"]
    # a network without rounds counts from when it was made
    never = NetworkFacts(9, "Nieuw", {}, old, None, [])
    assert row(bundle, never, TODAY).reasons[0].params["has_round"] is False
    assert row(bundle, never, TODAY).status == "none"
    assert row(bundle, NetworkFacts(9, "Nieuw", {}, TODAY, None, []), TODAY).reasons == ()


def test_a_round_open_past_its_deadline_is_overdue(bundle: Bundle) -> None:
    late = _latest(is_open=True, deadline=TODAY - dt.timedelta(days=1))
    r = row(bundle, _facts([], late), TODAY)
    assert r.status == "open"
    assert [x.code for x in r.reasons] == ["overdue"]
    assert row(bundle, _facts([], _latest(is_open=True, deadline=TODAY)), TODAY).reasons == ()
    assert row(bundle, _facts([], _latest(is_open=False, deadline=dt.date(2020, 1, 1))), TODAY).reasons == ()


def test_trends_across_versions_compare_only_the_comparable_constructs(bundle: Bundle) -> None:
    q2 = bundle.questionnaire("netwerkscan", "2.0")
    q1 = bundle.questionnaire("netwerkscan", "1.0")
    comparison = q2.comparison_with("1.0")
    assert comparison is not None
    mapped = dict(comparison.constructs)
    now_means = _steady(bundle, 3.6, "2.0")
    before_means = _steady(bundle, 3.6, "1.0")
    # every 1.0 construct that 2.0 does not declare comparable falls a whole point: not compared
    for cid in before_means:
        if cid not in mapped.values():
            before_means[cid] = 4.6
    rising = next(
        new for new, old in mapped.items() if bundle.constructs.by_id[new].group == "characteristic"
    )
    now_means[rising] = 4.1  # half a point up on a comparable construct
    now = _measured(bundle, "2026", dt.date(2026, 3, 1), now_means)
    before = _measured(bundle, "2025", dt.date(2025, 3, 1), before_means, version="1.0")
    assert q1.version == "1.0"
    r = row(bundle, _facts([now, before]), TODAY)
    characteristic = next(t for t in r.trends if t.group == "characteristic")
    assert characteristic.arrow == "▲"
    assert not any(x.code == "decline" for x in r.reasons)


def test_sort_filter_and_page(bundle: Bundle) -> None:
    steady = [_measured(bundle, "2026", dt.date(2026, 3, 1), _steady(bundle))]
    facts = [
        NetworkFacts(
            1,
            "Bravo",
            {"sector": "po", "region": "utrecht"},
            dt.date(2024, 1, 1),
            _latest(submitted=5),
            steady,
        ),
        NetworkFacts(
            2,
            "alfa",
            {"sector": "vo", "region": "limburg"},
            dt.date(2024, 1, 1),
            _latest(closed="response_rate", submitted=6),
            [],
        ),
        NetworkFacts(
            3, "Charlie", {"sector": "po"}, dt.date(2024, 1, 1), _latest(is_open=True, invited=0), steady
        ),
    ]
    rows = portfolio(bundle, facts, TODAY)
    assert [r.name for r in rows] == ["alfa", "Bravo", "Charlie"]  # attention first, then by name
    assert [r.name for r in sort_rows(rows, "name")] == ["alfa", "Bravo", "Charlie"]
    assert [r.name for r in sort_rows(rows, "response")] == ["Bravo", "alfa", "Charlie"]  # no rate last
    assert [r.name for r in filtered(rows, Filter(sector=frozenset({"po"})))] == ["Bravo", "Charlie"]
    assert [r.name for r in filtered(rows, Filter(region=frozenset({"limburg"})))] == ["alfa"]
    assert [r.name for r in filtered(rows, Filter(status=frozenset({"open"})))] == ["Charlie"]
    assert [r.name for r in filtered(rows, Filter(attention_only=True))] == ["alfa"]
    assert [r.name for r in page(rows, 2, 2)] == ["Charlie"]
    assert [r.name for r in page(rows, 9, 2)] == ["Charlie"]  # past the end: the last page
    assert page([], 1, 50) == []
