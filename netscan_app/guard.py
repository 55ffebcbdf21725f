"""Protected pages start with ``require_user()``: signed out, the visitor goes to the sign-in page."""

from __future__ import annotations

import urllib.parse

import streamlit as st

from diagnose.store.types import User
from netscan_app import auth
from netscan_app.main import PAGES, page_path

AFTER_SIGN_IN = "after_sign_in"
AFTER_SIGN_IN_PARAMS = "after_sign_in_params"


def require_user(page: str) -> User:
    user = auth.current_user()
    if user is None:
        st.session_state[AFTER_SIGN_IN] = page
        st.session_state[AFTER_SIGN_IN_PARAMS] = {k: st.query_params[k] for k in st.query_params}
        st.switch_page(page_path("sign_in"))
    assert user is not None
    return user


def go_after_sign_in() -> None:
    """To the page (and its URL parameters) the visitor asked for before signing in."""
    name = st.session_state.pop(AFTER_SIGN_IN, None)
    params = st.session_state.pop(AFTER_SIGN_IN_PARAMS, None) or {}
    target = name if name in PAGES and name not in ("sign_in", "questionnaire") else "overview"
    st.switch_page(page_path(target), query_params={k: str(v) for k, v in params.items()})


def after_sign_in_path() -> str:
    """The address of the page (with its URL parameters) to go to after signing in."""
    name = st.session_state.get(AFTER_SIGN_IN)
    params = st.session_state.get(AFTER_SIGN_IN_PARAMS) or {}
    target = name if name in PAGES and name not in ("sign_in", "questionnaire") else "overview"
    query = urllib.parse.urlencode({k: str(v) for k, v in params.items()})
    return "/" + PAGES[target].url_path + (f"?{query}" if query else "")
