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
    LIGHT_GREY,
    OKABE_ITO,
    POSITION_COLOUR,
    SCALE_RANGE,
    band_label,
    base_layout,
    construct_labels,
    group_ids,
    judged,
    message,
    num,
    place_legend,
    score_labels,
    threshold_lines,
    tr,
    wrap,
)
from diagnose.diagnosis import Diagnosis
from diagnose.text import Lang

RADAR_LABEL_GAP = 0.55  # scale points between a marker and its value label on the radar


def _radar_label_radius(current: float, previous: float | None) -> float:
    """Where a value label goes on its spoke: just outside both this round's marker and the previous
    round's, so neither hides it; inside them when outside would leave the disc."""
    values = [current] if previous is None else [current, previous]
    outside = max(values) + RADAR_LABEL_GAP
    if outside <= SCALE_RANGE[1] - 0.05:
        return outside
    return max(min(values) - RADAR_LABEL_GAP, SCALE_RANGE[0] + 0.3)


def radar_characteristics(
    d: Diagnosis, bundle: Bundle, lang: Lang, *, show_previous: bool = True
) -> go.Figure:
    """The seven characteristics (002) on a 1–5 radar, with the band thresholds as rings.

    Every value label is printed in one number format on its spoke beyond this round's and the
    previous round's markers, and the legend names every marker: the rings, the previous round,
    this round and each band's colour and shape."""
    title = tr("radar_title", lang)
    if not d.results_allowed:
        return message(tr("below_minimum", lang, n=d.anonymity.minimum), lang, title)
    ids = [cid for cid in group_ids(bundle, ("characteristic",)) if d.score_visible(cid)]
    if not ids:
        return message(tr("no_scores", lang), lang, title)
    labels = construct_labels(bundle, lang)
    theta = [wrap(f"{index}. {labels[cid]}", 18) for index, cid in enumerate(ids, 1)]
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
    previous: list[float | None] = [None] * len(ids)
    if show_previous and d.previous is not None:
        previous = [d.previous.scores.get(cid) for cid in ids]
        if any(v is not None for v in previous):
            fig.add_trace(
                go.Scatterpolar(
                    r=[*previous, previous[0]],
                    theta=closed,
                    mode="lines+markers",
                    name=f"{tr('previous_round', lang)} ({d.previous.label})",
                    line={"color": OKABE_ITO["black"], "dash": "dashdot", "width": 1.5},
                    marker={"symbol": "circle-open", "size": 7, "color": OKABE_ITO["black"]},
                    hovertemplate="%{theta}: %{r:.2f}<extra>%{fullData.name}</extra>",
                )
            )
    means = [d.scores[cid].mean for cid in ids]
    bands = [d.scores[cid].band for cid in ids]
    fig.add_trace(
        go.Scatterpolar(
            r=[*means, means[0]],
            theta=closed,
            mode="lines+markers",
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
            customdata=[band_label(b, lang) for b in [*bands, bands[0]]],
            hovertemplate="%{theta}: %{r:.2f} (%{customdata})<extra></extra>",
        )
    )
    # the band of each marker, explained in the legend (shape and colour)
    for band in ("strength", "attention", "concern"):
        if band in bands:
            fig.add_trace(
                go.Scatterpolar(
                    r=[None],
                    theta=[closed[0]],
                    mode="markers",
                    name=band_label(band, lang).capitalize(),
                    marker={
                        "size": 11,
                        "color": BAND_COLOURS[band],
                        "symbol": BAND_SYMBOLS[band],
                        "line": {"color": "black", "width": 1},
                    },
                    hoverinfo="skip",
                )
            )
    fig.add_trace(
        go.Scatterpolar(
            r=[_radar_label_radius(m, p) for m, p in zip(means, previous, strict=True)],
            theta=theta,
            mode="text",
            text=score_labels(means, lang, d.thresholds),
            textposition="middle center",
            textfont={"size": 12, "color": "#1A1A1A"},
            showlegend=False,
            hoverinfo="skip",
        )
    )
    fig.update_layout(**base_layout(lang, title, 580))
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
        margin={"l": 120, "r": 120, "t": 70, "b": 30},
    )
    place_legend(fig, axis=False, below=50)  # room for the labels under the disc
    return fig


# --- Bars -------------------------------------------------------------------------------------


