"""A workspace's networks as the portfolio shows them: the one way stored data becomes its rows.

    from diagnose.store.portfolio_view import portfolio_rows, with_headlines
    rows = portfolio_rows(store, workspace_id)       # every network, needing attention first
    shown = with_headlines(store, rows[:50])         # the top finding's title of the rows shown

Rows come from stored data only (store/standing.py: latest means per round, latest rounds,
open agreements), never by diagnosing; the rules are the core's (diagnose/portfolio.py). The
headline is the title of the top card of the latest round with open results, as the consultant's
edit has it (the same top as the dashboard and the report); it is read for the rows asked only,
and kept per snapshot and edit version in this process.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import threading
from collections.abc import Sequence
from typing import Any

from diagnose import collector
from diagnose.cards import summary_cards
from diagnose.edits import apply
from diagnose.portfolio import Measured, NetworkFacts, PortfolioRow, portfolio
from diagnose.scores import Reference
from diagnose.store import Store
from diagnose.store.transfer import tables
from diagnose.text import LocalizedText

_HEADLINES: dict[tuple[str, int, int], LocalizedText | None] = {}  # (store url, snapshot, edit version)
_LOCK = threading.Lock()
_KEEP = 20_000  # headlines kept in this process at most


def network_facts(store: Store, workspace_id: int) -> list[NetworkFacts]:
    networks = store.list_networks(workspace_id)
    ids = [n.id for n in networks]
    standings = store.latest_standings(ids, last=2)
    latest = store.latest_rounds(ids)
    agreements = store.open_agreement_counts(ids)
    # one Reference per questionnaire version, shared by the rows (a portfolio has 2,000 of them)
    references: dict[tuple[str, str], Reference] = {}

    def reference(qid: str, version: str) -> Reference:
        found = references.get((qid, version))
        if found is None:
            found = references[(qid, version)] = Reference(id=qid, version=version)
        return found

    return [
        NetworkFacts(
            network_id=n.id,
            name=n.name,
            profile=n.profile,
            created=n.created_at.date(),
            latest=latest.get(n.id),
            measured=[
                Measured(
                    label=st.label,
                    date=st.date,
                    questionnaire=reference(st.questionnaire_id, st.questionnaire_version),
                    means=st.means.mean,
                    bands=st.means.band,
                    round_id=st.round_id,
                    facts=st.facts,
                    snapshot_id=st.snapshot_id,
                )
                for st in standings.get(n.id, [])
            ],
            open_agreements=agreements.get(n.id, 0),
        )
        for n in networks
    ]


def portfolio_rows(store: Store, workspace_id: int, *, today: dt.date | None = None) -> list[PortfolioRow]:
    """Every network of the workspace, needing attention first, then by name (no headlines yet).
    Building the rows of 1,000 networks set off a full collection at most views (~0.1 s of ~0.3 s),
    walking every object in the process and freeing none of the rows, so the collector
    is paused while they are made (diagnose/collector.py)."""
    with collector.paused():
        return portfolio(store.bundle, network_facts(store, workspace_id), today or dt.date.today())


def headline(
    store: Store, round_id: int, snapshot_id: int | None = None, edit_version: int | None = None
) -> LocalizedText | None:
    """The title of the top card of the round's latest diagnosis, as edited; None without one.
    Given the latest snapshot's id (the standing has it) and the edit's version, a title already
    worked out is not read again."""
    version = edit_version if edit_version is not None else store.round_edit(round_id).version
    if snapshot_id is not None:
        with _LOCK:
            if (store.url, snapshot_id, version) in _HEADLINES:
                return _HEADLINES[(store.url, snapshot_id, version)]
    snapshot = store.latest_snapshot(round_id)
    if snapshot is None:
        return None
    edit = store.round_edit(round_id)
    key = (store.url, snapshot.id, edit.version)
    with _LOCK:
        if key in _HEADLINES:
            return _HEADLINES[key]
    d = snapshot.diagnosis()
    found: LocalizedText | None = None
    if d.results_allowed:
        top = summary_cards(apply(d, store.bundle, edit).diagnosis, store.bundle)
        found = top[0].lead.title if top else None
    with _LOCK:
        if len(_HEADLINES) >= _KEEP:
            _HEADLINES.clear()
        _HEADLINES[key] = found
    return found


def with_headlines(store: Store, rows: Sequence[PortfolioRow]) -> list[PortfolioRow]:
    """The rows with the headline of their latest round with open results."""
    versions = store.edit_versions([r.measured.round_id for r in rows if r.measured])
    return [
        dataclasses.replace(
            r,
            headline=headline(
                store, r.measured.round_id, r.measured.snapshot_id, versions.get(r.measured.round_id, 0)
            ),
        )
        if r.measured
        else r
        for r in rows
    ]


def table_xlsx(title: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """The portfolio table as the page shows it, one sheet (the store's export conventions: the
    header frozen, every cell inert, so a name starting with = is text and never a formula)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    sheet.append([tables.xlsx_cell(v) for v in header])
    for row in rows:
        sheet.append([tables.xlsx_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
