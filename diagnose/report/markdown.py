"""The report as Markdown: plain text with headings and tables, for the summary and the full edition."""

from __future__ import annotations

import re

from diagnose.report.agreements import agreements_markdown
from diagnose.report.benchmark import benchmark_markdown
from diagnose.report.views import ReportModel

__all__ = ["md_escape", "render_markdown"]


def md_escape(text: str) -> str:
    """Plain text for Markdown: no HTML (renderers pass it through) and no accidental markup."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]#|])", r"\\\1", text).replace("\n", " ")


def _head(model: ReportModel) -> list[str]:
    t, e = model.t, md_escape
    out = []
    if model.organisation:
        out += [e(model.organisation), ""]
    if model.edited:
        out += [f"*{e(model.edited.text)}*", ""]
    if model.opening_note:
        out += [f"## {t('opening_note')}", "", e(model.opening_note), ""]
    return out


def render_summary_markdown(model: ReportModel) -> str:
    """The summary edition: the findings with advice, what goes well, what changed, the agenda."""
    t, e = model.t, md_escape
    out: list[str] = [f"# {e(model.network)}: {e(t('edition_summary').lower())}", ""]
    out += [
        f"- **{t('round')}:** {e(model.round_label)}"
        + (f" ({e(model.round_date)})" if model.round_date else ""),
        f"- **{t('respondents')}:** {e(model.respondents)}",
    ]
    if model.previous:
        out.append(f"- **{t('previous_round')}:** {e(model.previous)}")
    out += [f"- **{t('generated')}:** {e(model.generated)}", ""]
    out += _head(model)
    if not model.allowed:
        out += [f"> {e(model.below_minimum)}", ""]
    else:
        out += [f"## {t('top_heading')}", ""]
        for number, f in enumerate(model.summary, 1):
            out += [f"### {number}. {e(f.title)}", "", f"*{e(f.kind_label)}*", "", e(f.diagnosis), ""]
            if f.members:
                out += [f"*{t('applies_to')}:* " + ", ".join(e(label) for label, _ in f.members), ""]
            out += [f"**{t('advice')}:** {e(f.advice)}", ""]
            if f.comment:
                out += [f"*{t('comment')}:* {e(f.comment)}", ""]
        if not model.summary:
            out += [t("summary_none"), ""]
        out += [
            f"## {t('strengths')}",
            "",
            e(model.strengths_text) if model.strengths_text else t("strengths_none"),
        ]
        out += ["", f"## {t('key_charts')}", ""]
        out += _chart_texts(model, "radar", "others")
        for g in model.score_groups:
            out += [f"### {e(g.title)}", ""]
            out += [f"- {e(r.label)}: {r.mean} ({e(r.band_label)})" for r in g.rows]
            out.append("")
        if model.previous:
            marked = sorted((c for c in model.changes if c.marked), key=lambda c: -c.size)
            out += [f"### {e(t('key_changes', previous=model.previous))}", ""]
            if model.version_note:
                out += [f"*{e(model.version_note)}*", ""]
            out += [f"- {e(c.label)}: {c.previous} → {c.current} ({c.change})" for c in marked] or [
                t("key_changes_none", previous=e(model.previous), change=model.limits["change"])
            ]
            out.append("")
        out += benchmark_markdown(model.benchmark)
    out += [f"## {t('s_meeting')}", "", f"### {t('agenda_heading')}", ""]
    out += [f"- **{a.minutes}** {e(a.title)}: {e(a.text)}" for a in model.agenda]
    if model.questions:
        out += ["", f"### {t('questions_heading')}", ""]
        out += [f"{i}. {e(q.text)}" for i, q in enumerate(model.questions[:4], 1)]
    out += ["", f"*{t('confidential')}*"]
    return "\n".join(out).rstrip() + "\n"


def _chart_texts(model: ReportModel, *keys: str) -> list[str]:
    """What the charts of the HTML and PDF show, in words (their alt texts): Markdown has no images,
    so this needs the charts' figures only, not their pictures."""
    out: list[str] = []
    for key in keys:
        view = model.charts.get(key)
        if view is not None:
            out += [f"*{md_escape(view.alt)}*", ""]
    return out


