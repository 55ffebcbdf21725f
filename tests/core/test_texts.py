"""Texts that state the data (issue 11): over many generated rounds, no finding's text keeps a
placeholder, asserts a band or a cohesion the scores deny, and every "why" is read once.

The rounds are realistic answers (diagnose/synthetic.py) from target means, spreads, role offsets,
profile facts and an optional earlier round drawn by hypothesis. `make test` runs a few hundred;
NETSCAN_TEXT_EXAMPLES=3000 (make fuzz-texts) runs thousands."""

from __future__ import annotations

import os
import random
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diagnose.bundle import Bundle, load_bundle
from diagnose.diagnosis import Diagnosis, Finding, diagnose
from diagnose.placeholders import COHESION_INPUTS
from diagnose.questionnaire import Questionnaire
from diagnose.responses import Network
from diagnose.synthetic import RoundSpec, coordinator_facts, generate_round
from diagnose.text import LANGUAGES

EXAMPLES = int(os.environ.get("NETSCAN_TEXT_EXAMPLES", "150"))
BUNDLE = load_bundle()
Q = BUNDLE.questionnaires["netwerkscan"]
VERSIONS = list(BUNDLE.versions["netwerkscan"])  # rounds of every version are diagnosed alike
SCORED = [c.id for c in BUNDLE.constructs.constructs if c.kind in ("score", "position")]
ROLES = Q.fact_item("respondent_role").option_values  # type: ignore[union-attr]
PROFILE = {
    fact: Q.fact_item(fact).option_values  # type: ignore[union-attr]
    for fact in ("leadership_role", "overlap", "network_type", "task_type", "support")
}
T = BUNDLE.thresholds

# What a sentence asserts about its construct's band or the network's cohesion, and the values
# that make it true. A finding whose text matches a claim its scores deny is a contradiction.
BAND_CLAIMS: list[tuple[re.Pattern[str], set[str]]] = [
    (re.compile(r"nog geen sterk punt|not yet a strength"), {"attention", "concern"}),
    (re.compile(r"als een sterk punt|a strength of the network|, a strength"), {"strength"}),
    (re.compile(r"redelijk op orde|reasonably in order"), {"attention"}),
]
COHESION_CLAIMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"is het netwerk hecht|the network is cohesive"), "high"),
    (re.compile(r"nog weinig sociale cohesie|still has little social cohesion"), "low"),
]
checked: dict[str, int] = {"band": 0, "cohesion": 0, "derived": 0}


@st.composite
def rounds(draw: st.DrawFn, q: Questionnaire = Q) -> tuple[Any, list[Any], Network]:
    seed = draw(st.integers(0, 10_000))
    roles = draw(st.lists(st.sampled_from(ROLES), min_size=1, max_size=3, unique=True))
    counts = {role: draw(st.integers(2, 6)) for role in roles}
    offsets = {
        role: {c: draw(st.floats(-1.5, 1.5)) for c in draw(st.lists(st.sampled_from(SCORED), max_size=4))}
        for role in roles
    }
    facts = {fact: draw(st.sampled_from(values)) for fact, values in PROFILE.items()}

    def spec(label: str) -> RoundSpec:
        return RoundSpec(
            label=label,
            respondents=sum(counts.values()),
            roles=counts,
            facts=facts,  # type: ignore[arg-type]
            scores={c: draw(st.floats(1.2, 4.8)) for c in SCORED},
            spread={"default": draw(st.floats(0.1, 1.2))},
            role_offsets=offsets,
        )

    rng = random.Random(seed)
    history = [generate_round(q, spec("vorig jaar"), rng)] if draw(st.booleans()) else []
    network = Network(name="n", profile=coordinator_facts(q, facts))  # 2.0 asks these of the coordinator
    return generate_round(q, spec("dit jaar"), rng), history, network


def texts(f: Finding) -> list[str]:
    return [t.get(lang) for t in (f.title, f.diagnosis, f.advice) for lang in LANGUAGES]


def check(d: Diagnosis, bundle: Bundle) -> None:
    # the 4C cohesion input: cohesion (1.0), else identity (2.0)
    cohesion_input = next((p for p in COHESION_INPUTS if p.split(".")[1] in d.scores), None)
    cohesion = d.scores[cohesion_input.split(".")[1]].mean if cohesion_input else None
    for f in d.findings:
        rule = bundle.rule_by_id[f.rule]
        for text in texts(f):
            assert not re.search(r"\{[a-z_]*\}", text), (f.rule, text)  # no unfilled placeholder
            assert "‘’" not in text and "()" not in text and not re.search(r"\s[.,;]", text), (f.rule, text)
            if rule.subject and f.kind != "trend":
                band = d.scores[rule.subject].band
                for pattern, allowed in BAND_CLAIMS:
                    if pattern.search(text):
                        checked["band"] += 1
                        assert band in allowed, (f.rule, band, text)
            for pattern, level in COHESION_CLAIMS:
                if pattern.search(text) and cohesion is not None:
                    checked["cohesion"] += 1
                    if level == "high":
                        assert cohesion >= T["cohesion_high"], (f.rule, cohesion, text)
                    else:
                        assert cohesion < T["cohesion_low"], (f.rule, cohesion, text)
        # the why: one line per fact, no guard lines
        facts = [b.fact for b in f.because]
        assert len(facts) == len(set(facts)), (f.rule, facts)
        for b in f.because:
            assert "niet gelijk aan" not in b.text.nl and "not equal to" not in b.text.en, (f.rule, b.text)
        if "derived.fitting_leadership_role" in rule.when:
            checked["derived"] += 1
            assert {cohesion_input, "score.orientation"} <= set(facts), (f.rule, facts)


@pytest.mark.parametrize("version", VERSIONS)
def test_texts_state_what_the_scores_say(version: str) -> None:
    q = BUNDLE.questionnaire("netwerkscan", version)
    for key in checked:
        checked[key] = 0

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(rounds(q))
    def each_round(case: tuple[Any, list[Any], Network]) -> None:
        rnd, history, network = case
        check(diagnose(BUNDLE, q, rnd, history, network), BUNDLE)

    each_round()
    # the claims must have met real texts, or the property proves nothing
    assert checked["band"] > 0 and checked["cohesion"] > 0 and checked["derived"] > 0, checked
