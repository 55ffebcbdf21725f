"""Plain-language "because" sentences for a finding, from the rule's own condition."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from math import isnan
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from diagnose.conditions import (
    Comparison,
    Condition,
    Explainer,
    FactRef,
    ThresholdRef,
    compile_evaluate,
    compile_explain,
    fact_refs,
    operand_value,
)

# BAND_LABELS and ACTION_LABELS re-exported (`X as X`): the views import them from here
from diagnose.explain_words import ACTION_LABELS as ACTION_LABELS  # noqa: PLC0414
from diagnose.explain_words import BAND_LABELS as BAND_LABELS  # noqa: PLC0414
from diagnose.explain_words import (
    BAND_TAILS,
    BETWEEN,
    BOOL_LABELS,
    BOUND_WORDS,
    FACT_LABELS,
    OP_WORDS,
    ROUND_LABELS,
    THRESHOLD_WORDS,
)
from diagnose.item_types import item_type
from diagnose.questionnaire import Questionnaire
from diagnose.text import LANGUAGES, Lang, LocalizedText, format_number, trusted

if TYPE_CHECKING:
    from diagnose.rulebase import Derived


class Because(BaseModel):
    """One fact and the threshold (or value) it met, with a sentence saying so (frozen: one line is
    shared by every finding that states the same values, see Labeller.line)."""

    model_config = ConfigDict(frozen=True)

    fact: str
    value: float | str | bool
    op: str
    compared_to: float | str | bool
    threshold: str | None = None
    other_fact: str | None = None
    text: LocalizedText


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
        self._bounds: dict[tuple[Comparison, ...], _Bounds] = {}
        # per list of comparisons that made a condition true (by identity; the list keeps them
        # alive so the ids stay theirs): how each line of its "because" is made (see reasons_for)
        self._lines: dict[tuple[int, ...], tuple[list[Comparison | FactRef], list[_LineMaker]]] = {}
        # per rule id: what diagnose keeps of a rule to make its findings in this labeller's terms
        self.by_rule: dict[str, Any] = {}

    def bounds(self, bounds: list[Comparison]) -> _Bounds:
        """What a line about a fact between thresholds says whatever the round: built once per
        rule (the bounds are the rule's, the thresholds the rule base's), not once per finding."""
        key = tuple(bounds)
        shape = self._bounds.get(key)
        if shape is None:
            shape = self._bounds[key] = _Bounds.of(bounds, self)
        return shape

    def line(self, key: tuple[Any, ...], make: Callable[[], dict[str, Any]]) -> Line:
        """A line of a "because", validated once and kept for the next finding that states the
        same values (`key`: what made the line, then those values, each an exact key): of the
        ~35 lines of a round most were made before, in a re-diagnosis of many rounds."""
        line = self._line_cache.get(key)
        if line is None:
            if len(self._line_cache) >= MAX_LINES:
                self._line_cache.clear()
            line = self._line_cache[key] = _line(make())
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


def because(comparison: Comparison, facts: dict[str, Any], labeller: Labeller) -> dict[str, Any]:
    """A Because as plain data (validated together with its finding: one pydantic call per
    diagnosis instead of two model constructions per sentence)."""
    value = facts[comparison.fact.path]
    other = operand_value(comparison.operand, facts)
    operand = comparison.operand
    values = labeller.texts(comparison.fact)(value)
    texts = {}
    for index, lang in enumerate(LANGUAGES):
        head, tail = labeller.sentence_around(comparison, other, index, lang)
        texts[lang] = head + values[index] + tail
    return {
        "fact": comparison.fact.path,
        "value": value,
        "op": comparison.op,
        "compared_to": other,
        "threshold": operand.label if isinstance(operand, ThresholdRef) else None,
        "other_fact": operand.path if isinstance(operand, FactRef) else None,
        "text": texts,
    }


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
            known = plan.lines[key] = (found, _line_makers(_line_items(found, {}, facts), labeller))
        return [make(facts, labeller) for make in known[1]]
    comparisons = _line_items(found, plan.derived, facts)
    key = tuple(map(id, comparisons))
    lines = labeller._lines.get(key)
    if lines is None:
        lines = labeller._lines[key] = (comparisons, _line_makers(comparisons, labeller))
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
            known = known_lines[key] = (found, _line_makers(_line_items(found, {}, facts), labeller))
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
                comparisons += _derived_from(by_name[ref.name], facts)
    return comparisons


@dataclass
class _Plan:
    """How a rule's condition is explained, made once per condition: its compiled `explain`, the
    derived facts it reads (their lines depend on the round), and the line makers per list of
    comparisons that held."""

    condition: Condition  # kept, so the ids of its comparisons stay theirs
    explain: Explainer
    derived: dict[str, Derived]
    lines: dict[tuple[int, ...], tuple[list[Comparison], list[_LineMaker]]]


# A line of a "because" and, when it compares a number with a threshold, how far the value is
# past it (the finding's margin is the first such distance)
Line = tuple[Because, float | None]
_LineMaker = Callable[[dict[str, Any], "Labeller"], Line]
MAX_LINES = 10_000  # lines kept per labeller for reuse (see Labeller.line): flat memory


def _exact(value: Any) -> bool:
    """Whether a value may key the reuse of a line: equal keys must read alike, and 0.0 == -0.0
    (written "-0,00"), 1.0 == True and nan != nan do not."""
    kind = type(value)
    return (
        kind is str or kind is bool or value is None or (kind is float and value != 0.0 and not isnan(value))
    )


_BECAUSE_FIELDS = set(Because.model_fields)  # every line has them all set (frozen: one set shared)
_KEPT = (float, str, bool)  # the types a Because's value keeps through validation (an int does not)


def _line(data: dict[str, Any]) -> Line:
    value, compared_to = data["value"], data["compared_to"]
    margin = (
        round(abs(value - compared_to), 4)
        if data["threshold"] is not None and isinstance(value, float) and isinstance(compared_to, float)
        else None
    )
    text = data["text"]
    if type(value) in _KEPT and type(compared_to) in _KEPT:  # what validation would give back
        data["text"] = LocalizedText.of(text["nl"], text["en"])
        return trusted(Because, data, fields=_BECAUSE_FIELDS), margin
    return Because.model_validate(data), margin


def _line_makers(comparisons: list[Comparison | FactRef], labeller: Labeller) -> list[_LineMaker]:
    """How each line of a "because" is made from a round's facts, for one list of comparisons that
    made a condition true: which comparisons share a line and what kind of line it is depend only
    on the list, so they are decided once per list, not once per finding."""
    lines: dict[str, list[Comparison | FactRef]] = {}
    for item in comparisons:
        path = item.path if isinstance(item, FactRef) else item.fact.path
        group = lines.setdefault(path, [])
        if isinstance(item, FactRef):
            if not group:
                group.append(item)  # the value alone, unless a comparison already states it
            continue
        group[:] = [g for g in group if isinstance(g, Comparison)]
        if all(isinstance(o, Comparison) and (item.op, item.operand) != (o.op, o.operand) for o in group):
            group.append(item)
    return [_line_maker(group, labeller) for group in lines.values()]


def _line_maker(group: list[Comparison | FactRef], labeller: Labeller) -> _LineMaker:
    """One fact's line: its value, the bounds it met ("tussen 3,00 en 4,00") and, for a score,
    its band ("aandachtspunt"). A line depends only on the values it states, so one made before
    for the same values is used again (Labeller.line)."""
    first_item = group[0]
    if isinstance(first_item, FactRef):
        ref, path = first_item, first_item.path

        def value_line(facts: dict[str, Any], labeller: Labeller) -> Line:
            value = facts[path]
            if not _exact(value):
                return _line(_value_line(ref, facts, labeller))
            return labeller.line((id(ref), type(value), value), lambda: _value_line(ref, facts, labeller))

        return value_line
    comparisons = [c for c in group if isinstance(c, Comparison)]
    bounds = [c for c in comparisons if isinstance(c.operand, ThresholdRef) and c.op in BOUND_WORDS]
    if not bounds or len(comparisons) != len(bounds):
        first = comparisons[0]
        fact_path = first.fact.path

        def compared_line(facts: dict[str, Any], labeller: Labeller) -> Line:
            value, other = facts[fact_path], operand_value(first.operand, facts)
            if not (_exact(value) and _exact(other)):
                return _line(because(first, facts, labeller))
            return labeller.line(
                (id(first), type(value), value, type(other), other), lambda: because(first, facts, labeller)
            )

        return compared_line
    shape = labeller.bounds(bounds)
    value_path, band_path, shape_id = shape.ref.path, shape.band, id(shape)
    kept, texts_kept, texts = labeller._line_cache, labeller._bounds_texts, shape.texts
    op, threshold, compared_to = shape.op, shape.threshold, shape.compared_to
    fast = type(compared_to) is float

    def bounds_line(facts: dict[str, Any], labeller: Labeller) -> Line:
        value = facts[value_path]
        band = facts.get(band_path) if band_path is not None else None
        if (
            fast
            and type(value) is float
            and (band is None or type(band) is str)
            and labeller._line_cache is kept
        ):
            # most lines (a score, its bounds and band): made from the text kept for the value as
            # written (a mean of 3.2667 and one of 3.2650 both read 3,27), as _bounds_made makes them
            values = texts(value)
            text = texts_kept.get((shape_id, values, band))
            if text is None:
                text = _bounds_text(shape, values, band, labeller)
            line = {
                "fact": value_path,
                "value": value,
                "op": op,
                "compared_to": compared_to,
                "threshold": threshold,
                "other_fact": None,
                "text": text,
            }
            return trusted(Because, line, fields=_BECAUSE_FIELDS), round(abs(value - compared_to), 4)
        if _exact(value) and _exact(band):
            key = (shape_id, type(value), value, band)
        else:
            return _bounds_made(shape, value, band, None)
        line = kept.get(key) if labeller._line_cache is kept else None
        return line if line is not None else labeller.keep(key, _bounds_made(shape, value, band, labeller))

    return bounds_line


def _value_line(ref: FactRef, facts: dict[str, Any], labeller: Labeller) -> dict[str, Any]:
    value = facts[ref.path]
    heads, values = labeller.heads(ref), labeller.texts(ref)(value)
    return {
        "fact": ref.path,
        "value": value,
        "op": "==",
        "compared_to": value,
        "threshold": None,
        "other_fact": None,
        "text": {lang: heads[index] + values[index] for index, lang in enumerate(LANGUAGES)},
    }


def _derived_from(d: Derived, facts: dict[str, Any]) -> list[Comparison]:
    """The comparisons of the case that gave the derived fact its value (compiled once per
    derived fact: `evaluate` and `explain` of its cases, the same comparisons)."""
    value = facts.get(f"derived.{d.name}")
    compiled = _cases.get(id(d))
    if compiled is None or compiled[0] is not d:
        if len(_cases) > 1_000:  # rule bases loaded one after another in a long-lived process
            _cases.clear()
        compiled = _cases[id(d)] = (
            d,
            [(value, compile_evaluate(case), compile_explain(case)) for case, value in d.cases],
        )
    for case_value, holds, comparisons in compiled[1]:
        if case_value == value and holds(facts):
            return comparisons(facts)
    return []


# per derived fact (by id, kept beside them so the id stays its own): its cases compiled
_cases: dict[int, tuple[Derived, list[tuple[str | None, Callable[[Any], bool], Explainer]]]] = {}


@dataclass(frozen=True)
class _Bounds:
    """The parts of a bounds line that depend only on the rule: "<subject>: " and " — tussen 3,00
    en 4,00" per language, and the line's op, threshold and the value compared with."""

    ref: FactRef
    band: str | None  # the path of a score's band, said after the value
    texts: Callable[[Any], tuple[str, ...]]  # the value per language (Labeller.texts)
    heads: tuple[str, ...]  # per language, LANGUAGES' order
    spans: tuple[str, ...]
    op: str
    compared_to: float
    threshold: str

    @classmethod
    def of(cls, bounds: list[Comparison], labeller: Labeller) -> _Bounds:
        ref = bounds[0].fact
        low = next((c for c in bounds if c.op in (">=", ">")), None)
        high = next((c for c in bounds if c.op in ("<", "<=")), None)
        spans = []
        for lang in LANGUAGES:
            if low is not None and high is not None:
                span = BETWEEN.get(lang).format(
                    low=labeller.value(ref, operand_value(low.operand, {}), lang),
                    high=labeller.value(ref, operand_value(high.operand, {}), lang),
                )
            else:
                only = bounds[0]
                span = (
                    BOUND_WORDS[only.op]
                    .get(lang)
                    .format(bound=labeller.value(ref, operand_value(only.operand, {}), lang))
                )
            spans.append(f" — {span}")
        first = low or bounds[0]
        operand = first.operand
        assert isinstance(operand, ThresholdRef)
        return cls(
            ref=ref,
            band=f"band.{ref.name}" if ref.namespace == "score" else None,
            texts=labeller.texts(ref),
            heads=labeller.heads(ref),
            spans=tuple(spans),
            op="between" if low is not None and high is not None else first.op,
            compared_to=operand.value,
            threshold=operand.label
            if len(bounds) == 1
            else "..".join(
                c.operand.label for c in (low, high) if c is not None and isinstance(c.operand, ThresholdRef)
            ),
        )


