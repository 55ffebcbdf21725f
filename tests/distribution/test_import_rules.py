"""The import contracts in pyproject.toml hold, and they catch what they are meant to catch.

The contracts (import-linter) say which room may import which: the core imports no store, report,
CLI or app; the store no report, CLI or app; the report no store; nothing in diagnose imports the
app or Streamlit; the libraries of a room stay in it. The second test runs the same contracts on a
miniature tree with one lazy import (inside a function) that breaks one of them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

# A tree that keeps every contract: each room imports what it may, so every module the contracts
# name is in the graph.
ALLOWED: dict[str, list[str]] = {
    "diagnose/__init__.py": [],
    "diagnose/__main__.py": ["diagnose.cli"],
    "diagnose/bundle.py": ["diagnose.engine"],
    "diagnose/engine.py": ["durable", "durable_rules_engine"],
    "diagnose/cli/__init__.py": ["diagnose.bundle", "diagnose.store", "diagnose.report"],
    "diagnose/store/__init__.py": [
        "diagnose.bundle",
        "sqlalchemy",
        "alembic",
        "argon2",
        "openpyxl",
        "defusedxml",
    ],
    "diagnose/report/__init__.py": ["diagnose.bundle", "weasyprint", "jinja2", "kaleido", "docx"],
    "netscan_app/__init__.py": ["streamlit", "diagnose.store", "diagnose.report", "diagnose.bundle"],
}


def lint(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(ROOT / "pyproject.toml")],
        cwd=tree,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )


def write_tree(root: Path, extra: tuple[str, str] | None = None) -> Path:
    for path, imports in ALLOWED.items():
        lines = [f"import {name}" for name in imports]
        if extra and extra[0] == path:
            lines += ["", "", "def later() -> None:", f"    import {extra[1]}  # a lazy import counts too"]
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_the_codebase_keeps_its_import_contracts() -> None:
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 broken" in result.stdout


def test_the_miniature_tree_keeps_them(tmp_path: Path) -> None:
    result = lint(write_tree(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("importer", "imported", "contract"),
    [
        ("diagnose/bundle.py", "diagnose.store", "Only the CLI and the app use the store"),
        ("diagnose/bundle.py", "diagnose.report", "Only the CLI and the app use the report"),
        ("diagnose/bundle.py", "diagnose.cli", "Only `python -m diagnose` uses the CLI"),
        ("diagnose/bundle.py", "streamlit", "Nothing in diagnose uses the app or Streamlit"),
        ("diagnose/bundle.py", "sqlalchemy", "Database and spreadsheet libraries only in the store"),
        ("diagnose/store/__init__.py", "diagnose.report", "Only the CLI and the app use the report"),
        ("diagnose/store/__init__.py", "diagnose.cli", "Only `python -m diagnose` uses the CLI"),
        ("diagnose/store/__init__.py", "netscan_app", "Nothing in diagnose uses the app or Streamlit"),
        ("diagnose/report/__init__.py", "diagnose.store", "Only the CLI and the app use the store"),
        ("diagnose/store/__init__.py", "durable", "durable-rules only in the engine"),
    ],
)
def test_a_lazy_import_across_rooms_breaks_a_contract(
    tmp_path: Path, importer: str, imported: str, contract: str
) -> None:
    result = lint(write_tree(tmp_path, (importer, imported)))
    assert result.returncode == 1, result.stdout + result.stderr
    broken = [line for line in result.stdout.splitlines() if line.endswith(" BROKEN")]
    assert len(broken) == 1 and broken[0].startswith(contract), result.stdout
