"""The report's own plotly.js (diagnose/report/vendor, built by tools/plotly_bundle): the plotly.js
that plotly.py ships, with only the trace types the charts use, drawing the same images."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import pytest
from plotly.basedatatypes import BaseTraceType

from diagnose.report import ReportInput
from diagnose.report import images as chart_images
from diagnose.report.images import (
    BUNDLE,
    BUNDLE_TRACES,
    ChartExporter,
    ChartExportError,
    browser_path,
    bundle_path,
    plotly_js_version,
    shipped_plotly_js,
)

from .test_charts import all_figures

ROOT = Path(__file__).resolve().parents[2]


def test_the_bundle_is_the_plotly_js_that_plotly_py_ships() -> None:
    shipped = plotly_js_version(shipped_plotly_js())
    assert shipped, "plotly.py's plotly.min.js names no version"
    assert plotly_js_version(BUNDLE) == shipped, (
        f"diagnose/report/vendor/plotly-netscan.min.js is not plotly.js {shipped}: "
        "set that version in tools/plotly_bundle/package.json and run `make plotly-bundle`"
    )
    assert bundle_path() == BUNDLE.as_uri()
    assert BUNDLE.stat().st_size < shipped_plotly_js().stat().st_size / 2  # a partial bundle
    assert (BUNDLE.parent / "LICENSE-plotly.js.txt").read_text().startswith("MIT License")


def test_every_trace_type_the_charts_make_is_in_the_bundle() -> None:
    """Every `go.<Trace>(` in the core's code (the report draws only these) is one the bundle has.
    The code makes its traces so; `add_<trace>()`, plotly.express or dict traces would not be seen
    here, but the drawing test below and the exporter's refusal would catch them."""
    made: dict[str, str] = {}
    for path in sorted((ROOT / "diagnose").rglob("*.py")):
        for name in re.findall(r"\bgo\.([A-Z]\w*)\(", path.read_text(encoding="utf-8")):
            cls = getattr(go, name)
            if isinstance(cls, type) and issubclass(cls, BaseTraceType):
                made[cls().type] = str(path.relative_to(ROOT))
    assert {"scatter", "bar", "box", "scatterpolar"} <= made.keys()  # the scan finds what is there
    outside = {kind: where for kind, where in made.items() if kind not in BUNDLE_TRACES}
    assert not outside, f"add these to tools/plotly_bundle/entry.js and rebuild: {outside}"


def _draw(script: str | None, figures: list[Any]) -> list[bytes]:
    import kaleido

    async def run() -> list[bytes]:
        browser = kaleido.Kaleido(n=1, timeout=60, mathjax=False, path=browser_path(), plotlyjs=script)
        await browser.open()
        try:
            return [bytes(await browser.calc_fig(f, opts={"format": "png", "scale": 1.0})) for f in figures]
        finally:
            await browser.close()

    return asyncio.run(run())


def test_the_bundle_draws_the_same_images_as_the_full_plotly_js(report_input: ReportInput) -> None:
    figures = [f for lang in ("nl", "en") for f in all_figures(report_input, lang).values()]
    kinds = {trace.type for f in figures for trace in f.data}  # type: ignore[attr-defined]
    assert kinds == BUNDLE_TRACES  # every trace type of the bundle is drawn here
    ours, full = _draw(bundle_path(), figures), _draw(None, figures)  # as the exporter gives it
    different = [i for i, (a, b) in enumerate(zip(ours, full, strict=True)) if a != b]
    assert len(ours) == 18 and not different, f"charts drawn differently: {different}"


def test_a_chart_type_the_bundle_lacks_is_refused_with_the_reason_and_no_browser_started() -> None:
    export = ChartExporter()
    with pytest.raises(ChartExportError, match="cannot draw pie charts"):
        export.export([go.Figure(go.Pie(values=[1, 2])), go.Figure(go.Bar(x=[1]))])
    with pytest.raises(ChartExportError, match="cannot draw heatmap, pie charts"):  # figures as dicts
        export.export([{"data": [{"type": "pie"}, {"type": "heatmap"}]}, {"data": [{"x": [1]}]}])
    assert export._loop is None  # refused before Chromium was started
    export.close()


def test_a_refused_chart_leaves_the_running_browser_to_the_other_reports(report_input: ReportInput) -> None:
    from diagnose import charts
    from diagnose.report import exporter

    shared = exporter()
    bars = charts.pitfall_bars(report_input.diagnosis, report_input.bundle, "nl")
    shared.export([bars])
    running = shared._browser
    with pytest.raises(ChartExportError, match="cannot draw pie charts"):
        shared.export([go.Figure(go.Pie(values=[1, 2]))])
    assert shared._browser is running is not None  # not restarted: another report may be drawing
    bars.update_layout(title_text="again")  # a new figure, not from the cache
    assert shared.export([bars])[0][:3] == b"\xff\xd8\xff"


def test_a_bundle_of_another_plotly_js_version_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "plotly-netscan.min.js"
    old.write_text('/*! plotly.js v3.0.0 | partial bundle */\n"use strict";', encoding="utf-8")
    monkeypatch.setattr(chart_images, "BUNDLE", old)
    bundle_path.cache_clear()
    try:
        assert bundle_path() is None  # kaleido then loads plotly.py's full plotly.js
        assert chart_images._outside_bundle([go.Figure(go.Pie(values=[1]))]) == set()
    finally:
        monkeypatch.undo()
        bundle_path.cache_clear()
    assert bundle_path() == BUNDLE.as_uri()
