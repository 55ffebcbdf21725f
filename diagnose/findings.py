"""A round's findings: what each rule that fired found, its texts filled from the round and its
"because" explained, in the order they are shown (diagnose.diagnosis makes the diagnosis around them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from diagnose.built import built
from diagnose.explain import Because, Labeller, reasons_of
from diagnose.explain_lines import Line
from diagnose.placeholders import Context, context_for, filler
from diagnose.questionnaire import Questionnaire
from diagnose.references import Citation
from diagnose.rulebase import Rule
from diagnose.scores import RoundScores
from diagnose.text import LocalizedText

if TYPE_CHECKING:
    from diagnose.bundle import Bundle


class Finding(BaseModel):
    rule: str
    kind: str
    severity: int
    title: LocalizedText
    diagnosis: LocalizedText
    advice: LocalizedText
    because: list[Because]
    sources: list[Citation]
    constructs: list[str]
    spread: float | None
    margin: float = 0.0  # how far the facts are past the rule's thresholds; ranks ties


# Per rule (in a labeller's `by_rule`): the rule, how its title, diagnosis and advice are filled
# (None for a text without placeholders: ~45 of a round's ~50 texts are the rule's own), how its
# "because" is made from a round's facts, its rank among findings (kind in the rule base's
# kind_order, then severity) and whether its severity is of the type validation keeps
_Filler = Callable[[Context, str], LocalizedText] | None
_RuleParts = tuple[Rule, _Filler, _Filler, _Filler, Callable[[dict[str, Any]], list[Line]], int, int, bool]


# Every finding has all its fields set: one set shared by all of them (setting a field adds its
# name, already in it; a set per finding was ~16 more objects a round to make and free)
_FINDING_FIELDS = set(Finding.model_fields)


def _rule_parts(rule: Rule, labeller: Labeller, bundle: Bundle) -> _RuleParts:
    title, diagnosis, advice = map(filler, (rule.title, rule.diagnosis, rule.advice))
    reasons = reasons_of(rule.condition, labeller, bundle.derived)
    order = {kind: index for index, kind in enumerate(bundle.settings.kind_order)}
    kind = order[rule.kind]
    return rule, title, diagnosis, advice, reasons, kind, -rule.severity, type(rule.severity) is int


def findings_of(
    bundle: Bundle, q: Questionnaire, facts: dict[str, Any], fired: set[str], current: RoundScores
) -> list[Finding]:
    """The findings of the rules that `fired` on a round's `facts`, each with its texts filled and
    its "because" explained, ordered as the rule base's kind_order, severity, margin and spread say."""
    labeller = bundle.labeller(q)
    leadership = next((d.value_labels for d in bundle.derived if d.value_labels), {})
    context = context_for(
        q, facts, current.by_role, current.roles, bundle.settings.anonymity_minimum, leadership
    )
    found: list[Finding] = []
    ranks: list[tuple[int, int, float, float]] = []
    scores = current.constructs
    rule_by_id, by_rule = bundle.rule_by_id, labeller.by_rule
    for rid in sorted(fired, key=bundle.rule_position.__getitem__):
        rule = rule_by_id[rid]
        parts = by_rule.get(rid)
        if parts is None or parts[0] is not rule:
            parts = by_rule[rid] = _rule_parts(rule, labeller, bundle)
        _, title, diagnosis, advice, reasons, kind, severity, exact = parts
        construct = rule.subject
        # the lines, and the distance past the first numeric threshold of the condition (its main
        # comparison)
        lines = reasons(facts)
        because = [line for line, _ in lines]
        margin = next((m for _, m in lines if m is not None), 0.0)
        constructs = list(rule.constructs)
        spread = None
        for c in constructs:
            s = scores.get(c)
            if s is not None and (sd := s.sd) is not None and (spread is None or sd > spread):
                spread = sd  # the largest, the first of equals: as max()
        values = {  # in Finding's order
            "rule": rid,
            "kind": rule.kind,
            "severity": rule.severity,
            "title": rule.title if title is None else title(context, construct),
            "diagnosis": rule.diagnosis if diagnosis is None else diagnosis(context, construct),
            "advice": rule.advice if advice is None else advice(context, construct),
            "because": because,
            "sources": list(rule.sources),
            "constructs": constructs,
            "spread": spread,
            "margin": margin,
        }
        # Built from validated parts (the rule's, the lines', the filled texts): validating them
        # again gave back the same values (~15 findings and their ~17 lines per round, a fifth of
        # a diagnosis); a value of another type than validation keeps is validated as before
        if exact and type(margin) is float and (spread is None or type(spread) is float):
            found.append(built(Finding, values, _FINDING_FIELDS))
        else:
            found.append(Finding.model_validate(values))
        # Within a kind (in the rule base's kind_order) and severity, the finding furthest past
        # its threshold comes first (a score of 2.1 before one of 2.9), then the one members
        # disagree on most; `found` is in rule-base order and the sort is stable, so that order
        # breaks the last ties.
        ranks.append((kind, severity, -margin, -(spread or 0.0)))
    return [found[index] for index in sorted(range(len(found)), key=ranks.__getitem__)]
