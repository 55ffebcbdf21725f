"""Rendering the report model: self-contained HTML (Jinja2, autoescaped), PDF (WeasyPrint), Markdown."""

from __future__ import annotations

import base64
import datetime as dt
import re
import time
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from diagnose.report.agreements import agreements_markdown
from diagnose.report.images import IMAGE_MEDIA_TYPE, ChartExporter, ChartExportError, exporter, image_size
from diagnose.report.inputs import ReportInput
from diagnose.report.model import build_model

# WeasyPrint is imported with the package, so a server pays for it at start-up, not on the first click
from diagnose.report.pdf import CHART_SCHEME, pdf_with_charts_later, render_pdf_with
from diagnose.report.views import ChartView, ReportModel
from diagnose.text import Lang

Format = Literal["pdf", "html", "md"]
FORMATS: tuple[Format, ...] = ("pdf", "html", "md")
TEMPLATES = Path(__file__).with_name("templates")
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}


@dataclass
class Report:
    """A rendered report: the bytes, and what a caller may want to tell the user."""

    content: bytes
    format: Format
    lang: Lang
    model: ReportModel
    charts_missing: str | None = None  # why the charts are missing, or None when they are there
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]

    @property
    def filename(self) -> str:
        """A file name for a download: netwerkscan-<network>-<round>.<ext>."""
        stem = "-".join(
            _slug(part) for part in ("netwerkscan", self.model.network, self.model.round_label) if part
        )
        return f"{stem}.{self.format}"


def _slug(text: str) -> str:
    text = text.lower().translate(str.maketrans("áàäâéèëêíìïîóòöôúùüûçñ'’", "aaaaeeeeiiiioooouuuucn--"))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60] or "rapport"


# --- Jinja ------------------------------------------------------------------------------------


def css_string(value: object) -> Markup:
    """A CSS string literal: quotes, backslashes, newlines and '<' escaped (no way out of <style>)."""
    text = str(value)
    escaped = "".join(c if c.isalnum() or c in " .,:;-_·()/" else f"\\{ord(c):x} " for c in text)
    return Markup(f'"{escaped}"')


def data_uri(image: bytes, media_type: str = IMAGE_MEDIA_TYPE) -> str:
    return f"data:{media_type};base64,{base64.b64encode(image).decode('ascii')}"


_html_env: Environment | None = None
_css_env: Environment | None = None


def html_environment() -> Environment:
    global _html_env
    if _html_env is None:
        _html_env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=False,
            lstrip_blocks=False,
        )
    return _html_env


def css_environment() -> Environment:
    global _css_env
    if _css_env is None:
        # The CSS holds only the report's own words, each through css_string.
        _css_env = Environment(
            loader=FileSystemLoader(TEMPLATES), autoescape=False, undefined=StrictUndefined
        )
        _css_env.filters["css_string"] = css_string
    return _css_env


def render_css(model: ReportModel) -> str:
    css = (
        css_environment()
        .get_template("report.css.j2")
        .render(
            page_word=model.t("page"),
            of_word=model.t("of"),
            footer=f"{model.t('footer_product')} · {model.t('confidential').split(':')[0]}",
        )
    )
    if "</" in css:
        raise ValueError("the stylesheet may not contain '</'")
    return css


def render_html(model: ReportModel) -> str:
    return html_environment().get_template("report.html.j2").render(m=model, css=Markup(render_css(model)))


# --- PDF -------------------------------------------------------------------------------------


def render_pdf(html: str) -> bytes:
    """The PDF of a self-contained report HTML (images as data: URIs, nothing else is loaded)."""
    return render_pdf_with(html, _no_charts)


def _no_charts(key: str) -> bytes:
    raise ChartExportError(f"chart {key} is not available")


# --- Markdown -------------------------------------------------------------------------------


