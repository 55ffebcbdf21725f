"""The app's entry: page set-up, language, and which pages a visitor can reach (``st.navigation``).

- An invitation link ``/?t=TOKEN`` shows only the questionnaire (no navigation, no account).
- Signed out, every page is registered (so a bookmarked URL resolves) but the navigation is hidden
  and the protected pages send the visitor to the sign-in page.
- Signed in, the sidebar shows the workspace pages, the network and round being worked on, the
  language switch and sign-out.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import streamlit as st

from diagnose.store.audit import UNKNOWN_ACTOR, Actor, act_as
from diagnose.store.errors import DatabaseUnavailable
from netscan_app import auth, state
from netscan_app.i18n import current_lang, t
from netscan_app.widgets import document_language, page_style

ICON = ":material/hub:"


@dataclass(frozen=True)
class PageDef:
    name: str
    path: str
    url_path: str
    title_key: str
    icon: str


PAGES: dict[str, PageDef] = {
    p.name: p
    for p in (
        PageDef("sign_in", "netscan_app/pages/sign_in.py", "aanmelden", "nav.sign_in", ":material/login:"),
        PageDef(
            "overview", "netscan_app/pages/overview.py", "overzicht", "nav.overview", ":material/dashboard:"
        ),
        PageDef("network", "netscan_app/pages/network.py", "netwerk", "nav.network", ":material/hub:"),
        PageDef("round", "netscan_app/pages/round.py", "meting", "nav.round", ":material/forward_to_inbox:"),
        PageDef(
            "participants",
            "netscan_app/pages/participants.py",
            "deelnemers",
            "nav.participants",
            ":material/contact_mail:",
        ),
        PageDef(
            "results", "netscan_app/pages/results.py", "resultaten", "nav.results", ":material/insights:"
        ),
        PageDef("edit", "netscan_app/pages/edit.py", "aanpassen", "nav.edit", ":material/edit_note:"),
        PageDef(
            "agreements",
            "netscan_app/pages/agreements.py",
            "afspraken",
            "nav.agreements",
            ":material/handshake:",
        ),
        PageDef("group", "netscan_app/pages/group.py", "groepsantwoord", "nav.group", ":material/groups:"),
        PageDef("data", "netscan_app/pages/data.py", "gegevens", "nav.data", ":material/import_export:"),
        PageDef("audit", "netscan_app/pages/audit.py", "logboek", "nav.audit", ":material/history:"),
        PageDef(
            "questionnaire",
            "netscan_app/pages/questionnaire.py",
            "vragenlijst",
            "nav.questionnaire",
            ":material/edit_note:",
        ),
    )
}


def page_path(name: str) -> str:
    return PAGES[name].path


def _page(name: str, *, default: bool = False, hidden: bool = False) -> st.Page:
    p = PAGES[name]
    return st.Page(
        p.path,
        title=t(p.title_key),
        icon=p.icon,
        url_path=p.url_path,
        default=default,
        visibility="hidden" if hidden else "visible",
    )


def _to_overview() -> None:
    """Signed in, "/" goes on to the overview, which keeps its own address /overzicht either way
    (as the default page it would live at "/" only, and a bookmarked /overzicht said "Page not
    found")."""
    st.switch_page(page_path("overview"), query_params=dict(st.query_params.to_dict()))


def main() -> None:
    current_lang()
    respondent = bool(st.query_params.get(state.TOKEN))
    st.set_page_config(
        page_title=t("app.title"),
        page_icon=ICON,
        layout="centered" if respondent else "wide",
        initial_sidebar_state="collapsed" if respondent else "auto",
    )
    page_style()
    document_language()
    try:
        _run(respondent)
    except DatabaseUnavailable as exc:
        database_trouble(exc, respondent=respondent)


def _run(respondent: bool) -> None:
    if respondent:
        nav = st.navigation([_page("questionnaire", default=True)], position="hidden")
        nav.run()
        return
    user = auth.current_user()
    # what this run does is done by this user (the audit trail reads it: diagnose/store/audit.py)
    act_as(Actor(user.email, user.id) if user is not None else UNKNOWN_ACTOR)
    if user is None:
        pages = [_page("sign_in", default=True)] + [
            _page(n)
            for n in (
                "overview",
                "network",
                "round",
                "participants",
                "results",
                "edit",
                "agreements",
                "group",
                "data",
                "audit",
            )
        ]
        nav = st.navigation(pages, position="hidden")
    else:
        nav = st.navigation(
            {
                t("nav.section_work"): [
                    st.Page(_to_overview, title=t("nav.overview"), default=True, visibility="hidden"),
                    _page("overview"),
                    _page("network"),
                    _page("round"),
                    _page("participants"),
                    _page("results"),
                    _page("edit"),
                    _page("agreements"),
                    _page("group", hidden=True),
                ],
                t("nav.section_admin"): [_page("data"), _page("audit"), _page("sign_in", hidden=True)],
            },
            position="sidebar",
        )
        from netscan_app.sidebar import render_sidebar

        render_sidebar(user)
    auth.sync_cookie()
    nav.run()


def database_trouble(exc: DatabaseUnavailable, *, respondent: bool) -> None:
    """Instead of Streamlit's error page: what is wrong with the database, in the visitor's words.
    A respondent hears that nothing is lost and to come back; a coordinator also hears the cause
    and what to check (the driver's own words last, for whoever maintains the server)."""
    logging.getLogger("netscan.app").warning("database unavailable (%s): %s", exc.reason, exc.problem)
    if respondent:
        st.markdown(f"## {t('db.respondent_title')}")
        st.info(t("db.respondent_body"), icon=":material/hourglass_top:")
    else:
        st.markdown(f"## {t('db.title')}")
        st.error(t(f"db.{exc.reason}"), icon=":material/database:")
        st.caption(t("db.detail", detail=str(exc.problem.params.get("detail", ""))))
    st.button(t("db.retry"), key="db_retry", icon=":material/refresh:", type="primary")
