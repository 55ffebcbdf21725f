"""What a consultant expects of a case (diagnose.synthetic.Expectation), checked the same way for the
literature's cases (examples/cases) and the consultant cases (tests/cases/consultant)."""

from __future__ import annotations

from diagnose import Bundle, Diagnosis
from diagnose.cards import summary_cards
from diagnose.synthetic import Expectation

ALARMS = {"pitfall", "concern", "fit", "leadership", "attention", "disagreement"}


def unmet(expect: Expectation, d: Diagnosis, bundle: Bundle) -> list[str]:
    """Every expectation the diagnosis does not meet, plus the summary's own promises: no
    construct named twice, at most one disagreement, no advice twice, no strength on top."""
    problems: list[str] = []
    named = [
        *expect.fires,
        *expect.silent,
        *expect.top3,
        *expect.not_top3,
        *([expect.first] if expect.first else []),
    ]
    problems += [f"expectation names unknown rule {r}" for r in named if r not in bundle.rule_by_id]
    fired = [f.rule for f in d.findings]
    cards = summary_cards(d, bundle)
    on_top = {r for card in cards for r in card.rules}  # leading a card or nested in it
    problems += [f"{r} should fire; fired: {fired}" for r in expect.fires if r not in fired]
    problems += [f"{r} should stay silent" for r in expect.silent if r in fired]
    problems += [f"{r} should be in the summary: {d.summary}" for r in expect.top3 if r not in on_top]
    problems += [f"{r} should not be in the summary: {d.summary}" for r in expect.not_top3 if r in on_top]
    if expect.first and (not cards or expect.first not in cards[0].rules):
        problems.append(f"{expect.first} should lead the summary: {d.summary}")
    problems += [
        f"no summary card should be led by a {card.lead.kind} finding: {card.lead.rule}"
        for card in cards
        if card.lead.kind in expect.summary_kinds_not
    ]
    if expect.no_concerns:
        alarms = [f.rule for f in d.findings if f.kind in ALARMS]
        if alarms:
            problems.append(f"a healthy network gets no alarms, got {alarms}")
        if not d.strengths:
            problems.append("a healthy network has strengths")
    constructs = [c for card in cards for c in card.constructs]
    if len(constructs) != len(set(constructs)):
        problems.append(f"the summary names a construct twice: {d.summary}")
    if sum(card.lead.kind == "disagreement" for card in cards) > 1:
        problems.append(f"the summary holds two disagreements: {d.summary}")
    advice = [card.lead.advice.nl for card in cards]
    if len(advice) != len(set(advice)):
        problems.append(f"the summary repeats an advice: {d.summary}")
    if any(card.is_strength for card in cards):
        problems.append(f"a strength leads a summary card: {d.summary}")
    return problems
