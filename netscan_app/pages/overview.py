"""The workspace overview: every network with its rounds and response counts; a new network. A
workspace with PORTFOLIO_FROM networks or more gets the portfolio table instead of cards
(netscan_app/portfolio_page.py)."""

from __future__ import annotations

import streamlit as st

from diagnose.problems import ValidationFailed
from diagnose.store.types import NetworkInfo, RoundHistory, User, Workspace
from netscan_app import context, state
from netscan_app.guard import require_user
from netscan_app.i18n import current_lang, t, tn
from netscan_app.main import page_path
from netscan_app.portfolio_page import PORTFOLIO_FROM, portfolio
from netscan_app.profile import profile_fields, profile_summary
from netscan_app.resources import get_bundle, get_store
from netscan_app.widgets import md_escape, show_flash


def _round_line(entry: RoundHistory) -> str:
    r, c = entry.round, entry.counts
    status = t("round.status_open") if r.is_open else t("round.status_closed")
    date = f" · {r.date.strftime('%d-%m-%Y')}" if r.date else ""
    counts = t("overview.counts", submitted=c.submitted, invited=c.invited, started=c.started)
    return f"**{md_escape(r.label)}**{date} · {status} · {counts}"


def _network_card(net: NetworkInfo) -> None:
    store = get_store()
    history = store.network_history(net.id)
    with st.container(border=True, key=f"network_{net.id}"):
        head = st.columns([3, 2], vertical_alignment="center")
        with head[0]:
            st.markdown(f"### {md_escape(net.name)}")
            facts = profile_summary(get_bundle(), net.profile)
            if facts:
                st.caption(" · ".join(value for _, value in facts[:3]))
        with head[1], st.container(horizontal=True, horizontal_alignment="right"):
            if st.button(t("overview.open_network"), key=f"open_network_{net.id}", icon=":material/hub:"):
                context.select_network(net.id, history[-1].round.id if history else None)
                st.switch_page(page_path("network"))
            if history and st.button(
                t("overview.open_results"),
                key=f"open_results_{net.id}",
                icon=":material/insights:",
                type="primary",
            ):
                context.select_network(net.id, history[-1].round.id)
                st.switch_page(page_path("results"))
        if not history:
            st.caption(t("overview.no_rounds"))
        for entry in reversed(history[-3:]):
            row = st.columns([5, 1], vertical_alignment="center")
            row[0].markdown(_round_line(entry))
            if row[1].button(t("overview.open_round"), key=f"open_round_{entry.round.id}", width="stretch"):
                context.select_round(entry.round)
                st.switch_page(page_path("round"))
        if len(history) > 3:
            st.caption(tn("overview.more_rounds", len(history) - 3))


def _new_network(ws: Workspace) -> None:
    with (
        st.expander(
            t("overview.new_network"),
            icon=":material/add_circle:",
            expanded=not get_store().list_networks(ws.id),
        ),
        st.form("new_network", border=False),
    ):
        name = st.text_input(
            t("overview.network_name"),
            key="new_network_name",
            max_chars=200,
            placeholder=t("overview.network_name_placeholder"),
        )
        st.caption(t("overview.profile_help"))
        profile = profile_fields(get_bundle(), {}, "new_network")
        if st.form_submit_button(t("overview.create_network"), type="primary", icon=":material/add:"):
            try:
                net = get_store().create_network(ws.id, name.strip(), profile)
            except ValidationFailed as exc:
                st.error(exc.problems[0].what(current_lang()), icon=":material/error:")
                return
            context.select_network(net.id, None)
            st.session_state["flash"] = t("overview.created", name=net.name)
            st.switch_page(page_path("network"))


def render() -> None:
    user: User = require_user("overview")
    state.keep_params()
    ws = context.workspace(user)
    if ws is None:
        st.title(t("overview.title_none"))
        st.info(t("overview.no_workspace"), icon=":material/info:")
        return
    st.title(md_escape(ws.name))
    show_flash()  # e.g. "network deleted, its copy is in …" after the network page's delete
    if ws.is_demo:
        st.info(t("overview.demo"), icon=":material/science:")
    networks = get_store().list_networks(ws.id)
    if len(networks) >= PORTFOLIO_FROM:
        portfolio(ws)
        _new_network(ws)
        return
    st.markdown(tn("overview.intro", len(networks)))
    _new_network(ws)
    for net in networks:
        _network_card(net)


if __name__ == "__main__":
    render()
