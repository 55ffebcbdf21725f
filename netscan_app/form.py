"""The questionnaire as a respondent (or a group at an intake) fills it in: page by page, autosaved.

Every answer is saved to the database the moment it is given (``on_change``), keyed by the response.
When a session starts (a refresh, a closed tab, another device with the same link) the answers are
read back from the database and put into the widgets' state *before* the widgets render, so every
answer is in place. The page the respondent is on travels in the URL (``p``) for the same reason.

Pages: -1 is the welcome page, 0..n-1 the questionnaire's sections, n the check-and-submit page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from diagnose.questionnaire import DONT_KNOW, NOT_APPLICABLE, Item, Questionnaire
from diagnose.store.errors import DatabaseUnavailable
from diagnose.text import long_date
from netscan_app import pending
from netscan_app.answers import (
    Page,
    first_open_section,
    is_answered,
    keep,
    missing_in_section,
    normalise_multi,
    normalise_number,
    normalise_text,
    pages,
    progress,
    scale_options,
    valid_answers,
    whole_number_bounds,
    widget_key,
)
from netscan_app.i18n import current_lang, loc, t, tn
from netscan_app.reconnect import brought_by_browser
from netscan_app.resources import get_bundle, get_store
from netscan_app.widgets import group, language_switch, live_region, local_time, md_escape

WELCOME = -1


@dataclass(frozen=True)
class FormContext:
    response_id: int
    q: Questionnaire
    network_name: str
    group: bool = False
    #: "anonymous" or "named": what the welcome page tells the respondent (None: a group answer)
    identity: str | None = None
    #: re-asserts the URL parameters of the page the form is on, with the form's page number
    keep_url: Callable[[int], None] = lambda page: None


def _answers_key(ctx: FormContext) -> str:
    return f"answers_{ctx.response_id}"


def _page_key(ctx: FormContext) -> str:
    return f"page_{ctx.response_id}"


def load_answers(ctx: FormContext) -> dict[str, Any]:
    """This session's copy of the saved answers, read from the database once per session."""
    key = _answers_key(ctx)
    if key not in st.session_state:
        st.session_state[key] = valid_answers(ctx.q, get_store().answers(ctx.response_id))
    answers: dict[str, Any] = st.session_state[key]
    return answers


def current_page(ctx: FormContext, url_page: int | None) -> int:
    key = _page_key(ctx)
    if key not in st.session_state:
        answers = load_answers(ctx)
        last = len(pages(ctx.q, answers))
        if url_page is not None and WELCOME <= url_page <= last:
            st.session_state[key] = url_page
        elif not answers and not ctx.group:
            st.session_state[key] = WELCOME
        else:
            st.session_state[key] = first_open_section(ctx.q, answers) if answers else 0
    page: int = st.session_state[key]
    return min(page, len(pages(ctx.q, load_answers(ctx))))  # a role changed: fewer pages


def go_to(ctx: FormContext, page: int) -> None:
    st.session_state[_page_key(ctx)] = page
    st.session_state[f"show_missing_{ctx.response_id}"] = False
    st.session_state["scroll_top"] = True
    st.session_state["scroll_heading"] = "h2"  # the section's (or the check page's) heading


# --- saving -------------------------------------------------------------------------------------


def _save(ctx: FormContext, item: Item) -> None:
    """on_change of every answer widget: one upsert of one answer. When the database cannot take it
    now, the answer waits in the session (``pending``) and counts as given; it is saved later."""
    widget = WIDGETS[item.type]
    raw = widget.read(item)
    value = None if raw is None else widget.normalise(item, raw)
    if item.type == "text" and value is not None and item.max_length and len(value) > item.max_length:
        value = value[: item.max_length]  # a paste beyond the limit keeps what fits, and says so
        st.session_state[widget_key(item.id)] = value
        st.session_state[f"cut_{ctx.response_id}"] = item.id
    pending.keep(ctx.response_id, item.id, value)
    outcome = pending.flush(ctx.response_id)
    if item.id in outcome.refused:
        return
    answers = load_answers(ctx)
    if value is None:
        answers.pop(item.id, None)
    else:
        answers[item.id] = value


# --- rendering ----------------------------------------------------------------------------------


def _scale_label(q: Questionnaire, item: Item, value: int | str) -> str:
    scale = q.scales[item.scale or ""]
    if value == DONT_KNOW:
        return loc(scale.dont_know)
    if value == NOT_APPLICABLE:
        return loc(scale.not_applicable)
    return next(loc(p.label) for p in scale.points if p.value == value)


