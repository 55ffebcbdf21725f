"""The rule base format (rules/ruleset.yaml and rules/*.yaml): models, template expansion, checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, ValidationError

from diagnose.conditions import (
    Comparison,
    Condition,
    ConditionSyntaxError,
    ThresholdRef,
    comparisons,
    evaluate,
    fact_refs,
    parse,
    resolve_thresholds,
    substitute,
)
from diagnose.placeholders import check_placeholders
from diagnose.priority import REASONS, STRENGTH_TEXTS, Priority
from diagnose.problems import Problem, ValidationFailed, did_you_mean
from diagnose.questionnaire import Id
from diagnose.references import Citation, References, check_citations
from diagnose.source import SourceFile, problems_from_pydantic
from diagnose.text import LocalizedText
from diagnose.vocabulary import Vocabulary

REQUIRED_THRESHOLDS = ("strength", "concern")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Tone = Literal["concern", "attention", "trend", "strength"]


class RuleKind(Strict):
    """A kind of rule: how every layer names it, colours it and ranks its findings."""

    id: Id
    label: LocalizedText
    tone: Tone
    icon: str = Field(pattern=r"^:material/[a-z0-9_]+:$")


class DerivedCase(Strict):
    when: str = Field(min_length=1)
    # null: the fact has no value when this case is the first to match (it stops the cases below,
    # e.g. a 1.0 round whose cohesion is undecided must not fall through to the 2.0 reading)
    value: Id | None


class DerivedFact(Strict):
    label: LocalizedText
    source: Citation
    value_labels: dict[str, LocalizedText] = Field(default_factory=dict)
    cases: list[DerivedCase] = Field(min_length=1)


class RulesetSettings(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    version: str = Field(min_length=1)
    # strict: `anonymity_minimum: true` is a mistake to report, not a 1 to read
    anonymity_minimum: StrictInt = Field(ge=1)
    profile_agreement: StrictFloat = Field(gt=0, le=1)
    # a respondent's construct score needs this many answered items (all, when fewer are asked)
    min_items_per_respondent: StrictInt = Field(default=2, ge=1)
    # a score construct measured by fewer items is a signal: shown without a band, signal.C for rules
    min_items_for_band: StrictInt = Field(default=3, ge=1)
    # other networks a benchmark needs before it shows anything (diagnose/benchmark.py); never below 5
    benchmark_minimum: StrictInt = Field(default=5, ge=5)
    thresholds: dict[str, StrictFloat]
    kinds: list[RuleKind] = Field(min_length=1)
    priority: Priority
    derived: dict[str, DerivedFact] = Field(default_factory=dict)

    @cached_property
    def kind_by_id(self) -> dict[str, RuleKind]:
        return {k.id: k for k in self.kinds}

    @cached_property
    def kind_order(self) -> list[str]:
        """The kinds as findings are ranked: the order of `kinds` in rules/ruleset.yaml."""
        return [k.id for k in self.kinds]


class Example(Strict):
    given: dict[str, float | str | bool]
    fires: bool


class ForEachGroup(Strict):
    group: str


class ForEachKind(Strict):
    """Every construct of a kind, over all groups: for rules about measurement itself."""

    kind: Literal["score", "position"]


class RuleSpec(Strict):
    id: str = Field(min_length=1)
    for_each: list[str] | ForEachGroup | ForEachKind | None = None
    kind: Id
    severity: int = Field(ge=1, le=5)
    when: str = Field(min_length=1)
    title: LocalizedText
    diagnosis: LocalizedText
    advice: LocalizedText
    sources: list[Citation] = Field(min_length=1)
    examples: list[Example] = Field(min_length=1)


class RuleFile(Strict):
    rules: list[RuleSpec] = Field(min_length=1)


@dataclass(frozen=True)
class Rule:
    """One concrete rule, after template expansion and with thresholds resolved."""

    id: str
    kind: str
    severity: int
    condition: Condition
    when: str
    title: LocalizedText
    diagnosis: LocalizedText
    advice: LocalizedText
    sources: tuple[Citation, ...]
    examples: tuple[Example, ...]
    constructs: tuple[str, ...]
    file: str
    line: int | None
    subject: str = ""  # the scored construct the texts' {score}, {band}, … speak of ("" if none)
    template: str = ""  # the rule's id as written, e.g. "strength_{construct}"; its own id if not a template


@dataclass(frozen=True)
class Derived:
    name: str
    label: LocalizedText
    source: Citation
    cases: tuple[tuple[Condition, str | None], ...]
    value_labels: dict[str, LocalizedText] = field(default_factory=dict)

    def value(self, facts: dict[str, Any]) -> str | None:
        for condition, value in self.cases:
            if evaluate(condition, facts):
                return value
        return None


def check_settings(settings: RulesetSettings, source: SourceFile) -> list[Problem]:
    problems = []
    for name in REQUIRED_THRESHOLDS:
        if name not in settings.thresholds:
            problems.append(
                source.problem(
                    "ruleset-settings",
                    ("thresholds",),
                    "thresholds",
                    detail=LocalizedText(
                        nl=f"drempel '{name}' ontbreekt (nodig voor de banden)",
                        en=f"threshold '{name}' is missing (the bands need it)",
                    ),
                )
            )
    if not problems and settings.thresholds["concern"] > settings.thresholds["strength"]:
        problems.append(
            source.problem(
                "ruleset-settings",
                ("thresholds", "concern"),
                "thresholds",
                detail=LocalizedText(
                    nl="'concern' ligt boven 'strength'", en="'concern' is above 'strength'"
                ),
            )
        )
    ids = [k.id for k in settings.kinds]
    for index, kind in enumerate(ids):
        if kind in ids[:index]:
            problems.append(
                source.problem(
                    "duplicate-id",
                    ("kinds", index, "id"),
                    "kinds",
                    key=kind,
                    other_line=source.line_of(("kinds", ids.index(kind), "id")),
                )
            )
    return problems + _check_priority(settings, source)


def _check_priority(settings: RulesetSettings, source: SourceFile) -> list[Problem]:
    """Every kind weighed, no weight for an unknown kind, every text there, and a misfit never
    above a concern on kind alone."""
    p = settings.priority
    ids = [k.id for k in settings.kinds]

    def problem(loc: tuple[Any, ...], nl: str, en: str) -> Problem:
        return source.problem(
            "ruleset-settings", ("priority", *loc), "priority", detail=LocalizedText(nl=nl, en=en)
        )

    problems = [
        problem(("kind",), f"soort '{k}' heeft geen gewicht", f"kind '{k}' has no weight")
        for k in ids
        if k not in p.kind
    ]
    for k in [*p.kind, *p.distance_kinds]:
        if k not in ids:
            hint = did_you_mean(k, ids)
            problems.append(
                problem(
                    ("kind", k),
                    f"'{k}' is geen soort uit 'kinds'" + (f" (bedoel je '{hint}'?)" if hint else ""),
                    f"'{k}' is not a kind listed under 'kinds'"
                    + (f" (did you mean '{hint}'?)" if hint else ""),
                )
            )
    for section, names in (("reasons", REASONS), ("strengths", STRENGTH_TEXTS)):
        texts: dict[str, LocalizedText] = getattr(p, section)
        problems += [
            problem((section,), f"tekst '{n}' ontbreekt", f"text '{n}' is missing")
            for n in names
            if n not in texts
        ]
    if "concern" in p.kind:
        problems += [
            problem(
                ("kind", k),
                f"'{k}' weegt zwaarder dan 'concern': een misfit mag een zorgpunt niet op soort alleen passeren",
                f"'{k}' weighs more than 'concern': a misfit may not outrank a concern on kind alone",
            )
            for k in ("fit", "leadership")
            if p.kind.get(k, 0.0) >= p.kind["concern"]
        ]
    return problems


def compile_derived(
    settings: RulesetSettings, vocab: Vocabulary, source: SourceFile
) -> tuple[list[Derived], list[Problem]]:
    derived: list[Derived] = []
    problems: list[Problem] = []
    for name, spec in settings.derived.items():
        vocab.derived[name] = {case.value for case in spec.cases if case.value is not None}
    for name, spec in settings.derived.items():
        cases = []
        for index, case in enumerate(spec.cases):
            loc = ("derived", name, "cases", index, "when")
            try:
                condition = parse(case.when)
                if any(ref.namespace == "derived" for ref in fact_refs(condition)):
                    raise ConditionSyntaxError(
                        LocalizedText(
                            nl="een afgeleid feit kan geen ander afgeleid feit gebruiken",
                            en="a derived fact cannot use another derived fact",
                        )
                    )
                vocab.check(condition)
            except ConditionSyntaxError as exc:
                problems.append(_condition_problem(exc, source, loc, name))
                continue
            cases.append((resolve_thresholds(condition, settings.thresholds), case.value))
        derived.append(Derived(name, spec.label, spec.source, tuple(cases), spec.value_labels))
    return derived, problems


USE_A_FACT = LocalizedText(
    nl="gebruik een feit dat de scoring oplevert", en="use a fact the scoring produces"
)


def _condition_problem(
    exc: ConditionSyntaxError, source: SourceFile, loc: tuple[Any, ...], rule_id: str
) -> Problem:
    problem = source.problem(
        exc.code,
        loc,
        "when",
        key=exc.key,
        suggestion=exc.suggestion,
        detail=USE_A_FACT if exc.code == "unknown-fact" else exc.detail,
        fact=exc.key,
        allowed="",
    )
    return Problem(problem.code, problem.file, problem.line, rule_id, "when", problem.params)


def load_rule_file(
    source: SourceFile, vocab: Vocabulary, settings: RulesetSettings, references: References | None = None
) -> tuple[list[Rule], list[Problem]]:
    try:
        spec_file = RuleFile.model_validate(source.data)
    except ValidationError as exc:
        return [], problems_from_pydantic(exc, source, RuleFile)
    rules: list[Rule] = []
    problems: list[Problem] = []
    by_kind = {c.id: c.kind for c in vocab.constructs.constructs}
    for index, spec in enumerate(spec_file.rules):
        loc = ("rules", index)
        if spec.kind not in settings.kind_by_id:
            problems.append(_unknown_kind(spec.kind, settings, source, (*loc, "kind")))
            continue
        if references is not None:
            problems += check_citations(spec.sources, references, source, (*loc, "sources"), spec.id)
        for construct, label in _expansions(spec, vocab, source, loc, problems):
            rule_id = substitute(spec.id, construct=construct)
            try:
                condition = parse(substitute(spec.when, construct=construct))
                vocab.check(condition)
            except ConditionSyntaxError as exc:
                problems.append(_condition_problem(exc, source, (*loc, "when"), rule_id))
                continue
            bad_id = _bad_rule_id(rule_id)
            if bad_id:
                problems.append(
                    Problem(
                        "invalid-value",
                        source.path,
                        source.line_of((*loc, "id")),
                        rule_id,
                        "id",
                        {"detail": bad_id},
                    )
                )
            examples = tuple(
                Example(
                    given={substitute(k, construct=construct): v for k, v in ex.given.items()}, fires=ex.fires
                )
                for ex in spec.examples
            )
            texts = {
                name: LocalizedText(
                    nl=substitute(
                        getattr(spec, name).nl, label=label.nl if label else construct, construct=construct
                    ),
                    en=substitute(
                        getattr(spec, name).en, label=label.en if label else construct, construct=construct
                    ),
                )
                for name in ("title", "diagnosis", "advice")
            }
            involved = tuple(
                dict.fromkeys(ref.name for ref in fact_refs(condition) if ref.name in vocab.measured)
            )
            subject = next((c for c in involved if by_kind.get(c) in ("score", "position")), "")
            problems += check_placeholders(
                texts,
                condition,
                (subject,) if subject else (),
                lambda name, loc=loc: (source.path, source.line_of((*loc, name))),  # type: ignore[misc]
                rule_id,
            )
            rules.append(
                Rule(
                    id=rule_id,
                    kind=spec.kind,
                    severity=spec.severity,
                    condition=resolve_thresholds(condition, settings.thresholds),
                    when=substitute(spec.when, construct=construct),
                    title=texts["title"],
                    diagnosis=texts["diagnosis"],
                    advice=texts["advice"],
                    sources=tuple(spec.sources),
                    examples=examples,
                    constructs=involved,
                    file=source.path,
                    line=source.line_of(loc),
                    template=spec.id,
                    subject=subject,
                )
            )
    return rules, problems


def _unknown_kind(kind: str, settings: RulesetSettings, source: SourceFile, loc: tuple[Any, ...]) -> Problem:
    close = did_you_mean(kind, settings.kind_by_id)
    known = ", ".join(settings.kind_order)
    return source.problem(
        "invalid-value",
        loc,
        "kind",
        detail=LocalizedText(
            nl=f"'{kind}' is geen soort uit 'kinds' in de regelbase ({known})"
            + (f"; bedoel je '{close}'?" if close else ""),
            en=f"'{kind}' is not a kind listed under 'kinds' in the rule base ({known})"
            + (f"; did you mean '{close}'?" if close else ""),
        ),
    )


def _bad_rule_id(rule_id: str) -> str:
    import re

    if re.fullmatch(r"[a-z][a-z0-9_]*", rule_id) and "__" not in rule_id:
        return ""
    return f"'{rule_id}' is not a valid rule id: use lower-case letters, digits and single underscores"


def _expansions(
    spec: RuleSpec, vocab: Vocabulary, source: SourceFile, loc: tuple[Any, ...], problems: list[Problem]
) -> list[tuple[str, LocalizedText | None]]:
    if spec.for_each is None:
        placeholders = [t for t in ("{construct}", "{label}") if t in spec.id + spec.when]
        if placeholders:
            problems.append(
                source.problem(
                    "template",
                    (*loc, "id"),
                    "for_each",
                    detail=LocalizedText(
                        nl=f"{placeholders[0]} gebruikt zonder for_each",
                        en=f"{placeholders[0]} used without for_each",
                    ),
                )
            )
            return []
        return [("", None)]
    if "{construct}" not in spec.id:
        problems.append(
            source.problem(
                "template",
                (*loc, "id"),
                "id",
                detail=LocalizedText(
                    nl="een sjabloon met for_each heeft {construct} in zijn id nodig",
                    en="a template with for_each needs {construct} in its id",
                ),
            )
        )
        return []
    by_id = vocab.constructs.by_id
    if isinstance(spec.for_each, ForEachKind):
        ids = [c.id for c in vocab.constructs.constructs if c.kind == spec.for_each.kind]
    elif isinstance(spec.for_each, ForEachGroup):
        groups = vocab.constructs.group_by_id
        if spec.for_each.group not in groups:
            problems.append(
                source.problem(
                    "template",
                    (*loc, "for_each", "group"),
                    "for_each",
                    detail=LocalizedText(
                        nl=f"onbekende groep '{spec.for_each.group}' (bedoel je '{did_you_mean(spec.for_each.group, groups)}'?)",
                        en=f"unknown group '{spec.for_each.group}' (did you mean '{did_you_mean(spec.for_each.group, groups)}'?)",
                    ),
                )
            )
            return []
        ids = [
            c.id for c in vocab.constructs.constructs if c.group == spec.for_each.group and c.kind == "score"
        ]
    else:
        ids = []
        for position, construct in enumerate(spec.for_each):
            if construct not in vocab.measured:
                problems.append(
                    source.problem(
                        "unknown-construct",
                        (*loc, "for_each", position),
                        "for_each",
                        key=construct,
                        suggestion=did_you_mean(construct, vocab.measured),
                    )
                )
            else:
                ids.append(construct)
    return [(cid, by_id[cid].label) for cid in ids]


def check_examples(rule: Rule) -> list[Problem]:
    """Examples must cover firing, not firing, and a case exactly at a threshold of the condition."""
    fires = [e for e in rule.examples if e.fires]
    silent = [e for e in rule.examples if not e.fires]
    missing = []
    if not fires:
        missing.append(LocalizedText(nl="geen voorbeeld dat afgaat", en="none that fires"))
    if not silent:
        missing.append(LocalizedText(nl="geen voorbeeld dat niet afgaat", en="none that does not fire"))
    if _numeric_bounds(rule.condition) and not any(
        _at_threshold(rule.condition, e.given) for e in rule.examples
    ):
        missing.append(
            LocalizedText(nl="geen voorbeeld precies op de drempel", en="none exactly at the threshold")
        )
    return [
        Problem("examples-incomplete", rule.file, rule.line, rule.id, "examples", {"detail": detail})
        for detail in missing
    ]


def _numeric_bounds(condition: Condition) -> list[Comparison]:
    return [
        c
        for c in comparisons(condition)
        if isinstance(c.operand, (float, ThresholdRef)) and c.op not in ("==", "!=")
    ]


def _at_threshold(condition: Condition, given: dict[str, Any]) -> bool:
    for c in _numeric_bounds(condition):
        bound = c.operand.value if isinstance(c.operand, ThresholdRef) else c.operand
        value = given.get(c.fact.path)
        if (
            isinstance(value, (int, float))
            and isinstance(bound, float)
            and not isinstance(value, bool)
            and abs(float(value) - bound) < 1e-9
        ):
            return True
    return False


def check_example_facts(rule: Rule, vocab: Vocabulary) -> list[Problem]:
    """An example may only name facts that exist, so a typo in an example is caught too."""
    from diagnose.conditions import FactRef

    problems = []
    for index, example in enumerate(rule.examples, start=1):
        for path, value in example.given.items():
            namespace, _, name = path.partition(".")
            if isinstance(value, bool) and namespace != "disagree":
                problems.append(
                    Problem("yes-no-unquoted", rule.file, rule.line, rule.id, f"examples[{index}].{path}")
                )
            try:
                vocab.check_ref(FactRef(namespace, name))
            except ConditionSyntaxError as exc:
                problems.append(
                    Problem(
                        exc.code,
                        rule.file,
                        rule.line,
                        rule.id,
                        f"examples[{index}]",
                        {
                            "key": exc.key,
                            "suggestion": exc.suggestion,
                            "detail": USE_A_FACT,
                        },
                    )
                )
    return problems


def raise_if(problems: list[Problem]) -> None:
    if problems:
        raise ValidationFailed(problems)
