"""Getting ready for the first report, when a server (or the command line) starts."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from diagnose.bundle import Bundle
from diagnose.report.images import EXPORT_TIMEOUT, START_TIMEOUT, exporter
from diagnose.report.inputs import ReportInput


def warm_up(bundle: Bundle | None = None) -> Future[list[bytes]]:
    """Start Chromium in the background and warm up Plotly; returns at once.

    Without a bundle, a small figure of each trace type is built and drawn. With the bundle, a
    report for a small made-up round is made on a background thread: its figures are drawn (so
    Chromium's JavaScript is warm) and its PDF is made without them (so the report texts are
    loaded, the templates compiled and WeasyPrint's fonts ready, which a first report would
    otherwise spend ~0.3 s CPU on). The returned future completes with the drawn images when all
    of that is done; nobody has to wait for it, and a failure shows up in the first report.
    """
    export = exporter()
    export.start()
    inp = _small_round(bundle) if bundle is not None else None
    if inp is None:
        return export.submit(_generic_figures() * export.tabs)
    done: Future[list[bytes]] = Future()

    def work(inp: ReportInput) -> None:
        from diagnose.report.model import _charts
        from diagnose.report.render import render_report

        try:
            drawing = export.submit(
                [v.figure for v in _charts(inp.diagnosis, inp, "nl").values()] * export.tabs
            )
            render_report(inp, "nl", "pdf", charts=False)
            done.set_result(drawing.result(timeout=START_TIMEOUT + EXPORT_TIMEOUT))
        except BaseException as exc:  # for whoever waits; the first report tries again
            done.set_exception(exc)

    threading.Thread(target=work, args=(inp,), name="netscan-warm-up", daemon=True).start()
    return done


# Seconds between the end of the page's run that asked for the warm-up and the warm-up: time for
# the browser to draw the page's charts. The warm-up (Chromium's start, importing and running the
# report stack: ~2 s CPU) would otherwise compete with the page for the cores and the interpreter.
WARM_UP_DELAY = 1.0


def warm_up_soon(
    bundle: Callable[[], Bundle], *, after: threading.Thread | None = None, delay: float = WARM_UP_DELAY
) -> threading.Thread:
    """:func:`warm_up` on a background thread once ``after`` (the page's own run, e.g. Streamlit's
    script thread) has finished and ``delay`` seconds more have passed; returns at once.

    For a page that has just decided what to show: the page is made and drawn before the report's
    machinery (WeasyPrint, the chart export, Chromium) is loaded, and the first download finds it
    running. A failure is logged; the first report then tries again and says why it has no charts."""

    def later() -> None:
        if after is not None and after is not threading.current_thread():
            after.join(timeout=START_TIMEOUT)
        time.sleep(delay)
        try:
            warm_up(bundle())
        except Exception:
            logging.getLogger("netscan.report").warning("the report's warm-up failed", exc_info=True)

    thread = threading.Thread(target=later, name="netscan-warm-up-soon", daemon=True)
    thread.start()
    return thread


def _generic_figures() -> list[Any]:
    import plotly.graph_objects as go

    figures = []
    for trace in (
        go.Scatterpolar(r=[1, 2], theta=["a", "b"], fill="toself"),
        go.Bar(x=[1], y=["a"], orientation="h", marker={"pattern": {"shape": "/"}}),
        go.Box(x=[1.0, 2.0], y=[0, 0], orientation="h"),
        go.Scatter(x=[1], y=[1], mode="markers+text", text=["a"]),
    ):
        figures.append(
            go.Figure(trace).update_layout(
                polar={"radialaxis": {"range": [1, 5]}, "angularaxis": {"direction": "clockwise"}},
                xaxis={"range": [0, 6]},
                yaxis={"categoryorder": "array"},
                legend={"orientation": "h"},
                template=go.layout.Template(),
                separators=",.",
                width=200,
                height=150,
            )
        )
    return figures


def _small_round(bundle: Bundle) -> ReportInput | None:
    """A made-up round of six respondents in two roles with one earlier round (None when no
    questionnaire asks for a role)."""
    import random

    from diagnose.report.inputs import prepare
    from diagnose.synthetic import RoundSpec, generate_round

    q = next((q for q in bundle.questionnaires.values() if q.fact_item("respondent_role")), None)
    if q is None:
        return None
    roles = q.fact_item("respondent_role").option_values[:2]  # type: ignore[union-attr]
    rng = random.Random(1)
    rounds = [
        generate_round(q, RoundSpec(label=label, respondents=6, roles={roles[0]: 3, roles[-1]: 3}), rng)
        for label in ("a", "b")
    ]
    return prepare(bundle, q, rounds[1], rounds[:1])
