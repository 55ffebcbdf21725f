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
