"""The advice report download on the results page (built by diagnose.report, on demand).

The report is built when the button is clicked (a callable, on its own thread, so the page does
not wait), in the language of the page, from the same stored diagnosis the dashboard shows.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable

import streamlit as st

from diagnose.bundle import Bundle
from diagnose.diagnosis import Diagnosis
from diagnose.report import ReportInput, free_texts, render_report, warm_up
from diagnose.report.render import MEDIA_TYPES, Format
from diagnose.store import Store
from diagnose.store.types import RoundInfo
from diagnose.text import Lang
from netscan_app.backend import previous_rounds, results_allowed
from netscan_app.i18n import current_lang, t
from netscan_app.resources import get_bundle, get_store


@st.cache_resource(show_spinner=False)
def _warm_up() -> bool:
    """Start the chart exporter's Chromium once per server, when the first results page opens."""
    if os.environ.get("NETSCAN_NO_WARMUP"):  # AppTest: no browser will ever ask for a report
        return False
    try:
        # with the bundle it also draws the report's own figures, so the first report is warm too
        warm_up(get_bundle())
    except Exception:  # the report then has tables only and says why
        return False
    return True


def report_input(store: Store, bundle: Bundle, d: Diagnosis, rnd: RoundInfo) -> ReportInput:
    q = bundle.questionnaire(rnd.questionnaire_id, rnd.questionnaire_version)
    texts = free_texts(q, store.round_as_core(rnd.id)) if results_allowed(d) else {}
    history = store.network_history(rnd.network_id)
    return ReportInput(
        diagnosis=d,
        bundle=bundle,
        questionnaire=q,
        history=list(previous_rounds(history, rnd.id)),
        texts=texts,
        invited=store.round_counts(rnd.id).invited or None,
    )


def file_name(network: str, rnd: RoundInfo, fmt: Format, lang: Lang) -> str:
    stem = "netwerkscan-advies" if lang == "nl" else "network-scan-advice"
    slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{network}-{rnd.label}").strip("-").lower()
    return f"{stem}-{slug}.{fmt}"


def builder(d: Diagnosis, rnd: RoundInfo, fmt: Format, lang: Lang) -> Callable[[], bytes]:
    """The report's bytes, made only when the button is clicked (no Streamlit calls inside)."""
    store, bundle = get_store(), get_bundle()

    def build() -> bytes:
        return render_report(report_input(store, bundle, d, rnd), lang, fmt).content

    return build


def report_download(d: Diagnosis, rnd: RoundInfo, network: str) -> None:
    _warm_up()
    lang = current_lang()
    st.download_button(
        t("report.download_pdf"),
        data=builder(d, rnd, "pdf", lang),
        file_name=file_name(network, rnd, "pdf", lang),
        mime=MEDIA_TYPES["pdf"],
        on_click="ignore",
        key="report_pdf",
        type="primary",
        icon=":material/download:",
        help=t("report.help"),
        width="stretch",
    )
    with st.popover(t("report.other_formats"), icon=":material/more_horiz:", width="stretch"):
        for fmt in ("html", "md"):
            st.download_button(
                t(f"report.download_{fmt}"),
                data=builder(d, rnd, fmt, lang),  # type: ignore[arg-type]
                file_name=file_name(network, rnd, fmt, lang),
                mime=MEDIA_TYPES[fmt],  # type: ignore[index]
                on_click="ignore",
                key=f"report_{fmt}",
                icon=":material/description:",
                width="stretch",
            )
