"""One configuration reference: every variable the code reads is in diagnose/settings.py (and so in
docs/configuration.md, generated from it), and every variable listed there is read somewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from diagnose import settings

ROOT = Path(__file__).resolve().parent.parent
# An environment variable name as the code spells it: NETSCAN_…, or one of the few standard names.
NAME = re.compile(r"\b(NETSCAN_[A-Z0-9_]+|DATABASE_URL|BROWSER_PATH)\b")
PRODUCT = [
    ROOT / "app.py",
    ROOT / "serve.py",
    *(ROOT / "diagnose").rglob("*.py"),
    *(ROOT / "netscan_app").rglob("*.py"),
]
TESTS = [*(ROOT / "tests").rglob("*.py"), ROOT / "Makefile"]


def _names(files: list[Path]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in files:
        text = path.read_text(encoding="utf-8")
        if path == ROOT / "diagnose" / "settings.py":
            text = text[text.index("BY_NAME") :]  # its reads, not its list
        if path == Path(__file__):
            continue
        for name in NAME.findall(text):
            found.setdefault(name, path)
    return found


def test_every_variable_the_product_reads_is_in_the_reference() -> None:
    read = _names(PRODUCT)
    missing = {
        name: str(path.relative_to(ROOT)) for name, path in read.items() if name not in settings.BY_NAME
    }
    assert not missing, f"add these to diagnose/settings.py SETTINGS (then `make docs`): {missing}"


def test_every_variable_in_the_reference_is_read_somewhere() -> None:
    read = _names(PRODUCT) | _names(TESTS)
    stale = [s.name for s in settings.SETTINGS if s.name not in read]
    assert not stale, f"listed in diagnose/settings.py but read nowhere: {stale}"


def test_test_only_variables_are_not_read_by_the_product() -> None:
    read = _names(PRODUCT)
    leaked = [s.name for s in settings.SETTINGS if s.area == "tests" and s.name in read]
    assert not leaked, f"marked 'tests' but the product reads them: {leaked}"


def test_the_reference_page_has_a_table_for_every_area_in_use() -> None:
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    for area in {s.area for s in settings.SETTINGS}:
        assert f"<!-- gen settings {area} -->" in text, f"docs/configuration.md has no table for {area}"
    for s in settings.SETTINGS:
        assert f"| `{s.name}` |" in text


def test_value_refuses_a_name_that_is_not_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETSCAN_NOT_A_SETTING", "1")
    with pytest.raises(KeyError, match="add it there first"):
        settings.value("NETSCAN_NOT_A_SETTING")


def test_public_url_prefers_the_new_name_and_still_reads_the_old_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NETSCAN_PUBLIC_URL", raising=False)
    monkeypatch.delenv("NETSCAN_APP_URL", raising=False)
    assert settings.public_url("http://localhost:8501") == "http://localhost:8501"
    monkeypatch.setenv("NETSCAN_APP_URL", "https://oud.example.org/")
    assert settings.public_url("http://localhost:8501") == "https://oud.example.org"
    monkeypatch.setenv("NETSCAN_PUBLIC_URL", " https://scan.example.org/ ")
    assert settings.public_url("http://localhost:8501") == "https://scan.example.org"
