"""The condition language: parsing, and durable-rules agreeing with the plain-Python reading."""

from __future__ import annotations

import random

import pytest

from diagnose import Bundle
from diagnose.bundle import to_durable_facts
from diagnose.conditions import (
    AllOf,
    AnyOf,
    Comparison,
    ConditionSyntaxError,
    FactRef,
    ThresholdRef,
    compile_evaluate,
    compile_explain,
    evaluate,
    explain,
    parse,
)
from diagnose.engine import RuleEngine


def test_parse_precedence_and_in() -> None:
    node = parse("score.a < 3 or profile.b in (x, y) and disagree.c == true")
    assert isinstance(node, AnyOf)
    assert node.parts[0] == Comparison(FactRef("score", "a"), "<", 3.0)
    right = node.parts[1]
    assert isinstance(right, AllOf)
    assert right.parts[0] == AnyOf(
        (Comparison(FactRef("profile", "b"), "==", "x"), Comparison(FactRef("profile", "b"), "==", "y"))
    )
    assert right.parts[1] == Comparison(FactRef("disagree", "c"), "==", True)


def test_parse_thresholds_and_parentheses() -> None:
    node = parse("(change.a <= -threshold.change)")
    assert node == Comparison(FactRef("change", "a"), "<=", ThresholdRef("change", negative=True))


@pytest.mark.parametrize("text", ["", "score.a <", "score.a < 3 score.b > 1", "(score.a < 3", "3 < score.a"])
def test_parse_errors(text: str) -> None:
    with pytest.raises(ConditionSyntaxError):
        parse(text)


def test_absent_fact_makes_every_comparison_false() -> None:
    for op in ("<", "<=", ">", ">=", "==", "!="):
        assert not evaluate(parse(f"score.a {op} 3"), {})


def test_reference_to_absent_fact_does_not_fire_in_durable_rules() -> None:
    """Regression: durable-rules fired `a == $m.b` (any operator) when b was absent."""
    rules = [(f"r{i}", parse(f"profile.a {op} derived.b")) for i, op in enumerate(("==", "!="))]
    engine = RuleEngine.for_rules(rules, label="test_absent_reference")
    assert engine.evaluate({"profile__a": "x"}) == []
    assert engine.evaluate({"profile__a": "x", "derived__b": "x"}) == ["r0"]
    assert engine.evaluate({"profile__a": "x", "derived__b": "y"}) == ["r1"]


def random_facts(bundle: Bundle, rng: random.Random) -> dict[str, object]:
    """Facts around the thresholds, with some absent, drawn from what the rules reference."""
    facts: dict[str, object] = {}
    for path in sorted(bundle.referenced_facts):
        if rng.random() < 0.2:
            continue
        namespace, _, name = path.partition(".")
        if namespace == "band":
            facts[path] = rng.choice(["strength", "attention", "concern"])
        elif namespace == "disagree":
            facts[path] = rng.random() < 0.3
        elif namespace in ("profile", "derived"):
            values = bundle.vocabulary.values_of(FactRef(namespace, name))
            facts[path] = rng.choice(sorted(values)) if values else float(rng.randint(1, 20))
        elif namespace == "change":
            facts[path] = rng.choice([-0.5, -0.6, 0.5, 0.4, 0.0, round(rng.uniform(-2, 2), 2)])
        elif namespace == "sd":
            facts[path] = rng.choice([1.0, 0.99, round(rng.uniform(0, 2), 2)])
        elif namespace in ("count", "n", "round"):
            facts[path] = float(rng.randint(0, 8))
        else:
            facts[path] = rng.choice([3.0, 4.0, 2.99, 3.99, 3.5, round(rng.uniform(1, 5), 2)])
    for d in bundle.derived:
        value = d.value(facts)
        if value is not None and rng.random() < 0.9:
            facts[f"derived.{d.name}"] = value
    return facts


def test_durable_rules_agrees_with_the_conditions_on_random_facts(bundle: Bundle) -> None:
    rng = random.Random(2026)
    samples = [random_facts(bundle, rng) for _ in range(2000)]
    fired = bundle.engine.evaluate_many([to_durable_facts(bundle, f) for f in samples])
    for facts, ids in zip(samples, fired, strict=True):
        expected = [rule.id for rule in bundle.rules if evaluate(rule.condition, facts)]
        assert ids == expected, facts


def test_compiled_conditions_read_facts_as_the_tree_does(bundle: Bundle) -> None:
    """compile_explain and compile_evaluate (what a diagnosis runs) against explain and evaluate
    (the tree walked): the same comparisons in the same order for every rule and derived case, on
    random facts, facts of the wrong type and absent facts."""
    rng = random.Random(16)
    samples = [random_facts(bundle, rng) for _ in range(300)]
    samples += [dict.fromkeys(facts, "x") for facts in samples[:20]]  # strings where numbers go
    samples += [{}]
    conditions = [rule.condition for rule in bundle.rules]
    conditions += [case for d in bundle.derived for case, _ in d.cases]
    for condition in conditions:
        explained, evaluated = compile_explain(condition), compile_evaluate(condition)
        for facts in samples:
            assert explained(facts) == explain(condition, facts), (condition, facts)
            assert evaluated(facts) == evaluate(condition, facts), (condition, facts)
