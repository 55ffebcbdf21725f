"""How one line of a finding's "because" is made from a round's facts: the Because a line is,
the kinds of line (a fact's value, a comparison, a value between bounds with its band) and the
parts of them kept for the next round that states the same (see explain.Labeller)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from math import isnan
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from diagnose.conditions import (
    Comparison,
    Explainer,
    FactRef,
    ThresholdRef,
    compile_evaluate,
    compile_explain,
    operand_value,
)
from diagnose.explain_words import BAND_TAILS, BETWEEN, BOUND_WORDS
from diagnose.text import LANGUAGES, LocalizedText, trusted

if TYPE_CHECKING:
    from diagnose.explain import Labeller
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


# A line of a "because" and, when it compares a number with a threshold, how far the value is
# past it (the finding's margin is the first such distance)
Line = tuple[Because, float | None]
LineMaker = Callable[[dict[str, Any], "Labeller"], Line]
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


def made_line(data: dict[str, Any]) -> Line:
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


def line_makers(comparisons: list[Comparison | FactRef], labeller: Labeller) -> list[LineMaker]:
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


def _line_maker(group: list[Comparison | FactRef], labeller: Labeller) -> LineMaker:
    """One fact's line: its value, the bounds it met ("tussen 3,00 en 4,00") and, for a score,
    its band ("aandachtspunt"). A line depends only on the values it states, so one made before
    for the same values is used again (Labeller.line)."""
    first_item = group[0]
    if isinstance(first_item, FactRef):
        ref, path = first_item, first_item.path

        def value_line(facts: dict[str, Any], labeller: Labeller) -> Line:
            value = facts[path]
            if not _exact(value):
                return made_line(_value_line(ref, facts, labeller))
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
                return made_line(because(first, facts, labeller))
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
            # written (a mean of 3.2667 and one of 3.2700 both read 3,27), as _bounds_made makes them
            values = texts(value)
            text = texts_kept.get((shape_id, values, band))
            if text is None:
                text = _bounds_text(shape, values, band, labeller)
            data = {
                "fact": value_path,
                "value": value,
                "op": op,
                "compared_to": compared_to,
                "threshold": threshold,
                "other_fact": None,
                "text": text,
            }
            return trusted(Because, data, fields=_BECAUSE_FIELDS), round(abs(value - compared_to), 4)
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


def derived_from(d: Derived, facts: dict[str, Any]) -> list[Comparison]:
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
class Bounds:
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
    def of(cls, bounds: list[Comparison], labeller: Labeller) -> Bounds:
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


def _bounds_made(shape: Bounds, value: Any, band: Any, labeller: Labeller | None) -> Line:
    """A bounds line: the value, the bounds it met and, for a score, its `band` (the fact's value),
    made as `_line` makes one (the same values) without the dict in between."""
    values = shape.texts(value)
    compared_to = shape.compared_to
    floats = type(value) is float and type(compared_to) is float
    text = _bounds_text(shape, values, band, labeller if floats else None)
    data = {
        "fact": shape.ref.path,
        "value": value,
        "op": shape.op,
        "compared_to": compared_to,
        "threshold": shape.threshold,
        "other_fact": None,
        "text": text if floats else {"nl": text.nl, "en": text.en},
    }
    if not floats:  # validated as `_line` validates any other value
        return made_line(data)
    return trusted(Because, data, fields=_BECAUSE_FIELDS), round(abs(value - compared_to), 4)


def _bounds_text(
    shape: Bounds, values: tuple[str, ...], band: Any, labeller: Labeller | None
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
