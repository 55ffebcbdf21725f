"""Rendering the report model: self-contained HTML (Jinja2, autoescaped), PDF (WeasyPrint), Markdown."""

from __future__ import annotations

import base64
import datetime as dt
import re
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from diagnose.report.edited import fill as fill_edit
from diagnose.report.images import IMAGE_MEDIA_TYPE, ChartExporter, ChartExportError, exporter, image_size
from diagnose.report.inputs import ReportInput
from diagnose.report.markdown import render_markdown
from diagnose.report.model import build_model
from diagnose.report.pdf import CHART_SCHEME, pdf_with_charts_later, render_pdf_with
from diagnose.report.views import (
    DEFAULT_EDITION,
    MEDIA_TYPES,
    ChartView,
    Edition,
    Format,
    ReportModel,
)
from diagnose.report.word import render_docx
from diagnose.text import Lang

TEMPLATES = Path(__file__).with_name("templates")
TEMPLATE = {"summary": "summary.html.j2", "full": "report.html.j2"}


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
        """A file name for a download: netwerkscan-<network>-<round>-<edition>.<ext>."""
        edition = self.model.t(f"edition_{self.model.edition}")
        parts = ("netwerkscan", self.model.network, self.model.round_label, edition)
        stem = "-".join(_slug(part) for part in parts if part)
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
    """The HTML of the model's edition (its images as they are set on the model's charts)."""
    template = html_environment().get_template(TEMPLATE[model.edition])
    return template.render(m=model, css=Markup(render_css(model)))


# --- PDF -------------------------------------------------------------------------------------


def render_pdf(html: str) -> bytes:
    """The PDF of a self-contained report HTML (images as data: URIs, nothing else is loaded)."""
    return render_pdf_with(html, _no_charts)


def _no_charts(key: str) -> bytes:
    raise ChartExportError(f"chart {key} is not available")


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
    edition: Edition = DEFAULT_EDITION,
    charts: bool = True,
    generated: dt.date | None = None,
    chart_exporter: ChartExporter | None = None,
    adapt: Callable[[ReportModel], None] | None = None,
) -> Report:
    """Build one edition of the report for a prepared round in one format. Never fails because of
    the charts.

    For a PDF the charts are drawn by Chromium while WeasyPrint parses and styles the document; the
    images are handed over when WeasyPrint asks for them. A Word document is written from the same
    model, with the same images (as PNG).

    ``adapt`` changes the model before anything is rendered: the consultant's stored edit (its order
    of the top three, omitted findings, comments, opening note, organisation and logo) is applied
    through it, so every format shows the same edited report.
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
    model = build_model(inp, lang, generated=generated, edition=edition)
    fill_edit(model, inp)  # the consultant's edit and the workspace's cover (report.edited)
    if adapt is not None:
        adapt(model)
    lap("model")
    if fmt == "md":
        content = render_markdown(model).encode("utf-8")
    elif export is None or not model.charts:
        if not charts and model.charts:
            _missing(model, "grafieken uitgezet" if lang == "nl" else "charts switched off")
        if fmt == "docx":
            content = render_docx(model)
        else:
            html = render_html(model)
            content = html.encode("utf-8") if fmt == "html" else render_pdf(html)
    else:
        views = list(model.charts.values())
        future = export.submit([v.figure for v in views])
        if fmt in ("html", "docx"):
            try:
                for view, image in zip(views, export.collect(future), strict=True):
                    view.image, view.src = image, data_uri(image)
            except ChartExportError as exc:
                _missing(model, exc.reason)
            lap("charts")
            content = render_docx(model) if fmt == "docx" else render_html(model).encode("utf-8")
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
