"""The literature's cases (examples/cases/*.yaml): each file is current and gets the findings the text implies."""

from __future__ import annotations

from pathlib import Path

import pytest

from diagnose import Bundle, diagnose
from diagnose.cards import summary_cards
from diagnose.cli.content import read_response_file
from diagnose.source import load_yaml, validate_model
from diagnose.synthetic import CaseSpec, build_case, case_json, output_path

CASES = sorted((Path(__file__).resolve().parents[2] / "examples" / "cases").glob("*.yaml"))
ALARMS = {"pitfall", "concern", "fit", "leadership", "attention", "disagreement"}


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
    fired = [f.rule for f in d.findings]
    for rule in spec.expect.fires:
        assert rule in bundle.rule_by_id, f"expectation names unknown rule {rule}"
        assert rule in fired, f"{rule} should fire for {path.stem}; fired: {fired}"
    for rule in spec.expect.silent:
        assert rule in bundle.rule_by_id, f"expectation names unknown rule {rule}"
        assert rule not in fired, f"{rule} should stay silent for {path.stem}"
    # in the summary: leading one of its cards, or nested in one as evidence about the same construct
    on_top = {r for card in summary_cards(d, bundle) for r in card.rules}
    for rule in spec.expect.top3:
        assert rule in on_top, f"{rule} should be among the three most important: {d.summary}"
    if spec.expect.no_concerns:
        alarms = [f.rule for f in d.findings if f.kind in ALARMS]
        assert alarms == [], f"a healthy network gets no alarms, got {alarms}"
        assert d.strengths


def test_there_are_cases_for_the_issue_examples() -> None:
    names = {p.stem for p in CASES}
    assert {"gezond_netwerk", "niet_meer_ons_netwerk", "den_bosch"} <= names
