"""The UI's words: one catalogue (messages.py) with Dutch and English for every string.

The language of a session lives in ``st.session_state`` (and in the ``lang`` query parameter, so a
refresh keeps it). Never ``gettext.install()``: the server is shared by many sessions at once.
"""

from __future__ import annotations

import string
from typing import Any

import streamlit as st

from diagnose.text import DEFAULT_LANG, LANGUAGES, Lang, LocalizedText
from netscan_app.messages import MESSAGES

LANG_KEY = "lang"


def current_lang() -> Lang:
    for value in (st.session_state.get(LANG_KEY), st.query_params.get(LANG_KEY)):
        for lang in LANGUAGES:
            if value == lang:
                st.session_state[LANG_KEY] = lang
                return lang
    st.session_state[LANG_KEY] = DEFAULT_LANG
    return DEFAULT_LANG


def set_lang(lang: Lang) -> None:
    st.session_state[LANG_KEY] = lang


def t(key: str, **values: Any) -> str:
    """The message ``key`` in the session's language, with ``{placeholders}`` filled in."""
    return translate(key, current_lang(), **values)


def tn(key: str, count: int, **values: Any) -> str:
    """A message with a number in it: ``key.one`` for exactly one, ``key.other`` otherwise."""
    return t(f"{key}.{'one' if count == 1 else 'other'}", count=count, **values)


def translate(key: str, lang: Lang, **values: Any) -> str:
    text = MESSAGES[key].get(lang)
    return text.format(**values) if values else text


def loc(text: LocalizedText | None) -> str:
    """A LocalizedText from the content files (questionnaires, rules) in the session's language."""
    return text.get(current_lang()) if text is not None else ""


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
