"""Where Plotly actually draws a chart's parts: the figures rendered by plotly.js in the real
Chromium at a given width, and the boxes of their title, legend, axis titles, value labels and
markers read back from the SVG. Used by the layout tests of the charts (no pixels compared: boxes).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import plotly
import plotly.graph_objects as go

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"

Box = tuple[float, float, float, float]  # left, top, right, bottom in px, relative to the figure


@dataclass(frozen=True)
class Drawn:
    """One figure as drawn: its size and the boxes of its parts."""

    width: float
    height: float
    title: Box | None
    legend: Box | None
    xtitle: Box | None
    plot: Box  # the plotting area (cartesian) or the polar disc's bounding box
    labels: tuple[tuple[str, Box], ...]  # value labels printed on the chart (text mode)
    ticks: tuple[tuple[str, Box], ...]  # category tick labels (y axis, angular axis), each line
    xticks: tuple[tuple[str, Box], ...]  # the numbers under the x axis
    markers: tuple[tuple[int, Box], ...]  # point markers: (trace index, box)


_MEASURE = """
(div) => {
  const root = div.getBoundingClientRect();
  const box = (el) => { if (!el) return null; const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return null;
    return [r.left - root.left, r.top - root.top, r.right - root.left, r.bottom - root.top]; };
  const size = div._fullLayout._size;
  let plot = [size.l, size.t, size.l + size.w, size.t + size.h];
  const polar = div.querySelector('.polarlayer .bg, .polarlayer path.bgcircle, .polar .bg');
  if (div._fullLayout.polar) {
    const disc = div.querySelector('.polarsublayer.radial-grid, .polarlayer .radial-grid') || polar;
    if (disc) plot = box(disc) || plot;
  }
  const labels = [];
  div.querySelectorAll('.textpoint text, .bartext, g.points text').forEach(t => {
    const b = box(t); if (b) labels.push([t.textContent, b]); });
  const xticks = [];
  div.querySelectorAll('.xtick text').forEach(t => { const b = box(t); if (b) xticks.push([t.textContent, b]); });
  const ticks = [];
  div.querySelectorAll('.ytick text, .angularaxistick text').forEach(t => {
    const b = box(t); if (b) ticks.push([t.textContent, b]); });
  const markers = [];
  div.querySelectorAll('.scatterlayer .trace, .polarlayer .trace.scatter').forEach((tr, i) => {
    tr.querySelectorAll('path.point').forEach(p => { const b = box(p); if (b) markers.push([i, b]); }); });
  return {
    width: root.width, height: root.height,
    title: box(div.querySelector('.g-gtitle .gtitle')),
    legend: box(div.querySelector('.legend .bg')),
    xtitle: box(div.querySelector('.g-xtitle .xtitle')),
    plot, labels, ticks, xticks, markers,
  };
}
"""


class Drawer:
    """Draws figures in one Chromium page; ``draw(fig, width)`` returns where everything landed."""

    def __init__(self, page: Any, folder: Path):
        self.page = page
        html = folder / "geometry.html"
        html.write_text(
            "<!doctype html><html><head><meta charset='utf-8'>"
            f"<script src='{PLOTLY_JS.as_uri()}'></script></head>"
            "<body style='margin:0'><div id='chart'></div></body></html>",
            encoding="utf-8",
        )
        page.goto(html.as_uri())
        page.wait_for_function("() => window.Plotly !== undefined")

    def draw(self, fig: go.Figure, width: int, *, screenshot: Path | None = None) -> Drawn:
        spec = json.loads(fig.to_json())
        spec["layout"]["width"] = width
        self.page.evaluate(
            """async ([spec, width]) => {
                 const div = document.getElementById('chart');
                 div.style.width = width + 'px';
                 Plotly.purge(div);
                 await Plotly.newPlot(div, spec.data, spec.layout, {staticPlot: true});
               }""",
            [spec, width],
        )
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            self.page.locator("#chart").screenshot(path=str(screenshot))
        raw = self.page.evaluate(_MEASURE, self.page.query_selector("#chart"))
        return Drawn(
            width=raw["width"],
            height=raw["height"],
            title=_box(raw["title"]),
            legend=_box(raw["legend"]),
            xtitle=_box(raw["xtitle"]),
            plot=_box(raw["plot"]) or (0.0, 0.0, 0.0, 0.0),
            labels=tuple((text, b) for text, raw_box in raw["labels"] if (b := _box(raw_box)) is not None),
            ticks=tuple((text, b) for text, raw_box in raw["ticks"] if (b := _box(raw_box)) is not None),
            xticks=tuple((text, b) for text, raw_box in raw["xticks"] if (b := _box(raw_box)) is not None),
            markers=tuple((i, b) for i, raw_box in raw["markers"] if (b := _box(raw_box)) is not None),
        )


def _box(raw: Sequence[float] | None) -> Box | None:
    return None if raw is None else (float(raw[0]), float(raw[1]), float(raw[2]), float(raw[3]))


def overlap(a: Box | None, b: Box | None, slack: float = 0.5) -> bool:
    """True when two boxes share more than ``slack`` px in both directions."""
    if a is None or b is None:
        return False
    return min(a[2], b[2]) - max(a[0], b[0]) > slack and min(a[3], b[3]) - max(a[1], b[1]) > slack


def inside(inner: Box, width: float, height: float, slack: float = 0.5) -> bool:
    return (
        inner[0] >= -slack and inner[1] >= -slack and inner[2] <= width + slack and inner[3] <= height + slack
    )


@contextmanager
def drawer(folder: Path) -> Iterator[Drawer]:
    from playwright.sync_api import sync_playwright

    from tests.app.browser import launch_chromium

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        try:
            page = chromium.new_page(viewport={"width": 1400, "height": 1000})
            yield Drawer(page, folder)
        finally:
            chromium.close()
