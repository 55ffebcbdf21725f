"""The benchmark drawn: per construct the middle half of the other networks as a hatched band, their
median as a black stripe and this network as a dot with its score. Readable in black and white:
band, stripe and dot differ in shape, not only in colour."""

from __future__ import annotations

import plotly.graph_objects as go

from diagnose.benchmark import Comparison
from diagnose.bundle import Bundle
from diagnose.charts.style import (
    GREY,
    LABEL_WIDTH,
    OKABE_ITO,
    SCALE_RANGE,
    base_layout,
    construct_labels,
    num,
    place_legend,
    wrap,
)
from diagnose.text import Lang, LocalizedText

TEXTS = {
    "title": LocalizedText(nl="Vergelijking met andere netwerken", en="Comparison with other networks"),
    "band": LocalizedText(
        nl="Middelste helft van de andere netwerken", en="Middle half of the other networks"
    ),
    "median": LocalizedText(nl="Mediaan van de andere netwerken", en="Median of the other networks"),
    "own": LocalizedText(nl="Dit netwerk", en="This network"),
    "axis": LocalizedText(nl="Gemiddelde score (1–5)", en="Mean score (1–5)"),
}
ROW_HEIGHT = 44


def benchmark_chart(comparison: Comparison, bundle: Bundle, lang: Lang) -> go.Figure:
    """One row per construct compared, in the catalogue's order (the comparison's own order)."""
    labels = construct_labels(bundle, lang)
    bands = list(comparison.bands)
    rows = [wrap(labels.get(b.construct, b.construct), LABEL_WIDTH) for b in bands]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=rows,
            x=[b.high - b.low for b in bands],
            base=[b.low for b in bands],
            orientation="h",
            width=0.5,
            marker={
                "color": "rgba(110,110,110,0.18)",
                "line": {"color": GREY, "width": 1},
                "pattern": {"shape": "/", "fgcolor": GREY, "size": 7, "solidity": 0.25},
            },
            name=TEXTS["band"].get(lang),
            hovertemplate="%{base:.1f}–%{x:.1f}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            y=rows,
            x=[b.median for b in bands],
            mode="markers",
            marker={"symbol": "line-ns", "size": 22, "line": {"width": 3, "color": "#1A1A1A"}},
            name=TEXTS["median"].get(lang),
            hovertemplate="%{x:.1f}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            y=rows,
            x=[b.own for b in bands],
            mode="markers+text",
            marker={
                "symbol": "circle",
                "size": 12,
                "color": OKABE_ITO["blue"],
                "line": {"width": 1, "color": "white"},
            },
            text=[num(b.own, lang) for b in bands],
            textposition="top center",
            textfont={"size": 12},
            name=TEXTS["own"].get(lang),
            hovertemplate="%{x:.1f}<extra></extra>",
        )
    )
    fig.update_layout(
        **base_layout(lang, TEXTS["title"].get(lang), 120 + ROW_HEIGHT * len(bands)),
        barmode="overlay",
        bargap=0.35,
    )
    fig.update_xaxes(
        range=[SCALE_RANGE[0] - 0.05, SCALE_RANGE[1] + 0.05], dtick=0.5, title=TEXTS["axis"].get(lang)
    )
    fig.update_yaxes(autorange="reversed")
    place_legend(fig)
    return fig