def md_escape(text: str) -> str:
    """Plain text for Markdown: no HTML (renderers pass it through) and no accidental markup."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]#|])", r"\\\1", text).replace("\n", " ")


def render_markdown(model: ReportModel) -> str:
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
    if not model.allowed:
        out += [f"> {e(model.below_minimum)}", ""]
    else:
        if model.charts_missing:
            out += [f"> {e(model.charts_missing)}", ""]
        for number, f in enumerate(model.summary, 1):
            out.append(f"{number}. **{e(f.title)}** — {e(f.diagnosis)}")
            if f.members:
                out.append(f"   *{t('applies_to')}:* " + ", ".join(e(label) for label, _ in f.members))
            if f.reason:
                out.append(f"   *{t('why_top')}:* {e(f.reason)}")
            if f.evidence:
                out.append(f"   *{t('evidence_heading')}:* " + "; ".join(e(title) for title, _ in f.evidence))
            out += [f"   *{t('advice')}:* {e(f.advice)}", ""]
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
        out += ["", f"## 3. {t('s_findings')}", ""]
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
        out += [f"- {e(r.label)}: {r.mean} (sd {r.sd})" for r in model.high_spread] or [
            t("high_spread_none", spread=model.limits["spread"])
        ]
        out += ["", f"### {t('by_role')}", ""]
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
        f"### {t('literature_heading')}",
        "",
    ]
    out += [f"- {e(ref)} ({t('used_for')}: {e(used)})" for _, ref, used in model.literature]
    return "\n".join(out).rstrip() + "\n"


# --- The whole thing --------------------------------------------------------------------------


def _missing(model: ReportModel, reason: str) -> None:
    model.charts_missing = model.t("charts_missing", reason=reason)
    for view in model.charts.values():
        view.image = view.src = None


def render_report(
    inp: ReportInput,
    lang: Lang,
    fmt: Format = "pdf",
    *,
    charts: bool = True,
    generated: dt.date | None = None,
    chart_exporter: ChartExporter | None = None,
) -> Report:
    """Build the report for a prepared round in one format. Never fails because of the charts.

    For a PDF the charts are drawn by Chromium while WeasyPrint parses and styles the document; the
    images are handed over when WeasyPrint asks for them.
    """
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = now - clock
        clock = now

    begin = clock
    want_charts = charts and fmt != "md"
    export = (chart_exporter or exporter()) if want_charts else None
    if export is not None:
        export.start()  # Chromium boots while the model is built
    model = build_model(inp, lang, generated=generated)
    lap("model")
    if fmt == "md":
        content = render_markdown(model).encode("utf-8")
    elif export is None or not model.charts:
        if not charts and model.charts:
            _missing(model, "grafieken uitgezet" if lang == "nl" else "charts switched off")
        html = render_html(model)
        content = html.encode("utf-8") if fmt == "html" else render_pdf(html)
    else:
        views = list(model.charts.values())
        future = export.submit([v.figure for v in views])
        if fmt == "html":
            try:
                for view, image in zip(views, export.collect(future), strict=True):
                    view.image, view.src = image, data_uri(image)
            except ChartExportError as exc:
                _missing(model, exc.reason)
            lap("charts")
            content = render_html(model).encode("utf-8")
        else:
            content = _pdf_pipelined(model, views, export, future)
    lap(fmt)
    timings["total"] = time.perf_counter() - begin
    return Report(
        content=content,
        format=fmt,
        lang=lang,
        model=model,
        charts_missing=model.charts_missing,
        timings=timings,
    )


def _pdf_pipelined(
    model: ReportModel, views: list[ChartView], export: ChartExporter, future: Future[list[bytes]]
) -> bytes:
    """Lay the document out while Chromium draws the charts; put the images in when they are done."""
    for view in views:
        view.src = CHART_SCHEME + view.key
    images: dict[str, bytes] = {}

    def collect() -> dict[str, bytes]:
        if not images:
            images.update(zip((v.key for v in views), export.collect(future), strict=True))
        return images

    html = render_html(model)
    try:
        pdf = pdf_with_charts_later(html, {v.key: image_size(v.figure) for v in views}, collect)
        if pdf is None:  # the images could not be put in afterwards: lay out again with them
            pdf = render_pdf_with(html, collect().__getitem__)
    except ChartExportError as exc:  # rare: lay the document out again, with the notice and without images
        _missing(model, exc.reason)
        return render_pdf(render_html(model))
    for view in views:
        view.image = images[view.key]
    return pdf
