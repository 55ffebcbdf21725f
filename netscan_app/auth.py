"""Sign-in for coordinators and consultants: store accounts (argon2), a cookie that survives a refresh.

On sign-in the store issues a login token (only its SHA-256 is kept in the database, with an expiry
and an idle expiry). Served by ``serve.py``, the server sets it as an HttpOnly cookie
(``session_routes``); run as plain ``app.py``, a tiny component writes it from JavaScript. A new
session (a refresh, a new tab) reads it from ``st.context.cookies`` and asks the store who it
belongs to; every later run asks again, so signing out (which deletes the token in the database)
ends the session in every tab and for every copy of the cookie.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from typing import Any

import streamlit as st
import streamlit.components.v2 as components

from diagnose.store.accounts import SignIn
from diagnose.store.types import User
from netscan_app import session_routes
from netscan_app.resources import get_store

COOKIE = "netscan_login"
COOKIE_MAX_AGE = int(dt.timedelta(days=14).total_seconds())
USER_KEY = "auth_user"
TOKEN_KEY = "auth_token"
SIGNED_OUT_KEY = "auth_signed_out"
COOKIE_ACTION_KEY = "auth_cookie_action"
ENDED_KEY = "auth_session_ended"

_COOKIE_JS = """
export default function(component) {
  const data = component.data || {};
  if (data.go) { window.location.assign(data.go); return; }
  if (!data.name) { return; }
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  if (data.value) {
    document.cookie = data.name + "=" + encodeURIComponent(data.value) + "; path=/; max-age=" +
      data.max_age + "; SameSite=Strict" + secure;
  } else {
    document.cookie = data.name + "=; path=/; max-age=0; SameSite=Strict" + secure;
  }
}
"""

_cookie_component: Any = None


def _component() -> Any:
    global _cookie_component
    if _cookie_component is None:
        _cookie_component = components.component("netscan_login_cookie", html="<span></span>", js=_COOKIE_JS)
    return _cookie_component


def current_user() -> User | None:
    """The signed-in user of this session, restored from the login cookie after a refresh.

    The session's token is asked about on every run: signed out in another tab, from a copy of the
    cookie, idle too long or expired, and this tab is signed out at its next click."""
    user: User | None = st.session_state.get(USER_KEY)
    if user is not None:
        token = st.session_state.get(TOKEN_KEY)
        if token is None:  # set by code in this process (AppTest), never by a browser
            return user
        if get_store().user_for_login_token(token) is not None:
            return user
        _forget_session()
        if not session_routes.ENABLED:  # an HttpOnly cookie that maps to nothing is left alone
            st.session_state[COOKIE_ACTION_KEY] = "clear"
        st.session_state[ENDED_KEY] = True
        return None
    if st.session_state.get(SIGNED_OUT_KEY):
        return None
    token = _cookie_token()
    if not token:
        return None
    user = get_store().user_for_login_token(token)
    if user is None:
        if not session_routes.ENABLED:
            st.session_state[COOKIE_ACTION_KEY] = "clear"
        return None
    st.session_state[USER_KEY] = user
    st.session_state[TOKEN_KEY] = token
    return user


def _cookie_token() -> str | None:
    try:
        cookies = st.context.cookies
    except Exception:  # no browser behind this session (AppTest)
        return None
    value = cookies.get(COOKIE) if cookies else None
    return value or None


def client_address() -> str:
    """The browser's address as the server sees it (behind a proxy: the proxy's, see docs/app.md)."""
    try:
        address = st.context.ip_address
    except Exception:  # no browser behind this session (AppTest)
        return ""
    return address if isinstance(address, str) else ""


def sign_in(email: str, password: str, next_path: str = "/") -> SignIn:
    """Check the password under the store's throttling; on success start a server-side session.
    With the server's routes (serve.py) the browser is sent to have its HttpOnly cookie set and
    then on to `next_path`; the caller stops the page (``handing_over``)."""
    store = get_store()
    attempt = store.sign_in(email, password, client_address())
    user = attempt.user
    if user is None:
        return attempt
    if session_routes.ENABLED:  # the server sets the cookie (HttpOnly); the browser goes there now
        code = store.create_login_token(user.id, session_routes.HANDOVER_TTL)
        query = urllib.parse.urlencode({"code": code, "next": next_path})
        st.session_state[COOKIE_ACTION_KEY] = f"go:{session_routes.SESSION_PATH}?{query}"
        return attempt
    token = store.create_login_token(user.id)
    st.session_state[USER_KEY] = user
    st.session_state[TOKEN_KEY] = token
    st.session_state[SIGNED_OUT_KEY] = False
    st.session_state[COOKIE_ACTION_KEY] = "set"
    return attempt


def sign_out() -> None:
    token = st.session_state.get(TOKEN_KEY) or _cookie_token()
    if token:
        get_store().revoke_login_token(token)  # ends the session in every tab and every cookie copy
    _forget_session()
    st.session_state[SIGNED_OUT_KEY] = True
    st.session_state[COOKIE_ACTION_KEY] = "clear"


def _forget_session() -> None:
    for key in list(st.session_state.keys()):
        if key not in ("lang",):
            del st.session_state[key]


def handing_over() -> bool:
    """True while the browser is being sent to the server's cookie route (the page shows nothing
    else); the component is drawn by sync_cookie."""
    action = st.session_state.get(COOKIE_ACTION_KEY)
    return isinstance(action, str) and action.startswith("go:")


def sync_cookie() -> None:
    """Render the cookie component when the browser's cookie must change (after sign-in or -out).

    It is rendered on every run while the change is pending, so a rerun cannot swallow it before the
    browser has run it; once the browser's own cookie matches, nothing is rendered.
    """
    action = st.session_state.get(COOKIE_ACTION_KEY)
    if isinstance(action, str) and action.startswith("go:"):
        _component()(data={"go": action[3:]}, key="login_cookie")
    elif action == "clear" and session_routes.ENABLED:
        _component()(data={"go": session_routes.SIGN_OUT_PATH}, key="login_cookie")
    elif action == "set":
        token = st.session_state.get(TOKEN_KEY)
        if token and _cookie_token() == token:
            st.session_state[COOKIE_ACTION_KEY] = None
            return
        _component()(data={"name": COOKIE, "value": token, "max_age": COOKIE_MAX_AGE}, key="login_cookie")
    elif action == "clear":
        _component()(data={"name": COOKIE, "value": "", "max_age": 0}, key="login_cookie")