def _draw_scale(q: Questionnaire, item: Item, label: str, common: dict[str, Any]) -> None:
    st.pills(
        label,
        scale_options(q, item),
        selection_mode="single",
        # also aria-required on the radio group: a required question is announced as such, and an
        # optional answer can be taken back by choosing it again
        required=item.required,
        key=widget_key(item.id),
        format_func=lambda v: _scale_label(q, item, v),
        **common,
    )


def _draw_single(q: Questionnaire, item: Item, label: str, common: dict[str, Any]) -> None:
    labels = {o.value: loc(o.label) for o in item.options or []}
    st.radio(
        label,
        item.option_values,
        index=None,
        key=widget_key(item.id),
        format_func=labels.__getitem__,
        **common,
    )


def _draw_multi(q: Questionnaire, item: Item, label: str, common: dict[str, Any]) -> None:
    for option in item.options or []:
        st.checkbox(
            loc(option.label),
            key=widget_key(item.id, option.value),
            on_change=common["on_change"],
            args=common["args"],
        )


def _draw_number(q: Questionnaire, item: Item, label: str, common: dict[str, Any]) -> None:
    whole = whole_number_bounds(item)
    cast: Callable[[float], float | int] = int if whole else float
    st.number_input(
        label,
        value=None,
        step=1 if whole else 0.5,
        key=widget_key(item.id),
        min_value=cast(item.min) if item.min is not None else None,
        max_value=cast(item.max) if item.max is not None else None,
        placeholder=t("form.number_placeholder"),
        **common,
    )


def _draw_text(q: Questionnaire, item: Item, label: str, common: dict[str, Any]) -> None:
    st.text_area(
        label,
        value=None,
        key=widget_key(item.id),
        # no max_chars: Streamlit's field drops a longer paste whole; _save keeps what fits instead
        help=t("form.text_limit", limit=item.max_length) if item.max_length else None,
        placeholder=t("form.text_placeholder"),
        **common,
    )


def _read_one(item: Item) -> Any:
    return st.session_state.get(widget_key(item.id))


def _read_multi(item: Item) -> Any:
    return [o for o in item.option_values if st.session_state.get(widget_key(item.id, o))]


def _put(item: Item, value: Any) -> None:
    key = widget_key(item.id)
    if key not in st.session_state:
        st.session_state[key] = value


def _put_multi(item: Item, value: Any) -> None:
    chosen = set(value or [])
    for option in item.option_values:
        key = widget_key(item.id, option)
        if key not in st.session_state:
            st.session_state[key] = option in chosen


def _put_number(item: Item, value: Any) -> None:
    _put(item, int(value) if value is not None and whole_number_bounds(item) else value)


def _put_text(item: Item, value: Any) -> None:
    _put(item, "" if value is None else value)


@dataclass(frozen=True)
class AnswerWidget:
    """How the form asks an item type: draw its widget, read the widget's value, turn it into the
    answer to store (netscan_app.answers), and put a saved answer back into the widget's state
    before it renders (so a refresh keeps every answer)."""

    draw: Callable[[Questionnaire, Item, str, dict[str, Any]], None]
    read: Callable[[Item], Any] = _read_one
    put: Callable[[Item, Any], None] = _put
    normalise: Callable[[Item, Any], Any] = keep


# One widget per item type of the core's registry (diagnose.item_types.ITEM_TYPES).
WIDGETS: dict[str, AnswerWidget] = {
    "scale": AnswerWidget(_draw_scale),
    "single": AnswerWidget(_draw_single),
    "multi": AnswerWidget(_draw_multi, _read_multi, _put_multi, normalise_multi),
    "number": AnswerWidget(_draw_number, put=_put_number, normalise=normalise_number),
    "text": AnswerWidget(_draw_text, put=_put_text, normalise=normalise_text),
}


def accessible_label(item: Item, number: int, problem: str | None) -> str:
    """The question as a screen reader names its control: number, text, optional or required (a
    scale's radio group says "required" itself: aria-required), and the problem with the answer,
    so an error is heard on the control it belongs to (Streamlit has no aria-describedby)."""
    label = f"{number}. {loc(item.text)}"
    if not item.required:
        label += f" ({t('form.optional')})"
    elif item.type != "scale":
        label += f" ({t('form.required')})"
    return f"{label}. {problem}" if problem else label


