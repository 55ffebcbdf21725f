"""Loading and validating the content (constructs, questionnaires, rule base) into one Bundle."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path
from typing import Any

from diagnose.conditions import compile_evaluate, fact_refs
from diagnose.engine import RuleEngine
from diagnose.explain import Labeller
from diagnose.problems import Problem, ValidationFailed, did_you_mean
from diagnose.questionnaire import ConstructCatalogue, Questionnaire, version_key
from diagnose.questionnaire_checks import check_comparable, check_constructs, check_questionnaire
from diagnose.references import REFERENCES_FILE, References, check_citations
from diagnose.rulebase import (
    Derived,
    Example,
    Rule,
    RulesetSettings,
    check_example_facts,
    check_examples,
    check_settings,
    compile_derived,
    load_rule_file,
)
from diagnose.source import SourceFile, load_yaml, problems_from_pydantic, validate_model
from diagnose.text import LocalizedText
from diagnose.vocabulary import Vocabulary


def _content_root() -> Path:
    """The folder holding questionnaires/, rules/ and schemas/: $NETSCAN_CONTENT if set; else the
    copy an installed wheel carries (diagnose/content, made by setup.py); else the repository, for
    an editable install that reads the top-level folders in place."""
    if "NETSCAN_CONTENT" in os.environ:
        return Path(os.environ["NETSCAN_CONTENT"])
    package = Path(__file__).resolve().parent
    installed = package / "content"
    return installed if installed.is_dir() else package.parent


PROJECT_ROOT = _content_root()
SETTINGS_FILE = "ruleset.yaml"
CONSTRUCTS_FILE = "constructs.yaml"
EARLIER_DIR = "earlier"  # questionnaires/earlier/: the versions before the newest, kept for stored rounds


@dataclass
class ContentFiles:
    constructs: Path | None = None
    questionnaires: list[Path] = field(default_factory=list)
    settings: Path | None = None
    rules: list[Path] = field(default_factory=list)
    references: Path | None = None


@dataclass
class Bundle:
    """Everything the diagnosis needs, validated, with the rules registered in durable-rules."""

    constructs: ConstructCatalogue
    questionnaires: dict[str, Questionnaire]  # id → its newest version: what new rounds use
    settings: RulesetSettings
    derived: list[Derived]
    rules: list[Rule]
    vocabulary: Vocabulary
    engine: RuleEngine
    references: References
    # id → version → questionnaire: every version, so stored rounds keep the version they were answered with
    versions: dict[str, dict[str, Questionnaire]] = field(default_factory=dict)
    _labellers: dict[str, Labeller] = field(default_factory=dict, repr=False)

    @cached_property
    def rule_by_id(self) -> dict[str, Rule]:
        return {rule.id: rule for rule in self.rules}

    @cached_property
    def referenced_facts(self) -> frozenset[str]:
        """Fact paths some rule or derived fact reads: only these go into the durable-rules fact."""
        paths = {ref.path for rule in self.rules for ref in fact_refs(rule.condition)}
        paths.update(ref.path for d in self.derived for cond, _ in d.cases for ref in fact_refs(cond))
        return frozenset(paths)

    @cached_property
    def derived_cases(self) -> list[tuple[str, list[tuple[Callable[[dict[str, Any]], bool], str | None]]]]:
        """Each derived fact's cases as compiled tests (`Derived.value` without walking the
        conditions for every round): the first case that holds gives the value."""
        return [(d.name, [(compile_evaluate(cond), value) for cond, value in d.cases]) for d in self.derived]

    @cached_property
    def rule_position(self) -> dict[str, int]:
        """Each rule's place in the rule base (findings are made in this order)."""
        return {rule.id: index for index, rule in enumerate(self.rules)}

    @cached_property
    def durable_keys(self) -> dict[str, str]:
        """The durable-rules property of each referenced fact path (`score.x`: `score__x`)."""
        return {path: path.replace(".", "__", 1) for path in self.referenced_facts}

    def all_questionnaires(self) -> list[Questionnaire]:
        """Every version of every questionnaire, each id's versions oldest first."""
        return [q for by_version in self.versions.values() for q in by_version.values()]

    def questionnaire(self, qid: str, version: str | None = None) -> Questionnaire:
        """The newest version of a questionnaire, or the version asked for (a stored round's)."""
        q = self.questionnaires.get(qid)
        if q is not None and version is not None:
            q = self.versions.get(qid, {}).get(version)
        if q is None:
            known = ", ".join(x.ref for x in self.all_questionnaires())
            key = qid if q is None else f"{qid} {version}"
            raise ValidationFailed(
                [
                    Problem(
                        "unknown-questionnaire",
                        id="questionnaire",
                        field="version" if q else "id",
                        params={
                            "key": key,
                            "suggestion": did_you_mean(qid, self.questionnaires),
                            "allowed": known,
                        },
                    )
                ]
            )
        return q

    def labeller(self, q: Questionnaire) -> Labeller:
        """Labels for facts and values in this questionnaire's terms, built once and shared."""
        key = f"{q.id} {q.version}"
        if key not in self._labellers:
            self._labellers[key] = Labeller(
                {c.id: c.label for c in self.constructs.constructs},
                q,
                {d.name: d.label for d in self.derived},
                {d.name: d.value_labels for d in self.derived},
            )
        return self._labellers[key]

    @property
    def thresholds(self) -> dict[str, float]:
        return self.settings.thresholds


