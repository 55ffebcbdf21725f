"""Adapt the report before handing it over: the top three, findings left out with a reason,
comments, an opening note, and the workspace's organisation and logo on the cover.

Signed-in members of the round's workspace only. The form's logic is netscan_app/edit_form.py;
the edit is stored beside the diagnosis (diagnose.store.edits), every version kept. A save that
started from an older version than the stored one is told so and shows the other version; the
person's own text stays in the form, and saving again keeps theirs.
"""

from __future__ import annotations

import streamlit as st

from diagnose.edits import Edit, EditVersion
from diagnose.problems import ValidationFailed
from diagnose.store import Store
from diagnose.store.edits import KEEP_LOGO, EditChanged
from diagnose.store.logo import MAX_BYTES
from diagnose.store.round_view import RoundView, round_view
from diagnose.store.types import RoundInfo, User
from diagnose.text import long_date
from netscan_app import context, edit_form, state
from netscan_app.guard import require_user
from netscan_app.i18n import current_lang, loc, t
from netscan_app.resources import get_bundle, get_store
from netscan_app.widgets import choose_first, kind_icon, kind_label, local_time, md_escape, show_flash

BASE = "edit_base_version"  # round id → the version the form started from
THEIRS = "edit_theirs"  # the newer version a refused save was told about
CHANGED = "edit_changed"  # the refusal itself, shown on top after the rerun


def _problems(exc: ValidationFailed) -> None:
    lang = current_lang()
    for p in exc.problems:
        st.error(f"{p.what(lang)} — {p.fix(lang)}", icon=":material/error:")


def _title(view: RoundView, key: str) -> str:
    f = view.computed.finding(key)
    return loc(f.title) if f is not None else key


def _theirs(view: RoundView, version: EditVersion) -> None:
    """What the other person saved, so the one told about it can compare before saving again."""
    by = version.by or t("edit.someone")
    edit = version.edit
    lines = []
    if edit.summary:
        lines.append(t("edit.theirs_top", order="; ".join(_title(view, k) for k in edit.summary)))
    if edit.hidden:
        lines.append(t("edit.theirs_hidden", titles="; ".join(_title(view, k) for k in edit.hidden)))
    if edit.comments:
        lines.append(t("edit.theirs_comments", titles="; ".join(_title(view, k) for k in edit.comments)))
    if edit.opening_note:
        lines.append(t("edit.theirs_note", note=edit.opening_note))
    with st.container(border=True, key="edit_theirs"):
        st.markdown(f"**{md_escape(t('edit.conflict_theirs', by=by))}**")
        for line in lines or [t("edit.history_nothing")]:
            st.markdown(f"- {md_escape(line)}")
        st.caption(t("edit.conflict_again", by=by))


def _save(store: Store, user: User, rnd: RoundInfo, view: RoundView, edit: Edit) -> None:
    bases: dict[int, int] = st.session_state.setdefault(BASE, {})
    try:
        saved = store.save_edit(rnd.id, edit, version=bases[rnd.id], user_id=user.id)
    except EditChanged as exc:
        bases[rnd.id] = exc.current.version  # told: saving again keeps this person's version
        st.session_state[THEIRS] = exc.current
        st.session_state[CHANGED] = exc
        st.rerun()  # the form keeps this person's text; the notice and the other version on top
    except ValidationFailed as exc:
        _problems(exc)
        return
    bases[rnd.id] = saved.version
    st.session_state.pop(THEIRS, None)
    key = "edit.reset_done" if edit.empty else "edit.saved"
    st.session_state["flash"] = t(key, version=saved.version)
    st.rerun()


def _form(store: Store, user: User, rnd: RoundInfo, view: RoundView) -> None:
    assert view.edit is not None
    bundle = get_bundle()
    start = edit_form.start(view.edit, bundle)
    names = {row.key: loc(row.card.lead.title) for row in start.rows}
    with st.form(key=f"edit_form_{rnd.id}", border=False):
        st.markdown(f"## {t('edit.top_heading')}")
        st.caption(t("edit.top_intro"))
        options: list[str | None] = [None, *start.choices]
        places = st.columns(3)
        top: list[str | None] = []
        for n, col in enumerate(places, 1):
            current = start.top[n - 1] if n <= len(start.top) else None
            with col:
                top.append(
                    st.selectbox(
                        t("edit.place", n=n),
                        options,
                        index=options.index(current) if current in options else 0,
                        format_func=lambda k: names.get(k, "") if k else t("edit.place_empty"),
                        key=f"edit_place_{rnd.id}_{n}",
                    )
                )
        computed = "; ".join(f"{i}. {names.get(k, k)}" for i, k in enumerate(start.computed_top, 1))
        st.caption(t("edit.computed_top", order=md_escape(computed)))
        st.markdown(f"## {t('edit.note_heading')}")
        note = st.text_area(
            t("edit.note_heading"),
            value=start.note,
            help=t("edit.note_help"),
            key=f"edit_note_{rnd.id}",
            label_visibility="collapsed",
            placeholder=t("edit.note_help"),
        )
        st.markdown(f"## {t('edit.findings_heading')}")
        st.caption(t("edit.findings_intro"))
        hidden: dict[str, str] = {}
        comments: dict[str, str] = {}
        for row in start.rows:
            badges = [kind_label(row.card.lead.kind)]
            badges += [t("edit.hidden_badge")] if row.hidden else []
            badges += [t("edit.commented_badge")] if row.comment else []
            label = f"{kind_icon(row.card.lead.kind)} {loc(row.card.lead.title)} · {' · '.join(badges)}"
            with st.expander(label):
                hide = st.checkbox(t("edit.hide"), value=row.hidden, key=f"edit_hide_{rnd.id}_{row.key}")
                reason = st.text_input(
                    t("edit.reason"), value=row.reason, key=f"edit_reason_{rnd.id}_{row.key}", max_chars=300
                )
                if hide:
                    hidden[row.key] = reason
                comments[row.key] = st.text_area(
                    t("edit.comment"), value=row.comment, key=f"edit_comment_{rnd.id}_{row.key}", height=80
                )
        submitted = st.form_submit_button(t("edit.save"), type="primary", icon=":material/save:")
    if submitted:
        edit = edit_form.make_edit(
            view.computed, bundle, top=top, note=note, hidden=hidden, comments=comments
        )
        _save(store, user, rnd, view, edit)


