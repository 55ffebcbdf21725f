"""The summary: the three most important findings, three different things to do."""

from __future__ import annotations

from diagnose import Bundle, Finding
from diagnose.diagnosis import _summary
from diagnose.text import LocalizedText


def finding(bundle: Bundle, rule_id: str) -> Finding:
    rule = bundle.rule_by_id[rule_id]
    text = LocalizedText(nl="x", en="x")
    return Finding(
        rule=rule_id,
        kind=rule.kind,
        severity=rule.severity,
        title=text,
        diagnosis=text,
        advice=text,
        because=[],
        sources=list(rule.sources),
        constructs=list(rule.constructs),
        spread=None,
    )


def test_summary_takes_one_finding_per_rule_template(bundle: Bundle) -> None:
    """Regression: three disagreement findings of one template filled the summary with one advice."""
    ranked = [
        "disagreement_lnc6_shared_leadership",
        "disagreement_lnc5_ownership",
        "disagreement_foundation",
        "trend_up_lnc1_goal_focus",
        "strength_lnc4_trust",
        "attention_identity",
        "attention_actors",
    ]
    summary = _summary(bundle, [finding(bundle, r) for r in ranked])
    assert summary == [
        "disagreement_lnc6_shared_leadership",
        "trend_up_lnc1_goal_focus",
        "attention_identity",
    ]


def test_rules_that_are_not_templates_each_count(bundle: Bundle) -> None:
    ranked = ["concern_lnc3_practice_development", "concern_lnc1_goal_focus", "concern_lnc5_ownership"]
    assert _summary(bundle, [finding(bundle, r) for r in ranked]) == ranked
