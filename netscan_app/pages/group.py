"""One group answer filled in live, e.g. during an intake: autosaved like a respondent's draft.

A round that consists of this one group answer shows its results (it is one answer of the group,
not an individual's): the exception to the anonymity minimum.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from diagnose.store import StoreError
from netscan_app import context, state
from netscan_app.backend import check_response
from netscan_app.form import FormContext, render_form
from netscan_app.guard import require_user
from netscan_app.i18n import current_lang, t
from netscan_app.main import page_path
from netscan_app.resources import get_bundle, get_store
from netscan_app.widgets import choose_first, md_escape, scroll_to_top_if_asked


def render() -> None:
    user = require_user("group")
    rnd = context.round_(user)
    if rnd is None:
        state.keep_params()
        st.title(t("nav.group"))
        choose_first("round.choose")
        return
    store = get_store()
    net = store.get_network(rnd.network_id)
    response_id = state.selected(state.RESPONSE)
    if response_id is not None:
        try:
            response, owner = check_response(store, user.id, response_id)
        except StoreError:
            response_id = None
        else:
            if owner.id != rnd.id or not response.group:
                response_id = None
            elif response.status == "submitted":
                state.select(state.RESPONSE, None)
                response_id = None
    scroll_to_top_if_asked()
    if response_id is None:
        state.keep_params(**{state.NETWORK: rnd.network_id, state.ROUND: rnd.id})
        st.caption(md_escape(net.name))
        st.title(t("group.title", round=md_escape(rnd.label)))
        if not rnd.is_open:
            st.info(t("group.closed"), icon=":material/lock:")
            return
        st.markdown(t("group.intro"))
        label = st.text_input(
            t("group.label"),
            value=t("group.default_label", date=dt.date.today().strftime("%d-%m-%Y")),
            key="group_label",
            max_chars=200,
        )
        if st.button(t("group.start"), type="primary", key="group_start", icon=":material/play_arrow:"):
            try:
                draft = store.start_group_response(rnd.id, label.strip() or t("group.title", round=rnd.label))
            except StoreError as exc:
                st.error(exc.problems[0].what(current_lang()), icon=":material/error:")
                return
            state.select(state.RESPONSE, draft.id)
            st.rerun()
        return
    q = get_bundle().questionnaire(rnd.questionnaire_id, rnd.questionnaire_version)

    def keep(page: int) -> None:
        state.keep_params(
            **{
                state.NETWORK: rnd.network_id,
                state.ROUND: rnd.id,
                state.RESPONSE: response_id,
                state.PAGE: page,
            }
        )

    ctx = FormContext(response_id=response_id, q=q, network_name=net.name, group=True, keep_url=keep)

    def submit() -> list[str] | None:
        try:
            missing = store.submit(response_id)
        except StoreError as exc:
            st.error(exc.problems[0].what(current_lang()), icon=":material/error:")
            return None
        if not missing:
            state.select(state.RESPONSE, None)
            st.session_state["flash"] = t("group.submitted")
            st.switch_page(page_path("results"))
        return missing

    st.info(t("group.banner"), icon=":material/groups:")
    render_form(ctx, state.selected(state.PAGE), submit)


if __name__ == "__main__":
    render()