def discover(paths: list[Path] | None = None) -> ContentFiles:
    """Which files to load: the project's own, with any given files replacing those of their kind."""
    default = _classify_dir(PROJECT_ROOT)
    if not paths:
        return default
    given = ContentFiles()
    for path in paths:
        found = _classify_dir(path) if path.is_dir() else _classify_file(path)
        given.constructs = found.constructs or given.constructs
        given.settings = found.settings or given.settings
        given.references = found.references or given.references
        given.questionnaires += found.questionnaires
        given.rules += found.rules
    return ContentFiles(
        constructs=given.constructs or default.constructs,
        questionnaires=given.questionnaires or default.questionnaires,
        settings=given.settings or default.settings,
        rules=given.rules or default.rules,
        references=given.references or default.references,
    )


def _classify_dir(root: Path) -> ContentFiles:
    files = ContentFiles()
    for folder in (root / "questionnaires", root / "questionnaires" / EARLIER_DIR, root / "rules", root):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")):
            found = _classify_file(path)
            files.constructs = files.constructs or found.constructs
            files.settings = files.settings or found.settings
            files.references = files.references or found.references
            files.questionnaires += [p for p in found.questionnaires if p not in files.questionnaires]
            files.rules += [p for p in found.rules if p not in files.rules]
    return files


def _classify_file(path: Path) -> ContentFiles:
    if path.name == CONSTRUCTS_FILE:
        return ContentFiles(constructs=path)
    if path.name == SETTINGS_FILE:
        return ContentFiles(settings=path)
    if path.name == REFERENCES_FILE:
        return ContentFiles(references=path)
    if path.parent.name == "rules":
        return ContentFiles(rules=[path])
    if path.parent.name == "questionnaires" or (
        path.parent.name == EARLIER_DIR and path.parent.parent.name == "questionnaires"
    ):
        return ContentFiles(questionnaires=[path])
    head = path.read_text(encoding="utf-8", errors="replace")[:20000] if path.is_file() else ""
    if "\nrules:" in "\n" + head:
        return ContentFiles(rules=[path])
    if "\nkinds:" in "\n" + head or "\nthresholds:" in "\n" + head:
        return ContentFiles(settings=path)
    if "\nconstructs:" in "\n" + head:
        return ContentFiles(constructs=path)
    return ContentFiles(questionnaires=[path])


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _load(path: Path, problems: list[Problem]) -> SourceFile | None:
    try:
        return load_yaml(path, _display(path))
    except ValidationFailed as exc:
        problems.extend(exc.problems)
        return None


