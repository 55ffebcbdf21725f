"""The scores of one round: the radar of the seven characteristics and the bars per construct group."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from diagnose.bundle import Bundle
from diagnose.charts.style import (
    BAND_COLOURS,
    BAND_PATTERNS,
    BAND_SYMBOLS,
    GREY,
    LABEL_WIDTH,
    LEADERSHIP_TITLE,
    OKABE_ITO,
    POSITION_COLOUR,
    SCALE_RANGE,
    band_label,
    base_layout,
    construct_labels,
    group_ids,
    message,
    num,
    score_label,
    threshold_lines,
    tr,
    wrap,
)
from diagnose.diagnosis import Diagnosis
from diagnose.text import Lang


def radar_characteristics(
    d: Diagnosis, bundle: Bundle, lang: Lang, *, show_previous: bool = True
) -> go.Figure:
    """The seven characteristics (002) on a 1–5 radar, with the band thresholds as rings."""
    title = tr("radar_title", lang)
    if not d.results_allowed:
        return message(tr("below_minimum", lang, n=d.anonymity.minimum), lang, title)
    ids = [cid for cid in group_ids(bundle, ("characteristic",)) if d.score_visible(cid)]
    if not ids:
        return message(tr("no_scores", lang), lang, title)
    labels = construct_labels(bundle, lang)
    theta = [wrap(f"{index}. {labels[cid]}", 22) for index, cid in enumerate(ids, 1)]
    closed = [*theta, theta[0]]
    strength, concern = d.thresholds["strength"], d.thresholds["concern"]
    fig = go.Figure()
    for value, key, dash in ((concern, "ring_concern", "dot"), (strength, "ring_strength", "dash")):
        fig.add_trace(
            go.Scatterpolar(
                r=[value] * len(closed),
                theta=closed,
                mode="lines",
                name=tr(key, lang, value=num(value, lang)),
                line={"color": GREY, "dash": dash, "width": 1.5},
                hoverinfo="skip",
            )
        )
    if show_previous and d.previous is not None:
        prev = [d.previous.scores.get(cid) for cid in ids]
        if any(v is not None for v in prev):
            fig.add_trace(
                go.Scatterpolar(
                    r=[*prev, prev[0]],
                    theta=closed,
                    mode="lines+markers",
                    name=f"{tr('previous_round', lang)} ({d.previous.label})",
                    line={"color": OKABE_ITO["black"], "dash": "dashdot", "width": 1.5},
                    marker={"symbol": "circle-open", "size": 7, "color": OKABE_ITO["black"]},
                )
            )
    means = [d.scores[cid].mean for cid in ids]
    bands = [d.scores[cid].band for cid in ids]
    fig.add_trace(
        go.Scatterpolar(
            r=[*means, means[0]],
            theta=closed,
            mode="lines+markers+text",
            name=f"{tr('this_round', lang)} ({d.round.label})",
            fill="toself",
            fillcolor="rgba(0,114,178,0.12)",
            line={"color": OKABE_ITO["blue"], "width": 2.5},
            marker={
                "size": 11,
                "color": [BAND_COLOURS.get(b or "", GREY) for b in [*bands, bands[0]]],
                "symbol": [BAND_SYMBOLS.get(b or "", "circle") for b in [*bands, bands[0]]],
                "line": {"color": "black", "width": 1},
            },
            text=[score_label(m, lang, d.thresholds) for m in [*means, means[0]]],
            textposition="top center",
            textfont={"size": 12, "color": "#1A1A1A"},
            customdata=[band_label(b, lang) for b in [*bands, bands[0]]],
            hovertemplate="%{theta}: %{r:.2f} (%{customdata})<extra></extra>",
        )
    )
    fig.update_layout(**base_layout(lang, title, 560))
    fig.update_layout(
        polar={
            "radialaxis": {
                "range": list(SCALE_RANGE),
                "tickvals": [1, 2, 3, 4, 5],
                "angle": 90,
                "tickfont": {"size": 10, "color": GREY},
            },
            "angularaxis": {"direction": "clockwise", "rotation": 90, "tickfont": {"size": 11}},
        },
        legend={"orientation": "h", "yanchor": "top", "y": -0.08, "x": 0.5, "xanchor": "center"},
        margin={"l": 110, "r": 110, "t": 60, "b": 60},
    )
    return fig


# --- Bars -------------------------------------------------------------------------------------


def construct_bars(
    d: Diagnosis,
    bundle: Bundle,
    lang: Lang,
    groups: Sequence[str] = ("pitfall",),
    *,
    title: str | None = None,
) -> go.Figure:
    """Horizontal bars of the constructs in ``groups``, coloured and hatched by band, value printed."""
    if title is None:
        title = " · ".join(
            bundle.constructs.group_by_id[g].title.get(lang)
            for g in groups
            if g in bundle.constructs.group_by_id
        )
    if not d.results_allowed:
        return message(tr("below_minimum", lang, n=d.anonymity.minimum), lang, title)
    ids = [cid for cid in group_ids(bundle, groups) if d.score_visible(cid)]
    if not ids:
        return message(tr("no_scores", lang), lang, title)
    labels = construct_labels(bundle, lang)
    fig = go.Figure()
    shown: set[str] = set()
    # one trace per band, so the legend explains colour and hatch
    for band in ("concern", "attention", "strength", None):
        members = [cid for cid in ids if d.scores[cid].band == band]
        if not members:
            continue
        key = band or "position"
        shown.add(key)
        fig.add_trace(
            go.Bar(
                orientation="h",
                y=[wrap(labels.get(cid, cid), LABEL_WIDTH) for cid in members],
                x=[d.scores[cid].mean for cid in members],
                base=0,
                name=band_label(band, lang),
                showlegend=False,  # the band is written next to every bar
                marker={
                    "color": BAND_COLOURS.get(band or "", POSITION_COLOUR),
                    "pattern": {
                        "shape": BAND_PATTERNS.get(band or "", "."),
                        "fillmode": "overlay",
                        "fgcolor": "white",
                        "fgopacity": 0.9,
                        "size": 8,
                        "solidity": 0.3,
                    },
                    "line": {"color": "#1A1A1A", "width": 1},
                },
                text=[
                    f"{score_label(d.scores[cid].mean, lang, d.thresholds)} · {band_label(band, lang)}"
                    for cid in members
                ],
                textposition="outside",
                cliponaxis=False,
                textfont={"size": 12},
                hovertemplate="%{y}: %{x:.2f}<extra>%{fullData.name}</extra>",
            )
        )
    order = [wrap(labels.get(cid, cid), LABEL_WIDTH) for cid in ids]
    threshold_lines(fig, d, lang)
    height = 110 + 44 * len(ids)
    fig.update_layout(**base_layout(lang, title, max(height, 210)))
    fig.update_layout(
        barmode="overlay",
        bargap=0.35,
        xaxis={"range": [0, 6.2], "tickvals": [1, 2, 3, 4, 5], "title": {"text": tr("score_axis", lang)}},
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(order))},
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.0,
            "x": 0.0,
            "xanchor": "left",
            "traceorder": "normal",
        },
        margin={"l": 20, "r": 30, "t": 80, "b": 50},
    )
    return fig


def pitfall_bars(d: Diagnosis, bundle: Bundle, lang: Lang) -> go.Figure:
    return construct_bars(d, bundle, lang, ("pitfall",))


def building_block_bars(d: Diagnosis, bundle: Bundle, lang: Lang) -> go.Figure:
    return construct_bars(d, bundle, lang, ("building_block",))


def perspective_bars(d: Diagnosis, bundle: Bundle, lang: Lang) -> go.Figure:
    return construct_bars(d, bundle, lang, ("perspective",))


def leadership_bars(d: Diagnosis, bundle: Bundle, lang: Lang) -> go.Figure:
    return construct_bars(d, bundle, lang, ("leadership", "decision"), title=LEADERSHIP_TITLE.get(lang))
