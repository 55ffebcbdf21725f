"""Sign-in for coordinators and consultants; on a fresh, empty database: load the demo data."""

from __future__ import annotations

import streamlit as st

from diagnose.problems import ValidationFailed
from netscan_app import auth
from netscan_app.backend import demo_allowed, load_demo
from netscan_app.guard import after_sign_in_path, go_after_sign_in
from netscan_app.i18n import current_lang, t
from netscan_app.resources import get_store
from netscan_app.widgets import language_switch


def _first_start() -> None:
    """An empty database: the demo only where the server was started for it (NETSCAN_DEMO=1, e.g.
    `make run` on a laptop); on a server meant for real users, only how to make the first account."""
    with st.container(border=True, key="first_start"):
        st.header(t("first.title"), anchor=False)
        if not demo_allowed():
            st.markdown(t("first.no_users"))
            st.code('netscan user add jouw.naam@voorbeeld.nl --name "Jouw Naam" --admin', language="bash")
            return
        st.markdown(t("first.body"))
        if st.button(t("first.load_demo"), type="primary", key="load_demo", icon=":material/play_circle:"):
            with st.spinner(t("first.loading")):
                try:
                    demo = load_demo(get_store())
                except ValidationFailed as exc:
                    st.error(exc.problems[0].what(current_lang()))
                    return
            st.session_state["demo_credentials"] = demo
            st.rerun()
        st.markdown(t("first.own_admin"))
        st.code('netscan user add jouw.naam@voorbeeld.nl --name "Jouw Naam" --admin', language="bash")


def render() -> None:
    if auth.current_user() is not None:
        go_after_sign_in()
    cols = st.columns([1, 2, 1])
    with cols[1]:
        with st.container(horizontal=True, vertical_alignment="center", horizontal_alignment="distribute"):
            st.title(t("app.title"), anchor=False)
            language_switch("sign_in")
        st.markdown(t("sign_in.tagline"))
        store = get_store()
        demo = st.session_state.get("demo_credentials")
        if demo is not None:
            st.success(t("first.loaded", email=demo[0], password=demo[1]), icon=":material/check_circle:")
        elif store.is_empty():
            _first_start()
            return
        with st.form("sign_in_form", border=True):
            st.header(t("sign_in.title"), anchor=False)
            email = st.text_input(
                t("sign_in.email"),
                key="sign_in_email",
                autocomplete="username",
                value=demo[0] if demo else "",
            )
            password = st.text_input(
                t("sign_in.password"),
                type="password",
                key="sign_in_password",
                autocomplete="current-password",
            )
            submitted = st.form_submit_button(t("sign_in.submit"), type="primary", icon=":material/login:")
        if st.session_state.pop(auth.ENDED_KEY, False):
            st.info(t("sign_in.session_ended"), icon=":material/logout:")
        if submitted:
            attempt = auth.sign_in(email, password, after_sign_in_path())
            if auth.handing_over():
                st.info(t("sign_in.handing_over"), icon=":material/login:")
                auth.sync_cookie()
                st.stop()
            if attempt.status == "wrong":
                st.error(t("sign_in.failed"), icon=":material/error:")
            elif attempt.status != "ok":
                minutes = max(1, round(attempt.retry_after / 60))
                st.warning(
                    t(f"sign_in.{attempt.status}", seconds=attempt.retry_after, minutes=minutes),
                    icon=":material/hourglass_top:",
                )
            else:
                st.session_state.pop("demo_credentials", None)
                go_after_sign_in()
        st.caption(t("sign_in.respondent_hint"))
        st.caption(t("sign_in.forgot"))


if __name__ == "__main__":
    render()
