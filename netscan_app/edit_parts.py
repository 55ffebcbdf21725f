"""The consultant's edit on the results page: the mark "Aangepast door ..." with the way to the
edit page, the computed order one switch away, the opening note, and each card's comment."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from diagnose.cards import Card
from diagnose.diagnosis import Diagnosis
from diagnose.store.round_view import RoundView
from netscan_app.i18n import loc, t
from netscan_app.widgets import md_escape

PAGE = "netscan_app/pages/edit.py"


def shown_diagnosis(view: RoundView) -> Diagnosis:
    """The mark and the switch above the summary; the diagnosis the summary shows (the edited one,
    or the computed one while the switch is on)."""
    applied = view.edit
    if applied is None or not applied.edited:
        st.page_link(PAGE, label=t("edit.to_page"), icon=":material/edit_note:")
        return view.diagnosis
    mark = applied.mark()
    with st.container(key="edit_mark"):
        left, right = st.columns([3, 2], vertical_alignment="center")
        with left:
            st.info(t("edit.edited_info", mark=loc(mark)), icon=":material/edit_note:")
        with right:
            computed = st.toggle(t("edit.show_computed"), key="results_show_computed")
            st.page_link(PAGE, label=t("edit.to_page"), icon=":material/edit_note:")
    if computed:
        st.caption(t("edit.showing_computed"))
        return view.computed
    if applied.edit.opening_note:
        with st.container(border=True, key="edit_opening_note"):
            st.markdown(f"**{t('edit.opening_label')}**")
            st.markdown(md_escape(applied.edit.opening_note))
    return view.diagnosis


def comments(view: RoundView, shown: Diagnosis) -> Callable[[Card], str]:
    """Each card's comment while the edited version is shown (none on the computed one)."""
    applied = view.edit
    if applied is None or shown is not view.diagnosis:
        return lambda card: ""
    return applied.comment


def omitted(view: RoundView) -> None:
    """Under all findings: what the edit left out, with the reason (as the full report's appendix)."""
    applied = view.edit
    if applied is None or not applied.omitted:
        return
    with st.container(border=True, key="edit_omitted"):
        st.markdown(f"**{t('edit.omitted_heading')}**")
        st.caption(t("edit.omitted_intro"))
        for finding, reason in applied.omitted:
            st.markdown(f"- **{md_escape(loc(finding.title))}**: {md_escape(reason)}")