def build_bundle(files: ContentFiles, run_examples: bool = True) -> Bundle:
    """Load, check and compile; raise ValidationFailed with every problem found."""
    problems: list[Problem] = []
    if files.constructs is None or files.settings is None or not files.questionnaires:
        raise ValidationFailed([Problem("no-files", file=str(PROJECT_ROOT))])
    constructs: ConstructCatalogue | None = None
    source = _load(files.constructs, problems)
    if source is not None:
        try:
            constructs = validate_model(ConstructCatalogue, source)
        except ValidationFailed as exc:
            problems.extend(exc.problems)
        else:
            problems.extend(check_constructs(constructs, source))
    if constructs is None:
        raise ValidationFailed(problems)

    versions, sources = _load_questionnaires(files.questionnaires, constructs, problems)
    for by_version in versions.values():
        for q in by_version.values():
            problems.extend(check_comparable(q, by_version, constructs, sources[q.ref]))
    questionnaires = {
        qid: by_version[max(by_version, key=version_key)] for qid, by_version in versions.items()
    }

    vocab = Vocabulary.build(constructs, [q for v in versions.values() for q in v.values()])
    settings_source = _load(files.settings, problems)
    settings: RulesetSettings | None = None
    derived: list[Derived] = []
    if settings_source is not None:
        try:
            settings = validate_model(RulesetSettings, settings_source)
        except ValidationFailed as exc:
            problems.extend(exc.problems)
    if settings is not None and settings_source is not None:
        problems.extend(check_settings(settings, settings_source))
        vocab.thresholds = dict(settings.thresholds)
        derived, derived_problems = compile_derived(settings, vocab, settings_source)
        problems.extend(derived_problems)

    references = _load_references(files.references, problems)
    if settings is not None and settings_source is not None and references is not None:
        for name, spec in settings.derived.items():
            problems += check_citations(
                [spec.source], references, settings_source, ("derived", name, "source"), name
            )
    rules: list[Rule] = []
    if settings is not None:
        seen: dict[str, Rule] = {}
        for path in files.rules:
            source = _load(path, problems)
            if source is None:
                continue
            file_rules, file_problems = load_rule_file(source, vocab, settings, references)
            problems.extend(file_problems)
            for rule in file_rules:
                if rule.id in seen:
                    problems.append(
                        Problem(
                            "duplicate-id",
                            rule.file,
                            rule.line,
                            rule.id,
                            "id",
                            {"key": rule.id, "other_line": f"{seen[rule.id].file}:{seen[rule.id].line}"},
                        )
                    )
                    continue
                seen[rule.id] = rule
                problems.extend(check_examples(rule))
                problems.extend(check_example_facts(rule, vocab))
                rules.append(rule)
    if problems or settings is None or references is None:
        raise ValidationFailed(problems)

    engine = _engine(rules)
    bundle = Bundle(
        constructs, questionnaires, settings, derived, rules, vocab, engine, references, versions=versions
    )
    if run_examples:
        raise_example_failures(bundle)
    return bundle


def _load_questionnaires(
    paths: list[Path], constructs: ConstructCatalogue, problems: list[Problem]
) -> tuple[dict[str, dict[str, Questionnaire]], dict[str, SourceFile]]:
    """Every questionnaire file, checked; several versions of one id may sit side by side (the
    older ones in questionnaires/earlier/), but one id and version only once."""
    versions: dict[str, dict[str, Questionnaire]] = {}
    sources: dict[str, SourceFile] = {}
    for path in paths:
        source = _load(path, problems)
        if source is None:
            continue
        try:
            q = validate_model(Questionnaire, source)
        except ValidationFailed as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(check_questionnaire(q, constructs, source))
        if q.ref in sources:
            other = sources[q.ref]
            problems.append(
                source.problem(
                    "duplicate-questionnaire",
                    ("version",),
                    "version",
                    key=q.ref,
                    other=f"{other.path}:{other.line_of(('version',))}",
                )
            )
            continue
        sources[q.ref] = source
        versions.setdefault(q.id, {})[q.version] = q
    for qid, by_version in versions.items():
        versions[qid] = {v: by_version[v] for v in sorted(by_version, key=version_key)}
    return versions, sources


