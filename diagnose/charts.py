"""Plotly figures of a diagnosis, shared by the dashboard and the report. No Streamlit here.

Every builder is a pure function: a :class:`~diagnose.diagnosis.Diagnosis` (plus, for trends, the
scores of earlier rounds), the :class:`~diagnose.bundle.Bundle` for labels, and the language in; a
``plotly.graph_objects.Figure`` out. Each figure carries its own template (:data:`TEMPLATE`), so
importing Streamlit (which swaps the process-wide default template) does not change how it looks,
and Dutch figures use the decimal comma (``separators=",."``).

Colours are the Okabe-Ito colour-blind-safe palette; every band is also told apart without colour
(a hatch pattern on bars, a marker shape on points, and the value printed next to it), so the
figures still read when printed in black and white.

Privacy: when the round is below the anonymity minimum (and is not a single group answer), the
builders draw no scores but a figure saying why; constructs with fewer answers than the minimum
are left out.

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

``lang`` is ``"nl"`` or ``"en"``. ``history`` is the earlier rounds, oldest first, each a
``RoundScores`` (from :func:`diagnose.diagnosis.score`) or a ``PreviousRound``; the current round is
added at the end from the diagnosis. ``constructs`` (ids) overrides which constructs are drawn.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from diagnose.bundle import Bundle
from diagnose.diagnosis import Diagnosis, PreviousRound
from diagnose.explain import BAND_LABELS
from diagnose.scoring import RoundScores
from diagnose.text import Lang, LocalizedText, format_number

# Okabe-Ito (Okabe & Ito 2008), the usual colour-blind-safe qualitative palette.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
GREY = "#6E6E6E"
LIGHT_GREY = "#D9D9D9"
FONT_FAMILY = "Liberation Sans, DejaVu Sans, Arial, sans-serif"

# Band → colour, bar hatch and marker shape: three cues, so no band depends on colour alone.
BAND_COLOURS = {
    "strength": OKABE_ITO["blue"],
    "attention": OKABE_ITO["orange"],
    "concern": OKABE_ITO["vermillion"],
}
BAND_PATTERNS = {"strength": "", "attention": "/", "concern": "x"}
BAND_SYMBOLS = {"strength": "circle", "attention": "square", "concern": "diamond"}
POSITION_COLOUR = GREY
# Marker shapes for series that are not bands (roles, rounds): distinct in black and white.
SERIES_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star", "cross", "triangle-down")
SERIES_COLOURS = (
    OKABE_ITO["blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["orange"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["black"],
    OKABE_ITO["yellow"],
)
SERIES_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid", "dash")

SCALE_RANGE = (1.0, 5.0)
LABEL_WIDTH = 40  # characters per line of a construct label on a category axis

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT_FAMILY, "size": 13, "color": "#1A1A1A"},
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=list(SERIES_COLOURS),
        margin={"l": 20, "r": 20, "t": 50, "b": 40},
        xaxis={
            "gridcolor": "#E5E5E5",
            "linecolor": "#9A9A9A",
            "zeroline": False,
            "ticks": "outside",
            "tickcolor": "#9A9A9A",
        },
        yaxis={"gridcolor": "#E5E5E5", "linecolor": "#9A9A9A", "zeroline": False, "automargin": True},
        polar={
            "bgcolor": "white",
            "radialaxis": {"gridcolor": "#D0D0D0", "linecolor": "#9A9A9A"},
            "angularaxis": {"gridcolor": "#D0D0D0", "linecolor": "#9A9A9A"},
        },
        legend={"bgcolor": "rgba(255,255,255,0.9)", "borderwidth": 0},
        hoverlabel={"font": {"family": FONT_FAMILY}},
        title={"x": 0.0, "xanchor": "left", "font": {"size": 16}},
    )
)

_TEXTS: dict[str, LocalizedText] = {
    "radar_title": LocalizedText(
        nl="De zeven kenmerken van lerende netwerken", en="The seven key characteristics of learning networks"
    ),
    "this_round": LocalizedText(nl="Deze meting", en="This round"),
    "previous_round": LocalizedText(nl="Vorige meting", en="Previous round"),
    "ring_strength": LocalizedText(nl="Grens sterk punt ({value})", en="Strength from {value}"),
    "ring_concern": LocalizedText(nl="Grens zorgpunt (onder {value})", en="Concern below {value}"),
    "score_axis": LocalizedText(nl="Gemiddelde score (1–5)", en="Mean score (1–5)"),
    "position": LocalizedText(nl="positie", en="position"),
    "spread_title": LocalizedText(
        nl="Spreiding van de antwoorden per onderdeel", en="Spread of the answers per construct"
    ),
    "spread_axis": LocalizedText(nl="Score per respondent (1–5)", en="Score per respondent (1–5)"),
    "respondents": LocalizedText(nl="Respondent", en="Respondent"),
    "mean": LocalizedText(nl="Gemiddelde", en="Mean"),
    "role_title": LocalizedText(nl="Gemiddelde score per rol", en="Mean score per role"),
    "trend_title": LocalizedText(nl="Ontwikkeling over de metingen", en="Development over the rounds"),
    "compare_title": LocalizedText(
        nl="Vergelijking met de vorige meting", en="Comparison with the previous round"
    ),
    "change_up": LocalizedText(nl="Vooruit met {value} of meer", en="Up by {value} or more"),
    "change_down": LocalizedText(nl="Achteruit met {value} of meer", en="Down by {value} or more"),
    "below_minimum": LocalizedText(
        nl="Minder dan {n} respondenten: om de anonimiteit te beschermen tonen we hier geen uitkomsten.",
        en="Fewer than {n} respondents: to protect anonymity, no results are shown here.",
    ),
    "no_previous": LocalizedText(
        nl="Er is geen eerdere meting om mee te vergelijken.", en="There is no earlier round to compare with."
    ),
    "no_history": LocalizedText(
        nl="Er zijn nog geen eerdere metingen.", en="There are no earlier rounds yet."
    ),
    "no_roles": LocalizedText(
        nl="Geen enkele rol is door {n} of meer respondenten gekozen; daarom geen uitsplitsing per rol.",
        en="No role was chosen by {n} or more respondents, so there is no breakdown by role.",
    ),
    "no_scores": LocalizedText(
        nl="Geen scores voor deze onderdelen in deze meting.",
        en="No scores for these constructs in this round.",
    ),
    "single_response": LocalizedText(
        nl="Deze meting bestaat uit één groepsantwoord: er is geen spreiding tussen respondenten.",
        en="This round is a single group answer: there is no spread among respondents.",
    ),
}

LEADERSHIP_TITLE = LocalizedText(nl="Leiderschap en besluitvorming", en="Leadership and decision-making")


def _t(key: str, lang: Lang, **values: object) -> str:
    text = _TEXTS[key].get(lang)
    return text.format(**values) if values else text


def num(value: float, lang: Lang, decimals: int = 1) -> str:
    """A number as the report writes it (3,5 in Dutch)."""
    return format_number(value, lang, decimals)


def score_label(value: float, lang: Lang, thresholds: dict[str, float]) -> str:
    """A score with one decimal, or two where one would blur a band boundary (2,97 is not 3,0)."""
    rounded = round(value, 1)
    boundaries = (thresholds.get("strength"), thresholds.get("concern"))
    if any(b is not None and rounded == round(b, 1) and round(value, 2) != round(b, 2) for b in boundaries):
        return num(value, lang, 2)
    return num(value, lang, 1)


def wrap(text: str, width: int = 24) -> str:
    """Break a long label over lines (Plotly uses <br>)."""
    return "<br>".join(textwrap.wrap(text, width=width, break_long_words=False)) or text


def _base_layout(lang: Lang, title: str | None, height: int) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "template": TEMPLATE,
        "separators": ",." if lang == "nl" else ".,",
        "height": height,
        "width": 760,
    }
    if title:
        layout["title"] = {"text": title}
    return layout


def _labels(bundle: Bundle, lang: Lang) -> dict[str, str]:
    return {c.id: c.label.get(lang) for c in bundle.constructs.constructs}


def _scores_allowed(d: Diagnosis) -> bool:
    """Aggregates may be shown: enough respondents, or the round is one group answer."""
    return d.anonymity.met or d.round.group_only


def _visible(d: Diagnosis, cid: str) -> bool:
    s = d.scores.get(cid)
    return s is not None and (d.round.group_only or not s.below_minimum)


def _message(text: str, lang: Lang, title: str | None = None, height: int = 220) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(**_base_layout(lang, title, height))
    fig.update_layout(
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[
            {
                "text": wrap(text, 80),
                "showarrow": False,
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
                "font": {"size": 14, "color": GREY},
            }
        ],
        meta={"netscan_empty": True},
    )
    return fig


def has_data(figure: go.Figure) -> bool:
    """False for the figures that only say why there is nothing to show."""
    meta = figure.layout.meta
    return not (isinstance(meta, dict) and meta.get("netscan_empty"))


def _group_ids(bundle: Bundle, groups: Sequence[str]) -> list[str]:
    return [c.id for c in bundle.constructs.constructs if c.group in groups and c.kind != "fact"]


def _band_label(band: str | None, lang: Lang) -> str:
    return BAND_LABELS[band].get(lang) if band in BAND_LABELS else _t("position", lang)


# --- Radar ------------------------------------------------------------------------------------


def radar_characteristics(
    d: Diagnosis, bundle: Bundle, lang: Lang, *, show_previous: bool = True
) -> go.Figure:
    """The seven characteristics (002) on a 1–5 radar, with the band thresholds as rings."""
    title = _t("radar_title", lang)
    if not _scores_allowed(d):
        return _message(_t("below_minimum", lang, n=d.anonymity.minimum), lang, title)
    ids = [cid for cid in _group_ids(bundle, ("characteristic",)) if _visible(d, cid)]
    if not ids:
        return _message(_t("no_scores", lang), lang, title)
    labels = _labels(bundle, lang)
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
                name=_t(key, lang, value=num(value, lang)),
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
                    name=f"{_t('previous_round', lang)} ({d.previous.label})",
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
            name=f"{_t('this_round', lang)} ({d.round.label})",
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
            customdata=[_band_label(b, lang) for b in [*bands, bands[0]]],
            hovertemplate="%{theta}: %{r:.2f} (%{customdata})<extra></extra>",
        )
    )
    fig.update_layout(**_base_layout(lang, title, 560))
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
    if not _scores_allowed(d):
        return _message(_t("below_minimum", lang, n=d.anonymity.minimum), lang, title)
    ids = [cid for cid in _group_ids(bundle, groups) if _visible(d, cid)]
    if not ids:
        return _message(_t("no_scores", lang), lang, title)
    labels = _labels(bundle, lang)
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
                name=_band_label(band, lang),
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
                    f"{score_label(d.scores[cid].mean, lang, d.thresholds)} · {_band_label(band, lang)}"
                    for cid in members
                ],
                textposition="outside",
                cliponaxis=False,
                textfont={"size": 12},
                hovertemplate="%{y}: %{x:.2f}<extra>%{fullData.name}</extra>",
            )
        )
    order = [wrap(labels.get(cid, cid), LABEL_WIDTH) for cid in ids]
    _threshold_lines(fig, d, lang)
    height = 110 + 44 * len(ids)
    fig.update_layout(**_base_layout(lang, title, max(height, 210)))
    fig.update_layout(
        barmode="overlay",
        bargap=0.35,
        xaxis={"range": [0, 6.2], "tickvals": [1, 2, 3, 4, 5], "title": {"text": _t("score_axis", lang)}},
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


def _threshold_lines(fig: go.Figure, d: Diagnosis, lang: Lang, *, vertical: bool = True) -> None:
    """Dashed lines at the band thresholds, explained in the legend (as on the radar)."""
    for key, ring, dash in (("concern", "ring_concern", "dot"), ("strength", "ring_strength", "dash")):
        value = d.thresholds[key]
        line = {"color": GREY, "dash": dash, "width": 1.3}
        if vertical:
            fig.add_vline(x=value, line=line, layer="below")
        else:
            fig.add_hline(y=value, line=line, layer="below")
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines",
                line=line,
                hoverinfo="skip",
                name=_t(ring, lang, value=num(value, lang)),
            )
        )


def pitfall_bars(d: Diagnosis, bundle: Bundle, lang: Lang) -> go.Figure:
    return construct_bars(d, bundle, lang, ("pitfall",))


def building_block_bars(d: Diagnosis, bundle: Bundle, lang: Lang) -> go.Figure:
    return construct_bars(d, bundle, lang, ("building_block",))


def perspective_bars(d: Diagnosis, bundle: Bundle, lang: Lang) -> go.Figure:
    return construct_bars(d, bundle, lang, ("perspective",))


def leadership_bars(d: Diagnosis, bundle: Bundle, lang: Lang) -> go.Figure:
    return construct_bars(d, bundle, lang, ("leadership", "decision"), title=LEADERSHIP_TITLE.get(lang))


# --- Spread and roles -------------------------------------------------------------------------


def spread_chart(
    d: Diagnosis, bundle: Bundle, lang: Lang, constructs: Sequence[str] | None = None
) -> go.Figure:
    """Per construct a box of the respondents' scores with every respondent as a dot (no ids, no roles).

    Equal scores are stacked side by side rather than drawn over each other, so the number of dots is
    the number of respondents; the black bar marks the mean.
    """
    title = _t("spread_title", lang)
    if d.round.group_only and d.round.respondents <= 1:
        return _message(_t("single_response", lang), lang, title)
    if not d.anonymity.met:
        return _message(_t("below_minimum", lang, n=d.anonymity.minimum), lang, title)
    labels = _labels(bundle, lang)
    ids = (
        list(constructs)
        if constructs is not None
        else [c.id for c in bundle.constructs.constructs if c.kind == "score"]
    )
    ids = [cid for cid in ids if _visible(d, cid)]
    if not ids:
        return _message(_t("no_scores", lang), lang, title)
    fig = go.Figure()
    dots_x: list[float] = []
    dots_y: list[float] = []
    rows = len(ids)
    for index, cid in enumerate(ids):
        row = rows - 1 - index
        values = sorted(r.scores[cid] for r in d.respondents if cid in r.scores)
        fig.add_trace(
            go.Box(
                x=values,
                y=[row] * len(values),
                orientation="h",
                width=0.62,
                boxpoints=False,
                line={"color": "#1A1A1A", "width": 1.1},
                fillcolor="rgba(86,180,233,0.22)",
                showlegend=False,
                hoverinfo="skip",
                name=labels.get(cid, cid),
            )
        )
        seen: dict[float, int] = {}
        for value in values:
            bucket = round(value, 2)
            k = seen.get(bucket, 0)
            seen[bucket] = k + 1
            offset = ((k + 1) // 2) * 0.05 * (1 if k % 2 else -1)
            dots_x.append(value)
            dots_y.append(row + max(-0.38, min(0.38, offset)))
    fig.add_trace(
        go.Scatter(
            x=dots_x,
            y=dots_y,
            mode="markers",
            name=_t("respondents", lang),
            marker={
                "color": OKABE_ITO["blue"],
                "size": 5,
                "opacity": 0.85,
                "line": {"color": "white", "width": 0.5},
            },
            hovertemplate="%{x:.2f}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[d.scores[cid].mean for cid in ids],
            y=[rows - 1 - i for i in range(rows)],
            mode="markers",
            name=_t("mean", lang),
            marker={"symbol": "line-ns", "size": 20, "line": {"color": "black", "width": 3}},
            hovertemplate="%{x:.2f}<extra></extra>",
        )
    )
    _threshold_lines(fig, d, lang)
    fig.update_layout(**_base_layout(lang, title, 130 + 40 * rows))
    fig.update_layout(
        xaxis={"range": [0.8, 5.2], "tickvals": [1, 2, 3, 4, 5], "title": {"text": _t("spread_axis", lang)}},
        yaxis={
            "tickvals": list(range(rows)),
            "range": [-0.6, rows - 0.4],
            "ticktext": [wrap(labels.get(cid, cid), LABEL_WIDTH) for cid in reversed(ids)],
            "showgrid": False,
        },
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 1.0, "xanchor": "right"},
        margin={"l": 20, "r": 30, "t": 80, "b": 50},
    )
    return fig


def role_chart(
    d: Diagnosis, bundle: Bundle, lang: Lang, constructs: Sequence[str] | None = None
) -> go.Figure:
    """Mean score per role (only roles with at least the anonymity minimum), one marker shape per role."""
    title = _t("role_title", lang)
    if not d.anonymity.met:
        return _message(_t("below_minimum", lang, n=d.anonymity.minimum), lang, title)
    roles = [role for role, means in d.by_role.items() if means]
    if not roles:
        return _message(_t("no_roles", lang, n=d.anonymity.minimum), lang, title)
    labels = _labels(bundle, lang)
    ids = (
        list(constructs)
        if constructs is not None
        else [c.id for c in bundle.constructs.constructs if c.kind == "score"]
    )
    ids = [cid for cid in ids if any(cid in d.by_role[role] for role in roles)]
    if not ids:
        return _message(_t("no_scores", lang), lang, title)
    role_labels = role_label_map(bundle, lang)
    fig = go.Figure()
    for index, role in enumerate(roles):
        means = d.by_role[role]
        present = [cid for cid in ids if cid in means]
        fig.add_trace(
            go.Scatter(
                x=[means[cid] for cid in present],
                y=[wrap(labels.get(cid, cid), LABEL_WIDTH) for cid in present],
                mode="markers",
                name=f"{role_labels.get(role, role)} (n={d.round.roles.get(role, 0)})",
                marker={
                    "symbol": SERIES_SYMBOLS[index % len(SERIES_SYMBOLS)],
                    "size": 11,
                    "color": SERIES_COLOURS[index % len(SERIES_COLOURS)],
                    "line": {"color": "black", "width": 1},
                },
                hovertemplate="%{y}: %{x:.2f}<extra>%{fullData.name}</extra>",
            )
        )
    _threshold_lines(fig, d, lang)
    order = [wrap(labels.get(cid, cid), LABEL_WIDTH) for cid in ids]
    fig.update_layout(**_base_layout(lang, title, 130 + 40 * len(ids)))
    fig.update_layout(
        xaxis={"range": [0.8, 5.2], "tickvals": [1, 2, 3, 4, 5], "title": {"text": _t("score_axis", lang)}},
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(order))},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0.0},
        margin={"l": 20, "r": 30, "t": 90, "b": 50},
    )
    return fig


def role_label_map(bundle: Bundle, lang: Lang, *, short: bool = True) -> dict[str, str]:
    """Role value → label, from the role item of any questionnaire in the bundle.

    ``short`` drops the explanation in brackets: "Schoolbestuur (bestuurder of bestuursstaf)" → "Schoolbestuur".
    """
    result: dict[str, str] = {}
    for q in bundle.questionnaires.values():
        item = q.fact_item("respondent_role")
        for option in (item.options or []) if item else []:
            label = option.label.get(lang)
            if short and " (" in label:
                label = label.split(" (", 1)[0]
            result.setdefault(option.value, label)
    return result


# --- Over time --------------------------------------------------------------------------------


def _means(r: RoundScores | PreviousRound) -> dict[str, float]:
    if isinstance(r, RoundScores):
        return {cid: s.mean for cid, s in r.constructs.items()}
    return dict(r.scores)


def _round_visible(r: RoundScores | PreviousRound, minimum: int) -> bool:
    return not isinstance(r, RoundScores) or r.respondents >= minimum or r.group_only


def trend_chart(
    d: Diagnosis,
    bundle: Bundle,
    lang: Lang,
    history: Sequence[RoundScores | PreviousRound],
    *,
    groups: Sequence[str] = ("characteristic",),
    constructs: Sequence[str] | None = None,
) -> go.Figure:
    """One line per construct over the earlier rounds (oldest first) and this one."""
    title = _t("trend_title", lang)
    if not _scores_allowed(d):
        return _message(_t("below_minimum", lang, n=d.anonymity.minimum), lang, title)
    earlier = [r for r in history if _round_visible(r, d.anonymity.minimum)]
    if not earlier:
        return _message(_t("no_history", lang), lang, title)
    labels = _labels(bundle, lang)
    rounds = [(r.label, _means(r)) for r in earlier]
    rounds.append((d.round.label, {cid: s.mean for cid, s in d.scores.items() if _visible(d, cid)}))
    ids = list(constructs) if constructs is not None else _group_ids(bundle, groups)
    ids = [cid for cid in ids if any(cid in means for _, means in rounds)]
    if not ids:
        return _message(_t("no_scores", lang), lang, title)
    x = [label for label, _ in rounds]
    fig = go.Figure()
    for index, cid in enumerate(ids):
        y = [means.get(cid) for _, means in rounds]
        fig.add_trace(
            go.Scatter(
                x=x,
                y=y,
                mode="lines+markers",
                name=wrap(labels.get(cid, cid), 40),
                connectgaps=False,
                line={
                    "color": SERIES_COLOURS[index % len(SERIES_COLOURS)],
                    "width": 2,
                    "dash": SERIES_DASHES[index % len(SERIES_DASHES)],
                },
                marker={
                    "symbol": SERIES_SYMBOLS[index % len(SERIES_SYMBOLS)],
                    "size": 9,
                    "line": {"color": "black", "width": 1},
                },
                hovertemplate="%{x}: %{y:.2f}<extra>%{fullData.name}</extra>",
            )
        )
    _threshold_lines(fig, d, lang, vertical=False)
    fig.update_layout(**_base_layout(lang, title, 460))
    fig.update_layout(
        yaxis={"range": [0.9, 5.1], "tickvals": [1, 2, 3, 4, 5], "title": {"text": _t("score_axis", lang)}},
        xaxis={"type": "category"},
        legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1.0, "font": {"size": 11}},
        margin={"l": 20, "r": 20, "t": 60, "b": 40},
    )
    return fig


def comparison_chart(
    d: Diagnosis,
    bundle: Bundle,
    lang: Lang,
    *,
    groups: Sequence[str] | None = None,
    constructs: Sequence[str] | None = None,
) -> go.Figure:
    """Previous round → this round per construct (dumbbells); changes past the threshold are marked."""
    title = _t("compare_title", lang)
    if not _scores_allowed(d):
        return _message(_t("below_minimum", lang, n=d.anonymity.minimum), lang, title)
    if d.previous is None:
        return _message(_t("no_previous", lang), lang, title)
    labels = _labels(bundle, lang)
    if constructs is not None:
        ids = list(constructs)
    else:
        kinds = ("score", "position")
        ids = [
            c.id
            for c in bundle.constructs.constructs
            if c.kind in kinds and (groups is None or c.group in groups)
        ]
    ids = [cid for cid in ids if _visible(d, cid) and cid in d.previous.scores]
    if not ids:
        return _message(_t("no_scores", lang), lang, title)
    limit = d.thresholds.get("change", 0.5)
    names = [wrap(labels.get(cid, cid), 44) for cid in ids]
    before = [d.previous.scores[cid] for cid in ids]
    after = [d.scores[cid].mean for cid in ids]
    fig = go.Figure()
    line_x: list[float | None] = []
    line_y: list[str | None] = []
    for name, b, a in zip(names, before, after, strict=True):
        line_x += [b, a, None]
        line_y += [name, name, None]
    fig.add_trace(
        go.Scatter(
            x=line_x,
            y=line_y,
            mode="lines",
            line={"color": LIGHT_GREY, "width": 4},
            showlegend=False,
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=before,
            y=names,
            mode="markers",
            name=f"{_t('previous_round', lang)} ({d.previous.label})",
            marker={"symbol": "circle-open", "size": 11, "color": OKABE_ITO["black"], "line": {"width": 2}},
            hovertemplate="%{y}: %{x:.2f}<extra>%{fullData.name}</extra>",
        )
    )
    # three series for this round: unchanged, up and down past the threshold (colour, shape and ▲/▼)
    series = (
        ("flat", f"{_t('this_round', lang)} ({d.round.label})", GREY, "diamond"),
        ("up", _t("change_up", lang, value=num(limit, lang)), OKABE_ITO["blue"], "triangle-up"),
        ("down", _t("change_down", lang, value=num(limit, lang)), OKABE_ITO["vermillion"], "triangle-down"),
    )
    for key, name, colour, symbol in series:
        rows = []
        for index, (a, b) in enumerate(zip(after, before, strict=True)):
            change = round(a - b, 4)
            kind = "up" if change >= limit else "down" if -change >= limit else "flat"
            if kind == key:
                rows.append((index, change))
        if not rows and key != "flat":
            continue
        texts = []
        for _, change in rows:
            sign = "+" if change > 0 else ("−" if change < 0 else "±")
            text = f"{sign}{num(abs(change), lang, 2)}"
            texts.append(f"<b>{text}</b>" if key != "flat" else text)
        fig.add_trace(
            go.Scatter(
                x=[after[i] for i, _ in rows],
                y=[names[i] for i, _ in rows],
                mode="markers+text",
                name=name,
                marker={
                    "symbol": symbol,
                    "size": 13,
                    "color": colour,
                    "line": {"color": "black", "width": 1},
                },
                text=texts,
                textposition=["middle right" if c >= 0 else "middle left" for _, c in rows],
                textfont={"size": 11},
                cliponaxis=False,
                hovertemplate="%{y}: %{x:.2f} (%{text})<extra></extra>",
            )
        )
    fig.update_layout(**_base_layout(lang, title, 150 + 31 * len(ids)))
    fig.update_layout(
        xaxis={"range": [0.6, 5.4], "tickvals": [1, 2, 3, 4, 5], "title": {"text": _t("score_axis", lang)}},
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(names))},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0.0},
        margin={"l": 20, "r": 30, "t": 80, "b": 60},
    )
    return fig


__all__ = [
    "BAND_COLOURS",
    "BAND_PATTERNS",
    "BAND_SYMBOLS",
    "OKABE_ITO",
    "TEMPLATE",
    "building_block_bars",
    "comparison_chart",
    "construct_bars",
    "has_data",
    "leadership_bars",
    "perspective_bars",
    "pitfall_bars",
    "radar_characteristics",
    "role_chart",
    "role_label_map",
    "score_label",
    "spread_chart",
    "trend_chart",
]
