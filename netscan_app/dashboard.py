"""The results dashboard's parts: summary first, then scores, differences, change over time, all
findings and the free-text answers. Charts come from diagnose.charts (shared with the report).

Anonymity: what may be shown is decided by the diagnosis (``Diagnosis.results_allowed``,
``score_visible``, ``compared_with``) and the round view (earlier rounds, free texts without names
in one casefolded order); the caller shows nothing of this unless ``results_allowed``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from diagnose import cards as grouping
from diagnose import charts
from diagnose.charts.describe import ChartTable, describe
from diagnose.diagnosis import Diagnosis, Finding
from diagnose.explain import BAND_LABELS
from diagnose.item_types import item_type
from diagnose.store.round_view import RoundView, shown_diagnosis
from diagnose.store.types import RoundHistory
from diagnose.text import format_number
from netscan_app import agreement_parts
from netscan_app.i18n import current_lang, loc, t, tn
from netscan_app.resources import get_bundle
from netscan_app.widgets import finding_card, finding_expander, free_text, md_escape

PLOTLY_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
}


def chart(fig: go.Figure, key: str, config: dict[str, Any] | None = None) -> None:
    """A figure from diagnose.charts as it is: its own template, stretched to the column. The
    figures lay themselves out for any width from a phone up (diagnose.charts.style); on a phone
    style.css hides Plotly's toolbar, which would sit over the title.

    Under it, its text alternative (diagnose.charts.describe): what it shows for this round in a
    sentence or two, and the table of its values one click away, a real HTML table."""
    text = describe(fig, current_lang())
    fig.update_layout(width=None, autosize=True)
    with st.container(key=f"chart_{key}"):
        st.plotly_chart(fig, theme=None, config=config or PLOTLY_CONFIG, key=key, width="stretch")
        if text.summary and text.table is not None:
            st.caption(md_escape(text.summary))
        if text.table is not None:
            with st.expander(t("results.chart_table"), icon=":material/table:"):
                st.markdown(_markdown_table(text.table))


def _markdown_table(table: ChartTable) -> str:
    """A chart's values as a Markdown table (Streamlit draws an HTML table with header cells)."""
    lines = ["| " + " | ".join(md_escape(c) for c in table.columns) + " |"]
    lines.append("|" + "---|" * len(table.columns))
    lines += ["| " + " | ".join(md_escape(v) for v in row) + " |" for row in table.rows]
    return "\n".join(lines)


def _num(value: float, decimals: int = 1) -> str:
    return format_number(value, current_lang(), decimals)


# --- summary ------------------------------------------------------------------------------------


def _fit_row(
    title: str,
    seen_label: str,
    seen: str | None,
    needed_label: str,
    needed: str | None,
    findings: Sequence[Finding],
    key: str,
    summary_ids: Sequence[str] = (),
) -> None:
    with st.container(border=True, key=key):
        st.markdown(f"#### {title}")
        # one line each, not two narrow columns that break a word ("Ketensamenwerkin/g")
        st.markdown(
            f"{seen_label}: **{seen or t('results.unknown')}**  \n"
            f"{needed_label}: **{needed or t('results.unknown')}**"
        )
        if seen is None or needed is None:
            st.caption(t("results.fit_unknown"))
        elif findings:
            for f in findings:
                st.warning(f"**{loc(f.title)}** — {loc(f.diagnosis)}", icon=":material/swap_horiz:")
                if f.rule not in summary_ids:
                    st.markdown(f"**{t('finding.advice')}** {loc(f.advice)}")
        else:
            st.success(t("results.fits"), icon=":material/check_circle:")


def _option_label(construct: str, value: object) -> str | None:
    if value is None:
        return None
    for q in get_bundle().questionnaires.values():
        item = q.fact_item(construct)
        if item is not None:
            label = item.option_label(str(value))
            if label is not None:
                return loc(label)
    return str(value)


def _role_name(value: object) -> str | None:
    if value is None:
        return None
    key = f"results.role_{value}"
    from netscan_app.messages import MESSAGES

    if key in MESSAGES:
        return t(key)
    # a role the app has no short name for is named as the rule texts name it, never by its id
    labels = next((x.value_labels for x in get_bundle().derived if str(value) in x.value_labels), {})
    label = labels.get(str(value))
    return label.get(current_lang()) if label is not None else t("results.unknown")


def _short_type(value: object) -> str | None:
    if value is None:
        return None
    key = f"results.type_{value}"
    from netscan_app.messages import MESSAGES

    return t(key) if key in MESSAGES else _option_label("network_type", value)


