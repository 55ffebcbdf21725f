"""The core builds a diagnosis's findings, their "because" lines, filled texts and the diagnosis
itself from validated parts without validating them again (text.trusted, issue 16), and makes the
engine's shard messages straight from a round's facts (RuleEngine.evaluate_rounds). Neither may
change a byte: over generated rounds, validating a diagnosis again from its own data gives the
same model and the same JSON (an int where validation makes a float, a list shared where it
copies, a field counted as set that validation leaves unset: each would show here), and the
messages are those of the durable copy of the facts."""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from diagnose.bundle import to_durable_facts
from diagnose.conditions import parse
from diagnose.diagnosis import Diagnosis, Scored, check_and_score, diagnose, diagnose_many
from diagnose.explain import Because, reasons_for
from diagnose.responses import Network, Round
from diagnose.text import LocalizedText
from tests.core.test_conditions import random_facts
from tests.core.test_engine_shards import BUNDLE, EXAMPLES, Q, rounds

seen = {"rounds": 0, "findings": 0, "lines": 0, "filled": 0}


def _validated_again(d: Diagnosis) -> Diagnosis:
    return Diagnosis.model_validate(d.model_dump())


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds())
def test_a_diagnosis_is_what_validating_its_parts_makes(
    case: tuple[Round, list[Round], Network, dict[str, Any] | None],
) -> None:
    rnd, history, network, actions = case
    d = diagnose(BUNDLE, Q, rnd, history, network, actions=actions)
    again = _validated_again(d)
    assert again == d
    assert again.model_dump_json() == d.model_dump_json()
    assert again.model_fields_set == d.model_fields_set
    # as validation sets them from what _diagnosis passes (the response rate is the store's view's)
    assert d.anonymity.model_fields_set == {"minimum", "met", "group_only"}
    for finding, validated in zip(d.findings, again.findings, strict=True):
        assert validated.model_fields_set == finding.model_fields_set
        assert type(finding.margin) is float and all(type(b.value) is not int for b in finding.because)
    # nothing shared with another diagnosis or the scores it was made from
    other = diagnose(BUNDLE, Q, rnd, history, network, actions=actions)
    assert other.model_dump_json() == d.model_dump_json()
    for mine, theirs in zip(d.findings, other.findings, strict=True):
        assert mine is not theirs and mine.because is not theirs.because
        assert mine.sources is not theirs.sources and mine.constructs is not theirs.constructs
    assert d.by_role is not other.by_role and d.respondents is not other.respondents
    # findings share one set of the fields set (every field; a caller must not change it): setting
    # a field on one leaves what the others count as set as validation makes it
    if len(d.findings) > 1:
        assert d.findings[0].model_fields_set is d.findings[1].model_fields_set
    for finding in d.findings:
        finding.margin = finding.margin + 1.0
    for theirs, validated in zip(other.findings, again.findings, strict=True):
        assert theirs.model_fields_set == validated.model_fields_set == set(type(theirs).model_fields)
    assert d.scores is not other.scores and d.round.roles is not other.round.roles
    rules = {r.id: r for r in BUNDLE.rules}
    seen["rounds"] += 1
    seen["findings"] += len(d.findings)
    seen["lines"] += sum(len(f.because) for f in d.findings)
    seen["filled"] += sum(f.diagnosis != rules[f.rule].diagnosis for f in d.findings)


def test_the_generated_rounds_had_findings_lines_and_filled_texts() -> None:
    """Runs after the property above (file order): it compared findings, not empty lists."""
    assert seen["rounds"] >= EXAMPLES and seen["findings"] >= EXAMPLES, seen
    assert seen["lines"] >= seen["findings"] and seen["filled"] >= 1, seen


@settings(max_examples=max(3, EXAMPLES // 8), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(rounds(), min_size=2, max_size=4))
def test_several_rounds_at_once_are_each_round_alone(
    cases: list[tuple[Round, list[Round], Network, dict[str, Any] | None]],
) -> None:
    """diagnose_many (the store's path) against diagnose of each round alone."""
    alone, scored = [], []
    for rnd, history, network, actions in cases:
        alone.append(diagnose(BUNDLE, Q, rnd, history, network, actions=actions).model_dump_json())
        current, previous = check_and_score(BUNDLE, Q, rnd, history, network)
        scored.append(Scored(Q, current, previous, network, actions))
    assert [d.model_dump_json() for d in diagnose_many(BUNDLE, scored)] == alone


def test_shard_messages_from_a_rounds_facts_are_those_of_its_durable_copy() -> None:
    rng = random.Random(1716)
    samples = [random_facts(BUNDLE, rng) for _ in range(60)]
    durable_all = [to_durable_facts(BUNDLE, f) for f in samples]
    for shard in BUNDLE.engine._shards:
        assert shard.messages("s", 0, samples, rounds=True) == shard.messages(
            "s", 0, durable_all, rounds=False
        )
    assert BUNDLE.engine.evaluate_rounds(samples) == BUNDLE.engine.evaluate_many(durable_all)


def test_a_value_validation_would_change_is_validated_as_before() -> None:
    """An int where a line holds a float (a count written without decimals): the line is the
    validated one, value and text as before, not the int kept as it came."""
    labeller = BUNDLE.labeller(Q)
    for condition, facts in (
        (parse("score.x < 3.0"), {"score.x": 2}),
        (parse("change.x <= 0"), {"change.x": -1}),
    ):
        (line, _), *_ = reasons_for(condition, facts, labeller, [])
        assert type(line.value) is float, line
        assert line == Because.model_validate(line.model_dump())


def test_an_empty_filled_text_fails_as_validation_does() -> None:
    with pytest.raises(ValidationError):
        LocalizedText.of("", "text")
    assert LocalizedText.of("tekst", "text") == LocalizedText(nl="tekst", en="text")
