"""Change over time: the trend over the earlier rounds and the comparison with the previous one."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from diagnose.bundle import Bundle
from diagnose.charts.style import (
    GREY,
    LIGHT_GREY,
    OKABE_ITO,
    SERIES_COLOURS,
    SERIES_DASHES,
    SERIES_SYMBOLS,
    base_layout,
    construct_labels,
    group_ids,
    message,
    num,
    threshold_lines,
    tr,
    wrap,
)
from diagnose.comparability import earlier_in_terms, version_change
from diagnose.diagnosis import Diagnosis, PreviousRound, earlier_round
from diagnose.scoring import RoundScores
from diagnose.text import Lang


def trend_chart(
    d: Diagnosis,
    bundle: Bundle,
    lang: Lang,
    history: Sequence[RoundScores | PreviousRound],
    *,
    groups: Sequence[str] = ("characteristic",),
    constructs: Sequence[str] | None = None,
    version_note: bool = True,
) -> go.Figure:
    """One line per construct over the earlier rounds (oldest first) and this one. Across
    questionnaire versions only comparable constructs have earlier points, and (unless
    `version_note` is off, where the text around the chart says it) a note under the chart says
    since when and what is not compared."""
    title = tr("trend_title", lang)
    if not d.results_allowed:
        return message(tr("below_minimum", lang, n=d.anonymity.minimum), lang, title)
    earlier = [
        earlier_in_terms(bundle, d.questionnaire, e)
        for r in history
        if (e := earlier_round(r, d.anonymity.minimum)) is not None
    ]
    if not earlier:
        return message(tr("no_history", lang), lang, title)
    labels = construct_labels(bundle, lang)
    rounds = [(r.label, r.scores) for r in earlier]
    rounds.append((d.round.label, d.visible_scores()))
    ids = list(constructs) if constructs is not None else group_ids(bundle, groups)
    ids = [cid for cid in ids if any(cid in means for _, means in rounds)]
    if not ids:
        return message(tr("no_scores", lang), lang, title)
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
    threshold_lines(fig, d, lang, vertical=False)
    fig.update_layout(**base_layout(lang, title, 460))
    fig.update_layout(
        yaxis={"range": [0.9, 5.1], "tickvals": [1, 2, 3, 4, 5], "title": {"text": tr("score_axis", lang)}},
        xaxis={"type": "category"},
        legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1.0, "font": {"size": 11}},
        margin={"l": 20, "r": 20, "t": 60, "b": 40},
    )
    if version_note:
        _version_note(fig, bundle, d, earlier, lang)
    return fig


def _version_note(
    fig: go.Figure,
    bundle: Bundle,
    d: Diagnosis,
    earlier: list[PreviousRound],
    lang: Lang,
    *,
    width: int = 110,
    below_axis: int = 34,
) -> None:
    """Under the chart: since when the questionnaire changed and what cannot be compared.
    `width` in characters fits the plot area; `below_axis` clears the x axis and its title."""
    change = version_change(bundle, d, earlier)
    if change is None:
        return
    text = wrap(change.text({c.id: c.label for c in bundle.constructs.constructs}).get(lang), width)
    lines = text.count("<br>") + 1
    fig.add_annotation(
        text=text,
        showarrow=False,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-below_axis,
        align="left",
        font={"size": 11, "color": GREY},
    )
    fig.update_layout(
        height=(fig.layout.height or 460) + 16 * lines, margin={"b": below_axis + 18 + 16 * lines}
    )


def comparison_chart(
    d: Diagnosis,
    bundle: Bundle,
    lang: Lang,
    *,
    groups: Sequence[str] | None = None,
    constructs: Sequence[str] | None = None,
    version_note: bool = True,
) -> go.Figure:
    """Previous round → this round per construct (dumbbells); changes past the threshold are marked.
    A previous round of another questionnaire version shows its comparable constructs only, with
    the note under the chart as in `trend_chart`."""
    title = tr("compare_title", lang)
    if not d.results_allowed:
        return message(tr("below_minimum", lang, n=d.anonymity.minimum), lang, title)
    if d.previous is None:
        return message(tr("no_previous", lang), lang, title)
    previous = earlier_in_terms(bundle, d.questionnaire, d.previous)
    labels = construct_labels(bundle, lang)
    if constructs is not None:
        ids = list(constructs)
    else:
        kinds = ("score", "position")
        ids = [
            c.id
            for c in bundle.constructs.constructs
            if c.kind in kinds and (groups is None or c.group in groups)
        ]
    ids = [cid for cid in ids if d.score_visible(cid) and cid in previous.scores]
    if not ids:
        return message(tr("no_scores", lang), lang, title)
    limit = d.thresholds.get("change", 0.5)
    names = [wrap(labels.get(cid, cid), 44) for cid in ids]
    before = [previous.scores[cid] for cid in ids]
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
            name=f"{tr('previous_round', lang)} ({d.previous.label})",
            marker={"symbol": "circle-open", "size": 11, "color": OKABE_ITO["black"], "line": {"width": 2}},
            hovertemplate="%{y}: %{x:.2f}<extra>%{fullData.name}</extra>",
        )
    )
    # three series for this round: unchanged, up and down past the threshold (colour, shape and ▲/▼)
    series = (
        ("flat", f"{tr('this_round', lang)} ({d.round.label})", GREY, "diamond"),
        ("up", tr("change_up", lang, value=num(limit, lang)), OKABE_ITO["blue"], "triangle-up"),
        ("down", tr("change_down", lang, value=num(limit, lang)), OKABE_ITO["vermillion"], "triangle-down"),
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
    fig.update_layout(**base_layout(lang, title, 150 + 31 * len(ids)))
    fig.update_layout(
        xaxis={"range": [0.6, 5.4], "tickvals": [1, 2, 3, 4, 5], "title": {"text": tr("score_axis", lang)}},
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(names))},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0.0},
        margin={"l": 20, "r": 30, "t": 80, "b": 60},
    )
    if version_note:
        _version_note(fig, bundle, d, [previous], lang, width=78, below_axis=58)
    return fig
