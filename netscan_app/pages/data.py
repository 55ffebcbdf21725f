"""Import and export in the store's formats: JSON, CSV and XLSX (all of a file, or nothing)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from zoneinfo import ZoneInfo

import streamlit as st

from diagnose.problems import ValidationFailed
from diagnose.store import Store
from diagnose.store.results_export import export_results
from diagnose.store.types import ExportBy, User, Workspace
from netscan_app import context, state
from netscan_app.guard import require_user
from netscan_app.i18n import current_lang, loc, t
from netscan_app.resources import get_bundle, get_store
from netscan_app.widgets import md_escape, show_flash

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "json": "application/json",
}
NEW_NETWORK = -1


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower() or "export"


def _problems(exc: ValidationFailed) -> None:
    lang = current_lang()
    lines = []
    for problem in exc.problems[:20]:
        # where, as the spreadsheet shows it (row, column), not as a file path
        parts = [t("data.problem_at", line=problem.line)] if problem.line else []
        if problem.id:
            parts.append(t("data.problem_column", column=problem.id))
        where = f"{' · '.join(parts)}: " if parts else ""
        lines.append(f"- {md_escape(where)}{md_escape(problem.what(lang))} — {md_escape(problem.fix(lang))}")
    more = len(exc.problems) - 20
    if more > 0:
        lines.append(f"- … {t('data.more_problems', count=more)}")
    st.error(t("data.import_failed") + "\n\n" + "\n".join(lines), icon=":material/error:")


def _template() -> None:
    """The empty answer table to fill in, with its row of explanations (store.answer_template)."""
    bundle, store, lang = get_bundle(), get_store(), current_lang()
    with st.container(border=True, key="import_template"):
        st.markdown(f"**{t('data.template_title')}**")
        st.caption(t("data.template_intro"))
        qid = st.selectbox(
            t("data.template_questionnaire"),
            list(bundle.questionnaires),
            key="template_questionnaire",
            format_func=lambda v: loc(bundle.questionnaires[v].title),
        )
        name = f"sjabloon-{_slug(loc(bundle.questionnaires[qid].title))}"
        cols = st.columns(2)
        for col, fmt in zip(cols, ("xlsx", "csv"), strict=True):

            def make(fmt: str = fmt) -> bytes:
                return store.answer_template(qid, fmt, lang)

            col.download_button(
                t(f"data.template_{fmt}"),
                data=make,
                file_name=f"{name}.{fmt}",
                mime=FORMATS[fmt],
                on_click="ignore",
                key=f"template_{fmt}",
                icon=":material/download:",
            )


def _import(ws: Workspace) -> None:
    store = get_store()
    st.markdown(f"### {t('data.import_title')}")
    st.markdown(t("data.import_intro"))
    _template()
    networks = {n.id: n.name for n in store.list_networks(ws.id)}
    with st.form("import_form", border=True):
        upload = st.file_uploader(t("data.file"), type=["json", "csv", "xlsx"], key="import_file")
        options = [NEW_NETWORK, *networks]
        target = st.selectbox(
            t("data.target_network"),
            options,
            key="import_network",
            format_func=lambda v: t("data.from_file") if v == NEW_NETWORK else networks[v],
        )
        new_name = st.text_input(
            t("data.new_network"), key="import_new_network", max_chars=200, help=t("data.new_network_help")
        )
        cols = st.columns(2)
        label = cols[0].text_input(
            t("network.round_label"), key="import_round", max_chars=200, help=t("data.round_help")
        )
        date = cols[1].date_input(t("network.round_date"), value=None, key="import_date", format="DD-MM-YYYY")
        bundle = get_bundle()
        qid = st.selectbox(
            t("network.questionnaire"),
            list(bundle.questionnaires),
            key="import_questionnaire",
            format_func=lambda v: loc(bundle.questionnaires[v].title),
        )
        if st.form_submit_button(t("data.import_button"), type="primary", icon=":material/upload:"):
            if upload is None:
                st.warning(t("data.no_file"), icon=":material/warning:")
                return
            network = networks.get(target) if target != NEW_NETWORK else (new_name.strip() or None)
            try:
                result = store.import_bytes(
                    upload.getvalue(),
                    upload.name,
                    workspace_id=ws.id,
                    network=network,
                    round_label=label.strip() or None,
                    round_date=date,
                    questionnaire_id=qid,
                )
            except ValidationFailed as exc:
                _problems(exc)
                return
            for round_id in result.round_ids:
                store.diagnose_round(round_id)
            st.session_state["flash"] = t(
                "data.imported",
                responses=result.responses,
                rounds=result.rounds_created,
                networks=result.networks_created,
            )
            st.rerun()


def _when(moment: dt.datetime) -> str:
    """Date and time in the browser's time zone (Amsterdam when it is unknown)."""
    try:
        zone = ZoneInfo(st.context.timezone or "Europe/Amsterdam")
    except Exception:
        zone = ZoneInfo("Europe/Amsterdam")
    return moment.astimezone(zone).strftime("%d-%m-%Y %H:%M")


def _export_button(label: str, make: Callable[[], bytes], name: str, fmt: str, key: str) -> None:
    st.download_button(
        label,
        data=make,
        file_name=f"{name}.{fmt}",
        mime=FORMATS[fmt],
        on_click="ignore",
        key=key,
        icon=":material/download:",
    )


