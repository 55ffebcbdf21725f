"""A text alternative for every chart: what it shows for this round in a sentence or two, and the
table of the values it draws. Read from the figure itself, so the words say what the picture shows,
nothing more: the same constructs, the same rounds and roles, the same numbers (as the chart prints
them, in Dutch notation for Dutch).

:func:`describe` takes any figure of this package and its language and returns a :class:`ChartText`;
the dashboard shows its summary under the chart and its table one click away, the report uses it as
the image's alt text, Word as the picture's description. A figure that only says why there is nothing
to show is described by that sentence, with no table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from diagnose.charts.style import band_label, has_data, num, plain_title, tr
from diagnose.text import Lang, LocalizedText

BANDS = ("strength", "attention", "concern")


@dataclass(frozen=True)
class ChartTable:
    """The values a chart draws: one row per construct (or per round), as text ready to show."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def records(self) -> list[dict[str, str]]:
        """The rows as {column: value}, for a table widget."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class ChartText:
    title: str
    summary: str  # what the chart shows for this round; for an empty chart, why it is empty
    table: ChartTable | None  # None for a chart with nothing to show

    @property
    def alt(self) -> str:
        """Title and summary in one text: an image's alternative."""
        if not self.title:
            return self.summary
        return f"{self.title}. {self.summary}" if self.summary else self.title


def _t(nl: str, en: str) -> LocalizedText:
    return LocalizedText(nl=nl, en=en)


_TEXTS: dict[str, LocalizedText] = {
    "col_construct": _t("Onderdeel", "Construct"),
    "col_score": _t("Score (1–5)", "Score (1–5)"),
    "col_band": _t("Oordeel", "Judgement"),
    "col_mean": _t("Gemiddelde", "Mean"),
    "col_lowest": _t("Laagste", "Lowest"),
    "col_highest": _t("Hoogste", "Highest"),
    "col_respondents": _t("Respondenten", "Respondents"),
    "col_change": _t("Verandering", "Change"),
    "col_gap": _t("Grootste verschil", "Largest gap"),
    "col_series": _t("Reeks", "Series"),
    "col_category": _t("Categorie", "Category"),
    "col_value": _t("Waarde", "Value"),
    "highest_lowest": _t(
        "{high} {verb_high} het hoogst ({high_value}), {low} het laagst ({low_value}).",
        "{high} {verb_high} highest ({high_value}), {low} lowest ({low_value}).",
    ),
    "all_equal": _t("{names} scoren allemaal {value}.", "{names} all score {value}."),
    "single": _t("{name} scoort {value} ({band}).", "{name} scores {value} ({band})."),
    "bands": _t("In totaal: {counts}.", "In all: {counts}."),
    "position": _t(
        "{name} staat op {value}: een positie, geen oordeel.",
        "{name} stands at {value}: a position, not a judgement.",
    ),
    "previous": _t(
        "De vorige meting ({label}) staat er ter vergelijking bij.",
        "The previous round ({label}) is shown for comparison.",
    ),
    "spread": _t(
        "De antwoorden liggen het verst uiteen bij {wide} (van {wide_low} tot {wide_high}) en het "
        "dichtst bij elkaar bij {narrow} (van {narrow_low} tot {narrow_high}). Elke stip is één "
        "respondent, {count} in totaal.",
        "The answers lie furthest apart on {wide} (from {wide_low} to {wide_high}) and closest "
        "together on {narrow} (from {narrow_low} to {narrow_high}). Each dot is one respondent, "
        "{count} in all.",
    ),
    "spread_one": _t(
        "De antwoorden over {name} lopen van {low} tot {high}; elke stip is één respondent, {count} in totaal.",
        "The answers on {name} range from {low} to {high}; each dot is one respondent, {count} in all.",
    ),
    "roles": _t(
        "Gemiddelden van {roles}. Het grootste verschil tussen de rollen is er bij {name}, van "
        "{low_value} ({low_role}) tot {high_value} ({high_role}).",
        "Means of {roles}. The largest gap between the roles is on {name}, from {low_value} "
        "({low_role}) to {high_value} ({high_role}).",
    ),
    "roles_one": _t(
        "Gemiddelden van {role}: het hoogst {high} ({high_value}), het laagst {low} ({low_value}).",
        "Means of {role}: highest {high} ({high_value}), lowest {low} ({low_value}).",
    ),
    "trend": _t(
        "Van {first} naar {last}: {up_part}; {down_part}.",
        "From {first} to {last}: {up_part}; {down_part}.",
    ),
    "trend_up": _t(
        "het meest vooruit ging {name} ({before} → {after})",
        "{name} rose most ({before} → {after})",
    ),
    "trend_down": _t(
        "het meest achteruit ging {name} ({before} → {after})",
        "{name} fell most ({before} → {after})",
    ),
    "trend_none_up": _t("geen onderdeel ging vooruit", "no construct rose"),
    "trend_none_down": _t("geen onderdeel ging achteruit", "no construct fell"),
    "trend_one_round": _t("Alleen {label} heeft scores: {items}.", "Only {label} has scores: {items}."),
    "compare": _t(
        "{previous} naast {current}. {changes} De grootste verandering is die van {name} ({change}).",
        "{previous} next to {current}. {changes} The largest change is in {name} ({change}).",
    ),
    "compare_none": _t(
        "Geen onderdeel veranderde zoveel dat het gemarkeerd is.",
        "No construct changed enough to be marked.",
    ),
    "and": _t("en", "and"),
    "scores_many": _t("scoren", "score"),
    "scores_one": _t("scoort", "scores"),
}

# a band's count as words: "1 zorgpunt", "3 zorgpunten"
_BAND_COUNTS: dict[str, tuple[LocalizedText, LocalizedText]] = {
    "strength": (_t("{n} sterk punt", "{n} strength"), _t("{n} sterke punten", "{n} strengths")),
    "attention": (
        _t("{n} aandachtspunt", "{n} point of attention"),
        _t("{n} aandachtspunten", "{n} points of attention"),
    ),
    "concern": (_t("{n} zorgpunt", "{n} concern"), _t("{n} zorgpunten", "{n} concerns")),
}


def _x(key: str, lang: Lang, **values: object) -> str:
    return _TEXTS[key].get(lang).format(**values)


def unwrap(label: object) -> str:
    """A label as one line: undo style.wrap (textwrap breaks after a hyphen, so no space there)."""
    text = str(label or "")
    parts = text.split("<br>")
    out = parts[0]
    for part in parts[1:]:
        out += part if out.endswith("-") else f" {part}"
    return re.sub(r"<[^>]+>", "", out).strip()


def listing(names: Sequence[str], lang: Lang) -> str:
    """'A', 'A en B', 'A, B en C'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {_x('and', lang)} {names[-1]}"


def _values(trace: Any, axis: str) -> list[Any]:
    values = getattr(trace, axis, None)
    return list(values) if values is not None else []


def _drawn(trace: Any) -> bool:
    """A trace that draws data (not a legend-only entry with x=[None])."""
    return any(v is not None for v in _values(trace, "x") or _values(trace, "r"))


def _band_of(label: str, lang: Lang) -> str | None:
    for band in BANDS:
        if label.casefold() == band_label(band, lang).casefold():
            return band
    return None


def _texts(trace: Any) -> list[str]:
    text = getattr(trace, "text", None)
    if text is None or isinstance(text, str):
        return []
    return [unwrap(t) for t in text]


def describe(figure: go.Figure, lang: Lang) -> ChartText:
    """The text alternative of a figure made by this package, in ``lang``. A figure of another
    shape (one this module does not know) gets the table of what it draws and no summary, never
    an error: a page must not fail for want of a description."""
    title = plain_title(figure)
    if not has_data(figure):
        notes = [unwrap(a.text) for a in figure.layout.annotations or ()]
        return ChartText(title, " ".join(n for n in notes if n), None)
    traces = list(figure.data)
    try:
        if any(t.type == "scatterpolar" for t in traces):
            return _radar(figure, title, lang)
        if title == tr("spread_title", lang):
            return _spread(figure, title, lang)
        if title == tr("role_title", lang):
            return _roles(figure, title, lang)
        if title == tr("trend_title", lang):
            return _trend(figure, title, lang)
        if title == tr("compare_title", lang):
            return _comparison(figure, title, lang)
        if _is_score_bars(figure, lang):
            return _bars(figure, title, lang)
    except (StopIteration, ValueError, TypeError, KeyError, IndexError):
        pass  # a figure of another shape under a known title: its values, as below
    return _generic(figure, title, lang)


def _is_score_bars(figure: go.Figure, lang: Lang) -> bool:
    """construct_bars: bars named by band, and perhaps the positions' markers."""
    bars = [t for t in figure.data if t.type == "bar"]
    return bool(bars) and all(_band_of(str(t.name or ""), lang) is not None for t in bars)


def _generic(figure: go.Figure, title: str, lang: Lang) -> ChartText:
    """Any other figure: one row per drawn value (series, category, value)."""
    rows = []
    for trace in figure.data:
        xs, ys = _values(trace, "x"), _values(trace, "y")
        horizontal = getattr(trace, "orientation", None) == "h"
        categories, values = (ys, xs) if horizontal else (xs, ys)
        for category, value in zip(categories, values, strict=False):
            if isinstance(value, int | float) and not isinstance(value, bool):
                rows.append((unwrap(trace.name), unwrap(category), num(float(value), lang)))
    if not rows:
        return ChartText(title, "", None)
    columns = (_x("col_series", lang), _x("col_category", lang), _x("col_value", lang))
    return ChartText(title, "", ChartTable(columns, tuple(rows)))


# --- scores of one round --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Score:
    name: str
    value: float
    shown: str  # the value as the chart prints it
    band: str | None  # None for a position


def _judged_summary(scores: Sequence[_Score], lang: Lang) -> list[str]:
    """Highest and lowest, and how many constructs fall in each band."""
    judged = [s for s in scores if s.band is not None]
    if not judged:
        return []
    top = max(s.value for s in judged)
    bottom = min(s.value for s in judged)
    highest = [s for s in judged if s.value == top]
    lowest = [s for s in judged if s.value == bottom]
    sentences: list[str] = []
    if len(judged) == 1:
        only = judged[0]
        sentences.append(
            _x("single", lang, name=only.name, value=only.shown, band=band_label(only.band, lang))
        )
    elif highest[0].shown == lowest[0].shown:  # equal as printed: "3,6 highest, 3,6 lowest" says nothing
        names = listing([s.name for s in judged], lang)
        sentences.append(_x("all_equal", lang, names=names, value=highest[0].shown))
    else:
        sentences.append(
            _x(
                "highest_lowest",
                lang,
                high=listing([s.name for s in highest], lang),
                verb_high=_x("scores_many" if len(highest) > 1 else "scores_one", lang),
                high_value=highest[0].shown,
                low=listing([s.name for s in lowest], lang),
                low_value=lowest[0].shown,
            )
        )
    if len(judged) > 1:
        counts = []
        for band in BANDS:
            n = sum(1 for s in judged if s.band == band)
            if n:
                one, many = _BAND_COUNTS[band]
                counts.append((one if n == 1 else many).get(lang).format(n=n))
        sentences.append(_x("bands", lang, counts=listing(counts, lang)))
    return sentences


def _position_summary(scores: Sequence[_Score], lang: Lang) -> list[str]:
    positions = [s for s in scores if s.band is None]
    if not positions:
        return []
    return [_x("position", lang, name=s.name, value=s.shown) for s in positions]


def _score_table(
    scores: Sequence[_Score], lang: Lang, previous: dict[str, str] | None = None, previous_label: str = ""
) -> ChartTable:
    columns = [_x("col_construct", lang), _x("col_score", lang), _x("col_band", lang)]
    if previous is not None:
        columns.append(previous_label)
    rows = []
    for s in scores:
        row = [s.name, s.shown, band_label(s.band, lang)]
        if previous is not None:
            row.append(previous.get(s.name, "–"))
        rows.append(tuple(row))
    return ChartTable(tuple(columns), tuple(rows))


def _radar(figure: go.Figure, title: str, lang: Lang) -> ChartText:
    this_round = tr("this_round", lang)
    previous_round = tr("previous_round", lang)
    current = next(t for t in figure.data if str(t.name or "").startswith(this_round))
    labels = next(t for t in figure.data if t.mode == "text")
    count = len(_values(labels, "theta"))
    names = [re.sub(r"^\d+\.\s*", "", unwrap(n)) for n in _values(current, "theta")[:count]]
    values = _values(current, "r")[:count]
    bands = [_band_of(str(b), lang) for b in _values(current, "customdata")[:count]]
    shown = _texts(labels)
    scores = [
        _Score(name, float(value), text, band)
        for name, value, text, band in zip(names, values, shown, bands, strict=True)
    ]
    sentences = _judged_summary(scores, lang)
    previous = next((t for t in figure.data if str(t.name or "").startswith(previous_round)), None)
    earlier: dict[str, str] | None = None
    label = ""
    if previous is not None:
        label = unwrap(previous.name)
        earlier = {
            name: num(float(v), lang) if v is not None else "–"
            for name, v in zip(names, _values(previous, "r")[:count], strict=True)
        }
        sentences.append(_x("previous", lang, label=label[len(previous_round) :].strip(" ()")))
    return ChartText(title, " ".join(sentences), _score_table(scores, lang, earlier, label))


def _bars(figure: go.Figure, title: str, lang: Lang) -> ChartText:
    found: dict[str, _Score] = {}
    for trace in figure.data:
        if trace.type == "bar":
            band = _band_of(str(trace.name or ""), lang)
            for name, value, text in zip(
                _values(trace, "y"), _values(trace, "x"), _texts(trace), strict=True
            ):
                found[unwrap(name)] = _Score(unwrap(name), float(value), text, band)
        elif trace.type == "scatter" and trace.name == tr("position_legend", lang):
            for name, value, text in zip(
                _values(trace, "y"), _values(trace, "x"), _texts(trace), strict=True
            ):
                found[unwrap(name)] = _Score(unwrap(name), float(value), text, None)
    # in the order the chart lists them, top to bottom
    order = [unwrap(n) for n in (figure.layout.yaxis.categoryarray or ())][::-1]
    scores = [found[n] for n in order if n in found] + [s for n, s in found.items() if n not in order]
    sentences = _judged_summary(scores, lang) + _position_summary(scores, lang)
    return ChartText(title, " ".join(sentences), _score_table(scores, lang))


# --- how members differ -----------------------------------------------------------------------------


def _spread(figure: go.Figure, title: str, lang: Lang) -> ChartText:
    boxes = [t for t in figure.data if t.type == "box"]
    means_trace = next(t for t in figure.data if t.name == tr("mean", lang))
    rows_total = len(boxes)
    means = dict(zip(_values(means_trace, "y"), _values(means_trace, "x"), strict=True))
    rows: list[tuple[str, list[float], float]] = []
    for index, box in enumerate(boxes):
        values = [float(v) for v in _values(box, "x")]
        rows.append((unwrap(box.name), values, float(means[rows_total - 1 - index])))
    filled = [(name, values, mean) for name, values, mean in rows if values]
    table = ChartTable(
        tuple(
            _x(k, lang) for k in ("col_construct", "col_mean", "col_lowest", "col_highest", "col_respondents")
        ),
        tuple(
            (name, num(mean, lang), num(min(values), lang), num(max(values), lang), str(len(values)))
            for name, values, mean in filled
        ),
    )
    count = max((len(v) for _, v, _ in filled), default=0)  # respondents: the most any construct has
    if not filled:
        return ChartText(title, "", table)
    if len(filled) == 1:
        name, values, _ = filled[0]
        summary = _x(
            "spread_one",
            lang,
            name=name,
            low=num(min(values), lang),
            high=num(max(values), lang),
            count=count,
        )
        return ChartText(title, summary, table)
    ranges = [max(v) - min(v) for _, v, _ in filled]
    wide = filled[ranges.index(max(ranges))]
    narrow = filled[ranges.index(min(ranges))]
    summary = _x(
        "spread",
        lang,
        wide=wide[0],
        wide_low=num(min(wide[1]), lang),
        wide_high=num(max(wide[1]), lang),
        narrow=narrow[0],
        narrow_low=num(min(narrow[1]), lang),
        narrow_high=num(max(narrow[1]), lang),
        count=count,
    )
    return ChartText(title, summary, table)


def _roles(figure: go.Figure, title: str, lang: Lang) -> ChartText:
    series = [t for t in figure.data if t.type == "scatter" and t.mode == "markers" and _drawn(t)]
    roles = [unwrap(t.name) for t in series]
    order = [unwrap(n) for n in (figure.layout.yaxis.categoryarray or ())][::-1]
    by_role = [
        {unwrap(y): float(x) for y, x in zip(_values(t, "y"), _values(t, "x"), strict=True)} for t in series
    ]
    names = order or list(dict.fromkeys(n for means in by_role for n in means))
    rows = []
    gaps: list[tuple[float, str]] = []
    for name in names:
        values = [means.get(name) for means in by_role]
        present = [v for v in values if v is not None]
        gap = max(present) - min(present) if len(present) >= 2 else None
        if gap is not None:
            gaps.append((gap, name))
        rows.append(
            (
                name,
                *(num(v, lang) if v is not None else "–" for v in values),
                num(gap, lang) if gap is not None else "–",
            )
        )
    table = ChartTable((_x("col_construct", lang), *roles, _x("col_gap", lang)), tuple(rows))
    if not gaps:  # one role: its highest and lowest
        means = by_role[0] if by_role else {}
        if not means:
            return ChartText(title, "", table)
        high = max(means, key=lambda n: means[n])
        low = min(means, key=lambda n: means[n])
        summary = _x(
            "roles_one",
            lang,
            role=listing(roles, lang),
            high=high,
            high_value=num(means[high], lang),
            low=low,
            low_value=num(means[low], lang),
        )
        return ChartText(title, summary, table)
    widest = max(gap for gap, _ in gaps)
    name = next(n for gap, n in gaps if gap == widest)
    pairs = [
        (means[name], re.sub(r" \(n=\d+\)$", "", role))
        for role, means in zip(roles, by_role, strict=True)
        if name in means
    ]
    bottom, top = min(pairs), max(pairs)
    summary = _x(
        "roles",
        lang,
        roles=listing(roles, lang),
        name=name,
        low_value=num(bottom[0], lang),
        low_role=bottom[1],
        high_value=num(top[0], lang),
        high_role=top[1],
    )
    return ChartText(title, summary, table)


# --- change over time -------------------------------------------------------------------------------


def _trend(figure: go.Figure, title: str, lang: Lang) -> ChartText:
    series = [t for t in figure.data if t.type == "scatter" and t.mode == "lines+markers" and _drawn(t)]
    rounds = [str(r) for r in _values(series[0], "x")] if series else []
    rows = []
    moves: list[tuple[float, str, float, float]] = []
    for trace in series:
        name = unwrap(trace.name)
        values = [float(v) if v is not None else None for v in _values(trace, "y")]
        rows.append((name, *(num(v, lang) if v is not None else "–" for v in values)))
        present = [v for v in values if v is not None]
        if len(present) >= 2:
            moves.append((present[-1] - present[0], name, present[0], present[-1]))
    table = ChartTable((_x("col_construct", lang), *rounds), tuple(rows))
    if not moves:
        last = rounds[-1] if rounds else ""
        items = "; ".join(f"{row[0]} {row[-1]}" for row in rows)
        return ChartText(title, _x("trend_one_round", lang, label=last, items=items), table)
    up = max(moves)
    down = min(moves)
    up_part = (
        _x("trend_up", lang, name=up[1], before=num(up[2], lang), after=num(up[3], lang))
        if up[0] > 0
        else _x("trend_none_up", lang)
    )
    down_part = (
        _x("trend_down", lang, name=down[1], before=num(down[2], lang), after=num(down[3], lang))
        if down[0] < 0
        else _x("trend_none_down", lang)
    )
    summary = _x("trend", lang, first=rounds[0], last=rounds[-1], up_part=up_part, down_part=down_part)
    return ChartText(title, summary, table)


def _signed(change: float, lang: Lang) -> str:
    sign = "+" if change > 0 else ("−" if change < 0 else "±")
    return f"{sign}{num(abs(change), lang, 2)}"


def _comparison(figure: go.Figure, title: str, lang: Lang) -> ChartText:
    previous_round = tr("previous_round", lang)
    before_trace = next(t for t in figure.data if str(t.name or "").startswith(previous_round))
    before = {
        unwrap(y): float(x)
        for y, x in zip(_values(before_trace, "y"), _values(before_trace, "x"), strict=True)
    }
    after: dict[str, float] = {}
    marked: list[str] = []
    current_name = ""
    for trace in figure.data:
        if trace is before_trace or trace.mode != "markers+text":
            continue
        names = [unwrap(y) for y in _values(trace, "y")]
        for name, x in zip(names, _values(trace, "x"), strict=True):
            after[name] = float(x)
        if str(trace.name or "").startswith(tr("this_round", lang)):
            current_name = unwrap(trace.name)
        elif names and trace.name != tr("position_moved", lang):
            marked.append(f"{unwrap(trace.name)}: {listing(names, lang)}.")
    order = [unwrap(n) for n in (figure.layout.yaxis.categoryarray or ())][::-1]
    names = [n for n in order if n in after and n in before] or [n for n in after if n in before]
    rows = tuple(
        (n, num(before[n], lang, 2), num(after[n], lang, 2), _signed(after[n] - before[n], lang))
        for n in names
    )
    columns = (
        _x("col_construct", lang),
        unwrap(before_trace.name),
        current_name or tr("this_round", lang),
        _x("col_change", lang),
    )
    table = ChartTable(columns, rows)
    if not names:
        return ChartText(title, "", table)
    largest = max(names, key=lambda n: abs(after[n] - before[n]))
    summary = _x(
        "compare",
        lang,
        previous=unwrap(before_trace.name),
        current=current_name or tr("this_round", lang),
        changes=" ".join(marked) if marked else _x("compare_none", lang),
        name=largest,
        change=_signed(after[largest] - before[largest], lang),
    )
    return ChartText(title, summary, table)


__all__ = ["ChartTable", "ChartText", "describe", "listing", "unwrap"]
