"""`netscan validate`: the project's own files pass; every kind of broken file fails clearly."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from diagnose.cli import main
from tests.core.content_copy import replace_in

MINI = Path(__file__).parent / "mini"
LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+)?: \[(?P<code>[a-z-]+)\] (?P<subject>\S+): (?P<what>.+) — (?P<fix>.+)$"
)


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    import shutil

    shutil.copytree(MINI, tmp_path / "mini")
    return tmp_path / "mini"


def validate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(["validate", *args])
    captured = capsys.readouterr()
    return code, [line for line in captured.err.splitlines() if line], captured.out


def test_project_content_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    code, problems, out = validate(capsys)
    assert (code, problems) == (0, [])
    assert "In orde" in out


def test_mini_content_is_valid(capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    code, problems, out = validate(capsys, str(mini))
    assert (code, problems) == (0, [])
    assert "7 regels" in out


def only_problem(capsys: pytest.CaptureFixture[str], mini: Path, lang: str = "nl") -> re.Match[str]:
    code, problems, _ = validate(capsys, str(mini), "--lang", lang)
    assert code == 2
    assert len(problems) == 1, problems
    match = LINE.match(problems[0])
    assert match, f"not in the file:line: [code] id.field: what — fix shape: {problems[0]}"
    return match


def line_of(path: Path, needle: str) -> str:
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in text:
            return str(number)
    raise AssertionError(needle)


def test_yaml_syntax_error_names_file_and_line(capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    path = mini / "questionnaires" / "mini.yaml"
    replace_in(
        path, "    title: {nl: Stellingen, en: Statements}", "    title: {nl: Stellingen, en: Statements"
    )
    problem = only_problem(capsys, mini)
    assert problem["code"] == "yaml-syntax"
    assert problem["file"].endswith("questionnaires/mini.yaml")
    assert problem["line"]


def test_unknown_key_says_did_you_mean(capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    path = mini / "questionnaires" / "mini.yaml"
    replace_in(path, "        reverse: true", "        revers: true")
    problem = only_problem(capsys, mini)
    assert problem["code"] == "unknown-key"
    assert problem["subject"] == "trust_b.revers"
    assert problem["line"] == line_of(path, "revers: true")
    assert "bedoel je 'reverse'?" in problem["what"]


def test_missing_language_names_item_and_field(capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    path = mini / "questionnaires" / "mini.yaml"
    replace_in(
        path,
        "text: {nl: We vertrouwen elkaar., en: We trust each other.}",
        "text: {nl: We vertrouwen elkaar.}",
    )
    problem = only_problem(capsys, mini, "en")
    assert problem["code"] == "missing-language"
    assert problem["subject"] == "trust_a.text"
    assert "'en'" in problem["what"]
    assert problem["line"] == line_of(path, "text: {nl: We vertrouwen elkaar.}")


def test_unquoted_yes_is_explained(capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    path = mini / "questionnaires" / "mini.yaml"
    replace_in(path, "{value: low,", "{value: yes,")
    problem = only_problem(capsys, mini)
    assert problem["code"] == "yes-no-unquoted"
    assert "aanhalingstekens" in problem["fix"]


def test_item_with_unknown_construct(capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    path = mini / "questionnaires" / "mini.yaml"
    replace_in(
        path,
        "construct: joint_decision\n        type: scale",
        "construct: joint_decisoin\n        type: scale",
    )
    problem = only_problem(capsys, mini)
    assert problem["code"] == "unknown-construct"
    assert problem["subject"] == "decide_a.construct"
    assert "bedoel je 'joint_decision'?" in problem["what"]


def test_duplicate_item_id(capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    path = mini / "questionnaires" / "mini.yaml"
    replace_in(path, "- id: decide_a", "- id: trust_a")
    problem = only_problem(capsys, mini)
    assert problem["code"] == "duplicate-id"
    assert line_of(path, "- id: trust_a") in problem["what"]


def test_scale_item_with_unknown_scale(capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    path = mini / "questionnaires" / "mini.yaml"
    replace_in(path, "scale: agree5\n        reverse: true", "scale: agre5\n        reverse: true")
    problem = only_problem(capsys, mini)
    assert (problem["code"], problem["subject"]) == ("unknown-scale", "trust_b.scale")
    assert "agree5" in problem["what"]


@pytest.mark.parametrize(
    ("old", "new", "code", "hint"),
    [
        (
            "score.lnc4_trust < threshold.concern",
            "score.lnc4_trst < threshold.concern",
            "unknown-fact",
            "score.lnc4_trust",
        ),
        (
            "score.lnc4_trust < threshold.concern",
            "scroe.lnc4_trust < threshold.concern",
            "unknown-namespace",
            "score",
        ),
        (
            "score.lnc4_trust < threshold.concern",
            "score.lnc4_trust = threshold.concern",
            "unknown-operator",
            "==",
        ),
        (
            "score.lnc4_trust < threshold.concern",
            "score.lnc4_trust < threshold.concrn",
            "unknown-threshold",
            "concern",
        ),
        ("profile.overlap == partial and", "profile.overlap == partal and", "unknown-value", "partial"),
        ("score.lnc4_trust < threshold.concern", "score.lnc4_trust < partial", "type-mismatch", ""),
        ("score.lnc4_trust < threshold.concern", "score.lnc4_trust < < 3", "condition-syntax", ""),
        ("score.lnc4_trust < threshold.concern", "not score.lnc4_trust < 3", "unknown-operator", "!="),
    ],
)
def test_broken_condition_fails_to_load(
    capsys: pytest.CaptureFixture[str], mini: Path, old: str, new: str, code: str, hint: str
) -> None:
    path = mini / "rules" / "mini.yaml"
    replace_in(path, old, new)
    problem = only_problem(capsys, mini)
    assert problem["code"] == code
    assert problem["subject"].endswith(".when")
    if hint:
        assert hint in problem["what"]


def test_template_with_unknown_construct(capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    replace_in(
        mini / "rules" / "mini.yaml",
        "for_each: [lnc4_trust, joint_decision]",
        "for_each: [lnc4_trust, joint]",
    )
    problem = only_problem(capsys, mini)
    assert problem["code"] == "unknown-construct"
    assert "joint_decision" in problem["what"]


def test_example_that_contradicts_the_rule(capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    replace_in(
        mini / "rules" / "mini.yaml",
        "{given: {score.lnc4_trust: 2.5}, fires: true}",
        "{given: {score.lnc4_trust: 3.5}, fires: true}",
    )
    problem = only_problem(capsys, mini)
    assert (problem["code"], problem["subject"]) == ("example-fails", "low_trust.examples")


def test_examples_must_include_the_threshold(capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    replace_in(
        mini / "rules" / "mini.yaml",
        "{given: {score.lnc4_trust: 3.0}, fires: false}",
        "{given: {score.lnc4_trust: 3.4}, fires: false}",
    )
    problem = only_problem(capsys, mini)
    assert problem["code"] == "examples-incomplete"
    assert "drempel" in problem["what"]


def test_example_with_unknown_fact(capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    replace_in(
        mini / "rules" / "mini.yaml",
        "{given: {sd.lnc4_trust: 0.9}, fires: false}",
        "{given: {sd.lnc4_trust: 0.9, sd.trust: 1}, fires: false}",
    )
    problem = only_problem(capsys, mini)
    assert problem["code"] == "unknown-fact"


def test_duplicate_rule_id(capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    replace_in(mini / "rules" / "mini.yaml", "- id: trust_declined", "- id: low_trust")
    problem = only_problem(capsys, mini)
    assert (problem["code"], problem["subject"]) == ("duplicate-id", "low_trust.id")


def test_missing_band_threshold(capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    replace_in(mini / "rules" / "ruleset.yaml", "strength: 4.0, ", "")
    code, problems, _ = validate(capsys, str(mini))
    assert code == 2
    assert any("[ruleset-settings]" in p and "strength" in p for p in problems)


def test_every_problem_is_reported_not_just_the_first(capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    replace_in(mini / "questionnaires" / "mini.yaml", "        reverse: true", "        revers: true")
    replace_in(
        mini / "rules" / "mini.yaml",
        "score.lnc4_trust < threshold.concern",
        "score.lnc4_trst < threshold.concern",
    )
    code, problems, _ = validate(capsys, str(mini))
    assert code == 2
    assert {LINE.match(p)["code"] for p in problems} == {"unknown-key", "unknown-fact"}  # type: ignore[index]


def test_english_messages(capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    replace_in(mini / "questionnaires" / "mini.yaml", "        reverse: true", "        revers: true")
    problem = only_problem(capsys, mini, "en")
    assert "did you mean 'reverse'?" in problem["what"]
    assert "remove the field" in problem["fix"]


def test_missing_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, problems, _ = validate(capsys, str(tmp_path / "nowhere.yaml"))
    assert code == 2
    assert "[file-unreadable]" in problems[0]


def test_cli_never_shows_a_traceback(mini: Path) -> None:
    replace_in(mini / "rules" / "mini.yaml", "kind: concern", "kind: concer")
    result = subprocess.run(
        [sys.executable, "-m", "diagnose", "validate", str(mini)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "[invalid-value] low_trust.kind" in result.stderr


def test_validate_counts_the_earlier_versions_it_keeps(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from tests.core.test_versions import two_versions

    code, problems, out = validate(capsys, str(two_versions(tmp_path)))
    assert (code, problems) == (0, [])
    assert "In orde: 1 vragenlijst (9 items; 1 eerdere versie)" in out


@pytest.mark.parametrize(
    ("old", "new", "code", "fix"),
    [
        ('  - version: "1.0"', '  - version: "0.9"', "comparable-version", "questionnaires/earlier/"),
        (
            "      lnc4_trust: lnc4_trust",
            "      lnc4_trus: lnc4_trust",
            "comparable-construct",
            "laat de regel weg",
        ),
        (
            "      lnc4_trust: lnc4_trust",
            "      lnc4_trust: lnc4_trust\n      joint_decision: lnc4_trust",
            "comparable-twice",
            "hoogstens één",
        ),
        ("      lnc4_trust: lnc4_trust", "      lnc4_trust: size", "comparable-kind", "dezelfde soort"),
    ],
)
def test_validate_refuses_a_comparable_mapping_with_file_line_and_fix(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, old: str, new: str, code: str, fix: str
) -> None:
    from tests.core.test_versions import two_versions

    root = two_versions(tmp_path)
    path = root / "questionnaires" / "mini.yaml"
    replace_in(path, old, new)
    problem = only_problem(capsys, root)
    assert problem["code"] == code
    assert problem["file"].endswith("questionnaires/mini.yaml")
    assert problem["line"] == line_of(path, new.splitlines()[-1].strip())
    assert fix in problem["fix"]
