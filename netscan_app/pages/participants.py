"""A round's participants: add them (paste, file, type), write and preview the message, send and
remind, and follow each participant's status and the response rate. The sending happens in the
app's mail thread (netscan_app/mail_sender.py), never in this page's request."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from diagnose.mail import templates
from diagnose.problems import ValidationFailed
from diagnose.store.participants import NewParticipant
from diagnose.store.transfer.participant_table import read_participants, read_pasted
from diagnose.store.types import RoundInfo
from diagnose.text import LANGUAGES, Lang
from netscan_app import context, participant_view, state
from netscan_app.guard import require_user
from netscan_app.i18n import current_lang, t, tn
from netscan_app.links import base_url, links_csv
from netscan_app.mail_sender import sender
from netscan_app.resources import get_bundle, get_store
from netscan_app.widgets import choose_first, md_escape, show_flash

PASTE_DONE = "participants_paste_done"


def _problems(exc: ValidationFailed, intro: str | None = None) -> None:
    lang = current_lang()
    lines = []
    for p in exc.problems[:20]:
        where = f"{t('participants.row', line=p.line)}: " if p.line else ""
        lines.append(f"- {where}{md_escape(p.what(lang))} — {md_escape(p.fix(lang))}")
    st.error(((intro + "\n\n") if intro else "") + "\n".join(lines), icon=":material/error:")


def _mail_state() -> bool:
    """Say how mail goes (or why it does not); True when the app can send."""
    s = sender()
    if s.problem:
        st.error(t("participants.mail_problem", detail=s.problem), icon=":material/mail_lock:")
        return False
    if s.config is None:
        st.info(t("participants.mail_off"), icon=":material/mail_off:")
        return False
    st.caption(t("participants.mail_on", server=s.config.shown, sender=s.config.sender))
    if s.last_stop:
        st.warning(t("participants.mail_stopped", reply=s.last_stop), icon=":material/warning:")
    return True


def _progress(rnd: RoundInfo) -> None:
    store = get_store()
    progress = store.participant_progress(rnd.id)
    cols = st.columns(4)
    cols[0].metric(t("participants.count"), progress.participants)
    cols[1].metric(t("participants.invited"), progress.invited, help=t("participants.invited_help"))
    cols[2].metric(t("participants.submitted"), progress.submitted)
    cols[3].metric(t("participants.waiting"), store.mail_waiting(rnd.id), help=t("participants.waiting_help"))
    line = participant_view.response_line(progress, current_lang())
    if progress.rate is not None:
        st.progress(min(progress.rate, 1.0), text=line)
    else:
        st.caption(line)


def _list(rnd: RoundInfo, can_mail: bool) -> None:
    store = get_store()
    people = store.list_participants(rnd.id)
    st.markdown(f"### {t('participants.list_title')}")
    if not people:
        st.caption(t("participants.none"))
        return
    q = get_bundle().questionnaire(rnd.questionnaire_id, rnd.questionnaire_version)
    st.dataframe(participant_view.rows(people, q, current_lang()), hide_index=True, key="participant_table")
    if not can_mail:
        base = base_url()
        links = [(p.name, store.participant_link(p.id, base)) for p in people]
        with st.expander(t("participants.links_title"), icon=":material/link:"):
            st.code("\n".join(f"{name}: {link}" for name, link in links), language=None, wrap_lines=True)
            st.download_button(
                t("participants.links_download"),
                data=links_csv(links, (t("participants.col_name"), t("participants.col_link"))),
                file_name=f"links-{rnd.label}.csv".replace(" ", "-").replace("/", "-"),
                mime="text/csv",
                on_click="ignore",
                key="download_participant_links",
                icon=":material/download:",
            )
    with st.form("remove_participants", border=False):
        names = {p.id: f"{p.name} <{p.email}>" for p in people}
        chosen = st.multiselect(
            t("participants.remove_pick"),
            list(names),
            format_func=names.__getitem__,
            key="remove_pick",
            help=t("participants.remove_help"),
            placeholder=t("participants.remove_placeholder"),
        )
        if st.form_submit_button(t("participants.remove"), icon=":material/person_remove:") and chosen:
            for pid in chosen:
                store.remove_participant(pid)
            st.session_state["flash"] = tn("participants.removed", len(chosen))
            st.rerun()


def _add(rnd: RoundInfo) -> None:
    st.markdown(f"### {t('participants.add_title')}")
    paste, upload, typed = st.tabs(
        [t("participants.tab_paste"), t("participants.tab_file"), t("participants.tab_type")]
    )
    rows: list[NewParticipant] | None = None
    label = ""
    if st.session_state.pop(PASTE_DONE, False):  # added: empty the box (kept as typed when refused)
        st.session_state["participants_paste"] = ""
    with paste, st.form("paste_participants", border=False):
        text = st.text_area(
            t("participants.paste"),
            key="participants_paste",
            help=t("participants.paste_help"),
            placeholder=t("participants.paste_placeholder"),
            height=140,
        )
        if st.form_submit_button(
            t("participants.add"), key="add_pasted", type="primary", icon=":material/person_add:"
        ):
            label = t("participants.tab_paste")
            try:
                rows = read_pasted(text, label)
            except ValidationFailed as exc:
                _problems(exc)
    with upload, st.form("upload_participants", border=False):
        file = st.file_uploader(
            t("participants.file"),
            type=["csv", "xlsx", "txt"],
            key="participants_file",
            help=t("participants.file_help"),
        )
        if (
            st.form_submit_button(t("participants.add"), key="add_file", icon=":material/upload_file:")
            and file is not None
        ):
            label = file.name
            try:
                rows = read_participants(file.getvalue(), file.name)
            except ValidationFailed as exc:
                _problems(exc)
    with typed, st.form("type_participant", border=False, clear_on_submit=True):
        name = st.text_input(t("participants.name"), key="participant_name", max_chars=200)
        address = st.text_input(t("participants.email"), key="participant_email", max_chars=254)
        q = get_bundle().questionnaire(rnd.questionnaire_id, rnd.questionnaire_version)
        roles: list[str | None] = [None, *_roles(rnd)]
        role = st.selectbox(
            t("participants.role"),
            roles,
            format_func=lambda r: participant_view.role_label(q, r, current_lang()) if r else "–",
            key="participant_role",
        )
        lang = st.selectbox(
            t("participants.language"), LANGUAGES, format_func=str.upper, key="participant_lang"
        )
        if st.form_submit_button(t("participants.add"), key="add_typed", icon=":material/person_add:"):
            rows = [NewParticipant(name, address, role, lang)]
    if rows is not None:
        try:
            added = get_store().add_participants(rnd.id, rows, file=label)
        except ValidationFailed as exc:
            _problems(exc, t("participants.problems"))
        else:
            st.session_state["flash"] = tn("participants.added", len(added))
            st.session_state[PASTE_DONE] = True
            st.rerun()


def _roles(rnd: RoundInfo) -> list[str]:
    from diagnose.responses import ROLE_CONSTRUCT

    q = get_bundle().questionnaire(rnd.questionnaire_id, rnd.questionnaire_version)
    item = q.fact_item(ROLE_CONSTRUCT)
    return list(item.option_values) if item is not None else []


def _message(rnd: RoundInfo) -> None:
    store = get_store()
    settings = store.mail_settings(rnd.id)
    st.markdown(f"### {t('participants.message_title')}")
    with st.form("mail_settings", border=False):
        left, right = st.columns(2)
        deadline = left.date_input(
            t("participants.deadline"),
            value=settings.deadline,
            format="DD-MM-YYYY",
            key="mail_deadline",
            help=t("participants.deadline_help"),
        )
        days = right.number_input(
            t("participants.reminder_days"),
            min_value=1,
            max_value=90,
            value=settings.reminder_days,
            key="mail_days",
            help=t("participants.reminder_days_help"),
        )
        sender_name = left.text_input(
            t("participants.sender_name"), value=settings.sender_name, key="mail_sender_name", max_chars=200
        )
        reply_to = right.text_input(
            t("participants.reply_to"),
            value=settings.reply_to,
            key="mail_reply_to",
            help=t("participants.reply_to_help"),
        )
        if st.form_submit_button(t("participants.save"), key="save_mail_settings", icon=":material/save:"):
            try:
                store.set_mail_settings(
                    rnd.id,
                    deadline=deadline if isinstance(deadline, dt.date) else None,
                    reminder_days=int(days),
                    sender_name=sender_name,
                    reply_to=reply_to,
                )
            except ValidationFailed as exc:
                _problems(exc)
            else:
                st.session_state["flash"] = t("participants.saved")
                st.rerun()
    kinds = list(templates.KINDS)
    left, right = st.columns(2)
    kind: templates.Kind = left.radio(
        t("participants.kind"),
        kinds,
        format_func=lambda k: t(f"participants.kind_{k}"),
        horizontal=True,
        key="mail_kind",
    )
    lang: Lang = right.radio(
        t("participants.template_lang"), LANGUAGES, format_func=str.upper, horizontal=True, key="mail_lang"
    )
    current = settings.template(kind, lang)
    fields = ", ".join("{" + name + "}" for name in templates.PLACEHOLDERS)
    with st.form(f"template_{kind}_{lang}", border=False):
        subject = st.text_input(
            t("participants.subject"),
            value=current.subject,
            key=f"subject_{kind}_{lang}",
            max_chars=templates.MAX_SUBJECT,
        )
        body = st.text_area(
            t("participants.body"),
            value=current.body,
            height=300,
            key=f"body_{kind}_{lang}",
            help=t("participants.body_help", fields=fields),
        )
        if st.form_submit_button(t("participants.save"), key="save_template", icon=":material/save:"):
            try:
                store.set_mail_settings(rnd.id, template=(kind, lang, templates.Template(subject, body)))
            except ValidationFailed as exc:
                _problems(exc)
            else:
                st.session_state["flash"] = t("participants.saved")
                st.rerun()
    with st.expander(t("participants.preview"), icon=":material/preview:", expanded=False):
        people = store.list_participants(rnd.id)
        preview = store.preview_mail(rnd.id, kind, lang, base_url())
        if people:
            st.caption(t("participants.preview_for", name=md_escape(people[0].name)))
        with st.container(border=True, key="mail_preview"):
            st.markdown(f"**{md_escape(preview.subject)}**")
            st.text(preview.body)


def _send(rnd: RoundInfo, can_mail: bool) -> None:
    store = get_store()
    st.markdown(f"### {t('participants.send_title')}")
    if not rnd.is_open:
        st.info(t("participants.closed"), icon=":material/lock:")
        return
    days = store.mail_settings(rnd.id).reminder_days
    with st.container(horizontal=True, key="send_actions"):
        invite = st.button(
            t("participants.send"),
            key="send_invitations",
            type="primary",
            icon=":material/send:",
            disabled=not can_mail,
            help=t("participants.send_help"),
        )
        remind = st.button(
            t("participants.remind"),
            key="send_reminders",
            icon=":material/notifications:",
            disabled=not can_mail,
            help=t("participants.remind_help", days=days),
        )
        st.button(t("participants.refresh"), key="refresh_status", icon=":material/refresh:")
    if invite or remind:
        try:
            queued = (store.queue_invitations if invite else store.queue_reminders)(rnd.id, base_url())
        except ValidationFailed as exc:
            _problems(exc)
            return
        sender().wake.set()
        st.session_state["flash"] = (
            tn("participants.queued", len(queued)) if queued else t("participants.nobody")
        )
        st.rerun()


def render() -> None:
    user = require_user("participants")
    rnd = context.round_(user)
    if rnd is None:
        state.keep_params(**{state.NETWORK: state.selected(state.NETWORK)})
        st.title(t("nav.participants"))
        choose_first("participants.choose")
        return
    state.keep_params(**{state.NETWORK: rnd.network_id, state.ROUND: rnd.id})
    net = get_store().get_network(rnd.network_id)
    st.caption(md_escape(net.name))
    st.title(t("participants.title", round=md_escape(rnd.label)))
    st.markdown(t("participants.intro"))
    show_flash()
    can_mail = _mail_state()
    _progress(rnd)
    _send(rnd, can_mail)
    _list(rnd, can_mail)
    st.divider()
    left, right = st.columns([1, 1], gap="large")
    with left:
        _add(rnd)
    with right:
        _message(rnd)


if __name__ == "__main__":
    render()