def _history(store: Store, rnd: RoundInfo) -> None:
    versions = store.edit_history(rnd.id)
    with st.expander(t("edit.history_heading"), icon=":material/history:"):
        if not versions:
            st.caption(t("edit.history_none"))
        for v in reversed(versions):
            changes = "; ".join(loc(c) for c in v.changes) or t("edit.history_nothing")
            when = f"{long_date(v.at.date(), current_lang())} {local_time(v.at)}" if v.at else ""
            row = t(
                "edit.history_row",
                version=v.version,
                when=when,
                by=v.by or t("edit.someone"),
                changes=changes,
            )
            st.markdown(f"- {md_escape(row)}")


def _branding(store: Store, user: User, rnd: RoundInfo) -> None:
    ws = store.get_workspace(rnd.workspace_id)
    current = store.branding(ws.id)
    st.markdown(f"## {t('edit.branding_heading')}")
    st.caption(t("edit.branding_intro", workspace=md_escape(ws.name)))
    if current.logo is not None:
        st.caption(t("edit.logo_current"))
        if current.logo_type == "png":  # an SVG is shown on the report's cover, never inline here
            st.image(current.logo, width=min(current.width or 200, 240))
    with st.form(key="edit_branding", border=True):
        organisation = st.text_input(
            t("edit.organisation"),
            value=current.organisation,
            max_chars=200,
            key="edit_branding_organisation",
        )
        upload = st.file_uploader(
            t("edit.logo", size=MAX_BYTES // 1000),
            type=["png", "svg"],
            key="edit_logo_file",
            max_upload_size=1,  # MB: the store refuses past MAX_BYTES with the exact figures
        )
        remove = st.checkbox(t("edit.logo_remove"), key="edit_logo_remove") if current.logo else False
        if st.form_submit_button(t("edit.branding_save"), icon=":material/save:"):
            logo = None if remove else (upload.getvalue() if upload is not None else KEEP_LOGO)
            try:
                store.set_branding(ws.id, organisation=organisation, logo=logo, user_id=user.id)
            except ValidationFailed as exc:
                _problems(exc)
                return
            st.session_state["flash"] = t("edit.branding_saved")
            st.rerun()


def render() -> None:
    user = require_user("edit")
    rnd = context.round_(user)
    if rnd is None:
        state.keep_params()
        st.title(t("nav.edit"))
        choose_first("edit.choose")
        return
    state.keep_params(**{state.NETWORK: rnd.network_id, state.ROUND: rnd.id})
    store = get_store()
    st.caption(md_escape(store.get_network(rnd.network_id).name))
    st.title(t("edit.title", round=md_escape(rnd.label)))
    st.markdown(t("edit.intro"))
    show_flash()
    view = round_view(store, rnd.id)
    if view is None or view.edit is None:
        st.info(t("edit.none_yet"), icon=":material/hourglass_top:")
        _branding(store, user, rnd)
        return
    if not view.results_allowed:
        st.info(t("edit.below_minimum"), icon=":material/lock:")
        _branding(store, user, rnd)
        return
    st.session_state.setdefault(BASE, {}).setdefault(rnd.id, view.edit.version.version)
    mark = view.edit.mark()
    if mark is None:
        st.caption(t("edit.mark_none"))
    else:
        st.info(
            t("edit.mark", mark=loc(mark), version=view.edit.version.version), icon=":material/edit_note:"
        )
    changed = st.session_state.pop(CHANGED, None)
    if isinstance(changed, EditChanged):
        _problems(changed)
    theirs = st.session_state.get(THEIRS)
    if isinstance(theirs, EditVersion):
        _theirs(view, theirs)
    if view.edit.stale:
        with st.container(border=True, key="edit_stale"):
            st.markdown(f"**{t('edit.stale_heading')}**")
            st.caption(t("edit.stale_intro"))
            for part in view.edit.stale:
                st.markdown(f"- {md_escape(loc(part.message()))}")
    _form(store, user, rnd, view)
    if view.edit.edited and st.button(t("edit.reset"), icon=":material/undo:", key="edit_reset"):
        _save(store, user, rnd, view, Edit())
    _history(store, rnd)
    _branding(store, user, rnd)


if __name__ == "__main__":
    render()