def _load_references(path: Path | None, problems: list[Problem]) -> References | None:
    """rules/references.yaml, validated; without it no rule can cite its literature."""
    if path is None:
        problems.append(Problem("no-files", file=f"rules/{REFERENCES_FILE}"))
        return None
    source = _load(path, problems)
    if source is None:
        return None
    try:
        return validate_model(References, source)
    except ValidationFailed as exc:
        problems.extend(exc.problems)
        return None


def example_facts(bundle: Bundle, example: Example) -> dict[str, Any]:
    facts: dict[str, Any] = {
        k: (float(v) if isinstance(v, int) and not isinstance(v, bool) else v)
        for k, v in example.given.items()
    }
    for d in bundle.derived:
        key = f"derived.{d.name}"
        if key not in facts:
            value = d.value(facts)
            if value is not None:
                facts[key] = value
    return facts


def to_durable_facts(bundle: Bundle, facts: dict[str, Any]) -> dict[str, Any]:
    # the rules' ~200 properties looked up in the round's ~280 facts, not the other way round
    return {key: value for path, key in bundle.durable_keys.items() if (value := facts.get(path)) is not None}


def raise_example_failures(bundle: Bundle) -> None:
    """Run every rule's examples through durable-rules; a mismatch is a problem in the rule file."""
    cases = [
        (rule, index, example) for rule in bundle.rules for index, example in enumerate(rule.examples, 1)
    ]
    fired = bundle.engine.evaluate_many(
        [to_durable_facts(bundle, example_facts(bundle, ex)) for _, _, ex in cases]
    )
    problems = []
    for (rule, index, example), ids in zip(cases, fired, strict=True):
        if (rule.id in ids) != example.fires:
            problems.append(
                Problem(
                    "example-fails",
                    rule.file,
                    rule.line,
                    rule.id,
                    "examples",
                    {
                        "index": index,
                        "expected": LocalizedText(
                            nl="afgaat" if example.fires else "niet afgaat",
                            en="fire" if example.fires else "not fire",
                        ),
                        "actual": LocalizedText(
                            nl="hij gaat niet af" if example.fires else "hij gaat wel af",
                            en="it does not" if example.fires else "the rule fires",
                        ),
                    },
                )
            )
    if problems:
        raise ValidationFailed(problems)


def _engine(rules: list[Rule]) -> RuleEngine:
    return RuleEngine.for_rules([(r.id, r.condition) for r in rules])


_default: Bundle | None = None
_NOT_KEPT = ("engine", "_labellers")  # process state: registered again, or filled as rounds come


def load_bundle(paths: list[Path] | None = None) -> Bundle:
    """The validated content; the project's own is loaded once per process and shared, from the
    bundle an earlier process kept when nothing it depends on has changed (diagnose.bundle_cache)."""
    global _default
    if paths:
        return build_bundle(discover(paths))
    if _default is None:
        _default = _kept_or_built(discover())
    return _default


def _kept_or_built(files: ContentFiles) -> Bundle:
    from diagnose import bundle_cache

    kept = bundle_cache.read(files)
    if kept is not None:
        with contextlib.suppress(TypeError, KeyError):  # not a Bundle's fields: build it instead
            return Bundle(**kept, engine=_engine(kept["rules"]))
    bundle = build_bundle(files)
    bundle_cache.write(
        files, {f.name: getattr(bundle, f.name) for f in fields(Bundle) if f.name not in _NOT_KEPT}
    )
    return bundle


__all__ = ["Bundle", "build_bundle", "discover", "load_bundle", "problems_from_pydantic"]
