"""The "because" lines keep what depends only on the rule (the subject, the thresholds' words)
from one diagnosis to the next (explain.Labeller.bounds): over generated rounds, a labeller that
has served many rounds writes exactly the lines of a fresh one, in both languages."""

from __future__ import annotations

import dataclasses
from typing import Any

from hypothesis import HealthCheck, given, settings

from diagnose.diagnosis import diagnose
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
