"""Answers a browser brings along when it reconnects to another app process.

When the process serving a respondent dies (a restart, a crash, kill -9), the browser reconnects
through the proxy to another process, which has never run this session. The browser keeps the
answers on its screen and sends them with the first rerun, which is the respondent's next click.
Streamlit then runs no ``on_change`` for that click (the new process has no record of the widget
yet, so it cannot tell what changed), and a value the form presets from the database would replace
what the browser sent: the answer is not saved and its widget goes blank. So the form asks here
whether the browser brought a value for a widget; if so it does not preset that widget, and saves
what the browser shows once the widget is drawn.

This reads Streamlit's session internals (``SessionState._new_widget_state``): a value sent by the
browser for a widget this process has not registered has no metadata yet. Tested for real in
tests/deploy/test_deployment.py (kill -9 of the serving process behind nginx); the Streamlit
version is pinned in deploy/requirements.lock.
"""

from __future__ import annotations

from streamlit.runtime.state.session_state_proxy import get_session_state


def _unregistered_widget_ids() -> list[str]:
    try:
        widgets = get_session_state()._state._new_widget_state
    except (AttributeError, RuntimeError):  # outside a script run, or Streamlit changed: nothing found
        return []
    return [wid for wid in widgets.states if wid not in widgets.widget_metadata]


def brought_by_browser(*keys: str) -> bool:
    """True when the browser sent a value for a widget with one of these keys that this process
    has not drawn yet in this session: the first run after a reconnect to a new process."""
    suffixes = tuple(f"-{key}" for key in keys)
    return any(wid.endswith(suffixes) for wid in _unregistered_widget_ids())
