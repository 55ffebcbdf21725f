"""Facts per shard (issue 16): each shard's fact carries only the properties its rules read, rules
that read the same facts share a shard, and a sid serves several evaluations. None of it may change
a decision: over generated rounds the findings, in both languages, are exactly those of the plain
way (the whole fact in every shard, shards in rule-base order, a fresh sid per evaluation).

`make test` runs a few dozen rounds; NETSCAN_SHARD_EXAMPLES=1000 runs more."""

from __future__ import annotations

import dataclasses
import json
import os
import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diagnose.agreements import STATUSES
from diagnose.bundle import Bundle, load_bundle, to_durable_facts
from diagnose.conditions import evaluate, fact_refs
from diagnose.diagnosis import Diagnosis, diagnose
from diagnose.engine import MAX_BATCH, SHARD_SIZE, RuleEngine, durable_key, shard_rules
from diagnose.render import to_json
from diagnose.responses import Network, Round
from diagnose.synthetic import RoundSpec, coordinator_facts, generate_round
from diagnose.text import LANGUAGES
from tests.core.test_conditions import random_facts

EXAMPLES = int(os.environ.get("NETSCAN_SHARD_EXAMPLES", "40"))
BUNDLE = load_bundle()
RULES = [(rule.id, rule.condition) for rule in BUNDLE.rules]
# the plain way, registered under its own name: the reference every decision is compared with
WHOLE = dataclasses.replace(BUNDLE, engine=RuleEngine.for_rules(RULES, whole_facts=True))
Q = BUNDLE.questionnaires["netwerkscan"]
SCORED = [c.id for c in BUNDLE.constructs.constructs if c.kind in ("score", "position")]
ROLES = Q.fact_item("respondent_role").option_values  # type: ignore[union-attr]
PROFILE = {
    fact: Q.fact_item(fact).option_values  # type: ignore[union-attr]
    for fact in ("leadership_role", "overlap", "network_type", "task_type", "support")
}


def test_every_rule_is_in_one_shard_whose_fact_carries_what_it_reads() -> None:
    shards = shard_rules(RULES)
    assert sorted(rid for shard in shards for rid, _ in shard) == sorted(rid for rid, _ in RULES)
    assert all(1 <= len(shard) <= SHARD_SIZE for shard in shards)
    keys = BUNDLE.engine.shard_keys
    assert len(keys) == len(shards)
    for shard, carried in zip(shards, keys, strict=True):
        assert carried == {durable_key(ref.path) for _, cond in shard for ref in fact_refs(cond)}
    assert all(k is None for k in WHOLE.engine.shard_keys)


def test_a_property_is_parsed_about_once_per_round() -> None:
    """Rules that read the same facts share a shard: the shards' facts together carry hardly more
    properties than the rules read (in rule-base order it was 1.4 times as many)."""
    keys = BUNDLE.engine.shard_keys
    carried = sum(len(k or ()) for k in keys)
    read = len({durable_key(ref.path) for _, cond in RULES for ref in fact_refs(cond)})
    assert carried <= 1.15 * read, (carried, read)


def test_one_fact_per_call_across_sids_decides_as_the_conditions_and_the_whole_fact() -> None:
    """More calls than a sid holds, one assessment each, then batches that straddle a sid's end:
    every assessment gets exactly its own rules."""
    rng = random.Random(16)
    samples = [random_facts(BUNDLE, rng) for _ in range(3 * MAX_BATCH + 5)]
    durable = [to_durable_facts(BUNDLE, f) for f in samples]
    expected = [[rid for rid, cond in RULES if evaluate(cond, f)] for f in samples]
    assert [BUNDLE.engine.evaluate(f) for f in durable] == expected
    assert BUNDLE.engine.evaluate_many(durable[:7]) == expected[:7]
    assert BUNDLE.engine.evaluate_many(durable) == expected
    assert WHOLE.engine.evaluate_many(durable) == expected


