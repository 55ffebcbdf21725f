"""The literature's cases (examples/cases/*.yaml): each file is current and gets the findings the text implies."""

from __future__ import annotations

from pathlib import Path

import pytest

from diagnose import Bundle, diagnose
from diagnose.cli import main
from diagnose.cli.content import file_actions, read_response_file
from diagnose.source import load_yaml, validate_model
from diagnose.synthetic import CaseSpec, build_case, case_json, case_questionnaire, output_path
from tests.core.expectations import unmet

CASES = sorted((Path(__file__).resolve().parents[2] / "examples" / "cases").glob("*.yaml"))


def load_spec(path: Path) -> CaseSpec:
    return validate_model(CaseSpec, load_yaml(path))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(bundle: Bundle, path: Path) -> None:
    spec = load_spec(path)
    q = case_questionnaire(spec, bundle.versions)
    expected_json = case_json(build_case(spec, q))
    assert output_path(path).read_text(encoding="utf-8") == expected_json, "stale: run `netscan examples`"

    response_file, _ = read_response_file(output_path(path))
    actions = file_actions(q, response_file, path.name)  # as `netscan diagnose` reads the agreements
    d = diagnose(
        bundle, q, response_file.round, response_file.history, response_file.network, actions=actions
    )
    assert unmet(spec.expect, d, bundle) == []


def test_there_are_cases_for_the_issue_examples() -> None:
    names = {p.stem for p in CASES}
    assert {"gezond_netwerk", "niet_meer_ons_netwerk", "den_bosch"} <= names


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_earlier_rounds_of_a_case_meet_their_own_expectations(bundle: Bundle, path: Path) -> None:
    """A case over several years says what each year's diagnosis should hold (with the years before
    as history and the agreements made after the year before): checked year by year."""
    spec = load_spec(path)
    q = case_questionnaire(spec, bundle.versions)
    for index, rnd in enumerate(spec.rounds[:-1]):
        if rnd.expect is None:
            continue
        rf = build_case(spec, q, upto=index)
        d = diagnose(bundle, q, rf.round, rf.history, rf.network, actions=file_actions(q, rf, path.name))
        assert unmet(rnd.expect, d, bundle) == [], f"{path.stem}, {rnd.label}"


THREE_YEARS = {
    # the case, the finding its last year must show, and that finding's Dutch title there
    "werkplaatsen_in_plaats_van_vergaderingen": (
        "action_worked_lnc3_practice_development",
        "De afspraak werkte",
    ),
    "geen_afspraken_achteruitgang": (
        "concern_without_action_lnc5_ownership",
        "Twee jaar een zorgpunt zonder afspraak",
    ),
}


@pytest.mark.parametrize("stem", sorted(THREE_YEARS))
def test_three_year_agreement_cases_read_in_markdown(
    bundle: Bundle, stem: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The yearly loop in examples/: a network that agreed workshops instead of meetings and carried
    them out, and one that agreed nothing; `netscan diagnose --format markdown` says so in words."""
    path = Path(__file__).resolve().parents[2] / "examples" / f"{stem}.json"
    spec = load_spec(path.parent / "cases" / f"{stem}.yaml")
    assert len(spec.rounds) == 3
    response_file, _ = read_response_file(path)
    assert response_file.agreements is not None  # the file carries the agreements section
    rule, title = THREE_YEARS[stem]
    assert rule in spec.expect.fires
    assert main(["diagnose", str(path), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert title in out, out[:2000]
