"""Many rows at once (bulk.insert_rows: COPY on PostgreSQL, the driver's executemany on SQLite)
read back as the same rows inserted one by one, every column through its own type: a compressed
document, an aware time, a missing value; what an INSERT refuses is refused alike."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import pytest
from sqlalchemy import String, Table, insert, select
from sqlalchemy import cast as cast_
from sqlalchemy.exc import DataError, IntegrityError, StatementError

from diagnose.store import Store, bulk, models

SNAPSHOTS = cast(Table, models.DiagnosisSnapshot.__table__)


def rows(round_id: int, n: int) -> list[dict[str, Any]]:
    at = dt.datetime(2026, 3, 29, 1, 30, 15, 123456, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    return [
        {
            "round_id": round_id,
            "created_at": at + dt.timedelta(seconds=i),
            "questionnaire_id": "netwerkscan",
            "questionnaire_version": "2.0",
            "ruleset_id": "netwerkscan-regels",
            "ruleset_version": f"2.0.{i}",
            "respondents": 8 + i,
            "data": b'{"findings":[],"note":"\xc3\xa9\xe2\x80\x98 \\u0000"}' if i % 2 else {"n": i, "t": "ë"},
            "scores": None if i == 1 else bytes(range(256)) * (i + 1),
            "scores_inputs": None if i == 1 else f"{i:064x}",
        }
        for i in range(n)
    ]


def read_back(store: Store) -> list[tuple[Any, ...]]:
    columns = [c for c in SNAPSHOTS.c if c.name != "id"]
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(*columns).order_by(SNAPSHOTS.c.id))]


def test_rows_inserted_at_once_read_back_as_inserted_one_by_one(store: Store) -> None:
    ws = store.create_workspace("W")
    r = store.create_round(store.create_network(ws.id, "N").id, "2026")
    with store.db.write() as s:
        bulk.insert_rows(s, SNAPSHOTS, rows(r.id, 5))
    at_once = read_back(store)
    with store.engine.begin() as conn:
        conn.execute(SNAPSHOTS.delete())
        for row in rows(r.id, 5):
            conn.execute(insert(SNAPSHOTS), row)
    assert at_once == read_back(store)
    assert len(at_once) == 5 and at_once[1][-2:] == (None, None)
    assert at_once[0][1] == dt.datetime(2026, 3, 28, 23, 30, 15, 123456, tzinfo=dt.UTC)
    assert at_once[0][7] == {"n": 0, "t": "ë"}


def test_a_time_is_written_as_an_insert_writes_it(store: Store) -> None:
    """The stored text itself, not only what SQLAlchemy reads back: SQLite keeps a time as text,
    and its DATETIME type writes the microseconds even when they are 0."""
    ws = store.create_workspace("W")
    r = store.create_round(store.create_network(ws.id, "N").id, "2026")
    batch = rows(r.id, 2)
    batch[0]["created_at"] = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
    as_stored = select(cast_(SNAPSHOTS.c.created_at, String)).order_by(SNAPSHOTS.c.id)
    with store.db.write() as s:
        bulk.insert_rows(s, SNAPSHOTS, batch)
    with store.engine.begin() as conn:
        at_once = conn.execute(as_stored).scalars().all()
        conn.execute(SNAPSHOTS.delete())
        for row in batch:
            conn.execute(insert(SNAPSHOTS), row)
        assert conn.execute(as_stored).scalars().all() == at_once


def test_a_row_the_table_refuses_leaves_none_of_the_batch(store: Store) -> None:
    ws = store.create_workspace("W")
    r = store.create_round(store.create_network(ws.id, "N").id, "2026")
    batch = rows(r.id, 3)
    batch[2]["round_id"] = r.id + 1000  # no such round
    with pytest.raises(IntegrityError), store.db.write() as s:
        bulk.insert_rows(s, SNAPSHOTS, batch)
    assert read_back(store) == []


def refusal(run: Any) -> type[Exception] | None:
    try:
        run()
    except Exception as exc:  # what is raised is what the test compares
        return type(exc)
    return None


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("respondents", 2**31),  # PostgreSQL's int4: COPY's binary form would wrap it, an INSERT refuses
        ("respondents", -(2**31) - 1),
        ("respondents", 2**63),  # beyond SQLite's integers: its driver refuses it
        ("created_at", dt.datetime(2026, 3, 1, 12, 0)),  # naive: the store refuses it
        ("created_at", "2026-03-01 12:00"),  # not a datetime
        ("created_at", dt.date(2026, 3, 1)),
        ("data", {"not JSON": {1, 2}}),
    ],
)
def test_a_value_is_refused_or_taken_as_by_an_insert(store: Store, column: str, value: Any) -> None:
    ws = store.create_workspace("W")
    r = store.create_round(store.create_network(ws.id, "N").id, "2026")
    batch = rows(r.id, 3)
    batch[1][column] = value

    def one_by_one() -> None:
        with store.engine.connect() as conn, conn.begin() as transaction:
            conn.execute(insert(SNAPSHOTS), batch)
            transaction.rollback()

    def at_once() -> None:
        with store.db.write() as s:
            bulk.insert_rows(s, SNAPSHOTS, batch)

    expected = refusal(one_by_one)
    if store.db.dialect == "postgresql" or column == "created_at":
        assert expected in (DataError, StatementError)
    assert refusal(at_once) is expected
    assert len(read_back(store)) == (0 if expected else 3)
