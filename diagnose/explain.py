"""Plain-language "because" sentences for a finding, from the rule's own condition."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from diagnose.conditions import (
    Comparison,
    Condition,
    Explainer,
    FactRef,
    ThresholdRef,
    compile_explain,
    fact_refs,
)
from diagnose.explain_lines import (
    MAX_LINES,
    Bounds,
    Line,
    LineMaker,
    derived_from,
    line_makers,
    made_line,
)

# Because re-exported (`X as X`): findings and the views import it from here
from diagnose.explain_lines import Because as Because  # noqa: PLC0414

# BAND_LABELS and ACTION_LABELS re-exported (`X as X`): the views import them from here
from diagnose.explain_words import ACTION_LABELS as ACTION_LABELS  # noqa: PLC0414
from diagnose.explain_words import BAND_LABELS as BAND_LABELS  # noqa: PLC0414
from diagnose.explain_words import (
    BOOL_LABELS,
    FACT_LABELS,
    OP_WORDS,
    ROUND_LABELS,
    THRESHOLD_WORDS,
)
from diagnose.item_types import item_type
from diagnose.questionnaire import Questionnaire
from diagnose.text import LANGUAGES, Lang, LocalizedText, format_number

if TYPE_CHECKING:
    from diagnose.rulebase import Derived


class Labeller:
    """Labels for facts and values, from the constructs, the questionnaire and the rule base."""

    def __init__(
        self,
        construct_labels: dict[str, LocalizedText],
        q: Questionnaire | None,
        derived_labels: dict[str, LocalizedText],
        derived_values: dict[str, dict[str, LocalizedText]] | None = None,
    ):
        self.derived_values = derived_values or {}
        self.construct_labels = construct_labels
        self.q = q
        self.derived_labels = derived_labels
        self._subjects: dict[FactRef, LocalizedText] = {}
        self._heads: dict[FactRef, tuple[str, ...]] = {}
        self._formatters: dict[FactRef, Callable[[Any], tuple[str, ...]]] = {}
        self._plans: dict[int, _Plan] = {}
        self._line_cache: dict[tuple[Any, ...], Line] = {}
        # a bounds line's text by (its shape's id, the value as written per language, the band)
        self._bounds_texts: dict[tuple[Any, ...], LocalizedText] = {}
        self._sentences: dict[tuple[int, int], tuple[Comparison, tuple[str, str]]] = {}
        self._bounds: dict[tuple[Comparison, ...], Bounds] = {}
        # per list of comparisons that made a condition true (by identity; the list keeps them
        # alive so the ids stay theirs): how each line of its "because" is made (see reasons_for)
        self._lines: dict[tuple[int, ...], tuple[list[Comparison | FactRef], list[LineMaker]]] = {}
        # per rule id: what diagnose keeps of a rule to make its findings in this labeller's terms
        self.by_rule: dict[str, Any] = {}

    def bounds(self, bounds: list[Comparison]) -> Bounds:
        """What a line about a fact between thresholds says whatever the round: built once per
        rule (the bounds are the rule's, the thresholds the rule base's), not once per finding."""
        key = tuple(bounds)
        shape = self._bounds.get(key)
        if shape is None:
            shape = self._bounds[key] = Bounds.of(bounds, self)
        return shape

    def line(self, key: tuple[Any, ...], make: Callable[[], dict[str, Any]]) -> Line:
        """A line of a "because", validated once and kept for the next finding that states the
        same values (`key`: what made the line, then those values, each an exact key): of the
        ~35 lines of a round most were made before, in a re-diagnosis of many rounds."""
        line = self._line_cache.get(key)
        if line is None:
            if len(self._line_cache) >= MAX_LINES:
                self._line_cache.clear()
            line = self._line_cache[key] = made_line(make())
        return line

    def keep(self, key: tuple[Any, ...], line: Line) -> Line:
        """`line`, kept for the next finding that states the same values (see `line`)."""
        if len(self._line_cache) >= MAX_LINES:
            self._line_cache.clear()
        self._line_cache[key] = line
        return line

    def plan(self, condition: Condition, derived: Sequence[Derived]) -> _Plan:
        """How a rule's condition is explained (see reasons_for), made once per condition."""
        plan = self._plans.get(id(condition))
        if plan is None or plan.condition is not condition:
            names = {ref.name for ref in fact_refs(condition) if ref.namespace == "derived"}
            plan = self._plans[id(condition)] = _Plan(
                condition,
                compile_explain(condition),
                {d.name: d for d in derived if d.name in names},
                {},
            )
        return plan

    def subject(self, ref: FactRef) -> LocalizedText:
        if ref not in self._subjects:
            self._subjects[ref] = self._subject(ref)
        return self._subjects[ref]

    def _subject(self, ref: FactRef) -> LocalizedText:
        if ref.namespace == "item":
            item = self.q.item_by_id.get(ref.name) if self.q else None
            label = item.text if item else LocalizedText(nl=ref.name, en=ref.name)
        elif ref.namespace == "derived":
            label = self.derived_labels.get(ref.name, LocalizedText(nl=ref.name, en=ref.name))
        elif ref.namespace == "round":
            label = ROUND_LABELS.get(ref.name, LocalizedText(nl=ref.name, en=ref.name))
        else:
            label = self.construct_labels.get(ref.name, LocalizedText(nl=ref.name, en=ref.name))
        nl, en = FACT_LABELS[ref.namespace]
        return LocalizedText(nl=nl.format(label=label.nl), en=en.format(label=label.en))

    def heads(self, ref: FactRef) -> tuple[str, ...]:
        """ "<subject>: " per language (LANGUAGES' order), the start of a line about the fact."""
        heads = self._heads.get(ref)
        if heads is None:
            heads = self._heads[ref] = tuple(f"{self.subject(ref).get(lang)}: " for lang in LANGUAGES)
        return heads

    def texts(self, ref: FactRef) -> Callable[[Any], tuple[str, ...]]:
        """How a value of the fact reads, per language (LANGUAGES' order): `value` for every
        language at once, a number formatted once (a line's value was formatted per language,
        through the same type checks, ~85,000 times per 2,000 rounds)."""
        formatter = self._formatters.get(ref)
        if formatter is None:
            formatter = self._formatters[ref] = self._texts(ref)
        return formatter

    def _texts(self, ref: FactRef) -> Callable[[Any], tuple[str, ...]]:
        spec = f".{self._decimals(ref)}f"
        signed = ref.namespace == "change"
        comma = tuple(lang == "nl" for lang in LANGUAGES)  # as format_number writes it
        value = self.value

        dutch_first = comma == (True, False)

        def texts(v: Any) -> tuple[str, ...]:
            if type(v) is float:
                text = format(v, spec)
                if signed and v > 0:
                    text = "+" + text
                if dutch_first:  # LANGUAGES as they are: no loop for the ~10 numbers a round states
                    return (text.replace(".", ","), text)
                return tuple(text.replace(".", ",") if c else text for c in comma)
            return tuple(value(ref, v, lang) for lang in LANGUAGES)

        return texts

    @staticmethod
    def _decimals(ref: FactRef) -> int:
        return 0 if ref.namespace in ("n", "count", "round", "profile") else 2

    def sentence_around(self, comparison: Comparison, other: Any, index: int, lang: Lang) -> tuple[str, str]:
        """The words before and after the fact's value in a "because" sentence. They depend only
        on the comparison when it compares with a threshold or a fixed value: built once then."""
        constant = not isinstance(comparison.operand, FactRef)
        key = (id(comparison), index)
        if constant and key in self._sentences:
            return self._sentences[key][1]
        operand = comparison.operand
        other_ref = operand if isinstance(operand, FactRef) else comparison.fact
        right = self.value(other_ref, other, lang)
        op_word = OP_WORDS[comparison.op][index]
        tail = ""
        if isinstance(operand, ThresholdRef):
            tail = f" ({op_word} {THRESHOLD_WORDS[index]} {right})"
        elif isinstance(operand, FactRef):
            tail = f", {op_word} {self.subject(operand).get(lang)}: {right}"
        elif comparison.op != "==" or isinstance(other, float):
            tail = f" ({op_word} {right})"
        parts = (f"{self.subject(comparison.fact).get(lang)}: ", tail)
        if constant:
            self._sentences[key] = (comparison, parts)  # keeps the comparison, so its id stays its own
        return parts

    def value(self, ref: FactRef, value: Any, lang: Lang) -> str:
        if isinstance(value, bool):
            return BOOL_LABELS[value].get(lang)
        if isinstance(value, float):
            text = format_number(value, lang, self._decimals(ref))
            return f"+{text}" if ref.namespace == "change" and value > 0 else text
        if ref.namespace == "band" and value in BAND_LABELS:
            return BAND_LABELS[value].get(lang)
        if ref.namespace == "action" and value in ACTION_LABELS:
            return ACTION_LABELS[value].get(lang)
        if ref.namespace == "derived" and str(value) in self.derived_values.get(ref.name, {}):
            return self.derived_values[ref.name][str(value)].get(lang)
        if ref.namespace in ("profile", "derived") and self.q is not None:
            label = self._option_label(ref, str(value))
            if label is not None:
                return label.get(lang)
        return str(value)

    def _option_label(self, ref: FactRef, value: str) -> LocalizedText | None:
        assert self.q is not None
        if ref.namespace == "profile":
            item = self.q.fact_item(ref.name)
            return item.option_label(value) if item else None
        # a derived value names an option of the profile fact it is compared with
        for item in self.q.items():
            if item_type(item).facts == "choice" and value in item.option_values:
                return item.option_label(value)
        return None


