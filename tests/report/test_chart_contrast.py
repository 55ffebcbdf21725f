"""Contrast of the charts and the report's colours (WCAG 2.1: 1.4.3 text 4.5:1, 1.4.11 graphics 3:1).

Every mark a reader needs (a bar, a marker, a trend line) reaches 3:1 against the white background
by its own colour or by its outline; only the listed decorative parts (grid, the grey track of a
position, the connector of a comparison) are lighter. In the report's CSS every text colour reaches
4.5:1 and every band mark and finding border 3:1 against what it sits on.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from diagnose import charts
from diagnose.charts.style import LIGHT_GREY, SERIES_COLOURS
from diagnose.report import ReportInput

from .test_charts import all_figures

CSS = Path(__file__).resolve().parents[2] / "diagnose" / "report" / "templates" / "report.css.j2"
WHITE = "#FFFFFF"
FINDING_BACKGROUND = "#f6f7f8"  # .finding in the CSS: where the tone borders sit
DECORATIVE = {LIGHT_GREY.upper()}  # the position's track and the comparison's connector


def luminance(colour: str) -> float:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = []
    for i in (0, 2, 4):
        c = int(value[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(a: str, b: str = WHITE) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula() -> None:
    assert round(contrast("#000000"), 1) == 21.0 and contrast(WHITE) == 1.0
    assert round(contrast("#767676"), 2) == 4.54  # the lightest grey that passes for text
    assert contrast("#E69F00") < 3 < contrast("#0072B2")


def test_every_series_colour_reaches_three_to_one_on_its_own() -> None:
    """Trend lines have no outline: their colour alone must stand out."""
    for colour in SERIES_COLOURS:
        assert contrast(colour) >= 3.0, colour


def _named(value: Any) -> list[str]:
    return [{"BLACK": "#000000", "WHITE": WHITE}.get(v.upper(), v) for v in _colours_or_names(value)]


def _colours_or_names(value: Any) -> list[str]:
    values = value if isinstance(value, list | tuple) else [value]
    return [str(v) for v in values if isinstance(v, str) and (v.startswith("#") or v.isalpha())]


def weak_marks(figure: Any) -> list[str]:
    """The marks of a figure that reach 3:1 neither by fill nor by an outline of at least 1 px."""
    weak = []
    for trace in figure.data:
        drawn = [v for v in (trace.x if trace.type != "scatterpolar" else trace.r) or () if v is not None]
        if not drawn or trace.type == "box":  # legend-only entries; the box is drawn in #1A1A1A
            continue
        mode = getattr(trace, "mode", None) or ("markers" if trace.type == "bar" else "")
        marker = trace.marker
        if trace.type == "bar" or "markers" in mode:
            fills = _named(marker.color)
            outline = _named(marker.line.color) if marker.line.color is not None else []
            wide = (marker.line.width or 0) >= 1
            outlined = wide and outline and all(contrast(c) >= 3 for c in outline)
            if not outlined and not all(contrast(c) >= 3 for c in fills):
                weak.append(f"{trace.name}: fill {fills}, outline {outline}")
        if "lines" in mode:
            for colour in _named(trace.line.color):
                if colour.upper() not in DECORATIVE and contrast(colour) < 3:
                    weak.append(f"{trace.name}: line {colour}")
    return weak


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_chart_mark_reaches_three_to_one(report_input: ReportInput, lang: str) -> None:
    figures = all_figures(report_input, lang)
    for name, figure in figures.items():
        assert charts.has_data(figure), name  # type: ignore[arg-type]
        assert weak_marks(figure) == [], name


def test_a_light_mark_without_an_outline_is_found(report_input: ReportInput) -> None:
    """The check itself: the attention bars without their outline fail it."""
    figure = charts.pitfall_bars(report_input.diagnosis, report_input.bundle, "nl")
    assert weak_marks(figure) == []
    for trace in figure.data:
        if trace.type == "bar":
            trace.marker.line.width = 0
    assert any("fill ['#E69F00']" in weak for weak in weak_marks(figure)), weak_marks(figure)


def css_rules() -> list[tuple[str, str]]:
    text = re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.S)
    return [(m.group(1).strip(), m.group(2)) for m in re.finditer(r"([^{}]+)\{([^{}]*)\}", text)]


def test_the_report_css_text_and_band_colours() -> None:
    checked = 0
    for selector, body in css_rules():
        for prop, value in re.findall(r"(?<![-\w])(color|border-left)\s*:\s*([^;]+)", body):
            colours = re.findall(r"#[0-9A-Fa-f]{6}\b|#[0-9A-Fa-f]{3}\b", value)
            for colour in colours:
                checked += 1
                if prop == "color" and ".mark" in selector:  # a band's glyph beside its word
                    assert contrast(colour) >= 3.0, (selector, colour)
                elif prop == "color":
                    assert contrast(colour) >= 4.5, (selector, colour)
                elif ".tone-" in selector:  # a finding's band, also told by the border's style
                    assert contrast(colour, FINDING_BACKGROUND) >= 3.0, (selector, colour)
    assert checked >= 30, checked
