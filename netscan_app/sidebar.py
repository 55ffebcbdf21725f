"""The signed-in sidebar: what you are working on (workspace, network, round), language, sign-out."""

from __future__ import annotations

import streamlit as st

from diagnose.store.types import User
from netscan_app import auth, context
from netscan_app.i18n import t
from netscan_app.resources import get_store
from netscan_app.widgets import language_switch, md_escape


def _sync(key: str, value: object) -> None:
    if st.session_state.get(key) != value:
        st.session_state[key] = value


def render_sidebar(user: User) -> None:
    store = get_store()
    with st.sidebar:
        mine = context.workspaces(user)
        ws = context.workspace(user)
        if len(mine) > 1 and ws is not None:
            _sync("side_workspace", ws.id)
            names = {w.id: w.name for w in mine}
            st.selectbox(
                t("side.workspace"),
                list(names),
                format_func=names.__getitem__,
                key="side_workspace",
                on_change=lambda: context.select_workspace(st.session_state["side_workspace"]),
            )
        if ws is not None:
            networks = store.list_networks(ws.id)
            if networks:
                net = context.network(user)
                names = {n.id: n.name for n in networks}
                _sync("side_network", net.id if net else None)

                def network_changed() -> None:
                    chosen = st.session_state.get("side_network")
                    rounds = store.list_rounds(chosen) if chosen is not None else []
                    context.select_network(chosen, rounds[-1].id if rounds else None)

                st.selectbox(
                    t("side.network"),
                    list(names),
                    format_func=names.__getitem__,
                    index=None,
                    placeholder=t("side.network_placeholder"),
                    key="side_network",
                    on_change=network_changed,
                )
                if net is not None:
                    rounds = list(reversed(store.list_rounds(net.id)))
                    if rounds:
                        rnd = context.round_(user)
                        labels = {r.id: r.label for r in rounds}
                        _sync("side_round", rnd.id if rnd else None)

                        def round_changed() -> None:
                            chosen = st.session_state.get("side_round")
                            context.select_network(net.id, chosen)

                        st.selectbox(
                            t("side.round"),
                            list(labels),
                            format_func=labels.__getitem__,
                            index=None,
                            placeholder=t("side.round_placeholder"),
                            key="side_round",
                            on_change=round_changed,
                        )
        st.divider()
        language_switch("sidebar")
        st.caption(t("side.signed_in_as", name=md_escape(user.name or user.email)))
        if st.button(t("side.sign_out"), key="sign_out", icon=":material/logout:"):
            auth.sign_out()
            st.rerun()
