"""The agreements in the app: what came of last time's agreements, this round's agreements with
their status, a new agreement (also started from a finding with one click), and the network's
timeline. Used by the agreements page and the results page's tab; data only through the store
façade and the round view, the comparison from the core (diagnose.agreements)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

import streamlit as st

from diagnose.agreements import ARROWS, STATUSES, Agreement, Effect, aimed_constructs
from diagnose.diagnosis import Diagnosis, Finding
from diagnose.problems import ValidationFailed
from diagnose.store import Store
from diagnose.store.round_view import RoundView, shown_diagnosis
from diagnose.store.types import RoundInfo, User
from diagnose.text import format_number
from netscan_app.i18n import current_lang, loc, t
from netscan_app.resources import get_bundle
from netscan_app.widgets import md_escape

PREFILL = "agreement_prefill"  # the rule id of the finding an agreement is started from
PAGE = "netscan_app/pages/agreements.py"
STATUS_ICONS = {
    "planned": ":material/event:",
    "under_way": ":material/pending:",
    "done": ":material/check_circle:",
    "dropped": ":material/cancel:",
}
GENERATION = "new_agreement_generation"  # a new form (empty fields) after each agreement recorded


def start_button(f: Finding, *, key: str) -> None:
    """One click from a finding's advice to a new agreement, pre-filled (and editable)."""
    if st.button(t("agreements.from_finding"), key=key, icon=":material/handshake:"):
        st.session_state[PREFILL] = f.rule
        st.switch_page(PAGE)


def _label(construct: str) -> str:
    found = get_bundle().constructs.by_id.get(construct)
    return loc(found.label) if found else construct


