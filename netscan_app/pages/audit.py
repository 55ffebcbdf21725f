"""The audit trail of a workspace, for its administrators: sign-ins, exports, deletions, edits."""

from __future__ import annotations

import streamlit as st

from diagnose.store import AccessDenied
from netscan_app import context, state
from netscan_app.guard import require_user
from netscan_app.i18n import t
from netscan_app.resources import get_store
from netscan_app.widgets import local_date_time, md_escape

PAGE_SIZE = 200


def render() -> None:
    user = require_user("audit")
    state.keep_params()
    ws = context.workspace(user)
    st.title(t("audit.title"))
    if ws is None:
        st.info(t("overview.no_workspace"), icon=":material/info:")
        return
    store = get_store()
    try:
        store.require_member(user.id, ws.id, role="admin")
    except AccessDenied:
        st.info(t("audit.admins_only"), icon=":material/lock:")
        return
    st.markdown(t("audit.intro", workspace=md_escape(ws.name)))
    events = store.audit_events(ws.id, limit=PAGE_SIZE)
    if not events:
        st.info(t("audit.empty"), icon=":material/info:")
        return
    st.dataframe(
        [
            {
                t("audit.when"): local_date_time(e.at),
                t("audit.who"): e.actor,
                t("audit.what"): t(f"audit.action.{e.action}"),
                t("audit.subject"): e.subject,
            }
            for e in events
        ],
        hide_index=True,
        use_container_width=True,
    )
    if len(events) == PAGE_SIZE:
        st.caption(t("audit.more", count=PAGE_SIZE))


if __name__ == "__main__":
    render()
