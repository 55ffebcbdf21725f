"""The literature's cases (examples/cases/*.yaml): each file is current and gets the findings the text implies."""

from __future__ import annotations

from pathlib import Path

import pytest

from diagnose import Bundle, diagnose
from diagnose.cli.content import read_response_file
from diagnose.source import load_yaml, validate_model
from diagnose.synthetic import CaseSpec, build_case, case_json, output_path
from tests.core.expectations import unmet

CASES = sorted((Path(__file__).resolve().parents[2] / "examples" / "cases").glob("*.yaml"))


def load_spec(path: Path) -> CaseSpec:
    return validate_model(CaseSpec, load_yaml(path))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(bundle: Bundle, path: Path) -> None:
    spec = load_spec(path)
    q = bundle.questionnaire(spec.questionnaire)
    expected_json = case_json(build_case(spec, q))
    assert output_path(path).read_text(encoding="utf-8") == expected_json, "stale: run `netscan examples`"

    response_file, _ = read_response_file(output_path(path))
    d = diagnose(bundle, q, response_file.round, response_file.history, response_file.network)
    assert unmet(spec.expect, d, bundle) == []


def test_there_are_cases_for_the_issue_examples() -> None:
    names = {p.stem for p in CASES}
    assert {"gezond_netwerk", "niet_meer_ons_netwerk", "den_bosch"} <= names
