"""Issue 16: content files are parsed once, with libyaml's C loader where PyYAML has it, and the
pure-Python loader as the fall-back. Both give the same data and the same lines, and every located
error (file, line, id, field) and every refusal of a hostile file holds with either of them."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

import diagnose.source as source_module
from diagnose.bundle import discover
from diagnose.cli import main
from diagnose.problems import ValidationFailed
from diagnose.source import MAX_ALIAS_NODES, load_yaml
from tests.core.content_copy import replace_in

MINI = Path(__file__).parent / "mini"
LOADERS = {"libyaml": yaml.CSafeLoader, "python": yaml.SafeLoader}
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+)?: \[(?P<code>[a-z-]+)\] (?P<subject>\S+): ")


@pytest.fixture(params=sorted(LOADERS))
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setattr(source_module, "YAML_LOADER", LOADERS[request.param])
    yield request.param


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "mini")
    return tmp_path / "mini"


def line_of(path: Path, needle: str) -> int:
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in text:
            return number
    raise AssertionError(needle)


def refusal(path: Path) -> list[tuple[str, int | None]]:
    with pytest.raises(ValidationFailed) as caught:
        load_yaml(path)
    return [(p.code, p.line) for p in caught.value.problems]


def test_the_product_reads_content_with_libyaml() -> None:
    # the locked PyYAML wheel carries libyaml 0.2.5 or later (nesting capped at 1,000 levels);
    # without it `netscan diagnose` takes twice as long, so its absence should show here
    assert yaml.__with_libyaml__
    assert source_module.yaml_loader() is yaml.CSafeLoader


def test_both_loaders_read_every_content_file_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    files = discover()
    paths = [files.constructs, files.settings, files.references, *files.questionnaires, *files.rules]
    assert len(paths) > 10
    for path in paths:
        assert path is not None
        read = {}
        for name, cls in LOADERS.items():
            monkeypatch.setattr(source_module, "YAML_LOADER", cls)
            read[name] = load_yaml(path)
        fast, slow = read["libyaml"], read["python"]
        assert fast.data == slow.data, path
        assert fast.lines == slow.lines, path
        assert fast.repeated_keys == slow.repeated_keys, path
        assert len(fast.lines) > 20, path


def test_a_syntax_error_names_file_and_line(loader: str, tmp_path: Path) -> None:
    path = tmp_path / "kapot.yaml"
    path.write_text("id: mini\ntitle: {nl: Mini, en: Mini}\nsections:\n  - id: a\n    title: b: c\n")
    with pytest.raises(ValidationFailed) as caught:
        load_yaml(path, "questionnaires/kapot.yaml")
    (problem,) = caught.value.problems
    assert (problem.code, problem.file, problem.line) == ("yaml-syntax", "questionnaires/kapot.yaml", 5)
    assert "mapping values are not allowed" in str(problem.params["detail"])  # libyaml: "in this context"


def test_lines_and_repeated_keys_come_from_the_one_parse(loader: str, tmp_path: Path) -> None:
    path = tmp_path / "dubbel.yaml"
    path.write_text(
        "base: &base {x: 1, y: 2}\n"  # 1
        "items:\n"  # 2
        "  - id: a\n"  # 3
        "    text: eerste\n"  # 4
        "    text: tweede\n"  # 5: the same key again
        "  - <<: *base\n"  # 6: a merge key is not a repeated key
        "    x: 3\n"  # 7
    )
    source = load_yaml(path)
    assert source.data == {
        "base": {"x": 1, "y": 2},
        "items": [{"id": "a", "text": "tweede"}, {"x": 3, "y": 2}],
    }
    assert source.repeated_keys == {("items", 0, "text"): 4}
    assert source.line_of(("items", 0, "text")) == 5
    assert source.line_of(("items", 1, "x")) == 7
    assert source.line_of(("items", 1)) == 6
    assert source.id_at(("items", 0, "text")) == "a"


def test_an_unknown_key_names_file_line_id_and_field(
    loader: str, capsys: pytest.CaptureFixture[str], mini: Path
) -> None:
    path = mini / "questionnaires" / "mini.yaml"
    replace_in(path, "        reverse: true", "        revers: true")
    code = main(["validate", str(mini)])
    errors = [line for line in capsys.readouterr().err.splitlines() if line]
    assert code == 2 and len(errors) == 1, errors
    match = LINE.match(errors[0])
    assert match, errors[0]
    assert match["file"].endswith("questionnaires/mini.yaml")
    assert int(match["line"]) == line_of(path, "revers: true")
    assert (match["code"], match["subject"]) == ("unknown-key", "trust_b.revers")


def test_a_broken_rule_names_its_line(loader: str, capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    path = mini / "rules" / "mini.yaml"
    replace_in(path, "kind: concern", "kind: concer")
    code = main(["validate", str(mini)])
    errors = [line for line in capsys.readouterr().err.splitlines() if line]
    assert code == 2 and errors
    match = LINE.match(errors[0])
    assert match, errors[0]
    assert match["file"].endswith("rules/mini.yaml")
    assert int(match["line"]) == line_of(path, "kind: concer")
    assert (match["code"], match["subject"]) == ("invalid-value", "low_trust.kind")


def test_hostile_files_are_refused_by_either_loader(loader: str, tmp_path: Path) -> None:
    laughs = tmp_path / "lachen.yaml"
    laughs.write_text(
        "\n".join(
            [f"a0: &a0 [{', '.join(['lol'] * 9)}]"]
            + [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
        )
    )
    assert refusal(laughs) == [("yaml-aliases", None)]
    just_over = tmp_path / "groot.yaml"
    just_over.write_text("a: &a [" + ", ".join(["1"] * MAX_ALIAS_NODES) + "]\nb: *a\n")
    assert refusal(just_over) == [("yaml-aliases", None)]
    itself = tmp_path / "zelf.yaml"
    itself.write_text("a: 1\nb: &b\n  - *b\n")
    assert refusal(itself) == [("yaml-aliases", 2)]
    deep = tmp_path / "diep.yaml"
    deep.write_text("a: " + "[" * 20_000 + "]" * 20_000 + "\n")
    assert [code for code, _ in refusal(deep)] == ["yaml-syntax"]
    block = tmp_path / "trap.yaml"  # nested by indentation rather than brackets
    block.write_text("".join(" " * depth + "a:\n" for depth in range(3_000)))
    assert [code for code, _ in refusal(block)] == ["yaml-syntax"]


def test_aliases_within_the_limit_are_read(loader: str, tmp_path: Path) -> None:
    path = tmp_path / "anker.yaml"
    path.write_text("a: &a [" + ", ".join(["1"] * (MAX_ALIAS_NODES - 1)) + "]\nb: *a\n")
    data = load_yaml(path).data
    assert data["a"] == data["b"] == [1] * (MAX_ALIAS_NODES - 1)


def test_a_forbidden_character_or_an_impossible_date_is_located(loader: str, tmp_path: Path) -> None:
    control = tmp_path / "teken.yaml"
    control.write_text("titel: één\nlabel: ü\ntekst: a\x00b\n", encoding="utf-8")
    ((code, line),) = refusal(control)
    assert (code, line) == ("yaml-syntax", 3)  # libyaml counts bytes, the Python reader characters
    date = tmp_path / "datum.yaml"
    date.write_text("id: ronde\nrondes:\n  - datum: 2025-06-01\n  - datum: 2025-13-45\n")
    with pytest.raises(ValidationFailed) as caught:
        load_yaml(date)
    (problem,) = caught.value.problems
    assert (problem.code, problem.line) == ("yaml-syntax", 4)
    assert "month" in str(problem.params["detail"])
