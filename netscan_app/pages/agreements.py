"""Agreements (afspraken): what came of last time's, this round's with their status, a new one, and
the network's timeline (netscan_app/agreement_parts.py does the work)."""

from __future__ import annotations

import streamlit as st

from diagnose.store.round_view import round_view
from netscan_app import agreement_parts, context, state
from netscan_app.guard import require_user
from netscan_app.i18n import t
from netscan_app.resources import get_store
from netscan_app.widgets import choose_first, md_escape, show_flash


def render() -> None:
    user = require_user("agreements")
    rnd = context.round_(user)
    if rnd is None:
        state.keep_params()
        st.title(t("nav.agreements"))
        choose_first("agreements.choose")
        return
    state.keep_params(**{state.NETWORK: rnd.network_id, state.ROUND: rnd.id})
    store = get_store()
    net = store.get_network(rnd.network_id)
    st.caption(md_escape(net.name))
    st.title(t("agreements.title", round=md_escape(rnd.label)))
    st.markdown(t("agreements.intro"))
    show_flash()
    view = round_view(store, rnd.id)
    d = view.diagnosis if view else None
    if view is not None:
        agreement_parts.effects_panel(view)
    left, right = st.columns([3, 2], gap="large")
    with left:
        if st.session_state.get(agreement_parts.PREFILL):  # started from a finding: the form first
            agreement_parts.new_agreement(store, user, rnd, d)
            agreement_parts.agreements_list(store, user, rnd, d)
        else:
            agreement_parts.agreements_list(store, user, rnd, d)
            agreement_parts.new_agreement(store, user, rnd, d)
    with right:
        agreement_parts.timeline(store, rnd.network_id)


if __name__ == "__main__":
    render()
