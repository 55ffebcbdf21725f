"""What a session remembers between pages, and the query parameters that carry it over a refresh.

``st.session_state`` is lost on a refresh and sidebar navigation drops query parameters, so every
page re-asserts the parameters it needs on each run (``keep_params``) and reads them back when the
session is new.
"""

from __future__ import annotations

import streamlit as st

NETWORK = "netwerk"
ROUND = "meting"
RESPONSE = "antwoord"
TOKEN = "t"
RESUME = "r"
PAGE = "p"
LANG = "lang"
OWN_PARAMS = (NETWORK, ROUND, RESPONSE, TOKEN, RESUME, PAGE, LANG)


def _int_param(name: str) -> int | None:
    value = st.query_params.get(name)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def selected(name: str) -> int | None:
    """The selected network/round/response id: from this session, else from the URL."""
    key = f"selected_{name}"
    value = st.session_state.get(key)
    if value is None:
        value = _int_param(name)
        if value is not None:
            st.session_state[key] = value
    return value if isinstance(value, int) else None


def select(name: str, value: int | None) -> None:
    st.session_state[f"selected_{name}"] = value


def keep_params(**params: object) -> None:
    """Make the URL carry exactly these of our parameters (plus the language when not Dutch)."""
    wanted = {k: str(v) for k, v in params.items() if v is not None}
    lang = st.session_state.get("lang")
    if lang and lang != "nl":
        wanted[LANG] = lang
    for name in OWN_PARAMS:
        if name in wanted:
            if st.query_params.get(name) != wanted[name]:
                st.query_params[name] = wanted[name]
        elif name in st.query_params:
            del st.query_params[name]