def reasons_for(
    condition: Condition, facts: dict[str, Any], labeller: Labeller, derived: Sequence[Derived]
) -> list[Line]:
    """The "because" of a finding as a person reads it once: one line per fact, the facts a derived
    fact came from shown under it (the 4C role with its cohesion and orientation scores), no guard
    lines ("niet gelijk aan …": they say what is not the case, not why the rule fired). Each line
    with its distance past a numeric threshold, if it states one (see `Line`)."""
    plan = labeller.plan(condition, derived)
    found = plan.explain(facts)
    if not plan.derived:
        # the lines depend only on which comparisons held: decided once per such list
        key = tuple(map(id, found))
        known = plan.lines.get(key)
        if known is None:
            known = plan.lines[key] = (found, line_makers(_line_items(found, {}, facts), labeller))
        return [make(facts, labeller) for make in known[1]]
    comparisons = _line_items(found, plan.derived, facts)
    key = tuple(map(id, comparisons))
    lines = labeller._lines.get(key)
    if lines is None:
        lines = labeller._lines[key] = (comparisons, line_makers(comparisons, labeller))
    return [make(facts, labeller) for make in lines[1]]


def reasons_of(
    condition: Condition, labeller: Labeller, derived: Sequence[Derived]
) -> Callable[[dict[str, Any]], list[Line]]:
    """`reasons_for` of this condition as a function of a round's facts (the same lines), made once
    per condition and labeller: the plan looked up once, not once per finding."""
    plan = labeller.plan(condition, derived)
    if plan.derived:
        return lambda facts: reasons_for(condition, facts, labeller, derived)
    explain, known_lines = plan.explain, plan.lines

    def reasons(facts: dict[str, Any]) -> list[Line]:
        found = explain(facts)
        key = tuple(map(id, found))
        known = known_lines.get(key)
        if known is None:
            known = known_lines[key] = (found, line_makers(_line_items(found, {}, facts), labeller))
        return [make(facts, labeller) for make in known[1]]

    return reasons


