"""The figure builders shared by dashboard and report: own template, Dutch numbers, privacy, no Streamlit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import plotly.io as pio
import pytest

from diagnose import Bundle, charts
from diagnose.report import ReportInput

from .conftest import make_case, prepared, response_file, round_spec

ROOT = Path(__file__).resolve().parents[2]


def all_figures(inp: ReportInput, lang: str) -> dict[str, object]:
    d, b = inp.diagnosis, inp.bundle
    return {
        "radar": charts.radar_characteristics(d, b, lang),  # type: ignore[arg-type]
        "pitfalls": charts.pitfall_bars(d, b, lang),  # type: ignore[arg-type]
        "building_blocks": charts.building_block_bars(d, b, lang),  # type: ignore[arg-type]
        "perspectives": charts.perspective_bars(d, b, lang),  # type: ignore[arg-type]
        "leadership": charts.leadership_bars(d, b, lang),  # type: ignore[arg-type]
        "spread": charts.spread_chart(d, b, lang),  # type: ignore[arg-type]
        "roles": charts.role_chart(d, b, lang),  # type: ignore[arg-type]
        "trend": charts.trend_chart(d, b, lang, inp.history),  # type: ignore[arg-type]
        "comparison": charts.comparison_chart(d, b, lang),  # type: ignore[arg-type]
    }


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_figure_has_data_its_own_template_and_the_right_separators(
    report_input: ReportInput, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pio.templates, "default", "plotly_dark")  # what importing streamlit does, in spirit
    for name, fig in all_figures(report_input, lang).items():
        assert charts.has_data(fig), name
        assert fig.layout.template.layout.font.family == charts.FONT_FAMILY, name  # type: ignore[attr-defined]
        assert fig.layout.separators == (",." if lang == "nl" else ".,"), name  # type: ignore[attr-defined]


def test_bars_are_told_apart_without_colour(report_input: ReportInput) -> None:
    """Each band is one trace with its own hatch, named in the legend; the value is printed short
    (never "3,98 · aandachtsp" cut off at the edge)."""
    fig = charts.construct_bars(
        report_input.diagnosis, report_input.bundle, "nl", ("pitfall", "building_block", "characteristic")
    )
    bars = [trace for trace in fig.data if trace.type == "bar"]
    names = {"Zorgpunt": "concern", "Aandachtspunt": "attention", "Sterk punt": "strength"}
    assert len(bars) >= 2
    for trace in bars:
        assert trace.showlegend is not False and trace.name in names
        assert trace.marker.pattern.shape == charts.BAND_PATTERNS[names[trace.name]]
        assert all(len(text) <= 4 and "·" not in text for text in trace.text)


def test_a_position_is_never_shown_as_better_or_worse(report_input: ReportInput, bundle: Bundle) -> None:
    """Orientation (interaction 1 – results 5) is a position: no bar, no band, no up or down."""
    d = report_input.diagnosis
    positions = [c.id for c in bundle.constructs.constructs if c.kind == "position"]
    assert positions and all(not charts.judged(bundle, c) for c in positions)
    label = next(c.label.get("nl") for c in bundle.constructs.constructs if c.kind == "position")
    flat = charts.wrap(label, charts.LABEL_WIDTH)
    fig = charts.leadership_bars(d, bundle, "nl")
    assert not any(trace.type == "bar" and flat in list(trace.y) for trace in fig.data)
    marker = next(
        t for t in fig.data if t.type == "scatter" and t.y is not None and flat in list(t.y) and t.name
    )
    assert marker.name == "Positie (geen oordeel)"
    # the comparison moves it without a sign, a colour of better or worse, or a triangle
    assert d.previous is not None and positions[0] in d.previous.scores
    comparison = charts.comparison_chart(d, bundle, "nl")
    for trace in comparison.data:
        if trace.y is not None and flat in list(trace.y) and trace.mode == "markers+text":
            assert trace.name == "Positie deze meting (geen oordeel)"
            assert not any(text.startswith(("+", "−", "<b>")) for text in trace.text)
    for limit in (0.0, 0.5):
        assert charts.change_kind(bundle, positions[0], 2.0, limit) == "position"
        assert charts.change_kind(bundle, "lnc4_trust", -2.0, limit) == "down"
    # a trend line is drawn against the band thresholds: a position has none
    trend = charts.trend_chart(d, bundle, "nl", report_input.history, constructs=[positions[0], "lnc4_trust"])
    trust = next(c.label.get("nl") for c in bundle.constructs.constructs if c.id == "lnc4_trust")
    assert [t.name for t in trend.data if t.mode == "lines+markers"] == [
        charts.wrap(trust, charts.LABEL_WIDTH + 6)
    ]


def test_radar_labels_in_one_number_format_and_a_legend_for_every_marker(report_input: ReportInput) -> None:
    d = report_input.diagnosis
    fig = charts.radar_characteristics(d, report_input.bundle, "nl")
    labels = [t for trace in fig.data if trace.mode == "text" for t in trace.text]
    assert len(labels) == 7
    assert len({len(label.split(",")[1]) for label in labels}) == 1  # all one or all two decimals
    assert charts.score_labels([2.97, 3.44], "nl", d.thresholds) == ["2,97", "3,44"]
    assert charts.score_labels([3.51, 3.44], "nl", d.thresholds) == ["3,5", "3,4"]
    legend = [t.name for t in fig.data if t.showlegend is not False and t.name]
    bands = {s.band for c, s in d.scores.items() if c.startswith("lnc")}
    for band, name in (("strength", "Sterk punt"), ("attention", "Aandachtspunt"), ("concern", "Zorgpunt")):
        assert (name in legend) == (band in bands)
    assert any(name.startswith("Vorige meting") for name in legend)


def test_dutch_labels_use_the_decimal_comma(report_input: ReportInput) -> None:
    fig = charts.radar_characteristics(report_input.diagnosis, report_input.bundle, "nl")
    labels = [t for trace in fig.data if trace.text is not None for t in trace.text]
    assert labels and all("," in t and "." not in t for t in labels)
    assert charts.score_label(2.97, "nl", {"strength": 4.0, "concern": 3.0}) == "2,97"
    assert charts.score_label(3.44, "nl", {"strength": 4.0, "concern": 3.0}) == "3,4"


def test_below_the_minimum_the_figures_show_no_scores(bundle: Bundle) -> None:
    spec = make_case(seed=3, rounds=[round_spec("2026", "2026-03-01", 2, 0.0)])
    inp = prepared(bundle, response_file(bundle, spec))
    for name, fig in all_figures(inp, "nl").items():
        assert not charts.has_data(fig), name
        assert not list(fig.data), name


def test_charts_module_does_not_import_streamlit() -> None:
    code = "import sys, diagnose.charts, diagnose.report; sys.exit('streamlit' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False).returncode == 0


def test_the_exporter_turns_figures_into_images(report_input: ReportInput) -> None:
    from diagnose.report import exporter

    fig = charts.pitfall_bars(report_input.diagnosis, report_input.bundle, "en")
    first, second = exporter().export([fig, fig])
    assert first[:3] == b"\xff\xd8\xff" and second[:3] == first[:3]  # JPEG


def test_a_chart_drawn_once_comes_from_the_cache_the_second_time(report_input: ReportInput) -> None:
    from diagnose.report import exporter

    fig = charts.perspective_bars(report_input.diagnosis, report_input.bundle, "nl")
    first = exporter().export([fig])[0]
    again = charts.perspective_bars(
        report_input.diagnosis, report_input.bundle, "nl"
    )  # equal, not the same object
    assert exporter().export([again])[0] is first


def test_warm_up_draws_the_report_figures_of_a_small_round(bundle: Bundle) -> None:
    from diagnose.report import warm_up

    images = warm_up(bundle).result(timeout=120)
    assert len(images) >= 7 and all(image[:3] == b"\xff\xd8\xff" for image in images)


def test_a_position_that_moved_far_is_neither_up_nor_down(report_input: ReportInput, bundle: Bundle) -> None:
    """Orientation moved a whole point: the change table marks nothing and the comparison chart puts
    it in the position series, not with the improvements or declines (regression: "▲ +1,00 vooruit")."""
    from diagnose.report.tables import changes

    d = report_input.diagnosis
    assert d.previous is not None
    position = next(c for c in bundle.constructs.constructs if c.kind == "position")
    moved = {**d.previous.scores, position.id: d.scores[position.id].mean - 1.0}
    d2 = d.model_copy(update={"previous": d.previous.model_copy(update={"scores": moved})})
    row = next(r for r in changes(d2, bundle, "nl") if r.label == position.label.get("nl"))
    assert (row.direction, row.marked) == ("flat", False)
    trust = next(r for r in changes(d2, bundle, "nl") if r.label.startswith("Vertrouwen"))
    assert trust.direction in ("up", "down", "flat")
    label = charts.wrap(position.label.get("nl"), charts.LABEL_WIDTH)
    fig = charts.comparison_chart(d2, bundle, "nl")
    holding = [t.name for t in fig.data if t.mode == "markers+text" and label in list(t.y)]
    assert holding == ["Positie deze meting (geen oordeel)"]
