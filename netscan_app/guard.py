"""Protected pages start with ``require_user()``: signed out, the visitor goes to the sign-in page."""

from __future__ import annotations

import streamlit as st

from diagnose.store.types import User
from netscan_app import auth
from netscan_app.main import PAGES, page_path

AFTER_SIGN_IN = "after_sign_in"


def require_user(page: str) -> User:
    user = auth.current_user()
    if user is None:
        st.session_state[AFTER_SIGN_IN] = page
        st.switch_page(page_path("sign_in"))
    assert user is not None
    return user


def after_sign_in_page() -> str:
    name = st.session_state.pop(AFTER_SIGN_IN, None)
    return page_path(name if name in PAGES and name not in ("sign_in", "questionnaire") else "overview")
