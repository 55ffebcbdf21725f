"""Where the charts' parts land when plotly.js draws them in Chromium, at the widths they are shown:
the report (760 px), a dashboard column on a laptop (430–510 px) and a phone (350 px). Titles,
legends, axis titles and tick numbers never overlap; value labels and tick labels are never cut;
long construct labels wrap instead of squeezing the plot; the radar's value labels sit clear of
every marker. The drawings are kept in test-output/report/layout/ to look at."""

from __future__ import annotations

from collections.abc import Iterator

import plotly.graph_objects as go
import pytest

from diagnose import Bundle, charts
from diagnose.report import ReportInput

from .conftest import OUTPUT
from .geometry import Drawer, Drawn, drawer, inside, overlap

pytestmark = pytest.mark.browser

WIDTHS = (760, 510, 430, 350)
RADAR_WIDTHS = (760, 510)  # on a phone the dashboard shows the characteristics as bars


@pytest.fixture(scope="module")
def draw() -> Iterator[Drawer]:
    folder = OUTPUT / "layout"
    folder.mkdir(parents=True, exist_ok=True)
    with drawer(folder) as d:
        yield d


def figures(inp: ReportInput, bundle: Bundle) -> dict[str, go.Figure]:
    d = inp.diagnosis
    return {
        "characteristics": charts.construct_bars(d, bundle, "nl", ("characteristic",)),
        "pitfalls": charts.pitfall_bars(d, bundle, "nl"),
        "building_blocks": charts.building_block_bars(d, bundle, "nl"),
        "perspectives": charts.perspective_bars(d, bundle, "en"),
        "leadership": charts.leadership_bars(d, bundle, "nl"),
        "spread": charts.spread_chart(d, bundle, "nl"),
        "roles": charts.role_chart(d, bundle, "nl"),
        "trend": charts.trend_chart(d, bundle, "nl", inp.history),
        "comparison": charts.comparison_chart(d, bundle, "nl"),
    }


def problems(g: Drawn) -> list[str]:
    found = []
    parts = {"title": g.title, "legend": g.legend, "axis title": g.xtitle}
    names = list(parts)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if overlap(parts[a], parts[b]):
                found.append(f"{a} overlaps {b}")
        if a != "axis title" and overlap(parts[a], g.plot):
            found.append(f"{a} overlaps the plot")
    for text, box in g.xticks:
        for a in ("title", "legend", "axis title"):
            if overlap(parts[a], box):
                found.append(f"{a} overlaps tick {text}")
    for text, box in [*g.labels, *g.ticks, *g.xticks]:
        if not inside(box, g.width, g.height):
            found.append(f"label cut: {text!r}")
        if overlap(box, g.legend) or overlap(box, g.title):
            found.append(f"label under the legend or title: {text!r}")
    for name, part in parts.items():
        if part is not None and not inside(part, g.width, g.height):
            found.append(f"{name} cut")
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_titles_legends_and_labels_never_overlap_or_get_cut(
    draw: Drawer, report_input: ReportInput, bundle: Bundle, width: int
) -> None:
    failures = {}
    for name, fig in figures(report_input, bundle).items():
        drawn = draw.draw(fig, width, screenshot=OUTPUT / "layout" / f"{name}-{width}.png")
        assert drawn.labels or name in ("spread", "roles", "trend"), f"{name}: no value labels drawn"
        if found := problems(drawn):
            failures[name] = found
        # long labels wrap: the plot keeps at least half of the width on a phone (it had a quarter)
        assert drawn.plot[2] - drawn.plot[0] >= 0.45 * width, (name, drawn.plot)
    assert not failures, failures


@pytest.mark.parametrize("width", RADAR_WIDTHS)
def test_radar_value_labels_are_clear_of_every_marker(
    draw: Drawer, report_input: ReportInput, bundle: Bundle, width: int
) -> None:
    fig = charts.radar_characteristics(report_input.diagnosis, bundle, "nl")
    drawn = draw.draw(fig, width, screenshot=OUTPUT / "layout" / f"radar-{width}.png")
    assert report_input.diagnosis.previous is not None  # the previous round's markers are drawn
    assert len(drawn.labels) == 7
    covered = [text for text, box in drawn.labels for _, marker in drawn.markers if overlap(box, marker)]
    assert not covered
    assert not problems(drawn)
