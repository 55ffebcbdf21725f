"""The report model: everything the templates show, resolved for one language, built from a Diagnosis.

No I/O and no rendering here: :func:`build_model` turns a :class:`ReportInput` (see
``diagnose.report.inputs``) into plain data (strings already formatted the Dutch or English way)
plus the Plotly figures whose images the renderer fills in. The types are in ``views``, the
findings' chapters in ``findings``, the tables in ``tables``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from diagnose import charts
from diagnose.cards import strengths_text
from diagnose.charts.describe import describe
from diagnose.comparability import version_change
from diagnose.diagnosis import Diagnosis
from diagnose.report.agreements import agreements_section
from diagnose.report.benchmark import benchmark_chart_view, benchmark_section
from diagnose.report.content import ReportContent, load_content
from diagnose.report.findings import (
    agenda,
    finding_groups,
    finding_view,
    methods,
    priority_text,
    questions,
    summary_views,
)
from diagnose.report.inputs import ReportInput
from diagnose.report.tables import changes, profile, role_table, score_groups, thresholds, trend_table
from diagnose.report.views import (
    ChartView,
    Edition,
    EditMark,
    Logo,
    OmittedFinding,
    ReportModel,
    TextGroup,
    format_date,
    num,
)
from diagnose.text import Lang

# The consultant's edit lives in these ReportModel fields (types in ``views``): ``opening_note``,
# ``edited`` (EditMark), ``omitted`` (OmittedFinding list), ``organisation``, ``logo`` (Logo) and each
# FindingView's ``comment``. The caller that owns the stored edit fills them after ``build_model``.
__all__ = ["EditMark", "Logo", "OmittedFinding", "build_model"]


def build_model(
    inp: ReportInput,
    lang: Lang,
    *,
    generated: dt.date | None = None,
    content: ReportContent | None = None,
    edition: Edition = "full",
) -> ReportModel:
    """The model of one edition: the texts are the same, the figures are those the edition shows."""
    content = content or load_content()
    d, bundle = inp.diagnosis, inp.bundle

    def t(key: str, **values: object) -> str:
        return content.text(key, lang, **values)

    labels = {c.id: c.label.get(lang) for c in bundle.constructs.constructs}
    allowed = d.results_allowed
    by_rule = {f.rule: f for f in d.findings}

    respondents = str(d.round.respondents)
    if d.round.group_only:
        respondents = t("group_answer")
    elif inp.invited:
        pct = round(100 * d.round.respondents / inp.invited)
        respondents = t("response_rate", n=d.round.respondents, invited=inp.invited, pct=pct)

    model = ReportModel(
        lang=lang,
        content=content,
        title=t("report_title"),
        network=d.network or t("unnamed_network"),
        round_label=d.round.label,
        round_date=format_date(d.round.date, lang),
        respondents=respondents,
        questionnaire=f"{inp.questionnaire.title.get(lang)} ({d.questionnaire.id} {d.questionnaire.version})",
        ruleset=f"{d.ruleset.id} {d.ruleset.version}",
        previous=(
            f"{d.previous.label}" + (f" ({format_date(d.previous.date, lang)})" if d.previous.date else "")
        )
        if d.previous
        else "",
        generated=format_date(generated or dt.date.today(), lang),
        allowed=allowed,
        below_minimum=_closed_text(d, t),
        summary=[],
        other_findings=0,
        strengths=[],
        score_groups=[],
        not_measured=[],
        profile=[],
        charts={},
        finding_groups=[],
        high_spread=[],
        role_table=None,
        texts=[],
        has_history=False,
        trend_table=None,
        changes=[],
        agenda=agenda(d, bundle, content, lang, allowed),
        questions=[],
        methods=[],
        thresholds=thresholds(d, content, lang),
        limits={key: num(value, lang, 1) for key, value in d.thresholds.items()},
        anonymity_minimum=d.anonymity.minimum,
        literature=[(e.id, e.full.get(lang), e.used_for.get(lang)) for e in bundle.references.references],
        edition=edition,
    )
    model.methods = methods(d, bundle, content, lang, allowed)
    model.priority_text = priority_text(bundle, content, lang)
    model.agreements = agreements_section(inp, content, lang)
    if not allowed:
        return model

    model.summary = summary_views(d, bundle, content, lang)
    model.other_findings = len([f for f in d.findings if f.kind != "strength"]) - sum(
        1 + len(f.evidence) for f in model.summary
    )
    model.strengths_text = strengths_text(d, bundle, lang)
    model.strengths = [finding_view(by_rule[r], bundle, content, lang) for r in d.strengths if r in by_rule]
    model.score_groups = score_groups(d, bundle, lang, content)
    model.not_measured = [labels.get(c, c) for c in d.not_measured]
    model.profile = profile(d, inp.questionnaire, bundle, lang, content)
    model.finding_groups = finding_groups(d, bundle, content, lang)
    rows = {row.cid: row for group in model.score_groups for row in group.rows}
    spread = d.thresholds.get("spread", 1.0)
    model.high_spread = sorted(
        (
            rows[c]
            for c, s in d.scores.items()
            if c in rows and s.sd is not None and s.sd >= spread and rows[c].band != "hidden"
        ),
        key=lambda r: -(d.scores[r.cid].sd or 0.0),
    )
    model.role_table = role_table(d, bundle, lang)
    only = list(d.visible_roles())
    if model.role_table is None and len(only) == 1:
        model.only_role = charts.role_label_map(bundle, lang).get(only[0], only[0])
    model.texts = [
        TextGroup(inp.questionnaire.item_by_id[iid].text.get(lang), answers)
        for iid, answers in inp.texts.items()
        if iid in inp.questionnaire.item_by_id
    ]
    model.has_history = bool(inp.history) or d.previous is not None
    model.trend_table = trend_table(d, inp.history, bundle, lang)
    beside = list(inp.history) or ([d.previous] if d.previous is not None else [])
    change = version_change(bundle, d, beside)
    if change is not None:
        model.version_note = change.text({c.id: c.label for c in bundle.constructs.constructs}).get(lang)
    model.changes = changes(d, bundle, lang)
    model.questions = questions(d, bundle, content, lang)
    model.charts = _summary_charts(d, inp, lang, content) if edition == "summary" else _charts(d, inp, lang)
    model.benchmark = benchmark_section(inp.benchmark, bundle, inp.questionnaire, lang)
    bench_chart = benchmark_chart_view(inp.benchmark, bundle, lang)
    if bench_chart is not None:
        model.charts["benchmark"] = bench_chart
    return model


def _closed_text(d: Diagnosis, t: Callable[..., str]) -> str:
    """Why the report holds no results: the anonymity minimum, or the round's response-rate threshold."""
    rate = d.anonymity.response_rate
    if rate is not None and d.response_rate_short and d.anonymity.met:
        pct = round(100 * d.round.respondents / rate.invited) if rate.invited else 0
        return t("below_rate", count=d.round.respondents, invited=rate.invited, pct=pct, minimum=rate.minimum)
    return t("below_minimum", count=d.round.respondents, n=d.anonymity.minimum)


