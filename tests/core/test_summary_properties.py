"""Properties of the diagnosis over thousands of generated rounds (hypothesis): no construct both a
strength and a concern (also through a finding that names two constructs), meeting questions and
working methods by card, a summary that names no construct twice, holds at most one disagreement and
no advice twice, "what goes well" in one or two sentences, and the same input giving the same output.

Rounds are generated as scores (diagnose.scores.RoundScores), not answers, so thousands run in
seconds and every corner of the 1–5 scale, every spread, role gap, profile and earlier round is
reached. `make test` runs the small budget; `make test-long` sets NETSCAN_HYPOTHESIS=long (3000 rounds).
"""

from __future__ import annotations

import os
import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diagnose import Bundle, load_bundle
from diagnose import cards as grouping
from diagnose.diagnosis import Finding, Scored, diagnose_many, diagnose_scores
from diagnose.render import to_json, to_markdown
from diagnose.report.content import load_content
from diagnose.report.findings import MAX_QUESTIONS, methods, question_cards
from diagnose.responses import ROLE_CONSTRUCT
from diagnose.scores import ConstructScore, ProfileFact, RoundScores
from diagnose.scoring import band_of

settings.register_profile(
    "default", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("NETSCAN_HYPOTHESIS", "default"))

BUNDLE = load_bundle()
Q = BUNDLE.questionnaire("netwerkscan")
CONTENT = load_content()
SCORED = [c.id for c in BUNDLE.constructs.constructs if c.kind != "fact"]
FACTS = {
    c: item.option_values
    for c in (
        "sector",
        "origin",
        "has_board",
        "support",
        "network_type",
        "task_type",
        "overlap",
        "leadership_role",
    )
    if (item := Q.fact_item(c)) is not None
}
ROLE_ITEM = Q.fact_item(ROLE_CONSTRUCT)
ROLES = list(ROLE_ITEM.option_values) if ROLE_ITEM is not None else []
STRENGTH, CONCERN = BUNDLE.thresholds["strength"], BUNDLE.thresholds["concern"]

means = st.floats(min_value=1.0, max_value=5.0).map(lambda x: round(x, 2))


@st.composite
def round_scores(draw: Any, label: str = "2026") -> RoundScores:
    respondents = draw(st.integers(min_value=3, max_value=30))
    constructs = {}
    for cid in SCORED:
        if draw(st.integers(0, 19)) == 0:
            continue  # not measured this round
        mean = draw(means)
        sd = draw(st.one_of(st.none(), st.floats(min_value=0, max_value=1.8).map(lambda x: round(x, 2))))
        band = None if cid == "orientation" else band_of(mean, STRENGTH, CONCERN)
        constructs[cid] = ConstructScore(
            mean=mean, sd=sd, n=respondents, min=1.0, max=5.0, band=band, below_minimum=False
        )
    profile = {
        fact: ProfileFact(
            value=draw(st.sampled_from(options)),
            share=1.0,
            n=respondents,
            disagree=draw(st.integers(0, 9)) == 0,
            counts={},
        )
        for fact, options in FACTS.items()
    }
    roles = draw(st.lists(st.sampled_from(ROLES), max_size=3, unique=True))
    by_role = {
        role: {
            cid: round(min(5.0, max(1.0, s.mean + draw(st.floats(-1.5, 1.5)))), 2)
            for cid, s in constructs.items()
        }
        for role in roles
    }
    return RoundScores(
        label=label,
        date=None,
        respondents=respondents,
        group_only=False,
        roles=dict.fromkeys(roles, 3),
        constructs=constructs,
        items={},
        profile=profile,
        chosen_counts={"member_kinds": draw(st.integers(1, 6))},
        respondent_scores=[],
        by_role=by_role,
    )


def scored(f: Finding) -> set[str]:
    return {c for c in f.constructs if c in SCORED}


rounds = st.tuples(round_scores(), st.one_of(st.none(), round_scores("2025")))


def check(bundle: Bundle, current: RoundScores, previous: RoundScores | None) -> None:
    d = diagnose_scores(bundle, Q, current, previous)

    # No construct is both a strength and a concern (or a pitfall that is present), also when a
    # finding names two constructs (a board or bureau that draws ownership names the fact and the
    # score): a strength and a concern about the same score construct never both appear.
    strong = {c for f in d.findings if f.kind == "strength" for c in scored(f)}
    weak = {c for f in d.findings if f.kind in ("concern", "pitfall") for c in scored(f)}
    assert not strong & weak, (strong & weak, [f.rule for f in d.findings])

    # The meeting goes by card: one question per card, never two about the same construct nor the
    # same question twice; each card under one working method at most, no method twice.
    for lang in ("nl", "en"):
        asked = question_cards(d, bundle, CONTENT, lang)
        about = [c for card, _ in asked for c in card.constructs]
        assert len(about) == len(set(about)), [card.lead.rule for card, _ in asked]
        assert len({text for _, text in asked}) == len(asked)
        assert len(asked) <= MAX_QUESTIONS
        offered = methods(d, bundle, CONTENT, lang)
        assert len({m.id for m in offered}) == len(offered)
        fits = [title for m in offered for title in m.fits]
        assert len(fits) == len(set(fits)), fits

    # The summary names no construct twice, holds one disagreement at most, repeats no advice.
    cards = grouping.summary_cards(d, bundle)
    assert [c.lead.rule for c in cards] == d.summary
    named = [c for card in cards for c in card.constructs]
    assert len(named) == len(set(named)), d.summary
    assert sum(card.lead.kind == "disagreement" for card in cards) <= 1, d.summary
    for lang in ("nl", "en"):
        advice = [card.lead.advice.get(lang) for card in cards]
        assert len(advice) == len(set(advice)), d.summary
        reasons = [grouping.reason(d, bundle, card) for card in cards]
        assert all(r is None or "{" not in r.get(lang) for r in reasons)
        text = grouping.strengths_text(d, bundle, lang)
        assert "{" not in text
        assert len(re.split(r"(?<=\.) (?=[A-Z])", text)) <= 2 if text else not d.strengths
    assert not any(card.is_strength for card in cards)
    # Every finding is on exactly one card.
    on_cards = [r for card in grouping.cards(d, bundle) for r in card.rules]
    assert sorted(on_cards) == sorted(f.rule for f in d.findings)

    # The same input gives the same output.
    again = diagnose_scores(bundle, Q, current, previous)
    assert again.model_dump() == d.model_dump()
    assert to_json(again, bundle, "nl") == to_json(d, bundle, "nl")
    assert to_markdown(again, bundle, "en") == to_markdown(d, bundle, "en")


@given(rounds)
def test_summary_properties_over_generated_rounds(pair: tuple[RoundScores, RoundScores | None]) -> None:
    check(BUNDLE, *pair)


statuses = st.sampled_from(["done", "under_way", "planned", "dropped"])


@given(
    st.lists(
        st.tuples(
            rounds,
            st.one_of(st.none(), st.dictionaries(st.sampled_from(SCORED), statuses, max_size=4)),
        ),
        min_size=1,
        max_size=40,  # more than one durable-rules session (engine.MAX_BATCH)
    )
)
def test_many_rounds_diagnosed_together_equal_each_diagnosed_alone(
    cases: list[tuple[tuple[RoundScores, RoundScores | None], dict[str, str] | None]],
) -> None:
    together = diagnose_many(BUNDLE, [Scored(Q, c, p, None, a) for (c, p), a in cases])
    alone = [diagnose_scores(BUNDLE, Q, c, p, actions=a) for (c, p), a in cases]
    assert [d.model_dump_json() for d in together] == [d.model_dump_json() for d in alone]
