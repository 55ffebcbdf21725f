"""`netscan synth SPEC.yaml`: a response file generated from target construct means, per-role
offsets and several rounds (format: docs/formats.md, generator: diagnose.synthetic)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diagnose.cli.content import add_lang

if TYPE_CHECKING:
    from diagnose.synthetic import CaseSpec

# the core is imported by the handler, not here: see diagnose/cli/__init__.py


def register(sub: Any) -> None:
    p = sub.add_parser(
        "synth",
        help="generate a response file from a case description (target means, roles, rounds)",
    )
    p.add_argument("spec", type=Path, metavar="SPEC.yaml")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write the response file here (default: standard output)",
    )
    add_lang(p)
    p.set_defaults(handler=cmd_synth)


def read_spec(path: Path) -> CaseSpec:
    """A case description, every problem located (file, line, field); a name the questionnaire
    does not know is one of them."""
    from diagnose.bundle import load_bundle
    from diagnose.problems import ValidationFailed, did_you_mean
    from diagnose.source import load_yaml, validate_model
    from diagnose.synthetic import CaseSpec, case_questionnaire, check_spec

    source = load_yaml(path)
    spec = validate_model(CaseSpec, source)
    bundle = load_bundle()
    if spec.questionnaire not in bundle.questionnaires:
        problem = source.problem(
            "unknown-questionnaire",
            ("questionnaire",),
            "questionnaire",
            key=spec.questionnaire,
            suggestion=did_you_mean(spec.questionnaire, bundle.questionnaires),
            allowed=", ".join(sorted(bundle.questionnaires)),
        )
        raise ValidationFailed([problem])
    versions = bundle.versions[spec.questionnaire]
    if spec.version is not None and spec.version not in versions:
        problem = source.problem(
            "unknown-questionnaire",
            ("version",),
            "version",
            key=f"{spec.questionnaire} {spec.version}",
            suggestion=did_you_mean(spec.version, versions),
            allowed=", ".join(versions),
        )
        raise ValidationFailed([problem])
    problems = check_spec(spec, case_questionnaire(spec, bundle.versions), source)
    if problems:
        raise ValidationFailed(problems)
    return spec


def cmd_synth(args: argparse.Namespace) -> int:
    from diagnose.bundle import load_bundle
    from diagnose.problems import Problem, ValidationFailed
    from diagnose.synthetic import build_case, case_json, case_questionnaire

    spec = read_spec(args.spec)
    text = case_json(build_case(spec, case_questionnaire(spec, load_bundle().versions)))
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ValidationFailed(
            [Problem("file-unreadable", file=str(args.output), params={"detail": exc.strerror or str(exc)})]
        ) from exc
    return 0
