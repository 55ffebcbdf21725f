"""Commands on the content and the core: validate, diagnose, rules, explain, schemas."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diagnose.languages import LANGUAGES, Lang

if TYPE_CHECKING:
    from diagnose.questionnaire import Questionnaire
    from diagnose.responses import ResponseFile
    from diagnose.source import SourceFile

# The core (pydantic, numpy, the rule engine) is imported by the handlers, not here: see
# diagnose/cli/__init__.py.

MAX_RESPONSE_FILE_BYTES = 20 * 1024 * 1024


def add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang", choices=LANGUAGES, default="nl", help="language of the output (default: nl)"
    )


def register(sub: Any) -> None:
    p = sub.add_parser("validate", help="check questionnaires and rules (default: the project's own)")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders to check")
    add_lang(p)
    p.set_defaults(handler=cmd_validate)

    p = sub.add_parser("diagnose", help="diagnose a JSON response file")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--format", choices=("json", "markdown"), default="markdown")
    add_lang(p)
    p.set_defaults(handler=cmd_diagnose)

    p = sub.add_parser("rules", help="the rule catalogue: id, kind, title and sources")
    add_lang(p)
    p.set_defaults(handler=cmd_rules)

    p = sub.add_parser("explain", help="one rule in full: condition, texts, sources and examples")
    p.add_argument("rule_id", metavar="RULE_ID")
    add_lang(p)
    p.set_defaults(handler=cmd_explain)

    p = sub.add_parser("examples", help="build examples/*.json from the case descriptions in examples/cases/")
    p.add_argument("--check", action="store_true", help="only check that the JSON files are current")
    p.set_defaults(handler=cmd_examples)

    p = sub.add_parser("schemas", help="write or check the JSON Schemas in schemas/")
    p.add_argument("--write", action="store_true", help="write the files instead of checking them")
    p.set_defaults(handler=cmd_schemas)


def cmd_validate(args: argparse.Namespace) -> int:
    from diagnose.bundle import build_bundle, discover
    from diagnose.problems import Problem, ValidationFailed
    from diagnose.text import LocalizedText

    missing = [p for p in args.paths if not p.exists()]
    if missing:
        raise ValidationFailed(
            [
                Problem(
                    "file-unreadable",
                    file=str(p),
                    params={"detail": LocalizedText(nl="bestaat niet", en="does not exist")},
                )
                for p in missing
            ]
        )
    bundle = build_bundle(discover(list(args.paths) or None))
    examples = sum(len(r.examples) for r in bundle.rules)
    items = sum(len(list(q.items())) for q in bundle.questionnaires.values())
    count = len(bundle.questionnaires)
    earlier = len(bundle.all_questionnaires()) - count  # versions kept for stored rounds
    if args.lang == "nl":
        lists = "vragenlijst" if count == 1 else "vragenlijsten"
        kept = f"; {earlier} eerdere {'versie' if earlier == 1 else 'versies'}" if earlier else ""
        print(
            f"In orde: {count} {lists} ({items} items{kept}), "
            f"{len(bundle.rules)} regels, {examples} voorbeelden kloppen."
        )
    else:
        lists = "questionnaire" if count == 1 else "questionnaires"
        kept = f"; {earlier} earlier {'version' if earlier == 1 else 'versions'}" if earlier else ""
        print(
            f"Valid: {count} {lists} ({items} items{kept}), "
            f"{len(bundle.rules)} rules, {examples} examples hold."
        )
    return 0


def read_response_file(path: Path) -> tuple[ResponseFile, SourceFile]:
    from diagnose.problems import Problem, ValidationFailed
    from diagnose.responses import ResponseFile
    from diagnose.source import load_json_text, read_text, validate_model

    display = str(path)
    if path.is_file() and path.stat().st_size > MAX_RESPONSE_FILE_BYTES:
        raise ValidationFailed([Problem("file-too-large", file=display, params={"limit": "20 MB"})])
    source = load_json_text(read_text(path, display), display)
    return validate_model(ResponseFile, source), source


def cmd_diagnose(args: argparse.Namespace) -> int:
    from diagnose.bundle import load_bundle
    from diagnose.diagnosis import diagnose
    from diagnose.render import to_json, to_markdown

    response_file, source = read_response_file(args.file)
    bundle = load_bundle()
    q = bundle.questionnaire(response_file.questionnaire.id, response_file.questionnaire.version)
    result = diagnose(
        bundle,
        q,
        response_file.round,
        response_file.history,
        response_file.network,
        file=source.path,
        actions=file_actions(q, response_file, source.path),
    )
    lang: Lang = args.lang
    if args.format == "json":
        json.dump(to_json(result, bundle, lang), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        sys.stdout.write(to_markdown(result, bundle, lang))
    return 0


def file_actions(q: Questionnaire, rf: ResponseFile, path: str) -> dict[str, str] | None:
    """What the response file's `agreements` section says was agreed per construct (None: not known)."""
    from diagnose.agreements import actions, from_entries
    from diagnose.problems import ValidationFailed
    from diagnose.responses import check_agreements

    if rf.agreements is None:
        return None
    problems = check_agreements(q, rf.agreements, path)
    if problems:
        raise ValidationFailed(problems)
    earlier = rf.history[-1] if rf.history else None
    made = from_entries(
        rf.agreements, earlier.label if earlier else "", (earlier and earlier.date) or dt.date.today()
    )
    return dict(actions(made))


