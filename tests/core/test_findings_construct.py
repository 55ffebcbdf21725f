"""Findings are built without validation (diagnose.diagnosis.finding, diagnose.explain._because):
over generated rounds, validating what was built gives back exactly the same finding, value for
value and type for type (the JSON tells 3 from 3.0 and a string from a number)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings

from diagnose.diagnosis import Diagnosis, Finding, diagnose
from diagnose.explain import Because
from diagnose.responses import Network, Round
from tests.core.test_engine_shards import BUNDLE, EXAMPLES, Q, rounds

seen = {"findings": 0, "lines": 0}


def assert_as_validated(d: Diagnosis) -> None:
    for f in d.findings:
        assert type(f) is Finding and all(type(b) is Because for b in f.because)
        validated = Finding.model_validate(f.model_dump())
        assert validated == f, f.rule
        assert validated.model_dump_json() == f.model_dump_json(), f.rule
        for built, checked in zip(f.because, validated.because, strict=True):
            assert type(built.value) is type(checked.value), (f.rule, built.fact)
            assert type(built.compared_to) is type(checked.compared_to), (f.rule, built.fact)
        seen["findings"] += 1
        seen["lines"] += len(f.because)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds())
def test_a_constructed_finding_equals_a_validated_one(
    case: tuple[Round, list[Round], Network, dict[str, Any] | None],
) -> None:
    rnd, history, network, actions = case
    assert_as_validated(diagnose(BUNDLE, Q, rnd, history, network, actions=actions))


def test_the_generated_rounds_found_and_explained_something() -> None:
    """Runs after the property above (file order): it checked findings, not empty lists."""
    assert seen["findings"] >= EXAMPLES and seen["lines"] > seen["findings"], seen
