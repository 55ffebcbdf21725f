"""The small condition language of the rules, e.g.

    score.lnc5_ownership < threshold.concern and profile.support in (bureau, facilitator)

Parsed into a tree that is (1) checked against the vocabulary of known facts, (2) compiled to a
durable-rules expression, which decides whether a rule fires, and (3) walked in Python to explain
*why* it fired (durable-rules cannot say) and as the plain-Python baseline of the benchmark.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from diagnose.text import LocalizedText

OPERATORS = ("<", "<=", ">", ">=", "==", "!=")
DURABLE_OPERATOR = {"<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte", "!=": "$neq"}
NUMERIC_NAMESPACES = (
    "score",
    "sd",
    "min",
    "max",
    "n",
    "change",
    "previous",
    "role_gap",
    "unknown",
    "signal",
    "item",
    "count",
    "round",
)
NAMESPACES = (*NUMERIC_NAMESPACES, "band", "profile", "disagree", "derived", "action")
KEY_SEPARATOR = "__"

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<number>-?\d+(?:\.\d+)?)(?![A-Za-z_])
    | (?P<negthreshold>-threshold\.[A-Za-z_][A-Za-z0-9_]*)
    | (?P<op><=|>=|==|!=|<|>|=>|=<|=|<>)
    | (?P<punct>[(),])
    | (?P<word>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_{][A-Za-z0-9_{}]*)?)
    | (?P<string>"[^"]*"|'[^']*')
    | (?P<other>\S+)
    )""",
    re.VERBOSE,
)


class ConditionSyntaxError(ValueError):
    """What cannot be read in a condition: `detail` in both languages (the catalogue's {detail}),
    `code` the catalogue entry, `key` the offending word, `suggestion` a "did you mean"."""

    def __init__(
        self,
        detail: LocalizedText,
        code: str = "condition-syntax",
        key: str = "",
        suggestion: str = "",
    ):
        super().__init__(detail.en)
        self.detail = detail
        self.code = code
        self.key = key
        self.suggestion = suggestion


def _says(nl: str, en: str) -> LocalizedText:
    return LocalizedText(nl=nl, en=en)


@dataclass(frozen=True)
class FactRef:
    namespace: str
    name: str

    @cached_property  # read for every comparison of every diagnosis
    def path(self) -> str:
        return f"{self.namespace}.{self.name}"

    @property
    def key(self) -> str:
        """The property name in the durable-rules fact (flat: dots would mean nesting there)."""
        return f"{self.namespace}{KEY_SEPARATOR}{self.name}"


@dataclass(frozen=True)
class ThresholdRef:
    name: str
    value: float = 0.0
    negative: bool = False

    @property
    def label(self) -> str:
        return f"-{self.name}" if self.negative else self.name


Operand = float | str | bool | FactRef | ThresholdRef


@dataclass(frozen=True)
class Comparison:
    fact: FactRef
    op: str
    operand: Operand


@dataclass(frozen=True)
class AllOf:
    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Condition, ...]


Condition = Comparison | AllOf | AnyOf


# --- parsing ---------------------------------------------------------------------------------


def tokenize(text: str) -> list[tuple[str, str]]:
    tokens = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind is None:
            continue
        value = match.group(kind)
        if kind == "op" and value not in OPERATORS:
            hint = {"=": "==", "=>": ">=", "=<": "<=", "<>": "!="}[value]
            raise ConditionSyntaxError(
                _says(f"onbekende operator '{value}'", f"unknown operator '{value}'"),
                "unknown-operator",
                value,
                hint,
            )
        if kind == "other":
            raise ConditionSyntaxError(
                _says(f"onverwacht '{value}'", f"unexpected '{value}'"), "unknown-operator", value, ""
            )
        tokens.append((kind, value))
    return tokens


