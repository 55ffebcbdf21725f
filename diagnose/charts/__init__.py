"""Plotly figures of a diagnosis, shared by the dashboard and the report. No Streamlit here.

Every builder is a pure function: a :class:`~diagnose.diagnosis.Diagnosis` (plus, for trends, the
scores of earlier rounds), the :class:`~diagnose.bundle.Bundle` for labels, and the language in; a
``plotly.graph_objects.Figure`` out. Each figure carries its own template (:data:`TEMPLATE`), so
importing Streamlit (which swaps the process-wide default template) does not change how it looks,
and Dutch figures use the decimal comma (``separators=",."``).

Colours are the Okabe-Ito colour-blind-safe palette; every band is also told apart without colour
(a hatch pattern on bars, a marker shape on points, and the value printed next to it), so the
figures still read when printed in black and white.

Privacy: what may be shown is decided by the diagnosis (``Diagnosis.results_allowed``,
``score_visible``, ``visible_roles``; ``earlier_round`` for the rounds before it). Below the
anonymity minimum the builders draw no scores but a figure saying why; constructs, roles and earlier
rounds below the minimum are left out.

Modules: ``style`` (palette, template, texts, helpers), ``scores`` (radar, bars), ``spread`` (spread,
roles), ``time`` (trend, comparison).

Public signatures (stable; the dashboard relies on them)::

    radar_characteristics(diagnosis, bundle, lang, *, show_previous=True) -> Figure
    construct_bars(diagnosis, bundle, lang, groups=("pitfall",), *, title=None) -> Figure
    pitfall_bars(diagnosis, bundle, lang) -> Figure           # groups=("pitfall",)
    building_block_bars(diagnosis, bundle, lang) -> Figure    # groups=("building_block",)
    perspective_bars(diagnosis, bundle, lang) -> Figure       # groups=("perspective",)
    leadership_bars(diagnosis, bundle, lang) -> Figure        # groups=("leadership", "decision")
    spread_chart(diagnosis, bundle, lang, constructs=None) -> Figure
    role_chart(diagnosis, bundle, lang, constructs=None) -> Figure
    trend_chart(diagnosis, bundle, lang, history, *, groups=("characteristic",), constructs=None) -> Figure
    comparison_chart(diagnosis, bundle, lang, *, groups=None, constructs=None) -> Figure
    has_data(figure) -> bool                # False for the "nothing to show" figures
    judged(bundle, construct) -> bool       # False for a position: never better or worse
    plain_title(figure) -> str              # the title as one line (the drawn one may wrap)
    change_kind(bundle, construct, change, limit) -> "up" | "down" | "flat" | "position"

Layout, decided once in ``style``: the title above the plot, the legend at the foot of the figure
one entry a line on a phone (``place_legend`` reserves its height), construct labels wrapped at
``LABEL_WIDTH`` characters; tests/report/test_chart_layout.py draws every figure in Chromium at
phone, column and report width and fails on an overlap or a cut label.

``lang`` is ``"nl"`` or ``"en"``. ``history`` is the earlier rounds, oldest first, each a
``RoundScores`` (from :func:`diagnose.diagnosis.score`) or a ``PreviousRound``; the current round is
added at the end from the diagnosis. ``constructs`` (ids) overrides which constructs are drawn.
"""

from __future__ import annotations

from diagnose.charts.scores import (
    building_block_bars,
    construct_bars,
    leadership_bars,
    perspective_bars,
    pitfall_bars,
    radar_characteristics,
)
from diagnose.charts.spread import role_chart, role_label_map, spread_chart
from diagnose.charts.style import (
    BAND_COLOURS,
    BAND_PATTERNS,
    BAND_SYMBOLS,
    FONT_FAMILY,
    LABEL_WIDTH,
    OKABE_ITO,
    TEMPLATE,
    has_data,
    judged,
    plain_title,
    score_label,
    score_labels,
    wrap,
)
from diagnose.charts.time import change_kind, comparison_chart, trend_chart

__all__ = [
    "BAND_COLOURS",
    "BAND_PATTERNS",
    "BAND_SYMBOLS",
    "FONT_FAMILY",
    "LABEL_WIDTH",
    "OKABE_ITO",
    "TEMPLATE",
    "building_block_bars",
    "change_kind",
    "comparison_chart",
    "construct_bars",
    "has_data",
    "judged",
    "leadership_bars",
    "perspective_bars",
    "pitfall_bars",
    "plain_title",
    "radar_characteristics",
    "role_chart",
    "role_label_map",
    "score_label",
    "score_labels",
    "spread_chart",
    "trend_chart",
    "wrap",
]
