"""Import and export in the store's formats: JSON, CSV and XLSX (all of a file, or nothing)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import streamlit as st

from diagnose.problems import ValidationFailed
from diagnose.store import Store
from diagnose.store.types import Workspace
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


def _exporter(store: Store, kind: str, ident: int, fmt: str) -> Callable[[], bytes]:
    def make() -> bytes:
        if kind == "round":
            return store.export_round(ident, fmt)
        if kind == "network":
            return store.export_network(ident, fmt)
        return store.export_workspace(ident, fmt)

    return make


def _export(ws: Workspace) -> None:
    store = get_store()
    st.markdown(f"### {t('data.export_title')}")
    st.markdown(t("data.export_intro"))
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
    with st.container(border=True):
        st.markdown(f"**{t('data.export_workspace')}**")
        _export_button(
            t("data.download_workspace", name=ws.name),
            _exporter(store, "workspace", ws.id, fmt),
            f"netwerkscan-{_slug(ws.name)}-{stamp}",
            fmt,
            "export_workspace",
        )
    networks = store.list_networks(ws.id)
    if not networks:
        return
    with st.container(border=True):
        st.markdown(f"**{t('data.export_network')}**")
        names = {n.id: n.name for n in networks}
        chosen = st.selectbox(
            t("side.network"), list(names), format_func=names.__getitem__, key="export_network"
        )
        _export_button(
            t("data.download_network"),
            _exporter(store, "network", chosen, fmt),
            f"netwerkscan-{_slug(names[chosen])}-{stamp}",
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
                _exporter(store, "round", round_id, fmt),
                f"netwerkscan-{_slug(names[chosen])}-{_slug(labels[round_id])}-{stamp}",
                fmt,
                "export_round_button",
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
        _export(ws)


if __name__ == "__main__":
    render()