def test_a_rule_that_matches_a_whole_batch_fires_once_for_each_of_its_assessments() -> None:
    """A capped rule takes one action for every assessment of a call it matched: the same facts
    in a whole batch and across a sid's end, between other facts, each get exactly their rules,
    as the whole fact (one action per assessment) gives them."""
    rng = random.Random(1818)
    one, other = random_facts(BUNDLE, rng), random_facts(BUNDLE, rng)
    samples = [one] * (MAX_BATCH + 3) + [other] + [one] * 5 + [other] * MAX_BATCH
    durable = [to_durable_facts(BUNDLE, f) for f in samples]
    expected = [[rid for rid, cond in RULES if evaluate(cond, f)] for f in samples]
    assert expected[0] and expected[0] != expected[MAX_BATCH + 3]
    assert BUNDLE.engine.evaluate_rounds(samples) == expected
    assert BUNDLE.engine.evaluate_many(durable) == expected
    assert WHOLE.engine.evaluate_rounds(samples) == expected


def test_a_failed_call_leaves_the_engine_deciding_correctly() -> None:
    """A value the serialiser refuses fails that call; the sid it half used is dropped."""
    facts = random_facts(BUNDLE, random.Random(3))
    durable = to_durable_facts(BUNDLE, facts)
    expected = [rid for rid, cond in RULES if evaluate(cond, facts)]
    BUNDLE.engine.evaluate(durable)  # a sid is open
    bad = dict(durable, **{next(iter(durable)): object()})
    with pytest.raises(Exception, match="serial"):
        BUNDLE.engine.evaluate_many([durable, bad])
    assert BUNDLE.engine.evaluate(durable) == expected


@st.composite
def rounds(draw: st.DrawFn) -> tuple[Round, list[Round], Network, dict[str, str] | None]:
    seed = draw(st.integers(0, 10_000))
    roles = draw(st.lists(st.sampled_from(ROLES), min_size=1, max_size=3, unique=True))
    counts = {role: draw(st.integers(1, 8)) for role in roles}
    facts = {fact: draw(st.sampled_from(values)) for fact, values in PROFILE.items()}

    def spec(label: str) -> RoundSpec:
        return RoundSpec(
            label=label,
            respondents=sum(counts.values()),
            roles=counts,
            facts=facts,  # type: ignore[arg-type]
            scores={c: draw(st.floats(1.2, 4.8)) for c in SCORED},
            spread={"default": draw(st.floats(0.05, 1.4))},
            dont_know=draw(st.sampled_from([0.0, 0.03, 0.3])),
        )

    rng = random.Random(seed)
    history = [generate_round(Q, spec(f"ronde {i}"), rng) for i in range(draw(st.integers(0, 2)))]
    actions = (
        {
            c: draw(st.sampled_from(list(STATUSES)))
            for c in draw(st.lists(st.sampled_from(SCORED), max_size=6))
        }
        if history and draw(st.booleans())
        else None
    )
    network = Network(name="n", profile=coordinator_facts(Q, facts))
    return generate_round(Q, spec("dit jaar"), rng), history, network, actions


def shown(d: Diagnosis, bundle: Bundle) -> list[str]:
    return [json.dumps(to_json(d, bundle, lang), sort_keys=True, ensure_ascii=False) for lang in LANGUAGES]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds())
def test_trimmed_shards_give_the_findings_of_the_whole_fact(
    case: tuple[Round, list[Round], Network, dict[str, Any] | None],
) -> None:
    rnd, history, network, actions = case
    trimmed = diagnose(BUNDLE, Q, rnd, history, network, actions=actions)
    whole = diagnose(WHOLE, Q, rnd, history, network, actions=actions)
    assert [f.rule for f in trimmed.findings] == [f.rule for f in whole.findings]
    assert trimmed.findings == whole.findings
    assert shown(trimmed, BUNDLE) == shown(whole, WHOLE)
