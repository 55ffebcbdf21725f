"""The downloadable advice report (PDF, self-contained HTML, Markdown), in Dutch and English.

Typical use, from a response file or a round in the store::

    from diagnose.report import prepare, render_report
    inp = prepare(bundle, q, round_, history_rounds, network)      # runs the core
    inp = input_from_view(round_view(store, round_id), bundle)    # or: a stored round
    report = render_report(inp, "nl", "pdf")                      # Report(content=bytes, ...)
    report.content, report.filename, report.media_type, report.charts_missing

``render_report`` never fails because of the charts: without Chromium the report has tables only and
says why. Call ``warm_up(bundle)`` when a server starts, so the first report does not wait for Chromium.
See docs/report.md.
"""

from diagnose.report.images import ChartExporter, ChartExportError, exporter
from diagnose.report.inputs import ReportInput, input_from_view, prepare
from diagnose.report.markdown import render_markdown
from diagnose.report.model import build_model
from diagnose.report.render import (
    FORMATS,
    Format,
    Report,
    render_html,
    render_pdf,
    render_report,
)
from diagnose.report.views import (
    DEFAULT_EDITION,
    EDITIONS,
    Edition,
    EditMark,
    FindingView,
    Logo,
    OmittedFinding,
    ReportModel,
)
from diagnose.report.warm import warm_up

__all__ = [
    "DEFAULT_EDITION",
    "EDITIONS",
    "FORMATS",
    "ChartExportError",
    "ChartExporter",
    "EditMark",
    "Edition",
    "FindingView",
    "Format",
    "Logo",
    "OmittedFinding",
    "Report",
    "ReportInput",
    "ReportModel",
    "build_model",
    "exporter",
    "input_from_view",
    "prepare",
    "render_html",
    "render_markdown",
    "render_pdf",
    "render_report",
    "warm_up",
]
