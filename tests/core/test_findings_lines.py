"""The "because" lines keep what depends only on the rule (the subject, the thresholds' words)
from one diagnosis to the next (explain.Labeller.bounds): over generated rounds, a labeller that
has served many rounds writes exactly the lines of a fresh one, in both languages."""

from __future__ import annotations

import dataclasses
from typing import Any

from hypothesis import HealthCheck, given, settings

from diagnose.conditions import parse
from diagnose.diagnosis import diagnose
from diagnose.explain import reasons_for
from diagnose.responses import Network, Round
from tests.core.test_engine_shards import BUNDLE, EXAMPLES, Q, rounds

seen = {"findings": 0, "bounds": 0}


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds())
def test_a_warm_labeller_writes_the_lines_of_a_fresh_one(
    case: tuple[Round, list[Round], Network, dict[str, Any] | None],
) -> None:
    rnd, history, network, actions = case
    warm = diagnose(BUNDLE, Q, rnd, history, network, actions=actions)
    fresh = diagnose(dataclasses.replace(BUNDLE, _labellers={}), Q, rnd, history, network, actions=actions)
    assert warm.findings == fresh.findings
    seen["findings"] += len(warm.findings)
    seen["bounds"] += sum(" — " in b.text.nl and " — " in b.text.en for f in warm.findings for b in f.because)


def test_the_generated_rounds_had_findings_with_bounds_lines() -> None:
    """Runs after the property above (file order): it compared lines, not empty lists."""
    assert seen["findings"] >= EXAMPLES and seen["bounds"] >= EXAMPLES, seen


def test_values_that_compare_equal_but_read_differently_get_lines_of_their_own() -> None:
    """A line made before is used again for the same values (explain.Labeller.line), but 0.0 and
    -0.0 are equal keys that read "0,00" and "-0,00", and 1.0 and True are equal keys that read
    "1,00" and "ja": each gets its own line, whichever came first."""
    labeller = dataclasses.replace(BUNDLE, _labellers={}).labeller(Q)
    change = parse("change.x <= 0")
    texts = [
        reasons_for(change, {"change.x": value}, labeller, [])[0][0].text.nl
        for value in (0.0, -0.0, 0.0, -0.0)
    ]
    assert texts[0] == texts[2] and texts[1] == texts[3] and texts[0] != texts[1], texts
    assert texts[0].endswith(": 0,00 (hoogstens 0,00)") and "-0,00" in texts[1], texts
    agreed = parse("disagree.x == 1")
    texts = [
        reasons_for(agreed, {"disagree.x": value}, labeller, [])[0][0].text.nl for value in (1.0, True, 1.0)
    ]
    assert texts[0] == texts[2] != texts[1] and ": ja (" in texts[1], texts


def test_bounds_lines_share_a_text_only_where_the_values_read_alike() -> None:
    """A bounds line's text is kept by the value as written and the band (explain_lines._bounds_text):
    3.2667 and 3.2700 both read "3,27" and share it, each line keeping its own value; 0.0 and -0.0
    read "0,00" and "-0,00", and another band reads otherwise: each gets a text of its own."""
    from diagnose.conditions import resolve_thresholds

    labeller = dataclasses.replace(BUNDLE, _labellers={}).labeller(Q)
    rule = resolve_thresholds(parse("score.x < threshold.strength"), BUNDLE.thresholds)

    def line(value: float, band: str | None) -> Any:
        facts: dict[str, Any] = {"score.x": value} | ({"band.x": band} if band else {})
        [(because, margin)] = reasons_for(rule, facts, labeller, [])
        return because, margin

    (a, a_margin), (b, _) = line(3.2667, "concern"), line(3.27, "concern")
    assert a.text is b.text and ": 3,27 — " in a.text.nl, a.text
    assert (a.value, b.value) == (3.2667, 3.27) and a_margin == round(
        abs(3.2667 - BUNDLE.thresholds["strength"]), 4
    )
    zero, minus = line(0.0, "concern")[0], line(-0.0, "concern")[0]
    assert ": 0,00 — " in zero.text.nl and ": -0,00 — " in minus.text.nl, (zero.text, minus.text)
    other = line(3.2667, "attention")[0]
    assert other.text != a.text and other.value == a.value
    fresh = dataclasses.replace(BUNDLE, _labellers={}).labeller(Q)
    assert [b for b, _ in reasons_for(rule, {"score.x": 3.27, "band.x": "concern"}, fresh, [])] == [b]
