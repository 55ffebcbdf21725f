"""The network profile form (facts, not scores): the questions of the questionnaire's coordinator
section (`asked_of: coordinator`), asked once of the coordinator for the whole network instead of
of every respondent, and labelled from the questionnaire's own items."""

from __future__ import annotations

from typing import Any

import streamlit as st

from diagnose.bundle import Bundle
from diagnose.questionnaire import Item
from diagnose.regions import REGION, REGIONS
from netscan_app.i18n import loc, t

PROFILE_QUESTIONNAIRE = "netwerkscan"  # the full scan's newest version asks the whole profile


def profile_items(bundle: Bundle) -> list[tuple[str, Item]]:
    """(fact, item) for each question of the coordinator's section, in the questionnaire's order
    (members give their own view of network type, task and leadership in the questionnaire)."""
    return [
        (item.construct_id, item) for item in bundle.questionnaire(PROFILE_QUESTIONNAIRE).coordinator_items()
    ]


def profile_fields(bundle: Bundle, current: dict[str, Any], prefix: str) -> dict[str, Any]:
    """Widgets for the profile (inside a form); returns the profile as the store expects it."""
    result: dict[str, Any] = {}
    items = profile_items(bundle)
    cols = st.columns(2)
    for index, (fact, item) in enumerate(items):
        with cols[index % 2]:
            key = f"{prefix}_{fact}"
            label = loc(item.text)
            value = current.get(fact)
            if item.type == "single":
                labels = {o.value: loc(o.label) for o in item.options or []}
                options = list(labels)
                chosen = st.selectbox(
                    label,
                    options,
                    index=options.index(value) if value in options else None,
                    format_func=labels.__getitem__,
                    key=key,
                    placeholder=t("profile.unknown"),
                )
                if chosen is not None:
                    result[fact] = chosen
            elif item.type == "multi":
                labels = {o.value: loc(o.label) for o in item.options or []}
                chosen_list = st.multiselect(
                    label,
                    list(labels),
                    select_all=False,  # Streamlit names that option in English only ("Select all")
                    default=[v for v in value or [] if v in labels],
                    format_func=labels.__getitem__,
                    key=key,
                    placeholder=t("profile.choose"),
                )
                if chosen_list:
                    result[fact] = chosen_list
            elif item.type == "number":
                number = st.number_input(
                    label,
                    value=int(value) if isinstance(value, (int, float)) else None,
                    min_value=int(item.min) if item.min is not None else None,
                    max_value=int(item.max) if item.max is not None else None,
                    step=1,
                    key=key,
                    placeholder=t("profile.unknown"),
                )
                if number is not None:
                    result[fact] = int(number)
    with cols[len(items) % 2]:
        chosen_region = st.selectbox(
            t("profile.region"),
            list(REGIONS),
            index=list(REGIONS).index(current[REGION]) if current.get(REGION) in REGIONS else None,
            format_func=lambda v: loc(REGIONS[v]),
            key=f"{prefix}_{REGION}",
            placeholder=t("profile.unknown"),
            help=t("profile.region_help"),
        )
        if chosen_region is not None:
            result[REGION] = chosen_region
    return result


def profile_summary(bundle: Bundle, profile: dict[str, Any], *, units: bool = True) -> list[tuple[str, str]]:
    """(label, value) pairs of the facts that are filled in, for display."""
    rows = []
    for fact, item in profile_items(bundle):
        value = profile.get(fact)
        if value is None or value == []:
            continue
        if item.type == "single":
            label = item.option_label(str(value))
            shown = loc(label) if label else str(value)
        elif item.type == "multi":
            shown = ", ".join(loc(lab) if (lab := item.option_label(v)) else v for v in value)
        else:
            number = f"{value:g}" if isinstance(value, float) else str(value)
            unit = {"size": "profile.size_value", "age_years": "profile.age_value"}.get(fact)
            shown = t(unit, n=number) if unit and units else number
        rows.append((loc(bundle.constructs.by_id[fact].label), shown))
    region = profile.get(REGION)
    if region in REGIONS:
        rows.append((t("profile.region"), loc(REGIONS[region])))
    return rows
