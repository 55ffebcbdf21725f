"""Ids handed to one query (store/db.py among, id_slices): an IN list on SQLite in slices, one array
parameter on PostgreSQL; the same rows either way, also for no ids and for more ids than a slice."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from diagnose.store import Store, models
from diagnose.store.db import IN_SLICE, among, id_slices

pytestmark = pytest.mark.usefixtures("db_url")


def test_among_finds_the_same_rows_as_in_on_both_back_ends(store: Store) -> None:
    ws = store.create_workspace("Adviesbureau")
    made = [store.create_network(ws.id, f"Netwerk {i}", {"sector": "po"}).id for i in range(3)]
    wanted = [made[0], made[2], *range(10_000, 10_000 + 2 * IN_SLICE)]  # more than a slice
    dialect = store.db.dialect
    found: list[int] = []
    with store.engine.connect() as conn:
        for chunk in id_slices(wanted, dialect):
            found += conn.execute(
                select(models.Network.id).where(among(models.Network.id, chunk, dialect))
            ).scalars()
        assert sorted(found) == [made[0], made[2]]
        none = conn.execute(select(models.Network.id).where(among(models.Network.id, [], dialect))).all()
    assert none == [] and id_slices([], dialect) == []
    slices = id_slices(wanted, dialect)
    assert [i for chunk in slices for i in chunk] == wanted
    assert len(slices) == (1 if dialect == "postgresql" else 3)
