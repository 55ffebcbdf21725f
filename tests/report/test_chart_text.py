"""The text alternative of every chart (diagnose.charts.describe) is true for the data it draws.

Rounds are generated as scores (hypothesis, as in tests/core/test_summary_properties.py) and
diagnosed by the real rules; every chart is built and described in Dutch and English, and the
description is checked against the diagnosis, not against the figure: the construct named highest
is the highest, the numbers are the chart's numbers, the table holds every construct drawn, and no
raw id or markup reaches the reader. `make test-long` (NETSCAN_HYPOTHESIS=long) runs more rounds.
"""

from __future__ import annotations

import os
import re
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from diagnose import charts, load_bundle
from diagnose.charts.describe import ChartText, describe, listing
from diagnose.charts.style import group_ids, score_labels
from diagnose.diagnosis import Diagnosis, diagnose_scores
from diagnose.explain import BAND_LABELS
from diagnose.report import ReportInput
from diagnose.responses import ROLE_CONSTRUCT
from diagnose.scores import ConstructScore, RespondentScores, RoundScores
from diagnose.scoring import band_of
from diagnose.text import format_number

from .test_charts import all_figures

EXAMPLES = {"default": 25, "long": 400}[os.environ.get("NETSCAN_HYPOTHESIS", "default")]

BUNDLE = load_bundle()
Q = BUNDLE.questionnaire("netwerkscan")
SCORED = [c.id for c in BUNDLE.constructs.constructs if c.kind != "fact"]
IDS = [c.id for c in BUNDLE.constructs.constructs if "_" in c.id]  # never mistaken for a word
ROLE_ITEM = Q.fact_item(ROLE_CONSTRUCT)
ROLES = list(ROLE_ITEM.option_values) if ROLE_ITEM is not None else []
STRENGTH, CONCERN = BUNDLE.thresholds["strength"], BUNDLE.thresholds["concern"]
# a coarse grid as well as any value, so ties (equal highest scores) come up often
means = st.one_of(
    st.sampled_from([1.0, 2.5, 3.0, 3.5, 4.0, 4.5]),
    st.floats(min_value=1.0, max_value=5.0).map(lambda x: round(x, 2)),
)


def _label(cid: str, lang: str) -> str:
    return BUNDLE.constructs.by_id[cid].label.get(lang)  # type: ignore[arg-type]


@st.composite
def round_scores(draw: Any, label: str) -> RoundScores:
    respondents = draw(st.integers(min_value=5, max_value=12))
    constructs = {}
    for cid in SCORED:
        if draw(st.integers(0, 9)) == 0:
            continue  # not measured this round
        mean = draw(means)
        band = None if BUNDLE.constructs.by_id[cid].kind == "position" else band_of(mean, STRENGTH, CONCERN)
        constructs[cid] = ConstructScore(
            mean=mean, sd=0.5, n=respondents, min=1.0, max=5.0, band=band, below_minimum=False
        )
    people = [
        RespondentScores(role=None, group=False, scores={cid: draw(means) for cid in constructs})
        for _ in range(respondents)
    ]
    roles = draw(st.lists(st.sampled_from(ROLES), min_size=0, max_size=3, unique=True))
    by_role = {role: {cid: draw(means) for cid in constructs} for role in roles}
    return RoundScores(
        label=label,
        date=None,
        respondents=respondents,
        group_only=False,
        roles=dict.fromkeys(roles, 5),
        constructs=constructs,
        items={},
        profile={},
        chosen_counts={},
        respondent_scores=people,
        by_role=by_role,
    )


def plain(text: ChartText) -> str:
    return " ".join([text.summary, *(" ".join(r) for r in (text.table.rows if text.table else ()))])


def check_clean(text: ChartText, what: str) -> None:
    everything = plain(text)
    assert text.summary, what
    assert "{" not in everything and "<" not in everything, (what, everything)
    found = [cid for cid in IDS if re.search(rf"\b{cid}\b", everything)]
    assert not found, (what, found)


def check_scores(d: Diagnosis, text: ChartText, ids: list[str], lang: str) -> None:
    """Radar and bars: highest and lowest named with the chart's numbers, the bands counted, and
    the table holds every construct drawn with its printed score and band."""
    shown = dict(zip(ids, score_labels([d.scores[c].mean for c in ids], lang, d.thresholds), strict=True))  # type: ignore[arg-type]
    judged = [c for c in ids if charts.judged(BUNDLE, c) and d.scores[c].band is not None]
    drawn = [c for c in ids if not charts.judged(BUNDLE, c) or d.scores[c].band is not None]
    assert text.table is not None
    assert [row[:2] for row in text.table.rows] == [(_label(c, lang), shown[c]) for c in drawn]
    if not judged:
        return
    top = max(d.scores[c].mean for c in judged)
    bottom = min(d.scores[c].mean for c in judged)
    highest = [_label(c, lang) for c in judged if d.scores[c].mean == top]
    lowest = [_label(c, lang) for c in judged if d.scores[c].mean == bottom]
    high_value = shown[next(c for c in judged if d.scores[c].mean == top)]
    low_value = shown[next(c for c in judged if d.scores[c].mean == bottom)]
    if len(judged) == 1:
        assert text.summary.startswith(f"{highest[0]} {'scoort' if lang == 'nl' else 'scores'} {high_value}")
    elif high_value == low_value:
        assert text.summary.startswith(listing([_label(c, lang) for c in judged], lang))  # type: ignore[arg-type]
    else:
        verb = {"nl": ("scoort", "scoren"), "en": ("scores", "score")}[lang][len(highest) > 1]
        word = {"nl": ("het hoogst", "het laagst"), "en": ("highest", "lowest")}[lang]
        assert text.summary.startswith(
            f"{listing(highest, lang)} {verb} {word[0]} ({high_value}), "  # type: ignore[arg-type]
            f"{listing(lowest, lang)} {word[1]} ({low_value})."  # type: ignore[arg-type]
        ), text.summary
        for band in ("strength", "attention", "concern"):
            n = sum(d.scores[c].band == band for c in judged)
            stem = BAND_LABELS[band].get(lang).split()[0][:5]  # type: ignore[arg-type]
            if n:
                assert re.search(rf"\b{n} {stem}", text.summary, re.IGNORECASE), (band, n, text.summary)


def check_round(d: Diagnosis, history: list[RoundScores], lang: str) -> None:
    figures = {
        "radar": charts.radar_characteristics(d, BUNDLE, lang),  # type: ignore[arg-type]
        "bars": charts.construct_bars(d, BUNDLE, lang, ("pitfall", "leadership", "decision")),  # type: ignore[arg-type]
        "spread": charts.spread_chart(d, BUNDLE, lang),  # type: ignore[arg-type]
        "roles": charts.role_chart(d, BUNDLE, lang),  # type: ignore[arg-type]
        "trend": charts.trend_chart(d, BUNDLE, lang, history),  # type: ignore[arg-type]
        "comparison": charts.comparison_chart(d, BUNDLE, lang),  # type: ignore[arg-type]
    }
    texts = {key: describe(fig, lang) for key, fig in figures.items()}  # type: ignore[arg-type]
    for key, text in texts.items():
        check_clean(text, key)
        assert text.title == charts.plain_title(figures[key]), key
        assert text.alt.startswith(text.title)
        if not charts.has_data(figures[key]):
            assert text.table is None, key
    for key, groups in (("radar", ("characteristic",)), ("bars", ("pitfall", "leadership", "decision"))):
        if charts.has_data(figures[key]):
            ids = [c for c in group_ids(BUNDLE, groups) if d.score_visible(c)]
            check_scores(d, texts[key], ids, lang)
    if charts.has_data(figures["spread"]):
        ranges = {
            cid: max(v) - min(v)
            for cid in SCORED
            if charts.judged(BUNDLE, cid)  # the spread chart draws the scores, not a position
            and d.score_visible(cid)
            and (v := [r.scores[cid] for r in d.respondents if cid in r.scores])
        }
        if len(ranges) > 1:
            widest = max(ranges.values())
            named = re.search(
                r"(?:verst uiteen bij|furthest apart on) (.+?) \((?:van|from) ", texts["spread"].summary
            )
            assert named is not None, texts["spread"].summary
            assert named.group(1) in {_label(c, lang) for c, r in ranges.items() if r == widest}
    if charts.has_data(figures["comparison"]) and d.previous is not None:
        before = d.previous.scores
        changes = {c: d.scores[c].mean - before[c] for c in d.scores if d.score_visible(c) and c in before}
        largest = max(abs(v) for v in changes.values())
        candidates = {
            (_label(c, lang), format_number(abs(v), lang, 2))  # type: ignore[arg-type]
            for c, v in changes.items()
            if abs(v) == largest
        }
        named = re.search(
            r"(?:verandering is die van|largest change is in) (.+) \([+−±]([\d.,]+)\)\.$",
            texts["comparison"].summary,
        )
        assert named is not None and named.groups() in candidates, (texts["comparison"].summary, candidates)
    if charts.has_data(figures["roles"]):
        roles = d.visible_roles()
        gaps = {
            cid: max(m[cid] for m in roles.values() if cid in m)
            - min(m[cid] for m in roles.values() if cid in m)
            for cid in SCORED
            if charts.judged(BUNDLE, cid) and sum(cid in m for m in roles.values()) >= 2
        }
        if gaps:
            widest = max(gaps.values())
            named = re.search(
                r"(?:rollen is er bij|between the roles is on) (.+), (?:van|from) \d", texts["roles"].summary
            )
            assert named is not None and named.group(1) in {
                _label(c, lang) for c, g in gaps.items() if g == widest
            }