def construct_bars(
    d: Diagnosis,
    bundle: Bundle,
    lang: Lang,
    groups: Sequence[str] = ("pitfall",),
    *,
    title: str | None = None,
    row_height: int = 30,
) -> go.Figure:
    """Horizontal bars of the constructs in ``groups``, coloured and hatched by band, value printed.

    ``row_height`` is the room a construct takes besides its label's lines (15 px each); the
    printed summary passes less than the screen's 30 so its charts fit one page.

    The band is told by colour and hatch, named in the legend; the value is printed at the end of
    the bar, short enough never to be cut. A position (``judged`` is false) is no bar but a marker on
    a track from 1 to 5: it says where the network stands, not how well."""
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
    names = {cid: wrap(labels.get(cid, cid), LABEL_WIDTH) for cid in ids}
    texts = dict(zip(ids, score_labels([d.scores[c].mean for c in ids], lang, d.thresholds), strict=True))
    fig = go.Figure()
    # one trace per band, so the legend explains colour and hatch
    for band in ("concern", "attention", "strength"):
        members = [cid for cid in ids if judged(bundle, cid) and d.scores[cid].band == band]
        if not members:
            continue
        fig.add_trace(
            go.Bar(
                orientation="h",
                y=[names[cid] for cid in members],
                x=[d.scores[cid].mean for cid in members],
                base=0,
                name=band_label(band, lang).capitalize(),
                marker={
                    "color": BAND_COLOURS[band],
                    "pattern": {
                        "shape": BAND_PATTERNS[band],
                        "fillmode": "overlay",
                        "fgcolor": "white",
                        "fgopacity": 0.9,
                        "size": 8,
                        "solidity": 0.3,
                    },
                    "line": {"color": "#1A1A1A", "width": 1},
                },
                text=[texts[cid] for cid in members],
                textposition="outside",
                cliponaxis=False,
                textfont={"size": 12},
                hovertemplate="%{y}: %{x:.2f}<extra>%{fullData.name}</extra>",
            )
        )
    positions = [cid for cid in ids if not judged(bundle, cid)]
    if positions:
        track_x: list[float | None] = []
        track_y: list[str | None] = []
        for cid in positions:
            track_x += [SCALE_RANGE[0], SCALE_RANGE[1], None]
            track_y += [names[cid], names[cid], None]
        fig.add_trace(
            go.Scatter(
                x=track_x,
                y=track_y,
                mode="lines",
                line={"color": LIGHT_GREY, "width": 6},
                showlegend=False,
                hoverinfo="skip",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=[d.scores[cid].mean for cid in positions],
                y=[names[cid] for cid in positions],
                mode="markers+text",
                name=tr("position_legend", lang),
                marker={
                    "symbol": "diamond-tall",
                    "size": 16,
                    "color": POSITION_COLOUR,
                    "line": {"color": "#1A1A1A", "width": 1},
                },
                text=[texts[cid] for cid in positions],
                textposition="top center",
                textfont={"size": 12},
                cliponaxis=False,
                hovertemplate="%{y}: %{x:.2f}<extra>%{fullData.name}</extra>",
            )
        )
    order = [names[cid] for cid in ids]
    threshold_lines(fig, d, lang)
    lines = sum(names[cid].count("<br>") + 1 for cid in ids)
    fig.update_layout(**base_layout(lang, title, 120 + row_height * len(ids) + 15 * lines))
    fig.update_layout(
        barmode="overlay",
        bargap=0.35,
        xaxis={"range": [0, 5.7], "tickvals": [1, 2, 3, 4, 5], "title": {"text": tr("score_axis", lang)}},
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(order))},
        margin={"l": 10, "r": 10, "t": 50},
    )
    place_legend(fig)
    return fig


def pitfall_bars(d: Diagnosis, bundle: Bundle, lang: Lang) -> go.Figure:
    return construct_bars(d, bundle, lang, ("pitfall",))


def building_block_bars(d: Diagnosis, bundle: Bundle, lang: Lang) -> go.Figure:
    return construct_bars(d, bundle, lang, ("building_block",))


def perspective_bars(d: Diagnosis, bundle: Bundle, lang: Lang) -> go.Figure:
    return construct_bars(d, bundle, lang, ("perspective",))


def leadership_bars(d: Diagnosis, bundle: Bundle, lang: Lang) -> go.Figure:
    return construct_bars(d, bundle, lang, ("leadership", "decision"), title=LEADERSHIP_TITLE.get(lang))
