"""How members differ: the spread of the respondents' scores and the mean per role."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from diagnose.bundle import Bundle
from diagnose.charts.style import (
    LABEL_WIDTH,
    OKABE_ITO,
    SERIES_COLOURS,
    SERIES_SYMBOLS,
    base_layout,
    construct_labels,
    message,
    place_legend,
    threshold_lines,
    tr,
    wrap,
)
from diagnose.diagnosis import Diagnosis
from diagnose.text import Lang


def spread_chart(
    d: Diagnosis, bundle: Bundle, lang: Lang, constructs: Sequence[str] | None = None
) -> go.Figure:
    """Per construct a box of the respondents' scores with every respondent as a dot (no ids, no roles).

    Equal scores are stacked side by side rather than drawn over each other, so the number of dots is
    the number of respondents; the black bar marks the mean.
    """
    title = tr("spread_title", lang)
    if d.round.group_only and d.round.respondents <= 1:
        return message(tr("single_response", lang), lang, title)
    if not d.results_allowed:
        return message(tr("below_minimum", lang, n=d.anonymity.minimum), lang, title)
    labels = construct_labels(bundle, lang)
    ids = (
        list(constructs)
        if constructs is not None
        else [c.id for c in bundle.constructs.constructs if c.kind == "score"]
    )
    ids = [cid for cid in ids if d.score_visible(cid)]
    if not ids:
        return message(tr("no_scores", lang), lang, title)
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
            name=tr("respondents", lang),
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
            name=tr("mean", lang),
            marker={"symbol": "line-ns", "size": 20, "line": {"color": "black", "width": 3}},
            hovertemplate="%{x:.2f}<extra></extra>",
        )
    )
    threshold_lines(fig, d, lang)
    fig.update_layout(**base_layout(lang, title, 120 + 38 * rows))
    fig.update_layout(
        xaxis={"range": [0.8, 5.2], "tickvals": [1, 2, 3, 4, 5], "title": {"text": tr("spread_axis", lang)}},
        yaxis={
            "tickvals": list(range(rows)),
            "range": [-0.6, rows - 0.4],
            "ticktext": [wrap(labels.get(cid, cid), LABEL_WIDTH) for cid in reversed(ids)],
            "showgrid": False,
        },
        margin={"l": 10, "r": 10, "t": 50},
    )
    place_legend(fig)
    return fig


def role_chart(
    d: Diagnosis, bundle: Bundle, lang: Lang, constructs: Sequence[str] | None = None
) -> go.Figure:
    """Mean score per role (only roles with at least the anonymity minimum), one marker shape per role."""
    title = tr("role_title", lang)
    if not d.results_allowed:
        return message(tr("below_minimum", lang, n=d.anonymity.minimum), lang, title)
    by_role = d.visible_roles()
    roles = list(by_role)
    if not roles:
        return message(tr("no_roles", lang, n=d.anonymity.minimum), lang, title)
    labels = construct_labels(bundle, lang)
    ids = (
        list(constructs)
        if constructs is not None
        else [c.id for c in bundle.constructs.constructs if c.kind == "score"]
    )
    ids = [cid for cid in ids if any(cid in by_role[role] for role in roles)]
    if not ids:
        return message(tr("no_scores", lang), lang, title)
    role_labels = role_label_map(bundle, lang)
    fig = go.Figure()
    for index, role in enumerate(roles):
        means = by_role[role]
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
    threshold_lines(fig, d, lang)
    order = [wrap(labels.get(cid, cid), LABEL_WIDTH) for cid in ids]
    fig.update_layout(**base_layout(lang, title, 120 + 38 * len(ids)))
    fig.update_layout(
        xaxis={"range": [0.8, 5.2], "tickvals": [1, 2, 3, 4, 5], "title": {"text": tr("score_axis", lang)}},
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(order))},
        margin={"l": 10, "r": 10, "t": 50},
    )
    place_legend(fig)
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
