"""The results dashboard of a round: the diagnosis first (for a steering group on a projector)."""

from __future__ import annotations

import streamlit as st

from diagnose.store.round_view import round_view
from diagnose.store.types import RoundInfo
from netscan_app import agreement_parts, benchmark_parts, context, dashboard, edit_parts, state
from netscan_app.guard import require_user
from netscan_app.i18n import t, tn
from netscan_app.report import report_download
from netscan_app.resources import get_store
from netscan_app.widgets import choose_first, hidden_heading, md_escape, show_flash

TABS = ("summary", "scores", "differences", "time", "agreements", "findings", "open")


def _header(rnd: RoundInfo, network_name: str, respondents: int | None) -> None:
    st.caption(md_escape(network_name))
    st.title(t("results.title", round=md_escape(rnd.label)))
    if respondents is not None:
        date = f" · {rnd.date.strftime('%d-%m-%Y')}" if rnd.date else ""
        status = t("round.status_open") if rnd.is_open else t("round.status_closed")
        st.markdown(tn("results.meta", respondents) + date + f" · {status}")


def render() -> None:
    user = require_user("results")
    rnd = context.round_(user)
    if rnd is None:
        state.keep_params()
        st.title(t("nav.results"))
        choose_first("results.choose")
        return
    state.keep_params(**{state.NETWORK: rnd.network_id, state.ROUND: rnd.id})
    store = get_store()
    net = store.get_network(rnd.network_id)
    show_flash()
    view = round_view(store, rnd.id)
    head = st.columns([4, 1], vertical_alignment="bottom")
    with head[0]:
        _header(rnd, net.name, view.diagnosis.round.respondents if view else None)
    if view is None:
        counts = store.round_counts(rnd.id)
        st.info(t("results.none_yet", started=counts.started), icon=":material/hourglass_top:")
        return
    d = view.diagnosis
    if not view.results_allowed:
        minimum = d.anonymity.minimum
        rate = d.anonymity.response_rate
        if rate is not None and d.response_rate_short and d.anonymity.met:
            st.info(
                t(
                    "results.below_rate",
                    count=d.round.respondents,
                    invited=rate.invited,
                    minimum=rate.minimum,
                ),
                icon=":material/lock:",
            )
        else:
            st.info(tn("results.below_minimum", d.round.respondents, minimum=minimum), icon=":material/lock:")
        return
    with head[1]:
        report_download(view)
    heading = st.empty()  # the open tab's name as the h2 between the page's h1 and its sections' h3
    tabs = st.tabs([t(f"results.tab_{name}") for name in TABS], key="results_tab", on_change="rerun")
    chosen = dict(zip(TABS, tabs, strict=True))
    with heading:
        hidden_heading(t(f"results.tab_{next((n for n, tab in chosen.items() if tab.open), TABS[0])}"))
    with chosen["summary"]:
        if chosen["summary"].open:
            shown = edit_parts.shown_diagnosis(view)
            dashboard.summary(shown, comments=edit_parts.comments(view, shown))
    with chosen["scores"]:
        if chosen["scores"].open:
            dashboard.scores(d)
            benchmark_parts.section(view, user.id)
    with chosen["differences"]:
        if chosen["differences"].open:
            dashboard.differences(d)
    with chosen["time"]:
        if chosen["time"].open:
            dashboard.over_time(view, store.network_history(rnd.network_id))
    with chosen["agreements"]:
        if chosen["agreements"].open:
            agreement_parts.effects_panel(view)
            st.page_link(agreement_parts.PAGE, label=t("agreements.to_page"), icon=":material/handshake:")
    with chosen["findings"]:
        if chosen["findings"].open:
            dashboard.all_findings(d)
            edit_parts.omitted(view)
    with chosen["open"]:
        if chosen["open"].open:
            dashboard.open_answers(view)


if __name__ == "__main__":
    render()