class _Parser:
    def __init__(self, text: str):
        self.tokens = tokenize(text)
        self.pos = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise ConditionSyntaxError(
                _says("de voorwaarde houdt te vroeg op", "the condition ends too early")
            )
        self.pos += 1
        return token

    def expect(self, value: str) -> None:
        token = self.take()
        if token[1] != value:
            raise ConditionSyntaxError(
                _says(
                    f"'{value}' verwacht maar '{token[1]}' gevonden",
                    f"expected '{value}' but found '{token[1]}'",
                )
            )

    def parse(self) -> Condition:
        if not self.tokens:
            raise ConditionSyntaxError(_says("de voorwaarde is leeg", "the condition is empty"))
        node = self.condition()
        if self.peek() is not None:
            raise ConditionSyntaxError(
                _says(
                    f"onverwacht '{self.peek()[1]}' (verbind delen met 'and' of 'or')",  # type: ignore[index]
                    f"unexpected '{self.peek()[1]}' (join parts with 'and' or 'or')",  # type: ignore[index]
                )
            )
        return node

    def condition(self) -> Condition:
        parts = [self.term()]
        while self._word_is("or"):
            self.take()
            parts.append(self.term())
        return parts[0] if len(parts) == 1 else AnyOf(tuple(parts))

    def term(self) -> Condition:
        parts = [self.factor()]
        while self._word_is("and"):
            self.take()
            parts.append(self.factor())
        return parts[0] if len(parts) == 1 else AllOf(tuple(parts))

    def _word_is(self, word: str) -> bool:
        token = self.peek()
        return token is not None and token[0] == "word" and token[1].lower() == word

    def factor(self) -> Condition:
        token = self.peek()
        if token is not None and token[1] == "(":
            self.take()
            node = self.condition()
            self.expect(")")
            return node
        if token is not None and token[0] == "word" and token[1].lower() == "not":
            raise ConditionSyntaxError(
                _says("'not' bestaat niet", "'not' is not supported"), "unknown-operator", "not", "!="
            )
        return self.comparison()

    def comparison(self) -> Condition:
        kind, word = self.take()
        if kind != "word" or "." not in word:
            raise ConditionSyntaxError(
                _says(
                    f"een feit zoals score.lnc4_trust verwacht, '{word}' gevonden",
                    f"expected a fact such as score.lnc4_trust, found '{word}'",
                )
            )
        fact = _fact_ref(word)
        kind, op = self.take()
        if kind == "word" and op.lower() == "in":
            self.expect("(")
            values = [self.value()]
            while self.peek() is not None and self.peek()[1] == ",":  # type: ignore[index]
                self.take()
                values.append(self.value())
            self.expect(")")
            parts = tuple(Comparison(fact, "==", v) for v in values)
            return parts[0] if len(parts) == 1 else AnyOf(parts)
        if kind != "op":
            raise ConditionSyntaxError(
                _says(f"onbekende operator '{op}'", f"unknown operator '{op}'"), "unknown-operator", op, ""
            )
        return Comparison(fact, op, self.value())

    def value(self) -> Operand:
        kind, text = self.take()
        if kind == "number":
            return float(text)
        if kind == "string":
            return text[1:-1]
        if kind == "negthreshold":
            return ThresholdRef(text.split(".", 1)[1], negative=True)
        if kind == "word":
            lowered = text.lower()
            if lowered in ("true", "false"):
                return lowered == "true"
            if text.startswith("threshold."):
                return ThresholdRef(text.split(".", 1)[1])
            if "." in text:
                return _fact_ref(text)
            return text
        raise ConditionSyntaxError(
            _says(f"een waarde verwacht, '{text}' gevonden", f"expected a value, found '{text}'")
        )


def _fact_ref(word: str) -> FactRef:
    namespace, _, name = word.partition(".")
    return FactRef(namespace, name)


def parse(text: str) -> Condition:
    return _Parser(text).parse()


def comparisons(node: Condition) -> list[Comparison]:
    if isinstance(node, Comparison):
        return [node]
    return [c for part in node.parts for c in comparisons(part)]


def fact_refs(node: Condition) -> list[FactRef]:
    refs: list[FactRef] = []
    for comparison in comparisons(node):
        refs.append(comparison.fact)
        if isinstance(comparison.operand, FactRef):
            refs.append(comparison.operand)
    return refs


def resolve_thresholds(node: Condition, thresholds: dict[str, float]) -> Condition:
    if isinstance(node, Comparison):
        if isinstance(node.operand, ThresholdRef):
            ref = node.operand
            value = -thresholds[ref.name] if ref.negative else thresholds[ref.name]
            return Comparison(node.fact, node.op, ThresholdRef(ref.name, value, ref.negative))
        return node
    parts = tuple(resolve_thresholds(p, thresholds) for p in node.parts)
    return AllOf(parts) if isinstance(node, AllOf) else AnyOf(parts)


# --- evaluation in Python: explanations and the benchmark baseline ----------------------------

Facts = dict[str, Any]  # keyed by fact path, e.g. "score.lnc1_goal_focus"


def operand_value(operand: Operand, facts: Facts) -> Any:
    if isinstance(operand, ThresholdRef):
        return operand.value
    if isinstance(operand, FactRef):
        return facts.get(operand.path)
    return operand


