"""The results page's "Vergelijking met andere netwerken" (on the scores tab): where this round's
means stand among the other networks taking part, the filters that are safe to offer, and the
switch to take part, for an administrator of the workspace only. What may be shown is decided by
the core (diagnose.benchmark) and the store (store/benchmark.py); below the minimum this says only
that too few networks take part, never how many."""

from __future__ import annotations

import streamlit as st

from diagnose.benchmark import ALL, Comparison, Scope, position_text
from diagnose.charts.benchmark import benchmark_chart
from diagnose.store.round_view import RoundView
from diagnose.text import format_number
from netscan_app.dashboard import chart
from netscan_app.i18n import current_lang, loc, t
from netscan_app.resources import get_bundle, get_store
from netscan_app.widgets import md_escape

SCOPE_KEYS = {
    Scope(): "benchmark.scope_all",
    Scope(sector=True): "benchmark.scope_sector",
    Scope(network_type=True): "benchmark.scope_type",
    Scope(sector=True, network_type=True): "benchmark.scope_both",
}


def section(view: RoundView, user_id: int) -> None:
    store = get_store()
    network = view.network
    admin = store.membership(user_id, network.workspace_id) == "admin"
    with st.container(key="benchmark_section"):
        st.markdown(f"### {t('benchmark.title')}")
        taking_part = store.benchmark_taking_part(network.id)
        if not taking_part:
            st.caption(t("benchmark.explain"))
            if admin:
                if st.button(t("benchmark.join"), key="benchmark_join", icon=":material/group_add:"):
                    store.set_benchmark_taking_part(network.id, True, user_id=user_id)
                    st.rerun()
            else:
                st.caption(t("benchmark.ask_admin"))
            return
        comparison = view.benchmark
        if comparison is None:
            st.info(t("benchmark.too_few", n=store.benchmark_minimum), icon=":material/lock:")
        else:
            _show(view, comparison)
        if admin:
            st.caption(t("benchmark.leave_explain"))
            if st.button(t("benchmark.leave"), key="benchmark_leave", icon=":material/group_remove:"):
                store.set_benchmark_taking_part(network.id, False, user_id=user_id)
                st.rerun()


def _show(view: RoundView, comparison: Comparison) -> None:
    bundle, lang = get_bundle(), current_lang()
    offered = list(comparison.offered)
    scope = ALL
    if len(offered) > 1:
        scope = (
            st.segmented_control(
                t("benchmark.scope"),
                offered,
                default=ALL,
                format_func=lambda s: t(SCOPE_KEYS[s]),
                key="benchmark_scope",
            )
            or ALL
        )
    if scope != ALL:
        chosen = get_store().benchmark_for(view.round.id, view.diagnosis, scope)
        comparison = chosen if chosen is not None else comparison
    q = bundle.questionnaire(view.round.questionnaire_id, view.round.questionnaire_version)
    st.markdown(md_escape(loc(comparison.heading_in(q))))
    chart(benchmark_chart(comparison, bundle, lang), "benchmark")
    labels = {c.id: loc(c.label) for c in bundle.constructs.constructs}
    rows = [
        f"| {md_escape(labels.get(b.construct, b.construct))} | {_n(b.own)} | {_n(b.median)} | "
        f"{_n(b.low)}–{_n(b.high)} | {loc(position_text(b))} |"
        for b in comparison.bands
    ]
    head = (
        f"| {t('results.col_construct')} | {t('benchmark.col_own')} | {t('benchmark.col_median')} | "
        f"{t('benchmark.col_band')} | {t('benchmark.col_position')} |"
    )
    with st.expander(t("benchmark.table")):
        st.markdown("\n".join([head, "|---|---:|---:|---:|---|", *rows]))
    st.caption(t("benchmark.privacy", n=get_store().benchmark_minimum))


def _n(value: float) -> str:
    return format_number(value, current_lang(), 1)
