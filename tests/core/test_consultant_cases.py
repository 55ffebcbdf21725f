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

# consultant/: the cases as answered with questionnaire 1.0, kept as the record of 1.0's behaviour;
# consultant_v2/: the same situations answered with 2.0 (the constructs 2.0 folded mapped onto the
# ones that absorbed them), so every situation is checked with both versions.
HERE = Path(__file__).resolve().parents[1] / "cases"
CASES = sorted([*(HERE / "consultant").glob("*.yaml"), *(HERE / "consultant_v2").glob("*.yaml")])
V2 = sorted((HERE / "consultant_v2").glob("*.yaml"))


def test_there_are_at_least_thirty_cases_for_each_version() -> None:
    assert len(V2) >= 30 and len(CASES) - len(V2) >= 30
    assert {p.name for p in V2} == {p.name for p in CASES if p not in V2}, "every 1.0 case has its 2.0 twin"


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_consultant_case(bundle: Bundle, path: Path) -> None:
    source = load_yaml(path)
    spec = validate_model(CaseSpec, source)
    q = case_questionnaire(spec, bundle.versions)
    assert check_spec(spec, q, source) == []
    assert spec.story and spec.source, "a case says what it is and where it comes from"
    response_file = build_case(spec, q)
    d = diagnose(bundle, q, response_file.round, response_file.history, response_file.network)
    assert unmet(spec.expect, d, bundle) == []
