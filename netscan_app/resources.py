"""Process-wide, thread-safe objects shared by every session: the store and the diagnostic content.

``st.cache_resource`` objects are shared by all sessions and threads, so only thread-safe things
live here: the Store (a SQLAlchemy connection pool, see diagnose.store.api) and the Bundle (its rules
engine guards evaluation with a lock).
"""

from __future__ import annotations

import streamlit as st

from diagnose.bundle import Bundle
from diagnose.store import Store


@st.cache_resource(show_spinner=False)
def get_store() -> Store:
    store = Store.open()
    store.ensure_schema()
    return store


def get_bundle() -> Bundle:
    return get_store().bundle