def cmd_rules(args: argparse.Namespace) -> int:
    from diagnose.bundle import load_bundle

    bundle = load_bundle()
    lang: Lang = args.lang
    for rule in bundle.rules:
        kind = bundle.settings.kind_by_id[rule.kind].label.get(lang)
        print(
            f"{rule.id}\t{kind}\t{rule.title.get(lang)}\t{'; '.join(bundle.references.cite_all(rule.sources, lang))}"
        )
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    from diagnose.bundle import load_bundle
    from diagnose.problems import Problem, ValidationFailed, did_you_mean
    from diagnose.text import LocalizedText

    bundle = load_bundle()
    rule = bundle.rule_by_id.get(args.rule_id)
    if rule is None:
        raise ValidationFailed(
            [
                Problem(
                    "unknown-fact",
                    id=args.rule_id,
                    params={
                        "key": args.rule_id,
                        "suggestion": did_you_mean(args.rule_id, bundle.rule_by_id),
                        "detail": LocalizedText(
                            nl="zie 'netscan rules' voor alle regels", en="see 'netscan rules' for every rule"
                        ),
                    },
                )
            ]
        )
    lang: Lang = args.lang
    nl = lang == "nl"
    print(f"{rule.id} — {rule.title.get(lang)}")
    print(
        f"{'soort' if nl else 'kind'}: {bundle.settings.kind_by_id[rule.kind].label.get(lang)} · "
        f"{'ernst' if nl else 'severity'}: {rule.severity} · {rule.file}:{rule.line}"
    )
    print(f"{'voorwaarde' if nl else 'condition'}: {rule.when}")
    print()
    print(rule.diagnosis.get(lang))
    print()
    print(f"{'Advies' if nl else 'Advice'}: {rule.advice.get(lang)}")
    print(f"{'Bronnen' if nl else 'Sources'}: {'; '.join(bundle.references.cite_all(rule.sources, lang))}")
    print(f"{'Voorbeelden' if nl else 'Examples'}:")
    for example in rule.examples:
        given = ", ".join(f"{k} = {v}" for k, v in example.given.items())
        verdict = (
            ("gaat af" if example.fires else "gaat niet af")
            if nl
            else ("fires" if example.fires else "does not fire")
        )
        print(f"  {given} → {verdict}")
    return 0


def cmd_schemas(args: argparse.Namespace) -> int:
    from diagnose.schemas import SCHEMA_DIR, render_schemas

    stale = []
    for name, text in render_schemas().items():
        path = SCHEMA_DIR / name
        if args.write:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        elif not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    if stale:
        print("stale schemas (run `make schemas`): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


def cmd_examples(args: argparse.Namespace) -> int:
    from diagnose.bundle import PROJECT_ROOT, load_bundle
    from diagnose.source import load_yaml, validate_model
    from diagnose.synthetic import CaseSpec, build_case, case_json, case_questionnaire, output_path

    bundle = load_bundle()
    stale = []
    for spec_path in sorted((PROJECT_ROOT / "examples" / "cases").glob("*.yaml")):
        spec = validate_model(CaseSpec, load_yaml(spec_path, str(spec_path.relative_to(PROJECT_ROOT))))
        text = case_json(build_case(spec, case_questionnaire(spec, bundle.versions)))
        target = output_path(spec_path)
        if args.check:
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                stale.append(target.name)
        else:
            target.write_text(text, encoding="utf-8")
            print(f"{target.relative_to(PROJECT_ROOT)}")
    if stale:
        print("stale examples (run `netscan examples`): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0
