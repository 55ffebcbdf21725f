"""The results page is shown without the report's machinery (issue 16): WeasyPrint, python-docx and
the chart export (kaleido, Chromium) are loaded when a report is asked for, and the report's warm-up
starts only after the page's run has ended (``warm_up_soon``), never during it."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
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


def test_the_warm_up_waits_for_the_page_and_a_failure_is_logged_not_raised(
    caplog: pytest.LogCaptureFixture,
) -> None:
    asked: list[float] = []
    page_done = threading.Event()
    page = threading.Thread(target=page_done.wait)  # stands in for the page's own run
    page.start()

    def bundle() -> Bundle:
        asked.append(time.monotonic())
        raise RuntimeError("no content")

    with caplog.at_level(logging.WARNING, logger="netscan.report"):
        thread = warm.warm_up_soon(bundle, after=page, delay=0.2)
        time.sleep(0.5)
        assert thread.is_alive() and not asked  # returned at once; loads nothing while the page runs
        ended = time.monotonic()
        page_done.set()
        thread.join(timeout=30)
    assert not thread.is_alive()
    assert asked and asked[0] - ended >= 0.2
    assert [r.getMessage() for r in caplog.records] == ["the report's warm-up failed"]
