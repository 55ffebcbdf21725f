"""What every chart shares: the colour-blind-safe palette, the template, the bilingual chart texts,
the construct group titles, and the small helpers (labels, numbers, the "nothing to show" figure)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from diagnose.bundle import Bundle
from diagnose.diagnosis import Diagnosis
from diagnose.explain import BAND_LABELS
from diagnose.text import Lang, LocalizedText, format_number

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
# Series are lines without an outline (the trend), so each colour reaches 3:1 against white (WCAG
# 1.4.11): Okabe-Ito's orange and sky blue darkened to 3.5:1, its yellow (1.3:1) replaced by grey.
# The bands keep the light orange: their bars and markers have a dark outline, and the lighter
# orange stays apart from vermillion for colour-blind readers (tests/report/test_chart_contrast.py).
SERIES_COLOURS = (
    OKABE_ITO["blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["bluish_green"],
    "#B87F00",  # orange, darkened
    OKABE_ITO["reddish_purple"],
    "#1C91D4",  # sky blue, darkened
    OKABE_ITO["black"],
    GREY,
)
SERIES_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid", "dash")

SCALE_RANGE = (1.0, 5.0)
LEGEND_ENTRY_WIDTH = 300  # px per legend entry
TITLE_WIDTH = 40  # characters per line of a chart title
LABEL_WIDTH = 24  # characters per line of a construct label on a category axis: wraps, never squeezes
PHONE_WIDTH = 340  # the narrowest a figure is drawn (a phone in portrait); tested down to here

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
        # The title sits at the top, the legend at the very bottom, both in the figure's own
        # coordinates: they can never overlap each other. The legend is one entry per line, so its
        # height does not depend on the width, and place_legend reserves exactly that height below
        # the axis (Plotly's own margin push takes the larger of legend and axis, not their sum).
        legend={
            "bgcolor": "rgba(255,255,255,0.9)",
            "borderwidth": 0,
            "orientation": "h",
            # at most one entry per line on a phone, two on a wide screen: never taller than
            # place_legend reserves, never clipped
            "entrywidth": LEGEND_ENTRY_WIDTH,
            "entrywidthmode": "pixels",
            "xref": "container",
            "x": 0.0,
            "xanchor": "left",
            "yref": "container",
            "y": 0.0,
            "yanchor": "bottom",
            "traceorder": "normal",
            "font": {"size": 12},
        },
        hoverlabel={"font": {"family": FONT_FAMILY}},
        title={
            "x": 0.0,
            "xref": "container",
            "xanchor": "left",
            "y": 1.0,
            "yref": "paper",  # just above the plot, pushing the top margin for every line
            "yanchor": "bottom",
            "pad": {"b": 14, "l": 4},
            "automargin": True,
            "font": {"size": 16},
        },
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
    "position_legend": LocalizedText(nl="Positie (geen oordeel)", en="Position (no judgement)"),
    "position_moved": LocalizedText(
        nl="Positie deze meting (geen oordeel)", en="Position this round (no judgement)"
    ),
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


def tr(key: str, lang: Lang, **values: object) -> str:
    text = _TEXTS[key].get(lang)
    return text.format(**values) if values else text


def num(value: float, lang: Lang, decimals: int = 1) -> str:
    """A number as the report writes it (3,5 in Dutch)."""
    return format_number(value, lang, decimals)


def _decimals(value: float, thresholds: dict[str, float]) -> int:
    rounded = round(value, 1)
    boundaries = (thresholds.get("strength"), thresholds.get("concern"))
    if any(b is not None and rounded == round(b, 1) and round(value, 2) != round(b, 2) for b in boundaries):
        return 2
    return 1


def score_label(value: float, lang: Lang, thresholds: dict[str, float]) -> str:
    """A score with one decimal, or two where one would blur a band boundary (2,97 is not 3,0)."""
    return num(value, lang, _decimals(value, thresholds))


def score_labels(values: Sequence[float], lang: Lang, thresholds: dict[str, float]) -> list[str]:
    """Scores printed side by side in one number format: two decimals for all of them when one
    needs two (see :func:`score_label`), else one decimal for all."""
    decimals = max((_decimals(v, thresholds) for v in values), default=1)
    return [num(v, lang, decimals) for v in values]


def judged(bundle: Bundle, construct: str) -> bool:
    """Whether higher is better for a construct. A position (kind ``position``, e.g. orientation:
    interaction 1 – results 5) is not: it is never coloured by band, never drawn against the band
    thresholds and never counted as an improvement or a decline. Decided here, for every chart and
    every change list."""
    found = bundle.constructs.by_id.get(construct)
    return found is not None and found.kind == "score"


def wrap(text: str, width: int = 24) -> str:
    """Break a long label over lines (Plotly uses <br>)."""
    return "<br>".join(textwrap.wrap(text, width=width, break_long_words=False)) or text


def base_layout(lang: Lang, title: str | None, height: int) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "template": TEMPLATE,
        "separators": ",." if lang == "nl" else ".,",
        "height": height,
        "width": 760,
    }
    if title:
        # a phone holds ~40 characters a line
        layout["title"] = {"text": wrap(title, TITLE_WIDTH)}
    return layout


LEGEND_LINE = 19  # px per legend line at font size 12 (an entry with a marker or a line)
LEGEND_EXTRA_LINE = 15  # px per further line of a wrapped entry
AXIS_SPACE = 58  # px below the plot for the x axis: tick labels and the axis title


def place_legend(fig: go.Figure, *, axis: bool = True, below: int = 10) -> None:
    """Reserve the bottom margin for the axis (when ``axis``; else ``below`` px) and the legend
    below it, counted as one entry per line (the most it takes, on a phone)."""
    entries = [
        trace.name
        for trace in fig.data
        if trace.name and trace.showlegend is not False and trace.type != "box"
    ]
    height = 0
    if entries:
        height = 12 + sum(LEGEND_LINE + LEGEND_EXTRA_LINE * str(n).count("<br>") for n in entries)
    margin = dict(fig.layout.margin.to_plotly_json())
    margin["b"] = height + (AXIS_SPACE if axis else below)
    total = (fig.layout.height or 400) + height
    # hung from the top of its space, right under the axis: on a wide screen, where the entries sit
    # side by side and take less room, the spare room falls below the legend, not above it
    fig.update_layout(margin=margin, height=total, legend={"y": height / total, "yanchor": "top"})


def construct_labels(bundle: Bundle, lang: Lang) -> dict[str, str]:
    return {c.id: c.label.get(lang) for c in bundle.constructs.constructs}


def message(text: str, lang: Lang, title: str | None = None, height: int = 220) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(**base_layout(lang, title, height))
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


def plain_title(figure: go.Figure) -> str:
    """The figure's title as one line of text (the drawn title may be wrapped for a phone)."""
    return " ".join(str(figure.layout.title.text or "").replace("<br>", " ").split())


def has_data(figure: go.Figure) -> bool:
    """False for the figures that only say why there is nothing to show."""
    meta = figure.layout.meta
    return not (isinstance(meta, dict) and meta.get("netscan_empty"))


def group_ids(bundle: Bundle, groups: Sequence[str]) -> list[str]:
    return [c.id for c in bundle.constructs.constructs if c.group in groups and c.kind != "fact"]


def band_label(band: str | None, lang: Lang) -> str:
    return BAND_LABELS[band].get(lang) if band in BAND_LABELS else tr("position", lang)


def threshold_lines(fig: go.Figure, d: Diagnosis, lang: Lang, *, vertical: bool = True) -> None:
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
                name=tr(ring, lang, value=num(value, lang)),
            )
        )
