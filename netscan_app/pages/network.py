"""One network: its profile, its rounds, a new round, and (carefully) deleting it."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from diagnose.problems import ValidationFailed
from diagnose.regions import REGION
from diagnose.store.transfer.kept import slug
from diagnose.store.types import DeletionScope, ExportBy, NetworkInfo
from netscan_app import auth, context, state
from netscan_app.guard import require_user
from netscan_app.i18n import current_lang, loc, t, tn
from netscan_app.main import page_path
from netscan_app.profile import profile_fields, profile_items, profile_summary
from netscan_app.resources import get_bundle, get_store
from netscan_app.widgets import choose_first, md_escape, show_flash

QUESTIONNAIRES = ("netwerkscan", "quickscan")


def _rounds(net: NetworkInfo) -> None:
    history = get_store().network_history(net.id)
    st.markdown(f"### {t('network.rounds')}")
    if not history:
        st.caption(t("network.no_rounds"))
    for entry in reversed(history):
        r, c = entry.round, entry.counts
        with st.container(border=True, key=f"round_row_{r.id}"):
            date = r.date.strftime("%d-%m-%Y") if r.date else "–"
            status = t("round.status_open") if r.is_open else t("round.status_closed")
            q_title = loc(get_bundle().questionnaire(r.questionnaire_id).title)
            st.markdown(f"**{md_escape(r.label)}** · {date} · {status}")
            st.caption(
                f"{q_title} · "
                + t("overview.counts", submitted=c.submitted, invited=c.invited, started=c.started)
            )
            with st.container(horizontal=True):
                if st.button(
                    t("network.manage_round"), key=f"manage_{r.id}", icon=":material/forward_to_inbox:"
                ):
                    context.select_round(r)
                    st.switch_page(page_path("round"))
                if st.button(
                    t("overview.open_results"),
                    key=f"results_{r.id}",
                    icon=":material/insights:",
                    disabled=c.submitted == 0,
                ):
                    context.select_round(r)
                    st.switch_page(page_path("results"))


def _new_round(net: NetworkInfo) -> None:
    bundle = get_bundle()
    with (
        st.expander(
            t("network.new_round"), icon=":material/add_circle:", expanded=not get_store().list_rounds(net.id)
        ),
        st.form("new_round", border=False),
    ):
        today = dt.date.today()
        season = t("network.season_spring") if today.month <= 6 else t("network.season_autumn")
        label = st.text_input(
            t("network.round_label"),
            value=f"{today.year} {season}",
            max_chars=200,
            key="new_round_label",
            help=t("network.round_label_help"),
        )
        date = st.date_input(t("network.round_date"), value=today, format="DD-MM-YYYY", key="new_round_date")
        qid = st.radio(
            t("network.questionnaire"),
            QUESTIONNAIRES,
            key="new_round_questionnaire",
            format_func=lambda v: f"{loc(bundle.questionnaire(v).title)} — {t(f'network.q_{v}')}",
        )
        visible = st.checkbox(
            t("network.results_visible"), key="new_round_visible", help=t("network.results_visible_help")
        )
        # the network's facts are asked once, here, not of every respondent: confirm or update them
        st.markdown(f"**{t('network.round_profile')}**")
        st.caption(t("network.round_profile_help"))
        profile = profile_fields(bundle, net.profile, f"new_round_{net.id}")
        if st.form_submit_button(t("network.create_round"), type="primary", icon=":material/add:"):
            try:
                asked = {fact for fact, _ in profile_items(bundle)} | {REGION}
                kept = {k: v for k, v in net.profile.items() if k not in asked}  # facts not asked here
                if {**kept, **profile} != net.profile:
                    get_store().update_network(net.id, profile={**kept, **profile})
                rnd = get_store().create_round(
                    net.id,
                    label.strip(),
                    date=date,
                    questionnaire_id=qid,
                    results_visible_to_respondents=visible,
                )
            except ValidationFailed as exc:
                st.error(exc.problems[0].what(current_lang()), icon=":material/error:")
                return
            context.select_round(rnd)
            st.session_state["flash"] = t("network.round_created", label=rnd.label)
            st.switch_page(page_path("round"))


def _profile(net: NetworkInfo) -> None:
    facts = profile_summary(get_bundle(), net.profile, units=False)
    st.markdown(f"### {t('network.profile')}")
    if facts:
        st.markdown("\n".join(f"- **{label}:** {md_escape(value)}" for label, value in facts))
    else:
        st.caption(t("network.profile_empty"))
    with (
        st.expander(t("network.edit_profile"), icon=":material/edit:"),
        st.form("edit_network", border=False),
    ):
        name = st.text_input(
            t("overview.network_name"), value=net.name, max_chars=200, key="edit_network_name"
        )
        profile = profile_fields(get_bundle(), net.profile, f"edit_network_{net.id}")
        if st.form_submit_button(t("network.save_profile"), type="primary", icon=":material/save:"):
            try:
                get_store().update_network(net.id, name=name.strip(), profile=profile)
            except ValidationFailed as exc:
                st.error(exc.problems[0].what(current_lang()), icon=":material/error:")
                return
            st.session_state["flash"] = t("network.saved")
            st.rerun()


def _scope_text(scope: DeletionScope) -> str:
    return t(
        "delete.what",
        rounds=tn("delete.rounds", scope.rounds),
        responses=tn("delete.responses", scope.responses),
        agreements=tn("delete.agreements", scope.agreements),
    )


def _copy_first(net: NetworkInfo, key: str) -> None:
    """What is kept before a delete, and the same archive to download now: a backup, which only a
    workspace owner may take away (logged; diagnose.store.transfer.export_log)."""
    st.caption(t("delete.kept"))
    user = auth.current_user()
    if user is None or get_store().membership(user.id, net.workspace_id) != "admin":
        st.caption(t("delete.download_owner_only"))
        return
    stamp = dt.date.today().isoformat()
    by = ExportBy(user.id, "app")
    st.download_button(
        t("delete.download"),
        data=lambda: get_store().export_network(net.id, "json", by=by),
        file_name=f"netwerkscan-{slug(net.name)}-{stamp}.json",
        mime="application/json",
        on_click="ignore",
        key=key,
        icon=":material/download:",
    )


def _delete_round(net: NetworkInfo) -> None:
    rounds = get_store().list_rounds(net.id)
    if not rounds:
        return
    with st.expander(t("round.delete"), icon=":material/delete:"):
        labels = {r.id: r.label for r in reversed(rounds)}
        chosen = st.selectbox(
            t("round.delete_choose"),
            list(labels),
            format_func=labels.__getitem__,
            key=f"delete_round_{net.id}",
        )
        scope = get_store().deletion_scope(round_id=chosen)
        st.warning(t("round.delete_warning", what=_scope_text(scope)), icon=":material/warning:")
        _copy_first(net, f"delete_round_copy_{net.id}")
        sure = st.checkbox(
            t("round.delete_confirm", label=md_escape(labels[chosen])), key=f"delete_round_sure_{chosen}"
        )
        if st.button(
            t("network.delete_button"), key=f"delete_round_button_{chosen}", disabled=not sure, type="primary"
        ):
            try:
                path = get_store().delete_round_keeping_export(chosen)
            except ValidationFailed as exc:
                st.error(exc.problems[0].what(current_lang()), icon=":material/error:")
                return
            context.select_network(net.id)  # the deleted round may have been the one chosen
            st.session_state["flash"] = t("round.deleted", label=labels[chosen], file=path.name)
            st.rerun()


def _delete(net: NetworkInfo) -> None:
    with st.expander(t("network.delete"), icon=":material/delete:"):
        scope = get_store().deletion_scope(network_id=net.id)
        st.warning(t("network.delete_warning", what=_scope_text(scope)), icon=":material/warning:")
        _copy_first(net, f"delete_copy_{net.id}")
        sure = st.checkbox(t("network.delete_confirm", name=md_escape(net.name)), key=f"delete_sure_{net.id}")
        if st.button(t("network.delete_button"), key=f"delete_{net.id}", disabled=not sure, type="primary"):
            try:
                path = get_store().delete_network_keeping_export(net.id)
            except ValidationFailed as exc:
                st.error(exc.problems[0].what(current_lang()), icon=":material/error:")
                return
            context.select_network(None)
            st.session_state["flash"] = t("network.deleted", name=net.name, file=path.name)
            st.switch_page(page_path("overview"))


def render() -> None:
    user = require_user("network")
    net = context.network(user)
    if net is None:
        state.keep_params()
        st.title(t("nav.network"))
        choose_first("network.choose")
        return
    state.keep_params(**{state.NETWORK: net.id})
    st.title(md_escape(net.name))
    show_flash()
    left, right = st.columns([3, 2], gap="large")
    with left:
        _rounds(net)
        _new_round(net)
    with right:
        _profile(net)
        _delete_round(net)
        _delete(net)


if __name__ == "__main__":
    render()
