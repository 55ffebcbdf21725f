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
    fig = charts.construct_bars(
        report_input.diagnosis, report_input.bundle, "nl", ("pitfall", "building_block", "characteristic")
    )
    for trace in fig.data:
        if trace.type != "bar":
            continue
        assert all("·" in text for text in trace.text)  # value and band written next to the bar
        band = next(
            b
            for b, label in (
                ("concern", "zorgpunt"),
                ("attention", "aandachtspunt"),
                ("strength", "sterk punt"),
            )
            if trace.text[0].endswith(label)
        )
        assert trace.marker.pattern.shape == charts.BAND_PATTERNS[band]


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
