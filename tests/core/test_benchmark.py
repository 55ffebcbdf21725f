"""The benchmark's core: bands, the minimum, the filters, and what nobody can derive from them
(docs/benchmark.md, "What the benchmark guards against": G1–G5)."""

from __future__ import annotations

import itertools
import random

import pytest

from diagnose import Bundle
from diagnose.benchmark import (
    ALL,
    Own,
    Peer,
    Scope,
    checked_minimum,
    compare,
    in_own_terms,
    offered_scopes,
    position_text,
    quartile,
)
from diagnose.scores import Reference

Q = Reference(id="netwerkscan", version="2.0")
C = "lnc4_trust"


def peer(
    value: float, sector: str = "po", kind: str = "learning", *, same: bool = False, **more: float
) -> Peer:
    return Peer(Q, {C: value, **more}, sector=sector, network_type=kind, same_workspace=same)


def own(value: float = 3.5, sector: str | None = "po", kind: str | None = "learning") -> Own:
    return Own(Q, {C: value}, sector=sector, network_type=kind)


def test_the_band_is_the_median_and_middle_half_of_the_others_and_counts_those_below() -> None:
    others = [peer(v) for v in (2.0, 2.5, 3.0, 3.2, 3.9, 4.1, 4.4, 4.6)]
    result = compare(own(3.5), others, minimum=5)
    assert result is not None and result.networks == 8
    (band,) = result.bands
    # 8 values: P25 at 1.75, median at 3.5, P75 at 5.25 (between two networks each)
    assert band.low == pytest.approx(round(2.5 + 0.75 * 0.5, 1))
    assert band.median == pytest.approx(round((3.2 + 3.9) / 2, 1))
    assert band.high == pytest.approx(round(4.1 + 0.25 * 0.3, 1))
    assert (band.above, band.networks, band.own) == (4, 8, 3.5)
    assert position_text(band).nl == "hoger dan 4 van de 8 netwerken"
    assert position_text(band).en == "higher than 4 of the 8 networks"
    assert (
        result.heading(None, None).nl == "Vergeleken met 8 andere netwerken (alle sectoren en netwerktypen)."
    )


def test_fewer_than_the_minimum_shows_nothing_and_the_minimum_is_never_below_five() -> None:
    values = (2.0, 2.6, 3.1, 3.8, 4.4)
    assert compare(own(), [peer(v) for v in values[:4]], minimum=5) is None
    assert compare(own(), [peer(v) for v in values], minimum=5) is not None
    assert compare(own(), [peer(v) for v in values], minimum=6) is None
    with pytest.raises(ValueError, match="at least 5"):
        compare(own(), [peer(v) for v in values], minimum=4)
    assert checked_minimum(7) == 7


def test_a_construct_measured_by_fewer_than_the_minimum_is_left_out_while_others_show() -> None:
    others = [peer(v, lnc1_goal_focus=v) for v in (2.0, 2.6, 3.1)]
    others += [peer(v) for v in (3.8, 4.4, 4.7)]
    mine = Own(Q, {C: 3.0, "lnc1_goal_focus": 3.0}, sector="po", network_type="learning")
    result = compare(mine, others, minimum=5)
    assert result is not None
    assert [b.construct for b in result.bands] == [C]


def test_the_networks_of_ones_own_workspace_cannot_be_subtracted() -> None:
    """G2: a consultant sees the scores of the networks in their own workspace; were those counted
    with only a few others, the band would tell about those few."""
    seen = [peer(v, same=True) for v in (2.0, 2.6, 3.1, 3.8, 4.4)]
    hidden = [peer(v) for v in (2.2, 3.3, 4.0, 4.2, 4.8)]
    assert compare(own(), seen, minimum=5) is not None  # only networks the viewer sees anyway
    for few in range(1, 5):
        assert compare(own(), seen + hidden[:few], minimum=5) is None, few
    assert compare(own(), seen + hidden, minimum=5) is not None


