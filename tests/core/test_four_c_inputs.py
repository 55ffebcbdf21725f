"""The 4C model's cohesion input across questionnaire versions: 1.0 rounds read `cohesion`, 2.0
rounds (which merged cohesion into collective identity) read `identity`. The derived leadership
role and the texts' {cohesion} must read the same input, in the same order."""

from __future__ import annotations

from diagnose import Bundle
from diagnose.conditions import fact_refs
from diagnose.placeholders import COHESION_INPUTS, PLACEHOLDERS, Context
from diagnose.rulebase import Derived


def _role(bundle: Bundle) -> Derived:
    [derived] = [d for d in bundle.derived if d.name == "fitting_leadership_role"]
    return derived


def test_the_derived_role_reads_the_cohesion_inputs_in_the_placeholders_order(bundle: Bundle) -> None:
    derived = _role(bundle)
    order: list[str] = []
    for condition, _ in derived.cases:
        for ref in fact_refs(condition):
            if ref.path != "score.orientation" and ref.path not in order:
                order.append(ref.path)
    assert tuple(order) == COHESION_INPUTS


def test_a_round_without_cohesion_reads_identity(bundle: Bundle) -> None:
    derived = _role(bundle)
    facts = {"score.identity": 2.6, "score.orientation": 2.0}
    assert derived.value(facts) == "connecting"
    assert derived.value({"score.identity": 4.2, "score.orientation": 4.0}) == "catalysing"
    ctx = Context(facts, {}, {}, {}, {})
    assert PLACEHOLDERS["cohesion"].fill(ctx, "", "nl") == "2,60"


def test_a_round_with_cohesion_never_falls_through_to_identity(bundle: Bundle) -> None:
    """Cohesion in its undecided zone, or cohesive with an undecided orientation: no role, even when
    identity alone would give one; with low cohesion, identity does not overrule it either."""
    derived = _role(bundle)
    assert derived.value({"score.cohesion": 3.5, "score.identity": 2.0, "score.orientation": 2.0}) is None
    assert derived.value({"score.cohesion": 4.2, "score.identity": 2.0, "score.orientation": 3.0}) is None
    facts = {"score.cohesion": 2.5, "score.identity": 4.5, "score.orientation": 2.0}
    assert derived.value(facts) == "connecting"
    assert PLACEHOLDERS["cohesion"].fill(Context(facts, {}, {}, {}, {}), "", "en") == "2.50"