def _date(day: dt.date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else ""


def movement_text(effect: Effect) -> list[str]:
    """'Label 2,2 → 3,1 ▲' per construct, or why it cannot be compared."""
    lang = current_lang()
    lines = []
    for m in effect.movements:
        if m.before is None or m.after is None or m.direction is None:
            lines.append(f"{md_escape(_label(m.construct_id))}: {t('agreements.not_compared')}")
        else:
            arrow = ARROWS[m.direction]
            shown = f"{format_number(m.before, lang)} → {format_number(m.after, lang)} {arrow}"
            colour = {"up": "green", "down": "red"}.get(m.direction, "gray")
            lines.append(f"{md_escape(_label(m.construct_id))} :{colour}[**{shown}**]")
    return lines


def verdict(effect: Effect) -> str:
    group = {"done": "done", "dropped": "dropped"}.get(effect.agreement.status, "open")
    return t(f"agreements.verdict_{group}_{effect.verdict or 'unknown'}")


def effects_panel(view: RoundView) -> None:
    """Last time's agreements beside the movement of their constructs ("did it work?")."""
    st.markdown(f"### {t('agreements.before_heading')}")
    previous = view.diagnosis.previous
    if not view.results_allowed:
        st.caption(t("agreements.before_hidden"))
        return
    if previous is None:
        st.caption(t("agreements.before_no_previous"))
        return
    if not view.effects:
        st.info(t("agreements.before_none", earlier=md_escape(previous.label)), icon=":material/info:")
        return
    st.caption(t("agreements.before_intro", earlier=md_escape(previous.label)))
    for index, e in enumerate(view.effects):
        a = e.agreement
        with st.container(border=True, key=f"effect_{index}"):
            left, right = st.columns([3, 2])
            with left:
                st.markdown(f"**{md_escape(a.text)}**")
                st.caption(_who_when(a))
            with right:
                st.markdown(f"{STATUS_ICONS[a.status]} **{loc(STATUSES[a.status])}**")
                if a.last_change.note:
                    st.caption(f"{_date(a.last_change.date)}: {md_escape(a.last_change.note)}")
            for line in movement_text(e):
                st.markdown(line)
            st.markdown(f"*{verdict(e)}*")


def _who_when(a: Agreement) -> str:
    parts = []
    if a.owner:
        parts.append(t("agreements.owner_shown", owner=md_escape(a.owner)))
    if a.due:
        parts.append(t("agreements.due_shown", due=_date(a.due)))
    return " · ".join(parts) or t("agreements.no_owner")


def agreements_list(store: Store, user: User, rnd: RoundInfo, d: Diagnosis | None) -> None:
    """This round's agreements, each with its status and a way to move it on."""
    st.markdown(f"### {t('agreements.this_round', round=md_escape(rnd.label))}")
    found = store.list_agreements(rnd.id)
    if not found:
        st.caption(t("agreements.none_yet"))
    for a in found:
        assert a.id is not None
        with st.container(border=True, key=f"agreement_{a.id}"):
            st.markdown(f"{STATUS_ICONS[a.status]} **{md_escape(a.text)}** — {loc(STATUSES[a.status])}")
            st.caption(_who_when(a))
            shown = d if d is not None and d.results_allowed else None  # nothing below the minimum
            about = [loc(f.title) for r in a.findings if shown and (f := shown.finding(r))]
            constructs = aimed_constructs(a, shown)
            if about:
                st.caption(t("agreements.answers", findings=md_escape("; ".join(about))))
            if constructs:
                st.caption(
                    t("agreements.aims", constructs=md_escape(", ".join(_label(c) for c in constructs)))
                )
            history = " → ".join(
                f"{loc(STATUSES[h.status])} ({_date(h.date)}{': ' + md_escape(h.note) if h.note else ''})"
                for h in a.history
            )
            st.caption(history)
            with st.form(key=f"status_{a.id}", border=False):
                cols = st.columns(2)
                status = cols[0].selectbox(
                    t("agreements.status"),
                    list(STATUSES),
                    index=list(STATUSES).index(a.status),
                    format_func=lambda s: loc(STATUSES[s]),
                    key=f"status_value_{a.id}",
                )
                on = cols[1].date_input(
                    t("agreements.on"), value=dt.date.today(), key=f"status_on_{a.id}", format="DD-MM-YYYY"
                )
                note = st.text_input(t("agreements.note"), key=f"status_note_{a.id}", max_chars=500)
                if st.form_submit_button(t("agreements.save_status")):
                    _act(partial(store.set_agreement_status, a.id, status, note=note, on=on, user_id=user.id))


def _act(work: Callable[[], object], after: Callable[[], None] | None = None) -> None:
    """Run a store change; a refusal is shown where it happened, nothing is stored."""
    try:
        work()
    except ValidationFailed as exc:
        lang = current_lang()
        for p in exc.problems:
            st.error(f"{p.what(lang)} — {p.fix(lang)}", icon=":material/error:")
        return
    if after is not None:
        after()
    st.session_state["flash"] = t("agreements.saved")
    st.rerun()


def new_agreement(store: Store, user: User, rnd: RoundInfo, d: Diagnosis | None) -> None:
    """A new agreement; pre-filled from a finding when started from one."""
    st.markdown(f"### {t('agreements.new_heading')}")
    findings = [f for f in (d.findings if d and d.results_allowed else []) if f.kind != "strength"]
    titles = {f.rule: loc(f.title) for f in findings}
    gen = st.session_state.get(GENERATION, 0)
    prefill = st.session_state.pop(PREFILL, None)
    if prefill in titles:
        f = next(x for x in findings if x.rule == prefill)
        st.session_state[f"new_agreement_text_{gen}"] = _first_sentence(loc(f.advice))
        st.session_state[f"new_agreement_findings_{gen}"] = [prefill]
        st.info(t("agreements.prefilled", finding=md_escape(titles[prefill])), icon=":material/handshake:")
    q = get_bundle().questionnaire(rnd.questionnaire_id, rnd.questionnaire_version)
    measured = list(q.items_by_construct)
    with st.form(key="new_agreement", clear_on_submit=False):
        text = st.text_area(t("agreements.text"), key=f"new_agreement_text_{gen}", max_chars=500, height=90)
        cols = st.columns(2)
        owner = cols[0].text_input(t("agreements.owner"), key=f"new_agreement_owner_{gen}", max_chars=200)
        due = cols[1].date_input(
            t("agreements.due"), value=None, key=f"new_agreement_due_{gen}", format="DD-MM-YYYY"
        )
        chosen = st.multiselect(
            t("agreements.findings"),
            list(titles),
            select_all=False,  # Streamlit names that option in English only ("Select all")
            format_func=titles.__getitem__,
            placeholder=t("agreements.pick"),
            key=f"new_agreement_findings_{gen}",
        )
        constructs = st.multiselect(
            t("agreements.constructs"),
            measured,
            select_all=False,  # Streamlit names that option in English only ("Select all")
            format_func=_label,
            placeholder=t("agreements.pick"),
            key=f"new_agreement_constructs_{gen}",
        )
        st.caption(t("agreements.privacy"))
        if st.form_submit_button(t("agreements.add"), type="primary"):
            _act(
                partial(
                    store.add_agreement,
                    rnd.id,
                    text,
                    owner=owner,
                    due=due,
                    findings=chosen,
                    constructs=constructs,
                    user_id=user.id,
                ),
                _clear_form,
            )


def _clear_form() -> None:
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1


def _first_sentence(advice: str) -> str:
    """The advice's first sentence as the agreement's starting text (the coordinator edits it)."""
    head = advice.split(". ", maxsplit=1)[0].strip()
    return (head if head.endswith(".") else head + ".")[:500]


def timeline(store: Store, network_id: int) -> None:
    """The network's history on one page: rounds, their headline findings, the agreements between."""
    st.markdown(f"### {t('agreements.timeline_heading')}")
    st.caption(t("agreements.timeline_intro"))
    agreements = store.network_agreements(network_id)
    for entry in store.network_history(network_id):
        rnd = entry.round
        with st.container(border=True, key=f"timeline_{rnd.id}"):
            date = f" · {_date(rnd.date)}" if rnd.date else ""
            st.markdown(f"**{md_escape(rnd.label)}**{date}")
            d = shown_diagnosis(entry)  # with the round's response-rate threshold
            if d is None or not d.results_allowed:
                st.caption(t("agreements.timeline_no_results"))
            else:
                top = [loc(f.title) for r in d.summary[:3] if (f := d.finding(r))]
                st.markdown("\n".join(f"- {md_escape(x)}" for x in top) or t("results.no_findings"))
            made = agreements.get(rnd.id, [])
            if made:
                st.markdown(
                    f"{t('agreements.timeline_agreed')}\n"
                    + "\n".join(
                        f"- {STATUS_ICONS[a.status]} {md_escape(a.text)} — {loc(STATUSES[a.status])}"
                        for a in made
                    )
                )