def test_a_filter_is_offered_only_when_the_networks_it_leaves_out_are_none_or_enough() -> None:
    """G3: with 'all' and 'same sector' both shown, their difference is the networks of other
    sectors; four of them would be four networks' aggregate, one of them a single network's."""
    po = [peer(v) for v in (2.0, 2.6, 3.1, 3.8, 4.4, 4.6)]
    for n_other in range(1, 5):
        vo = [peer(v, sector="vo") for v in (2.1, 3.4, 4.2, 4.9)[:n_other]]
        scopes = offered_scopes(own(), po + vo, 5)
        assert scopes == [ALL], n_other
        assert compare(own(), po + vo, minimum=5, scope=Scope(sector=True)) is None
    vo = [peer(v, sector="vo") for v in (2.1, 3.4, 4.2, 4.9, 1.8)]
    assert Scope(sector=True) in offered_scopes(own(), po + vo, 5)
    result = compare(own(), po + vo, minimum=5, scope=Scope(sector=True))
    assert result is not None and result.networks == 6
    assert result.heading(None, None).nl.startswith("Vergeleken met 6 andere netwerken")


def test_the_filters_together_need_every_cell_of_sector_and_type_to_be_none_or_enough() -> None:
    cells = {
        ("po", "learning"): (2.0, 2.6, 3.1, 3.8, 4.4),
        ("po", "chain"): (2.2, 2.9, 3.6, 4.0, 4.5),
        ("vo", "learning"): (1.9, 2.4, 3.3, 3.9, 4.8),
        ("vo", "chain"): (2.1, 3.0, 3.5, 4.1),  # four: sector and type together would expose them
    }
    others = [peer(v, s, k) for (s, k), values in cells.items() for v in values]
    scopes = offered_scopes(own(), others, 5)
    assert scopes == [ALL, Scope(sector=True)]  # sector alone: po 10, vo 9 — both safe
    cells[("vo", "chain")] += (4.6,)
    others = [peer(v, s, k) for (s, k), values in cells.items() for v in values]
    assert offered_scopes(own(), others, 5) == [
        ALL,
        Scope(sector=True),
        Scope(network_type=True),
        Scope(sector=True, network_type=True),
    ]


def test_no_count_or_figure_of_any_two_views_can_be_subtracted_to_fewer_than_the_minimum() -> None:
    """The privacy officer's check over many random installations: for every construct shown in two
    views offered to the same network, the networks one view counts and the other does not are
    none or at least the minimum, and so are those the viewer cannot see among them."""
    rng = random.Random(15)
    checked = 0
    for _ in range(200):
        n = rng.randint(5, 24)
        others = [
            Peer(
                Q,
                {C: round(rng.uniform(1, 5), 2)} | ({"lnc1_goal_focus": 3.0} if rng.random() < 0.3 else {}),
                sector=rng.choice(("po", "vo", "mbo")),
                network_type=rng.choice(("learning", "chain")),
                same_workspace=rng.random() < 0.3,
            )
            for _ in range(n)
        ]
        mine = own(rng.uniform(1, 5), rng.choice(("po", "vo")), rng.choice(("learning", "chain")))
        views = {s: compare(mine, others, minimum=5, scope=s) for s in offered_scopes(mine, others, 5)}
        shown = {s: {b.construct: b for b in v.bands} for s, v in views.items() if v is not None}
        for a, b in itertools.permutations(shown, 2):
            if not set(b.filters) > set(a.filters):
                continue
            for cid in set(shown[a]) & set(shown[b]):
                outer = [p for p in others if cid in p.means and _in(p, mine, a)]
                inner = [p for p in others if cid in p.means and _in(p, mine, b)]
                diff = [p for p in outer if p not in inner]
                hidden = [p for p in diff if not p.same_workspace]
                assert len(diff) == 0 or len(diff) >= 5
                assert len(hidden) == 0 or len(hidden) >= 5
                assert shown[a][cid].networks - shown[b][cid].networks == len(diff)
                checked += 1
        for view in shown.values():
            for band in view.values():
                assert band.networks >= 5
    assert checked > 25  # the random installations did offer filtered views to compare


def _in(p: Peer, mine: Own, scope: Scope) -> bool:
    return all(getattr(p, f) == getattr(mine, f) for f in scope.filters)


