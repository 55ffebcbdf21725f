"""Getting ready for the first report, when a server (or the command line) starts."""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

from diagnose.bundle import Bundle
from diagnose.report.images import exporter


def warm_up(bundle: Bundle | None = None) -> Future[list[bytes]]:
    """Start Chromium in the background and warm up Plotly; returns at once (after ~0.3–0.6 s).

    Without a bundle, a small figure of each trace type is built and drawn. With the bundle, the
    report's own figures for a small made-up round are built (so Plotly has loaded every validator
    the report uses) and drawn (so Chromium's JavaScript is warm). The returned future completes
    when they are drawn; nobody has to wait for it, and a failure shows up in the first report.
    """
    export = exporter()
    export.start()
    figures = _report_figures(bundle) if bundle is not None else _generic_figures()
    return export.submit(figures * export.tabs)


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


def _report_figures(bundle: Bundle) -> list[Any]:
    import random

    from diagnose.report.model import ReportInput, _charts
    from diagnose.report.model import prepare as prepare_input
    from diagnose.synthetic import RoundSpec, generate_round

    q = next((q for q in bundle.questionnaires.values() if q.fact_item("respondent_role")), None)
    if q is None:
        return _generic_figures()
    roles = q.fact_item("respondent_role").option_values[:2]  # type: ignore[union-attr]
    rng = random.Random(1)
    rounds = [
        generate_round(q, RoundSpec(label=label, respondents=6, roles={roles[0]: 3, roles[-1]: 3}), rng)
        for label in ("a", "b")
    ]
    inp: ReportInput = prepare_input(bundle, q, rounds[1], rounds[:1])
    return [view.figure for view in _charts(inp.diagnosis, inp, "nl").values()]
