"""The advice report downloads on the results page (built by diagnose.report, on demand).

The summary (four pages, PDF) is the main button; the full report (PDF, HTML, Markdown) and both
editions in Word are under "other formats". A report is built when its button is clicked (a
callable, on its own thread, so the page does not wait), in the language of the page, from the same
round view the dashboard shows (and `netscan report ROUND` builds from).

The results page needs none of the report's machinery to be shown: WeasyPrint, python-docx and the
chart export are imported when a report is made, and the chart exporter's Chromium is started a
second after the first results page of a server run has been made (``warm_up_soon``), so the page
is drawn first and the first download still finds Chromium running.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

import streamlit as st

from diagnose.report.views import DEFAULT_EDITION, MEDIA_TYPES, Edition, Format
from diagnose.report.warm import warm_up_soon
from diagnose.store.round_view import RoundView
from diagnose.store.types import RoundInfo
from diagnose.text import Lang
from netscan_app.i18n import current_lang, t
from netscan_app.resources import get_bundle

if TYPE_CHECKING:
    from diagnose.report.views import ReportModel


@st.cache_resource(show_spinner=False)
def _warm_up() -> bool:
    """Get the first report ready once per server, after the first results page has been drawn."""
    if os.environ.get("NETSCAN_NO_WARMUP"):  # AppTest: no browser will ever ask for a report
        return False
    # with the bundle it also draws the report's own figures, so the first report is warm too; a
    # failure shows up in the first report (tables only, saying why)
    warm_up_soon(get_bundle, after=threading.current_thread())  # once this page's run has ended
    return True


Adapt = Callable[["ReportModel"], None]


def file_name(
    network: str, rnd: RoundInfo, fmt: Format, lang: Lang, edition: Edition = DEFAULT_EDITION
) -> str:
    stem = {
        ("nl", "summary"): "netwerkscan-adviessamenvatting",
        ("nl", "full"): "netwerkscan-adviesrapport",
        ("en", "summary"): "network-scan-advice-summary",
        ("en", "full"): "network-scan-advice-report",
    }[(lang, edition)]
    slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{network}-{rnd.label}").strip("-").lower()
    return f"{stem}-{slug}.{fmt}"


def builder(
    view: RoundView, fmt: Format, lang: Lang, edition: Edition = DEFAULT_EDITION, adapt: Adapt | None = None
) -> Callable[[], bytes]:
    """The report's bytes, made only when the button is clicked (no Streamlit calls inside).
    ``adapt`` applies the consultant's stored edit to the model (see diagnose.report.render_report)."""
    bundle = get_bundle()

    def build() -> bytes:
        from diagnose.report import input_from_view, render_report

        return render_report(input_from_view(view, bundle), lang, fmt, edition=edition, adapt=adapt).content

    return build


# (message key, format, edition) of the downloads under "other formats", in this order
OTHER_DOWNLOADS: tuple[tuple[str, Format, Edition], ...] = (
    ("report.download_full_pdf", "pdf", "full"),
    ("report.download_docx", "docx", "summary"),
    ("report.download_full_docx", "docx", "full"),
    ("report.download_html", "html", "full"),
    ("report.download_md", "md", "full"),
)


def report_download(view: RoundView, adapt: Adapt | None = None) -> None:
    _warm_up()
    lang, rnd, network = current_lang(), view.round, view.network.name
    st.download_button(
        t("report.download_pdf"),
        data=builder(view, "pdf", lang, "summary", adapt),
        file_name=file_name(network, rnd, "pdf", lang, "summary"),
        mime=MEDIA_TYPES["pdf"],
        on_click="ignore",
        key="report_pdf",
        type="primary",
        icon=":material/download:",
        help=t("report.help"),
        width="stretch",
    )
    with st.popover(t("report.other_formats"), icon=":material/more_horiz:", width="stretch"):
        for key, fmt, edition in OTHER_DOWNLOADS:
            st.download_button(
                t(key),
                data=builder(view, fmt, lang, edition, adapt),
                file_name=file_name(network, rnd, fmt, lang, edition),
                mime=MEDIA_TYPES[fmt],
                on_click="ignore",
                key=key.replace(".", "_"),
                icon=":material/description:",
                width="stretch",
            )
