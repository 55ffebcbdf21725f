"""Every rule's own examples, run through durable-rules: adding a rule adds its tests."""

from __future__ import annotations

import pytest

from diagnose import Bundle, load_bundle
from diagnose.bundle import example_facts, to_durable_facts

BUNDLE = load_bundle()
CASES = [
    pytest.param(rule.id, index, id=f"{rule.id}-{index}")
    for rule in BUNDLE.rules
    for index in range(len(rule.examples))
]


@pytest.mark.parametrize(("rule_id", "index"), CASES)
def test_rule_example(bundle: Bundle, rule_id: str, index: int) -> None:
    rule = bundle.rule_by_id[rule_id]
    example = rule.examples[index]
    fired = bundle.engine.evaluate(to_durable_facts(bundle, example_facts(bundle, example)))
    assert (rule_id in fired) == example.fires, (
        f"{rule.file}:{rule.line} example {index + 1}: {example.given}"
    )


def test_every_rule_has_firing_silent_and_sources(bundle: Bundle) -> None:
    for rule in bundle.rules:
        assert any(e.fires for e in rule.examples), rule.id
        assert any(not e.fires for e in rule.examples), rule.id
        assert rule.sources, rule.id