def summary(
    d: Diagnosis, *, respondent: bool = False, comments: Callable[[grouping.Card], str] | None = None
) -> None:
    if d.round.group_only:
        st.info(t("results.group_only"), icon=":material/groups:")
    st.markdown(f"### {t('results.top_findings')}")
    top = grouping.summary_cards(d, get_bundle())
    if not top:
        st.success(t("results.no_findings"), icon=":material/check_circle:")
    cols = st.columns(max(len(top), 1))
    for index, (col, card) in enumerate(zip(cols, top, strict=False), 1):
        with col:
            reason = grouping.reason(d, get_bundle(), card)
            finding_card(
                card.lead,
                index,
                key=f"top_{index}",
                note=t("results.why_top", reason=loc(reason)) if reason is not None else "",
                evidence=[loc(e.title) for e in card.evidence],
                alike=[loc(grouping.subject(other, get_bundle())) for other in card.alike],
            )
            if comments is not None and (
                said := comments(card)
            ):  # the consultant's (netscan_app/edit_parts.py)
                st.markdown(f"**{t('edit.comment_label')}:** {md_escape(said)}")
            if not respondent:
                agreement_parts.start_button(card.lead, key=f"agree_top_{index}")
    left, right = st.columns([3, 2], gap="large")
    with left:
        bars = charts.construct_bars(d, get_bundle(), current_lang(), ("characteristic",))
        if respondent:  # most respondents are on a phone: bars read better there than a radar
            chart(bars, "characteristics", config={**PLOTLY_CONFIG, "displayModeBar": False})
            st.caption(
                t(
                    "results.scores_intro",
                    strength=_num(d.thresholds["strength"]),
                    concern=_num(d.thresholds["concern"]),
                )
            )
        else:
            # the radar on a wide screen, the same scores as bars on a phone (style.css shows one)
            chart(charts.radar_characteristics(d, get_bundle(), current_lang()), "radar")
            chart(bars, "radar_phone", config={**PLOTLY_CONFIG, "displayModeBar": False})
    with right:
        strengths = grouping.strengths_text(d, get_bundle(), current_lang())
        st.markdown(f"### {t('results.strengths')}")
        if not strengths:
            st.caption(t("results.no_strengths"))
        else:
            with st.container(border=True, key="strengths"):
                st.markdown(md_escape(strengths))
        if not respondent:
            st.markdown(f"### {t('results.fit_heading')}")
            fit_and_leadership_left(d)
            fit_and_leadership_right(d)


def fit_and_leadership_left(d: Diagnosis) -> None:
    type_seen = d.profile.get("network_type")
    _fit_row(
        t("results.fit_title"),
        t("results.fit_seen"),
        _short_type(type_seen.value if type_seen else None),
        t("results.fit_needed"),
        _short_type(d.derived.get("expected_network_type")),
        [f for f in d.findings if f.kind == "fit"],
        "fit_type",
        d.summary,
    )


def fit_and_leadership_right(d: Diagnosis) -> None:
    role_seen = d.profile.get("leadership_role")
    _fit_row(
        t("results.lead_title"),
        t("results.lead_seen"),
        _role_name(role_seen.value if role_seen else None),
        t("results.lead_needed"),
        _role_name(d.derived.get("fitting_leadership_role")),
        [f for f in d.findings if f.kind == "leadership"],
        "fit_leadership",
        d.summary,
    )


# --- scores -------------------------------------------------------------------------------------


def scores(d: Diagnosis) -> None:
    bundle, lang = get_bundle(), current_lang()
    st.caption(
        t(
            "results.scores_intro",
            strength=_num(d.thresholds["strength"]),
            concern=_num(d.thresholds["concern"]),
        )
    )
    left, right = st.columns(2)
    with left:
        chart(charts.pitfall_bars(d, bundle, lang), "pitfalls")
        chart(charts.perspective_bars(d, bundle, lang), "perspectives")
    with right:
        chart(charts.building_block_bars(d, bundle, lang), "building_blocks")
        chart(charts.leadership_bars(d, bundle, lang), "leadership")
    with st.expander(t("results.table"), icon=":material/table:"):
        labels = {c.id: loc(c.label) for c in bundle.constructs.constructs}
        rows = []
        for cid, s in d.scores.items():
            if not d.score_visible(cid):
                continue
            rows.append(
                {
                    t("results.col_construct"): labels.get(cid, cid),
                    t("results.col_mean"): _num(s.mean, 2),
                    t("results.col_spread"): _num(s.sd, 2) if s.sd is not None else "–",
                    t("results.col_n"): s.n,
                    t("results.col_band"): BAND_LABELS[s.band].get(lang) if s.band else t("results.position"),
                }
            )
        st.dataframe(rows, hide_index=True, key="scores_table")
    if d.not_measured:
        labels = {c.id: loc(c.label) for c in bundle.constructs.constructs}
        st.caption(t("results.not_measured", names=", ".join(labels.get(c, c) for c in d.not_measured)))


# --- differences --------------------------------------------------------------------------------


def differences(d: Diagnosis) -> None:
    bundle, lang = get_bundle(), current_lang()
    if d.round.group_only:
        st.info(t("results.group_no_spread"), icon=":material/groups:")
        return
    disagreements = [f for f in d.findings if f.kind == "disagreement"]
    if disagreements:
        st.markdown(f"### {t('results.disagreements', count=len(disagreements))}")
        for f in disagreements:
            finding_expander(f, show_kind=False)  # the heading names the kind already
    else:
        st.success(t("results.no_disagreements"), icon=":material/handshake:")
    chart(charts.spread_chart(d, bundle, lang), "spread")
    st.markdown(f"### {t('results.by_role')}")
    st.caption(t("results.by_role_intro", n=d.anonymity.minimum))
    chart(charts.role_chart(d, bundle, lang), "roles")


