"""The results page is shown without the report's machinery (issue 16): WeasyPrint, python-docx and
the chart export (kaleido, Chromium) are loaded when a report is asked for, and the report's warm-up
starts only after the page has been drawn (``warm_up_soon``), never in the page's own run."""

from __future__ import annotations

import logging
import subprocess
import sys
import time

import pytest

from diagnose.bundle import Bundle
from diagnose.report import warm

HEAVY = ("weasyprint", "docx", "kaleido", "choreographer")


def test_the_results_page_imports_no_report_machinery() -> None:
    code = (
        "import sys\n"
        "import netscan_app.pages.results, netscan_app.report, netscan_app.dashboard, netscan_app.preload\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
        "import diagnose.report\n"
        "diagnose.report.render_report\n"  # a report still finds everything
        f"print(','.join(m for m in {HEAVY[:2]!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, after = out.stdout.splitlines()
    assert before == ""
    assert after == "weasyprint,docx"


def test_the_warm_up_waits_and_a_failure_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    asked: list[float] = []

    def bundle() -> Bundle:
        asked.append(time.monotonic())
        raise RuntimeError("no content")

    start = time.monotonic()
    thread = warm.warm_up_soon(bundle, delay=0.3)
    assert time.monotonic() - start < 0.3 and not asked  # returns at once, loads nothing yet
    with caplog.at_level(logging.WARNING, logger="netscan.report"):
        thread.join(timeout=30)
    assert not thread.is_alive()
    assert asked and asked[0] - start >= 0.3
    assert [r.getMessage() for r in caplog.records] == ["the report's warm-up failed"]