def render_markdown(model: ReportModel) -> str:
    """The model's edition as Markdown."""
    if model.edition == "summary":
        return render_summary_markdown(model)
    t, e = model.t, md_escape
    out: list[str] = [f"# {e(model.title)}: {e(model.network)}", ""]
    out += [
        f"- **{t('round')}:** {e(model.round_label)}"
        + (f" ({e(model.round_date)})" if model.round_date else ""),
        f"- **{t('respondents')}:** {e(model.respondents)}",
        f"- **{t('questionnaire')}:** {e(model.questionnaire)}",
        f"- **{t('ruleset')}:** {e(model.ruleset)}",
    ]
    if model.previous:
        out.append(f"- **{t('previous_round')}:** {e(model.previous)}")
    out += [f"- **{t('generated')}:** {e(model.generated)}", "", f"*{t('confidential')}*", ""]
    out += [f"## 1. {t('s_summary')}", ""]
    out += _head(model)
    if not model.allowed:
        out += [f"> {e(model.below_minimum)}", ""]
    else:
        if model.charts_missing:
            out += [f"> {e(model.charts_missing)}", ""]
        for number, f in enumerate(model.summary, 1):
            out.append(f"{number}. **{e(f.title)}**")
            out += [f"   *{t('advice')}:* {e(f.advice)}", ""]
            if f.comment:
                out += [f"   *{t('comment')}:* {e(f.comment)}", ""]
        if not model.summary:
            out += [t("summary_none"), ""]
        out += [f"### {t('strengths')}", ""]
        out += [e(model.strengths_text) if model.strengths_text else t("strengths_none")]
        out += [
            "",
            f"## 2. {t('s_scores')}",
            "",
            t("scores_intro", strength=model.limits["strength"], concern=model.limits["concern"]),
            "",
        ]
        out += [
            f"| {t('col_construct')} | n | {t('col_mean')} | {t('col_sd')} | {t('col_range')} | {t('col_band')} |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for g in model.score_groups:
            out.append(f"| **{e(g.title)}** | | | | | |")
            out += [
                f"| {e(r.label)} | {r.n} | {r.mean} | {r.sd} | {r.range} | {e(r.band_label)} |"
                for r in g.rows
            ]
        out.append("")
        out += _chart_texts(model, "radar", "pitfalls", "building_blocks", "perspectives", "leadership")
        out += benchmark_markdown(model.benchmark, "###")
        out += [f"## 3. {t('s_findings')}", ""]
        for group in model.finding_groups:
            out += [f"### {e(group.title)}", ""]
            if not group.findings:
                out += [f"*{t('g_none')}*", ""]
            for f in group.findings:
                out += [
                    f"#### {e(f.title)}",
                    "",
                    f"*{e(f.kind_label)}*",
                    "",
                    e(f.diagnosis),
                    "",
                    f"**{t('because')}:**",
                    *[f"- {e(b)}" for b in f.because],
                    *[f"- **{e(label)}:** {e(why)}" for label, why in f.members],
                    *(
                        [
                            f"**{t('evidence_heading')}:**",
                            *[f"- **{e(x)}** — {e(why)}" for x, why in f.evidence],
                        ]
                        if f.evidence
                        else []
                    ),
                    "",
                    f"**{t('advice')}:** {e(f.advice)}",
                    "",
                    f"*{t('sources')}:* {e('; '.join(f.sources))}",
                    "",
                ]
        out += [f"## 4. {t('s_differences')}", "", t("differences_intro", spread=model.limits["spread"]), ""]
        out += _chart_texts(model, "spread")
        out += [f"- {e(r.label)}: {r.mean} (sd {r.sd})" for r in model.high_spread] or [
            t("high_spread_none", spread=model.limits["spread"])
        ]
        out += ["", f"### {t('by_role')}", ""]
        out += _chart_texts(model, "roles")
        if model.role_table:
            out += [
                f"| {t('col_construct')} | " + " | ".join(e(r) for r in model.role_table.roles) + " |",
                "|---|" + "---:|" * len(model.role_table.roles),
            ]
            out += [
                f"| {e(label)} | " + " | ".join(values) + " |" for label, values, _ in model.role_table.rows
            ]
        elif model.only_role:
            out.append(t("by_role_one", role=model.only_role, n=model.anonymity_minimum))
        else:
            out.append(t("by_role_none", n=model.anonymity_minimum))
        out += ["", f"### {t('free_text')}", ""]
        for texts in model.texts:
            out += [f"**{e(texts.question)}**", "", *[f"- “{e(a)}”" for a in texts.answers], ""]
        if not model.texts:
            out += [t("free_text_none"), ""]
        out += [f"## 5. {t('s_time')}", ""]
        if model.version_note:
            out += [f"*{e(model.version_note)}*", ""]
        out += _chart_texts(model, "trend", "comparison")
        if model.changes:
            out += [
                f"| {t('col_construct')} | {t('col_previous')} | {t('col_mean')} | {t('col_change')} |",
                "|---|---:|---:|---:|",
            ]
            out += [
                f"| {e(c.label)} | {c.previous} | {c.current} | {'**' + c.change + '**' if c.marked else c.change} |"
                for c in model.changes
            ]
        else:
            out.append(t("time_none"))
        out.append("")
    n = 6 if model.allowed else 2
    out += [f"## {n}. {t('s_meeting')}", "", f"### {t('agenda_heading')}", ""]
    out += [f"- **{a.minutes}** {e(a.title)}: {e(a.text)}" for a in model.agenda]
    if model.questions:
        out += ["", f"### {t('questions_heading')}", ""]
        out += [
            f"{i}. {e(q.text)} *({t('question_from')}: {e(q.about)})*"
            for i, q in enumerate(model.questions, 1)
        ]
    out += ["", f"### {t('methods_heading')}", ""]
    for method in model.methods:
        out += [f"#### {e(method.name)}", ""]
        if method.recommended:
            out += [f"*{t('recommended')}:* {e('; '.join(method.fits))}", ""]
        out += [e(method.purpose), "", *[f"{i}. {e(s)}" for i, s in enumerate(method.steps, 1)], ""]
        if method.tip:
            out += [f"*{t('tip')}:* {e(method.tip)}", ""]
        out += [f"*{t('sources')}:* {e(method.source)}", ""]
    out += agreements_markdown(model.agreements, t, e)
    out += [f"## {t('s_appendix')}", "", t("method_text"), ""]
    out += [
        f"### {t('priority_heading')}",
        "",
        e(model.priority_text),
        "",
        f"### {t('thresholds_heading')}",
        "",
    ]
    out += [f"- {e(label)}: {value}" for label, value in model.thresholds]
    out += [
        "",
        f"### {t('anonymity_heading')}",
        "",
        t("anonymity_text", n=model.anonymity_minimum),
        "",
    ]
    if model.omitted:
        out += [f"### {t('omitted_heading')}", "", t("omitted_intro"), ""]
        out += [f"- **{e(o.title)}:** {e(o.reason)}" for o in model.omitted]
        out.append("")
    out += [f"### {t('literature_heading')}", ""]
    out += [f"- {e(ref)} ({t('used_for')}: {e(used)})" for _, ref, used in model.literature]
    return "\n".join(out).rstrip() + "\n"