def render_item(
    ctx: FormContext, item: Item, number: int, answers: dict[str, Any], show_missing: bool
) -> None:
    widget = WIDGETS[item.type]
    # after a reconnect to another process the browser's value wins over the stored one (reconnect.py)
    reconnected = brought_by_browser(
        widget_key(item.id), *(widget_key(item.id, o) for o in item.option_values)
    )
    if not reconnected:
        widget.put(item, answers.get(item.id))
    optional = "" if item.required else f" *({t('form.optional')})*"
    with st.container(key=f"item_{item.id}"):
        st.markdown(f"**{number}. {loc(item.text)}**{optional}")
        if item.help is not None:
            st.caption(loc(item.help))
        error = st.session_state.get(f"errors_{ctx.response_id}", {}).get(item.id)
        cut = st.session_state.get(f"cut_{ctx.response_id}") == item.id
        missing = show_missing and item.required and not is_answered(answers.get(item.id))
        problem = error or (t("form.missing_item") if missing else None)
        if cut:
            problem = t("form.text_cut", limit=item.max_length)
        label = accessible_label(item, number, problem)
        common: dict[str, Any] = {"on_change": _save, "args": (ctx, item), "label_visibility": "collapsed"}
        widget.draw(ctx.q, item, label, common)
        if item.type == "multi":  # the check boxes are named by their options; the group by the question
            group(f"item_{item.id}", label)
        if reconnected:
            raw = widget.read(item)
            if (None if raw is None else widget.normalise(item, raw)) != answers.get(item.id):
                _save(ctx, item)  # the click that no on_change reported
        if cut:
            st.warning(t("form.text_cut", limit=item.max_length), icon=":material/content_cut:")
        if error:
            st.error(error, icon=":material/error:")
        elif missing:
            st.warning(t("form.missing_item"), icon=":material/priority_high:")


def _numbering(shown: list[Page]) -> dict[str, int]:
    """Questions numbered over the pages this respondent sees, so the numbers have no gaps."""
    return {item.id: index for index, item in enumerate((i for page in shown for i in page.items), 1)}


def render_header(ctx: FormContext, page: int) -> None:
    answers = load_answers(ctx)
    p = progress(ctx.q, answers)
    with st.container(
        horizontal=True, vertical_alignment="center", horizontal_alignment="distribute", key="form_top"
    ):
        st.caption(md_escape(ctx.network_name))
        if not ctx.group:
            language_switch("respondent")
    st.title(loc(ctx.q.title), anchor=False)
    sections = len(pages(ctx.q, answers))
    if WELCOME < page < sections:
        step = t("form.step", page=page + 1, pages=sections)
    elif page == sections:
        step = t("form.step_check")
    else:
        step = t("form.step_welcome")
    st.progress(p.fraction, text=f"{step} · {t('form.answered', answered=p.answered, total=p.total)}")
    saved = st.session_state.get(f"saved_at_{ctx.response_id}")
    with st.container(key="save_status"):
        unsaved = pending.count(ctx.response_id)
        if unsaved:
            st.warning(tn("form.not_saved", unsaved), icon=":material/sync_problem:")
            pending.retry_timer(ctx.response_id)
        elif saved is not None:
            st.caption(t("form.saved", time=local_time(saved)), help=t("form.saved_help"))
        else:
            st.caption(t("form.autosave"))
    live_region("save_status")


def render_welcome(ctx: FormContext) -> None:
    answers = load_answers(ctx)
    if ctx.group:
        st.info(t("form.group_intro"), icon=":material/groups:")
    st.markdown(t("form.welcome_network", network=md_escape(ctx.network_name)))
    if ctx.identity is not None:  # before the first question, in plain words (m13a)
        with st.container(key="privacy_notice"):
            st.info(
                t(f"form.privacy_{ctx.identity}", n=get_bundle().settings.anonymity_minimum),
                icon=":material/badge:" if ctx.identity == "named" else ":material/shield:",
            )
    if ctx.q.intro is not None:
        st.markdown(loc(ctx.q.intro))
    st.markdown(t("form.welcome_how"))
    deadline = get_store().mail_settings(get_store().get_response(ctx.response_id).round_id).deadline
    if deadline is not None:  # the round's deadline, as in the invitation (m13s)
        st.markdown(t("form.welcome_deadline", date=long_date(deadline, current_lang())))
    label = t("form.resume") if answers else t("form.start")
    target = first_open_section(ctx.q, answers) if answers else 0
    st.button(
        label,
        type="primary",
        key="form_start",
        icon=":material/arrow_forward:",
        on_click=go_to,
        args=(ctx, target),
    )


