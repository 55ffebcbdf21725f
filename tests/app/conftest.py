"""Fixtures for the app's tests: a fresh database per test, filled through the store's own API.

AppTest runs the app in this process, so the app's cached Store (``get_store``) is cleared and
pointed at the test's database through DATABASE_URL. The browser tests start a real server (see
``browser.py``) on a free port with its own temporary database.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from diagnose.store import Store
from tests.app.browser import browser  # noqa: F401 - the fixture, one Chromium per test module
from tests.app.helpers import World, make_world


@pytest.fixture(autouse=True)
def _quiet_bare_mode_warning() -> None:
    """Streamlit calls outside a script run (cache clearing, reading AppTest state) log a harmless
    "missing ScriptRunContext" warning each time; it drowns the real output."""
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Store, str]]:
    from netscan_app.resources import get_store

    url = f"sqlite+pysqlite:///{tmp_path / 'netwerkscan.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("NETSCAN_PUBLIC_URL", raising=False)
    monkeypatch.setenv("NETSCAN_NO_WARMUP", "1")
    get_store.clear()
    opened = Store.open(url)
    opened.ensure_schema()
    yield opened, url
    get_store.clear()
    opened.close()


@pytest.fixture
def world(store: tuple[Store, str]) -> World:
    return make_world(*store)