# --- over time ----------------------------------------------------------------------------------


def over_time(view: RoundView, history: list[RoundHistory]) -> None:
    """The trend over the view's earlier rounds, and any two rounds of the network side by side."""
    bundle, lang = get_bundle(), current_lang()
    d, rnd, earlier = view.diagnosis, view.round, view.history
    groups = bundle.constructs.trend_groups
    if not earlier:  # say why there is no trend, rather than show an empty frame
        order = [h.round.id for h in history]
        is_first = rnd.id not in order or order.index(rnd.id) == 0
        key = "results.time_first_round" if is_first else "results.time_none_shown"
        st.info(t(key), icon=":material/timeline:")
    else:
        group = st.segmented_control(
            t("results.trend_group"),
            groups,
            default=groups[0],
            format_func=lambda g: loc(bundle.constructs.group_by_id[g].label),
            key="trend_group",
        )
        chart(charts.trend_chart(d, bundle, lang, earlier, groups=(group or groups[0],)), "trend")
    st.markdown(f"### {t('results.compare_title')}")
    usable = [h for h in history if (shown := shown_diagnosis(h)) is not None and shown.results_allowed]
    if len(usable) < 2:
        st.caption(t("results.compare_need_two"))
        return
    labels = {h.round.id: h.round.label for h in usable}
    ids = list(labels)
    current_index = ids.index(rnd.id) if rnd.id in ids else len(ids) - 1
    cols = st.columns(2)
    first = cols[0].selectbox(
        t("results.compare_from"),
        ids,
        index=max(current_index - 1, 0),
        format_func=labels.__getitem__,
        key="compare_from",
    )
    second = cols[1].selectbox(
        t("results.compare_to"), ids, index=current_index, format_func=labels.__getitem__, key="compare_to"
    )
    if first == second:
        st.caption(t("results.compare_same"))
        return
    by_id = {h.round.id: h for h in usable}
    older, newer = sorted((by_id[first], by_id[second]), key=lambda h: ids.index(h.round.id))
    assert older.snapshot is not None and newer.snapshot is not None
    pair = newer.snapshot.diagnosis().compared_with(older.snapshot.diagnosis(), bundle)
    chart(charts.comparison_chart(pair, bundle, lang), "compare")
    trends = [f for f in d.findings if f.kind == "trend"]
    if trends and newer.round.id == rnd.id:
        st.markdown(f"#### {t('results.trend_findings')}")
        for f in trends:
            finding_expander(f, show_kind=False)


# --- all findings, free text --------------------------------------------------------------------


def all_findings(d: Diagnosis) -> None:
    kinds = [k for k in get_bundle().settings.kind_order if any(f.kind == k for f in d.findings)]
    if not d.findings:
        st.success(t("results.no_findings"), icon=":material/check_circle:")
    from netscan_app.widgets import kind_label

    cards = grouping.cards(d, get_bundle())
    for kind in kinds:
        members = [card for card in cards if card.lead.kind == kind]
        if not members:
            continue
        st.markdown(f"### {kind_label(kind)} ({sum(len(card.findings) for card in members)})")
        for card in members:
            alike = [loc(grouping.subject(other, get_bundle())) for other in card.alike]
            finding_expander(
                card.lead,
                show_kind=False,
                evidence=[loc(e.title) for e in card.evidence],
                alike=alike,
            )
    th = d.thresholds
    st.caption(
        t(
            "results.thresholds",
            strength=_num(th["strength"]),
            concern=_num(th["concern"]),
            spread=_num(th.get("spread", 1.0)),
            change=_num(th.get("change", 0.5)),
            minimum=d.anonymity.minimum,
        )
    )
    st.caption(
        t(
            "results.versions",
            questionnaire=f"{d.questionnaire.id} {d.questionnaire.version}",
            ruleset=f"{d.ruleset.id} {d.ruleset.version}",
        )
    )


def open_answers(view: RoundView) -> None:
    if not view.results_allowed:
        return
    q = get_bundle().questionnaire(view.round.questionnaire_id, view.round.questionnaire_version)
    text_items = [item for item in q.items() if item_type(item).free_text]
    if not text_items:
        st.caption(t("results.no_text_items"))
        return
    st.caption(t("results.open_intro"))
    for item in text_items:
        texts = view.texts.get(item.id, ())
        st.markdown(f"### {loc(item.text)}")  # under the tab's h2
        if not texts:
            st.caption(t("results.no_open_answers"))
        for text in texts:
            free_text(text)


def respondent_results(d: Diagnosis) -> None:
    """What a respondent sees after submitting, when the coordinator allows it."""
    st.markdown(f"## {t('respondent.results_title')}")
    st.caption(f"{md_escape(d.round.label)} · {tn('results.meta', d.round.respondents)}")
    summary(d, respondent=True)


__all__ = [
    "all_findings",
    "chart",
    "differences",
    "open_answers",
    "over_time",
    "respondent_results",
    "scores",
    "summary",
]
