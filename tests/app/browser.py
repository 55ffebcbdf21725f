"""A real server and a real browser for the app's browser tests and benchmark.

``AppServer`` starts ``streamlit run app.py`` on a free port with its own database and waits for
``/_stcore/health``; ``launch_chromium`` drives Debian's Chromium through Playwright (``playwright
install`` cannot download browsers here). ``settle`` waits until Streamlit has finished a run.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("NETSCAN_CHROMIUM", "/usr/bin/chromium")  # another path only to test the failure
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


class ChromiumMissing(RuntimeError):
    pass


def check_chromium() -> None:
    if not Path(CHROMIUM).exists():
        raise ChromiumMissing(
            f"Chromium is not installed at {CHROMIUM}: the browser tests need Debian's chromium package. "
            "Run `make install` (it installs chromium), or `sudo apt-get install chromium`."
        )


def launch_chromium(playwright: Any) -> Any:
    check_chromium()
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class AppServer:
    """``streamlit run app.py`` on a free port, with the database at ``database_url``."""

    def __init__(self, database_url: str, log_path: Path, extra_env: dict[str, str] | None = None):
        self.port = free_port()
        self.url = f"http://localhost:{self.port}"
        self.database_url = database_url
        self.log_path = log_path
        self.extra_env = extra_env or {}
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> AppServer:
        env = {**os.environ, "DATABASE_URL": self.database_url, **self.extra_env}
        env.pop("NETSCAN_PUBLIC_URL", None)
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "serve.py",
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
                "--server.runOnSave",
                "false",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the app server stopped at start:\n{self.log_path.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError(
            f"the app server did not answer /_stcore/health in 60 s:\n{self.log_path.read_text()[-3000:]}"
        )

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def script_state(page: Any) -> str | None:
    return page.get_attribute('[data-testid="stApp"]', "data-test-script-state")


def settle(page: Any, timeout: float = 30.0, quiet: int = 3) -> None:
    """Wait until Streamlit is not running the script and shows no stale elements (``quiet`` polls)."""
    deadline = time.monotonic() + timeout
    calm = 0
    while calm < quiet:
        if time.monotonic() > deadline:
            raise TimeoutError("the page did not settle")
        running = script_state(page) != "notRunning"
        stale = page.locator('[data-stale="true"]').count() > 0
        calm = 0 if running or stale else calm + 1
        time.sleep(0.05)


def wait_text(page: Any, text: str, timeout: float = 30_000) -> None:
    page.get_by_text(text).first.wait_for(state="visible", timeout=timeout)
    settle(page)


def charts_drawn(page: Any) -> int:
    """How many Plotly charts have drawn their SVG."""
    return int(
        page.evaluate(
            "() => [...document.querySelectorAll('.js-plotly-plot')].filter(p => p.querySelector('.main-svg')).length"
        )
    )


def screenshot(page: Any, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its main area, so grow the viewport to the content."""
    path.parent.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=stMain]'); return m ? m.scrollHeight : 0 }"
    )
    page.set_viewport_size({"width": size["width"], "height": max(int(height), size["height"])})
    time.sleep(0.4)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    time.sleep(0.2)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian Chromium through Playwright, one per test module. Without it every browser test
    fails with the reason (never skips): `make test` installs it."""
    try:
        check_chromium()
        from playwright.sync_api import sync_playwright
    except (ChromiumMissing, ImportError) as exc:
        pytest.fail(f"browser tests cannot run: {exc}", pytrace=False)
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()
