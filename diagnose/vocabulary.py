"""What a condition may name: every fact the scoring can produce, with the values it can take."""

from __future__ import annotations

from dataclasses import dataclass, field

from diagnose.conditions import (
    NAMESPACES,
    NUMERIC_NAMESPACES,
    Comparison,
    Condition,
    ConditionSyntaxError,
    FactRef,
    ThresholdRef,
    comparisons,
)
from diagnose.item_types import item_type
from diagnose.problems import did_you_mean
from diagnose.questionnaire import ConstructCatalogue, Questionnaire
from diagnose.text import LocalizedText

BANDS = ("strength", "attention", "concern")
ROUND_FACTS = ("respondents", "roles")
# What the steering group agreed after the compared round about a construct (`action.C`): the most
# advanced status of the agreements aimed at it, or none (diagnose.agreements.actions).
ACTION_VALUES = ("done", "under_way", "planned", "dropped", "none")


@dataclass
class Vocabulary:
    constructs: ConstructCatalogue
    measured: set[str] = field(default_factory=set)  # score/position constructs
    scored: set[str] = field(default_factory=set)  # banded constructs
    facts: dict[str, set[str] | None] = field(default_factory=dict)  # None: numeric fact
    multi_facts: set[str] = field(default_factory=set)
    items: set[str] = field(default_factory=set)
    derived: dict[str, set[str]] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)

    @classmethod
    def build(cls, constructs: ConstructCatalogue, questionnaires: list[Questionnaire]) -> Vocabulary:
        vocab = cls(constructs)
        for c in constructs.constructs:
            if c.kind == "fact":
                vocab.facts[c.id] = set()
            else:
                vocab.measured.add(c.id)
                if c.kind == "score":
                    vocab.scored.add(c.id)
        for q in questionnaires:
            for item in q.items():
                facts = item_type(item).facts
                if facts == "score":
                    vocab.items.add(item.id)
                if item.construct_id not in vocab.facts:
                    continue
                if facts == "number":
                    vocab.facts[item.construct_id] = None
                elif facts in ("choice", "choices"):
                    if facts == "choices":
                        vocab.multi_facts.add(item.construct_id)
                    known = vocab.facts[item.construct_id]
                    if known is not None:
                        known.update(item.option_values)
        return vocab

    def names_in(self, namespace: str) -> list[str]:
        if namespace in (
            "score",
            "sd",
            "min",
            "max",
            "n",
            "change",
            "previous",
            "role_gap",
            "action",
            "unknown",
        ):
            return sorted(self.measured)
        if namespace in ("band", "signal"):
            return sorted(self.scored)
        if namespace == "item":
            return sorted(self.items)
        if namespace in ("profile", "disagree"):
            return sorted(f for f in self.facts if f not in self.multi_facts or namespace == "disagree")
        if namespace == "count":
            return sorted(self.multi_facts)
        if namespace == "derived":
            return sorted(self.derived)
        if namespace == "round":
            return list(ROUND_FACTS)
        return []

    def is_numeric(self, ref: FactRef) -> bool:
        if ref.namespace in NUMERIC_NAMESPACES:
            return True
        return ref.namespace == "profile" and self.facts.get(ref.name, set()) is None

    def values_of(self, ref: FactRef) -> set[str] | None:
        """The words a non-numeric fact can equal; None when unknown (any word accepted)."""
        if ref.namespace == "band":
            return set(BANDS)
        if ref.namespace == "action":
            return set(ACTION_VALUES)
        if ref.namespace == "profile":
            values = self.facts.get(ref.name)
            return values or None
        if ref.namespace == "derived":
            return self.derived.get(ref.name) or None
        return None

    def check_ref(self, ref: FactRef) -> None:
        if ref.namespace not in NAMESPACES:
            raise ConditionSyntaxError(
                LocalizedText(
                    nl=f"onbekende soort feit {ref.namespace}", en=f"unknown namespace {ref.namespace}"
                ),
                "unknown-namespace",
                ref.namespace,
                did_you_mean(ref.namespace, NAMESPACES),
            )
        names = self.names_in(ref.namespace)
        if ref.name not in names:
            raise ConditionSyntaxError(
                LocalizedText(nl=f"onbekend feit {ref.path}", en=f"unknown fact {ref.path}"),
                "unknown-fact",
                ref.path,
                _suggest_path(ref, names, self),
            )

    def check(self, node: Condition) -> None:
        """Raise ConditionSyntaxError for the first name or value that does not exist."""
        for comparison in comparisons(node):
            self._check_comparison(comparison)

    def _check_comparison(self, c: Comparison) -> None:
        self.check_ref(c.fact)
        operand = c.operand
        if isinstance(operand, ThresholdRef):
            if operand.name not in self.thresholds:
                raise ConditionSyntaxError(
                    LocalizedText(
                        nl=f"onbekende drempel {operand.name}", en=f"unknown threshold {operand.name}"
                    ),
                    "unknown-threshold",
                    operand.name,
                    did_you_mean(operand.name, self.thresholds),
                )
            if not self.is_numeric(c.fact):
                raise _mismatch(c.fact.path, "een drempel (getal)", "a threshold (number)")
            return
        if isinstance(operand, FactRef):
            self.check_ref(operand)
            if self.is_numeric(c.fact) != self.is_numeric(operand):
                raise _mismatch(c.fact.path, operand.path, operand.path)
            return
        if isinstance(operand, bool):
            if c.fact.namespace != "disagree":
                raise _mismatch(c.fact.path, "true/false", "true/false")
            return
        if c.fact.namespace == "disagree":
            raise _mismatch(
                c.fact.path, f"'{operand}' (alleen true of false kan)", f"'{operand}' (only true or false)"
            )
        if isinstance(operand, float):
            if not self.is_numeric(c.fact):
                raise _mismatch(c.fact.path, "een getal", "a number")
            return
        if self.is_numeric(c.fact):
            raise _mismatch(c.fact.path, f"het woord '{operand}'", f"the word '{operand}'")
        if c.op not in ("==", "!="):
            raise _mismatch(c.fact.path, f"'{operand}' met {c.op}", f"'{operand}' with {c.op}")
        allowed = self.values_of(c.fact)
        if allowed is not None and operand not in allowed:
            raise ConditionSyntaxError(
                LocalizedText(nl=f"onbekende waarde {operand}", en=f"unknown value {operand}"),
                "unknown-value",
                operand,
                did_you_mean(operand, allowed),
            )


def _mismatch(fact: str, nl: str, en: str) -> ConditionSyntaxError:
    return ConditionSyntaxError(
        LocalizedText(
            nl=f"{fact} kan niet vergeleken worden met {nl}", en=f"{fact} cannot be compared with {en}"
        ),
        "type-mismatch",
    )


def _suggest_path(ref: FactRef, names: list[str], vocab: Vocabulary) -> str:
    close = did_you_mean(ref.name, names)
    if close:
        return f"{ref.namespace}.{close}"
    everywhere = [f"{ns}.{n}" for ns in NAMESPACES for n in vocab.names_in(ns)]
    return did_you_mean(ref.path, everywhere)