def test_no_figure_is_a_single_networks_mean() -> None:
    """G4: every quartile moves with at least two networks' means, so none is one network's score."""
    rng = random.Random(4)
    for n in range(5, 30):
        values = sorted(round(rng.uniform(1, 5), 3) for _ in range(n))
        for p in (0.25, 0.5, 0.75):
            base = quartile(values, p)
            moved = 0
            for i in range(n):
                nudged = sorted([*values[:i], values[i] + 1e-6, *values[i + 1 :]])
                moved += quartile(nudged, p) != base
            assert moved >= 2, (n, p)
    assert quartile([1.0, 2.0, 3.0, 4.0, 9.0], 0.5) == pytest.approx((2 + 6 + 4) / 4)


def test_networks_that_score_alike_are_not_shown() -> None:
    """G5: five networks on 3.0 would give a band of 3.0–3.0, and with it each network's score."""
    assert compare(own(), [peer(3.0) for _ in range(6)], minimum=5) is None
    assert compare(own(), [peer(v) for v in (3.0, 3.0, 3.0, 3.04, 3.02, 3.1)], minimum=5) is None
    assert compare(own(), [peer(v) for v in (3.0, 3.0, 3.0, 3.2, 3.4, 3.1)], minimum=5) is not None


def test_figures_are_rounded_to_a_tenth() -> None:
    result = compare(own(3.456), [peer(v) for v in (2.013, 2.687, 3.149, 3.822, 4.431)], minimum=5)
    assert result is not None
    band = result.bands[0]
    for figure in (band.own, band.median, band.low, band.high):
        assert figure == round(figure, 1)


def test_a_network_without_a_sector_is_offered_no_sector_filter() -> None:
    others = [peer(v) for v in (2.0, 2.6, 3.1, 3.8, 4.4)]
    others += [peer(v, sector="vo") for v in (2.1, 3.4, 4.2, 4.9, 1.8)]
    assert Scope(sector=True) in offered_scopes(own(), others, 5)
    assert Scope(sector=True) not in offered_scopes(own(sector=None), others, 5)


def test_a_construct_only_some_networks_measure_shows_in_a_filter_that_leaves_it_unchanged() -> None:
    po = [peer(v, lnc1_goal_focus=v) for v in (2.0, 2.6, 3.1, 3.8, 4.4)]
    vo = [peer(v, sector="vo") for v in (2.1, 3.4, 4.2, 4.9, 1.8)]
    mine = Own(Q, {C: 3.0, "lnc1_goal_focus": 3.0}, sector="po", network_type="learning")
    result = compare(mine, po + vo, minimum=5, scope=Scope(sector=True))
    assert result is not None
    assert {b.construct for b in result.bands} == {C, "lnc1_goal_focus"}


def test_other_versions_are_read_in_this_rounds_terms_and_other_questionnaires_left_out(
    bundle: Bundle,
) -> None:
    v2 = bundle.questionnaire("netwerkscan")
    v1 = bundle.questionnaire("netwerkscan", "1.0")
    comparison = v2.comparison_with("1.0")
    assert comparison is not None
    mapped = dict(comparison.constructs)
    new_id, old_id = next(iter(mapped.items()))
    scores = [c for c in v1.items_by_construct if bundle.constructs.by_id[c].kind == "score"]
    unmapped_old = next(c for c in scores if c not in mapped.values())
    old = Peer(Reference(id=v1.id, version=v1.version), {old_id: 3.3, unmapped_old: 2.0})
    quick = Peer(Reference(id="quickscan", version=v2.version), {new_id: 4.0})
    aligned = in_own_terms(bundle, Reference(id=v2.id, version=v2.version), [old, quick])
    assert [p.means for p in aligned] == [{new_id: 3.3}]
    assert aligned[0].questionnaire == Reference(id=v2.id, version=v2.version)


def test_a_rule_base_that_sets_the_benchmark_minimum_below_five_is_refused(bundle: Bundle) -> None:
    from pydantic import ValidationError

    from diagnose.rulebase import RulesetSettings

    settings = bundle.settings.model_dump(mode="json")
    assert bundle.settings.benchmark_minimum == 5
    for allowed in (5, 8):
        assert (
            RulesetSettings.model_validate({**settings, "benchmark_minimum": allowed}).benchmark_minimum
            == allowed
        )
    for refused in (4, 0, "5", True):
        with pytest.raises(ValidationError, match="benchmark_minimum"):
            RulesetSettings.model_validate({**settings, "benchmark_minimum": refused})