def _adder(views: dict[str, ChartView], lang: Lang) -> Callable[..., None]:
    def add(key: str, figure: Any, wide: bool = True) -> None:
        if charts.has_data(figure):
            title = charts.plain_title(figure) or key
            # the alt text: what the chart shows for this round (diagnose.charts.describe)
            views[key] = ChartView(key, title, figure, describe(figure, lang).alt, wide=wide)

    return add


# the summary's bars: 20 px a construct with a one-line label instead of the dashboard's 45, so both
# charts fit one page (the legend and wrapped labels still get their room: charts.construct_bars)
SUMMARY_ROW_HEIGHT = 5


def _summary_charts(
    d: Diagnosis, inp: ReportInput, lang: Lang, content: ReportContent
) -> dict[str, ChartView]:
    """The summary's one page of charts: the radar (with the previous round's markers, when there
    is one) and every other scored construct in one chart of bars."""
    bundle = inp.bundle
    views: dict[str, ChartView] = {}
    add = _adder(views, lang)
    add("radar", charts.radar_characteristics(d, bundle, lang))
    groups = [g.id for g in bundle.constructs.groups if g.chart == "bars"]  # the radar's are its own
    others = charts.construct_bars(
        d, bundle, lang, groups, title=content.text("others_chart", lang), row_height=SUMMARY_ROW_HEIGHT
    )
    if charts.has_data(others):
        others.update_layout(bargap=0.25)
    add("others", others)
    return views


def _charts(d: Diagnosis, inp: ReportInput, lang: Lang) -> dict[str, ChartView]:
    bundle = inp.bundle
    views: dict[str, ChartView] = {}
    add = _adder(views, lang)

    add("radar", charts.radar_characteristics(d, bundle, lang))
    add("pitfalls", charts.pitfall_bars(d, bundle, lang))
    add("building_blocks", charts.building_block_bars(d, bundle, lang))
    add("perspectives", charts.perspective_bars(d, bundle, lang))
    add("leadership", charts.leadership_bars(d, bundle, lang))
    add("spread", charts.spread_chart(d, bundle, lang))
    if len(d.visible_roles()) >= 2:
        add("roles", charts.role_chart(d, bundle, lang))
    if inp.history:
        # the chapter's text says what a change of questionnaire leaves out, once (version_note)
        add("trend", charts.trend_chart(d, bundle, lang, inp.history, version_note=False))
    if d.previous is not None:
        add("comparison", charts.comparison_chart(d, bundle, lang, version_note=False))
    return views