rounds = st.tuples(round_scores("2026 voorjaar"), st.one_of(st.none(), round_scores("2025 najaar")))


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[
        Phase.explicit,
        Phase.generate,
    ],  # no shrinking: a round diagnosed by the rules is slow to shrink (minutes)
)
@given(rounds)
def test_every_chart_text_is_true_for_generated_rounds(pair: tuple[RoundScores, RoundScores | None]) -> None:
    current, previous = pair
    d = diagnose_scores(BUNDLE, Q, current, previous)
    for lang in ("nl", "en"):
        check_round(d, [previous] if previous is not None else [], lang)


def test_every_report_chart_has_a_text_in_both_languages(report_input: ReportInput) -> None:
    """The report's own round: every one of the nine charts is described, in Dutch with the
    decimal comma, in English with the point, never the same text in both."""
    texts = {
        lang: {k: describe(f, lang) for k, f in all_figures(report_input, lang).items()}
        for lang in ("nl", "en")
    }  # type: ignore[arg-type]
    for key in texts["nl"]:
        nl, en = texts["nl"][key], texts["en"][key]
        check_clean(nl, key)
        check_clean(en, key)
        assert nl.summary != en.summary
        assert nl.table is not None and en.table is not None and nl.table.rows, key
        assert len(nl.table.rows) == len(en.table.rows), key
        assert re.search(r"\d,\d", nl.summary) and not re.search(r"\d,\d", en.summary), key
    assert "De vorige meting (2025 voorjaar)" in texts["nl"]["radar"].summary


def test_a_chart_with_nothing_to_show_says_why(report_input: ReportInput) -> None:
    d = report_input.diagnosis.model_copy(update={"previous": None})
    for lang, why in (("nl", "Er is geen eerdere meting"), ("en", "There is no earlier round")):
        text = describe(charts.comparison_chart(d, report_input.bundle, lang), lang)  # type: ignore[arg-type]
        assert text.table is None and text.summary.startswith(why)


def test_a_figure_of_another_shape_gets_its_values_and_no_error() -> None:
    """A chart this module does not know (say, a future benchmark chart shown with dashboard.chart)
    is never an error: the table of its values, no invented summary."""
    import plotly.graph_objects as go

    figure = go.Figure(go.Bar(name="Dit netwerk", x=["Vertrouwen", "Eigenaarschap"], y=[3.31, 4.0]))
    figure.update_layout(title={"text": "Vergelijking met<br>andere netwerken"})
    text = describe(figure, "nl")
    assert text.title == "Vergelijking met andere netwerken" and text.summary == ""
    assert text.table is not None
    assert text.table.rows == (("Dit netwerk", "Vertrouwen", "3,3"), ("Dit netwerk", "Eigenaarschap", "4,0"))
    # a known title over a figure of another shape: the same, not a traceback
    figure.update_layout(title={"text": "Spreiding van de antwoorden per onderdeel"})
    assert describe(figure, "nl").table == text.table
