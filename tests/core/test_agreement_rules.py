"""The yearly loop in the core: a response file's `agreements` section gives the rules `action.C`
facts, and the agreement rules say whether what was agreed worked (Den Bosch, year two)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from diagnose.agreements import Agreement, StatusChange, actions
from diagnose.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "den_bosch_jaar2.json"
WORKSHOPS = {
    "text": "Werkplaatsen in plaats van vergaderingen",
    "owner": "voorzitter stuurgroep",
    "constructs": ["lnc3_practice_development"],
    "status": "done",
    "note": "zes werkplaatsen",
}


def fired(tmp_path: Path, capsys: pytest.CaptureFixture[str], agreements: Any) -> list[str]:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    if agreements is not None:
        data["agreements"] = agreements
    path = tmp_path / "jaar2.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["diagnose", str(path), "--format", "json"]) == 0
    return [f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]]


def test_an_agreement_carried_out_whose_score_rose_is_said_to_have_worked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = fired(
        tmp_path, capsys, [WORKSHOPS, {**WORKSHOPS, "constructs": ["lnc2_inquiry"], "status": "dropped"}]
    )
    assert "action_worked_lnc3_practice_development" in rules
    assert "concern_without_action_lnc2_inquiry" not in rules  # something was agreed about it
    assert "concern_without_action_lnc5_ownership" in rules  # a concern twice, nothing agreed


def test_nothing_agreed_means_every_lasting_concern_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = fired(tmp_path, capsys, [])
    assert "concern_without_action_lnc2_inquiry" in rules
    assert not any(r.startswith("action_") for r in rules)


def test_without_an_agreements_section_no_agreement_rule_fires(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = fired(tmp_path, capsys, None)
    assert not any(r.startswith(("action_", "concern_without_action_")) for r in rules)


def test_an_agreement_naming_an_unmeasured_construct_is_refused_with_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["agreements"] = [{**WORKSHOPS, "constructs": ["lnc3_practice_developmen"]}]
    path = tmp_path / "jaar2.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["diagnose", str(path)]) == 2
    captured = capsys.readouterr()
    message = captured.out + captured.err
    assert "[agreement-construct] agreements[0].constructs" in message
    assert "lnc3_practice_development" in message  # did you mean


def test_the_most_advanced_status_counts_for_a_construct() -> None:
    def made(status: str) -> Agreement:
        return Agreement(
            round_label="2026",
            text=status,
            constructs=("lnc4_trust",),
            history=(StatusChange.model_validate({"status": status, "date": "2026-05-01"}),),
        )

    assert actions([made("dropped"), made("under_way"), made("planned")]) == {"lnc4_trust": "under_way"}
    assert actions([made("done"), made("dropped")]) == {"lnc4_trust": "done"}
    assert actions([]) == {}
