"""The one message catalogue: every code the code base raises exists in Dutch and English, both
languages use the same placeholders, and every call that names a code fills them."""

from __future__ import annotations

import ast
import string
from dataclasses import dataclass
from pathlib import Path

import pytest

from diagnose.catalogue import CATALOGUE
from diagnose.problems import Problem
from diagnose.text import LocalizedText

ROOT = Path(__file__).resolve().parents[2]
OPTIONAL = {"suggestion"}  # filled by the renderer: empty when there is nothing to suggest


def placeholders(text: str) -> set[str]:
    return {name.split("!")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


def required(code: str) -> set[str]:
    message = CATALOGUE[code]
    return (placeholders(message.what.nl) | placeholders(message.fix.nl)) - OPTIONAL


@dataclass(frozen=True)
class Use:
    code: str
    where: str
    params: frozenset[str] | None  # None: given as an expression the test cannot read


def _literal_keys(node: ast.expr) -> frozenset[str] | None:
    if isinstance(node, ast.Dict) and all(isinstance(k, ast.Constant) for k in node.keys):
        return frozenset(str(k.value) for k in node.keys if isinstance(k, ast.Constant))
    return None


def _uses_in(path: Path) -> list[Use]:
    uses = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        first = node.args[0]
        where = f"{path.relative_to(ROOT)}:{node.lineno}"
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name == "Problem" and isinstance(first, ast.Constant) and isinstance(first.value, str):
            given = [kw.value for kw in node.keywords if kw.arg == "params"] + node.args[5:6]
            keys = _literal_keys(given[0]) if given else frozenset()
            uses.append(Use(first.value, where, keys))
        elif name == "problem" and isinstance(first, ast.Constant) and isinstance(first.value, str):
            if any(kw.arg is None for kw in node.keywords):
                uses.append(Use(first.value, where, None))
            else:
                uses.append(Use(first.value, where, frozenset(kw.arg for kw in node.keywords if kw.arg)))
        elif name == "ConditionSyntaxError" and len(node.args) > 1:
            code = node.args[1]
            if isinstance(code, ast.Constant) and isinstance(code.value, str):
                uses.append(Use(code.value, where, None))
    return uses


USES = [
    use
    for folder in ("diagnose", "netscan_app")
    for path in sorted((ROOT / folder).rglob("*.py"))
    for use in _uses_in(path)
]


def test_the_scan_finds_the_codes_in_use() -> None:
    codes = {use.code for use in USES}
    assert {"unknown-key", "answer-value", "not-found", "round-exists", "unknown-fact"} <= codes
    assert len(codes) > 40


@pytest.mark.parametrize("use", USES, ids=lambda u: f"{u.code}@{u.where}")
def test_every_code_used_is_in_the_catalogue_with_its_placeholders_filled(use: Use) -> None:
    assert use.code in CATALOGUE, f"{use.where}: code '{use.code}' is not in diagnose/catalogue.py"
    if use.params is not None:
        missing = required(use.code) - use.params
        assert not missing, f"{use.where}: '{use.code}' leaves {sorted(missing)} empty"


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_both_languages_use_the_same_placeholders(code: str) -> None:
    message = CATALOGUE[code]
    for text in (message.what, message.fix):
        assert placeholders(text.nl) == placeholders(text.en), code


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_message_formats_with_its_placeholders_in_both_languages(code: str) -> None:
    params: dict[str, object] = {
        name: LocalizedText(nl=f"<{name}>", en=f"<{name} en>") for name in required(code)
    }
    problem = Problem(code, params=params)
    for lang, marker in (("nl", ">"), ("en", " en>")):
        text = problem.what(lang) + " " + problem.fix(lang)  # type: ignore[arg-type]
        assert "{" not in text
        for name in required(code):
            assert f"<{name}{marker}" in text, (code, lang, name)


def test_a_missing_english_text_is_an_error_not_a_fallback() -> None:
    with pytest.raises(ValueError):
        LocalizedText(nl="alleen Nederlands")  # type: ignore[call-arg]


def test_importing_the_store_adds_nothing_to_the_catalogue() -> None:
    before = dict(CATALOGUE)
    import diagnose.store.errors  # noqa: F401

    assert before == CATALOGUE
    assert "round-closed" in CATALOGUE  # store codes live in the one catalogue from the start


def test_every_code_in_the_catalogue_is_used() -> None:
    unused = set(CATALOGUE) - {use.code for use in USES}
    assert unused == {"condition-syntax"}  # the default code of every ConditionSyntaxError