def compare(comparison: Comparison, facts: Facts) -> bool:
    """Same semantics as durable-rules: a missing fact (or operand) makes any comparison false."""
    left = facts.get(comparison.fact.path)
    right = operand_value(comparison.operand, facts)
    if left is None or right is None:
        return False
    try:
        return bool(_COMPARE[comparison.op](left, right))
    except TypeError:
        return False


_COMPARE: dict[str, Callable[[Any, Any], Any]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def evaluate(node: Condition, facts: Facts) -> bool:
    if isinstance(node, Comparison):
        return compare(node, facts)
    if isinstance(node, AllOf):
        return all(evaluate(p, facts) for p in node.parts)
    return any(evaluate(p, facts) for p in node.parts)


def explain(node: Condition, facts: Facts) -> list[Comparison]:
    """The comparisons that made the condition true: all of an 'and', the true branches of an 'or'."""
    if isinstance(node, Comparison):
        return [node] if compare(node, facts) else []
    if isinstance(node, AllOf):
        return [c for p in node.parts for c in explain(p, facts)]
    return [c for p in node.parts if evaluate(p, facts) for c in explain(p, facts)]


Explainer = Callable[[Facts], list[Comparison]]


def compile_explain(node: Condition) -> Explainer:
    """`explain` of this condition as a function of the facts, made once per condition: the same
    comparisons in the same order, without walking the tree and reading the operator per
    comparison for every finding."""
    if isinstance(node, Comparison):
        test = _compile_compare(node)
        one = [node]
        return lambda facts: one.copy() if test(facts) else []
    if isinstance(node, AllOf) and all(isinstance(p, Comparison) for p in node.parts):
        # an 'and' of comparisons (most rules): the ones that hold, each tested once, in order
        held = [(_compile_compare(p), p) for p in node.parts if isinstance(p, Comparison)]
        return lambda facts: [c for test, c in held if test(facts)]
    parts = [compile_explain(p) for p in node.parts]
    if isinstance(node, AllOf):
        return lambda facts: [c for part in parts for c in part(facts)]
    tests = [compile_evaluate(p) for p in node.parts]
    pairs = list(zip(tests, parts, strict=True))
    return lambda facts: [c for test, part in pairs if test(facts) for c in part(facts)]


def compile_evaluate(node: Condition) -> Callable[[Facts], bool]:
    """`evaluate` of this condition as a function of the facts, made once per condition."""
    if isinstance(node, Comparison):
        return _compile_compare(node)
    tests = [compile_evaluate(p) for p in node.parts]
    if isinstance(node, AllOf):
        return lambda facts: all(test(facts) for test in tests)
    return lambda facts: any(test(facts) for test in tests)


def _compile_compare(comparison: Comparison) -> Callable[[Facts], bool]:
    """`compare` of one comparison as a function of the facts (same semantics)."""
    path, op, operand = comparison.fact.path, _COMPARE[comparison.op], comparison.operand
    if isinstance(operand, FactRef):
        other = operand.path

        def with_fact(facts: Facts) -> bool:
            left, right = facts.get(path), facts.get(other)
            if left is None or right is None:
                return False
            try:
                return bool(op(left, right))
            except TypeError:
                return False

        return with_fact
    right = operand_value(operand, {})
    if right is None:
        return lambda facts: False

    def with_value(facts: Facts) -> bool:
        left = facts.get(path)
        if left is None:
            return False
        try:
            return bool(op(left, right))
        except TypeError:
            return False

    return with_value


# --- compilation to durable-rules -----------------------------------------------------------


def to_durable(node: Condition) -> dict[str, Any]:
    if isinstance(node, AllOf):
        return {"$and": [to_durable(p) for p in node.parts]}
    if isinstance(node, AnyOf):
        return {"$or": [to_durable(p) for p in node.parts]}
    operand = node.operand
    value: Any
    if isinstance(operand, ThresholdRef):
        value = operand.value
    elif isinstance(operand, FactRef):
        value = {"$m": operand.key}
    else:
        value = operand
    compiled = (
        {node.fact.key: value} if node.op == "==" else {DURABLE_OPERATOR[node.op]: {node.fact.key: value}}
    )
    if isinstance(operand, FactRef):
        # durable-rules treats a comparison with an absent referenced fact as true, whatever the
        # operator (measured: `p == $m.d` fires without d); require it to exist.
        return {"$and": [{"$ex": {operand.key: 1}}, compiled]}
    return compiled


def substitute(text: str, **values: str) -> str:
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text