def _results(store: Store, fmt: str, **scope: int) -> Callable[[], bytes]:
    def make() -> bytes:
        return export_results(store, fmt, **scope)

    return make


def _respondents(store: Store, kind: str, ident: int, fmt: str, by: ExportBy) -> Callable[[], bytes]:
    def make() -> bytes:
        if kind == "round":
            return store.export_round(ident, fmt, by=by)
        if kind == "network":
            return store.export_network(ident, fmt, by=by)
        return store.export_workspace(ident, fmt, by=by)

    return make


def _export(ws: Workspace, user: User) -> None:
    store = get_store()
    st.markdown(f"### {t('data.export_title')}")
    st.markdown(t("data.export_intro", n=get_bundle().settings.anonymity_minimum))
    fmt = (
        st.segmented_control(
            t("data.format"),
            list(FORMATS),
            default="xlsx",
            key="export_format",
            format_func=lambda f: t(f"data.format_{f}"),
        )
        or "xlsx"
    )
    stamp = dt.date.today().isoformat()
    networks = store.list_networks(ws.id)
    names = {n.id: n.name for n in networks}
    chosen: int | None = None
    labels: dict[int, str] = {}
    round_id: int | None = None
    with st.container(border=True):
        st.markdown(f"**{t('data.export_workspace')}**")
        _export_button(
            t("data.download_workspace", name=ws.name),
            _results(store, fmt, workspace_id=ws.id),
            f"netwerkscan-uitkomsten-{_slug(ws.name)}-{stamp}",
            fmt,
            "export_workspace",
        )
    if networks:
        with st.container(border=True):
            st.markdown(f"**{t('data.export_network')}**")
            chosen = st.selectbox(
                t("side.network"), list(names), format_func=names.__getitem__, key="export_network"
            )
            _export_button(
                t("data.download_network"),
                _results(store, fmt, network_id=chosen),
                f"netwerkscan-uitkomsten-{_slug(names[chosen])}-{stamp}",
                fmt,
                "export_network_button",
            )
            rounds = store.list_rounds(chosen)
            if rounds:
                labels = {r.id: r.label for r in reversed(rounds)}
                round_id = st.selectbox(
                    t("side.round"), list(labels), format_func=labels.__getitem__, key="export_round"
                )
                _export_button(
                    t("data.download_round"),
                    _results(store, fmt, round_id=round_id),
                    f"netwerkscan-uitkomsten-{_slug(names[chosen])}-{_slug(labels[round_id])}-{stamp}",
                    fmt,
                    "export_round_button",
                )
    _owner_exports(ws, user, fmt, chosen, names, round_id, labels)


def _owner_exports(
    ws: Workspace,
    user: User,
    fmt: str,
    network_id: int | None,
    names: dict[int, str],
    round_id: int | None,
    labels: dict[int, str],
) -> None:
    """Answers per respondent and the backup: a workspace owner's deliberate choice, logged."""
    store = get_store()
    minimum = get_bundle().settings.anonymity_minimum
    with st.expander(t("data.owner_title"), icon=":material/shield_person:"):
        if store.membership(user.id, ws.id) != "admin":
            st.info(t("data.owner_only"), icon=":material/lock:")
            return
        st.markdown(t("data.owner_intro", n=minimum))
        sure = st.checkbox(t("data.owner_confirm"), key="export_owner_sure")
        if not sure:
            return
        by = ExportBy(user.id, "app")
        stamp = dt.date.today().isoformat()
        table = "csv" if fmt == "csv" else "xlsx"
        if round_id is not None and network_id is not None:
            closed = store.closed_results([round_id])
            if round_id in closed:
                st.info(t(f"data.round_closed_{closed[round_id]}", n=minimum), icon=":material/lock:")
            else:
                _export_button(
                    t("data.download_round_rows"),
                    _respondents(store, "round", round_id, fmt, by),
                    f"netwerkscan-respondenten-{_slug(names[network_id])}-{_slug(labels[round_id])}-{stamp}",
                    fmt,
                    "export_round_rows",
                )
        if network_id is not None:
            _export_button(
                t("data.download_network_rows"),
                _respondents(store, "network", network_id, table, by),
                f"netwerkscan-respondenten-{_slug(names[network_id])}-{stamp}",
                table,
                "export_network_rows",
            )
        _export_button(
            t("data.download_backup", name=ws.name),
            _respondents(store, "workspace", ws.id, "json", by),
            f"netwerkscan-backup-{_slug(ws.name)}-{stamp}",
            "json",
            "export_backup",
        )
        log = store.export_log(ws.id)[:10]
        if log:
            st.markdown(f"**{t('data.log_title')}**")
            st.dataframe(
                [
                    {
                        t("data.log_when"): _when(r.created_at),
                        t("data.log_who"): r.who,
                        t("data.log_what"): f"{t(f'data.log_kind_{r.kind}')}: {r.scope}",
                        t("data.log_rows"): r.respondents,
                    }
                    for r in log
                ],
                hide_index=True,
                key="export_log_table",
            )


def render() -> None:
    user = require_user("data")
    state.keep_params()
    ws = context.workspace(user)
    st.title(t("data.title"))
    show_flash()
    if ws is None:
        st.info(t("overview.no_workspace"), icon=":material/info:")
        return
    left, right = st.columns(2, gap="large")
    with left:
        _import(ws)
    with right:
        _export(ws, user)


if __name__ == "__main__":
    render()
