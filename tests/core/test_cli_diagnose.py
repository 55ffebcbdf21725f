"""`netscan diagnose`, `rules` and `explain` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from diagnose.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_output_has_the_documented_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "diagnose", str(EXAMPLES / "niet_meer_ons_netwerk.json"), "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["questionnaire"] == {"id": "netwerkscan", "version": "1.0"}
    assert data["ruleset"]["version"]
    score = data["scores"]["pitfall_not_our_network"]
    assert {"mean", "sd", "n", "band"} <= set(score)
    assert score["band"] == "concern" and score["n"] == 15
    first = data["findings"][0]
    assert {"rule", "kind", "severity", "title", "advice", "because", "sources"} <= set(first)
    assert first["rule"] == data["summary"][0]
    assert all(b["text"] for f in data["findings"] for b in f["because"])
    assert all(f["sources"] for f in data["findings"])


def test_markdown_in_dutch_and_english(capsys: pytest.CaptureFixture[str]) -> None:
    _, nl, _ = run(capsys, "diagnose", str(EXAMPLES / "den_bosch.json"))
    assert "## De drie belangrijkste bevindingen" in nl and "**Waarom:**" in nl and "Advies" in nl
    _, en, _ = run(capsys, "diagnose", str(EXAMPLES / "den_bosch.json"), "--lang", "en")
    assert "## The three most important findings" in en and "**Because:**" in en


def write(tmp_path: Path, data: object) -> str:
    path = tmp_path / "responses.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def base() -> dict[str, object]:
    return json.loads((EXAMPLES / "gezond_netwerk.json").read_text(encoding="utf-8"))


def test_unknown_item_names_respondent_and_item(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = base()
    data["round"]["responses"][2]["answers"]["lnc1_doel_gedeeld_xx"] = 4  # type: ignore[index]
    code, out, err = run(capsys, "diagnose", write(tmp_path, data))
    assert code == 2 and out == ""
    assert "[unknown-item] r03.lnc1_doel_gedeeld_xx" in err


@pytest.mark.parametrize(
    ("value", "code"), [(7, "answer-value"), ("vier", "answer-value"), (True, "answer-value")]
)
def test_bad_scale_value(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, value: object, code: str
) -> None:
    data = base()
    answers = data["round"]["responses"][0]["answers"]  # type: ignore[index]
    item = next(k for k, v in answers.items() if isinstance(v, int) and not k.startswith("profiel"))
    answers[item] = value
    rc, _, err = run(capsys, "diagnose", write(tmp_path, data))
    assert rc == 2
    assert f"[{code}] r01.{item}" in err


def test_unknown_questionnaire_version(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = base()
    data["questionnaire"]["version"] = "9.9"  # type: ignore[index]
    rc, _, err = run(capsys, "diagnose", write(tmp_path, data))
    assert rc == 2 and "[unknown-questionnaire]" in err and "netwerkscan 1.0" in err


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "json-syntax"),
        (b'{"questionnaire": ', "json-syntax"),
        (b"\xff\xfe{}", "file-encoding"),
        (b'{"questionnaire": {"id": "netwerkscan", "version": "1.0"}}', "missing-field"),
        (
            b'{"questionnaire": {"id": "netwerkscan", "version": "1.0"}, "network": {"name": "x"}, '
            b'"round": {"label": "x", "responses": []}, "extra": 1}',
            "unknown-key",
        ),
    ],
)
def test_malformed_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, code: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    rc, _, err = run(capsys, "diagnose", str(path))
    assert rc == 2 and f"[{code}]" in err


def test_empty_round(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = base()
    data["round"]["responses"] = []  # type: ignore[index]
    rc, _, err = run(capsys, "diagnose", write(tmp_path, data))
    assert rc == 2 and "[no-responses]" in err


def test_rules_and_explain(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "--lang", "en")
    assert code == 0
    assert any(line.startswith("pitfall_not_our_network\tPitfall\t") for line in out.splitlines())
    code, out, _ = run(capsys, "explain", "pitfall_not_our_network")
    assert code == 0 and "voorwaarde: score.pitfall_not_our_network" in out and "gaat af" in out
    code, _, err = run(capsys, "explain", "pitfall_not_our_netwerk")
    assert code == 2 and "pitfall_not_our_network" in err


def test_console_script_and_module_entry_point() -> None:
    exe = Path(sys.executable).parent / "netscan"
    for command in ([str(exe)], [sys.executable, "-m", "diagnose"]):
        result = subprocess.run(
            [*command, "diagnose", str(EXAMPLES / "gezond_netwerk.json"), "--format", "json"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["findings"]