def render_section(ctx: FormContext, page: int) -> None:
    answers = load_answers(ctx)
    shown = pages(ctx.q, answers)
    section = shown[page].section
    numbers = _numbering(shown)
    show_missing = bool(st.session_state.get(f"show_missing_{ctx.response_id}"))
    st.header(loc(section.title), anchor=False)
    if section.intro is not None:
        st.markdown(loc(section.intro))
    with st.container(key="form_items"):
        for item in shown[page].items:
            render_item(ctx, item, numbers[item.id], answers, show_missing)
    missing = missing_in_section(shown[page], answers)
    last = len(shown)
    if show_missing and missing:
        st.warning(tn("form.missing_page", len(missing)), icon=":material/priority_high:")
    cols = st.columns(2)
    with cols[0]:
        st.button(
            t("form.previous"),
            key="form_previous",
            icon=":material/arrow_back:",
            width="stretch",
            disabled=page == 0 and ctx.group,
            on_click=go_to,
            args=(ctx, page - 1),
        )
    with cols[1]:
        next_label = t("form.next") if page < last - 1 else t("form.to_check")
        if missing and show_missing:
            next_label = t("form.skip")
        st.button(
            next_label,
            key="form_next",
            type="primary",
            icon=":material/arrow_forward:",
            width="stretch",
            on_click=_next,
            args=(ctx, page),
        )


def _next(ctx: FormContext, page: int) -> None:
    """On to the next page; with required questions open, first point them out (once)."""
    missing = missing_in_section(pages(ctx.q, load_answers(ctx))[page], load_answers(ctx))
    if missing and not st.session_state.get(f"show_missing_{ctx.response_id}"):
        st.session_state[f"show_missing_{ctx.response_id}"] = True
        return
    go_to(ctx, page + 1)


def _go_and_show(ctx: FormContext, page: int) -> None:
    go_to(ctx, page)
    st.session_state[f"show_missing_{ctx.response_id}"] = True


def render_check(ctx: FormContext, submit: Callable[[], list[str] | None]) -> None:
    answers = load_answers(ctx)
    p = progress(ctx.q, answers)
    st.header(t("form.check_title"), anchor=False)
    if p.complete:
        st.success(t("form.check_complete"), icon=":material/check_circle:")
    else:
        st.warning(tn("form.check_missing", len(p.missing_required)), icon=":material/priority_high:")
        shown = pages(ctx.q, answers)
        numbers = _numbering(shown)
        for index, page in enumerate(shown):
            missing = missing_in_section(page, answers)
            if not missing:
                continue
            section = page.section
            with st.container(border=True, key=f"missing_{section.id}"):
                st.markdown(f"**{loc(section.title)}**")
                st.markdown("\n".join(f"- {numbers[i.id]}. {loc(i.text)}" for i in missing))
                st.button(
                    t("form.go_to_page"),
                    key=f"goto_{section.id}",
                    icon=":material/edit:",
                    on_click=_go_and_show,
                    args=(ctx, index),
                )
    unanswered_optional = p.total - p.answered - len(p.missing_required)
    if p.complete and unanswered_optional:
        st.caption(tn("form.optional_left", unanswered_optional))
    st.markdown(t("form.group_submit_note") if ctx.group else t("form.submit_note"))
    if st.session_state.pop(f"submit_failed_{ctx.response_id}", False):
        st.warning(t("form.submit_not_saved"), icon=":material/sync_problem:")
    cols = st.columns(2)
    with cols[0]:
        st.button(
            t("form.previous"),
            key="form_previous",
            icon=":material/arrow_back:",
            width="stretch",
            on_click=go_to,
            args=(ctx, len(pages(ctx.q, answers)) - 1),
        )
    with cols[1]:
        if st.button(
            t("form.submit"),
            key="form_submit",
            type="primary",
            icon=":material/send:",
            width="stretch",
            disabled=not p.complete,
        ):
            if pending.flush(ctx.response_id, force=True).left:
                st.rerun()  # the header says the answers are not saved yet; submit waits for them
            try:
                still_missing = submit()
            except DatabaseUnavailable:
                st.session_state[f"submit_failed_{ctx.response_id}"] = True
                st.rerun()
            if still_missing:
                st.session_state[_answers_key(ctx)] = valid_answers(
                    ctx.q, get_store().answers(ctx.response_id)
                )
                st.rerun()


def render_form(ctx: FormContext, url_page: int | None, submit: Callable[[], list[str] | None]) -> None:
    """The whole form: header with progress, then the welcome, a section, or the check page."""
    pending.flush(ctx.response_id)  # any interaction is a chance to save what is waiting
    page = current_page(ctx, url_page)
    ctx.keep_url(page)
    render_header(ctx, page)
    if page == WELCOME:
        render_welcome(ctx)
    elif page >= len(pages(ctx.q, load_answers(ctx))):
        render_check(ctx, submit)
    else:
        render_section(ctx, page)
