"""Change over time: the trend over the earlier rounds and the comparison with the previous one."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from diagnose.bundle import Bundle
from diagnose.charts.style import (
    GREY,
    LABEL_WIDTH,
    LIGHT_GREY,
    OKABE_ITO,
    SERIES_COLOURS,
    SERIES_DASHES,
    SERIES_SYMBOLS,
    base_layout,
    construct_labels,
    group_ids,
    judged,
    message,
    num,
    place_legend,
    threshold_lines,
    tr,
    wrap,
)
from diagnose.comparability import earlier_in_terms, version_change
from diagnose.diagnosis import Diagnosis, PreviousRound, earlier_round
from diagnose.scores import RoundScores
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
    # drawn against the band thresholds, so only what is judged: a position has no better or worse
    ids = [cid for cid in ids if judged(bundle, cid) and any(cid in means for _, means in rounds)]
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
                name=wrap(labels.get(cid, cid), LABEL_WIDTH + 6),
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
    fig.update_layout(**base_layout(lang, title, 400))
    fig.update_layout(
        yaxis={"range": [0.9, 5.1], "tickvals": [1, 2, 3, 4, 5], "title": {"text": tr("score_axis", lang)}},
        xaxis={"type": "category"},
        legend={"font": {"size": 11}},
        margin={"l": 10, "r": 20, "t": 50},
    )
    place_legend(fig)
    if version_note:
        _version_note(fig, bundle, d, earlier, lang)
    return fig


NOTE_LINE = 16  # px per line of the version note


def _version_note(
    fig: go.Figure,
    bundle: Bundle,
    d: Diagnosis,
    earlier: list[PreviousRound],
    lang: Lang,
    *,
    width: int = 110,
) -> None:
    """Under the chart, below its legend: since when the questionnaire changed and what cannot be
    compared. `width` in characters fits the plot area."""
    change = version_change(bundle, d, earlier)
    if change is None:
        return
    text = wrap(change.text({c.id: c.label for c in bundle.constructs.constructs}).get(lang), width)
    note = 10 + NOTE_LINE * (text.count("<br>") + 1)
    # at the very bottom, below the legend place_legend put there: the plot keeps its size, the
    # figure grows by the note, and the legend (hung from the figure's bottom) moves up by as much
    margin = dict(fig.layout.margin.to_plotly_json())
    below = int(margin.get("b") or 0)
    total = int(fig.layout.height or 460) + note
    legend_top = float(fig.layout.legend.y or 0) * (total - note)
    margin["b"] = below + note
    fig.add_annotation(
        text=text,
        showarrow=False,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-below,
        align="left",
        font={"size": 11, "color": GREY},
    )
    fig.update_layout(height=total, margin=margin, legend={"y": (legend_top + note) / total})


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
    names = [wrap(labels.get(cid, cid), LABEL_WIDTH) for cid in ids]
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
    # four series for this round: unchanged, up and down past the threshold (colour, shape and ▲/▼),
    # and positions, which move but never up or down (no sign, no colour of better or worse)
    series = (
        ("flat", f"{tr('this_round', lang)} ({d.round.label})", GREY, "diamond"),
        ("up", tr("change_up", lang, value=num(limit, lang)), OKABE_ITO["blue"], "triangle-up"),
        ("down", tr("change_down", lang, value=num(limit, lang)), OKABE_ITO["vermillion"], "triangle-down"),
        ("position", tr("position_moved", lang), "white", "diamond-tall"),
    )
    for key, name, colour, symbol in series:
        rows = []
        for index, (cid, a, b) in enumerate(zip(ids, after, before, strict=True)):
            change = round(a - b, 4)
            kind = change_kind(bundle, cid, change, limit)
            if kind == key:
                rows.append((index, change))
        if not rows and key != "flat":
            continue
        texts = []
        for index, change in rows:
            if key == "position":
                texts.append(num(after[index], lang, 2))
                continue
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
    lines = sum(name.count("<br>") + 1 for name in names)
    fig.update_layout(**base_layout(lang, title, 120 + 14 * len(ids) + 17 * lines))
    fig.update_layout(
        xaxis={"range": [0.6, 5.4], "tickvals": [1, 2, 3, 4, 5], "title": {"text": tr("score_axis", lang)}},
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(names))},
        margin={"l": 10, "r": 10, "t": 50},
    )
    place_legend(fig)
    if version_note:
        _version_note(fig, bundle, d, [previous], lang, width=78)
    return fig


def change_kind(bundle: Bundle, construct: str, change: float, limit: float) -> str:
    """``up`` or ``down`` past the change threshold, else ``flat``; ``position`` for a construct that
    is not judged (a position moves, it does not improve or decline)."""
    if not judged(bundle, construct):
        return "position"
    return "up" if change >= limit else "down" if -change >= limit else "flat"
