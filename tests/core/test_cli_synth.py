"""`netscan synth SPEC.yaml` as a user runs it, and the cards in `netscan diagnose`'s output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diagnose import load_bundle
from diagnose.cli import main
from diagnose.source import load_yaml, validate_model
from diagnose.synthetic import CaseSpec, build_case, case_json, case_questionnaire

CASES = Path(__file__).resolve().parents[1] / "cases" / "consultant"
SPEC = CASES / "vertrouwen_daalt_een_punt.yaml"  # answered with questionnaire 1.0 (it says so)
SPEC_V2 = CASES.parent / "consultant_v2" / "vertrouwen_daalt_een_punt.yaml"  # the newest version


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_synth_writes_the_response_file_the_spec_describes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "case.json"
    code, out, err = run(capsys, "synth", str(SPEC), "-o", str(target))
    assert (code, out, err) == (0, "", "")
    spec = validate_model(CaseSpec, load_yaml(SPEC))
    expected = case_json(build_case(spec, case_questionnaire(spec, load_bundle().versions)))
    assert target.read_text(encoding="utf-8") == expected
    assert json.loads(expected)["questionnaire"] == {"id": "netwerkscan", "version": "1.0"}
    data = json.loads(expected)
    assert [r["label"] for r in data["history"]] == ["2025"] and data["round"]["label"] == "2026"
    assert len(data["round"]["responses"]) == 12

    # the same seed gives the same file, on standard output too
    code, out, _ = run(capsys, "synth", str(SPEC))
    assert code == 0 and out == expected


def test_diagnose_json_keeps_rule_ids_and_tells_the_cards(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "case.json"
    assert run(capsys, "synth", str(SPEC), "-o", str(target))[0] == 0
    code, out, _ = run(capsys, "diagnose", str(target), "--format", "json")
    assert code == 0
    data = json.loads(out)
    leads = [card["lead"] for card in data["cards"]]
    assert data["summary"] == [lead for lead in leads if lead in data["summary"]]
    on_cards = []
    for card in data["cards"]:
        on_cards += [card["lead"], *card["evidence"]]
        on_cards += [r for other in card["alike"] for r in [other["lead"], *other["evidence"]]]
    assert sorted(on_cards) == sorted(f["rule"] for f in data["findings"])
    trust = next(card for card in data["cards"] if "lnc4_trust" in card["constructs"])
    assert {"concern_lnc4_trust", "trend_down_lnc4_trust"} <= {trust["lead"], *trust["evidence"]}
    assert "grootste daling sinds de vorige meting" in data["summary_reasons"][trust["lead"]]
    assert data["strengths_text"] == "" or data["strengths_text"].endswith(".")

    code, markdown, _ = run(capsys, "diagnose", str(target))
    assert "*Waarom bovenaan:* " in markdown and "**Ook over dit onderdeel:**" in markdown
    assert "`concern_lnc4_trust`" not in markdown


@pytest.mark.parametrize(
    ("old", "new", "code", "nl", "en"),
    [
        (
            "lnc4_trust: 2.8",
            "lnc4_trst: 2.8",
            "unknown-construct",
            "bedoel je 'lnc4_trust'?",
            "did you mean 'lnc4_trust'?",
        ),
        ("teacher: 6,", "leraar: 6,", "unknown-role", "onbekende rol 'leraar'", "unknown role 'leraar'"),
        (
            "overlap: low",
            "overlapp: low",
            "unknown-construct",
            "bedoel je 'overlap'?",
            "did you mean 'overlap'?",
        ),
        ("respondents: 12", "respondents: twaalf", "invalid-value", "respondents", "respondents"),
        (
            'version: "1.0"',
            'version: "1.1"',
            "unknown-questionnaire",
            "onbekende vragenlijst 'netwerkscan 1.1' (bedoel je '1.0'?)",
            "unknown questionnaire 'netwerkscan 1.1' (did you mean '1.0'?)",
        ),
    ],
)
def test_a_bad_spec_is_named_with_file_line_and_fix(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, old: str, new: str, code: str, nl: str, en: str
) -> None:
    spec = tmp_path / "spec.yaml"
    text = SPEC.read_text(encoding="utf-8")
    assert old in text
    spec.write_text(text.replace(old, new), encoding="utf-8")
    target = tmp_path / "out.json"
    for lang, expected in (("nl", nl), ("en", en)):
        result, out, err = run(capsys, "synth", str(spec), "-o", str(target), "--lang", lang)
        assert result == 2 and out == ""
        assert f"{spec}:" in err and f"[{code}]" in err and expected in err, err
        assert "Traceback" not in err
    assert not target.exists()


def test_a_spec_without_a_version_is_answered_with_the_newest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Questionnaire 2.0: its coordinator's facts are the network's profile, never a respondent's answer."""
    bundle = load_bundle()
    newest = bundle.questionnaire("netwerkscan")
    code, out, _ = run(capsys, "synth", str(SPEC_V2))
    assert code == 0
    data = json.loads(out)
    assert (
        data["questionnaire"]
        == {"id": "netwerkscan", "version": newest.version}
        != {
            "id": "netwerkscan",
            "version": "1.0",
        }
    )
    asked_of_coordinator = {item.id for item in newest.coordinator_items()}
    constructs = {item.construct_id for item in newest.coordinator_items()}
    assert asked_of_coordinator and "support" in constructs
    assert data["network"]["profile"]["support"] == "facilitator"
    for response in data["round"]["responses"]:
        assert not asked_of_coordinator & set(response["answers"])
        role = response["role"]
        assert all(newest.shown_to(newest.item_by_id[i], role) for i in response["answers"])


def test_a_spec_that_is_no_yaml_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("rounds: [\n", encoding="utf-8")
    code, out, err = run(capsys, "synth", str(spec))
    assert code == 2 and out == "" and "[yaml-syntax]" in err
