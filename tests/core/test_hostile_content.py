"""Issue 19: `netscan validate` on hostile or mistyped content files refuses them with a located
message, in bounded time and memory, and never reads a wrong type as a number."""

from __future__ import annotations

import shutil
import tracemalloc
from pathlib import Path

import pytest

from diagnose import load_bundle
from diagnose.cli import main
from diagnose.problems import ValidationFailed
from diagnose.source import MAX_ALIAS_NODES, load_json_text, load_yaml
from tests.core.content_copy import replace_in

MINI = Path(__file__).parent / "mini"

# 399 bytes: nine levels of nine aliases, 9**9 (387 million) strings once expanded
LAUGHS = "\n".join(
    [f"a0: &a0 [{', '.join(['lol'] * 9)}]"]
    + [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
)


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "mini")
    return tmp_path / "mini"


def _validate(capsys: pytest.CaptureFixture[str], path: Path, lang: str = "nl") -> tuple[int, str]:
    code = main(["validate", str(path), "--lang", lang])
    return code, capsys.readouterr().err


@pytest.mark.timeout(30)
def test_a_yaml_alias_bomb_is_refused_before_the_tree_is_walked(
    capsys: pytest.CaptureFixture[str], mini: Path
) -> None:
    ruleset = mini / "rules" / "ruleset.yaml"
    ruleset.write_text(ruleset.read_text(encoding="utf-8") + "\n" + LAUGHS.replace("a", "x_") + "\n")
    tracemalloc.start()
    code, err = _validate(capsys, mini)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert code == 2 and "[yaml-aliases]" in err and "ruleset.yaml" in err
    assert peak < 50 * 1024 * 1024, f"{peak / 2**20:.0f} MiB"


def test_an_anchor_that_refers_to_itself_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "zelf.yaml"
    path.write_text("a: &a [1, *a]\n")
    with pytest.raises(ValidationFailed) as caught:
        load_yaml(path)
    assert [p.code for p in caught.value.problems] == ["yaml-aliases"]
    assert caught.value.problems[0].line == 1


def test_a_few_aliases_are_still_read(tmp_path: Path) -> None:
    path = tmp_path / "anker.yaml"
    path.write_text("a: &a {x: 1}\nb: *a\nc: *a\n")
    assert load_yaml(path).data == {"a": {"x": 1}, "b": {"x": 1}, "c": {"x": 1}}
    big = tmp_path / "groot.yaml"
    big.write_text("a: &a [" + ", ".join(["1"] * (MAX_ALIAS_NODES + 10)) + "]\nb: *a\n")
    with pytest.raises(ValidationFailed):
        load_yaml(big)


def test_yaml_nested_deeper_than_python_recursion_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "diep.yaml"
    path.write_text("a: " + "[" * 20_000 + "]" * 20_000 + "\n")
    with pytest.raises(ValidationFailed) as caught:
        load_yaml(path)
    assert [p.code for p in caught.value.problems] == ["yaml-syntax"]


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("[" * 50_000 + "]" * 50_000, "32"),
        ("9" * 5000, "30"),
        ('{"a": NaN}', "NaN"),
        ('{"a": -Infinity}', "Infinity"),
        ("[1e400]", "1e400"),
    ],
)
def test_hostile_json_is_a_located_problem(text: str, part: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        load_json_text(text, "x.json")
    assert [p.code for p in caught.value.problems] == ["json-syntax"]
    assert part in caught.value.format("en") and caught.value.problems[0].file == "x.json"


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("anonymity_minimum: 3", "anonymity_minimum: true", "anonymity_minimum"),
        ("anonymity_minimum: 3", "anonymity_minimum: 3.5", "anonymity_minimum"),
        ("spread: 1.0", "spread: yes", "spread"),
    ],
)
def test_ruleset_settings_are_strictly_typed(
    capsys: pytest.CaptureFixture[str], mini: Path, old: str, new: str, field: str
) -> None:
    replace_in(mini / "rules" / "ruleset.yaml", old, new)
    code, err = _validate(capsys, mini, "en")
    assert code == 2 and f".{field}:" in err and "ruleset.yaml:" in err, err


def test_a_broken_threshold_names_the_rule_file_and_line(mini: Path) -> None:
    """A collection error (tests/core/test_rule_examples.py loads the rule base at import) shows
    str(ValidationFailed): it must name the rules, files and lines, not only "66 problem(s)"."""
    replace_in(mini / "rules" / "ruleset.yaml", "concern: 3.0, ", "")
    with pytest.raises(ValidationFailed) as caught:
        load_bundle([mini])
    shown = str(caught.value)
    assert shown.startswith(f"{len(caught.value.problems)} problem(s):")
    assert "mini.yaml:5: [" in shown and "low_trust" in shown, shown