_NL, _EN = LANGUAGES.index("nl"), LANGUAGES.index("en")


def _bounds_made(shape: _Bounds, value: Any, band: Any, labeller: Labeller | None) -> Line:
    """A bounds line: the value, the bounds it met and, for a score, its `band` (the fact's value),
    made as `_line` makes one (the same values) without the dict in between."""
    values = shape.texts(value)
    compared_to = shape.compared_to
    if type(value) is not float or type(compared_to) is not float:
        heads, spans = shape.heads, shape.spans
        tail = BAND_TAILS.get(band) if shape.band is not None else None
        return _line(
            {
                "fact": shape.ref.path,
                "value": value,
                "op": shape.op,
                "compared_to": compared_to,
                "threshold": shape.threshold,
                "other_fact": None,
                "text": {
                    "nl": heads[_NL] + values[_NL] + spans[_NL] + (tail[_NL] if tail else ""),
                    "en": heads[_EN] + values[_EN] + spans[_EN] + (tail[_EN] if tail else ""),
                },
            }
        )
    data = {
        "fact": shape.ref.path,
        "value": value,
        "op": shape.op,
        "compared_to": compared_to,
        "threshold": shape.threshold,
        "other_fact": None,
        "text": _bounds_text(shape, values, band, labeller),
    }
    return trusted(Because, data, fields=_BECAUSE_FIELDS), round(abs(value - compared_to), 4)


def _bounds_text(
    shape: _Bounds, values: tuple[str, ...], band: Any, labeller: Labeller | None
) -> LocalizedText:
    """A bounds line's text: "<subject>: <value> — <bounds>" and the band's words, kept in
    `labeller` (if given) by the value as written and the band (exact: strings, a band's name)."""
    heads, spans = shape.heads, shape.spans
    tail = BAND_TAILS.get(band) if shape.band is not None else None
    text = LocalizedText.of(
        heads[_NL] + values[_NL] + spans[_NL] + (tail[_NL] if tail else ""),
        heads[_EN] + values[_EN] + spans[_EN] + (tail[_EN] if tail else ""),
    )
    if labeller is not None and type(band) in (str, type(None)):
        if len(labeller._bounds_texts) >= MAX_LINES:
            labeller._bounds_texts.clear()
        labeller._bounds_texts[(id(shape), values, band)] = text
    return text
