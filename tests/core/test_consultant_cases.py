"""The consultant cases (tests/cases/consultant/*.yaml): construct-level situations, each with what
a network consultant expects on top of the summary and what must not appear at all. Each spec is
generated into a response file in memory (as `netscan synth` does) and diagnosed."""

from __future__ import annotations

from pathlib import Path

import pytest

from diagnose import Bundle, diagnose
from diagnose.source import load_yaml, validate_model
from diagnose.synthetic import CaseSpec, build_case, case_questionnaire, check_spec
from tests.core.expectations import unmet

CASES = sorted((Path(__file__).resolve().parents[1] / "cases" / "consultant").glob("*.yaml"))


def test_there_are_at_least_thirty_cases() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_consultant_case(bundle: Bundle, path: Path) -> None:
    source = load_yaml(path)
    spec = validate_model(CaseSpec, source)
    q = case_questionnaire(spec, bundle.versions)
    assert check_spec(spec, q, source) == []
    assert spec.story and spec.source, "a case says what it is and where it comes from"
    response_file = build_case(spec, q)
    d = diagnose(bundle, q, response_file.round, response_file.history, response_file.network)
    assert unmet(spec.expect, d, bundle) == []
