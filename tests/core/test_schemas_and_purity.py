"""Committed JSON Schemas are current, and the core imports no UI or database."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from diagnose.schemas import SCHEMA_DIR, render_schemas

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_committed_schemas_are_current() -> None:
    for name, text in render_schemas().items():
        path = SCHEMA_DIR / name
        assert path.is_file(), f"missing {path}: run `make schemas`"
        assert path.read_text(encoding="utf-8") == text, f"{name} is stale: run `make schemas`"


def test_examples_match_the_response_schema() -> None:
    schema = json.loads((SCHEMA_DIR / "response-file.schema.json").read_text(encoding="utf-8"))
    for path in EXAMPLES.glob("*.json"):
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schema)


def test_core_imports_no_ui_or_database() -> None:
    code = (
        "import sys, diagnose, diagnose.diagnosis, diagnose.render, diagnose.synthetic, diagnose.cli.content\n"
        "print(sorted(m for m in ('streamlit', 'sqlalchemy', 'weasyprint', 'plotly') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
