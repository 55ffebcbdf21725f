"""The portfolio: the overview of a workspace with many networks, one row each, those that need
attention first (diagnose/portfolio.py decides; diagnose/store/portfolio_view.py reads). Filter by
sector, region, network type and status; sort; 50 rows a page; choose a row to open the network;
download the filtered table as XLSX (only what the table shows)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from diagnose.portfolio import SORTS, STATUSES, Filter, PortfolioRow, filtered, page, sort_rows
from diagnose.regions import REGION
from diagnose.store.portfolio_view import portfolio_rows, table_xlsx, with_headlines
from diagnose.store.transfer.kept import slug
from diagnose.store.types import Workspace
from diagnose.text import format_number
from netscan_app import context
from netscan_app.i18n import current_lang, t, tn
from netscan_app.main import page_path
from netscan_app.portfolio_parts import cells, columns, fact_label
from netscan_app.resources import get_bundle, get_store

PORTFOLIO_FROM = 6  # networks in a workspace from which the overview is the portfolio table
PAGE_SIZE = 50
VISIBLE_ROWS = 15  # the table's height in rows; it scrolls for the rest of the page


def _choices(rows: list[PortfolioRow], attr: str, fact: str) -> list[str]:
    """The values the workspace's networks have, in the order of their labels."""
    label = _labeller(fact)
    return sorted(
        {str(v) for r in rows if (v := getattr(r, attr)) is not None}, key=lambda v: label(v).casefold()
    )


def _labeller(fact: str) -> Any:
    bundle, lang = get_bundle(), current_lang()

    def label(value: str) -> str:
        return fact_label(bundle, fact, value, lang)

    return label


def _filters(rows: list[PortfolioRow]) -> tuple[Filter, str]:
    cols = st.columns(4)
    chosen: dict[str, frozenset[str]] = {}
    for col, (fact, label_key, attr) in zip(
        cols[:3],
        (
            ("sector", "portfolio.filter.sector", "sector"),
            (REGION, "portfolio.filter.region", "region"),
            ("network_type", "portfolio.filter.type", "network_type"),
        ),
        strict=True,
    ):
        options = _choices(rows, attr, fact)
        picked = col.multiselect(
            t(label_key),
            options,
            format_func=_labeller(fact),
            key=f"portfolio_filter_{attr}",
            placeholder=t("portfolio.filter.any"),
            select_all=False,  # Streamlit names that option in English only ("Select all")
        )
        chosen[attr] = frozenset(picked)
    status = cols[3].multiselect(
        t("portfolio.filter.status"),
        list(STATUSES),
        format_func=lambda v: t(f"portfolio.status.{v}"),
        key="portfolio_filter_status",
        placeholder=t("portfolio.filter.any"),
        select_all=False,
    )
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    attention = left.toggle(t("portfolio.attention_only"), key="portfolio_attention_only")
    order = right.selectbox(
        t("portfolio.sort"), list(SORTS), format_func=lambda v: t(f"portfolio.sort.{v}"), key="portfolio_sort"
    )
    f = Filter(
        sector=chosen["sector"],
        region=chosen["region"],
        network_type=chosen["network_type"],
        status=frozenset(status),
        attention_only=attention,
    )
    return f, str(order)


def _open(shown: list[PortfolioRow], event: Any) -> None:
    """Open the network of the row chosen in the table, or chosen by name below it."""
    try:
        picked = list(event["selection"]["rows"])
    except (KeyError, TypeError):
        picked = []
    if picked and picked[0] < len(shown):
        _go(shown[picked[0]])
    names = {r.network_id: r for r in shown}
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    chosen = left.selectbox(
        t("portfolio.open_choose"),
        list(names),
        index=None,
        format_func=lambda nid: names[nid].name,
        key="portfolio_open_choice",
        placeholder=t("portfolio.open_choose"),
    )
    if (
        right.button(t("portfolio.open"), key="portfolio_open", icon=":material/hub:", width="stretch")
        and chosen
    ):
        _go(names[chosen])


def _go(r: PortfolioRow) -> None:
    context.select_network(r.network_id, r.latest.round_id if r.latest else None)
    st.switch_page(page_path("network"))


def portfolio(ws: Workspace) -> None:
    store, bundle, lang = get_store(), get_bundle(), current_lang()
    rows = portfolio_rows(store, ws.id)
    attention = sum(1 for r in rows if r.needs_attention)
    st.markdown(tn("portfolio.intro", len(rows), attention=attention))
    with st.expander(t("portfolio.rule_title"), icon=":material/help:"):
        st.markdown(t("portfolio.rule", change=format_number(bundle.settings.thresholds["change"], lang)))
    f, order = _filters(rows)
    chosen = sort_rows(filtered(rows, f), order)  # type: ignore[arg-type]
    if not chosen:
        st.info(t("portfolio.none_match"), icon=":material/filter_alt_off:")
        return
    pages = max(1, -(-len(chosen) // PAGE_SIZE))
    number = 1
    if pages > 1:
        left, right = st.columns([1, 3], vertical_alignment="center")
        number = int(
            left.number_input(t("portfolio.page"), min_value=1, max_value=pages, step=1, key="portfolio_page")
        )
        right.caption(t("portfolio.page_of", pages=pages))
    shown = with_headlines(store, page(chosen, number, PAGE_SIZE))
    st.caption(t("portfolio.shown", shown=len(chosen), total=len(rows)))
    header = columns(bundle, lang)
    event = st.dataframe(
        [dict(zip(header, cells(bundle, r, lang), strict=True)) for r in shown],
        hide_index=True,
        key="portfolio_table",
        on_select="rerun",
        selection_mode="single-row",
        height=38 + 35 * min(len(shown), VISIBLE_ROWS),
        column_config={
            # not pinned: Streamlit greys a pinned column like an index, and the name is what people read
            header[0]: st.column_config.TextColumn(width="large"),
            header[1]: st.column_config.TextColumn(width="large"),
            header[6]: st.column_config.TextColumn(width="large"),
        },
    )
    _open(shown, event)
    stamp = dt.date.today().isoformat()
    st.download_button(
        t("portfolio.download"),
        data=lambda: table_xlsx(
            t("portfolio.sheet"), header, [cells(bundle, r, lang) for r in with_headlines(store, chosen)]
        ),
        file_name=f"netwerkscan-portfolio-{slug(ws.name)}-{stamp}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        key="portfolio_download",
        icon=":material/download:",
    )