def _line_items(
    found: list[Comparison], by_name: dict[str, Derived], facts: dict[str, Any]
) -> list[Comparison | FactRef]:
    """The comparisons that made a condition true as the lines state them, a derived fact followed
    by the comparisons it came from (`by_name`: the derived facts the condition reads)."""
    comparisons: list[Comparison | FactRef] = []  # a bare FactRef: a line stating the fact's value
    for c in found:
        if c.op == "!=":
            continue
        # "current role equal to fitting role" reads as two facts, each stated once
        refs = [c.fact, c.operand] if c.op == "==" and isinstance(c.operand, FactRef) else [c.fact]
        comparisons += refs if len(refs) > 1 else [c]
        for ref in refs:
            if isinstance(ref, FactRef) and ref.namespace == "derived" and ref.name in by_name:
                comparisons += derived_from(by_name[ref.name], facts)
    return comparisons


@dataclass
class _Plan:
    """How a rule's condition is explained, made once per condition: its compiled `explain`, the
    derived facts it reads (their lines depend on the round), and the line makers per list of
    comparisons that held."""

    condition: Condition  # kept, so the ids of its comparisons stay theirs
    explain: Explainer
    derived: dict[str, Derived]
    lines: dict[tuple[int, ...], tuple[list[Comparison], list[LineMaker]]]
