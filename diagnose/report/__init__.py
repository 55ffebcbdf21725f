"""The downloadable advice report (PDF, self-contained HTML, Markdown), in Dutch and English.

Typical use, from a response file or a round in the store::

    from diagnose.report import prepare, render_report
    inp = prepare(bundle, q, round_, history_rounds, network)      # runs the core
    inp = input_from_view(round_view(store, round_id), bundle)    # or: a stored round
    report = render_report(inp, "nl", "pdf")                      # Report(content=bytes, ...)
    report.content, report.filename, report.media_type, report.charts_missing

``render_report`` never fails because of the charts: without Chromium the report has tables only and
says why. Call ``warm_up(bundle)`` once a server has shown its first page, so the first report does
not wait for Chromium. See docs/report.md.

The names below are imported on first use (PEP 562), so that importing a light part (the editions
and formats of ``diagnose.report.views``) does not load WeasyPrint, python-docx and Plotly's export:
a results page shows without them, and a report loads them when it is made.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from diagnose.report.images import ChartExporter, ChartExportError, exporter
    from diagnose.report.inputs import ReportInput, input_from_view, prepare
    from diagnose.report.markdown import render_markdown
    from diagnose.report.model import build_model
    from diagnose.report.render import Report, render_html, render_pdf, render_report
    from diagnose.report.views import (
        DEFAULT_EDITION,
        EDITIONS,
        FORMATS,
        MEDIA_TYPES,
        Edition,
        EditMark,
        FindingView,
        Format,
        Logo,
        OmittedFinding,
        ReportModel,
    )
    from diagnose.report.warm import warm_up

_HOME = {  # name -> the module that defines it
    **dict.fromkeys(("ChartExporter", "ChartExportError", "exporter"), "images"),
    **dict.fromkeys(("ReportInput", "input_from_view", "prepare"), "inputs"),
    "render_markdown": "markdown",
    "build_model": "model",
    **dict.fromkeys(("Report", "render_html", "render_pdf", "render_report"), "render"),
    **dict.fromkeys(
        (
            "DEFAULT_EDITION",
            "EDITIONS",
            "FORMATS",
            "MEDIA_TYPES",
            "Format",
            "Edition",
            "EditMark",
            "FindingView",
            "Logo",
            "OmittedFinding",
            "ReportModel",
        ),
        "views",
    ),
    "warm_up": "warm",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "DEFAULT_EDITION",
    "EDITIONS",
    "FORMATS",
    "MEDIA_TYPES",
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
