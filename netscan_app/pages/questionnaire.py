"""The respondent's page, reached by an invitation link ``/?t=TOKEN`` (no account needed).

The token reaches only its own response in its own round: the page asks the store to open the
link and from then on works with that one response id. Closed rounds, revoked and expired links
and unknown tokens get a polite explanation instead of the questionnaire.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from diagnose.store import StoreError
from diagnose.store.round_view import round_view
from diagnose.store.types import Opened, RoundInfo
from netscan_app import state
from netscan_app.form import FormContext, render_form
from netscan_app.i18n import loc, t
from netscan_app.resources import get_bundle, get_store
from netscan_app.widgets import language_switch, md_escape, scroll_to_top_if_asked

SESSION_KEY = "respondent"


def _open(token: str, resume: str | None) -> dict[str, Any]:
    store = get_store()
    opened: Opened = store.open_response(token, resume)
    info: dict[str, Any] = {
        "token": token,
        "status": opened.status,
        "round": opened.round,
        "response_id": opened.response.id if opened.response else None,
        "resume": opened.resume_key or resume,
        "network": None,
    }
    if opened.round is not None:
        info["network"] = store.get_network(opened.round.network_id).name
    return info


def _session(token: str, resume: str | None) -> dict[str, Any]:
    info: dict[str, Any] | None = st.session_state.get(SESSION_KEY)
    if info is None or info["token"] != token or st.session_state.pop("form_blocked", None):
        info = _open(token, resume)
        st.session_state[SESSION_KEY] = info
    return info


def _keep_url(token: str, resume: str | None) -> Any:
    def keep(page: int) -> None:
        state.keep_params(**{state.TOKEN: token, state.RESUME: resume, state.PAGE: page})

    return keep


def _message(title_key: str, body_key: str, icon: str, network: str = "", **values: Any) -> None:
    _top(network)
    st.title(t(title_key), anchor=False)
    st.info(t(body_key, network=md_escape(network), **values), icon=icon)


def _top(network: str) -> None:
    with st.container(
        horizontal=True, vertical_alignment="center", horizontal_alignment="distribute", key="form_top"
    ):
        st.caption(md_escape(network))
        language_switch("respondent")


def _thanks(info: dict[str, Any]) -> None:
    rnd: RoundInfo | None = info["round"]
    _top(info["network"] or "")
    st.title(t("respondent.thanks_title"), anchor=False)
    st.success(t("respondent.thanks_body"), icon=":material/check_circle:")
    if rnd is None or not rnd.results_visible_to_respondents:
        st.markdown(t("respondent.thanks_no_results"))
        return
    view = round_view(get_store(), rnd.id)
    if view is None or not view.results_allowed or view.diagnosis.round.group_only:
        minimum = get_bundle().settings.anonymity_minimum
        if view is not None and view.diagnosis.response_rate_short and view.diagnosis.anonymity.met:
            st.info(t("respondent.results_after_threshold"), icon=":material/hourglass_top:")
        else:
            st.info(t("respondent.results_later", n=minimum), icon=":material/hourglass_top:")
        return
    from netscan_app.dashboard import respondent_results

    respondent_results(view.diagnosis)


def render() -> None:
    token = st.query_params.get(state.TOKEN, "")
    resume = st.query_params.get(state.RESUME)
    try:
        url_page = int(st.query_params.get(state.PAGE, ""))
    except ValueError:
        url_page = None
    scroll_to_top_if_asked()
    info = _session(token, resume)
    status = info["status"]
    if status in ("unknown", "revoked", "expired"):
        state.keep_params(**{state.TOKEN: token})
        _message(
            f"respondent.{status}_title",
            f"respondent.{status}_body",
            ":material/link_off:",
            network=info["network"] or "",
        )
        return
    if status == "closed":
        state.keep_params(**{state.TOKEN: token})
        _message(
            "respondent.closed_title",
            "respondent.closed_body",
            ":material/event_busy:",
            network=info["network"] or "",
            round=md_escape(info["round"].label),
        )
        return
    if status == "submitted":
        state.keep_params(**{state.TOKEN: token, state.RESUME: info["resume"]})
        _thanks(info)
        return
    rnd: RoundInfo = info["round"]
    q = get_bundle().questionnaire(rnd.questionnaire_id, rnd.questionnaire_version)
    ctx = FormContext(
        response_id=info["response_id"],
        q=q,
        network_name=info["network"] or "",
        identity=rnd.identity,
        keep_url=_keep_url(token, info["resume"]),
    )

    def submit() -> list[str] | None:
        try:
            missing = get_store().submit(ctx.response_id)
        except StoreError:
            st.session_state["form_blocked"] = True
            st.rerun()
        if not missing:
            info["status"] = "submitted"
            st.session_state["scroll_top"] = True
            st.rerun()
        return missing

    render_form(ctx, url_page, submit)
    st.divider()
    st.caption(t("respondent.footer", title=loc(q.title)))


if __name__ == "__main__":
    render()
