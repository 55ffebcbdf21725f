"""Fixtures shared by every test: the project's content, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from diagnose import Bundle, load_bundle

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "test-output"


@pytest.fixture(scope="session")
def bundle() -> Bundle:
    return load_bundle()


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT
