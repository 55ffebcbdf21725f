"""One round: how many answered, invitation links (personal or shared), closing, the group answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from diagnose.problems import ValidationFailed
from diagnose.store.types import NewInvitation, RoundIdentity, RoundInfo
from netscan_app import context, state
from netscan_app.guard import require_user
from netscan_app.i18n import current_lang, loc, t, tn
from netscan_app.links import invite_link, links_csv
from netscan_app.main import page_path
from netscan_app.resources import get_bundle, get_store
from netscan_app.widgets import choose_first, md_escape, show_flash

MAX_LINKS = 500


def _new_links_key(rnd: RoundInfo) -> str:
    return f"new_links_{rnd.id}"


def _remember(rnd: RoundInfo, made: list[NewInvitation]) -> None:
    rows: list[tuple[str, str]] = st.session_state.setdefault(_new_links_key(rnd), [])
    for new in made:
        label = new.invitation.label or (
            t("round.shared_label")
            if new.invitation.kind == "shared"
            else t("round.link_number", number=new.invitation.id)
        )
        rows.append((label, invite_link(new.token)))


def _status(rnd: RoundInfo) -> None:
    store = get_store()
    c = store.round_counts(rnd.id)
    cols = st.columns(4)
    cols[0].metric(t("round.invited"), c.invited, help=t("round.invited_help"))
    cols[1].metric(t("round.started"), c.started, help=t("round.started_help"))
    cols[2].metric(t("round.submitted"), c.submitted, help=t("round.submitted_help"))
    minimum = get_bundle().settings.anonymity_minimum
    cols[3].metric(t("round.minimum"), minimum, help=t("round.minimum_help"))
    if c.invited:
        share = min(c.submitted / c.invited, 1.0)
        st.progress(share, text=t("round.response_rate", percent=round(share * 100)))
    if rnd.response_rate_minimum and rnd.id in store.closed_results([rnd.id]):
        reason = store.closed_results([rnd.id])[rnd.id]
        if reason == "response_rate":
            st.caption(t("round.threshold_not_met", minimum=rnd.response_rate_minimum))


def _privacy(rnd: RoundInfo) -> None:
    """Anonymous or named, and the response-rate threshold: what respondents are told and when
    results open (diagnose.diagnosis.results_open decides; the store keeps the setting)."""
    store = get_store()
    with st.expander(t("round.privacy_title"), icon=":material/shield:"):
        options = ["anonymous", "named"]
        choice = st.radio(
            t("round.identity"),
            options,
            index=options.index(rnd.identity),
            format_func=lambda v: t(f"round.identity_{v}"),
            key=f"identity_{rnd.id}",
            horizontal=True,
        )
        identity: RoundIdentity = "named" if choice == "named" else "anonymous"
        st.caption(t(f"round.identity_{identity}_help"))
        rate = st.number_input(
            t("round.threshold"),
            min_value=0,
            max_value=100,
            value=rnd.response_rate_minimum or 0,
            step=5,
            key=f"threshold_{rnd.id}",
            help=t("round.threshold_help"),
        )
        if not store.round_counts(rnd.id).invited and rate:
            st.caption(t("round.threshold_no_links"))
        wanted = int(rate) or None
        if identity != rnd.identity or wanted != rnd.response_rate_minimum:
            try:
                store.update_round(rnd.id, identity=identity, response_rate_minimum=wanted)
            except ValidationFailed as exc:
                st.error(exc.problems[0].what(current_lang()), icon=":material/error:")
                return
            st.rerun()


def _actions(rnd: RoundInfo) -> None:
    store = get_store()
    with st.container(horizontal=True, key="round_actions"):
        if st.button(
            t("overview.open_results"), key="to_results", icon=":material/insights:", type="primary"
        ):
            st.switch_page(page_path("results"))
        if rnd.is_open:
            if st.button(
                t("round.group_answer"),
                key="to_group",
                icon=":material/groups:",
                help=t("round.group_answer_help"),
            ):
                st.switch_page(page_path("group"))
            if st.button(
                t("round.close"), key="close_round", icon=":material/lock:", help=t("round.close_help")
            ):
                store.close_round(rnd.id)
                st.session_state["flash"] = t("round.closed_done")
                st.rerun()
        elif st.button(t("round.reopen"), key="reopen_round", icon=":material/lock_open:"):
            store.reopen_round(rnd.id)
            st.session_state["flash"] = t("round.reopened_done")
            st.rerun()
    visible = st.toggle(
        t("network.results_visible"),
        value=rnd.results_visible_to_respondents,
        key=f"visible_{rnd.id}",
        help=t("network.results_visible_help"),
    )
    if visible != rnd.results_visible_to_respondents:
        store.update_round(rnd.id, results_visible_to_respondents=visible)
        st.rerun()


def _create_links(rnd: RoundInfo) -> None:
    store = get_store()
    st.markdown(f"### {t('round.links_title')}")
    if not rnd.is_open:
        st.info(t("round.closed_no_links"), icon=":material/lock:")
        return
    st.markdown(t("round.links_intro"))
    personal, shared = st.tabs([t("round.tab_personal"), t("round.tab_shared")])
    with personal, st.form("new_links", border=False):
        labels_text = st.text_area(
            t("round.labels"),
            key="new_link_labels",
            help=t("round.labels_help"),
            placeholder=t("round.labels_placeholder"),
            height=120,
        )
        count = st.number_input(
            t("round.count"),
            min_value=1,
            max_value=MAX_LINKS,
            value=10,
            step=1,
            key="new_link_count",
            help=t("round.count_help"),
        )
        expires = st.date_input(
            t("round.expires"),
            value=None,
            key="new_link_expires",
            format="DD-MM-YYYY",
            min_value=dt.date.today(),
            help=t("round.expires_help"),
        )
        if st.form_submit_button(t("round.make_links"), type="primary", icon=":material/add_link:"):
            labels = [line.strip() for line in labels_text.splitlines() if line.strip()]
            until = dt.datetime.combine(expires, dt.time(23, 59), tzinfo=dt.timezone.utc) if expires else None
            try:
                made = store.create_invitations(
                    rnd.id, int(count), labels=labels[:MAX_LINKS] or None, expires_at=until
                )
            except ValidationFailed as exc:
                st.error(exc.problems[0].what(current_lang()), icon=":material/error:")
            else:
                _remember(rnd, made)
                st.rerun()
    with shared:
        st.markdown(t("round.shared_intro"))
        if st.button(t("round.make_shared"), key="make_shared", icon=":material/share:"):
            _remember(rnd, [store.create_shared_link(rnd.id)])
            st.rerun()


def _new_links(rnd: RoundInfo) -> None:
    rows: list[tuple[str, str]] = st.session_state.get(_new_links_key(rnd), [])
    if not rows:
        return
    with st.container(border=True, key="new_links_box"):
        st.markdown(f"#### {tn('round.new_links_title', len(rows))}")
        st.warning(t("round.new_links_once"), icon=":material/key:")
        st.code("\n".join(f"{label}: {link}" for label, link in rows), language=None, wrap_lines=True)
        net = get_store().get_network(rnd.network_id)
        file_name = f"uitnodigingslinks-{net.name}-{rnd.label}.csv".replace(" ", "-").replace("/", "-")
        st.download_button(
            t("round.download_links"),
            data=links_csv(rows, (t("round.col_label"), t("round.col_link"))),
            file_name=file_name,
            mime="text/csv",
            on_click="ignore",
            key="download_links",
            icon=":material/download:",
        )


def _role_label(rnd: RoundInfo, role: str | None) -> str:
    if role is None:
        return "–"
    q = get_bundle().questionnaire(rnd.questionnaire_id, rnd.questionnaire_version)
    item = q.fact_item("respondent_role")
    labels = {o.value: loc(o.label) for o in (item.options or [])} if item is not None else {}
    return labels.get(role, role)


def _invitations(rnd: RoundInfo) -> None:
    store = get_store()
    invitations = store.list_invitations(rnd.id)
    st.markdown(f"### {t('round.existing_title')}")
    if not invitations:
        st.caption(t("round.no_links"))
        return
    now = dt.datetime.now(dt.timezone.utc)
    roles = store.named_roles(rnd.id)  # only in a named round, and said so
    if rnd.named:
        st.caption(t("round.named_table"))
    rows: list[dict[str, Any]] = []
    for inv in invitations:
        state_ = inv.state(now)
        rows.append(
            {
                t("round.col_label"): inv.label or "–",
                t("round.col_kind"): t(f"round.kind_{inv.kind}"),
                t("round.col_state"): t(f"round.state_{state_}"),
                t("round.col_responses"): inv.responses,
                **({t("round.col_role"): _role_label(rnd, roles.get(inv.id))} if rnd.named else {}),
                t("round.col_created"): inv.created_at.strftime("%d-%m-%Y"),
            }
        )
    st.dataframe(rows, hide_index=True, key="invitation_table")
    active = [inv for inv in invitations if inv.revoked_at is None]
    if active:
        with st.form("revoke", border=False):
            labels = {
                inv.id: f"{inv.label or t('round.link_number', number=inv.id)} ({t(f'round.kind_{inv.kind}')})"
                for inv in active
            }
            chosen = st.multiselect(
                t("round.revoke_pick"),
                list(labels),
                select_all=False,  # Streamlit names that option in English only ("Select all")
                format_func=labels.__getitem__,
                key="revoke_pick",
                help=t("round.revoke_help"),
                placeholder=t("round.revoke_placeholder"),
            )
            if st.form_submit_button(t("round.revoke"), icon=":material/link_off:") and chosen:
                for invitation_id in chosen:
                    store.revoke_invitation(invitation_id)
                st.session_state["flash"] = tn("round.revoked_done", len(chosen))
                st.rerun()


def render() -> None:
    user = require_user("round")
    rnd = context.round_(user)
    if rnd is None:
        state.keep_params(**{state.NETWORK: state.selected(state.NETWORK)})
        st.title(t("nav.round"))
        choose_first("round.choose")
        return
    state.keep_params(**{state.NETWORK: rnd.network_id, state.ROUND: rnd.id})
    net = get_store().get_network(rnd.network_id)
    q = get_bundle().questionnaire(rnd.questionnaire_id, rnd.questionnaire_version)
    st.caption(md_escape(net.name))
    st.title(md_escape(rnd.label))
    status = t("round.status_open") if rnd.is_open else t("round.status_closed")
    st.markdown(f"{status} · {loc(q.title)} ({q.id} {q.version})")
    show_flash()
    _status(rnd)
    _actions(rnd)
    _privacy(rnd)
    st.divider()
    left, right = st.columns([1, 1], gap="large")
    with left:
        _create_links(rnd)
    with right:
        _new_links(rnd)
    st.divider()
    _invitations(rnd)


if __name__ == "__main__":
    render()
